// Numerical convergence of the calvaria ([slow]): halving the time step, and refining the map,
// move the reported outputs by less than the spread between individuals of the virtual
// population (the tolerance is that spread, a statistic of the model's own replicates). The
// runs stop at 30 gestational weeks at 1 mm spacing to fit the test budget; docs/scenarios/
// calvaria.md reports the full runs (to 2 years, 0.5 mm).
#include <ossify/scenario/calvaria.hpp>
#include <ossify/scenario/calvaria/population.hpp>

#include <cmath>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::vault;

namespace {
constexpr int individuals = 3;

// Outputs of individual k at the given dt and spacing, run to 30 gestational weeks.
std::vector<double> outputs(int k, double dt, double spacing) {
    calvaria::parameters p;
    draw_individual(p, seed{11}, static_cast<std::uint64_t>(k));
    scenario_options o;
    o.seed = seed{100 + static_cast<std::uint64_t>(k)};
    o.dt = duration::from_value(dt);
    o.spacing = length::from_value(spacing);
    o.until = duration::from_value(30.0 * 7.0 - p.anatomy.start.get().value() + 0.01);
    const auto [r, rec] = calvaria::run_recorded(o, p);
    const auto* s25 = snapshot_at(rec, 25.0, true);
    const auto* s30 = snapshot_at(rec, 30.0, true);
    REQUIRE(rec.first_centre.has_value());
    REQUIRE(s25 != nullptr);
    REQUIRE(s30 != nullptr);
    return {*rec.first_centre, s25->bones[2].projected_mm2, s30->bones[2].projected_mm2, s30->bones[0].projected_mm2,
            s30->bones[8].projected_mm2, s30->gaps[0].area_mm2};
}

// For each output: |mean(a) - mean(b)| against the between-individual SD of b.
void check_within_spread(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
    const char* names[] = {"first centre (d)", "parietal area 25 wk", "parietal area 30 wk", "frontal area 30 wk",
                           "interparietal area 30 wk", "anterior fontanelle 30 wk"};
    for (std::size_t q = 0; q < a.front().size(); ++q) {
        double ma = 0.0, mb = 0.0, ss = 0.0;
        for (int k = 0; k < individuals; ++k) ma += a[static_cast<std::size_t>(k)][q], mb += b[static_cast<std::size_t>(k)][q];
        ma /= individuals, mb /= individuals;
        for (int k = 0; k < individuals; ++k) ss += (b[static_cast<std::size_t>(k)][q] - mb) * (b[static_cast<std::size_t>(k)][q] - mb);
        const double sd = std::sqrt(ss / (individuals - 1));
        INFO(names[q] << ": " << ma << " vs " << mb << ", spread (SD) " << sd);
        CHECK(std::abs(ma - mb) <= sd);
    }
}
}  // namespace

TEST_CASE("calvaria convergence: halving dt moves the outputs less than the spread between individuals",
          "[scenario][calvaria][slow]") {
    std::vector<std::vector<double>> coarse, fine;
    const double dt = calvaria::defaults().dt.value();
    for (int k = 0; k < individuals; ++k) {
        coarse.push_back(outputs(k, dt, 1000.0));
        fine.push_back(outputs(k, 0.5 * dt, 1000.0));
    }
    check_within_spread(coarse, fine);
}

TEST_CASE("calvaria convergence: a finer map moves the fetal outputs less than the spread between individuals",
          "[scenario][calvaria][slow]") {
    std::vector<std::vector<double>> coarse, fine;
    const double dt = calvaria::defaults().dt.value();
    for (int k = 0; k < individuals; ++k) {
        coarse.push_back(outputs(k, dt, 1000.0));
        fine.push_back(outputs(k, dt, 700.0));
    }
    check_within_spread(coarse, fine);
}
