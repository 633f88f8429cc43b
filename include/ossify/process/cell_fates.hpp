/// @file
/// @brief The cell-fate process: every cell advances through the tissue's rules (competing
/// risks, exact in time); transitions apply at once, then deaths, then divisions into free
/// neighbouring sites.
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_CELL_FATES_HPP
#define OSSIFY_PROCESS_CELL_FATES_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../random/purpose.hpp"
#include "../space/shape.hpp"
#include "../tissue/context.hpp"
#include "../transition/advance.hpp"
#include "claims.hpp"
#include "detail/rows.hpp"
#include "parallel.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Draws of cell_fates for the competing risks of a cell (indices 0, 1, 2 ...).
struct transition_draws : random::draw_purpose<random::purpose::transition, 0, 0x10000u> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "transition";
};
/// @brief Draws of cell_fates for where a daughter goes (index 0) and its claim's priority (1).
struct division_draws : random::draw_purpose<random::purpose::division_direction, 0, 2> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "division direction";
};

/**
 * @brief Process: every cell advances through its rules (advance_cell); transitions are
 * collected and applied after all cells have been advanced, so every policy sees the tissue
 * as it was at the start of the phase; then deaths; then divisions, each daughter claiming a
 * free face neighbour (claims settled by random priority, so the result is the same for any
 * visiting order and thread count). A policy returning a NaN or negative hazard makes the step
 * fail before anything is changed (model_error naming the rule).
 */
class cell_fates {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "cell_fates";
    /// @brief Policies read the signals and fields they name.
    using reads = field_list<all_fields, bone_matrix>;
    /// @brief Changes, removes and adds cells.
    using writes = field_list<cells>;
    /// @brief Its random purposes.
    using purposes = random::purpose_list<transition_draws, division_draws>;
    /// @brief A failing policy is found before anything is changed.
    static constexpr bool strong_guarantee = true;

    /// @brief Sizes the buffers so that the step allocates nothing.
    template <class Context>
    void prepare(const Context& ctx, duration) {
        std::size_t cells = 0;
        for (const auto c : ctx.counts()) cells += c;
        changes_.reserve(cells);
        dying_.reserve(cells);
        dividing_.reserve(cells);
        dying_all_.reserve(cells);
        dividing_all_.reserve(cells);
        claims_.reserve(cells);
        ids_.reserve(ctx.shape().nx);
        first_.reserve(ctx.shape().nx);
        fires_.reserve(Context::rules_type::size);
        pending_.reserve(ctx.shape().nx);
    }

    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept(Context::rules_type::never_fails) {
        using rules_type = typename Context::rules_type;
        const auto& rules = ctx.rules();
        const auto& shape = ctx.shape();
        const double now = ctx.now_days(), h = dt.value();
        const auto draw = ctx.template draws<transition_draws>();
        const bool reverse = ctx.order() == visit_order::reverse;
        const std::uint8_t* state = ctx.states().data();
        const float* entered = ctx.entry_times().data();
        changes_.reset();
        dying_.reset();
        dividing_.reset();
        ids_.reset();
        first_.reset();
        fires_.reset();
        for (auto& f : fires_.buffers) f.assign(rules_type::size, 0);
        pending_.reset();
        parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            auto& changes = changes_[th];
            auto& dying = dying_[th];
            auto& dividing = dividing_[th];
            std::uint64_t* fires = fires_[th].data();
            auto& ids = ids_[th];
            auto& first = first_[th];
            auto& pending = pending_[th];
            ids.resize(shape.nx);
            first.resize(shape.nx);
            pending.resize(shape.nx);
            const auto row = [&](std::size_t r) {
                // A first look at every cell of the row (its hazards at the start of the step),
                // one state at a time: a cell the step cannot change whatever the draws is done.
                // The first draws of the others that need one are made together; a cell whose
                // first draw says that nothing happens is done too, and the rest are advanced.
                const std::size_t base = r * shape.nx;
                const std::uint8_t* row_state = state + base;
                std::size_t np = 0, m = 0;
                Context::lineage_type::for_each([&]<class S>() {
                    if constexpr (rules_type::template count_from<S> > 0) {
                        constexpr auto s = static_cast<std::uint8_t>(Context::lineage_type::template index_of<S>);
                        detail::for_each_equal(row_state, shape.nx, s, reverse, [&](std::size_t x) {
                            const std::size_t i = base + x;
                            const double tis = now - static_cast<double>(entered[i]);
                            const auto look = look_at_cell_in<S>(rules, tis, now, h, ctx.environment(i));
                            if (look.quiet) return;
                            pending[np++] = {i, look.threshold, look.needs_first_draw, look.settled_by_first_draw};
                            ids[m] = i;
                            m += look.needs_first_draw ? 1u : 0u;
                        });
                    }
                });
                draw.uniforms(ids.data(), m, transition_draws::first_index, first.data());
                std::size_t k = 0;
                for (std::size_t q = 0; q < np; ++q) {
                    const auto& p = pending[q];
                    const std::size_t i = p.site;
                    const double u0 = p.drawn ? first[k++] : 0.0;
                    if (p.settled && (1.0 - u0) > p.threshold) continue;  // nothing happens (advance_cell's test)
                    const auto env = ctx.environment(i);
                    const cell_outcome out = advance_cell_from(
                        look_at_cell(rules, state[i], now - static_cast<double>(entered[i]), now, h, env), rules, env,
                        [&](std::uint32_t j) { return j == 0 && p.drawn ? u0 : draw.uniform(i, j); }, 64,
                        ctx.counts_events_at(i) ? fires : nullptr);
                    const double at = out.event ? out.event_offset : h;
                    if (out.transitions > 0) {
                        changes.push_back({i, static_cast<std::uint8_t>(out.state),
                                           static_cast<float>(now + at - out.time_in_state)});
                    }
                    if (out.event) {
                        if (out.event_kind == rule_kind::death) dying.push_back(i);
                        else dividing.push_back({i, now + at});
                    }
                }
            };
            if (reverse) {
                for (std::size_t r = r1; r-- > r0;) row(r);
            } else {
                for (std::size_t r = r0; r < r1; ++r) row(r);
            }
        });
        // Nothing has changed so far; from here on nothing throws.
        auto& total = ctx.rule_fires();
        for (const auto& f : fires_.buffers) {
            for (std::size_t k = 0; k < f.size(); ++k) total[k] += f[k];
        }
        for (const auto& b : changes_.buffers) {
            for (const auto& c : b) ctx.set_state(c.site, c.state, c.entered);
        }
        dying_.gather(dying_all_);
        for (const auto i : dying_all_) ctx.kill(i);
        dividing_.gather(dividing_all_);
        divide(ctx);
    }

