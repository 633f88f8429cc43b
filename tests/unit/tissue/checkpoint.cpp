// Checkpoint and restore: a restored run continues bit-identically; damaged, truncated,
// foreign-version and foreign-model checkpoints are refused and change nothing.
#include <ossify/tissue/checkpoint.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "helpers.hpp"

using namespace tissue_test;

namespace {

std::string save_to_string(const auto& t) {
    std::ostringstream out(std::ios::binary);
    save_checkpoint(t, out);
    return out.str();
}

template <class Tissue>
std::string restore_error(Tissue& t, const std::string& bytes) {
    std::istringstream in(bytes, std::ios::binary);
    return message_of<checkpoint_error>([&] { restore_checkpoint(t, in); });
}

// A unique file name in the temporary directory.
std::filesystem::path temp_file(const std::string& stem) {
    const auto tick = std::chrono::steady_clock::now().time_since_epoch().count();
    std::random_device rd;
    return std::filesystem::temp_directory_path() /
           ("ossify_" + stem + "_" + std::to_string(tick) + "_" + std::to_string(rd()) + ".ckpt");
}

// Removes a file when the test ends, passed or not.
struct remove_at_exit {
    std::filesystem::path path;
    ~remove_at_exit() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

}  // namespace

TEST_CASE("checkpoint: a restored run continues bit-identically", "[tissue][checkpoint]") {
    auto original = make_busy_2d(77);
    for (int k = 0; k < 50; ++k) original.step(2.0_h);
    const std::string bytes = save_to_string(original);
    for (int k = 0; k < 50; ++k) original.step(2.0_h);

    auto restored = make_busy_2d(77);  // same rules, grid, signals, seed and parameters
    for (int k = 0; k < 3; ++k) restored.step(1.0_h);  // whatever it did before is replaced
    std::istringstream in(bytes, std::ios::binary);
    restore_checkpoint(restored, in);
    CHECK(restored.steps() == 50);
    CHECK(restored.time().value() == Approx(50.0 / 12.0));
    for (int k = 0; k < 50; ++k) restored.step(2.0_h);

    const auto a = take(original), b = take(restored);
    CHECK(a.states == b.states);
    CHECK(a.entered == b.entered);
    CHECK(a.matrix == b.matrix);
    CHECK(a.signals == b.signals);
    CHECK(a.marrow == b.marrow);
    CHECK(a.surface == b.surface);
    CHECK(a == b);
    CHECK(original.births() > 0);
}

TEST_CASE("checkpoint: through a file, and the fill_fraction counter is kept", "[tissue][checkpoint]") {
    const auto file = temp_file("roundtrip");
    const remove_at_exit cleanup{file};
    auto original = make_busy_2d(5, 16);
    for (int k = 0; k < 10; ++k) original.step(2.0_h);
    save_checkpoint(original, file);
    CHECK(std::filesystem::exists(file));
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(file.string() + ".partial")));

    auto restored = make_busy_2d(5, 16);
    restore_checkpoint(restored, file);
    CHECK(take(restored) == take(original));
    // The next fill_fraction draws what the original would have drawn.
    const box<2> all{{0, 0}, {15, 15}};
    CHECK(original.fill_fraction(all, osteogenic{}, 0.3) == restored.fill_fraction(all, osteogenic{}, 0.3));
    for (int k = 0; k < 10; ++k) {
        original.step(2.0_h);
        restored.step(2.0_h);
    }
    CHECK(take(restored) == take(original));

    auto other = make_busy_2d(5, 16);
    const auto missing = temp_file("missing");
    const auto msg = message_of<checkpoint_error>([&] { restore_checkpoint(other, missing); });
    CHECK(contains(msg, "cannot open"));
    CHECK(contains(msg, missing.string()));
}

TEST_CASE("checkpoint: every damaged byte and every truncation is refused, changing nothing", "[tissue][checkpoint]") {
    auto saved = make_busy_2d(3, 8);
    for (int k = 0; k < 20; ++k) saved.step(2.0_h);
    const std::string bytes = save_to_string(saved);

    // The same model (a checkpoint of another seed is refused as such), at another step.
    auto target = make_busy_2d(3, 8);
    for (int k = 0; k < 5; ++k) target.step(2.0_h);
    const auto before = take(target);
    REQUIRE_FALSE(before == take(saved));

    int accepted = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
        const auto msg = restore_error(target, damaged);
        if (msg.empty()) ++accepted;
        if (i == bytes.size() - 1) CHECK(contains(msg, "damaged"));  // a payload byte
    }
    CHECK(accepted == 0);
    int truncated_accepted = 0;
    for (std::size_t len = 0; len < bytes.size(); ++len) {
        const auto msg = restore_error(target, bytes.substr(0, len));
        if (!contains(msg, "truncated")) ++truncated_accepted;
    }
    CHECK(truncated_accepted == 0);
    CHECK(take(target) == before);

    // The intact checkpoint is accepted.
    CHECK(restore_error(target, bytes).empty());
    CHECK(take(target) == take(saved));
}

