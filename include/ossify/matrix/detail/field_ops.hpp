/// @file
/// @brief Internal helpers of basic_matrix_field: argument checks, the Moore-neighbourhood
/// count of one site (the entrapment measure) and the two-phase osteoblast deposition.
#include "../../config.hpp"
#ifndef OSSIFY_MATRIX_DETAIL_FIELD_OPS_HPP
#define OSSIFY_MATRIX_DETAIL_FIELD_OPS_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../../detail/error.hpp"
#include "../../space/grid.hpp"
#include "lattice.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail::matrix {

/// The K per-site arrays of a matrix kinetics with a pointer to each (for kinetics_site),
/// kept valid through copies and moves.
template <class T, std::size_t K>
struct kinetics_arrays {
    std::array<std::vector<T>, K> arrays;  ///< the arrays, one value per site each
    std::array<T*, K> ptrs{};              ///< arrays[k].data()

    explicit kinetics_arrays(std::size_t sites) {
        for (auto& a : arrays) a.assign(sites, T{0});
        refresh();
    }
    kinetics_arrays(const kinetics_arrays& o) : arrays(o.arrays) { refresh(); }
    kinetics_arrays(kinetics_arrays&& o) noexcept : arrays(std::move(o.arrays)) { refresh(); }
    kinetics_arrays& operator=(const kinetics_arrays& o) {
        arrays = o.arrays;
        refresh();
        return *this;
    }
    kinetics_arrays& operator=(kinetics_arrays&& o) noexcept {
        arrays = std::move(o.arrays);
        refresh();
        return *this;
    }
    ~kinetics_arrays() = default;

    std::vector<T>& operator[](std::size_t k) noexcept { return arrays[k]; }
    const std::vector<T>& operator[](std::size_t k) const noexcept { return arrays[k]; }
    auto begin() noexcept { return arrays.begin(); }
    auto end() noexcept { return arrays.end(); }
    void refresh() noexcept {
        for (std::size_t k = 0; k < K; ++k) ptrs[k] = arrays[k].data();
    }
};

/// Throws invalid_parameter unless i < size.
inline void check_site(const char* where, const char* name, std::size_t i, std::size_t size) {
    if (i >= size) throw invalid_parameter(where, name, format_value(i), "[0, " + format_value(size - 1) + "]");
}

/// Throws invalid_parameter unless got == size (or got == 0 when empty_allowed).
inline void check_per_site(const char* where, const char* name, std::size_t got, std::size_t size, bool empty_allowed) {
    if (got != size && !(empty_allowed && got == 0)) {
        throw invalid_parameter(where, std::string(name) + ".size()", format_value(got),
                                format_value(size) + " (one per site)" + (empty_allowed ? " or 0 (none)" : ""));
    }
}

/// The deposit of one osteoblast as a volume fraction of one site, rate * dt / h (rate in
/// um/d, dt in d, h in um); throws invalid_parameter for a negative or non-finite rate or dt,
/// or a non-finite product.
inline double deposition_share(const char* where, double rate, double dt, double spacing_um) {
    require_non_negative(where, "apposition_rate", rate, "um/d");
    require_non_negative(where, "dt", dt, "d");
    const double share = rate * dt / spacing_um;
    if (!std::isfinite(share)) throw invalid_parameter(where, "apposition_rate * dt", format_value(rate * dt) + " um", "finite");
    return share;
}

/// Throws invalid_parameter unless every site of `sorted` (ascending) is < size and none is
/// listed twice.
inline void check_site_list(const char* where, const std::vector<std::size_t>& sorted, std::size_t size) {
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        if (sorted[k] >= size) {
            throw invalid_parameter(where, "osteoblast_sites[]", format_value(sorted[k]), "[0, " + format_value(size - 1) + "]");
        }
        if (k > 0 && sorted[k] == sorted[k - 1]) {
            throw invalid_parameter(where, "osteoblast_sites[]", format_value(sorted[k]) + " (listed twice)",
                                    "each site at most once");
        }
    }
}

