// Signal tags, parameter validation, the explicit solver's stability refusal, signal_set.
#include "catch.hpp"

#include <ossify/signal.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {
struct not_a_signal {};
using expl3 = explicit_solver<double, 3>;
using impl3 = implicit_solver<double, 3>;
}  // namespace

TEST_CASE("built-in signals carry their cited defaults", "[signal][tags]") {
    STATIC_REQUIRE(signal_type<bmp2>);
    STATIC_REQUIRE(signal_type<noggin>);
    STATIC_REQUIRE(signal_type<vegf>);
    STATIC_REQUIRE(signal_type<fgf8>);
    STATIC_REQUIRE(signal_type<dlx5_front>);
    STATIC_REQUIRE_FALSE(signal_type<not_a_signal>);
    CHECK(bmp2::name == "bmp2");
    CHECK(bmp2::default_diffusivity().value() == Approx(2.0 * 86400.0));   // Pomreinke 2017
    CHECK(noggin::default_diffusivity().value() == Approx(6.0 * 86400.0));  // Chordin, Pomreinke 2017
    CHECK(vegf::default_diffusivity().value() == Approx(100.0 * 86400.0));
    CHECK(fgf8::default_diffusivity().value() == Approx(53.0 * 86400.0));  // Yu 2009
    // BIOLOGY.md: D = 2 um^2/s with a 1 h half-life gives a decay length of ~100 um.
    const double lambda = std::sqrt(bmp2::default_diffusivity().value() / bmp2::default_decay().value());
    CHECK(lambda == Approx(101.9).epsilon(1e-3));
    CHECK(bmp2::default_decay().value() == Approx((1.0_per_h).value() * std::log(2.0)));
}

TEST_CASE("diffusion_parameters refuse negative and NaN values and change nothing", "[signal][parameters]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(diffusion_parameters(diffusivity::from_value(-1.0), 1.0_per_d), invalid_parameter);
    CHECK_THROWS_AS(diffusion_parameters(diffusivity::from_value(nan), 1.0_per_d), invalid_parameter);
    CHECK_THROWS_AS(diffusion_parameters(1.0_um2_per_s, rate::from_value(nan)), invalid_parameter);
    CHECK_THROWS_AS(diffusion_parameters(1.0_um2_per_s, rate::from_value(-0.1)), invalid_parameter);
    CHECK_THROWS_AS(diffusion_parameters(1.0_um2_per_s, 1.0_per_d, boundary::fixed, concentration::from_value(-2.0)),
                    invalid_parameter);
    try {
        diffusion_parameters(diffusivity::from_value(-3.0), 1.0_per_d);
        FAIL("no throw");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "diffusivity");
        CHECK(std::string(e.what()).find("-3") != std::string::npos);
        CHECK(std::string(e.what()).find(">= 0") != std::string::npos);
    }

    diffusion_parameters p(1.0_um2_per_s, 1.0_per_d);
    const diffusion_parameters before = p;
    CHECK_THROWS_AS(p.set_diffusivity(diffusivity::from_value(-1.0)), invalid_parameter);
    CHECK_THROWS_AS(p.set_decay(rate::from_value(nan)), invalid_parameter);
    CHECK_THROWS_AS(p.set_fixed_value(concentration::from_value(-1.0)), invalid_parameter);
    CHECK_THROWS_AS(p.set_boundary(3, boundary::fixed), invalid_parameter);
    CHECK_THROWS_AS(p.set_boundary(0, 0, boundary::periodic), invalid_parameter);  // one face alone
    CHECK_THROWS_AS(p.set_boundary(0, 2, boundary::fixed), invalid_parameter);
    CHECK(p == before);
    p.set_boundary(1, boundary::periodic);
    CHECK_THROWS_AS(p.set_boundary(1, 0, boundary::fixed), invalid_parameter);  // would unpair a periodic axis
    CHECK(p.face(1, 0) == boundary::periodic);
    p.set_boundary(0, 1, boundary::fixed);
    CHECK(p.face(0, 0) == boundary::no_flux);
    CHECK(p.face(0, 1) == boundary::fixed);
}

