/// @file
/// @brief Ensembles over MPI ranks: `mpi::run_ensemble<S>(comm, options, parameters, e)` shares
/// the replicates of ossify::run_ensemble among the ranks (rank r runs a contiguous slice, in
/// its own threads), gathers every replicate's result on every rank in replicate order and
/// aggregates them: the same result as the threaded run, since replicate k depends only on
/// seed + k and its prepared parameters (ossify::run_ensemble with ensemble_options::first).
#include "../config.hpp"
#ifndef OSSIFY_MPI_ENSEMBLE_HPP
#define OSSIFY_MPI_ENSEMBLE_HPP

#include <climits>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../scenario/ensemble.hpp"
#include "../scenario/scenario.hpp"
#include "../tissue/archive.hpp"
#include "communicator.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

namespace detail {
/// An invalid_parameter thrown on another rank: the same parameter() and what() on every rank.
class agreed_invalid_parameter : public invalid_parameter {
public:
    agreed_invalid_parameter(std::string_view parameter, std::string message)
        : invalid_parameter("", parameter, "", ""), message_(std::move(message)) {}
    [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};
inline void write_result(checkpoint_writer& w, const scenario_result& r) {
    w.str(r.scenario);
    w.u64(r.seed.value);
    w.u32(static_cast<std::uint32_t>(r.grid.size()));
    for (const auto g : r.grid) w.i32(g);
    w.f64(r.spacing.value());
    w.f64(r.dt.value());
    w.f64(r.until.value());
    w.u64(r.steps);
    w.f64(r.simulated.value());
    w.f64(r.wall_seconds);
    w.u32(static_cast<std::uint32_t>(r.files.size()));
    for (const auto& f : r.files) w.str(f.string());
    w.u32(static_cast<std::uint32_t>(r.events.size()));
    for (const auto& e : r.events) {
        w.str(e.name);
        w.str(e.criterion);
        w.u8(e.time ? 1 : 0);
        w.f64(e.time ? e.time->value() : 0.0);
    }
    w.u32(static_cast<std::uint32_t>(r.measurements.size()));
    for (const auto& m : r.measurements) {
        w.str(m.name);
        w.f64(m.value);
        w.str(m.unit);
        w.str(m.published);
        w.str(m.source);
        w.u8(static_cast<std::uint8_t>(m.kind));
        w.u8(m.range ? 1 : 0);
        w.f64(m.range ? m.range->first : 0.0);
        w.f64(m.range ? m.range->second : 0.0);
    }
    w.u32(static_cast<std::uint32_t>(r.parameters.size()));
    for (const auto& p : r.parameters) {
        for (const auto& s : p) w.str(s);
    }
    w.u32(static_cast<std::uint32_t>(r.series_names.size()));
    for (const auto& n : r.series_names) w.str(n);
    w.u32(static_cast<std::uint32_t>(r.series.size()));
    for (const auto& row : r.series) {
        w.u32(static_cast<std::uint32_t>(row.size()));
        for (const double v : row) w.f64(v);
    }
}
inline scenario_result read_result(checkpoint_reader& r) {
    scenario_result x;
    x.scenario = r.str();
    x.seed = ossify::seed{r.u64()};
    x.grid.resize(r.u32());
    for (auto& g : x.grid) g = r.i32();
    x.spacing = length::from_value(r.f64());
    x.dt = duration::from_value(r.f64());
    x.until = duration::from_value(r.f64());
    x.steps = r.u64();
    x.simulated = duration::from_value(r.f64());
    x.wall_seconds = r.f64();
    x.files.resize(r.u32());
    for (auto& f : x.files) f = r.str();
    x.events.resize(r.u32());
    for (auto& e : x.events) {
        e.name = r.str();
        e.criterion = r.str();
        const bool has = r.u8() != 0;
        const double t = r.f64();
        if (has) e.time = duration::from_value(t);
    }
    x.measurements.resize(r.u32());
    for (auto& m : x.measurements) {
        m.name = r.str();
        m.value = r.f64();
        m.unit = r.str();
        m.published = r.str();
        m.source = r.str();
        m.kind = static_cast<comparison>(r.u8());
        const bool has = r.u8() != 0;
        const double lo = r.f64(), hi = r.f64();
        if (has) m.range = std::pair<double, double>(lo, hi);
    }
    x.parameters.resize(r.u32());
    for (auto& p : x.parameters) {
        for (auto& s : p) s = r.str();
    }
    x.series_names.resize(r.u32());
    for (auto& n : x.series_names) n = r.str();
    x.series.resize(r.u32());
    for (auto& row : x.series) {
        row.resize(r.u32());
        for (auto& v : row) v = r.f64();
    }
    return x;
}
}  // namespace detail

/**
 * @brief Runs the replicates of scenario S over the ranks of `comm` (collective): rank r runs
 * replicates [first + n r / P, first + n (r + 1) / P) of the n = e.replicates asked for, in
 * e.threads threads; every rank gets every replicate's result, in replicate order, and their
 * aggregate, equal to ossify::run_ensemble's. Replicate k writes into `<output>/replicate_<k>`
 * as in the threaded run (a folder every rank sees). When replicates fail, every rank throws the
 * error of the lowest failed replicate, as the threaded run does: an invalid_parameter (a refused
 * option or parameter) with the same parameter() and message, anything else as model_error with
 * its message. e.finished counts each rank's own replicates.
 * @tparam S a scenario (ossify::scenario)
 */
template <scenario S>
[[nodiscard]] ensemble_result run_ensemble(const communicator& comm, const scenario_options& options,
                                           const typename S::parameters& parameters, const ensemble_options& e) {
    require_in_range("ossify::run_ensemble", "replicates", static_cast<double>(e.replicates), 1.0, 1e6);
    const auto p = static_cast<std::uint64_t>(comm.size()), r = static_cast<std::uint64_t>(comm.rank());
    const std::uint64_t n = e.replicates, lo = n * r / p, hi = n * (r + 1) / p;
    checkpoint_writer mine;
    std::string error, parameter, refused;  // refused: "1" for an invalid_parameter
    if (hi > lo) {
        ensemble_options slice = e;
        slice.first = e.first + lo;
        slice.replicates = static_cast<std::size_t>(hi - lo);
        try {
            const auto part = ossify::run_ensemble<S>(options, parameters, slice);
            for (const auto& x : part.replicates) detail::write_result(mine, x);
        } catch (const invalid_parameter& ex) {
            error = ex.what();
            parameter = ex.parameter();
            refused = "1";
        } catch (const std::exception& ex) {
            error = ex.what();
        }
    }
    if (comm.any(!error.empty())) {
        // The lowest failing rank ran the lowest failed replicate (slices are in replicate order).
        const int root = comm.min<int>(error.empty() ? INT_MAX : comm.rank());
        error = comm.broadcast(error, root);
        parameter = comm.broadcast(parameter, root);
        if (comm.broadcast(refused, root) == "1") throw detail::agreed_invalid_parameter(parameter, error);
        throw model_error(error);
    }
    const auto all = comm.gather_all(std::span<const char>(mine.buffer().data(), mine.buffer().size()));
    checkpoint_reader in(std::span<const char>(all), "ossify::mpi::run_ensemble");
    std::vector<scenario_result> results;
    results.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t k = 0; k < n; ++k) results.push_back(detail::read_result(in));
    return aggregate(std::move(results));
}

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_ENSEMBLE_HPP
