// Reaction terms that read other fields and diffusivities that depend on the site:
// diffuse_variable against the constant-coefficient solver and an exact steady state; the
// coupling of two signals does not depend on their order.
#include <ossify/signal/explicit_solver.hpp>
#include <ossify/signal/implicit_solver.hpp>
#include <ossify/signal/variable_diffusion.hpp>

#include <cmath>
#include <random>

#include "unit/tissue/helpers.hpp"

using namespace tissue_test;

TEST_CASE("diffuse_variable with all factors 1 is the constant-coefficient LOD step", "[core][reaction]") {
    const grid2d g{40, 30, 10.0_um};
    const diffusion_parameters p(20.0_um2_per_s, 3.0_per_d);
    std::vector<double> a(g.size()), b, f(g.size(), 1.0), s(g.size(), 0.0), u(g.size(), 0.0);
    std::mt19937_64 rng(1);
    for (auto& v : a) v = std::uniform_real_distribution<double>(0.0, 10.0)(rng);
    for (std::size_t i = 0; i < g.size(); i += 7) s[i] = 50.0, u[i] = 2.0;
    b = a;
    implicit_solver<double, 2> solver(g, p, 1.0_h);
    for (int k = 0; k < 10; ++k) {
        solver.step(std::span<double>(a), s, u);
        diffuse_variable<double>(g, p, 1.0_h, std::span<double>(b), f, s, u);
    }
    double worst = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]) / (1.0 + a[i]));
    CHECK(worst < 1e-12);
}

TEST_CASE("diffuse_variable: the implicit system of harmonic face weights; mass conserved; a factor 0 isolates",
          "[core][reaction]") {
    {
    // 1-D (one row: the y sweep is the identity): one step against the tridiagonal system built
    // here from its definition, (1 + dt k + r (w_l + w_r)) c_i - r w_l c_{i-1} - r w_r c_{i+1} =
    // c_i^old (+ r w c0 at a fixed face), w the harmonic mean of the two sites' factors,
    // solved by plain Gaussian elimination.
    const grid2d g{40, 1, 10.0_um};
    diffusion_parameters p(10.0_um2_per_s, 2.0_per_d);
    p.set_boundary(0, 0, boundary::fixed).set_fixed_value(10.0_nM);
    std::vector<double> c(g.size()), f(g.size());
    std::mt19937_64 rng1(9);
    for (std::size_t i = 0; i < 40; ++i) {
        c[i] = std::uniform_real_distribution<double>(0.0, 4.0)(rng1);
        f[i] = i < 20 ? 1.0 : i == 30 ? 0.0 : 4.0;
    }
    const double dt = 0.5, r = 10.0 * 86400.0 * dt / 100.0, e = 2.0 * dt;
    std::vector<std::vector<double>> m(40, std::vector<double>(41, 0.0));
    for (std::size_t i = 0; i < 40; ++i) {
        const auto hm = [](double a, double b) { return a + b > 0.0 ? 2.0 * a * b / (a + b) : 0.0; };
        const double wl = i > 0 ? hm(f[i - 1], f[i]) : f[0];  // the fixed low face couples with f_0
        const double wr = i + 1 < 40 ? hm(f[i], f[i + 1]) : 0.0;
        m[i][i] = 1.0 + e + r * (wl + wr);
        if (i > 0) m[i][i - 1] = -r * wl;
        if (i + 1 < 40) m[i][i + 1] = -r * wr;
        m[i][40] = c[i] + (i == 0 ? r * wl * 10.0 : 0.0);
    }
    for (std::size_t i = 0; i < 40; ++i) {
        for (std::size_t j = i + 1; j < 40; ++j) {
            const double q = m[j][i] / m[i][i];
            for (std::size_t k = i; k <= 40; ++k) m[j][k] -= q * m[i][k];
        }
    }
    std::vector<double> x(40);
    for (std::size_t i = 40; i-- > 0;) {
        double v = m[i][40];
        for (std::size_t k = i + 1; k < 40; ++k) v -= m[i][k] * x[k];
        x[i] = v / m[i][i];
    }
    const double isolated = c[30];
    diffuse_variable<double>(g, p, duration::from_value(dt), std::span<double>(c), f);
    for (std::size_t i = 0; i < 40; ++i) CHECK(c[i] == Approx(x[i]).epsilon(1e-12));
    CHECK(c[30] == Approx(isolated / (1.0 + e)).epsilon(1e-14));  // a site with factor 0 only decays
    }
    // Mass conservation with no-flux faces and random factors (some zero).
    const grid3d g3{12, 10, 8, 10.0_um};
    const diffusion_parameters n3(30.0_um2_per_s, 0.0_per_d);
    std::vector<double> m(g3.size()), f3(g3.size());
    std::mt19937_64 rng(4);
    for (auto& v : m) v = std::uniform_real_distribution<double>(0.0, 5.0)(rng);
    for (auto& v : f3) v = rng() % 5 == 0 ? 0.0 : std::uniform_real_distribution<double>(0.1, 3.0)(rng);
    const auto total = [](const std::vector<double>& v) { double s = 0.0; for (const double x : v) s += x; return s; };
    const double before = total(m);
    const auto isolated = m[g3.index({5, 5, 5})];
    f3[g3.index({5, 5, 5})] = 0.0;
    for (int k = 0; k < 20; ++k) diffuse_variable<double>(g3, n3, 2.0_h, std::span<double>(m), f3);
    CHECK(total(m) == Approx(before).epsilon(1e-12));
    CHECK(m[g3.index({5, 5, 5})] == Approx(isolated).epsilon(1e-14));  // nothing crosses into or out of it
    // Periodic axes and negative factors are refused.
    diffusion_parameters per = n3;
    per.set_boundary(1, boundary::periodic);
    CHECK_THROWS_AS(diffuse_variable<double>(g3, per, 1.0_h, std::span<double>(m), f3), invalid_parameter);
    f3[0] = -1.0;
    CHECK_THROWS_AS(diffuse_variable<double>(g3, n3, 1.0_h, std::span<double>(m), f3), invalid_parameter);
}

