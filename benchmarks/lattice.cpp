// The lattice step of the default intramembranous model (the rules and parameters of
// examples/ossification_center.cpp, two signals bmp2 + vegf) on a well-populated n x n tissue:
// 45 % mesenchyme, 10 % osteogenic cells, 8 % osteoblasts, 2 % osteocytes, a BMP2 source in
// the centre, six warm-up steps of 2 h (signals spread, matrix laid).
//   BM_lattice_cells/n/threads:     cell fates, migration, deposition, mineralisation, structure
//                                   (the lattice step without diffusion)
//   BM_lattice_diffusion/n/threads: secretion/uptake + the implicit solver, both signals
//   BM_lattice_step/n/threads:      the whole step
//   BM_lattice_*_compact:           the same with compact_storage (float matrix and signals)
// items/s = site updates per second (sites x steps); counters: ns_per_site, bytes_per_site
// (every per-site array the tissue and its processes own, see docs/performance.md).
// The threads argument is used only when built with OpenMP (OSSIFY_ENABLE_OPENMP=ON).
// smoke: n:64/threads:1/
#include <ossify/ossify.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string_view>
#include <tuple>
#include <utility>

#ifdef OSSIFY_USE_OPENMP
#include <omp.h>
#endif

namespace {

using namespace ossify;
using namespace ossify::literals;

auto default_rules() {
    return rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),
        proliferation<osteogenic>(hazard(0.3_per_d)),
        death<osteoblast>(hazard(0.16_per_d)));
}

// Which phases a step runs (set by the benchmark; the warm-up runs all).
struct phases {
    bool diffusion = true;
    bool cells = true;
};

// A process that runs (prepares and steps) the wrapped process P only while its phase is on.
// It declares what P declares (fields, random purposes, guarantees), binds and prepares as P
// does and is noexcept where P's step is, so the tissue treats it exactly like P (in
// particular it keeps no step copy for the default model: see keeps_step_copy).
template <class P>
struct gated {
    static constexpr std::string_view name = P::name;
    using reads = process_reads_t<P>;
    using writes = process_writes_t<P>;
    using owns = process_owns_t<P>;
    using purposes = process_purposes_t<P>;
    static constexpr bool strong_guarantee = process_strong_guarantee_v<P>;

    /// Runs P while `*switch_on` is true.
    gated(const bool* switch_on) : on(switch_on) {}  // NOLINT(google-explicit-constructor): {&flag} in a tuple
    const bool* on;
    P process{};

    template <class Fields, class Grid>
        requires requires(P& p, const lineage_info& info, const Grid& grid) { p.template bind<Fields>(info, grid); }
    void bind(const lineage_info& info, const Grid& grid) {
        process.template bind<Fields>(info, grid);
    }
    template <class Grid>
        requires requires(P& p, const lineage_info& info, const Grid& grid) { p.bind(info, grid); }
    void bind(const lineage_info& info, const Grid& grid) {
        process.bind(info, grid);
    }
    template <class Context>
        requires requires(P& p, const Context& ctx, duration dt) { p.prepare(ctx, dt); }
    void prepare(const Context& ctx, duration dt) {
        if (*on) process.prepare(ctx, dt);
    }
    template <class Context>
    void step(Context& ctx, duration dt) noexcept(process_step_is_noexcept_v<P, Context>) {
        if (*on) process.step(ctx, dt);
    }
    template <class Visitor>
        requires describable<P>
    void describe(Visitor&& visit) {
        process.describe(std::forward<Visitor>(visit));
    }
};

// The default process sequence (migration up BMP2), each process gated by its phase.
using gated_processes = std::tuple<gated<diffuse_signals<>>, gated<cell_fates>, gated<cell_migration<bmp2>>,
                                   gated<matrix_deposition>, gated<matrix_mineralisation>, gated<structure_remodelling>>;

