// Built with OpenMP (tests/CMakeLists.txt, when OpenMP is found): a busy lattice tissue run
// with 1, 2 and 3 threads gives bit-identical states, entry times, matrix, marrow, surface,
// signals and counters, in 2-D and 3-D.
#include <ossify/ossify.hpp>

#include <omp.h>

#include <bit>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <vector>

#include "catch.hpp"
#include "unit/tissue/helpers.hpp"

namespace {

using namespace ossify;
using namespace ossify::literals;

// The busy model of the tissue tests, plus VEGF from capillaries (a second signal).
auto rules() { return tissue_test::busy_rules(); }
using rules_t = decltype(rules());
using processes_t = tissue_test::busy_processes;
using tissue_2d = lattice_tissue<rules_t, grid2d, signals<bmp2, vegf>, processes_t>;
using tissue_3d = lattice_tissue<rules_t, grid3d, signals<bmp2, vegf>, processes_t>;
using compact_tissue_2d = lattice_tissue<rules_t, grid2d, signals<bmp2, vegf>, processes_t, lattice_options<compact_storage>>;

template <class Tissue>
void configure(Tissue& t) {
    tissue_test::configure_busy(t);
    t.template process<diffuse_signals>().template secretion<endothelial, vegf>(5.0_nM / 1.0_d);
}

// Every per-site array of the tissue (cells, every field, the matrix arrays), bit for bit,
// after the counters and the clock.
template <class Tissue>
std::vector<std::uint64_t> snapshot(const Tissue& t) {
    const auto& e = t.events();
    std::vector<std::uint64_t> s{e.births, e.deaths, e.blocked_divisions, e.moves, t.steps(),
                                 std::bit_cast<std::uint64_t>(t.time().value())};
    for (std::size_t k = 0; k < Tissue::rule_count(); ++k) s.push_back(static_cast<std::uint64_t>(t.rule_fires(k)));
    std::size_t arrays = 0;
    t.state().visit_arrays([&](std::string_view, auto values, double, double) {
        using T = std::remove_cv_t<typename decltype(values)::element_type>;
        ++arrays;
        for (const T v : values) {
            if constexpr (std::is_same_v<T, double>) s.push_back(std::bit_cast<std::uint64_t>(v));
            else if constexpr (std::is_same_v<T, float>) s.push_back(std::bit_cast<std::uint32_t>(v));
            else s.push_back(static_cast<std::uint64_t>(v));
        }
    });
    // cells.state, cells.entered, bmp2, vegf, marrow, outer_surface and the 5 matrix arrays.
    CHECK(arrays == 11);
    return s;
}

std::vector<std::uint64_t> run_2d(int threads) {
    omp_set_num_threads(threads);
    tissue_2d t{rules(), grid2d{72, 61, 10.0_um}, signals<bmp2, vegf>{}, seed{11}};
    configure(t);
    t.fill_fraction(disc{{36, 30}, 260.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{36, 30}, 120.0_um}, osteoblast{}, 0.3);
    t.process<diffuse_signals>().add_source<bmp2>(disc{{36, 30}, 30.0_um}, 200.0_nM / 1.0_d);
    t.place({10, 30}, endothelial{});
    t.place({60, 31}, endothelial{});
    for (int k = 0; k < 90; ++k) t.step(2.0_h);
    CHECK(t.births() > 50);
    CHECK(t.events().moves > 500);
    CHECK(t.matrix().bone_volume_fraction() > 0.01);
    return snapshot(t);
}

std::vector<std::uint64_t> run_3d(int threads) {
    omp_set_num_threads(threads);
    tissue_3d t{rules(), grid3d{24, 19, 17, 10.0_um}, signals<bmp2, vegf>{}, seed{5}};
    configure(t);
    t.fill_fraction(ball{{12, 9, 8}, 90.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(ball{{12, 9, 8}, 40.0_um}, osteoblast{}, 0.4);
    t.process<diffuse_signals>().add_source<bmp2>(ball{{12, 9, 8}, 15.0_um}, 200.0_nM / 1.0_d);
    for (int k = 0; k < 40; ++k) t.step(2.0_h);
    CHECK(t.events().moves > 100);
    return snapshot(t);
}

// The same 2-D run with compact_storage (float matrix and signal fields).
std::vector<std::uint64_t> run_2d_compact(int threads) {
    omp_set_num_threads(threads);
    compact_tissue_2d t{rules(), grid2d{72, 61, 10.0_um}, signals<bmp2, vegf>{}, seed{11}};
    STATIC_REQUIRE(std::is_same_v<compact_tissue_2d::state_type::value_of<bmp2>, float>);
    STATIC_REQUIRE(std::is_same_v<compact_tissue_2d::state_type::matrix_type::value_type, float>);
    configure(t);
    t.fill_fraction(disc{{36, 30}, 260.0_um}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{36, 30}, 120.0_um}, osteoblast{}, 0.3);
    t.process<diffuse_signals>().add_source<bmp2>(disc{{36, 30}, 30.0_um}, 200.0_nM / 1.0_d);
    for (int k = 0; k < 45; ++k) t.step(2.0_h);
    // Checkpoint round-trip of the float fields: bit-identical, and the run goes on identically.
    std::stringstream buffer;
    save_checkpoint(t, buffer);
    compact_tissue_2d r{rules(), grid2d{72, 61, 10.0_um}, signals<bmp2, vegf>{}, seed{11}};
    configure(r);
    r.process<diffuse_signals>().add_source<bmp2>(disc{{36, 30}, 30.0_um}, 200.0_nM / 1.0_d);
    restore_checkpoint(r, buffer);
    CHECK(snapshot(r) == snapshot(t));
    for (int k = 0; k < 45; ++k) {
        t.step(2.0_h);
        r.step(2.0_h);
    }
    CHECK(snapshot(r) == snapshot(t));
    CHECK(t.events().moves > 500);
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
