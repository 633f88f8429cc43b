// README: a tissue on a lattice (the snippet in README.md, built and run by the tests).
#include <ossify/ossify.hpp>

#include <iostream>

using namespace ossify;
using namespace ossify::literals;

int main() {
    auto rules = rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),  // walled in by mineral
        proliferation<osteogenic>(hazard(0.3_per_d)),
        death<osteoblast>(hazard(0.16_per_d)));
    lattice_tissue tissue{rules, grid2d{160, 160, 10.0_um}, signals<bmp2>{}, seed{42}};
    tissue.fill_fraction(disc{{80, 80}, 0.75_mm}, mesenchymal{}, 0.5);
    tissue.process<diffuse_signals>().add_source<bmp2>(disc{{80, 80}, 40.0_um}, 400.0_nM / 1.0_d);
    tissue.process<matrix_deposition>().apposition.set<osteoblast>(3.0_um_per_d);  // Peyrin et al. 2005
    run_for(tissue, 21.0_d, 2.0_h, csv_recorder{"readme_lattice_metrics.csv"});
    std::cout << "seed " << tissue.seed().value << ", day " << tissue.time().value() << ": "
              << tissue.count<osteoblast>() << " osteoblasts, " << tissue.count<osteocyte>()
              << " osteocytes, BV/TV " << bone_volume_fraction(tissue).value() << "\n";
}
