/// @file
/// @brief Exact Poisson and binomial samplers over `random::stream`, written here (not the
/// std:: distributions, whose output differs between standard libraries).
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_DISTRIBUTIONS_HPP
#define OSSIFY_RANDOM_DISTRIBUTIONS_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../detail/error.hpp"
#include "stream.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace random {
namespace detail {

/// @brief Stirling-series remainder fc(k) = ln k! - [(k + 1/2) ln(k + 1) - (k + 1) + ln(2 pi)/2]
/// (Hoermann 1993, BTRD, "fc"): a table for k < 10, above it the Stirling series in
/// 1/(k+1) to the (k+1)^-7 term (truncation error < 1/(1188 (k+1)^9) < 4e-13 for k >= 10).
/// Thread-safe, unlike lgamma (which writes the global signgam).
inline double stirling_tail(double k) noexcept {
    static constexpr std::array<double, 10> table = {
        0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
        0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
        0.009255462182712733, 0.008330563433362871};
    if (k < 10.0) return table[static_cast<std::size_t>(k)];
    const double r = 1.0 / (k + 1.0);
    const double r2 = r * r;
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - r2 / 1680.0) * r2) * r2) * r;
}

/// @brief ln(k!) through the Stirling series (k a non-negative integer held in a double).
inline double log_factorial(double k) noexcept {
    constexpr double half_log_two_pi = 0.91893853320467274178;  // ln(2 pi) / 2
    return (k + 0.5) * std::log(k + 1.0) - (k + 1.0) + half_log_two_pi + stirling_tail(k);
}

/// @brief Largest integer a double holds exactly (2^53): bound on means and trial counts.
inline constexpr double max_exact_integer = 9007199254740992.0;

/// @brief Poisson by inversion (sequential search from 0), one uniform; for mean < 10.
inline std::uint64_t poisson_inversion(stream& s, double mean) noexcept {
    const double u = s.uniform();
    double p = std::exp(-mean);
    double cdf = p;
    std::uint64_t k = 0;
    while (u > cdf) {
        ++k;
        p *= mean / static_cast<double>(k);
        const double next = cdf + p;
        if (next == cdf) break;  // rounding: the CDF no longer grows; u is in the far tail
        cdf = next;
    }
    return k;
}

/// @brief PTRS, transformed rejection with squeeze (Hoermann 1993, "The transformed
/// rejection method for generating Poisson random variables", Insurance: Mathematics and
/// Economics 12, 39-45); for mean >= 10. Two uniforms per trial, acceptance rate > 0.9.
inline std::uint64_t poisson_ptrs(stream& s, double mean) noexcept {
    const double sqrt_mean = std::sqrt(mean);
    const double log_mean = std::log(mean);
    const double b = 0.931 + 2.53 * sqrt_mean;
    const double a = -0.059 + 0.02483 * b;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = s.uniform() - 0.5;
        const double v = s.uniform();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
        if (k < 0.0 || (us < 0.013 && v > us)) continue;
        if (std::log(v * inv_alpha / (a / (us * us) + b)) <=
            -mean + k * log_mean - log_factorial(k)) {
            return static_cast<std::uint64_t>(k);
        }
    }
}

/// @brief Binomial by inversion (sequential search from 0), one uniform; for n p < 10, p <= 1/2.
inline std::uint64_t binomial_inversion(stream& s, std::uint64_t n, double p) noexcept {
    const double q = 1.0 - p;
    const double ratio = p / q;
    const double a = (static_cast<double>(n) + 1.0) * ratio;
    double prob = std::exp(static_cast<double>(n) * std::log1p(-p));  // P(X = 0) = q^n
    double u = s.uniform();
    std::uint64_t k = 0;
    while (u > prob && k < n) {
        u -= prob;
        ++k;
        prob *= a / static_cast<double>(k) - ratio;  // P(k)/P(k-1) = (n-k+1)/k * p/q
    }
    return k;
}

