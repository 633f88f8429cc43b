// Throughput of the random layer: keyed draws (counter_rng, two Philox calls; bound_rng,
// one), the sequential stream, and the exact Poisson and binomial samplers, in draws/s.
// smoke: BM_(counter_uniform|stream_uniform|poisson/3|binomial/20)
#include <ossify/random.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

using namespace ossify;
using namespace ossify::random;

constexpr std::uint64_t entities = 1 << 16;

void BM_counter_bits(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    std::uint64_t step = 0;
    for (auto _ : state) {
        for (std::uint64_t e = 0; e < entities; ++e) {
            benchmark::DoNotOptimize(rng.bits({step, e, purpose::transition, 0}));
        }
        ++step;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * entities));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * entities * 16));
}
BENCHMARK(BM_counter_bits);

void BM_counter_uniform(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    std::uint64_t step = 0;
    for (auto _ : state) {
        double sum = 0.0;
        for (std::uint64_t e = 0; e < entities; ++e) sum += rng.uniform({step, e, purpose::transition, 0});
        benchmark::DoNotOptimize(sum);
        ++step;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * entities));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * entities * sizeof(double)));
}
BENCHMARK(BM_counter_uniform);

void BM_bound_uniform(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    std::uint64_t step = 0;
    for (auto _ : state) {
        const auto draws = rng.bind(step, purpose::transition);
        double sum = 0.0;
        for (std::uint64_t e = 0; e < entities; ++e) sum += draws.uniform(e);
        benchmark::DoNotOptimize(sum);
        ++step;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * entities));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * entities * sizeof(double)));
}
BENCHMARK(BM_bound_uniform);

void BM_stream_bits(benchmark::State& state) {
    stream s{seed{1}, 0};
    for (auto _ : state) {
        std::uint64_t x = 0;
        for (std::uint64_t i = 0; i < entities; ++i) x ^= s();
        benchmark::DoNotOptimize(x);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * entities));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * entities * 8));
}
BENCHMARK(BM_stream_bits);

void BM_stream_uniform(benchmark::State& state) {
    stream s{seed{1}, 0};
    for (auto _ : state) {
        double sum = 0.0;
        for (std::uint64_t i = 0; i < entities; ++i) sum += s.uniform();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * entities));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * entities * sizeof(double)));
}
BENCHMARK(BM_stream_uniform);

// The argument is the mean (inversion below 10, PTRS above).
void BM_poisson(benchmark::State& state) {
    stream s{seed{1}, 0};
    const double mean = static_cast<double>(state.range(0));
    constexpr int batch = 4096;
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (int i = 0; i < batch; ++i) sum += poisson(s, mean);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * batch);
}
BENCHMARK(BM_poisson)->Arg(3)->Arg(40)->Arg(10000);

// The argument is n, with p = 0.3 (inversion for n p < 10, BTRD above).
void BM_binomial(benchmark::State& state) {
    stream s{seed{1}, 0};
    const auto n = static_cast<std::uint64_t>(state.range(0));
    constexpr int batch = 4096;
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (int i = 0; i < batch; ++i) sum += binomial(s, n, 0.3);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * batch);
}
BENCHMARK(BM_binomial)->Arg(20)->Arg(200)->Arg(1000000);

}  // namespace

BENCHMARK_MAIN();
