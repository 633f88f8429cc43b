/// @file
/// @brief The record of one calvaria run: snapshots (per gestational week from the first centre
/// to birth, per month after birth), the bones' onsets and the closure ages, and the table
/// (series) built from them. Also the run's resolution rules (grid and spacing).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_RECORD_HPP
#define OSSIFY_SCENARIO_CALVARIA_RECORD_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../../error.hpp"
#include "../scenario.hpp"
#include "model.hpp"
#include "vault_gaps.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief The vault at one moment.
struct vault_snapshot {
    double time = 0.0;               ///< model time (d)
    double gestational_weeks = 0.0;  ///< gestational age (weeks)
    double postnatal_months = 0.0;   ///< age after birth (months; negative before birth)
    double hc_mm = 0.0;              ///< head circumference of the vault sphere (mm)
    double front_speed = 0.0;        ///< free front speed (um/d) at that moment
    std::array<bone_measure, bone_count> bones{};                 ///< per reported bone
    std::array<gap_measure, vault_gap_list.size()> gaps{};        ///< per fontanelle and suture
};

/// @brief Everything one run records besides the scenario_result.
struct calvaria_record {
    std::vector<vault_snapshot> snapshots;                              ///< in time order
    std::optional<double> first_centre;                                 ///< model time of the first centre
    std::array<std::optional<double>, bone_count> onset{};              ///< model time each bone first ossified
    std::array<std::optional<double>, vault_gap_list.size()> closed{};  ///< model time each gap closed
    std::size_t centres = 0;                                            ///< centres alive at the end
    double birth = 0.0;                                                 ///< model time of birth
};

/// @brief Column names of the table a record gives (one row per snapshot).
[[nodiscard]] inline std::vector<std::string> record_columns() {
    std::vector<std::string> c{"model_day", "gestational_week", "postnatal_month", "hc_mm", "front_speed_um_per_d"};
    for (std::size_t b = 0; b < bone_count; ++b) {
        const std::string n(bone_name(b));
        for (const char* q : {" area mm2", " projected area mm2", " sagittal mm", " coronal mm", " thickness mm"}) c.push_back(n + q);
    }
    for (const auto& g : vault_gap_list) {
        const std::string n(g.name);
        for (const char* q : {" area mm2", " length mm", " width mm", " size mm", " closed share"}) c.push_back(n + q);
    }
    return c;
}
/// @brief The table row of a snapshot (columns as record_columns()).
[[nodiscard]] inline std::vector<double> record_row(const vault_snapshot& s) {
    std::vector<double> r{s.time, s.gestational_weeks, s.postnatal_months, s.hc_mm, s.front_speed};
    for (const auto& b : s.bones) r.insert(r.end(), {b.area_mm2, b.projected_mm2, b.sagittal_mm, b.coronal_mm, b.thickness_mm});
    for (const auto& g : s.gaps) r.insert(r.end(), {g.area_mm2, g.length_mm, g.width_mm, g.size_mm, g.closed_share});
    return r;
}

/// @brief The grid (nx, ny) and nominal spacing (um) of a run: the spacing is the map's at the
/// vertex on the median newborn's vault (reference_radius_um); the grid follows from it and the
/// vault's shape. An explicit grid must match the spacing (or, alone, sets it); a grid of
/// another aspect than the vault's is refused: the grid is a resolution of a fixed anatomy.
struct vault_resolution {
    std::int32_t nx = 0, ny = 0;  ///< sites
    double spacing_um = 0.0;      ///< nominal spacing
};
/// @brief Resolves grid and spacing for the given options and anatomy (throws invalid_parameter
/// naming "grid" or "spacing").
[[nodiscard]] inline vault_resolution resolve_vault_grid(const scenario_options& o, const anatomy_parameters& a,
                                                        double default_spacing_um) {
    constexpr const char* where = "ossify::calvaria";
    const double rho = reference_radius_um(), rim_lat = a.rim_lateral, rim_ap = a.rim_ap;
    const double per_site = 4.0 * std::tan(0.5 * rim_lat * 3.141592653589793 / 180.0) * rho;  // nx * spacing
    vault_resolution r;
    if (o.grid) {
        if (o.grid->size() != 2) {
            throw invalid_parameter(where, "grid", std::to_string(o.grid->size()) + " extents",
                                    "2 extents (the vault is a 2-D map; the bone's thickness is a field)");
        }
        r.nx = (*o.grid)[0];
        r.ny = (*o.grid)[1];
        require_in_range(where, "grid[0]", r.nx, 16, 1 << 14, "sites");
        r.spacing_um = per_site / r.nx;
        if (o.spacing && std::abs(o.spacing->value() - r.spacing_um) > 0.01 * r.spacing_um) {
            throw invalid_parameter(where, "spacing", format_value(o.spacing->value()) + " um",
                                    format_value(r.spacing_um) + " um, the spacing of the grid given (" +
                                        std::to_string(r.nx) + " x " + std::to_string(r.ny) + ")");
        }
    } else {
        const double h = o.spacing ? o.spacing->value() : default_spacing_um;
        require_in_range(where, "spacing", h, 100.0, 20000.0, "um");
        r.nx = static_cast<std::int32_t>(std::lround(per_site / h));
        r.spacing_um = per_site / r.nx;
        r.ny = vault_map::ny_for(r.nx, rim_ap, rim_lat);
    }
    const auto want = vault_map::ny_for(r.nx, rim_ap, rim_lat);
    if (std::abs(r.ny - want) > 1) {
        throw invalid_parameter(where, "grid", std::to_string(r.nx) + " x " + std::to_string(r.ny),
                                std::to_string(r.nx) + " x " + std::to_string(want) +
                                    " (the vault map's aspect: the grid is a resolution of a fixed anatomy)");
    }
    return r;
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_RECORD_HPP
