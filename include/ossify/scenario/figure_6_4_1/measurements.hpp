/// @file
/// @brief What the Figure 6.4.1 scenario measures on its plate: the compact and trabecular
/// regions (per line along the plate's normal), their BV/TV, trabecular strut thickness (distance
/// ridge), osteocyte density and nearest-neighbour spacing, the distance from cells to the
/// nearest capillary, and the plate's shape. Free functions of any lattice tissue that carries
/// the scenario's fields.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_MEASUREMENTS_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_MEASUREMENTS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "../../cell/states.hpp"
#include "../../space/shape.hpp"
#include "../../tissue/context.hpp"
#include "../../tissue/fields.hpp"
#include "cells.hpp"
#include "distance.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief The part of the plate that is measured: lines along y with x0 <= x < x1 and z0 <= z < z1.
struct plate_window {
    std::size_t x0 = 0, x1 = 0;  ///< x range
    std::size_t z0 = 0, z1 = 1;  ///< z range (0, 1 in 2-D)
    /// @brief The middle half of a shape's x extent (away from the seed vessels at the lateral
    /// edges), every z.
    [[nodiscard]] static plate_window of(const lattice_shape& s) noexcept { return {s.nx / 4, s.nx - s.nx / 4, 0, s.nz}; }
    /// @brief The lines within `half_width` sites of the centre along x (and z in 3-D): the oldest
    /// part of the plate, around its ossification centre.
    [[nodiscard]] static plate_window around_centre(const lattice_shape& s, std::size_t half_width) noexcept {
        const auto lo = [&](std::size_t n) { return n / 2 > half_width ? n / 2 - half_width : 0; };
        const auto hi = [&](std::size_t n) { return std::min(n, n / 2 + half_width + 1); };
        return s.nz > 1 ? plate_window{lo(s.nx), hi(s.nx), lo(s.nz), hi(s.nz)} : plate_window{lo(s.nx), hi(s.nx), 0, 1};
    }
    /// @brief True when line (x, z) is in the window.
    [[nodiscard]] bool contains(std::size_t x, std::size_t z) const noexcept { return x >= x0 && x < x1 && z >= z0 && z < z1; }
};

/// @brief The regions of the plate and what lies in them.
struct plate_regions {
    double compact_sites = 0, compact_matrix = 0;         ///< compact bands: sites, matrix volume (sites)
    double trabecular_sites = 0, trabecular_matrix = 0;   ///< between the compact bands
    double top_compact_um = 0, bottom_compact_um = 0;     ///< mean thickness of each compact band
    double thickness_um = 0;                              ///< mean thickness of the plate (outermost bone to outermost bone)
    double width_um = 0;                                  ///< extent along x of columns holding bone (whole grid)
    double columns = 0;                                   ///< measured columns holding bone
    double top_surface = 0, top_periosteal = 0;           ///< measured lines with an upper face, and those with periosteum on it
    double bottom_surface = 0, bottom_periosteal = 0;     ///< the same, lower face
    std::vector<std::uint8_t> trabecular;                 ///< 1 on sites of the trabecular region (measured columns)
    /// @brief BV/TV of the compact bands (0 without).
    [[nodiscard]] double compact_bv_tv() const noexcept { return compact_sites > 0 ? compact_matrix / compact_sites : 0.0; }
    /// @brief BV/TV of the trabecular region (0 without).
    [[nodiscard]] double trabecular_bv_tv() const noexcept { return trabecular_sites > 0 ? trabecular_matrix / trabecular_sites : 0.0; }
};

/**
 * @brief The regions of a plate along each line x, z of the window (default: the central half
 * along x; lines along y): the plate
 * spans from its outermost bone site on one face to the other's; each compact band reaches in
 * from its face until it holds all the periosteal bone (bone_origin) of that half of the line;
 * the trabecular region lies between the bands (marked per site in `trabecular` when asked).
 */
