// The model protocol and the free drivers: run_for/run_until land on the end time, `at`
// lands on its times exactly, `every` does not change a run, observers compose and can stop
// a run, nonsense is refused before anything runs.
#include <vector>

#include "unit/tissue/helpers.hpp"

using namespace tissue_test;

static_assert(tissue_model<busy_tissue_2d>);
static_assert(tissue_model<busy_tissue_3d>);
static_assert(rule_reporting_model<busy_tissue_2d>);

TEST_CASE("run_for lands on the end time and returns the steps taken; observers see start and every step",
          "[core][drivers]") {
    auto t = make_busy_2d(2, 16);
    std::vector<double> seen;
    const auto n = run_for(t, 1.0_d, 5.0_h, [&](const auto& m) { seen.push_back(m.time().value()); });
    CHECK(n == 5);  // 4 steps of 5 h and one of 4 h
    CHECK(t.time().value() == Approx(1.0).epsilon(1e-14));
    REQUIRE(seen.size() == 6);
    CHECK(seen.front() == 0.0);
    CHECK(seen[1] == Approx(5.0 / 24.0));
    const auto m = run_until(t, 1.0_d, 1.0_h);  // already there
    CHECK(m == 0);
}

TEST_CASE("at() lands exactly on its times; every() thins without changing the run", "[core][drivers]") {
    auto a = make_busy_2d(3, 16);
    auto b = make_busy_2d(3, 16);
    std::vector<double> at_times, daily;
    run_for(a, 3.0_d, 7.0_h, at({0.5_d, 1.3_d}, [&](const auto& m) { at_times.push_back(m.time().value()); }),
            every(1.0_d, [&](const auto& m) { daily.push_back(m.time().value()); }));
    REQUIRE(at_times.size() == 2);
    CHECK(at_times[0] == Approx(0.5).epsilon(1e-12));
    CHECK(at_times[1] == Approx(1.3).epsilon(1e-12));
    CHECK(daily.size() == 4);  // start, then the first step reaching each of days 1, 2, 3
    CHECK(daily.front() == 0.0);
    // every() alone steps exactly as a plain run.
    auto c = make_busy_2d(3, 16);
    int calls = 0;
    run_for(b, 3.0_d, 7.0_h, every(1.0_d, [&](const auto&) { ++calls; }));
    run_for(c, 3.0_d, 7.0_h);
    CHECK(take(b) == take(c));
    CHECK(calls == 4);
}

namespace {
struct finisher {
    int* finished;
    template <class M>
    void operator()(const M&) {}
    template <class M>
    void finish(const M&) { ++*finished; }
};
}  // namespace

TEST_CASE("stop_when ends a run; observers() combines observers; finish reaches each", "[core][drivers]") {
    auto t = make_busy_2d(4, 16);
    int finished = 0;
    const auto n = run_for(t, 10.0_d, 2.0_h,
                           observers(finisher{&finished}, stop_when([](const auto& m) { return m.time().value() >= 1.0; })));
    CHECK(n == 12);
    CHECK(t.time().value() == Approx(1.0));
    CHECK(finished == 1);
}

TEST_CASE("drivers refuse nonsense before anything runs", "[core][drivers]") {
    auto t = make_busy_2d(5, 8);
    CHECK_THROWS_AS(run_for(t, 1.0_d, 0.0_h), invalid_parameter);
    CHECK_THROWS_AS(run_for(t, -1.0_d, 1.0_h), invalid_parameter);
    CHECK_THROWS_AS(run_for(t, 1.0_d, duration::from_value(1e-300)), invalid_parameter);
    CHECK_THROWS_AS(run_until(t, duration::from_value(1e300), 1.0_h), invalid_parameter);
    CHECK(t.steps() == 0);
}

TEST_CASE("the rule-activity observer sees a rule that never fires", "[core][drivers]") {
    auto rules = rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(threshold<bmp2>(1.0e6_nM, 1.0_per_d)),  // a source never reaches 1 mM
        proliferation<mesenchymal>(hazard(0.5_per_d)));
    lattice_tissue t{rules, grid2d{16, 16, 10.0_um}, signals<bmp2>{}, seed{1}};
    t.fill_fraction(disc{{8, 8}, 50.0_um}, mesenchymal{}, 0.5);
    t.process<diffuse_signals>().add_source<bmp2>(disc{{8, 8}, 20.0_um}, 100.0_nM / 1.0_d);
    rule_activity activity;
    run_for(t, 5.0_d, 6.0_h, every(1.0_d, activity));
    REQUIRE(activity.never_fired().size() == 1);
    CHECK(activity.never_fired()[0] == "mesenchymal -> osteogenic");
    CHECK(contains(activity.report(), "mesenchymal proliferation: "));
    CHECK(contains(activity.report(), "NEVER FIRED"));
    CHECK(t.rule_fires(1) > 0.0);
}
