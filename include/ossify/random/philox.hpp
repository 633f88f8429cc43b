/// @file
/// @brief The Philox4x32-10 counter-based bijection (Salmon et al. 2011) and the key
/// derivation that turns a seed and a draw's address into a Philox key and counter.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_PHILOX_HPP
#define OSSIFY_RANDOM_PHILOX_HPP

#include <array>
#include <cstdint>

OSSIFY_NAMESPACE_BEGIN
namespace random {

/**
 * @brief Philox4x32-10: a keyed bijection of 128-bit counters, used as a random function.
 *
 * Salmon, Moraes, Dror, Shaw (2011) "Parallel random numbers: as easy as 1, 2, 3", SC'11.
 * Ten rounds of two 32x32->64-bit multiplications with a Weyl-sequence key schedule; passes
 * TestU01 BigCrush (ibid., table 2). Matches the Random123 reference implementation
 * bit for bit (known-answer vectors in tests/unit/random/philox.cpp and tests/static/random.cpp).
 * For many counters under one key, `philox4x32_batch` (philox_batch.hpp) gives the same
 * bits several at a time with SIMD.
 */
struct philox4x32 {
    /** @brief Four 32-bit words of counter (input) or output. */
    using counter_type = std::array<std::uint32_t, 4>;
    /** @brief Two 32-bit words of key. */
    using key_type = std::array<std::uint32_t, 2>;

    /** @brief Round multipliers (Salmon et al. 2011, section 4.3). */
    static constexpr std::uint32_t multiplier0 = 0xD2511F53u;
    /** @brief Round multipliers (Salmon et al. 2011, section 4.3). */
    static constexpr std::uint32_t multiplier1 = 0xCD9E8D57u;
    /** @brief Key schedule increment: golden ratio (Salmon et al. 2011). */
    static constexpr std::uint32_t weyl0 = 0x9E3779B9u;
    /** @brief Key schedule increment: sqrt(3) - 1 (Salmon et al. 2011). */
    static constexpr std::uint32_t weyl1 = 0xBB67AE85u;
    /** @brief Number of rounds (10: the recommended safety margin, ibid.). */
    static constexpr int rounds = 10;

    /** @brief The 128 output bits for one counter under one key. */
    [[nodiscard]] static constexpr counter_type generate(counter_type ctr, key_type key) noexcept {
        for (int r = 0; r < rounds; ++r) {
            if (r != 0) {
                key[0] += weyl0;
                key[1] += weyl1;
            }
            const std::uint64_t p0 = std::uint64_t{multiplier0} * ctr[0];
            const std::uint64_t p1 = std::uint64_t{multiplier1} * ctr[2];
            ctr = counter_type{static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0],
                               static_cast<std::uint32_t>(p1),
                               static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1],
                               static_cast<std::uint32_t>(p0)};
        }
        return ctr;
    }
};

namespace detail {

/// @brief Low 32 bits.
constexpr std::uint32_t lo32(std::uint64_t v) noexcept { return static_cast<std::uint32_t>(v); }
/// @brief High 32 bits.
constexpr std::uint32_t hi32(std::uint64_t v) noexcept { return static_cast<std::uint32_t>(v >> 32); }
/// @brief Two words as one 64-bit number, w0 low.
constexpr std::uint64_t join64(std::uint32_t w0, std::uint32_t w1) noexcept {
    return std::uint64_t{w0} | (std::uint64_t{w1} << 32);
}

/// @brief Domain tags in word 3 of the first-stage counter, so the keys derived for
/// keyed draws and for streams never come from the same Philox input.
inline constexpr std::uint32_t domain_keyed = 0x6b657964u;   // "keyd"
inline constexpr std::uint32_t domain_stream = 0x7374726du;  // "strm"

/// @brief A derived Philox key plus one spare word of the first stage, which goes into the
/// second-stage counter: 96 of the first stage's 128 (bijective) output bits separate
/// two addresses, so two distinct addresses share a second-stage input with probability
/// about 2^-96 per pair.
struct derived_key {
    philox4x32::key_type key;
    std::uint32_t tag0;
    std::uint32_t tag1;
};

/// @brief First stage: Philox under the seed of (a, b, domain).
constexpr derived_key derive(std::uint64_t seed_bits, std::uint64_t a, std::uint32_t b,
                             std::uint32_t domain) noexcept {
    const auto o = philox4x32::generate({lo32(a), hi32(a), b, domain},
                                        {lo32(seed_bits), hi32(seed_bits)});
    return {{o[0], o[1]}, o[2], o[3]};
}

/// @brief 2^-53 and the 53-bit grid of (0, 1).
inline constexpr double two_pow_m53 = 0x1p-53;

/// @brief A double on the grid k * 2^-53, k in [1, 2^53 - 1], from two 64-bit words: the top
/// 53 bits of the first, or of the second when those are all zero (probability 2^-53), or
/// the smallest grid value when both are (2^-106). Never 0, never 1.
constexpr double open_unit(std::uint64_t first, std::uint64_t second) noexcept {
    std::uint64_t k = first >> 11;
    if (k == 0) k = second >> 11;
    if (k == 0) k = 1;
    return static_cast<double>(k) * two_pow_m53;
}

}  // namespace detail
}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_PHILOX_HPP
