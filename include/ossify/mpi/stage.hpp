/// @file
/// @brief `mpi::stage`: how a rank runs one process of a decomposed tissue. It forwards the
/// process's declarations, parameters and saved state, and around its step: exchanges the halo
/// first when the process would read out-of-date halo planes, agrees with every rank on
/// failures before anyone communicates again, and records what the process wrote (the last
/// stage exchanges whatever is left, so every step ends with exact halos).
#include "../config.hpp"
#ifndef OSSIFY_MPI_STAGE_HPP
#define OSSIFY_MPI_STAGE_HPP

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "../tissue/archive.hpp"
#include "../tissue/process.hpp"
#include "../units/parameter.hpp"
#include "domain.hpp"
#include "traits.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/**
 * @brief Process K of N of a rank's tissue: the rank's process Q (a local stencil, or a
 * distributed variant) with the halo plan and the failure agreement around it.
 * @tparam Q the process the rank runs
 * @tparam K its position
 * @tparam N the number of processes
 * @tparam Dim the grid's dimension
 */
template <class Q, std::size_t K, std::size_t N, std::size_t Dim>
class stage {
public:
    /// @brief The process run.
    using inner_type = Q;
    /// @brief The serial process it stands for.
    using serial_type = typename serial_of<Q>::type;
    /// @brief The process's name.
    static constexpr std::string_view name = Q::name;
    /// @brief Its reads.
    using reads = process_reads_t<Q>;
    /// @brief Its writes (the halo exchange writes the same arrays).
    using writes = process_writes_t<Q>;
    /// @brief The fields it brings.
    using owns = process_owns_t<Q>;
    /// @brief Its random purposes.
    using purposes = process_purposes_t<Q>;
    /// @brief When another rank fails in this process, this rank's process has already written:
    /// the tissue must undo the stage's own writes too.
    static constexpr bool strong_guarantee = false;

    /// @brief Runs q in the domain d.
    stage(Q q, slab_domain<Dim>* d) : q_(std::move(q)), domain_(d) {}

    /// @brief The process.
    [[nodiscard]] Q& inner() noexcept { return q_; }
    /// @brief The process.
    [[nodiscard]] const Q& inner() const noexcept { return q_; }
    /// @brief Its reach as of the last prepare.
    [[nodiscard]] std::size_t reach() const noexcept { return reach_; }

    /// @brief Binds the process (as the tissue would).
    template <class Fields, class Grid>
    void bind(const lineage_info& info, const Grid& grid) {
        if constexpr (requires { q_.template bind<Fields>(info, grid); }) q_.template bind<Fields>(info, grid);
        else if constexpr (requires { q_.bind(info, grid); }) q_.bind(info, grid);
    }
    /// @brief Lists the process's parameters.
    template <class Visitor>
        requires describable<Q>
    void describe(Visitor&& visit) {
        q_.describe(std::forward<Visitor>(visit));
    }
    /// @brief Saves the process's state (checkpoints).
    void save_state(checkpoint_writer& w) const
        requires requires(const Q& q, checkpoint_writer& x) { q.save_state(x); }
    {
        q_.save_state(w);
    }
    /// @brief Restores the process's state.
    void restore_state(checkpoint_reader& r)
        requires requires(Q& q, checkpoint_reader& x) { q.restore_state(x); }
    {
        q_.restore_state(r);
    }
    /// @brief Drops the process's caches.
    void reset() {
        if constexpr (requires { q_.reset(); }) q_.reset();
    }

    /// @brief Prepares the process; a failure on any rank is agreed on by the last stage's
    /// prepare, so that every rank refuses the step before anything changed.
    template <class Ctx>
    void prepare(const Ctx& ctx, duration dt) {
        if constexpr (K == 0) domain_->begin_step();
        try {
            reach_ = reach_of(q_, domain_->reach());
            if (reach_ > domain_->halo()) {
                throw invalid_parameter("ossify::mpi::decomposed_tissue", "halo", std::to_string(domain_->halo()) + " planes",
                                        "at least " + std::to_string(reach_) + ", the reach of " + std::string(name) +
                                            " with its parameters now (decomposition::halo)");
            }
            if constexpr (requires { q_.prepare(ctx, dt); }) q_.prepare(ctx, dt);
        } catch (const std::exception& e) {
            domain_->record(name, e.what());
        }
        mask_ = mask_of<typename Ctx::state_type>();
        if constexpr (K + 1 == N) domain_->agree();
    }
    /// @brief Runs the process in the halo plan; a process that may throw is followed by an
    /// agreement, so that a failure on one rank fails the step on every rank.
    template <class Ctx>
    void step(Ctx& ctx, duration dt) noexcept(process_step_is_noexcept_v<Q, Ctx>) {
        domain_->before(reach_);
        if constexpr (!process_step_is_noexcept_v<Q, Ctx>) {
            try {
                q_.step(ctx, dt);
            } catch (const agreed_failure&) {
                throw;  // a distributed process agreed already
            } catch (const std::exception& e) {
                domain_->record(name, e.what());
            } catch (...) {
                domain_->record(name, "an exception that is not a std::exception");
            }
            domain_->agree();
        } else {
            q_.step(ctx, dt);
        }
        domain_->after(mask_, reach_, leaves_halo_stale_v<Q>);
        if constexpr (K + 1 == N) domain_->finish();
    }

    /// @brief The arrays a process with writes W changes, as bits of visit_arrays' order.
    template <class State>
    [[nodiscard]] static std::uint64_t mask_of() noexcept {
        static_assert(2 + (State::has_attribute ? 1 : 0) + State::fields_type::size +
                              (State::has_matrix ? State::matrix_type::array_count : 0) <=
                          64,
                      "ossify::mpi: a decomposed tissue holds at most 64 per-site arrays (cells, attribute, fields, matrix)");
        std::uint64_t m = 0;
        unsigned k = 0;
        const auto bit = [&](bool on) {
            if (on) m |= std::uint64_t{1} << k;
            ++k;
        };
        constexpr bool moves_cells = writes::template contains<cells>;
        bit(moves_cells);  // cells.state
        bit(moves_cells);  // cells.entered
        if constexpr (State::has_attribute) bit(moves_cells);
        State::fields_type::for_each([&]<class F>() {
            bit(writes::template contains<F> || (signal_type<F> && writes::template contains<all_signals>));
        });
        if constexpr (State::has_matrix) {
            for (std::size_t a = 0; a < State::matrix_type::array_count; ++a) bit(writes::template contains<bone_matrix>);
        }
        return m;
    }

private:
    Q q_;
    slab_domain<Dim>* domain_;
    std::size_t reach_ = 0;
    std::uint64_t mask_ = 0;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_STAGE_HPP
