/// @file
/// @brief Internal: tau-leaping for the population model. A leap of length tau fires each
/// non-critical channel j a Poisson(a_j tau) number of times, with a_j its propensity at the
/// estimated midpoint of the leap (the state moved by half the expected change: Gillespie
/// 2001, J Chem Phys 115:1716), which makes the mean second-order accurate in tau.
/// The leap is chosen as in Cao, Gillespie & Petzold 2006 (J Chem Phys 124:044109): the
/// expected change of every count x_i and its standard deviation stay within
/// max(epsilon x_i / g_i, 1), with g_i = 1 (every propensity is first order in its source
/// count) or 2 when a hazard reads the counts (feedback, as for a second-order reaction);
/// and, so that a leap never outruns the relaxation of a state (explicit leaping is unstable
/// past 2 / hazard), no state expects to lose more than epsilon of its cells to its own
/// hazards in one leap. Channels within 10 firings of emptying a state are critical: at most
/// one of them fires per leap, drawn exactly. Where a leap would be shorter than 10 mean
/// waiting times, 100 exact steps are taken instead. A leap that would make a count negative
/// is halved and drawn again.
#include "../../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_DETAIL_TAU_LEAP_HPP
#define OSSIFY_TISSUE_POPULATION_DETAIL_TAU_LEAP_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <variant>

#include "../../../random/distributions.hpp"
#include "exact.hpp"
#include "step.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief A Poisson(mean) count: exact up to 2^53, a rounded normal approximation above
/// (relative error of the approximation ~1e-8 there).
inline double poisson_count(random::stream& s, double mean) {
    if (mean <= random::poisson_max_mean) return static_cast<double>(random::poisson(s, mean));
    const double u1 = s.uniform(), u2 = s.uniform();
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);  // Box-Muller
    return std::max(0.0, std::round(mean + std::sqrt(mean) * z));
}
}  // namespace detail

