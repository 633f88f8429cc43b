/// @file
/// @brief Umbrella header of the signal layer: signal tags, diffusion parameters, the
/// explicit and implicit diffusion solvers, and signal_set.
#include "config.hpp"
#ifndef OSSIFY_SIGNAL_HPP
#define OSSIFY_SIGNAL_HPP
#include "signal/concepts.hpp"
#include "signal/signals.hpp"
#include "signal/parameters.hpp"
#include "signal/solver_common.hpp"
#include "signal/explicit_solver.hpp"
#include "signal/implicit_solver.hpp"
#include "signal/signal_set.hpp"
#endif
