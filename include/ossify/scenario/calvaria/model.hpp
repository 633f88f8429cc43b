/// @file
/// @brief The calvaria model assembled: its parameters (one describable struct: anatomy, the
/// individual, and each process's and policy's own parameters) and the tissue built from them
/// (make_vault_tissue), a lattice tissue whose processes are all public extension points:
///
/// vault_growth -> centre_pair (the activator-inhibitor pair) -> diffuse_signals (the suture
/// inhibitor: reaction and transport terms) -> centre_nucleation -> front_recruitment ->
/// woven_ossification -> matrix_mineralisation -> vault_thickening.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_MODEL_HPP
#define OSSIFY_SCENARIO_CALVARIA_MODEL_HPP

#include <cmath>
#include <cstddef>
#include <memory>
#include <tuple>

#include "../../cell.hpp"
#include "../../process/diffuse_signals.hpp"
#include "../../process/matrix_mineralisation.hpp"
#include "../../random/counter_rng.hpp"
#include "../../random/seed.hpp"
#include "../../space/grid.hpp"
#include "../../tissue/lattice_tissue.hpp"
#include "../../transition/rule_set.hpp"
#include "fronts.hpp"
#include "processes.hpp"
#include "signals.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief The vault's shape, the start of the run and how gaps are measured.
struct anatomy_parameters {
    /// @brief Colatitude of the membranous vault's rim at the forehead and the occiput.
    parameter<double> rim_ap{"rim_ap", 105.0, 60.0, 150.0,
                             "assumed: the frontal squama reaches the orbits and the occipital squama the nuchal "
                             "line, ~10 deg below the plane of the head circumference (deg from the vertex)"};
    /// @brief Colatitude of the rim at the sides.
    parameter<double> rim_lateral{"rim_lateral", 115.0, 60.0, 150.0,
                                  "assumed: the squamous temporal reaches ~25 deg below the plane of the head "
                                  "circumference (deg)"};
    /// @brief Angular width of the lobe field.
    parameter<double> lobe_width{"lobe_width", 15.0, 1.0, 90.0,
                                 "assumed: the convexity of a lobe under the membrane, ~1/3 of the distance between "
                                 "neighbouring eminences (deg)"};
    /// @brief Gestational age at t = 0: the pair starts signalling.
    parameter<duration> start{"start", duration::from_value(63.0), duration::from_value(42.0), duration::from_value(120.0),
                              "assumed: 7 weeks after fertilisation (9 gestational weeks), just before the first vault "
                              "centres (O'Rahilly & Gardner 1972: by week 8)"};
    /// @brief Relative amplitude of the initial fluctuations of the pair.
    parameter<double> noise{"noise", 3e-4, 0.0, 0.5,
                            "calibrated: sets when the pattern reaches the threshold; 3e-4 gives the first centres "
                            "at 7.5-8 weeks after fertilisation (O'Rahilly & Gardner 1972)"};
    /// @brief Membrane wider than this is fontanelle, narrower is suture.
    parameter<length> opening{"opening", length::from_value(5000.0), length::from_value(100.0),
                              length::from_value(50000.0),
                              "assumed: the widest normal newborn suture, 5.0 mm (sagittal, near the anterior "
                              "fontanelle; Mitchell et al. 2011)"};
    /// @brief A suture counts as closed when this share of it is bone-to-bone.
    parameter<double> suture_closed_share{"suture_closed_share", 0.9, 0.5, 1.0,
                                          "assumed: radiological closure along nearly all the suture"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(rim_ap), v(rim_lateral), v(lobe_width), v(start), v(noise), v(opening), v(suture_closed_share); }
};

/// @brief What differs between individuals (drawn by the virtual population; population.hpp).
struct individual_parameters {
    /// @brief Fetal head-circumference z-score (INTERGROWTH-21st), carried to birth and after.
    parameter<double> hc_z{"hc_z", 0.0, -4.0, 4.0, "population: N(0, 1) (INTERGROWTH-21st centiles)"};
    /// @brief Multiplies the osteoprogenitors' proliferation (strain gain and baseline).
    parameter<double> front_factor{"front_factor", 1.0, 0.1, 10.0,
                                   "population: log-normal, SD 0.2 (assumed: no data on person-to-person variation)"};
    /// @brief Multiplies every apposition rate of the thickening.
    parameter<double> apposition_factor{"apposition_factor", 1.0, 0.1, 10.0,
                                        "population: N(1, 0.073) (fetal periosteal MAR 4.1 +- 0.3 um/d, Bone 1991)"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(hc_z), v(front_factor), v(apposition_factor); }
};

