// Compile-time checks of the random layer: compiling this file is the test.
#include <ossify/random.hpp>

#include <concepts>
#include <type_traits>

namespace {
using ossify::random::philox4x32;

// Random123 tests/kat_vectors, "philox4x32 10" (Salmon et al. 2011).
static_assert(philox4x32::generate({0, 0, 0, 0}, {0, 0}) ==
              philox4x32::counter_type{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
static_assert(philox4x32::generate({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                                   {0xffffffffu, 0xffffffffu}) ==
              philox4x32::counter_type{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
static_assert(philox4x32::generate({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                                   {0xa4093822u, 0x299f31d0u}) ==
              philox4x32::counter_type{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});

// An integer is never silently a seed.
static_assert(!std::is_convertible_v<int, ossify::seed>);
static_assert(std::is_constructible_v<ossify::seed, std::uint64_t>);

// A draw is a constant expression, in the open interval (0, 1).
constexpr ossify::random::counter_rng rng{ossify::seed{1}};
static_assert(rng.uniform({0, 0, ossify::random::purpose::transition}) > 0.0);
static_assert(rng.uniform({0, 0, ossify::random::purpose::transition}) < 1.0);
static_assert(rng.bits({0, 0, 1}) == rng.bind(0, 1).bits(0));

static_assert(std::uniform_random_bit_generator<ossify::random::stream>);
static_assert(std::is_nothrow_copy_constructible_v<ossify::random::counter_rng>);
}  // namespace
