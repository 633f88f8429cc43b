/// @file
/// @brief Everything in ossify: include this for convenience, or the module headers
/// (`<ossify/units.hpp>` ...) for shorter compiles.
#include "config.hpp"
#ifndef OSSIFY_OSSIFY_HPP
#define OSSIFY_OSSIFY_HPP
#include "units.hpp"
#endif
