// Built-in policies, combinators and their input checks, evaluated through the context a
// tissue hands them (cell_context over a well-mixed environment).
#include <ossify/cell.hpp>
#include <ossify/signal/signals.hpp>
#include <ossify/tissue/environment.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
const double not_a_number = std::numeric_limits<double>::quiet_NaN();

/// The hazard (1/d) of p for a cell that has spent `t_days` in its state, in env.
template <class P>
double k_of(const P& p, const well_mixed_environment& env, double t_days = 0.0) {
    return p.hazard(cell_context<well_mixed_environment>(env, t_days, 0.0)).value();
}
template <class P>
double change_of(const P& p, const well_mixed_environment& env, double t_days) {
    return p.next_change(cell_context<well_mixed_environment>(env, t_days, 0.0)).value();
}

/// Runs f, which must throw invalid_parameter naming `name` in its message.
template <class F>
void require_refused(F&& f, const std::string& name) {
    try {
        f();
        FAIL("no exception; expected invalid_parameter naming " << name);
    } catch (const invalid_parameter& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find(name) != std::string::npos);
    }
}
}  // namespace

TEST_CASE("hazard(k) is constant and refuses bad rates", "[transition][policy]") {
    const well_mixed_environment env;
    CHECK(k_of(hazard(0.3_per_d), env) == Approx(0.3));
    CHECK(k_of(hazard(2.0_per_h), env) == Approx(48.0));
    CHECK(k_of(hazard(0.0_per_d), env) == 0.0);
    require_refused([] { (void)hazard(-0.1_per_d); }, "rate");
    require_refused([] { (void)hazard(rate::from_value(not_a_number)); }, "rate");
    require_refused([] { (void)hazard(rate::from_value(inf)); }, "rate");
}

TEST_CASE("immediately() is infinite, never() is zero", "[transition][policy]") {
    const well_mixed_environment env;
    CHECK(k_of(immediately(), env) == inf);
    CHECK(k_of(never(), env) == 0.0);
}

TEST_CASE("after(d) is closed before d and infinite from d on", "[transition][policy]") {
    const well_mixed_environment env;
    const auto p = after(3.0_d);
    CHECK(k_of(p, env, 0.0) == 0.0);
    CHECK(k_of(p, env, 2.999) == 0.0);
    CHECK(k_of(p, env, 3.0) == inf);
    CHECK(k_of(p, env, 10.0) == inf);
    CHECK(change_of(p, env, 1.0) == Approx(2.0));
    CHECK(change_of(p, env, 4.0) == inf);  // open: nothing changes any more
    CHECK(k_of(after(0.0_d), env, 0.0) == inf);
    require_refused([] { (void)after(-1.0_d); }, "delay");
    require_refused([] { (void)after(duration::from_value(not_a_number)); }, "delay");
}

