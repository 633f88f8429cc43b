/// @file
/// @brief Umbrella header of the process layer: what a lattice tissue does each step.
#include "config.hpp"
#ifndef OSSIFY_PROCESS_HPP
#define OSSIFY_PROCESS_HPP
#include "process/lattice_environment.hpp"
#include "process/processes.hpp"
#endif
