/// @file
/// @brief Observers of a model run and their combinators: `every(1.0_d, obs)`,
/// `at({5.0_d, 10.0_d}, obs)`, `stop_when(pred)`, `observers(a, b, c)`.
///
/// An observer is any callable `obs(const Model&)` (or `obs(const Model&, duration)`, the
/// Boost.Odeint shape) called by the drivers (`run_for`, `run_until`) at the start of a run
/// and after every step. It may return `run_control::stop` to end the run early. Optional
/// members that the drivers use when present:
/// - `duration next_due(const Model&) const`: the next time at which the observer wants to
///   see the model exactly; the driver shortens a step so as not to pass it (`at` uses it);
/// - `void finish(const Model&)`: called once when the run ends (writers flush and close).
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_OBSERVER_HPP
#define OSSIFY_TISSUE_OBSERVER_HPP

#include <algorithm>
#include <cmath>
#include <concepts>
#include <functional>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief What an observer tells the driver.
enum class run_control : unsigned char {
    go_on,  ///< continue
    stop    ///< end the run after this observation
};

/// @brief The observer that does nothing.
struct null_observer {
    /// @brief Does nothing.
    template <class Model, class... Time>
    constexpr void operator()(const Model&, const Time&...) const noexcept {}
};

namespace detail {
/// Time comparisons of observers: equal within a billionth of a day per day of clock.
[[nodiscard]] inline double time_tolerance(double t) noexcept { return 1e-9 * (1.0 + std::abs(t)); }
/// The observer itself, also through std::ref (so a collection can hold a reference).
template <class T>
constexpr T& unwrap(T& x) noexcept { return x; }
template <class T>
constexpr T& unwrap(std::reference_wrapper<T>& x) noexcept { return x.get(); }
template <class T>
constexpr T& unwrap(const std::reference_wrapper<T>& x) noexcept { return x.get(); }
}  // namespace detail

/// @brief Calls an observer on a model; returns its run_control (go_on when it returns nothing).
template <class Wrapped, class Model>
run_control notify(Wrapped& wrapped, const Model& m) {
    auto& obs = detail::unwrap(wrapped);
    using Observer = std::remove_reference_t<decltype(obs)>;
    if constexpr (std::invocable<Observer&, const Model&>) {
        using R = std::invoke_result_t<Observer&, const Model&>;
        if constexpr (std::is_same_v<R, run_control>) return obs(m);
        else {
            obs(m);
            return run_control::go_on;
        }
    } else {
        static_assert(std::invocable<Observer&, const Model&, duration>,
                      "ossify: an observer must be callable as obs(model) or obs(model, time)");
        using R = std::invoke_result_t<Observer&, const Model&, duration>;
        if constexpr (std::is_same_v<R, run_control>) return obs(m, m.time());
        else {
            obs(m, m.time());
            return run_control::go_on;
        }
    }
}

/// @brief The next time (days) an observer wants to see the model exactly; +infinity if none.
template <class Wrapped, class Model>
[[nodiscard]] double next_due(const Wrapped& wrapped, const Model& m) {
    const auto& obs = detail::unwrap(wrapped);
    if constexpr (requires { obs.next_due(m); }) return obs.next_due(m).value();
    else return std::numeric_limits<double>::infinity();
}

/// @brief Tells an observer the run has ended (when it has a `finish` member).
template <class Wrapped, class Model>
void finish(Wrapped& wrapped, const Model& m) {
    auto& obs = detail::unwrap(wrapped);
    if constexpr (requires { obs.finish(m); }) obs.finish(m);
}

/**
 * @brief Calls `obs` at the start and then after the first step that reaches each multiple
 * of `interval` (counted from the start of the run). Steps are not shortened for it, so
 * observing does not change a run; use `at` for exact times.
 * @tparam Observer the wrapped observer (a reference type when it is held by reference)
 */
template <class Observer>
class every_observer {
public:
    /// @brief Observes with `obs` every `interval` (> 0).
    every_observer(duration interval, Observer&& obs) : interval_(interval.value()), obs_(std::forward<Observer>(obs)) {
        require_positive("ossify::every", "interval", interval_, "d");
    }
    /// @brief Observes when a multiple of the interval has been reached.
    template <class Model>
    run_control operator()(const Model& m) {
        const double t = m.time().value();
        if (!started_) {
            started_ = true;
            next_ = t;
        }
        if (t + detail::time_tolerance(t) < next_) return run_control::go_on;
        while (next_ <= t + detail::time_tolerance(t)) next_ += interval_;
        return notify(obs_, m);
    }
    /// @brief Finishes the wrapped observer.
    template <class Model>
    void finish(const Model& m) {
        ossify::finish(obs_, m);
    }
    /// @brief The wrapped observer.
    [[nodiscard]] Observer& observer() noexcept { return obs_; }

private:
    double interval_;
    Observer obs_;
    bool started_ = false;
    double next_ = 0.0;
};

