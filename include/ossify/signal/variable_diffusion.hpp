/// @file
/// @brief Implicit diffusion with a diffusivity that varies from site to site:
/// dc/dt = div(D f(x) grad c) - k c - u(x) c + s(x), f >= 0 a per-site factor (e.g. a switch
/// that turns transport off inside bone), solved by the same LOD backward-Euler splitting as
/// implicit_solver, one tridiagonal system per line with coefficients from the factors.
///
/// The flux between neighbouring sites i and j uses the harmonic mean of their factors,
/// 2 f_i f_j / (f_i + f_j) (0 when either is 0: nothing crosses into a site where transport is
/// off), the standard choice for discontinuous coefficients. Each line's matrix is an M-matrix,
/// so the scheme is unconditionally stable and keeps non-negative data non-negative; with all
/// factors 1 it is the constant-coefficient scheme (to rounding). Boundaries: no_flux and fixed
/// (a fixed face couples with the factor of the site next to it); periodic axes are refused.
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_VARIABLE_DIFFUSION_HPP
#define OSSIFY_SIGNAL_VARIABLE_DIFFUSION_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "../error.hpp"
#include "../space/boundary.hpp"
#include "../space/grid.hpp"
#include "../units/quantities.hpp"
#include "parameters.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// The weight of the face between two sites: the harmonic mean of their factors.
[[nodiscard]] inline double face_weight(double a, double b) noexcept {
    const double s = a + b;
    return s > 0.0 ? 2.0 * a * b / s : 0.0;
}

/// Solves, for `lines` lines at once, the systems of one axis: element i of line l is at
/// c[i * stride + l] and its factor at f[i * stride + l]; r = D dt / h^2, e = dt k on the
/// diagonal; `scratch` holds n * lines values (the Thomas c' coefficients).
template <class T>
void solve_variable_lines(T* c, const T* f, std::ptrdiff_t stride, std::size_t lines, std::size_t n, double r, double e,
                          boundary lo, boundary hi, double c0, std::vector<double>& scratch) {
    scratch.resize(n * lines);
    double* cp = scratch.data();
    // Forward sweep: cp_i = c_i / (b_i - a_i cp_{i-1}), c becomes d'_i.
    for (std::size_t i = 0; i < n; ++i) {
        T* ci = c + static_cast<std::ptrdiff_t>(i) * stride;
        const T* fi = f + static_cast<std::ptrdiff_t>(i) * stride;
        const T* fm = i > 0 ? fi - stride : nullptr;
        const T* fp = i + 1 < n ? fi + stride : nullptr;
        double* cpi = cp + i * lines;
        const double* cpm = i > 0 ? cpi - lines : nullptr;
        const T* dm = i > 0 ? ci - stride : nullptr;
        for (std::size_t l = 0; l < lines; ++l) {
            const double wl = fm != nullptr ? face_weight(fm[l], fi[l]) : (lo == boundary::fixed ? static_cast<double>(fi[l]) : 0.0);
            const double wr = fp != nullptr ? face_weight(fi[l], fp[l]) : (hi == boundary::fixed ? static_cast<double>(fi[l]) : 0.0);
            const double a = -r * wl, up = -r * wr;
            const double b = 1.0 + e + r * (wl + wr);
            double d = static_cast<double>(ci[l]);
            if (fm == nullptr && lo == boundary::fixed) d += r * wl * c0;
            if (fp == nullptr && hi == boundary::fixed) d += r * wr * c0;
            const double denom = fm != nullptr ? b - a * cpm[l] : b;
            cpi[l] = up / denom;
            d = fm != nullptr ? (d - a * static_cast<double>(dm[l])) / denom : d / denom;
            ci[l] = static_cast<T>(d);
        }
    }
    // Back substitution: x_i = d'_i - cp_i x_{i+1}.
    for (std::size_t i = n - 1; i-- > 0;) {
        T* ci = c + static_cast<std::ptrdiff_t>(i) * stride;
        const T* cn = ci + stride;
        const double* cpi = cp + i * lines;
        for (std::size_t l = 0; l < lines; ++l) {
            const double x = static_cast<double>(ci[l]) - cpi[l] * static_cast<double>(cn[l]);
            ci[l] = static_cast<T>(x > 0.0 ? x : 0.0);  // round-off only: the exact solution is >= 0
        }
    }
}

}  // namespace detail

