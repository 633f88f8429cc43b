/// @file
/// @brief Internal: the factored tridiagonal system of one axis of implicit_solver (Thomas
/// sweeps over blocks of lines, Sherman-Morrison for periodic axes).
#include "../../config.hpp"
#ifndef OSSIFY_SIGNAL_DETAIL_TRIDIAGONAL_HPP
#define OSSIFY_SIGNAL_DETAIL_TRIDIAGONAL_HPP

#include <algorithm>
#include <cstddef>
#include <vector>

#include "../../space/boundary.hpp"

#if defined(__GNUC__) && !defined(__clang__)
/// @brief Tells GCC that the next loop has no loop-carried dependence through memory.
#define OSSIFY_IVDEP _Pragma("GCC ivdep")
#else
/// @brief Tells the compiler that the next loop has no loop-carried dependence (no-op here).
#define OSSIFY_IVDEP
#endif

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/**
 * @brief The constant factors of one axis' implicit system
 *   -r c[i-1] + b[i] c[i] - r c[i+1] = d[i],   r = D dt / h^2,
 * LU-factored once (Thomas): forward y[i] = m[i] d[i] + g[i] y[i-1], backward
 * x[i] = y[i] + g[i] x[i+1], with g[i] = r m[i]. Fixed faces add r c0 to the first/last
 * right-hand side; periodic axes add a Sherman-Morrison correction
 * x = y - (y[0] + bg y[n-1]) zq.
 * @tparam T double or float
 */
template <class T>
struct tridiagonal_axis {
    /** @brief Sites along the axis. */
    std::size_t n = 1;
    /** @brief False when the sweep is the identity (D = 0 and no extra diagonal). */
    bool active = false;
    /** @brief True for a periodic axis with n >= 2. */
    bool periodic = false;
    /** @brief Right-hand side additions of fixed faces. */
    T f_lo = 0, f_hi = 0;
    /** @brief Sherman-Morrison weight of y[n-1]. */
    T bg = 0;
    /** @brief Thomas factors. */
    std::vector<T> m, g;
    /** @brief Sherman-Morrison correction vector. */
    std::vector<T> zq;

    /** @brief Factors for n sites, coupling r, extra diagonal e (dt k), faces lo/hi, value c0. */
    void prepare(std::size_t sites, double r, double e, boundary lo, boundary hi, double c0) {
        n = sites;
        periodic = lo == boundary::periodic && n >= 2;
        active = r > 0.0 || e > 0.0;
        std::vector<double> b(n), md(n), gd(n);
        if (periodic) {
            const double bb = 1.0 + e + 2.0 * r;
            std::fill(b.begin(), b.end(), bb);
            b[0] = 2.0 * bb;              // b - gamma with gamma = -b
            b[n - 1] = bb + r * r / bb;   // b - alpha beta / gamma with alpha = beta = -r
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                double nb = 0.0;
                if (i > 0) nb += 1.0;
                if (i + 1 < n) nb += 1.0;
                if (i == 0 && lo == boundary::fixed) nb += 1.0;
                if (i + 1 == n && hi == boundary::fixed) nb += 1.0;
                b[i] = 1.0 + e + r * nb;
            }
        }
        md[0] = 1.0 / b[0];
        gd[0] = r * md[0];
        for (std::size_t i = 1; i < n; ++i) {
            md[i] = 1.0 / (b[i] - r * gd[i - 1]);
            gd[i] = r * md[i];
        }
        m.assign(md.begin(), md.end());
        g.assign(gd.begin(), gd.end());
        f_lo = static_cast<T>(!periodic && lo == boundary::fixed ? r * c0 : 0.0);
        f_hi = static_cast<T>(!periodic && hi == boundary::fixed ? r * c0 : 0.0);
        if (periodic) {
            const double bb = 1.0 + e + 2.0 * r;
            std::vector<double> z(n, 0.0);
            z[0] = -bb;   // u = (gamma, 0, ..., 0, alpha)
            z[n - 1] += -r;
            z[0] *= md[0];
            for (std::size_t i = 1; i < n; ++i) z[i] = md[i] * z[i] + gd[i] * z[i - 1];
            for (std::size_t i = n - 1; i-- > 0;) z[i] += gd[i] * z[i + 1];
            const double bgd = r / bb;   // beta / gamma
            const double q = 1.0 / (1.0 + z[0] + bgd * z[n - 1]);
            zq.resize(n);
            for (std::size_t i = 0; i < n; ++i) zq[i] = static_cast<T>(z[i] * q);
            bg = static_cast<T>(bgd);
        } else {
            zq.clear();
            bg = 0;
        }
    }

    /**
     * @brief Solves the system for L lines at once: element i of line l is at
     * base[i * stride + l], so the inner loops run over contiguous memory.
     */
    void solve(T* base, std::ptrdiff_t stride, std::size_t lines) const noexcept {
        if (!active) return;
        T* const first = base;
        T* const last = base + static_cast<std::ptrdiff_t>(n - 1) * stride;
        if (f_lo != T(0)) {
            const T f = f_lo;
            for (std::size_t l = 0; l < lines; ++l) first[l] += f;
        }
        if (f_hi != T(0)) {
            const T f = f_hi;
            for (std::size_t l = 0; l < lines; ++l) last[l] += f;
        }
        {
            const T m0 = m[0];
            for (std::size_t l = 0; l < lines; ++l) first[l] *= m0;
        }
        for (std::size_t i = 1; i < n; ++i) {
            T* p = base + static_cast<std::ptrdiff_t>(i) * stride;
            const T* pm = p - stride;
            const T mi = m[i], gi = g[i];
            OSSIFY_IVDEP
            for (std::size_t l = 0; l < lines; ++l) p[l] = mi * p[l] + gi * pm[l];
        }
        for (std::size_t i = n - 1; i-- > 0;) {
            T* p = base + static_cast<std::ptrdiff_t>(i) * stride;
            const T* pp = p + stride;
            const T gi = g[i];
            OSSIFY_IVDEP
            for (std::size_t l = 0; l < lines; ++l) p[l] += gi * pp[l];
        }
        if (periodic) {
            // x = y - (y[0] + bg y[n-1]) zq; rows 0 and n-1 last, since t reads them.
            const T b = bg;
            for (std::size_t i = 1; i + 1 < n; ++i) {
                T* p = base + static_cast<std::ptrdiff_t>(i) * stride;
                const T zi = zq[i];
                OSSIFY_IVDEP
                for (std::size_t l = 0; l < lines; ++l) {
                    const T v = p[l] - (first[l] + b * last[l]) * zi;
                    p[l] = v > T(0) ? v : T(0);  // round-off of the subtraction only
                }
            }
            const T z0 = zq[0], zn = zq[n - 1];
            for (std::size_t l = 0; l < lines; ++l) {
                const T t = first[l] + b * last[l];
                const T v0 = first[l] - t * z0, vn = last[l] - t * zn;
                first[l] = v0 > T(0) ? v0 : T(0);
                last[l] = vn > T(0) ? vn : T(0);
            }
        }
    }
};

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_DETAIL_TRIDIAGONAL_HPP
