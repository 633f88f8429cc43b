/// @file
/// @brief Internal: what every method of the population model does at the start and end of a
/// step (hazards evaluated and classified, infinite hazards acted on at once, overflow
/// refused), firing a channel, advancing the variables with the counts frozen, and the
/// adaptive integration of a span with Boost.Odeint's Dormand-Prince 5(4).
#include "../../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_DETAIL_STEP_HPP
#define OSSIFY_TISSUE_POPULATION_DETAIL_STEP_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include "../../../error.hpp"
#include "../../../random/distributions.hpp"
#include "../model.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// @brief The largest count or variable a population model holds.
inline constexpr double population_limit = 1e300;

[[noreturn, gnu::cold, gnu::noinline]] inline void integration_failed(const char* what, double t, const std::string& why) {
    throw model_error(std::string("ossify::population_model: the ") + what + " integration failed at day " +
                      format_value(t) + " (" + why + "): a rate grows without bound or jumps; check the model");
}

/**
 * @brief Integrates dx/dt = system(x, t) over [t0, t1] with adaptive Dormand-Prince 5(4) steps
 * under absolute and relative tolerances, starting with step `dt` and leaving in it the
 * step size to start the next span with. Throws model_error when the step size collapses or
 * a component passes 1e300 or becomes NaN.
 */
template <class System>
void integrate_span(System&& system, std::vector<double>& x, double t0, double t1, double abs_tol, double rel_tol,
                    double& dt, const char* what) {
    namespace odeint = boost::numeric::odeint;
    auto stepper = odeint::make_controlled(abs_tol, rel_tol, odeint::runge_kutta_dopri5<std::vector<double>>());
    double t = t0;
    if (!(dt > 0.0) || dt > t1 - t0) dt = t1 - t0;
    int fails = 0;
    while (t1 - t > 1e-13 * std::max(1.0, std::abs(t1))) {
        const double planned = std::min(dt, t1 - t);
        double h = planned;
        if (odeint::controlled_step_result r = stepper.try_step(system, x, t, h); r == odeint::success) {
            fails = 0;
            if (planned == dt) dt = h;  // a step shortened to land on t1 keeps the previous suggestion
            for (double v : x) {
                if (!(std::abs(v) <= population_limit)) integration_failed(what, t, "a value passed 1e300 or is NaN");
            }
        } else {
            dt = h;
            if (++fails > 500 || !(dt > 1e-12 * std::max(1.0, t1 - t0))) integration_failed(what, t, "step size underflow");
        }
    }
}

}  // namespace detail

template <class Spec, class Amount>
auto population_model<Spec, Amount>::start_step() -> step_hazards {
    step_hazards hz;
    auto& n = state_.cells;
    const bool mean = method_.index() == 0;
    for (std::size_t pass = 0; pass <= N; ++pass) {
        evaluate(view_of(n.data(), state_.variables.data(), state_.time), hz.k, &hz.reads, nullptr);
        bool any = false;
        for (std::size_t s = 0; s < N; ++s) {
            if (!(n[s] > 0.0)) continue;
            double w_total = 0.0;
            std::size_t last = R;
            for (std::size_t r = 0; r < R; ++r) {
                if (table::from[r] == s && std::isinf(hz.k[r])) {
                    w_total += weights_[r];
                    last = r;
                }
            }
            if (last == R) continue;
            any = true;
            const double all = n[s];
            n[s] = 0.0;
            double left = all, w_left = w_total;
            for (std::size_t r = 0; r <= last; ++r) {
                if (table::from[r] != s || !std::isinf(hz.k[r])) continue;
                double moved = left;
                if (r != last) {
                    moved = mean ? std::min(left, all * (weights_[r] / w_total))
                                 : static_cast<double>(random::binomial(state_.rng, static_cast<std::uint64_t>(left),
                                                                        std::clamp(weights_[r] / w_left, 0.0, 1.0)));
                }
                left -= moved;
                w_left -= weights_[r];
                if (table::kind[r] == detail::channel_kind::transition) n[table::to[r]] += moved;
                state_.fires[r] += moved;
            }
            if (!mean) state_.events += static_cast<std::uint64_t>(all);
        }
        if (!any) break;
    }
    for (std::size_t r = 0; r < R; ++r) {
        if (std::isinf(hz.k[r])) hz.k[r] = 0.0;  // its state is empty now: infinite hazards act at the step start
        else hz.varying[r] = hz.reads[r] != 0;
        hz.any_varying = hz.any_varying || hz.varying[r];
        hz.continuous = hz.continuous || (hz.varying[r] && (hz.reads[r] & (detail::reads_clock | detail::reads_variables)) != 0);
    }
    if constexpr (V > 0) {
        std::array<double, V> f{};
        rates(view_of(n.data(), state_.variables.data(), state_.time), f, &hz.var_reads);
        for (unsigned r : hz.var_reads) hz.vars_continuous = hz.vars_continuous || (r & (detail::reads_clock | detail::reads_variables)) != 0;
    }
    return hz;
}

