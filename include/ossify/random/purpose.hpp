/// @file
/// @brief Well-known purposes of random draws and `draw_key`, the address of one draw.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_PURPOSE_HPP
#define OSSIFY_RANDOM_PURPOSE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

OSSIFY_NAMESPACE_BEGIN
namespace random {

/**
 * @brief Well-known purposes of draws. Two processes that draw for the same entity in the
 * same step use different purposes, so they never see the same numbers.
 *
 * Values below `user` are reserved for the library; user code picks `user + k`.
 */
namespace purpose {
/** @brief A cell changes state (transition policies). */
inline constexpr std::uint32_t transition = 1;
/** @brief A cell divides. */
inline constexpr std::uint32_t proliferation = 2;
/** @brief A cell dies. */
inline constexpr std::uint32_t death = 3;
/** @brief A cell moves. */
inline constexpr std::uint32_t migration = 4;
/** @brief A cell secretes (stochastic secretion, deposition). */
inline constexpr std::uint32_t secretion = 5;
/** @brief Initial placement of cells. */
inline constexpr std::uint32_t placement = 6;
/** @brief Where a daughter cell goes. */
inline constexpr std::uint32_t division_direction = 7;
/** @brief Well-mixed population models (the stream of a stochastic simulation). */
inline constexpr std::uint32_t population = 8;
/** @brief First purpose free for user code: use `user + 0`, `user + 1` ... */
inline constexpr std::uint32_t user = 1024;
}  // namespace purpose

/**
 * @brief The address of one draw: (step, entity, purpose, index). Together with the seed it
 * fixes the draw's 128 bits, whatever the order or thread in which draws are made.
 *
 * `entity` is whatever the caller numbers (a cell id, a site's linear index); `index`
 * separates several draws of one purpose for one entity in one step (0, 1, 2 ...).
 */
struct draw_key {
    /** @brief Time step number. */
    std::uint64_t step;
    /** @brief Entity (cell id, site index ...). */
    std::uint64_t entity;
    /** @brief What the draw is for (`random::purpose::...`). */
    std::uint32_t purpose;
    /** @brief Which of several draws of the same purpose. */
    std::uint32_t index = 0;

    /** @brief Keys compare member by member. */
    friend constexpr bool operator==(const draw_key&, const draw_key&) noexcept = default;
};


/**
 * @brief A random purpose a process declares: its draws use purpose `Id` with draw indices in
 * [First, First + Count). Two processes of one tissue whose declared purposes overlap do not
 * compile (ossify::lattice_tissue checks it), so no two processes can see the same numbers.
 * ```cpp
 * struct tip_draws : ossify::random::draw_purpose<ossify::random::purpose::user + 0, 0, 2> {
 *     static constexpr std::string_view name = "tip cell migration";
 * };
 * ```
 * @tparam Id the purpose (below `purpose::user` are the library's)
 * @tparam First the first draw index
 * @tparam Count the number of draw indices
 */
template <std::uint32_t Id, std::uint32_t First = 0, std::uint32_t Count = 0x10000u>
struct draw_purpose {
    static_assert(Count > 0, "ossify::random::draw_purpose: a purpose needs at least one draw index");
    /** @brief The purpose. */
    static constexpr std::uint32_t id = Id;
    /** @brief First draw index. */
    static constexpr std::uint32_t first_index = First;
    /** @brief Number of draw indices. */
    static constexpr std::uint32_t index_count = Count;
};

/** @brief The random purposes a process declares: `using purposes = purpose_list<A, B>;`. */
template <class... Purposes>
struct purpose_list {
    /** @brief Number of purposes. */
    static constexpr std::size_t size = sizeof...(Purposes);
    /** @brief True when P is declared. */
    template <class P>
    static constexpr bool contains = (std::is_same_v<P, Purposes> || ...);
    /** @brief (id, first, count) of each purpose. */
    static constexpr std::array<std::array<std::uint32_t, 3>, sizeof...(Purposes)> ranges{
        {{Purposes::id, Purposes::first_index, Purposes::index_count}...}};
};

/** @brief True when no two of the (id, first, count) ranges overlap. */
template <std::size_t N>
[[nodiscard]] constexpr bool disjoint(const std::array<std::array<std::uint32_t, 3>, N>& r) noexcept {
    for (std::size_t a = 0; a < N; ++a) {
        for (std::size_t b = a + 1; b < N; ++b) {
            if (r[a][0] != r[b][0]) continue;
            const std::uint64_t a0 = r[a][1], a1 = a0 + r[a][2], b0 = r[b][1], b1 = b0 + r[b][2];
            if (a0 < b1 && b0 < a1) return false;
        }
    }
    return true;
}
}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_PURPOSE_HPP
