#include <ossify/random/counter_rng.hpp>
#include <ossify/units/literals.hpp>

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>
#include <vector>

#include "catch.hpp"
#include "statistics.hpp"

using namespace ossify;
using namespace ossify::random;
using namespace ossify_test;

TEST_CASE("a draw does not depend on the order in which entities are drawn", "[random][counter_rng]") {
    const counter_rng rng{seed{2024}};
    constexpr std::uint64_t n = 1000;
    auto draw = [&](const std::vector<std::uint64_t>& order) {
        std::vector<std::array<std::uint32_t, 4>> out(n);
        for (std::uint64_t e : order) out[e] = rng.bits({7, e, purpose::proliferation, 0});
        return out;
    };
    std::vector<std::uint64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    const auto forward = draw(order);
    std::reverse(order.begin(), order.end());
    const auto backward = draw(order);
    stream shuffler{seed{1}, 0};
    std::shuffle(order.begin(), order.end(), shuffler);
    const auto shuffled = draw(order);
    CHECK(forward == backward);
    CHECK(forward == shuffled);
    // and interleaving other draws in between changes nothing (no hidden state)
    std::vector<std::array<std::uint32_t, 4>> interleaved(n);
    for (std::uint64_t e = 0; e < n; ++e) {
        (void)rng.uniform({e, e, purpose::death, 3});
        interleaved[e] = rng.bits({7, e, purpose::proliferation, 0});
    }
    CHECK(forward == interleaved);
}

TEST_CASE("bind gives the same numbers as counter_rng", "[random][counter_rng]") {
    const counter_rng rng{seed{99}};
    const auto bound = rng.bind(12, purpose::migration);
    CHECK(bound.step() == 12);
    CHECK(bound.purpose() == purpose::migration);
    for (std::uint64_t e = 0; e < 100; ++e) {
        for (std::uint32_t i = 0; i < 3; ++i) {
            CHECK(bound.bits(e, i) == rng.bits({12, e, purpose::migration, i}));
            CHECK(bound.uniform(e, i) == rng.uniform({12, e, purpose::migration, i}));
            CHECK(bound.exponential(e, 2.0, i) == rng.exponential({12, e, purpose::migration, i}, 2.0));
        }
    }
}

TEST_CASE("every component of the address and the seed changes the draw", "[random][counter_rng]") {
    std::set<std::array<std::uint32_t, 4>> seen;
    std::size_t count = 0;
    for (std::uint64_t s : {0ull, 1ull, 0xffffffffull, 0x100000000ull}) {
        const counter_rng rng{seed{s}};
        for (std::uint64_t step : {0ull, 1ull, 0x100000000ull}) {
            for (std::uint64_t e : {0ull, 1ull, 2ull, 0x100000000ull, ~0ull}) {
                for (std::uint32_t p : {purpose::transition, purpose::death, purpose::user}) {
                    for (std::uint32_t i : {0u, 1u}) {
                        seen.insert(rng.bits({step, e, p, i}));
                        ++count;
                    }
                }
            }
        }
    }
    CHECK(seen.size() == count);
}

TEST_CASE("counter_rng draws are reproducible and constexpr", "[random][counter_rng]") {
    constexpr counter_rng rng{seed{5}};
    constexpr double u = rng.uniform({1, 2, purpose::transition, 0});
    STATIC_REQUIRE(u > 0.0);
    STATIC_REQUIRE(u < 1.0);
    CHECK(counter_rng{seed{5}}.uniform({1, 2, purpose::transition, 0}) == u);
    CHECK(counter_rng{seed{6}}.uniform({1, 2, purpose::transition, 0}) != u);
    STATIC_REQUIRE(rng.seed() == seed{5});
}

TEST_CASE("uniform is in the open interval (0, 1) with 53-bit resolution", "[random][counter_rng]") {
    // The extremes of the mapping from bits: never 0, never 1.
    CHECK(random::detail::open_unit(0, 0) == 0x1p-53);
    CHECK(random::detail::open_unit(0, ~0ull) == 1.0 - 0x1p-53);
    CHECK(random::detail::open_unit(~0ull, 0) == 1.0 - 0x1p-53);
    CHECK(random::detail::open_unit(~0ull, 0) < 1.0);
    CHECK(random::detail::open_unit(std::uint64_t{1} << 11, 0) == 0x1p-53);
    CHECK(random::detail::open_unit(std::uint64_t{3} << 11, 0) == 3.0 * 0x1p-53);
}

