/// @file
/// @brief `lattice_shape`: a grid's extents and strides as plain numbers, and loops over rows
/// and face neighbours for hot kernels (rows are walked with their coordinates carried, so no
/// index is ever divided back into coordinates).
#include "../config.hpp"
#ifndef OSSIFY_SPACE_SHAPE_HPP
#define OSSIFY_SPACE_SHAPE_HPP

#include <cstddef>

#include "grid.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The shape of a grid as plain numbers; a 2-D grid is one plane (nz = 1). A row is one
/// line of sites along x: row r = y + ny z starts at site r nx.
struct lattice_shape {
    std::size_t nx = 1, ny = 1, nz = 1;  ///< extents
    std::size_t sy = 1, sz = 1;          ///< strides of y and z
    /// @brief Number of rows.
    [[nodiscard]] constexpr std::size_t rows() const noexcept { return ny * nz; }
    /// @brief Number of sites.
    [[nodiscard]] constexpr std::size_t sites() const noexcept { return nx * ny * nz; }
};

/// @brief The shape of a grid.
template <std::size_t Dim>
[[nodiscard]] lattice_shape shape_of(const basic_grid<Dim>& g) noexcept {
    lattice_shape s;
    s.nx = static_cast<std::size_t>(g.extent(0));
    s.ny = static_cast<std::size_t>(g.extent(1));
    if constexpr (Dim == 3) s.nz = static_cast<std::size_t>(g.extent(2));
    s.sy = s.nx;
    s.sz = s.nx * s.ny;
    return s;
}

/// @brief Calls f(j, xj, yj, zj) for each on-grid face neighbour of site i at (x, y, z), in the
/// order of von_neumann<Dim>::offsets (x-1, x+1, y-1, y+1[, z-1, z+1]).
template <std::size_t Dim, class F>
inline void for_each_face_neighbour(const lattice_shape& s, std::size_t i, std::size_t x, std::size_t y,
                                    std::size_t z, F&& f) {
    if (x > 0) f(i - 1, x - 1, y, z);
    if (x + 1 < s.nx) f(i + 1, x + 1, y, z);
    if (y > 0) f(i - s.sy, x, y - 1, z);
    if (y + 1 < s.ny) f(i + s.sy, x, y + 1, z);
    if constexpr (Dim == 3) {
        if (z > 0) f(i - s.sz, x, y, z - 1);
        if (z + 1 < s.nz) f(i + s.sz, x, y, z + 1);
    }
}

/// @brief Calls f(j) for each on-grid face neighbour of site i (coordinates computed from i).
template <std::size_t Dim, class F>
inline void for_each_face_neighbour(const lattice_shape& s, std::size_t i, F&& f) {
    const std::size_t x = i % s.nx, r = i / s.nx, y = r % s.ny, z = r / s.ny;
    for_each_face_neighbour<Dim>(s, i, x, y, z, [&](std::size_t j, std::size_t, std::size_t, std::size_t) { f(j); });
}

/// @brief Calls f(i, x, y, z) for every site of rows [r0, r1), forward or backward.
template <class F>
inline void visit_rows(const lattice_shape& s, std::size_t r0, std::size_t r1, bool reverse, F&& f) {
    if (reverse) {
        for (std::size_t r = r1; r-- > r0;) {
            const std::size_t y = r % s.ny, z = r / s.ny;
            for (std::size_t x = s.nx; x-- > 0;) f(r * s.nx + x, x, y, z);
        }
    } else {
        for (std::size_t r = r0; r < r1; ++r) {
            const std::size_t y = r % s.ny, z = r / s.ny;
            for (std::size_t x = 0; x < s.nx; ++x) f(r * s.nx + x, x, y, z);
        }
    }
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SPACE_SHAPE_HPP
