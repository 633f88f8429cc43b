// The well-mixed population model does not track cells one by one, so it refuses policies
// that read the time in state (after(d)).
// expect: reads the cells' time in state
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify;
using namespace ossify::literals;
using bone = lineage<osteogenic, osteoblast>;

double probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto rules = rule_set<bone>(transition<osteogenic, osteoblast>(after(3.0_d) && hazard(0.3_per_d)));
#else
    const auto rules = rule_set<bone>(transition<osteogenic, osteoblast>(hazard(0.3_per_d)));
#endif
    population_model pop{rules, initial_counts<osteogenic>(100)};
    pop.step(1.0_d);
    return pop.count<osteoblast>();
}
