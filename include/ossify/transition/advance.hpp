/// @file
/// @brief Advancing one cell through a step: competing risks drawn exactly, so the statistics
/// do not depend on the step length.
#include "../config.hpp"
#ifndef OSSIFY_TRANSITION_ADVANCE_HPP
#define OSSIFY_TRANSITION_ADVANCE_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "../detail/error.hpp"
#include "../units/quantities.hpp"
#include "rule_set.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The read-only context a policy sees for one cell: its time in state, the clock,
 * and whatever the tissue's environment `Env` offers (`signal<S>()`, `entrapment()` ...).
 * @tparam Env the tissue's per-site environment
 */
template <class Env>
class cell_context {
public:
    /// @brief A context for a cell that has spent `time_in_state_d` days in its state at time `now_d`.
    constexpr cell_context(const Env& env, double time_in_state_d, double now_d) noexcept
        : env_(&env), time_in_state_(time_in_state_d), now_(now_d) {}
    /// @brief Time the cell has spent in its current state.
    [[nodiscard]] duration time_in_state() const noexcept { return duration::from_value(time_in_state_); }
    /// @brief The simulation clock.
    [[nodiscard]] duration now() const noexcept { return duration::from_value(now_); }
    /// @brief Local concentration of Signal.
    template <class Signal>
    [[nodiscard]] concentration signal() const requires requires(const Env& e) { e.template signal<Signal>(); } {
        return env_->template signal<Signal>();
    }
    /// @brief Mineralised fraction of the cell's neighbourhood, in [0, 1].
    [[nodiscard]] double entrapment() const requires requires(const Env& e) { e.entrapment(); } {
        return env_->entrapment();
    }
    /// @brief Occupied fraction of the cell's neighbourhood, in [0, 1].
    [[nodiscard]] double local_density() const requires requires(const Env& e) { e.local_density(); } {
        return env_->local_density();
    }
    /// @brief 1 on the outer bone surface, else 0.
    [[nodiscard]] double outer_surface() const requires requires(const Env& e) { e.outer_surface(); } {
        return env_->outer_surface();
    }
    /// @brief The environment itself, for user policies that need more.
    [[nodiscard]] const Env& environment() const noexcept { return *env_; }

    /// @brief Moves the context forward in time (used while advancing the cell).
    constexpr void advance(double dt_d) noexcept { time_in_state_ += dt_d; now_ += dt_d; }
    /// @brief The cell entered a new state.
    constexpr void enter_state() noexcept { time_in_state_ = 0.0; }
    /// @brief Time in state in days (plain number).
    [[nodiscard]] constexpr double time_in_state_days() const noexcept { return time_in_state_; }
    /// @brief Clock in days (plain number).
    [[nodiscard]] constexpr double now_days() const noexcept { return now_; }

private:
    const Env* env_;
    double time_in_state_;
    double now_;
};

/// @brief What happened to one cell during a step.
struct cell_outcome {
    /// @brief The lineage index of the cell's state at the end (or at its division/death).
    std::size_t state = 0;
    /// @brief The cell's time in state at the end of the step (or at its division/death), days.
    double time_in_state = 0.0;
    /// @brief Number of state transitions made during the step.
    unsigned transitions = 0;
    /// @brief Set when the step ended with a division or a death.
    bool event = false;
    /// @brief Which event ended the step (proliferation or death) when `event` is set.
    rule_kind event_kind = rule_kind::transition;
    /// @brief Time of the division/death from the start of the step, days.
    double event_offset = 0.0;
};

namespace detail {
/// Throws model_error for a NaN or negative hazard, naming the rule (cold path).
template <class Rule>
[[noreturn, gnu::cold, gnu::noinline]] void bad_hazard(double k, std::size_t position) {
    std::string rule(Rule::from::name);
    if constexpr (Rule::kind == rule_kind::transition) rule += " -> " + std::string(Rule::to::name);
    else if constexpr (Rule::kind == rule_kind::proliferation) rule += " proliferation";
    else rule += " death";
    throw model_error("rule " + std::to_string(position) + " (" + rule + "): its policy returned the hazard " +
                      format_value(k) + " d^-1; allowed: >= 0 d^-1 (infinity allowed)");
}
template <class Rules>
struct max_rules_per_state;
template <class L, class... R>
struct max_rules_per_state<basic_rule_set<L, R...>> {
    static constexpr std::size_t value = [] {
        std::size_t m = 0;
        L::for_each([&]<class S>() { m = std::max(m, basic_rule_set<L, R...>::template count_from<S>); });
        return m;
    }();
};
/// Below this, hazard x horizon (with the stepper's margin) decides "nothing before the horizon"
/// for every uniform u in (0, 1): any double u < 1 has 1 - u >= 2^-53.
inline constexpr double smallest_one_minus_u = 0x1p-53;
}  // namespace detail

