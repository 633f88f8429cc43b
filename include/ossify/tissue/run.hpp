/// @file
/// @brief Free drivers for any tissue_model, in the shape of Boost.Odeint's `integrate_const`:
/// `run_for(model, 30.0_d, 1.0_h, observers...)` and `run_until(model, 60.0_d, 1.0_h, ...)`.
///
/// The observers see the model at the start and after every step; the last step is shortened
/// to land on the end time, and a step is shortened so as not to pass a time an observer asks
/// for (`at`). The run ends early when an observer returns `run_control::stop`. At the end each
/// observer's `finish` is called (also when the run stops early, not when a step throws).
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_RUN_HPP
#define OSSIFY_TISSUE_RUN_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>

#include "../error.hpp"
#include "../units/quantities.hpp"
#include "model.hpp"
#include "observer.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The most steps one driver call takes: a run that would need more (dt far too small
/// for the span) is refused before it starts.
inline constexpr double max_run_steps = 1.0e12;

/**
 * @brief Steps `model` from its current time until `end` in steps of `dt` (the last one, and
 * any that would pass a time an observer asks for, shortened), calling every observer at the
 * start and after each step.
 * @return the number of steps taken
 * @throws invalid_parameter when dt is not finite and > 0, `end` is not finite, or the run
 *         would take more than max_run_steps steps; whatever `step` throws (the model is then
 *         as it was before that step)
 */
template <tissue_model Model, class... Observers>
std::uint64_t run_until(Model& model, duration end, duration dt, Observers&&... observers) {
    constexpr const char* where = "ossify::run_until";
    const double h = dt.value(), t_end = end.value(), t0 = model.time().value();
    require_positive(where, "dt", h, "d");
    if (!std::isfinite(t_end)) throw_out_of_range(where, "end", t_end, "d", "finite");
    if (t_end > t0 && !((t_end - t0) / h <= max_run_steps)) {
        throw_out_of_range(where, "(end - time) / dt", (t_end - t0) / h, "steps",
                           "at most 1e12 steps; choose a larger dt");
    }
    if (t0 + h == t0) throw_out_of_range(where, "dt", h, "d", "large enough to move the clock");
    std::tuple<Observers&...> obs(observers...);
    const auto observe = [&]() {
        bool stop = false;
        std::apply([&](auto&... o) { ((stop = (notify(o, std::as_const(model)) == run_control::stop) || stop), ...); },
                   obs);
        return stop;
    };
    const auto due = [&]() {
        double t = t_end;
        std::apply([&](const auto&... o) { ((t = std::min(t, next_due(o, std::as_const(model)))), ...); }, obs);
        return t;
    };
    std::uint64_t n = 0;
    bool stop = observe();
    while (!stop) {
        const double t = model.time().value();
        const double left = t_end - t;
        if (!(left > 1e-9 * h)) break;
        const double target = due();
        const double step = std::min(h, std::max(target - t, 0.0) > 1e-9 * h ? target - t : h);
        model.step(duration::from_value(std::min(step, left)));
        ++n;
        stop = observe();
    }
    std::apply([&](auto&... o) { (finish(o, std::as_const(model)), ...); }, obs);
    return n;
}

/**
 * @brief Steps `model` for `total` (>= 0) from its current time: run_until(model, time() +
 * total, dt, observers...).
 * @return the number of steps taken
 */
template <tissue_model Model, class... Observers>
std::uint64_t run_for(Model& model, duration total, duration dt, Observers&&... observers) {
    require_non_negative("ossify::run_for", "total", total.value(), "d");
    return run_until(model, model.time() + total, dt, std::forward<Observers>(observers)...);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_RUN_HPP
