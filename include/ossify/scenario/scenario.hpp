/// @file
/// @brief One shape for every scenario: options with one meaning each, a typed parameter
/// struct that describes itself, one result (steps, times, files, events, measurements beside
/// their published values), and the `scenario` concept the command-line tool, the ensemble
/// runner and the report are written against.
///
/// ```cpp
/// struct my_scenario {
///     static constexpr std::string_view name = "my-scenario";
///     static constexpr std::string_view summary = "one line for --help";
///     struct parameters { parameter<rate> k{...}; template <class V> void describe(V&& v) { v(k); } };
///     static scenario_defaults defaults();            // grid, spacing, dt, until, clock ...
///     static scenario_result run(const scenario_options&, const parameters&);
/// };
/// ```
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_SCENARIO_HPP
#define OSSIFY_SCENARIO_SCENARIO_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../random/seed.hpp"
#include "../units/parameter.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The options of a run, the same for every scenario; each has one meaning. Absent
/// optional values take the scenario's defaults (scenario_defaults).
struct scenario_options {
    /// @brief The seed (every result prints it).
    ossify::seed seed{42};
    /// @brief Sites per axis (2 values: a 2-D run; 3: a 3-D run). A grid is a number of sites;
    /// the physical size is grid x spacing. Scenarios with a fixed anatomy refuse a grid that
    /// does not match it rather than change the anatomy.
    std::optional<std::vector<std::int32_t>> grid;
    /// @brief The distance between neighbouring sites.
    std::optional<length> spacing;
    /// @brief The time step (default: the scenario's converged step).
    std::optional<duration> dt;
    /// @brief How long to run: model time from the start of the run (the scenario documents
    /// what its clock's zero is).
    std::optional<duration> until;
    /// @brief The folder to write files into; none: nothing is written.
    std::optional<std::filesystem::path> output;
    /// @brief Write pictures (stage pictures, series) when there is an output folder.
    bool pictures = true;
    /// @brief Called now and then with the share of the run done, in [0, 1] (a progress bar).
    std::function<void(double)> progress;
};

/// @brief A scenario's defaults and limits, in the options' terms.
struct scenario_defaults {
    /// @brief Default sites per axis (its size gives the default dimension).
    std::vector<std::int32_t> grid;
    /// @brief Dimensions the scenario runs in (2, 3 or both).
    std::vector<int> dimensions{2};
    /// @brief Default spacing.
    length spacing = length::from_value(10.0);
    /// @brief Default time step: one at which the reported outputs have converged (a test
    /// checks that halving it moves them by less than the replicate spread).
    duration dt = duration::from_value(1.0 / 24.0);
    /// @brief Default run length.
    duration until = duration::from_value(1.0);
    /// @brief Smallest extent per axis the scenario's geometry needs.
    std::int32_t min_extent = 8;
    /// @brief What t = 0 of the scenario's clock is ("the start of condensation", "gestational week 6" ...).
    std::string clock;
};

/// @brief When something happened in a run (a stage of Figure 6.4.1, a fontanelle's closure).
struct event_time {
    /// @brief Its name ("stage a", "anterior fontanelle closed").
    std::string name;
    /// @brief The measurable criterion that defines it.
    std::string criterion;
    /// @brief When it was first met (model time); nothing when it was not met.
    std::optional<duration> time;
};

/// @brief What a model number is, beside its published value.
enum class comparison : unsigned char {
    prediction,       ///< no parameter was set from the published value
    calibrated,       ///< a parameter was set from this very value: a match is not a prediction
    not_reproduced,   ///< the model misses the published value (stated, not hidden)
    no_reference      ///< an output without a published value to compare with
};
/// @brief The name of a comparison ("prediction" ...).
[[nodiscard]] constexpr std::string_view to_string(comparison c) noexcept {
    switch (c) {
        case comparison::prediction: return "prediction";
        case comparison::calibrated: return "calibrated";
        case comparison::not_reproduced: return "not reproduced";
        case comparison::no_reference: return "no reference";
    }
    return "?";
}

/// @brief One reported number of a run, with the published value it is compared with.
struct measurement {
    /// @brief Its name (snake_case, e.g. "osteocyte_density").
    std::string name;
    /// @brief The model's value.
    double value = 0.0;
    /// @brief Its unit ("1/mm^3", "um", "-").
    std::string unit;
    /// @brief The published value or range as text ("13000-30000"), empty without one.
    std::string published;
    /// @brief The source of the published value (author, year).
    std::string source;
    /// @brief What the comparison means.
    comparison kind = comparison::no_reference;
    /// @brief The published range's bounds when it is a range (for automatic verdicts).
    std::optional<std::pair<double, double>> range;
};

