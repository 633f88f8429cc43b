// Continuous variables and time-dependent inputs: integrated with the cells in every method
// (exactly between events when their right-hand sides read counts only, by the integrator
// otherwise), hazards that read the clock or a variable drawn exactly (the hybrid method),
// doses set between steps, variables with units.
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using namespace ossify::literals;
using namespace population_test;

namespace {
using one = lineage<osteoblast>;
struct bone_mass {
    static constexpr std::string_view name = "bone mass";
};
struct ligand {
    static constexpr std::string_view name = "ligand";
};
struct drug {
    static constexpr std::string_view name = "drug";
};
}  // namespace

TEST_CASE("a variable whose rate reads counts only is integrated exactly between events",
          "[population][variables][stochastic]") {
    // Osteoblasts die at mu; each builds 0.5 %/d: z(t) = z0 + 0.5 * integral of n. For n0
    // independent cells, integral of n = sum of min(T_i, t), T_i ~ Exp(mu).
    constexpr double mu = 0.2, n0 = 300.0, t = 5.0, rate_per_cell = 0.5;
    const auto model = population<one>(death<osteoblast>(hazard(rate::from_value(mu))),
                                       variable<bone_mass>(100.0, [=](const auto& c) {
                                           return rate_per_cell * c.count(osteoblast{}) * 1.0_per_d;
                                       }));
    const double e = std::exp(-mu * t);
    const double mean_min = (1.0 - e) / mu;                                       // E min(T, t)
    const double second_min = 2.0 / (mu * mu) * (1.0 - e) - 2.0 * t * e / mu;  // E min(T, t)^2
    const double mean = 100.0 + rate_per_cell * n0 * mean_min;
    const double variance = rate_per_cell * rate_per_cell * n0 * (second_min - mean_min * mean_min);
    population_model ode{model, initial_counts<osteoblast>(n0)};
    run_for(ode, duration::from_value(t), 1.0_d);
    CHECK(ode.variable<bone_mass>() == Approx(mean).epsilon(1e-8));
    for (const auto method : {population_method{stochastic{seed{4}}}, population_method{tau_leap{seed{4}}}}) {
        std::vector<double> sample;
        for (std::uint64_t run = 0; run < 200; ++run) {
            population_method m = method;
            std::visit([&](auto& x) {
                if constexpr (requires { x.stream; }) x.stream = run;
            }, m);
            population_model pop{model, initial_counts<osteoblast>(n0), m};
            run_for(pop, duration::from_value(t), 0.5_d);
            sample.push_back(pop.variable<bone_mass>());
        }
        INFO("method " << method_name(method));
        check_mean(moments_of(sample), mean, variance);
    }
}

TEST_CASE("a variable that reads itself is integrated by the ODE solver in every method", "[population][variables]") {
    // A ligand secreted at p per cell and cleared at delta, with a constant cell count:
    // L(t) = p n / delta + (L0 - p n / delta) e^{-delta t}, in nM.
    constexpr double p = 0.02, delta = 1.5, n = 50.0, l0 = 3.0, t = 2.0;
    const auto model = population<one>(variable<ligand>(concentration::from_value(l0), [=](const auto& c) {
        return p * c.count(osteoblast{}) * 1.0_nM / 1.0_d - delta * c.variable(ligand{}) / 1.0_d;
    }));
    const double exact = p * n / delta + (l0 - p * n / delta) * std::exp(-delta * t);
    for (const auto method : {population_method{mean_field{}}, population_method{stochastic{seed{1}}},
                              population_method{tau_leap{seed{1}}}}) {
        population_model pop{model, initial_counts<osteoblast>(n), method};
        run_for(pop, duration::from_value(t), 0.25_d);
        INFO("method " << method_name(method));
        CHECK(pop.variable<ligand>() / 1.0_nM == Approx(exact).epsilon(1e-7));
    }
}

TEST_CASE("a hazard that reads the clock is drawn exactly (hybrid method)", "[population][variables][stochastic]") {
    // Death hazard c t: a cell survives to t with probability exp(-c t^2 / 2), whatever dt.
    constexpr double c = 0.4, n0 = 2000.0, t = 2.5;
    const auto rules = rule_set<one>(death<osteoblast>(policy_fn([=](const auto& ctx) {
        return c * (ctx.now() / 1.0_d) * 1.0_per_d;
    })));
    const double survival = std::exp(-c * t * t / 2.0);
    population_model ode{rules, initial_counts<osteoblast>(n0)};
    run_for(ode, duration::from_value(t), 1.0_d);
    CHECK(ode.count<osteoblast>() == Approx(n0 * survival).epsilon(1e-8));
    for (const double dt : {0.1, 2.5}) {
        population_model pop{rules, initial_counts<osteoblast>(n0), stochastic{seed{8}}};
        run_for(pop, duration::from_value(t), duration::from_value(dt));
        check_draw(pop.count<osteoblast>(), n0 * survival, n0 * survival * (1.0 - survival));
    }
}

TEST_CASE("a hazard that reads a variable follows it between events, and a dose is an input",
          "[population][variables][stochastic]") {
    // A drug D cleared at k (a dose of D0 at t = 0) kills at kappa D per cell:
    // survival exp(-kappa D0 (1 - e^{-k t}) / k).
    constexpr double k = 0.8, kappa = 0.5, d0 = 2.0, n0 = 1500.0, t = 3.0;
    const auto model = population<one>(
        death<osteoblast>(policy_fn([=](const auto& ctx) { return kappa * ctx.variable(drug{}) * 1.0_per_d; })),
        variable<drug>(0.0, [=](const auto& ctx) { return -k * ctx.variable(drug{}) * 1.0_per_d; }));
    const double survival = std::exp(-kappa * d0 * (1.0 - std::exp(-k * t)) / k);
    for (const auto method : {population_method{mean_field{}}, population_method{stochastic{seed{2}}}}) {
        population_model pop{model, initial_counts<osteoblast>(n0), method};
        pop.set_variable<drug>(d0);  // the dose
        run_for(pop, duration::from_value(t), 0.5_d);
        CHECK(pop.variable<drug>() == Approx(d0 * std::exp(-k * t)).epsilon(1e-7));
        if (method.index() == 0) CHECK(pop.count<osteoblast>() == Approx(n0 * survival).epsilon(1e-7));
        else check_draw(pop.count<osteoblast>(), n0 * survival, n0 * survival * (1.0 - survival));
    }
    population_model pop{model, initial_counts<osteoblast>(n0)};
    require_invalid([&] { pop.set_variable<drug>(std::numeric_limits<double>::quiet_NaN()); }, "drug");
}

TEST_CASE("a time-dependent input in a variable's rate: an infusion", "[population][variables]") {
    // Infusion of 4 nM/d on days [1, 2), cleared at 2/d.
    const auto model = population<one>(variable<ligand>(0.0_nM, [](const auto& c) {
        const concentration_rate dose = c.now() >= 1.0_d && c.now() < 2.0_d ? 4.0_nM / 1.0_d : 0.0_nM / 1.0_d;
        return dose - 2.0 * c.variable(ligand{}) / 1.0_d;
    }));
    population_model pop{model, initial_counts<osteoblast>(0)};
    run_for(pop, 3.0_d, 1.0_d);
    const double at2 = 2.0 * (1.0 - std::exp(-2.0));
    CHECK(pop.variable<ligand>() / 1.0_nM == Approx(at2 * std::exp(-2.0)).epsilon(1e-7));
}
