/// @file
/// @brief Internal lattice helpers of the matrix layer: von Neumann and Moore neighbours of
/// a site on a basic_grid, with off-grid neighbours left out.
#include "../../config.hpp"
#ifndef OSSIFY_MATRIX_DETAIL_LATTICE_HPP
#define OSSIFY_MATRIX_DETAIL_LATTICE_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include "../../space/grid.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail::matrix {

/// @brief Number of sites in the von Neumann neighbourhood including the centre (1 + 2 Dim).
template <std::size_t Dim>
inline constexpr std::size_t von_neumann_with_centre = 1 + 2 * Dim;

/// @brief Writes the linear indices of the site itself and its on-grid von Neumann
/// neighbours into out, in a fixed order (centre, then -x, +x, -y, +y[, -z, +z]); returns
/// how many were written.
template <std::size_t Dim>
std::size_t von_neumann_with_centre_indices(const basic_grid<Dim>& grid, std::size_t index,
                                            std::array<std::size_t, von_neumann_with_centre<Dim>>& out) noexcept {
    const auto c = grid.coords(index);
    std::size_t n = 0;
    out[n++] = index;
    for (std::size_t a = 0; a < Dim; ++a) {
        const auto stride = static_cast<std::size_t>(grid.stride(a));
        if (c[a] > 0) out[n++] = index - stride;
        if (c[a] + 1 < grid.extent(a)) out[n++] = index + stride;
    }
    return n;
}

/// @brief Calls f(neighbour_index) for every on-grid Moore neighbour of a site (8 in 2-D,
/// 26 in 3-D in the interior; fewer at the edges), the site itself excluded.
template <std::size_t Dim, class F>
void for_each_moore_neighbour(const basic_grid<Dim>& grid, std::size_t index, F&& f) {
    const auto c = grid.coords(index);
    std::array<std::int32_t, 3> lo{0, 0, 0}, hi{0, 0, 0};
    for (std::size_t a = 0; a < Dim; ++a) {
        lo[a] = c[a] > 0 ? -1 : 0;
        hi[a] = c[a] + 1 < grid.extent(a) ? 1 : 0;
    }
    const std::ptrdiff_t sy = grid.stride(1);
    const std::ptrdiff_t sz = Dim == 3 ? grid.stride(Dim - 1) : 0;
    const auto base = static_cast<std::ptrdiff_t>(index);
    for (std::int32_t dz = lo[2]; dz <= hi[2]; ++dz) {
        for (std::int32_t dy = lo[1]; dy <= hi[1]; ++dy) {
            for (std::int32_t dx = lo[0]; dx <= hi[0]; ++dx) {
                if (dx == 0 && dy == 0 && dz == 0) continue;
                f(static_cast<std::size_t>(base + dx + dy * sy + dz * sz));
            }
        }
    }
}

}  // namespace detail::matrix
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MATRIX_DETAIL_LATTICE_HPP
