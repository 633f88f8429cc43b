/// @file
/// @brief Writers and reporters as observers of a run (`run_for(model, T, dt, obs...)`):
/// `csv_recorder` (a metrics time series, any model), `vti_series` (VTK image data of a lattice
/// tissue, plus a `.pvd` collection so ParaView animates the run), `picture_series` (PNG
/// pictures), `progress_bar` (a progress line), `rule_activity` (how often each rule fired, so a
/// rule that never fires is seen). Combine with `every(1.0_d, ...)`, `at({...}, ...)`.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_OBSERVERS_HPP
#define OSSIFY_OBSERVE_OBSERVERS_HPP

#include "picture_series.hpp"
#include "progress_bar.hpp"
#include "recorder.hpp"
#include "rule_activity.hpp"
#include "vti_series.hpp"

#endif  // OSSIFY_OBSERVE_OBSERVERS_HPP
