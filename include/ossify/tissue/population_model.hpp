/// @file
/// @brief The well-mixed population model: counts per state under any rule set, solved as a
/// mean-field ODE (Boost.Odeint) or by exact stochastic simulation (Gillespie direct method).
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_MODEL_HPP
#define OSSIFY_TISSUE_POPULATION_MODEL_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// The stepper headers must come before integrate_adaptive.hpp: with only part of them seen,
// Boost 1.74's integrate_adaptive can mistake the controlled stepper's category and loop.
#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>
#include <boost/numeric/odeint/integrate/integrate_adaptive.hpp>

#include "../detail/error.hpp"
#include "../random/distributions.hpp"
#include "../random/purpose.hpp"
#include "../random/seed.hpp"
#include "../random/stream.hpp"
#include "../transition/advance.hpp"
#include "../transition/rule_set.hpp"
#include "environment.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief What a policy sees in a well-mixed population: the shared environment and the
/// clock. There is deliberately no `time_in_state()`: cells are not tracked one by one, so a
/// user policy (policy_fn) that reads it fails to compile instead of silently reading 0.
class well_mixed_context {
public:
    /// @brief The context of a population at time now_d (days).
    constexpr well_mixed_context(const well_mixed_environment& env, double now_d) noexcept
        : env_(&env), now_(now_d) {}
    /// @brief The simulation clock.
    [[nodiscard]] duration now() const noexcept { return duration::from_value(now_); }
    /// @brief The level of Signal in the pool.
    template <class Signal>
    [[nodiscard]] concentration signal() const noexcept { return env_->template signal<Signal>(); }
    /// @brief The mineralised fraction of the cells' neighbourhood set by the user.
    [[nodiscard]] double entrapment() const noexcept { return env_->entrapment(); }
    /// @brief The environment itself, for user policies that need more.
    [[nodiscard]] const well_mixed_environment& environment() const noexcept { return *env_; }

private:
    const well_mixed_environment* env_;
    double now_;
};
}  // namespace detail

/// @brief Solver choice: the deterministic mean-field ODE, integrated by Boost.Odeint's
/// adaptive Dormand-Prince 5(4) stepper to the given tolerances.
struct mean_field {
    /// @brief Absolute tolerance on counts.
    double absolute_tolerance = 1e-10;
    /// @brief Relative tolerance on counts.
    double relative_tolerance = 1e-10;
};

/// @brief Solver choice: exact stochastic simulation (Gillespie's direct method) with a
/// counter-based stream, so the same seed gives the same trajectory everywhere.
struct stochastic {
    /// @brief The seed of the run.
    ossify::seed seed{0};
    /// @brief A stream number, to run independent replicates under one seed.
    std::uint64_t stream = 0;
};

/// @brief Initial counts per state, made by `initial_counts<S...>(n...)`.
/// @tparam States the states given a count (others start at 0)
template <class... States>
struct initial_counts_t {
    /// @brief The counts, in the order of States.
    std::array<double, sizeof...(States)> counts;
};

/// @brief `initial_counts<mesenchymal>(1000)`, `initial_counts<A, B>(10, 5)`.
template <class... States, class... N>
[[nodiscard]] constexpr initial_counts_t<States...> initial_counts(N... n) {
    static_assert(sizeof...(States) == sizeof...(N),
                  "ossify::initial_counts: give one count per state");
    return {{static_cast<double>(n)...}};
}

/**
 * @brief Counts of cells per state in a well-mixed pool, under any rule set of memoryless
 * policies (hazards that depend on the environment but not on a cell's time in state).
 *
 * ```cpp
 * population_model pop{rules, initial_counts<mesenchymal>(1000), stochastic{seed{42}}};
 * pop.run_for(30.0_d, 1.0_h, [](const auto& m, duration t) { ... m.count<osteoblast>() ... });
 * ```
 * Transitions move cells between states (the total is unchanged); proliferation adds one cell
 * to its state, death removes one; both are counted (`births()`, `deaths()`). Infinite
 * hazards act at once. Signal levels and entrapment come from `environment()`.
 * @tparam Rules a rule set (ossify::rule_set)
 * @tparam Method ossify::mean_field or ossify::stochastic
 */
