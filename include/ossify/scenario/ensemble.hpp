/// @file
/// @brief Ensembles of replicates of a scenario, run in threads, with an aggregate of every
/// reported quantity and event time (mean, SD, 95 % interval of the mean, and the central
/// 95 % of the replicates). Replicate k uses seed `seed + k`; results do not depend on the
/// thread count.
///
/// Also: run_indexed (the thread pool behind it: results in index order, the first error
/// rethrown after every thread stopped), the aggregate of the metrics time series (bands), and
/// the hooks a front end needs (per-replicate options, a callback when a replicate finishes).
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_ENSEMBLE_HPP
#define OSSIFY_SCENARIO_ENSEMBLE_HPP

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
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
    /// @brief Called with the replicate number and its options (seed, output folder already
    /// set) before it runs, e.g. to write pictures for the first replicate only. Must not depend
    /// on the thread it runs in.
    std::function<void(std::uint64_t replicate, scenario_options& options)> configure;
    /// @brief Called once a replicate has finished (successfully or not), with the number of
    /// replicates finished so far and the total; calls are serialised (a progress display).
    std::function<void(std::size_t finished, std::size_t total)> finished;
};

/// @brief The statistics of one column of a metrics time series at one recorded time.
struct series_band {
    /// @brief Names of the columns (the first is the time).
    std::vector<std::string> names;
    /// @brief Recorded times (the first column's values), ascending.
    std::vector<double> times;
    /// @brief stats[row][column]: statistics over the replicates that recorded that time
    /// (column 0, the time itself, is included for uniformity).
    std::vector<std::vector<replicate_statistics>> stats;
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
    /// @brief Statistics of the model time reached.
    replicate_statistics simulated;
    /// @brief The metrics time series over the replicates, row by row (rows matched by their
    /// time, the series' first column); empty when the replicates record none or their columns
    /// differ.
    series_band series;
};

/// @brief The aggregate of replicate time series: rows are matched by their first column (the
/// time); a time recorded by only some replicates has statistics over those. Empty when the
/// replicates have no series or not the same columns.
[[nodiscard]] inline series_band aggregate_series(const std::vector<scenario_result>& replicates) {
    series_band band;
    if (replicates.empty() || replicates.front().series_names.empty()) return band;
    const auto& names = replicates.front().series_names;
    for (const auto& r : replicates) {
        if (r.series_names != names) return band;
    }
    std::map<double, std::vector<std::vector<double>>> by_time;  // time -> column -> values
    for (const auto& r : replicates) {
        for (const auto& row : r.series) {
            if (row.size() != names.size() || !std::isfinite(row[0])) continue;
            auto& cols = by_time[row[0]];
            cols.resize(names.size());
            for (std::size_t c = 0; c < row.size(); ++c) {
                if (std::isfinite(row[c])) cols[c].push_back(row[c]);
            }
        }
    }
    band.names = names;
    for (auto& [t, cols] : by_time) {
        band.times.push_back(t);
        std::vector<replicate_statistics> row;
        row.reserve(cols.size());
        for (auto& values : cols) row.push_back(statistics_of(std::move(values), replicates.size()));
        band.stats.push_back(std::move(row));
    }
    return band;
}

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
    std::vector<double> simulated;
    for (const auto& r : replicates) simulated.push_back(r.simulated.value());
    e.simulated = statistics_of(std::move(simulated), replicates.size());
    e.series = aggregate_series(replicates);
    e.replicates = std::move(replicates);
    return e;
}

/**
 * @brief Calls `task(i)` for i in [0, count) on `threads` threads (1: in the calling thread;
 * never more threads than tasks). Tasks are handed out in index order; each must write only its
 * own results, so the outcome does not depend on the thread count. After every thread has
 * stopped, the error of the lowest failed index is rethrown (later tasks still ran).
 * `finished(done, count)` (optional) is called after each task, serialised.
 */
template <class Task>
void run_indexed(std::size_t count, unsigned threads, Task&& task,
                 const std::function<void(std::size_t, std::size_t)>& finished = {}) {
    std::vector<std::exception_ptr> errors(count);
    std::atomic<std::size_t> next{0};
    std::mutex done_mutex;
    std::size_t done = 0;
    const auto worker = [&] {
        for (std::size_t k = next++; k < count; k = next++) {
            try {
                task(k);
            } catch (...) {
                errors[k] = std::current_exception();
            }
            if (finished) {
                const std::lock_guard<std::mutex> lock(done_mutex);
                finished(++done, count);
            }
        }
    };
    const unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::min<std::size_t>(count, 1u << 16))));
    std::vector<std::thread> pool;
    try {
        for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
    } catch (...) {  // no more threads: the ones started and this one finish the work
    }
    worker();
    for (auto& t : pool) t.join();
    for (const auto& err : errors) {
        if (err) std::rethrow_exception(err);
    }
}

/**
 * @brief Runs replicates of scenario S in threads (replicate k with seed options.seed + k and
 * its own copy of the parameters, prepared by ensemble_options::prepare, with its options
 * adjusted by ensemble_options::configure), and aggregates them. With an output folder,
 * replicate k writes into `<output>/replicate_<k>` (created here). The first error of any
 * replicate is rethrown after all threads have stopped.
 */
template <scenario S>
[[nodiscard]] ensemble_result run_ensemble(const scenario_options& options, const typename S::parameters& parameters,
                                           const ensemble_options& e) {
    require_in_range("ossify::run_ensemble", "replicates", static_cast<double>(e.replicates), 1.0, 1e6);
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = e.threads == 0 ? hw : e.threads;
    std::vector<scenario_result> results(e.replicates);
    run_indexed(
        e.replicates, threads,
        [&](std::size_t k) {
            const std::uint64_t replicate = e.first + k;
            auto p = parameters;
            if (e.prepare) e.prepare(replicate, &p);
            auto o = options;
            o.seed = ossify::seed{options.seed.value + replicate};
            o.progress = nullptr;
            if (o.output) {
                o.output = *o.output / ("replicate_" + std::to_string(replicate));
                std::filesystem::create_directories(*o.output);
            }
            if (e.configure) e.configure(replicate, o);
            results[k] = S::run(o, p);
        },
        e.finished);
    return aggregate(std::move(results));
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_ENSEMBLE_HPP
