// Tests of the library headers behind ossify-run's ensembles, virtual populations and screens:
// scenario/sampling.hpp, scenario/sensitivity.hpp and the extensions of scenario/ensemble.hpp
// (run_indexed, configure/finished hooks, series bands). A synthetic scenario with known
// outputs (linear in its parameters plus seeded noise) lets the screens be checked exactly.
#include <ossify/random/counter_rng.hpp>
#include <ossify/scenario/ensemble.hpp>
#include <ossify/scenario/sampling.hpp>
#include <ossify/scenario/sensitivity.hpp>
#include <ossify/units/literals.hpp>

#include <atomic>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {

/// y = 2 a + 0 b + noise(seed) (noise SD 0.1), z = a * c; events at t = a; a series of 3 rows.
struct linear_scenario {
    static constexpr std::string_view name = "linear";
    static constexpr std::string_view summary = "a linear test model";
    struct group {
        parameter<double> c{"c", 1.0, -10.0, 10.0, "test"};
        template <class V>
        void describe(V&& v) {
            v(c);
        }
    };
    struct parameters {
        parameter<rate> a{"a", 1.0_per_d, 0.0_per_d, 10.0_per_d, "test"};
        parameter<double> b{"b", 0.5, 0.0, 1.0, "test"};
        parameter<int> n{"n", 3, 0, 10, "test"};
        group g;
        template <class V>
        void describe(V&& v) {
            v(a);
            v(b);
            v(n);
            v("group", g);
        }
    };
    static scenario_defaults defaults() {
        scenario_defaults d;
        d.grid = {16, 16};
        d.dt = 1.0_d;
        d.until = 4.0_d;
        d.clock = "test";
        return d;
    }
    static scenario_result run(const scenario_options& o, const parameters& p) {
        const auto r = resolve(defaults(), o, "linear");
        const double a = p.a.internal();
        const double noise = 0.1 * detail::normal_quantile(random::counter_rng(r.seed).bind(0, 1).uniform(0));
        scenario_result res;
        res.scenario = "linear";
        res.seed = r.seed;
        res.measurements.push_back({"y", 2.0 * a + 0.0 * p.b.internal() + noise, "-", "", "", comparison::no_reference, {}});
        res.measurements.push_back({"z", a * p.g.c.internal(), "-", "1-3", "test", comparison::prediction, std::pair{1.0, 3.0}});
        res.events.push_back({"start", "a > 0", a > 0 ? std::optional<duration>(duration::from_value(a)) : std::nullopt});
        res.series_names = {"time_d", "y"};
        for (int k = 0; k < 3; ++k) res.series.push_back({static_cast<double>(k), k * a + noise});
        res.simulated = r.until;
        if (o.pictures && o.output) res.files.push_back(*o.output / "picture.png");
        if (p.n.get() == 7) throw std::runtime_error("n = 7 fails");
        return res;
    }
};
static_assert(scenario<linear_scenario>);

}  // namespace

TEST_CASE("normal quantile: Wichura AS 241 to ~1e-15, and the inverse of the distribution function") {
    CHECK(detail::normal_quantile(0.5) == 0.0);
    CHECK(detail::normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
    CHECK(detail::normal_quantile(0.025) == Approx(-1.959963984540054).epsilon(1e-14));
    CHECK(detail::normal_quantile(0.8413447460685429) == Approx(1.0).epsilon(1e-13));
    CHECK(detail::normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-12));
    CHECK(detail::normal_quantile(1.0 - 1e-6) == Approx(4.753424308822899).epsilon(1e-10));
    for (double x = -8.0; x <= 5.0; x += 0.37) {  // above 5, 1 - p has too few digits left in a double
        CHECK(detail::normal_quantile(detail::normal_cdf(x)) == Approx(x).margin(1e-9));
    }
    CHECK(std::isinf(detail::normal_quantile(0.0)));
    CHECK(std::isinf(detail::normal_quantile(1.0)));
}

