/// @file
/// @brief The designs of sensitivity screens: the factors (named parameters and the interval each
/// is varied over), a one-at-a-time design and a Morris elementary-effects design (Morris 1991).
/// A design is a pure function of its arguments; sensitivity.hpp runs and analyses it.
///
/// ```cpp
/// std::vector<ossify::sensitivity_factor> f{{"apposition_rate", 2.0, 4.0, "um/d"},
///                                           {"osteoblast_apoptosis", 0.02, 0.04, "1/d"}};
/// auto oat = ossify::one_at_a_time_design(f, {3.0, 0.03});             // baseline values
/// auto morris = ossify::morris_design(f, 10, 4, ossify::seed{42});     // 10 trajectories, 4 levels
/// ```
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_SCREEN_DESIGN_HPP
#define OSSIFY_SCENARIO_SCREEN_DESIGN_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../random/counter_rng.hpp"
#include "../random/seed.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A parameter a screen varies, between two values in its internal unit.
struct sensitivity_factor {
    std::string name;  ///< the parameter's full name
    double lower = 0;  ///< the lowest value
    double upper = 0;  ///< the highest value
    std::string unit;  ///< its unit
};

/// @brief The kind of screen.
enum class screen_method : unsigned char {
    one_at_a_time,  ///< baseline, then each factor alone at its lower and upper value
    morris          ///< Morris elementary effects on random trajectories through a level grid
};
/// @brief "one-at-a-time" or "morris".
[[nodiscard]] constexpr std::string_view to_string(screen_method m) noexcept {
    return m == screen_method::morris ? "morris" : "one-at-a-time";
}

/// @brief The design of a screen: the points to run and how they relate.
struct screen_design {
    /// @brief The kind of screen.
    screen_method method = screen_method::one_at_a_time;
    /// @brief The factors.
    std::vector<sensitivity_factor> factors;
    /// @brief Each factor's value at the baseline (OAT) or nothing (Morris).
    std::vector<double> baseline;
    /// @brief points[j][i]: factor i's value at design point j.
    std::vector<std::vector<double>> points;
    /// @brief Per point: the factor changed from the previous point (-1: a baseline or the start
    /// of a trajectory; OAT: the factor set to its lower or upper value).
    std::vector<std::int32_t> changed;
    /// @brief Per point: the signed change of that factor on the unit scale of its range
    /// (Morris: +delta or -delta; OAT: -1 for the lower, +1 for the upper point; 0 otherwise).
    std::vector<double> step;
    /// @brief Morris: trajectories, levels, delta = levels / (2 (levels - 1)).
    std::size_t trajectories = 0;
    /// @brief Morris: number of levels of the grid.
    unsigned levels = 0;
    /// @brief Morris: the step on the unit scale.
    double delta = 0.0;
};

namespace detail {
inline void check_factors(std::string_view where, const std::vector<sensitivity_factor>& f) {
    if (f.empty()) throw invalid_parameter(where, "factors", "none", "at least one parameter to vary");
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (!(std::isfinite(f[i].lower) && std::isfinite(f[i].upper) && f[i].upper > f[i].lower)) {
            throw invalid_parameter(where, f[i].name, "[" + format_value(f[i].lower) + ", " + format_value(f[i].upper) + "]",
                                    "finite bounds with lower < upper");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (f[j].name == f[i].name) throw invalid_parameter(where, "factors", f[i].name + " (listed twice)", "distinct names");
        }
    }
}
}  // namespace detail

