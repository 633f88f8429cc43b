/// @file
/// @brief Everything in ossify: include this for convenience, or the module headers
/// (`<ossify/units.hpp>`, `<ossify/transition.hpp>` ...) for shorter compiles.
#include "config.hpp"
#ifndef OSSIFY_OSSIFY_HPP
#define OSSIFY_OSSIFY_HPP
#include "error.hpp"
#include "units.hpp"
#include "random.hpp"
#include "space.hpp"
#include "cell.hpp"
#include "transition.hpp"
#include "signal.hpp"
#include "matrix.hpp"
#include "tissue.hpp"
#include "process.hpp"
#include "observe.hpp"
#endif
