// Fast rebuilds, the model half: the README's tissue type, declared here and compiled once in
// model.cpp. `extern template` tells every file that includes this header not to compile the
// tissue's constructors, step() and destructor (the processes, most of the cost); model.cpp
// compiles them. Precompile this header (CMake: target_precompile_headers(... model.hpp)) and a
// file that only uses the model rebuilds in ~3 s (docs/performance.md, "Fast rebuilds").
#ifndef OSSIFY_EXAMPLE_FAST_REBUILD_MODEL_HPP
#define OSSIFY_EXAMPLE_FAST_REBUILD_MODEL_HPP

#include <ossify/lattice.hpp>

namespace readme_model {
using namespace ossify::literals;

/// The rules of the README's lattice example (an inline function: one type in every file).
inline auto rules() {
    using namespace ossify;
    return rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),  // walled in by mineral
        proliferation<osteogenic>(hazard(0.3_per_d)),
        death<osteoblast>(hazard(0.16_per_d)));
}

/// The tissue type: the default processes, chemotaxis off.
using tissue = ossify::lattice_tissue<decltype(rules()), ossify::grid2d, ossify::signals<ossify::bmp2>>;
}  // namespace readme_model

// Compiled in model.cpp only (the template arguments as `tissue` spells them).
extern template class ossify::basic_lattice_tissue<decltype(readme_model::rules()), ossify::grid2d,
                                                   ossify::signals<ossify::bmp2>, ossify::default_processes>;

#endif  // OSSIFY_EXAMPLE_FAST_REBUILD_MODEL_HPP
