// Fast rebuilds, the experiment half: the README's lattice program on the model of model.hpp.
// Editing this file recompiles only this file (the tissue itself is compiled in model.cpp).
#include <iostream>

#include "model.hpp"

using namespace ossify;
using namespace ossify::literals;

int main() {
    readme_model::tissue tissue{readme_model::rules(), grid2d{160, 160, 10.0_um}, signals<bmp2>{}, seed{42}};
    tissue.fill_fraction(disc{{80, 80}, 0.75_mm}, mesenchymal{}, 0.5);
    tissue.process<diffuse_signals>().add_source<bmp2>(disc{{80, 80}, 40.0_um}, 400.0_nM / 1.0_d);
    tissue.process<matrix_deposition>().apposition.set<osteoblast>(3.0_um_per_d);  // Peyrin et al. 2005
    run_for(tissue, 21.0_d, 2.0_h, csv_recorder{"fast_rebuild_metrics.csv"});
    std::cout << "seed " << tissue.seed().value << ", day " << tissue.time().value() << ": "
              << tissue.count<osteoblast>() << " osteoblasts, " << tissue.count<osteocyte>()
              << " osteocytes, BV/TV " << bone_volume_fraction(tissue).value() << "\n";
}
