/// @file
/// @brief Batched Philox4x32-10 over SIMD lanes: the kernel body, written once and compiled
/// once per instruction set. Not a header of its own: `philox_simd.hpp` includes it inside
/// one namespace per target (so it has no include guard on purpose), after defining there
///  - `v64`: a GCC/Clang vector of 64-bit unsigned lanes (`lanes` of them),
///  - `vf64`: a vector of as many doubles, and `lanes`,
///  - `groups`: how many vectors are computed together (independent chains in flight),
///  - `mul_lo32(a, b)`: per lane, the 64-bit product of the low 32 bits of a and b,
///  - `high_down(a)`: per lane, the high 32 bits moved to the low half.
/// Every lane holds one counter, one 32-bit word per 64-bit lane (the upper halves of the
/// lanes are don't-care between rounds, `mul_lo32` ignores them), so a round is two even-lane
/// 32x32->64 multiplies (`pmuludq`), two shuffles (`pshufd`) and four xors per vector.
/// Bit-identical to `philox4x32::generate` for every counter and key (tests/unit/random/batch.cpp).

/// @brief Counters computed per iteration of the main loops (the rest goes one vector at a time).
inline constexpr std::size_t chunk = lanes * groups;

/// @brief The low 32 bits of every lane as a mask.
inline constexpr std::uint64_t low_mask = 0xffffffffu;

/// @brief The four words of G vectors of counters (word k of lane l of vector g in c[k][g][l]).
template <std::size_t G>
struct block {
    /// @brief Words 0-3, each as G vectors.
    v64 c[4][G];
};

/// @brief The ten round keys (Weyl schedule) of one key, each word broadcast to all lanes.
struct round_keys {
    /// @brief Word 0 of the key of round r in every lane.
    v64 k0[philox4x32::rounds];
    /// @brief Word 1 of the key of round r in every lane.
    v64 k1[philox4x32::rounds];

    /// @brief The schedule of a key.
    explicit round_keys(philox4x32::key_type key) noexcept {
        for (int r = 0; r < philox4x32::rounds; ++r) {
            k0[r] = v64{} + key[0];
            k1[r] = v64{} + key[1];
            key[0] += philox4x32::weyl0;
            key[1] += philox4x32::weyl1;
        }
    }
};

/// @brief Calls f(integral_constant<g>) for g = 0 .. G - 1, unrolled at compile time, so the
/// vectors of a block stay in registers.
template <std::size_t G, class F>
[[gnu::always_inline]] inline void for_groups(F&& f) {
    [&]<std::size_t... g>(std::index_sequence<g...>) {
        (f(std::integral_constant<std::size_t, g>{}), ...);
    }(std::make_index_sequence<G>{});
}

/// @brief The ten rounds on a block; afterwards only the low 32 bits of each lane are valid.
template <std::size_t G>
[[gnu::always_inline]] inline void rounds(block<G>& b, const round_keys& rk) noexcept {
    const v64 m0 = v64{} + philox4x32::multiplier0;
    const v64 m1 = v64{} + philox4x32::multiplier1;
    for (int r = 0; r < philox4x32::rounds; ++r) {
        for_groups<G>([&](auto g) {
            const v64 p0 = mul_lo32(b.c[0][g], m0);
            const v64 p1 = mul_lo32(b.c[2][g], m1);
            b.c[0][g] = high_down(p1) ^ (b.c[1][g] ^ rk.k0[r]);
            b.c[1][g] = p1;
            b.c[2][g] = high_down(p0) ^ (b.c[3][g] ^ rk.k1[r]);
            b.c[3][g] = p0;
        });
    }
}

/// @brief Loads the counters {lo32(e), hi32(e), index, word3} of G * lanes entities.
template <std::size_t G>
[[gnu::always_inline]] inline void load_entities(block<G>& b, const std::uint64_t* entities,
                                                 const v64& index, const v64& word3) noexcept {
    for_groups<G>([&](auto g) {
        v64 e;
        std::memcpy(&e, entities + g * lanes, sizeof e);
        b.c[0][g] = e;  // the upper half is ignored by mul_lo32
        b.c[1][g] = e >> 32;
        b.c[2][g] = index;
        b.c[3][g] = word3;
    });
}

/// @brief Lanes Offset, Offset + 1, ... of a and b alternately, (a[O], b[O], a[O+1], b[O+1], ...).
template <std::size_t Offset, std::size_t... I>
[[gnu::always_inline]] inline v64 zip(v64 a, v64 b, std::index_sequence<I...>) noexcept {
    return OSSIFY_RANDOM_SHUFFLE_(a, b, (I % 2 == 0 ? Offset + I / 2 : lanes + Offset + I / 2)...);
}

