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
}  // namespace detail

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
 * infinite hazards).
 *
 * @param uniform callable `uniform(std::uint32_t k) -> double` in the open interval (0, 1);
 *        draw k must be independent of the others (e.g. a counter-based generator keyed by k)
 */
template <class Rules, class Env, class Uniform>
[[nodiscard]] cell_outcome advance_cell(const Rules& rules, std::size_t state, double time_in_state, double now,
                                        double dt, const Env& env, Uniform&& uniform, unsigned max_events = 64,
                                        std::uint64_t* fires = nullptr) noexcept(Rules::never_fails) {
    using lineage = typename Rules::lineage_type;
    constexpr std::size_t max_rules = detail::max_rules_per_state<Rules>::value;
    constexpr double inf = std::numeric_limits<double>::infinity();

    cell_outcome out;
    out.state = state;
    cell_context<Env> ctx(env, time_in_state, now);
    double remaining = dt;
    std::uint32_t draw = 0;

    if constexpr (max_rules > 0) {
        std::array<double, max_rules> h{};
        std::array<double, max_rules> w{};  // weights of infinite hazards (fate splits)
        std::array<std::size_t, max_rules> index{};  // positions of the rules in the rule set
        while (remaining > 0.0 && out.transitions < max_events) {
            // Hazards out of the current state, the earliest change of any of them.
            std::size_t n = 0;
            double finite_sum = 0.0;
            std::size_t n_inf = 0;
            double inf_weight = 0.0;
            double change = inf;
            lineage::visit(out.state, [&]<class S>() {
                rules.template for_each_from_indexed<S>([&](const auto& rule, std::size_t position) {
                    const double k = rule.policy.hazard(ctx).value();
                    using policy = typename std::decay_t<decltype(rule)>::policy_type;
                    if constexpr (!never_fails_v<policy>) {
                        if (!(k >= 0.0)) detail::bad_hazard<std::decay_t<decltype(rule)>>(k, position);
                    }
                    index[n] = position;
                    w[n] = 0.0;
                    h[n++] = k;
                    if (k == inf) {
                        ++n_inf;
                        w[n - 1] = detail::instant_weight(rule.policy);
                        inf_weight += w[n - 1];
                    } else {
                        finite_sum += k;
                    }
                    change = std::min(change, detail::next_change_of(rule.policy, ctx).value());
                });
            });
            const double horizon = std::min(remaining, change);
            double wait;
            if (n_inf > 0) {
                wait = 0.0;
            } else if (finite_sum > 0.0) {
                const double u0 = uniform(draw++);
                // -ln(u) >= 1 - u, so when 1 - u already exceeds the hazard times the horizon
                // (with a margin far above rounding) the waiting time -ln(u) / sum passes the
                // horizon: the same decision as computing it, without the logarithm (most
                // cells, most steps).
                wait = (1.0 - u0) > finite_sum * horizon * (1.0 + 1e-9) ? inf : -std::log(u0) / finite_sum;
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
            if (n_inf > 0) {
                double target = u * inf_weight, acc = 0.0;
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
            if (fires != nullptr && chosen < n) ++fires[index[chosen]];
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

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TRANSITION_ADVANCE_HPP
