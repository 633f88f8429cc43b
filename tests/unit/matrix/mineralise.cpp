// matrix_field: deposit(), mineralise() against the closed form, mixing, bounds, totals.
#include <ossify/matrix.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

TEST_CASE("a single deposit mineralises exactly as the closed form, for any step",
          "[matrix][mineralise]") {
    const auto k = mineralisation_kinetics::woven_bone();
    struct step_case {
        double dt;     // d
        double until;  // d
    };
    // dt = 0.1 h, 1 h, 1 d. The update multiplies the unmineralised residual by e^{-k dt}
    // once per step, so rounding grows by about 2 eps per step: tolerance 4 n eps, floor 1e-12.
    for (const step_case c : {step_case{1.0 / 240.0, 60.0}, step_case{1.0 / 24.0, 400.0},
                              step_case{1.0, 800.0}}) {
        CAPTURE(c.dt);
        matrix_field2d field{grid2d{3, 3, 10.0_um}, k};
        const std::size_t site = 4;
        CHECK(field.deposit(site, 0.8) == 0.8);
        const auto steps = static_cast<long>(std::llround(c.until / c.dt));
        const auto per_day = static_cast<long>(std::llround(1.0 / c.dt));
        double worst = 0.0;
        for (long n = 1; n <= steps; ++n) {
            field.mineralise(duration::from_value(c.dt));
            if (n % per_day != 0 && n != 1) continue;
            const double age = static_cast<double>(n) * c.dt;
            if (std::abs(age - units::internal(k.lag())) < 1e-9) continue;  // the kink itself
            const double expected = k.degree(duration::from_value(age));
            const double got = field.mineral_degree(site);
            if (expected == 0.0) {
                CHECK(got == 0.0);  // lag respected exactly
                CHECK(field.lagged_fraction(site) == 0.8);
                CHECK(field.osteoid_fraction(site) == 0.8);
            } else {
                worst = std::max(worst, std::abs(got - expected) / expected);
            }
            CHECK(field.mineral_fraction(site) == Approx(0.8 * expected).epsilon(1e-9));
        }
        const double tolerance =
            std::max(1e-12, 4.0 * static_cast<double>(steps) * std::numeric_limits<double>::epsilon());
        CHECK(worst <= tolerance);
        CHECK(field.matrix_fraction(site) == 0.8);
        // Neighbours untouched.
        CHECK(field.matrix_fraction(0) == 0.0);
        CHECK(field.mineral_fraction(0) == 0.0);
    }
}

TEST_CASE("the lag ends inside a step: the step is split at that moment", "[matrix][mineralise]") {
    const mineralisation_kinetics k{1.5_d, 2.0_per_d, fraction{0.6}, 0.1_per_d};
    matrix_field2d field{grid2d{2, 1, 5.0_um}, k};
    field.deposit(0, 0.5);
    field.mineralise(1.0_d);
    CHECK(field.mineral_fraction(0) == 0.0);
    CHECK(units::internal(field.lag_remaining(0)) == Approx(0.5).epsilon(1e-15));
    field.mineralise(1.0_d);  // lag runs out half way through
    CHECK(field.lagged_fraction(0) == 0.0);
    CHECK(field.mineral_degree(0) == Approx(static_cast<double>(k.degree(2.0_d))).epsilon(1e-13));
}

TEST_CASE("mineralise(dt1) then mineralise(dt2) equals mineralise(dt1 + dt2), with mixed cohorts",
          "[matrix][mineralise]") {
    const auto k = mineralisation_kinetics::woven_bone();
    const grid2d g{4, 4, 10.0_um};
    matrix_field2d a{g, k};
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0.0, 0.3);
    for (int day = 0; day < 6; ++day) {  // staggered deposits: mixed pools in every site
        for (std::size_t i = 0; i < g.size(); ++i) a.deposit(i, u(rng));
        a.mineralise(0.7_d);
    }
    matrix_field2d b = a;
    a.mineralise(1.3_d);
    b.mineralise(0.25_d);
    b.mineralise(0.05_d);
    b.mineralise(1.0_d);
    for (std::size_t i = 0; i < g.size(); ++i) {
        CHECK(a.matrix_fraction(i) == b.matrix_fraction(i));
        CHECK(a.lagged_fraction(i) == b.lagged_fraction(i));
        CHECK(a.mineral_fraction(i) == Approx(b.mineral_fraction(i)).epsilon(1e-13));
    }
}

TEST_CASE("deposit() caps at a full site and returns what went in", "[matrix][deposit]") {
    matrix_field2d field{grid2d{2, 2, 10.0_um}};
    CHECK(field.deposit(1, 0.7) == 0.7);
    CHECK(field.deposit(1, 0.5) == Approx(0.3).epsilon(1e-15));
    CHECK(field.matrix_fraction(1) == 1.0);
    CHECK(field.is_full(1));
    CHECK(field.deposit(1, 0.2) == 0.0);
    CHECK(field.deposit(1, 0.0) == 0.0);
    CHECK(field.deposit(0, 2.0) == 1.0);  // more than a site: capped
    CHECK(field.matrix_fraction(0) == 1.0);
    CHECK(field.lagged_fraction(0) == 1.0);
    CHECK(field.matrix_fraction(2) == 0.0);
}

