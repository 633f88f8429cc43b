/// @file
/// @brief What a well-mixed population model is made of, besides the rules of its lineage:
/// zero-order sources (`influx<S>(flux)`), divisions with chosen daughters
/// (`asymmetric_division<S, T>(policy)`, `division<S>(policy, daughters<A, B>(p)...)`),
/// continuous variables (`variable<V>(initial, rhs)`) and declared signals (`signals<...>{}`),
/// gathered by `population<Lineage>(...)` into a `population_spec`.
///
/// ```cpp
/// const auto model = population<remodelling>(
///     influx<osteoclast>(policy_fn(...)),                       // osteoclasts arrive
///     death<osteoclast>(hazard(0.2_per_d)),                      // any rule of the lineage
///     asymmetric_division<progenitor, osteoblast>(hazard(0.1_per_d)),
///     variable<bone_mass>(100.0, [](const auto& ctx) { return ...; }),  // % per day
///     signals<pth>{});
/// ```
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_SPEC_HPP
#define OSSIFY_TISSUE_POPULATION_SPEC_HPP

#include <cmath>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "../../cell/lineage.hpp"
#include "../../detail/error.hpp"
#include "../../transition/rule_set.hpp"
#include "../environment.hpp"
#include "../fields.hpp"

OSSIFY_NAMESPACE_BEGIN

// ------------------------------------------------------------------ sources and divisions

/**
 * @brief A zero-order source: cells arrive in state To at a rate that does not scale with any
 * count of To (`influx<osteoclast>(flux)`). The flux is a constant or a callable `flux(ctx)`
 * (or a transition policy, whose hazard is then read as the flux): cells per day (`rate`) in
 * a model of counts, a concentration per day (`concentration_rate`) in a model of amounts.
 * @tparam To the state cells arrive in
 * @tparam Flux a constant, a callable of the context, or a transition policy
 */
template <class To, class Flux>
struct influx_rule {
    /// @brief The state cells arrive in.
    using to = To;
    /// @brief The flux type.
    using flux_type = Flux;
    /// @brief The flux.
    Flux flux;
};

/**
 * @brief A division that replaces a cell of From by two daughters, one in First and one in
 * Second (`asymmetric_division<S, T>` is From = First = S, Second = T).
 * @tparam From the dividing state
 * @tparam First the first daughter's state
 * @tparam Second the second daughter's state
 * @tparam Policy a transition policy: the division hazard per cell
 */
template <class From, class First, class Second, class Policy>
struct division_rule {
    static_assert(transition_policy<Policy>,
                  "ossify::division: the argument is not a transition policy (wrap a lambda with ossify::policy_fn)");
    /// @brief The dividing state.
    using from = From;
    /// @brief The first daughter's state.
    using first = First;
    /// @brief The second daughter's state.
    using second = Second;
    /// @brief The policy type.
    using policy_type = Policy;
    /// @brief The division hazard per cell.
    Policy policy;
};

namespace detail {
/// @brief `influx<S>(flux)`.
template <class To>
struct influx_factory {
    template <class Flux>
    [[nodiscard]] constexpr influx_rule<To, Flux> operator()(Flux flux) const {
        static_assert(std::copy_constructible<Flux>, "ossify::influx: the flux must be copyable");
        return {std::move(flux)};
    }
};
}  // namespace detail

/// @brief `influx<S>(flux)`: cells arrive in S at a rate given by flux (see influx_rule).
template <class To>
inline constexpr detail::influx_factory<To> influx{};

/// @brief One outcome of a division: daughters in First and Second, with probability p.
/// @tparam First the first daughter's state
/// @tparam Second the second daughter's state
template <class First, class Second>
struct daughters_t {
    /// @brief Probability of this outcome, in [0, 1].
    double probability;
};

/// @brief `daughters<S, T>(p)`: a division outcome (one S, one T) with probability p in [0, 1].
template <class First, class Second>
[[nodiscard]] daughters_t<First, Second> daughters(double probability) {
    detail::require_in_range("ossify::daughters", "probability", probability, 0.0, 1.0);
    return {probability};
}

