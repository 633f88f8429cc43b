// Steady states, conservation, decay, boundaries and non-negativity of both solvers.
#include "catch.hpp"

#include <ossify/signal.hpp>
#include <ossify/units/literals.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {

// A smooth, positive, non-symmetric field for conservation tests.
template <std::size_t Dim>
std::vector<double> lumpy(const basic_grid<Dim>& g) {
    std::vector<double> c(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        const auto s = g.coords(i);
        double v = 2.0;  // > 1.5, the most the sines can take away
        for (std::size_t a = 0; a < Dim; ++a) v += 0.5 * std::sin(0.7 * s[a] + 0.3 * a) + (s[a] == 2 ? 20.0 : 0.0);
        c[i] = v;
    }
    return c;
}

double sum(const std::vector<double>& c) { return std::accumulate(c.begin(), c.end(), 0.0); }

// The x profile after many steps on a strip nx x ny, fixed c0 at x = 0, no-flux at x = L.
template <class Solver>
std::vector<double> strip_profile(std::int32_t nx, std::int32_t ny, double h, const diffusion_parameters& p,
                                  double dt, int steps) {
    const grid2d g{nx, ny, length::from_value(h)};
    Solver s(g, p, duration::from_value(dt));
    std::vector<double> c(g.size(), 0.0);
    for (int k = 0; k < steps; ++k) s.step(c);
    // every row of the strip must be the same
    for (std::int32_t j = 1; j < ny; ++j)
        for (std::int32_t i = 0; i < nx; ++i) REQUIRE(c[g.index({i, j})] == Approx(c[g.index({i, 0})]).epsilon(1e-12));
    return {c.begin(), c.begin() + nx};
}

// Max relative error over the first 5 lambda against the continuous solution
//   c0 cosh((l - d) / lambda) / cosh(l / lambda)  (= c0 exp(-d / lambda) for l >> lambda),
// d = (i + 1) h the distance from the reservoir (the off-grid neighbour site at -h/2) to
// site i, l = (nx + 1/2) h the distance from the reservoir to the no-flux face.
double exp_profile_error(const std::vector<double>& c, double h, double c0, double lambda) {
    double err = 0.0;
    const double l = (static_cast<double>(c.size()) + 0.5) * h;
    for (std::size_t i = 0; (static_cast<double>(i) + 1.0) * h <= 5.0 * lambda; ++i) {
        const double d = (static_cast<double>(i) + 1.0) * h;
        const double exact = c0 * std::cosh((l - d) / lambda) / std::cosh(l / lambda);
        err = std::max(err, std::abs(c[i] - exact) / exact);
    }
    return err;
}

}  // namespace

TEST_CASE("steady state with a fixed boundary value decays as c0 exp(-x / lambda)", "[signal][steady]") {
    // D = 400 um^2/d, k = 1/d: lambda = sqrt(D/k) = 20 um; strip 10 lambda long.
    // The discrete profile is c0 mu^(i+1) with mu + 1/mu = 2 + h^2/lambda^2, whose relative
    // error at distance d is about d h^2 / (24 lambda^3): 5.2e-4 at d = 5 lambda, h = 1 um.
    // Measured: h = 1 um: 5.21e-4, h = 0.5 um: 1.30e-4 (order 2.0), both solvers.
    const double lambda = 20.0, c0 = 5.0;
    diffusion_parameters p(400.0_um2_per_d, 1.0_per_d, boundary::periodic, concentration::from_value(c0));
    p.set_boundary(0, boundary::fixed).set_boundary(0, 1, boundary::no_flux);
    SECTION("implicit") {
        // Long steps reach the steady state fast (each step damps by at least 1 / (1 + k dt)).
        const auto c1 = strip_profile<implicit_solver<double, 2>>(200, 3, 1.0, p, 10.0, 40);
        const auto c2 = strip_profile<implicit_solver<double, 2>>(400, 3, 0.5, p, 10.0, 40);
        const double e1 = exp_profile_error(c1, 1.0, c0, lambda), e2 = exp_profile_error(c2, 0.5, c0, lambda);
        INFO("errors " << e1 << " " << e2);
        CHECK(e1 < 5.5e-4);
        CHECK(std::log2(e1 / e2) == Approx(2.0).margin(0.1));
    }
    SECTION("explicit") {
        // dt = 0.9 of the limit h^2 / (4 D); 40 decay times to converge to round-off.
        const double dt = 0.9 * 1.0 / (4.0 * 400.0);
        const auto c1 = strip_profile<explicit_solver<double, 2>>(200, 1, 1.0, p, dt, static_cast<int>(40.0 / dt));
        const double e1 = exp_profile_error(c1, 1.0, c0, lambda);
        INFO("error " << e1);
        CHECK(e1 < 5.5e-4);
        // Both solvers have the steady state of the same discrete equation.
        const auto ci = strip_profile<implicit_solver<double, 2>>(200, 1, 1.0, p, 10.0, 40);
        for (std::size_t i = 0; i < 100; ++i) CHECK(c1[i] == Approx(ci[i]).epsilon(1e-9));
    }
}

