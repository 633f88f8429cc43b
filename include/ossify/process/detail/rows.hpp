/// @file
/// @brief Internal: row visits that make the first draw of every selected site of a row in one
/// dependency-free batch, and the scanline flood fill of the structure process.
#include "../../config.hpp"
#ifndef OSSIFY_PROCESS_DETAIL_ROWS_HPP
#define OSSIFY_PROCESS_DETAIL_ROWS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../../space/shape.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// Visits rows [r0, r1) like visit_rows, calling f(i, x, y, z, u) only for the sites with
/// pred(i), where u = draw.uniform(i, first_index): the first draws of a row are made together
/// before the row is visited, the same numbers as drawing each on its own. pred must not
/// change while the rows are visited.
template <class Draw, class Pred, class F>
inline void visit_rows_with_first_draw(const lattice_shape& s, std::size_t r0, std::size_t r1, bool reverse,
                                       const Draw& draw, std::uint32_t first_index, std::vector<std::uint64_t>& ids,
                                       std::vector<double>& u, Pred&& pred, F&& f) {
    ids.resize(s.nx);
    u.resize(s.nx);
    const auto row = [&](std::size_t r) {
        const std::size_t base = r * s.nx, y = r % s.ny, z = r / s.ny;
        std::size_t m = 0;
        for (std::size_t x = 0; x < s.nx; ++x) {
            ids[m] = base + x;
            m += pred(base + x) ? 1u : 0u;
        }
        draw.uniforms(ids.data(), m, first_index, u.data());
        if (reverse) {
            for (std::size_t k = m; k-- > 0;) {
                const auto i = static_cast<std::size_t>(ids[k]);
                f(i, i - base, y, z, u[k]);
            }
        } else {
            for (std::size_t k = 0; k < m; ++k) {
                const auto i = static_cast<std::size_t>(ids[k]);
                f(i, i - base, y, z, u[k]);
            }
        }
    };
    if (reverse) {
        for (std::size_t r = r1; r-- > r0;) row(r);
    } else {
        for (std::size_t r = r0; r < r1; ++r) row(r);
    }
}

/// Sites of the outside: scanline flood fill, on a byte mask with bit `bone` set on bone
/// sites, of every non-bone site connected to the grid boundary through non-bone sites;
/// sets bit `outside` on them. The stack holds (row, x) seeds, one per run of a row.
inline void fill_outside(const lattice_shape& s, std::uint8_t* flags, std::uint8_t bone, std::uint8_t outside,
                         std::vector<std::array<std::size_t, 2>>& stack) {
    const std::uint8_t stop = static_cast<std::uint8_t>(bone | outside);
    const std::size_t nx = s.nx;
    const auto open = [&](std::size_t row, std::size_t x) { return (flags[row * nx + x] & stop) == 0; };
    const auto push_runs = [&](std::size_t row, std::size_t xl, std::size_t xr) {
        bool prev = false;
        for (std::size_t x = xl; x <= xr; ++x) {
            const bool o = open(row, x);
            if (o && !prev) stack.push_back({row, x});
            prev = o;
        }
    };
    const auto drain = [&] {
        while (!stack.empty()) {
            const auto [row, x] = stack.back();
            stack.pop_back();
            if (!open(row, x)) continue;
            std::size_t xl = x, xr = x;
            while (xl > 0 && open(row, xl - 1)) --xl;
            while (xr + 1 < nx && open(row, xr + 1)) ++xr;
            std::uint8_t* p = flags + row * nx;
            for (std::size_t k = xl; k <= xr; ++k) p[k] = static_cast<std::uint8_t>(p[k] | outside);
            const std::size_t y = row % s.ny, z = row / s.ny;
            if (y > 0) push_runs(row - 1, xl, xr);
            if (y + 1 < s.ny) push_runs(row + 1, xl, xr);
            if (z > 0) push_runs(row - s.ny, xl, xr);
            if (z + 1 < s.nz) push_runs(row + s.ny, xl, xr);
        }
    };
    for (std::size_t row = 0; row < s.rows(); ++row) {
        const std::size_t y = row % s.ny, z = row / s.ny;
        const bool face_row = y == 0 || y + 1 == s.ny || (s.nz > 1 && (z == 0 || z + 1 == s.nz));
        if (face_row) {
            push_runs(row, 0, nx - 1);
        } else {
            if (open(row, 0)) stack.push_back({row, 0});
            if (open(row, nx - 1)) stack.push_back({row, nx - 1});
        }
        drain();
    }
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_DETAIL_ROWS_HPP
