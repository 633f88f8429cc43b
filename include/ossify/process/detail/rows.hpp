/// @file
/// @brief Internal: the sites of a row holding one state (16 bytes compared at a time), and the
/// scanline flood fill of the structure process, by blocks of rows.
#include "../../config.hpp"
#ifndef OSSIFY_PROCESS_DETAIL_ROWS_HPP
#define OSSIFY_PROCESS_DETAIL_ROWS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "../../space/shape.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// Calls f(x) for every x < n with bytes[x] == value, in ascending order of x (descending when
/// `reverse`). Sixteen bytes are compared at a time where the compiler has SSE2 (every x86-64),
/// so sparse values cost about a third of an instruction per byte.
template <class F>
inline void for_each_equal(const std::uint8_t* bytes, std::size_t n, std::uint8_t value, bool reverse, F&& f) {
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
    typedef char v16 __attribute__((vector_size(16)));
    const std::size_t blocks = n / 16;
    const auto mask_of = [&](std::size_t b) {
        v16 v;
        std::memcpy(&v, bytes + 16 * b, sizeof v);
        const v16 eq = v == (v16{} + static_cast<char>(value));
        return static_cast<unsigned>(__builtin_ia32_pmovmskb128(eq));
    };
    if (!reverse) {
        for (std::size_t b = 0; b < blocks; ++b) {
            for (unsigned m = mask_of(b); m != 0; m &= m - 1) f(16 * b + static_cast<std::size_t>(__builtin_ctz(m)));
        }
        for (std::size_t x = 16 * blocks; x < n; ++x) {
            if (bytes[x] == value) f(x);
        }
    } else {
        for (std::size_t x = n; x-- > 16 * blocks;) {
            if (bytes[x] == value) f(x);
        }
        for (std::size_t b = blocks; b-- > 0;) {
            for (unsigned m = mask_of(b); m != 0;) {
                const auto top = static_cast<unsigned>(31 - __builtin_clz(m));
                m &= ~(1u << top);
                f(16 * b + top);
            }
        }
    }
#else
    if (!reverse) {
        for (std::size_t x = 0; x < n; ++x) {
            if (bytes[x] == value) f(x);
        }
    } else {
        for (std::size_t x = n; x-- > 0;) {
            if (bytes[x] == value) f(x);
        }
    }
#endif
}

/// Sites of the outside, in rows [r0, r1) only: scanline flood fill, on a byte mask with bit
/// `bone` set on bone sites, of the non-bone sites connected through non-bone sites to the grid
/// boundary (when `from_faces`) or to the seeds, each (row, xl, xr) a stretch of a row next to
/// an outside site (stretches of rows outside [r0, r1) are ignored); sets bit `outside` on them.
/// Where the fill reaches a row outside [r0, r1) it appends the stretch to `across` instead
/// (that row's owner fills on from it). The stack holds (row, x) seeds, one per run of a row.
/// Over the whole grid with from_faces, this is the whole outside and `across` stays empty; for
/// blocks of rows filled by several threads, repeating with the stretches each block sent
/// until none is sent gives the same set (the outside is a set of connected sites, whatever
/// the order in which it is found).
inline void fill_outside_rows(const lattice_shape& s, std::uint8_t* flags, std::uint8_t bone, std::uint8_t outside,
                              std::size_t r0, std::size_t r1, bool from_faces,
                              const std::vector<std::array<std::size_t, 3>>* seeds,
                              std::vector<std::array<std::size_t, 2>>& stack,
                              std::vector<std::array<std::size_t, 3>>& across) {
    const std::uint8_t stop = static_cast<std::uint8_t>(bone | outside);
    const std::size_t nx = s.nx;
    const auto open = [&](std::size_t row, std::size_t x) { return (flags[row * nx + x] & stop) == 0; };
    const auto push_runs = [&](std::size_t row, std::size_t xl, std::size_t xr) {
        if (row < r0 || row >= r1) {
            across.push_back({row, xl, xr});
            return;
        }
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
    if (seeds != nullptr) {
        for (const auto& sd : *seeds) {
            if (sd[0] >= r0 && sd[0] < r1) {
                push_runs(sd[0], sd[1], sd[2]);
                drain();
            }
        }
    }
    if (!from_faces) return;
    for (std::size_t row = r0; row < r1; ++row) {
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

/// The number of states that block matrix (Context::blocking_states() non-zero).
template <class Context>
constexpr std::size_t blocking_count() noexcept {
    std::size_t k = 0;
    for (const auto b : Context::blocking_states()) k += b != 0 ? 1u : 0u;
    return k;
}
/// The lineage indices of the states that block matrix, as a compile-time array.
template <class Context>
constexpr auto blocking_indices() noexcept {
    constexpr auto blocking = Context::blocking_states();
    std::array<std::uint8_t, blocking_count<Context>()> out{};
    std::size_t k = 0;
    for (std::size_t s = 0; s < blocking.size(); ++s) {
        if (blocking[s] != 0) out[k++] = static_cast<std::uint8_t>(s);
    }
    return out;
}
}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_DETAIL_ROWS_HPP