namespace {
// An activator-inhibitor pair (Gierer-Meinhardt form, as in the calvarial models of Lee et al.
// 2019): da/dt = rho a^2 / h - mu a + sigma, dh/dt = rho a^2 - nu h; linear losses are uptakes.
struct activator {
    static constexpr std::string_view name = "activator";
    static diffusivity default_diffusivity() { return 0.5_um2_per_s; }
    static rate default_decay() { return 0.0_per_d; }
};
struct inhibitor {
    static constexpr std::string_view name = "inhibitor";
    static diffusivity default_diffusivity() { return 20.0_um2_per_s; }
    static rate default_decay() { return 0.0_per_d; }
};
struct activator_kinetics {
    template <class Site>
    void operator()(const Site& s, double& source, double& uptake) const {
        const double a = s.template field<activator>(), h = s.template field<inhibitor>();
        source += 2.0 * a * a / (h + 1e-3) + 0.05;
        uptake += 2.0;
    }
};
struct inhibitor_kinetics {
    template <class Site>
    void operator()(const Site& s, double& source, double& uptake) const {
        const double a = s.template field<activator>();
        source += 2.0 * a * a;
        uptake += 4.0;
    }
};
template <class Fields>
auto pair_tissue(Fields) {
    auto rules = rule_set<intramembranous_lineage>(proliferation<mesenchymal>(never()));
    basic_lattice_tissue t(rules, grid2d{24, 24, 10.0_um}, Fields{}, seed{2},
                           processes(diffuse_signals{reaction<activator>(activator_kinetics{}),
                                                     reaction<inhibitor>(inhibitor_kinetics{})}));
    auto a = t.template edit_field<activator>();
    std::mt19937_64 rng(3);
    for (auto& v : a) v = 1.0 + 0.1 * std::uniform_real_distribution<double>(-1.0, 1.0)(rng);
    for (auto& v : t.template edit_field<inhibitor>()) v = 0.5;
    return t;
}
}  // namespace