TEST_CASE("no-flux walls without decay conserve mass to round-off", "[signal][conservation]") {
    const diffusion_parameters p(50.0_um2_per_d, 0.0_per_d);
    SECTION("2-D") {
        const grid2d g{37, 23, 2.0_um};
        auto ci = lumpy(g), ce = ci;
        const double m0 = sum(ci);
        implicit_solver<double, 2> si(g, p, 0.5_d);
        explicit_solver<double, 2> se(g, p, max_stable_step(g, p));
        for (int k = 0; k < 50; ++k) {
            si.step(ci);
            se.step(ce);
        }
        CHECK(sum(ci) == Approx(m0).epsilon(1e-13));
        CHECK(sum(ce) == Approx(m0).epsilon(1e-13));
        // and it spread: the lump at x = 2 is gone
        CHECK(*std::max_element(ci.begin(), ci.end()) < 10.0);
    }
    SECTION("3-D") {
        const grid3d g{17, 13, 11, 2.0_um};
        auto ci = lumpy(g), ce = ci;
        const double m0 = sum(ci);
        implicit_solver<double, 3> si(g, p, 0.5_d);
        explicit_solver<double, 3> se(g, p, max_stable_step(g, p));
        for (int k = 0; k < 50; ++k) {
            si.step(ci);
            se.step(ce);
        }
        CHECK(sum(ci) == Approx(m0).epsilon(1e-13));
        CHECK(sum(ce) == Approx(m0).epsilon(1e-13));
    }
    SECTION("periodic, 3-D, also conserves, and a shift by the period changes nothing") {
        const grid3d g{12, 9, 2, 2.0_um};  // 2 sites on z: both z neighbours are the same site
        const diffusion_parameters pp(50.0_um2_per_d, 0.0_per_d, boundary::periodic);
        implicit_solver<double, 3> si(g, pp, 0.5_d);
        explicit_solver<double, 3> se(g, pp, max_stable_step(g, pp));
        std::vector<double> a(g.size(), 0.0), b(g.size(), 0.0), e(g.size(), 0.0);
        a[g.index({0, 0, 0})] = 100.0;   // point source on a corner ...
        b[g.index({6, 4, 1})] = 100.0;   // ... and in the middle
        e = a;
        for (int k = 0; k < 20; ++k) {
            si.step(a);
            si.step(b);
            se.step(e);
        }
        CHECK(sum(a) == Approx(100.0).epsilon(1e-13));
        CHECK(sum(e) == Approx(100.0).epsilon(1e-13));
        for (std::int32_t z = 0; z < 2; ++z)
            for (std::int32_t y = 0; y < 9; ++y)
                for (std::int32_t x = 0; x < 12; ++x) {
                    const double va = a[g.index({x, y, z})];
                    const double vb = b[g.index({(x + 6) % 12, (y + 4) % 9, (z + 1) % 2})];
                    REQUIRE(va == Approx(vb).epsilon(1e-10).margin(1e-14));
                    // wrap-around symmetry of the corner source: x and 12 - x alike
                    REQUIRE(va == Approx(a[g.index({(12 - x) % 12, y, z})]).epsilon(1e-10).margin(1e-14));
                }
        CHECK(*std::min_element(a.begin(), a.end()) >= 0.0);
    }
}

TEST_CASE("uniform decay and uptake follow backward Euler exactly", "[signal][decay]") {
    const grid2d g{8, 8, 5.0_um};
    const diffusion_parameters p(100.0_um2_per_d, 2.0_per_d);
    const double dt = 0.01;
    std::vector<double> ci(g.size(), 3.0), ce(g.size(), 3.0);
    const std::vector<double> uptake(g.size(), 1.0), source(g.size(), 0.0);
    implicit_solver<double, 2> si(g, p, duration::from_value(dt));
    explicit_solver<double, 2> se(g, p, duration::from_value(dt));
    for (int k = 0; k < 10; ++k) {
        si.step(ci, source, uptake);
        se.step(ce, source, uptake);
    }
    // Implicit: uptake then decay, 1/((1 + dt u)(1 + dt k)) per step; explicit: 1/(1 + dt (k + u)).
    const double fi = 3.0 * std::pow(1.0 / ((1.0 + dt) * (1.0 + 2.0 * dt)), 10);
    const double fe = 3.0 * std::pow(1.0 / (1.0 + 3.0 * dt), 10);
    for (std::size_t i = 0; i < g.size(); ++i) {
        REQUIRE(ci[i] == Approx(fi).epsilon(1e-13));
        REQUIRE(ce[i] == Approx(fe).epsilon(1e-13));
    }
}

