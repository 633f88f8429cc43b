/// @file
/// @brief The customisation points of the MPI layer, in one place:
///
/// | point | what it says | built-in |
/// |---|---|---|
/// | `mpi::stencil<P>` | how far (sites along the split axis) one step of a local process P looks from a site whose result it decides | `cell_fates`, `cell_migration`, `matrix_deposition`, `matrix_mineralisation` |
/// | `mpi::distributed<P, Dim>` | the process a rank runs in place of P (a distributed variant for a process that is not a local stencil) | `diffuse_signals` -> `mpi::diffuse_signals`, `structure_remodelling` -> `mpi::structure_remodelling` |
/// | `decomposed_reach(opts)` member | the reach of a process written for the MPI layer (a distributed variant) | the two variants |
/// | `leaves_halo_stale` member | the process computes only its rank's own planes (its outputs in the halo must be exchanged before anything reads them) | `mpi::diffuse_signals` |
///
/// A process with neither a stencil nor a distributed variant does not compile in a decomposed
/// tissue (the message names this header).
///
/// Reach of the built-in processes (derived in docs/mpi.md, "Halo width"; measured as a light
/// cone in tests/mpi/reach.cpp): a cell's fate reads its site's environment, which built-in
/// policies take from at most one site away (`entrapped`: the Moore neighbourhood; the outer
/// surface and signals: the site), so a daughter's target depends on deaths two sites from the
/// dividing cell: 2 + policy reach; a move competes with moves of cells two sites away whose
/// target weights count the cells around their targets: 4 with adhesion, 3 without; each
/// depositing state's pass reads the eligibility of sites two away from where it deposits, and
/// the passes run one after another: 2 per depositing state; mineralisation is per site: 0.
#include "../config.hpp"
#ifndef OSSIFY_MPI_TRAITS_HPP
#define OSSIFY_MPI_TRAITS_HPP

#include <concepts>
#include <cstddef>

#include "../process/cell_fates.hpp"
#include "../process/cell_migration.hpp"
#include "../process/matrix_deposition.hpp"
#include "../process/matrix_mineralisation.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/// @brief What the reach of a process may depend on besides its parameters.
struct reach_options {
    /// @brief Sites away from a cell that its rules' policies read (1 for every built-in
    /// policy; a policy reading `field_at(j)` farther away needs more).
    std::size_t policy_reach = 1;
};

/**
 * @brief The reach of a local process: `static std::size_t reach(const P&, const
 * reach_options&)` returns how many sites along the split axis away from a site one step of P
 * reads to decide that site (0 for a process that works site by site). Specialise it for your
 * process to run it decomposed: the halo of a decomposed tissue is at least the largest reach.
 * @tparam P the process
 */
template <class P>
struct stencil;

/// @brief cell_fates: 2 + the policies' reach (a daughter's target depends on deaths two
/// sites from the dividing cell).
template <>
struct stencil<cell_fates> {
    /// @brief The reach.
    static std::size_t reach(const cell_fates&, const reach_options& o) noexcept { return 2 + o.policy_reach; }
};
/// @brief cell_migration: 4 with adhesion (competing moves from two sites away, whose target
/// weights count the cells around their targets), else 3; 0 when no state is motile.
template <class Signal>
struct stencil<cell_migration<Signal>> {
    /// @brief The reach.
    static std::size_t reach(const cell_migration<Signal>& p, const reach_options&) noexcept {
        bool motile = false;
        for (const auto& m : p.motility.table()) motile = motile || m.internal() != 0.0;
        if (!motile) return 0;
        return p.adhesion.get() > 0.0 ? 4 : 3;
    }
};
/// @brief matrix_deposition: 2 per depositing state (each pass reads eligibility two sites
/// from where it deposits, and passes run one after another).
template <>
struct stencil<matrix_deposition> {
    /// @brief The reach.
    static std::size_t reach(const matrix_deposition& p, const reach_options&) noexcept {
        std::size_t depositing = 0;
        for (const auto& v : p.apposition.table()) depositing += v.internal() > 0.0 ? 1u : 0u;
        return 2 * depositing;
    }
};
/// @brief matrix_mineralisation: site by site.
template <>
struct stencil<matrix_mineralisation> {
    /// @brief The reach.
    static std::size_t reach(const matrix_mineralisation&, const reach_options&) noexcept { return 0; }
};

/// @brief A process with a stencil<P> specialisation.
template <class P>
concept stencil_process = requires(const P& p, const reach_options& o) {
    { stencil<P>::reach(p, o) } -> std::convertible_to<std::size_t>;
};
/// @brief A process written for the MPI layer: it says its reach itself.
template <class P>
concept decomposed_process = requires(const P& p, const reach_options& o) {
    { p.decomposed_reach(o) } -> std::convertible_to<std::size_t>;
};

/// @brief The reach of a process a rank runs (a compile error, naming this header, for a process
/// that has neither a stencil nor a distributed variant).
template <class P>
[[nodiscard]] std::size_t reach_of(const P& p, const reach_options& o) {
    if constexpr (decomposed_process<P>) {
        return p.decomposed_reach(o);
    } else {
        static_assert(stencil_process<P>,
                      "ossify::mpi: this process cannot run decomposed: it is not known to be a local stencil. If one "
                      "step of it reads only sites within a few planes of those it changes, specialise "
                      "ossify::mpi::stencil<P> with its reach; otherwise give it a distributed variant through "
                      "ossify::mpi::distributed<P, Dim> (see ossify/mpi/traits.hpp and docs/mpi.md)");
        return stencil<P>::reach(p, o);
    }
}

/// @brief True when P computes only its rank's own planes, so its outputs in the halo must be
/// exchanged before any process reads them (`static constexpr bool leaves_halo_stale = true`).
template <class P>
inline constexpr bool leaves_halo_stale_v = [] {
    if constexpr (requires { P::leaves_halo_stale; }) return static_cast<bool>(P::leaves_halo_stale);
    else return false;
}();

template <std::size_t Dim>
class slab_domain;

/**
 * @brief The process a rank runs in place of P: P itself (a local stencil) unless specialised.
 * A specialisation gives `type` and `static type make(const P&, slab_domain<Dim>&)`.
 * @tparam P the process of the serial model
 * @tparam Dim the grid's dimension
 */
template <class P, std::size_t Dim>
struct distributed {
    /// @brief The process a rank runs.
    using type = P;
    /// @brief A copy of the serial process.
    static type make(const P& p, slab_domain<Dim>&) { return p; }
};

/// @brief The serial process a rank's process stands for (`serial_type` of a distributed
/// variant, or the process itself).
template <class Q>
struct serial_of {
    /// @brief The serial process type.
    using type = Q;
};
/// @brief A distributed variant names its serial process.
template <class Q>
    requires requires { typename Q::serial_type; }
struct serial_of<Q> {
    /// @brief The serial process type.
    using type = typename Q::serial_type;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_TRAITS_HPP