/// The fraction of the on-grid Moore neighbours j of site i (8 in 2-D, 26 in 3-D in the
/// interior) with above(j); 0 for a site without neighbours. Interior sites (all but the
/// outermost layer) are counted without coordinate checks, with the same result.
template <std::size_t Dim, class Above>
double moore_fraction_at(const basic_grid<Dim>& grid, std::size_t i, Above&& above) noexcept {
    const auto nx = static_cast<std::size_t>(grid.extent(0)), ny = static_cast<std::size_t>(grid.extent(1));
    if constexpr (Dim == 2) {
        const std::size_t y = i / nx, x = i - y * nx;
        if (x - 1 < nx - 2 && y - 1 < ny - 2) {
            const std::size_t up = i - nx, down = i + nx;
            const int count = above(up - 1) + above(up) + above(up + 1) + above(i - 1) + above(i + 1) + above(down - 1) +
                              above(down) + above(down + 1);
            return static_cast<double>(count) / 8.0;
        }
    } else {
        const auto nz = static_cast<std::size_t>(grid.extent(2));
        const std::size_t r = i / nx, x = i - r * nx, z = r / ny, y = r - z * ny;
        if (x - 1 < nx - 2 && y - 1 < ny - 2 && z - 1 < nz - 2) {
            const std::size_t sz = nx * ny;
            int count = 0;
            for (std::size_t dz = 0; dz < 3; ++dz) {
                for (std::size_t dy = 0; dy < 3; ++dy) {
                    const std::size_t b = i + dz * sz + dy * nx - sz - nx - 1;
                    count += above(b) + ((dz != 1 || dy != 1) && above(b + 1)) + above(b + 2);
                }
            }
            return static_cast<double>(count) / 26.0;
        }
    }
    int on_grid = 0, count = 0;
    for_each_moore_neighbour(grid, i, [&](std::size_t j) {
        ++on_grid;
        count += above(j) ? 1 : 0;
    });
    return on_grid > 0 ? static_cast<double>(count) / static_cast<double>(on_grid) : 0.0;
}

/// Two-phase deposition: every osteoblast (in the order `each` gives) adds its equal shares
/// to the requests of its eligible sites (itself and its von Neumann neighbours, on the grid,
/// not blocked, matrix[j] < 1); then each requested site receives its summed request (in the
/// order the sites were first requested) through deposit(j, request), which returns what it
/// took. Returns the sum taken (volume fractions of a site).
template <std::size_t Dim, class T, class EachOsteoblast, class Deposit>
double deposit_requests(const basic_grid<Dim>& grid, double share, std::span<const std::uint8_t> blocked, const T* matrix,
                        EachOsteoblast&& each, Deposit&& deposit) {
    if (!(share > 0.0)) return 0.0;
    std::vector<double> request(grid.size(), 0.0);
    std::vector<std::size_t> touched;
    std::array<std::size_t, von_neumann_with_centre<Dim>> candidates{};
    each([&](std::size_t s) {
        const std::size_t m = von_neumann_with_centre_indices(grid, s, candidates);
        std::size_t eligible = 0;
        for (std::size_t k = 0; k < m; ++k) {
            const std::size_t j = candidates[k];
            if ((blocked.empty() || blocked[j] == 0) && matrix[j] < 1.0) candidates[eligible++] = j;
        }
        if (eligible == 0) return;
        const double part = share / static_cast<double>(eligible);
        for (std::size_t k = 0; k < eligible; ++k) {
            const std::size_t j = candidates[k];
            if (request[j] == 0.0) touched.push_back(j);
            request[j] += part;
        }
    });
    double deposited = 0.0;
    for (const std::size_t j : touched) deposited += deposit(j, request[j]);
    return deposited;
}

}  // namespace detail::matrix
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MATRIX_DETAIL_FIELD_OPS_HPP
