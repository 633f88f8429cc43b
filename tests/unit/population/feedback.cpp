// Policies that read the population: the mean field against closed forms (feedback inside the
// ODE right-hand side, so the output interval does not matter), the exact method against a
// known stationary distribution of a process whose propensities change at every event, and
// the stochastic mean converging to the mean field as the system size grows.
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
using one = lineage<osteogenic>;
constexpr double b = 0.6, d0 = 0.1, capacity = 1000.0;  // 1/d, 1/d, cells

/// Logistic growth as proliferation at b and death at d0 + (b - d0) N / K per cell:
/// dN/dt = r N (1 - N/K), r = b - d0.
auto logistic() {
    return rule_set<one>(proliferation<osteogenic>(hazard(rate::from_value(b))),
                         death<osteogenic>(policy_fn([](const auto& ctx) {
                             return rate::from_value(d0 + (b - d0) * ctx.count(osteogenic{}) / capacity);
                         })));
}
struct bone_mass {
    static constexpr std::string_view name = "bone mass";
};
double logistic_solution(double n0, double t) {
    return capacity / (1.0 + (capacity / n0 - 1.0) * std::exp(-(b - d0) * t));
}
}  // namespace

TEST_CASE("mean field: logistic growth from a count-dependent hazard matches the closed form for any output interval",
          "[population][feedback][mean_field]") {
    for (const double dt : {0.05, 1.0, 20.0}) {
        population_model pop{logistic(), initial_counts<osteogenic>(10.0)};
        double worst = 0.0;
        run_for(pop, 40.0_d, duration::from_value(dt), [&](const auto& m) {
            const double exact = logistic_solution(10.0, m.time().value());
            worst = std::max(worst, std::abs(m.template count<osteogenic>() - exact) / exact);
        });
        INFO("output interval " << dt << " d, worst relative error " << worst);
        CHECK(worst < 1e-8);
        // Expected births: integral of b N dt = (b / r) K ln((K - N0 + N0 e^{rt}) / K).
        const double r = b - d0, t = 40.0;
        const double births = b / r * capacity * std::log((capacity - 10.0 + 10.0 * std::exp(r * t)) / capacity);
        CHECK(pop.births() == Approx(births).epsilon(1e-8));
        CHECK(pop.cell_count() == Approx(10.0 + pop.births() - pop.deaths()).epsilon(1e-10));
    }
}

TEST_CASE("mean field: a feedback on a variable is integrated, not frozen over the output interval",
          "[population][feedback][mean_field]") {
    // Osteoblasts build bone at 1 %/cell/d while the bone mass m inhibits their formation:
    // influx 10 (1 - m/200) cells/d, death 0.1/d. Bone mass at day 100 must not depend on dt.
    const auto model = population<lineage<osteoblast>>(
        influx<osteoblast>([](const auto& c) { return 10.0_per_d * std::max(0.0, 1.0 - c.variable(bone_mass{}) / 200.0); }),
        death<osteoblast>(hazard(0.1_per_d)),
        variable<bone_mass>(100.0, [](const auto& c) { return 0.01_per_d * c.count(osteoblast{}); }));
    std::vector<double> mass;
    for (const double dt : {0.1, 20.0, 100.0}) {
        population_model pop{model, initial_counts<osteoblast>(0)};
        run_for(pop, 100.0_d, duration::from_value(dt));
        mass.push_back(pop.variable<bone_mass>());
    }
    CHECK(mass[1] == Approx(mass[0]).epsilon(1e-8));
    CHECK(mass[2] == Approx(mass[0]).epsilon(1e-8));
    CHECK(mass[0] > 100.0);
    CHECK(mass[0] < 200.0);
}

TEST_CASE("exact method: propensities are updated after every event (stationary law of immigration with crowding death)",
          "[population][feedback][stochastic]") {
    // Cells arrive at lambda and die at mu n each (total death rate mu n^2): the stationary law
    // is pi_n ~ (lambda/mu)^n / (n!)^2. One step of 5 d per run: a method that froze the
    // propensities over a step would be far off.
    constexpr double lambda = 100.0, mu = 1.0;
    double norm = 0.0, mean = 0.0, second = 0.0, term = 1.0;
    for (int n = 0; n < 200; ++n) {
        if (n > 0) term *= (lambda / mu) / (static_cast<double>(n) * n);
        norm += term;
        mean += n * term;
        second += static_cast<double>(n) * n * term;
    }
    mean /= norm;
    const double variance = second / norm - mean * mean;
    const auto rules = population<one>(influx<osteogenic>(rate::from_value(lambda)),
                                       death<osteogenic>(policy_fn([](const auto& c) {
                                           return rate::from_value(mu * c.count(osteogenic{}));
                                       })));
    std::vector<double> sample;
    for (std::uint64_t run = 0; run < 400; ++run) {
        population_model pop{rules, initial_counts<osteogenic>(0), stochastic{seed{11}, run}};
        pop.step(5.0_d);
        sample.push_back(pop.count<osteogenic>());
        CHECK(pop.cell_count() == pop.arrivals() - pop.deaths());
    }
    const auto m = moments_of(sample);
    check_mean(m, mean, variance);
    check_variance(m, variance);
}

TEST_CASE("the stochastic mean converges to the mean field as the system size grows",
          "[population][feedback][system_size]") {
    // Logistic growth of an amount (nM) with capacity 1 nM; counts = amount x size.
    const auto rules = rule_set<one>(proliferation<osteogenic>(hazard(rate::from_value(b))),
                                     death<osteogenic>(policy_fn([](const auto& ctx) {
                                         return rate::from_value(d0 + (b - d0) * (ctx.amount(osteogenic{}) / 1.0_nM));
                                     })));
    population_model ode{rules, initial_amounts<osteogenic>(0.2_nM)};
    run_for(ode, 4.0_d, 1.0_d);
    const double mf = ode.amount<osteogenic>() / 1.0_nM;
    CHECK(mf == Approx(1.0 / (1.0 + 4.0 * std::exp(-(b - d0) * 4.0))).epsilon(1e-8));
    std::vector<double> deviation;  // |mean - mean field| / mean field
    for (const double size : {20.0, 200.0, 2000.0}) {
        std::vector<double> sample;
        for (std::uint64_t run = 0; run < 200; ++run) {
            population_model pop{rules, initial_amounts<osteogenic>(0.2_nM), system_size{size, 1.0_nM},
                                 stochastic{seed{5}, run}};
            CHECK(pop.count<osteogenic>() == std::round(0.2 * size));
            run_for(pop, 4.0_d, 1.0_d);
            sample.push_back(pop.amount<osteogenic>() / 1.0_nM);
        }
        const auto m = moments_of(sample);
        deviation.push_back(std::abs(m.mean - mf) / mf);
        INFO("size " << size << ": mean " << m.mean << " +- " << m.se() << ", mean field " << mf);
        if (size == 2000.0) CHECK(std::abs(m.mean - mf) <= sigmas * m.se());
    }
    CHECK(deviation[2] < deviation[0]);
}
