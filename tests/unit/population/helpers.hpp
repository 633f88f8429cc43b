// Helpers shared by the population tests: statistical checks with tolerances derived from the
// statistics (4 standard errors, fixed seeds), and checks of the errors the model throws.
#pragma once
#include <ossify/error.hpp>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "catch.hpp"

namespace population_test {

/// Number of standard errors a statistical check allows (fixed seeds: a failure is reproducible).
inline constexpr double sigmas = 4.0;

/// Mean and variance of a sample.
struct moments {
    double mean = 0.0;
    double variance = 0.0;
    std::size_t n = 0;
    /// Standard error of the mean.
    [[nodiscard]] double se() const { return std::sqrt(variance / static_cast<double>(n)); }
};
inline moments moments_of(const std::vector<double>& x) {
    moments m;
    m.n = x.size();
    m.mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(m.n);
    for (double v : x) m.variance += (v - m.mean) * (v - m.mean);
    m.variance /= static_cast<double>(m.n - 1);
    return m;
}

/// The sample mean agrees with `expected` within 4 standard errors of the mean, where the
/// standard error comes from the known variance of one draw.
inline void check_mean(const moments& m, double expected, double variance_of_one) {
    const double se = std::sqrt(variance_of_one / static_cast<double>(m.n));
    INFO("mean " << m.mean << ", expected " << expected << " +- " << se << " (n = " << m.n << ")");
    CHECK(std::abs(m.mean - expected) <= sigmas * se);
}

/// The sample variance agrees with `expected` within 4 standard errors (for a nearly normal
/// sample the variance of the sample variance is 2 sigma^4 / (n - 1)).
inline void check_variance(const moments& m, double expected) {
    const double se = expected * std::sqrt(2.0 / static_cast<double>(m.n - 1));
    INFO("variance " << m.variance << ", expected " << expected << " +- " << se << " (n = " << m.n << ")");
    CHECK(std::abs(m.variance - expected) <= sigmas * se);
}

/// A single draw `x` agrees with a distribution of mean `mean` and variance `variance`.
inline void check_draw(double x, double mean, double variance) {
    INFO("draw " << x << ", expected " << mean << " +- " << std::sqrt(variance));
    CHECK(std::abs(x - mean) <= sigmas * std::sqrt(variance));
}

/// f() throws ossify::model_error whose message contains `text`.
template <class F>
void require_model_error(F&& f, const std::string& text) {
    try {
        f();
        FAIL("no exception; expected model_error saying " << text);
    } catch (const ossify::model_error& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find(text) != std::string::npos);
    }
}

/// f() throws ossify::invalid_parameter naming `name`.
template <class F>
void require_invalid(F&& f, const std::string& name) {
    try {
        f();
        FAIL("no exception; expected invalid_parameter naming " << name);
    } catch (const ossify::invalid_parameter& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find(name) != std::string::npos);
    }
}

}  // namespace population_test
