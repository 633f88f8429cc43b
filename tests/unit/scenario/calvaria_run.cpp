// Runs of the calvaria model ([slow]: the Release CI build runs them). Each check is a published
// value or an order the model is claimed to reproduce (docs/biology/calvaria.md lists what it
// does not). The runs use the default 1 mm map spacing and stop early, so they
// check what is robust at that resolution: centres, onsets, fetal growth, the fontanelles' order.
#include <ossify/scenario/calvaria.hpp>

#include <cmath>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::vault;

namespace {
// One individual (seed 42) to 3 months after birth at 1 mm spacing.
const std::pair<scenario_result, calvaria_record>& shared_run() {
    static const auto r = [] {
        scenario_options o;
        o.spacing = length::from_value(1000.0);
        o.until = duration::from_value(calvaria::birth_time(calvaria::parameters{}) + 3.0 * development::days_per_month);
        return calvaria::run_recorded(o, calvaria::parameters{});
    }();
    return r;
}
}  // namespace

TEST_CASE("calvaria run: ten centres, one per lobe, pattern themselves by 8 weeks after fertilisation "
          "(O'Rahilly & Gardner 1972)", "[scenario][calvaria][slow]") {
    const auto& [r, rec] = shared_run();
    CHECK(rec.centres == vault_bones.size());
    REQUIRE(rec.first_centre.has_value());
    const double pf = (calvaria::parameters{}.anatomy.start.get().value() + *rec.first_centre) / 7.0 - 2.0;
    CHECK(pf >= 7.0);
    CHECK(pf <= 8.5);
    for (std::size_t b = 0; b < bone_count; ++b) {
        INFO(bone_name(b));
        REQUIRE(rec.onset[b].has_value());
        CHECK(*rec.onset[b] < rec.birth);
    }
    CHECK(r.seed == seed{42});
}

TEST_CASE("calvaria run: the parietal grows as on fetal CT at 20 weeks (Grzonkowska et al. 2023)", "[scenario][calvaria][slow]") {
    const auto& [r, rec] = shared_run();
    const auto* s = snapshot_at(rec, 20.0, true);
    REQUIRE(s != nullptr);
    const auto& p = s->bones[2];
    // Published regressions at 20 weeks with 2 x their printed residuals where usable; the
    // projected area (no usable residual) within 25 % (docs/biology/calvaria.md: the model's value at 1 mm).
    CHECK(p.sagittal_mm == Approx(fetal_regressions[0].at(20.0)).margin(2.0 * fetal_regressions[0].residual + 2.0));
    CHECK(p.projected_mm2 == Approx(fetal_regressions[2].at(20.0)).epsilon(0.25));
    // Bones grow every week, and more than the head.
    const auto* later = snapshot_at(rec, 30.0, true);
    REQUIRE(later != nullptr);
    for (std::size_t b = 0; b < bone_count; ++b) {
        INFO(bone_name(b));
        CHECK(later->bones[b].area_mm2 > s->bones[b].area_mm2 * 2.0);
    }
}

TEST_CASE("calvaria run: at birth the anterior fontanelle is the largest gap, wider than every suture",
          "[scenario][calvaria][slow]") {
    const auto& [r, rec] = shared_run();
    const auto* s = snapshot_at(rec, 0.0, false);
    REQUIRE(s != nullptr);
    REQUIRE(s->gaps[0].open);
    for (std::size_t g = 1; g < vault_gap_list.size(); ++g) CHECK(s->gaps[g].area_mm2 < s->gaps[0].area_mm2);
    // Sutures between the parietals and between frontal and parietal are open (membrane left
    // where the fronts stopped: the suture inhibitor).
    CHECK(s->gaps[7].closed_share < 0.5);
    CHECK(s->gaps[8].closed_share < 0.5);
    // The vault's head circumference is INTERGROWTH-21st's at 40 weeks, to the growth of one
    // step (the vault's size is updated at the start of each step).
    const double step_weeks = calvaria::defaults().dt.value() / 7.0;
    CHECK(std::abs(s->hc_mm - intergrowth_hc_median_mm(40.0)) <=
          intergrowth_hc_median_mm(40.0) - intergrowth_hc_median_mm(40.0 - step_weeks));
    // Bone is thicker than its first woven plate and under 2 mm (fetal apposition, Bone 1991).
    CHECK(s->bones[2].thickness_mm > 0.5);
    CHECK(s->bones[2].thickness_mm < 2.0);
}

TEST_CASE("calvaria run: the anterior fontanelle shrinks after birth while the sagittal and coronal sutures stay open",
          "[scenario][calvaria][slow]") {
    const auto& [r, rec] = shared_run();
    const auto* birth = snapshot_at(rec, 0.0, false);
    const auto* three = snapshot_at(rec, 3.0, false);
    REQUIRE(birth != nullptr);
    REQUIRE(three != nullptr);
    CHECK(three->gaps[0].area_mm2 < birth->gaps[0].area_mm2);
    CHECK_FALSE(rec.closed[7].has_value());
    CHECK_FALSE(rec.closed[8].has_value());
    CHECK_FALSE(rec.closed[9].has_value());
    // The table has a row per snapshot and its columns.
    CHECK(r.series.size() == rec.snapshots.size());
    CHECK(r.series_names.size() == r.series.front().size());
}

TEST_CASE("calvaria run: the same seed gives the same vault, bit for bit; another seed another",
          "[scenario][calvaria][slow]") {
    scenario_options o;
    o.spacing = length::from_value(1000.0);
    o.until = duration::from_value(60.0);
    const calvaria::parameters p;
    const auto a = calvaria::run(o, p), b = calvaria::run(o, p);
    REQUIRE(a.series.size() == b.series.size());
    for (std::size_t k = 0; k < a.series.size(); ++k) CHECK(a.series[k] == b.series[k]);
    o.seed = seed{43};
    const auto c = calvaria::run(o, p);
    CHECK(c.series.back() != a.series.back());
}
