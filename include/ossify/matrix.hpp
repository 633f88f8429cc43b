/// @file
/// @brief Umbrella header of the matrix layer: osteoid deposition, mineralisation kinetics
/// and the entrapment measure.
#include "config.hpp"
#ifndef OSSIFY_MATRIX_HPP
#define OSSIFY_MATRIX_HPP
#include "matrix/kinetics.hpp"
#include "matrix/field.hpp"
#endif
