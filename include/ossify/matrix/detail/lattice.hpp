/// @file
/// @brief Internal lattice helpers of the matrix layer: von Neumann and Moore neighbours of
/// a site on a basic_grid, with off-grid neighbours left out.
#include "../../config.hpp"
#ifndef OSSIFY_MATRIX_DETAIL_LATTICE_HPP
#define OSSIFY_MATRIX_DETAIL_LATTICE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

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


/// @brief out[i] = the fraction of the on-grid Moore neighbours j of site i with flag[j] != 0
/// (flags 0 or 1), by separable 3-wide box sums; 0 for a site without neighbours.
template <std::size_t Dim>
void moore_fraction(const basic_grid<Dim>& grid, const std::vector<std::uint8_t>& flag, std::span<double> out) {
    const std::size_t n = grid.size();
    std::vector<std::uint8_t> a(n), b(n);
    // dst = src summed with its two neighbours along an axis (off-grid ones left out).
    const auto box_sum_axis = [&](const std::vector<std::uint8_t>& src, std::vector<std::uint8_t>& dst, std::size_t axis) {
        const auto ext = static_cast<std::size_t>(grid.extent(axis));
        const auto stride = static_cast<std::size_t>(grid.stride(axis));
        const std::size_t outer = n / (ext * stride);
        for (std::size_t o = 0; o < outer; ++o) {
            for (std::size_t j = 0; j < ext; ++j) {
                const std::size_t base = (o * ext + j) * stride;
                const bool lo = j > 0, hi = j + 1 < ext;
                for (std::size_t k = 0; k < stride; ++k) {
                    const std::size_t i = base + k;
                    dst[i] = static_cast<std::uint8_t>(src[i] + (lo ? src[i - stride] : 0) + (hi ? src[i + stride] : 0));
                }
            }
        }
    };
    box_sum_axis(flag, b, 0);
    box_sum_axis(b, a, 1);
    const std::vector<std::uint8_t>* box = &a;
    if constexpr (Dim == 3) {
        box_sum_axis(a, b, 2);
        box = &b;
    }
    // Number of on-grid neighbours = prod over axes (1 + [x > 0] + [x < n-1]) - 1.
    const auto axis_count = [](std::int32_t x, std::int32_t ext) { return 1 + (x > 0 ? 1 : 0) + (x + 1 < ext ? 1 : 0); };
    const std::int32_t nx = grid.extent(0), ny = grid.extent(1);
    const std::int32_t nz = Dim == 3 ? grid.extent(Dim - 1) : 1;
    std::size_t i = 0;
    for (std::int32_t z = 0; z < nz; ++z) {
        const int cz = Dim == 3 ? axis_count(z, nz) : 1;
        for (std::int32_t y = 0; y < ny; ++y) {
            const int cyz = cz * axis_count(y, ny);
            for (std::int32_t x = 0; x < nx; ++x, ++i) {
                const int neighbours = cyz * axis_count(x, nx) - 1;
                out[i] = neighbours > 0 ? static_cast<double>((*box)[i] - flag[i]) / static_cast<double>(neighbours) : 0.0;
            }
        }
    }
}

}  // namespace detail::matrix
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MATRIX_DETAIL_LATTICE_HPP
