// Batched Philox (philox4x32_batch, bound_rng::uniforms/bits): every implementation (scalar,
// baseline vector kernel, AVX2 kernel where the CPU has it) gives the numbers of the scalar
// one-at-a-time path bit for bit, for every batch length 0..67 (main loops of 6 and 12
// counters, remainders in vectors of 2 and 4 lanes), many keys, steps, purposes and indices.
#include <ossify/random/counter_rng.hpp>
#include <ossify/random/philox_batch.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::random;
namespace rd = ossify::random::detail;

namespace {

constexpr std::size_t max_length = 67;

// The implementations that can run on this machine (the scalar one always can).
std::vector<rd::philox_path> runnable_paths() {
    std::vector<rd::philox_path> paths;
    for (auto p : {rd::philox_path::scalar, rd::philox_path::vector, rd::philox_path::avx2})
        if (rd::philox_path_available(p)) paths.push_back(p);
    return paths;
}

const char* name(rd::philox_path p) {
    switch (p) {
        case rd::philox_path::vector: return "vector";
        case rd::philox_path::avx2: return "avx2";
        default: return "scalar";
    }
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// Random entity ids: small ones (like lattice sites) and ones with all 64 bits in use.
std::vector<std::uint64_t> random_entities(stream& s, std::size_t n) {
    std::vector<std::uint64_t> e(n);
    for (std::size_t j = 0; j < n; ++j) e[j] = (j % 3 == 0) ? s() % 5000 : s();
    return e;
}

// Multiplicative inverse modulo 2^32 of an odd number (Newton's iteration, 3 -> 48 bits).
constexpr std::uint32_t inverse_odd(std::uint32_t a) {
    std::uint32_t x = a;  // a * a == 1 mod 8
    for (int i = 0; i < 4; ++i) x *= 2u - a * x;
    return x;
}

// Philox4x32-10 run backwards: the counter whose output under `key` is `out`. Used to build
// counters whose output has a zero first word, to test the rare fallback of open_unit.
philox4x32::counter_type philox_inverse(philox4x32::counter_type out, philox4x32::key_type key) {
    std::array<philox4x32::key_type, philox4x32::rounds> keys{};
    keys[0] = key;
    for (int r = 1; r < philox4x32::rounds; ++r)
        keys[r] = {keys[r - 1][0] + philox4x32::weyl0, keys[r - 1][1] + philox4x32::weyl1};
    for (int r = philox4x32::rounds - 1; r >= 0; --r) {
        const std::uint32_t c0 = out[3] * inverse_odd(philox4x32::multiplier0);
        const std::uint32_t c2 = out[1] * inverse_odd(philox4x32::multiplier1);
        const std::uint64_t p0 = std::uint64_t{philox4x32::multiplier0} * c0;
        const std::uint64_t p1 = std::uint64_t{philox4x32::multiplier1} * c2;
        out = {c0, out[0] ^ static_cast<std::uint32_t>(p1 >> 32) ^ keys[r][0], c2,
               out[2] ^ static_cast<std::uint32_t>(p0 >> 32) ^ keys[r][1]};
    }
    return out;
}

}  // namespace

TEST_CASE("bound_rng::uniforms equals uniform() bit for bit for every batch length", "[random][batch]") {
    stream s{seed{20261127}, 0};
    std::size_t mismatches = 0, overruns = 0, compared = 0;
    for (int trial = 0; trial < 24; ++trial) {
        const counter_rng rng{seed{s()}};
        const std::uint64_t step = trial % 2 == 0 ? s() % 1000 : s();
        const std::uint32_t purpose = trial % 3 == 0 ? purpose::user + static_cast<std::uint32_t>(s() % 7)
                                                     : static_cast<std::uint32_t>(1 + s() % 8);
        const std::uint32_t index = trial % 4 == 0 ? 0u : static_cast<std::uint32_t>(s());
        const auto draws = rng.bind(step, purpose);
        const auto ids = random_entities(s, max_length + 1);
        for (std::size_t n = 0; n <= max_length; ++n) {
            // ids + 1: entity arrays need no particular alignment
            const std::uint64_t* e = ids.data() + (n % 2);
            std::vector<double> out(n + 1, -1.0);
            draws.uniforms(e, n, index, out.data());
            for (std::size_t j = 0; j < n; ++j, ++compared)
                mismatches += same_bits(out[j], draws.uniform(e[j], index)) ? 0u : 1u;
            overruns += out[n] == -1.0 ? 0u : 1u;
        }
    }
    INFO("target " << philox4x32_batch::target());
    CHECK(compared == 24 * max_length * (max_length + 1) / 2);
    CHECK(mismatches == 0);
    CHECK(overruns == 0);
}

TEST_CASE("bound_rng::uniforms with several indices per entity equals uniform()", "[random][batch]") {
    stream s{seed{5}, 1};
    std::size_t mismatches = 0, overruns = 0;
    for (std::uint32_t count = 1; count <= 5; ++count) {
        const counter_rng rng{seed{s()}};
        const auto draws = rng.bind(s() % 100, purpose::migration);
        const auto first = count == 3 ? 0xfffffffeu : static_cast<std::uint32_t>(s() % 20);  // may wrap
        const auto ids = random_entities(s, max_length);
        for (std::size_t n = 0; n <= max_length; ++n) {
            std::vector<double> out(n * count + 1, -1.0);
            draws.uniforms(ids.data(), n, first, count, out.data());
            for (std::size_t j = 0; j < n; ++j)
                for (std::uint32_t i = 0; i < count; ++i)
                    mismatches += same_bits(out[j * count + i], draws.uniform(ids[j], first + i)) ? 0u : 1u;
            overruns += out[n * count] == -1.0 ? 0u : 1u;
        }
    }
    CHECK(mismatches == 0);
    CHECK(overruns == 0);
    // count == 0 writes nothing
    const auto draws = counter_rng{seed{1}}.bind(0, purpose::death);
    const std::uint64_t id = 3;
    double untouched = -1.0;
    draws.uniforms(&id, 1, 0, 0, &untouched);
    CHECK(untouched == -1.0);
}

TEST_CASE("bound_rng::bits in batch equals bits() one at a time", "[random][batch]") {
    stream s{seed{77}, 2};
    std::size_t mismatches = 0, overruns = 0;
    for (int trial = 0; trial < 8; ++trial) {
        const auto draws = counter_rng{seed{s()}}.bind(s(), purpose::transition);
        const auto index = static_cast<std::uint32_t>(s());
        const auto ids = random_entities(s, max_length);
        for (std::size_t n = 0; n <= max_length; ++n) {
            std::vector<std::array<std::uint32_t, 4>> out(n + 1, {1, 2, 3, 4});
            draws.bits(ids.data(), n, index, out.data());
            for (std::size_t j = 0; j < n; ++j) mismatches += out[j] == draws.bits(ids[j], index) ? 0u : 1u;
            overruns += out[n] == std::array<std::uint32_t, 4>{1, 2, 3, 4} ? 0u : 1u;
        }
    }
    CHECK(mismatches == 0);
    CHECK(overruns == 0);
}

TEST_CASE("every batched implementation gives the scalar bits and uniforms", "[random][batch]") {
    const auto paths = runnable_paths();
    CHECK(paths.front() == rd::philox_path::scalar);
    CHECK(rd::philox_path_available(rd::best_philox_path()));
    stream s{seed{31337}, 3};
    for (const auto path : paths) {
        INFO("path " << name(path));
        std::size_t uniform_mismatches = 0, bits_mismatches = 0, generate_mismatches = 0;
        for (int trial = 0; trial < 6; ++trial) {
            const philox4x32::key_type key{static_cast<std::uint32_t>(s()), static_cast<std::uint32_t>(s())};
            const auto word3 = static_cast<std::uint32_t>(s()), index = static_cast<std::uint32_t>(s());
            const auto ids = random_entities(s, max_length);
            std::vector<philox4x32::counter_type> counters(max_length);
            for (auto& c : counters) c = {static_cast<std::uint32_t>(s()), static_cast<std::uint32_t>(s()),
                                          static_cast<std::uint32_t>(s()), static_cast<std::uint32_t>(s())};
            for (std::size_t n = 0; n <= max_length; ++n) {
                std::vector<double> u(n * 2);
                rd::philox_uniforms(path, key, word3, index, 2, ids.data(), n, u.data());
                std::vector<philox4x32::counter_type> bits(n), generated(n);
                rd::philox_entity_bits(path, key, word3, index, ids.data(), n, bits.data());
                rd::philox_generate(path, counters.data(), n, key, generated.data());
                for (std::size_t j = 0; j < n; ++j) {
                    const std::uint64_t e = ids[j];
                    for (std::uint32_t i = 0; i < 2; ++i) {
                        const auto o = philox4x32::generate({rd::lo32(e), rd::hi32(e), index + i, word3}, key);
                        const double expected = rd::open_unit(rd::join64(o[0], o[1]), rd::join64(o[2], o[3]));
                        uniform_mismatches += same_bits(u[2 * j + i], expected) ? 0u : 1u;
                        if (i == 0) bits_mismatches += bits[j] == o ? 0u : 1u;
                    }
                    generate_mismatches += generated[j] == philox4x32::generate(counters[j], key) ? 0u : 1u;
                }
            }
        }
        CHECK(uniform_mismatches == 0);
        CHECK(bits_mismatches == 0);
        CHECK(generate_mismatches == 0);
    }
}

TEST_CASE("batched generate reproduces the Random123 known-answer vectors in every lane", "[random][batch][philox]") {
    // Random123 tests/kat_vectors, the "philox4x32 10" lines (as in philox.cpp); the two
    // with a common key are placed at every position of batches of every length.
    const philox4x32::key_type key{0xa4093822u, 0x299f31d0u};
    const philox4x32::counter_type counter{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u};
    const philox4x32::counter_type expected{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u};
    for (const auto path : runnable_paths()) {
        INFO("path " << name(path));
        std::size_t wrong = 0;
        for (std::size_t n = 1; n <= 26; ++n) {
            for (std::size_t at = 0; at < n; ++at) {
                std::vector<philox4x32::counter_type> in(n, philox4x32::counter_type{7, 7, 7, 7}), out(n);
                in[at] = counter;
                rd::philox_generate(path, in.data(), n, key, out.data());
                wrong += out[at] == expected ? 0u : 1u;
            }
        }
        CHECK(wrong == 0);
        std::array<philox4x32::counter_type, 3> in{philox4x32::counter_type{0, 0, 0, 0},
                                                   philox4x32::counter_type{0, 0, 0, 0}, counter};
        rd::philox_generate(path, in.data(), 2, {0, 0}, in.data());  // in place
        CHECK(in[0] == philox4x32::counter_type{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
        CHECK(in[1] == in[0]);
        CHECK(in[2] == counter);  // past n: untouched
        in[0] = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
        rd::philox_generate(path, in.data(), 1, {0xffffffffu, 0xffffffffu}, in.data());
        CHECK(in[0] == philox4x32::counter_type{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
    }
    // the public entry point
    std::array<philox4x32::counter_type, 1> one{counter};
    philox4x32_batch::generate(one.data(), 1, key, one.data());
    CHECK(one[0] == expected);
}

TEST_CASE("batched uniforms take the open_unit fallback for a zero first word", "[random][batch]") {
    // The inverse is right: it undoes generate.
    const philox4x32::key_type key{0x12345678u, 0x9abcdef0u};
    const philox4x32::counter_type some{1, 2, 3, 4};
    REQUIRE(philox4x32::generate(philox_inverse(some, key), key) == some);
    REQUIRE(philox_inverse(philox4x32::generate(some, key), key) == some);
    // Outputs whose first 64 bits have no bit above bit 10 (probability 2^-53 each), and the
    // expected uniforms: from the second 64 bits, or 2^-53 when those are zero as well.
    struct special {
        philox4x32::counter_type output;
        double expected;
    };
    const special cases[] = {
        {{0, 0, 0, 0}, 0x1p-53},
        {{0x7ff, 0, 0, 0}, 0x1p-53},
        {{0, 0, 0x7ff, 0}, 0x1p-53},
        {{0x7ff, 0, 0x800, 0}, 0x1p-53},
        {{0, 0, 0x1000, 0}, 2 * 0x1p-53},
        {{0x5, 0, 0xffffffffu, 0xffffffffu}, 1.0 - 0x1p-53},
        {{0, 0, 0, 0x80000000u}, 0.5},
        {{0x800, 0, 0xffffffffu, 0xffffffffu}, 0x1p-53},  // not a fallback: the first word is 1 << 11
        {{0, 1, 0, 0}, 0x1p-32},
    };
    for (const auto path : runnable_paths()) {
        INFO("path " << name(path));
        for (const auto& c : cases) {
            const auto counter = philox_inverse(c.output, key);
            REQUIRE(philox4x32::generate(counter, key) == c.output);
            const std::uint64_t entity = rd::join64(counter[0], counter[1]);
            // the special entity at every position of batches of several lengths, among others
            for (std::size_t n : {1u, 5u, 12u, 13u, 25u}) {
                for (std::size_t at = 0; at < n; ++at) {
                    std::vector<std::uint64_t> ids(n);
                    for (std::size_t j = 0; j < n; ++j) ids[j] = 1000 + j;
                    ids[at] = entity;
                    std::vector<double> u(n);
                    rd::philox_uniforms(path, key, counter[3], counter[2], 1, ids.data(), n, u.data());
                    CHECK(u[at] == c.expected);
                    const auto o = philox4x32::generate({1000, 0, counter[2], counter[3]}, key);
                    if (at != 0) CHECK(same_bits(u[0], rd::open_unit(rd::join64(o[0], o[1]), rd::join64(o[2], o[3]))));
                }
            }
        }
    }
}

TEST_CASE("philox4x32_batch reports its implementation", "[random][batch]") {
    const std::string target{philox4x32_batch::target()};
    CHECK((target == "avx2" || target == "sse2" || target == "vector" || target == "scalar"));
    CHECK(philox4x32_batch::width() >= 1);
    if (target == "scalar") CHECK(philox4x32_batch::width() == 1);
    if (target != "scalar") CHECK(philox4x32_batch::width() % 2 == 0);
#if OSSIFY_RANDOM_SIMD
    CHECK(target != "scalar");  // GCC and Clang always get a vector kernel (unless switched off)
#else
    CHECK(target == "scalar");
#endif
}
