/// @file
/// @brief Built-in transition policies and their combinators.
///
/// | policy | hazard |
/// |---|---|
/// | `hazard(k)` | k, constant |
/// | `after(d)` | 0 until the cell has spent d in its state, then "now" (+infinity) |
/// | `hill<S>(K, n, kmax)` | kmax c^n / (K^n + c^n), c the local concentration of S |
/// | `threshold<S>(c0, k)` | k while c >= c0, else 0 |
/// | `entrapped(f, k)` | k while the mineralised fraction of the neighbourhood >= f |
/// | `on_outer_surface(k)` | k while the cell is on the outer bone surface |
/// | `immediately()`, `never()` | +infinity, 0 |
/// | `a && b` | all required: min(a, b) |
/// | `a \|\| b` | either route: a + b (independent routes add their hazards) |
/// | `s * a` | s times a |
/// | `policy_fn(f)` | f(ctx), any callable returning a rate |
#include "../config.hpp"
#ifndef OSSIFY_TRANSITION_POLICIES_HPP
#define OSSIFY_TRANSITION_POLICIES_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "../detail/error.hpp"
#include "concepts.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
inline constexpr double inf = std::numeric_limits<double>::infinity();
inline rate rate_of(double per_day) { return rate::from_value(per_day); }
inline duration never_changes() { return duration::from_value(inf); }

template <class P, class Context>
duration next_change_of(const P& p, const Context& ctx) {
    if constexpr (requires { p.next_change(ctx); }) {
        return p.next_change(ctx);
    } else {
        return never_changes();
    }
}
}  // namespace detail

/// @brief A constant hazard k: the waiting time in the state is exponential with mean 1/k.
struct constant_hazard {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief The hazard in 1/d (plain number, validated).
    double per_day;
    /// @brief The constant hazard.
    template <class Context>
    [[nodiscard]] rate hazard(const Context&) const noexcept { return detail::rate_of(per_day); }
};

/// @brief A constant hazard; refuses negative, infinite and NaN rates.
[[nodiscard]] inline constant_hazard hazard(rate k) {
    detail::require_non_negative("ossify::hazard", "rate", k.value(), "d^-1");
    return constant_hazard{k.value()};
}

/// @brief "Now": an infinite hazard (the move happens as soon as the cell is looked at).
struct immediate {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief +infinity.
    template <class Context>
    [[nodiscard]] rate hazard(const Context&) const noexcept { return detail::rate_of(detail::inf); }
};
/// @brief The move happens at once.
[[nodiscard]] constexpr immediate immediately() noexcept { return {}; }

/// @brief A zero hazard (a move that is declared but switched off).
struct no_hazard {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief 0.
    template <class Context>
    [[nodiscard]] rate hazard(const Context&) const noexcept { return detail::rate_of(0.0); }
};
/// @brief The move never happens.
[[nodiscard]] constexpr no_hazard never() noexcept { return {}; }

/// @brief A fixed delay: nothing until the cell has spent `delay` in its state, then "now".
/// Combine with a rate (`after(3.0_d) && hazard(k)`) for "not before d, then at rate k".
struct fixed_delay {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief The delay in days (plain number, validated).
    double days;
    /// @brief This policy reads the cell's time in state.
    static constexpr bool reads_time_in_state = true;
    /// @brief 0 before the delay, +infinity after it.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(is_open(ctx.time_in_state().value()) ? detail::inf : 0.0);
    }
    /// @brief Time until the delay is over (infinity once it is).
    template <class Context>
    [[nodiscard]] duration next_change(const Context& ctx) const {
        const double t = ctx.time_in_state().value();
        return is_open(t) ? detail::never_changes() : duration::from_value(days - t);
    }

private:
    // Open within rounding: a cell advanced to exactly `days` must see the gate open.
    [[nodiscard]] bool is_open(double t) const noexcept { return t >= days - 1e-12 * (1.0 + days); }
};

/// @brief A fixed delay in the state; refuses negative or non-finite delays.
[[nodiscard]] inline fixed_delay after(duration delay) {
    detail::require_non_negative("ossify::after", "delay", delay.value(), "d");
    return fixed_delay{delay.value()};
}

/// @brief A Hill response to the local concentration c of Signal:
/// kmax c^n / (K^n + c^n).
/// @tparam Signal a signal tag type (ossify::bmp2 ...)
template <class Signal>
struct hill_response {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Half-maximal concentration K in nM.
    double half_max_nM;
    /// @brief Hill coefficient n.
    double coefficient;
    /// @brief Maximal hazard in 1/d.
    double max_per_day;
    /// @brief The Hill hazard at the local concentration.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        const double c = ctx.template signal<Signal>().value();
        if (!(c > 0.0)) return detail::rate_of(0.0);
        // c^n / (K^n + c^n) written as 1 / (1 + (K/c)^n): stays finite (-> 1) when c^n overflows.
        const double x = half_max_nM / c;
        // Small integer coefficients by multiplication (std::pow is the hot spot of a lattice
        // step otherwise); equal to std::pow within rounding (a last-bit difference at most).
        double xn;
        if (coefficient == 2.0) xn = x * x;
        else if (coefficient == 1.0) xn = x;
        else if (coefficient == 3.0) xn = x * x * x;
        else if (coefficient == 4.0) xn = (x * x) * (x * x);
        else xn = std::pow(x, coefficient);
        return detail::rate_of(max_per_day / (1.0 + xn));
    }
};

