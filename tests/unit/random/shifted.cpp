// bound_rng::shifted (the entity offset a tissue that is one part of a larger one draws with,
// ossify/mpi): a shifted draw for entity e is the unshifted draw for e + offset, for every
// function, the batched ones included (batches longer than the internal chunk of 256), and
// shifts add up.
#include <ossify/random/counter_rng.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::random;

namespace {
bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
}  // namespace

TEST_CASE("a shifted bound_rng draws for entity e what the unshifted one draws for e + offset", "[random][shifted]") {
    const counter_rng rng(seed{2024});
    for (const std::uint64_t offset : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{4096}, std::uint64_t{1} << 33}) {
        const auto base = rng.bind(17, 3);
        const auto s = base.shifted(offset);
        CHECK(s.entity_offset() == offset);
        CHECK(s.step() == 17);
        CHECK(s.purpose() == 3);
        int differ = 0;
        for (std::uint64_t e = 0; e < 700; e += 7) {
            for (std::uint32_t i = 0; i < 3; ++i) {
                differ += s.bits(e, i) == base.bits(e + offset, i) ? 0 : 1;
                differ += same_bits(s.uniform(e, i), base.uniform(e + offset, i)) ? 0 : 1;
                differ += same_bits(s.exponential(e, 2.0, i), base.exponential(e + offset, 2.0, i)) ? 0 : 1;
            }
        }
        CHECK(differ == 0);
        // Batches of 0 .. 700 entities (several internal chunks of 256), one and three draws each.
        std::vector<std::uint64_t> ids(700);
        for (std::size_t j = 0; j < ids.size(); ++j) ids[j] = 3 * j + 1;
        for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{255}, std::size_t{256}, std::size_t{257}, std::size_t{700}}) {
            std::vector<double> one(n), three(3 * n);
            std::vector<std::array<std::uint32_t, 4>> bits(n);
            s.uniforms(ids.data(), n, 5, one.data());
            s.uniforms(ids.data(), n, 2, 3, three.data());
            s.bits(ids.data(), n, 9, bits.data());
            int wrong = 0;
            for (std::size_t j = 0; j < n; ++j) {
                wrong += same_bits(one[j], base.uniform(ids[j] + offset, 5)) ? 0 : 1;
                for (std::uint32_t i = 0; i < 3; ++i) wrong += same_bits(three[3 * j + i], base.uniform(ids[j] + offset, 2 + i)) ? 0 : 1;
                wrong += bits[j] == base.bits(ids[j] + offset, 9) ? 0 : 1;
            }
            CHECK(wrong == 0);
        }
    }
    // Shifts add up; a shift changes the numbers.
    const auto b = rng.bind(1, 1);
    CHECK(b.shifted(5).shifted(7).uniform(10) == b.shifted(12).uniform(10));
    CHECK(b.shifted(1).uniform(10) != b.uniform(10));
}
