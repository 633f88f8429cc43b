// A lattice tissue type can be compiled once by explicit instantiation (docs/performance.md,
// "Fast rebuilds"; examples/fast_rebuild does it for the README's 2-D model): every non-template
// member must compile for any grid, field set, process tuple and options, which this file
// checks for a 3-D tissue with a custom process tuple, compact storage and a per-cell attribute.
#include <ossify/lattice.hpp>

#include <tuple>

// A named namespace: an explicit instantiation of internal-linkage types would be unused code.
namespace explicit_instantiation_check {
using namespace ossify::literals;
inline auto rules() {
    using namespace ossify;
    return rule_set<intramembranous_lineage>(transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
                                             death<osteoblast>(hazard(0.16_per_d)));
}
struct birth_day {
    double day = 0.0;
};
}  // namespace explicit_instantiation_check

template class ossify::basic_lattice_tissue<
    decltype(explicit_instantiation_check::rules()), ossify::grid3d, ossify::signals<ossify::bmp2, ossify::vegf>,
    std::tuple<ossify::diffuse_signals<>, ossify::cell_fates, ossify::cell_migration<ossify::bmp2>>,
    ossify::lattice_options<ossify::compact_storage, ossify::mineralisation_kinetics,
                            explicit_instantiation_check::birth_day>>;
