/// @file
/// @brief Ensembles of replicates of a scenario, run in threads, with an aggregate of every
/// reported quantity and event time (mean, SD, 95 % interval of the mean, and the central
/// 95 % of the replicates). Replicate k uses seed `seed + k`; results do not depend on the
/// thread count.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_ENSEMBLE_HPP
#define OSSIFY_SCENARIO_ENSEMBLE_HPP

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "scenario.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Summary statistics of one quantity over replicates.
struct replicate_statistics {
    /// @brief Replicates with a value (an event that never happened has none).
    std::size_t n = 0;
    /// @brief Replicates in all.
    std::size_t of = 0;
    /// @brief Mean.
    double mean = 0.0;
    /// @brief Sample standard deviation (0 for one replicate).
    double sd = 0.0;
    /// @brief 95 % confidence interval of the mean (Student t).
    double ci_low = 0.0, ci_high = 0.0;
    /// @brief Central 95 % of the replicates' values (2.5th and 97.5th percentiles, linear
    /// interpolation).
    double p2_5 = 0.0, p97_5 = 0.0;
};

namespace detail {
/// The 0.975 quantile of Student's t with `dof` degrees of freedom (table to 30, then the
/// Cornish-Fisher expansion around the normal quantile 1.959964).
[[nodiscard]] inline double student_t975(std::size_t dof) noexcept {
    static constexpr double table[] = {0.0,    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646,
                                       2.3060, 2.2622,  2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314,
                                       2.1199, 2.1098,  2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687,
                                       2.0639, 2.0595,  2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (dof == 0) return 0.0;
    if (dof <= 30) return table[dof];
    const double z = 1.959964, v = static_cast<double>(dof);
    return z + (z * z * z + z) / (4.0 * v) + (5.0 * std::pow(z, 5) + 16.0 * z * z * z + 3.0 * z) / (96.0 * v * v);
}
[[nodiscard]] inline double percentile(const std::vector<double>& sorted, double q) noexcept {
    if (sorted.empty()) return 0.0;
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}
}  // namespace detail

/// @brief The statistics of `values` (replicates without a value are counted in `of` only).
[[nodiscard]] inline replicate_statistics statistics_of(std::vector<double> values, std::size_t of) {
    replicate_statistics s;
    s.of = of;
    s.n = values.size();
    if (values.empty()) return s;
    double sum = 0.0;
    for (const double v : values) sum += v;
    s.mean = sum / static_cast<double>(s.n);
    double ss = 0.0;
    for (const double v : values) ss += (v - s.mean) * (v - s.mean);
    s.sd = s.n > 1 ? std::sqrt(ss / static_cast<double>(s.n - 1)) : 0.0;
    const double half = s.n > 1 ? detail::student_t975(s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n)) : 0.0;
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
    std::sort(values.begin(), values.end());
    s.p2_5 = detail::percentile(values, 0.025);
    s.p97_5 = detail::percentile(values, 0.975);
    return s;
}

/// @brief How an ensemble is run.
struct ensemble_options {
    /// @brief Number of replicates (>= 1).
    std::size_t replicates = 8;
    /// @brief Threads running replicates at once (>= 1; 0: the machine's hardware threads).
    unsigned threads = 1;
    /// @brief The first replicate's number (replicate k uses seed + k): a slice of a larger
    /// ensemble (another process runs the rest) gives the same replicates.
    std::uint64_t first = 0;
    /// @brief Called with the replicate number before it runs (e.g. to draw its parameters):
    /// `parameters` is a copy for that replicate. Must not depend on the thread it runs in.
    std::function<void(std::uint64_t replicate, void* parameters)> prepare;
};

/// @brief The replicates of an ensemble and the aggregate of their measurements and events.
struct ensemble_result {
    /// @brief Every replicate's result, in replicate order.
    std::vector<scenario_result> replicates;
    /// @brief Per measurement name: its statistics over the replicates.
    std::map<std::string, replicate_statistics> measurements;
    /// @brief Per event name: statistics of the model time it happened at (replicates where it
    /// did not are counted in `of` only).
    std::map<std::string, replicate_statistics> events;
};

/// @brief The aggregate of a set of replicate results.
[[nodiscard]] inline ensemble_result aggregate(std::vector<scenario_result> replicates) {
    ensemble_result e;
    std::map<std::string, std::vector<double>> m, ev;
    for (const auto& r : replicates) {
        for (const auto& x : r.measurements) m[x.name].push_back(x.value);
        for (const auto& x : r.events) {
            auto& v = ev[x.name];
            if (x.time) v.push_back(x.time->value());
        }
    }
    for (auto& [name, values] : m) e.measurements[name] = statistics_of(values, replicates.size());
    for (auto& [name, values] : ev) e.events[name] = statistics_of(values, replicates.size());
    e.replicates = std::move(replicates);
    return e;
}

/**
 * @brief Runs replicates of scenario S in threads (replicate k with seed options.seed + k and
 * its own copy of the parameters, prepared by ensemble_options::prepare), and aggregates them.
 * The first error of any replicate is rethrown after all threads have stopped.
 */
template <scenario S>
[[nodiscard]] ensemble_result run_ensemble(const scenario_options& options, const typename S::parameters& parameters,
                                           const ensemble_options& e) {
    require_in_range("ossify::run_ensemble", "replicates", static_cast<double>(e.replicates), 1.0, 1e6);
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = std::max(1u, std::min<unsigned>(e.threads == 0 ? hw : e.threads, static_cast<unsigned>(e.replicates)));
    std::vector<scenario_result> results(e.replicates);
    std::vector<std::exception_ptr> errors(e.replicates);
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
        for (std::size_t k = next++; k < e.replicates; k = next++) {
            try {
                const std::uint64_t replicate = e.first + k;
                auto p = parameters;
                if (e.prepare) e.prepare(replicate, &p);
                auto o = options;
                o.seed = ossify::seed{options.seed.value + replicate};
                o.progress = nullptr;
                if (o.output) o.output = *o.output / ("replicate_" + std::to_string(replicate));
                results[k] = S::run(o, p);
            } catch (...) {
                errors[k] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    for (const auto& err : errors) {
        if (err) std::rethrow_exception(err);
    }
    return aggregate(std::move(results));
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_ENSEMBLE_HPP
