/// @file
/// @brief The parameters of the Figure 6.4.1 scenario: typed, with ranges and the source of
/// every default (author and year, "derived: ..." with the numbers it comes from, or
/// "assumed: <reasoning>"), listed by `describe` (ossify::describable), and the quantities
/// derived from them (the hypoxic distance of oxygen transport, the mineralisation lag).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_PARAMETERS_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_PARAMETERS_HPP

#include <cmath>

#include "../../units/literals.hpp"
#include "../../units/parameter.hpp"
#include "../../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief Fetal apposition rates and the osteoblast fate split from which the fate hazards are
/// derived (see figure_6_4_1_parameters): an active osteoblast lays one packet of bone of the
/// mean wall thickness W at the mineral apposition rate, so its active period is W / MAR and
/// its exits (burial, apoptosis, lining) share the rate MAR / W in the published proportions.
namespace published {
/// @brief Fetal femur at 19 weeks, cancellous mineral apposition rate, um/d (Bone 1991, 12:377).
inline constexpr double cancellous_apposition_um_per_d = 2.1;
/// @brief Same, periosteal mineral apposition rate, um/d (Bone 1991, 12:377).
inline constexpr double periosteal_apposition_um_per_d = 4.1;
/// @brief Mean wall thickness of a bone packet laid by one team of osteoblasts, um (Lips,
/// Courpron & Meunier 1978, Calcif Tissue Res 26:13; young adults, K: not re-read).
inline constexpr double packet_wall_thickness_um = 55.0;
/// @brief Share of osteoblasts that become osteocytes (10-20 %, Franz-Odendaal et al. 2006).
inline constexpr double osteocyte_share = 0.15;
/// @brief Share that die by apoptosis (50-70 %, Jilka et al. 1998; Manolagas 2000).
inline constexpr double apoptosis_share = 0.60;
/// @brief Share that become lining cells (the rest).
inline constexpr double lining_share = 1.0 - osteocyte_share - apoptosis_share;
/// @brief Exit rate of an active osteoblast laying bone at `mar_um_per_d`: MAR / W (1/d).
[[nodiscard]] constexpr double exit_rate(double mar_um_per_d) noexcept { return mar_um_per_d / packet_wall_thickness_um; }
/// @brief Oxygen consumption of a mesenchymal stromal cell, fmol/cell/h (Pattappa et al. 2011,
/// J Cell Physiol 226:2562: ~98 fmol/cell/h, kept under osteogenic conditions).
inline constexpr double oxygen_consumption_fmol_per_cell_h = 98.0;
/// @brief Oxygen solubility in tissue water, uM per mmHg (K: standard value 1.3-1.4).
inline constexpr double oxygen_uM_per_mmHg = 1.33;
}  // namespace published

/**
 * @brief The parameters of the Figure 6.4.1 scenario, each a typed parameter with its range
 * and source; `describe` lists them (for `--list-parameters` and `--set name=value`).
 */