/**
 * @brief Fate choice on division: a cell of From divides with the policy's hazard, and its
 * daughters are chosen among the outcomes with their probabilities (which must sum to 1):
 * ```cpp
 * division<stem>(hazard(0.5_per_d), daughters<stem, stem>(0.2),        // self-renewal
 *                daughters<stem, progenitor>(0.6), daughters<progenitor, progenitor>(0.2));
 * ```
 * Returns one division_rule per outcome with the hazard scaled by its probability (drawn as
 * competing risks this is "divide, then choose").
 */
template <class From, transition_policy Policy, class... First, class... Second>
[[nodiscard]] auto division(Policy policy, daughters_t<First, Second>... outcomes) {
    static_assert(sizeof...(First) >= 1, "ossify::division: give at least one daughters<A, B>(p)");
    const double sum = (0.0 + ... + outcomes.probability);
    if (!(std::abs(sum - 1.0) <= 1e-9)) {
        throw invalid_parameter("ossify::division", "sum of daughter probabilities", detail::format_value(sum),
                                "1 (within 1e-9)");
    }
    return std::make_tuple(
        division_rule<From, First, Second, scaled_policy<Policy>>{scaled_policy<Policy>{policy, outcomes.probability}}...);
}

/// @brief `asymmetric_division<S, T>(policy)`: a cell of S divides into one S and one T.
template <class From, class To, transition_policy Policy>
[[nodiscard]] constexpr division_rule<From, From, To, Policy> asymmetric_division(Policy policy) {
    return {std::move(policy)};
}

// ------------------------------------------------------------------ continuous variables

/**
 * @brief A continuous variable of the model (a bone mass, a ligand, a drug level) with its
 * initial value and right-hand side `rhs(ctx)`, the rate of change, which reads counts, other
 * variables, signals and the clock through the context. The unit is that of the initial
 * value: a plain number (then rhs returns a `rate`, per day) or a quantity Q (then rhs
 * returns Q per time, e.g. `concentration_rate` for a variable in nM).
 * @tparam Tag an empty type with a static `name`
 * @tparam Q the value type (double or an ossify quantity)
 * @tparam Rhs the right-hand side, callable with the context
 */
template <class Tag, class Q, class Rhs>
struct variable_rule {
    static_assert(requires { std::string_view(Tag::name); }, "ossify::variable<V>: V needs a static `name`");
    /// @brief The variable's tag.
    using tag = Tag;
    /// @brief The variable's type.
    using value_type = Q;
    /// @brief The right-hand side type.
    using rhs_type = Rhs;
    /// @brief The initial value.
    Q initial;
    /// @brief The rate of change, rhs(ctx).
    Rhs rhs;
};

namespace detail {
/// @brief `variable<V>(initial, rhs)`.
template <class Tag>
struct variable_factory {
    template <class Q, class Rhs>
    [[nodiscard]] constexpr auto operator()(Q initial, Rhs rhs) const {
        if constexpr (std::is_arithmetic_v<Q>) {
            return variable_rule<Tag, double, Rhs>{static_cast<double>(initial), std::move(rhs)};
        } else {
            return variable_rule<Tag, Q, Rhs>{initial, std::move(rhs)};
        }
    }
};
}  // namespace detail

/// @brief `variable<V>(initial, rhs)`: a continuous variable (see variable_rule).
template <class Tag>
inline constexpr detail::variable_factory<Tag> variable{};

// ------------------------------------------------------------------ the specification

/// @brief True for influx_rule and division_rule (the population model's own reactions).
template <class T>
inline constexpr bool is_population_reaction_v = false;
/// @brief True for influx_rule.
template <class To, class F>
inline constexpr bool is_population_reaction_v<influx_rule<To, F>> = true;
/// @brief True for division_rule.
template <class F, class A, class B, class P>
inline constexpr bool is_population_reaction_v<division_rule<F, A, B, P>> = true;
/// @brief True for variable_rule.
template <class T>
inline constexpr bool is_variable_rule_v = false;
/// @brief True for variable_rule.
template <class T, class Q, class R>
inline constexpr bool is_variable_rule_v<variable_rule<T, Q, R>> = true;

