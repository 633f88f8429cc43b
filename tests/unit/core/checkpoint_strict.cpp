// Checkpoints are complete and strict: restoring into a tissue that has stepped on continues
// bit-identically from every rollback point; another seed or rule set is refused unless asked
// for; values outside their ranges are refused even with a valid checksum; fuzzed files
// (truncations, byte flips) are refused; a refused restore changes nothing.
#include <ossify/tissue/checkpoint.hpp>

#include <bit>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>

#include "unit/tissue/helpers.hpp"

using namespace tissue_test;

namespace {

std::string save_to_string(const auto& t) {
    std::ostringstream out(std::ios::binary);
    save_checkpoint(t, out);
    return out.str();
}
template <class Tissue>
std::string restore_error(Tissue& t, const std::string& bytes, restore_options o = {}) {
    std::istringstream in(bytes, std::ios::binary);
    return message_of<checkpoint_error>([&] { restore_checkpoint(t, in, o); });
}

// FNV-1a 64 of some bytes.
std::uint64_t fnv(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}
// The checksum the format uses (version 3), written out from its definition to forge valid
// checksums: FNV-1a 64 over the little-endian FNV-1a 64 hashes of the payload's 1 MiB blocks.
std::uint64_t checksum(std::string_view payload) {
    std::string hashes;
    for (std::size_t at = 0; at < payload.size(); at += std::size_t{1} << 20) {
        const std::uint64_t b = fnv(payload.substr(at, std::size_t{1} << 20));
        for (int k = 0; k < 8; ++k) hashes += static_cast<char>((b >> (8 * k)) & 0xffu);
    }
    return fnv(hashes);
}
// Rewrites the header's checksum so that an edited payload passes the checksum test.
std::string with_valid_checksum(std::string bytes) {
    const std::uint64_t h = checksum(std::string_view(bytes).substr(28));
    for (int k = 0; k < 8; ++k) bytes[20 + static_cast<std::size_t>(k)] = static_cast<char>((h >> (8 * k)) & 0xffu);
    return bytes;
}
// The offset of the payload bytes just after the string `name` (length-prefixed) occurs.
std::size_t after_name(const std::string& bytes, std::string_view name) {
    std::string needle(4, '\0');
    const auto n = static_cast<std::uint32_t>(name.size());
    for (int k = 0; k < 4; ++k) needle[static_cast<std::size_t>(k)] = static_cast<char>((n >> (8 * k)) & 0xffu);
    needle += name;
    const auto at = bytes.rfind(needle);  // the array itself (its name appears first in the signature)
    REQUIRE(at != std::string::npos);
    return at + needle.size();
}
// The offset of the clock: just after the signature (dimension, extents, spacing, state
// names, rule names, the arrays' names and value types, the attribute's size, seed; see
// tissue/checkpoint.hpp).
std::size_t clock_offset(const std::string& bytes) {
    std::size_t at = 28;
    const auto u32 = [&] {
        std::uint32_t v = 0;
        std::memcpy(&v, bytes.data() + at, 4);
        at += 4;
        return v;
    };
    const std::uint32_t dim = u32();
    at += 4 * dim + 8;
    for (int list = 0; list < 2; ++list) {
        const std::uint32_t n = u32();
        for (std::uint32_t k = 0; k < n; ++k) at += u32();
    }
    const std::uint32_t arrays = u32();
    for (std::uint32_t k = 0; k < arrays; ++k) at += u32() + 1;  // name, type code
    at += 4;                                                      // attribute size
    return at + 8;
}
template <class T>
void put(std::string& bytes, std::size_t at, T v) {
    std::memcpy(bytes.data() + at, &v, sizeof(T));
}

}  // namespace

