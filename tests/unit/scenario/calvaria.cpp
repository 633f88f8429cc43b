// The calvaria's parts, each against what it is built from: the head-growth curves (INTERGROWTH-21st,
// Liu 2023), the vault map (a spherical cap, conformal), distances and measurements on known shapes,
// fontanelles and sutures found in drawn pictures, the eikonal front, resolution rules, the
// population draws. Fast; the full runs are in calvaria_run.cpp ([slow]).
#include <ossify/scenario/calvaria.hpp>
#include <ossify/scenario/calvaria/population.hpp>

#include <cmath>
#include <numbers>
#include <string>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::vault;

TEST_CASE("calvaria growth: INTERGROWTH-21st fetal head circumference (Papageorghiou 2014)", "[scenario][calvaria]") {
    // BIOLOGY.md computed values: 98, 173, 278, 334 mm at 14, 20, 30, 40 weeks.
    CHECK(intergrowth_hc_median_mm(14.0) == Approx(98.0).margin(1.0));
    CHECK(intergrowth_hc_median_mm(20.0) == Approx(173.0).margin(1.0));
    CHECK(intergrowth_hc_median_mm(30.0) == Approx(278.0).margin(1.0));
    CHECK(intergrowth_hc_median_mm(40.0) == Approx(334.0).margin(1.0));
    for (double w = 9.0; w < 40.0; w += 1.0) CHECK(intergrowth_hc_sd_mm(w + 1.0) > intergrowth_hc_sd_mm(w));
    const head_growth median, big{2.0};
    CHECK(median.birth_mm() == Approx(intergrowth_hc_median_mm(40.0)));
    CHECK(big.birth_mm() == Approx(intergrowth_hc_median_mm(40.0) + 2.0 * intergrowth_hc_sd_mm(40.0)));
    CHECK_THROWS_AS(head_growth{5.0}, invalid_parameter);
    CHECK_THROWS_AS(median.hc_mm(duration::from_value(30.0)), invalid_parameter);
}

TEST_CASE("calvaria growth: intracranial volume after birth (Liu 2023) drives the vault", "[scenario][calvaria]") {
    CHECK(liu_icv_ml(0.0) == Approx(378.0));
    CHECK(liu_icv_ml(6.0) == Approx(761.0));
    CHECK(liu_icv_ml(12.0) == Approx(914.0));
    CHECK(liu_icv_ml(24.0) == Approx(1072.0));
    for (double m = 0.0; m < 60.0; m += 0.5) CHECK(liu_icv_ml(m + 0.5) > liu_icv_ml(m));
    const head_growth g;
    const auto at = [&](double months) { return g.hc_mm(duration::from_value(280.0 + months * development::days_per_month)); };
    CHECK(at(12.0) / at(0.0) == Approx(std::cbrt(914.0 / 378.0)));
    // The vault's circumference stays 1-4 % under the WHO tape medians, which go over scalp and
    // hair: at birth the two standards differ by 3.2 % (334 vs 345 mm).
    for (const auto& w : who_hc_medians) {
        INFO(w.months);
        CHECK(at(w.months) / (10.0 * w.boys_cm) > 0.96);
        CHECK(at(w.months) / (10.0 * w.boys_cm) < 0.99);
    }
    // The strain rate falls through gestation, jumps at birth (the two curves join) and falls again.
    double prev = 1.0;
    for (double w = 10.0; w < 40.0; w += 2.0) {
        const double e = g.strain_rate(duration::from_value(7.0 * w));
        CHECK(e > 0.0);
        CHECK(e < prev);
        prev = e;
    }
    CHECK(g.strain_rate(duration::from_value(280.0 + 365.0)) < g.strain_rate(duration::from_value(281.0)));
}

