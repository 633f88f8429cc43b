/// @file
/// @brief The implementations behind `philox_batch.hpp`: the SIMD kernel of
/// `philox_lanes.hpp` compiled for the baseline instruction set (SSE2 on x86-64, 2 lanes)
/// and, on x86, for AVX2 (4 lanes, chosen at run time), plus a plain scalar fallback for
/// compilers without GCC/Clang vector extensions. All give the same bits.
#include "../../config.hpp"
#ifndef OSSIFY_RANDOM_DETAIL_PHILOX_SIMD_HPP
#define OSSIFY_RANDOM_DETAIL_PHILOX_SIMD_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#include "../philox.hpp"

/// @brief 1 when the vector-extension kernel is compiled (GCC or Clang, little-endian, and
/// not switched off by defining OSSIFY_RANDOM_NO_SIMD), 0 for the scalar fallback only.
#if !defined(OSSIFY_RANDOM_NO_SIMD) && (defined(__GNUC__) || defined(__clang__)) && \
    defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#  define OSSIFY_RANDOM_SIMD 1
#else
#  define OSSIFY_RANDOM_SIMD 0
#endif

/// @brief 1 when an AVX2 kernel is compiled besides the baseline one (x86 with vector
/// extensions); it runs where the CPU has AVX2.
#if OSSIFY_RANDOM_SIMD && (defined(__x86_64__) || defined(__i386__))
#  define OSSIFY_RANDOM_AVX2 1
#else
#  define OSSIFY_RANDOM_AVX2 0
#endif

OSSIFY_NAMESPACE_BEGIN
namespace random::detail {

/// @brief An implementation of the batched functions.
enum class philox_path {
    scalar,  ///< one counter at a time (philox4x32::generate)
    vector,  ///< the kernel with the baseline instruction set (SSE2 on x86-64)
    avx2     ///< the kernel compiled for AVX2
};

/// @brief The scalar fallback: the reference the kernels are tested against.
namespace philox_scalar {
/// @brief See `philox_lanes.hpp`, `uniforms`.
inline void uniforms(philox4x32::key_type key, std::uint32_t word3, std::uint32_t first_index,
                     std::uint32_t count, const std::uint64_t* entities, std::size_t n,
                     double* out) noexcept {
    for (std::size_t j = 0; j < n; ++j) {
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto o = philox4x32::generate(
                {lo32(entities[j]), hi32(entities[j]), first_index + i, word3}, key);
            out[j * count + i] = open_unit(join64(o[0], o[1]), join64(o[2], o[3]));
        }
    }
}
/// @brief See `philox_lanes.hpp`, `entity_bits`.
inline void entity_bits(philox4x32::key_type key, std::uint32_t word3, std::uint32_t index,
                        const std::uint64_t* entities, std::size_t n,
                        philox4x32::counter_type* out) noexcept {
    for (std::size_t j = 0; j < n; ++j)
        out[j] = philox4x32::generate({lo32(entities[j]), hi32(entities[j]), index, word3}, key);
}
/// @brief See `philox_lanes.hpp`, `generate`.
inline void generate(const philox4x32::counter_type* counters, std::size_t n,
                     philox4x32::key_type key, philox4x32::counter_type* out) noexcept {
    for (std::size_t j = 0; j < n; ++j) out[j] = philox4x32::generate(counters[j], key);
}
}  // namespace philox_scalar