/// Re-evaluates the varying channels; an infinite value within a step is refused.
template <class Spec, class Amount>
void population_model<Spec, Amount>::refresh(const detail::population_view& v, const step_hazards& hz,
                                             std::array<double, R>& k) const {
    evaluate(v, k, nullptr, &hz.varying);
    for (std::size_t r = 0; r < R; ++r) {
        if (hz.varying[r] && std::isinf(k[r])) {
            detail::bad_channel_value(r, table::name(r), k[r], "hazard (d^-1), which became infinite within a step,",
                                      "finite within a step (infinite hazards act only at the start of a step)");
        }
    }
}

template <class Spec, class Amount>
void population_model<Spec, Amount>::change(std::array<double, N>& n, std::size_t r, double times) noexcept {
    switch (table::kind[r]) {
        case detail::channel_kind::transition:
            n[table::from[r]] -= times;
            n[table::to[r]] += times;
            break;
        case detail::channel_kind::proliferation: n[table::from[r]] += times; break;
        case detail::channel_kind::death: n[table::from[r]] -= times; break;
        case detail::channel_kind::influx: n[table::to[r]] += times; break;
        case detail::channel_kind::division:
            n[table::from[r]] -= times;
            n[table::to[r]] += times;
            n[table::second[r]] += times;
            break;
    }
}

template <class Spec, class Amount>
void population_model<Spec, Amount>::fire(std::size_t r, double times) noexcept {
    change(state_.cells, r, times);
    state_.fires[r] += times;
}

template <class Spec, class Amount>
void population_model<Spec, Amount>::advance_variables(double t_start, double dt, const step_hazards& hz,
                                                       std::array<double, V>& f, double tolerance) {
    if constexpr (V > 0) {
        if (!hz.vars_continuous) {  // the right-hand sides read counts only: constant between events
            for (std::size_t j = 0; j < V; ++j) state_.variables[j] += f[j] * dt;
            return;
        }
        std::vector<double> z(V);
        for (std::size_t j = 0; j < V; ++j) z[j] = state_.variables[j] / var_scale_[j];
        auto system = [&](const std::vector<double>& y, std::vector<double>& dy, double t) {
            std::array<double, V> x{}, g{};
            for (std::size_t j = 0; j < V; ++j) x[j] = y[j] * var_scale_[j];
            rates(view_of(state_.cells.data(), x.data(), state_.time + t), g, nullptr);
            for (std::size_t j = 0; j < V; ++j) dy[j] = g[j] / var_scale_[j];
        };
        detail::integrate_span(system, z, t_start, t_start + dt, tolerance, tolerance, state_.dt_hint, "variables'");
        for (std::size_t j = 0; j < V; ++j) state_.variables[j] = z[j] * var_scale_[j];
    } else {
        (void)t_start, (void)dt, (void)hz, (void)f, (void)tolerance;
    }
}

template <class Spec, class Amount>
void population_model<Spec, Amount>::check_finite() const {
    const double limit = method_.index() == 1 ? 9007199254740992.0 : detail::population_limit;
    for (std::size_t s = 0; s < N; ++s) {
        const double c = state_.cells[s];
        if (!(c >= -1e-9 * std::max(1.0, cell_count()) && c <= limit)) {
            throw model_error("ossify::population_model: the count of " + std::string(lineage_type::name(s)) + " is " +
                              format_value(c) + " at day " + format_value(state_.time) +
                              (method_.index() == 1 ? "; the exact method holds counts up to 2^53 (use tau_leap or "
                                                      "mean_field for larger populations)"
                                                    : "; a population past 1e300, negative or NaN is refused: check "
                                                      "the model's rates"));
        }
    }
    for (std::size_t j = 0; j < V; ++j) {
        if (!(std::abs(state_.variables[j]) <= detail::population_limit)) {
            throw model_error("ossify::population_model: a variable is " + format_value(state_.variables[j]) +
                              " at day " + format_value(state_.time) + "; values past 1e300 or NaN are refused");
        }
    }
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_DETAIL_STEP_HPP