/// @brief Every parameter of the calvaria model, grouped (listed as "group.name").
struct calvaria_parameters {
    anatomy_parameters anatomy;            ///< shape, start, measurement
    individual_parameters individual;      ///< what differs between people
    pair_kinetics pair;                    ///< the centre-forming activator-inhibitor pair
    centre_nucleation nucleation;          ///< where the pair forms centres
    front_recruitment front;               ///< the osteogenic fronts
    suture_inhibitor_kinetics suture;      ///< the suture inhibitor
    woven_ossification ossification;       ///< filling recruited membrane with bone
    vault_thickening thickening;           ///< apposition on both faces
    /// @brief Lists the parameters by group.
    template <class V>
    void describe(V&& v) {
        v("anatomy", anatomy), v("individual", individual), v("pair", pair), v("nucleation", nucleation);
        v("front", front), v("suture", suture), v("ossification", ossification), v("thickening", thickening);
    }
};

/// @brief Radius (um) of the reference vault on which the map's spacing is defined: the median
/// newborn's (INTERGROWTH-21st HC at 40 weeks, 334.4 mm).
[[nodiscard]] inline double reference_radius_um() { return head_growth{}.birth_mm() * 1000.0 / (2.0 * 3.141592653589793); }

/**
 * @brief A growing sheet of mesenchyme over the map's inside (the vault, the clavicle) with the
 * model's processes and the given parameters, sharing `vault`; the pair at its homogeneous level
 * with fluctuations of relative amplitude `noise` (drawn from seed `s`).
 */
inline auto make_sheet_tissue(const std::shared_ptr<vault_state>& vault, const grid2d& grid, ossify::seed s, double noise,
                              const pair_kinetics& pair_p, const centre_nucleation& nucleation_p,
                              const front_recruitment& front_p, const suture_inhibitor_kinetics& suture_p,
                              const woven_ossification& ossification_p, const vault_thickening& thickening_p) {
    auto suture = suture_p;
    suture.vault = vault;
    auto nucleation = nucleation_p;
    nucleation.vault = vault;
    auto front = front_p;
    front.vault = vault;
    auto thickening = thickening_p;
    thickening.vault = vault;
    diffuse_signals transport{reaction<suture_inhibitor>(suture), diffusivity_factor<suture_inhibitor>(vault_transport{vault})};
    centre_pair pair{vault, pair_p, nucleation_p.strain_gate.get().value()};
    basic_lattice_tissue tissue(rule_set<intramembranous_lineage>(), grid, signals<suture_inhibitor>{}, s,
                                std::make_tuple(vault_growth{vault}, std::move(pair), std::move(transport), std::move(nucleation),
                                                std::move(front), ossification_p, matrix_mineralisation{}, std::move(thickening)));
    const auto& map = vault->map();
    const auto draw = random::counter_rng(s).bind(0, random::purpose::user + 41);
    auto a = tissue.template edit_field<activator>();
    auto h = tissue.template edit_field<inhibitor>();
    auto label = tissue.template edit_field<bone_label>();
    auto when = tissue.template edit_field<recruited_at>();
    for (std::size_t i = 0; i < map.size(); ++i) {
        label[i] = no_label, when[i] = not_recruited;
        if (!map.inside(i)) continue;
        tissue.place(grid.coords(i), mesenchymal{});
        a[i] = 1.0 + noise * (draw.uniform(i, 0) - 0.5);
        h[i] = 1.0 + noise * (draw.uniform(i, 1) - 0.5);
    }
    return tissue;
}

/// @brief The vault tissue of an individual: make_sheet_tissue with the calvaria's parameters,
/// the individual's proliferation and apposition factors applied.
inline auto make_vault_tissue(const calvaria_parameters& p, const std::shared_ptr<vault_state>& vault, const grid2d& grid,
                              ossify::seed s) {
    auto front = p.front;
    front.strain_gain = p.front.strain_gain * p.individual.front_factor;
    front.baseline_proliferation = rate::from_value(p.front.baseline_proliferation.internal() * p.individual.front_factor);
    auto thickening = p.thickening;
    const double f = p.individual.apposition_factor;
    thickening.fetal_outer = p.thickening.fetal_outer.get() * f;
    thickening.fetal_inner = p.thickening.fetal_inner.get() * f;
    thickening.postnatal_outer = p.thickening.postnatal_outer.get() * f;
    thickening.postnatal_inner = p.thickening.postnatal_inner.get() * f;
    return make_sheet_tissue(vault, grid, s, p.anatomy.noise, p.pair, p.nucleation, front, p.suture, p.ossification, thickening);
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_MODEL_HPP
