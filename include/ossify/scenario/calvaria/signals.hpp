/// @file
/// @brief The signals of the calvaria: the centre-forming pair (its own process, centre_pair,
/// substepped and stopped once no centre can form any more) and the suture inhibitor with its
/// reaction and transport terms of ossify::diffuse_signals.
///
/// Centres: an activator-inhibitor pair in the form of Lee, Richtsmeier & Kraft 2019 (equations
/// from the authors' public code, not copied), in units of the homogeneous steady state:
///   dA/dt = s(o) [mu_a P(x) A^2 / H - mu_a A] + div(D_a s(o) grad A) - E A
///   dH/dt = s(o) [mu_h A^2 - mu_h H]          + div(D_h s(o) grad H) - E H
/// with the bone switch s(o) = S^m / (o^m + S^m) (o the site's matrix fraction, S the bone
/// threshold, m = 16 as in Lee et al.), E the areal strain rate of the growing membrane
/// (dilution), and P(x) = 1 + beta (g(x) - 1/2), where g is the lobe field: the brain's
/// convexities raise the activator's autocatalysis by a few per cent (a precursor gradient that
/// pins the peaks, Page, Maini & Monk 2005). Lee et al.'s rates (mu_a 1e-4/s, mu_h 2e-4/s) are
/// divided by the developmental tempo (human/mouse); their diffusivities (0.5 and 150 um^2/s)
/// are kept, so lengths scale as the square root of the tempo.
///
/// Sutures: a suture inhibitor N (a Noggin-like BMP antagonist expressed by the osteogenic
/// fronts and the bone of the suture margins, Warren et al. 2003) made by every recruited
/// site, diffusing and decaying; fronts slow down where N is high (fronts.hpp), so two
/// approaching fronts stop short of each other. N's source is 2 k so that the edge of a large
/// plate sees N = 1 (half the level inside it). After birth the frontal bone along the anterior
/// midline makes less of it (Warren et al. 2003), so the suture between the frontal halves closes.
///
/// Transport: every signal diffuses on the sphere; on the conformal map the diffusivity is
/// multiplied by (rho_ref / rho)^2 / lambda^2 (growth and map scale), and for A and H by s(o).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_SIGNALS_HPP
#define OSSIFY_SCENARIO_CALVARIA_SIGNALS_HPP

#include <cmath>
#include <memory>
#include <string_view>
#include <utility>

#include "../../units/literals.hpp"
#include "../../units/parameter.hpp"
#include "../../units/quantities.hpp"
#include "../clock.hpp"
#include "state.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Field: the activator (BMP-like) of the centre-forming pair, in units of its
/// homogeneous level. Not a signal tag: centre_pair moves it (diffusivity 0.5 um^2/s, Lee et al. 2019).
struct activator {
    /// @brief Name in output.
    static constexpr std::string_view name = "activator";
    /// @brief Double precision per site.
    using value_type = double;
    /// @brief Allowed values.
    static constexpr double lower = 0.0, upper = 1.0e12;
};
/// @brief Field: the inhibitor (Noggin-like) of the centre-forming pair (150 um^2/s).
struct inhibitor {
    /// @brief Name in output.
    static constexpr std::string_view name = "inhibitor";
    /// @brief Double precision per site.
    using value_type = double;
    /// @brief Allowed values.
    static constexpr double lower = 0.0, upper = 1.0e12;
};
/// @brief The suture inhibitor (a BMP antagonist made by the osteogenic fronts and the bone
/// margins), in units of its level at the edge of a large plate.
struct suture_inhibitor {
    /// @brief Name in output.
    static constexpr std::string_view name = "suture_inhibitor";
    /// @brief 150 um^2/s: a secreted BMP antagonist, as the pair's inhibitor (Lee et al. 2019).
    static diffusivity default_diffusivity() { return diffusivity::from_value(150.0 * 86400.0); }
    /// @brief No uniform decay (see the reaction term).
    static rate default_decay() { return rate::from_value(0.0); }
};

/// @brief Lee et al.'s bone switch s(o) = S^m / (o^m + S^m) for matrix fraction o, threshold S.
[[nodiscard]] inline double bone_switch(double o, double threshold, double hill) noexcept {
    if (o <= 0.0) return 1.0;
    return 1.0 / (1.0 + std::pow(o / threshold, hill));
}

