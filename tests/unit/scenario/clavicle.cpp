// The clavicle scenario: two centres appear in embryonic weeks 5-6 and unite by about day 45
// (O'Rahilly & Gardner 1972; Gray's Anatomy).
//
// Window for the union: days 42-48 after fertilisation. O'Rahilly & Gardner date embryos by
// Carnegie stage, each of which spans about 2-3 days, so "~day 45" cannot be read more
// sharply than +/- 3 days. The front speed is set from this date (clavicle.hpp), so the test
// checks that the lattice dynamics and the matrix lag deliver it.
#include <ossify/scenario/clavicle.hpp>

#include "catch.hpp"

using namespace ossify;

TEST_CASE("clavicle: both centres ossify in weeks 5-6 (O'Rahilly & Gardner 1972)", "[scenario][clavicle]") {
    const auto r = run_clavicle();
    REQUIRE(r.onset_medial.has_value());
    REQUIRE(r.onset_lateral.has_value());
    for (const auto& onset : {*r.onset_medial, *r.onset_lateral}) {
        CHECK(onset.value() >= 35.0);
        CHECK(onset.value() <= 42.0);
    }
}

TEST_CASE("clavicle: the two centres unite by about day 45, for several seeds (O'Rahilly & Gardner 1972)", "[scenario][clavicle]") {
    for (std::uint64_t s = 1; s <= 5; ++s) {
        clavicle_options o;
        o.seed = s;
        const auto r = run_clavicle(o);
        INFO("seed " << s);
        REQUIRE(r.fused.has_value());
        REQUIRE(r.fronts_met.has_value());
        CHECK(r.fronts_met->value() <= r.fused->value());
        CHECK(r.fused->value() >= 42.0);
        CHECK(r.fused->value() <= 48.0);
        // One bone spanning the centres and beyond by day 60.
        CHECK(r.ossified_length.value() > o.parameters.separation.value());
    }
}

TEST_CASE("clavicle: no union when the centres are too far apart to meet by the end", "[scenario][clavicle]") {
    clavicle_options o;
    o.nx = 200;  // 5 mm
    o.parameters.separation = length::from_value(4000.0);
    o.until = duration::from_value(50.0);
    const auto r = run_clavicle(o);
    CHECK_FALSE(r.fused.has_value());
    CHECK(r.onset_medial.has_value());
}

TEST_CASE("clavicle: bad options are refused", "[scenario][clavicle]") {
    clavicle_options o;
    o.dt = duration::from_value(-1.0);
    CHECK_THROWS_AS(run_clavicle(o), invalid_parameter);
    o = clavicle_options{};
    o.parameters.separation = length::from_value(1e6);
    CHECK_THROWS_AS(run_clavicle(o), invalid_parameter);
    o = clavicle_options{};
    o.until = duration::from_value(30.0);
    CHECK_THROWS_AS(run_clavicle(o), invalid_parameter);
}
