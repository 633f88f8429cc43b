/// @file
/// @brief `mpi::slab_domain`: what the processes of one rank of a decomposed tissue share: the
/// communicator, the slab layout, the halo plan (which arrays are out of date in the halo and
/// when to exchange them) and the agreement on failures (every rank learns that a rank failed,
/// before anyone communicates again).
#include "../config.hpp"
#ifndef OSSIFY_MPI_DOMAIN_HPP
#define OSSIFY_MPI_DOMAIN_HPP

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include "../error.hpp"
#include "communicator.hpp"
#include "layout.hpp"
#include "traits.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/// @brief Thrown on every rank, by the agreement that follows a phase in which some rank failed:
/// names the process, the lowest failing rank and its message. The decomposed tissue turns it
/// into a model_error (or checkpoint_error) after every rank has undone the step.
class agreed_failure : public std::runtime_error {
public:
    /// @brief The failure of `process` on rank `rank` with `message`.
    agreed_failure(std::string process, int rank, std::string message)
        : std::runtime_error("process " + process + " failed on rank " + std::to_string(rank) + ": " + message),
          process_(std::move(process)), rank_(rank), message_(std::move(message)) {}
    /// @brief The process (or phase) that failed.
    [[nodiscard]] const std::string& process() const noexcept { return process_; }
    /// @brief The lowest rank on which it failed.
    [[nodiscard]] int rank() const noexcept { return rank_; }
    /// @brief That rank's message.
    [[nodiscard]] const std::string& message() const noexcept { return message_; }

private:
    std::string process_;
    int rank_;
    std::string message_;
};

