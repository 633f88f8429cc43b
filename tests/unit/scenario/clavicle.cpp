// The clavicle scenario on the calvaria's mechanisms: two centres appear by reaction-diffusion in
// weeks 5-6 after fertilisation and their fronts unite them by about day 45 (O'Rahilly & Gardner
// 1972; Gray's Anatomy).
//
// Window for the union: days 42-48 after fertilisation. O'Rahilly & Gardner date embryos by
// Carnegie stage, each spanning about 2-3 days, so "~day 45" cannot be read more sharply than
// +/- 3 days. No parameter of the clavicle was set from these dates (clavicle.hpp).
#include <ossify/scenario/clavicle.hpp>

#include "catch.hpp"

using namespace ossify;

namespace {
double event_day(const scenario_result& r, const char* name, const clavicle::parameters& p) {
    const auto* e = r.event(name);
    INFO(name);
    REQUIRE(e != nullptr);
    REQUIRE(e->time.has_value());
    return p.anatomy.start.get().value() + e->time->value();
}
}  // namespace

TEST_CASE("clavicle: two centres ossify in weeks 5-6 and unite by about day 45, for several seeds (O'Rahilly & Gardner 1972)",
          "[scenario][clavicle]") {
    static_assert(scenario<clavicle>);
    const clavicle::parameters p;
    for (std::uint64_t s = 1; s <= 4; ++s) {
        scenario_options o;
        o.seed = seed{s};
        const auto r = clavicle::run(o, p);
        INFO("seed " << s);
        REQUIRE(r.find("centres") != nullptr);
        CHECK(r.find("centres")->value == 2.0);
        for (const char* e : {"medial bone", "lateral bone"}) {
            const double d = event_day(r, e, p);
            CHECK(d >= 35.0);
            CHECK(d <= 42.0);
        }
        const double met = event_day(r, "fronts met", p), united = event_day(r, "united", p);
        CHECK(met <= united);
        CHECK(united >= 42.0);
        CHECK(united <= 48.0);
    }
}

TEST_CASE("clavicle: the same seed gives the same clavicle", "[scenario][clavicle]") {
    const clavicle::parameters p;
    scenario_options o;
    o.until = duration::from_value(10.0);
    const auto a = clavicle::run(o, p), b = clavicle::run(o, p);
    REQUIRE(a.events.size() == b.events.size());
    for (std::size_t k = 0; k < a.events.size(); ++k) {
        CHECK(a.events[k].time.has_value() == b.events[k].time.has_value());
        if (a.events[k].time && b.events[k].time) CHECK(a.events[k].time->value() == b.events[k].time->value());
    }
    CHECK(a.seed == seed{42});
}

TEST_CASE("clavicle: bad options are refused before any work", "[scenario][clavicle]") {
    const clavicle::parameters p;
    scenario_options o;
    o.dt = duration::from_value(-1.0);
    CHECK_THROWS_AS(clavicle::run(o, p), invalid_parameter);
    o = scenario_options{};
    o.grid = std::vector<std::int32_t>{200, 200};  // not the primordium's aspect
    CHECK_THROWS_AS(clavicle::run(o, p), invalid_parameter);
    o = scenario_options{};
    o.grid = std::vector<std::int32_t>{100, 20};
    o.spacing = length::from_value(5.0);  // not that grid's spacing
    CHECK_THROWS_AS(clavicle::run(o, p), invalid_parameter);
    o = scenario_options{};
    o.until = duration::from_value(0.01);
    o.dt = duration::from_value(1.0);
    CHECK_THROWS_AS(clavicle::run(o, p), invalid_parameter);
}