/// @brief A Hill response to Signal; K > 0, n > 0, kmax >= 0, all finite.
/// @tparam Signal a signal tag type
template <class Signal>
[[nodiscard]] hill_response<Signal> hill(concentration half_max, double coefficient, rate max) {
    detail::require_positive("ossify::hill", "half_max", half_max.value(), "nM");
    detail::require_positive("ossify::hill", "coefficient", coefficient);
    detail::require_non_negative("ossify::hill", "max", max.value(), "d^-1");
    return {half_max.value(), coefficient, max.value()};
}

/// @brief A step response: hazard k while the local concentration of Signal is at least c0.
/// @tparam Signal a signal tag type
template <class Signal>
struct threshold_response {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief The threshold in nM.
    double threshold_nM;
    /// @brief The hazard above the threshold, in 1/d.
    double per_day;
    /// @brief k above the threshold, else 0.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(ctx.template signal<Signal>().value() >= threshold_nM ? per_day : 0.0);
    }
};

/// @brief A threshold response to Signal; c0 >= 0, k >= 0 (k may be infinite: "at once").
/// @tparam Signal a signal tag type
template <class Signal>
[[nodiscard]] threshold_response<Signal> threshold(concentration c0, rate k) {
    detail::require_non_negative("ossify::threshold", "threshold", c0.value(), "nM");
    if (!(k.value() >= 0.0)) {
        throw invalid_parameter("ossify::threshold", "rate", detail::format_value(k.value()) + " d^-1",
                                ">= 0 d^-1 (infinity allowed)");
    }
    return {c0.value(), k.value()};
}

/// @brief Entrapment: hazard k while the mineralised fraction of the cell's neighbourhood is
/// at least `fraction` (osteoblasts walled in by mineralised matrix become osteocytes).
struct entrapment_response {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Required mineralised fraction of the neighbourhood, in [0, 1].
    double fraction;
    /// @brief Hazard once entrapped, in 1/d (+infinity: at once).
    double per_day;
    /// @brief k when entrapped, else 0.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(ctx.entrapment() >= fraction ? per_day : 0.0);
    }
};

/// @brief Entrapment by mineralised neighbourhood; fraction in [0, 1], k >= 0 (default: at once).
/// (The parameter is not called `fraction`: that would shadow the type ossify::fraction.)
[[nodiscard]] inline entrapment_response entrapped(double mineralised,
                                                   rate k = rate::from_value(detail::inf)) {
    detail::require_in_range("ossify::entrapped", "fraction", mineralised, 0.0, 1.0);
    if (!(k.value() >= 0.0)) {
        throw invalid_parameter("ossify::entrapped", "rate", detail::format_value(k.value()) + " d^-1",
                                ">= 0 d^-1 (infinity allowed)");
    }
    return {mineralised, k.value()};
}

/// @brief Outer surface: hazard k while the cell sits on the outer bone surface (surface
/// osteoblasts become the periosteum).
struct outer_surface_response {
    /// @brief Validated parameters: the hazard is never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Hazard on the outer surface, in 1/d.
    double per_day;
    /// @brief k on the outer surface, else 0.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(ctx.outer_surface() > 0.5 ? per_day : 0.0);
    }
};

/// @brief Outer-surface response; k >= 0 (infinity allowed: at once).
[[nodiscard]] inline outer_surface_response on_outer_surface(rate k) {
    if (!(k.value() >= 0.0)) {
        throw invalid_parameter("ossify::on_outer_surface", "rate",
                                detail::format_value(k.value()) + " d^-1", ">= 0 d^-1 (infinity allowed)");
    }
    return {k.value()};
}

/// @brief A policy from any callable `f(ctx) -> rate`: the shortest way to write a new rule.
/// @tparam F a copyable callable taking the context (`auto const&`) and returning a rate
template <class F>
struct function_policy {
    /// @brief The callable.
    F f;
    /// @brief f(ctx).
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        using result = decltype(f(ctx));
        if constexpr (std::is_convertible_v<result, rate>) {
            return rate(f(ctx));
        } else {
            static_assert(std::is_convertible_v<result, rate>,
                          "ossify::policy_fn: the callable must return an ossify::rate (a hazard in events per "
                          "time), not a plain number: write `return x * 1.0_per_d;` or `rate::from_value(x)`");
            return rate{};
        }
    }
};

/// @brief Wraps a callable `[](const auto& ctx) -> ossify::rate` as a policy.
template <class F>
[[nodiscard]] constexpr function_policy<std::decay_t<F>> policy_fn(F&& f) {
    return {std::forward<F>(f)};
}

