/// @file
/// @brief Which parameters move which outputs: one-at-a-time (OAT) and Morris elementary-effects
/// screens over named parameters of a scenario, run in threads with common random numbers (every
/// design point runs the same seeds), and their analysis.
///
/// ```cpp
/// std::vector<ossify::sensitivity_factor> f{{"apposition_rate", 2.0, 4.0, "um/d"},
///                                           {"osteoblast_apoptosis", 0.02, 0.04, "1/d"}};
/// auto design = ossify::morris_design(f, 10, 4, ossify::seed{42});   // 10 trajectories, 4 levels
/// auto r = ossify::run_screen<my_scenario>(options, params, design, {.replicates = 2, .threads = 2});
/// for (auto& e : r.effects) std::cout << r.design.factors[e.factor].name << " -> " << r.outputs[e.output]
///                                     << ": mu* " << e.mu_star << "\n";
/// ```
///
/// Outputs are a run's measurements (by name) and its event times ("<event> time", in d).
/// Effects are in output units per full range of the factor (upper - lower): an OAT effect is
/// y(upper) - y(lower); a Morris elementary effect is (y(x + delta e_i) - y(x)) / delta with x and
/// delta on the unit scale of each factor's range (Morris 1991; mu* as in Campolongo et al. 2007).
/// The designs themselves (factors, one_at_a_time_design, morris_design) are in screen_design.hpp.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_SENSITIVITY_HPP
#define OSSIFY_SCENARIO_SENSITIVITY_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../random/counter_rng.hpp"
#include "../random/seed.hpp"
#include "../units/parameter.hpp"
#include "ensemble.hpp"
#include "sampling.hpp"
#include "scenario.hpp"
#include "screen_design.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A factor around a parameter's current value: value -/+ `share` of it (of the range
/// when the value is 0), clipped to the allowed range. Throws invalid_parameter when nothing of
/// the interval is left (a parameter whose range is a single value).
[[nodiscard]] inline sensitivity_factor factor_around(const parameter_ref& p, double share) {
    require_in_range("ossify::factor_around", "share", share, 1e-6, 10.0);
    const double v = p.value();
    const double half = v != 0.0 ? std::fabs(v) * share : (p.upper() - p.lower()) * share;
    sensitivity_factor f{p.name(), std::max(p.lower(), v - half), std::min(p.upper(), v + half), std::string(p.unit())};
    if (!(f.upper > f.lower)) {
        throw invalid_parameter("ossify::factor_around", p.name(), format_value(v) + " " + std::string(p.unit()),
                                "a parameter whose allowed range " + format_value(p.lower()) + ".." + format_value(p.upper()) +
                                    " leaves room to vary it");
    }
    return f;
}

/// @brief Sets parameter `name` of `p` to `value` (internal unit; rounded for integer
/// parameters); throws invalid_parameter for an unknown name (listing the valid ones) or a value
/// outside the range.
template <describable P>
void set_parameter(P& p, std::string_view name, double value) {
    bool found = false;
    for_each_parameter(p, [&]<class Q>(const std::string& full, parameter<Q>& par) {
        if (full != name) return;
        found = true;
        par.set_internal(std::is_integral_v<Q> ? std::round(value) : value);
    });
    if (!found) (void)find_parameter(list_parameters(p), name);  // throws, naming the valid names
}

/// @brief One named number of a run: a measurement (its unit) or an event time ("<event> time", d;
/// NaN when the event did not happen).
struct named_output {
    std::string name;  ///< name
    std::string unit;  ///< unit
    double value;      ///< value (NaN: none)
};
/// @brief A run's outputs: its measurements, then its event times.
[[nodiscard]] inline std::vector<named_output> outputs_of(const scenario_result& r) {
    std::vector<named_output> out;
    for (const auto& m : r.measurements) out.push_back({m.name, m.unit, m.value});
    for (const auto& e : r.events) {
        out.push_back({e.name + " time", "d", e.time ? e.time->value() : std::numeric_limits<double>::quiet_NaN()});
    }
    return out;
}