TEST_CASE("a constant source raises a uniform field linearly", "[signal][source]") {
    const grid3d g{6, 5, 4, 5.0_um};
    const diffusion_parameters p(100.0_um2_per_d, 0.0_per_d);
    const std::vector<double> s(g.size(), 24.0);  // 24 nM/d = 1 nM/h
    std::vector<double> ci(g.size(), 0.0), ce(g.size(), 0.0);
    implicit_solver<double, 3> si(g, p, 1.0_h);
    explicit_solver<double, 3> se(g, p, max_stable_step(g, p));
    for (int k = 0; k < 5; ++k) si.step(ci, s);
    const int ne = 10;
    for (int k = 0; k < ne; ++k) se.step(ce, s);
    const double te = ne * max_stable_step(g, p).value();
    for (std::size_t i = 0; i < g.size(); ++i) {
        REQUIRE(ci[i] == Approx(5.0).epsilon(1e-12));
        REQUIRE(ce[i] == Approx(24.0 * te).epsilon(1e-12));
    }
}

TEST_CASE("concentrations never go negative, even with a negative source", "[signal][positivity]") {
    const grid2d g{20, 20, 2.0_um};
    const diffusion_parameters p(100.0_um2_per_d, 1.0_per_d);
    std::vector<double> s(g.size(), 0.0);
    s[g.index({10, 10})] = -1e6;  // a sink written as a source
    std::vector<double> ci(g.size(), 1.0), ce(g.size(), 1.0);
    implicit_solver<double, 2> si(g, p, 0.1_d);
    explicit_solver<double, 2> se(g, p, max_stable_step(g, p));
    for (int k = 0; k < 5; ++k) {
        si.step(ci, s);
        se.step(ce, s);
    }
    CHECK(ci[g.index({10, 10})] < 1.0);
    CHECK(*std::min_element(ci.begin(), ci.end()) >= 0.0);
    CHECK(*std::min_element(ce.begin(), ce.end()) >= 0.0);
}

TEST_CASE("an axis of one site and fixed faces on every side", "[signal][boundary]") {
    // One row (ny = 1) with fixed value 2 on every face: the field relaxes to 2 everywhere
    // (steady state of the discrete equation with no decay: every site equals c0).
    const grid2d g{5, 1, 1.0_um};
    const diffusion_parameters p(1.0_um2_per_d, 0.0_per_d, boundary::fixed, 2.0_nM);
    implicit_solver<double, 2> si(g, p, 100.0_d);
    std::vector<double> c(g.size(), 0.0);
    for (int k = 0; k < 20; ++k) si.step(c);
    for (double v : c) CHECK(v == Approx(2.0).epsilon(1e-12));
}

#ifdef OSSIFY_USE_OPENMP
#include <omp.h>
TEST_CASE("OpenMP results are bit-identical for any thread count", "[signal][openmp]") {
    const grid3d g{33, 21, 17, 2.0_um};
    const diffusion_parameters p(80.0_um2_per_d, 0.5_per_d, boundary::periodic);
    std::vector<double> src(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) src[i] = static_cast<double>(i % 7);
    auto run = [&](int threads) {
        omp_set_num_threads(threads);
        implicit_solver<double, 3> si(g, p, 0.2_d);
        explicit_solver<double, 3> se(g, p, max_stable_step(g, p));
        auto a = lumpy(g), b = lumpy(g);
        for (int k = 0; k < 5; ++k) {
            si.step(a, src);
            se.step(b, src);
        }
        a.insert(a.end(), b.begin(), b.end());
        return a;
    };
    const auto one = run(1), three = run(3), four = run(4);
    CHECK(one == three);
    CHECK(one == four);
    // 2-D: blocks of x lines and chunks of y lines are shared out instead of planes.
    const grid2d g2{301, 77, 2.0_um};
    auto run2 = [&](int threads) {
        omp_set_num_threads(threads);
        implicit_solver<double, 2> si(g2, p, 0.2_d);
        auto a = lumpy(g2);
        for (int k = 0; k < 5; ++k) si.step(a);
        return a;
    };
    CHECK(run2(1) == run2(3));
}
#endif
