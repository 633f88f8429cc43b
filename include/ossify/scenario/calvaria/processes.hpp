/// @file
/// @brief The calvaria's clock and centre processes: `vault_growth` moves the shared vault
/// state to the current age; `centre_nucleation` turns membrane where the activator-inhibitor
/// ratio peaks into the first osteoblasts of a centre (Lee et al. 2019: bone forms where
/// a^2/h exceeds a threshold), while the membrane is stretched fast enough (their strain gate).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_PROCESSES_HPP
#define OSSIFY_SCENARIO_CALVARIA_PROCESSES_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

#include "../../cell/states.hpp"
#include "../../random/purpose.hpp"
#include "../../signal/variable_diffusion.hpp"
#include "../../tissue/context.hpp"
#include "../../units/parameter.hpp"
#include "signals.hpp"
#include "state.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Process: moves the shared vault state to the time at the start of the step (vault
/// radius and strain rate from the individual's head growth). Put it first.
struct vault_growth {
    /// @brief Name in messages.
    static constexpr std::string_view name = "vault_growth";
    /// @brief The shared vault state.
    std::shared_ptr<vault_state> vault;
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) {
        vault->at(ctx.now());
    }
};

/**
 * @brief Process: the centre-forming activator-inhibitor pair (signals.hpp), integrated in
 * substeps of at most `pair.substep`: each substep the reaction terms (semi-implicit: losses
 * implicit, production explicit) and one implicit diffusion step on the sphere (diffuse_variable,
 * transport switched off inside bone). Once the membrane's strain rate has fallen below the
 * nucleation gate no centre can form, and the pair stops (it has no other effect).
 */
struct centre_pair {
    /// @brief Name in messages.
    static constexpr std::string_view name = "centre_pair";
    /// @brief Reads the matrix (bone switch).
    using reads = field_list<bone_matrix>;
    /// @brief Moves the pair.
    using writes = field_list<activator, inhibitor>;
    /// @brief Brings the pair.
    using owns = field_list<activator, inhibitor>;

    /// @brief A pair on `v` with parameters `p`, stopping below strain rate `gate` (1/d).
    centre_pair(std::shared_ptr<const vault_state> v, pair_kinetics p, double gate)
        : vault(std::move(v)), k(std::move(p)), stop_below(gate) {}
    /// @brief The shared vault state.
    std::shared_ptr<const vault_state> vault;
    /// @brief The pair's parameters.
    pair_kinetics k;
    /// @brief Strain rate below which the pair stops (the nucleation gate).
    double stop_below = 0.0;
    /// @brief Lists the pair's parameters.
    template <class V>
    void describe(V&& v) { k.describe(v); }

    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) {
        if (vault->strain_rate() < stop_below) return;
        const auto& map = vault->map();
        const auto& matrix = ctx.matrix();
        const std::size_t n = map.size();
        auto a = ctx.template field_mut<activator>();
        auto h = ctx.template field_mut<inhibitor>();
        on_.resize(n), factor_.resize(n), sa_.resize(n), ua_.resize(n), sh_.resize(n), uh_.resize(n);
        const double e = vault->strain_rate(), mua = k.activator_decay.internal(), muh = k.inhibitor_decay.internal();
        for (std::size_t i = 0; i < n; ++i) {
            on_[i] = map.inside(i) ? bone_switch(matrix.matrix_fraction(i), k.switch_threshold, k.switch_hill) : 0.0;
            const double l = map.scale(i);
            factor_[i] = on_[i] * vault->diffusion_scale() / (l * l);
        }
        const auto steps = static_cast<int>(std::ceil(dt.value() / k.substep.get().value() - 1e-9));
        const duration sub = duration::from_value(dt.value() / steps);
        const diffusion_parameters pa(k.activator_diffusivity, rate::from_value(0.0));
        const diffusion_parameters ph(k.inhibitor_diffusivity, rate::from_value(0.0));
        for (int s = 0; s < steps; ++s) {
            for (std::size_t i = 0; i < n; ++i) {
                const double gain = 1.0 + k.lobe_bias * (vault->lobe(i) - 0.5);
                const double on = on_[i], ai = a[i];
                sa_[i] = on * mua * gain * ai * ai / (h[i] + 1e-9);
                ua_[i] = map.inside(i) ? on * mua + e : 0.0;
                sh_[i] = on * muh * ai * ai;
                uh_[i] = map.inside(i) ? on * muh + e : 0.0;
            }
            diffuse_variable<double>(ctx.grid(), pa, sub, a, factor_, sa_, ua_);
            diffuse_variable<double>(ctx.grid(), ph, sub, h, factor_, sh_, uh_);
        }
    }

