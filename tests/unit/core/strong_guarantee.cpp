// A step that fails changes nothing: policies returning NaN or negative hazards, reaction
// terms returning NaN, a user process throwing after others have written; parameters that
// would overflow are refused where they are set.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "unit/tissue/helpers.hpp"

using namespace tissue_test;

namespace {

// The busy model with one extra rule whose hazard turns bad after `bad_after` days.
auto rules_failing_after(double bad_after, double bad_value) {
    const auto bad = policy_fn([bad_after, bad_value](const auto& ctx) {
        return rate::from_value(ctx.now().value() >= bad_after ? bad_value : 0.1);
    });
    return merge(busy_rules(), rule_set<intramembranous_lineage>(transition<osteogenic, periosteal>(bad)));
}

template <class Rules>
auto make_failing(const Rules& rules) {
    lattice_tissue<Rules, grid2d, signals<bmp2>, busy_processes> t{rules, grid2d{24, 24, 10.0_um}, signals<bmp2>{}, seed{5}};
    configure_busy(t);
    t.fill_fraction(disc{{12, 12}, 100.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{12, 12}, 60.0_um}, osteogenic{}, 0.5);
    t.template process<diffuse_signals>().template add_source<bmp2>(disc{{12, 12}, 20.0_um}, 200.0_nM / 1.0_d);
    return t;
}

// A process that throws in a chosen step, after the processes before it have written.
struct throwing_process {
    static constexpr std::string_view name = "throwing_process";
    std::uint64_t fail_at = 3;
    template <class Ctx>
    void step(Ctx& ctx, duration) {
        if (ctx.step_index() == fail_at) throw std::runtime_error("this process fails on purpose");
    }
};

}  // namespace

TEST_CASE("a policy returning NaN or a negative hazard: the step fails naming the rule, nothing changes",
          "[core][strong]") {
    for (const double bad : {std::numeric_limits<double>::quiet_NaN(), -1.0}) {
        auto t = make_failing(rules_failing_after(0.5, bad));
        for (int k = 0; k < 6; ++k) t.step(2.0_h);  // fine until day 0.5
        const auto before = take(t);
        const auto msg = message_of<model_error>([&] { t.step(2.0_h); });
        CHECK(contains(msg, "cell_fates"));
        CHECK(contains(msg, "osteogenic -> periosteal"));
        CHECK(contains(msg, "unchanged"));
        CHECK(take(t) == before);  // signals, cells, matrix, clock and counters all as before
        // ... and it is still usable once the cause is gone (here: it never is, so it fails again).
        CHECK_THROWS_AS(t.step(2.0_h), model_error);
        CHECK(take(t) == before);
    }
}

TEST_CASE("an error of any process is an ossify::error and a std::exception", "[core][strong]") {
    auto t = make_failing(rules_failing_after(0.0, -2.0));
    try {
        t.step(1.0_h);
        FAIL("no throw");
    } catch (const ossify::error& e) {
        CHECK(contains(e.what(), "hazard"));
        CHECK(dynamic_cast<const std::runtime_error*>(&e) != nullptr);
    }
}

TEST_CASE("a user process that throws after others have written leaves the tissue unchanged", "[core][strong]") {
    auto seq = std::tuple_cat(busy_processes{}, std::tuple<throwing_process>{});
    lattice_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, decltype(seq)> t{busy_rules(), grid2d{24, 24, 10.0_um},
                                                                                  signals<bmp2>{}, seed{9}, seq};
    configure_busy(t);
    t.fill_fraction(disc{{12, 12}, 100.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{12, 12}, 50.0_um}, osteoblast{}, 0.4);
    t.process<diffuse_signals>().add_source<bmp2>(disc{{12, 12}, 20.0_um}, 200.0_nM / 1.0_d);
    for (int k = 0; k < 3; ++k) t.step(2.0_h);
    const auto before = take(t);
    const auto msg = message_of<model_error>([&] { t.step(2.0_h); });
    CHECK(contains(msg, "throwing_process"));
    CHECK(contains(msg, "fails on purpose"));
    CHECK(take(t) == before);
    t.process<throwing_process>().fail_at = 1000;
    t.step(2.0_h);  // steps on from the unchanged state
    CHECK(t.steps() == 4);
}

namespace {
struct nan_source {
    template <class Site>
    void operator()(const Site& site, double& s, double&) const {
        s += site.template field<bmp2>() > 0.05 ? std::numeric_limits<double>::quiet_NaN() : 1.0;
    }
};
}  // namespace

TEST_CASE("a reaction term returning NaN makes the step fail before any signal moves", "[core][strong]") {
    const auto rules = rule_set<intramembranous_lineage>(transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 1.0_per_d)));
    basic_lattice_tissue t(rules, grid2d{16, 16, 10.0_um}, signals<bmp2, vegf>{}, seed{1},
                           processes(diffuse_signals{reaction<vegf>(nan_source{})}, cell_fates{}));
    t.fill_fraction(disc{{8, 8}, 60.0_um}, mesenchymal{}, 0.6);
    t.process<diffuse_signals>().add_source<bmp2>(disc{{8, 8}, 20.0_um}, 100.0_nM / 1.0_d);
    int steps = 0;
    std::string msg;
    std::vector<double> bmp2_before, vegf_before;
    while (msg.empty() && steps < 50) {
        bmp2_before.assign(t.field<bmp2>().begin(), t.field<bmp2>().end());
        vegf_before.assign(t.field<vegf>().begin(), t.field<vegf>().end());
        msg = message_of<model_error>([&] { t.step(1.0_h); });
        ++steps;
    }
    REQUIRE_FALSE(msg.empty());  // BMP2 passes 0.05 nM near the source within a few hours
    CHECK(contains(msg, "reaction of vegf"));
    CHECK(contains(msg, "nan"));
    CHECK(t.steps() == static_cast<std::uint64_t>(steps - 1));
    // BMP2 comes first in the tissue's fields, yet it did not move either.
    CHECK(std::equal(bmp2_before.begin(), bmp2_before.end(), t.field<bmp2>().begin()));
    CHECK(std::equal(vegf_before.begin(), vegf_before.end(), t.field<vegf>().begin()));
}

TEST_CASE("values that would overflow are refused where they are set, changing nothing", "[core][strong]") {
    auto t = make_busy_2d(1, 16);
    auto& dep = t.process<matrix_deposition>();
    const auto before = dep.apposition.get<osteoblast>();
    const auto msg = message_of<invalid_parameter>([&] { dep.apposition.set<osteoblast>(velocity::from_value(1e300)); });
    CHECK(contains(msg, "apposition[osteoblast]"));
    CHECK(contains(msg, "1e+300"));
    CHECK(dep.apposition.get<osteoblast>() == before);
    CHECK_THROWS_AS(t.process<cell_migration<bmp2>>().motility.set<mesenchymal>(rate::from_value(-1.0)), invalid_parameter);
    CHECK_THROWS_AS(t.step(duration::from_value(std::numeric_limits<double>::infinity())), invalid_parameter);
    CHECK_THROWS_AS(t.step(0.0_h), invalid_parameter);
    CHECK(t.steps() == 0);
}

TEST_CASE("the default model keeps no step copy; a user policy that may fail makes the tissue keep one",
          "[core][strong]") {
    STATIC_REQUIRE_FALSE(busy_tissue_2d::keeps_step_copy);
    using failing = decltype(make_failing(rules_failing_after(1.0, -1.0)));
    STATIC_REQUIRE(failing::keeps_step_copy);
}
