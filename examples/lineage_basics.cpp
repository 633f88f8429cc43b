// The four-state lineage of intramembranous ossification
// (mesenchymal -> osteogenic -> osteoblast -> osteocyte) with cited default rates, run by
// the well-mixed population model both ways: the mean-field ODE and exact stochastic
// simulation (Gillespie) with a printed seed.
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>

using namespace ossify;
using namespace ossify::literals;

using bone_lineage = lineage<mesenchymal, osteogenic, osteoblast, osteocyte>;

// Commitment of condensed mesenchyme (Runx2+). Assumed mean 2 d: in the mouse calvaria the
// condensation (E12.5) is followed by ossification centres at E13-E15 (Flaherty &
// Richtsmeier 2018), about two days.
const rate commitment = 0.5_per_d;
// Osteoprogenitor -> osteoblast (Osterix+, alkaline phosphatase). Assumed mean 7 d, so that
// commitment plus differentiation take ~9 d on average: ALP appears after ~day 9 in MC3T3
// cultures (Quarles et al. 1992) and peaks at days 7-14 in human MSC (Jaiswal et al. 1997).
const rate differentiation = rate::from_value(1.0 / 7.0);
// Removal of active osteoblasts: 0.189/d (Lemaire 2004 / Pivonka 2008 parameter sets).
const rate removal = 0.189_per_d;
// 10-20 % of osteoblasts become osteocytes (Franz-Odendaal et al. 2006): assumed 15 %, so
// the removal rate splits into burial 0.15 x 0.189 = 0.028/d and apoptosis 0.85 x 0.189 =
// 0.161/d, which matches the lattice-model apoptosis rate 0.16/d (Checa & Prendergast style).
// (Lining cells, the remaining fate, are not modelled here.)
constexpr double osteocyte_share = 0.15;

int main() {
    const auto rules = rule_set<bone_lineage>(
        transition<mesenchymal, osteogenic>(hazard(commitment)),
        transition<osteogenic, osteoblast>(hazard(differentiation)),
        transition<osteoblast, osteocyte>(osteocyte_share * hazard(removal)),
        death<osteoblast>((1.0 - osteocyte_share) * hazard(removal)));

    const seed run_seed{42};
    population_model ode{rules, initial_counts<mesenchymal>(1000)};
    population_model ssa{rules, initial_counts<mesenchymal>(1000), stochastic{run_seed}};

    std::cout << "Intramembranous lineage, 1000 mesenchymal cells, stochastic seed " << run_seed.value
              << "\n\n";
    std::cout << "          mean field (ODE)                  stochastic (Gillespie)\n";
    std::cout << " day    mes    ogc    obl    ocy      mes    ogc    obl    ocy\n";
    auto row = [&] {
        std::cout << std::setw(4) << std::lround(ode.time().value()) << std::fixed << std::setprecision(1);
        bone_lineage::for_each([&]<class S>() { std::cout << std::setw(7) << ode.count<S>(); });
        std::cout << std::setprecision(0) << "  ";
        bone_lineage::for_each([&]<class S>() { std::cout << std::setw(7) << ssa.count<S>(); });
        std::cout << std::defaultfloat << '\n';
    };
    row();
    for (int chunk = 0; chunk < 15; ++chunk) {  // 30 days, a row every 2 days, steps of 1 h
        run_for(ode, 2.0_d, 1.0_h);
        run_for(ssa, 2.0_d, 1.0_h);
        row();
    }

    // Every osteoblast leaves by burial (-> osteocyte) or apoptosis (a death).
    auto share = [](const auto& m) { return m.template count<osteocyte>() / (m.template count<osteocyte>() + m.deaths()); };
    std::cout << std::setprecision(3) << "\nosteoblast exits that became osteocytes: mean field "
              << share(ode) << ", stochastic " << share(ssa) << " (target " << osteocyte_share << ")\n";
}