/// @brief Parameters of the centre-forming pair (shared by its two policies).
struct pair_kinetics {
    /// @brief Activator removal rate: Lee et al.'s 1e-4/s (8.64/d) divided by the tempo 13.6.
    parameter<rate> activator_decay{"activator_decay", rate::from_value(8.64 / 13.6), rate::from_value(1e-3),
                                    rate::from_value(100.0),
                                    "Lee et al. 2019: 1e-4 /s, divided by the human/mouse developmental tempo "
                                    "13.6 (gestation from fertilisation 266 d / 19.5 d)"};
    /// @brief Inhibitor removal rate: Lee et al.'s 2e-4/s divided by the tempo.
    parameter<rate> inhibitor_decay{"inhibitor_decay", rate::from_value(17.28 / 13.6), rate::from_value(1e-3),
                                    rate::from_value(200.0), "Lee et al. 2019: 2e-4 /s, divided by the tempo 13.6"};
    /// @brief Raise of the activator's autocatalysis over the lobes (P = 1 + beta (g - 1/2)).
    parameter<double> lobe_bias{"lobe_bias", 0.05, 0.0, 1.0,
                                "calibrated: the smallest bias (5 %) that pins one centre to each lobe in 8 of 8 "
                                "seeds (prototype); 0 leaves the centres where the noise puts them"};
    /// @brief Matrix fraction at which the bone switch is half off (the bone threshold).
    parameter<double> switch_threshold{"switch_threshold", 0.5, 0.01, 1.0,
                                       "the tissue's bone threshold (matrix fraction 0.5, assumed)"};
    /// @brief Hill coefficient of the bone switch.
    parameter<double> switch_hill{"switch_hill", 16.0, 1.0, 64.0, "Lee et al. 2019: m = 16"};
    /// @brief Activator diffusivity.
    parameter<diffusivity> activator_diffusivity{"activator_diffusivity", diffusivity::from_value(0.5 * 86400.0),
                                                 diffusivity::from_value(0.0), diffusivity::from_value(1e9),
                                                 "Lee et al. 2019: 0.5e-12 m^2/s = 0.5 um^2/s"};
    /// @brief Inhibitor diffusivity.
    parameter<diffusivity> inhibitor_diffusivity{"inhibitor_diffusivity", diffusivity::from_value(150.0 * 86400.0),
                                                 diffusivity::from_value(0.0), diffusivity::from_value(1e10),
                                                 "Lee et al. 2019: 1.5e-10 m^2/s = 150 um^2/s"};
    /// @brief Longest substep of the pair's integration.
    parameter<duration> substep{"substep", duration::from_value(0.05), duration::from_value(1e-4), duration::from_value(1.0),
                                "numerical: 0.05 d = 0.03 / activator_decay; the outputs stop moving below it "
                                "(tests/unit/scenario/calvaria_convergence.cpp)"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) {
        v(activator_decay), v(inhibitor_decay), v(lobe_bias), v(switch_threshold), v(switch_hill);
        v(activator_diffusivity), v(inhibitor_diffusivity), v(substep);
    }
};

/// @brief Reaction term of the suture inhibitor: made by recruited sites (osteogenic fronts
/// and bone), 2 k per site, and removed at rate k everywhere on the vault (and diluted by
/// growth). After birth, neural-crest bone within `metopic_band` of the anterior midline makes
/// only `neural_crest_after_birth` of it: in the mouse the dura under the posterior frontal
/// (metopic) suture turns Noggin down after birth (FGF2; Warren et al. 2003) and that suture
/// fuses. Imposed: the region and the switch at birth; emergent: when the suture closes.
struct suture_inhibitor_kinetics {
    /// @brief The shared vault state.
    std::shared_ptr<const vault_state> vault;
    /// @brief Removal rate k: the pair's inhibitor rate (the same class of molecule).
    parameter<rate> decay{"decay", rate::from_value(17.28 / 13.6), rate::from_value(1e-3), rate::from_value(200.0),
                          "as the pair's inhibitor (Lee et al. 2019, 2e-4 /s over the tempo 13.6): range "
                          "sqrt(D/k) = 3.3 mm"};
    /// @brief Production of the metopic band's neural-crest bone after birth, relative to before.
    parameter<double> neural_crest_after_birth{
        "neural_crest_after_birth", 0.3, 0.0, 1.0,
        "assumed: Noggin turned down after birth under the fusing frontal suture (Warren et al. 2003, mouse "
        "posterior frontal suture); the share left is not measured"};
    /// @brief Half-width of the band along the anterior midline where the dura turns it down.
    parameter<length> metopic_band{"metopic_band", length::from_value(5000.0), length::from_value(0.0),
                                   length::from_value(100000.0),
                                   "assumed: the dura under the metopic suture, a few mm on each side of it"};
    /// @brief The band stops this far (colatitude) from the vertex.
    parameter<double> metopic_top{"metopic_top", 30.0, 0.0, 180.0,
                                  "assumed: the metopic suture runs from the nasion up to bregma, 15-25 deg from the "
                                  "vertex at birth; stopping the band at 30 deg keeps the anterior fontanelle's margins out of it"};
    /// @brief Production relative to the edge-of-plate normalisation (0: no suture inhibitor).
    parameter<double> production{"production", 1.0, 0.0, 10.0,
                                 "normalisation: 1 makes the edge of a large plate see N = 1 (stall_level is relative to it)"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(decay), v(production), v(neural_crest_after_birth), v(metopic_band), v(metopic_top); }
    /// @brief Adds the site's source and uptake.
    template <class Site>
    void operator()(const Site& s, double& source, double& uptake) const {
        const std::size_t i = s.index();
        const auto& map = vault->map();
        if (!map.inside(i)) return;
        const double k = decay.internal();
        const auto label = static_cast<std::uint8_t>(s.template field<bone_label>());
        if (label != no_label) {
            double f = 1.0;
            if (vault->start_days() + vault->time() >= development::birth_gestational_days &&
                vault->origin(label) == lineage::neural_crest) {
                const auto& x = map.position(i);
                if (x[1] > 0.0 && std::abs(x[0]) * vault->radius_um() <= metopic_band.internal() &&
                    map.theta(i) * 180.0 / 3.141592653589793 >= metopic_top) {
                    f = neural_crest_after_birth;
                }
            }
            source += 2.0 * k * f * production;
        }
        uptake += k + vault->strain_rate();
    }
};

/// @brief Diffusivity factor of a signal on the growing conformal map: 0 off the vault,
/// (rho_ref / rho)^2 / lambda^2 on it (the grid's nominal spacing is the map's at the vertex of
/// the reference vault; true lengths are lambda rho / rho_ref times it).
struct vault_transport {
    /// @brief The shared vault state.
    std::shared_ptr<const vault_state> vault;
    /// @brief The factor at a site.
    template <class Site>
    double operator()(const Site& s) const {
        const std::size_t i = s.index();
        if (!vault->map().inside(i)) return 0.0;
        const double l = vault->map().scale(i);
        return vault->diffusion_scale() / (l * l);
    }
};

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_SIGNALS_HPP
