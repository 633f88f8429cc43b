/// @file
/// @brief Umbrella header of the space layer: grids, neighbourhoods, boundaries, fields, shapes.
#include "config.hpp"
#ifndef OSSIFY_SPACE_HPP
#define OSSIFY_SPACE_HPP
#include "space/grid.hpp"
#include "space/neighbourhood.hpp"
#include "space/boundary.hpp"
#include "space/field.hpp"
#include "space/shapes.hpp"
#include "space/shape.hpp"
#endif
