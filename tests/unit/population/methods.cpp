// The methods: chosen at run time without templated user code; tau-leaping's accuracy against
// exact means and variances at large populations; amounts and system size; reproducibility;
// the model protocol (tissue_model, rule_reporting_model, free drivers and observers).
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using namespace ossify::literals;
using namespace population_test;

namespace {
using one = lineage<osteogenic>;
struct mass {
    static constexpr std::string_view name = "mass";
};
const auto birth_death = rule_set<one>(proliferation<osteogenic>(hazard(0.6_per_d)), death<osteogenic>(hazard(0.2_per_d)));
using birth_death_model = decltype(population_model{birth_death, initial_counts<osteogenic>(1)});

static_assert(tissue_model<birth_death_model>);
static_assert(rule_reporting_model<birth_death_model>);

/// Plain user code: the method is a value, the function is not a template.
double run_with(const population_method& method, double n0) {
    birth_death_model pop{birth_death, initial_counts<osteogenic>(n0), method};
    run_for(pop, 3.0_d, 1.0_d);
    return pop.count<osteogenic>();
}
}  // namespace

TEST_CASE("the method is chosen at run time", "[population][methods]") {
    const double mf = run_with(mean_field{}, 1000.0);
    CHECK(mf == Approx(1000.0 * std::exp(0.4 * 3.0)).epsilon(1e-8));
    for (const std::string name : {"exact", "tau_leap", "mean_field", "gillespie", "tau-leap"}) {
        const auto method = method_named(name, seed{3});
        const double n = run_with(method, 1000.0);
        const double g = std::exp(0.4 * 3.0);
        INFO(name);
        check_draw(n, 1000.0 * g, 1000.0 * (0.8 / 0.4) * g * (g - 1.0));
    }
    require_invalid([] { (void)method_named("euler"); }, "name");
    CHECK(method_name(tau_leap{}) == "tau_leap");
}

TEST_CASE("tau-leaping: mean and variance of a large birth-death population", "[population][methods][tau_leap]") {
    // Linear birth-death from 10^5 cells: mean n0 g, variance n0 (b + d)/(b - d) g (g - 1).
    constexpr double n0 = 1.0e5, t = 3.0;
    const double g = std::exp(0.4 * t);
    const double variance = n0 * (0.8 / 0.4) * g * (g - 1.0);
    std::vector<double> sample;
    std::uint64_t events = 0;
    for (std::uint64_t run = 0; run < 300; ++run) {
        birth_death_model pop{birth_death, initial_counts<osteogenic>(n0), tau_leap{seed{17}, run}};
        run_for(pop, duration::from_value(t), 1.0_d);
        sample.push_back(pop.count<osteogenic>());
        events += pop.events();
        CHECK(pop.cell_count() == n0 + pop.births() - pop.deaths());
    }
    const auto m = moments_of(sample);
    check_mean(m, n0 * g, variance);
    check_variance(m, variance);
    CHECK(static_cast<double>(events) / 300.0 > 1e5);  // leaps carried many firings each
}

TEST_CASE("tau-leaping: the stationary law of immigration and death at a large population",
          "[population][methods][tau_leap]") {
    // Stationary Poisson(lambda/mu): mean = variance = 10^6.
    constexpr double lambda = 1.0e6, mu = 1.0;
    const auto model = population<one>(influx<osteogenic>(rate::from_value(lambda)),
                                       death<osteogenic>(hazard(rate::from_value(mu))));
    std::vector<double> sample;
    for (std::uint64_t run = 0; run < 300; ++run) {
        population_model pop{model, initial_counts<osteogenic>(1.0e6), tau_leap{seed{23}, run}};
        pop.step(10.0_d);
        sample.push_back(pop.count<osteogenic>());
    }
    const auto m = moments_of(sample);
    check_mean(m, lambda / mu, lambda / mu);
    check_variance(m, lambda / mu);
}

