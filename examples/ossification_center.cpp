// An ossification centre forms in a sheet of mesenchyme around a BMP2 source (source text,
// Figure 6.4.1 a-b): mesenchymal cells condense, those near the BMP2 peak become osteogenic
// cells and then osteoblasts clustered in the centre; osteoblasts secrete osteoid, which
// mineralises within days and entraps some of them as osteocytes.
//
//   ossification_center [out-dir] [seed] [days]
//
// Writes metrics.csv (a row a day), tissue_<n>.vti every week with tissue.pvd (open it in
// ParaView to animate the run) and tissue_day<day>.png every week under out-dir (default
// out/ossification_center), and prints a summary with the seed.
#include <ossify/ossify.hpp>

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>

using namespace ossify;
using namespace ossify::literals;

int main(int argc, char** argv) {
    const std::filesystem::path out = argc > 1 ? argv[1] : "out/ossification_center";
    const std::uint64_t seed_value = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42;
    const double days = argc > 3 ? std::strtod(argv[3], nullptr) : 21.0;
    std::filesystem::create_directories(out);

    // Rules. Rates are per day; "assumed" values are order-of-magnitude choices where no
    // measurement exists, and each is a one-line change.
    auto rules = rule_set<intramembranous_lineage>(
        // BMP2 commits mesenchyme to the osteogenic lineage (Hill response; K and kmax assumed:
        // half-maximal near the centre's peak of a few nM, commitment within a few days).
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
        // Osteoprogenitors become osteoblasts after a delay (Runx2 -> Osterix; alkaline
        // phosphatase from about day 7-9 in culture: Quarles 1992, Jaiswal 1997), assumed 2 d
        // then at 0.5/d.
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
        // Osteoblasts walled in by mineralised matrix become osteocytes (source text).
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),
        // Osteoprogenitors divide (0.3/d, lattice-model value, Checa & Prendergast style).
        proliferation<osteogenic>(hazard(0.3_per_d)),
        // Osteoblast apoptosis 0.16/d (lattice-model value, Perier-Metz 2020 code).
        death<osteoblast>(hazard(0.16_per_d)));

    const grid2d grid{160, 160, 10.0_um};
    // The default processes, with mesenchyme migrating up the BMP2 gradient.
    lattice_tissue<decltype(rules), grid2d, signals<bmp2>, default_processes_with<bmp2>> tissue{
        rules, grid, signals<bmp2>{}, seed{seed_value}};
    const site<2> centre{80, 80};
    // A loose sheet of mesenchyme (half the sites filled; condensation density is not
    // measured, so the starting density is assumed).
    tissue.fill_fraction(disc{centre, 0.75_mm}, mesenchymal{}, 0.5);
    // A BMP2 signalling centre (bead-like source; rate assumed to give a peak of a few nM).
    tissue.process<diffuse_signals>().add_source<bmp2>(disc{centre, 40.0_um}, 400.0_nM / 1.0_d);
    // Mesenchyme moves (assumed 4/d), up the BMP2 gradient and towards neighbours: condensation.
    auto& migration = tissue.process<cell_migration<bmp2>>();
    migration.motility.set<mesenchymal>(4.0_per_d);
    migration.chemotaxis = 0.5;
    migration.adhesion = 2.0;
    // Osteoblasts lay woven bone at ~3 um/d (fetal trabecular thickening, Peyrin et al. 2005).
    tissue.process<matrix_deposition>().apposition.set<osteoblast>(3.0_um_per_d);

    std::cout << "ossification centre: 160 x 160 sites of 10 um, seed " << seed_value << ", " << days
              << " days in steps of 2 h\n";
    // Observers of the run: metrics once a day, VTK files (with a ParaView collection) and
    // pictures once a week, a progress line on stderr.
    run_for(tissue, days * 1.0_d, 2.0_h,
            every(1.0_d, csv_recorder{out / "metrics.csv", {"ossification_center example"}}),
            every(7.0_d, vti_series{out, "tissue"}),
            every(7.0_d, picture_series{out, "tissue"}),
            progress_bar{days * 1.0_d});

    const auto c = tissue.counts();
    std::cout << std::fixed << std::setprecision(1) << "day " << tissue.time().value() << std::setprecision(0)
              << ": mesenchymal " << c[0] << ", osteogenic " << c[1] << ", osteoblast " << c[2] << ", osteocyte "
              << c[3] << "\n";
    std::cout << "BV/TV " << std::setprecision(4) << bone_volume_fraction(tissue).value()
              << ", mineral volume " << std::setprecision(0) << mineral_volume(tissue).value() << " um^3"
              << ", bone front " << bone_front_distance(tissue, centre).value() << " um from the centre\n";
    std::cout << "births " << tissue.births() << ", deaths " << tissue.deaths() << ", moves " << tissue.events().moves
              << "\nwrote " << (out / "metrics.csv").string() << " and pictures/VTK files in "
              << out.string() << " (seed " << seed_value << ")\n";
}
