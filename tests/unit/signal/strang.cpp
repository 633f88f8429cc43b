// The implicit solver's Strang reaction splitting (reaction_splitting::strang): isotropic,
// exact reactions, and its steady state; against the default folded splitting's anisotropy.
#include "catch.hpp"

#include <ossify/signal.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <numeric>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {

// A point source at the centre of an n x n grid, stepped `steps` times by dt.
std::vector<double> point_source_2d(std::int32_t n, reaction_splitting split, double dt, int steps) {
    const grid2d g{n, n, 10.0_um};
    auto p = diffusion_parameters::defaults_for<bmp2>();  // D = 2 um^2/s, 1 h half-life
    p.set_splitting(split);
    implicit_solver<double, 2> s(g, p, duration::from_value(dt));
    std::vector<double> c(g.size(), 0.0), src(g.size(), 0.0);
    src[g.index({n / 2, n / 2})] = 1000.0;  // nM/d
    for (int k = 0; k < steps; ++k) s.step(c, src);
    return c;
}

}  // namespace

TEST_CASE("strang splitting: a point source spreads the same along x and y at long steps", "[signal][strang]") {
    const std::int32_t n = 41;
    const grid2d g{n, n, 10.0_um};
    const double dt = 1.0 / 24.0;  // 1 h: k dt = ln 2 for BMP2
    const auto strang = point_source_2d(n, reaction_splitting::strang, dt, 48);
    const auto folded = point_source_2d(n, reaction_splitting::folded, dt, 48);
    const double sx = strang[g.index({n / 2 + 10, n / 2})], sy = strang[g.index({n / 2, n / 2 + 10})];
    const double fx = folded[g.index({n / 2 + 10, n / 2})], fy = folded[g.index({n / 2, n / 2 + 10})];
    // The diffusion sweeps commute on a box: the strang field is symmetric up to round-off.
    CHECK(sx == Approx(sy).epsilon(1e-10));
    // The folded splitting (decay in the x sweep) widens profiles along y by about
    // sqrt(1 + k dt): 10 sites out the y value is well above the x value (~30 % for BMP2).
    CHECK(fy / fx > 1.1);
}

TEST_CASE("strang splitting: 3-D profiles are the same along x, y and z", "[signal][strang]") {
    const grid3d g{21, 21, 21, 10.0_um};
    auto p = diffusion_parameters::defaults_for<bmp2>();
    p.set_splitting(reaction_splitting::strang);
    implicit_solver<double, 3> s(g, p, 1.0_h);
    std::vector<double> c(g.size(), 0.0), src(g.size(), 0.0);
    src[g.index({10, 10, 10})] = 1000.0;
    for (int k = 0; k < 24; ++k) s.step(c, src);
    const double x = c[g.index({15, 10, 10})], y = c[g.index({10, 15, 10})], z = c[g.index({10, 10, 15})];
    CHECK(x > 0.0);
    CHECK(x == Approx(y).epsilon(1e-10));
    CHECK(x == Approx(z).epsilon(1e-10));
}

TEST_CASE("strang splitting: reactions are exact", "[signal][strang]") {
    const grid2d g{16, 12, 5.0_um};
    diffusion_parameters p(100.0_um2_per_d, 2.0_per_d);
    p.set_splitting(reaction_splitting::strang);
    SECTION("a uniform source reaches exactly s / (k + u)") {
        implicit_solver<double, 2> s(g, p, 6.0_h);
        std::vector<double> c(g.size(), 0.0), src(g.size(), 30.0), up(g.size(), 1.0);
        for (int k = 0; k < 200; ++k) s.step(c, src, up);
        for (double v : c) REQUIRE(v == Approx(30.0 / 3.0).epsilon(1e-12));
    }
    SECTION("under no-flux walls the total decays exactly as e^{-k t}") {
        implicit_solver<double, 2> s(g, p, 0.25_d);
        std::vector<double> c(g.size());
        for (std::size_t i = 0; i < c.size(); ++i) c[i] = 1.0 + static_cast<double>(i % 7);
        const double m0 = std::accumulate(c.begin(), c.end(), 0.0);
        for (int k = 0; k < 8; ++k) s.step(c);
        const double m = std::accumulate(c.begin(), c.end(), 0.0);
        CHECK(m == Approx(m0 * std::exp(-2.0 * 8 * 0.25)).epsilon(1e-12));
    }
}

TEST_CASE("strang splitting: steady state along x is the discrete one with k_eff and a damped boundary",
          "[signal][strang]") {
    // Steady state of c = R(dt/2) D(dt) R(dt/2) c with R the exact decay: the discrete equation
    // with k_eff = (1 - e^{-k dt}) / dt and the fixed value seen as c0 e^{-k dt / 2}. The
    // explicit solver (exact discrete steady state) run with those parameters agrees.
    const double c0 = 5.0, dt = 1.0, k = 1.0;
    const double k_eff = -std::expm1(-k * dt) / dt, c0_eff = c0 * std::exp(-0.5 * k * dt);
    const grid2d g{200, 1, 1.0_um};
    diffusion_parameters p(400.0_um2_per_d, rate::from_value(k), boundary::no_flux, concentration::from_value(c0));
    p.set_boundary(0, 0, boundary::fixed).set_splitting(reaction_splitting::strang);
    implicit_solver<double, 2> si(g, p, duration::from_value(dt));
    std::vector<double> ci(g.size(), 0.0);
    for (int n = 0; n < 60; ++n) si.step(ci);
    diffusion_parameters pe(400.0_um2_per_d, rate::from_value(k_eff), boundary::no_flux, concentration::from_value(c0_eff));
    pe.set_boundary(0, 0, boundary::fixed);
    const double dte = 0.9 / (4.0 * 400.0);
    explicit_solver<double, 2> se(g, pe, duration::from_value(dte));
    std::vector<double> ce(g.size(), 0.0);
    for (int n = 0; n < static_cast<int>(40.0 / k_eff / dte); ++n) se.step(ce);
    for (std::size_t i = 0; i < 100; ++i) CHECK(ci[i] == Approx(ce[i]).epsilon(1e-9));
}

TEST_CASE("reaction_splitting is part of the parameters", "[signal][strang]") {
    auto p = diffusion_parameters::defaults_for<bmp2>();
    CHECK(p.splitting() == reaction_splitting::folded);
    auto q = p;
    q.set_splitting(reaction_splitting::strang);
    CHECK_FALSE(p == q);
}