template <class Rules, class Method = mean_field>
class population_model {
    static_assert(rule_set_type<Rules>, "ossify::population_model: the first argument must be a rule set made by ossify::rule_set<Lineage>(...)");
    static_assert(!Rules::reads_time_in_state,
                  "ossify::population_model: a policy reads the cells' time in state (after(d)); "
                  "a well-mixed count model does not track cells one by one. Use the lattice "
                  "tissue, or write the delay as a chain of constant-hazard stages");
    static_assert(std::is_same_v<Method, mean_field> || std::is_same_v<Method, stochastic>,
                  "ossify::population_model: the method must be ossify::mean_field or ossify::stochastic");

public:
    /// @brief The lineage.
    using lineage_type = typename Rules::lineage_type;
    /// @brief The rule set.
    using rules_type = Rules;
    /// @brief Number of states.
    static constexpr std::size_t states = lineage_type::size;

    /// @brief A model starting from the given counts (each >= 0 and finite; whole numbers for
    /// the stochastic method).
    template <class... S>
    population_model(Rules rules, const initial_counts_t<S...>& init, Method method = {})
        : rules_(std::move(rules)), method_(method), rng_(seed_of(method), stream_of(method)) {
        static_assert((lineage_type::template contains<S> && ...),
                      "ossify::population_model: initial_counts names a state that is not in the lineage");
        counts_.fill(0.0);
        std::size_t i = 0;
        (set_initial(lineage_type::template index_of<S>, S::name, init.counts[i++]), ...);
    }

    /// @brief Advances the model by dt (> 0). Throws, changing nothing, on a bad dt or when
    /// a policy gives a negative or NaN hazard or an infinite proliferation hazard.
    void step(duration dt) {
        const double h = dt.value();
        detail::require_positive("ossify::population_model::step", "dt", h, "d");
        advance(h);
        ++steps_;
    }

    /**
     * @brief Runs for `total` in steps of `dt` (the last step is shortened to land on time),
     * calling `observer(model, time)` at the start and after every step.
     * @return the number of steps taken
     */
    template <class Observer = null_observer>
    std::size_t run_for(duration total, duration dt, Observer&& observer = {}) {
        detail::require_non_negative("ossify::population_model::run_for", "total", total.value(), "d");
        detail::require_positive("ossify::population_model::run_for", "dt", dt.value(), "d");
        const double end = time_ + total.value();
        std::size_t n = 0;
        observer(std::as_const(*this), time());
        while (time_ < end * (1.0 - 1e-15) - 1e-300) {
            const double h = std::min(dt.value(), end - time_);
            advance(h);
            if (end - time_ < 1e-12 * dt.value()) time_ = end;  // land exactly on time
            ++steps_;
            ++n;
            observer(std::as_const(*this), time());
        }
        return n;
    }

    /// @brief Number of cells in State.
    template <class State>
    [[nodiscard]] double count() const noexcept {
        return counts_[lineage_type::template index_of<State>];
    }
    /// @brief Counts of all states, in lineage order.
    [[nodiscard]] std::span<const double, states> counts() const noexcept { return counts_; }
    /// @brief Total number of cells.
    [[nodiscard]] double total() const noexcept {
        double s = 0.0;
        for (double c : counts_) s += c;
        return s;
    }
    /// @brief The model clock.
    [[nodiscard]] duration time() const noexcept { return duration::from_value(time_); }
    /// @brief Steps taken so far.
    [[nodiscard]] std::size_t steps() const noexcept { return steps_; }
    /// @brief Cells added by proliferation so far (expected number for mean_field).
    [[nodiscard]] double births() const noexcept { return births_; }
    /// @brief Cells removed by death so far (expected number for mean_field).
    [[nodiscard]] double deaths() const noexcept { return deaths_; }
    /// @brief Stochastic events (transitions, divisions, deaths) fired so far.
    [[nodiscard]] std::uint64_t events() const noexcept { return events_; }
    /// @brief The rules.
    [[nodiscard]] const Rules& rules() const noexcept { return rules_; }
    /// @brief The environment the policies read (signal levels, entrapment).
    [[nodiscard]] well_mixed_environment& environment() noexcept { return env_; }
    /// @brief The environment the policies read.
    [[nodiscard]] const well_mixed_environment& environment() const noexcept { return env_; }

private:
    static ossify::seed seed_of(const Method& m) {
        if constexpr (std::is_same_v<Method, stochastic>) return m.seed;
        else return ossify::seed{0};
    }
    static std::uint64_t stream_of(const Method& m) {
        if constexpr (std::is_same_v<Method, stochastic>) return m.stream;
        else return 0;
    }