/**
 * @brief One rank's share of a decomposed tissue's machinery (made by mpi::decomposed_tissue;
 * distributed processes hold a pointer to it).
 *
 * Halo plan: after a process of reach r, the outer r planes of the halo may be wrong (they were
 * computed without the planes beyond). `before(r)` exchanges the arrays written since the last
 * exchange when the planes wrong so far plus r would reach the rank's own planes; `after(mask,
 * r, stale)` records what a process wrote; `finish()` exchanges what is left, so every step
 * starts with exact halos.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
class slab_domain {
public:
    /// @brief The domain of rank `comm.rank()`.
    slab_domain(communicator comm, slab_layout<Dim> layout, reach_options reach)
        : comm_(comm), layout_(std::move(layout)), reach_(reach) {}

    /// @brief The communicator.
    [[nodiscard]] const communicator& comm() const noexcept { return comm_; }
    /// @brief The slab layout.
    [[nodiscard]] const slab_layout<Dim>& layout() const noexcept { return layout_; }
    /// @brief The reach options.
    [[nodiscard]] const reach_options& reach() const noexcept { return reach_; }
    /// @brief Halo planes.
    [[nodiscard]] std::size_t halo() const noexcept { return layout_.halo(); }

    // ------------------------------------------------------------------ timing
    /// @brief Where a rank's time and messages went (summed since construction or reset).
    struct timing {
        double halo_s = 0.0;               ///< halo exchanges (wall time, s)
        double transpose_s = 0.0;          ///< transpositions of the diffusion's lines (wall time, s)
        double outside_s = 0.0;            ///< the distributed outside fill (wall time, s)
        double halo_cpu_s = 0.0;           ///< CPU time of this process in halo exchanges (s)
        double transpose_cpu_s = 0.0;      ///< CPU time of this process in transpositions (s)
        double outside_cpu_s = 0.0;        ///< CPU time of this process in the outside fill (s)
        double sync_s = 0.0;               ///< reductions: counters, agreements, "changed?" (wall time, s)
        double sync_cpu_s = 0.0;           ///< CPU time of this process in those reductions (s)
        std::uint64_t halo_bytes = 0;      ///< bytes sent in halo exchanges
        std::uint64_t transpose_bytes = 0; ///< bytes sent to other ranks in transpositions
        std::uint64_t exchanges = 0;       ///< halo exchanges
        std::uint64_t fill_rounds = 0;     ///< rounds of the outside fill across ranks
    };
    /// @brief The rank's timing.
    [[nodiscard]] timing& times() noexcept { return timing_; }
    /// @brief The rank's timing.
    [[nodiscard]] const timing& times() const noexcept { return timing_; }

    // ------------------------------------------------------------------ halo plan
    /// @brief Sets the function that exchanges the halos of the arrays in a mask (bit k: the
    /// k-th array of basic_lattice_state::visit_arrays) and returns the bytes it sent.
    void set_exchange(std::function<std::size_t(std::uint64_t)> f) { exchange_ = std::move(f); }
    /// @brief Starts a step: halos are exact.
    void begin_step() noexcept {
        stale_planes_ = 0;
        pending_ = 0;
    }
    /// @brief Before a process of reach r: exchanges first if its results on the rank's own
    /// planes would otherwise read wrong halo planes.
    void before(std::size_t r) {
        if (pending_ != 0 && stale_planes_ + r > halo()) flush();
    }
    /// @brief After a process that wrote the arrays in `mask`, with reach r; `stale`: it left
    /// its outputs in the halo uncomputed.
    void after(std::uint64_t mask, std::size_t r, bool stale) noexcept {
        pending_ |= mask;
        stale_planes_ = stale ? halo() + 1 : stale_planes_ + r;
    }
    /// @brief Ends a step: exchanges whatever is out of date.
    void finish() {
        if (pending_ != 0) flush();
    }
    /// @brief Exchanges the arrays in `mask` now.
    void exchange(std::uint64_t mask) {
        if (mask == 0 || !exchange_) return;
        const double t0 = MPI_Wtime(), c0 = cpu_seconds();
        timing_.halo_bytes += exchange_(mask);
        timing_.halo_s += MPI_Wtime() - t0;
        timing_.halo_cpu_s += cpu_seconds() - c0;
        ++timing_.exchanges;
    }
    /// @brief Runs f (a reduction), adding its wall and CPU time to sync_s and sync_cpu_s.
    template <class F>
    decltype(auto) synced(F&& f) {
        const double t0 = MPI_Wtime(), c0 = cpu_seconds();
        struct add {
            timing* t;
            double t0, c0;
            ~add() {
                t->sync_s += MPI_Wtime() - t0;
                t->sync_cpu_s += cpu_seconds() - c0;
            }
        } guard{&timing_, t0, c0};
        return f();
    }
    /// @brief CPU time of this process (every thread), s.
    [[nodiscard]] static double cpu_seconds() noexcept {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
    }

    // ------------------------------------------------------------------ failures
    /// @brief Records that `process` failed on this rank with `message` (the first one counts).
    void record(std::string_view process, std::string message) {
        if (failed_) return;
        failed_ = true;
        failed_process_ = std::string(process);
        failed_message_ = std::move(message);
    }
    /// @brief True when this rank recorded a failure not yet agreed on.
    [[nodiscard]] bool failed_here() const noexcept { return failed_; }
    /// @brief Collective: returns when no rank recorded a failure; otherwise throws
    /// agreed_failure on every rank, naming the lowest failing rank's process and message (also
    /// kept as last_failure()).
    void agree() {
        const double t0 = MPI_Wtime(), c0 = cpu_seconds();
        const bool any = comm_.any(failed_);
        timing_.sync_s += MPI_Wtime() - t0;
        timing_.sync_cpu_s += cpu_seconds() - c0;
        if (!any) return;
        const int root = comm_.min<int>(failed_ ? comm_.rank() : INT_MAX);
        std::string process = comm_.broadcast(failed_process_, root);
        std::string message = comm_.broadcast(failed_message_, root);
        failed_ = false;
        failed_process_.clear();
        failed_message_.clear();
        has_failure_ = true;
        failure_ = {process, root, message};
        throw agreed_failure(std::move(process), root, std::move(message));
    }
    /// @brief True when an agreement threw since clear_failure().
    [[nodiscard]] bool has_failure() const noexcept { return has_failure_; }
    /// @brief The last agreed failure: process, rank, message.
    struct failure_info {
        std::string process;  ///< the process or phase
        int rank = -1;        ///< the lowest failing rank
        std::string message;  ///< its message
    };
    /// @brief The last agreed failure.
    [[nodiscard]] const failure_info& last_failure() const noexcept { return failure_; }
    /// @brief Forgets the last agreed failure.
    void clear_failure() noexcept {
        has_failure_ = false;
        failed_ = false;
    }

private:
    void flush() {
        const std::uint64_t m = pending_;
        pending_ = 0;
        stale_planes_ = 0;
        exchange(m);
    }

    communicator comm_;
    slab_layout<Dim> layout_;
    reach_options reach_;
    std::function<std::size_t(std::uint64_t)> exchange_;
    timing timing_;
    std::size_t stale_planes_ = 0;
    std::uint64_t pending_ = 0;
    bool failed_ = false;
    std::string failed_process_, failed_message_;
    bool has_failure_ = false;
    failure_info failure_;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_DOMAIN_HPP
