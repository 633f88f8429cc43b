// What the population model refuses, and that a refused step leaves it exactly as it was:
// populations past 1e300 or NaN, hazards and fluxes NaN or negative, hazards that become
// infinite within a step, variables whose rates are not finite, counts read where there are
// none, options that do not fit the model.
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using namespace ossify::literals;
using namespace population_test;

namespace {
using one = lineage<osteogenic>;
using two = lineage<osteogenic, osteoblast>;
struct level {
    static constexpr std::string_view name = "level";
};
template <class Model>
std::vector<double> snapshot(const Model& m) {
    const auto c = m.counts();
    std::vector<double> s(c.begin(), c.end());
    for (double x : {m.time().value(), m.births(), m.deaths(), m.arrivals(), static_cast<double>(m.events()),
                     static_cast<double>(m.steps())}) {
        s.push_back(x);
    }
    return s;
}
}  // namespace

TEST_CASE("a population that blows up is refused, and the model is unchanged", "[population][errors]") {
    // Division at 0.01 N per cell: dN/dt = 0.01 N^2 reaches infinity at t = 100/N0 = 1 d.
    const auto rules = rule_set<one>(proliferation<osteogenic>(policy_fn([](const auto& c) {
        return 0.01_per_d * c.count(osteogenic{});
    })));
    for (const auto method : {population_method{mean_field{}}, population_method{tau_leap{seed{1}}}}) {
        population_model pop{rules, initial_counts<osteogenic>(100), method};
        pop.step(0.5_d);
        const auto before = snapshot(pop);
        INFO(method_name(method));
        require_model_error([&] { pop.step(1.0_d); }, "ossify::population_model");
        CHECK(snapshot(pop) == before);
        CHECK(pop.count<osteogenic>() == Approx(200.0).epsilon(method.index() == 0 ? 1e-8 : 0.2));
    }
}

TEST_CASE("NaN and negative values are refused, naming the rule or the variable", "[population][errors]") {
    SECTION("an influx that returns a negative flux") {
        const auto model = population<one>(influx<osteogenic>([](const auto& c) {
            return (c.now() < 1.0_d ? 1.0 : -1.0) * 1.0_per_d;
        }));
        population_model pop{model, initial_counts<osteogenic>(0)};
        pop.step(0.5_d);
        const auto before = snapshot(pop);
        require_model_error([&] { pop.step(1.0_d); }, "rule 0 (osteogenic influx): its flux is -1");
        CHECK(snapshot(pop) == before);
    }
    SECTION("a variable whose rate is NaN") {
        const auto model = population<one>(variable<level>(1.0, [](const auto& c) {
            return std::log(1.0 - c.variable(level{})) * 1.0_per_d;  // NaN once the level passes 1
        }));
        population_model pop{model, initial_counts<osteogenic>(0)};
        pop.set_variable<level>(2.0);
        require_model_error([&] { pop.step(1.0_d); }, "variable 'level'");
        CHECK(pop.variable<level>() == 2.0);
        CHECK(pop.steps() == 0);
    }
    SECTION("a hazard that becomes infinite within a step") {
        const auto rules = rule_set<two>(
            proliferation<osteogenic>(hazard(1.0_per_d)),
            transition<osteogenic, osteoblast>(policy_fn([](const auto& c) {
                return c.count(osteogenic{}) > 120.0 ? rate::from_value(std::numeric_limits<double>::infinity()) : 0.0_per_d;
            })));
        population_model pop{rules, initial_counts<osteogenic>(100), stochastic{seed{4}}};
        require_model_error([&] { pop.step(2.0_d); }, "became infinite within a step");
        CHECK(pop.count<osteogenic>() == 100.0);
    }
}

TEST_CASE("counts of a model of amounts need a system size", "[population][errors]") {
    const auto rules = rule_set<one>(death<osteogenic>(policy_fn([](const auto& c) {
        return 0.1_per_d * c.count(osteogenic{});
    })));
    population_model pop{rules, initial_amounts<osteogenic>(1.0_nM)};
    require_model_error([&] { pop.step(1.0_d); }, "count of osteogenic read in a model of concentrations without a system_size");
    population_model sized{rules, initial_amounts<osteogenic>(1.0_nM), system_size{10.0, 1.0_nM}};
    sized.step(1.0_d);
    CHECK(sized.count<osteogenic>() == Approx(10.0 / (1.0 + 0.1 * 10.0)).epsilon(1e-8));  // dN/dt = -0.1 N^2
}

TEST_CASE("options that do not fit are refused at construction", "[population][errors]") {
    const auto rules = rule_set<one>(death<osteogenic>(hazard(0.1_per_d)));
    require_invalid([&] { population_model p{rules, initial_counts<osteogenic>(5), tau_leap{seed{1}, 0, 0.9}}; }, "epsilon");
    require_invalid([&] { population_model p{rules, initial_counts<osteogenic>(5), mean_field{0.0, 1e-6}}; },
                    "absolute_tolerance");
    require_invalid([&] { population_model p{rules, initial_counts<osteogenic>(5), stochastic{seed{1}, 0, -1.0}}; },
                    "tolerance");
    require_invalid([&] { population_model p{rules, initial_counts<osteogenic>(1.5), tau_leap{seed{1}}}; },
                    "initial count of osteogenic");
    const auto model = population<one>(variable<level>(std::numeric_limits<double>::infinity(),
                                                       [](const auto&) { return 0.0_per_d; }));
    require_invalid([&] { population_model p{model, initial_counts<osteogenic>(1)}; }, "initial value of level");
}
