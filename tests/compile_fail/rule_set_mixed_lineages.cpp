// Rule sets of two different lineages must not be mixed (rule_set or merge).
// expect: different lineages
#include <ossify/cell.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify::literals;
using bone = ossify::lineage<ossify::osteogenic, ossify::osteoblast>;
using vessel = ossify::lineage<ossify::osteogenic, ossify::osteoblast, ossify::endothelial>;

std::size_t probe() {
    const auto a = ossify::rule_set<bone>(
        ossify::transition<ossify::osteogenic, ossify::osteoblast>(ossify::hazard(0.1_per_d)));
#ifdef OSSIFY_SHOULD_FAIL
    const auto b = ossify::rule_set<vessel>(
        ossify::transition<ossify::osteogenic, ossify::endothelial>(ossify::hazard(0.1_per_d)));
#else
    const auto b = ossify::rule_set<bone>(ossify::death<ossify::osteoblast>(ossify::hazard(0.1_per_d)));
#endif
    return ossify::rule_set<bone>(a, b).size + ossify::merge(a, b).size;
}
