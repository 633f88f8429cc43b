/// @file
/// @brief `ossify::seed`: the seed of a run, a strong type so that an integer is never
/// silently taken for a seed.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_SEED_HPP
#define OSSIFY_RANDOM_SEED_HPP

#include <compare>
#include <cstdint>

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The seed of a run. Same seed, same numbers: every draw of the library is a pure
 * function of the seed and the draw's address (see `random::counter_rng`).
 *
 * The constructor is explicit, so `seed s = 42;` and passing `42` where a seed is expected
 * do not compile; write `seed{42}`.
 */
struct seed {
    /** @brief The 64 bits of the seed. */
    std::uint64_t value = 0;

    /** @brief Seed 0. */
    constexpr seed() noexcept = default;
    /** @brief A seed with the given 64 bits. */
    explicit constexpr seed(std::uint64_t v) noexcept : value(v) {}

    /** @brief Seeds compare by their bits. */
    friend constexpr bool operator==(const seed&, const seed&) noexcept = default;
    /** @brief Seeds order by their bits (so they can key ordered containers). */
    friend constexpr std::strong_ordering operator<=>(const seed&, const seed&) noexcept = default;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_SEED_HPP