#if OSSIFY_RANDOM_SIMD
/// @brief `__builtin_shufflevector(a, b, indices...)` (Clang, GCC >= 12), or GCC's older
/// `__builtin_shuffle(a, b, mask)`: lane i of the result is lane indices[i] of a:b.
#  if defined(__has_builtin)
#    if __has_builtin(__builtin_shufflevector)
#      define OSSIFY_RANDOM_SHUFFLE_(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#    endif
#  endif
#  ifndef OSSIFY_RANDOM_SHUFFLE_
#    define OSSIFY_RANDOM_SHUFFLE_(a, b, ...) __builtin_shuffle(a, b, decltype(a){__VA_ARGS__})
#  endif
/// @brief The kernel with the baseline instruction set: two 64-bit lanes per vector.
namespace philox_vector {
/// @brief Two 64-bit lanes.
typedef std::uint64_t v64 __attribute__((vector_size(16)));
/// @brief Two doubles.
typedef double vf64 __attribute__((vector_size(16)));
/// @brief Lanes per vector.
inline constexpr std::size_t lanes = 2;
/// @brief Vectors in flight: three independent chains hide the 5-cycle multiply latency
/// (measured on g++ 12: 2 and 4 were slower; 4 spills the 16 registers).
inline constexpr std::size_t groups = 3;
#  if defined(__SSE2__) && !defined(__clang__)
/// @brief Four 32-bit lanes (the operand type of the builtin).
typedef int v32 __attribute__((vector_size(16)));
/// @brief The low 32 bits of each lane multiplied into 64 (`pmuludq`): g++ 12 does not
/// narrow the masked 64-bit product of the generic form below to it, so this uses the builtin.
[[gnu::always_inline]] inline v64 mul_lo32(v64 a, v64 b) noexcept {
    return reinterpret_cast<v64>(__builtin_ia32_pmuludq128(reinterpret_cast<v32>(a), reinterpret_cast<v32>(b)));
}
#  else
/// @brief The low 32 bits of each lane multiplied into 64 (Clang turns this into one
/// `pmuludq`/`umull`-style instruction).
[[gnu::always_inline]] inline v64 mul_lo32(v64 a, v64 b) noexcept {
    return (a & 0xffffffffu) * (b & 0xffffffffu);
}
#  endif
/// @brief Four 32-bit lanes.
typedef std::uint32_t u32v __attribute__((vector_size(16)));
/// @brief The high half of each lane moved to its low half (the high half is left as is):
/// one `pshufd`, which also copies, where a shift would need a copy first without AVX.
[[gnu::always_inline]] inline v64 high_down(v64 a) noexcept {
    const auto w = reinterpret_cast<u32v>(a);
    return reinterpret_cast<v64>(OSSIFY_RANDOM_SHUFFLE_(w, w, 1, 1, 3, 3));
}
#  include "philox_lanes.hpp"
}  // namespace philox_vector
#endif

#if OSSIFY_RANDOM_AVX2
#  if defined(__clang__)
#    pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#  else
#    pragma GCC push_options
#    pragma GCC target("avx2")
#  endif
/// @brief The kernel compiled for AVX2: four 64-bit lanes per vector. Only called where
/// the CPU has AVX2 (`best_philox_path`).
namespace philox_avx2 {
/// @brief Four 64-bit lanes.
typedef std::uint64_t v64 __attribute__((vector_size(32)));
/// @brief Four doubles.
typedef double vf64 __attribute__((vector_size(32)));
/// @brief Lanes per vector.
inline constexpr std::size_t lanes = 4;
/// @brief Vectors in flight (3 measured fastest, as for the baseline kernel).
inline constexpr std::size_t groups = 3;
#  if defined(__clang__)
/// @brief The low 32 bits of each lane multiplied into 64 (`vpmuludq`).
[[gnu::always_inline]] inline v64 mul_lo32(v64 a, v64 b) noexcept {
    return (a & 0xffffffffu) * (b & 0xffffffffu);
}
#  else
/// @brief Eight 32-bit lanes (the operand type of the builtin).
typedef int v32 __attribute__((vector_size(32)));
/// @brief The low 32 bits of each lane multiplied into 64 (`vpmuludq`).
[[gnu::always_inline]] inline v64 mul_lo32(v64 a, v64 b) noexcept {
    return reinterpret_cast<v64>(__builtin_ia32_pmuludq256(reinterpret_cast<v32>(a), reinterpret_cast<v32>(b)));
}
#  endif
/// @brief Eight 32-bit lanes.
typedef std::uint32_t u32v __attribute__((vector_size(32)));
/// @brief The high half of each lane moved to its low half (`vpshufd`).
[[gnu::always_inline]] inline v64 high_down(v64 a) noexcept {
    const auto w = reinterpret_cast<u32v>(a);
    return reinterpret_cast<v64>(OSSIFY_RANDOM_SHUFFLE_(w, w, 1, 1, 3, 3, 5, 5, 7, 7));
}
#  include "philox_lanes.hpp"
}  // namespace philox_avx2
#  if defined(__clang__)
#    pragma clang attribute pop
#  else
#    pragma GCC pop_options
#  endif
#endif

