/// @file
/// @brief `rule_set<Lineage>(rules...)`: the rules of a lineage, checked at compile time.
#include "../config.hpp"
#ifndef OSSIFY_TRANSITION_RULE_SET_HPP
#define OSSIFY_TRANSITION_RULE_SET_HPP

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "../cell/lineage.hpp"
#include "transition.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The rules (transitions, proliferation, death) of a lineage.
 *
 * Made by `rule_set<Lineage>(...)`, which checks at compile time that every rule joins states
 * of the lineage. Tissues read the rules by state: `for_each_from<S>(f)` visits the rules
 * that apply to cells in S, in the order they were given.
 * @tparam Lineage an ossify::lineage
 * @tparam Rules basic_rule types
 */
template <class Lineage, class... Rules>
class basic_rule_set {
    static_assert(lineage_type<Lineage>, "ossify::rule_set: the first template argument must be an ossify::lineage<...>");
    static_assert((is_rule_v<Rules> && ...), "ossify::rule_set: every rule must be made by transition<From, To>(policy), proliferation<S>(policy), death<S>(policy) or fate_split");
    static_assert((Lineage::template contains<typename Rules::from> && ...),
                  "ossify::rule_set: a rule starts in a state that is not part of the lineage");
    static_assert((Lineage::template contains<typename Rules::to> && ...),
                  "ossify::rule_set: a transition ends in a state that is not part of the lineage");

public:
    /// @brief The lineage.
    using lineage_type = Lineage;
    /// @brief The rules as a tuple type.
    using rules_type = std::tuple<Rules...>;
    /// @brief Number of rules.
    static constexpr std::size_t size = sizeof...(Rules);
    /// @brief True when some policy reads the cells' time in state.
    static constexpr bool reads_time_in_state =
        (false || ... || reads_time_in_state_v<typename Rules::policy_type>);

    /// @brief A rule set from its rules.
    constexpr explicit basic_rule_set(std::tuple<Rules...> rules) : rules_(std::move(rules)) {}

    /// @brief The rules.
    [[nodiscard]] constexpr const rules_type& rules() const noexcept { return rules_; }

    /// @brief Calls f(rule) for every rule.
    template <class F>
    constexpr void for_each(F&& f) const {
        std::apply([&](const auto&... r) { (f(r), ...); }, rules_);
    }

    /// @brief Calls f(rule) for every rule that applies to cells in State.
    template <class State, class F>
    constexpr void for_each_from(F&& f) const {
        std::apply(
            [&](const auto&... r) {
                (
                    [&](const auto& rule) {
                        if constexpr (std::is_same_v<typename std::decay_t<decltype(rule)>::from, State>) {
                            f(rule);
                        }
                    }(r),
                    ...);
            },
            rules_);
    }

    /// @brief Calls f(rule, k) for every rule that applies to cells in State, k its position
    /// in the rule set.
    template <class State, class F>
    constexpr void for_each_from_indexed(F&& f) const {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (
                [&] {
                    if constexpr (std::is_same_v<typename std::tuple_element_t<I, rules_type>::from, State>) {
                        f(std::get<I>(rules_), I);
                    }
                }(),
                ...);
        }(std::index_sequence_for<Rules...>{});
    }
    /// @brief True when no policy can return a NaN or negative hazard (ossify::never_fails_v).
    static constexpr bool never_fails = (true && ... && never_fails_v<typename Rules::policy_type>);
    /// @brief Number of rules that apply to cells in State.
    template <class State>
    static constexpr std::size_t count_from = (std::size_t{0} + ... + (std::is_same_v<typename Rules::from, State> ? 1u : 0u));

private:
    rules_type rules_;
};

/// @brief True for basic_rule_set<...>.
template <class T>
inline constexpr bool is_rule_set_v = false;
/// @brief True for basic_rule_set<...>.
template <class L, class... R>
inline constexpr bool is_rule_set_v<basic_rule_set<L, R...>> = true;

/// @brief A type made by ossify::rule_set.
template <class T>
concept rule_set_type = is_rule_set_v<T>;

namespace detail {
template <class Lineage, class T>
constexpr auto as_rule_tuple(const T& x) {
    if constexpr (is_rule_v<T>) {
        return std::make_tuple(x);
    } else if constexpr (is_rule_set_v<T>) {
        static_assert(std::is_same_v<typename T::lineage_type, Lineage>,
                      "ossify::rule_set: two rule sets of different lineages are mixed");
        return x.rules();
    } else if constexpr (requires { std::tuple_size<T>::value; }) {
        return std::apply([](const auto&... e) { return std::tuple_cat(as_rule_tuple<Lineage>(e)...); }, x);
    } else {
        static_assert(is_rule_v<T>,
                      "ossify::rule_set: an argument is not a rule: use transition<From, "
                      "To>(policy), proliferation<S>(policy), death<S>(policy) or fate_split");
        return std::tuple<>{};
    }
}

template <class Lineage, class Tuple>
struct rule_set_from_tuple;
template <class Lineage, class... R>
struct rule_set_from_tuple<Lineage, std::tuple<R...>> {
    using type = basic_rule_set<Lineage, R...>;
};
}  // namespace detail

/**
 * @brief Builds the rule set of a lineage from rules, fate splits and other rule sets of the
 * same lineage.
 * ```cpp
 * auto rules = rule_set<my_lineage>(
 *     transition<mesenchymal, osteogenic>(hill<bmp2>(5.0_nM, 2.0, 0.5 / 1.0_d)),
 *     transition<osteogenic, osteoblast>(after(3.0_d) && hazard(0.3 / 1.0_d)));
 * ```
 * @tparam Lineage an ossify::lineage
 */
template <class Lineage, class... Args>
[[nodiscard]] constexpr auto rule_set(const Args&... args) {
    static_assert(lineage_type<Lineage>, "ossify::rule_set<L>: L must be an ossify::lineage<...>");
    auto all = std::tuple_cat(detail::as_rule_tuple<Lineage>(args)...);
    using set = typename detail::rule_set_from_tuple<Lineage, decltype(all)>::type;
    return set(std::move(all));
}

/// @brief The rules of two rule sets of the same lineage, in order.
template <class L1, class... A, class L2, class... B>
[[nodiscard]] constexpr auto merge(const basic_rule_set<L1, A...>& a, const basic_rule_set<L2, B...>& b) {
    static_assert(std::is_same_v<L1, L2>,
                  "ossify::merge: the two rule sets belong to different lineages");
    return basic_rule_set<L1, A..., B...>(std::tuple_cat(a.rules(), b.rules()));
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TRANSITION_RULE_SET_HPP
