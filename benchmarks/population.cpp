// The well-mixed population model: the stochastic (Gillespie) solver's events/s on 10^5
// cells in a four-state cycle with proliferation and death, and the mean-field (odeint)
// solver's steps/s.
#include <ossify/cell.hpp>
#include <ossify/tissue/population_model.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

using namespace ossify;
using namespace ossify::literals;

using bone_lineage = lineage<mesenchymal, osteogenic, osteoblast, osteocyte>;

// A cycle (osteocytes return to the pool) with division and death at equal rates in one
// state, so the expected population stays constant while the benchmark runs (a benchmark
// device, not biology).
auto cycle_rules() {
    return rule_set<bone_lineage>(
        transition<mesenchymal, osteogenic>(hazard(0.5_per_d)),
        transition<osteogenic, osteoblast>(hazard(0.15_per_d)),
        proliferation<osteogenic>(hazard(0.3_per_d)),
        death<osteogenic>(hazard(0.3_per_d)),
        transition<osteoblast, osteocyte>(hazard(0.19_per_d)),
        transition<osteocyte, mesenchymal>(hazard(0.05_per_d)));
}

void BM_stochastic_events(benchmark::State& state) {
    const double n = static_cast<double>(state.range(0));
    population_model pop{cycle_rules(), initial_counts<mesenchymal, osteogenic, osteoblast, osteocyte>(
                                            n / 4, n / 4, n / 4, n / 4),
                         stochastic{seed{1}}};
    const std::uint64_t before = pop.events();
    for (auto _ : state) pop.step(1.0_d);
    const auto events = static_cast<std::int64_t>(pop.events() - before);
    state.SetItemsProcessed(events);
    state.counters["cells"] = pop.total();
}
BENCHMARK(BM_stochastic_events)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_mean_field_step(benchmark::State& state) {
    population_model pop{cycle_rules(), initial_counts<mesenchymal>(100000.0), mean_field{}};
    for (auto _ : state) pop.step(1.0_h);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_mean_field_step);

}  // namespace

BENCHMARK_MAIN();
