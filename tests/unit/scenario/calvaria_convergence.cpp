// Numerical convergence of the calvaria ([slow]): halving the time step, and refining the map
// from the default 1 mm to 0.7 mm, move the reported outputs, before and after birth, by less
// than the spread between individuals of the virtual population (the tolerance is that spread,
// the SD of the model's own individuals; an event time also gets the one step within which it is
// seen). Individuals k = 0..3 (seed 11), run from 9 gestational weeks to 24 months after birth on
// two threads; docs/scenarios/calvaria.md reports the numbers.
#include <ossify/scenario/calvaria.hpp>
#include <ossify/scenario/calvaria/population.hpp>
#include <ossify/scenario/ensemble.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::vault;

namespace {
constexpr int individuals = 4;
constexpr double until_months = 24.0;

// The outputs compared, in the order outputs() returns them; the first is an event time.
const std::vector<std::string> output_names{
    "first centre (d)",           "parietal area 15 wk (mm2)",       "parietal area 20 wk (mm2)",
    "frontal area 20 wk (mm2)",   "interparietal area 20 wk (mm2)",  "anterior fontanelle 20 wk (mm2)",
    "anterior fontanelle at birth (mm2)", "posterior fontanelle at birth (mm2)", "anterior fontanelle 6 mo (mm2)",
    "anterior fontanelle 12 mo (mm2)",    "anterior fontanelle 24 mo (mm2)",     "sagittal suture width 12 mo (mm)",
    "parietal thickness 12 mo (mm)",      "parietal thickness 24 mo (mm)"};

// Outputs of individual k at the given dt and spacing (um), run to 24 months after birth.
std::vector<double> outputs(int k, double dt, double spacing) {
    calvaria::parameters p;
    draw_individual(p, seed{11}, static_cast<std::uint64_t>(k));
    scenario_options o;
    o.seed = seed{100 + static_cast<std::uint64_t>(k)};
    o.dt = duration::from_value(dt);
    o.spacing = length::from_value(spacing);
    o.until = duration::from_value(calvaria::birth_time(p) + until_months * development::days_per_month + 0.01);
    const auto [r, rec] = calvaria::run_recorded(o, p);
    const auto* w15 = snapshot_at(rec, 15.0, true);
    const auto* w20 = snapshot_at(rec, 20.0, true);
    const auto* m0 = snapshot_at(rec, 0.0, false);
    const auto* m6 = snapshot_at(rec, 6.0, false);
    const auto* m12 = snapshot_at(rec, 12.0, false);
    const auto* m24 = snapshot_at(rec, 24.0, false);
    if (!rec.first_centre || !w15 || !w20 || !m0 || !m6 || !m12 || !m24) return {};
    return {*rec.first_centre,         w15->bones[2].projected_mm2, w20->bones[2].projected_mm2,
            w20->bones[0].projected_mm2, w20->bones[8].projected_mm2, w20->gaps[0].area_mm2,
            m0->gaps[0].area_mm2,      m0->gaps[1].area_mm2,        m6->gaps[0].area_mm2,
            m12->gaps[0].area_mm2,     m24->gaps[0].area_mm2,       m12->gaps[7].width_mm,
            m12->bones[2].thickness_mm, m24->bones[2].thickness_mm};
}

// The outputs of every individual at (dt, spacing), computed once per executable, in two threads.
const std::vector<std::vector<double>>& outputs_of(double dt, double spacing) {
    static std::map<std::pair<double, double>, std::vector<std::vector<double>>> cache;
    const auto key = std::pair{dt, spacing};
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    std::vector<std::vector<double>> out(individuals);
    run_indexed(individuals, std::max(1u, std::min(2u, std::thread::hardware_concurrency())),
                [&](std::size_t k) { out[k] = outputs(static_cast<int>(k), dt, spacing); });
    for (const auto& o : out) REQUIRE(o.size() == output_names.size());
    return cache.emplace(key, std::move(out)).first->second;
}

// For each output: |mean(a) - mean(b)| against the between-individual SD of b. The first output
// is an event time, seen at the end of the step in which it happens: it is known to one step
// (`resolution`, the coarser run's dt), which is added to its tolerance.
void check_within_spread(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b,
                         double resolution) {
    for (std::size_t q = 0; q < output_names.size(); ++q) {
        double ma = 0.0, mb = 0.0, ss = 0.0;
        for (int k = 0; k < individuals; ++k) ma += a[static_cast<std::size_t>(k)][q], mb += b[static_cast<std::size_t>(k)][q];
        ma /= individuals, mb /= individuals;
        for (int k = 0; k < individuals; ++k) ss += (b[static_cast<std::size_t>(k)][q] - mb) * (b[static_cast<std::size_t>(k)][q] - mb);
        const double sd = std::sqrt(ss / (individuals - 1));
        INFO(output_names[q] << ": " << ma << " vs " << mb << ", spread (SD) " << sd);
        CHECK(std::abs(ma - mb) <= sd + (q == 0 ? resolution : 0.0));
    }
}
}  // namespace

TEST_CASE("calvaria convergence: halving dt moves the outputs less than the spread between individuals",
          "[scenario][calvaria][slow]") {
    const auto d = calvaria::defaults();
    const double dt = d.dt.value(), h = d.spacing.value();
    check_within_spread(outputs_of(dt, h), outputs_of(0.5 * dt, h), dt);
}

TEST_CASE("calvaria convergence: a finer map moves the outputs less than the spread between individuals",
          "[scenario][calvaria][slow]") {
    const auto d = calvaria::defaults();
    const double dt = d.dt.value(), h = d.spacing.value();
    check_within_spread(outputs_of(dt, h), outputs_of(dt, 0.7 * h), dt);
}