TEST_CASE("parameter distributions: moments, quantiles, refusals") {
    const auto n = parameter_distribution::normal(3.0, 0.5);
    CHECK(n.mean() == 3.0);
    CHECK(n.sd() == 0.5);
    CHECK(n.quantile(0.5) == 3.0);
    const auto l = parameter_distribution::log_normal(0.03, 0.01);
    CHECK(l.mean() == Approx(0.03).epsilon(1e-12));
    CHECK(l.sd() == Approx(0.01).epsilon(1e-12));
    CHECK(l.quantile(0.5) == Approx(std::exp(l.a())).epsilon(1e-14));
    const auto m = parameter_distribution::log_normal_median(2.0, 1.5);
    CHECK(m.quantile(0.5) == Approx(2.0).epsilon(1e-14));
    CHECK(m.cdf(2.0 * 1.5) == Approx(detail::normal_cdf(1.0)).epsilon(1e-12));
    const auto u = parameter_distribution::uniform(2.0, 4.0);
    CHECK(u.mean() == 3.0);
    CHECK(u.quantile(0.25) == 2.5);
    CHECK(u.cdf(1.0) == 0.0);
    CHECK(u.cdf(5.0) == 1.0);
    CHECK_THROWS_AS(parameter_distribution::normal(1.0, 0.0), invalid_parameter);
    CHECK_THROWS_AS(parameter_distribution::normal(std::nan(""), 1.0), invalid_parameter);
    CHECK_THROWS_AS(parameter_distribution::log_normal(-1.0, 1.0), invalid_parameter);
    CHECK_THROWS_AS(parameter_distribution::log_normal_median(1.0, 1.0), invalid_parameter);
    CHECK_THROWS_AS(parameter_distribution::uniform(2.0, 2.0), invalid_parameter);
    CHECK(n.text() == "normal(mean 3, sd 0.5)");
    CHECK(u.text() == "uniform(2, 4)");
}

TEST_CASE("parse_distribution reads distributions as users write them and refuses malformed ones with the form") {
    CHECK(*parse_distribution("a", "normal(3, 0.5)") == parameter_distribution::normal(3.0, 0.5));
    CHECK(*parse_distribution("a", " lognormal( 0.03 , 0.01 ) ") == parameter_distribution::log_normal(0.03, 0.01));
    CHECK(*parse_distribution("a", "log-normal(0.03, 0.01)") == parameter_distribution::log_normal(0.03, 0.01));
    CHECK(*parse_distribution("a", "uniform(2, 4)") == parameter_distribution::uniform(2.0, 4.0));
    CHECK_FALSE(parse_distribution("a", "3.5").has_value());       // a plain value
    CHECK_FALSE(parse_distribution("a", "gamma(2, 1)").has_value());  // no family of ours
    CHECK_FALSE(parse_distribution("a", "").has_value());
    for (const char* bad : {"normal(3)", "normal(3, 1, 2)", "normal(3, -1)", "normal(x, 1)", "uniform(4, 2)", "lognormal(-1, 1)",
                            "normal(3, inf)", "uniform(1, 2)(" /* not closed */}) {
        INFO(bad);
        if (std::string_view(bad).back() != ')') {
            CHECK_FALSE(parse_distribution("a", bad).has_value());
            continue;
        }
        try {
            (void)parse_distribution("apposition_rate", bad, "um/d");
            FAIL("accepted");
        } catch (const distribution_text_error& e) {
            CHECK(e.parameter() == "apposition_rate");
            CHECK(std::string(e.what()).find(bad) != std::string::npos);
            CHECK(e.allowed().find("in um/d") != std::string::npos);
        }
    }
    // A reader with units: "3um/d" read as 3.
    const auto read = [](std::string_view v) -> std::optional<double> {
        if (v == "3um/d") return 3.0;
        if (v == "1um/d") return 1.0;
        return std::nullopt;
    };
    CHECK(*parse_distribution("a", "normal(3um/d, 1um/d)", "um/d", read) == parameter_distribution::normal(3.0, 1.0));
    CHECK_THROWS_AS(parse_distribution("a", "normal(3um/h, 1um/d)", "um/d", read), distribution_text_error);
}

