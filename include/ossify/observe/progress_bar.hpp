/// @file
/// @brief `progress_bar`: an observer drawing a progress line for a run.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_PROGRESS_BAR_HPP
#define OSSIFY_OBSERVE_PROGRESS_BAR_HPP

#include <iostream>

#include "../units/quantities.hpp"
#include "progress.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A progress line for a run that ends at model time `end` (see progress_reporter).
class progress_bar {
public:
    /// @brief A bar for a run ending at `end`, printing to `out` when `enabled`.
    explicit progress_bar(duration end, bool enabled = true, std::ostream& out = std::cerr)
        : end_(end.value()), reporter_(enabled, out) {}
    /// @brief Redraws the line (at most ten times a second).
    template <class Model>
    void operator()(const Model& m) {
        const double t = m.time().value();
        if (!started_) {
            started_ = true;
            start_ = t;
        }
        const double span = end_ - start_;
        const double share = span > 0.0 ? (t - start_) / span : 1.0;
        reporter_.update(share < 0.0 ? 0.0 : share > 1.0 ? 1.0 : share, m.time());
    }
    /// @brief Draws the final line.
    template <class Model>
    void finish(const Model&) {
        reporter_.finish();
    }

private:
    double end_;
    progress_reporter reporter_;
    bool started_ = false;
    double start_ = 0.0;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_PROGRESS_BAR_HPP
