// A lineage naming one state twice must not compile.
// expect: a state appears twice in the lineage
#include <ossify/cell.hpp>

#ifdef OSSIFY_SHOULD_FAIL
using bone = ossify::lineage<ossify::osteogenic, ossify::osteoblast, ossify::osteogenic>;
#else
using bone = ossify::lineage<ossify::osteogenic, ossify::osteoblast, ossify::osteocyte>;
#endif

std::size_t probe() { return bone::size + sizeof(bone); }
