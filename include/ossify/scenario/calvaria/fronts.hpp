/// @file
/// @brief How the bones grow: `front_recruitment` advances each bone's osteogenic front into
/// the membrane at the Fisher-KPP speed of its osteoprogenitors, slowed where the suture
/// inhibitor is high; `woven_ossification` fills recruited sites with woven bone (osteoblasts
/// then osteocytes); `vault_thickening` thickens the bone on both faces (periosteal and dural
/// apposition), a per-site thickness field.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_FRONTS_HPP
#define OSSIFY_SCENARIO_CALVARIA_FRONTS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "../../cell/states.hpp"
#include "../../tissue/context.hpp"
#include "../../units/parameter.hpp"
#include "../clock.hpp"
#include "signals.hpp"
#include "state.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Arrival time at a site from the arrival times of its nearest recruited neighbours
/// along x (tx) and y (ty), crossing time tau per site: the upwind (Godunov) solution of the
/// eikonal equation |grad T| = 1/v (fast marching, Sethian 1996), first order, isotropic to a few per cent.
[[nodiscard]] inline double eikonal_arrival(double tx, double ty, double tau) noexcept {
    const double a = std::min(tx, ty), b = std::max(tx, ty);
    if (!(b - a < tau)) return a + tau;
    return 0.5 * (a + b + std::sqrt(2.0 * tau * tau - (b - a) * (b - a)));
}

/**
 * @brief Process: the osteogenic front of every bone advances into the membrane.
 *
 * Osteoprogenitors at the front proliferate (rate r) and move (random motility D), so the
 * front is a Fisher-KPP wave of speed v = 2 sqrt(D r) (Fisher 1937; Kolmogorov et al. 1937).
 * Their proliferation follows the stretch of the growing membrane, r = r0 + kappa E (E the
 * areal strain rate; tensile strain drives osteoprogenitors at the osteogenic fronts, as the
 * strain term of Lee et al. 2019), and the suture inhibitor N slows them:
 * v = 2 sqrt(D r) / (1 + (N / N_s)^m). The lattice tracks the front's arrival times exactly for
 * straight fronts (eikonal_arrival on the site's true size), so its speed does not depend on
 * the spacing. A recruited site becomes an osteoblast of the neighbour's bone that arrived first.
 */
struct front_recruitment {
    /// @brief Name in messages.
    static constexpr std::string_view name = "front_recruitment";
    /// @brief Reads the suture inhibitor (and the labels and arrival times it writes).
    using reads = field_list<suture_inhibitor>;
    /// @brief Changes cells, labels and arrival times.
    using writes = field_list<cells, bone_label, recruited_at>;

    /// @brief The shared vault state.
    std::shared_ptr<const vault_state> vault;
    /// @brief Random motility of osteoprogenitors.
    parameter<diffusivity> motility{"motility", diffusivity::from_value(0.1 * 86400.0), diffusivity::from_value(0.0),
                                    diffusivity::from_value(1e6),
                                    "random motility of fibroblast-like cells ~1e-9 cm^2/s = 0.1 um^2/s (Murray, "
                                    "Mathematical Biology; K)"};
    /// @brief Proliferation per unit areal strain rate of the membrane.
    parameter<double> strain_gain{"strain_gain", 5.7, 0.0, 1000.0,
                                  "calibrated: the anterior fontanelle's area at birth (median 769 mm^2 on CT, Pindrik "
                                  "et al. 2014); gives 0.31/d at the vault's peak strain rate (0.055/d, 11 weeks), the "
                                  "lattice-model osteoblast value 0.3/d (Checa & Prendergast-style models)"};
    /// @brief Proliferation independent of growth.
    parameter<rate> baseline_proliferation{"baseline_proliferation", rate::from_value(0.0), rate::from_value(0.0),
                                           rate::from_value(10.0),
                                           "assumed 0: osteoprogenitors at the fronts divide only as the membrane stretches "
                                           "(no closure age was used to set it)"};
    /// @brief Suture-inhibitor level at which the front runs at half speed.
    parameter<double> stall_level{"stall_level", 1.5, 0.01, 100.0,
                                  "assumed: 1.5 times the level at the edge of an isolated plate, so fronts stop "
                                  "when another bone's margin is within ~0.7 inhibitor lengths (2.3 mm)"};
    /// @brief Hill coefficient of the slowing.
    parameter<double> stall_hill{"stall_hill", 16.0, 1.0, 64.0, "as Lee et al.'s switches, m = 16"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(motility), v(strain_gain), v(baseline_proliferation), v(stall_level), v(stall_hill); }