/// @brief The effect of one factor on one output.
struct factor_effect {
    std::size_t factor = 0;  ///< index into design.factors
    std::size_t output = 0;  ///< index into outputs
    /// @brief Morris: trajectories with an elementary effect (both points have the output); OAT:
    /// replicates with both the lower and the upper value.
    std::size_t n = 0;
    /// @brief Mean effect (output units per factor range): Morris mean of the elementary effects;
    /// OAT mean over replicates of y(upper) - y(lower).
    double mu = std::numeric_limits<double>::quiet_NaN();
    /// @brief Morris: mean |elementary effect|; OAT: |mu|.
    double mu_star = std::numeric_limits<double>::quiet_NaN();
    /// @brief Morris: SD of the elementary effects (interactions, non-linearity); OAT: SD over
    /// replicates of y(upper) - y(lower) (NaN for one replicate).
    double sigma = std::numeric_limits<double>::quiet_NaN();
    /// @brief The smallest mu* that stands out from the replicates' noise: OAT the half-width of
    /// the 95 % interval of the mean difference; Morris 2 sqrt(2) s / (sqrt(R) delta) with s the
    /// pooled replicate SD of the output. NaN with one replicate (noise unknown).
    double noise_floor = std::numeric_limits<double>::quiet_NaN();
    /// @brief mu* / the largest mu* of any factor on this output (0 when all are 0).
    double relative = std::numeric_limits<double>::quiet_NaN();
    /// @brief OAT: relative change of the output per relative change of the factor,
    /// ((y+ - y-) / y0) / ((x+ - x-) / x0); NaN when y0 or x0 is 0 (and for Morris).
    double elasticity = std::numeric_limits<double>::quiet_NaN();
    /// @brief True when the factor moves the output: mu* > noise_floor (with replicates) or
    /// mu* > 0 (one replicate: any change counts, noise included).
    [[nodiscard]] bool moves() const noexcept {
        if (!(mu_star >= 0.0)) return false;
        return std::isnan(noise_floor) ? mu_star > 0.0 : mu_star > noise_floor;
    }
};

/// @brief A screen's runs and effects.
struct screen_result {
    /// @brief The design that was run.
    screen_design design;
    /// @brief Seeds used at every point (common random numbers): seed, seed + 1, ...
    std::vector<std::uint64_t> seeds;
    /// @brief Output names and units.
    std::vector<std::string> outputs, output_units;
    /// @brief values[point][replicate][output] (NaN: the run did not have it).
    std::vector<std::vector<std::vector<double>>> values;
    /// @brief Effects, factor-major: effects[factor * outputs.size() + output].
    std::vector<factor_effect> effects;
    /// @brief The effect of factor f on output o.
    [[nodiscard]] const factor_effect& effect(std::size_t f, std::size_t o) const { return effects.at(f * outputs.size() + o); }
};

namespace detail {
/// Mean over replicates, NaN unless every replicate has a value (keeps the pairing of points).
inline double paired_mean(const std::vector<std::vector<double>>& reps, std::size_t o) {
    double s = 0.0;
    for (const auto& r : reps) {
        if (!std::isfinite(r[o])) return std::numeric_limits<double>::quiet_NaN();
        s += r[o];
    }
    return s / static_cast<double>(reps.size());
}
}  // namespace detail

/// @brief Computes the effects of `r.design` from `r.values` (fills r.effects).
inline void analyse_screen(screen_result& r) {
    const auto& d = r.design;
    const std::size_t nf = d.factors.size(), no = r.outputs.size(), np = d.points.size();
    const std::size_t reps = np > 0 ? r.values[0].size() : 0;
    r.effects.assign(nf * no, factor_effect{});
    for (std::size_t f = 0; f < nf; ++f) {
        for (std::size_t o = 0; o < no; ++o) {
            auto& e = r.effects[f * no + o];
            e.factor = f;
            e.output = o;
        }
    }
    // Pooled replicate SD of each output over all points (the noise of one run).
    std::vector<double> pooled(no, std::numeric_limits<double>::quiet_NaN());
    if (reps >= 2) {
        for (std::size_t o = 0; o < no; ++o) {
            double ss = 0.0;
            std::size_t dof = 0;
            for (std::size_t j = 0; j < np; ++j) {
                std::vector<double> v;
                for (const auto& rep : r.values[j]) {
                    if (std::isfinite(rep[o])) v.push_back(rep[o]);
                }
                if (v.size() < 2) continue;
                const double m = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
                for (const double x : v) ss += (x - m) * (x - m);
                dof += v.size() - 1;
            }
            if (dof > 0) pooled[o] = std::sqrt(ss / static_cast<double>(dof));
        }
    }
    if (d.method == screen_method::one_at_a_time) {
        for (std::size_t f = 0; f < nf; ++f) {
            const std::size_t lo = 2 * f + 1, hi = 2 * f + 2;
            for (std::size_t o = 0; o < no; ++o) {
                auto& e = r.effects[f * no + o];
                std::vector<double> diff;
                for (std::size_t k = 0; k < reps; ++k) {
                    const double a = r.values[lo][k][o], b = r.values[hi][k][o];
                    if (std::isfinite(a) && std::isfinite(b)) diff.push_back(b - a);
                }
                e.n = diff.size();
                if (diff.empty()) continue;
                const auto s = statistics_of(diff, diff.size());
                e.mu = s.mean;
                e.mu_star = std::fabs(s.mean);
                if (diff.size() >= 2) {
                    e.sigma = s.sd;
                    e.noise_floor = s.ci_high - s.mean;
                }
                const double y0 = detail::paired_mean(r.values[0], o), x0 = d.baseline[f];
                const double ym = detail::paired_mean(r.values[lo], o), yp = detail::paired_mean(r.values[hi], o);
                const double dx = d.factors[f].upper - d.factors[f].lower;
                if (std::isfinite(y0) && y0 != 0.0 && x0 != 0.0 && std::isfinite(ym) && std::isfinite(yp)) {
                    e.elasticity = ((yp - ym) / y0) / (dx / x0);
                }
            }
        }
    } else {
        std::vector<std::vector<double>> ee(nf * no);
        for (std::size_t j = 0; j < np; ++j) {
            if (d.changed[j] < 0) continue;
            const auto f = static_cast<std::size_t>(d.changed[j]);
            for (std::size_t o = 0; o < no; ++o) {
                const double a = detail::paired_mean(r.values[j - 1], o), b = detail::paired_mean(r.values[j], o);
                if (std::isfinite(a) && std::isfinite(b)) ee[f * no + o].push_back((b - a) / d.step[j]);
            }
        }
        for (std::size_t i = 0; i < nf * no; ++i) {
            auto& e = r.effects[i];
            const auto& v = ee[i];
            e.n = v.size();
            if (v.empty()) continue;
            const auto s = statistics_of(v, v.size());
            e.mu = s.mean;
            e.sigma = s.sd;
            double abs_sum = 0.0;
            for (const double x : v) abs_sum += std::fabs(x);
            e.mu_star = abs_sum / static_cast<double>(v.size());
            if (std::isfinite(pooled[e.output])) {
                e.noise_floor = 2.0 * std::sqrt(2.0) * pooled[e.output] / (std::sqrt(static_cast<double>(reps)) * d.delta);
            }
        }
    }
    for (std::size_t o = 0; o < no; ++o) {
        double top = 0.0;
        for (std::size_t f = 0; f < nf; ++f) {
            if (std::isfinite(r.effects[f * no + o].mu_star)) top = std::max(top, r.effects[f * no + o].mu_star);
        }
        for (std::size_t f = 0; f < nf; ++f) {
            auto& e = r.effects[f * no + o];
            if (std::isfinite(e.mu_star)) e.relative = top > 0.0 ? e.mu_star / top : 0.0;
        }
    }
}

