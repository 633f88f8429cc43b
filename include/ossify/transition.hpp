/// @file
/// @brief Umbrella header of the transition layer: policies, rules, rule sets.
#include "config.hpp"
#ifndef OSSIFY_TRANSITION_HPP
#define OSSIFY_TRANSITION_HPP
#include "transition/concepts.hpp"
#include "transition/policies.hpp"
#include "transition/transition.hpp"
#include "transition/rule_set.hpp"
#include "transition/advance.hpp"
#endif
