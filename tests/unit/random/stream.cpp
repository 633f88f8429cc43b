#include <ossify/random/stream.hpp>
#include <ossify/random/counter_rng.hpp>
#include <ossify/units/literals.hpp>

#include <concepts>
#include <random>
#include <set>
#include <vector>

#include "catch.hpp"
#include "statistics.hpp"

using namespace ossify;
using namespace ossify::random;
using namespace ossify_test;

TEST_CASE("stream is a uniform random bit generator", "[random][stream]") {
    STATIC_REQUIRE(std::uniform_random_bit_generator<stream>);
    STATIC_REQUIRE(stream::min() == 0);
    STATIC_REQUIRE(stream::max() == ~std::uint64_t{0});
}

TEST_CASE("stream position and seek reproduce the sequence", "[random][stream]") {
    stream s{seed{11}, 3};
    CHECK(s.position() == 0);
    std::vector<std::uint64_t> first(101);
    for (auto& x : first) x = s();
    CHECK(s.position() == 101);
    // seek back to every position, even and odd, and replay
    for (std::uint64_t p : {0ull, 1ull, 2ull, 17ull, 50ull, 99ull}) {
        s.seek(p);
        CHECK(s.position() == p);
        for (std::uint64_t i = p; i < 101; ++i) REQUIRE(s() == first[i]);
    }
    // a fresh stream seeked forward equals the one that drew its way there
    stream t{seed{11}, 3};
    t.discard(37);
    CHECK(t() == first[37]);
    // checkpoint: copy the state (seed, id, position) and resume elsewhere
    stream a{seed{11}, 3};
    for (int i = 0; i < 33; ++i) (void)a();
    stream resumed{a.seed(), a.stream_id()};
    resumed.seek(a.position());
    CHECK(resumed == a);
    for (int i = 0; i < 10; ++i) REQUIRE(resumed() == a());
}

TEST_CASE("streams of different ids and seeds differ", "[random][stream]") {
    std::set<std::uint64_t> seen;
    int count = 0;
    for (std::uint64_t sd : {0ull, 1ull, 2ull}) {
        for (std::uint64_t id : {0ull, 1ull, 2ull, 0x100000000ull}) {
            stream s{seed{sd}, id};
            for (int i = 0; i < 4; ++i) {
                seen.insert(s());
                ++count;
            }
        }
    }
    CHECK(seen.size() == static_cast<std::size_t>(count));
    CHECK(stream{seed{1}, 0} != stream{seed{1}, 1});
}

TEST_CASE("a stream never repeats a counter_rng draw of the same seed", "[random][stream]") {
    // Stream 0 output 0/1 vs keyed draw at step 0, entity 0, purpose 0, index 0: both have
    // all-zero "addresses" but different domain tags.
    stream s{seed{4}, 0};
    const auto b = counter_rng{seed{4}}.bits({0, 0, 0, 0});
    const std::uint64_t x0 = s(), x1 = s();
    CHECK(x0 != random::detail::join64(b[0], b[1]));
    CHECK(x1 != random::detail::join64(b[2], b[3]));
}

TEST_CASE("stream uniform passes a 64-bin chi-square test over 10^6 draws", "[random][stream][statistics]") {
    stream s{seed{2}, 0};
    constexpr int bins = 64;
    constexpr std::uint64_t n = 1000000;
    std::vector<double> observed(bins, 0.0);
    bool open = true;
    std::vector<double> prev(n / 2), next(n / 2);
    for (std::uint64_t i = 0; i < n; ++i) {
        const double u = s.uniform();
        open = open && u > 0.0 && u < 1.0;
        observed[static_cast<std::size_t>(u * bins)] += 1.0;
        if (i % 2 == 0) prev[i / 2] = u; else next[i / 2] = u;
    }
    CHECK(open);
    const std::vector<double> expected(bins, static_cast<double>(n) / bins);
    CHECK(chi_square(observed, expected) < chi_square_critical(bins - 1, significance()));
    // successive outputs (the two halves of one Philox block) are uncorrelated
    CHECK(std::abs(correlation(prev, next)) < sigmas / std::sqrt(static_cast<double>(n / 2)));
}

TEST_CASE("stream exponential moments; refused rates draw nothing", "[random][stream][statistics]") {
    using namespace ossify::literals;
    stream s{seed{3}, 7};
    constexpr double rate = 0.2;
    constexpr std::uint64_t n = 200000;
    std::vector<double> x(n);
    for (auto& v : x) v = s.exponential(rate);
    const auto m = sample_moments(x);
    CHECK(std::abs(m.mean - 1.0 / rate) < sigmas * m.se_mean);
    CHECK(std::abs(m.variance - 1.0 / (rate * rate)) < sigmas * m.se_variance);

    const auto pos = s.position();
    CHECK(std::isnan(s.exponential(-1.0)));
    CHECK_THROWS_AS(s.exponential(-1.0_per_d), invalid_parameter);
    CHECK(s.position() == pos);
    const duration t = s.exponential(2.0_per_d);
    CHECK(units::internal(t) > 0.0);
}