/// @brief How a screen is run.
struct screen_options {
    /// @brief Replicates per design point (seeds seed, seed + 1, ... at every point).
    std::size_t replicates = 1;
    /// @brief Threads running design points at once (>= 1).
    unsigned threads = 1;
    /// @brief Called after each run with the number finished and the total (serialised).
    std::function<void(std::size_t, std::size_t)> finished;
};

/**
 * @brief Runs every point of `design` `replicates` times (seeds options.seed + r, the same at every
 * point), with parameters = `parameters` and the factors set to the point's values, and analyses
 * the results. Runs write nothing (no output folder). Throws invalid_parameter before running
 * anything for an unknown factor name or a factor bound outside its parameter's range.
 */
template <scenario S>
[[nodiscard]] screen_result run_screen(const scenario_options& options, const typename S::parameters& parameters,
                                       screen_design design, const screen_options& so) {
    constexpr std::string_view where = "ossify::run_screen";
    require_in_range(where, "replicates", static_cast<double>(so.replicates), 1, 1e4);
    {
        auto check = parameters;
        for (const auto& f : design.factors) {
            set_parameter(check, f.name, f.lower);
            set_parameter(check, f.name, f.upper);
        }
    }
    const std::size_t np = design.points.size(), reps = so.replicates;
    std::vector<std::vector<named_output>> runs(np * reps);
    run_indexed(
        np * reps, std::max(1u, so.threads),
        [&](std::size_t j) {
            const std::size_t point = j / reps, rep = j % reps;
            auto p = parameters;
            for (std::size_t i = 0; i < design.factors.size(); ++i) set_parameter(p, design.factors[i].name, design.points[point][i]);
            auto o = options;
            o.seed = ossify::seed{options.seed.value + rep};
            o.output.reset();
            o.pictures = false;
            o.progress = nullptr;
            runs[j] = outputs_of(S::run(o, p));
        },
        so.finished);
    screen_result r;
    for (std::size_t k = 0; k < reps; ++k) r.seeds.push_back(options.seed.value + k);
    for (const auto& run : runs) {
        for (const auto& x : run) {
            if (std::find(r.outputs.begin(), r.outputs.end(), x.name) == r.outputs.end()) {
                r.outputs.push_back(x.name);
                r.output_units.push_back(x.unit);
            }
        }
    }
    r.values.assign(np, std::vector<std::vector<double>>(reps, std::vector<double>(r.outputs.size(), std::numeric_limits<double>::quiet_NaN())));
    for (std::size_t j = 0; j < runs.size(); ++j) {
        for (const auto& x : runs[j]) {
            const auto o = static_cast<std::size_t>(std::find(r.outputs.begin(), r.outputs.end(), x.name) - r.outputs.begin());
            r.values[j / reps][j % reps][o] = x.value;
        }
    }
    r.design = std::move(design);
    analyse_screen(r);
    return r;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_SENSITIVITY_HPP
