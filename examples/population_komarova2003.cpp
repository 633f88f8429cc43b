// Komarova et al. 2003 (Bone 33:206): one remodelling cycle at a single site. Osteoclasts are
// raised to 11 (the steady state is 1.06) and the cycle runs its course: osteoclasts resorb,
// osteoblasts follow through the paracrine coupling, the bone mass dips and recovers.
// The method is chosen on the command line (mean_field, exact, tau_leap) without any
// templated code: `population_komarova2003 exact 42`.
#include "population_komarova2003.hpp"

#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    using namespace komarova;
    const std::string name = argc > 1 ? argv[1] : "mean_field";
    const ossify::seed run_seed{argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42u};
    const parameters p;
    population_model pop{model(p), initial_counts<osteoclast, osteoblast>(11, 212), method_named(name, run_seed)};
    std::cout << "Komarova et al. 2003, method " << method_name(pop.method()) << ", seed " << pop.seed().value << "\n"
              << "steady state (closed form): " << std::setprecision(6) << p.x1_bar() << " osteoclasts, " << p.x2_bar()
              << " osteoblasts\n"
              << " day  osteoclasts  osteoblasts  bone mass (%)\n" << std::fixed;
    double lowest = 100.0;
    run_for(pop, 1000.0_d, 1.0_d, [&](const auto& m) {
        lowest = std::min(lowest, m.template variable<bone_mass>());
        const auto day = std::lround(m.time().value());
        if (day % 100 == 0 || day == 10 || day == 30) {
            std::cout << std::setw(4) << day << std::setprecision(2) << std::setw(13) << m.template count<osteoclast>()
                      << std::setw(13) << m.template count<osteoblast>() << std::setprecision(3) << std::setw(15)
                      << m.template variable<bone_mass>() << '\n';
        }
    });
    std::cout << "lowest bone mass " << std::setprecision(2) << lowest << " %, after 1000 d " << std::setprecision(3)
              << pop.variable<bone_mass>() << " %\n";
}
