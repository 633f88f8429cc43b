// Built with OpenMP (tests/CMakeLists.txt, when OpenMP is found): a busy lattice tissue run
// with 1, 2 and 3 threads gives bit-identical states, entry times, matrix, marrow, surface,
// signals and counters, in 2-D and 3-D.
#include <ossify/ossify.hpp>

#include <omp.h>

#include <bit>
#include <cstdint>
#include <sstream>
#include <vector>

#include "catch.hpp"
#include "unit/tissue/helpers.hpp"

namespace {

using namespace ossify;
using namespace ossify::literals;

// The busy model of the tissue tests, plus VEGF from capillaries (a second signal).
auto rules() { return tissue_test::busy_rules(); }

template <class Tissue>
void configure(Tissue& t) {
    tissue_test::configure_busy(t);
    t.template set_secretion<endothelial, vegf>(5.0_nM / 1.0_d);
}

std::vector<std::uint64_t> snapshot(const auto& t) {
    std::vector<std::uint64_t> s{t.births(), t.deaths(), t.blocked_divisions(), t.moves(), t.steps()};
    for (const auto v : t.states()) s.push_back(v);
    for (const auto v : t.entry_times()) s.push_back(std::bit_cast<std::uint32_t>(v));
    for (const auto v : t.marrow()) s.push_back(v);
    for (const auto v : t.outer_surface()) s.push_back(v);
    for (const auto a : t.matrix().state_arrays()) {
        for (const double v : a) s.push_back(std::bit_cast<std::uint64_t>(v));
    }
    std::remove_cvref_t<decltype(t)>::for_each_signal([&]<class S>() {
        for (const double v : t.template field<S>()) s.push_back(std::bit_cast<std::uint64_t>(v));
    });
    return s;
}

std::vector<std::uint64_t> run_2d(int threads) {
    omp_set_num_threads(threads);
    lattice_tissue t{rules(), grid2d{72, 61, 10.0_um}, signals<bmp2, vegf>{}, seed{11}};
    configure(t);
    t.fill_fraction(disc{{36, 30}, 260.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{36, 30}, 120.0_um}, osteoblast{}, 0.3);
    t.template add_source<bmp2>(disc{{36, 30}, 30.0_um}, 200.0_nM / 1.0_d);
    t.place({10, 30}, endothelial{});
    t.place({60, 31}, endothelial{});
    for (int k = 0; k < 90; ++k) t.step(2.0_h);
    CHECK(t.births() > 50);
    CHECK(t.moves() > 500);
    CHECK(t.matrix().bone_volume_fraction() > 0.01);
    return snapshot(t);
}

std::vector<std::uint64_t> run_3d(int threads) {
    omp_set_num_threads(threads);
    lattice_tissue t{rules(), grid3d{24, 19, 17, 10.0_um}, signals<bmp2, vegf>{}, seed{5}};
    configure(t);
    t.fill_fraction(ball{{12, 9, 8}, 90.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(ball{{12, 9, 8}, 40.0_um}, osteoblast{}, 0.4);
    t.template add_source<bmp2>(ball{{12, 9, 8}, 15.0_um}, 200.0_nM / 1.0_d);
    for (int k = 0; k < 40; ++k) t.step(2.0_h);
    CHECK(t.moves() > 100);
    return snapshot(t);
}

// The same 2-D run with compact_storage (float matrix and signal fields).
std::vector<std::uint64_t> run_2d_compact(int threads) {
    omp_set_num_threads(threads);
    using tissue_t = basic_lattice_tissue<decltype(rules()), grid2d, signals<bmp2, vegf>, default_processes, compact_storage>;
    tissue_t t{rules(), grid2d{72, 61, 10.0_um}, signals<bmp2, vegf>{}, seed{11}};
    configure(t);
    t.fill_fraction(disc{{36, 30}, 260.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{36, 30}, 120.0_um}, osteoblast{}, 0.3);
    t.template add_source<bmp2>(disc{{36, 30}, 30.0_um}, 200.0_nM / 1.0_d);
    for (int k = 0; k < 45; ++k) t.step(2.0_h);
    // Checkpoint round-trip of the float fields: bit-identical, and the run goes on identically.
    std::stringstream buffer;
    save_checkpoint(t, buffer);
    tissue_t r{rules(), grid2d{72, 61, 10.0_um}, signals<bmp2, vegf>{}, seed{11}};
    configure(r);
    r.template add_source<bmp2>(disc{{36, 30}, 30.0_um}, 200.0_nM / 1.0_d);
    restore_checkpoint(r, buffer);
    CHECK(snapshot(r) == snapshot(t));
    for (int k = 0; k < 45; ++k) {
        t.step(2.0_h);
        r.step(2.0_h);
    }
    CHECK(snapshot(r) == snapshot(t));
    CHECK(t.moves() > 500);
    CHECK(t.matrix().bone_volume_fraction() > 0.01);
    return snapshot(t);
}

}  // namespace

TEST_CASE("lattice_tissue: compact_storage is bit-identical for 1, 2 and 3 threads and checkpoints exactly", "[tissue][openmp]") {
    const auto one = run_2d_compact(1);
    CHECK(one == run_2d_compact(2));
    CHECK(one == run_2d_compact(3));
}

TEST_CASE("lattice_tissue: bit-identical results for 1, 2 and 3 threads (2-D)", "[tissue][openmp]") {
    const auto one = run_2d(1);
    CHECK(one == run_2d(2));
    CHECK(one == run_2d(3));
}

TEST_CASE("lattice_tissue: bit-identical results for 1, 2 and 3 threads (3-D)", "[tissue][openmp]") {
    const auto one = run_3d(1);
    CHECK(one == run_3d(2));
    CHECK(one == run_3d(3));
}
