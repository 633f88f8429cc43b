/// @file
/// @brief A virtual population for the calvaria: each replicate of an ensemble is an individual
/// whose head-growth centile, osteoprogenitor proliferation and apposition rates are drawn from
/// documented distributions (individual_parameters), and the closure ages of its fontanelles and
/// sutures become population fractions by age.
///
/// ```cpp
/// ossify::ensemble_options e;
/// e.replicates = 40;
/// e.prepare = ossify::vault::population_prepare(ossify::seed{7});
/// const auto pop = ossify::run_ensemble<ossify::calvaria>(options, params, e);
/// const auto table = ossify::vault::closure_fractions(pop, ossify::calvaria::birth_time(params));
/// ```
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_POPULATION_HPP
#define OSSIFY_SCENARIO_CALVARIA_POPULATION_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "../../random/counter_rng.hpp"
#include "../../random/seed.hpp"
#include "../ensemble.hpp"
#include "model.hpp"
#include "vault_gaps.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief A standard normal draw from two uniforms (Box-Muller).
[[nodiscard]] inline double standard_normal(double u1, double u2) noexcept {
    return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * 3.141592653589793 * u2);
}

/// @brief Draws individual `replicate` of the population `population` into p.individual:
/// hc_z ~ N(0, 1) (INTERGROWTH-21st centiles, clipped to +-3.5), front_factor ~ exp(N(0, 0.2))
/// (assumed), apposition_factor ~ N(1, 0.073) (fetal periosteal MAR 4.1 +- 0.3 um/d, Bone 1991;
/// clipped to [0.5, 1.5]). The same (population, replicate) always gives the same individual.
inline void draw_individual(calvaria_parameters& p, ossify::seed population, std::uint64_t replicate) {
    const auto d = random::counter_rng(population).bind(replicate, random::purpose::user + 42);
    const auto z = [&](std::uint32_t k) { return standard_normal(d.uniform(k, 0), d.uniform(k, 1)); };
    p.individual.hc_z = std::clamp(z(0), -3.5, 3.5);
    p.individual.front_factor = std::exp(0.2 * z(1));
    p.individual.apposition_factor = std::clamp(1.0 + 0.073 * z(2), 0.5, 1.5);
}

/// @brief The ensemble hook that turns replicate k into individual k of `population`.
[[nodiscard]] inline std::function<void(std::uint64_t, void*)> population_prepare(ossify::seed population) {
    return [population](std::uint64_t k, void* params) {
        draw_individual(*static_cast<calvaria_parameters*>(params), population, k);
    };
}

/// @brief Share of a population whose fontanelles and sutures have closed, by month after birth.
struct closure_fractions_table {
    std::vector<double> months;                                             ///< ages (months after birth)
    std::array<std::vector<double>, vault_gap_list.size()> closed{};        ///< per gap, share closed by each age
    std::size_t individuals = 0;                                            ///< replicates counted
};

/// @brief Closure shares by whole month 0..24 from an ensemble of calvaria runs (events
/// "<gap> closed" at model times; birth at model time `birth`).
[[nodiscard]] inline closure_fractions_table closure_fractions(const ensemble_result& e, double birth,
                                                               double last_month = 24.0) {
    closure_fractions_table t;
    t.individuals = e.replicates.size();
    for (double m = 0.0; m <= last_month + 1e-9; m += 1.0) t.months.push_back(m);
    for (std::size_t g = 0; g < vault_gap_list.size(); ++g) {
        const std::string name = std::string(vault_gap_list[g].name) + " closed";
        t.closed[g].assign(t.months.size(), 0.0);
        for (const auto& r : e.replicates) {
            const auto* ev = r.event(name);
            if (!ev || !ev->time) continue;
            const double m = (ev->time->value() - birth) / development::days_per_month;
            for (std::size_t k = 0; k < t.months.size(); ++k) t.closed[g][k] += m <= t.months[k] + 1e-9 ? 1.0 : 0.0;
        }
        for (auto& v : t.closed[g]) v /= static_cast<double>(std::max<std::size_t>(1, t.individuals));
    }
    return t;
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_POPULATION_HPP
