// Checkpoints of a decomposed tissue: one file, written collectively, byte for byte the serial
// tissue's checkpoint of the same state; restored on any number of ranks (the whole
// communicator, single ranks, pairs) and by the serial tissue, each run continuing with the
// serial bits; a serial checkpoint restored decomposed. Refusals on every rank, changing no
// rank's tissue: another model, another seed, the older format 2, a truncated or damaged file,
// a value out of range in one rank's planes only (valid checksum), a missing file; no partial
// file left behind.
#include "common.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace mpi_test;

namespace {

using busy_2d = mpi::decomposed_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, busy_processes>;
const grid2d grid{36, 48, 10.0_um};

// A folder for this run, the same on every rank.
std::filesystem::path run_folder() {
    std::string p;
    if (world().rank() == 0) {
        p = (std::filesystem::temp_directory_path() / ("ossify_mpi_" + std::to_string(::getpid()))).string();
        std::filesystem::create_directories(p);
    }
    return world().broadcast(p, 0);
}
std::string read_all(const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void write_all(const std::filesystem::path& f, const std::string& bytes) {
    std::ofstream out(f, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
// Built and configured like the saved tissue (parameters and the BMP2 source), no cells.
busy_2d make_decomposed(mpi::communicator c, std::uint64_t s = 11) {
    busy_2d d{c, busy_rules(), grid, signals<bmp2>{}, seed{s}};
    configure_busy(d);
    add_busy_source_2d(d);
    return d;
}
tissue_test::busy_tissue_2d make_serial(std::uint64_t s = 11) {
    tissue_test::busy_tissue_2d t{busy_rules(), grid, signals<bmp2>{}, seed{s}};
    configure_busy(t);
    add_busy_source_2d(t);
    return t;
}

// The busy model's cells (the source is added by make_*).
template <class Tissue>
void seed_cells_2d(Tissue& t) {
    const auto& g = t.grid();
    const std::int32_t cx = g.extent(0) / 2, cy = g.extent(1) / 2;
    t.fill_fraction(disc{{cx, cy}, 10.0_um * (0.4 * g.extent(0))}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{cx, cy}, 10.0_um * (0.15 * g.extent(0))}, osteoblast{}, 0.3);
    t.place({cx - g.extent(0) / 4, cy}, endothelial{});
    t.place({cx + g.extent(0) / 4, cy + 1}, endothelial{});
}

}  // namespace

TEST_CASE("checkpoint: one file, the serial checkpoint's bytes, restored on any number of ranks", "[mpi][checkpoint]") {
    const auto dir = run_folder();
    auto d = make_decomposed(world());
    auto s = make_serial();
    seed_cells_2d(d);
    seed_cells_2d(s);
    for (int k = 0; k < 12; ++k) {
        d.step(2.0_h);
        s.step(2.0_h);
    }
    const auto file = dir / "decomposed.ckpt", serial_file = dir / "serial.ckpt";
    mpi::save_checkpoint(d, file);
    CHECK(everywhere(!std::filesystem::exists(file.string() + ".partial")));
    if (world().rank() == 0) save_checkpoint(s, serial_file);
    world().barrier();
    // Byte for byte the serial checkpoint (several 1 MiB blocks are not needed for this: the
    // checksum's blocks are tested in tests/unit/core; here the pieces of every rank).
    const bool same = read_all(file) == read_all(serial_file);
    CHECK(everywhere(same));
    CHECK(read_all(file).size() > 28);

    // The serial tissue restores the decomposed file; a fresh decomposed tissue restores the
    // serial file; both continue with the serial bits.
    auto s2 = make_serial();
    restore_checkpoint(s2, file);
    CHECK(tissue_test::take(s2) == tissue_test::take(s));
    auto d2 = make_decomposed(world());
    mpi::restore_checkpoint(d2, serial_file);
    CHECK(differences(d2, s, "restored from the serial file") == 0);
    // Every rank alone, and ranks in pairs, restore the file the whole communicator wrote.
    for (const int group : {1, 2}) {
        if (world().size() % group != 0 || group > world().size()) continue;
        MPI_Comm sub;
        MPI_Comm_split(MPI_COMM_WORLD, world().rank() / group, world().rank(), &sub);
        {
            auto d3 = make_decomposed(mpi::communicator{sub});
            mpi::restore_checkpoint(d3, file);
            CHECK(differences(d3, s, "restored on " + std::to_string(group) + " ranks") == 0);
            d3.step(2.0_h);
            auto s3 = s;
            s3.step(2.0_h);
            CHECK(differences(d3, s3, "restored on " + std::to_string(group) + " ranks, one step on") == 0);
        }
        MPI_Comm_free(&sub);
    }
    for (int k = 0; k < 10; ++k) {
        d2.step(2.0_h);
        s.step(2.0_h);
        s2.step(2.0_h);
    }
    CHECK(differences(d2, s, "restored, ten steps on") == 0);
    CHECK(tissue_test::take(s2) == tissue_test::take(s));
    world().barrier();
    if (world().rank() == 0) std::filesystem::remove_all(dir);
}

TEST_CASE("checkpoint refusals: every rank refuses, no rank's tissue changes", "[mpi][checkpoint]") {
    const auto dir = run_folder();
    auto d = make_decomposed(world());
    seed_cells_2d(d);
    for (int k = 0; k < 6; ++k) d.step(2.0_h);
    const auto file = dir / "good.ckpt";
    mpi::save_checkpoint(d, file);
    const std::string good = read_all(file);

    auto target = make_decomposed(world());
    seed_cells_2d(target);
    target.step(2.0_h);
    const auto before = owned_snapshot(target);
    const auto refused = [&](const std::string& bytes, std::string_view part, restore_options o = {}) {
        const auto f = dir / "edited.ckpt";
        if (world().rank() == 0) write_all(f, bytes);
        world().barrier();
        const auto msg = error_of([&] { mpi::restore_checkpoint(target, f, o); });
        const bool ok = has(msg, part) && owned_snapshot(target) == before;
        if (!ok) UNSCOPED_INFO("rank " << world().rank() << ": " << msg);
        // The same message on every rank.
        const auto root = world().broadcast(msg, 0);
        return everywhere(ok && msg == root);
    };
    CHECK(refused("hello, not a checkpoint", "not an ossify checkpoint"));
    CHECK(refused(good.substr(0, good.size() - 100), "damaged or truncated"));
    auto flipped = good;
    flipped[good.size() - 3000] ^= static_cast<char>(0x10);  // in the last planes
    CHECK(refused(flipped, "checksum mismatch"));
    auto old = good;
    old[8] = static_cast<char>(2);
    CHECK(refused(old, "format version 2, this library reads version 3 only (an older ossify wrote it)"));
    // A matrix fraction of 5 in the last planes (the last rank's): refused on every rank.
    auto out_of_range = good;
    const auto at = values_of(good, "matrix_fraction");
    CHECK(at != std::string::npos);
    const double five = 5.0;
    std::memcpy(out_of_range.data() + at + 8 * (grid.size() - 40), &five, 8);
    CHECK(refused(with_valid_checksum(out_of_range), "'matrix_fraction' = 5"));
    // Another seed, unless allowed; another model.
    auto other_seed = make_decomposed(world(), 12);
    CHECK(everywhere(has(error_of([&] { mpi::restore_checkpoint(other_seed, file); }), "allow_other_seed")));
    CHECK(everywhere(error_of([&] { mpi::restore_checkpoint(other_seed, file, restore_options{.allow_other_seed = true}); }).empty()));
    busy_2d other_grid{world(), busy_rules(), grid2d{36, 52, 10.0_um}, signals<bmp2>{}, seed{11}};
    CHECK(everywhere(has(error_of([&] { mpi::restore_checkpoint(other_grid, file); }), "another model")));
    CHECK(everywhere(has(error_of([&] { mpi::restore_checkpoint(target, dir / "missing.ckpt"); }), "cannot open")));
    CHECK(owned_snapshot(target) == before);
    // A checkpoint that cannot be written: every rank throws, nothing is left.
    const auto bad = dir / "no_such_folder" / "x.ckpt";
    CHECK(everywhere(has(error_of([&] { mpi::save_checkpoint(d, bad); }), "ossify::save_checkpoint")));
    CHECK(everywhere(!std::filesystem::exists(bad.string() + ".partial") && !std::filesystem::exists(bad)));
    world().barrier();
    if (world().rank() == 0) std::filesystem::remove_all(dir);
}
