/// @file
/// @brief implicit_solver: locally one-dimensional (LOD) backward-Euler diffusion, one
/// implicit tridiagonal (Thomas) sweep per axis; unconditionally stable.
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_IMPLICIT_SOLVER_HPP
#define OSSIFY_SIGNAL_IMPLICIT_SOLVER_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

#ifdef OSSIFY_USE_OPENMP
#include <omp.h>
#endif

#include "../detail/error.hpp"
#include "../space/grid.hpp"
#include "../units/quantities.hpp"
#include "detail/tridiagonal.hpp"
#include "parameters.hpp"
#include "solver_common.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief Implicit solver of dc/dt = D lap(c) - k c - u(x) c + s(x) on a 2-D or 3-D grid.
 *
 * One step of length dt, by locally one-dimensional (LOD) splitting:
 *  1. sources and uptake, pointwise backward Euler: c* = (c + dt s) / (1 + dt u);
 *  2. x: ((1 + dt k) - dt D d_xx) c** = c* (the decay k is folded into this sweep);
 *  3. y: (1 - dt D d_yy) c*** = c**; 4. (3-D) z likewise;
 * with d_aa the 3-point second difference. Each 1-D system is tridiagonal and solved by
 * the Thomas algorithm with factors precomputed per (grid, parameters, dt). Every factor
 * is the inverse of an M-matrix, so the scheme is unconditionally stable and keeps
 * non-negative data non-negative; first order in time (the axis operators commute, so the
 * splitting adds no error for pure diffusion on a box; it does with uptake or sources),
 * second order in space. A negative source could undershoot; the result is clamped at 0.
 * For a profile varying along x only, the steady state equals that of the discretised
 * equation exactly.
 *
 * With `diffusion_parameters::set_splitting(reaction_splitting::strang)` the step is instead
 *  1. sources, uptake and decay for dt/2, solved exactly at each site:
 *     c <- c e^{-(k+u) dt/2} + s (1 - e^{-(k+u) dt/2}) / (k + u);
 *  2. pure diffusion sweeps along x, y (and z); 3. the reactions for dt/2 again.
 * Isotropic (the diffusion sweeps commute on a box), exact for uniform sources, second order
 * in the reaction-diffusion splitting; a fixed boundary value enters through the diffusion
 * sweeps and is seen damped by e^{-k dt/2} at long steps.
 *
 * Boundaries as for explicit_solver (no_flux mirrors, fixed holds the off-grid
 * neighbour at the fixed value, periodic wraps: cyclic systems via Sherman-Morrison).
 *
 * The strided axes are swept in blocks of many lines at once, so that the inner loop runs
 * over contiguous memory and vectorises; x lines are transposed through a small buffer.
 * 3-D steps do x and y on one z-plane while it is in cache, then z. With
 * OSSIFY_USE_OPENMP, planes or blocks of lines are shared among threads; each line is
 * computed by the same operations whatever the thread count, so results are bit-identical.
 * @tparam T double or float
 * @tparam Dim 2 or 3
 */
template <class T, std::size_t Dim>
class implicit_solver {
    static_assert(detail::solver_value_type<T>, "ossify::implicit_solver: the value type must be double or float");
    static_assert(Dim == 2 || Dim == 3, "ossify::implicit_solver: only 2-D and 3-D grids are supported");

public:
    /** @brief The value type of the arrays. */
    using value_type = T;
    /** @brief The grid type. */
    using grid_type = basic_grid<Dim>;

    /** @brief Lines of x transposed together (a multiple of the SIMD width). */
    static constexpr std::size_t x_block = 16;

    /** @brief A solver for `g` with parameters `p` and time step `dt` (> 0). */
    implicit_solver(const grid_type& g, const diffusion_parameters& p, duration dt)
        : grid_(g), params_(p), e_(detail::extents3(g)) {
        prepare(p, dt);
        std::size_t threads = 1;
#ifdef OSSIFY_USE_OPENMP
        threads = static_cast<std::size_t>(omp_get_max_threads());
#endif
        buffers_.resize(threads * buffer_size());
        // Blocks of strided lines sized so that one block (lines x sites) stays in L2.
        constexpr std::size_t budget = (256u * 1024u) / sizeof(T);
        chunk_y_ = std::max<std::size_t>(8, budget / e_[1]);
        chunk_z_ = std::max<std::size_t>(8, budget / e_[2]);
    }