/**
 * @brief One LOD step of variable-coefficient diffusion on a 2-D or 3-D grid: pointwise
 * sources and uptake (backward Euler: c <- (c + dt s) / (1 + dt u)), then one implicit sweep
 * per axis with face weights from the factors; decay folded into the x sweep (as
 * implicit_solver's default), or, with reaction_splitting::strang, exact half steps of decay
 * around the sweeps (sources and uptake still applied once, before them). Serial; x lines one
 * at a time, y and z lines in blocks.
 * @param c concentrations (nM), one per site, advanced in place
 * @param factor the per-site diffusivity factor f >= 0 (finite)
 * @param source sources (nM/d) per site, or empty for none
 * @param uptake uptake rates (1/d, >= 0) per site, or empty for none
 * @throws invalid_parameter for a periodic axis, a negative or non-finite factor, or bad sizes
 */
template <class T, std::size_t Dim>
void diffuse_variable(const basic_grid<Dim>& grid, const diffusion_parameters& p, duration dt, std::span<T> c,
                      std::span<const T> factor, std::span<const T> source = {}, std::span<const T> uptake = {}) {
    constexpr const char* where = "ossify::diffuse_variable";
    const double h = grid.spacing_um(), t = dt.value();
    require_positive(where, "dt", t, "d");
    const std::size_t n = grid.size();
    if (c.size() != n || factor.size() != n || (!source.empty() && source.size() != n) ||
        (!uptake.empty() && uptake.size() != n)) {
        throw invalid_parameter(where, "array sizes", format_value(c.size()), "the grid's size " + format_value(n));
    }
    for (std::size_t a = 0; a < Dim; ++a) {
        if (p.face(a, 0) == boundary::periodic) {
            throw invalid_parameter(where, "boundary", "periodic", "no_flux or fixed (a varying diffusivity on a periodic axis is not supported)");
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!(factor[i] >= T(0)) || !(static_cast<double>(factor[i]) <= 1e300)) {
            throw_out_of_range(where, "diffusivity factor", static_cast<double>(factor[i]), "", "finite and >= 0");
        }
    }
    const double k = p.decay_internal(), r = p.diffusivity_internal() * t / (h * h);
    const bool strang = p.splitting() == reaction_splitting::strang;
    const double half = std::exp(-0.5 * t * k);
    for (std::size_t i = 0; i < n; ++i) {
        double v = static_cast<double>(c[i]);
        if (!source.empty()) v += t * static_cast<double>(source[i]);
        if (!uptake.empty()) v /= 1.0 + t * static_cast<double>(uptake[i]);
        if (strang) v *= half;
        c[i] = static_cast<T>(v > 0.0 ? v : 0.0);
    }
    std::vector<double> scratch;
    const std::size_t nx = static_cast<std::size_t>(grid.extent(0)), ny = static_cast<std::size_t>(grid.extent(1));
    const std::size_t nz = Dim == 3 ? static_cast<std::size_t>(grid.extent(Dim - 1)) : 1;
    const double c0 = p.fixed_value_internal();
    // x: one contiguous line per row.
    for (std::size_t row = 0; row < ny * nz; ++row) {
        detail::solve_variable_lines(c.data() + row * nx, factor.data() + row * nx, 1, 1, nx, r, strang ? 0.0 : t * k,
                                     p.face(0, 0), p.face(0, 1), c0, scratch);
    }
    // y: the x lines of a plane side by side.
    for (std::size_t z = 0; z < nz; ++z) {
        const std::size_t off = z * nx * ny;
        detail::solve_variable_lines(c.data() + off, factor.data() + off, static_cast<std::ptrdiff_t>(nx), nx, ny, r, 0.0,
                                     p.face(1, 0), p.face(1, 1), c0, scratch);
    }
    if constexpr (Dim == 3) {
        detail::solve_variable_lines(c.data(), factor.data(), static_cast<std::ptrdiff_t>(nx * ny), nx * ny, nz, r, 0.0,
                                     p.face(2, 0), p.face(2, 1), c0, scratch);
    }
    if (strang) {
        for (std::size_t i = 0; i < n; ++i) c[i] = static_cast<T>(static_cast<double>(c[i]) * half);
    }
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_VARIABLE_DIFFUSION_HPP
