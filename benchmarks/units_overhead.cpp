// Zero overhead of unit-typed values: the same explicit update kernel (first-order
// mineralisation of every site, m += dt * k * (1 - m), plus osteoid thickening
// h += dt * v) on Boost.Units quantities and on raw doubles, in one run.
// The ratio of the two items/s figures is the overhead; see README "Units".
#include <ossify/units.hpp>

#include <benchmark/benchmark.h>

#include <vector>

namespace {

constexpr std::size_t sites = 1 << 16;  // 64 Ki sites: 1.5 MiB of state, fits in L2/L3

void set_counters(benchmark::State& state) {
    const auto n = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(sites);
    state.SetItemsProcessed(n);
    state.SetBytesProcessed(n * static_cast<std::int64_t>(2 * 2 * sizeof(double)));  // 2 arrays read+written
}

void BM_update_raw_double(benchmark::State& state) {
    std::vector<double> mineral(sites, 0.1), thickness(sites, 1.0);
    const double dt = 1.0 / 24.0, k = 0.5, v = 1.0;  // d, 1/d, um/d
    for (auto _ : state) {
        for (std::size_t i = 0; i < sites; ++i) {
            mineral[i] += dt * k * (1.0 - mineral[i]);
            thickness[i] += dt * v;
        }
        benchmark::DoNotOptimize(mineral.data());
        benchmark::DoNotOptimize(thickness.data());
        benchmark::ClobberMemory();
    }
    set_counters(state);
}

void BM_update_quantities(benchmark::State& state) {
    using namespace ossify;
    using namespace ossify::literals;
    std::vector<fraction> mineral(sites, fraction{0.1});
    std::vector<length> thickness(sites, 1.0_um);
    const duration dt = 1.0_h;
    const rate k = 0.5_per_d;
    const velocity v = 1.0_um_per_d;
    const fraction one{1.0};
    for (auto _ : state) {
        for (std::size_t i = 0; i < sites; ++i) {
            mineral[i] += dt * k * (one - mineral[i]);
            thickness[i] += dt * v;
        }
        benchmark::DoNotOptimize(mineral.data());
        benchmark::DoNotOptimize(thickness.data());
        benchmark::ClobberMemory();
    }
    set_counters(state);
}

}  // namespace

BENCHMARK(BM_update_raw_double);
BENCHMARK(BM_update_quantities);
BENCHMARK_MAIN();
