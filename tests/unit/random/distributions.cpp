#include <ossify/random/distributions.hpp>

#include <string>
#include <vector>

#include "catch.hpp"
#include "statistics.hpp"

using namespace ossify;
using namespace ossify::random;
using namespace ossify_test;

namespace {

constexpr std::size_t draws = 200000;

std::vector<std::uint64_t> poisson_samples(double mean, std::uint64_t id) {
    stream s{seed{20240601}, id};
    std::vector<std::uint64_t> x(draws);
    for (auto& v : x) v = poisson(s, mean);
    return x;
}

std::vector<std::uint64_t> binomial_samples(std::uint64_t n, double p, std::uint64_t id) {
    stream s{seed{20240602}, id};
    std::vector<std::uint64_t> x(draws);
    for (auto& v : x) v = binomial(s, n, p);
    return x;
}

void check_moments(const std::vector<std::uint64_t>& samples, double mean, double variance) {
    const std::vector<double> x(samples.begin(), samples.end());
    const auto m = sample_moments(x);
    INFO("mean " << m.mean << " (expected " << mean << ", se " << m.se_mean << "), variance "
                 << m.variance << " (expected " << variance << ", se " << m.se_variance << ")");
    CHECK(std::abs(m.mean - mean) < sigmas * m.se_mean);
    CHECK(std::abs(m.variance - variance) < sigmas * m.se_variance);
}

double poisson_pmf(double mean, std::uint64_t k) {
    const double kd = static_cast<double>(k);
    return std::exp(-mean + kd * std::log(mean) - std::lgamma(kd + 1.0));
}

double binomial_pmf(std::uint64_t n, double p, std::uint64_t k) {
    if (k > n) return 0.0;
    const double nd = static_cast<double>(n), kd = static_cast<double>(k);
    return std::exp(std::lgamma(nd + 1.0) - std::lgamma(kd + 1.0) - std::lgamma(nd - kd + 1.0) +
                    kd * std::log(p) + (nd - kd) * std::log1p(-p));
}

void check_pmf(const std::vector<std::uint64_t>& samples,
               const std::function<double(std::uint64_t)>& pmf, std::uint64_t support_max) {
    const auto r = chi_square_pmf(samples, pmf, support_max);
    const double critical = chi_square_critical(r.df, significance());
    INFO("chi2 = " << r.statistic << " on " << r.df << " df, critical " << critical);
    CHECK(r.df >= 3);
    CHECK(r.statistic < critical);
}

}  // namespace

TEST_CASE("log_factorial and the Stirling tail table agree with sums of logs", "[random][distributions]") {
    // documented truncation error < 4e-13; a sum of up to 40 logs carries ~1e-14 of rounding
    double sum = 0.0;
    for (int k = 0; k <= 40; ++k) {
        if (k > 0) sum += std::log(static_cast<double>(k));
        CHECK(random::detail::log_factorial(k) == Approx(sum).margin(1e-12).epsilon(1e-14));
    }
}

TEST_CASE("poisson mean and variance for small and large means", "[random][distributions][statistics]") {
    std::uint64_t id = 0;
    for (double mean : {0.5, 7.0, 9.99, 10.0, 40.0, 1.0e4}) {
        INFO("mean = " << mean);
        check_moments(poisson_samples(mean, id++), mean, mean);
    }
    stream s{seed{1}, 0};
    CHECK(poisson(s, 0.0) == 0);
}

TEST_CASE("poisson pmf by chi-square: inversion and PTRS", "[random][distributions][statistics]") {
    check_pmf(poisson_samples(3.0, 100), [](std::uint64_t k) { return poisson_pmf(3.0, k); }, 1000);
    check_pmf(poisson_samples(40.0, 101), [](std::uint64_t k) { return poisson_pmf(40.0, k); }, 1000);
}

TEST_CASE("binomial mean and variance for small and large n p", "[random][distributions][statistics]") {
    struct param {
        std::uint64_t n;
        double p;
    };
    std::uint64_t id = 0;
    for (const param c : {param{20, 0.3}, param{20, 0.7}, param{1000000, 0.02}, param{1000, 0.5},
                          param{100, 0.95}, param{5, 0.01}}) {
        INFO("n = " << c.n << ", p = " << c.p);
        const double n = static_cast<double>(c.n);
        check_moments(binomial_samples(c.n, c.p, id++), n * c.p, n * c.p * (1.0 - c.p));
    }
}

TEST_CASE("binomial pmf by chi-square: inversion, BTRD and the p > 1/2 mirror", "[random][distributions][statistics]") {
    check_pmf(binomial_samples(20, 0.3, 200), [](std::uint64_t k) { return binomial_pmf(20, 0.3, k); }, 20);
    check_pmf(binomial_samples(200, 0.3, 201), [](std::uint64_t k) { return binomial_pmf(200, 0.3, k); }, 200);
    check_pmf(binomial_samples(200, 0.8, 202), [](std::uint64_t k) { return binomial_pmf(200, 0.8, k); }, 200);
}

TEST_CASE("binomial edge cases", "[random][distributions]") {
    stream s{seed{1}, 0};
    CHECK(binomial(s, 0, 0.5) == 0);
    CHECK(binomial(s, 10, 0.0) == 0);
    CHECK(binomial(s, 10, 1.0) == 10);
    for (int i = 0; i < 1000; ++i) REQUIRE(binomial(s, 3, 0.9) <= 3);
    for (int i = 0; i < 1000; ++i) REQUIRE(binomial(s, 30, 0.5) <= 30);
}

TEST_CASE("samplers are reproducible from the stream state", "[random][distributions]") {
    stream a{seed{5}, 1}, b{seed{5}, 1};
    for (int i = 0; i < 100; ++i) {
        REQUIRE(poisson(a, 25.0) == poisson(b, 25.0));
        REQUIRE(binomial(a, 500, 0.1) == binomial(b, 500, 0.1));
    }
    CHECK(a.position() == b.position());
}

TEST_CASE("samplers refuse bad arguments and leave the stream untouched", "[random][distributions]") {
    stream s{seed{9}, 0};
    const auto pos = s.position();
    auto refused = [&](auto call, const std::string& name) {
        try {
            call();
            FAIL("no exception for " << name);
        } catch (const invalid_parameter& e) {
            CHECK(e.parameter() == name);
            CHECK(std::string(e.what()).find(name) != std::string::npos);
        }
        CHECK(s.position() == pos);
    };
    refused([&] { (void)poisson(s, -1.0); }, "mean");
    refused([&] { (void)poisson(s, std::nan("")); }, "mean");
    refused([&] { (void)poisson(s, std::numeric_limits<double>::infinity()); }, "mean");
    refused([&] { (void)binomial(s, 10, -0.1); }, "p");
    refused([&] { (void)binomial(s, 10, 1.5); }, "p");
    refused([&] { (void)binomial(s, 10, std::nan("")); }, "p");
    refused([&] { (void)binomial(s, binomial_max_trials + 1, 0.5); }, "n");
}
