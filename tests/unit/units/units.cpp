#include <ossify/units.hpp>

#include <boost/units/systems/si.hpp>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;
namespace si = boost::units::si;

TEST_CASE("durations convert exactly to and from SI seconds", "[units]") {
    CHECK(units::to_si(1.0_d).value() == 86400.0);
    CHECK(units::to_si(1.0_wk).value() == 7.0 * 86400.0);
    CHECK(units::to_si(1.0_h).value() == Approx(3600.0).epsilon(1e-15));
    CHECK(units::to_si(1.0_min).value() == Approx(60.0).epsilon(1e-15));
    CHECK(units::to_si(1.0_s).value() == Approx(1.0).epsilon(1e-15));
    CHECK(units::from_si(86400.0 * si::seconds).value() == 1.0);
    CHECK((24.0 * 1.0_h).value() == Approx(1.0).epsilon(1e-15));
}

TEST_CASE("lengths, areas and volumes convert to SI", "[units]") {
    CHECK(units::to_si(1.0_um).value() == 1.0e-6);
    CHECK(units::to_si(1.0_mm).value() == Approx(1.0e-3).epsilon(1e-15));
    CHECK((1.0_mm).value() == 1000.0);
    CHECK(units::to_si(1.0_mm2).value() == Approx(1.0e-6).epsilon(1e-15));
    CHECK(units::to_si(1.0_mm3).value() == Approx(1.0e-9).epsilon(1e-15));
    CHECK(units::from_si(2.5e-6 * si::meters).value() == Approx(2.5).epsilon(1e-15));
}

TEST_CASE("diffusivities: 1 um^2/s = 0.0864 mm^2/day", "[units]") {
    const diffusivity d = 1.0_um2_per_s;
    CHECK(d.value() == 86400.0);                                // internal: um^2/d
    CHECK(d.value() / 1.0e6 == Approx(0.0864).epsilon(1e-15));  // mm^2/d
    CHECK(units::to_si(d).value() == Approx(1.0e-12).epsilon(1e-15));
    CHECK(units::to_si(1.0_mm2_per_d).value() == Approx(1.0e-6 / 86400.0).epsilon(1e-15));
}

TEST_CASE("concentrations: the internal unit is exactly one nanomolar", "[units]") {
    // 1 nM = 1e-9 mol/L = 1e-6 mol/m^3.
    CHECK(units::to_si(1.0_nM).value() == Approx(1.0e-6).epsilon(1e-15));
    CHECK((1.0_uM).value() == 1000.0);
    CHECK((1.0_pM).value() == Approx(1.0e-3).epsilon(1e-15));
    const amount a = 1.0_nM * 1.0_um3;  // 1 nM in 1 um^3 is 1e-24 mol = 1 ymol
    CHECK(a.value() == 1.0);
    CHECK(units::to_si(a).value() == Approx(1.0e-24).epsilon(1e-15));
}

TEST_CASE("rates, velocities and densities", "[units]") {
    CHECK((1.0_per_h).value() == 24.0);
    CHECK(units::to_si(1.0_per_d).value() == Approx(1.0 / 86400.0).epsilon(1e-15));
    CHECK(units::to_si(1.0_um_per_d).value() == Approx(1.0e-6 / 86400.0).epsilon(1e-15));
    // 15000 osteocytes per mm^3 (Mullender 1996) = 1.5e-5 per um^3 = 1.5e13 per m^3.
    const number_density n = 15000.0_per_mm3;
    CHECK(n.value() == Approx(1.5e-5).epsilon(1e-15));
    CHECK(units::to_si(n).value() == Approx(1.5e13).epsilon(1e-15));
    const duration t = 2.0 / 1.0_per_d;
    CHECK(t.value() == 2.0);
}

TEST_CASE("integer literals equal floating literals", "[units]") {
    CHECK((3_um).value() == (3.0_um).value());
    CHECK((2_h).value() == (2.0_h).value());
    CHECK((5_nM).value() == (5.0_nM).value());
}

TEST_CASE("quantities print with readable symbols", "[units]") {
    CHECK(units::to_string(10.0_um) == "10 um");
    CHECK(units::to_string(3.0_d) == "3 d");
    CHECK(units::to_string(5.0_nM) == "5 nM");
    CHECK(units::to_string(0.5_per_d) == "0.5 d^-1");
    CHECK(units::to_string(2.0_um2_per_d) == "2 um^2 d^-1");
    CHECK(units::to_string(1.0_um_per_d) == "1 um d^-1");
    CHECK(units::to_string(concentration_rate{2.0_nM / 1.0_d}) == "2 nM d^-1");
    std::ostringstream os;
    os << 12.5_um;
    CHECK(os.str() == "12.5 um");
}

TEST_CASE("internal() and from_internal() are the documented way to plain numbers",
          "[units]") {
    CHECK(units::internal(1.0_h) == Approx(1.0 / 24.0).epsilon(1e-15));
    CHECK(units::internal(1.0_mm) == 1000.0);
    const auto d = units::from_internal<duration>(0.25);
    CHECK(d.value() == 0.25);
    const auto c = units::from_internal<concentration>(3.0f);
    CHECK(units::internal(c) == 3.0);
}

TEST_CASE("a decay length comes out as a length", "[units]") {
    const diffusivity d = 2.0_um2_per_s;
    const rate k = std::log(2.0) / 1.0_h;
    const length lambda = boost::units::sqrt(d / k);
    // sqrt(2 um^2/s * 3600 s / ln 2) = 101.9 um
    CHECK(lambda.value() == Approx(std::sqrt(2.0 * 3600.0 / std::log(2.0))).epsilon(1e-12));
}