namespace detail {
template <class Lineage, class T>
inline constexpr bool reaction_in_lineage = true;
template <class Lineage, class To, class F>
inline constexpr bool reaction_in_lineage<Lineage, influx_rule<To, F>> = Lineage::template contains<To>;
template <class Lineage, class F, class A, class B, class P>
inline constexpr bool reaction_in_lineage<Lineage, division_rule<F, A, B, P>> =
    Lineage::template contains<F> && Lineage::template contains<A> && Lineage::template contains<B>;
template <class T>
inline constexpr bool reaction_reads_time_in_state = false;
template <class F, class A, class B, class P>
inline constexpr bool reaction_reads_time_in_state<division_rule<F, A, B, P>> = reads_time_in_state_v<P>;
}  // namespace detail

/**
 * @brief The full description of a population model: the rule set of its lineage, its own
 * reactions (influx, divisions), its continuous variables and its declared signals. Made by
 * `population<Lineage>(...)`; a plain rule set is a specification with nothing else.
 * @tparam Rules a basic_rule_set
 * @tparam Reactions std::tuple of influx_rule / division_rule
 * @tparam Variables std::tuple of variable_rule
 * @tparam Signals signals<...>
 */
template <class Rules, class Reactions = std::tuple<>, class Variables = std::tuple<>, class Signals = signals<>>
class population_spec;

/// @brief See the primary template.
template <class Rules, class... Reactions, class... Variables, class... Signals>
class population_spec<Rules, std::tuple<Reactions...>, std::tuple<Variables...>, signals<Signals...>> {
    static_assert(rule_set_type<Rules>, "ossify::population_model: the model needs a rule set made by "
                                        "ossify::rule_set<Lineage>(...) or ossify::population<Lineage>(...)");
    static_assert((detail::reaction_in_lineage<typename Rules::lineage_type, Reactions> && ...),
                  "ossify::population: an influx or a division names a state that is not part of the lineage");
    static_assert(!detail::pack_has_duplicates<typename Variables::tag...>,
                  "ossify::population: a variable is declared twice");

public:
    /// @brief The lineage.
    using lineage_type = typename Rules::lineage_type;
    /// @brief The rule set.
    using rules_type = Rules;
    /// @brief The reactions, as a tuple type.
    using reactions_type = std::tuple<Reactions...>;
    /// @brief The variables, as a tuple type.
    using variables_type = std::tuple<Variables...>;
    /// @brief The declared signals.
    using signals_type = signals<Signals...>;
    /// @brief The environment type of the model.
    using environment_type = population_environment<Signals...>;
    /// @brief Rules of the rule set plus reactions: the model's channels.
    static constexpr std::size_t channel_count = Rules::size + sizeof...(Reactions);
    /// @brief Number of continuous variables.
    static constexpr std::size_t variable_count = sizeof...(Variables);
    /// @brief True when some policy reads the cells' time in state.
    static constexpr bool reads_time_in_state =
        Rules::reads_time_in_state || (false || ... || detail::reaction_reads_time_in_state<Reactions>);
    /// @brief True when variable Tag is declared.
    template <class Tag>
    static constexpr bool declares_variable = (std::is_same_v<Tag, typename Variables::tag> || ...);
    /// @brief Position of variable Tag.
    template <class Tag>
    static constexpr std::size_t variable_index = detail::position_in_pack<Tag, typename Variables::tag...>();
    /// @brief Value type of variable Tag.
    template <class Tag>
    using variable_value_type =
        typename std::tuple_element_t<detail::position_in_pack<Tag, typename Variables::tag...>(),
                                      std::tuple<Variables..., variable_rule<Tag, double, int>>>::value_type;

    /// @brief A specification from its parts.
    population_spec(Rules r, std::tuple<Reactions...> re, std::tuple<Variables...> va)
        : rules(std::move(r)), reactions(std::move(re)), variables(std::move(va)) {}

    /// @brief The rule set.
    Rules rules;
    /// @brief The reactions.
    std::tuple<Reactions...> reactions;
    /// @brief The variables.
    std::tuple<Variables...> variables;
};