template <class Tissue>
[[nodiscard]] plate_regions measure_plate(const Tissue& t, bool mark_trabecular = true,
                                          std::optional<plate_window> window = std::nullopt) {
    const auto s = shape_of(t.grid());
    const auto w = window.value_or(plate_window::of(s));
    const auto& m = t.matrix();
    const auto origin = t.template field<bone_origin>();
    const auto states = t.states();
    constexpr auto peri = Tissue::template state_index<periosteal>();
    const double h = t.grid().spacing_um();
    plate_regions r;
    if (mark_trabecular) r.trabecular.assign(s.sites(), 0);
    double any_columns = 0;
    for (std::size_t z = 0; z < s.nz; ++z) {
        for (std::size_t x = 0; x < s.nx; ++x) {
            const std::size_t base = x + z * s.sz;
            std::size_t lo = s.ny, hi = 0;
            for (std::size_t y = 0; y < s.ny; ++y) {
                if (m.is_bone(base + y * s.sy)) lo = std::min(lo, y), hi = y;
            }
            if (lo == s.ny) continue;
            any_columns += 1;
            if (!w.contains(x, z)) continue;
            r.columns += 1;
            r.thickness_um += static_cast<double>(hi - lo + 1) * h;
            const std::size_t mid = (lo + hi) / 2;
            // Each compact band reaches in from its face until it holds all the periosteal bone
            // of that half of the line: [top_in, hi] and [lo, bottom_in).
            const auto periosteal_bone = [&](std::size_t y) {
                const std::size_t i = base + y * s.sy;
                return origin[i] == static_cast<std::uint8_t>(bone_source::periosteal) && m.is_bone(i);
            };
            std::size_t top_count = 0, bottom_count = 0;
            for (std::size_t y = mid + 1; y <= hi; ++y) top_count += periosteal_bone(y) ? 1u : 0u;
            for (std::size_t y = lo; y <= mid; ++y) bottom_count += periosteal_bone(y) ? 1u : 0u;
            std::size_t top_in = hi + 1, bottom_in = lo;
            for (std::size_t seen = 0; seen < top_count; --top_in) seen += periosteal_bone(top_in - 1) ? 1u : 0u;
            for (std::size_t seen = 0; seen < bottom_count; ++bottom_in) seen += periosteal_bone(bottom_in) ? 1u : 0u;
            r.top_compact_um += static_cast<double>(hi + 1 - top_in) * h;
            r.bottom_compact_um += static_cast<double>(bottom_in - lo) * h;
            for (std::size_t y = lo; y <= hi; ++y) {
                const std::size_t i = base + y * s.sy;
                const bool compact = y >= top_in || y < bottom_in;
                (compact ? r.compact_sites : r.trabecular_sites) += 1;
                (compact ? r.compact_matrix : r.trabecular_matrix) += m.matrix_fraction(i);
                if (!compact && mark_trabecular) r.trabecular[i] = 1;
            }
            // The periosteum of each face: a periosteal cell within two sites beyond the outermost bone.
            const auto periosteum = [&](std::size_t y) { return states[base + y * s.sy] == peri; };
            if (hi + 1 < s.ny) {
                r.top_surface += 1;
                r.top_periosteal += periosteum(hi + 1) || (hi + 2 < s.ny && periosteum(hi + 2)) ? 1 : 0;
            }
            if (lo > 0) {
                r.bottom_surface += 1;
                r.bottom_periosteal += periosteum(lo - 1) || (lo > 1 && periosteum(lo - 2)) ? 1 : 0;
            }
        }
    }
    if (r.columns > 0) {
        r.thickness_um /= r.columns;
        r.top_compact_um /= r.columns;
        r.bottom_compact_um /= r.columns;
    }
    r.width_um = s.nz > 0 ? any_columns / static_cast<double>(s.nz) * h : 0.0;
    return r;
}

/**
 * @brief Mean thickness (um) of the bone in a region, from its distance ridge: for every bone
 * site of the region whose distance to the nearest non-bone site is a local maximum among its
 * bone face neighbours, the diameter 2d - 1 (sites) of the largest ball of whole sites centred
 * there (Hildebrand & Rueegsegger 1997 measure thickness by inscribed spheres; on a lattice this
 * is exact to one site). 0 when the region holds no bone.
 */
template <class Tissue>
[[nodiscard]] double strut_thickness_um(const Tissue& t, const std::vector<std::uint8_t>& region) {
    const auto s = shape_of(t.grid());
    const auto& m = t.matrix();
    std::vector<std::uint8_t> soft(s.sites());
    for (std::size_t i = 0; i < s.sites(); ++i) soft[i] = m.is_bone(i) ? 0 : 1;
    distance_transform edt;
    const auto& d2 = edt.squared(s, soft);
    double sum = 0.0, n = 0.0;
    for (std::size_t i = 0; i < s.sites(); ++i) {
        if (region[i] == 0 || soft[i] != 0) continue;
        bool ridge = true;
        for_each_face_neighbour<Tissue::dimension>(s, i, [&](std::size_t j) { ridge = ridge && (soft[j] != 0 || d2[j] <= d2[i]); });
        if (!ridge) continue;
        sum += 2.0 * std::sqrt(d2[i]) - 1.0;
        n += 1.0;
    }
    return n > 0 ? sum / n * t.grid().spacing_um() : 0.0;
}