    /** @brief Changes parameters and time step (dt > 0); a refused call changes nothing. */
    void prepare(const diffusion_parameters& p, duration dt) {
        const double dtv = dt.value();
        detail::require_positive(where, "dt", dtv, "d");
        const double h = grid_.spacing_um();
        const double r = p.diffusivity_internal() * dtv / (h * h);
        for (std::size_t a = 0; a < Dim; ++a) {
            const bool fold = a == 0 && p.splitting() == reaction_splitting::folded;
            axes_[a].prepare(e_[a], r, fold ? dtv * p.decay_internal() : 0.0, p.face(a, 0), p.face(a, 1),
                             p.fixed_value_internal());
        }
        params_ = p;
        dt_ = dtv;
        strang_ = p.splitting() == reaction_splitting::strang;
        decay_ = p.decay_internal();
        half_factor_ = std::exp(-0.5 * dtv * decay_);
        half_gain_ = decay_ > 0.0 ? -std::expm1(-0.5 * dtv * decay_) / decay_ : 0.5 * dtv;
    }

    /** @brief The grid. */
    [[nodiscard]] const grid_type& grid() const noexcept { return grid_; }
    /** @brief The parameters in use. */
    [[nodiscard]] const diffusion_parameters& parameters() const noexcept { return params_; }
    /** @brief The time step. */
    [[nodiscard]] duration time_step() const noexcept { return duration::from_value(dt_); }

    /**
     * @brief Advances `c` (nM) by one time step with source `s` (nM/d) and uptake `u`
     * (1/d, >= 0); an empty span means zero everywhere. Allocates nothing (unless OpenMP's
     * thread count grew since construction).
     */
    void step(std::span<T> c, std::span<const T> source = {}, std::span<const T> uptake = {}) {
        detail::check_step_spans<T>(where, grid_.size(), c.size(), source.size(), uptake.size());
        detail::check_sources<T>(where, source, uptake);
        const T* s = source.empty() ? nullptr : source.data();
        const T* u = uptake.empty() ? nullptr : uptake.data();
        run(c.data(), array_sources{s, u});
    }

    /**
     * @brief As step(), with the sources and uptakes of each row computed on the fly by
     * `fill(offset, count, source, uptake)`, which writes the values (nM/d and 1/d) of the
     * sites [offset, offset + count) of one x row into the two arrays; it is called once per
     * row from the solver's pass over that row (from several threads with OpenMP), so no
     * per-site source or uptake array is needed. Same results as step() with arrays holding
     * those values.
     */
    template <class Fill>
    void step_with(std::span<T> c, Fill&& fill) {
        detail::check_step_spans<T>(where, grid_.size(), c.size(), 0, 0);
        run(c.data(), row_sources<std::remove_reference_t<Fill>>{&fill});
    }

