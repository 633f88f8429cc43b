/// @file
/// @brief The `transition_policy` concept and the context a policy reads.
#include "../config.hpp"
#ifndef OSSIFY_TRANSITION_CONCEPTS_HPP
#define OSSIFY_TRANSITION_CONCEPTS_HPP

#include <concepts>
#include <type_traits>

#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief Stands for every context a tissue may hand to a policy: used only to check the
/// `transition_policy` concept. A real context provides the subset its tissue knows:
/// `time_in_state()` (cells that are tracked individually), `signal<S>()`, `entrapment()`,
/// `now()`.
struct context_archetype {
    [[nodiscard]] duration time_in_state() const;
    template <class Signal>
    [[nodiscard]] concentration signal() const;
    [[nodiscard]] double entrapment() const;
    [[nodiscard]] double local_density() const;
    [[nodiscard]] double outer_surface() const;
    [[nodiscard]] duration now() const;
};
}  // namespace detail

/**
 * @brief A transition policy: the hazard (events per time) with which a cell makes a move,
 * given its local context.
 *
 * ```cpp
 * struct my_policy {
 *     template <class Context>
 *     ossify::rate hazard(const Context& ctx) const;   // >= 0, may be +infinity ("now")
 *     // optional: time from now until the hazard may change as the cell ages in its state
 *     template <class Context>
 *     ossify::duration next_change(const Context& ctx) const;
 *     // optional: true when hazard() reads ctx.time_in_state()
 *     static constexpr bool reads_time_in_state = true;
 * };
 * ```
 * The probability of the move during a step of length dt is 1 - exp(-k dt) when it is the
 * only move out of the state; several moves out of one state compete (competing risks), so
 * results do not depend on dt. The context is read-only: `time_in_state()`, `signal<S>()`,
 * `entrapment()` (the mineralised fraction of the neighbourhood), `local_density()`,
 * `outer_surface()`, `now()`.
 */
template <class P>
concept transition_policy = std::copy_constructible<P> &&
    requires(const P& p, const detail::context_archetype& ctx) {
        { p.hazard(ctx) } -> std::convertible_to<rate>;
    };

/// @brief True when the policy's hazard depends on the time the cell has spent in its state
/// (so it needs a tissue that tracks cells one by one).
template <class P>
inline constexpr bool reads_time_in_state_v = [] {
    if constexpr (requires { P::reads_time_in_state; }) {
        return static_cast<bool>(P::reads_time_in_state);
    } else {
        return false;
    }
}();

/// @brief True when a policy can never return a NaN or negative hazard for a valid context
/// (finite, non-negative signals): the built-in policies, whose parameters are validated when
/// they are made, and combinations of them. A tissue whose rules all never fail steps its cells
/// without checking each hazard (and without keeping a copy to undo a failed step). A user
/// policy may declare `static constexpr bool never_fails = true` when that holds for it.
template <class P>
inline constexpr bool never_fails_v = [] {
    if constexpr (requires { P::never_fails; }) {
        return static_cast<bool>(P::never_fails);
    } else {
        return false;
    }
}();

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TRANSITION_CONCEPTS_HPP
