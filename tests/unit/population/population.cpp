// population_model with rules only (no feedback): the mean-field ODE against closed forms
// (1e-6 relative), the Gillespie solver against the same closed forms within 4 binomial
// standard errors, conservation, births/deaths, instant moves, seeds, and refused input.
#include <ossify/cell.hpp>
#include <ossify/signal/signals.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {
constexpr double sigmas = 4.0;

using chain = lineage<mesenchymal, osteogenic, osteoblast>;
constexpr double k1 = 0.5, k2 = 0.2;  // 1/d

auto chain_rules() {
    return rule_set<chain>(transition<mesenchymal, osteogenic>(hazard(rate::from_value(k1))),
                           transition<osteogenic, osteoblast>(hazard(rate::from_value(k2))));
}

/// Occupancy probabilities of A -> B -> C with constant hazards k1 != k2, from A at t = 0.
struct occupancy {
    double a, b, c;
};
occupancy chain_solution(double t) {
    const double a = std::exp(-k1 * t);
    const double b = k1 / (k2 - k1) * (std::exp(-k1 * t) - std::exp(-k2 * t));
    return {a, b, 1.0 - a - b};
}

/// Checks a stochastic count of n0 independent cells against its binomial expectation.
void check_binomial(double count, double n0, double p) {
    const double se = std::sqrt(n0 * p * (1.0 - p));
    INFO("count " << count << ", expected " << n0 * p << " +- " << se);
    CHECK(std::abs(count - n0 * p) <= sigmas * se);
}

template <class F>
void require_refused(F&& f, const std::string& name) {
    try {
        f();
        FAIL("no exception; expected invalid_parameter naming " << name);
    } catch (const invalid_parameter& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find(name) != std::string::npos);
    }
}

template <class F>
void require_failed(F&& f, const std::string& text) {
    try {
        f();
        FAIL("no exception; expected model_error saying " << text);
    } catch (const model_error& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find(text) != std::string::npos);
    }
}

/// Everything a refused call must leave as it was.
template <class Model>
auto snapshot(const Model& m) {
    const auto c = m.counts();
    std::vector<double> s(c.begin(), c.end());
    s.push_back(m.time().value());
    s.push_back(m.births());
    s.push_back(m.deaths());
    s.push_back(static_cast<double>(m.events()));
    s.push_back(static_cast<double>(m.steps()));
    return s;
}
}  // namespace

TEST_CASE("mean field: a chain of constant hazards matches the closed form to 1e-6",
          "[population][mean_field]") {
    const double n0 = 1000.0;
    population_model pop{chain_rules(), initial_counts<mesenchymal>(n0), mean_field{}};
    std::size_t checked = 0;
    const auto steps = run_for(pop, 12.0_d, 0.5_d, [&](const auto& m, duration t) {
        const auto x = chain_solution(t.value());
        CHECK(m.template count<mesenchymal>() == Approx(n0 * x.a).epsilon(1e-6).margin(1e-9));
        CHECK(m.template count<osteogenic>() == Approx(n0 * x.b).epsilon(1e-6).margin(1e-9));
        CHECK(m.template count<osteoblast>() == Approx(n0 * x.c).epsilon(1e-6).margin(1e-9));
        CHECK(m.cell_count() == Approx(n0).epsilon(1e-12));
        ++checked;
    });
    CHECK(steps == 24);
    CHECK(checked == 25);  // the start and every step
    CHECK(pop.time().value() == 12.0);
    CHECK(pop.births() == 0.0);
    CHECK(pop.deaths() == 0.0);
}

TEST_CASE("mean field: the answer does not depend on dt", "[population][mean_field]") {
    for (const double dt : {0.1 / 24.0, 1.0 / 24.0, 1.0, 7.0}) {
        population_model pop{chain_rules(), initial_counts<mesenchymal>(1.0), mean_field{}};
        run_for(pop, 7.0_d, duration::from_value(dt));
        const auto x = chain_solution(7.0);
        CHECK(pop.count<mesenchymal>() == Approx(x.a).epsilon(1e-6));
        CHECK(pop.count<osteogenic>() == Approx(x.b).epsilon(1e-6));
        CHECK(pop.count<osteoblast>() == Approx(x.c).epsilon(1e-6));
    }
}