/// @brief Lanes Odd, Odd + 2, ... of a, then of b: (a[O], a[O+2], ..., b[O], b[O+2], ...).
template <std::size_t Odd, std::size_t... I>
[[gnu::always_inline]] inline v64 unzip(v64 a, v64 b, std::index_sequence<I...>) noexcept {
    return OSSIFY_RANDOM_SHUFFLE_(a, b, (2 * I + Odd)...);
}

/// @brief Loads G * lanes counters: on a little-endian machine counter {w0, w1, w2, w3} is
/// the two 64-bit words w0 | w1 << 32 and w2 | w3 << 32, which two unzips of two vectors
/// separate.
template <std::size_t G>
[[gnu::always_inline]] inline void load_counters(block<G>& b, const philox4x32::counter_type* counters) noexcept {
    static_assert(sizeof(philox4x32::counter_type) == 2 * sizeof(std::uint64_t));
    for_groups<G>([&](auto g) {
        v64 x, y;
        std::memcpy(&x, counters + lanes * g, sizeof x);
        std::memcpy(&y, counters + lanes * g + lanes / 2, sizeof y);
        const v64 w01 = unzip<0>(x, y, std::make_index_sequence<lanes>{});
        const v64 w23 = unzip<1>(x, y, std::make_index_sequence<lanes>{});
        b.c[0][g] = w01;
        b.c[1][g] = w01 >> 32;
        b.c[2][g] = w23;
        b.c[3][g] = w23 >> 32;
    });
}

/// @brief Stores the first m <= G * lanes counters of a block (after `rounds`) as
/// `counter_type`s: the inverse of `load_counters`.
template <std::size_t G>
[[gnu::always_inline]] inline void store_counters(const block<G>& b, philox4x32::counter_type* out,
                                                  std::size_t m) noexcept {
    std::uint64_t words[2 * lanes * G];
    for_groups<G>([&](auto g) {
        const v64 w01 = (b.c[0][g] & low_mask) | (b.c[1][g] << 32);
        const v64 w23 = (b.c[2][g] & low_mask) | (b.c[3][g] << 32);
        const v64 first = zip<0>(w01, w23, std::make_index_sequence<lanes>{});
        const v64 second = zip<lanes / 2>(w01, w23, std::make_index_sequence<lanes>{});
        std::memcpy(words + 2 * lanes * g, &first, sizeof first);
        std::memcpy(words + 2 * lanes * g + lanes, &second, sizeof second);
    });
    std::memcpy(out, words, m * sizeof(philox4x32::counter_type));
}

/// @brief The uniforms `open_unit(join64(w0, w1), ...)` of vector g of a block, without the
/// fallback for an all-zero first word (those lanes come out as 0.0; see `uniforms`):
/// w1 * 2^-32 + (w0 >> 11) * 2^-53, both terms exact (the double with exponent field e and
/// the 32-bit x as mantissa is 2^(e-1023) * (1 + x * 2^-52); subtracting 2^(e-1023) leaves
/// x * 2^(e-1075)), and their sum exact too, since it has at most 53 significant bits.
template <std::size_t G>
[[gnu::always_inline]] inline vf64 to_unit(const block<G>& b, std::size_t g) noexcept {
    constexpr std::uint64_t scale_m32 = std::uint64_t{1023 + 20} << 52;  // x * 2^-32 + 2^20
    constexpr std::uint64_t scale_m53 = std::uint64_t{1023 - 1} << 52;   // x * 2^-53 + 2^-1
    const v64 hi = (b.c[1][g] & low_mask) | scale_m32;
    const v64 lo = ((b.c[0][g] & low_mask) >> 11) | scale_m53;
    vf64 dh, dl;
    std::memcpy(&dh, &hi, sizeof dh);
    std::memcpy(&dl, &lo, sizeof dl);
    return (dh - 0x1p20) + (dl - 0x1p-1);
}

