// Asking a signal_set for a signal it does not hold must not compile.
// expect: the requested signal is not in this set
#include <ossify/signal.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify::literals;

double probe() {
    ossify::signal_set<ossify::grid2d, ossify::bmp2, ossify::noggin> s{ossify::grid2d{4, 4, 1.0_um}};
#ifdef OSSIFY_SHOULD_FAIL
    return s.get<ossify::vegf>()[0];
#else
    return s.get<ossify::noggin>()[0];
#endif
}
