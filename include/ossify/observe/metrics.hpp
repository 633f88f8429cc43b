/// @file
/// @brief Metrics of a model: counts per state; for a lattice tissue with bone, osteoid and
/// mineral volume, BV/TV, osteocyte density, marrow fraction, distance of the bone front.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_METRICS_HPP
#define OSSIFY_OBSERVE_METRICS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "../tissue/fields.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief True for a lattice tissue with a bone matrix (metrics of bone apply to it).
template <class Tissue>
concept tissue_with_matrix = requires(const Tissue& t) {
    t.matrix().bone_volume_fraction();
    t.matrix().bone_threshold();
    t.grid();
};

/// @brief Bone volume over tissue volume: matrix volume / grid volume.
template <tissue_with_matrix Tissue>
[[nodiscard]] fraction bone_volume_fraction(const Tissue& t) {
    return t.matrix().bone_volume_fraction();
}
/// @brief Osteoid (unmineralised matrix) volume.
template <tissue_with_matrix Tissue>
[[nodiscard]] volume osteoid_volume(const Tissue& t) {
    return t.matrix().total_osteoid_volume();
}
/// @brief Mineral volume (matrix volume times its degree of mineralisation).
template <tissue_with_matrix Tissue>
[[nodiscard]] volume mineral_volume(const Tissue& t) {
    return t.matrix().total_mineral_volume();
}
/// @brief Osteocytes per volume of bone matrix (0 when there is no matrix). Compare with
/// 13,000-17,000 per mm^3 in adult trabecular bone (Mullender 1996).
/// @tparam Osteocyte the osteocyte state
template <class Osteocyte, tissue_with_matrix Tissue>
[[nodiscard]] number_density osteocyte_density(const Tissue& t) {
    const double bone = t.matrix().total_matrix_volume().value();
    const double n = t.template count<Osteocyte>();
    return number_density::from_value(bone > 0.0 ? n / bone : 0.0);
}
/// @brief Red-marrow sites over the sites of the bone organ (bone sites plus marrow sites);
/// 0 for a tissue without the marrow field.
template <tissue_with_matrix Tissue>
[[nodiscard]] fraction marrow_fraction(const Tissue& t) {
    if constexpr (Tissue::template carries<ossify::marrow>) {
        const auto m = t.template field<ossify::marrow>();
        std::size_t on = 0, organ = 0;
        for (std::size_t i = 0; i < m.size(); ++i) {
            const bool is_marrow = m[i] != 0;
            on += is_marrow ? 1u : 0u;
            organ += (is_marrow || t.matrix().is_bone(i)) ? 1u : 0u;
        }
        return fraction(organ == 0 ? 0.0 : static_cast<double>(on) / static_cast<double>(organ));
    } else {
        return fraction(0.0);
    }
}
/// @brief Distance from `centre` (a site) to the farthest bone site; 0 without bone.
template <tissue_with_matrix Tissue>
[[nodiscard]] length bone_front_distance(const Tissue& t, const typename Tissue::grid_type::site_type& centre) {
    const auto& g = t.grid();
    double best = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (!t.matrix().is_bone(i)) continue;
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
/// @brief One row of metrics: names (with units) and values, for CSV output.
struct metrics_row {
    /// @brief Column names, with units.
    std::vector<std::string> names;
    /// @brief Values, in the internal scale of the named units.
    std::vector<double> values;
    /// @brief Appends a column.
    void add(std::string name, double value) {
        names.push_back(std::move(name));
        values.push_back(value);
    }
};

/// @brief The standard metrics of any model at its current time: time and cells per state;
/// for a lattice tissue with bone matrix also osteoid and mineral volume, BV/TV, marrow
/// fraction and the bone-front distance from the grid's centre.
template <class Model>
[[nodiscard]] metrics_row standard_metrics(const Model& m) {
    metrics_row r;
    r.add("time_d", m.time().value());
    const auto counts = m.counts();
    for (std::size_t s = 0; s < counts.size(); ++s) r.add(std::string(Model::state_name(s)) + "_cells", counts[s]);
    if constexpr (tissue_with_matrix<Model>) {
        r.add("osteoid_volume_um3", osteoid_volume(m).value());
        r.add("mineral_volume_um3", mineral_volume(m).value());
        r.add("bv_tv", bone_volume_fraction(m).value());
        r.add("marrow_fraction", marrow_fraction(m).value());
        r.add("bone_front_um", bone_front_distance(m, grid_centre(m.grid())).value());
    }
    return r;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_METRICS_HPP
