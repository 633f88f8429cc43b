/// @file
/// @brief Sprouting angiogenesis on the lattice: tip cells climb the VEGF gradient, stalk cells
/// follow (the vessel grows by their division behind the tip), sprouts branch after a drawn
/// length and fuse with vessels they meet (anastomosis). After Anderson & Chaplain 1998 (Bull
/// Math Biol 60:857: a biased random walk of tips, branching, anastomosis), with the rates of
/// Qutub & Popel 2009 (activation threshold) and Dazzi et al. 2023 (10 um lattice, tip speed,
/// branching lengths).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_ANGIOGENESIS_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_ANGIOGENESIS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../../cell/per_state.hpp"
#include "../../cell/states.hpp"
#include "../../process/claims.hpp"
#include "../../random/purpose.hpp"
#include "../../signal/signals.hpp"
#include "../../space/shape.hpp"
#include "../../tissue/archive.hpp"
#include "../../tissue/context.hpp"
#include "../../units/parameter.hpp"
#include "cells.hpp"
#include "displacement.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief Draws of sprouting_angiogenesis: per sub-step k indices 12k .. 12k + 10 (move, target,
/// claim priority, branch target, branch priority, two branch lengths, where a pushed cell goes
/// and its priority for steps and for branches), and 4090-4092 for activation.
struct angiogenesis_draws : random::draw_purpose<random::purpose::user + 641, 0, 4096> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "sprouting angiogenesis";
};

/**
 * @brief Process: sprouting angiogenesis of endothelial cells carrying the vessel_cell attribute.
 *
 * Each step, from the state at its start: a tip sensing VEGF (the mean over its face neighbours
 * outside the vessel) below `tip_threshold` stops (becomes a stalk cell); a stalk cell sensing
 * VEGF above it, with a free face neighbour and no tip within
 * `inhibition_radius` (Dll4-Notch lateral inhibition), becomes a tip with hazard
 * `sprouting_rate`. Then, in sub-steps of at most one site, each tip advances with probability
 * speed dt / (h n) to a free face neighbour j drawn with weight
 * exp(bias cos(angle between the step and the VEGF gradient) + persistence [same direction as
 * its last step]); the tip moves and a stalk cell (its division) fills the site it left. A sprout
 * that has grown its drawn branching length (uniform between `branch_min` and `branch_max`)
 * puts a new tip into a free side neighbour; a tip that has grown two sites and touches another
 * vessel cell (not the one behind it) fuses with it and becomes a stalk cell (anastomosis).
 * Competing requests for a site are settled by random priority, so results do not depend on the
 * order in which tips are visited.
 * @tparam Signal the angiogenic signal (vegf)
 */
template <class Signal = vegf>
class sprouting_angiogenesis {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "sprouting_angiogenesis";
    /// @brief Reads the signal (and bone and marrow, through is_free).
    using reads = field_list<Signal, bone_matrix>;
    /// @brief Moves, adds and retags cells.
    using writes = field_list<cells>;
    /// @brief Its random purpose.
    using purposes = random::purpose_list<angiogenesis_draws>;

    /// @brief VEGF level of tip activation.
    parameter<concentration> tip_threshold{"tip_threshold", concentration::from_value(0.011), concentration::from_value(0.0),
                                           concentration::from_value(1e6), "0.5 ng/mL (Qutub & Popel 2009)"};
    /// @brief Tip speed.
    parameter<velocity> tip_speed{"tip_speed", velocity::from_value(360.0), velocity::from_value(0.0),
                                  velocity::from_value(1e4), "15 um/h (Dazzi et al. 2023)"};
    /// @brief Shortest branching length.
    parameter<length> branch_min{"branch_min", length::from_value(100.0), length::from_value(10.0),
                                 length::from_value(2500.0), "Dazzi et al. 2023"};
    /// @brief Longest branching length.
    parameter<length> branch_max{"branch_max", length::from_value(300.0), length::from_value(10.0),
                                 length::from_value(2500.0), "Dazzi et al. 2023"};
    /// @brief Hazard of a new sprout from an activated stalk cell.
    parameter<rate> sprouting_rate{"sprouting_rate", rate::from_value(0.05), rate::from_value(0.0), rate::from_value(100.0),
                                   "assumed"};
    /// @brief Chemotactic bias (log-weight of a step along the gradient).
    parameter<double> bias{"bias", 2.0, 0.0, 50.0, "assumed"};
    /// @brief Persistence (log-weight of keeping the last direction).
    parameter<double> persistence{"persistence", 1.0, 0.0, 50.0, "assumed"};
    /// @brief Lateral inhibition radius around tips.
    parameter<length> inhibition_radius{"inhibition_radius", length::from_value(30.0), length::from_value(0.0),
                                        length::from_value(1000.0), "assumed"};