    /// @brief The free front speed now (um/d), without the inhibitor.
    [[nodiscard]] double free_speed() const {
        const double r = baseline_proliferation.internal() + strain_gain * vault->strain_rate();
        return 2.0 * std::sqrt(std::max(0.0, motility.internal() * r));
    }

    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) {
        const auto& map = vault->map();
        const double now = ctx.now_days(), h = dt.value(), v0 = free_speed();
        if (!(v0 > 0.0)) return;
        auto label = ctx.template field_mut<bone_label>();
        auto when = ctx.template field_mut<recruited_at>();
        const auto n = ctx.template field<suture_inhibitor>();
        const auto state = ctx.states();
        constexpr auto mes = Context::template index_of<mesenchymal>();
        constexpr auto ob = Context::template index_of<osteoblast>();
        const std::size_t nx = static_cast<std::size_t>(map.nx()), ny = static_cast<std::size_t>(map.ny());
        const std::size_t labels = vault->centres().size();
        const double ns = stall_level, m = stall_hill;
        hits_.clear();
        for (std::size_t y = 0; y < ny; ++y) {
            for (std::size_t x = 0; x < nx; ++x) {
                const std::size_t i = x + y * nx;
                if (state[i] != mes || !map.inside(i)) continue;
                double tx = 1e30, ty = 1e30, first = 1e30;
                std::uint8_t lab = no_label;
                const auto look = [&](std::size_t j, double& axis) {
                    if (label[j] >= labels) return;
                    const double t = when[j];
                    axis = std::min(axis, t);
                    if (t < first) first = t, lab = label[j];
                };
                if (x > 0) look(i - 1, tx);
                if (x + 1 < nx) look(i + 1, tx);
                if (y > 0) look(i - nx, ty);
                if (y + 1 < ny) look(i + nx, ty);
                if (lab == no_label) continue;
                const double v = v0 / (1.0 + std::pow(static_cast<double>(n[i]) / ns, m));
                const double t = eikonal_arrival(tx, ty, vault->side_um(i) / v);
                if (t <= now + h) hits_.push_back({i, lab, std::max(t, now)});
            }
        }
        for (const auto& r : hits_) {
            ctx.set_state(r.site, ob, static_cast<float>(r.time));
            label[r.site] = r.label;
            when[r.site] = static_cast<float>(r.time);
        }
    }

private:
    struct hit {
        std::size_t site;
        std::uint8_t label;
        double time;
    };
    std::vector<hit> hits_;
};

/**
 * @brief Process: recruited membrane fills with woven bone. Each osteoblast site gains matrix
 * at `fill_rate` (volume fraction per day; the tissue's mineralisation kinetics then mineralise
 * it); when the site's matrix reaches the tissue's bone threshold its osteoblasts are walled in
 * and become osteocytes (source text: "entrapping the osteoblasts within").
 */