TEST_CASE("calvaria map: a conformal spherical cap; areas and distances are true ones", "[scenario][calvaria]") {
    const double rim = 90.0;
    const vault_map map(400, vault_map::ny_for(400, rim, rim), rim, rim);
    const double rho = 50000.0;
    double area = 0.0;
    std::size_t vertex = 0;
    for (std::size_t i = 0; i < map.size(); ++i) {
        if (map.inside(i)) area += map.area_mm2(i, rho);
        if (map.theta(i) < map.theta(vertex)) vertex = i;
    }
    // A hemisphere: 2 pi rho^2.
    CHECK(area == Approx(2.0 * std::numbers::pi * 50.0 * 50.0).epsilon(0.01));
    CHECK(map.scale(vertex) == Approx(1.0).margin(1e-4));
    // Geodesic distance from the vertex: rho * theta (Dijkstra on the 8-neighbour lattice).
    std::vector<std::uint8_t> src(map.size(), 0);
    src[vertex] = 1;
    std::vector<double> d;
    vault_distances(map, rho, src, d);
    for (std::size_t i = 0; i < map.size(); i += 97) {
        if (!map.inside(i) || map.theta(i) < 0.2) continue;
        const double geo = rho * map.theta(i);
        // Octile paths overshoot by at most sqrt(4 - 2 sqrt 2) = 1.0824; the source site sits up to
        // one site from the vertex.
        const double site = map.side_um(vertex, rho);
        CHECK(d[i] >= geo * 0.99 - site);
        CHECK(d[i] <= geo * 1.0824 + site);
    }
    // Each lobe's bone is the nearest bone to its own lobe.
    for (std::size_t k = 0; k < vault_bones.size(); ++k) {
        const double deg = std::numbers::pi / 180.0;
        CHECK(reported_bone(nearest_bone(vault_bones[k].theta_deg * deg, vault_bones[k].phi_deg * deg)) == reported_bone(k));
    }
}

TEST_CASE("calvaria map: a grid that does not fit the anatomy is refused", "[scenario][calvaria]") {
    CHECK_THROWS_AS(vault_map(300, 300, 95.0, 110.0), invalid_parameter);
    try {
        (void)vault_map(300, 100, 95.0, 110.0);
        FAIL("no throw");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "grid");
    }
    const anatomy_parameters a;
    scenario_options o;
    o.spacing = length::from_value(1000.0);
    const auto r = resolve_vault_grid(o, a, 500.0);
    // The spacing asked for, to the rounding of nx; the map's aspect; the default spacing halves it.
    CHECK(std::abs(r.spacing_um - 1000.0) <= 1000.0 / r.nx);
    CHECK(r.ny == vault_map::ny_for(r.nx, a.rim_ap, a.rim_lateral));
    CHECK(std::abs(resolve_vault_grid(scenario_options{}, a, 500.0).nx - 2 * r.nx) <= 1);
    o.grid = std::vector<std::int32_t>{r.nx, r.ny};  // the same grid with its own spacing: accepted
    CHECK(resolve_vault_grid(o, a, 500.0).spacing_um == Approx(r.spacing_um));
    o.spacing = length::from_value(700.0);  // a grid and another spacing: refused
    CHECK_THROWS_AS(resolve_vault_grid(o, a, 500.0), invalid_parameter);
    o = scenario_options{};
    o.grid = std::vector<std::int32_t>{r.nx, 100};
    CHECK_THROWS_AS(resolve_vault_grid(o, a, 500.0), invalid_parameter);
    o.grid = std::vector<std::int32_t>{40, 30, 20};
    CHECK_THROWS_AS(resolve_vault_grid(o, a, 500.0), invalid_parameter);
}

namespace {
// Four bones around a disc of radius `hole` mm at the vertex, with gaps of `gap` degrees of
// azimuth between them along the midlines (|phi| = 0, 90, 180 degrees).
vault_picture quadrants(const vault_map& map, double rho_um, double hole_mm, double gap_deg) {
    vault_picture p;
    p.radius_um = rho_um;
    p.bone.assign(map.size(), static_cast<std::uint8_t>(bone_count));
    p.thickness.assign(map.size(), 1000.0f);
    for (std::size_t i = 0; i < map.size(); ++i) {
        if (!map.inside(i) || map.theta(i) * rho_um * 1e-3 < hole_mm) continue;
        const double ph = map.phi(i) * 180.0 / std::numbers::pi;
        if (std::abs(ph) < gap_deg || std::abs(std::abs(ph) - 90.0) < gap_deg || std::abs(ph) > 180.0 - gap_deg) continue;
        p.bone[i] = static_cast<std::uint8_t>(ph > 0 ? (ph < 90 ? 1 : 3) : (ph > -90 ? 0 : 2));
    }
    return p;
}
}  // namespace

