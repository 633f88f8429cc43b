/// @file
/// @brief The `cell_state` concept: what a type needs to be a state of a cell.
#include "../config.hpp"
#ifndef OSSIFY_CELL_CONCEPTS_HPP
#define OSSIFY_CELL_CONCEPTS_HPP

#include <concepts>
#include <string_view>

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief A cell state: a small regular struct with a static `name`.
 *
 * ```cpp
 * struct chondrocyte {
 *     static constexpr std::string_view name = "chondrocyte";
 *     ossify::duration time_in_state{};
 *     friend bool operator==(const chondrocyte&, const chondrocyte&) = default;
 * };
 * ```
 * Regular means default-constructible, copyable and equality-comparable, so states can be
 * stored, compared and printed. The data a state carries (at least its time in state) is
 * filled in by the tissue when a cell is read; tissues store cells compactly (a state index
 * and the time the state was entered), not as these structs.
 */
template <class T>
concept cell_state = std::regular<T> && requires {
    { T::name } -> std::convertible_to<std::string_view>;
};

/// @brief A cell state that carries its time in state as a member `time_in_state`.
template <class T>
concept timed_cell_state = cell_state<T> && requires(T t) { t.time_in_state; };

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_CELL_CONCEPTS_HPP