TEST_CASE("truncated distributions stay in the range; almost no mass inside is refused") {
    const truncated_distribution t(parameter_distribution::normal(0.0, 1.0), 0.0, 10.0);
    CHECK(t.mass_inside() == Approx(0.5).epsilon(1e-12));
    for (double uu = 0.001; uu < 1.0; uu += 0.01) {
        const double x = t.quantile(uu);
        CHECK(x >= 0.0);
        CHECK(x <= 10.0);
    }
    CHECK(t.quantile(0.5) == Approx(detail::normal_quantile(0.75)).epsilon(1e-12));  // median of the half-normal
    CHECK_THROWS_AS(truncated_distribution(parameter_distribution::normal(100.0, 1.0), 0.0, 10.0, "x"), invalid_parameter);
}

TEST_CASE("population draws are keyed by (seed, replicate, name): independent of order and of other parameters") {
    const double u1 = population_uniform(seed{42}, 3, "a");
    CHECK(u1 == population_uniform(seed{42}, 3, "a"));
    CHECK(u1 != population_uniform(seed{42}, 4, "a"));
    CHECK(u1 != population_uniform(seed{43}, 3, "a"));
    CHECK(u1 != population_uniform(seed{42}, 3, "b"));
    CHECK(u1 > 0.0);
    CHECK(u1 < 1.0);

    virtual_population p1, p2;
    p1.add("a", parameter_distribution::log_normal(2.0, 0.5)).add("b", parameter_distribution::uniform(0.2, 0.8));
    p2.add("b", parameter_distribution::uniform(0.2, 0.8)).add("a", parameter_distribution::log_normal(2.0, 0.5));
    virtual_population only_a;
    only_a.add("a", parameter_distribution::log_normal(2.0, 0.5));
    for (std::uint64_t r = 0; r < 20; ++r) {
        linear_scenario::parameters x, y, z;
        const auto d1 = p1.draw(x, seed{7}, r);
        p2.draw(y, seed{7}, r);
        only_a.draw(z, seed{7}, r);
        CHECK(x.a.internal() == y.a.internal());
        CHECK(x.b.internal() == y.b.internal());
        CHECK(x.a.internal() == z.a.internal());
        CHECK(z.b.internal() == 0.5);  // not varied: untouched
        REQUIRE(d1.size() == 2);
        CHECK(d1[0].name == "a");
        CHECK(d1[0].value == x.a.internal());
        CHECK(d1[0].unit == "1/d");
    }
}

TEST_CASE("a virtual population's sample has the distribution's moments; integers are rounded; bad names are refused") {
    virtual_population pop;
    pop.add("a", parameter_distribution::normal(5.0, 1.0)).add("n", parameter_distribution::uniform(0.0, 10.0)).add(
        "group.c", parameter_distribution::uniform(-1.0, 1.0));
    double sum = 0.0, ss = 0.0;
    std::set<int> ns;
    const int count = 4000;
    for (int r = 0; r < count; ++r) {
        linear_scenario::parameters p;
        pop.draw(p, seed{1}, static_cast<std::uint64_t>(r));
        sum += p.a.internal();
        ss += p.a.internal() * p.a.internal();
        ns.insert(p.n.get());
        CHECK(p.g.c.internal() >= -1.0);
        CHECK(p.g.c.internal() <= 1.0);
    }
    const double mean = sum / count, sd = std::sqrt(ss / count - mean * mean);
    CHECK(mean == Approx(5.0).margin(4.0 * 1.0 / std::sqrt(count)));
    CHECK(sd == Approx(1.0).margin(0.05));
    CHECK(ns.size() == 11);  // 0..10, whole numbers
    linear_scenario::parameters p;
    virtual_population bad;
    bad.add("no_such", parameter_distribution::normal(1.0, 1.0));
    try {
        (void)bad.bind(p);
        FAIL("an unknown name was accepted");
    } catch (const invalid_parameter& e) {
        CHECK(std::string(e.what()).find("a, b, n, group.c") != std::string::npos);
    }
    virtual_population outside;
    outside.add("b", parameter_distribution::normal(50.0, 1.0));
    CHECK_THROWS_AS(outside.bind(p), invalid_parameter);
}