struct woven_ossification {
    /// @brief Name in messages.
    static constexpr std::string_view name = "woven_ossification";
    /// @brief Lays matrix and changes cells.
    using writes = field_list<bone_matrix, cells>;
    /// @brief Volume fraction of a site filled per day.
    parameter<rate> fill_rate{"fill_rate", rate::from_value(0.06), rate::from_value(1e-4), rate::from_value(100.0),
                              "fetal woven bone thickens at ~3 um/d (Peyrin et al. 2005) from vascular channels "
                              "~100 um apart (Lovett et al. 2009): 2 x 3 / 100 per day, half full in ~8 d"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(fill_rate); }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept {
        auto& matrix = ctx.matrix_mut();
        const auto state = ctx.states();
        constexpr auto ob = Context::template index_of<osteoblast>();
        constexpr auto oc = Context::template index_of<osteocyte>();
        const double add = fill_rate.internal() * dt.value(), bone = matrix.bone_threshold();
        const float t = static_cast<float>(ctx.now_days() + dt.value());
        walled_.clear();
        for (std::size_t i = 0; i < state.size(); ++i) {
            if (state[i] != ob) continue;
            matrix.deposit_unchecked(i, add);
            if (matrix.matrix_fraction(i) >= bone) walled_.push_back(i);
        }
        for (const auto i : walled_) ctx.set_state(i, oc, t);
    }

private:
    std::vector<std::size_t> walled_;
};

/**
 * @brief Process: bone sites thicken on both faces. A site that becomes bone starts at
 * `initial_thickness`; then it gains the outer (periosteal) and inner (dural) apposition rates
 * per day, at fetal values before birth and at postnatal values after (the source text's
 * "periosteum then creates a protective layer of compact bone").
 */
struct vault_thickening {
    /// @brief Name in messages.
    static constexpr std::string_view name = "vault_thickening";
    /// @brief Reads the matrix.
    using reads = field_list<bone_matrix>;
    /// @brief Writes the thickness.
    using writes = field_list<bone_thickness>;
    /// @brief Brings the thickness field.
    using owns = field_list<bone_thickness>;

    /// @brief The shared vault state (for the age at birth).
    std::shared_ptr<const vault_state> vault;
    /// @brief Thickness of a site when it becomes bone.
    parameter<length> initial_thickness{"initial_thickness", length::from_value(100.0), length::from_value(0.0),
                                        length::from_value(5000.0),
                                        "fetal trabeculae ~100 um thick (Peyrin et al. 2005): the first woven plate"};
    /// @brief Outer (periosteal) apposition before birth.
    parameter<velocity> fetal_outer{"fetal_outer", velocity::from_value(4.1), velocity::from_value(0.0),
                                    velocity::from_value(100.0),
                                    "periosteal mineral apposition 4.1 +- 0.3 um/d, fetal femur at 19 weeks (Bone "
                                    "1991, 12:377)"};
    /// @brief Inner (dural) apposition before birth.
    parameter<velocity> fetal_inner{"fetal_inner", velocity::from_value(2.5), velocity::from_value(0.0),
                                    velocity::from_value(100.0),
                                    "endocortical apposition 2.5 um/d, fetal femur at 19 weeks (Bone 1991)"};
    /// @brief Outer apposition after birth.
    parameter<velocity> postnatal_outer{"postnatal_outer", velocity::from_value(1.0), velocity::from_value(0.0),
                                        velocity::from_value(100.0),
                                        "assumed: adult cortical apposition 0.9-1.2 um/d (Brockstedt 1993); no infant "
                                        "calvarial value found"};
    /// @brief Inner apposition after birth.
    parameter<velocity> postnatal_inner{"postnatal_inner", velocity::from_value(1.0), velocity::from_value(0.0),
                                        velocity::from_value(100.0), "assumed: as the outer face"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) {
        v(initial_thickness), v(fetal_outer), v(fetal_inner), v(postnatal_outer), v(postnatal_inner);
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept {
        const auto& matrix = ctx.matrix();
        auto thick = ctx.template field_mut<bone_thickness>();
        const double birth = development::birth_gestational_days - vault->start_days();
        const bool born = ctx.now_days() >= birth;
        const double add = ((born ? postnatal_outer : fetal_outer).get().value() +
                            (born ? postnatal_inner : fetal_inner).get().value()) * dt.value();
        const auto t0 = static_cast<float>(initial_thickness.get().value());
        const double bone = matrix.bone_threshold();
        for (std::size_t i = 0; i < thick.size(); ++i) {
            if (matrix.matrix_fraction(i) < bone) continue;
            thick[i] = thick[i] > 0.0f ? static_cast<float>(thick[i] + add) : t0;
        }
    }
};

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_FRONTS_HPP