/**
 * @brief The hazards out of a cell's state at one instant, as advance_cell sees them: the
 * hazard of each rule out of the state (in rule order), the weights of the infinite ones, their
 * sum and the earliest time at which any of them changes.
 * @tparam N the largest number of rules out of one state
 */
template <std::size_t N>
struct hazard_set {
    // The arrays are not initialised: only the first n entries are ever read (a look is made
    // for every cell of a tissue in every step).
    std::array<double, N> h;                 ///< hazard of each rule out of the state (1/d)
    std::array<double, N> w;                 ///< weights of infinite hazards (fate splits)
    std::array<std::uint32_t, N> index;      ///< positions of the rules in the rule set
    std::uint32_t n = 0;                     ///< number of rules out of the state
    std::uint32_t n_inf = 0;                 ///< how many of them are infinite
    double finite_sum = 0.0;                 ///< sum of the finite hazards
    double inf_weight = 0.0;                 ///< sum of the weights of the infinite ones
    double change = std::numeric_limits<double>::infinity();  ///< time until any of them changes (d)
};

namespace detail {
/// The hazards out of state S for a cell in context ctx (throws model_error for a NaN or
/// negative hazard unless every policy never fails).
template <class S, class Rules, class Ctx, std::size_t N>
void evaluate_hazards_of(const Rules& rules, const Ctx& ctx, hazard_set<N>& hs) noexcept(Rules::never_fails) {
    constexpr double infinite = std::numeric_limits<double>::infinity();
    hs.n = 0;
    hs.n_inf = 0;
    hs.finite_sum = 0.0;
    hs.inf_weight = 0.0;
    hs.change = infinite;
    rules.template for_each_from_indexed<S>([&](const auto& rule, std::size_t position) {
        const double k = rule.policy.hazard(ctx).value();
        using policy = typename std::decay_t<decltype(rule)>::policy_type;
        if constexpr (!never_fails_v<policy>) {
            if (!(k >= 0.0)) detail::bad_hazard<std::decay_t<decltype(rule)>>(k, position);
        }
        const std::uint32_t j = hs.n++;
        hs.index[j] = static_cast<std::uint32_t>(position);
        hs.w[j] = 0.0;
        hs.h[j] = k;
        if (k == infinite) {
            ++hs.n_inf;
            hs.w[j] = detail::instant_weight(rule.policy);
            hs.inf_weight += hs.w[j];
        } else {
            hs.finite_sum += k;
        }
        hs.change = std::min(hs.change, detail::next_change_of(rule.policy, ctx).value());
    });
}
/// The same for a state given by its lineage index.
template <class Rules, class Ctx, std::size_t N>
void evaluate_hazards(const Rules& rules, std::size_t state, const Ctx& ctx, hazard_set<N>& hs) noexcept(Rules::never_fails) {
    Rules::lineage_type::visit(state, [&]<class S>() { evaluate_hazards_of<S>(rules, ctx, hs); });
}
}  // namespace detail

/**
 * @brief The first look at a cell in a step (`look_at_cell`): the hazards out of its state at
 * the start of the step, and what they decide before any draw. A tissue looks at every cell,
 * draws the first uniform of a row's cells together for those that need it, and advances only
 * the cells whose step can change them (`advance_cell_from`), with the same outcome, bit for
 * bit, as `advance_cell`.
 * @tparam Rules the rule set
 */
template <class Rules>
struct cell_look {
    /// @brief The hazards at the start of the step.
    hazard_set<detail::max_rules_per_state<Rules>::value> hazards;
    /// @brief The cell's state (lineage index).
    std::size_t state = 0;
    /// @brief Its time in state at the start of the step (d).
    double time_in_state = 0.0;
    /// @brief The clock at the start of the step (d).
    double now = 0.0;
    /// @brief The step (d).
    double dt = 0.0;
    /// @brief False when the step is empty (dt <= 0): nothing was evaluated.
    bool evaluated = false;
    /// @brief True when the step cannot change the cell, whatever the draws: no infinite
    /// hazard, no hazard changing within the step, and a finite sum too small for any uniform
    /// to give a waiting time shorter than the step (0, or below 2^-53 per step).
    bool quiet = true;
    /// @brief True when the first uniform (index 0) decides something: the waiting time, or
    /// the choice among infinite hazards.
    bool needs_first_draw = false;
    /// @brief True when the first uniform alone can tell that nothing happens in the step:
    /// no infinite hazard and none that changes within the step, so a first uniform u with
    /// 1 - u > `threshold` leaves the cell as it is (the common case: advance_cell_from need
    /// not be called for it).
    bool settled_by_first_draw = false;
    /// @brief See settled_by_first_draw: the finite hazards times the step, with the margin
    /// advance_cell compares 1 - u with.
    double threshold = 0.0;
};