TEST_CASE("stochastic: a chain of constant hazards matches the closed form within 4 SE",
          "[population][stochastic]") {
    // Cells move independently, so the count in each state at time t is Binomial(n0, p(t)).
    const double n0 = 20000.0;
    for (const std::uint64_t s : {1u, 2u}) {
        population_model pop{chain_rules(), initial_counts<mesenchymal>(n0), stochastic{seed{s}}};
        for (const double t_check : {1.0, 3.0, 8.0}) {
            run_for(pop, duration::from_value(t_check) - pop.time(), 0.25_d);
            const auto x = chain_solution(t_check);
            check_binomial(pop.count<mesenchymal>(), n0, x.a);
            check_binomial(pop.count<osteogenic>(), n0, x.b);
            check_binomial(pop.count<osteoblast>(), n0, x.c);
            CHECK(pop.cell_count() == n0);  // exactly: transitions conserve cells
        }
        // Every transition is one event: A -> B once, and B -> C for those now in C.
        CHECK(static_cast<double>(pop.events()) ==
              2.0 * pop.count<osteoblast>() + pop.count<osteogenic>());
    }
}

TEST_CASE("stochastic: the statistics do not depend on dt", "[population][stochastic]") {
    const double n0 = 20000.0;
    const auto x = chain_solution(4.0);
    for (const double dt : {0.1 / 24.0, 1.0, 4.0}) {
        population_model pop{chain_rules(), initial_counts<mesenchymal>(n0), stochastic{seed{7}}};
        run_for(pop, 4.0_d, duration::from_value(dt));
        check_binomial(pop.count<mesenchymal>(), n0, x.a);
        check_binomial(pop.count<osteoblast>(), n0, x.c);
    }
}

TEST_CASE("proliferation and death: mean exp((b - d) t), births and deaths accounted",
          "[population]") {
    using one = lineage<osteogenic>;
    const double b = 0.6, d = 0.2, n0 = 400.0, t = 3.0;
    const auto rules = rule_set<one>(proliferation<osteogenic>(hazard(rate::from_value(b))),
                                     death<osteogenic>(hazard(rate::from_value(d))));
    const double growth = std::exp((b - d) * t);

    population_model ode{rules, initial_counts<osteogenic>(n0), mean_field{}};
    run_for(ode, duration::from_value(t), 0.5_d);
    CHECK(ode.cell_count() == Approx(n0 * growth).epsilon(1e-6));
    // Expected births b n0 (e^{(b-d)t} - 1) / (b - d); deaths likewise with d.
    CHECK(ode.births() == Approx(b * n0 * (growth - 1.0) / (b - d)).epsilon(1e-6));
    CHECK(ode.deaths() == Approx(d * n0 * (growth - 1.0) / (b - d)).epsilon(1e-6));
    CHECK(ode.cell_count() == Approx(n0 + ode.births() - ode.deaths()).epsilon(1e-9));

    // Linear birth-death process: Var N(t) = n0 (b + d)/(b - d) g (g - 1), g = e^{(b-d)t}.
    // The mean of R independent runs has standard error sqrt(Var / R).
    constexpr int runs = 40;
    double sum = 0.0;
    for (int r = 0; r < runs; ++r) {
        population_model pop{rules, initial_counts<osteogenic>(n0),
                             stochastic{seed{99}, static_cast<std::uint64_t>(r)}};
        run_for(pop, duration::from_value(t), 1.0_d);
        CHECK(pop.cell_count() == n0 + pop.births() - pop.deaths());  // exact bookkeeping
        CHECK(static_cast<double>(pop.events()) == pop.births() + pop.deaths());
        sum += pop.cell_count();
    }
    const double var = n0 * (b + d) / (b - d) * growth * (growth - 1.0);
    const double se = std::sqrt(var / runs);
    INFO("mean " << sum / runs << ", expected " << n0 * growth << " +- " << se);
    CHECK(std::abs(sum / runs - n0 * growth) <= sigmas * se);
}

TEST_CASE("a fate split divides the leavers by the branch probabilities", "[population]") {
    using tri = lineage<mesenchymal, osteogenic, endothelial>;
    const double n0 = 20000.0, t = 2.0, k = 0.5;
    auto split = [&](auto leave) {
        return rule_set<tri>(fate_split<mesenchymal>(leave, branch<osteogenic>(0.8),
                                                     branch<endothelial>(0.2)));
    };
    SECTION("finite hazard") {
        const double left = n0 * (1.0 - std::exp(-k * t));
        population_model ode{split(hazard(rate::from_value(k))), initial_counts<mesenchymal>(n0)};
        run_for(ode, duration::from_value(t), 0.5_d);
        CHECK(ode.count<osteogenic>() == Approx(0.8 * left).epsilon(1e-6));
        CHECK(ode.count<endothelial>() == Approx(0.2 * left).epsilon(1e-6));

        population_model pop{split(hazard(rate::from_value(k))), initial_counts<mesenchymal>(n0),
                             stochastic{seed{3}}};
        run_for(pop, duration::from_value(t), 0.5_d);
        const double leavers = n0 - pop.count<mesenchymal>();
        check_binomial(leavers, n0, 1.0 - std::exp(-k * t));
        check_binomial(pop.count<osteogenic>(), leavers, 0.8);
    }
    SECTION("leaving at once (infinite hazard)") {
        population_model ode{split(immediately()), initial_counts<mesenchymal>(n0)};
        ode.step(1.0_h);
        CHECK(ode.count<mesenchymal>() == 0.0);
        CHECK(ode.count<osteogenic>() == Approx(0.8 * n0).epsilon(1e-12));
        CHECK(ode.count<endothelial>() == Approx(0.2 * n0).epsilon(1e-12));

        population_model pop{split(immediately()), initial_counts<mesenchymal>(n0), stochastic{seed{4}}};
        pop.step(1.0_h);
        CHECK(pop.count<mesenchymal>() == 0.0);
        CHECK(pop.cell_count() == n0);
        check_binomial(pop.count<osteogenic>(), n0, 0.8);
        CHECK(pop.events() == static_cast<std::uint64_t>(n0));
    }
}

