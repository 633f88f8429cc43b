/// @file
/// @brief Internal: the channels of a population model (the rules of its rule set, then its
/// influxes and divisions) flattened to numbers: kind, source and target states, name, and the
/// checked evaluation of their hazards and of the variables' right-hand sides.
#include "../../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_DETAIL_CHANNELS_HPP
#define OSSIFY_TISSUE_POPULATION_DETAIL_CHANNELS_HPP

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>

#include "../../../error.hpp"
#include "../../../transition/policies.hpp"
#include "../../../transition/transition.hpp"
#include "../context.hpp"
#include "../spec.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// @brief What a channel does when it fires.
enum class channel_kind : unsigned char {
    transition,     ///< from -1, to +1
    proliferation,  ///< from +1 (a division into two cells of from)
    death,          ///< from -1
    influx,         ///< to +1, at a rate that does not scale with a count
    division        ///< from -1, first +1, second +1
};

/// @brief "No state" (the source of an influx).
inline constexpr std::size_t no_state = static_cast<std::size_t>(-1);

/// @brief Numbers of one channel type.
template <class Lineage, class Channel>
struct channel_info;

/// @brief A rule of the rule set.
template <class Lineage, rule_kind K, class From, class To, class P>
struct channel_info<Lineage, basic_rule<K, From, To, P>> {
    static constexpr channel_kind kind = K == rule_kind::transition      ? channel_kind::transition
                                         : K == rule_kind::proliferation ? channel_kind::proliferation
                                                                         : channel_kind::death;
    static constexpr std::size_t from = Lineage::template index_of<From>;
    static constexpr std::size_t to = Lineage::template index_of<To>;
    static constexpr std::size_t second = no_state;
    static std::string name() {
        std::string s(From::name);
        if constexpr (K == rule_kind::transition) s += " -> " + std::string(To::name);
        else if constexpr (K == rule_kind::proliferation) s += " proliferation";
        else s += " death";
        return s;
    }
};
/// @brief An influx.
template <class Lineage, class To, class F>
struct channel_info<Lineage, influx_rule<To, F>> {
    static constexpr channel_kind kind = channel_kind::influx;
    static constexpr std::size_t from = no_state;
    static constexpr std::size_t to = Lineage::template index_of<To>;
    static constexpr std::size_t second = no_state;
    static std::string name() { return std::string(To::name) + " influx"; }
};
/// @brief A division.
template <class Lineage, class From, class A, class B, class P>
struct channel_info<Lineage, division_rule<From, A, B, P>> {
    static constexpr channel_kind kind = channel_kind::division;
    static constexpr std::size_t from = Lineage::template index_of<From>;
    static constexpr std::size_t to = Lineage::template index_of<A>;
    static constexpr std::size_t second = Lineage::template index_of<B>;
    static std::string name() {
        return std::string(From::name) + " division -> " + std::string(A::name) + " + " + std::string(B::name);
    }
};

/// @brief Compile-time tables of a tuple of channels.
template <class Lineage, class Channels>
struct channel_table;
/// @brief Compile-time tables of a tuple of channels.
template <class Lineage, class... C>
struct channel_table<Lineage, std::tuple<C...>> {
    static constexpr std::size_t size = sizeof...(C);
    static constexpr std::array<channel_kind, size> kind{channel_info<Lineage, C>::kind...};
    static constexpr std::array<std::size_t, size> from{channel_info<Lineage, C>::from...};
    static constexpr std::array<std::size_t, size> to{channel_info<Lineage, C>::to...};
    static constexpr std::array<std::size_t, size> second{channel_info<Lineage, C>::second...};
    static std::string name(std::size_t k) {
        std::string out;
        std::size_t i = 0;
        ((i++ == k ? (out = channel_info<Lineage, C>::name(), 0) : 0), ...);
        return out;
    }
};

/// @brief Throws model_error for a hazard a channel may not have (cold path).
[[noreturn, gnu::cold, gnu::noinline]] inline void bad_channel_value(std::size_t k, const std::string& name,
                                                                      double value, const char* what,
                                                                      const char* allowed) {
    throw model_error("ossify::population_model: rule " + std::to_string(k) + " (" + name + "): its " + what +
                      " is " + format_value(value) + "; allowed: " + allowed);
}

