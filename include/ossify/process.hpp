/// @file
/// @brief Umbrella header of the process layer: what a lattice tissue does each step, the
/// default sequence, and the tools for writing processes (threads, claims).
#include "config.hpp"
#ifndef OSSIFY_PROCESS_HPP
#define OSSIFY_PROCESS_HPP
#include "process/parallel.hpp"
#include "process/claims.hpp"
#include "process/diffuse_signals.hpp"
#include "process/cell_fates.hpp"
#include "process/cell_migration.hpp"
#include "process/matrix_deposition.hpp"
#include "process/matrix_mineralisation.hpp"
#include "process/structure_remodelling.hpp"
#include "process/default_processes.hpp"
#endif