TEST_CASE("infinite hazards act at once, along a chain", "[population]") {
    using tri = lineage<osteogenic, osteoblast, osteocyte>;
    const auto rules = rule_set<tri>(transition<osteogenic, osteoblast>(immediately()),
                                     transition<osteoblast, osteocyte>(entrapped(0.5)));
    population_model pop{rules, initial_counts<osteogenic, osteoblast>(30, 10), stochastic{seed{5}}};
    pop.step(1.0_h);
    CHECK(pop.count<osteogenic>() == 0.0);
    CHECK(pop.count<osteoblast>() == 40.0);  // not entrapped yet
    pop.environment().set_entrapment(0.6);
    pop.step(1.0_h);
    CHECK(pop.count<osteoblast>() == 0.0);
    CHECK(pop.count<osteocyte>() == 40.0);
    CHECK(pop.events() == 70);
}

TEST_CASE("signal-driven hazards read the environment", "[population]") {
    using two = lineage<mesenchymal, osteogenic>;
    const auto rules = rule_set<two>(transition<mesenchymal, osteogenic>(hill<bmp2>(5.0_nM, 2.0, 0.8_per_d)));
    population_model pop{rules, initial_counts<mesenchymal>(100.0), signals<bmp2>{}};
    try {  // a declared signal never set is an error, not a silent 0 nM
        pop.step(1.0_d);
        FAIL("stepped with an unset signal");
    } catch (const model_error& e) {
        CHECK(std::string(e.what()).find("'bmp2' is declared but was never set") != std::string::npos);
    }
    CHECK(pop.steps() == 0);
    pop.environment().set_signal<bmp2>(0.0_nM);
    run_for(pop, 2.0_d, 0.5_d);
    CHECK(pop.count<mesenchymal>() == 100.0);  // no BMP2, no move
    pop.environment().set_signal<bmp2>(5.0_nM);  // K: half of kmax
    run_for(pop, 2.0_d, 0.5_d);
    CHECK(pop.count<mesenchymal>() == Approx(100.0 * std::exp(-0.4 * 2.0)).epsilon(1e-6));
}

TEST_CASE("same seed, same trajectory; another seed or stream, another trajectory",
          "[population][stochastic]") {
    auto trajectory = [](seed s, std::uint64_t stream_id) {
        using one = lineage<mesenchymal, osteogenic>;
        const auto rules = rule_set<one>(transition<mesenchymal, osteogenic>(hazard(0.3_per_d)),
                                         proliferation<mesenchymal>(hazard(0.2_per_d)),
                                         death<osteogenic>(hazard(0.1_per_d)));
        population_model pop{rules, initial_counts<mesenchymal>(200), stochastic{s, stream_id}};
        std::vector<double> out;
        run_for(pop, 5.0_d, 0.5_d, [&](const auto& m, duration) {
            const auto c = m.counts();
            out.insert(out.end(), c.begin(), c.end());
            out.push_back(static_cast<double>(m.events()));
        });
        return out;
    };
    const auto a = trajectory(seed{42}, 0);
    CHECK(a == trajectory(seed{42}, 0));
    CHECK(a != trajectory(seed{43}, 0));
    CHECK(a != trajectory(seed{42}, 1));
}

TEST_CASE("counts are conserved by transitions in both solvers", "[population]") {
    using six = intramembranous_lineage;
    const auto rules = rule_set<six>(
        fate_split<mesenchymal>(hazard(0.4_per_d), branch<osteogenic>(0.7), branch<endothelial>(0.3)),
        transition<osteogenic, osteoblast>(hazard(0.25_per_d)),
        fate_split<osteoblast>(hazard(0.2_per_d), branch<osteocyte>(0.8), branch<periosteal>(0.2)));
    population_model ode{rules, initial_counts<mesenchymal, osteogenic>(500, 50)};
    population_model pop{rules, initial_counts<mesenchymal, osteogenic>(500, 50), stochastic{seed{8}}};
    double worst = 0.0;
    bool exact = true;
    run_for(ode, 20.0_d, 1.0_d, [&](const auto& m, duration) { worst = std::max(worst, std::abs(m.cell_count() - 550.0)); });
    run_for(pop, 20.0_d, 1.0_d, [&](const auto& m, duration) { exact = exact && m.cell_count() == 550.0; });
    CHECK(worst <= 1e-9 * 550.0);
    CHECK(exact);
    CHECK(pop.births() == 0.0);
    CHECK(pop.deaths() == 0.0);
}

