/// @file
/// @brief Writers and reporters as observers of a run (`run_for(model, T, dt, obs...)`):
/// `csv_recorder` (a metrics time series, any model), `vti_series` (VTK image data of a lattice
/// tissue, plus a `.pvd` collection so ParaView animates the run), `picture_series` (PNG
/// pictures), `progress_bar` (a progress line), `rule_activity` (how often each rule fired, so a
/// rule that never fires is seen). Combine with `every(1.0_d, ...)`, `at({...}, ...)`.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_OBSERVERS_HPP
#define OSSIFY_OBSERVE_OBSERVERS_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../tissue/model.hpp"
#include "../units/quantities.hpp"
#include "csv.hpp"
#include "detail/io.hpp"
#include "metrics.hpp"
#include "progress.hpp"
#include "tissue_output.hpp"
#include "vtk.hpp"

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

/// @brief Writes `<dir>/<stem>_000000.vti`, `_000001` ... (every field of a lattice tissue, see
/// write_tissue_vti) per observation, and at the end `<dir>/<stem>.pvd`, the collection with
/// each file's model time, which ParaView opens as one animated data set.
class vti_series {
public:
    /// @brief Writes into `dir` (created when missing) files named after `stem`.
    explicit vti_series(std::filesystem::path dir, std::string stem = "tissue") : dir_(std::move(dir)), stem_(std::move(stem)) {}
    /// @brief Writes the tissue at its time.
    template <class Tissue>
    void operator()(const Tissue& t) {
        std::filesystem::create_directories(dir_);
        char name[32];
        std::snprintf(name, sizeof name, "_%06zu.vti", files_.size());
        const auto file = dir_ / (stem_ + name);
        write_tissue_vti(file, t);
        files_.push_back(file);
        times_.push_back(t.time().value());
    }
    /// @brief Writes the `.pvd` collection.
    template <class Tissue>
    void finish(const Tissue&) {
        if (files_.empty()) return;
        const auto pvd = dir_ / (stem_ + ".pvd");
        auto out = detail::open_output("ossify::vti_series", pvd, false);
        out << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
               "  <Collection>\n";
        for (std::size_t k = 0; k < files_.size(); ++k) {
            std::string t;
            detail::append_number(t, times_[k]);
            out << "    <DataSet timestep=\"" << t << "\" group=\"\" part=\"0\" file=\""
                << detail::xml_escape(files_[k].filename().string()) << "\"/>\n";
        }
        out << "  </Collection>\n</VTKFile>\n";
        detail::close_output("ossify::vti_series", pvd, out);
        files_.push_back(pvd);
    }
    /// @brief Every file written so far (the .vti files, then the .pvd).
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

private:
    std::filesystem::path dir_;
    std::string stem_;
    std::vector<std::filesystem::path> files_;
    std::vector<double> times_;
};

/// @brief Writes a PNG picture of a lattice tissue per observation, `<dir>/<stem>_day<d>.png`,
/// titled with the day and the seed (slice z of a 3-D tissue).
class picture_series {
public:
    /// @brief Writes into `dir` (created when missing).
    explicit picture_series(std::filesystem::path dir, std::string stem = "tissue", std::int32_t scale = 3, std::int32_t z = 0)
        : dir_(std::move(dir)), stem_(std::move(stem)), scale_(scale), z_(z) {}
    /// @brief Writes the picture of the tissue at its time.
    template <class Tissue>
    void operator()(const Tissue& t) {
        std::filesystem::create_directories(dir_);
        char day[64];
        std::snprintf(day, sizeof day, "_day%07.2f.png", t.time().value());
        const auto file = dir_ / (stem_ + day);
        char title[96];
        std::snprintf(title, sizeof title, ", day %.1f, seed %llu", t.time().value(),
                      static_cast<unsigned long long>(t.seed().value));
        render_tissue(t, stem_ + title, scale_, z_).write_png(file);
        files_.push_back(file);
    }
    /// @brief Every file written so far.
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

private:
    std::filesystem::path dir_;
    std::string stem_;
    std::int32_t scale_, z_;
    std::vector<std::filesystem::path> files_;
};

/// @brief A progress line for a run that ends at model time `end` (see progress_reporter).
class progress_bar {
public:
    /// @brief A bar for a run ending at `end`, printing to `out` when `enabled`.
    explicit progress_bar(duration end, bool enabled = true, std::ostream& out = std::cerr)
        : end_(end.value()), reporter_(enabled, out) {}
    /// @brief Redraws the line (at most ten times a second).
    template <class Model>
    void operator()(const Model& m) {
        const double t = m.time().value();
        if (!started_) {
            started_ = true;
            start_ = t;
        }
        const double span = end_ - start_;
        const double share = span > 0.0 ? (t - start_) / span : 1.0;
        reporter_.update(share < 0.0 ? 0.0 : share > 1.0 ? 1.0 : share, m.time());
    }
    /// @brief Draws the final line.
    template <class Model>
    void finish(const Model&) {
        reporter_.finish();
    }

private:
    double end_;
    progress_reporter reporter_;
    bool started_ = false;
    double start_ = 0.0;
};

/// @brief How often each rule of a model fired: totals, a time series per observation, and the
/// rules that never fired (a threshold a source never reaches, a state never entered).
class rule_activity {
public:
    /// @brief Records the firings of every rule at the model's time.
    template <rule_reporting_model Model>
    void operator()(const Model& m) {
        if (names_.empty()) {
            for (std::size_t k = 0; k < m.rule_count(); ++k) names_.push_back(m.rule_name(k));
        }
        std::vector<double> row;
        for (std::size_t k = 0; k < m.rule_count(); ++k) row.push_back(m.rule_fires(k));
        times_.push_back(m.time().value());
        fires_.push_back(std::move(row));
    }
    /// @brief The rules' names.
    [[nodiscard]] const std::vector<std::string>& rule_names() const noexcept { return names_; }
    /// @brief Times of the observations (d).
    [[nodiscard]] const std::vector<double>& times() const noexcept { return times_; }
    /// @brief Firings so far of every rule, per observation.
    [[nodiscard]] const std::vector<std::vector<double>>& fires() const noexcept { return fires_; }
    /// @brief The rules that had not fired by the last observation.
    [[nodiscard]] std::vector<std::string> never_fired() const {
        std::vector<std::string> out;
        if (fires_.empty()) return out;
        for (std::size_t k = 0; k < names_.size(); ++k) {
            if (fires_.back()[k] == 0.0) out.push_back(names_[k]);
        }
        return out;
    }
    /// @brief A table: one line per rule with its firings, "NEVER FIRED" where none.
    [[nodiscard]] std::string report() const {
        std::string out;
        for (std::size_t k = 0; k < names_.size(); ++k) {
            const double n = fires_.empty() ? 0.0 : fires_.back()[k];
            out += names_[k] + ": ";
            if (n == 0.0) out += "NEVER FIRED";
            else detail::append_number(out, n);
            out += '\n';
        }
        return out;
    }

private:
    std::vector<std::string> names_;
    std::vector<double> times_;
    std::vector<std::vector<double>> fires_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_OBSERVERS_HPP