TEST_CASE("restoring into a tissue that has stepped on continues bit-identically from every rollback point",
          "[core][checkpoint]") {
    constexpr int steps = 80;
    auto run = make_busy_2d(21, 20);
    std::vector<std::string> saved;
    saved.push_back(save_to_string(run));
    for (int k = 0; k < steps; ++k) {
        run.step(2.0_h);
        saved.push_back(save_to_string(run));
    }
    const auto end = take(run);
    int differ = 0;
    for (int k = 0; k <= steps; ++k) {
        // Roll the finished run back to step k (its caches are those of step 80) and redo.
        std::istringstream in(saved[static_cast<std::size_t>(k)], std::ios::binary);
        restore_checkpoint(run, in);
        REQUIRE(run.steps() == static_cast<std::uint64_t>(k));
        while (run.steps() < steps) run.step(2.0_h);
        differ += take(run) == end ? 0 : 1;
    }
    CHECK(differ == 0);
}

TEST_CASE("another seed or rule set is refused unless the caller allows it", "[core][checkpoint]") {
    auto a = make_busy_2d(1, 12);
    for (int k = 0; k < 5; ++k) a.step(2.0_h);
    const auto bytes = save_to_string(a);
    auto b = make_busy_2d(2, 12);
    const auto before = take(b);
    const auto msg = restore_error(b, bytes);
    CHECK(contains(msg, "seed 1"));
    CHECK(contains(msg, "seed 2"));
    CHECK(contains(msg, "allow_other_seed"));
    CHECK(take(b) == before);
    CHECK(restore_error(b, bytes, restore_options{.allow_other_seed = true}).empty());
    CHECK(take(b) == take(a));

    auto other_rules = merge(busy_rules(), rule_set<intramembranous_lineage>(death<osteocyte>(hazard(0.01_per_d))));
    lattice_tissue<decltype(other_rules), grid2d, signals<bmp2>, busy_processes> c{other_rules, grid2d{12, 12, 10.0_um},
                                                                                   signals<bmp2>{}, seed{1}};
    const auto msg2 = restore_error(c, bytes);
    CHECK(contains(msg2, "another rule set"));
    CHECK(c.steps() == 0);
    CHECK(restore_error(c, bytes, restore_options{.allow_other_rules = true}).empty());
    CHECK(c.steps() == 5);
}

TEST_CASE("values outside their ranges are refused even with a valid checksum", "[core][checkpoint]") {
    auto t = make_busy_2d(4, 12);
    for (int k = 0; k < 30; ++k) t.step(2.0_h);
    const auto bytes = save_to_string(t);
    auto target = make_busy_2d(4, 12);
    target.step(2.0_h);
    const auto before = take(target);
    const auto refused = [&](std::string edited, const std::string& expect) {
        const auto msg = restore_error(target, with_valid_checksum(std::move(edited)));
        CHECK(contains(msg, expect));
        CHECK(take(target) == before);
    };
    // The clock is the first value after the signature (which ends with the seed).
    {
        std::string e = bytes;
        put(e, clock_offset(e), std::numeric_limits<double>::quiet_NaN());
        refused(e, "clock");
    }
    const auto first_value = [&](std::string_view name) { return after_name(bytes, name) + 1 + 8; };  // type, count
    {
        std::string e = bytes;
        put(e, first_value("matrix_fraction"), 5.0);
        refused(e, "'matrix_fraction' = 5");
    }
    {
        std::string e = bytes;
        put(e, first_value("bmp2"), -1.0);
        refused(e, "'bmp2' = -1");
    }
    {
        std::string e = bytes;
        e[first_value("cells.state")] = static_cast<char>(77);
        refused(e, "the lineage's states");
    }
    {
        std::string e = bytes;
        put(e, first_value("cells.entered") + 4 * 5, 1.0e9f);  // a cell that entered its state in the future
        refused(e, "'cells.entered'");
    }
    CHECK(restore_error(target, bytes).empty());
}

