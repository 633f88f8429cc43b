// A policy_fn lambda that reads the time in state cannot be detected by its type, but the
// population model's context has no time_in_state(), so it does not compile either.
// expect: has no member named.*time_in_state
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify;
using namespace ossify::literals;
using bone = lineage<osteogenic, osteoblast>;

double probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto aging = policy_fn([](const auto& ctx) { return 0.1_per_d * (ctx.time_in_state() / 1.0_d); });
#else
    const auto aging = policy_fn([](const auto& ctx) { return 0.1_per_d * (ctx.now() / 1.0_d); });
#endif
    population_model pop{rule_set<bone>(transition<osteogenic, osteoblast>(aging)), initial_counts<osteogenic>(100)};
    pop.step(1.0_d);
    return pop.count<osteoblast>();
}
