/// @file
/// @brief Batched Philox4x32-10: many counters under one key at once with SIMD (GCC/Clang
/// vector extensions; SSE2 baseline, AVX2 chosen at run time), bit-identical to
/// `philox4x32::generate` one counter at a time.
#include "../config.hpp"
#ifndef OSSIFY_RANDOM_PHILOX_BATCH_HPP
#define OSSIFY_RANDOM_PHILOX_BATCH_HPP

#include <cstddef>
#include <string_view>

#include "detail/philox_simd.hpp"
#include "philox.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace random {

/**
 * @brief Philox4x32-10 for many counters under one key: `generate(counters, n, key, out)`
 * gives out[j] == philox4x32::generate(counters[j], key), bit for bit, for every j < n.
 *
 * Each SIMD lane computes one counter; a round is two even-lane 32x32->64-bit multiplies
 * (`pmuludq`), two shifts and four xors per vector. With GCC or Clang the kernel is compiled
 * for the baseline instruction set (2 lanes per SSE2 register on x86-64, 4 counters per
 * iteration) and, on x86, also for AVX2 (8 counters per iteration), which is used where the
 * CPU has it (checked once, `__builtin_cpu_supports`). Other compilers, or
 * `-DOSSIFY_RANDOM_NO_SIMD`, get a scalar loop. No `-march` flag is needed. The results are
 * the same in every case (docs/random.md, "Batched draws").
 */
struct philox4x32_batch {
    /** @brief out[j] = philox4x32::generate(counters[j], key) for j < n; `out` may be `counters`. */
    static void generate(const philox4x32::counter_type* counters, std::size_t n,
                         philox4x32::key_type key, philox4x32::counter_type* out) noexcept {
        detail::philox_generate(detail::best_philox_path(), counters, n, key, out);
    }

    /** @brief The implementation in use on this machine: "avx2", "sse2" (the baseline
     * vector kernel on x86), "vector" (the same kernel on another architecture) or "scalar". */
    [[nodiscard]] static std::string_view target() noexcept {
        switch (detail::best_philox_path()) {
            case detail::philox_path::avx2: return "avx2";
#if defined(__x86_64__) || defined(__i386__)
            case detail::philox_path::vector: return "sse2";
#else
            case detail::philox_path::vector: return "vector";
#endif
            default: return "scalar";
        }
    }

    /** @brief Counters computed together per iteration by the implementation in use
     * (1 for the scalar loop). Batches of any length work; this is only how to keep every
     * lane busy. */
    [[nodiscard]] static std::size_t width() noexcept {
        switch (detail::best_philox_path()) {
#if OSSIFY_RANDOM_AVX2
            case detail::philox_path::avx2: return detail::philox_avx2::chunk;
#endif
#if OSSIFY_RANDOM_SIMD
            case detail::philox_path::vector: return detail::philox_vector::chunk;
#endif
            default: return 1;
        }
    }
};

}  // namespace random
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_PHILOX_BATCH_HPP
