// Adding a length to a duration must not compile.
// expect: no match for .*operator\+
#include <ossify/units.hpp>

using namespace ossify::literals;

auto total() {
#ifdef OSSIFY_SHOULD_FAIL
    return 3.0_um + 2.0_d;
#else
    return 3.0_um + 2.0_um;
#endif
}
