// The population model declares its signals (signals<...>{}); a policy that reads a signal the
// model does not declare does not compile (it would otherwise read a silent 0 nM).
// expect: reads a signal that the model does not declare
#include <ossify/cell.hpp>
#include <ossify/signal/signals.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify;
using namespace ossify::literals;
using bone = lineage<mesenchymal, osteogenic>;

double probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto rules = rule_set<bone>(transition<mesenchymal, osteogenic>(hill<bmp2>(5.0_nM, 2.0, 0.5_per_d)));
#else
    const auto rules = rule_set<bone>(transition<mesenchymal, osteogenic>(hill<vegf>(5.0_nM, 2.0, 0.5_per_d)));
#endif
    population_model pop{rules, initial_counts<mesenchymal>(100), signals<vegf>{}};
    pop.environment().set_signal<vegf>(1.0_nM);
    pop.step(1.0_d);
    return pop.count<osteogenic>();
}
