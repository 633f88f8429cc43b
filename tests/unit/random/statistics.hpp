// Statistics shared by the random tests: critical values are derived here, not hard-coded.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace ossify_test {

/// Upper-tail standard normal quantile: z with P(Z > z) = alpha, by bisection on erfc.
inline double normal_upper_quantile(double alpha) {
    double lo = -40.0, hi = 40.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (0.5 * std::erfc(mid / std::sqrt(2.0)) > alpha) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
}

/// Number of standard errors every moment test allows.
inline constexpr double sigmas = 4.0;

/// The significance that matches `sigmas` standard errors two-sided: P(|Z| > 4) ~ 6.3e-5.
inline double significance() { return std::erfc(sigmas / std::sqrt(2.0)); }

/// Upper critical value of chi-square with df degrees of freedom at significance alpha,
/// Wilson-Hilferty (1931): chi2 ~ df (1 - 2/(9 df) + z sqrt(2/(9 df)))^3.
inline double chi_square_critical(double df, double alpha) {
    const double z = normal_upper_quantile(alpha);
    const double c = 2.0 / (9.0 * df);
    const double t = 1.0 - c + z * std::sqrt(c);
    return df * t * t * t;
}

/// Pearson's statistic of observed counts against expected counts.
inline double chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
    double s = 0.0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        const double d = observed[i] - expected[i];
        s += d * d / expected[i];
    }
    return s;
}

/// Sample mean, variance and their standard errors (the variance's from the sample fourth
/// central moment: se^2 = (m4 - s^4) / n).
struct moments {
    double mean = 0, variance = 0, se_mean = 0, se_variance = 0;
};
inline moments sample_moments(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    double m = 0;
    for (double v : x) m += v;
    m /= n;
    double m2 = 0, m4 = 0;
    for (double v : x) {
        const double d = (v - m) * (v - m);
        m2 += d;
        m4 += d * d;
    }
    m2 /= n;
    m4 /= n;
    return {m, m2 * n / (n - 1.0), std::sqrt(m2 / n), std::sqrt((m4 - m2 * m2) / n)};
}

/// Sample correlation of two equally long series.
inline double correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const double n = static_cast<double>(a.size());
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) { ma += a[i]; mb += b[i]; }
    ma /= n;
    mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / std::sqrt(saa * sbb);
}

/// Chi-square of integer samples against a pmf: single-value bins where the expected count is
/// at least 5, the two tails merged into one bin each. Returns {statistic, degrees of freedom}.
struct chi_square_result {
    double statistic;
    double df;
};
inline chi_square_result chi_square_pmf(const std::vector<std::uint64_t>& samples,
                                        const std::function<double(std::uint64_t)>& pmf,
                                        std::uint64_t support_max) {
    const double n = static_cast<double>(samples.size());
    std::uint64_t lo = 0;
    while (lo < support_max && n * pmf(lo) < 5.0) ++lo;
    std::uint64_t hi = lo;
    while (hi < support_max && n * pmf(hi + 1) >= 5.0) ++hi;
    // bins: [0, lo], lo+1 .. hi-1 single, [hi, inf)
    std::vector<double> expected, observed;
    double below = 0;
    for (std::uint64_t k = 0; k <= lo; ++k) below += pmf(k);
    expected.push_back(n * below);
    double inner = below;
    for (std::uint64_t k = lo + 1; k < hi; ++k) {
        expected.push_back(n * pmf(k));
        inner += pmf(k);
    }
    expected.push_back(n * (1.0 - inner));
    observed.assign(expected.size(), 0.0);
    for (std::uint64_t x : samples) {
        std::size_t bin = x <= lo ? 0 : (x >= hi ? expected.size() - 1 : static_cast<std::size_t>(x - lo));
        observed[bin] += 1.0;
    }
    return {chi_square(observed, expected), static_cast<double>(expected.size() - 1)};
}

}  // namespace ossify_test
