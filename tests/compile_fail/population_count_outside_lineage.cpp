// A policy that reads the count of a state outside the model's lineage does not compile.
// expect: reads the count of a state that is not in the lineage
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify;
using namespace ossify::literals;
using bone = lineage<osteogenic, osteoblast>;

double probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto crowding = policy_fn([](const auto& c) { return 0.01_per_d * c.count(osteocyte{}); });
#else
    const auto crowding = policy_fn([](const auto& c) { return 0.01_per_d * c.count(osteoblast{}); });
#endif
    population_model pop{rule_set<bone>(death<osteoblast>(crowding)), initial_counts<osteoblast>(100)};
    pop.step(1.0_d);
    return pop.count<osteoblast>();
}
