/// @file
/// @brief Boundary conditions at the faces of a grid, and the mapping of an off-grid
/// neighbour to an on-grid site (periodic wrap) or to "none".
#include "../config.hpp"
#ifndef OSSIFY_SPACE_BOUNDARY_HPP
#define OSSIFY_SPACE_BOUNDARY_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "grid.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief What lies beyond a face of the grid.
 *
 * - `no_flux`: nothing crosses the face (a reflecting wall; zero normal gradient).
 * - `fixed`: the sites just outside the face are held at a given value (a reservoir).
 * - `periodic`: the grid wraps round; leaving at one face re-enters at the opposite one.
 */
enum class boundary { no_flux, fixed, periodic };

/** @brief The name of a boundary condition ("no_flux", "fixed", "periodic"). */
[[nodiscard]] constexpr std::string_view to_string(boundary b) noexcept {
    switch (b) {
        case boundary::no_flux: return "no_flux";
        case boundary::fixed: return "fixed";
        case boundary::periodic: return "periodic";
    }
    return "unknown";
}

/**
 * @brief The on-grid site that stands for `s`, or nothing.
 *
 * A site on the grid is returned as it is. Off the grid, each axis on which it lies
 * outside is wrapped round when that axis is periodic; otherwise (no_flux, fixed) there
 * is no such site and the result is empty: the caller applies the wall or reservoir.
 * @tparam Dim 2 or 3
 * @param per_axis the boundary of each axis (both faces of an axis share it here)
 */
template <std::size_t Dim>
[[nodiscard]] std::optional<site<Dim>> resolve_site(const basic_grid<Dim>& g, site<Dim> s,
                                                    const std::array<boundary, Dim>& per_axis) noexcept {
    for (std::size_t a = 0; a < Dim; ++a) {
        const std::int32_t n = g.extent(a);
        if (s[a] >= 0 && s[a] < n) continue;
        if (per_axis[a] != boundary::periodic) return std::nullopt;
        s[a] %= n;
        if (s[a] < 0) s[a] += n;
    }
    return s;
}

/** @brief As resolve_site() with one boundary for every axis. @tparam Dim 2 or 3 */
template <std::size_t Dim>
[[nodiscard]] std::optional<site<Dim>> resolve_site(const basic_grid<Dim>& g, const site<Dim>& s,
                                                    boundary b) noexcept {
    std::array<boundary, Dim> per_axis{};
    per_axis.fill(b);
    return resolve_site(g, s, per_axis);
}

/**
 * @brief The linear index of the neighbour `s + offset`, wrapped when periodic, or
 * nothing when it lies beyond a no_flux or fixed face.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
[[nodiscard]] std::optional<std::size_t> neighbour_index(const basic_grid<Dim>& g, const site<Dim>& s,
                                                         const site<Dim>& offset, boundary b) noexcept {
    site<Dim> t{};
    for (std::size_t a = 0; a < Dim; ++a) t[a] = s[a] + offset[a];
    const auto r = resolve_site(g, t, b);
    if (!r) return std::nullopt;
    return g.index(*r);
}

/** @brief As neighbour_index() with a boundary per axis. @tparam Dim 2 or 3 */
template <std::size_t Dim>
[[nodiscard]] std::optional<std::size_t> neighbour_index(const basic_grid<Dim>& g, const site<Dim>& s,
                                                         const site<Dim>& offset,
                                                         const std::array<boundary, Dim>& per_axis) noexcept {
    site<Dim> t{};
    for (std::size_t a = 0; a < Dim; ++a) t[a] = s[a] + offset[a];
    const auto r = resolve_site(g, t, per_axis);
    if (!r) return std::nullopt;
    return g.index(*r);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SPACE_BOUNDARY_HPP
