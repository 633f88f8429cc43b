// A researcher's own states and policy: osteoclast formation from precursors under RANKL,
// inhibited by OPG, written as a lambda with policy_fn, in a well-mixed population.
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <iostream>
#include <string_view>

using namespace ossify;
using namespace ossify::literals;

// Two new states: a state is a regular struct with a static name.
struct osteoclast_precursor {
    static constexpr std::string_view name = "osteoclast precursor";
    duration time_in_state{};
    friend bool operator==(const osteoclast_precursor&, const osteoclast_precursor&) = default;
};
struct osteoclast {
    static constexpr std::string_view name = "osteoclast";
    duration time_in_state{};
    friend bool operator==(const osteoclast&, const osteoclast&) = default;
};
// Two new signals: a tag type is all the well-mixed environment needs; the model declares
// them (signals<rankl, opg>{}), and reading one it does not declare does not compile.
struct rankl { static constexpr std::string_view name = "RANKL"; };
struct opg { static constexpr std::string_view name = "OPG"; };

using resorption = lineage<osteoclast_precursor, osteoclast>;

int main() {
    // Fusion hazard: kmax R/(K + R), divided by 1 + OPG/Ki (OPG is a decoy receptor for
    // RANKL). Assumed: kmax = 0.5/d, K = 1 nM, Ki = 2 nM, illustrative values.
    const auto fusion = policy_fn([](const auto& ctx) {
        const double r = ctx.template signal<rankl>() / 1.0_nM;
        const double o = ctx.template signal<opg>() / 2.0_nM;
        return 0.5_per_d * (r / (1.0 + r)) / (1.0 + o);
    });
    // Osteoclast apoptosis: assumed 0.7/d, the order of the osteoclast removal rate of the
    // Lemaire et al. 2004 model (not re-read here; change it for your system).
    const auto rules = rule_set<resorption>(transition<osteoclast_precursor, osteoclast>(fusion),
                                            death<osteoclast>(hazard(0.7_per_d)));

    for (const double opg_nM : {0.0, 10.0}) {
        population_model pop{rules, initial_counts<osteoclast_precursor>(500), signals<rankl, opg>{},
                             stochastic{seed{7}}};
        pop.environment().set_signal<rankl>(2.0_nM);
        pop.environment().set_signal<opg>(concentration::from_value(opg_nM));
        run_for(pop, 10.0_d, 6.0_h);
        std::cout << "OPG " << opg_nM << " nM: after 10 d, " << pop.count<osteoclast>() << " osteoclasts, "
                  << pop.count<osteoclast_precursor>() << " precursors left, " << pop.deaths()
                  << " osteoclasts died\n";
    }
}
