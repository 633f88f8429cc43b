/// @file
/// @brief explicit_solver: forward-time centred-space (FTCS) diffusion with linearly
/// implicit decay and uptake, and its stability limit max_stable_step().
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_EXPLICIT_SOLVER_HPP
#define OSSIFY_SIGNAL_EXPLICIT_SOLVER_HPP

#include <algorithm>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "../detail/error.hpp"
#include "../space/boundary.hpp"
#include "../space/grid.hpp"
#include "../units/quantities.hpp"
#include "parameters.hpp"
#include "solver_common.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The longest step explicit_solver accepts: dt_max = h^2 / (2 Dim D).
 *
 * Above it the FTCS scheme amplifies the highest-frequency (checkerboard) mode and
 * concentrations may turn negative. Decay and uptake do not enter the limit because the
 * solver treats them implicitly. Infinite when D = 0.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
[[nodiscard]] duration max_stable_step(const basic_grid<Dim>& g, const diffusion_parameters& p) noexcept {
    const double d = p.diffusivity_internal();
    if (d <= 0.0) return duration::from_value(std::numeric_limits<double>::infinity());
    const double h = g.spacing_um();
    return duration::from_value(h * h / (2.0 * static_cast<double>(Dim) * d));
}

/**
 * @brief Explicit solver of dc/dt = D lap(c) - k c - u(x) c + s(x) on a 2-D or 3-D grid.
 *
 * One step is
 *   c' = (c + dt (D lap_h c + s)) / (1 + dt (k + u)),
 * with the 5- or 7-point Laplacian lap_h: FTCS for diffusion and the source, linearly
 * implicit (backward Euler) for decay and uptake, so that any k and u >= 0 keep it stable.
 * First order in time, second order in space; the steady state is that of the spatially
 * discretised equation exactly. With dt <= max_stable_step() every coefficient is
 * non-negative, so non-negative data stay non-negative; a negative source (a sink written
 * as a source) could undershoot, and the result is clamped at 0.
 *
 * Boundaries (per face, from diffusion_parameters): no_flux mirrors the edge site,
 * fixed holds the off-grid neighbour at the fixed value (the reservoir lies one spacing
 * beyond the edge site centres, i.e. h/2 outside the grid's outer face), periodic wraps.
 *
 * Arrays are plain numbers in the internal scale: c in nM, s in nM/d, u in 1/d. With
 * OSSIFY_USE_OPENMP the rows are shared among threads; every value is computed the same
 * way whatever the thread count, so results are bit-identical.
 * @tparam T double or float
 * @tparam Dim 2 or 3
 */
template <class T, std::size_t Dim>
class explicit_solver {
    static_assert(detail::solver_value_type<T>, "ossify::explicit_solver: the value type must be double or float");
    static_assert(Dim == 2 || Dim == 3, "ossify::explicit_solver: only 2-D and 3-D grids are supported");

public:
    /** @brief The value type of the arrays. */
    using value_type = T;
    /** @brief The grid type. */
    using grid_type = basic_grid<Dim>;

    /** @brief A solver for `g` with parameters `p` and time step `dt` (0 < dt <= max_stable_step). */
    explicit_solver(const grid_type& g, const diffusion_parameters& p, duration dt)
        : grid_(g), params_(p), e_(detail::extents3(g)), next_(g.size()) {
        prepare(p, dt);
    }

    /**
     * @brief Changes parameters and time step. Throws invalid_parameter, changing nothing,
     * when dt is not positive or exceeds max_stable_step(grid, p) (the message gives it).
     */
    void prepare(const diffusion_parameters& p, duration dt) {
        const double dtv = dt.value();
        detail::require_positive(where, "dt", dtv, "d");
        const double limit = max_stable_step(grid_, p).value();
        if (dtv > limit) {
            throw invalid_parameter(where, "dt", detail::format_value(dtv) + " d",
                                    "(0, " + detail::format_value(limit) +
                                        "] d, the FTCS stability limit h^2/(2*Dim*D) = " +
                                        detail::format_value(limit * 86400.0) + " s; use implicit_solver for longer steps");
        }
        params_ = p;
        dt_ = dtv;
        c0_row_.assign(e_[0], static_cast<T>(p.fixed_value_internal()));
    }

    /** @brief The grid. */
    [[nodiscard]] const grid_type& grid() const noexcept { return grid_; }
    /** @brief The parameters in use. */
    [[nodiscard]] const diffusion_parameters& parameters() const noexcept { return params_; }
    /** @brief The time step. */
    [[nodiscard]] duration time_step() const noexcept { return duration::from_value(dt_); }