TEST_CASE("amounts and system size", "[population][methods][system_size]") {
    using two = lineage<osteogenic, osteoblast>;
    const auto rules = rule_set<two>(transition<osteogenic, osteoblast>(hazard(0.5_per_d)));
    SECTION("mean field of amounts, with and without a size") {
        population_model a{rules, initial_amounts<osteogenic>(2.0_pM)};
        population_model b{rules, initial_amounts<osteogenic>(2.0_pM), system_size{500.0, 1.0_pM}};
        run_for(a, 2.0_d, 0.5_d);
        run_for(b, 2.0_d, 0.5_d);
        CHECK(a.amount<osteoblast>() / 1.0_pM == Approx(2.0 * (1.0 - std::exp(-1.0))).epsilon(1e-8));
        CHECK(b.amount<osteoblast>() / 1.0_pM == Approx(a.amount<osteoblast>() / 1.0_pM).epsilon(1e-8));
        CHECK(b.count<osteoblast>() == Approx(500.0 * (b.amount<osteoblast>() / 1.0_pM)).epsilon(1e-12));
        CHECK(b.cells_per_amount() == Approx(500.0 / 1e-3));
    }
    SECTION("a size from a volume: N_A V cells per mol/L") {
        const system_size size{1000.0_um3};  // 1 nM in 1000 um^3 is 602.2 molecules
        CHECK(size.cells_per_nM() == Approx(602.214076).epsilon(1e-12));
    }
    SECTION("the stochastic methods need a size; a model of counts has none") {
        require_invalid([&] { population_model p{rules, initial_amounts<osteogenic>(2.0_pM), stochastic{seed{1}}}; },
                        "system_size");
        require_invalid([&] { population_model p{rules, initial_counts<osteogenic>(2), system_size{10.0, 1.0_nM}}; },
                        "system_size");
        require_invalid([] { (void)system_size{-1.0, 1.0_nM}; }, "cells");
    }
    SECTION("a linear model: the stochastic mean equals the mean field at every size") {
        for (const double size : {10.0, 1000.0}) {
            std::vector<double> sample;
            for (std::uint64_t run = 0; run < 200; ++run) {
                population_model p{rules, initial_amounts<osteogenic>(2.0_pM), system_size{size, 1.0_pM},
                                   stochastic{seed{31}, run}};
                run_for(p, 2.0_d, 1.0_d);
                sample.push_back(p.amount<osteoblast>() / 1.0_pM);
            }
            const double q = 1.0 - std::exp(-1.0), n = 2.0 * size;  // Binomial(n, q) cells
            check_mean(moments_of(sample), 2.0 * q, n * q * (1.0 - q) / (size * size));
        }
    }
}

TEST_CASE("same seed, same trajectory, for every stochastic path", "[population][methods]") {
    const auto model = population<one>(
        proliferation<osteogenic>(policy_fn([](const auto& c) { return 0.5_per_d * (1.0 - c.count(osteogenic{}) / 500.0); })),
        death<osteogenic>(policy_fn([](const auto& c) { return 0.1_per_d * (1.0 + std::sin(c.now() / 1.0_d)); })),
        variable<mass>(1.0, [](const auto& c) { return 0.01_per_d * c.count(osteogenic{}) - 0.1_per_d * c.variable(mass{}); }));
    auto trajectory = [&](const population_method& m) {
        population_model pop{model, initial_counts<osteogenic>(50), m};
        std::vector<double> out;
        run_for(pop, 10.0_d, 0.5_d, [&](const auto& p) {
            out.push_back(p.template count<osteogenic>());
            out.push_back(p.template variable<mass>());
        });
        return out;
    };
    for (const auto m : {population_method{stochastic{seed{42}}}, population_method{tau_leap{seed{42}}}}) {
        const auto a = trajectory(m);
        CHECK(a == trajectory(m));
        population_method other = m;
        std::visit([](auto& x) {
            if constexpr (requires { x.stream; }) x.stream = 1;
        }, other);
        CHECK(a != trajectory(other));
    }
}

TEST_CASE("the model protocol: free drivers and observers", "[population][methods]") {
    birth_death_model pop{birth_death, initial_counts<osteogenic>(100), stochastic{seed{6}}};
    CHECK(birth_death_model::state_count == 1);
    CHECK(birth_death_model::state_name(0) == "osteogenic");
    CHECK(pop.seed().value == 6);
    std::vector<double> seen;
    const auto steps = run_until(pop, 10.0_d, 1.0_d, at({2.5_d, 7.25_d}, [&](const auto& m) { seen.push_back(m.time().value()); }),
                                 stop_when([](const auto& m) { return m.time() >= 8.0_d; }));
    CHECK(seen == std::vector<double>{2.5, 7.25});
    CHECK(pop.time().value() == Approx(8.25));  // 7.25 (an `at` time), then a whole step
    CHECK(steps == pop.steps());
    birth_death_model ode{birth_death, initial_counts<osteogenic>(100)};
    CHECK(ode.seed().value == 0);
}