TEST_CASE("calvaria measurements: bone areas, chords and thickness of a drawn vault", "[scenario][calvaria]") {
    const vault_map map(400, vault_map::ny_for(400, 95.0, 110.0), 95.0, 110.0);
    const auto p = quadrants(map, 50000.0, 0.0, 0.0);
    const auto b = measure_bones(p, map);
    double total = 0.0;
    for (std::size_t k = 0; k < 4; ++k) {
        REQUIRE(b[k].present);
        total += b[k].area_mm2;
        CHECK(b[k].thickness_mm == Approx(1.0));
        CHECK(b[k].projected_mm2 < b[k].area_mm2);  // curved plates project smaller
        CHECK(b[k].sagittal_mm > 0.0);
        CHECK(b[k].coronal_mm <= 2.0 * 50.0 + 1e-9);  // a chord of the sphere
    }
    double cap = 0.0;
    for (std::size_t i = 0; i < map.size(); ++i) cap += map.inside(i) ? map.area_mm2(i, 50000.0) : 0.0;
    CHECK(total == Approx(cap));
    CHECK_FALSE(b[4].present);
    // A circle's diameter.
    std::vector<std::array<double, 2>> circle;
    for (int k = 0; k < 360; ++k) circle.push_back({3.0 * std::cos(k * 0.01745), 3.0 * std::sin(k * 0.01745)});
    CHECK(diameter_2d(circle) == Approx(6.0).epsilon(1e-3));
}

TEST_CASE("calvaria measurements: fontanelles and sutures are found where bones leave membrane", "[scenario][calvaria]") {
    const double rho = 53000.0;
    const vault_map map(500, vault_map::ny_for(500, 95.0, 110.0), 95.0, 110.0);
    const auto g = measure_gaps(quadrants(map, rho, 12.0, 2.0), map, 5000.0, 0.9);
    // The hole at the vertex, bordered by both frontals and both parietals: the anterior fontanelle.
    REQUIRE(g[0].open);
    const double disc = 2.0 * std::numbers::pi * 53.0 * 53.0 * (1.0 - std::cos(12.0 / 53.0));
    CHECK(g[0].area_mm2 > 0.8 * disc);
    CHECK(g[0].area_mm2 < 1.25 * disc);
    CHECK(g[0].width_mm == Approx(2.0 * 53.0 * std::sin(12.0 / 53.0)).epsilon(0.1));
    for (std::size_t f = 1; f < fontanelle_count; ++f) CHECK_FALSE(g[f].open);
    // Sutures: gaps of 4 degrees of azimuth, wider with the distance from the vertex.
    for (std::size_t s = fontanelle_count; s < fontanelle_count + 4; ++s) {
        INFO(vault_gap_list[s].name);
        CHECK(g[s].open);
        CHECK(g[s].closed_share < 0.1);
        CHECK(g[s].width_mm > 1.0);
        CHECK(g[s].width_mm < 4.0 * 53.0 * 0.0175 * 1.2);
    }
    // Without gaps the sutures are closed and no fontanelle is left.
    const auto closed = measure_gaps(quadrants(map, rho, 0.0, 0.0), map, 5000.0, 0.9);
    CHECK_FALSE(closed[0].open);
    CHECK(closed[6].closed_share > 0.9);
    CHECK_FALSE(closed[6].open);
    CHECK(classify_fontanelle({false, false, true, true, false, false, false, false, true}) == 1);
    CHECK(classify_fontanelle({true, false, true, false, true, false, false, false, false}) == 2);
    CHECK(classify_fontanelle({false, false, false, true, false, true, false, false, true}) == 5);
}