template <class Spec, class Amount>
void population_model<Spec, Amount>::advance_tau_leap(double h) {
    step_hazards hz = start_step();
    const auto& method = std::get<tau_leap>(method_);
    constexpr double critical_firings = 10.0;  // n_c of Cao et al. 2006
    auto& n = state_.cells;
    // Net change of every count when each channel fires once.
    std::array<std::array<double, N>, R> nu{};
    for (std::size_t r = 0; r < R; ++r) change(nu[r], r, 1.0);
    bool feedback = false, reads_variables = false;
    for (std::size_t r = 0; r < R; ++r) {
        feedback = feedback || (hz.varying[r] && (hz.reads[r] & detail::reads_population) != 0);
        reads_variables = reads_variables || (hz.varying[r] && (hz.reads[r] & detail::reads_variables) != 0);
    }
    const double g = feedback ? 2.0 : 1.0;
    std::array<double, V> f{};
    std::array<double, R> a{}, fired{};
    std::array<bool, R> critical{};
    double t = 0.0;
    int exact_steps = 0;
    while (t < h) {
        const auto v = view_of(n.data(), state_.variables.data(), state_.time + t);
        if (hz.any_varying) refresh(v, hz, hz.k);
        if constexpr (V > 0) rates(v, f, nullptr);
        double total = 0.0;
        for (std::size_t r = 0; r < R; ++r) {
            a[r] = hz.k[r] * (table::from[r] == detail::no_state ? 1.0 : n[table::from[r]]);
            total += a[r];
        }
        if (!(total > 0.0)) break;
        if (exact_steps > 0) {  // an exact step (propensities frozen over the wait)
            --exact_steps;
            const double wait = state_.rng.exponential(total);
            if (t + wait >= h) break;
            advance_variables(t, wait, hz, f, method.tolerance);
            t += wait;
            fire(pick(a, total), 1.0);
            ++state_.events;
            continue;
        }
        // Critical channels, and the leap that bounds the change of the counts (Cao 2006, eq. 33).
        double total_critical = 0.0;
        std::array<double, N> mu{}, sigma2{};
        for (std::size_t r = 0; r < R; ++r) {
            critical[r] = false;
            if (!(a[r] > 0.0)) continue;
            for (std::size_t i = 0; i < N; ++i) {
                if (nu[r][i] < 0.0 && std::floor(n[i] / -nu[r][i]) < critical_firings) critical[r] = true;
            }
            if (critical[r]) {
                total_critical += a[r];
                continue;
            }
            for (std::size_t i = 0; i < N; ++i) {
                mu[i] += nu[r][i] * a[r];
                sigma2[i] += nu[r][i] * nu[r][i] * a[r];
            }
        }
        double tau1 = std::numeric_limits<double>::infinity();
        std::array<double, N> outflow{};  // hazard per cell of leaving each state, non-critical channels
        for (std::size_t r = 0; r < R; ++r) {
            if (critical[r] || !(a[r] > 0.0) || table::from[r] == detail::no_state) continue;
            if (nu[r][table::from[r]] < 0.0) outflow[table::from[r]] += hz.k[r];
        }
        for (std::size_t i = 0; i < N; ++i) {
            const double bound = std::max(method.epsilon * n[i] / g, 1.0);
            if (mu[i] != 0.0) tau1 = std::min(tau1, bound / std::abs(mu[i]));
            if (sigma2[i] > 0.0) tau1 = std::min(tau1, bound * bound / sigma2[i]);
            if (outflow[i] > 0.0) tau1 = std::min(tau1, method.epsilon / outflow[i]);
        }
        if (reads_variables) {  // a hazard reads a variable: bound its relative change too
            for (std::size_t j = 0; j < V; ++j) {
                const double x = std::max(std::abs(state_.variables[j]), var_scale_[j]);
                if (f[j] != 0.0) tau1 = std::min(tau1, method.epsilon * x / std::abs(f[j]));
            }
        }
        if (tau1 < critical_firings / total) {  // leaping would not pay: exact steps
            exact_steps = 100;
            continue;
        }
        const double tau2 = total_critical > 0.0 ? state_.rng.exponential(total_critical)
                                                 : std::numeric_limits<double>::infinity();
        for (;;) {
            double tau = std::min(tau1, h - t);
            const bool one_critical = tau2 <= tau;
            if (one_critical) tau = tau2;
            // Propensities at the estimated midpoint of the leap.
            std::array<double, N> mid{};
            std::array<double, V> vars_mid = state_.variables;
            for (std::size_t i = 0; i < N; ++i) mid[i] = std::max(0.0, n[i] + 0.5 * tau * mu[i]);
            if constexpr (V > 0) {
                for (std::size_t j = 0; j < V; ++j) vars_mid[j] += 0.5 * tau * f[j];
            }
            std::array<double, R> k_mid = hz.k;
            if (hz.any_varying) refresh(view_of(mid.data(), vars_mid.data(), state_.time + t + 0.5 * tau), hz, k_mid);
            std::array<double, N> trial = n;
            fired.fill(0.0);
            for (std::size_t r = 0; r < R; ++r) {
                if (critical[r] || !(a[r] > 0.0)) continue;
                const double a_mid = k_mid[r] * (table::from[r] == detail::no_state ? 1.0 : mid[table::from[r]]);
                fired[r] = detail::poisson_count(state_.rng, a_mid * tau);
                if (fired[r] > 0.0) change(trial, r, fired[r]);
            }
            if (one_critical) {
                std::array<double, R> ac{};
                for (std::size_t r = 0; r < R; ++r) ac[r] = critical[r] ? a[r] : 0.0;
                const std::size_t c = pick(ac, total_critical);
                if (c < R) {
                    fired[c] += 1.0;
                    change(trial, c, 1.0);
                }
            }
            bool negative = false;
            for (double x : trial) negative = negative || x < 0.0;
            if (negative) {  // too long: halve the leap and draw again
                tau1 *= 0.5;
                continue;
            }
            advance_variables(t, tau, hz, f, method.tolerance);  // with the counts of the leap start
            n = trial;
            double count = 0.0;
            for (std::size_t r = 0; r < R; ++r) {
                state_.fires[r] += fired[r];
                count += fired[r];
            }
            state_.events += static_cast<std::uint64_t>(count);
            t += tau;
            for (double x : n) {
                if (!(x <= detail::population_limit)) {
                    throw model_error("ossify::population_model: a count passed 1e300 at day " +
                                      format_value(state_.time + t) + "; check the model's rates");
                }
            }
            break;
        }
    }
    if (t < h) advance_variables(t, h - t, hz, f, method.tolerance);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_DETAIL_TAU_LEAP_HPP
