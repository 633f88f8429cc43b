/// @file
/// @brief Umbrella header of the units layer.
#include "config.hpp"
#ifndef OSSIFY_UNITS_HPP
#define OSSIFY_UNITS_HPP
#include "units/system.hpp"
#include "units/quantities.hpp"
#include "units/literals.hpp"
#include "units/io.hpp"
#include "units/parameter.hpp"
#endif