private:
    std::vector<double> on_, factor_, sa_, ua_, sh_, uh_;
};

/// @brief Random purpose of centre_nucleation: one draw per membrane site and step.
struct nucleation_draws : random::draw_purpose<random::purpose::user + 40, 0, 1> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "centre nucleation";
};

/**
 * @brief Process: ossification centres appear where the pair's ratio A^2/H exceeds a threshold.
 *
 * A membrane (mesenchymal) site on the vault becomes an osteoblast with hazard
 * k Hill(A^2/H; theta, m) while the membrane's strain rate is at least the gate (after which
 * no new centre forms). New osteoblasts that touch (Moore neighbourhood) a labelled site join
 * its centre; the others form new centres, named by the nearest lobe. Centres of the same bone
 * younger than `merge_window` whose osteoblasts touch are merged (one peak nucleates over
 * several sites and steps). Decisions read the state at the start of the step.
 */
struct centre_nucleation {
    /// @brief Name in messages.
    static constexpr std::string_view name = "centre_nucleation";
    /// @brief Reads the pair.
    using reads = field_list<activator, inhibitor>;
    /// @brief Changes cells and labels.
    using writes = field_list<cells, bone_label, recruited_at>;
    /// @brief Brings the labels and recruitment times.
    using owns = field_list<bone_label, recruited_at>;
    /// @brief Its draws.
    using purposes = random::purpose_list<nucleation_draws>;

    /// @brief The shared vault state (centres are registered in it).
    std::shared_ptr<vault_state> vault;
    /// @brief Hazard of a site at the peak.
    parameter<rate> hazard{"hazard", rate::from_value(1.0), rate::from_value(0.0), rate::from_value(100.0),
                           "assumed: membrane at an activator peak differentiates within about a day"};
    /// @brief Threshold of A^2/H (in units of its homogeneous value 1).
    parameter<double> ratio_threshold{"ratio_threshold", 3.0, 1.0, 100.0,
                                      "Lee et al. 2019: a_T = 3e-3 over the homogeneous a^2/h = mu_h/rho_h = 1e-3"};
    /// @brief Hill coefficient of the threshold.
    parameter<double> hill{"hill", 16.0, 1.0, 64.0, "Lee et al. 2019: m = 16"};
    /// @brief Smallest membrane strain rate at which centres form.
    parameter<rate> strain_gate{"strain_gate", rate::from_value(0.045), rate::from_value(0.0), rate::from_value(1.0),
                                "assumed (Lee et al. 2019 gate bone formation on membrane strain): closes the "
                                "window of new centres at ~12 gestational weeks, when the vault's strain rate falls "
                                "below 0.045/d; the primary vault centres are all present by 8-10 weeks after "
                                "fertilisation (O'Rahilly & Gardner 1972)"};
    /// @brief Centres younger than this that touch are one centre.
    parameter<duration> merge_window{"merge_window", duration::from_value(7.0), duration::from_value(0.0),
                                     duration::from_value(100.0),
                                     "assumed: one activator peak nucleates over a few days"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(hazard), v(ratio_threshold), v(hill), v(strain_gate), v(merge_window); }

    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) {
        const auto& map = vault->map();
        const double now = ctx.now_days(), h = dt.value();
        auto label = ctx.template field_mut<bone_label>();
        auto when = ctx.template field_mut<recruited_at>();
        constexpr auto mes = Context::template index_of<mesenchymal>();
        constexpr auto ob = Context::template index_of<osteoblast>();
        const auto state = ctx.states();
        if (vault->strain_rate() >= strain_gate.get().value()) {
            const auto a = ctx.template field<activator>();
            const auto hh = ctx.template field<inhibitor>();
            const auto draw = ctx.template draws<nucleation_draws>();
            const double k = hazard.internal() * h, th = ratio_threshold, m = hill;
            fresh_.clear();
            for (std::size_t i = 0; i < map.size(); ++i) {
                if (state[i] != mes || !map.inside(i)) continue;
                const double r = static_cast<double>(a[i]) * static_cast<double>(a[i]) / (static_cast<double>(hh[i]) + 1e-9);
                if (r < 0.5 * th) continue;
                const double x = std::pow(r / th, m);
                if (draw.uniform(i) < -std::expm1(-k * x / (1.0 + x))) fresh_.push_back(i);
            }
            for (const auto i : fresh_) {
                ctx.set_state(i, ob, static_cast<float>(now + h));
                when[i] = static_cast<float>(now + h);
                label[i] = pending;
            }
            for (const auto i : fresh_) {
                if (label[i] == pending) assign_cluster(map, label, i, now + h);
            }
        }
        merge_young(map, label, now + h);
    }