/// @brief Osteocytes over the matrix volume of the sites whose bone_origin is `source`, per mm^3
/// (every site with matrix when `source` is none).
template <class Tissue>
[[nodiscard]] double osteocyte_density_per_mm3(const Tissue& t, bone_source source = bone_source::none) {
    const auto& m = t.matrix();
    const auto origin = t.template field<bone_origin>();
    const auto states = t.states();
    constexpr auto oc = Tissue::template state_index<osteocyte>();
    double cells = 0, matrix = 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (source != bone_source::none && origin[i] != static_cast<std::uint8_t>(source)) continue;
        matrix += m.matrix_fraction(i);
        cells += states[i] == oc ? 1 : 0;
    }
    const double h = t.grid().spacing_um();
    return matrix > 0 ? cells / (matrix * h * h * h) * 1e9 : 0.0;
}

/// @brief Mean distance (um) from each osteocyte to its nearest other osteocyte (lattice search
/// in growing shells); 0 with fewer than two. In 2-D, within the plane.
template <class Tissue>
[[nodiscard]] double osteocyte_spacing_um(const Tissue& t) {
    const auto s = shape_of(t.grid());
    const auto states = t.states();
    constexpr auto oc = Tissue::template state_index<osteocyte>();
    constexpr long max_r = 40;
    double sum = 0, n = 0;
    const long zdim = Tissue::dimension == 3 ? 1 : 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (states[i] != oc) continue;
        const long x = static_cast<long>(i % s.nx), y = static_cast<long>((i / s.nx) % s.ny), z = static_cast<long>(i / s.sz);
        double best = 1e300;
        for (long r = 1; r <= max_r && static_cast<double>(r * r) < best; ++r) {
            for (long dz = -r * zdim; dz <= r * zdim; ++dz) {
                for (long dy = -r; dy <= r; ++dy) {
                    for (long dx = -r; dx <= r; ++dx) {
                        if (std::max({std::abs(dx), std::abs(dy), std::abs(dz)}) != r) continue;
                        const long xx = x + dx, yy = y + dy, zz = z + dz;
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= static_cast<long>(s.nx) || yy >= static_cast<long>(s.ny) ||
                            zz >= static_cast<long>(s.nz)) {
                            continue;
                        }
                        if (states[static_cast<std::size_t>(xx) + s.sy * static_cast<std::size_t>(yy) + s.sz * static_cast<std::size_t>(zz)] == oc) {
                            best = std::min(best, static_cast<double>(dx * dx + dy * dy + dz * dz));
                        }
                    }
                }
            }
        }
        if (best < 1e300) sum += std::sqrt(best), n += 1;
    }
    return n > 0 ? sum / n * t.grid().spacing_um() : 0.0;
}

/// @brief Distances from cells to the nearest capillary: the largest and the 95th percentile
/// (um) over living cells that are not vessel cells, in the window's columns between rows
/// `row_lo` and `row_hi` (inclusive); {0, 0} without such cells.
template <class Tissue>
[[nodiscard]] std::array<double, 2> capillary_distances_um(const Tissue& t, std::size_t row_lo, std::size_t row_hi) {
    const auto s = shape_of(t.grid());
    const auto w = plate_window::of(s);
    const auto d = t.template field<capillary_distance>();
    const auto states = t.states();
    constexpr auto vessel = blocking_states<typename Tissue::lineage_type>();
    std::vector<double> v;
    for (std::size_t i = 0; i < states.size(); ++i) {
        const std::size_t x = i % s.nx, y = (i / s.nx) % s.ny, z = i / s.sz;
        if (states[i] == empty_site || vessel[states[i]] != 0 || !w.contains(x, z) || y < row_lo || y > row_hi) continue;
        v.push_back(static_cast<double>(d[i]));
    }
    if (v.empty()) return {0.0, 0.0};
    std::sort(v.begin(), v.end());
    return {v.back(), v[static_cast<std::size_t>(0.95 * static_cast<double>(v.size() - 1))]};
}

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_MEASUREMENTS_HPP