/// @brief The value of an influx's flux: a constant, a transition policy's hazard or a callable's result.
template <class Flux, class Context>
auto flux_value(const Flux& f, const Context& ctx) {
    if constexpr (requires { f.hazard(ctx); }) return f.hazard(ctx);
    else if constexpr (std::invocable<const Flux&, const Context&>) return f(ctx);
    else return f;
}

/**
 * @brief The hazard of channel K (per cell, 1/d) or, for an influx, its flux in count units
 * per day. Throws model_error, naming the rule, for NaN or negative values and for an infinite
 * division or influx.
 */
template <std::size_t K, class Lineage, class Amount, class Channel, class Context>
double channel_value(const Channel& ch, const Context& ctx, double cells_per_amount) {
    using info = channel_info<Lineage, Channel>;
    if constexpr (info::kind == channel_kind::influx) {
        using V = decltype(flux_value(ch.flux, ctx));
        double v;
        if constexpr (std::is_same_v<Amount, double>) {
            static_assert(std::is_convertible_v<V, rate>,
                          "ossify::influx: in a model of counts the flux is in cells per time: return an "
                          "ossify::rate (e.g. `3.0_per_d`, `x * 1.0_per_d`), not a plain number");
            v = rate(flux_value(ch.flux, ctx)).value();
        } else {
            static_assert(std::is_convertible_v<V, concentration_rate>,
                          "ossify::influx: in a model of amounts the flux is a concentration per time: return an "
                          "ossify::concentration_rate (e.g. `0.7_pM / 1.0_d`)");
            v = concentration_rate(flux_value(ch.flux, ctx)).value() * cells_per_amount;
        }
        if (!(v >= 0.0) || std::isinf(v)) bad_channel_value(K, info::name(), v, "flux", "finite and >= 0");
        return v;
    } else {
        const double k = ch.policy.hazard(ctx).value();
        if constexpr (!never_fails_v<typename Channel::policy_type>) {
            if (!(k >= 0.0)) bad_channel_value(K, info::name(), k, "hazard (d^-1)", ">= 0 (infinity allowed)");
        }
        if constexpr (info::kind == channel_kind::proliferation || info::kind == channel_kind::division) {
            if (std::isinf(k)) {
                bad_channel_value(K, info::name(), k, "hazard (d^-1)",
                                  "finite and >= 0 (an infinite division hazard would make infinitely many cells)");
            }
        }
        return k;
    }
}

/// @brief The weight of channel K among simultaneous infinite hazards (fate-split branch probability).
template <class Channel>
double channel_weight(const Channel& ch) {
    if constexpr (requires { ch.policy; }) return instant_weight(ch.policy);
    else return 1.0;
}

/// @brief The rate of change of variable J (internal units per day); throws model_error if not finite.
template <std::size_t J, class Variable, class Context>
double variable_rate(const Variable& var, const Context& ctx) {
    using Q = typename Variable::value_type;
    using Expected = std::conditional_t<std::is_arithmetic_v<Q>, rate, decltype(std::declval<Q>() / std::declval<duration>())>;
    using R = decltype(var.rhs(ctx));
    static_assert(std::is_convertible_v<R, Expected>,
                  "ossify::variable: the right-hand side must return the variable's unit per time: an ossify::rate "
                  "(per day) for a plain-number variable, e.g. `x * 1.0_per_d`; for a variable in nM a "
                  "concentration_rate such as `1.0_nM / 1.0_d`");
    const double v = Expected(var.rhs(ctx)).value();
    if (!std::isfinite(v)) {
        throw model_error("ossify::population_model: the right-hand side of variable '" +
                          std::string(Variable::tag::name) + "' is " + format_value(v) + "; allowed: finite");
    }
    return v;
}

/// @brief Calls f(std::integral_constant<std::size_t, I>) for I = 0 .. N-1.
template <std::size_t N, class F>
constexpr void for_index(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(std::integral_constant<std::size_t, I>{}), ...); }(
        std::make_index_sequence<N>{});
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_DETAIL_CHANNELS_HPP
