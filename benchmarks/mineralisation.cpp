// Matrix layer throughput: mineralise() site-updates/s and bytes/s, the entrapment measure
// (all sites in one pass, and per site) and osteoid deposition, on n x n 2-D grids
// (and a 3-D entrapment pass). Arguments are the grid side n.
// smoke: /64$
#include <ossify/matrix.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

using namespace ossify;
using namespace ossify::literals;

// A field in a realistic mixed state: every site has matrix, a quarter still in its lag,
// the rest at various stages of mineralisation.
template <std::size_t Dim>
void fill_mixed(matrix_field<Dim>& f) {
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double v = 0.2 + 0.8 * static_cast<double>((i * 2654435761u) % 1000u) / 1000.0;
        if (i % 4 == 0) {
            f.deposit(i, v);
        } else {
            f.assign(i, v, static_cast<double>(i % 97) / 97.0);
        }
    }
}

void BM_mineralise(benchmark::State& state) {
    const auto n = static_cast<std::int32_t>(state.range(0));
    matrix_field2d f{grid2d{n, n, 10.0_um}};
    fill_mixed(f);
    // Lags of 2 d consumed in 1 h steps: merges happen now and then, as in a simulation.
    for (auto _ : state) {
        f.mineralise(1.0_h);
        benchmark::DoNotOptimize(f.matrix_fractions().data());
        benchmark::ClobberMemory();
    }
    const auto sites = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.size());
    state.SetItemsProcessed(sites);
    // Per site: reads matrix, lagged, primary, secondary; writes primary, secondary (6 doubles).
    state.SetBytesProcessed(sites * static_cast<std::int64_t>(6 * sizeof(double)));
}

void BM_entrapment_all_2d(benchmark::State& state) {
    const auto n = static_cast<std::int32_t>(state.range(0));
    matrix_field2d f{grid2d{n, n, 10.0_um}};
    fill_mixed(f);
    std::vector<double> out(f.size());
    for (auto _ : state) {
        f.entrapment(default_mineralised_threshold, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.size()));
}

void BM_entrapment_all_3d(benchmark::State& state) {
    const auto n = static_cast<std::int32_t>(state.range(0));
    matrix_field3d f{grid3d{n, n, n, 10.0_um}};
    fill_mixed(f);
    std::vector<double> out(f.size());
    for (auto _ : state) {
        f.entrapment(default_mineralised_threshold, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.size()));
}

// One query per site, as a transition policy asking for a few osteoblasts would.
void BM_entrapment_per_site_2d(benchmark::State& state) {
    const auto n = static_cast<std::int32_t>(state.range(0));
    matrix_field2d f{grid2d{n, n, 10.0_um}};
    fill_mixed(f);
    for (auto _ : state) {
        double s = 0.0;
        for (std::size_t i = 0; i < f.size(); ++i) s += f.entrapment(i);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.size()));
}

// Deposition by osteoblasts on 1 site in 8 (items: osteoblasts per second).
void BM_deposit_by_osteoblasts(benchmark::State& state) {
    const auto n = static_cast<std::int32_t>(state.range(0));
    const grid2d g{n, n, 10.0_um};
    matrix_field2d f{g};
    std::vector<std::size_t> ob;
    for (std::size_t i = 0; i < g.size(); i += 8) ob.push_back(i);
    std::vector<std::uint8_t> blocked(g.size(), 0);
    for (auto _ : state) {
        // Tiny steps, so sites stay below full and the work does not change between runs.
        benchmark::DoNotOptimize(f.deposit_by_osteoblasts(ob, blocked, 1.0e-6_um_per_d, 1.0_h));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(ob.size()));
}

}  // namespace

BENCHMARK(BM_mineralise)->Arg(64)->Arg(1024);
BENCHMARK(BM_entrapment_all_2d)->Arg(64)->Arg(1024);
BENCHMARK(BM_entrapment_all_3d)->Arg(64)->Arg(128);
BENCHMARK(BM_entrapment_per_site_2d)->Arg(64)->Arg(1024);
BENCHMARK(BM_deposit_by_osteoblasts)->Arg(64)->Arg(1024);
BENCHMARK_MAIN();
