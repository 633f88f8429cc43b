// A decomposed tissue gives the serial tissue's bits for any number of ranks and threads: every
// per-site array (cells, entry times, attributes, fields, matrix), the clock and the summed
// counters, after every step, in 2-D and 3-D; and every rank's halo equals its neighbours'
// planes. Run by ctest on 1, 2 and 4 ranks with 1 and 2 OpenMP threads each
// (tests/mpi/CMakeLists.txt). Two controls show that the comparison sees what matters: draws
// keyed by local site index, or halos never exchanged, give other bits on more than one rank.
#include "common.hpp"

using namespace mpi_test;

namespace {

template <class Decomposed, class Serial>
int run_both(Decomposed& d, Serial& s, int steps, duration dt, const std::string& what) {
    int bad = differences(d, s, what + ", seeded");
    for (int k = 0; k < steps; ++k) {
        d.step(dt);
        s.step(dt);
        bad += differences(d, s, what + ", step " + std::to_string(k + 1));
    }
    return bad;
}

using busy_2d = mpi::decomposed_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, busy_processes>;
using busy_3d = mpi::decomposed_tissue<decltype(busy_rules()), grid3d, signals<bmp2>, busy_processes>;
using vessel_signals = signals<bmp2, vegf, noggin>;
template <class Grid, class Options>
using vessel_decomposed = mpi::decomposed_tissue<decltype(vessel_rules()), Grid, vessel_signals, vessel_processes_t, Options>;
template <class Grid, class Options>
using vessel_serial = basic_lattice_tissue<decltype(vessel_rules()), Grid, vessel_signals, vessel_processes_t, Options>;

template <class Grid, class Options>
int vessel_run(const Grid& grid, std::uint64_t s, int steps, const std::string& what, double& marrow, double& deposited) {
    vessel_decomposed<Grid, Options> d{world(), vessel_rules(), grid, vessel_signals{}, seed{s}, vessel_processes(), Options{}};
    vessel_serial<Grid, Options> t{vessel_rules(), grid, vessel_signals{}, seed{s}, vessel_processes(), Options{}};
    configure_vessels(d);
    configure_vessels(t);
    seed_vessels(d);
    seed_vessels(t);
    const int bad = run_both(d, t, steps, 3.0_h, what);
    marrow = 0.0;
    for (const auto m : t.template field<ossify::marrow>()) marrow += m;
    deposited = t.matrix().bone_volume_fraction().value();
    return bad;
}

}  // namespace

TEST_CASE("busy model, 2-D: the decomposed tissue has the serial tissue's bits after every step", "[mpi][identity]") {
    const grid2d grid{36, 48, 10.0_um};
    busy_2d d{world(), busy_rules(), grid, signals<bmp2>{}, seed{11}};
    tissue_test::busy_tissue_2d s{busy_rules(), grid, signals<bmp2>{}, seed{11}};
    configure_busy(d);
    configure_busy(s);
    seed_busy_2d(d);
    seed_busy_2d(s);
    // The default model's processes cannot fail, so no rank keeps a copy of its state per step.
    STATIC_REQUIRE_FALSE(busy_2d::local_type::keeps_step_copy);
    CHECK(run_both(d, s, 40, 2.0_h, "busy 2-D") == 0);
    // The run exercised what the comparison is about.
    CHECK(s.births() > 20);
    CHECK(s.deaths() > 5);
    CHECK(s.events().moves > 200);
    CHECK(s.matrix().bone_volume_fraction() > 0.0);
}

TEST_CASE("busy model, 3-D: the decomposed tissue has the serial tissue's bits after every step", "[mpi][identity]") {
    const grid3d grid{14, 12, 20, 10.0_um};
    busy_3d d{world(), busy_rules(), grid, signals<bmp2>{}, seed{5}};
    tissue_test::busy_tissue_3d s{busy_rules(), grid, signals<bmp2>{}, seed{5}};
    configure_busy(d);
    configure_busy(s);
    seed_busy_3d(d);
    seed_busy_3d(s);
    d.set_visit_order(visit_order::reverse);  // results do not depend on it
    CHECK(run_both(d, s, 30, 2.0_h, "busy 3-D") == 0);
    CHECK(s.births() > 20);
    CHECK(s.events().moves > 200);
}

TEST_CASE("vessel model (migration, division, two depositing states, marrow, attribute, reaction terms, variable "
          "diffusivity, Strang, fixed and periodic faces): the serial tissue's bits",
          "[mpi][identity]") {
    double marrow = 0.0, bone = 0.0;
    CHECK(vessel_run<grid2d, vessel_options>(grid2d{30, 40, 10.0_um}, 3, 60, "vessels 2-D", marrow, bone) == 0);
    CHECK(marrow > 0.0);
    CHECK(bone > 0.01);
    CHECK(vessel_run<grid3d, vessel_options>(grid3d{12, 12, 20, 10.0_um}, 4, 30, "vessels 3-D", marrow, bone) == 0);
    CHECK(bone > 0.0);
    CHECK(vessel_run<grid2d, vessel_compact_options>(grid2d{30, 40, 10.0_um}, 6, 40, "vessels 2-D, compact storage", marrow,
                                                     bone) == 0);
}

TEST_CASE("controls: draws keyed by local site index, or halos never exchanged, change the bits", "[mpi][identity]") {
    const grid2d grid{36, 48, 10.0_um};
    const auto run = [&](bool local_keys, bool no_exchange) {
        busy_2d d{world(), busy_rules(), grid, signals<bmp2>{}, seed{11}};
        tissue_test::busy_tissue_2d s{busy_rules(), grid, signals<bmp2>{}, seed{11}};
        configure_busy(d);
        configure_busy(s);
        seed_busy_2d(s);
        if (local_keys) {
            const auto& l = d.layout();
            d.local().set_window(lattice_window{0, l.owned_begin(), l.owned_end()});
        }
        if (no_exchange) d.domain().set_exchange([](std::uint64_t) { return std::size_t{0}; });
        seed_busy_2d(d);
        int bad = 0;
        for (int k = 0; k < 20; ++k) {
            d.step(2.0_h);
            s.step(2.0_h);
        }
        bad += differences(d, s, "control") != 0 ? 1 : 0;
        return world().sum(bad);
    };
    const int ranks = world().size();
    // With one rank both are the serial tissue; with more, every rank past the first draws
    // other numbers, and every rank with a neighbour reads stale halos.
    CHECK(run(true, false) == (ranks == 1 ? 0 : ranks));
    CHECK(run(false, true) == (ranks == 1 ? 0 : ranks));
}
