/// @file
/// @brief Umbrella header of the random layer: seeds, Philox4x32-10, keyed draws, streams
/// and exact samplers.
#include "config.hpp"
#ifndef OSSIFY_RANDOM_HPP
#define OSSIFY_RANDOM_HPP
#include "random/seed.hpp"
#include "random/philox.hpp"
#include "random/purpose.hpp"
#include "random/stream.hpp"
#include "random/counter_rng.hpp"
#include "random/distributions.hpp"
#endif