private:
    struct division {
        std::size_t site;
        double at;
    };
    struct change {
        std::size_t site;
        std::uint8_t state;
        float entered;
    };
    // A cell of a row whose step may change it (cell_look: threshold, needs_first_draw,
    // settled_by_first_draw).
    struct pending_cell {
        std::size_t site;
        double threshold;
        bool drawn;
        bool settled;
    };

    template <class Context>
    void divide(Context& ctx) noexcept {
        if (dividing_all_.empty()) return;
        constexpr std::size_t dim = Context::dimension;
        const auto where = ctx.template draws<division_draws>();
        std::sort(dividing_all_.begin(), dividing_all_.end(),
                  [](const division& a, const division& b) { return a.site < b.site; });
        // Claims in parallel (the free sites are read only; each division's draws are keyed by
        // its site), settled by an order-independent rule: the same for any thread count.
        claims_.reset();
        blocked_.assign(std::max<std::size_t>(thread_count(), 1), 0);
        parallel_rows(dividing_all_.size(), [&](std::size_t k0, std::size_t k1, std::size_t th) {
            auto& claims = claims_[th];
            std::uint64_t blocked = 0;
            for (std::size_t k = k0; k < k1; ++k) {
                const auto& dv = dividing_all_[k];
                std::array<std::size_t, 6> free{};
                std::size_t n = 0;
                for_each_face_neighbour<dim>(ctx.shape(), dv.site, [&](std::size_t j) {
                    if (ctx.is_free(j)) free[n++] = j;
                });
                // Counted as blocked now; a claim that wins is taken back below.
                if (ctx.counts_events_at(dv.site)) ++blocked;
                if (n == 0) continue;
                const auto pick = std::min(static_cast<std::size_t>(where.uniform(dv.site, 0) * static_cast<double>(n)), n - 1);
                claims.push_back({free[pick], where.uniform(dv.site, 1), dv.site});
            }
            blocked_[th] = blocked;
        });
        for (const auto b : blocked_) ctx.events().blocked_divisions += b;
        const auto& won = claims_.settle();
        for (const auto& c : won) {
            if (ctx.counts_events_at(c.source)) --ctx.events().blocked_divisions;
            const auto it = std::lower_bound(dividing_all_.begin(), dividing_all_.end(), c.source,
                                             [](const division& a, std::size_t s) { return a.site < s; });
            ctx.divide(c.source, c.target, static_cast<float>(it->at));
        }
    }

    per_thread<std::uint64_t> ids_;
    per_thread<double> first_;
    per_thread<pending_cell> pending_;
    per_thread<change> changes_;
    per_thread<std::size_t> dying_;
    per_thread<division> dividing_;
    per_thread<std::uint64_t> fires_;
    std::vector<std::size_t> dying_all_;
    std::vector<division> dividing_all_;
    site_claims claims_;
    std::vector<std::uint64_t> blocked_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_CELL_FATES_HPP