TEST_CASE("for_each_parameter and set_parameter reach nested parameters by their full names") {
    linear_scenario::parameters p;
    std::vector<std::string> names;
    for_each_parameter(p, [&]<class Q>(const std::string& n, parameter<Q>&) { names.push_back(n); });
    CHECK(names == std::vector<std::string>{"a", "b", "n", "group.c"});
    set_parameter(p, "group.c", 2.5);
    CHECK(p.g.c.internal() == 2.5);
    set_parameter(p, "n", 4.6);
    CHECK(p.n.get() == 5);
    CHECK_THROWS_AS(set_parameter(p, "zzz", 1.0), invalid_parameter);
    CHECK_THROWS_AS(set_parameter(p, "b", 2.0), invalid_parameter);
}

TEST_CASE("OAT design: a baseline, then each factor alone at its bounds") {
    const auto d = one_at_a_time_design({{"a", 0.5, 1.5, "1/d"}, {"b", 0.0, 1.0, "-"}}, {1.0, 0.5});
    REQUIRE(d.points.size() == 5);
    CHECK(d.points[0] == std::vector<double>{1.0, 0.5});
    CHECK(d.points[1] == std::vector<double>{0.5, 0.5});
    CHECK(d.points[2] == std::vector<double>{1.5, 0.5});
    CHECK(d.points[3] == std::vector<double>{1.0, 0.0});
    CHECK(d.points[4] == std::vector<double>{1.0, 1.0});
    CHECK(d.changed == std::vector<std::int32_t>{-1, 0, 0, 1, 1});
    CHECK_THROWS_AS(one_at_a_time_design({}, {}), invalid_parameter);
    CHECK_THROWS_AS(one_at_a_time_design({{"a", 1.0, 1.0, ""}}, {1.0}), invalid_parameter);
    CHECK_THROWS_AS(one_at_a_time_design({{"a", 0.0, 1.0, ""}, {"a", 0.0, 1.0, ""}}, {0.5, 0.5}), invalid_parameter);
}

TEST_CASE("Morris design: trajectories move every factor once by +-delta on the level grid, reproducibly") {
    const std::vector<sensitivity_factor> f{{"a", 0.0, 3.0, ""}, {"b", 10.0, 20.0, ""}, {"group.c", -1.0, 1.0, ""}};
    const auto d = morris_design(f, 12, 4, seed{5});
    CHECK(d.delta == Approx(2.0 / 3.0));
    REQUIRE(d.points.size() == 12 * 4);
    std::set<std::vector<double>> starts;
    for (std::size_t t = 0; t < 12; ++t) {
        std::set<std::int32_t> moved;
        CHECK(d.changed[t * 4] == -1);
        starts.insert(d.points[t * 4]);
        for (std::size_t j = 1; j < 4; ++j) {
            const auto k = t * 4 + j;
            const auto i = static_cast<std::size_t>(d.changed[k]);
            moved.insert(d.changed[k]);
            CHECK(std::fabs(d.step[k]) == Approx(d.delta));
            const double range = f[i].upper - f[i].lower;
            CHECK((d.points[k][i] - d.points[k - 1][i]) / range == Approx(d.step[k]));
            for (std::size_t other = 0; other < 3; ++other) {
                if (other != i) CHECK(d.points[k][other] == d.points[k - 1][other]);
            }
            for (std::size_t x = 0; x < 3; ++x) {
                const double u = (d.points[k][x] - f[x].lower) / (f[x].upper - f[x].lower);
                CHECK(u * 3.0 == Approx(std::round(u * 3.0)).margin(1e-9));  // on the grid {0, 1/3, 2/3, 1}
            }
        }
        CHECK(moved.size() == 3);
    }
    CHECK(starts.size() > 3);  // random starts
    const auto again = morris_design(f, 12, 4, seed{5});
    CHECK(again.points == d.points);
    CHECK(morris_design(f, 12, 4, seed{6}).points != d.points);
    CHECK_THROWS_AS(morris_design(f, 12, 3, seed{5}), invalid_parameter);
    CHECK_THROWS_AS(morris_design(f, 1, 4, seed{5}), invalid_parameter);
}