/// @brief `every(1.0_d, obs)`: observe at the start and then once per interval. An lvalue
/// observer is held by reference (so its results stay in the caller's object), an rvalue by value.
template <class Observer>
[[nodiscard]] every_observer<Observer> every(duration interval, Observer&& obs) {
    return every_observer<Observer>(interval, std::forward<Observer>(obs));
}

/**
 * @brief Calls `obs` at given model times exactly: the driver shortens a step to land on each
 * (times already passed when the run starts are skipped).
 * @tparam Observer the wrapped observer
 */
template <class Observer>
class at_observer {
public:
    /// @brief Observes at `times` (finite; any order).
    at_observer(std::vector<duration> times, Observer&& obs) : obs_(std::forward<Observer>(obs)) {
        for (const auto& t : times) {
            if (!std::isfinite(t.value())) throw_out_of_range("ossify::at", "time", t.value(), "d", "finite");
            times_.push_back(t.value());
        }
        std::sort(times_.begin(), times_.end());
    }
    /// @brief The next requested time.
    template <class Model>
    [[nodiscard]] duration next_due(const Model& m) const {
        const double t = m.time().value();
        for (std::size_t k = next_; k < times_.size(); ++k) {
            if (times_[k] > t + detail::time_tolerance(t)) return duration::from_value(times_[k]);
        }
        return duration::from_value(std::numeric_limits<double>::infinity());
    }
    /// @brief Observes when the model is at a requested time.
    template <class Model>
    run_control operator()(const Model& m) {
        const double t = m.time().value();
        bool due = false;
        while (next_ < times_.size() && times_[next_] <= t + detail::time_tolerance(t)) {
            due = due || std::abs(times_[next_] - t) <= detail::time_tolerance(t);
            ++next_;
        }
        return due ? notify(obs_, m) : run_control::go_on;
    }
    /// @brief Finishes the wrapped observer.
    template <class Model>
    void finish(const Model& m) {
        ossify::finish(obs_, m);
    }

private:
    std::vector<double> times_;
    std::size_t next_ = 0;
    Observer obs_;
};

/// @brief `at({5.0_d, 10.0_d}, obs)`: observe at exactly these model times (an lvalue observer
/// is held by reference).
template <class Observer>
[[nodiscard]] at_observer<Observer> at(std::initializer_list<duration> times, Observer&& obs) {
    return at_observer<Observer>(std::vector<duration>(times), std::forward<Observer>(obs));
}
/// @brief `at(times, obs)` with the times in a vector.
template <class Observer>
[[nodiscard]] at_observer<Observer> at(std::vector<duration> times, Observer&& obs) {
    return at_observer<Observer>(std::move(times), std::forward<Observer>(obs));
}

/// @brief An observer that stops the run once `pred(model)` is true.
/// @tparam Predicate callable `bool(const Model&)`
template <class Predicate>
struct stop_when_observer {
    /// @brief The condition.
    Predicate pred;
    /// @brief run_control::stop once the condition holds.
    template <class Model>
    run_control operator()(const Model& m) {
        return pred(m) ? run_control::stop : run_control::go_on;
    }
};
/// @brief `stop_when([](const auto& m) { return m.template count<osteocyte>() > 100; })`.
template <class Predicate>
[[nodiscard]] stop_when_observer<std::decay_t<Predicate>> stop_when(Predicate&& pred) {
    return {std::forward<Predicate>(pred)};
}

/**
 * @brief Several observers as one: each is called in order; the run stops if any asks;
 * `next_due` is the earliest of theirs; `finish` reaches all.
 * @tparam Observers the observers
 */
template <class... Observers>
class observer_collection {
public:
    /// @brief A collection of the given observers.
    explicit observer_collection(Observers&&... obs) : obs_(std::forward<Observers>(obs)...) {}
    /// @brief Calls every observer.
    template <class Model>
    run_control operator()(const Model& m) {
        bool stop = false;
        std::apply([&](auto&... o) { ((stop = (notify(o, m) == run_control::stop) || stop), ...); }, obs_);
        return stop ? run_control::stop : run_control::go_on;
    }
    /// @brief The earliest time any observer wants to see exactly.
    template <class Model>
    [[nodiscard]] duration next_due(const Model& m) const {
        double t = std::numeric_limits<double>::infinity();
        std::apply([&](const auto&... o) { ((t = std::min(t, ossify::next_due(o, m))), ...); }, obs_);
        return duration::from_value(t);
    }
    /// @brief Finishes every observer.
    template <class Model>
    void finish(const Model& m) {
        std::apply([&](auto&... o) { (ossify::finish(o, m), ...); }, obs_);
    }
    /// @brief The k-th observer.
    template <std::size_t K>
    [[nodiscard]] auto& get() noexcept {
        return std::get<K>(obs_);
    }

private:
    std::tuple<Observers...> obs_;
};

/// @brief `observers(csv, pictures, progress)`: one observer made of several (lvalues held by
/// reference, rvalues by value).
template <class... Observers>
[[nodiscard]] observer_collection<Observers...> observers(Observers&&... obs) {
    return observer_collection<Observers...>(std::forward<Observers>(obs)...);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_OBSERVER_HPP