private:
    static constexpr std::uint8_t pending = 0xfe;

    template <class Labels>
    void assign_cluster(const vault_map& map, Labels& label, std::size_t seed_site, double t) {
        stack_.assign(1, seed_site);
        cluster_.assign(1, seed_site);
        label[seed_site] = 0xfd;  // visited
        std::uint8_t join = no_label;
        while (!stack_.empty()) {
            const auto i = stack_.back();
            stack_.pop_back();
            for_each_moore(map, i, [&](std::size_t j) {
                if (label[j] == pending) {
                    label[j] = 0xfd;
                    stack_.push_back(j);
                    cluster_.push_back(j);
                } else if (label[j] < vault->centres().size() && join == no_label) {
                    join = label[j];
                }
            });
        }
        if (join == no_label) join = nearby_label(map, label, seed_site);
        if (join == no_label) {
            join = vault->add_centre({vault->bone_at(seed_site), t, map.theta(seed_site), map.phi(seed_site)});
        }
        for (const auto j : cluster_) label[j] = join;
    }
    // A labelled site within the activator's reach (3 sites) of a new cluster: the same peak.
    template <class Labels>
    std::uint8_t nearby_label(const vault_map& map, const Labels& label, std::size_t i) const {
        const auto xy = map.coords(i);
        const std::size_t labels = vault->centres().size();
        std::uint8_t best = no_label;
        int best_d = 1 << 30;
        for (int dy = -3; dy <= 3; ++dy) {
            for (int dx = -3; dx <= 3; ++dx) {
                const int x = xy[0] + dx, y = xy[1] + dy;
                if (x < 0 || y < 0 || x >= map.nx() || y >= map.ny() || dx * dx + dy * dy >= best_d) continue;
                const auto l = label[static_cast<std::size_t>(x) + static_cast<std::size_t>(y) * static_cast<std::size_t>(map.nx())];
                if (l < labels) best = l, best_d = dx * dx + dy * dy;
            }
        }
        return best;
    }
    template <class Labels>
    void merge_young(const vault_map& map, Labels& label, double t) {
        const auto& c = vault->centres();
        const double window = merge_window.get().value();
        bool young = false;
        for (const auto& r : c) young = young || (!r.retired && t - r.onset < window);
        if (!young) return;
        parent_.resize(c.size());
        std::iota(parent_.begin(), parent_.end(), std::uint8_t{0});
        const auto find = [&](std::uint8_t l) {
            while (parent_[l] != l) l = parent_[l] = parent_[parent_[l]];
            return l;
        };
        bool any = false;
        for (std::size_t i = 0; i < map.size(); ++i) {
            if (label[i] >= c.size()) continue;
            for_each_moore(map, i, [&](std::size_t j) {
                if (label[j] >= c.size() || label[j] == label[i]) return;
                const auto p = find(label[i]), q = find(label[j]);
                if (p == q || c[p].bone != c[q].bone || (t - c[p].onset >= window && t - c[q].onset >= window)) return;
                const auto keep = c[p].onset <= c[q].onset ? p : q;
                parent_[keep == p ? q : p] = keep;
                any = true;
            });
        }
        if (!any) return;
        for (std::size_t i = 0; i < map.size(); ++i) {
            if (label[i] < c.size()) label[i] = find(label[i]);
        }
        for (std::size_t l = 0; l < parent_.size(); ++l) {
            if (parent_[l] != l) vault->retire(static_cast<std::uint8_t>(l));
        }
    }
    template <class F>
    static void for_each_moore(const vault_map& map, std::size_t i, F&& f) {
        const auto xy = map.coords(i);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                const int x = xy[0] + dx, y = xy[1] + dy;
                if ((dx == 0 && dy == 0) || x < 0 || y < 0 || x >= map.nx() || y >= map.ny()) continue;
                f(static_cast<std::size_t>(x) + static_cast<std::size_t>(y) * static_cast<std::size_t>(map.nx()));
            }
        }
    }

    std::vector<std::size_t> fresh_, stack_, cluster_;
    std::vector<std::uint8_t> parent_;
};

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_PROCESSES_HPP