/// @brief Whether this CPU runs the AVX2 kernel (checked once; always true when compiled
/// with -mavx2, false where no AVX2 kernel is compiled).
[[nodiscard]] inline bool cpu_has_avx2() noexcept {
#if OSSIFY_RANDOM_AVX2 && defined(__AVX2__)
    return true;
#elif OSSIFY_RANDOM_AVX2
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0;
    }();
    return has;
#else
    return false;
#endif
}

/// @brief The fastest implementation on this machine.
[[nodiscard]] inline philox_path best_philox_path() noexcept {
    if (cpu_has_avx2()) return philox_path::avx2;
    return OSSIFY_RANDOM_SIMD ? philox_path::vector : philox_path::scalar;
}

/// @brief Whether `path` can run here (the scalar one always can).
[[nodiscard]] inline bool philox_path_available(philox_path path) noexcept {
    switch (path) {
        case philox_path::avx2: return cpu_has_avx2();
        case philox_path::vector: return OSSIFY_RANDOM_SIMD != 0;
        default: return true;
    }
}

/// @brief Calls `philox_<path>::name(args...)`; a path that is not available runs the
/// scalar code.
#if OSSIFY_RANDOM_AVX2
#  define OSSIFY_PHILOX_DISPATCH_AVX2_(name, ...) \
    case philox_path::avx2: if (cpu_has_avx2()) return philox_avx2::name(__VA_ARGS__); break;
#else
#  define OSSIFY_PHILOX_DISPATCH_AVX2_(name, ...)
#endif
#if OSSIFY_RANDOM_SIMD
#  define OSSIFY_PHILOX_DISPATCH_VECTOR_(name, ...) \
    case philox_path::vector: return philox_vector::name(__VA_ARGS__);
#else
#  define OSSIFY_PHILOX_DISPATCH_VECTOR_(name, ...)
#endif
#define OSSIFY_PHILOX_DISPATCH_(path, name, ...)               \
    switch (path) {                                            \
        OSSIFY_PHILOX_DISPATCH_AVX2_(name, __VA_ARGS__)        \
        OSSIFY_PHILOX_DISPATCH_VECTOR_(name, __VA_ARGS__)      \
        default: break;                                        \
    }                                                          \
    return philox_scalar::name(__VA_ARGS__)

/// @brief out[j * count + i] = open_unit of `philox4x32::generate({lo32(e), hi32(e),
/// first_index + i, word3}, key)`, e = entities[j], for j < n and i < count.
inline void philox_uniforms(philox_path path, philox4x32::key_type key, std::uint32_t word3,
                            std::uint32_t first_index, std::uint32_t count,
                            const std::uint64_t* entities, std::size_t n, double* out) noexcept {
    if (count == 0) return;
    OSSIFY_PHILOX_DISPATCH_(path, uniforms, key, word3, first_index, count, entities, n, out);
}

/// @brief out[j] = `philox4x32::generate({lo32(e), hi32(e), index, word3}, key)`,
/// e = entities[j], for j < n.
inline void philox_entity_bits(philox_path path, philox4x32::key_type key, std::uint32_t word3,
                               std::uint32_t index, const std::uint64_t* entities, std::size_t n,
                               philox4x32::counter_type* out) noexcept {
    OSSIFY_PHILOX_DISPATCH_(path, entity_bits, key, word3, index, entities, n, out);
}

/// @brief out[j] = `philox4x32::generate(counters[j], key)` for j < n.
inline void philox_generate(philox_path path, const philox4x32::counter_type* counters,
                            std::size_t n, philox4x32::key_type key,
                            philox4x32::counter_type* out) noexcept {
    OSSIFY_PHILOX_DISPATCH_(path, generate, counters, n, key, out);
}

#undef OSSIFY_PHILOX_DISPATCH_
#undef OSSIFY_PHILOX_DISPATCH_VECTOR_
#undef OSSIFY_PHILOX_DISPATCH_AVX2_

}  // namespace random::detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_RANDOM_DETAIL_PHILOX_SIMD_HPP