    // ------------------------------------------------------------ decomposed grids
    /**
     * @brief The first part of step() on a slab of whole planes of a grid split along its last
     * axis (y in 2-D, z in 3-D; ossify/mpi decomposes tissues so): over `planes` planes (x rows
     * in 2-D, x-y planes in 3-D) starting at `c`, what step() does before the sweep along the
     * last axis: the sources and uptake (or, with Strang splitting, the first half of the
     * reactions), the x sweep and, in 3-D, the y sweep. `s` and `u` are aligned with `c` (null:
     * zero everywhere) and are checked as step() checks them. The solver is the whole grid's.
     * Every site and line goes through the same operations as in step(), so step_planes,
     * solve_last_axis over every line of the whole grid, then finish_planes, give the bits of
     * step() whatever the slabs and the grouping of lines.
     */
    void step_planes(T* c, std::size_t planes, const T* s = nullptr, const T* u = nullptr) {
        const std::size_t n = planes * plane_sites();
        if (s != nullptr || u != nullptr) {
            detail::check_sources<T>(where, s == nullptr ? std::span<const T>{} : std::span<const T>(s, n),
                                     u == nullptr ? std::span<const T>{} : std::span<const T>(u, n));
        }
        run_planes(c, array_sources{s, u}, planes);
    }
    /** @brief step_planes with the sources of each row from `fill(offset, count, source,
     * uptake)` (offsets relative to `c`), as step_with. */
    template <class Fill>
    void step_planes_with(T* c, std::size_t planes, Fill&& fill) {
        run_planes(c, row_sources<std::remove_reference_t<Fill>>{&fill}, planes);
    }
    /** @brief The implicit sweep along the last axis for `lines` lines of the whole grid laid
     * out side by side: element p (p < the axis' extent) of line l at base[p * stride + l]. */
    void solve_last_axis(T* base, std::ptrdiff_t stride, std::size_t lines) const noexcept {
        const std::size_t chunk = Dim == 3 ? chunk_z_ : chunk_y_;
        const std::ptrdiff_t chunks = static_cast<std::ptrdiff_t>((lines + chunk - 1) / chunk);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
        for (std::ptrdiff_t q = 0; q < chunks; ++q) {
            const std::size_t l0 = static_cast<std::size_t>(q) * chunk;
            axes_[Dim - 1].solve(base + l0, stride, std::min(chunk, lines - l0));
        }
    }
    /** @brief The last part of step() on a slab (see step_planes): the second half of the
     * reactions with Strang splitting, nothing otherwise. */
    void finish_planes(T* c, std::size_t planes, const T* s = nullptr, const T* u = nullptr) {
        if (strang_) react_all(c, array_sources{s, u}, planes * (plane_sites() / e_[0]));
    }
    /** @brief finish_planes with the sources from a row filler (see step_planes_with). */
    template <class Fill>
    void finish_planes_with(T* c, std::size_t planes, Fill&& fill) {
        if (strang_) react_all(c, row_sources<std::remove_reference_t<Fill>>{&fill}, planes * (plane_sites() / e_[0]));
    }
    /** @brief Sites of one plane of the last axis (nx in 2-D, nx ny in 3-D). */
    [[nodiscard]] std::size_t plane_sites() const noexcept { return Dim == 3 ? e_[0] * e_[1] : e_[0]; }

private:
    // Step of a slab of whole planes without the last axis (step_planes).
    template <class Sources>
    void run_planes(T* cd, const Sources& src, std::size_t planes) {
        std::size_t threads = 1;
#ifdef OSSIFY_USE_OPENMP
        threads = static_cast<std::size_t>(omp_get_max_threads());
#endif
        if (buffers_.size() < threads * buffer_size()) buffers_.resize(threads * buffer_size());
        const std::size_t nx = e_[0], ny = e_[1];
        if constexpr (Dim == 3) {
            const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(planes);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
            for (std::ptrdiff_t k = 0; k < count; ++k) {
                const std::size_t row0 = static_cast<std::size_t>(k) * ny;
                for (std::size_t r0 = row0; r0 < row0 + ny; r0 += x_block)
                    sweep_x(cd, src, r0, std::min(x_block, row0 + ny - r0));
                T* plane = cd + static_cast<std::ptrdiff_t>(row0 * nx);
                for (std::size_t x0 = 0; x0 < nx; x0 += chunk_y_)
                    axes_[1].solve(plane + x0, static_cast<std::ptrdiff_t>(nx), std::min(chunk_y_, nx - x0));
            }
        } else {
            const std::size_t rows = planes;
            const std::ptrdiff_t blocks = static_cast<std::ptrdiff_t>((rows + x_block - 1) / x_block);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
            for (std::ptrdiff_t b = 0; b < blocks; ++b) {
                const std::size_t r0 = static_cast<std::size_t>(b) * x_block;
                sweep_x(cd, src, r0, std::min(x_block, rows - r0));
            }
        }
    }

    // Sources from two arrays (either may be null: zero).
    struct array_sources {
        const T* s;
        const T* u;
    };
    // Sources from a row filler.
    template <class Fill>
    struct row_sources {
        Fill* fill;
    };

