/// @file
/// @brief Umbrella header of the units layer.
#include "config.hpp"
#ifndef OSSIFY_UNITS_HPP
#define OSSIFY_UNITS_HPP
#include "units/system.hpp"
#include "units/quantities.hpp"
#include <boost/units/cmath.hpp>  // sqrt, pow, abs ... of quantities
#include "units/literals.hpp"
#include "units/io.hpp"
#include "units/parameter.hpp"
#endif
