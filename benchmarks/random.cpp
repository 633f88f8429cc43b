// Throughput of the random layer: keyed draws (counter_rng, two Philox calls; bound_rng,
// one), batched draws (bound_rng::uniforms/bits, SIMD), the sequential stream, and the exact
// Poisson and binomial samplers, in draws/s.
// Scalar against batched, 1024 draws (ns per draw; compare as ratios within one run):
//   bench_random --benchmark_filter='BM_(bound|batch)_' --benchmark_repetitions=5
// smoke: BM_(counter_uniform|stream_uniform|poisson/3|binomial/20|batch_uniforms/1024)
#include <ossify/random.hpp>
#include <ossify/random/philox_batch.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <numeric>
#include <vector>

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

// ---- Scalar against batched draws: n = 1024 entities (a few lattice rows), one step each ----

constexpr std::size_t draws_n = 1024;

// Sets the ns-per-draw counter (time per draw, shown as seconds per draw).
void per_draw(benchmark::State& state, std::size_t draws_per_iteration) {
    const auto draws = static_cast<double>(state.iterations()) * static_cast<double>(draws_per_iteration);
    state.counters["per_draw"] = benchmark::Counter(draws, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.SetItemsProcessed(static_cast<std::int64_t>(draws));
}

std::vector<std::uint64_t> entity_ids(std::size_t n) {
    std::vector<std::uint64_t> ids(n);
    std::iota(ids.begin(), ids.end(), std::uint64_t{40000});
    return ids;
}

// The reference: one `uniform` call per entity.
void BM_bound_uniform_loop(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    const auto ids = entity_ids(draws_n);
    std::vector<double> out(draws_n);
    std::uint64_t step = 0;
    for (auto _ : state) {
        const auto draws = rng.bind(step++, purpose::transition);
        for (std::size_t j = 0; j < draws_n; ++j) out[j] = draws.uniform(ids[j]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, draws_n);
    state.SetLabel("scalar");
}
BENCHMARK(BM_bound_uniform_loop);

// The same numbers from one batched call (the implementation this machine picks).
void BM_batch_uniforms(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto ids = entity_ids(n);
    std::vector<double> out(n);
    std::uint64_t step = 0;
    for (auto _ : state) {
        rng.bind(step++, purpose::transition).uniforms(ids.data(), n, 0, out.data());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, n);
    state.SetLabel(std::string(philox4x32_batch::target()));
}
BENCHMARK(BM_batch_uniforms)->Arg(1024)->Arg(100)->Arg(13);

// Each implementation of the batched uniforms (0 scalar, 1 baseline vector kernel, 2 AVX2);
// one that cannot run here is skipped.
void BM_batch_uniforms_path(benchmark::State& state) {
    const auto path = static_cast<random::detail::philox_path>(state.range(0));
    if (!random::detail::philox_path_available(path)) {
        state.SkipWithError("not available on this CPU");
        return;
    }
    const auto ids = entity_ids(draws_n);
    std::vector<double> out(draws_n);
    std::uint32_t key = 0;
    for (auto _ : state) {
        random::detail::philox_uniforms(path, {key++, 1}, 2, 0, 1, ids.data(), draws_n, out.data());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, draws_n);
    // the baseline vector kernel is SSE2 on x86-64
    state.SetLabel(path == random::detail::philox_path::avx2     ? "avx2"
                   : path == random::detail::philox_path::vector ? "baseline"
                                                                 : "scalar");
}
BENCHMARK(BM_batch_uniforms_path)->Arg(0)->Arg(1)->Arg(2);

// Three draws per entity (indices 0-2, as cell_migration uses): a loop against one call.
void BM_bound_uniform_loop_x3(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    const auto ids = entity_ids(draws_n);
    std::vector<double> out(3 * draws_n);
    std::uint64_t step = 0;
    for (auto _ : state) {
        const auto draws = rng.bind(step++, purpose::migration);
        for (std::size_t j = 0; j < draws_n; ++j)
            for (std::uint32_t i = 0; i < 3; ++i) out[3 * j + i] = draws.uniform(ids[j], i);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, 3 * draws_n);
}
BENCHMARK(BM_bound_uniform_loop_x3);

void BM_batch_uniforms_x3(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    const auto ids = entity_ids(draws_n);
    std::vector<double> out(3 * draws_n);
    std::uint64_t step = 0;
    for (auto _ : state) {
        rng.bind(step++, purpose::migration).uniforms(ids.data(), draws_n, 0, 3, out.data());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, 3 * draws_n);
}
BENCHMARK(BM_batch_uniforms_x3);

// The raw 128 bits: a loop of `bits` against the batched `bits`.
void BM_bound_bits_loop(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    const auto ids = entity_ids(draws_n);
    std::vector<std::array<std::uint32_t, 4>> out(draws_n);
    std::uint64_t step = 0;
    for (auto _ : state) {
        const auto draws = rng.bind(step++, purpose::transition);
        for (std::size_t j = 0; j < draws_n; ++j) out[j] = draws.bits(ids[j]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, draws_n);
}
BENCHMARK(BM_bound_bits_loop);

void BM_batch_bits(benchmark::State& state) {
    const counter_rng rng{seed{1}};
    const auto ids = entity_ids(draws_n);
    std::vector<std::array<std::uint32_t, 4>> out(draws_n);
    std::uint64_t step = 0;
    for (auto _ : state) {
        rng.bind(step++, purpose::transition).bits(ids.data(), draws_n, 0, out.data());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, draws_n);
}
BENCHMARK(BM_batch_bits);

// General counters (philox4x32_batch::generate), in place.
void BM_batch_generate(benchmark::State& state) {
    std::vector<philox4x32::counter_type> c(draws_n);
    for (std::size_t j = 0; j < draws_n; ++j) c[j] = {static_cast<std::uint32_t>(j), 0, 0, 0};
    for (auto _ : state) {
        philox4x32_batch::generate(c.data(), draws_n, {1, 2}, c.data());
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    per_draw(state, draws_n);
}
BENCHMARK(BM_batch_generate);

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