/// @brief out[l * count + i] = the uniform of counter {entities[l], first_index + i, word3}
/// for l < m <= G * lanes (G * lanes entities are read) and i < count; lanes that come out
/// as 0.0 are or-ed into `zero`.
template <std::size_t G>
[[gnu::always_inline]] inline void block_uniforms(const round_keys& rk, const std::uint64_t* entities,
                                                  std::size_t m, std::uint32_t first_index,
                                                  std::uint32_t count, const v64& word3, double* out,
                                                  v64& zero) noexcept {
    for (std::uint32_t i = 0; i < count; ++i) {
        block<G> b;
        load_entities(b, entities, v64{} + (first_index + i), word3);
        rounds(b, rk);
        for_groups<G>([&](auto g) {
            const vf64 u = to_unit(b, g);
            const auto is_zero = u == 0.0;
            v64 z;
            std::memcpy(&z, &is_zero, sizeof z);
            zero |= z;
            if (count == 1 && m == G * lanes) {
                std::memcpy(out + g * lanes, &u, sizeof u);
            } else {
                for (std::size_t l = 0; l < lanes && g * lanes + l < m; ++l)
                    out[(g * lanes + l) * count + i] = u[l];
            }
        });
    }
}

/// @brief out[j * count + i] = the uniform of counter {entities[j], first_index + i, word3}
/// under `key`, for j < n and i < count (count >= 1); the same doubles as `open_unit` of
/// `philox4x32::generate` one counter at a time.
inline void uniforms(philox4x32::key_type key, std::uint32_t word3, std::uint32_t first_index,
                     std::uint32_t count, const std::uint64_t* entities, std::size_t n,
                     double* out) noexcept {
    const round_keys rk(key);
    const v64 w3 = v64{} + word3;
    // An all-zero first word (probability 2^-53 per draw) is rare enough to be redone on its
    // own: lanes that came out as exactly 0.0 are marked here and recomputed at the end.
    v64 zero{};
    std::size_t j = 0;
    for (; j + chunk <= n; j += chunk)
        block_uniforms<groups>(rk, entities + j, chunk, first_index, count, w3, out + j * count, zero);
    for (; j < n; j += lanes) {  // the rest one vector at a time, the last one padded
        const std::size_t m = n - j < lanes ? n - j : lanes;
        std::uint64_t padded[lanes] = {};
        std::memcpy(padded, entities + j, m * sizeof(std::uint64_t));
        block_uniforms<1>(rk, padded, m, first_index, count, w3, out + j * count, zero);
    }
    bool any_zero = false;
    for (std::size_t l = 0; l < lanes; ++l) any_zero = any_zero || zero[l] != 0;
    if (!any_zero) return;
    for (std::size_t k = 0; k < n * count; ++k) {
        if (out[k] != 0.0) continue;
        const std::uint64_t e = entities[k / count];
        const auto o = philox4x32::generate(
            {lo32(e), hi32(e), first_index + static_cast<std::uint32_t>(k % count), word3}, key);
        out[k] = open_unit(join64(o[0], o[1]), join64(o[2], o[3]));
    }
}

/// @brief out[j] = `philox4x32::generate({lo32(e), hi32(e), index, word3}, key)` with
/// e = entities[j], for j < n.
inline void entity_bits(philox4x32::key_type key, std::uint32_t word3, std::uint32_t index,
                        const std::uint64_t* entities, std::size_t n,
                        philox4x32::counter_type* out) noexcept {
    const round_keys rk(key);
    const v64 w3 = v64{} + word3, idx = v64{} + index;
    std::size_t j = 0;
    for (; j + chunk <= n; j += chunk) {
        block<groups> b;
        load_entities(b, entities + j, idx, w3);
        rounds(b, rk);
        store_counters(b, out + j, chunk);
    }
    for (; j < n; j += lanes) {
        const std::size_t m = n - j < lanes ? n - j : lanes;
        std::uint64_t padded[lanes] = {};
        std::memcpy(padded, entities + j, m * sizeof(std::uint64_t));
        block<1> b;
        load_entities(b, padded, idx, w3);
        rounds(b, rk);
        store_counters(b, out + j, m);
    }
}

/// @brief out[j] = `philox4x32::generate(counters[j], key)` for j < n (out may be counters).
inline void generate(const philox4x32::counter_type* counters, std::size_t n,
                     philox4x32::key_type key, philox4x32::counter_type* out) noexcept {
    const round_keys rk(key);
    std::size_t j = 0;
    for (; j + chunk <= n; j += chunk) {
        block<groups> b;
        load_counters(b, counters + j);
        rounds(b, rk);
        store_counters(b, out + j, chunk);
    }
    for (; j < n; j += lanes) {
        const std::size_t m = n - j < lanes ? n - j : lanes;
        philox4x32::counter_type padded[lanes] = {};
        std::memcpy(padded, counters + j, m * sizeof(philox4x32::counter_type));
        block<1> b;
        load_counters(b, padded);
        rounds(b, rk);
        store_counters(b, out + j, m);
    }
}
