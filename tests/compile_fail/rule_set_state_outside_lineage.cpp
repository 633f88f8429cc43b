// A rule that names a state outside the rule set's lineage must not compile.
// expect: not part of the lineage
#include <ossify/cell.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify::literals;
using bone = ossify::lineage<ossify::osteogenic, ossify::osteoblast>;

std::size_t probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto rules = ossify::rule_set<bone>(
        ossify::transition<ossify::osteoblast, ossify::osteocyte>(ossify::hazard(0.1_per_d)));
#else
    const auto rules = ossify::rule_set<bone>(
        ossify::transition<ossify::osteogenic, ossify::osteoblast>(ossify::hazard(0.1_per_d)));
#endif
    return rules.size;
}
