// Bad input and failures: a grid with too few planes for the ranks is refused on every rank; a
// halo too narrow for the processes' parameters is refused at the step on every rank; a process
// that fails on one rank only (in its step, or in its prepare) fails the step on every rank with
// a message naming the process and the rank, and every rank's tissue is as before the step, so
// the run goes on with the serial bits.
#include "common.hpp"

using namespace mpi_test;

namespace {

/// Throws once, on one rank, at one step: in its step or in its prepare.
struct flaky {
    static constexpr std::string_view name = "flaky";
    int rank = -1;
    std::uint64_t at_step = 0;
    bool in_prepare = false;
    bool failed = false;
    [[nodiscard]] bool now(std::uint64_t step) const {
        int me = 0;
        MPI_Comm_rank(MPI_COMM_WORLD, &me);
        return !failed && me == rank && step == at_step;
    }
    template <class Context>
    void prepare(const Context& ctx, duration) {
        if (in_prepare && now(ctx.step_index())) {
            failed = true;
            throw std::runtime_error("out of memory, say, while preparing");
        }
    }
    template <class Context>
    void step(Context& ctx, duration) {
        if (!in_prepare && now(ctx.step_index())) {
            failed = true;
            throw std::runtime_error("a NaN, say");
        }
    }
};

auto flaky_processes(flaky f) {
    return processes(diffuse_signals{}, cell_fates{}, f, cell_migration<bmp2>{}, matrix_deposition{}, matrix_mineralisation{},
                     structure_remodelling{});
}
using flaky_processes_t = decltype(flaky_processes(flaky{}));

}  // namespace

/// flaky reads nothing around a site.
template <>
struct ossify::mpi::stencil<flaky> {
    static std::size_t reach(const flaky&, const reach_options&) noexcept { return 0; }
};

TEST_CASE("a grid with too few planes for the ranks is refused on every rank", "[mpi][failures]") {
    using decomposed = mpi::decomposed_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, busy_processes>;
    const int p = world().size();
    // 4 planes per rank (the default halo) fit; 4p - 1 planes do not.
    const auto msg = error_of([&] { decomposed{world(), busy_rules(), grid2d{8, 4 * p - 1, 10.0_um}, signals<bmp2>{}, seed{1}}; });
    CHECK(everywhere(has(msg, "ranks = " + std::to_string(p) + " is invalid") && has(msg, "planes along y")));
    CHECK(everywhere(error_of([&] { decomposed{world(), busy_rules(), grid2d{8, 4 * p, 10.0_um}, signals<bmp2>{}, seed{1}}; }).empty()));
    // A wider halo needs more planes.
    const auto wide = error_of([&] {
        decomposed{world(), busy_rules(), grid2d{8, 4 * p, 10.0_um}, signals<bmp2>{}, seed{1}, busy_processes{}, lattice_options<>{},
                   mpi::decomposition{.halo = 5}};
    });
    CHECK(everywhere(has(wide, "halo of 5 planes")));
}

TEST_CASE("a halo too narrow for the processes' parameters fails the step on every rank, changing nothing", "[mpi][failures]") {
    using decomposed = mpi::decomposed_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, busy_processes>;
    decomposed d{world(),         busy_rules(),         grid2d{36, 48, 10.0_um},          signals<bmp2>{}, seed{11},
                 busy_processes{}, lattice_options<>{}, mpi::decomposition{.halo = 3}};
    configure_busy(d);  // adhesion: migration reaches 4 planes
    seed_busy_2d(d);
    const auto before = owned_snapshot(d);
    const auto msg = error_of([&] { d.step(2.0_h); });
    CHECK(everywhere(has(msg, "process cell_migration failed on rank 0") && has(msg, "halo = 3 planes is invalid; allowed: at least 4")));
    CHECK(owned_snapshot(d) == before);
    // Without adhesion migration reaches 3 planes; with one depositing state deposition 2: fits.
    d.process<cell_migration<bmp2>>().adhesion = 0.0;
    d.process<matrix_deposition>().apposition.set<periosteal>(0.0_um_per_d);
    CHECK(everywhere(error_of([&] { d.step(2.0_h); }).empty()));
}

TEST_CASE("a process failing on one rank fails the step on every rank; every tissue is unchanged and runs on",
          "[mpi][failures]") {
    using decomposed = mpi::decomposed_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, flaky_processes_t>;
    using serial = basic_lattice_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, flaky_processes_t>;
    const grid2d grid{36, 48, 10.0_um};
    const int last = world().size() - 1;
    for (const bool in_prepare : {false, true}) {
        decomposed d{world(), busy_rules(), grid, signals<bmp2>{}, seed{7}, flaky_processes(flaky{last, 5, in_prepare})};
        serial s{busy_rules(), grid, signals<bmp2>{}, seed{7}, flaky_processes(flaky{})};
        configure_busy(d);
        configure_busy(s);
        seed_busy_2d(d);
        seed_busy_2d(s);
        for (int k = 0; k < 5; ++k) {
            d.step(2.0_h);
            s.step(2.0_h);
        }
        const auto msg = error_of([&] { d.step(2.0_h); });
        const std::string expected = "process flaky failed on rank " + std::to_string(last) + " of " + std::to_string(world().size()) +
                                     " (every rank is unchanged): " +
                                     (in_prepare ? "out of memory, say, while preparing" : "a NaN, say");
        CHECK(everywhere(has(msg, expected)));
        CHECK(differences(d, s, in_prepare ? "after a failed prepare" : "after a failed step") == 0);
        for (int k = 0; k < 10; ++k) {
            d.step(2.0_h);
            s.step(2.0_h);
        }
        CHECK(differences(d, s, "ten steps after the failure") == 0);
    }
}
