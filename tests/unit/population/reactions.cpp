// Influxes and divisions against closed forms: the mean field to 1e-8 relative, the exact
// method within 4 standard deviations of the exact distribution, tau-leaping likewise; the
// bookkeeping of births, deaths and arrivals; rule names and firing counts.
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
using pair_lineage = lineage<osteogenic, osteoblast>;
}

TEST_CASE("influx with death: immigration-death process", "[population][influx]") {
    // n(t) = Binomial(n0, e^{-mu t}) + Poisson(lambda/mu (1 - e^{-mu t})).
    constexpr double lambda = 50.0, mu = 0.25, n0 = 40.0, t = 6.0;
    const auto model = population<pair_lineage>(influx<osteogenic>(rate::from_value(lambda)),
                                                death<osteogenic>(hazard(rate::from_value(mu))));
    const double s = std::exp(-mu * t);
    const double mean = n0 * s + lambda / mu * (1.0 - s), variance = n0 * s * (1.0 - s) + lambda / mu * (1.0 - s);
    population_model ode{model, initial_counts<osteogenic>(n0)};
    run_for(ode, duration::from_value(t), 0.5_d);
    CHECK(ode.count<osteogenic>() == Approx(mean).epsilon(1e-8));
    CHECK(ode.arrivals() == Approx(lambda * t).epsilon(1e-8));
    for (const auto method : {population_method{stochastic{seed{3}}}, population_method{tau_leap{seed{3}}}}) {
        std::vector<double> sample;
        for (std::uint64_t run = 0; run < 200; ++run) {
            population_method m = method;
            std::visit([&](auto& x) {
                if constexpr (requires { x.stream; }) x.stream = run;
            }, m);
            population_model pop{model, initial_counts<osteogenic>(n0), m};
            run_for(pop, duration::from_value(t), 1.0_d);
            sample.push_back(pop.count<osteogenic>());
            CHECK(pop.cell_count() == n0 + pop.arrivals() - pop.deaths());
        }
        INFO("method " << method_name(method));
        check_mean(moments_of(sample), mean, variance);
    }
}

TEST_CASE("asymmetric division: a cell of S yields one S and one T", "[population][division]") {
    // S is constant; T arrives at k S0 per day: T(t) - T0 ~ Poisson(k S0 t).
    constexpr double k = 0.3, s0 = 500.0, t = 4.0;
    const auto model = population<pair_lineage>(asymmetric_division<osteogenic, osteoblast>(hazard(rate::from_value(k))));
    population_model ode{model, initial_counts<osteogenic, osteoblast>(s0, 7.0)};
    run_for(ode, duration::from_value(t), 1.0_d);
    CHECK(ode.count<osteogenic>() == Approx(s0).epsilon(1e-12));
    CHECK(ode.count<osteoblast>() == Approx(7.0 + k * s0 * t).epsilon(1e-8));
    CHECK(ode.births() == Approx(k * s0 * t).epsilon(1e-8));
    CHECK(ode.rule_name(0) == "osteogenic division -> osteogenic + osteoblast");
    for (std::uint64_t s : {1u, 2u, 3u}) {
        population_model pop{model, initial_counts<osteogenic, osteoblast>(s0, 7.0), stochastic{seed{s}}};
        run_for(pop, duration::from_value(t), 0.5_d);
        CHECK(pop.count<osteogenic>() == s0);
        check_draw(pop.count<osteoblast>() - 7.0, k * s0 * t, k * s0 * t);
        CHECK(pop.births() == pop.count<osteoblast>() - 7.0);
        CHECK(pop.rule_fires(0) == pop.births());
    }
}

TEST_CASE("a fate choice on division: self-renewal, asymmetric and differentiating divisions",
          "[population][division]") {
    // S divides at k into (S, S) p1, (S, T) p2, (T, T) p3: S is a linear birth-death process
    // with birth k p1 and death k p3; dT/dt = k (p2 + 2 p3) S.
    constexpr double k = 0.5, p1 = 0.5, p2 = 0.3, p3 = 0.2, s0 = 200.0, t = 3.0;
    const auto model = population<pair_lineage>(
        division<osteogenic>(hazard(rate::from_value(k)), daughters<osteogenic, osteogenic>(p1),
                             daughters<osteogenic, osteoblast>(p2), daughters<osteoblast, osteoblast>(p3)));
    const double growth = std::exp(k * (p1 - p3) * t);
    population_model ode{model, initial_counts<osteogenic>(s0)};
    run_for(ode, duration::from_value(t), 1.0_d);
    CHECK(ode.count<osteogenic>() == Approx(s0 * growth).epsilon(1e-8));
    CHECK(ode.count<osteoblast>() == Approx((p2 + 2.0 * p3) / (p1 - p3) * s0 * (growth - 1.0)).epsilon(1e-8));
    CHECK(ode.rule_count() == 3);
    CHECK(ode.rule_name(2) == "osteogenic division -> osteoblast + osteoblast");
    CHECK(ode.rule_fires(1) / ode.rule_fires(0) == Approx(p2 / p1).epsilon(1e-8));

    std::vector<double> sample;
    for (std::uint64_t run = 0; run < 100; ++run) {
        population_model pop{model, initial_counts<osteogenic>(s0), stochastic{seed{21}, run}};
        run_for(pop, duration::from_value(t), 1.0_d);
        sample.push_back(pop.count<osteogenic>());
        CHECK(pop.cell_count() == s0 + pop.births() - pop.deaths());
    }
    // Linear birth-death: Var S(t) = s0 (b + d)/(b - d) g (g - 1).
    const double bb = k * p1, dd = k * p3;
    check_mean(moments_of(sample), s0 * growth, s0 * (bb + dd) / (bb - dd) * growth * (growth - 1.0));
    require_invalid([] { (void)division<osteogenic>(hazard(0.1_per_d), daughters<osteogenic, osteoblast>(0.5)); },
                    "sum of daughter probabilities");
    require_invalid([] { (void)daughters<osteogenic, osteoblast>(1.5); }, "probability");
}

TEST_CASE("rules of the rule set and reactions together: names and bookkeeping", "[population]") {
    const auto model = population<pair_lineage>(
        transition<osteogenic, osteoblast>(hazard(0.2_per_d)), proliferation<osteogenic>(hazard(0.1_per_d)),
        death<osteoblast>(hazard(0.05_per_d)), influx<osteogenic>(20.0_per_d));
    population_model pop{model, initial_counts<osteogenic>(100), stochastic{seed{9}}};
    run_for(pop, 10.0_d, 1.0_d);
    CHECK(pop.rule_count() == 4);
    CHECK(pop.rule_name(0) == "osteogenic -> osteoblast");
    CHECK(pop.rule_name(1) == "osteogenic proliferation");
    CHECK(pop.rule_name(2) == "osteoblast death");
    CHECK(pop.rule_name(3) == "osteogenic influx");
    double fired = 0.0;
    for (std::size_t k = 0; k < pop.rule_count(); ++k) fired += pop.rule_fires(k);
    CHECK(fired == static_cast<double>(pop.events()));
    CHECK(pop.cell_count() == 100.0 + pop.births() + pop.arrivals() - pop.deaths());
    CHECK(pop.births() == pop.rule_fires(1));
    CHECK(pop.arrivals() == pop.rule_fires(3));
}
