// Diffusion solvers: one step of the implicit (LOD, Thomas sweeps) and explicit (FTCS)
// solvers on 2-D 1024^2 and 3-D 100^3 grids, double and float, 1 and 4 substrates.
// items/s = site updates per second (sites x substrates x steps).
// bytes/s = effective bandwidth, counting what each pass must read + write once:
//   implicit: one read + one write of the field per axis sweep -> 2 * Dim * N * sizeof(T)
//   explicit: read c, write the new field, copy it back        -> 4 * N * sizeof(T)
// BM_triad is a STREAM-style triad a[i] = b[i] + s * c[i] on arrays far larger than the
// last-level cache (3 x 32 MiB for the large case), the reference bandwidth of the same run.
// smoke: /(16|64)/[14]$|BM_triad/65536$
#include <ossify/signal.hpp>
#include <ossify/units/literals.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

using namespace ossify;
using namespace ossify::literals;

template <std::size_t Dim>
basic_grid<Dim> make_grid(std::int32_t n) {
    std::array<std::int32_t, Dim> ext{};
    ext.fill(n);
    return basic_grid<Dim>(ext, 10.0_um);
}

template <template <class, std::size_t> class Solver, class T, std::size_t Dim>
void run(benchmark::State& state, double bytes_per_site) {
    const auto g = make_grid<Dim>(static_cast<std::int32_t>(state.range(0)));
    const auto substrates = static_cast<std::size_t>(state.range(1));
    const diffusion_parameters p(bmp2::default_diffusivity(), bmp2::default_decay());
    duration dt = 1.0_min;
    if constexpr (std::is_same_v<Solver<T, Dim>, explicit_solver<T, Dim>>) dt = max_stable_step(g, p);
    std::vector<Solver<T, Dim>> solvers;
    std::vector<std::vector<T>> fields;
    for (std::size_t k = 0; k < substrates; ++k) {
        solvers.emplace_back(g, p, dt);
        fields.emplace_back(g.size(), T(1));
        fields.back()[g.size() / 2] = T(1000);
    }
    for (auto _ : state) {
        for (std::size_t k = 0; k < substrates; ++k) solvers[k].step(fields[k]);
        benchmark::ClobberMemory();
    }
    const auto updates = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(g.size() * substrates);
    state.SetItemsProcessed(updates);
    state.SetBytesProcessed(static_cast<std::int64_t>(static_cast<double>(updates) * bytes_per_site * sizeof(T)));
}

template <class T, std::size_t Dim>
void BM_implicit(benchmark::State& state) {
    run<implicit_solver, T, Dim>(state, 2.0 * Dim);
}
template <class T, std::size_t Dim>
void BM_explicit(benchmark::State& state) {
    run<explicit_solver, T, Dim>(state, 4.0);
}

void BM_triad(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
    const double s = 3.0;
    for (auto _ : state) {
        double* __restrict pa = a.data();
        const double* __restrict pb = b.data();
        const double* __restrict pc = c.data();
        for (std::size_t i = 0; i < n; ++i) pa[i] = pb[i] + s * pc[i];
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n * 3 * sizeof(double)));
}

void sizes_2d(benchmark::internal::Benchmark* b) {
    for (std::int64_t n : {64, 1024})
        for (std::int64_t s : {1, 4}) b->Args({n, s});
    b->Unit(benchmark::kMillisecond);
}
void sizes_3d(benchmark::internal::Benchmark* b) {
    for (std::int64_t n : {16, 100})
        for (std::int64_t s : {1, 4}) b->Args({n, s});
    b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_triad)->Arg(1 << 16)->Arg(1 << 22)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_implicit, double, 2)->Apply(sizes_2d);
BENCHMARK_TEMPLATE(BM_implicit, float, 2)->Apply(sizes_2d);
BENCHMARK_TEMPLATE(BM_implicit, double, 3)->Apply(sizes_3d);
BENCHMARK_TEMPLATE(BM_implicit, float, 3)->Apply(sizes_3d);
BENCHMARK_TEMPLATE(BM_explicit, double, 2)->Apply(sizes_2d);
BENCHMARK_TEMPLATE(BM_explicit, float, 2)->Apply(sizes_2d);
BENCHMARK_TEMPLATE(BM_explicit, double, 3)->Apply(sizes_3d);
BENCHMARK_TEMPLATE(BM_explicit, float, 3)->Apply(sizes_3d);
BENCHMARK_MAIN();
