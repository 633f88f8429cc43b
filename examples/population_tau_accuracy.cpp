// Accuracy of tau-leaping against exact results, as docs/population.md reports it: the mean
// and variance of (1) a linear birth-death population of 10^5 cells after 3 days and (2) the
// stationary immigration-death population of 10^6 cells (Poisson), over 2000 runs each, for
// three values of epsilon; with the number of random draws per run (leaps x channels) against
// the number of events an exact simulation would draw one by one.
#include <ossify/ossify.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {
using one = lineage<osteogenic>;
struct result {
    double mean = 0.0, variance = 0.0, events = 0.0;
};
template <class Model>
result sample(const Model& model, double n0, duration until, double epsilon, int runs) {
    std::vector<double> x;
    result r;
    for (int run = 0; run < runs; ++run) {
        population_model pop{model, initial_counts<osteogenic>(n0),
                             tau_leap{seed{2024}, static_cast<std::uint64_t>(run), epsilon}};
        pop.step(until);
        x.push_back(pop.cell_count());
        r.events += static_cast<double>(pop.events()) / runs;
    }
    for (double v : x) r.mean += v / runs;
    for (double v : x) r.variance += (v - r.mean) * (v - r.mean) / (runs - 1);
    return r;
}
}  // namespace

int main() {
    constexpr int runs = 2000;
    const auto birth_death = rule_set<one>(proliferation<osteogenic>(hazard(0.6_per_d)), death<osteogenic>(hazard(0.2_per_d)));
    const auto immigration = population<one>(influx<osteogenic>(1.0e6_per_d), death<osteogenic>(hazard(1.0_per_d)));
    const double g = std::exp(0.4 * 3.0);
    const double bd_mean = 1e5 * g, bd_var = 1e5 * 2.0 * g * (g - 1.0);
    std::printf("tau-leaping, %d runs each; deviations from the exact value, relative, +- one standard deviation of the estimate\n", runs);
    std::printf(" epsilon  birth-death: mean dev.         variance dev.      | immigration-death: mean dev.       variance dev.\n");
    for (const double eps : {0.1, 0.03, 0.01}) {
        const auto a = sample(birth_death, 1e5, 3.0_d, eps, runs);
        const auto b = sample(immigration, 1e6, 10.0_d, eps, runs);
        const double se_a = std::sqrt(bd_var / runs) / bd_mean, se_b = std::sqrt(1e6 / runs) / 1e6;
        const double sv = std::sqrt(2.0 / (runs - 1));
        std::printf(" %5.2f    %+.5f +- %.5f   %+.3f +- %.3f    |   %+.6f +- %.6f   %+.3f +- %.3f   (%.0f and %.0f events per run)\n",
                    eps, a.mean / bd_mean - 1.0, se_a, a.variance / bd_var - 1.0, sv, b.mean / 1e6 - 1.0, se_b,
                    b.variance / 1e6 - 1.0, sv, a.events, b.events);
    }
}