TEST_CASE("deposit() and assign() refuse bad input and change nothing", "[matrix][deposit]") {
    matrix_field2d field{grid2d{2, 2, 10.0_um}};
    field.deposit(0, 0.25);
    const auto before = std::vector<double>(field.matrix_fractions().begin(), field.matrix_fractions().end());
    CHECK_THROWS_AS(field.deposit(4, 0.1), invalid_parameter);
    CHECK_THROWS_AS(field.deposit(0, -0.1), invalid_parameter);
    CHECK_THROWS_AS(field.deposit(0, std::numeric_limits<double>::quiet_NaN()), invalid_parameter);
    CHECK_THROWS_AS(field.deposit(0, std::numeric_limits<double>::infinity()), invalid_parameter);
    CHECK_THROWS_AS(field.assign(0, 1.5, 0.5), invalid_parameter);
    CHECK_THROWS_AS(field.assign(0, 0.5, -0.5), invalid_parameter);
    CHECK_THROWS_AS(field.mineralise(-1.0_h), invalid_parameter);
    try {
        field.deposit(9, 0.1);
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "site");
        CHECK(std::string(e.what()).find("[0, 3]") != std::string::npos);
    }
    try {
        field.mineralise(-1.0_h);
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "dt");
    }
    const auto after = std::vector<double>(field.matrix_fractions().begin(), field.matrix_fractions().end());
    CHECK(before == after);
    CHECK(field.lagged_fraction(0) == 0.25);
}

TEST_CASE("mixing: new osteoid averages the lag of the lagged pool and dilutes, never undoes, mineral",
          "[matrix][mineralise]") {
    const mineralisation_kinetics k{2.0_d, 1.0_per_d, fraction{0.7}, 0.01_per_d};
    matrix_field2d field{grid2d{3, 1, 10.0_um}, k};
    // Lagged pool: volume-weighted remaining lag.
    field.deposit(0, 0.4);
    field.mineralise(1.0_d);
    field.deposit(0, 0.4);
    CHECK(units::internal(field.lag_remaining(0)) == Approx((0.4 * 1.0 + 0.4 * 2.0) / 0.8).epsilon(1e-14));
    // Mature matrix keeps mineralising while new osteoid waits out its lag.
    field.assign(1, 0.5, 0.4);
    CHECK(field.mineral_fraction(1) == Approx(0.2).epsilon(1e-15));
    field.deposit(1, 0.3);
    CHECK(field.mineral_fraction(1) == Approx(0.2).epsilon(1e-15));   // amount kept
    CHECK(field.mineral_degree(1) == Approx(0.2 / 0.8).epsilon(1e-14));  // diluted
    field.mineralise(1.0_d);
    const double m = field.mineral_fraction(1);
    const double expected = 0.5 - 0.7 * 0.3 * std::exp(-1.0) - 0.3 * 0.3 * std::exp(-0.01);  // 0.5 - remaining
    CHECK(m == Approx(expected).epsilon(1e-13));
    CHECK(field.lagged_fraction(1) == Approx(0.3).epsilon(1e-15));
}

TEST_CASE("fractions stay in [0, 1] and mineral never decreases under repeated deposits",
          "[matrix][mineralise]") {
    const grid2d g{8, 8, 10.0_um};
    matrix_field2d field{g};
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(0.0, 0.25);
    std::uniform_int_distribution<std::size_t> pick(0, g.size() - 1);
    std::vector<double> mineral(g.size(), 0.0);
    for (int step = 0; step < 2000; ++step) {
        for (int d = 0; d < 3; ++d) field.deposit(pick(rng), u(rng));
        field.mineralise(duration::from_value(u(rng)));
        for (std::size_t i = 0; i < g.size(); ++i) {
            const double v = field.matrix_fraction(i), m = field.mineral_fraction(i);
            REQUIRE(v >= 0.0);
            REQUIRE(v <= 1.0);
            REQUIRE(m >= mineral[i]);
            REQUIRE(m <= v);
            REQUIRE(field.lagged_fraction(i) <= v);
            REQUIRE(field.osteoid_fraction(i) >= 0.0);
            REQUIRE(field.mineral_degree(i) >= 0.0);
            REQUIRE(field.mineral_degree(i) <= 1.0);
            mineral[i] = m;
        }
    }
    CHECK(field.bone_volume_fraction() > 0.5);  // the test exercised full sites
}

TEST_CASE("totals: volumes over the grid and BV/TV", "[matrix][totals]") {
    const grid3d g{2, 2, 2, 10.0_um};  // site volume 1000 um^3
    matrix_field3d field{g};
    field.assign(0, 1.0, 0.5);
    field.assign(1, 0.5, 1.0);
    field.deposit(2, 0.25);
    CHECK(units::internal(field.total_matrix_volume()) == Approx(1750.0).epsilon(1e-14));
    CHECK(units::internal(field.total_mineral_volume()) == Approx(1000.0).epsilon(1e-14));
    CHECK(units::internal(field.total_osteoid_volume()) == Approx(750.0).epsilon(1e-14));
    CHECK(static_cast<double>(field.bone_volume_fraction()) == Approx(1.75 / 8.0).epsilon(1e-14));
    CHECK(static_cast<double>(field.mineral_volume_fraction()) == Approx(1.0 / 8.0).epsilon(1e-14));
    CHECK(static_cast<double>(field.osteoid_volume_fraction_of_bone()) == Approx(0.75 / 1.75).epsilon(1e-14));
    std::vector<double> mineral(g.size());
    field.mineral_fractions(mineral);
    CHECK(mineral[0] == Approx(0.5));
    CHECK(mineral[1] == Approx(0.5));
    CHECK(mineral[2] == 0.0);
    std::vector<double> wrong(3);
    CHECK_THROWS_AS(field.mineral_fractions(wrong), invalid_parameter);
    field.clear();
    CHECK(units::internal(field.total_matrix_volume()) == 0.0);
    CHECK(static_cast<double>(field.osteoid_volume_fraction_of_bone()) == 0.0);
}
