/// @file
/// @brief Umbrella header of the tissue layer: the model protocol, drivers and observers, the
/// lattice tissue (state, fields, processes' contexts, checkpoints) and the population model.
#include "config.hpp"
#ifndef OSSIFY_TISSUE_HPP
#define OSSIFY_TISSUE_HPP
#include "tissue/model.hpp"
#include "tissue/observer.hpp"
#include "tissue/run.hpp"
#include "tissue/fields.hpp"
#include "tissue/lattice_state.hpp"
#include "tissue/process.hpp"
#include "tissue/context.hpp"
#include "tissue/lattice_tissue.hpp"
#include "tissue/cells_view.hpp"
#include "tissue/checkpoint.hpp"
#include "tissue/environment.hpp"
#include "tissue/population_model.hpp"
#endif
