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
// smoke: n:64/threads:1$
#include <ossify/ossify.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <tuple>

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

struct gated_diffusion {
    const phases* on;
    diffuse_signals p{};
    template <class T>
    void operator()(T& t, double dt) const {
        if (on->diffusion) p(t, dt);
    }
};
template <class P>
struct gated {
    const phases* on;
    P p{};
    template <class T>
    void operator()(T& t, double dt) const {
        if (on->cells) p(t, dt);
    }
};

using gated_processes =
    std::tuple<gated_diffusion, gated<cell_fates>, gated<cell_migration>, gated<matrix_deposition>,
               gated<matrix_mineralisation>, gated<structure_remodelling>>;

template <class Storage>
auto make_tissue(std::int32_t n, const phases& on) {
    const grid2d g{n, n, 10.0_um};
    gated_processes p{gated_diffusion{&on}, gated<cell_fates>{&on}, gated<cell_migration>{&on},
                      gated<matrix_deposition>{&on}, gated<matrix_mineralisation>{&on},
                      gated<structure_remodelling>{&on}};
    basic_lattice_tissue<decltype(default_rules()), grid2d, signals<bmp2, vegf>, gated_processes, Storage> t(
        default_rules(), g, signals<bmp2, vegf>{}, seed{42}, p);
    const site<2> c{n / 2, n / 2};
    t.template add_source<bmp2>(disc{c, 40.0_um}, 400.0_nM / 1.0_d);
    t.template set_motility<mesenchymal>(4.0_per_d);
    t.template set_migration_bias<bmp2>(0.5, 2.0);
    t.template set_apposition<osteoblast>(3.0_um_per_d);
    const box<2> all{{0, 0}, {n - 1, n - 1}};
    t.fill_fraction(all, mesenchymal{}, 0.45);
    t.fill_fraction(all, osteogenic{}, 0.10);
    t.fill_fraction(all, osteoblast{}, 0.08);
    t.fill_fraction(all, osteocyte{}, 0.02);
    return t;
}

// Bytes of every per-site array: tissue (state, entry time, marrow, surface, matrix arrays,
// signal fields) and the processes' per-site scratch (deposition: 1 byte eligibility;
// structure: 1 byte bone/outside flags).
template <class Tissue>
double bytes_per_site(const Tissue& t) {
    double b = static_cast<double>(t.states().size_bytes() + t.entry_times().size_bytes() + t.marrow().size_bytes() +
                                   t.outer_surface().size_bytes());
    for (const auto a : t.matrix().state_arrays()) b += static_cast<double>(a.size_bytes());
    Tissue::for_each_signal([&]<class S>() { b += static_cast<double>(t.template field<S>().size_bytes()); });
    return b / static_cast<double>(t.grid().size()) + 2.0;
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