TEST_CASE("checkpoint: another format version or not a checkpoint at all", "[tissue][checkpoint]") {
    auto t = make_busy_2d(3, 8);
    t.step(2.0_h);
    std::string bytes = save_to_string(t);
    const auto before = take(t);
    REQUIRE(checkpoint_format_version == 3);
    bytes[8] = static_cast<char>(4);  // version field, little-endian
    const auto msg = restore_error(t, bytes);
    CHECK(contains(msg, "format version 4"));
    CHECK(contains(msg, "reads version 3"));
    // A checkpoint of the previous format (2: one FNV-1a pass over the payload) is refused by
    // name, whatever its checksum.
    bytes[8] = static_cast<char>(2);
    const auto old = restore_error(t, bytes);
    CHECK(contains(old, "format version 2"));
    CHECK(contains(old, "reads version 3"));
    CHECK(contains(old, "an older ossify wrote it"));
    CHECK(contains(restore_error(t, "hello, world: certainly not a checkpoint"), "not an ossify checkpoint"));
    CHECK(take(t) == before);
}

TEST_CASE("checkpoint: a checkpoint of another model is refused", "[tissue][checkpoint]") {
    auto saved = make_busy_2d(3, 8);
    saved.step(2.0_h);
    const std::string bytes = save_to_string(saved);

    SECTION("another grid extent") {
        auto t = make_busy_2d(3, 9);
        const auto before = take(t);
        const auto msg = restore_error(t, bytes);
        CHECK(contains(msg, "another model"));
        CHECK(contains(msg, "grid extent"));
        CHECK(take(t) == before);
    }
    SECTION("another spacing") {
        busy_tissue_2d t{busy_rules(), grid2d{8, 8, 12.0_um}, signals<bmp2>{}, seed{3}};
        const auto msg = restore_error(t, bytes);
        CHECK(contains(msg, "spacing"));
        CHECK(take(t).steps == 0);
    }
    SECTION("another dimension") {
        auto t = make_busy_3d(3, 8);
        const auto before = take(t);
        const auto msg = restore_error(t, bytes);
        CHECK(contains(msg, "another model"));
        CHECK(contains(msg, "dimension"));
        CHECK(take(t) == before);
    }
    SECTION("other signals") {
        // The fields are checked array by array (basic_lattice_state::visit_arrays): the
        // refusal names the field this tissue expected where the checkpoint has another.
        busy_tissue_2d same{busy_rules(), grid2d{8, 8, 10.0_um}, signals<bmp2>{}, seed{3}};
        REQUIRE(restore_error(same, bytes).empty());
        lattice_tissue t{busy_rules(), grid2d{8, 8, 10.0_um}, signals<bmp2, noggin>{}, seed{3}};
        const auto before = take(t);
        const auto msg = restore_error(t, bytes);
        CHECK(contains(msg, "refused"));
        CHECK(contains(msg, "'noggin'"));
        CHECK(take(t) == before);
        lattice_tissue none{busy_rules(), grid2d{8, 8, 10.0_um}, signals<>{}, seed{3}};
        const auto none_before = take(none);
        const auto none_msg = restore_error(none, bytes);
        CHECK(contains(none_msg, "refused"));
        CHECK(contains(none_msg, "array"));
        CHECK(take(none) == none_before);
    }
    SECTION("another lineage") {
        const auto rules = rule_set<lineage<mesenchymal, osteogenic, osteoblast>>();
        lattice_tissue t{rules, grid2d{8, 8, 10.0_um}, signals<bmp2>{}, seed{3}};
        t.place({1, 1}, osteoblast{});
        const auto before = take(t);
        const auto msg = restore_error(t, bytes);
        CHECK(contains(msg, "another model"));
        CHECK(contains(msg, "cell states"));
        CHECK(take(t) == before);
    }
}

TEST_CASE("checkpoint: a tissue without signals, in 3-D", "[tissue][checkpoint][3d]") {
    const auto rules = rule_set<intramembranous_lineage>(proliferation<mesenchymal>(hazard(1.0_per_d)),
                                                         death<mesenchymal>(hazard(0.3_per_d)));
    const auto make = [&] {
        lattice_tissue t{rules, grid3d{6, 6, 6, 10.0_um}, signals<>{}, seed{8}};
        t.fill_fraction(box<3>{{1, 1, 1}, {4, 4, 4}}, mesenchymal{}, 0.5);
        t.process<cell_migration<>>().motility.set<mesenchymal>(2.0_per_d);
        return t;
    };
    auto a = make();
    for (int k = 0; k < 12; ++k) a.step(2.0_h);
    const auto bytes = save_to_string(a);
    auto b = make();
    CHECK(restore_error(b, bytes).empty());
    for (int k = 0; k < 12; ++k) {
        a.step(2.0_h);
        b.step(2.0_h);
    }
    CHECK(take(a) == take(b));
    CHECK(a.births() > 0);
}

