/// @file
/// @brief `progress_reporter`: one updating line `[=====>    ]  45% t=12.0 d  ETA 3 s` for
/// long runs, rate-limited, off unless asked for.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_PROGRESS_HPP
#define OSSIFY_OBSERVE_PROGRESS_HPP

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <ostream>
#include <string>
#include <utility>

#include "../detail/error.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Writes a single progress line, redrawn in place with '\r', to a stream.
///
/// Default-constructed it is disabled and does nothing. The clock (wall time, for the rate
/// limit and the ETA) is a constructor argument, so tests can drive it; no global state.
/// ```
/// ossify::progress_reporter progress(true);            // to std::cerr
/// for (...) { tissue.step(dt); progress.update(t, t_end); }
/// progress.finish();
/// ```
class progress_reporter {
public:
    /// @brief The clock type: returns the current wall time.
    using clock_function = std::function<std::chrono::steady_clock::time_point()>;

    /// @brief A disabled reporter (prints nothing).
    progress_reporter() = default;

    /// @brief A reporter writing to `out` when `enabled`.
    /// @param enabled false gives a reporter that prints nothing
    /// @param out the stream (std::cerr by default); must outlive the reporter
    /// @param clock wall clock (std::chrono::steady_clock::now by default)
    /// @param min_interval the shortest time between two redraws (100 ms: at most 10/s)
    /// @param bar_width characters between the brackets, in [1, 200]
    /// @throws invalid_parameter if min_interval is negative or bar_width out of range
    explicit progress_reporter(bool enabled, std::ostream& out = std::cerr,
                               clock_function clock = &std::chrono::steady_clock::now,
                               std::chrono::nanoseconds min_interval = std::chrono::milliseconds(100),
                               int bar_width = 30)
        : enabled_(enabled), out_(&out), clock_(std::move(clock)), min_interval_(min_interval),
          bar_width_(bar_width) {
        detail::require_in_range("ossify::progress_reporter", "bar_width", bar_width, 1, 200);
        detail::require_non_negative("ossify::progress_reporter", "min_interval",
                                     std::chrono::duration<double>(min_interval).count(), "s");
        if (!clock_) clock_ = &std::chrono::steady_clock::now;
    }

    progress_reporter(const progress_reporter&) = delete;
    progress_reporter& operator=(const progress_reporter&) = delete;
    /// @brief Moves the reporter; the moved-from one is disabled.
    progress_reporter(progress_reporter&& o) noexcept { swap(o); }
    /// @brief Moves the reporter; the moved-from one is disabled.
    progress_reporter& operator=(progress_reporter&& o) noexcept {
        progress_reporter tmp(std::move(o));
        swap(tmp);
        return *this;
    }
    /// @brief Ends the line if a progress line is showing and finish() was not called.
    ~progress_reporter() {
        if (enabled_ && shown_ && !finished_) {
            try {
                *out_ << '\n' << std::flush;
            } catch (...) {  // a destructor must not throw
            }
        }
    }

    /// @brief True if this reporter prints.
    [[nodiscard]] bool enabled() const noexcept { return enabled_; }

    /// @brief Reports that a fraction `share` of the run is done at simulated time `t`.
    /// Redraws the line if at least min_interval passed since the last redraw (always the
    /// first time, and the first time share reaches 1). Returns true if it redrew.
    /// @throws invalid_parameter if share is not in [0, 1]
    bool update(double share, duration t) {
        if (!(share >= 0.0 && share <= 1.0)) refuse("share", detail::format_value(share), "[0, 1]");
        if (!enabled_) return false;
        const auto now = clock_();
        if (!started_) {
            start_ = now;
            started_ = true;
        }
        const bool due = !shown_ || (share >= 1.0 && last_share_ < 1.0) || now - last_draw_ >= min_interval_;
        if (!due) return false;
        draw(share, units::internal(t), now, false);
        return true;
    }

