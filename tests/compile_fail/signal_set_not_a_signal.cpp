// A signal_set of a type that is not a signal tag must not compile.
// expect: every signal must be a signal tag
#include <ossify/signal.hpp>

struct plain_struct {};

#ifdef OSSIFY_SHOULD_FAIL
using set_type = ossify::signal_set<ossify::grid2d, ossify::bmp2, plain_struct>;
#else
using set_type = ossify::signal_set<ossify::grid2d, ossify::bmp2>;
#endif

std::size_t probe() { return sizeof(set_type); }
