/// @file
/// @brief `random::stream`: a sequential generator over Philox (counter = position), for
/// solvers that consume numbers one after another (Gillespie), with checkpointing.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_STREAM_HPP
#define OSSIFY_RANDOM_STREAM_HPP

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "../detail/error.hpp"
#include "../units/quantities.hpp"
#include "philox.hpp"
#include "seed.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace random {

class counter_rng;

/**
 * @brief A sequential random number generator: output number `i` is a pure function of
 * (seed, stream id, i), computed by Philox4x32-10 with the counter (i / 2) and half of its
 * 128 bits. Satisfies `std::uniform_random_bit_generator` (64-bit results).
 *
 * The position (the number of 64-bit outputs drawn so far) can be read and restored, so a
 * checkpointed simulation resumes bit for bit. Two streams of one seed with different ids
 * are independent; a stream never reproduces the numbers of a `counter_rng` draw.
 */
class stream {
public:
    /** @brief 64-bit outputs. */
    using result_type = std::uint64_t;

    /** @brief Stream `stream_id` of a seed, at position 0. */
    stream(ossify::seed s, std::uint64_t stream_id) noexcept
        : stream(detail::derive(s.value, stream_id, 0, detail::domain_stream), s, stream_id) {}

    /** @brief Smallest output: 0. */
    static constexpr result_type min() noexcept { return 0; }
    /** @brief Largest output: 2^64 - 1. */
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    /** @brief The next 64 random bits. */
    result_type operator()() noexcept {
        const std::uint64_t pos = position_++;
        if ((pos & 1u) == 0) {
            block_ = generate_block(pos >> 1);
            return detail::join64(block_[0], block_[1]);
        }
        return detail::join64(block_[2], block_[3]);
    }

    /** @brief A uniform double in the open interval (0, 1) on the grid k * 2^-53 (53 bits;
     * an all-zero draw, probability 2^-53, is skipped). */
    double uniform() noexcept {
        for (;;) {
            const std::uint64_t k = (*this)() >> 11;
            if (k != 0) return static_cast<double>(k) * detail::two_pow_m53;
        }
    }

    /** @brief An Exp(rate) variate, -ln(U)/rate, with rate a plain number (1/d in the
     * internal scale). rate = 0 gives +infinity (never); a negative or NaN rate gives NaN
     * and draws nothing. */
    double exponential(double rate) noexcept {
        if (!(rate >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
        return -std::log(uniform()) / rate;
    }

    /** @brief A waiting time of a process with a constant hazard: Exp(rate).
     * @throws ossify::invalid_parameter if the rate is negative, infinite or NaN. */
    duration exponential(ossify::rate r) {
        ossify::detail::require_non_negative("ossify::random::stream::exponential", "rate",
                                             units::internal(r), "1/d");
        return units::from_internal<duration>(exponential(units::internal(r)));
    }

    /** @brief Number of 64-bit outputs drawn so far (the state to checkpoint). */
    [[nodiscard]] std::uint64_t position() const noexcept { return position_; }
    /** @brief Jumps to a position, in O(1): the next output is output number `position`. */
    void seek(std::uint64_t position) noexcept {
        position_ = position;
        if ((position & 1u) != 0) block_ = generate_block(position >> 1);
    }
    /** @brief Skips n outputs, in O(1). */
    void discard(std::uint64_t n) noexcept { seek(position_ + n); }

    /** @brief The seed. */
    [[nodiscard]] ossify::seed seed() const noexcept { return seed_; }
    /** @brief The stream id (for streams made by `counter_rng::sequence`, the draw's
     * entity). */
    [[nodiscard]] std::uint64_t stream_id() const noexcept { return id_; }

    /** @brief Same seed, same stream, same position: the same future outputs. */
    friend bool operator==(const stream& a, const stream& b) noexcept {
        return a.key_.key == b.key_.key && a.key_.tag0 == b.key_.tag0 &&
               a.key_.tag1 == b.key_.tag1 && a.position_ == b.position_;
    }

private:
    friend class counter_rng;

    stream(const detail::derived_key& k, ossify::seed s, std::uint64_t id) noexcept
        : key_(k), seed_(s), id_(id) {}

    [[nodiscard]] philox4x32::counter_type generate_block(std::uint64_t block) const noexcept {
        return philox4x32::generate({detail::lo32(block), detail::hi32(block), key_.tag0, key_.tag1},
                                    key_.key);
    }

    detail::derived_key key_;
    ossify::seed seed_;
    std::uint64_t id_ = 0;
    std::uint64_t position_ = 0;
    philox4x32::counter_type block_{};
};

}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_STREAM_HPP