TEST_CASE("fuzzed checkpoints (truncations, byte flips, random bytes) are refused and change nothing",
          "[core][checkpoint]") {
    auto t = make_busy_2d(8, 10);
    for (int k = 0; k < 12; ++k) t.step(2.0_h);
    const auto bytes = save_to_string(t);
    auto target = make_busy_2d(8, 10);
    const auto before = take(target);
    std::mt19937_64 rng(20261129);
    int accepted = 0;
    for (int trial = 0; trial < 400; ++trial) {
        std::string f = bytes;
        switch (trial % 4) {
            case 0: f.resize(rng() % bytes.size()); break;                                      // truncation
            case 1: f[rng() % f.size()] ^= static_cast<char>(1u << (rng() % 8)); break;         // one bit
            case 2: for (int k = 0; k < 8; ++k) f[rng() % f.size()] = static_cast<char>(rng()); break;  // bytes
            default: f = with_valid_checksum(f); f[28 + rng() % (f.size() - 28)] ^= static_cast<char>(0x40); f = with_valid_checksum(f);
        }
        if (f == bytes) continue;
        std::istringstream in(f, std::ios::binary);
        try {
            restore_checkpoint(target, in);
            // An edit that keeps every value in range (a flipped bit in a concentration's mantissa)
            // is a valid checkpoint of another state: accepted, and then it must differ.
            ++accepted;
            REQUIRE(save_to_string(target) != bytes);
            target = make_busy_2d(8, 10);
        } catch (const checkpoint_error&) {
            CHECK(take(target) == before);
        }
    }
    // Without a valid checksum nothing is ever accepted; with one, only in-range edits are.
    CHECK(accepted < 100);
    CHECK(restore_error(target, bytes).empty());
    CHECK(take(target) == take(t));
}

namespace {
struct step_counter {
    static constexpr std::string_view name = "step_counter";
    std::uint64_t seen = 0;
    template <class Ctx>
    void step(Ctx&, duration) noexcept { ++seen; }
    void save_state(checkpoint_writer& w) const { w.u64(seen); }
    void restore_state(checkpoint_reader& r) { seen = r.u64(); }
};
}  // namespace

TEST_CASE("the state of a user process is saved and restored with the tissue", "[core][checkpoint]") {
    const auto rules = rule_set<intramembranous_lineage>(proliferation<mesenchymal>(hazard(0.1_per_d)));
    basic_lattice_tissue a(rules, grid2d{8, 8, 10.0_um}, signals<bmp2>{}, seed{3}, processes(cell_fates{}, step_counter{}));
    for (int k = 0; k < 7; ++k) a.step(1.0_h);
    const auto bytes = save_to_string(a);
    basic_lattice_tissue b(rules, grid2d{8, 8, 10.0_um}, signals<bmp2>{}, seed{3}, processes(cell_fates{}, step_counter{}));
    std::istringstream in(bytes, std::ios::binary);
    restore_checkpoint(b, in);
    CHECK(std::get<1>(b.processes()).seen == 7);
}

TEST_CASE("the checksum of a checkpoint spanning several 1 MiB blocks is the hash of their hashes (format 3)",
          "[core][checkpoint]") {
    // 200 x 200 sites of about 65 bytes each: a payload of several blocks.
    auto t = make_busy_2d(5, 200);
    t.step(2.0_h);
    const auto bytes = save_to_string(t);
    REQUIRE(bytes.size() > 28 + 2 * (std::size_t{1} << 20));
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + 20, 8);
    CHECK(stored == checksum(std::string_view(bytes).substr(28)));
    // A byte changed in a later block is found.
    auto target = make_busy_2d(5, 200);
    const auto before = take(target);
    std::string flipped = bytes;
    flipped[28 + 3 * (std::size_t{1} << 20) / 2] ^= static_cast<char>(0x01);
    CHECK(contains(restore_error(target, flipped), "checksum mismatch"));
    CHECK(take(target) == before);
    CHECK(restore_error(target, bytes).empty());
    CHECK(take(target) == take(t));
}

TEST_CASE("a checkpoint of a tissue with other fields or kinetics is refused as another model, naming the array",
          "[core][checkpoint]") {
    auto a = make_busy_2d(1, 10);
    a.step(1.0_h);
    const auto bytes = save_to_string(a);
    lattice_tissue<decltype(busy_rules()), grid2d, signals<bmp2, vegf>, busy_processes> b{busy_rules(), grid2d{10, 10, 10.0_um},
                                                                                         signals<bmp2, vegf>{}, seed{1}};
    const auto msg = restore_error(b, bytes);
    CHECK(contains(msg, "another model"));
    CHECK(contains(msg, "per-site arrays"));
    CHECK(b.steps() == 0);
}