TEST_CASE("hill<S> computes kmax c^n / (K^n + c^n)", "[transition][policy]") {
    well_mixed_environment env;
    const auto p = hill<bmp2>(5.0_nM, 2.0, 0.8_per_d);
    CHECK(k_of(p, env) == 0.0);  // unset signal: 0 nM
    env.set_signal<bmp2>(5.0_nM);
    CHECK(k_of(p, env) == Approx(0.4).epsilon(1e-14));
    env.set_signal<bmp2>(10.0_nM);
    CHECK(k_of(p, env) == Approx(0.8 * 100.0 / (25.0 + 100.0)).epsilon(1e-14));
    env.set_signal<bmp2>(1.0_nM);
    CHECK(k_of(p, env) == Approx(0.8 * 1.0 / (25.0 + 1.0)).epsilon(1e-14));
    // A fractional coefficient, and a different signal is not read.
    const auto q = hill<bmp2>(2.0_nM, 0.5, 1.0_per_d);
    CHECK(k_of(q, env) == Approx(1.0 / (std::sqrt(2.0) + 1.0)).epsilon(1e-14));
    CHECK(k_of(hill<vegf>(2.0_nM, 1.0, 1.0_per_d), env) == 0.0);
    // Far above K the hazard saturates at kmax (c^n overflows a double).
    env.set_signal<bmp2>(concentration::from_value(1e300));
    CHECK(k_of(hill<bmp2>(1e-3_nM, 4.0, 0.8_per_d), env) == Approx(0.8));
    env.set_signal<bmp2>(concentration::from_value(1e-300));
    CHECK(k_of(hill<bmp2>(1e3_nM, 4.0, 0.8_per_d), env) == 0.0);

    require_refused([] { (void)hill<bmp2>(5.0_nM, 0.0, 1.0_per_d); }, "coefficient");
    require_refused([] { (void)hill<bmp2>(5.0_nM, -1.0, 1.0_per_d); }, "coefficient");
    require_refused([] { (void)hill<bmp2>(5.0_nM, not_a_number, 1.0_per_d); }, "coefficient");
    require_refused([] { (void)hill<bmp2>(0.0_nM, 2.0, 1.0_per_d); }, "half_max");
    require_refused([] { (void)hill<bmp2>(5.0_nM, 2.0, -1.0_per_d); }, "max");
    require_refused([] { (void)hill<bmp2>(5.0_nM, 2.0, rate::from_value(not_a_number)); }, "max");
}

TEST_CASE("threshold<S> is k at and above c0, 0 below", "[transition][policy]") {
    well_mixed_environment env;
    const auto p = threshold<bmp2>(2.0_nM, 0.5_per_d);
    env.set_signal<bmp2>(1.999_nM);
    CHECK(k_of(p, env) == 0.0);
    env.set_signal<bmp2>(2.0_nM);
    CHECK(k_of(p, env) == Approx(0.5));
    env.set_signal<bmp2>(50.0_nM);
    CHECK(k_of(p, env) == Approx(0.5));
    CHECK(k_of(threshold<bmp2>(2.0_nM, rate::from_value(inf)), env) == inf);
    require_refused([] { (void)threshold<bmp2>(-1.0_nM, 0.5_per_d); }, "threshold");
    require_refused([] { (void)threshold<bmp2>(1.0_nM, -0.5_per_d); }, "rate");
    require_refused([] { (void)threshold<bmp2>(1.0_nM, rate::from_value(not_a_number)); }, "rate");
}

TEST_CASE("entrapped(f, k) switches on at the mineralised fraction f", "[transition][policy]") {
    well_mixed_environment env;
    env.set_entrapment(0.49);
    CHECK(k_of(entrapped(0.5), env) == 0.0);
    env.set_entrapment(0.5);
    CHECK(k_of(entrapped(0.5), env) == inf);  // default: at once
    CHECK(k_of(entrapped(0.5, 2.0_per_d), env) == Approx(2.0));
    require_refused([] { (void)entrapped(1.5); }, "fraction");
    require_refused([] { (void)entrapped(-0.1); }, "fraction");
    require_refused([] { (void)entrapped(not_a_number); }, "fraction");
    require_refused([] { (void)entrapped(0.5, -1.0_per_d); }, "rate");
    require_refused([&] { env.set_entrapment(1.01); }, "fraction");
    CHECK(env.entrapment() == 0.5);  // the refused call changed nothing
}