    /// @brief Reports simulated time t of a run that ends at t_end (the share done is t / t_end).
    /// @throws invalid_parameter if t_end is not > 0 or t is not in [0, t_end]
    bool update(duration t, duration t_end) {
        const double end = units::internal(t_end), now = units::internal(t);
        detail::require_positive("ossify::progress_reporter::update", "t_end", end, "d");
        if (!(now >= 0.0 && now <= end)) {
            refuse("t", detail::format_value(now) + " d", "[0, t_end] = [0, " + detail::format_value(end) + "] d");
        }
        return update(now / end, t);
    }

    /// @brief Draws the final line (100%, total wall time) and ends it with a newline.
    void finish() {
        if (!enabled_ || finished_) return;
        const auto now = clock_();
        if (!started_) {
            start_ = now;
            started_ = true;
        }
        draw(1.0, last_t_, now, true);
        *out_ << '\n' << std::flush;
        finished_ = true;
    }

    /// @brief Formats a wall-time span for the line: "3 s", "2 min 05 s", "1 h 03 min".
    [[nodiscard]] static std::string format_seconds(double s) {
        if (!std::isfinite(s) || s < 0.0) return "--";
        const auto total = static_cast<long long>(std::llround(s));
        char buf[48];
        if (total < 60) std::snprintf(buf, sizeof buf, "%lld s", total);
        else if (total < 3600) std::snprintf(buf, sizeof buf, "%lld min %02lld s", total / 60, total % 60);
        else std::snprintf(buf, sizeof buf, "%lld h %02lld min", total / 3600, (total % 3600) / 60);
        return buf;
    }

private:
    // Out of line: inlining detail::require_in_range's message building into a caller's loop
    // makes g++ 12 -O3 report a false -Wstringop-overflow.
    [[noreturn, gnu::cold, gnu::noinline]] static void refuse(const char* parameter, const std::string& value,
                                                              const std::string& allowed) {
        throw invalid_parameter("ossify::progress_reporter::update", parameter, value, allowed);
    }

    void swap(progress_reporter& o) noexcept {
        std::swap(enabled_, o.enabled_);
        std::swap(out_, o.out_);
        std::swap(clock_, o.clock_);
        std::swap(min_interval_, o.min_interval_);
        std::swap(bar_width_, o.bar_width_);
        std::swap(started_, o.started_);
        std::swap(shown_, o.shown_);
        std::swap(finished_, o.finished_);
        std::swap(start_, o.start_);
        std::swap(last_draw_, o.last_draw_);
        std::swap(last_t_, o.last_t_);
        std::swap(last_share_, o.last_share_);
        std::swap(last_len_, o.last_len_);
    }

    void draw(double share, double t, std::chrono::steady_clock::time_point now, bool done) {
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        const int filled = static_cast<int>(share * bar_width_);
        std::string line = "[";
        for (int i = 0; i < bar_width_; ++i) {
            line += i < filled ? '=' : (i == filled ? '>' : ' ');
        }
        char buf[96];
        std::snprintf(buf, sizeof buf, "] %3d%% t=%.1f d  ", static_cast<int>(share * 100.0), t);
        line += buf;
        if (done) line += "done in " + format_seconds(elapsed);
        else line += "ETA " + (share > 0.0 ? format_seconds(elapsed * (1.0 - share) / share) : std::string("--"));
        const std::size_t len = line.size();
        if (len < last_len_) line.append(last_len_ - len, ' ');  // wipe the end of a longer line
        *out_ << '\r' << line << std::flush;
        last_len_ = len;
        last_draw_ = now;
        last_t_ = t;
        last_share_ = share;
        shown_ = true;
    }

    bool enabled_ = false;
    std::ostream* out_ = &std::cerr;
    clock_function clock_ = &std::chrono::steady_clock::now;
    std::chrono::nanoseconds min_interval_ = std::chrono::milliseconds(100);
    int bar_width_ = 30;
    bool started_ = false, shown_ = false, finished_ = false;
    std::chrono::steady_clock::time_point start_{}, last_draw_{};
    double last_t_ = 0.0;
    double last_share_ = 0.0;
    std::size_t last_len_ = 0;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_PROGRESS_HPP
