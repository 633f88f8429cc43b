// A hormone dose as a time-dependent input: PTH in the Komarova model of a remodelling site
// (Komarova 2005, Endocrinology 146:3589, built on Komarova et al. 2003). The paper's abstract
// reports three results: a short application gives a net gain of bone; faster osteoclast
// removal abolishes the gain; continuous PTH gives net loss, resorption preceding formation.
// The first two are reproduced here with the parameters of Komarova et al. 2003 (Fig. 2).
// Continuous PTH with these parameters drives the site to a new steady state with ~3000
// osteoclasts and the bone mass out of any physiological range within a week, so only its
// start (bone lost first) is shown; the paper's own parameters for that figure were not read.
#include "population_komarova2003.hpp"

#include <iomanip>
#include <iostream>

int main() {
    using namespace komarova;
    // Bone mass after `until` days, PTH given on days [from, to), starting at the steady state.
    auto bone_after = [](const parameters& p, duration from, duration to, duration until) {
        population_model pop{with_pth(p, from, to), initial_counts<osteoclast, osteoblast>(p.x1_bar(), p.x2_bar())};
        run_for(pop, until, 1.0_d);
        return pop.variable<bone_mass>();
    };
    parameters p;
    std::cout << std::fixed << std::setprecision(3)
              << "PTH for 1 day (day 1-2), bone mass at day 400: " << bone_after(p, 1.0_d, 2.0_d, 400.0_d) << " %\n"
              << "PTH continuously from day 1, bone mass at day 5: " << bone_after(p, 1.0_d, 1e9_d, 5.0_d) << " %\n";
    p.b1 = 0.4_per_d;  // osteoclasts removed twice as fast
    std::cout << "PTH for 1 day, osteoclast removal 0.4/d, bone mass at day 400: " << bone_after(p, 1.0_d, 2.0_d, 400.0_d)
              << " %\n";
}
