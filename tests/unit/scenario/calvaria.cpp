// The calvaria scenario against the published closure order and ages (BIOLOGY.md timeline).
// One run (seed 42, the default 200 x 240 grid of 50 um) serves all checks; it stops at
// 25 months after birth (past the end of the anterior fontanelle's published range) to keep
// the tests short. The model is stochastic: the checks are the published ranges, not
// tolerances fitted to this seed. Published ranges the model misses are listed in
// docs/scenario.md and are not tested as passing.
#include <ossify/scenario/bones.hpp>
#include <ossify/scenario/calvaria.hpp>

#include <string>

#include "catch.hpp"

using namespace ossify;

namespace {
double months(duration d) { return d.value() / development::days_per_month; }

const calvaria_result& default_run() {
    static const calvaria_result r = [] {
        calvaria_options o;
        o.until = duration::from_value(25.0 * development::days_per_month);
        return run_calvaria(o);
    }();
    return r;
}

/// Closure age in months; fails the test if the gap did not close.
double closed_months(const calvaria_result& r, const char* name) {
    const auto& g = r.gap(name);
    INFO(name);
    REQUIRE(g.closed_at.has_value());
    return months(*g.closed_at);
}
}  // namespace

TEST_CASE("calvaria: every fontanelle is open at 40 weeks (source text: the skull is not fully ossified at birth)", "[scenario][calvaria]") {
    const auto& r = default_run();
    for (const auto& g : r.gaps) {
        INFO(g.name);
        CHECK(g.area_at_birth.value() > 0.0);
        CHECK(g.width_at_birth.value() > 0.0);
    }
    // Fontanelles are wider than sutures (where several bones meet vs two).
    CHECK(r.gap("anterior fontanelle").width_at_birth.value() > r.gap("coronal suture").width_at_birth.value());
}

TEST_CASE("calvaria: fontanelles close posterior first, anterior last (CT studies; Radiopaedia; Pindrik 2014)", "[scenario][calvaria]") {
    const auto& r = default_run();
    const double posterior = closed_months(r, "posterior fontanelle");
    const double sphenoid = closed_months(r, "sphenoid fontanelle");
    const double mastoid = closed_months(r, "mastoid fontanelle");
    const double anterior = closed_months(r, "anterior fontanelle");
    CHECK(posterior < sphenoid);
    CHECK(posterior < mastoid);
    CHECK(sphenoid < anterior);
    CHECK(mastoid < anterior);
}

TEST_CASE("calvaria: closure ages inside the published ranges it reproduces", "[scenario][calvaria]") {
    const auto& r = default_run();
    const bone_catalogue cat;
    // The sphenoid fontanelle (~6 months, Radiopaedia) is not checked here: the model closes
    // it later (see docs/scenario.md, "what the model does not reproduce").
    for (const char* name : {"posterior fontanelle", "mastoid fontanelle", "anterior fontanelle", "metopic suture"}) {
        INFO(name);
        const auto& published = cat.closure(name).closes;
        const double m = closed_months(r, name);
        CHECK(m >= months(published.earliest));
        CHECK(m <= months(published.latest));
    }
}

TEST_CASE("calvaria: the metopic suture closes before the sagittal, coronal and lambdoid (Vu 2001; Teager 2019)", "[scenario][calvaria]") {
    const auto& r = default_run();
    const double metopic = closed_months(r, "metopic suture");
    for (const char* s : {"sagittal suture", "coronal suture", "lambdoid suture"}) {
        INFO(s);
        const auto& g = r.gap(s);
        // These fuse in adulthood: open at the end of the run, or at least later than the metopic.
        CHECK((!g.closed_at || months(*g.closed_at) > metopic));
        CHECK_FALSE(g.closed_at.has_value());
    }
}

TEST_CASE("calvaria: every bone starts by ~week 8 after fertilisation and its front advances", "[scenario][calvaria]") {
    const auto& r = default_run();
    for (const auto& b : r.bones) {
        INFO(b.name);
        REQUIRE(b.onset.has_value());
        const double pf_weeks = b.onset->value() / 7.0 - 2.0;
        if (b.name.find("temporal") == std::string::npos) {
            // O'Rahilly & Gardner 1972: vault centres by ~week 8; first bone follows the
            // cluster (placed at 7.5-8 weeks) by the osteoid-to-bone lag (about a week here).
            CHECK(pf_weeks >= 7.0);
            CHECK(pf_weeks <= 9.5);
        }
        CHECK(b.area_week_24.value() > 0.0);
        CHECK(b.area_at_birth.value() > b.area_week_24.value());
        CHECK(b.area_at_end.value() >= b.area_at_birth.value());
    }
    CHECK(r.wall_seconds > 0.0);
    CHECK(r.seed == 42u);
}

TEST_CASE("calvaria: bad options are refused before any work", "[scenario][calvaria]") {
    calvaria_options o;
    o.nx = 5;
    CHECK_THROWS_AS(run_calvaria(o), invalid_parameter);
    o = calvaria_options{};
    o.dt_postnatal = duration::from_value(0.0);
    CHECK_THROWS_AS(run_calvaria(o), invalid_parameter);
    o = calvaria_options{};
    o.parameters.suture_width = length::from_value(0.0);
    CHECK_THROWS_AS(run_calvaria(o), invalid_parameter);
    o = calvaria_options{};
    o.picture_ages = {duration::from_value(-1.0)};
    try {
        (void)run_calvaria(o);
        FAIL("no throw");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "picture_ages");
    }
}