TEST_CASE("screens of the linear model recover its coefficients, and tell noise from effect") {
    scenario_options o;
    o.seed = seed{11};
    const linear_scenario::parameters p;
    const std::vector<sensitivity_factor> f{{"a", 0.5, 1.5, "1/d"}, {"b", 0.0, 1.0, "-"}};
    SECTION("one at a time") {
        const auto r = run_screen<linear_scenario>(o, p, one_at_a_time_design(f, {1.0, 0.5}), {.replicates = 4, .threads = 3, .finished = {}});
        REQUIRE(r.outputs == std::vector<std::string>{"y", "z", "start time"});
        CHECK(r.seeds == std::vector<std::uint64_t>{11, 12, 13, 14});
        const auto& ay = r.effect(0, 0);
        CHECK(ay.mu == Approx(2.0).epsilon(1e-12));  // y(1.5) - y(0.5), the noise cancels (same seeds)
        CHECK(ay.n == 4);
        CHECK(ay.moves());
        CHECK(ay.elasticity == Approx((2.0 / 2.0) / (1.0 / 1.0)).epsilon(0.1));  // y0 = 2 + noise (SD 0.1)
        const auto& by = r.effect(1, 0);
        CHECK(by.mu == 0.0);
        CHECK_FALSE(by.moves());
        CHECK(r.effect(0, 2).mu == Approx(1.0));  // the event time is a
        CHECK(ay.relative == 1.0);
        CHECK(by.relative == 0.0);
    }
    SECTION("Morris") {
        const auto d = morris_design(f, 10, 4, seed{3});
        const auto r1 = run_screen<linear_scenario>(o, p, d, {.replicates = 3, .threads = 1, .finished = {}});
        const auto r3 = run_screen<linear_scenario>(o, p, d, {.replicates = 3, .threads = 3, .finished = {}});
        CHECK(r1.values == r3.values);  // whatever the thread count
        const auto& ay = r1.effect(0, 0);
        CHECK(ay.mu == Approx(2.0).epsilon(1e-9));  // dy per full range of a (1/d) is 2
        CHECK(ay.mu_star == Approx(2.0).epsilon(1e-9));
        CHECK(ay.sigma == Approx(0.0).margin(1e-9));  // linear: no spread
        CHECK(ay.n == 10);
        CHECK(ay.moves());
        CHECK(std::isfinite(ay.noise_floor));
        const auto& by = r1.effect(1, 0);
        CHECK(by.mu_star == Approx(0.0).margin(1e-12));
        CHECK_FALSE(by.moves());
    }
    SECTION("factors are checked against the parameters before anything runs") {
        CHECK_THROWS_AS(run_screen<linear_scenario>(o, p, one_at_a_time_design({{"zz", 0.0, 1.0, ""}}, {0.5}), {}), invalid_parameter);
        CHECK_THROWS_AS(run_screen<linear_scenario>(o, p, one_at_a_time_design({{"b", 0.0, 2.0, ""}}, {0.5}), {}), invalid_parameter);
    }
    SECTION("factor_around stays inside the range") {
        auto q = p;
        const auto refs = list_parameters(q);
        const auto fa = factor_around(find_parameter(refs, "b"), 0.2);
        CHECK(fa.lower == Approx(0.4));
        CHECK(fa.upper == Approx(0.6));
        CHECK(fa.unit == "-");
        q.a = 0.0_per_d;
        const auto fz = factor_around(find_parameter(refs, "a"), 0.2);
        CHECK(fz.lower == 0.0);
        CHECK(fz.upper == Approx(2.0));
    }
}

