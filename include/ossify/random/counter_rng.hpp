/// @file
/// @brief `random::counter_rng`: stateless draws, each a pure function of
/// (seed, step, entity, purpose, index), so results do not depend on update order or threads.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_COUNTER_RNG_HPP
#define OSSIFY_RANDOM_COUNTER_RNG_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "../detail/error.hpp"
#include "../units/quantities.hpp"
#include "philox.hpp"
#include "philox_batch.hpp"
#include "purpose.hpp"
#include "seed.hpp"
#include "stream.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace random {

/**
 * @brief The draws of one (step, purpose) for any entity, with the first-stage key already
 * derived: one Philox call per draw instead of two. Made by `counter_rng::bind`; gives the
 * same numbers as `counter_rng` for the same address.
 */
class bound_rng {
public:
    /** @brief The 128 bits of draw (step, entity, purpose, index). */
    [[nodiscard]] constexpr std::array<std::uint32_t, 4> bits(std::uint64_t entity,
                                                              std::uint32_t index = 0) const noexcept {
        const std::uint64_t e = entity + offset_;
        return philox4x32::generate({detail::lo32(e), detail::hi32(e), index, key_.tag0}, key_.key);
    }
    /** @brief Uniform in the open interval (0, 1), 53-bit resolution. */
    [[nodiscard]] constexpr double uniform(std::uint64_t entity, std::uint32_t index = 0) const noexcept {
        const auto b = bits(entity, index);
        return detail::open_unit(detail::join64(b[0], b[1]), detail::join64(b[2], b[3]));
    }
    /** @brief out[j] = uniform(entities[j], index) for j < n: the same numbers as one call
     * each, bit for bit, computed several at once with SIMD (`philox4x32_batch`; 2-3x
     * faster per draw than a loop of `uniform` where the CPU has AVX2, docs/random.md
     * "Batched draws"). */
    void uniforms(const std::uint64_t* entities, std::size_t n, std::uint32_t index,
                  double* out) const noexcept {
        uniforms(entities, n, index, 1, out);
    }
    /** @brief Several draws per entity: out[j * count + i] = uniform(entities[j],
     * first_index + i) for j < n and i < count (entity-major, `count` numbers per entity),
     * bit for bit the numbers of one call each, computed with SIMD like `uniforms` above. */
    void uniforms(const std::uint64_t* entities, std::size_t n, std::uint32_t first_index,
                  std::uint32_t count, double* out) const noexcept {
        if (offset_ == 0) {
            detail::philox_uniforms(detail::best_philox_path(), key_.key, key_.tag0, first_index,
                                    count, entities, n, out);
            return;
        }
        // Shifted entities, a chunk at a time (each draw is independent of the batch it is in).
        std::uint64_t shifted[shift_chunk];
        for (std::size_t j = 0; j < n; j += shift_chunk) {
            const std::size_t m = n - j < shift_chunk ? n - j : shift_chunk;
            for (std::size_t k = 0; k < m; ++k) shifted[k] = entities[j + k] + offset_;
            detail::philox_uniforms(detail::best_philox_path(), key_.key, key_.tag0, first_index,
                                    count, shifted, m, out + j * count);
        }
    }
    /** @brief out[j] = bits(entities[j], index) for j < n, computed with SIMD; the same
     * 128 bits as one call each. */
    void bits(const std::uint64_t* entities, std::size_t n, std::uint32_t index,
              std::array<std::uint32_t, 4>* out) const noexcept {
        if (offset_ == 0) {
            detail::philox_entity_bits(detail::best_philox_path(), key_.key, key_.tag0, index,
                                       entities, n, out);
            return;
        }
        std::uint64_t shifted[shift_chunk];
        for (std::size_t j = 0; j < n; j += shift_chunk) {
            const std::size_t m = n - j < shift_chunk ? n - j : shift_chunk;
            for (std::size_t k = 0; k < m; ++k) shifted[k] = entities[j + k] + offset_;
            detail::philox_entity_bits(detail::best_philox_path(), key_.key, key_.tag0, index,
                                       shifted, m, out + j);
        }
    }
    /** @brief Exp(rate), rate a plain number in 1/d; 0 gives +infinity, negative/NaN gives NaN. */
    [[nodiscard]] double exponential(std::uint64_t entity, double rate,
                                     std::uint32_t index = 0) const noexcept {
        if (!(rate >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
        return -std::log(uniform(entity, index)) / rate;
    }
    /** @brief The step these draws belong to. */
    [[nodiscard]] constexpr std::uint64_t step() const noexcept { return step_; }
    /** @brief The purpose these draws belong to. */
    [[nodiscard]] constexpr std::uint32_t purpose() const noexcept { return purpose_; }
    /** @brief The same draws with every entity shifted by `offset`: a draw for entity e of
     * the result is the draw for entity e + offset of this one (every function above,
     * batched ones included). A tissue that is one part of a larger one (a rank's slab in a
     * decomposed run, ossify/mpi) keys its draws by global site index this way, so it draws
     * the numbers the whole tissue would. */
    [[nodiscard]] constexpr bound_rng shifted(std::uint64_t offset) const noexcept {
        bound_rng b = *this;
        b.offset_ += offset;
        return b;
    }
    /** @brief The entity shift (0 unless made by `shifted`). */
    [[nodiscard]] constexpr std::uint64_t entity_offset() const noexcept { return offset_; }

private:
    friend class counter_rng;
    constexpr bound_rng(const detail::derived_key& k, std::uint64_t step,
                        std::uint32_t purpose) noexcept
        : key_(k), step_(step), purpose_(purpose) {}

    // Entities shifted per batch call of the batched draws (on the stack).
    static constexpr std::size_t shift_chunk = 256;

    detail::derived_key key_;
    std::uint64_t step_;
    std::uint32_t purpose_;
    std::uint64_t offset_ = 0;
};

/**
 * @brief A stateless counter-based generator: a draw is a pure function of
 * (seed, step, entity, purpose, index), so the same seed gives bit-identical results for any
 * thread count and any order of updates.
 *
 * Scheme (two Philox4x32-10 calls; docs/random.md):
 *  1. (key, tag) = Philox(counter = {step, purpose, "keyd"}, key = seed);
 *  2. bits = Philox(counter = {entity, index, tag}, key).
 * Stage 1 is a bijection of its counter, so distinct (step, purpose) get distinct 128-bit
 * outputs of which 96 feed stage 2; stage 2 is a bijection of (entity, index).
 * Holds only the seed: copy it freely, share it between threads.
 */
class counter_rng {
public:
    /** @brief The generator of a seed. */
    explicit constexpr counter_rng(ossify::seed s) noexcept : seed_(s) {}

    /** @brief The seed. */
    [[nodiscard]] constexpr ossify::seed seed() const noexcept { return seed_; }

    /** @brief The draws of one step and purpose, with the key derived once (fast path for
     * loops over entities). */
    [[nodiscard]] constexpr bound_rng bind(std::uint64_t step, std::uint32_t purpose) const noexcept {
        return bound_rng(detail::derive(seed_.value, step, purpose, detail::domain_keyed), step,
                         purpose);
    }

    /** @brief The 128 random bits of one draw. */
    [[nodiscard]] constexpr std::array<std::uint32_t, 4> bits(const draw_key& k) const noexcept {
        return bind(k.step, k.purpose).bits(k.entity, k.index);
    }

    /** @brief Uniform in the OPEN interval (0, 1) on the grid j * 2^-53 (53-bit resolution):
     * the top 53 bits of the first 64 bits, or of the second 64 when those are zero. */
    [[nodiscard]] constexpr double uniform(const draw_key& k) const noexcept {
        return bind(k.step, k.purpose).uniform(k.entity, k.index);
    }

    /** @brief Exp(rate) by inversion, -ln(U)/rate, rate a plain number in 1/d. rate = 0
     * gives +infinity (never); a negative or NaN rate gives NaN. */
    [[nodiscard]] double exponential(const draw_key& k, double rate) const noexcept {
        return bind(k.step, k.purpose).exponential(k.entity, rate, k.index);
    }

    /** @brief A waiting time of a constant-hazard process: Exp(rate) as a duration.
     * @throws ossify::invalid_parameter if the rate is negative, infinite or NaN. */
    [[nodiscard]] duration exponential(const draw_key& k, ossify::rate r) const {
        ossify::detail::require_non_negative("ossify::random::counter_rng::exponential", "rate",
                                             units::internal(r), "1/d");
        return units::from_internal<duration>(exponential(k, units::internal(r)));
    }

    /** @brief A stream of its own for one draw address, for samplers that need a variable
     * number of uniforms (`poisson`, `binomial`). Its key is the draw's 128 bits, so use a
     * key either for `bits`/`uniform` or for `sequence`, not both. */
    [[nodiscard]] stream sequence(const draw_key& k) const noexcept {
        const auto b = bits(k);
        return stream(detail::derived_key{{b[0], b[1]}, b[2], b[3]}, seed_, k.entity);
    }

    /** @brief Generators compare by their seed. */
    friend constexpr bool operator==(const counter_rng&, const counter_rng&) noexcept = default;

private:
    ossify::seed seed_;
};

}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_COUNTER_RNG_HPP