struct figure_6_4_1_parameters {
    // ------------------------------------------------------------------ the membrane
    /// @brief Thickness of the sheet of condensed mesenchyme (the plate's anlage).
    parameter<length> sheet_thickness{"sheet_thickness", length::from_value(300.0), length::from_value(50.0),
                                      length::from_value(5000.0),
                                      "assumed: the osteogenic layer of a fetal calvarial membrane, a few hundred um; "
                                      "not measured in our sources"};
    /// @brief Share of the sheet's sites holding a mesenchymal cell at the start.
    parameter<double> mesenchyme_density{"mesenchyme_density", 0.65, 0.05, 1.0,
                                         "assumed: a condensation; its cell density is not measured (BIOLOGY.md)"};
    // ------------------------------------------------------------------ ossification centre (BMP2)
    /// @brief Radius of the signalling centre that starts the ossification centre.
    parameter<length> centre_radius{"centre_radius", length::from_value(50.0), length::from_value(10.0),
                                    length::from_value(1000.0), "assumed: a few cell diameters"};
    /// @brief BMP2 secretion of the signalling centre.
    parameter<concentration_rate> centre_bmp2_secretion{
        "centre_bmp2_secretion", concentration_rate::from_value(400.0), concentration_rate::from_value(0.0),
        concentration_rate::from_value(1.0e6), "assumed: a few nM at the centre with bmp2's D and decay"};
    /// @brief BMP2 secreted by osteoblasts, which recruits the mesenchyme around new bone (the
    /// front: "osteogenic cells in the surrounding connective tissue differentiate into new
    /// osteoblasts", source text).
    parameter<concentration_rate> osteoblast_bmp2_secretion{
        "osteoblast_bmp2_secretion", concentration_rate::from_value(150.0), concentration_rate::from_value(0.0),
        concentration_rate::from_value(1.0e6),
        "assumed: a layer of osteoblasts raises BMP2 near its half-maximal level one decay length ahead"};
    /// @brief BMP2 level of half-maximal commitment of mesenchyme to the osteogenic lineage.
    parameter<concentration> bmp2_half_max{"bmp2_half_max", concentration::from_value(1.0), concentration::from_value(1e-6),
                                           concentration::from_value(1e6), "assumed: nM scale of morphogens"};
    /// @brief Largest hazard of that commitment (Hill coefficient 2).
    parameter<rate> commitment_rate{"commitment_rate", rate::from_value(0.5), rate::from_value(0.0), rate::from_value(100.0),
                                    "assumed: commitment within days"};
    /// @brief Time an osteogenic cell spends before it can become an osteoblast.
    parameter<duration> osteoblast_delay{"osteoblast_delay", duration::from_value(2.0), duration::from_value(0.0),
                                         duration::from_value(100.0),
                                         "assumed from culture timing (Quarles et al. 1992: alkaline phosphatase after "
                                         "days of proliferation), shortened for the embryo"};
    /// @brief Hazard of becoming an osteoblast after the delay, next to bone where oxygen
    /// suffices (recruitment onto a bone surface).
    parameter<rate> osteoblast_rate{"osteoblast_rate", rate::from_value(0.5), rate::from_value(0.0), rate::from_value(100.0),
                                    "assumed: a few days (Quarles et al. 1992 culture timing)"};
    /// @brief The same hazard away from bone (an osteoprogenitor starting a new spicule).
    parameter<rate> nucleation_rate{"nucleation_rate", rate::from_value(0.25), rate::from_value(0.0), rate::from_value(100.0),
                                    "assumed: half the rate next to bone: new spicules start ahead of the front"};
    /// @brief Division hazard of osteogenic cells (into free neighbouring sites).
    parameter<rate> osteogenic_proliferation{"osteogenic_proliferation", rate::from_value(0.0), rate::from_value(0.0),
                                             rate::from_value(10.0),
                                             "assumed: 0; the condensation's cells are the supply (proliferation to "
                                             "confluence, Quarles et al. 1992, leaves no room for bone to grow into)"};
    // ------------------------------------------------------------------ oxygen (Krogh)
    /// @brief Diffusivity of oxygen in tissue.
    parameter<diffusivity> oxygen_diffusivity{"oxygen_diffusivity", diffusivity::from_value(2000.0 * 86400.0),
                                              diffusivity::from_value(1.0), diffusivity::from_value(1.0e10),
                                              "2e-5 cm^2/s, the standard tissue value (K)"};
    /// @brief Oxygen at the capillary wall.
    parameter<concentration> capillary_oxygen{
        "capillary_oxygen", concentration::from_value(40.0 * published::oxygen_uM_per_mmHg * 1000.0),
        concentration::from_value(0.0), concentration::from_value(1.0e6),
        "40 mmHg, capillary pO2 (K) x 1.33 uM/mmHg"};
    /// @brief Oxygen below which cells are hypoxic (HIF-1a stabilised: they secrete VEGF, and
    /// osteoprogenitors do not become osteoblasts).
    parameter<concentration> hypoxia_oxygen{"hypoxia_oxygen", concentration::from_value(7.6 * published::oxygen_uM_per_mmHg * 1000.0),
                                            concentration::from_value(0.0), concentration::from_value(1.0e6),
                                            "1 % O2 = 7.6 mmHg, the usual hypoxia threshold of HIF-1a (K)"};
    /// @brief Oxygen consumption of a cell, as the rate per site volume it occupies.
    parameter<concentration_rate> oxygen_consumption{
        "oxygen_consumption",
        concentration_rate::from_value(published::oxygen_consumption_fmol_per_cell_h * 1e-15 / 3600.0 / 1e-12 * 1e9 * 86400.0),
        concentration_rate::from_value(0.0), concentration_rate::from_value(1.0e12),
        "98 fmol/cell/h (Pattappa et al. 2011) in a 10 um site (1 pL)"};
    // ------------------------------------------------------------------ VEGF and sprouting
    /// @brief VEGF secretion of a hypoxic cell.
    parameter<concentration_rate> vegf_secretion{
        "vegf_secretion", concentration_rate::from_value(0.1 / 6.02214076e23 * 86400.0 / 1e-12 * 1e9),
        concentration_rate::from_value(0.0), concentration_rate::from_value(1.0e6),
        "0.1 molecule/cell/s (BMC Syst Biol 2008, K) into a 1 pL site"};
    /// @brief First-order loss of free VEGF (degradation and binding to the matrix).
    parameter<rate> vegf_decay{"vegf_decay", rate::from_value(std::log(2.0) * 24.0), rate::from_value(0.0),
                               rate::from_value(1.0e6), "assumed: half-life 1 h (as ossify::vegf)"};
    /// @brief VEGF taken up by endothelial cells (receptor binding and internalisation).
    parameter<rate> vegf_uptake{"vegf_uptake", rate::from_value(24.0), rate::from_value(0.0), rate::from_value(1.0e6),
                                "assumed: VEGFR2-bound VEGF internalised within about an hour"};
    /// @brief VEGF level above which endothelial cells become (and stay) tip cells.
    parameter<concentration> tip_threshold{"tip_threshold", concentration::from_value(0.5e-6 / 45000.0 * 1e9),
                                           concentration::from_value(0.0), concentration::from_value(1e6),
                                           "0.5 ng/mL (Qutub & Popel 2009, Table 3) of VEGF165 (45 kDa)"};
    /// @brief Speed of a tip cell.
    parameter<velocity> tip_speed{"tip_speed", velocity::from_value(15.0 * 24.0), velocity::from_value(0.0),
                                  velocity::from_value(1.0e4), "15 um/h (Dazzi et al. 2023)"};
    /// @brief Shortest sprout length before a tip branches.
    parameter<length> branch_length_min{"branch_length_min", length::from_value(100.0), length::from_value(10.0),
                                        length::from_value(2500.0), "no branching below ~100 um (Dazzi et al. 2023)"};
    /// @brief Length by which a sprout has always branched.
    parameter<length> branch_length_max{"branch_length_max", length::from_value(300.0), length::from_value(10.0),
                                        length::from_value(2500.0), "always branched above ~300 um (Dazzi et al. 2023)"};
    /// @brief Hazard of a stalk cell in VEGF above the threshold becoming a new tip (a sprout).
    parameter<rate> sprouting_rate{"sprouting_rate", rate::from_value(0.05), rate::from_value(0.0), rate::from_value(100.0),
                                   "assumed: about one new sprout per 200 um of activated vessel a day (one mean "
                                   "branching length of Dazzi et al. 2023)"};
    /// @brief Tips choose their next site with weight exp(bias * cos(angle to the VEGF gradient)).
    parameter<double> chemotactic_bias{"chemotactic_bias", 2.0, 0.0, 50.0,
                                       "assumed: drift-dominated tips as in Anderson & Chaplain 1998 (chemotaxis "
                                       "over random motility ~ 10^2-10^3) with some wandering"};
    /// @brief Extra log-weight of continuing in the direction of the last step.
    parameter<double> persistence{"persistence", 1.0, 0.0, 50.0, "assumed: tips keep their direction for a few cells"};
    /// @brief No new tip within this distance of a tip (Dll4-Notch lateral inhibition).
    parameter<length> tip_inhibition_radius{"tip_inhibition_radius", length::from_value(30.0), length::from_value(0.0),
                                            length::from_value(1000.0),
                                            "assumed: tip cells inhibit their neighbours over a few cells"};
    // ------------------------------------------------------------------ bone formation
    /// @brief Apposition rate of osteoblasts (woven and trabecular bone).
    parameter<velocity> trabecular_apposition{"trabecular_apposition",
                                              velocity::from_value(published::cancellous_apposition_um_per_d),
                                              velocity::from_value(0.0), velocity::from_value(1.0e3),
                                              "fetal cancellous MAR 2.1 um/d (Bone 1991, 12:377)"};
    /// @brief Apposition rate of periosteal cells (compact bone).
    parameter<velocity> periosteal_apposition{"periosteal_apposition",
                                              velocity::from_value(published::periosteal_apposition_um_per_d),
                                              velocity::from_value(0.0), velocity::from_value(1.0e3),
                                              "fetal periosteal MAR 4.1 um/d (Bone 1991, 12:377)"};
    /// @brief Osteoid seam thickness; the mineralisation lag is its ratio to the apposition rate.
    parameter<length> osteoid_thickness{"osteoid_thickness", length::from_value(5.9), length::from_value(0.0),
                                        length::from_value(100.0), "fetal osteoid 5.9 um (Bone 1991, 12:377)"};
    /// @brief Burial hazard of an osteoblast that is laying matrix (Buenzli 2015: the density of
    /// osteocytes is this rate over the matrix an osteoblast lays per day).
    parameter<rate> osteoblast_burial_rate{
        "osteoblast_burial_rate",
        rate::from_value(published::osteocyte_share * published::exit_rate(published::cancellous_apposition_um_per_d)),
        rate::from_value(0.0), rate::from_value(100.0),
        "derived: 15 % (Franz-Odendaal 2006) x 2.1 um/d (Bone 1991) / 55 um wall (Lips 1978)"};
    /// @brief Apoptosis hazard of an osteoblast.
    parameter<rate> osteoblast_apoptosis_rate{
        "osteoblast_apoptosis_rate",
        rate::from_value(published::apoptosis_share * published::exit_rate(published::cancellous_apposition_um_per_d)),
        rate::from_value(0.0), rate::from_value(100.0),
        "derived: 60 % (Jilka 1998) x 2.1 um/d (Bone 1991) / 55 um wall (Lips 1978)"};
    /// @brief Hazard of an osteoblast becoming a lining cell.
    parameter<rate> osteoblast_lining_rate{
        "osteoblast_lining_rate",
        rate::from_value(published::lining_share * published::exit_rate(published::cancellous_apposition_um_per_d)),
        rate::from_value(0.0), rate::from_value(100.0),
        "derived: the remaining 25 % x 2.1 um/d (Bone 1991) / 55 um wall (Lips 1978)"};
    /// @brief Burial hazard of a periosteal cell laying matrix.
    parameter<rate> periosteal_burial_rate{
        "periosteal_burial_rate",
        rate::from_value(published::osteocyte_share * published::exit_rate(published::periosteal_apposition_um_per_d)),
        rate::from_value(0.0), rate::from_value(100.0),
        "derived: 15 % (Franz-Odendaal 2006) x 4.1 um/d (Bone 1991) / 55 um wall (Lips 1978)"};
    /// @brief Apoptosis hazard of a periosteal cell.
    parameter<rate> periosteal_apoptosis_rate{
        "periosteal_apoptosis_rate",
        rate::from_value(published::apoptosis_share * published::exit_rate(published::periosteal_apposition_um_per_d)),
        rate::from_value(0.0), rate::from_value(100.0),
        "derived: 60 % (Jilka 1998) x 4.1 um/d (Bone 1991) / 55 um wall (Lips 1978)"};
    /// @brief Hazard of a periosteal cell becoming a lining cell.
    parameter<rate> periosteal_lining_rate{
        "periosteal_lining_rate",
        rate::from_value(published::lining_share * published::exit_rate(published::periosteal_apposition_um_per_d)),
        rate::from_value(0.0), rate::from_value(100.0),
        "derived: the remaining 25 % x 4.1 um/d (Bone 1991) / 55 um wall (Lips 1978)"};
    /// @brief Hazard of a bone-forming cell with no room left to advance into becoming a lining
    /// cell (formation ends where the space is filled).
    parameter<rate> quiescence_rate{"quiescence_rate", rate::from_value(1.0), rate::from_value(0.0), rate::from_value(100.0),
                                    "assumed: cells flatten within about a day once their space is filled"};
    /// @brief Hazard of an osteoblast on the outer surface of the plate becoming periosteal.
    parameter<rate> periosteum_rate{"periosteum_rate", rate::from_value(1.0), rate::from_value(0.0), rate::from_value(100.0),
                                    "assumed: within about a day of reaching the plate's outer surface"};
    /// @brief Division hazard of periosteal cells on the plate's outer surface.
    parameter<rate> periosteal_proliferation{"periosteal_proliferation", rate::from_value(0.3), rate::from_value(0.0),
                                             rate::from_value(10.0),
                                             "osteoblast proliferation of the lattice model, 0.3/d (Perier-Metz 2020 code)"};
    /// @brief Longest sub-step of the signals' diffusion within a step (numerical: the signals
    /// relax within about an hour).
    parameter<duration> signal_substep{"signal_substep", duration::from_value(0.5 / 24.0), duration::from_value(1e-6),
                                       duration::from_value(1e3),
                                       "numerical, assumed: 30 min (decay x sub-step = 0.35); checked against 15 min "
                                       "(docs/scenarios/figure_6_4_1.md)"};
    /// @brief Share of bone among the sites within 20 um of a vessel site at which the vessel
    /// is crowded by bone and condenses into red marrow (source text, Figure 6.4.1 d).
    parameter<double> marrow_crowding{"marrow_crowding", 0.5, 0.0, 1.0,
                                      "assumed: half of the vessel's surroundings is bone"};