TEST_CASE("run_indexed: results by index whatever the thread count; the lowest failed index's error is rethrown") {
    for (const unsigned threads : {1u, 2u, 5u}) {
        std::vector<std::uint64_t> out(37);
        std::atomic<int> calls{0};
        std::size_t last_done = 0;
        run_indexed(
            out.size(), threads, [&](std::size_t k) { out[k] = k * k, ++calls; },
            [&](std::size_t done, std::size_t total) {
                CHECK(total == 37);
                CHECK(done == last_done + 1);
                last_done = done;
            });
        CHECK(calls == 37);
        CHECK(last_done == 37);
        for (std::size_t k = 0; k < out.size(); ++k) CHECK(out[k] == k * k);
    }
    std::atomic<int> ran{0};
    try {
        run_indexed(20, 4, [&](std::size_t k) {
            ++ran;
            if (k == 5 || k == 13) throw std::runtime_error("task " + std::to_string(k));
        });
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "task 5");
    }
    CHECK(ran == 20);
}

TEST_CASE("run_ensemble: seed + k, hooks, aggregate with series bands; identical for any thread count") {
    scenario_options o;
    o.seed = seed{100};
    o.pictures = true;
    const linear_scenario::parameters p;
    virtual_population pop;
    pop.add("a", parameter_distribution::uniform(1.0, 3.0));
    std::vector<std::vector<drawn_parameter>> drawn1(6), drawn3(6);
    const auto make = [&](unsigned threads, std::vector<std::vector<drawn_parameter>>& drawn) {
        ensemble_options e;
        e.replicates = 6;
        e.threads = threads;
        e.prepare = [&](std::uint64_t rep, void* q) { drawn[rep] = pop.draw(*static_cast<linear_scenario::parameters*>(q), o.seed, rep); };
        e.configure = [](std::uint64_t rep, scenario_options& so) { so.pictures = rep == 0; };
        std::size_t finished = 0;
        e.finished = [&](std::size_t done, std::size_t total) {
            finished = done;
            CHECK(total == 6);
        };
        auto r = run_ensemble<linear_scenario>(o, p, e);
        CHECK(finished == 6);
        return r;
    };
    const auto r1 = make(1, drawn1), r3 = make(3, drawn3);
    REQUIRE(r1.replicates.size() == 6);
    for (std::size_t k = 0; k < 6; ++k) {
        CHECK(r1.replicates[k].seed.value == 100 + k);
        CHECK(r1.replicates[k].measurements[0].value == r3.replicates[k].measurements[0].value);
        CHECK(drawn1[k][0].value == drawn3[k][0].value);
        CHECK(r1.replicates[k].events[0].time->value() == drawn1[k][0].value);
    }
    const auto& y = r1.measurements.at("y");
    CHECK(y.n == 6);
    std::vector<double> ys;
    for (const auto& r : r1.replicates) ys.push_back(r.measurements[0].value);
    CHECK(y.mean == Approx(statistics_of(ys, 6).mean));
    CHECK(y.ci_low < y.mean);
    CHECK(y.ci_high > y.mean);
    REQUIRE(r1.series.times == std::vector<double>{0.0, 1.0, 2.0});
    CHECK(r1.series.names == std::vector<std::string>{"time_d", "y"});
    CHECK(r1.series.stats[2][1].n == 6);
    CHECK(r1.series.stats[2][1].p2_5 <= r1.series.stats[2][1].mean);
    CHECK(r1.simulated.mean == 4.0);
    SECTION("the first error stops nothing else and is rethrown") {
        virtual_population fail;
        fail.add("n", parameter_distribution::uniform(6.6, 7.4));  // n = 7 fails
        ensemble_options e;
        e.replicates = 3;
        e.threads = 2;
        e.prepare = [&](std::uint64_t rep, void* q) { fail.draw(*static_cast<linear_scenario::parameters*>(q), o.seed, rep); };
        CHECK_THROWS_WITH(run_ensemble<linear_scenario>(o, p, e), "n = 7 fails");
    }
}
