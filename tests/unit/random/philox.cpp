#include <ossify/random/philox.hpp>
#include <ossify/random/seed.hpp>

#include <type_traits>

#include "catch.hpp"

using ossify::random::philox4x32;

// Known-answer vectors: Random123 (Salmon et al. 2011), tests/kat_vectors, the three
// "philox4x32 10" lines (counter[4] key[2] -> output[4]).
namespace {
struct kat {
    philox4x32::counter_type counter;
    philox4x32::key_type key;
    philox4x32::counter_type expected;
};
constexpr kat kat_vectors[] = {
    {{0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u}, {0x00000000u, 0x00000000u},
     {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}},
    {{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu},
     {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}},
    {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u},
     {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}},
};
}  // namespace

TEST_CASE("philox4x32-10 reproduces the Random123 known-answer vectors", "[random][philox]") {
    for (const auto& v : kat_vectors) {
        CHECK(philox4x32::generate(v.counter, v.key) == v.expected);
    }
}

TEST_CASE("philox4x32-10 is usable in constant expressions", "[random][philox]") {
    constexpr auto out = philox4x32::generate({0, 0, 0, 0}, {0, 0});
    STATIC_REQUIRE(out[0] == 0x6627e8d5u);
    STATIC_REQUIRE(out[3] == 0x9b00dbd8u);
}

TEST_CASE("philox4x32-10 changes every output word when one input bit flips", "[random][philox]") {
    // Avalanche: flipping one counter or key bit changes on average 64 of the 128 output bits.
    // Over 6 * 32 single-bit flips the mean is within 4 standard errors of 64 (a bit flips
    // with probability 1/2: sd 8 per flip, se 8 / sqrt(192)).
    const philox4x32::counter_type c{0x01234567u, 0x89abcdefu, 0xdeadbeefu, 0x00c0ffeeu};
    const philox4x32::key_type k{0x13579bdfu, 0x2468ace0u};
    const auto base = philox4x32::generate(c, k);
    double total = 0;
    int flips = 0;
    for (int word = 0; word < 6; ++word) {
        for (int bit = 0; bit < 32; ++bit) {
            auto c2 = c;
            auto k2 = k;
            if (word < 4) c2[static_cast<std::size_t>(word)] ^= 1u << bit;
            else k2[static_cast<std::size_t>(word - 4)] ^= 1u << bit;
            const auto out = philox4x32::generate(c2, k2);
            int changed = 0;
            for (std::size_t w = 0; w < 4; ++w) changed += __builtin_popcount(out[w] ^ base[w]);
            total += changed;
            ++flips;
        }
    }
    const double mean = total / flips;
    CHECK(std::abs(mean - 64.0) < 4.0 * 8.0 / std::sqrt(static_cast<double>(flips)));
}

TEST_CASE("seed is explicit, regular and ordered", "[random][seed]") {
    STATIC_REQUIRE_FALSE(std::is_convertible_v<int, ossify::seed>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<std::uint64_t, ossify::seed>);
    STATIC_REQUIRE(std::is_constructible_v<ossify::seed, std::uint64_t>);
    constexpr ossify::seed a{42}, b{43};
    STATIC_REQUIRE(a == ossify::seed{42});
    STATIC_REQUIRE(a != b);
    STATIC_REQUIRE(a < b);
    STATIC_REQUIRE(ossify::seed{}.value == 0);
}
