/// @file
/// @brief The well-mixed population model: cells per state of a lineage under rules that see
/// the whole population (counts, amounts, continuous variables, declared signals, the clock),
/// with influxes, divisions and continuous variables, solved by the mean field (Boost.Odeint),
/// exact stochastic simulation (Gillespie) or tau-leaping, chosen at run time.
///
/// | header | what |
/// |---|---|
/// | `population/spec.hpp` | `population<Lineage>(...)`, `influx<S>`, `division<S>`, `asymmetric_division<S, T>`, `variable<V>` |
/// | `population/options.hpp` | `initial_counts`, `initial_amounts`, `system_size`, `mean_field`, `stochastic`, `tau_leap`, `population_method` |
/// | `population/context.hpp` | `population_context`: what policies, influxes and right-hand sides read |
/// | `population/model.hpp` | `population_model` |
/// | `population/detail/` | the three methods |
///
/// See docs/population.md.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_MODEL_HPP
#define OSSIFY_TISSUE_POPULATION_MODEL_HPP

#include "environment.hpp"
#include "population/context.hpp"
#include "population/model.hpp"
#include "population/options.hpp"
#include "population/spec.hpp"
#include "population/detail/step.hpp"
#include "population/detail/mean_field.hpp"
#include "population/detail/exact.hpp"
#include "population/detail/tau_leap.hpp"

#endif  // OSSIFY_TISSUE_POPULATION_MODEL_HPP