/// @brief The first look at a cell of state S (see cell_look): the hazards out of S after
/// `time_in_state` days in it at time `now`, for a step of dt. For tissues that visit the
/// cells of one state at a time.
template <class S, class Rules, class Env>
[[nodiscard]] cell_look<Rules> look_at_cell_in(const Rules& rules, double time_in_state, double now, double dt,
                                               const Env& env) noexcept(Rules::never_fails) {
    cell_look<Rules> look;
    look.state = Rules::lineage_type::template index_of<S>;
    look.time_in_state = time_in_state;
    look.now = now;
    look.dt = dt;
    if constexpr (Rules::template count_from<S> > 0) {
        if (!(dt > 0.0)) return look;
        look.evaluated = true;
        const cell_context<Env> ctx(env, time_in_state, now);
        auto& hs = look.hazards;
        detail::evaluate_hazards_of<S>(rules, ctx, hs);
        const double horizon = std::min(dt, hs.change);
        const double bound = hs.finite_sum * horizon * (1.0 + 1e-9);  // as in advance_cell_from
        const bool decides = hs.n_inf > 0 || (hs.finite_sum > 0.0 && bound >= detail::smallest_one_minus_u);
        look.needs_first_draw = decides;
        look.quiet = !decides && horizon >= dt;
        look.settled_by_first_draw = decides && hs.n_inf == 0 && horizon >= dt;
        look.threshold = bound;
    } else {
        // No rule out of S: nothing to evaluate, nothing can happen (advance_cell's loop
        // finds no hazard and moves on to the end of the step).
        look.evaluated = dt > 0.0 && detail::max_rules_per_state<Rules>::value > 0;
    }
    return look;
}

/// @brief The first look at a cell (see cell_look): the hazards out of `state` after
/// `time_in_state` days in it at time `now`, for a step of dt.
template <class Rules, class Env>
[[nodiscard]] cell_look<Rules> look_at_cell(const Rules& rules, std::size_t state, double time_in_state, double now,
                                            double dt, const Env& env) noexcept(Rules::never_fails) {
    cell_look<Rules> look;
    look.state = state;
    look.time_in_state = time_in_state;
    look.now = now;
    look.dt = dt;
    Rules::lineage_type::visit(state, [&]<class S>() { look = look_at_cell_in<S>(rules, time_in_state, now, dt, env); });
    return look;
}

/**
 * @brief Advances one cell by its look's step, from the hazards of the look (the first look
 * must be of the same rules and environment): the same outcome, bit for bit, as advance_cell
 * for the same cell and draws.
 * @param uniform as for advance_cell (the index-0 draw is asked for only when the look
 *        `needs_first_draw` or the hazards change within the step)
 */
