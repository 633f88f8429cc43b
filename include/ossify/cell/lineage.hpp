/// @file
/// @brief `lineage<States...>`: a compile-time list of cell states.
#include "../config.hpp"
#ifndef OSSIFY_CELL_LINEAGE_HPP
#define OSSIFY_CELL_LINEAGE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "concepts.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
template <class T, class... Ts>
inline constexpr std::size_t count_of = (std::size_t{0} + ... + (std::is_same_v<T, Ts> ? 1u : 0u));

template <class T, class... Ts>
constexpr std::size_t index_in() {
    std::size_t i = 0;
    bool found = false;
    ((found || (std::is_same_v<T, Ts> ? (found = true) : (++i, false))), ...);
    return found ? i : sizeof...(Ts);
}
}  // namespace detail

/**
 * @brief A compile-time list of the states a cell can be in.
 *
 * States are numbered by their position (`index_of<S>`); tissues store that index per cell.
 * A state may appear only once.
 * @tparam States types that model `cell_state`
 */
template <class... States>
struct lineage {
    static_assert(sizeof...(States) > 0, "ossify::lineage: a lineage needs at least one state");
    static_assert((cell_state<States> && ...),
                  "ossify::lineage: every state must model ossify::cell_state (a regular struct "
                  "with `static constexpr std::string_view name`)");
    static_assert(((detail::count_of<States, States...> == 1) && ...),
                  "ossify::lineage: a state appears twice in the lineage");
    static_assert(sizeof...(States) < 255, "ossify::lineage: at most 254 states");

    /// @brief The states as a tuple type.
    using states = std::tuple<States...>;
    /// @brief A value of any state of the lineage (a cell read out of a tissue).
    using any_state = std::variant<States...>;
    /// @brief The type of a state index.
    using index_type = std::uint8_t;

    /// @brief Number of states.
    static constexpr std::size_t size = sizeof...(States);
    /// @brief True when S is a state of this lineage.
    template <class S>
    static constexpr bool contains = detail::count_of<S, States...> == 1;
    /// @brief Position of S in the lineage (a compile error if S is not in it).
    template <class S>
    static constexpr std::size_t index_of = [] {
        static_assert(detail::count_of<S, States...> == 1,
                      "ossify::lineage::index_of: the state is not part of this lineage");
        return detail::index_in<S, States...>();
    }();
    /// @brief The state at position I.
    template <std::size_t I>
    using state_at = std::tuple_element_t<I, states>;

    /// @brief Names of the states, in lineage order.
    static constexpr std::array<std::string_view, size> names{std::string_view(States::name)...};

    /// @brief Name of the state with the given index, or "?" when out of range.
    [[nodiscard]] static constexpr std::string_view name(std::size_t index) noexcept {
        return index < size ? names[index] : std::string_view("?");
    }

    /// @brief Calls `f.template operator()<S>()` for every state S, in order.
    template <class F>
    static constexpr void for_each(F&& f) {
        (f.template operator()<States>(), ...);
    }

    /// @brief Calls `f.template operator()<S>()` for the state S with the given runtime index;
    /// returns false (and calls nothing) when the index is out of range.
    template <class F>
    static constexpr bool visit(std::size_t index, F&& f) {
        return visit_impl(index, f, std::index_sequence_for<States...>{});
    }

private:
    template <class F, std::size_t... I>
    static constexpr bool visit_impl(std::size_t index, F& f, std::index_sequence<I...>) {
        return ((index == I ? (f.template operator()<States>(), true) : false) || ...);
    }
};

/// @brief True when T is a specialisation of ossify::lineage.
template <class T>
inline constexpr bool is_lineage_v = false;
/// @brief True for lineage<States...>.
template <class... S>
inline constexpr bool is_lineage_v<lineage<S...>> = true;

/// @brief A type that is a `lineage<...>`.
template <class T>
concept lineage_type = is_lineage_v<T>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_CELL_LINEAGE_HPP
