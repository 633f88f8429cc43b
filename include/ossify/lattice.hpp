/// @file
/// @brief The lattice tissue and what a program that builds and runs one needs, without the
/// rest of the library: a lighter alternative to `<ossify/ossify.hpp>` for faster rebuilds
/// (docs/performance.md gives the cost of each umbrella).
///
/// Holds: units (quantities, literals, parameters; not their printing), the built-in cell
/// states and lineages, transition policies and rule sets, signal tags and the implicit
/// solver, the bone matrix, the lattice tissue with its processes, the free drivers and
/// observers, checkpoints, metrics and the CSV recorder. Leaves out: the population model
/// (Boost.Odeint), the range-v3 cell views, the VTK/PNG writers and their observers, the
/// explicit solver and signal_set, Boost.Units printing: include those headers when needed.
#include "config.hpp"
#ifndef OSSIFY_LATTICE_HPP
#define OSSIFY_LATTICE_HPP

#include "error.hpp"
#include "units/literals.hpp"
#include "units/parameter.hpp"
#include "units/quantities.hpp"
#include "random/seed.hpp"
#include "space/grid.hpp"
#include "space/shapes.hpp"
#include "cell.hpp"
#include "transition.hpp"
#include "signal/signals.hpp"
#include "matrix.hpp"
#include "tissue/run.hpp"
#include "tissue/observer.hpp"
#include "tissue/lattice_tissue.hpp"
#include "tissue/checkpoint.hpp"
#include "process.hpp"
#include "observe/metrics.hpp"
#include "observe/recorder.hpp"

#endif  // OSSIFY_LATTICE_HPP