    /// @brief States whose cells a sprout pushes aside into a free neighbouring site (soft
    /// connective-tissue cells; vessels invade the mesenchyme).
    per_state<bool> displaceable{"displaceable", false, false, true, "set by the model"};

    /// @brief Tips activated so far (new sprouts).
    std::uint64_t sprouts = 0;
    /// @brief Branchings so far.
    std::uint64_t branchings = 0;
    /// @brief Anastomoses so far.
    std::uint64_t anastomoses = 0;
    /// @brief Sites the vessels have grown by so far (stalk divisions behind tips).
    std::uint64_t extensions = 0;

    /// @brief Binds the per-state table to the tissue's lineage.
    template <class Grid>
    void bind(const lineage_info& info, const Grid&) {
        displaceable.bind(info);
    }
    /// @brief Lists the parameters.
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit(tip_threshold), visit(tip_speed), visit(branch_min), visit(branch_max);
        visit(sprouting_rate), visit(bias), visit(persistence), visit(inhibition_radius);
        visit("", displaceable);
    }
    /// @brief Saves the counters (checkpoints).
    void save_state(checkpoint_writer& w) const {
        w.u64(sprouts), w.u64(branchings), w.u64(anastomoses), w.u64(extensions);
    }
    /// @brief Restores the counters.
    void restore_state(checkpoint_reader& r) {
        sprouts = r.u64(), branchings = r.u64(), anastomoses = r.u64(), extensions = r.u64();
    }
    /// @brief Checks the parameters and sizes the buffers.
    template <class Context>
    void prepare(const Context& ctx, duration) {
        if (branch_max.get().value() < branch_min.get().value()) {
            throw invalid_parameter("ossify::fig641::sprouting_angiogenesis", "branch_max",
                                    format_value(branch_max.get().value()) + " um",
                                    ">= branch_min = " + format_value(branch_min.get().value()) + " um");
        }
        tips_.reserve(1024);
        for (std::size_t k = 0; k < Context::state_count; ++k) push_[k] = displaceable.internal(k) != 0.0 ? 1 : 0;
        room_.prepare(ctx.shape().sites());
    }

    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept {
        constexpr std::size_t dim = Context::dimension;
        constexpr auto endo = Context::template index_of<endothelial>();
        const auto& shape = ctx.shape();
        const double h = ctx.grid().spacing_um(), now = ctx.now_days(), t = dt.value();
        const auto c = ctx.template field<Signal>();
        const auto states = ctx.states();
        const auto draw = ctx.template draws<angiogenesis_draws>();
        const double thr = tip_threshold.internal();
        const double p_sprout = -std::expm1(-sprouting_rate.internal() * t);
        // 1. Activation and deactivation, judged on the state at the start of the step.
        tips_.clear();
        changes_.clear();
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (states[i] != endo) continue;
            const auto& a = ctx.attribute(i);
            if (a.is_tip()) {
                if (sensed(ctx, c, i) < thr) changes_.push_back({i, 0});
                else tips_.push_back(i);
            } else if (draw.uniform(i, 4090) < p_sprout && sensed(ctx, c, i) >= thr && has_room(ctx, i) &&
                       !tip_near(ctx, i)) {
                changes_.push_back({i, 1});
            }
        }
        for (const auto& [i, to_tip] : changes_) {
            auto& a = ctx.attribute_mut(i);
            if (to_tip != 0) {
                a = vessel_cell{static_cast<std::uint8_t>(vessel_role::tip), 0xff, 0, branch_length(draw, i, 4091, h),
                                sprout_id(draw, i, 4092)};
                tips_.push_back(i);
                ++sprouts;
            } else {
                a.role = static_cast<std::uint8_t>(vessel_role::stalk);
            }
        }
        std::sort(tips_.begin(), tips_.end());
        // 2. Sub-steps of at most one site per tip.
        const double sites = tip_speed.internal() * t / h;
        const auto n = static_cast<std::uint32_t>(std::clamp(std::ceil(sites), 1.0, 339.0));
        const double p_move = std::min(1.0, sites / n);
        for (std::uint32_t s = 0; s < n && !tips_.empty(); ++s) {
            const std::uint32_t base = 12 * s;
            const auto when = static_cast<float>(now + t * (s + 1) / n);
            claims_.reset();
            for (const auto i : tips_) {
                if (!(draw.uniform(i, base) < p_move)) continue;
                std::size_t target = 0;
                if (choose_step(ctx, c, i, draw.uniform(i, base + 1), target)) {
                    claims_[0].push_back({target, draw.uniform(i, base + 2), i});
                }
            }
            for (const auto& cl : room_.settle(ctx, claims_, draw, base + 7)) {
                ctx.divide(cl.source, cl.target, when);
                auto tip = ctx.attribute(cl.source);
                tip.heading = direction(shape, cl.source, cl.target);
                tip.run = static_cast<std::uint8_t>(std::min(255, tip.run + 1));
                ctx.attribute_mut(cl.target) = tip;
                ctx.attribute_mut(cl.source) = vessel_cell{static_cast<std::uint8_t>(vessel_role::stalk), tip.heading, 0, 0, tip.sprout};
                // tips_ is sorted and unchanged until the loop ends: find the mover's entry.
                const auto at = static_cast<std::size_t>(std::lower_bound(tips_.begin(), tips_.end(), cl.source) - tips_.begin());
                moved_.push_back({at, cl.target});
                ++extensions;
            }
            for (const auto& [at, to] : moved_) tips_[at] = to;
            moved_.clear();
            std::sort(tips_.begin(), tips_.end());
            // Branching: a sprout that has grown its branching length puts out a side tip.
            claims_.reset();
            for (const auto i : tips_) {
                const auto& a = ctx.attribute(i);
                if (a.run < a.branch_at) continue;
                std::array<std::size_t, 6> side{};
                std::size_t m = 0;
                for_each_face_neighbour<dim>(shape, i, [&](std::size_t j) {
                    if (passable(ctx, j) && direction(shape, i, j) != a.heading) side[m++] = j;
                });
                if (m == 0) continue;
                const auto pick = std::min(static_cast<std::size_t>(draw.uniform(i, base + 3) * static_cast<double>(m)), m - 1);
                claims_[0].push_back({side[pick], draw.uniform(i, base + 4), i});
            }
            for (const auto& cl : room_.settle(ctx, claims_, draw, base + 9)) {
                ctx.divide(cl.source, cl.target, when);
                auto& parent = ctx.attribute_mut(cl.source);
                parent.run = 0;
                parent.branch_at = branch_length(draw, cl.source, base + 5, h);
                ctx.attribute_mut(cl.target) = vessel_cell{static_cast<std::uint8_t>(vessel_role::tip),
                                                           direction(shape, cl.source, cl.target), 0,
                                                           branch_length(draw, cl.source, base + 6, h), parent.sprout};
                tips_.insert(std::lower_bound(tips_.begin(), tips_.end(), cl.target), cl.target);
                ++branchings;
                ++extensions;
            }
            // Anastomosis: a tip touching a cell of another sprout fuses with it; a cell of its own
            // sprout tree only once it has grown a branching length since it last branched (a loop).
            const auto loop_sites = static_cast<std::uint8_t>(std::clamp(std::lround(branch_min.internal() / h), 1L, 255L));
            std::size_t kept = 0;
            for (const auto i : tips_) {
                const auto& a = ctx.attribute(i);
                bool fuse = false;
                if (a.run >= 2) {
                    const std::uint8_t behind = a.heading == 0xff ? 0xff : static_cast<std::uint8_t>(a.heading ^ 1u);
                    for_each_face_neighbour<dim>(shape, i, [&](std::size_t j) {
                        fuse = fuse || (states[j] == endo && direction(shape, i, j) != behind &&
                                        (ctx.attribute(j).sprout != a.sprout || a.run >= loop_sites));
                    });
                }
                if (fuse) {
                    ctx.attribute_mut(i).role = static_cast<std::uint8_t>(vessel_role::stalk);
                    ++anastomoses;
                } else {
                    tips_[kept++] = i;
                }
            }
            tips_.resize(kept);
        }
    }

