/// @file
/// @brief Umbrella header of the tissue layer: the generic models downstream code steps.
#include "config.hpp"
#ifndef OSSIFY_TISSUE_HPP
#define OSSIFY_TISSUE_HPP
#include "tissue/environment.hpp"
#include "tissue/population_model.hpp"
#include "tissue/lattice_tissue.hpp"
#include "tissue/checkpoint.hpp"
#endif