    void set_initial(std::size_t index, std::string_view name, double n) {
        const std::string what = "initial count of " + std::string(name);
        detail::require_non_negative("ossify::population_model", what, n);
        if constexpr (std::is_same_v<Method, stochastic>) {
            if (n != std::floor(n) || n > 9.0e15) {
                throw invalid_parameter("ossify::population_model", what, detail::format_value(n),
                                        "a whole number <= 9e15 for the stochastic method");
            }
        }
        counts_[index] = n;
    }

    // One rule flattened to numbers: from, to, kind, its hazard in the current environment
    // and its weight among simultaneous infinite hazards (fate-split branch probability).
    struct channel {
        std::size_t from;
        std::size_t to;
        rule_kind kind;
        double k;
        double weight;
    };

    // Evaluates every hazard; throws (before anything changes) on a NaN or negative hazard
    // (a user policy gone wrong) or an infinite proliferation hazard.
    std::array<channel, Rules::size> channels() const {
        std::array<channel, Rules::size> ch{};
        std::size_t i = 0;
        const detail::well_mixed_context ctx(env_, time_);
        rules_.for_each([&](const auto& rule) {
            using rule_t = std::decay_t<decltype(rule)>;
            const double k = rule.policy.hazard(ctx).value();
            if (!(k >= 0.0) || (rule_t::kind == rule_kind::proliferation && std::isinf(k))) {
                const std::string what = "hazard of " + std::string(rule_t::from::name) +
                                         (rule_t::kind == rule_kind::transition
                                              ? " -> " + std::string(rule_t::to::name)
                                              : rule_t::kind == rule_kind::proliferation ? " proliferation"
                                                                                         : " death");
                throw invalid_parameter("ossify::population_model", what,
                                        detail::format_value(k) + " d^-1",
                                        rule_t::kind == rule_kind::proliferation
                                            ? "finite and >= 0 d^-1 (an infinite division hazard would make infinitely many cells)"
                                            : ">= 0 d^-1 (infinity allowed)");
            }
            ch[i++] = channel{lineage_type::template index_of<typename rule_t::from>,
                              lineage_type::template index_of<typename rule_t::to>, rule_t::kind,
                              k, detail::instant_weight(rule.policy)};
        });
        return ch;
    }

    // Infinite hazards act at once: every cell of their source state leaves it, split between
    // the state's infinite moves in proportion to their weights (exactly for mean_field, by a
    // multinomial draw for stochastic), as advance_cell does cell by cell.
    void apply_instant(std::array<channel, Rules::size>& ch) {
        for (std::size_t pass = 0; pass < states + 1; ++pass) {
            bool any = false;
            for (std::size_t s = 0; s < states; ++s) {
                const double n = counts_[s];
                if (n == 0.0) continue;
                double w_total = 0.0;
                std::size_t last = ch.size();
                for (std::size_t i = 0; i < ch.size(); ++i) {
                    if (ch[i].from == s && std::isinf(ch[i].k)) {
                        w_total += ch[i].weight;
                        last = i;
                    }
                }
                if (last == ch.size()) continue;
                any = true;
                counts_[s] = 0.0;
                double left = n, w_left = w_total;
                for (std::size_t i = 0; i <= last; ++i) {
                    const auto& c = ch[i];
                    if (c.from != s || !std::isinf(c.k)) continue;
                    double moved = left;
                    if (i != last) {
                        if constexpr (std::is_same_v<Method, stochastic>) {
                            moved = draw_binomial(static_cast<std::uint64_t>(left),
                                                  std::min(1.0, c.weight / w_left));
                        } else {
                            moved = std::min(left, n * (c.weight / w_total));
                        }
                    }
                    left -= moved;
                    w_left -= c.weight;
                    if (c.kind == rule_kind::transition) counts_[c.to] += moved;
                    else deaths_ += moved;
                }
                events_ += static_cast<std::uint64_t>(n);
            }
            if (!any) break;
        }
        for (auto& c : ch) {
            if (std::isinf(c.k)) c.k = 0.0;  // sources are empty now
        }
    }

