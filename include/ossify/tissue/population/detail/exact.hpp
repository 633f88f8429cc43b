/// @file
/// @brief Internal: exact stochastic simulation of the population model (Gillespie 1977's
/// direct method). Propensities are updated after every event. When no hazard reads the clock
/// or a variable, they are constant between events and the waiting time is exponential; the
/// variables then move linearly between events (their right-hand sides read counts only) or
/// are integrated. Otherwise the waiting time solves integral of the total propensity =
/// Exp(1), integrated with the variables by Dormand-Prince 5(4) with dense output.
#include "../../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_DETAIL_EXACT_HPP
#define OSSIFY_TISSUE_POPULATION_DETAIL_EXACT_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <variant>
#include <vector>

#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>

#include "step.hpp"

OSSIFY_NAMESPACE_BEGIN

template <class Spec, class Amount>
std::size_t population_model<Spec, Amount>::pick(const std::array<double, R>& a, double total) {
    const double target = state_.rng.uniform() * total;
    double acc = 0.0;
    for (std::size_t r = 0; r < R; ++r) {
        acc += a[r];
        if (target < acc) return r;
    }
    for (std::size_t r = R; r-- > 0;) {  // rounding at the top: the last channel with a > 0
        if (a[r] > 0.0) return r;
    }
    return R;
}

template <class Spec, class Amount>
void population_model<Spec, Amount>::advance_exact(double h) {
    step_hazards hz = start_step();
    if (hz.continuous) {
        advance_hybrid(h, hz);
        return;
    }
    auto& n = state_.cells;
    const double tolerance = std::get<stochastic>(method_).tolerance;
    std::array<double, V> f{};
    bool rates_read_counts = false;
    if constexpr (V > 0) {
        rates(view_of(n.data(), state_.variables.data(), state_.time), f, nullptr);
        for (unsigned r : hz.var_reads) rates_read_counts = rates_read_counts || (r & detail::reads_population) != 0;
    }
    std::array<double, R> a{};
    double t = 0.0;
    for (;;) {
        double total = 0.0;
        for (std::size_t r = 0; r < R; ++r) {
            a[r] = hz.k[r] * (table::from[r] == detail::no_state ? 1.0 : n[table::from[r]]);
            total += a[r];
        }
        if (!(total > 0.0)) break;
        const double wait = state_.rng.exponential(total);
        if (t + wait >= h) break;  // discarded: exact by memorylessness (the propensities are constant)
        if constexpr (V > 0) advance_variables(t, wait, hz, f, tolerance);
        t += wait;
        const std::size_t r = pick(a, total);
        fire(r, 1.0);
        ++state_.events;
        if (hz.any_varying) refresh(view_of(n.data(), state_.variables.data(), state_.time + t), hz, hz.k);
        if constexpr (V > 0) {
            if (rates_read_counts) rates(view_of(n.data(), state_.variables.data(), state_.time + t), f, nullptr);
        }
    }
    if constexpr (V > 0) advance_variables(t, h - t, hz, f, tolerance);
}

template <class Spec, class Amount>
void population_model<Spec, Amount>::advance_hybrid(double h, step_hazards& hz) {
    namespace odeint = boost::numeric::odeint;
    auto& n = state_.cells;
    const double tolerance = std::get<stochastic>(method_).tolerance;
    const double t0 = state_.time;
    // z = variables (scaled), then the integrated total propensity.
    std::vector<double> z(V + 1), zc(V + 1);
    std::array<double, R> a{};
    auto propensities = [&](const double* vars, double t) {
        std::array<double, R> k = hz.k;
        refresh(view_of(n.data(), vars, t0 + t), hz, k);
        double total = 0.0;
        for (std::size_t r = 0; r < R; ++r) {
            a[r] = k[r] * (table::from[r] == detail::no_state ? 1.0 : n[table::from[r]]);
            total += a[r];
        }
        return total;
    };
    auto system = [&](const std::vector<double>& y, std::vector<double>& dy, double t) {
        std::array<double, V> vars{};
        for (std::size_t j = 0; j < V; ++j) vars[j] = y[j] * var_scale_[j];
        dy[V] = propensities(vars.data(), t);
        if constexpr (V > 0) {
            std::array<double, V> g{};
            rates(view_of(n.data(), vars.data(), t0 + t), g, nullptr);
            for (std::size_t j = 0; j < V; ++j) dy[j] = g[j] / var_scale_[j];
        }
    };
    auto take = [&](const std::vector<double>& y) {
        for (std::size_t j = 0; j < V; ++j) state_.variables[j] = y[j] * var_scale_[j];
    };
    double t = 0.0;
    double dt = state_.dt_hint > 0.0 ? std::min(state_.dt_hint, h) : h / 16.0;
    try {
        while (t < h) {
            const double target = state_.rng.exponential(1.0);
            for (std::size_t j = 0; j < V; ++j) z[j] = state_.variables[j] / var_scale_[j];
            z[V] = 0.0;
            auto dense = odeint::make_dense_output(tolerance, tolerance, odeint::runge_kutta_dopri5<std::vector<double>>());
            dense.initialize(z, t, dt);
            double event = -1.0;
            for (;;) {
                const auto [ta, tb] = dense.do_step(system);
                dt = dense.current_time_step();
                const double end = std::min(tb, h);
                if (tb >= h) dense.calc_state(h, zc);
                const double reached = tb >= h ? zc[V] : dense.current_state()[V];
                if (!(std::abs(reached) <= detail::population_limit)) {
                    detail::integration_failed("propensity", t0 + tb, "a propensity passed 1e300 or is NaN");
                }
                if (reached >= target) {  // the event falls in [ta, end]: bisect the dense output
                    double lo = ta, hi = end;
                    for (int it = 0; it < 200 && hi - lo > 1e-15 * std::max(1.0, hi); ++it) {
                        const double mid = 0.5 * (lo + hi);
                        dense.calc_state(mid, zc);
                        (zc[V] < target ? lo : hi) = mid;
                    }
                    event = hi;
                    dense.calc_state(event, zc);
                    break;
                }
                if (tb >= h) break;
            }
            if (event < 0.0) {  // no event before the step ends
                take(zc);
                t = h;
                break;
            }
            take(zc);
            t = event;
            std::array<double, V> vars = state_.variables;
            const double total = propensities(vars.data(), t);
            if (!(total > 0.0)) continue;
            const std::size_t r = pick(a, total);
            if (r == R) continue;
            fire(r, 1.0);
            ++state_.events;
        }
    } catch (const odeint::odeint_error& e) {
        detail::integration_failed("stochastic", t0 + t, e.what());
    }
    state_.dt_hint = dt;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_DETAIL_EXACT_HPP