/// @brief The OAT design: point 0 is the baseline (every factor at `baseline`); points 2i+1 and
/// 2i+2 set factor i to its lower and upper value, the others at baseline. Throws
/// invalid_parameter for no factors, a repeated name, or bounds that are not lower < upper.
[[nodiscard]] inline screen_design one_at_a_time_design(std::vector<sensitivity_factor> factors, std::vector<double> baseline) {
    constexpr std::string_view where = "ossify::one_at_a_time_design";
    detail::check_factors(where, factors);
    if (baseline.size() != factors.size()) {
        throw invalid_parameter(where, "baseline", std::to_string(baseline.size()) + " values",
                                std::to_string(factors.size()) + " (one per factor)");
    }
    screen_design d;
    d.method = screen_method::one_at_a_time;
    d.points.push_back(baseline);
    d.changed.push_back(-1);
    d.step.push_back(0.0);
    for (std::size_t i = 0; i < factors.size(); ++i) {
        for (const int side : {-1, 1}) {
            auto p = baseline;
            p[i] = side < 0 ? factors[i].lower : factors[i].upper;
            d.points.push_back(std::move(p));
            d.changed.push_back(static_cast<std::int32_t>(i));
            d.step.push_back(side);
        }
    }
    d.factors = std::move(factors);
    d.baseline = std::move(baseline);
    return d;
}

/// @brief The random purpose of Morris design draws.
inline constexpr std::uint32_t morris_design_purpose = 65;

/**
 * @brief A Morris design (Morris 1991): `trajectories` random one-factor-at-a-time paths through
 * a grid of `levels` (even, >= 2) values per factor, each of k + 1 points. A path starts at a
 * grid point x* with every coordinate in {0, 1/(p-1), ..., 1 - delta} (delta = p / (2 (p-1)))
 * and a random direction per factor (starting at x*_i and moving up by delta, or starting at
 * x*_i + delta and moving down), then moves the factors one by one in a random order. Draws are
 * counter-based: Philox(seed, step = trajectory, entity = factor, purpose =
 * morris_design_purpose), so the design is a pure function of its arguments.
 */
[[nodiscard]] inline screen_design morris_design(std::vector<sensitivity_factor> factors, std::size_t trajectories,
                                                 unsigned levels, ossify::seed s) {
    constexpr std::string_view where = "ossify::morris_design";
    detail::check_factors(where, factors);
    require_in_range(where, "trajectories", static_cast<double>(trajectories), 2, 10000);
    if (levels < 2 || levels > 64 || levels % 2 != 0) {
        throw invalid_parameter(where, "levels", std::to_string(levels), "an even number in [2, 64]");
    }
    const std::size_t k = factors.size();
    screen_design d;
    d.method = screen_method::morris;
    d.trajectories = trajectories;
    d.levels = levels;
    d.delta = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
    const random::counter_rng rng(s);
    const auto to_value = [&](std::size_t i, double u) { return factors[i].lower + u * (factors[i].upper - factors[i].lower); };
    for (std::size_t t = 0; t < trajectories; ++t) {
        const auto draws = rng.bind(t, morris_design_purpose);
        std::vector<double> x(k);
        std::vector<int> dir(k);
        std::vector<std::pair<double, std::size_t>> order(k);
        for (std::size_t i = 0; i < k; ++i) {
            const unsigned starts = levels / 2;  // grid points j/(p-1) with j/(p-1) + delta <= 1
            const auto j = std::min<unsigned>(starts - 1, static_cast<unsigned>(draws.uniform(i, 0) * starts));
            const double base = static_cast<double>(j) / static_cast<double>(levels - 1);
            dir[i] = draws.uniform(i, 1) < 0.5 ? -1 : 1;
            x[i] = dir[i] > 0 ? base : base + d.delta;
            order[i] = {draws.uniform(i, 2), i};
        }
        std::sort(order.begin(), order.end());
        std::vector<double> point(k);
        for (std::size_t i = 0; i < k; ++i) point[i] = to_value(i, x[i]);
        d.points.push_back(point);
        d.changed.push_back(-1);
        d.step.push_back(0.0);
        for (const auto& [key, i] : order) {
            x[i] += dir[i] * d.delta;
            point[i] = to_value(i, std::clamp(x[i], 0.0, 1.0));
            d.points.push_back(point);
            d.changed.push_back(static_cast<std::int32_t>(i));
            d.step.push_back(dir[i] * d.delta);
        }
    }
    d.factors = std::move(factors);
    return d;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_SCREEN_DESIGN_HPP
