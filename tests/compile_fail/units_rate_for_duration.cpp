// Passing a rate where a duration is wanted must not compile.
// expect: could not convert|cannot convert|no matching function
#include <ossify/units.hpp>

using namespace ossify::literals;

double days(ossify::duration t) { return t.value(); }

double use() {
#ifdef OSSIFY_SHOULD_FAIL
    return days(0.5_per_d);
#else
    return days(2.0_d);
#endif
}
