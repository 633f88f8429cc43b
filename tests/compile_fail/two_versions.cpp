// Two different versions of the headers in one translation unit stop the build.
// expect: two different versions of the ossify headers
#ifdef OSSIFY_SHOULD_FAIL
// What a second, older copy's version.hpp leaves behind when it was included first.
#define OSSIFY_VERSION_MAJOR 0
#define OSSIFY_VERSION_MINOR 0
#define OSSIFY_VERSION_PATCH 9
#endif
#include <ossify/units.hpp>

int two_versions_probe() { return OSSIFY_VERSION_MINOR; }