template <class Rules, class Env, class Uniform>
[[nodiscard]] cell_outcome advance_cell_from(const cell_look<Rules>& look, const Rules& rules, const Env& env,
                                             Uniform&& uniform, unsigned max_events = 64,
                                             std::uint64_t* fires = nullptr) noexcept(Rules::never_fails) {
    using lineage = typename Rules::lineage_type;
    constexpr std::size_t max_rules = detail::max_rules_per_state<Rules>::value;
    constexpr double inf = std::numeric_limits<double>::infinity();

    cell_outcome out;
    out.state = look.state;
    cell_context<Env> ctx(env, look.time_in_state, look.now);
    const double dt = look.dt;
    double remaining = dt;
    std::uint32_t draw = 0;

    if constexpr (max_rules > 0) {
        hazard_set<max_rules> local;
        const hazard_set<max_rules>* hs = &look.hazards;
        bool first = look.evaluated;
        while (remaining > 0.0 && out.transitions < max_events) {
            // Hazards out of the current state, the earliest change of any of them (the first
            // iteration's come with the look).
            if (!first) {
                detail::evaluate_hazards(rules, out.state, ctx, local);
                hs = &local;
            }
            first = false;
            const auto& h = hs->h;
            const auto& w = hs->w;
            const std::size_t n = hs->n;
            const double finite_sum = hs->finite_sum, change = hs->change;
            const double horizon = std::min(remaining, change);
            double wait;
            if (hs->n_inf > 0) {
                wait = 0.0;
            } else if (finite_sum > 0.0) {
                // -ln(u) >= 1 - u, so when 1 - u already exceeds the hazard times the horizon
                // (with a margin far above rounding) the waiting time -ln(u) / sum passes the
                // horizon: the same decision as computing it, without the logarithm (most
                // cells, most steps). Every double u < 1 has 1 - u >= 2^-53, so below that
                // bound the draw decides nothing and is not made (its index is used up all
                // the same).
                const double bound = finite_sum * horizon * (1.0 + 1e-9);
                if (bound < detail::smallest_one_minus_u) {
                    ++draw;
                    wait = inf;
                } else {
                    const double u0 = uniform(draw++);
                    wait = (1.0 - u0) > bound ? inf : -std::log(u0) / finite_sum;
                }
            } else {
                wait = inf;
            }
            if (!(wait < horizon)) {
                // Nothing happens before the step ends or the hazards change: move on.
                ctx.advance(horizon);
                remaining -= horizon;
                if (horizon == change && change < inf && change <= 0.0) break;  // no progress possible
                continue;
            }
            ctx.advance(wait);
            remaining -= wait;
            // Choose the move: among infinite hazards in proportion to their weights (1, or
            // the branch probability of a fate split), else in proportion to h.
            std::size_t chosen = n;
            const double u = uniform(draw++);
            if (hs->n_inf > 0) {
                double target = u * hs->inf_weight, acc = 0.0;
                for (std::size_t i = 0; i < n; ++i) {
                    if (h[i] != inf) continue;
                    acc += w[i];
                    chosen = i;  // the last infinite one, should rounding leave target >= acc
                    if (target < acc) break;
                }
            } else {
                double target = u * finite_sum, acc = 0.0;
                for (std::size_t i = 0; i < n; ++i) {
                    acc += h[i];
                    if (target < acc) { chosen = i; break; }
                }
                if (chosen == n) {  // rounding at the top end: the last move with h > 0
                    for (std::size_t i = n; i-- > 0;) {
                        if (h[i] > 0.0) { chosen = i; break; }
                    }
                }
            }
            // Apply it.
            if (fires != nullptr && chosen < n) ++fires[hs->index[chosen]];
            bool stop = false;
            std::size_t i = 0;
            lineage::visit(out.state, [&]<class S>() {
                rules.template for_each_from<S>([&](const auto& rule) {
                    if (i++ != chosen) return;
                    using rule_t = std::decay_t<decltype(rule)>;
                    if constexpr (rule_t::kind == rule_kind::transition) {
                        out.state = lineage::template index_of<typename rule_t::to>;
                        ++out.transitions;
                        ctx.enter_state();
                    } else {
                        out.event = true;
                        out.event_kind = rule_t::kind;
                        out.event_offset = dt - remaining;
                        stop = true;
                    }
                });
            });
            if (stop) break;
        }
    }
    out.time_in_state = ctx.time_in_state_days();
    return out;
}

/**
 * @brief Advances one cell by dt under the rules, drawing its moves exactly.
 *
 * Within the step the environment is frozen; the hazards out of the current state are summed
 * and the waiting time is drawn from the exponential distribution (competing risks), the move
 * chosen in proportion to its hazard, and the loop goes on in the new state with the time
 * left. Hazards that change as the cell ages (`after(d)`) are honoured at the exact instant
 * (`next_change`). So a constant hazard k gives P(move within dt) = 1 - exp(-k dt) and the
 * statistics are the same for any dt. The loop stops at a division or a death (which the
 * tissue carries out) or after `max_events` transitions (a guard against rule cycles with
 * infinite hazards). A waiting-time draw that cannot decide anything (hazard x step below
 * 2^-53) is not asked for; its index is used up all the same.
 *
 * @param uniform callable `uniform(std::uint32_t k) -> double` in the open interval (0, 1);
 *        draw k must be independent of the others (e.g. a counter-based generator keyed by k)
 */
template <class Rules, class Env, class Uniform>
[[nodiscard]] cell_outcome advance_cell(const Rules& rules, std::size_t state, double time_in_state, double now,
                                        double dt, const Env& env, Uniform&& uniform, unsigned max_events = 64,
                                        std::uint64_t* fires = nullptr) noexcept(Rules::never_fails) {
    if (max_events == 0) {  // no iteration: nothing is evaluated
        cell_look<Rules> none;
        none.state = state;
        none.time_in_state = time_in_state;
        none.now = now;
        none.dt = dt;
        return advance_cell_from(none, rules, env, uniform, max_events, fires);
    }
    return advance_cell_from(look_at_cell(rules, state, time_in_state, now, dt, env), rules, env, uniform, max_events,
                             fires);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TRANSITION_ADVANCE_HPP
