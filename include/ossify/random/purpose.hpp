/// @file
/// @brief Well-known purposes of random draws and `draw_key`, the address of one draw.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_PURPOSE_HPP
#define OSSIFY_RANDOM_PURPOSE_HPP

#include <cstdint>

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

}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_PURPOSE_HPP