    // Binomial(n, p) for p in [0, 1] (checked by the caller), as random::binomial draws it;
    // the unchecked samplers keep g++ 12's false -Wrestrict on the inlined range check away.
    double draw_binomial(std::uint64_t n, double p) {
        if (n == 0 || p <= 0.0) return 0.0;
        if (p >= 1.0) return static_cast<double>(n);
        const bool flipped = p > 0.5;
        const double q = flipped ? 1.0 - p : p;
        const std::uint64_t k = static_cast<double>(n) * q < 10.0
                                    ? random::detail::binomial_inversion(rng_, n, q)
                                    : random::detail::binomial_btrd(rng_, n, q);
        return static_cast<double>(flipped ? n - k : k);
    }

    void advance(double h) {
        auto ch = channels();
        apply_instant(ch);
        if constexpr (std::is_same_v<Method, mean_field>) {
            advance_mean_field(ch, h);
        } else {
            advance_gillespie(ch, h);
        }
        time_ += h;
    }

    void advance_mean_field(const std::array<channel, Rules::size>& ch, double h) {
        namespace odeint = boost::numeric::odeint;
        // State: counts, then cumulative births and deaths.
        std::vector<double> x(states + 2);
        for (std::size_t s = 0; s < states; ++s) x[s] = counts_[s];
        x[states] = births_;
        x[states + 1] = deaths_;
        auto rhs = [&ch](const std::vector<double>& y, std::vector<double>& dy, double) {
            std::fill(dy.begin(), dy.end(), 0.0);
            for (const auto& c : ch) {
                const double flux = c.k * y[c.from];
                switch (c.kind) {
                    case rule_kind::transition: dy[c.from] -= flux; dy[c.to] += flux; break;
                    case rule_kind::proliferation: dy[c.from] += flux; dy[states] += flux; break;
                    case rule_kind::death: dy[c.from] -= flux; dy[states + 1] += flux; break;
                }
            }
        };
        odeint::integrate_adaptive(
            odeint::make_controlled(method_.absolute_tolerance, method_.relative_tolerance,
                                    odeint::runge_kutta_dopri5<std::vector<double>>()),
            rhs, x, 0.0, h, h / 16.0);
        for (std::size_t s = 0; s < states; ++s) counts_[s] = std::max(0.0, x[s]);
        births_ = x[states];
        deaths_ = x[states + 1];
    }

    void advance_gillespie(const std::array<channel, Rules::size>& ch, double h) {
        // Hazards are constant over the step (the environment is frozen), so the direct
        // method is exact; the waiting time that overshoots the step is discarded, which is
        // exact by memorylessness.
        double t = 0.0;
        std::array<double, Rules::size> a{};
        for (;;) {
            double total = 0.0;
            for (std::size_t i = 0; i < ch.size(); ++i) {
                a[i] = ch[i].k * counts_[ch[i].from];
                total += a[i];
            }
            if (!(total > 0.0)) break;
            t += rng_.exponential(total);
            if (t >= h) break;
            const double target = rng_.uniform() * total;
            std::size_t pick = ch.size();
            double acc = 0.0;
            for (std::size_t i = 0; i < ch.size(); ++i) {
                acc += a[i];
                if (target < acc) { pick = i; break; }
            }
            if (pick == ch.size()) {  // rounding at the top: the last channel with a > 0
                for (std::size_t i = ch.size(); i-- > 0;) {
                    if (a[i] > 0.0) { pick = i; break; }
                }
            }
            const auto& c = ch[pick];
            counts_[c.from] -= 1.0;
            switch (c.kind) {
                case rule_kind::transition: counts_[c.to] += 1.0; break;
                case rule_kind::proliferation: counts_[c.from] += 2.0; births_ += 1.0; break;
                case rule_kind::death: deaths_ += 1.0; break;
            }
            ++events_;
        }
    }

    Rules rules_;
    Method method_;
    random::stream rng_;
    well_mixed_environment env_;
    std::array<double, states> counts_{};
    double time_ = 0.0;
    double births_ = 0.0;
    double deaths_ = 0.0;
    std::uint64_t events_ = 0;
    std::size_t steps_ = 0;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_MODEL_HPP
