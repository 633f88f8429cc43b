/// @file
/// @brief `csv_recorder`: an observer writing one CSV row of metrics per observation, for any model.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_RECORDER_HPP
#define OSSIFY_OBSERVE_RECORDER_HPP

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csv.hpp"
#include "metrics.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The metrics a csv_recorder writes by default: standard_metrics(model).
struct standard_metrics_fn {
    /// @brief standard_metrics(m).
    template <class Model>
    [[nodiscard]] metrics_row operator()(const Model& m) const {
        return standard_metrics(m);
    }
};

/**
 * @brief Writes one CSV row of metrics per observation (any tissue_model); the header holds
 * the comments given and the model's seed.
 * @tparam Metrics callable `metrics_row(const Model&)` (standard_metrics by default)
 */
template <class Metrics = standard_metrics_fn>
class csv_recorder {
public:
    /// @brief Records into `path`.
    explicit csv_recorder(std::filesystem::path path, std::vector<std::string> comments = {}, Metrics metrics = {})
        : path_(std::move(path)), comments_(std::move(comments)), metrics_(std::move(metrics)) {}
    /// @brief Writes a row for the model at its time.
    template <class Model>
    void operator()(const Model& m) {
        const auto row = metrics_(m);
        if (!writer_) {
            auto comments = comments_;
            comments.push_back("seed = " + std::to_string(m.seed().value));
            writer_.emplace(path_, row.names, comments);
        }
        writer_->row(row.values);
        writer_->flush();
    }
    /// @brief Closes the file.
    template <class Model>
    void finish(const Model&) {
        if (writer_) writer_->close();
    }
    /// @brief The file written.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
    std::vector<std::string> comments_;
    Metrics metrics_;
    std::optional<csv_writer> writer_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_RECORDER_HPP
