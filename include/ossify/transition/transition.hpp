/// @file
/// @brief Rules: `transition<From, To>(policy)`, `proliferation<S>(policy)`, `death<S>(policy)`
/// and `fate_split<From>(policy, branch<To>(p)...)`.
#include "../config.hpp"
#ifndef OSSIFY_TRANSITION_TRANSITION_HPP
#define OSSIFY_TRANSITION_TRANSITION_HPP

#include <cmath>
#include <tuple>
#include <type_traits>
#include <utility>

#include "../cell/concepts.hpp"
#include "../detail/error.hpp"
#include "concepts.hpp"
#include "policies.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief What a rule does when it fires.
enum class rule_kind : unsigned char {
    transition,     ///< the cell changes state (From -> To); the count of cells is unchanged
    proliferation,  ///< the cell divides; both daughters stay in From
    death           ///< the cell dies (apoptosis) and is removed
};

/**
 * @brief A rule: the cell in state From makes a move with the hazard given by Policy.
 * @tparam Kind transition, proliferation or death
 * @tparam From the state the rule applies to
 * @tparam To the state after a transition (From for proliferation and death)
 * @tparam Policy a transition_policy
 */
template <rule_kind Kind, class From, class To, class Policy>
struct basic_rule {
    static_assert(cell_state<From>, "ossify::transition: From must model ossify::cell_state");
    static_assert(cell_state<To>, "ossify::transition: To must model ossify::cell_state");
    static_assert(transition_policy<Policy>,
                  "ossify::transition: the policy does not model ossify::transition_policy: it "
                  "needs a const member `template <class Context> ossify::rate hazard(const "
                  "Context&) const`");
    static_assert(Kind != rule_kind::transition || !std::is_same_v<From, To>,
                  "ossify::transition: a transition must change the state (From == To); use "
                  "proliferation<S> or death<S> for events that keep it");
    /// @brief What the rule does.
    static constexpr rule_kind kind = Kind;
    /// @brief The state the rule applies to.
    using from = From;
    /// @brief The state after the move.
    using to = To;
    /// @brief The policy type.
    using policy_type = Policy;
    /// @brief The policy (a value: rules carry their parameters).
    Policy policy;
};

/// @brief A transition rule From -> To.
template <class From, class To, class Policy>
using basic_transition = basic_rule<rule_kind::transition, From, To, Policy>;

namespace detail {
template <rule_kind Kind, class From, class To>
struct rule_factory {
    template <class Policy>
    [[nodiscard]] constexpr auto operator()(Policy p) const {
        static_assert(transition_policy<Policy>,
                      "ossify::transition: the argument is not a transition policy: it needs a "
                      "const member `template <class Context> ossify::rate hazard(const "
                      "Context&) const` (or wrap a lambda with ossify::policy_fn)");
        return basic_rule<Kind, From, To, Policy>{std::move(p)};
    }
};
}  // namespace detail

/// @brief `transition<From, To>(policy)`: a cell in From moves to To with the policy's hazard.
template <class From, class To>
inline constexpr detail::rule_factory<rule_kind::transition, From, To> transition{};

/// @brief `proliferation<S>(policy)`: a cell in S divides with the policy's hazard.
template <class State>
inline constexpr detail::rule_factory<rule_kind::proliferation, State, State> proliferation{};

/// @brief `death<S>(policy)`: a cell in S dies with the policy's hazard.
template <class State>
inline constexpr detail::rule_factory<rule_kind::death, State, State> death{};

/// @brief One branch of a fate split: the destination and its probability.
/// @tparam To the destination state
template <class To>
struct fate_branch {
    /// @brief Probability of this branch, in [0, 1].
    double probability;
};

/// @brief A branch of a fate split with probability p in [0, 1].
template <class To>
[[nodiscard]] fate_branch<To> branch(double probability) {
    detail::require_in_range("ossify::branch", "probability", probability, 0.0, 1.0);
    return {probability};
}

/**
 * @brief A fate split: a cell leaves From with the policy's hazard and goes to each branch's
 * state with the branch's probability (the probabilities must sum to 1).
 *
 * Returns a tuple of transitions with scaled hazards, which `rule_set` flattens; drawn as
 * competing risks this is exactly "leave, then choose".
 * ```cpp
 * fate_split<mesenchymal>(hazard(0.5 / 1.0_d), branch<osteogenic>(0.8), branch<endothelial>(0.2))
 * ```
 */
template <class From, transition_policy Policy, class... To>
[[nodiscard]] auto fate_split(Policy policy, fate_branch<To>... branches) {
    static_assert(sizeof...(To) >= 2, "ossify::fate_split: a split needs at least two branches");
    const double sum = (0.0 + ... + branches.probability);
    if (!(std::abs(sum - 1.0) <= 1e-9)) {
        throw invalid_parameter("ossify::fate_split", "sum of branch probabilities",
                                detail::format_value(sum), "1 (within 1e-9)");
    }
    return std::make_tuple(
        transition<From, To>(scaled_policy<Policy>{policy, branches.probability})...);
}

/// @brief True for any basic_rule.
template <class T>
inline constexpr bool is_rule_v = false;
/// @brief True for basic_rule<...>.
template <rule_kind K, class F, class T, class P>
inline constexpr bool is_rule_v<basic_rule<K, F, T, P>> = true;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TRANSITION_TRANSITION_HPP
