// The developmental clock: gestational age, age since fertilisation, postnatal age, birth at
// 40 gestational weeks (obstetric convention), readable descriptions, refused input.
#include <ossify/scenario/clock.hpp>
#include <ossify/units/literals.hpp>

#include <limits>
#include <string>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

TEST_CASE("clock: ages from simulation time (birth at 40 weeks, fertilisation at 2 weeks)", "[scenario][clock]") {
    const developmental_clock clock{8.0_wk};
    CHECK(clock.start().value() == Approx(56.0));
    CHECK(clock.gestational_age(0.0_d).value() == Approx(56.0));
    CHECK(clock.gestational_age(14.0_d).value() == Approx(70.0));
    CHECK(clock.fertilisation_age(0.0_d).value() == Approx(42.0));
    CHECK(clock.postnatal_age(0.0_d).value() == Approx(-32.0 * 7.0));
    CHECK(clock.birth_time().value() == Approx(32.0 * 7.0));
    CHECK(developmental_clock::birth_gestational_age().value() == Approx(280.0));
    CHECK_FALSE(clock.is_born(clock.birth_time() - 1.0_d));
    CHECK(clock.is_born(clock.birth_time()));
    CHECK(clock.postnatal_age(clock.birth_time() + 10.0_d).value() == Approx(10.0));
}

TEST_CASE("clock: conversions to and from simulation time are inverse", "[scenario][clock]") {
    const developmental_clock clock{6.0_wk};
    for (const double t : {-42.0, 0.0, 3.5, 200.0, 5000.0}) {
        const auto d = duration::from_value(t);
        CHECK(clock.time_at_gestational_age(clock.gestational_age(d)).value() == Approx(t).margin(1e-9));
        CHECK(clock.time_at_fertilisation_age(clock.fertilisation_age(d)).value() == Approx(t).margin(1e-9));
        CHECK(clock.time_at_postnatal_age(clock.postnatal_age(d)).value() == Approx(t).margin(1e-9));
    }
    CHECK(clock.time_at_postnatal_age(0.0_d).value() == Approx(34.0 * 7.0));
}

TEST_CASE("clock: describe", "[scenario][clock]") {
    const developmental_clock clock{0.0_d};
    CHECK(clock.describe(12.0_wk) == "week 12 of gestation");
    CHECK(clock.describe(12.0_wk + 6.0_d) == "week 12 of gestation");
    CHECK(clock.describe(39.0_wk + 6.0_d) == "week 39 of gestation");
    CHECK(clock.describe(40.0_wk) == "0 days after birth");
    CHECK(clock.describe(40.0_wk + 1.0_d) == "1 day after birth");
    CHECK(clock.describe(clock.time_at_postnatal_age(duration::from_value(3.0 * development::days_per_month))) ==
          "3 months after birth");
    CHECK(clock.describe(clock.time_at_postnatal_age(duration::from_value(23.5 * development::days_per_month))) ==
          "23 months after birth");
    CHECK(clock.describe(clock.time_at_postnatal_age(14.0_yr + 100.0_d)) == "14 years");
}

TEST_CASE("clock: refused input names the parameter", "[scenario][clock]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(developmental_clock{duration::from_value(-1.0)}, invalid_parameter);
    CHECK_THROWS_AS(developmental_clock{duration::from_value(nan)}, invalid_parameter);
    const developmental_clock clock{8.0_wk};
    CHECK_THROWS_AS(clock.gestational_age(duration::from_value(-57.0)), invalid_parameter);  // before gestation
    CHECK_THROWS_AS(clock.postnatal_age(duration::from_value(nan)), invalid_parameter);
    CHECK_THROWS_AS(clock.describe(duration::from_value(std::numeric_limits<double>::infinity())), invalid_parameter);
    CHECK_THROWS_AS(clock.time_at_gestational_age(duration::from_value(-1.0)), invalid_parameter);
    try {
        (void)clock.is_born(duration::from_value(-100.0));
        FAIL("no throw");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "t");
        CHECK(std::string(e.what()).find("start of gestation") != std::string::npos);
    }
    CHECK(clock.start().value() == Approx(56.0));  // a refused call changes nothing
}
