/// @file
/// @brief The concept a diffusing signal's tag type satisfies (`signal_type`).
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_CONCEPTS_HPP
#define OSSIFY_SIGNAL_CONCEPTS_HPP

#include <concepts>
#include <string_view>

#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief A diffusing signal (morphogen, growth factor) is an empty tag type with a name
 * and default transport parameters:
 *
 * ```cpp
 * struct my_signal {
 *     static constexpr std::string_view name = "my_signal";
 *     static ossify::diffusivity default_diffusivity();  // source or "assumed" in a comment
 *     static ossify::rate default_decay();               // first-order loss rate
 * };
 * ```
 * @tparam T the candidate tag type
 */
template <class T>
concept signal_type = requires {
    { T::name } -> std::convertible_to<std::string_view>;
    { T::default_diffusivity() } -> std::same_as<diffusivity>;
    { T::default_decay() } -> std::same_as<rate>;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_CONCEPTS_HPP
