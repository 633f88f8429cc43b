// Output at scale: the parallel VTK file of a decomposed tissue (a .pvti with one piece per
// rank) holds, piece after piece, exactly the arrays of the serial tissue's .vti; a series of
// them gets a .pvd collection; the reduced metrics equal the serial metrics (counts and the
// bone front exactly, volumes to rounding) and are the same bits on every rank.
#include "common.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace mpi_test;

namespace {

using busy_2d = mpi::decomposed_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, busy_processes>;
using busy_3d = mpi::decomposed_tissue<decltype(busy_rules()), grid3d, signals<bmp2>, busy_processes>;

std::string read_all(const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
// The arrays of an appended-binary .vti file, in order (each: its bytes).
std::vector<std::string> appended_arrays(const std::string& vti) {
    std::vector<std::string> out;
    const std::string mark = "<AppendedData encoding=\"raw\">\n   _";
    auto at = vti.find(mark);
    if (at == std::string::npos) return out;
    at += mark.size();
    while (at + 8 <= vti.size() && vti.compare(at, 1, "\n") != 0) {
        std::uint64_t n = 0;
        std::memcpy(&n, vti.data() + at, 8);
        out.push_back(vti.substr(at + 8, static_cast<std::size_t>(n)));
        at += 8 + static_cast<std::size_t>(n);
    }
    return out;
}
std::filesystem::path run_folder() {
    std::string p;
    if (world().rank() == 0) {
        p = (std::filesystem::temp_directory_path() / ("ossify_mpi_out_" + std::to_string(::getpid()))).string();
        std::filesystem::create_directories(p);
    }
    return world().broadcast(p, 0);
}

template <class Decomposed, class Serial>
bool same_pvti(const Decomposed& d, const Serial& s, const std::filesystem::path& dir, const std::string& stem) {
    const auto files = mpi::write_tissue_pvti(dir / (stem + ".pvti"), d);
    bool ok = files.size() == static_cast<std::size_t>(d.comm().size()) + 1;
    if (d.comm().rank() == 0) {
        write_tissue_vti(dir / (stem + "_serial.vti"), s);
        const auto whole = appended_arrays(read_all(dir / (stem + "_serial.vti")));
        std::vector<std::string> joined(whole.size());
        for (int q = 0; q < d.comm().size(); ++q) {
            const auto piece = appended_arrays(read_all(dir / (stem + "_" + std::to_string(q) + ".vti")));
            ok = ok && piece.size() == whole.size();
            for (std::size_t k = 0; k < piece.size() && k < joined.size(); ++k) joined[k] += piece[k];
        }
        ok = ok && !whole.empty() && joined == whole;
        const auto pvti = read_all(dir / (stem + ".pvti"));
        ok = ok && has(pvti, "<PImageData WholeExtent=\"0 " + std::to_string(s.grid().extent(0)));
        std::size_t pieces = 0;
        for (auto at = pvti.find("<Piece "); at != std::string::npos; at = pvti.find("<Piece ", at + 1)) ++pieces;
        ok = ok && pieces == static_cast<std::size_t>(d.comm().size());
        if (!ok) UNSCOPED_INFO(pvti);
    }
    return world().broadcast(ok ? std::string("1") : std::string("0"), 0) == "1";
}

}  // namespace

TEST_CASE("parallel VTK: the pieces of a .pvti hold the serial .vti's arrays", "[mpi][output]") {
    const auto dir = run_folder();
    {
        busy_2d d{world(), busy_rules(), grid2d{36, 48, 10.0_um}, signals<bmp2>{}, seed{11}};
        tissue_test::busy_tissue_2d s{busy_rules(), grid2d{36, 48, 10.0_um}, signals<bmp2>{}, seed{11}};
        configure_busy(d);
        configure_busy(s);
        seed_busy_2d(d);
        seed_busy_2d(s);
        mpi::pvti_series series(dir / "series");
        for (int k = 0; k < 12; ++k) {
            d.step(2.0_h);
            s.step(2.0_h);
            if (k % 6 == 5) series(d);
        }
        series.finish(d);
        CHECK(same_pvti(d, s, dir, "busy2d"));
        CHECK(everywhere(std::filesystem::exists(dir / "series" / "tissue.pvd")));
        CHECK(everywhere(std::filesystem::exists(dir / "series" / "tissue_000001_0.vti")));
    }
    {
        busy_3d d{world(), busy_rules(), grid3d{14, 12, 20, 10.0_um}, signals<bmp2>{}, seed{5}};
        tissue_test::busy_tissue_3d s{busy_rules(), grid3d{14, 12, 20, 10.0_um}, signals<bmp2>{}, seed{5}};
        configure_busy(d);
        configure_busy(s);
        seed_busy_3d(d);
        seed_busy_3d(s);
        for (int k = 0; k < 8; ++k) {
            d.step(2.0_h);
            s.step(2.0_h);
        }
        CHECK(same_pvti(d, s, dir, "busy3d"));
    }
    world().barrier();
    if (world().rank() == 0) std::filesystem::remove_all(dir);
}

TEST_CASE("reduced metrics: the serial metrics, the same bits on every rank", "[mpi][output]") {
    busy_2d d{world(), busy_rules(), grid2d{36, 48, 10.0_um}, signals<bmp2>{}, seed{11}};
    tissue_test::busy_tissue_2d s{busy_rules(), grid2d{36, 48, 10.0_um}, signals<bmp2>{}, seed{11}};
    configure_busy(d);
    configure_busy(s);
    seed_busy_2d(d);
    seed_busy_2d(s);
    for (int k = 0; k < 30; ++k) {
        d.step(2.0_h);
        s.step(2.0_h);
    }
    const auto got = mpi::standard_metrics(d);
    const auto want = standard_metrics(s);
    CHECK(got.names == want.names);
    int off = 0;
    for (std::size_t k = 0; k < got.values.size() && k < want.values.size(); ++k) {
        const bool exact = got.names[k] != "osteoid_volume_um3" && got.names[k] != "mineral_volume_um3" && got.names[k] != "bv_tv";
        const double a = got.values[k], b = want.values[k];
        const bool ok = exact ? a == b : std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
        if (!ok) UNSCOPED_INFO(got.names[k] << ": " << a << " vs " << b);
        off += ok ? 0 : 1;
    }
    CHECK(off == 0);
    CHECK(want.values[want.values.size() - 3] > 0.0);  // bv_tv: there is bone
    std::string mine;
    for (const double v : got.values) mine += std::to_string(std::bit_cast<std::uint64_t>(v)) + ",";
    CHECK(everywhere(mine == world().broadcast(mine, 0)));
}