TEST_CASE("uniform passes a 64-bin chi-square test over 10^6 keys", "[random][counter_rng][statistics]") {
    const counter_rng rng{seed{12345}};
    constexpr int bins = 64;
    constexpr std::uint64_t n = 1000000;
    std::vector<double> observed(bins, 0.0);
    bool open = true;
    for (std::uint64_t e = 0; e < n; ++e) {
        const double u = rng.uniform({3, e, purpose::transition, 0});
        open = open && u > 0.0 && u < 1.0;
        observed[static_cast<std::size_t>(u * bins)] += 1.0;
    }
    CHECK(open);
    const std::vector<double> expected(bins, static_cast<double>(n) / bins);
    const double stat = chi_square(observed, expected);
    const double critical = chi_square_critical(bins - 1, significance());
    INFO("chi2 = " << stat << ", critical = " << critical);
    CHECK(stat < critical);
    // The chi-square test can fail: a generator that always returns 0.5 is refused.
    std::vector<double> constant(bins, 0.0);
    constant[bins / 2] = static_cast<double>(n);
    CHECK(chi_square(constant, expected) > critical);
}

TEST_CASE("neighbouring keys give uncorrelated draws", "[random][counter_rng][statistics]") {
    const counter_rng rng{seed{777}};
    constexpr std::uint64_t n = 100000;
    const double bound = sigmas / std::sqrt(static_cast<double>(n));
    std::vector<double> a(n), entity_next(n), step_next(n), purpose_next(n), index_next(n), seed_next(n);
    const counter_rng rng2{seed{778}};
    for (std::uint64_t i = 0; i < n; ++i) {
        a[i] = rng.uniform({10, i, purpose::death, 0});
        entity_next[i] = rng.uniform({10, i + 1, purpose::death, 0});
        step_next[i] = rng.uniform({11, i, purpose::death, 0});
        purpose_next[i] = rng.uniform({10, i, purpose::death + 1, 0});
        index_next[i] = rng.uniform({10, i, purpose::death, 1});
        seed_next[i] = rng2.uniform({10, i, purpose::death, 0});
    }
    CHECK(std::abs(correlation(a, entity_next)) < bound);
    CHECK(std::abs(correlation(a, step_next)) < bound);
    CHECK(std::abs(correlation(a, purpose_next)) < bound);
    CHECK(std::abs(correlation(a, index_next)) < bound);
    CHECK(std::abs(correlation(a, seed_next)) < bound);
    CHECK(std::abs(correlation(a, a) - 1.0) < 1e-12);  // the measure can see a correlation
}

TEST_CASE("exponential has mean 1/rate and variance 1/rate^2", "[random][counter_rng][statistics]") {
    const counter_rng rng{seed{31}};
    constexpr double rate = 2.5;
    constexpr std::uint64_t n = 200000;
    std::vector<double> x(n);
    for (std::uint64_t e = 0; e < n; ++e) x[e] = rng.exponential({0, e, purpose::death, 0}, rate);
    const auto m = sample_moments(x);
    CHECK(std::abs(m.mean - 1.0 / rate) < sigmas * m.se_mean);
    CHECK(std::abs(m.variance - 1.0 / (rate * rate)) < sigmas * m.se_variance);
    CHECK(*std::min_element(x.begin(), x.end()) > 0.0);
}

TEST_CASE("exponential edge cases and the unit-typed overload", "[random][counter_rng]") {
    using namespace ossify::literals;
    const counter_rng rng{seed{1}};
    const draw_key k{0, 0, purpose::death, 0};
    CHECK(std::isinf(rng.exponential(k, 0.0)));
    CHECK(std::isnan(rng.exponential(k, -1.0)));
    CHECK(std::isnan(rng.exponential(k, std::nan(""))));
    const duration t = rng.exponential(k, 0.5_per_d);
    CHECK(units::internal(t) == rng.exponential(k, 0.5));
    CHECK_THROWS_AS(rng.exponential(k, -0.5_per_d), invalid_parameter);
    try {
        (void)rng.exponential(k, -0.5_per_d);
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "rate");
        CHECK(std::string(e.what()).find("rate") != std::string::npos);
    }
}

TEST_CASE("sequence gives a reproducible stream per draw address", "[random][counter_rng]") {
    const counter_rng rng{seed{8}};
    auto s1 = rng.sequence({1, 2, purpose::proliferation, 0});
    auto s2 = rng.sequence({1, 2, purpose::proliferation, 0});
    auto s3 = rng.sequence({1, 3, purpose::proliferation, 0});
    CHECK(s1 == s2);
    CHECK(s1.stream_id() == 2);
    CHECK(s1.seed() == seed{8});
    const auto x1 = s1(), x2 = s2(), x3 = s3();
    CHECK(x1 == x2);
    CHECK(x1 != x3);
}
