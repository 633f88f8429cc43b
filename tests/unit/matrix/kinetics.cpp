// Mineralisation kinetics: validation, closed form, defaults.
#include <ossify/matrix/kinetics.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {

// Runs f, which must throw invalid_parameter naming the parameter; returns the message.
template <class F>
std::string refused(F&& f, const std::string& parameter) {
    try {
        f();
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == parameter);
        const std::string what = e.what();
        CHECK(what.find(parameter) != std::string::npos);
        CHECK(what.find("allowed") != std::string::npos);
        return what;
    }
    FAIL("no invalid_parameter thrown for " << parameter);
    return {};
}

}  // namespace

TEST_CASE("mineralisation_kinetics refuses invalid parameters, naming them", "[matrix][kinetics]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    refused([] { (void)mineralisation_kinetics(-1.0_d, 1.0_per_d, fraction{0.7}, 0.01_per_d); }, "lag");
    refused([&] { (void)mineralisation_kinetics(duration::from_value(nan), 1.0_per_d, fraction{0.7}, 0.01_per_d); },
            "lag");
    refused([] { (void)mineralisation_kinetics(2.0_d, 0.0_per_d, fraction{0.7}, 0.01_per_d); }, "primary_rate");
    refused([] { (void)mineralisation_kinetics(2.0_d, -1.0_per_d, fraction{0.7}, 0.01_per_d); }, "primary_rate");
    const std::string msg =
        refused([] { (void)mineralisation_kinetics(2.0_d, 1.0_per_d, fraction{1.5}, 0.01_per_d); },
                "primary_fraction");
    CHECK(msg.find("1.5") != std::string::npos);  // the value
    CHECK(msg.find("[0, 1]") != std::string::npos);  // the range
    refused([] { (void)mineralisation_kinetics(2.0_d, 1.0_per_d, fraction{-0.1}, 0.01_per_d); },
            "primary_fraction");
    refused([] { (void)mineralisation_kinetics(2.0_d, 1.0_per_d, fraction{0.7}, -0.01_per_d); },
            "secondary_rate");
    const auto k = mineralisation_kinetics::woven_bone();
    refused([&] { (void)k.degree(-1.0_d); }, "age");
    refused([&] { (void)k.degree(duration::from_value(nan)); }, "age");
    // Edge values are accepted.
    CHECK_NOTHROW(mineralisation_kinetics(0.0_d, 1.0_per_d, fraction{0.0}, 0.0_per_d));
    CHECK_NOTHROW(mineralisation_kinetics(0.0_d, 1.0_per_d, fraction{1.0}, 0.0_per_d));
}

TEST_CASE("degree of mineralisation: zero during the lag, closed form after it", "[matrix][kinetics]") {
    const mineralisation_kinetics k{3.0_d, 0.8_per_d, fraction{0.6}, 0.02_per_d};
    CHECK(units::internal(k.lag()) == 3.0);
    CHECK(units::internal(k.primary_rate()) == 0.8);
    CHECK(static_cast<double>(k.primary_fraction()) == 0.6);
    CHECK(units::internal(k.secondary_rate()) == 0.02);

    CHECK(static_cast<double>(k.degree(0.0_d)) == 0.0);
    CHECK(static_cast<double>(k.degree(2.999_d)) == 0.0);
    CHECK(static_cast<double>(k.degree(3.0_d)) == 0.0);
    for (const double a : {3.5, 4.0, 10.0, 50.0, 400.0}) {
        const double tau = a - 3.0;
        const double expected = 0.6 * (1.0 - std::exp(-0.8 * tau)) + 0.4 * (1.0 - std::exp(-0.02 * tau));
        CHECK(static_cast<double>(k.degree(duration::from_value(a))) == Approx(expected).epsilon(1e-14));
        CHECK(static_cast<double>(degree_of_mineralisation(k, duration::from_value(a))) ==
              static_cast<double>(k.degree(duration::from_value(a))));
    }
    // Units: 36 h is 1.5 d.
    CHECK(static_cast<double>(k.degree(108.0_h)) ==
          Approx(static_cast<double>(k.degree(4.5_d))).epsilon(1e-15));
}

TEST_CASE("degree of mineralisation is monotone and stays in [0, 1]", "[matrix][kinetics]") {
    for (const auto& k : {mineralisation_kinetics::woven_bone(), mineralisation_kinetics::adult_trabecular(),
                          mineralisation_kinetics{0.0_d, 50.0_per_d, fraction{1.0}, 0.0_per_d},
                          mineralisation_kinetics{1.0_d, 0.1_per_d, fraction{0.0}, 5.0_per_d}}) {
        double previous = 0.0;
        for (double a = 0.0; a < 2000.0; a = a * 1.01 + 0.01) {
            const double m = k.degree(duration::from_value(a));
            CHECK(m >= previous);
            CHECK(m >= 0.0);
            CHECK(m <= 1.0);
            previous = m;
        }
        CHECK(static_cast<double>(k.degree(1.0e6_d)) == Approx(1.0).epsilon(1e-12));
    }
    // Without a secondary phase the degree plateaus at the primary fraction.
    const mineralisation_kinetics only_primary{1.0_d, 1.0_per_d, fraction{0.7}, 0.0_per_d};
    CHECK(static_cast<double>(only_primary.degree(1000.0_d)) == Approx(0.7).epsilon(1e-14));
}

TEST_CASE("woven-bone defaults: calcified within a few days, plateau after about a year",
          "[matrix][kinetics]") {
    const auto k = mineralisation_kinetics::woven_bone();
    // Lag well below the adult 8-21 d, primary phase 95 % complete within 5 d of deposition.
    CHECK(units::internal(k.lag()) < 8.0);
    const double p = k.primary_fraction();
    CHECK(static_cast<double>(k.degree(5.0_d)) >= 0.95 * p);
    // Secondary phase: >= 95 % of the total mineral one year after the lag (Fuchs 2008).
    CHECK(static_cast<double>(k.degree(k.lag() + 365.0_d)) >= 0.95);
    CHECK(static_cast<double>(k.degree(k.lag() + 180.0_d)) < 0.95);  // still rising at half a year
    // Adult remodelling waits longer before mineralising.
    const auto adult = mineralisation_kinetics::adult_trabecular();
    CHECK(static_cast<double>(adult.degree(20.0_d)) == 0.0);
    CHECK(static_cast<double>(adult.degree(21.5_d)) > 0.0);
}

TEST_CASE("cited apposition rates", "[matrix][kinetics]") {
    CHECK(units::internal(apposition_rate::fetal_woven) == 3.0);        // Peyrin 2005
    CHECK(units::internal(apposition_rate::adult_trabecular) == 0.63);  // Kragstrup 1983
    CHECK(units::internal(apposition_rate::adult_cortical) >= 0.9);     // Brockstedt 1993
    CHECK(units::internal(apposition_rate::adult_cortical) <= 1.2);
    static_assert(units::internal(apposition_rate::fetal_woven) == 3.0);
}