TEST_CASE("the explicit solver refuses a step beyond its stability limit", "[signal][stability]") {
    const grid3d g{10, 10, 10, 10.0_um};
    const diffusion_parameters p(2.0_um2_per_s, 1.0_per_d);
    // h^2 / (6 D) = 100 / (6 * 2) s = 8.33 s
    const duration limit = max_stable_step(g, p);
    CHECK(limit.value() * 86400.0 == Approx(100.0 / 12.0));
    CHECK(max_stable_step(grid2d{5, 5, 10.0_um}, p).value() * 86400.0 == Approx(100.0 / 8.0));
    CHECK(std::isinf(max_stable_step(g, diffusion_parameters(0.0_um2_per_s, 1.0_per_d)).value()));

    CHECK_NOTHROW(expl3(g, p, limit));
    try {
        expl3(g, p, 10.0_s);
        FAIL("no throw");
    } catch (const invalid_parameter& e) {
        const std::string what = e.what();
        INFO(what);
        CHECK(e.parameter() == "dt");
        CHECK(what.find("8.33333") != std::string::npos);  // the limit in seconds
        CHECK(what.find("implicit_solver") != std::string::npos);
    }
    // A refused prepare() keeps the old step and parameters.
    explicit_solver<double, 3> s(g, p, 1.0_s);
    CHECK_THROWS_AS(s.prepare(p, 1.0_min), invalid_parameter);
    CHECK(s.time_step().value() == Approx((1.0_s).value()));
    CHECK_THROWS_AS(s.prepare(p, duration::from_value(-1.0)), invalid_parameter);
    // The implicit solver takes any positive step but not zero or negative ones.
    CHECK_NOTHROW(impl3(g, p, 1.0_d));
    CHECK_THROWS_AS(impl3(g, p, 0.0_d), invalid_parameter);
}

TEST_CASE("solvers refuse arrays of the wrong size", "[signal][parameters]") {
    const grid2d g{4, 4, 1.0_um};
    const diffusion_parameters p(1.0_um2_per_d, 0.0_per_d);
    implicit_solver<double, 2> s(g, p, 1.0_d);
    std::vector<double> c(16, 1.0), bad(15, 0.0), ok(16, 0.0);
    CHECK_THROWS_AS(s.step(std::span<double>(bad)), invalid_parameter);
    CHECK_THROWS_AS(s.step(c, bad), invalid_parameter);
    CHECK_THROWS_AS(s.step(c, ok, bad), invalid_parameter);
    CHECK(c == std::vector<double>(16, 1.0));
    explicit_solver<double, 2> e(g, p, 0.1_d);
    CHECK_THROWS_AS(e.step(c, {}, bad), invalid_parameter);
}

TEST_CASE("signal_set holds one field per signal with overridable parameters", "[signal][signal_set]") {
    const grid2d g{30, 20, 5.0_um};
    signal_set<grid2d, bmp2, noggin, vegf> s{g};
    STATIC_REQUIRE(decltype(s)::size == 3);
    STATIC_REQUIRE(decltype(s)::index_of<noggin>() == 1);
    STATIC_REQUIRE(decltype(s)::contains<vegf>);
    STATIC_REQUIRE_FALSE(decltype(s)::contains<fgf8>);
    CHECK(decltype(s)::names[2] == "vegf");
    CHECK(s.get<bmp2>().size() == g.size());
    CHECK(s.parameters<noggin>() == diffusion_parameters::defaults_for<noggin>());

    // A source at one site for BMP2 only.
    const std::size_t centre = g.index({15, 10});
    s.sources<bmp2>()[centre] = 240.0;  // nM/d
    s.step(1.0_h);
    CHECK(s.get<bmp2>()[centre] > 0.0);
    CHECK(s.get<bmp2>()[g.index({16, 10})] > 0.0);
    CHECK(s.get<noggin>()[centre] == 0.0);
    // Mass added in one step: 240 nM/d * 1/24 d at one site, minus one step of decay
    // (1 h half-life, k dt = ln 2) in the x sweep: 10 / (1 + ln 2).
    double total = 0.0;
    for (double v : s.get<bmp2>()) total += v;
    CHECK(total == Approx(10.0 / (1.0 + std::log(2.0))).epsilon(1e-12));

    // Override: no decay, and an uptake everywhere for noggin.
    auto q = s.parameters<bmp2>();
    q.set_decay(0.0_per_d);
    s.set_parameters<bmp2>(q);
    CHECK(s.parameters<bmp2>().decay().value() == 0.0);
    s.clear_sources();
    s.step<bmp2>(1.0_h);  // per-signal step: mass conserved now
    double after = 0.0;
    for (double v : s.get<bmp2>()) after += v;
    CHECK(after == Approx(total).epsilon(1e-12));
    CHECK_THROWS_AS(s.step(duration::from_value(0.0)), invalid_parameter);

    // float fields on a 3-D grid
    basic_signal_set<grid3d, float, fgf8> f{grid3d{8, 8, 8, 10.0_um}};
    f.get<fgf8>()[0] = 1.0f;
    f.uptakes<fgf8>()[0] = 1.0f;
    f.step(1.0_min);
    CHECK(f.get<fgf8>()[0] < 1.0f);
    CHECK(f.get<fgf8>()[0] > 0.0f);
}