TEST_CASE("calvaria fronts: the eikonal arrival is exact for straight fronts and isotropic to a few per cent",
          "[scenario][calvaria]") {
    CHECK(eikonal_arrival(2.0, 1e30, 0.5) == Approx(2.5));
    CHECK(eikonal_arrival(1e30, 2.0, 0.5) == Approx(2.5));
    // A front at 45 degrees: neighbours on both axes arrived together; the site is h/sqrt(2)
    // further along the normal: tau / sqrt(2) later.
    CHECK(eikonal_arrival(2.0, 2.0, 0.5) == Approx(2.0 + 0.5 / std::sqrt(2.0)));
    CHECK(eikonal_arrival(2.0, 2.4, 0.5) > 2.4);
}

TEST_CASE("calvaria population: individuals are reproducible draws from the documented distributions",
          "[scenario][calvaria]") {
    calvaria_parameters a, b;
    draw_individual(a, seed{5}, 17);
    draw_individual(b, seed{5}, 17);
    CHECK(a.individual.hc_z.get() == b.individual.hc_z.get());
    CHECK(a.individual.front_factor.get() == b.individual.front_factor.get());
    const int n = 4000;
    double s1 = 0.0, s2 = 0.0, l1 = 0.0, l2 = 0.0;
    for (int k = 0; k < n; ++k) {
        draw_individual(a, seed{9}, static_cast<std::uint64_t>(k));
        s1 += a.individual.hc_z, s2 += a.individual.hc_z * a.individual.hc_z;
        const double l = std::log(a.individual.front_factor);
        l1 += l, l2 += l * l;
    }
    // Means within 4 standard errors (1/sqrt(4000) = 0.016), SDs within 4 SE of an SD (0.011).
    CHECK(std::abs(s1 / n) < 4.0 * 1.0 / std::sqrt(n));
    CHECK(std::sqrt(s2 / n - (s1 / n) * (s1 / n)) == Approx(1.0).margin(4.0 * 1.0 / std::sqrt(2.0 * n)));
    CHECK(std::sqrt(l2 / n - (l1 / n) * (l1 / n)) == Approx(0.2).margin(4.0 * 0.2 / std::sqrt(2.0 * n)));
}

TEST_CASE("calvaria population: closure fractions by month from an ensemble", "[scenario][calvaria]") {
    std::vector<scenario_result> reps(4);
    const double birth = 217.0;
    const double closes[4] = {2.5, 10.0, 17.0, -1.0};
    for (int k = 0; k < 4; ++k) {
        std::optional<duration> t;
        if (closes[k] >= 0.0) t = duration::from_value(birth + closes[k] * development::days_per_month);
        reps[static_cast<std::size_t>(k)].events.push_back({"anterior fontanelle closed", "", t});
    }
    const auto table = closure_fractions(aggregate(reps), birth);
    REQUIRE(table.months.size() == 25);
    CHECK(table.closed[0][2] == 0.0);
    CHECK(table.closed[0][3] == 0.25);
    CHECK(table.closed[0][12] == 0.5);
    CHECK(table.closed[0][24] == 0.75);
}

TEST_CASE("calvaria scenario: the shape of a scenario, and bad options refused before any work", "[scenario][calvaria]") {
    static_assert(scenario<calvaria>);
    const auto d = calvaria::defaults();
    REQUIRE(d.grid.size() == 2);
    CHECK(d.until.value() == Approx(217.0 + 24.0 * development::days_per_month));
    CHECK(list_parameters(*std::make_unique<calvaria::parameters>()).size() > 30);
    scenario_options o;
    o.dt = duration::from_value(0.0);
    CHECK_THROWS_AS(calvaria::run(o, calvaria::parameters{}), invalid_parameter);
    o = scenario_options{};
    o.grid = std::vector<std::int32_t>{200, 200};
    try {
        (void)calvaria::run(o, calvaria::parameters{});
        FAIL("no throw");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "grid");
    }
}
