/// @file
/// @brief Metrics of a lattice tissue: counts per state, osteoid and mineral volume, BV/TV,
/// osteocyte density, marrow fraction, distance of the bone front from a centre.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_METRICS_HPP
#define OSSIFY_OBSERVE_METRICS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Bone volume over tissue volume: matrix volume / grid volume.
template <class Tissue>
[[nodiscard]] fraction bone_volume_fraction(const Tissue& t) {
    return t.matrix().bone_volume_fraction();
}

/// @brief Osteoid (unmineralised matrix) volume.
template <class Tissue>
[[nodiscard]] volume osteoid_volume(const Tissue& t) {
    return t.matrix().total_osteoid_volume();
}

/// @brief Mineral volume (matrix volume times its degree of mineralisation).
template <class Tissue>
[[nodiscard]] volume mineral_volume(const Tissue& t) {
    return t.matrix().total_mineral_volume();
}

/// @brief Osteocytes per volume of bone matrix (0 when there is no matrix). Compare with
/// 13,000-17,000 per mm^3 in adult trabecular bone (Mullender 1996).
template <class Tissue, class Osteocyte>
[[nodiscard]] number_density osteocyte_density(const Tissue& t) {
    const double bone = t.matrix().total_matrix_volume().value();
    const double n = static_cast<double>(t.template count<Osteocyte>());
    return number_density::from_value(bone > 0.0 ? n / bone : 0.0);
}

/// @brief Red-marrow sites over the sites of the bone organ (bone sites plus marrow sites).
template <class Tissue>
[[nodiscard]] fraction marrow_fraction(const Tissue& t) {
    const auto marrow = t.marrow();
    std::size_t m = 0, organ = 0;
    for (std::size_t i = 0; i < marrow.size(); ++i) {
        const bool is_marrow = marrow[i] != 0;
        const bool is_bone = t.matrix().matrix_fraction(i) >= t.bone_threshold();
        m += is_marrow ? 1u : 0u;
        organ += (is_marrow || is_bone) ? 1u : 0u;
    }
    return fraction(organ == 0 ? 0.0 : static_cast<double>(m) / static_cast<double>(organ));
}

/// @brief Distance from `centre` (a site) to the farthest bone site (matrix fraction at least
/// the tissue's bone threshold); 0 without bone.
template <class Tissue>
[[nodiscard]] length bone_front_distance(const Tissue& t, const typename Tissue::grid_type::site_type& centre) {
    const auto& g = t.grid();
    double best = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (t.matrix().matrix_fraction(i) < t.bone_threshold()) continue;
        const auto c = g.coords(i);
        double r2 = 0.0;
        for (std::size_t a = 0; a < Tissue::dimension; ++a) {
            const double dx = static_cast<double>(c[a] - centre[a]);
            r2 += dx * dx;
        }
        best = std::max(best, r2);
    }
    return length::from_value(std::sqrt(best) * g.spacing_um());
}

/// @brief The centre site of a grid.
template <class Grid>
[[nodiscard]] typename Grid::site_type grid_centre(const Grid& g) {
    typename Grid::site_type c{};
    for (std::size_t a = 0; a < Grid::dimension; ++a) c[a] = g.extent(a) / 2;
    return c;
}

/// @brief One row of the standard metrics: names (with units) and values, for CSV output.
struct metrics_row {
    /// @brief Column names, with units.
    std::vector<std::string> names;
    /// @brief Values, in the internal scale of the named units.
    std::vector<double> values;
};

/// @brief The standard metrics of a tissue at its current time: time, cells per state,
/// osteoid and mineral volume, BV/TV, marrow fraction, bone-front distance from `centre`.
template <class Tissue>
[[nodiscard]] metrics_row standard_metrics(const Tissue& t, const typename Tissue::grid_type::site_type& centre) {
    metrics_row r;
    r.names.emplace_back("time_d");
    r.values.push_back(t.time().value());
    const auto counts = t.counts();
    for (std::size_t s = 0; s < counts.size(); ++s) {
        r.names.push_back(std::string(Tissue::state_name(s)) + "_cells");
        r.values.push_back(static_cast<double>(counts[s]));
    }
    r.names.emplace_back("osteoid_volume_um3");
    r.values.push_back(osteoid_volume(t).value());
    r.names.emplace_back("mineral_volume_um3");
    r.values.push_back(mineral_volume(t).value());
    r.names.emplace_back("bv_tv");
    r.values.push_back(bone_volume_fraction(t).value());
    r.names.emplace_back("marrow_fraction");
    r.values.push_back(marrow_fraction(t).value());
    r.names.emplace_back("bone_front_um");
    r.values.push_back(bone_front_distance(t, centre).value());
    return r;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_METRICS_HPP
