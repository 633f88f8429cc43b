// A signal_set naming one signal twice must not compile.
// expect: a signal appears twice in the set
#include <ossify/signal.hpp>

#ifdef OSSIFY_SHOULD_FAIL
using set_type = ossify::signal_set<ossify::grid3d, ossify::bmp2, ossify::vegf, ossify::bmp2>;
#else
using set_type = ossify::signal_set<ossify::grid3d, ossify::bmp2, ossify::vegf>;
#endif

std::size_t probe() { return sizeof(set_type); }