    template <class Sources>
    void run(T* cd, const Sources& src) {
        std::size_t threads = 1;
#ifdef OSSIFY_USE_OPENMP
        threads = static_cast<std::size_t>(omp_get_max_threads());
#endif
        if (buffers_.size() < threads * buffer_size()) buffers_.resize(threads * buffer_size());
        const std::size_t nx = e_[0], ny = e_[1], nz = e_[2];
        if constexpr (Dim == 3) {
            const std::ptrdiff_t planes = static_cast<std::ptrdiff_t>(nz);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
            for (std::ptrdiff_t k = 0; k < planes; ++k) {
                const std::size_t row0 = static_cast<std::size_t>(k) * ny;
                for (std::size_t r0 = row0; r0 < row0 + ny; r0 += x_block)
                    sweep_x(cd, src, r0, std::min(x_block, row0 + ny - r0));
                T* plane = cd + static_cast<std::ptrdiff_t>(row0 * nx);
                for (std::size_t x0 = 0; x0 < nx; x0 += chunk_y_)
                    axes_[1].solve(plane + x0, static_cast<std::ptrdiff_t>(nx), std::min(chunk_y_, nx - x0));
            }
            const std::size_t plane_size = nx * ny;
            const std::ptrdiff_t chunks = static_cast<std::ptrdiff_t>((plane_size + chunk_z_ - 1) / chunk_z_);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
            for (std::ptrdiff_t q = 0; q < chunks; ++q) {
                const std::size_t p0 = static_cast<std::size_t>(q) * chunk_z_;
                axes_[2].solve(cd + p0, static_cast<std::ptrdiff_t>(plane_size), std::min(chunk_z_, plane_size - p0));
            }
            if (strang_) react_all(cd, src, ny * nz);
        } else {
            const std::ptrdiff_t blocks = static_cast<std::ptrdiff_t>((ny + x_block - 1) / x_block);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
            for (std::ptrdiff_t b = 0; b < blocks; ++b) {
                const std::size_t r0 = static_cast<std::size_t>(b) * x_block;
                sweep_x(cd, src, r0, std::min(x_block, ny - r0));
            }
            const std::ptrdiff_t chunks = static_cast<std::ptrdiff_t>((nx + chunk_y_ - 1) / chunk_y_);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
            for (std::ptrdiff_t q = 0; q < chunks; ++q) {
                const std::size_t x0 = static_cast<std::size_t>(q) * chunk_y_;
                axes_[1].solve(cd + x0, static_cast<std::ptrdiff_t>(nx), std::min(chunk_y_, nx - x0));
            }
            if (strang_) react_all(cd, src, ny);
        }
    }

    template <class Sources>
    void react_all(T* cd, const Sources& src, std::size_t rows) {
        const std::ptrdiff_t blocks = static_cast<std::ptrdiff_t>((rows + x_block - 1) / x_block);
#ifdef OSSIFY_USE_OPENMP
#pragma omp parallel for schedule(static)
#endif
        for (std::ptrdiff_t b = 0; b < blocks; ++b) {
            const std::size_t r0 = static_cast<std::size_t>(b) * x_block;
            react_rows(cd, src, r0, std::min(x_block, rows - r0));
        }
    }

    static constexpr const char* where = "ossify::implicit_solver";

    [[nodiscard]] std::size_t buffer_size() const noexcept { return e_[0] * (x_block + 2); }
    // The calling thread's scratch buffer index (0 without OpenMP).
    [[nodiscard]] static std::size_t thread_index() noexcept {
#ifdef OSSIFY_USE_OPENMP
        return static_cast<std::size_t>(omp_get_thread_num());
#endif
        return 0;
    }

    // Half a step of the reactions at one site, solved exactly (see the class comment).
    [[nodiscard]] T react(T c, T s, T u) const noexcept {
        double v;
        if (u == T(0)) {
            v = static_cast<double>(c) * half_factor_ + static_cast<double>(s) * half_gain_;
        } else {
            const double k = decay_ + static_cast<double>(u);
            const double x = -0.5 * dt_ * k;
            v = static_cast<double>(c) * std::exp(x) - static_cast<double>(s) * std::expm1(x) / k;
        }
        return v > 0.0 ? static_cast<T>(v) : T(0);
    }

