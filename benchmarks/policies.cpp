// Cost of transition policies: a typical intramembranous rule set advanced cell by cell
// through advance_cell (with counter_rng draws, as the lattice tissue does), in cell-steps/s,
// and raw hazard evaluation of hill and after && hazard, in evaluations/s.
#include <ossify/cell.hpp>
#include <ossify/random/counter_rng.hpp>
#include <ossify/signal/signals.hpp>
#include <ossify/tissue/environment.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

using namespace ossify;
using namespace ossify::literals;

using bone_lineage = lineage<mesenchymal, osteogenic, osteoblast, osteocyte, endothelial>;

auto typical_rules() {
    return rule_set<bone_lineage>(
        fate_split<mesenchymal>(hill<bmp2>(5.0_nM, 2.0, 0.5_per_d), branch<osteogenic>(0.8),
                                branch<endothelial>(0.2)),
        proliferation<osteogenic>(hazard(0.3_per_d)),
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.15_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5) || hazard(0.03_per_d)),
        death<osteoblast>(hazard(0.16_per_d)));
}

// A well-mixed environment with some BMP2, half-mineralised neighbourhoods.
well_mixed_environment typical_environment() {
    well_mixed_environment env;
    env.set_signal<bmp2>(4.0_nM);
    env.set_entrapment(0.3);
    return env;
}

void BM_advance_cell_typical(benchmark::State& state) {
    const auto rules = typical_rules();
    const auto env = typical_environment();
    const std::size_t n = static_cast<std::size_t>(state.range(0));
    const double dt = 1.0 / 24.0;  // one hour
    std::vector<std::size_t> cell_state(n);
    std::vector<double> time_in_state(n);
    for (std::size_t i = 0; i < n; ++i) {  // cells spread over the four living states
        cell_state[i] = i % 4;
        time_in_state[i] = static_cast<double>(i % 97) * 0.05;
    }
    const random::counter_rng rng{seed{1}};
    std::uint64_t step = 0, moves = 0;
    for (auto _ : state) {
        const auto draws = rng.bind(step, random::purpose::transition);
        const double now = static_cast<double>(step) * dt;
        for (std::size_t i = 0; i < n; ++i) {
            const auto out = advance_cell(rules, cell_state[i], time_in_state[i], now, dt, env,
                                          [&](std::uint32_t k) { return draws.uniform(i, k); });
            moves += out.transitions + (out.event ? 1u : 0u);
            // Divisions and deaths restart the cell in its state, and cells that reached a
            // final state (osteocyte, endothelial) restart upstream, so the mix of states
            // (and the cost per cell) stays the same however long the benchmark runs.
            cell_state[i] = out.state >= bone_lineage::index_of<osteocyte> ? i % 3 : out.state;
            time_in_state[i] = out.event ? 0.0 : out.time_in_state;
        }
        ++step;
    }
    // (No DoNotOptimize(moves): benchmark 1.7's "+m,r" constraint miscompiles it with g++ 12
    // at -O3, and the counter already keeps the work alive.)
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
    state.counters["moves/s"] = benchmark::Counter(static_cast<double>(moves), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_advance_cell_typical)->Arg(1 << 14);

// A context whose signal and time in state vary per evaluation, so nothing is hoisted.
struct varying_env {
    double c;
    template <class Signal>
    [[nodiscard]] concentration signal() const noexcept { return concentration::from_value(c); }
};

void BM_hazard_hill(benchmark::State& state) {
    const auto p = hill<bmp2>(5.0_nM, 2.0, 0.5_per_d);
    constexpr std::size_t n = 4096;
    std::vector<varying_env> envs(n);
    for (std::size_t i = 0; i < n; ++i) envs[i].c = 0.01 * static_cast<double>(i);
    for (auto _ : state) {
        double sum = 0.0;
        for (const auto& e : envs) sum += p.hazard(cell_context<varying_env>(e, 0.0, 0.0)).value();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_hazard_hill);

void BM_hazard_after_and_hazard(benchmark::State& state) {
    const auto p = after(2.0_d) && hazard(0.15_per_d);
    constexpr std::size_t n = 4096;
    std::vector<double> ages(n);
    for (std::size_t i = 0; i < n; ++i) ages[i] = 0.001 * static_cast<double>(i);
    const varying_env env{0.0};
    for (auto _ : state) {
        double sum = 0.0;
        for (double t : ages) {
            const cell_context<varying_env> ctx(env, t, 0.0);
            sum += p.hazard(ctx).value() + p.next_change(ctx).value();
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_hazard_after_and_hazard);

}  // namespace

BENCHMARK_MAIN();
