/// @file
/// @brief Internal: the mean-field method of the population model. Cells (in count units),
/// variables and the expected number of firings of every rule are integrated together by
/// adaptive Dormand-Prince 5(4); the hazards that read counts, variables or the clock, the
/// influxes and the variables' right-hand sides are evaluated inside the right-hand side, so
/// the integrator's error control covers the feedback.
#include "../../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_DETAIL_MEAN_FIELD_HPP
#define OSSIFY_TISSUE_POPULATION_DETAIL_MEAN_FIELD_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <variant>
#include <vector>

#include "step.hpp"

OSSIFY_NAMESPACE_BEGIN

template <class Spec, class Amount>
void population_model<Spec, Amount>::advance_mean_field(double h) {
    step_hazards hz = start_step();
    const auto& mf = std::get<mean_field>(method_);
    // The state: cells (count units), variables, cumulative firings; each scaled so that one
    // absolute tolerance suits all (cells and firings by cell_scale_, variables by their size).
    constexpr std::size_t F = N + V;
    std::vector<double> x(N + V + R);
    for (std::size_t i = 0; i < N; ++i) x[i] = state_.cells[i] / cell_scale_;
    for (std::size_t j = 0; j < V; ++j) x[N + j] = state_.variables[j] / var_scale_[j];
    for (std::size_t r = 0; r < R; ++r) x[F + r] = state_.fires[r] / cell_scale_;
    const double t0 = state_.time;
    auto system = [&](const std::vector<double>& z, std::vector<double>& dz, double t) {
        std::array<double, N> cells{};
        std::array<double, V> vars{};
        for (std::size_t i = 0; i < N; ++i) cells[i] = std::max(0.0, z[i] * cell_scale_);
        for (std::size_t j = 0; j < V; ++j) vars[j] = z[N + j] * var_scale_[j];
        const auto v = view_of(cells.data(), vars.data(), t0 + t);
        std::array<double, R> k = hz.k;
        if (hz.any_varying) refresh(v, hz, k);
        std::array<double, N> d{};
        for (std::size_t r = 0; r < R; ++r) {
            const double flux = k[r] * (table::from[r] == detail::no_state ? 1.0 : cells[table::from[r]]);
            dz[F + r] = flux / cell_scale_;
            switch (table::kind[r]) {
                case detail::channel_kind::transition:
                    d[table::from[r]] -= flux;
                    d[table::to[r]] += flux;
                    break;
                case detail::channel_kind::proliferation: d[table::from[r]] += flux; break;
                case detail::channel_kind::death: d[table::from[r]] -= flux; break;
                case detail::channel_kind::influx: d[table::to[r]] += flux; break;
                case detail::channel_kind::division:
                    d[table::from[r]] -= flux;
                    d[table::to[r]] += flux;
                    d[table::second[r]] += flux;
                    break;
            }
        }
        for (std::size_t i = 0; i < N; ++i) dz[i] = d[i] / cell_scale_;
        if constexpr (V > 0) {
            std::array<double, V> f{};
            rates(v, f, nullptr);
            for (std::size_t j = 0; j < V; ++j) dz[N + j] = f[j] / var_scale_[j];
        }
    };
    detail::integrate_span(system, x, 0.0, h, mf.absolute_tolerance, mf.relative_tolerance, state_.dt_hint,
                           "mean-field");
    for (std::size_t i = 0; i < N; ++i) state_.cells[i] = std::max(0.0, x[i] * cell_scale_);
    for (std::size_t j = 0; j < V; ++j) state_.variables[j] = x[N + j] * var_scale_[j];
    for (std::size_t r = 0; r < R; ++r) state_.fires[r] = x[F + r] * cell_scale_;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_DETAIL_MEAN_FIELD_HPP