    // The source and uptake of the row starting at `off`: views into the arrays, or the
    // values the filler writes into the thread's scratch `buf` (null: zero everywhere).
    template <class Sources>
    void row_terms(const Sources& src, std::size_t off, T* buf, const T*& s, const T*& u) const
        noexcept(std::is_same_v<Sources, array_sources>) {
        if constexpr (std::is_same_v<Sources, array_sources>) {
            s = src.s == nullptr ? nullptr : src.s + off;
            u = src.u == nullptr ? nullptr : src.u + off;
        } else {
            const std::size_t nx = e_[0];
            T* rs = buf + nx * x_block;
            T* ru = rs + nx;
            (*src.fill)(off, nx, rs, ru);
            s = rs;
            u = ru;
        }
    }

    // The second half of the reactions, over rows [r0, r0 + lines).
    template <class Sources>
    void react_rows(T* c, const Sources& src, std::size_t r0, std::size_t lines) noexcept(
        std::is_same_v<Sources, array_sources>) {
        const std::size_t nx = e_[0];
        T* buf = buffers_.data() + thread_index() * buffer_size();
        for (std::size_t l = 0; l < lines; ++l) {
            const std::size_t off = (r0 + l) * nx;
            T* row = c + off;
            const T* s = nullptr;
            const T* u = nullptr;
            row_terms(src, off, buf, s, u);
            for (std::size_t i = 0; i < nx; ++i) {
                row[i] = react(row[i], s == nullptr ? T(0) : s[i], u == nullptr ? T(0) : u[i]);
            }
        }
    }

    // Sources/uptake, then the x sweep, for rows [r0, r0 + lines) through a transposed buffer.
    template <class Sources>
    void sweep_x(T* c, const Sources& src, std::size_t r0, std::size_t lines) noexcept(
        std::is_same_v<Sources, array_sources>) {
        const std::size_t nx = e_[0];
        T* buf = buffers_.data() + thread_index() * buffer_size();
        const T dt = static_cast<T>(dt_);
        for (std::size_t l = 0; l < lines; ++l) {
            const std::size_t off = (r0 + l) * nx;
            const T* row = c + off;
            const T* s = nullptr;
            const T* u = nullptr;
            row_terms(src, off, buf, s, u);
            if (strang_) {
                for (std::size_t i = 0; i < nx; ++i) {
                    buf[i * x_block + l] = react(row[i], s == nullptr ? T(0) : s[i], u == nullptr ? T(0) : u[i]);
                }
            } else if (s == nullptr && u == nullptr) {
                for (std::size_t i = 0; i < nx; ++i) buf[i * x_block + l] = row[i];
            } else {
                for (std::size_t i = 0; i < nx; ++i) {
                    T v = row[i];
                    if (s != nullptr) v += dt * s[i];
                    if (u != nullptr) v /= T(1) + dt * u[i];
                    buf[i * x_block + l] = v > T(0) ? v : T(0);
                }
            }
        }
        axes_[0].solve(buf, static_cast<std::ptrdiff_t>(x_block), lines);
        for (std::size_t l = 0; l < lines; ++l) {
            T* row = c + (r0 + l) * nx;
            for (std::size_t i = 0; i < nx; ++i) row[i] = buf[i * x_block + l];
        }
    }

    grid_type grid_;
    diffusion_parameters params_;
    std::array<std::size_t, 3> e_;
    double dt_ = 0.0;
    bool strang_ = false;       // reaction_splitting::strang
    double decay_ = 0.0;        // k, 1/d
    double half_factor_ = 1.0;  // e^{-k dt/2}
    double half_gain_ = 0.0;    // (1 - e^{-k dt/2}) / k, or dt/2 without decay
    std::array<detail::tridiagonal_axis<T>, Dim> axes_{};
    std::vector<T> buffers_;
    std::size_t chunk_y_ = 64;
    std::size_t chunk_z_ = 64;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_IMPLICIT_SOLVER_HPP
