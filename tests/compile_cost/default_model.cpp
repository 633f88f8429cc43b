// Compile-cost probe: the umbrella header, the default model (examples/ossification_center.cpp)
// instantiated and stepped. Compiled by tests/compile_cost/measure.cmake.
#include <ossify/ossify.hpp>

using namespace ossify;
using namespace ossify::literals;

int main() {
    auto rules = rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),
        proliferation<osteogenic>(hazard(0.3_per_d)),
        death<osteoblast>(hazard(0.16_per_d)));
    lattice_tissue tissue{rules, grid2d{32, 32, 10.0_um}, signals<bmp2>{}, seed{1}};
    tissue.fill_fraction(disc{{16, 16}, 0.1_mm}, mesenchymal{}, 0.5);
    tissue.add_source<bmp2>(disc{{16, 16}, 20.0_um}, 400.0_nM / 1.0_d);
    tissue.set_motility<mesenchymal>(4.0_per_d);
    tissue.set_migration_bias<bmp2>(0.5, 2.0);
    tissue.set_apposition<osteoblast>(3.0_um_per_d);
    tissue.run_for(1.0_d, 2.0_h);
    return tissue.cell_count() > 0 ? 0 : 1;
}