    /// @brief Lists every parameter (ossify::describable).
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit(sheet_thickness), visit(mesenchyme_density), visit(centre_radius), visit(centre_bmp2_secretion);
        visit(osteoblast_bmp2_secretion), visit(bmp2_half_max), visit(commitment_rate), visit(osteoblast_delay);
        visit(osteoblast_rate), visit(nucleation_rate), visit(osteogenic_proliferation), visit(oxygen_diffusivity), visit(capillary_oxygen);
        visit(hypoxia_oxygen), visit(oxygen_consumption), visit(vegf_secretion), visit(vegf_decay), visit(vegf_uptake);
        visit(tip_threshold), visit(tip_speed), visit(branch_length_min), visit(branch_length_max);
        visit(sprouting_rate), visit(chemotactic_bias), visit(persistence), visit(tip_inhibition_radius);
        visit(trabecular_apposition), visit(periosteal_apposition), visit(osteoid_thickness);
        visit(osteoblast_burial_rate), visit(osteoblast_apoptosis_rate), visit(osteoblast_lining_rate);
        visit(periosteal_burial_rate), visit(periosteal_apoptosis_rate), visit(periosteal_lining_rate), visit(quiescence_rate);
        visit(periosteum_rate), visit(periosteal_proliferation), visit(marrow_crowding), visit(signal_substep);
    }

    /// @brief The distance from a capillary beyond which tissue is hypoxic: the depth at which
    /// oxygen falls from the capillary level to the hypoxic level in tissue of the sheet's cell
    /// density consuming at the cells' rate (zero-order consumption in a slab, Krogh 1919:
    /// d = sqrt(2 D (c_capillary - c_hypoxic) / (q density))). About 100 um with the defaults,
    /// the diffusion limit of oxygen in tissue (Lovett et al. 2009: 100-200 um).
    [[nodiscard]] length hypoxic_distance() const noexcept {
        const double q = oxygen_consumption.internal() * mesenchyme_density.get();
        const double dc = std::max(0.0, capillary_oxygen.internal() - hypoxia_oxygen.internal());
        return length::from_value(q > 0.0 ? std::sqrt(2.0 * oxygen_diffusivity.internal() * dc / q) : 1.0e9);
    }
    /// @brief The mineralisation lag: osteoid seam thickness over the trabecular apposition rate
    /// (2.8 d with the defaults; fetal "mineralization occurred very rapidly", Salle et al. 2002).
    [[nodiscard]] duration mineralisation_lag() const noexcept {
        const double v = trabecular_apposition.internal();
        return duration::from_value(v > 0.0 ? osteoid_thickness.internal() / v : 0.0);
    }
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_PARAMETERS_HPP
