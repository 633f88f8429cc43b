// Numerical convergence of the calvaria ([slow]): halving the time step, and refining the map
// from 1 mm to 0.7 mm, move the reported outputs by less than the spread between individuals of
// the virtual population (the tolerance is that spread, the SD of the model's own individuals;
// an event time also gets the one step within which it is seen). Individuals k = 0..3 (seed 11),
// run to 20 gestational weeks on two threads to fit the test budget; docs/scenarios/calvaria.md
// reports the numbers.
#include <ossify/scenario/calvaria.hpp>
#include <ossify/scenario/calvaria/population.hpp>
#include <ossify/scenario/ensemble.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::vault;

namespace {
constexpr int individuals = 4;
constexpr double until_weeks = 20.0;

// Outputs of individual k at the given dt and spacing, run to 20 gestational weeks.
std::vector<double> outputs(int k, double dt, double spacing) {
    calvaria::parameters p;
    draw_individual(p, seed{11}, static_cast<std::uint64_t>(k));
    scenario_options o;
    o.seed = seed{100 + static_cast<std::uint64_t>(k)};
    o.dt = duration::from_value(dt);
    o.spacing = length::from_value(spacing);
    o.until = duration::from_value(until_weeks * 7.0 - p.anatomy.start.get().value() + 0.01);
    const auto [r, rec] = calvaria::run_recorded(o, p);
    const auto* s15 = snapshot_at(rec, 15.0, true);
    const auto* s20 = snapshot_at(rec, until_weeks, true);
    if (!rec.first_centre || s15 == nullptr || s20 == nullptr) return {};
    return {*rec.first_centre, s15->bones[2].projected_mm2, s20->bones[2].projected_mm2, s20->bones[0].projected_mm2,
            s20->bones[8].projected_mm2, s20->gaps[0].area_mm2};
}

// The outputs of every individual at (dt, spacing), computed once per executable, in two threads.
const std::vector<std::vector<double>>& outputs_of(double dt, double spacing) {
    static std::map<std::pair<double, double>, std::vector<std::vector<double>>> cache;
    const auto key = std::pair{dt, spacing};
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    std::vector<std::vector<double>> out(individuals);
    run_indexed(individuals, std::max(1u, std::min(2u, std::thread::hardware_concurrency())),
                [&](std::size_t k) { out[k] = outputs(static_cast<int>(k), dt, spacing); });
    for (const auto& o : out) REQUIRE(o.size() == 6);
    return cache.emplace(key, std::move(out)).first->second;
}

// For each output: |mean(a) - mean(b)| against the between-individual SD of b. The first output
// is an event time, seen at the end of the step in which it happens: it is known to one step
// (`resolution`, the coarser run's dt), which is added to its tolerance.
void check_within_spread(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b,
                         double resolution) {
    const char* names[] = {"first centre (d)", "parietal area 15 wk", "parietal area 20 wk", "frontal area 20 wk",
                           "interparietal area 20 wk", "anterior fontanelle 20 wk"};
    for (std::size_t q = 0; q < a.front().size(); ++q) {
        double ma = 0.0, mb = 0.0, ss = 0.0;
        for (int k = 0; k < individuals; ++k) ma += a[static_cast<std::size_t>(k)][q], mb += b[static_cast<std::size_t>(k)][q];
        ma /= individuals, mb /= individuals;
        for (int k = 0; k < individuals; ++k) ss += (b[static_cast<std::size_t>(k)][q] - mb) * (b[static_cast<std::size_t>(k)][q] - mb);
        const double sd = std::sqrt(ss / (individuals - 1));
        INFO(names[q] << ": " << ma << " vs " << mb << ", spread (SD) " << sd);
        CHECK(std::abs(ma - mb) <= sd + (q == 0 ? resolution : 0.0));
    }
}
}  // namespace

TEST_CASE("calvaria convergence: halving dt moves the outputs less than the spread between individuals",
          "[scenario][calvaria][slow]") {
    const double dt = calvaria::defaults().dt.value();
    check_within_spread(outputs_of(dt, 1000.0), outputs_of(0.5 * dt, 1000.0), dt);
}

TEST_CASE("calvaria convergence: a finer map moves the fetal outputs less than the spread between individuals",
          "[scenario][calvaria][slow]") {
    const double dt = calvaria::defaults().dt.value();
    check_within_spread(outputs_of(dt, 1000.0), outputs_of(dt, 700.0), dt);
}