    /**
     * @brief Advances `c` (nM) by one time step with source `s` (nM/d) and uptake `u`
     * (1/d, >= 0); an empty span means zero everywhere. Allocates nothing.
     */
    void step(std::span<T> c, std::span<const T> source = {}, std::span<const T> uptake = {}) {
        detail::check_step_spans<T>(where, grid_.size(), c.size(), source.size(), uptake.size());
        detail::check_sources<T>(where, source, uptake);
        if (source.empty()) {
            if (uptake.empty()) kernel<false, false>(c.data(), nullptr, nullptr);
            else kernel<false, true>(c.data(), nullptr, uptake.data());
        } else {
            if (uptake.empty()) kernel<true, false>(c.data(), source.data(), nullptr);
            else kernel<true, true>(c.data(), source.data(), uptake.data());
        }
        const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(grid_.size());
        T* dst = c.data();
        const T* src = next_.data();
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
        for (std::ptrdiff_t i = 0; i < n; ++i) dst[i] = src[i];
    }

private:
    static constexpr const char* where = "ossify::explicit_solver";

    // Pointer to the row beyond face `side` of an axis with stride `stride` whose
    // index along that axis is `pos` of `n`.
    const T* neighbour_row(const T* cur, std::size_t axis, std::size_t pos, std::size_t n, std::ptrdiff_t stride,
                           int dir) const noexcept {
        if (dir < 0) {
            if (pos > 0) return cur - stride;
            switch (params_.face(axis, 0)) {
                case boundary::no_flux: return cur;
                case boundary::fixed: return c0_row_.data();
                case boundary::periodic: return cur + static_cast<std::ptrdiff_t>(n - 1) * stride;
            }
        } else {
            if (pos + 1 < n) return cur + stride;
            switch (params_.face(axis, 1)) {
                case boundary::no_flux: return cur;
                case boundary::fixed: return c0_row_.data();
                case boundary::periodic: return cur - static_cast<std::ptrdiff_t>(n - 1) * stride;
            }
        }
        return cur;
    }

    template <bool HasSource, bool HasUptake>
    void kernel(const T* c, const T* s, const T* u) {
        const std::size_t nx = e_[0], ny = e_[1], nz = e_[2];
        const T dt = static_cast<T>(dt_);
        const double h = grid_.spacing_um();
        const T r = static_cast<T>(params_.diffusivity_internal() * dt_ / (h * h));
        const T dtk = static_cast<T>(dt_ * params_.decay_internal());
        const T inv_decay = static_cast<T>(1.0 / (1.0 + dt_ * params_.decay_internal()));
        const T c0 = static_cast<T>(params_.fixed_value_internal());
        const boundary xlo = params_.face(0, 0), xhi = params_.face(0, 1);
        const std::ptrdiff_t sy = static_cast<std::ptrdiff_t>(nx), sz = static_cast<std::ptrdiff_t>(nx * ny);
        const std::ptrdiff_t rows = static_cast<std::ptrdiff_t>(ny * nz);
        T* out = next_.data();
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
        for (std::ptrdiff_t row = 0; row < rows; ++row) {
            const std::size_t j = static_cast<std::size_t>(row) % ny, k = static_cast<std::size_t>(row) / ny;
            const std::size_t base = static_cast<std::size_t>(row) * nx;
            const T* cur = c + base;
            const T* ym = neighbour_row(cur, 1, j, ny, sy, -1);
            const T* yp = neighbour_row(cur, 1, j, ny, sy, +1);
            const T* zm = cur;
            const T* zp = cur;
            if constexpr (Dim == 3) {
                zm = neighbour_row(cur, 2, k, nz, sz, -1);
                zp = neighbour_row(cur, 2, k, nz, sz, +1);
            }
            const T* srow = HasSource ? s + base : nullptr;
            const T* urow = HasUptake ? u + base : nullptr;
            T* orow = out + base;
            auto update = [&](std::size_t i, T xm, T xp) {
                const T ci = cur[i];
                T lap = (xm + xp - T(2) * ci) + (ym[i] + yp[i] - T(2) * ci);
                if constexpr (Dim == 3) lap += zm[i] + zp[i] - T(2) * ci;
                T rhs = ci + r * lap;
                if constexpr (HasSource) rhs += dt * srow[i];
                T v;
                if constexpr (HasUptake) v = rhs / (T(1) + dtk + dt * urow[i]);
                else v = rhs * inv_decay;
                orow[i] = v > T(0) ? v : T(0);
            };
            // x neighbours beyond the ends of the row
            const T lo = xlo == boundary::fixed ? c0 : (xlo == boundary::periodic ? cur[nx - 1] : cur[0]);
            const T hi = xhi == boundary::fixed ? c0 : (xhi == boundary::periodic ? cur[0] : cur[nx - 1]);
            if (nx == 1) {
                update(0, lo, hi);
                continue;
            }
            update(0, lo, cur[1]);
            for (std::size_t i = 1; i + 1 < nx; ++i) update(i, cur[i - 1], cur[i + 1]);
            update(nx - 1, cur[nx - 2], hi);
        }
    }

    grid_type grid_;
    diffusion_parameters params_;
    std::array<std::size_t, 3> e_;
    double dt_ = 0.0;
    std::vector<T> next_;
    std::vector<T> c0_row_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_EXPLICIT_SOLVER_HPP
