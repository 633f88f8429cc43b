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
    lattice_tissue<decltype(rules), grid2d, signals<bmp2>, default_processes_with<bmp2>> tissue{
        rules, grid2d{32, 32, 10.0_um}, signals<bmp2>{}, seed{1}};
    tissue.fill_fraction(disc{{16, 16}, 0.1_mm}, mesenchymal{}, 0.5);
    tissue.process<diffuse_signals>().add_source<bmp2>(disc{{16, 16}, 20.0_um}, 400.0_nM / 1.0_d);
    auto& migration = tissue.process<cell_migration<bmp2>>();
    migration.motility.set<mesenchymal>(4.0_per_d);
    migration.chemotaxis = 0.5;
    migration.adhesion = 2.0;
    tissue.process<matrix_deposition>().apposition.set<osteoblast>(3.0_um_per_d);
    run_for(tissue, 1.0_d, 2.0_h);
    return tissue.cell_count() > 0 ? 0 : 1;
}