private:
    // Face-neighbour index (0..5: x-, x+, y-, y+, z-, z+) of the step from i to its neighbour j.
    static std::uint8_t direction(const lattice_shape& s, std::size_t i, std::size_t j) noexcept {
        if (j + 1 == i) return 0;
        if (j == i + 1) return 1;
        if (j + s.sy == i) return 2;
        if (j == i + s.sy) return 3;
        if (j + s.sz == i) return 4;
        return 5;
    }
    template <class Draw>
    [[nodiscard]] static std::uint16_t sprout_id(const Draw& draw, std::size_t entity, std::uint32_t index) noexcept {
        return static_cast<std::uint16_t>(1u + static_cast<std::uint32_t>(draw.uniform(entity, index) * 65535.0));
    }
    template <class Draw>
    [[nodiscard]] std::uint8_t branch_length(const Draw& draw, std::size_t entity, std::uint32_t index, double h) const noexcept {
        const double lo = branch_min.internal() / h, hi = branch_max.internal() / h;
        const double l = lo + draw.uniform(entity, index) * (hi - lo);
        return static_cast<std::uint8_t>(std::clamp(std::lround(l), 1L, 255L));
    }
    // The VEGF an endothelial cell senses: the mean over its face neighbours outside the vessel
    // (the tissue around it; its own site is depleted by its receptors' uptake), else its own site.
    template <class Context, class Field>
    static double sensed(const Context& ctx, const Field& c, std::size_t i) noexcept {
        constexpr auto vessel = Context::blocking_states();
        double sum = 0.0;
        int n = 0;
        for_each_face_neighbour<Context::dimension>(ctx.shape(), i, [&](std::size_t j) {
            if (vessel[ctx.states()[j]] != 0) return;
            sum += static_cast<double>(c[j]);
            ++n;
        });
        return n > 0 ? sum / n : static_cast<double>(c[i]);
    }
    template <class Context>
    bool has_room(const Context& ctx, std::size_t i) const noexcept {
        bool any = false;
        for_each_face_neighbour<Context::dimension>(ctx.shape(), i, [&](std::size_t j) { any = any || passable(ctx, j); });
        return any;
    }
    // True when a tip cell lies within the inhibition radius (a box of that half-width).
    template <class Context>
    bool tip_near(const Context& ctx, std::size_t i) const noexcept {
        const auto& s = ctx.shape();
        const auto r = static_cast<long>(std::floor(inhibition_radius.internal() / ctx.grid().spacing_um()));
        if (r <= 0) return false;
        constexpr auto endo = Context::template index_of<endothelial>();
        const auto states = ctx.states();
        const long x = static_cast<long>(i % s.nx), y = static_cast<long>((i / s.nx) % s.ny), z = static_cast<long>(i / s.sz);
        const long zr = Context::dimension == 3 ? r : 0;
        for (long dz = -zr; dz <= zr; ++dz) {
            for (long dy = -r; dy <= r; ++dy) {
                for (long dx = -r; dx <= r; ++dx) {
                    const long xx = x + dx, yy = y + dy, zz = z + dz;
                    if (xx < 0 || yy < 0 || zz < 0 || xx >= static_cast<long>(s.nx) || yy >= static_cast<long>(s.ny) ||
                        zz >= static_cast<long>(s.nz)) {
                        continue;
                    }
                    const auto j = static_cast<std::size_t>(xx) + s.sy * static_cast<std::size_t>(yy) + s.sz * static_cast<std::size_t>(zz);
                    if (states[j] == endo && ctx.attribute(j).is_tip()) return true;
                }
            }
        }
        return false;
    }
    template <class Context>
    bool passable(const Context& ctx, std::size_t j) const noexcept {
        return room_maker::passable(ctx, push_, j);
    }
    // The next site of the tip at i: a free face neighbour drawn with weight exp(bias cos + persistence).
    template <class Context, class Field>
    bool choose_step(const Context& ctx, const Field& c, std::size_t i, double u, std::size_t& target) const noexcept {
        constexpr std::size_t dim = Context::dimension;
        const auto& s = ctx.shape();
        const std::size_t x = i % s.nx, y = (i / s.nx) % s.ny, z = i / s.sz;
        const std::array<std::size_t, 3> at{x, y, z}, n{s.nx, s.ny, s.nz}, stride{1, s.sy, s.sz};
        std::array<double, 3> g{};
        double norm = 0.0;
        for (std::size_t a = 0; a < dim; ++a) {
            const std::size_t lo = at[a] > 0 ? i - stride[a] : i, hi = at[a] + 1 < n[a] ? i + stride[a] : i;
            g[a] = static_cast<double>(c[hi]) - static_cast<double>(c[lo]);
            norm += g[a] * g[a];
        }
        norm = std::sqrt(norm);
        const auto heading = ctx.attribute(i).heading;
        std::array<std::size_t, 6> free{};
        std::array<double, 6> w{};
        std::size_t m = 0;
        double total = 0.0;
        for_each_face_neighbour<dim>(s, i, [&](std::size_t j) {
            if (!passable(ctx, j)) return;
            const std::uint8_t d = direction(s, i, j);
            const double cosine = norm > 0.0 ? (d % 2 == 1 ? 1.0 : -1.0) * g[d / 2] / norm : 0.0;
            const double weight = std::exp(bias.get() * cosine + (d == heading ? persistence.get() : 0.0));
            free[m] = j;
            w[m++] = weight;
            total += weight;
        });
        if (m == 0) return false;
        double acc = 0.0;
        const double pick = u * total;
        target = free[m - 1];
        for (std::size_t k = 0; k < m; ++k) {
            acc += w[k];
            if (pick < acc) {
                target = free[k];
                break;
            }
        }
        return true;
    }

    std::vector<std::size_t> tips_;
    std::vector<std::pair<std::size_t, std::uint8_t>> changes_;
    std::vector<std::pair<std::size_t, std::size_t>> moved_;
    std::array<std::uint8_t, 256> push_{};
    site_claims claims_;
    room_maker room_;
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_ANGIOGENESIS_HPP