/// @brief What every scenario returns.
struct scenario_result {
    /// @brief The scenario's name.
    std::string scenario;
    /// @brief The seed used.
    ossify::seed seed{0};
    /// @brief The grid, spacing, time step and run length used (the options resolved).
    std::vector<std::int32_t> grid;
    /// @brief Site spacing used.
    length spacing{};
    /// @brief Time step used.
    duration dt{};
    /// @brief Run length asked for.
    duration until{};
    /// @brief Steps taken.
    std::uint64_t steps = 0;
    /// @brief Model time reached (less than until when the run stopped early).
    duration simulated{};
    /// @brief Wall time of the run (seconds).
    double wall_seconds = 0.0;
    /// @brief Files written.
    std::vector<std::filesystem::path> files;
    /// @brief Stage or event times.
    std::vector<event_time> events;
    /// @brief Reported numbers beside their published values.
    std::vector<measurement> measurements;
    /// @brief The parameters used: name, value (internal scale), unit, source.
    std::vector<std::array<std::string, 4>> parameters;
    /// @brief Column names of the metrics time series (with units).
    std::vector<std::string> series_names;
    /// @brief The metrics time series, one row per recorded time.
    std::vector<std::vector<double>> series;

    /// @brief The measurement called `n` (nullptr when absent).
    [[nodiscard]] const measurement* find(std::string_view n) const noexcept {
        for (const auto& m : measurements) {
            if (m.name == n) return &m;
        }
        return nullptr;
    }
    /// @brief The event called `n` (nullptr when absent).
    [[nodiscard]] const event_time* event(std::string_view n) const noexcept {
        for (const auto& e : events) {
            if (e.name == n) return &e;
        }
        return nullptr;
    }
};

/**
 * @brief A scenario: a name, a one-line summary, a describable parameter struct, defaults,
 * and `run(options, parameters) -> scenario_result` that throws invalid_parameter (naming the
 * option) for bad options before it runs or writes anything.
 * @tparam S the candidate scenario type
 */
template <class S>
concept scenario = requires(const scenario_options& o, const typename S::parameters& p) {
    { S::name } -> std::convertible_to<std::string_view>;
    { S::summary } -> std::convertible_to<std::string_view>;
    { S::defaults() } -> std::same_as<scenario_defaults>;
    { S::run(o, p) } -> std::same_as<scenario_result>;
} && describable<typename S::parameters> && std::copy_constructible<typename S::parameters> &&
    std::default_initializable<typename S::parameters>;

/// @brief The most steps a scenario run may take unless forced: 10^7 (a mistyped dt such as
/// 1e-300 would otherwise never end).
inline constexpr double max_scenario_steps = 1.0e7;

/// @brief The options of a run with every default filled in and checked.
struct resolved_options {
    ossify::seed seed;                   ///< the seed
    std::vector<std::int32_t> grid;      ///< sites per axis
    length spacing;                      ///< site spacing
    duration dt;                         ///< time step
    duration until;                      ///< run length
    std::optional<std::filesystem::path> output;  ///< output folder
    bool pictures;                       ///< write pictures
    /// @brief The dimension (grid.size()).
    [[nodiscard]] std::size_t dimension() const noexcept { return grid.size(); }
};

/// @brief Fills in a scenario's defaults and refuses nonsense, naming the option: a grid of a
/// dimension the scenario does not run in or with an extent below its minimum, a spacing, dt or
/// until that is not finite and > 0, dt > until, more than max_scenario_steps steps (unless
/// `force`), an empty output path.
[[nodiscard]] inline resolved_options resolve(const scenario_defaults& d, const scenario_options& o, std::string_view where,
                                              bool force = false) {
    resolved_options r{o.seed, o.grid.value_or(d.grid), o.spacing.value_or(d.spacing), o.dt.value_or(d.dt),
                       o.until.value_or(d.until), o.output, o.pictures};
    const auto dim = static_cast<int>(r.grid.size());
    bool allowed = false;
    std::string dims;
    for (const int k : d.dimensions) {
        allowed = allowed || k == dim;
        dims += (dims.empty() ? "" : " or ") + std::to_string(k);
    }
    if (!allowed) throw invalid_parameter(where, "grid", std::to_string(dim) + " extents", dims + " extents (a " + dims + "-D grid)");
    for (std::size_t a = 0; a < r.grid.size(); ++a) {
        require_in_range(where, "grid[" + std::to_string(a) + "]", r.grid[a], d.min_extent, 1 << 20, "sites");
    }
    require_positive(where, "spacing", r.spacing.value(), "um");
    require_positive(where, "dt", r.dt.value(), "d");
    require_positive(where, "until", r.until.value(), "d");
    if (r.dt.value() > r.until.value()) {
        throw invalid_parameter(where, "dt", format_value(r.dt.value()) + " d", "(0, until = " + format_value(r.until.value()) + " d]");
    }
    if (!force && !(r.until.value() / r.dt.value() <= max_scenario_steps)) {
        throw invalid_parameter(where, "until / dt", format_value(r.until.value() / r.dt.value()) + " steps",
                                "at most 1e7 steps (choose a larger dt, or force the run)");
    }
    if (r.output && r.output->empty()) throw invalid_parameter(where, "output", "\"\"", "a folder path (or no output)");
    return r;
}

/// @brief The parameters of a describable struct as (name, value, unit, source) rows.
template <describable Parameters>
[[nodiscard]] std::vector<std::array<std::string, 4>> parameter_table(Parameters p) {
    std::vector<std::array<std::string, 4>> rows;
    for (const auto& ref : list_parameters(p)) rows.push_back({ref.name(), format_value(ref.value()), std::string(ref.unit()), ref.source()});
    return rows;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_SCENARIO_HPP
