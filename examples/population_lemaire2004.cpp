// Lemaire et al. 2004 (J Theor Biol 229:293): osteoblasts and osteoclasts coupled through
// TGF-beta and RANKL/OPG, as concentrations (pM). From a disturbed start the mean field returns
// to the steady state; the exact method counts cells in a system of 10^5 cells per pM
// (`population_lemaire2004 exact 7`), whose mean approaches the mean field as the size grows.
#include "population_lemaire2004.hpp"

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    using namespace lemaire;
    const std::string name = argc > 1 ? argv[1] : "mean_field";
    const ossify::seed run_seed{argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 7u};
    population_model pop{model(parameters{}),
                         initial_amounts<osteogenic, osteoblast, osteoclast>(1.5e-3_pM, 0.5e-3_pM, 2e-3_pM),
                         system_size{1.0e5, 1.0_pM}, method_named(name, run_seed)};
    std::cout << "Lemaire et al. 2004, method " << method_name(pop.method()) << ", seed " << pop.seed().value
              << ", 1e5 cells per pM\n day   R (pM)      B (pM)      C (pM)\n" << std::scientific << std::setprecision(4);
    run_for(pop, 300.0_d, 1.0_d, every(50.0_d, [](const auto& m) {
        const auto pM = [](concentration c) { return double(c / 1.0_pM); };
        std::cout << std::setw(4) << std::lround(m.time().value()) << "  " << pM(m.template amount<osteogenic>())
                  << "  " << pM(m.template amount<osteoblast>()) << "  " << pM(m.template amount<osteoclast>()) << '\n';
    }));
    std::cout << "steady state reported (BioModels BIOMD0000000278): R 7.734e-04, B 7.282e-04, C 9.127e-04 pM\n";
}