TEST_CASE("coupled reaction terms see every field at the start of the step, whatever the order of the signals",
          "[core][reaction]") {
    auto ah = pair_tissue(signals<activator, inhibitor>{});
    auto ha = pair_tissue(signals<inhibitor, activator>{});
    for (int k = 0; k < 30; ++k) {
        ah.step(1.0_h);
        ha.step(1.0_h);
    }
    for (std::size_t i = 0; i < ah.grid().size(); ++i) {
        REQUIRE(ah.field<activator>()[i] == ha.field<activator>()[i]);
        REQUIRE(ah.field<inhibitor>()[i] == ha.field<inhibitor>()[i]);
    }
    // The pair is active: the activator is no longer uniform.
    double lo = 1e9, hi = 0.0;
    for (const double v : ah.field<activator>()) lo = std::min(lo, v), hi = std::max(hi, v);
    CHECK(hi > lo);
}

namespace {
struct off_in_bone {
    template <class Site>
    double operator()(const Site& s) const { return s.matrix_fraction() >= 0.5 ? 0.0 : 1.0; }
};
}  // namespace

TEST_CASE("a site-dependent diffusivity of a signal: no transport into bone", "[core][reaction]") {
    auto rules = rule_set<intramembranous_lineage>(proliferation<mesenchymal>(never()));
    basic_lattice_tissue t(rules, grid2d{30, 10, 10.0_um}, signals<bmp2>{}, seed{1},
                           processes(diffuse_signals{diffusivity_factor<bmp2>(off_in_bone{})}));
    for (std::int32_t y = 0; y < 10; ++y) t.edit_matrix().assign(t.grid().index({15, y}), 1.0, 1.0);  // a wall of bone
    t.process<diffuse_signals>().add_source<bmp2>(box<2>{{0, 0}, {2, 9}}, 500.0_nM / 1.0_d);
    run_for(t, 2.0_d, 1.0_h);
    const auto c = t.field<bmp2>();
    CHECK(c[t.grid().index({10, 5})] > 1.0);
    CHECK(c[t.grid().index({15, 5})] == 0.0);
    CHECK(c[t.grid().index({20, 5})] == 0.0);
    // Without the factor the signal passes the wall.
    lattice_tissue u{rules, grid2d{30, 10, 10.0_um}, signals<bmp2>{}, seed{1}};
    for (std::int32_t y = 0; y < 10; ++y) u.edit_matrix().assign(u.grid().index({15, y}), 1.0, 1.0);
    u.process<diffuse_signals>().add_source<bmp2>(box<2>{{0, 0}, {2, 9}}, 500.0_nM / 1.0_d);
    run_for(u, 2.0_d, 1.0_h);
    CHECK(u.field<bmp2>()[u.grid().index({20, 5})] > 1e-3);
}

TEST_CASE("the solvers refuse a negative or NaN uptake and a NaN source, changing nothing", "[core][reaction]") {
    const grid2d g{8, 8, 10.0_um};
    const diffusion_parameters p(2.0_um2_per_s, 1.0_per_d);
    std::vector<double> c(g.size(), 1.0), s(g.size(), 0.0), u(g.size(), 0.0);
    u[5] = -0.5;
    explicit_solver<double, 2> ex(g, p, 10.0_s);
    implicit_solver<double, 2> im(g, p, 1.0_h);
    const auto msg = message_of<invalid_parameter>([&] { ex.step(std::span<double>(c), s, u); });
    CHECK(contains(msg, "uptake[5]"));
    CHECK_THROWS_AS(im.step(std::span<double>(c), s, u), invalid_parameter);
    u[5] = 0.0;
    s[3] = std::nan("");
    CHECK_THROWS_AS(ex.step(std::span<double>(c), s, u), invalid_parameter);
    for (const double v : c) REQUIRE(v == 1.0);
}

TEST_CASE("a signal's transport parameters are read from a const tissue", "[core][reaction]") {
    lattice_tissue t{rule_set<intramembranous_lineage>(proliferation<mesenchymal>(never())), grid2d{8, 8, 10.0_um},
                     signals<bmp2>{}, seed{1}};
    t.process<diffuse_signals>().decay_of<bmp2>(2.0_per_d);
    const auto& ct = t;
    CHECK(ct.process<diffuse_signals>().parameters<bmp2>().decay().value() == 2.0);
    CHECK(ct.process<diffuse_signals>().parameters<bmp2>() == t.process<diffuse_signals>().parameters<bmp2>());
    // A signal the tissue does not carry is refused, as when it is set.
    CHECK_THROWS_AS(ct.process<diffuse_signals>().parameters<noggin>(), invalid_parameter);
}
