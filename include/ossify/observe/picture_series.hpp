/// @file
/// @brief `picture_series`: an observer writing a PNG picture of a lattice tissue per observation.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_PICTURE_SERIES_HPP
#define OSSIFY_OBSERVE_PICTURE_SERIES_HPP

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tissue_output.hpp"

OSSIFY_NAMESPACE_BEGIN

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

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_PICTURE_SERIES_HPP