TEST_CASE("&& takes the smaller hazard, || adds, * scales", "[transition][policy]") {
    well_mixed_environment env;
    const auto a = hazard(0.3_per_d);
    const auto b = hazard(0.5_per_d);
    CHECK(k_of(a && b, env) == Approx(0.3));
    CHECK(k_of(a || b, env) == Approx(0.8));
    CHECK(k_of(all_of(a, b), env) == Approx(0.3));
    CHECK(k_of(any_of(a, b), env) == Approx(0.8));
    CHECK(k_of(2.0 * a, env) == Approx(0.6));
    CHECK(k_of(a * 0.5, env) == Approx(0.15));
    CHECK(k_of(scaled(b, 3.0), env) == Approx(1.5));
    CHECK(k_of(2.0 * (a || b), env) == Approx(1.6));

    // Infinite hazards: "now" wins an || and loses an &&; a factor 0 switches a route off.
    CHECK(k_of(immediately() || a, env) == inf);
    CHECK(k_of(immediately() && a, env) == Approx(0.3));
    CHECK(k_of(0.0 * immediately(), env) == 0.0);
    CHECK(k_of(0.25 * immediately(), env) == inf);

    // after(d) && hazard(k): 0 before d, k after; the change time is the delay's.
    const auto gated = after(2.0_d) && hazard(0.4_per_d);
    CHECK(k_of(gated, env, 1.0) == 0.0);
    CHECK(k_of(gated, env, 2.5) == Approx(0.4));
    CHECK(change_of(gated, env, 0.5) == Approx(1.5));
    CHECK(change_of(gated, env, 2.5) == inf);
    // after(d) || hazard(k): k before d, "now" after.
    const auto either = after(2.0_d) || hazard(0.4_per_d);
    CHECK(k_of(either, env, 1.0) == Approx(0.4));
    CHECK(k_of(either, env, 2.0) == inf);

    // A signal gate: BMP2 above 1 nM and not before 1 d.
    const auto signal_gated = threshold<bmp2>(1.0_nM, 0.7_per_d) && after(1.0_d);
    env.set_signal<bmp2>(2.0_nM);
    CHECK(k_of(signal_gated, env, 0.5) == 0.0);
    CHECK(k_of(signal_gated, env, 1.5) == Approx(0.7));
    env.set_signal<bmp2>(0.5_nM);
    CHECK(k_of(signal_gated, env, 1.5) == 0.0);

    require_refused([&] { (void)(-1.0 * a); }, "factor");
    require_refused([&] { (void)scaled(a, not_a_number); }, "factor");
    require_refused([&] { (void)(a * inf); }, "factor");
}

TEST_CASE("policy_fn wraps a lambda that reads the context", "[transition][policy]") {
    well_mixed_environment env;
    const auto p = policy_fn([](const auto& ctx) {
        return 0.1_per_d + 0.05_per_d * (ctx.template signal<vegf>() / 1.0_nM);
    });
    CHECK(k_of(p, env) == Approx(0.1));
    env.set_signal<vegf>(4.0_nM);
    CHECK(k_of(p, env) == Approx(0.3));
    // A lambda reading the time in state.
    const auto aging = policy_fn([](const auto& ctx) { return 0.2_per_d * (ctx.time_in_state() / 1.0_d); });
    CHECK(k_of(aging, env, 3.0) == Approx(0.6));
    // It combines like any policy.
    CHECK(k_of(p && hazard(0.2_per_d), env) == Approx(0.2));
}

TEST_CASE("branches and fate splits refuse bad probabilities", "[transition][policy]") {
    require_refused([] { (void)branch<osteogenic>(1.5); }, "probability");
    require_refused([] { (void)branch<osteogenic>(-0.1); }, "probability");
    require_refused([] { (void)branch<osteogenic>(not_a_number); }, "probability");
    require_refused(
        [] {
            (void)fate_split<mesenchymal>(hazard(0.5_per_d), branch<osteogenic>(0.7),
                                          branch<endothelial>(0.2));
        },
        "sum of branch probabilities");
    require_refused(
        [] {
            (void)fate_split<mesenchymal>(hazard(0.5_per_d), branch<osteogenic>(0.7),
                                          branch<endothelial>(0.7));
        },
        "sum of branch probabilities");

    // A valid split is a tuple of transitions with hazards k * p.
    const well_mixed_environment env;
    const auto split = fate_split<mesenchymal>(hazard(0.5_per_d), branch<osteogenic>(0.8),
                                               branch<endothelial>(0.2));
    CHECK(k_of(std::get<0>(split).policy, env) == Approx(0.4));
    CHECK(k_of(std::get<1>(split).policy, env) == Approx(0.1));
}