/// @brief True for population_spec<...>.
template <class T>
inline constexpr bool is_population_spec_v = false;
/// @brief True for population_spec<...>.
template <class R, class Re, class Va, class Si>
inline constexpr bool is_population_spec_v<population_spec<R, Re, Va, Si>> = true;

namespace detail {
template <class T>
inline constexpr bool is_population_tuple_v = false;
template <class... T>
inline constexpr bool is_population_tuple_v<std::tuple<T...>> = true;
template <class T>
inline constexpr bool is_signals_v = false;
template <class... S>
inline constexpr bool is_signals_v<signals<S...>> = true;
/// True for a population_spec that declares at least one signal.
template <class T>
inline constexpr bool declares_signals_v = false;
template <class R, class Re, class Va, class S0, class... S>
inline constexpr bool declares_signals_v<population_spec<R, Re, Va, signals<S0, S...>>> = true;

/// Flattens nested tuples (fate splits, division splits) into one tuple of arguments.
template <class T>
constexpr auto flatten_args(const T& x) {
    if constexpr (is_population_tuple_v<T>) {
        return std::apply([](const auto&... e) { return std::tuple_cat(flatten_args(e)...); }, x);
    } else {
        return std::make_tuple(x);
    }
}
template <class T>
inline constexpr bool is_rule_arg = is_rule_v<T> || is_rule_set_v<T>;

template <class T>
constexpr auto keep_rule(const T& x) {
    if constexpr (is_rule_arg<T>) return std::make_tuple(x);
    else return std::tuple<>{};
}
template <class T>
constexpr auto keep_reaction(const T& x) {
    if constexpr (is_population_reaction_v<T>) return std::make_tuple(x);
    else return std::tuple<>{};
}
template <class T>
constexpr auto keep_variable(const T& x) {
    if constexpr (is_variable_rule_v<T>) return std::make_tuple(x);
    else return std::tuple<>{};
}
template <class... T>
struct signals_of_args {
    using type = signals<>;
};
template <class T, class... Rest>
struct signals_of_args<T, Rest...> {
    using type = std::conditional_t<is_signals_v<T>, T, typename signals_of_args<Rest...>::type>;
};
}  // namespace detail

/**
 * @brief Gathers the rules of a lineage (transitions, proliferation, death, fate splits, rule
 * sets), influxes, divisions, variables and at most one `signals<...>{}` into a
 * population_spec, checking at compile time that each argument is one of these and that every
 * state belongs to the lineage.
 * @tparam Lineage an ossify::lineage
 */
template <class Lineage, class... Args>
[[nodiscard]] auto population(const Args&... args) {
    auto flat = std::tuple_cat(detail::flatten_args(args)...);
    return std::apply(
        [](const auto&... a) {
            static_assert(((detail::is_rule_arg<std::decay_t<decltype(a)>> ||
                            is_population_reaction_v<std::decay_t<decltype(a)>> ||
                            is_variable_rule_v<std::decay_t<decltype(a)>> || detail::is_signals_v<std::decay_t<decltype(a)>>) &&
                           ...),
                          "ossify::population: an argument is not a rule (transition, proliferation, death, "
                          "fate_split), a reaction (influx, division), a variable or signals<...>");
            static_assert((0 + ... + (detail::is_signals_v<std::decay_t<decltype(a)>> ? 1 : 0)) <= 1,
                          "ossify::population: declare the signals in one signals<...>");
            using sig = typename detail::signals_of_args<std::decay_t<decltype(a)>...>::type;
            auto rules = std::apply([](const auto&... r) { return rule_set<Lineage>(r...); },
                                    std::tuple_cat(detail::keep_rule(a)...));
            auto reactions = std::tuple_cat(detail::keep_reaction(a)...);
            auto variables = std::tuple_cat(detail::keep_variable(a)...);
            return population_spec<decltype(rules), decltype(reactions), decltype(variables), sig>(
                std::move(rules), std::move(reactions), std::move(variables));
        },
        flat);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_SPEC_HPP
