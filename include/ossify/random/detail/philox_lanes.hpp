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

/// @brief Counters computed per loop iteration.
inline constexpr std::size_t chunk = lanes * groups;

/// @brief The low 32 bits of every lane as a mask.
inline constexpr std::uint64_t low_mask = 0xffffffffu;

/// @brief The four words of `groups` vectors of counters (word k of lane l in c[k][g][l]).
struct block {
    /// @brief Words 0-3, each as `groups` vectors.
    v64 c[4][groups];
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

/// @brief Calls f(integral_constant<g>) for g = 0 .. groups - 1, unrolled at compile time, so
/// the vectors of a block stay in registers.
template <class F>
[[gnu::always_inline]] inline void for_groups(F&& f) {
    [&]<std::size_t... g>(std::index_sequence<g...>) {
        (f(std::integral_constant<std::size_t, g>{}), ...);
    }(std::make_index_sequence<groups>{});
}

/// @brief The ten rounds on a block; afterwards only the low 32 bits of each lane are valid.
[[gnu::always_inline]] inline void rounds(block& b, const round_keys& rk) noexcept {
    const v64 m0 = v64{} + philox4x32::multiplier0;
    const v64 m1 = v64{} + philox4x32::multiplier1;
    for (int r = 0; r < philox4x32::rounds; ++r) {
        for_groups([&](auto g) {
            const v64 p0 = mul_lo32(b.c[0][g], m0);
            const v64 p1 = mul_lo32(b.c[2][g], m1);
            b.c[0][g] = high_down(p1) ^ (b.c[1][g] ^ rk.k0[r]);
            b.c[1][g] = p1;
            b.c[2][g] = high_down(p0) ^ (b.c[3][g] ^ rk.k1[r]);
            b.c[3][g] = p0;
        });
    }
}

/// @brief Loads the counters {lo32(e), hi32(e), index, word3} of `chunk` entities.
[[gnu::always_inline]] inline void load_entities(block& b, const std::uint64_t* entities,
                                                 const v64& index, const v64& word3) noexcept {
    for_groups([&](auto g) {
        v64 e;
        std::memcpy(&e, entities + g * lanes, sizeof e);
        b.c[0][g] = e;  // the upper half is ignored by mul_lo32
        b.c[1][g] = e >> 32;
        b.c[2][g] = index;
        b.c[3][g] = word3;
    });
}

/// @brief The uniforms `open_unit(join64(w0, w1), ...)` of vector g of a block, without the
/// fallback for an all-zero first word (those lanes come out as 0.0; see `uniforms`):
/// w1 * 2^-32 + (w0 >> 11) * 2^-53, both terms exact (the double with exponent field e and
/// the 32-bit x as mantissa is 2^(e-1023) * (1 + x * 2^-52); subtracting 2^(e-1023) leaves
/// x * 2^(e-1075)), and their sum exact too, since it has at most 53 significant bits.
[[gnu::always_inline]] inline vf64 to_unit(const block& b, std::size_t g) noexcept {
    constexpr std::uint64_t scale_m32 = std::uint64_t{1023 + 20} << 52;  // x * 2^-32 + 2^20
    constexpr std::uint64_t scale_m53 = std::uint64_t{1023 - 1} << 52;   // x * 2^-53 + 2^-1
    const v64 hi = (b.c[1][g] & low_mask) | scale_m32;
    const v64 lo = ((b.c[0][g] & low_mask) >> 11) | scale_m53;
    vf64 dh, dl;
    std::memcpy(&dh, &hi, sizeof dh);
    std::memcpy(&dl, &lo, sizeof dl);
    return (dh - 0x1p20) + (dl - 0x1p-1);
}

/// @brief The uniforms of the counters {entities[l], index, word3} for l < chunk, vector g in
/// u[g]; all-zero lanes of `to_unit` are or-ed into `zero`.
[[gnu::always_inline]] inline void chunk_uniforms(const round_keys& rk, const std::uint64_t* entities,
                                                  const v64& index, const v64& word3, vf64 (&u)[groups],
                                                  v64& zero) noexcept {
    block b;
    load_entities(b, entities, index, word3);
    rounds(b, rk);
    for_groups([&](auto g) {
        u[g] = to_unit(b, g);
        const auto is_zero = u[g] == 0.0;
        v64 z;
        std::memcpy(&z, &is_zero, sizeof z);
        zero |= z;
    });
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
    vf64 u[groups];
    std::size_t j = 0;
    if (count == 1) {  // contiguous stores
        const v64 index = v64{} + first_index;
        for (; j + chunk <= n; j += chunk) {
            chunk_uniforms(rk, entities + j, index, w3, u, zero);
            std::memcpy(out + j, u, sizeof u);
        }
    }
    for (; j < n; j += chunk) {  // several indices per entity, or the last partial chunk
        const std::size_t m = n - j < chunk ? n - j : chunk;
        std::uint64_t padded[chunk] = {};
        std::memcpy(padded, entities + j, m * sizeof(std::uint64_t));
        for (std::uint32_t i = 0; i < count; ++i) {
            chunk_uniforms(rk, padded, v64{} + (first_index + i), w3, u, zero);
            for (std::size_t l = 0; l < m; ++l) out[(j + l) * count + i] = u[l / lanes][l % lanes];
        }
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
    for (std::size_t j = 0; j < n; j += chunk) {
        const std::size_t m = n - j < chunk ? n - j : chunk;
        std::uint64_t tail[chunk] = {};
        const std::uint64_t* e = entities + j;
        if (m < chunk) {
            std::memcpy(tail, e, m * sizeof(std::uint64_t));
            e = tail;
        }
        block b;
        load_entities(b, e, idx, w3);
        rounds(b, rk);
        for_groups([&](auto g) {
            for (std::size_t l = 0; l < lanes && g * lanes + l < m; ++l) {
                out[j + g * lanes + l] = {static_cast<std::uint32_t>(b.c[0][g][l]),
                                          static_cast<std::uint32_t>(b.c[1][g][l]),
                                          static_cast<std::uint32_t>(b.c[2][g][l]),
                                          static_cast<std::uint32_t>(b.c[3][g][l])};
            }
        });
    }
}

/// @brief out[j] = `philox4x32::generate(counters[j], key)` for j < n (out may be counters).
inline void generate(const philox4x32::counter_type* counters, std::size_t n,
                     philox4x32::key_type key, philox4x32::counter_type* out) noexcept {
    const round_keys rk(key);
    for (std::size_t j = 0; j < n; j += chunk) {
        const std::size_t m = n - j < chunk ? n - j : chunk;
        block b;
        for_groups([&](auto g) {
            for (std::size_t k = 0; k < 4; ++k) b.c[k][g] = v64{};
            for (std::size_t l = 0; l < lanes && g * lanes + l < m; ++l) {
                const auto& c = counters[j + g * lanes + l];
                for (std::size_t k = 0; k < 4; ++k) b.c[k][g][l] = c[k];
            }
        });
        rounds(b, rk);
        for_groups([&](auto g) {
            for (std::size_t l = 0; l < lanes && g * lanes + l < m; ++l) {
                auto& c = out[j + g * lanes + l];
                for (std::size_t k = 0; k < 4; ++k) c[k] = static_cast<std::uint32_t>(b.c[k][g][l]);
            }
        });
    }
}