/// @brief BTRD, transformed rejection with decomposition (Hoermann 1993, "The generation of
/// binomial random variates", J. Statist. Comput. Simul. 46, 101-110); for n p >= 10, p <= 1/2.
inline std::uint64_t binomial_btrd(stream& s, std::uint64_t n_int, double p) noexcept {
    const double n = static_cast<double>(n_int);
    const double m = std::floor((n + 1.0) * p);
    const double r = p / (1.0 - p);
    const double nr = (n + 1.0) * r;
    const double npq = n * p * (1.0 - p);
    const double sqrt_npq = std::sqrt(npq);
    const double b = 1.15 + 2.53 * sqrt_npq;
    const double a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = n * p + 0.5;
    const double alpha = (2.83 + 5.1 / b) * sqrt_npq;
    const double v_r = 0.92 - 4.2 / b;
    const double ur_vr = 0.86 * v_r;
    for (;;) {
        // Step 1: the triangle in the centre, accepted at once.
        double v = s.uniform();
        if (v <= ur_vr) {
            const double u = v / v_r - 0.43;
            return static_cast<std::uint64_t>(std::floor((2.0 * a / (0.5 - std::fabs(u)) + b) * u + c));
        }
        // Step 2: a point (u, v) under the hat.
        double u;
        if (v >= v_r) {
            u = s.uniform() - 0.5;
        } else {
            u = v / v_r - 0.93;
            u = (u < 0.0 ? -0.5 : 0.5) - u;
            v = s.uniform() * v_r;
        }
        // Step 3.0
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + c);
        if (k < 0.0 || k > n) continue;
        v = v * alpha / (a / (us * us) + b);
        const double km = std::fabs(k - m);
        if (km <= 15.0) {
            // Step 3.1: f(k)/f(m) by recursion.
            double f = 1.0;
            if (m < k) {
                for (double i = m + 1.0; i <= k; i += 1.0) f *= nr / i - r;
            } else if (m > k) {
                for (double i = k + 1.0; i <= m; i += 1.0) v *= nr / i - r;
            }
            if (v <= f) return static_cast<std::uint64_t>(k);
            continue;
        }
        // Step 3.2: squeeze.
        v = std::log(v);
        const double rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5);
        const double t = -km * km / (2.0 * npq);
        if (v < t - rho) return static_cast<std::uint64_t>(k);
        if (v > t + rho) continue;
        // Steps 3.3 and 3.4: the exact test.
        const double nm = n - m + 1.0;
        const double h = (m + 0.5) * std::log((m + 1.0) / (r * nm)) + stirling_tail(m) +
                         stirling_tail(n - m);
        const double nk = n - k + 1.0;
        if (v <= h + (n + 1.0) * std::log(nm / nk) + (k + 0.5) * std::log(nk * r / (k + 1.0)) -
                     stirling_tail(k) - stirling_tail(n - k)) {
            return static_cast<std::uint64_t>(k);
        }
    }
}

}  // namespace detail

/// @brief Largest mean `poisson` accepts (2^53, so every likely variate is an exact double).
inline constexpr double poisson_max_mean = detail::max_exact_integer;
/// @brief Largest trial count `binomial` accepts (2^53).
inline constexpr std::uint64_t binomial_max_trials = 9007199254740992ull;

/**
 * @brief A Poisson(mean) variate from a stream: inversion for mean < 10, PTRS
 * (Hoermann 1993) above. Exact up to floating-point rounding; the same stream state gives
 * the same variate on every platform whose std::exp/std::log agree.
 * @throws ossify::invalid_parameter if mean is negative, NaN or above 2^53 (stream untouched).
 */
inline std::uint64_t poisson(stream& s, double mean) {
    ossify::detail::require_in_range("ossify::random::poisson", "mean", mean, 0.0,
                                     poisson_max_mean);
    if (mean == 0.0) return 0;
    return mean < 10.0 ? detail::poisson_inversion(s, mean) : detail::poisson_ptrs(s, mean);
}

/**
 * @brief A Binomial(n, p) variate from a stream: inversion for n min(p, 1-p) < 10, BTRD
 * (Hoermann 1993) above; p > 1/2 is drawn as n - Binomial(n, 1 - p).
 * @throws ossify::invalid_parameter if p is outside [0, 1] or NaN, or n above 2^53
 * (stream untouched).
 */
inline std::uint64_t binomial(stream& s, std::uint64_t n, double p) {
    constexpr const char* where = "ossify::random::binomial";
    ossify::detail::require_in_range(where, "p", p, 0.0, 1.0);
    if (n > binomial_max_trials) {
        throw invalid_parameter(where, "n", std::to_string(n),
                                "[0, " + std::to_string(binomial_max_trials) + "]");
    }
    if (n == 0 || p == 0.0) return 0;
    if (p == 1.0) return n;
    const bool flipped = p > 0.5;
    const double pp = flipped ? 1.0 - p : p;  // exact for p in (1/2, 1) (Sterbenz)
    const std::uint64_t k = static_cast<double>(n) * pp < 10.0 ? detail::binomial_inversion(s, n, pp)
                                                                 : detail::binomial_btrd(s, n, pp);
    return flipped ? n - k : k;
}

}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_DISTRIBUTIONS_HPP
