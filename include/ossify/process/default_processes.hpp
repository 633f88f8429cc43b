/// @file
/// @brief The default process sequence of a lattice tissue and the `lattice_tissue` name that
/// uses it:
///
/// 1. `diffuse_signals`: cells and fixed sources secrete, cells take up, signals diffuse and
///    decay (implicit LOD solver);
/// 2. `cell_fates`: every cell senses its site and advances through its rules (competing risks,
///    exact in time); transitions apply at once, then deaths, then divisions into free sites;
/// 3. `cell_migration`: motile cells move to free neighbours (chemotaxis, adhesion: condensation);
/// 4. `matrix_deposition`: depositing cells lay osteoid into their site and free neighbours;
/// 5. `matrix_mineralisation`: osteoid mineralises (lag, primary, secondary phase);
/// 6. `structure_remodelling`: the outside, the outer bone surface, enclosed vessels becoming red
///    marrow, outward migration of surface cells.
///
/// Rules for reordering: `diffuse_signals` before `cell_fates` if policies should see this step's
/// signals; `structure_remodelling` last (its surface is read next step).
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_DEFAULT_PROCESSES_HPP
#define OSSIFY_PROCESS_DEFAULT_PROCESSES_HPP

#include <tuple>
#include <utility>

#include "../random/seed.hpp"
#include "../tissue/lattice_tissue.hpp"
#include "cell_fates.hpp"
#include "cell_migration.hpp"
#include "diffuse_signals.hpp"
#include "matrix_deposition.hpp"
#include "matrix_mineralisation.hpp"
#include "structure_remodelling.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The default process sequence, with chemotaxis up Signal (or adhesion only).
/// @tparam Signal the chemotactic signal of cell_migration, or no_chemotaxis
template <class Signal = no_chemotaxis>
using default_processes_with = std::tuple<diffuse_signals<>, cell_fates, cell_migration<Signal>, matrix_deposition,
                                          matrix_mineralisation, structure_remodelling>;
/// @brief The default process sequence (see the top of this header for the order).
using default_processes = default_processes_with<>;

/// @brief A process tuple from process objects, for a custom sequence:
/// `processes(diffuse_signals{}, cell_fates{}, my_process{})`.
template <class... P>
[[nodiscard]] constexpr std::tuple<P...> processes(P... p) {
    return std::tuple<P...>(std::move(p)...);
}

/// @brief The lattice tissue with the default processes unless others are given:
/// `lattice_tissue tissue{rules, grid2d{256, 256, 10.0_um}, signals<bmp2>{}, seed{42}}`.
template <class Rules, class Grid, class Fields, class Processes = default_processes, class Options = lattice_options<>>
using lattice_tissue = basic_lattice_tissue<Rules, Grid, Fields, Processes, Options>;

/// @brief CTAD: `basic_lattice_tissue tissue{rules, grid, signals<bmp2>{}, seed{42}}` takes the
/// default processes.
template <class Rules, class Grid, class Fields>
basic_lattice_tissue(Rules, Grid, Fields, ossify::seed) -> basic_lattice_tissue<Rules, Grid, Fields, default_processes>;
/// @brief CTAD with a process tuple.
template <class Rules, class Grid, class Fields, class... P>
basic_lattice_tissue(Rules, Grid, Fields, ossify::seed, std::tuple<P...>)
    -> basic_lattice_tissue<Rules, Grid, Fields, std::tuple<P...>>;
/// @brief CTAD with a process tuple and options.
template <class Rules, class Grid, class Fields, class... P, class Options>
basic_lattice_tissue(Rules, Grid, Fields, ossify::seed, std::tuple<P...>, Options)
    -> basic_lattice_tissue<Rules, Grid, Fields, std::tuple<P...>, Options>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_DEFAULT_PROCESSES_HPP