/// @brief All of two policies are required: the hazard is the smaller one.
/// `after(d) && hazard(k)` is 0 before d and k after it.
template <class A, class B>
struct all_of_policy {
    /// @brief Never fails when its operands never do.
    static constexpr bool never_fails = never_fails_v<A> && never_fails_v<B>;
    /// @brief First operand.
    A a;
    /// @brief Second operand.
    B b;
    /// @brief True when either operand reads the time in state.
    static constexpr bool reads_time_in_state = reads_time_in_state_v<A> || reads_time_in_state_v<B>;
    /// @brief min(a, b).
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(std::min(a.hazard(ctx).value(), b.hazard(ctx).value()));
    }
    /// @brief The earlier change of the two.
    template <class Context>
    [[nodiscard]] duration next_change(const Context& ctx) const {
        return duration::from_value(std::min(detail::next_change_of(a, ctx).value(),
                                             detail::next_change_of(b, ctx).value()));
    }
};

/// @brief Either of two independent routes: the hazards add.
template <class A, class B>
struct any_of_policy {
    /// @brief Never fails when its operands never do.
    static constexpr bool never_fails = never_fails_v<A> && never_fails_v<B>;
    /// @brief First operand.
    A a;
    /// @brief Second operand.
    B b;
    /// @brief True when either operand reads the time in state.
    static constexpr bool reads_time_in_state = reads_time_in_state_v<A> || reads_time_in_state_v<B>;
    /// @brief a + b.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(a.hazard(ctx).value() + b.hazard(ctx).value());
    }
    /// @brief The earlier change of the two.
    template <class Context>
    [[nodiscard]] duration next_change(const Context& ctx) const {
        return duration::from_value(std::min(detail::next_change_of(a, ctx).value(),
                                             detail::next_change_of(b, ctx).value()));
    }
};

/// @brief A policy with its hazard multiplied by a constant factor >= 0.
template <class P>
struct scaled_policy {
    /// @brief Never fails when its operands never do.
    static constexpr bool never_fails = never_fails_v<P>;
    /// @brief The scaled policy.
    P policy;
    /// @brief The factor.
    double factor;
    /// @brief True when the policy reads the time in state.
    static constexpr bool reads_time_in_state = reads_time_in_state_v<P>;
    /// @brief factor * hazard (0 * infinity is 0: a switched-off route stays off).
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        return detail::rate_of(factor == 0.0 ? 0.0 : factor * policy.hazard(ctx).value());
    }
    /// @brief The policy's next change.
    template <class Context>
    [[nodiscard]] duration next_change(const Context& ctx) const {
        return detail::next_change_of(policy, ctx);
    }
};

namespace detail {
/// @brief The weight of a policy among simultaneous infinite hazards out of one state: 1,
/// times the factor of every `scaled_policy` around it. So a fate split whose leaving policy
/// is "now" (immediately(), entrapped(f)) still splits by its branch probabilities.
template <class P>
struct instant_weight_of {
    /// @brief 1 for an unscaled policy.
    static constexpr double get(const P&) noexcept { return 1.0; }
};
/// @brief factor times the weight of the scaled policy.
template <class P>
struct instant_weight_of<scaled_policy<P>> {
    /// @brief factor times the inner weight.
    static constexpr double get(const scaled_policy<P>& p) noexcept {
        return p.factor * instant_weight_of<P>::get(p.policy);
    }
};
/// @brief The weight of p among simultaneous infinite hazards (see instant_weight_of).
template <class P>
constexpr double instant_weight(const P& p) noexcept {
    return instant_weight_of<P>::get(p);
}
}  // namespace detail

/// @brief Both policies required (the smaller hazard).
template <transition_policy A, transition_policy B>
[[nodiscard]] constexpr all_of_policy<A, B> all_of(A a, B b) {
    return {std::move(a), std::move(b)};
}
/// @brief Either policy (hazards add).
template <transition_policy A, transition_policy B>
[[nodiscard]] constexpr any_of_policy<A, B> any_of(A a, B b) {
    return {std::move(a), std::move(b)};
}
/// @brief A policy scaled by factor >= 0.
template <transition_policy P>
[[nodiscard]] scaled_policy<P> scaled(P p, double factor) {
    detail::require_non_negative("ossify::scaled", "factor", factor);
    return {std::move(p), factor};
}

/// @brief `a && b`: both required.
template <transition_policy A, transition_policy B>
[[nodiscard]] constexpr all_of_policy<A, B> operator&&(A a, B b) {
    return {std::move(a), std::move(b)};
}
/// @brief `a || b`: either route.
template <transition_policy A, transition_policy B>
[[nodiscard]] constexpr any_of_policy<A, B> operator||(A a, B b) {
    return {std::move(a), std::move(b)};
}
/// @brief `s * p`: scaled hazard.
template <transition_policy P>
[[nodiscard]] scaled_policy<P> operator*(double factor, P p) {
    return scaled(std::move(p), factor);
}
/// @brief `p * s`: scaled hazard.
template <transition_policy P>
[[nodiscard]] scaled_policy<P> operator*(P p, double factor) {
    return scaled(std::move(p), factor);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TRANSITION_POLICIES_HPP
