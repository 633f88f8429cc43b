/// @file
/// @brief Umbrella header of the scenario layer: ready models with cited defaults (the
/// developmental clock, the bone catalogue, Figure 6.4.1, the calvaria, the clavicle).
/// Not included by <ossify/ossify.hpp>, to keep that header's compile time down.
#include "config.hpp"
#ifndef OSSIFY_SCENARIO_HPP
#define OSSIFY_SCENARIO_HPP
#include "scenario/bones.hpp"
#include "scenario/calvaria.hpp"
#include "scenario/clavicle.hpp"
#include "scenario/clock.hpp"
#include "scenario/figure_6_4_1.hpp"
#endif
