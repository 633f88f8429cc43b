// A transition needs a transition policy: a bare number (or a lambda not wrapped by
// policy_fn) does not model the concept.
// expect: not a transition policy
#include <ossify/cell.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify::literals;

std::size_t probe() {
#ifdef OSSIFY_SHOULD_FAIL
    const auto rule = ossify::transition<ossify::osteogenic, ossify::osteoblast>(0.3);
#else
    const auto rule = ossify::transition<ossify::osteogenic, ossify::osteoblast>(ossify::hazard(0.3_per_d));
#endif
    return sizeof(rule);
}