TEST_CASE("bad input is refused and a refused call changes nothing", "[population][errors]") {
    const double not_a_number = std::numeric_limits<double>::quiet_NaN();
    SECTION("initial counts") {
        require_refused([] { population_model p{chain_rules(), initial_counts<mesenchymal>(-1.0)}; },
                        "initial count of mesenchymal");
        require_refused(
            [] { population_model p{chain_rules(), initial_counts<osteogenic>(2.5), stochastic{seed{1}}}; },
            "initial count of osteogenic");
        require_refused(
            [] { population_model p{chain_rules(), initial_counts<osteogenic>(-3), stochastic{seed{1}}}; },
            "initial count of osteogenic");
        require_refused(
            [&] { population_model p{chain_rules(), initial_counts<mesenchymal>(not_a_number)}; },
            "initial count of mesenchymal");
    }
    SECTION("step and run_for") {
        population_model pop{chain_rules(), initial_counts<mesenchymal>(1000), stochastic{seed{9}}};
        run_for(pop, 2.0_d, 0.5_d);
        const auto before = snapshot(pop);
        require_refused([&] { pop.step(0.0_d); }, "dt");
        require_refused([&] { pop.step(-1.0_h); }, "dt");
        require_refused([&] { pop.step(duration::from_value(not_a_number)); }, "dt");
        require_refused([&] { run_for(pop, 1.0_d, 0.0_d); }, "dt");
        require_refused([&] { run_for(pop, 1.0_d, -1.0_d); }, "dt");
        require_refused([&] { run_for(pop, -1.0_d, 1.0_d); }, "total");
        require_refused([&] { run_for(pop, duration::from_value(not_a_number), 1.0_d); }, "total");
        CHECK(snapshot(pop) == before);
        // And the model goes on exactly as an untouched copy of it does.
        population_model twin{chain_rules(), initial_counts<mesenchymal>(1000), stochastic{seed{9}}};
        run_for(twin, 2.0_d, 0.5_d);
        pop.step(1.0_d);
        twin.step(1.0_d);
        CHECK(snapshot(pop) == snapshot(twin));
    }
    SECTION("environment") {
        population_model pop{chain_rules(), initial_counts<mesenchymal>(10), signals<bmp2>{}};
        require_refused([&] { pop.environment().set_signal<bmp2>(-1.0_nM); }, "concentration");
        require_refused([&] { pop.environment().set_entrapment(1.5); }, "fraction");
        CHECK_FALSE(pop.environment().has_signal<bmp2>());
        CHECK_THROWS_AS((void)pop.environment().signal<bmp2>(), model_error);
        CHECK(pop.environment().entrapment() == 0.0);
    }
    SECTION("a policy that returns a bad hazard, and infinite proliferation") {
        using two = lineage<mesenchymal, osteogenic>;
        const auto nan_rules = rule_set<two>(
            transition<mesenchymal, osteogenic>(hazard(0.1_per_d)),
            transition<osteogenic, mesenchymal>(policy_fn([](const auto& ctx) {
                return ctx.template signal<bmp2>() > 1.0_nM ? -1.0_per_d : 0.1_per_d;
            })));
        population_model pop{nan_rules, initial_counts<mesenchymal>(100), signals<bmp2>{}, stochastic{seed{2}}};
        pop.environment().set_signal<bmp2>(0.0_nM);
        run_for(pop, 1.0_d, 0.5_d);
        const auto before = snapshot(pop);
        pop.environment().set_signal<bmp2>(2.0_nM);
        require_failed([&] { pop.step(1.0_d); }, "rule 1 (osteogenic -> mesenchymal): its hazard (d^-1) is -1");
        CHECK(snapshot(pop) == before);

        const auto boom = rule_set<two>(transition<mesenchymal, osteogenic>(immediately()),
                                        proliferation<osteogenic>(immediately()));
        population_model grow{boom, initial_counts<mesenchymal>(5)};
        require_failed([&] { grow.step(1.0_d); }, "rule 1 (osteogenic proliferation): its hazard (d^-1) is inf");
        CHECK(grow.count<mesenchymal>() == 5.0);
        CHECK(grow.time().value() == 0.0);
    }
}