template <class Storage>
auto make_tissue(std::int32_t n, const phases& on) {
    const grid2d g{n, n, 10.0_um};
    gated_processes p{{&on.diffusion}, {&on.cells}, {&on.cells}, {&on.cells}, {&on.cells}, {&on.cells}};
    basic_lattice_tissue<decltype(default_rules()), grid2d, signals<bmp2, vegf>, gated_processes,
                         lattice_options<Storage>>
        t(default_rules(), g, signals<bmp2, vegf>{}, seed{42}, p);
    static_assert(!decltype(t)::keeps_step_copy, "the default model must not pay for a step copy");
    const site<2> c{n / 2, n / 2};
    t.template process<gated<diffuse_signals<>>>().process.template add_source<bmp2>(disc{c, 40.0_um},
                                                                                   400.0_nM / 1.0_d);
    auto& migration = t.template process<gated<cell_migration<bmp2>>>().process;
    migration.motility.template set<mesenchymal>(4.0_per_d);
    migration.chemotaxis = 0.5;
    migration.adhesion = 2.0;
    t.template process<gated<matrix_deposition>>().process.apposition.template set<osteoblast>(3.0_um_per_d);
    const box<2> all{{0, 0}, {n - 1, n - 1}};
    t.fill_fraction(all, mesenchymal{}, 0.45);
    t.fill_fraction(all, osteogenic{}, 0.10);
    t.fill_fraction(all, osteoblast{}, 0.08);
    t.fill_fraction(all, osteocyte{}, 0.02);
    return t;
}

// Bytes of every per-site array: the tissue's (cells, every field, the matrix arrays: the
// state enumerates them all) and the processes' per-site scratch (deposition: 1 byte
// eligibility; structure: 1 byte bone/outside flags; migration: 1 byte of claim marks).
template <class Tissue>
double bytes_per_site(const Tissue& t) {
    double b = 0.0;
    t.state().visit_arrays([&](std::string_view, auto values, double, double) { b += static_cast<double>(values.size_bytes()); });
    return b / static_cast<double>(t.grid().size()) + 3.0;
}

template <class Storage = double_storage>
void run(benchmark::State& state, bool diffusion, bool cells) {
    const auto n = static_cast<std::int32_t>(state.range(0));
#ifdef OSSIFY_USE_OPENMP
    omp_set_num_threads(static_cast<int>(state.range(1)));
#else
    if (state.range(1) != 1) {
        state.SkipWithError("built without OpenMP");
        return;
    }
#endif
    phases on;
    auto t = make_tissue<Storage>(n, on);
    for (int k = 0; k < 6; ++k) t.step(2.0_h);
    on.diffusion = diffusion;
    on.cells = cells;
    for (auto _ : state) {
        t.step(2.0_h);
        benchmark::ClobberMemory();
    }
    const auto sites = static_cast<double>(t.grid().size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(sites));
    state.counters["ns_per_site"] =
        benchmark::Counter(sites * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
    state.counters["bytes_per_site"] = bytes_per_site(t);
    state.counters["cells"] = static_cast<double>(t.cell_count());
}

void BM_lattice_cells(benchmark::State& state) { run(state, false, true); }
void BM_lattice_diffusion(benchmark::State& state) { run(state, true, false); }
void BM_lattice_step(benchmark::State& state) { run(state, true, true); }
// The same with compact_storage (float matrix and signal fields).
void BM_lattice_cells_compact(benchmark::State& state) { run<compact_storage>(state, false, true); }
void BM_lattice_diffusion_compact(benchmark::State& state) { run<compact_storage>(state, true, false); }
void BM_lattice_step_compact(benchmark::State& state) { run<compact_storage>(state, true, true); }

void sizes(benchmark::internal::Benchmark* b) {
    int max_threads = 1;
#ifdef OSSIFY_USE_OPENMP
    max_threads = omp_get_max_threads() > 1 ? 2 : 1;
#endif
    for (const int n : {64, 256, 1024, 4096}) {
        for (int th = 1; th <= max_threads; ++th) b->Args({n, th});
    }
    b->ArgNames({"n", "threads"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_lattice_cells)->Apply(sizes);
BENCHMARK(BM_lattice_diffusion)->Apply(sizes);
BENCHMARK(BM_lattice_step)->Apply(sizes);
BENCHMARK(BM_lattice_cells_compact)->Apply(sizes);
BENCHMARK(BM_lattice_diffusion_compact)->Apply(sizes);
BENCHMARK(BM_lattice_step_compact)->Apply(sizes);

BENCHMARK_MAIN();
