// policy_fn whose lambda returns a plain number (not a rate) stops the build with one readable
// message, in the population model's context too.
// expect: the callable must return an ossify::rate
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify;
using namespace ossify::literals;
using bone = lineage<osteogenic, osteoblast>;

double probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto feedback = policy_fn([](const auto& c) { return 0.5 / (1.0 + c.count(osteoblast{}) / 100.0); });
#else
    const auto feedback = policy_fn([](const auto& c) { return 0.5_per_d / (1.0 + c.count(osteoblast{}) / 100.0); });
#endif
    population_model pop{rule_set<bone>(transition<osteogenic, osteoblast>(feedback)), initial_counts<osteogenic>(100)};
    pop.step(1.0_d);
    return pop.count<osteoblast>();
}
