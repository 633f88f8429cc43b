/// @file
/// @brief How a population model starts and is solved: initial counts or amounts, the system
/// size that turns amounts into counts, and the method (mean field, exact stochastic
/// simulation, tau-leaping), chosen at run time.
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_OPTIONS_HPP
#define OSSIFY_TISSUE_POPULATION_OPTIONS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "../../detail/error.hpp"
#include "../../random/seed.hpp"
#include "../../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief Method: the deterministic mean field. Counts (or amounts) are expectations; the
 * hazards, influxes and variables' right-hand sides are evaluated inside the ODE right-hand
 * side, so Boost.Odeint's adaptive Dormand-Prince 5(4) error control covers every feedback;
 * the step of `step(dt)` is only the interval at which the model reports.
 */
struct mean_field {
    /// @brief Absolute tolerance, in cells for a model of counts; for a model of amounts, in
    /// units of its largest initial amount (so 1e-10 is a relative accuracy of 1e-10 of it).
    double absolute_tolerance = 1e-10;
    /// @brief Relative tolerance.
    double relative_tolerance = 1e-10;
};

/**
 * @brief Method: exact stochastic simulation (Gillespie's direct method) with a counter-based
 * stream, so the same seed gives the same trajectory everywhere. Propensities are updated
 * after every event; hazards that depend on the clock or on continuous variables are
 * integrated between events (the waiting time solves integral of the total propensity =
 * Exp(1), to `tolerance`).
 */
struct stochastic {
    /// @brief The seed of the run.
    ossify::seed seed{0};
    /// @brief A stream number, to run independent replicates under one seed.
    std::uint64_t stream = 0;
    /// @brief Relative and absolute tolerance of the integration of continuous variables and
    /// time-dependent propensities between events.
    double tolerance = 1e-9;
};

/**
 * @brief Method: tau-leaping for large populations (Cao, Gillespie & Petzold 2006, J Chem
 * Phys 124:044109): each leap fires a Poisson number of every reaction with its propensity at
 * the leap start; the leap is chosen so that no count is expected to change by more than
 * epsilon of itself; reactions within 10 firings of emptying their state are drawn exactly,
 * and where leaps would be shorter than 10 mean waiting times the method takes exact steps.
 */
struct tau_leap {
    /// @brief The seed of the run.
    ossify::seed seed{0};
    /// @brief A stream number, to run independent replicates under one seed.
    std::uint64_t stream = 0;
    /// @brief The accuracy parameter (0 < epsilon < 1): the largest expected relative change
    /// of a count (or of a variable a hazard reads) in one leap. 0.03 is the value Cao et al.
    /// 2006 use in their tests.
    double epsilon = 0.03;
    /// @brief Tolerance of the integration of continuous variables over a leap.
    double tolerance = 1e-9;
};

/// @brief One of the methods, chosen at run time: `population_method m = tau_leap{seed{1}};`.
using population_method = std::variant<mean_field, stochastic, tau_leap>;

/**
 * @brief A method by name, for command lines: "mean_field" (or "mean-field", "ode"), "exact"
 * (or "stochastic", "ssa", "gillespie"), "tau_leap" (or "tau-leap"); default parameters and
 * the given seed and stream.
 * @throws invalid_parameter for another name
 */
[[nodiscard]] inline population_method method_named(std::string_view name, ossify::seed s = ossify::seed{0},
                                                    std::uint64_t stream_id = 0) {
    if (name == "mean_field" || name == "mean-field" || name == "ode") return mean_field{};
    if (name == "exact" || name == "stochastic" || name == "ssa" || name == "gillespie") {
        return stochastic{s, stream_id};
    }
    if (name == "tau_leap" || name == "tau-leap") return tau_leap{s, stream_id};
    throw invalid_parameter("ossify::method_named", "name", "'" + std::string(name) + "'",
                            "mean_field, exact or tau_leap");
}

/// @brief The name of a method ("mean_field", "exact", "tau_leap").
[[nodiscard]] inline std::string_view method_name(const population_method& m) noexcept {
    return m.index() == 0 ? "mean_field" : m.index() == 1 ? "exact" : "tau_leap";
}

/**
 * @brief The size of the system: how many cells make one unit of concentration. A model whose
 * amounts are concentrations (pM, nM) needs it for the stochastic methods, which count cells:
 * count = amount x size. The mean field of amounts a and the stochastic counts n of a system
 * of size s are related by n/s -> a as s grows (Kurtz 1970): the stochastic mean converges to
 * the mean field.
 */
class system_size {
public:
    /// @brief `system_size{1000.0, 1.0_pM}`: `cells` cells make a concentration `per`.
    system_size(double cells, concentration per) : cells_per_nM_(cells / per.value()) {
        detail::require_positive("ossify::system_size", "cells", cells);
        detail::require_positive("ossify::system_size", "concentration", per.value(), "nM");
        detail::require_positive("ossify::system_size", "cells per nM", cells_per_nM_, "nM^-1");
    }
    /// @brief The size of a reaction volume: N_A V molecules (cells) per mol/L, so 1 nM in
    /// 1 um^3 is 0.602214076 cells (Avogadro constant, SI 2019 exact value).
    explicit system_size(volume v) : cells_per_nM_(avogadro_per_nM_um3 * v.value()) {
        detail::require_positive("ossify::system_size", "volume", v.value(), "um^3");
    }
    /// @brief Cells per nanomolar.
    [[nodiscard]] double cells_per_nM() const noexcept { return cells_per_nM_; }

private:
    static constexpr double avogadro_per_nM_um3 = 6.02214076e23 * 1e-9 * 1e-15;
    double cells_per_nM_;
};

/**
 * @brief Initial values per state, made by `initial_counts<S...>(n...)` (a model of counts) or
 * `initial_amounts<S...>(c...)` (a model of concentrations); states not named start at 0.
 * @tparam Amount double (counts) or ossify::concentration
 * @tparam States the states given a value
 */
template <class Amount, class... States>
struct initial_values {
    /// @brief The amount type of the model.
    using amount_type = Amount;
    /// @brief The values in the internal scale (cells, or nM), in the order of States.
    std::array<double, sizeof...(States)> values;
};

/// @brief `initial_counts<mesenchymal>(1000)`, `initial_counts<A, B>(10, 5)`: a model of counts.
template <class... States, class... N>
[[nodiscard]] constexpr initial_values<double, States...> initial_counts(N... n) {
    static_assert(sizeof...(States) == sizeof...(N), "ossify::initial_counts: give one count per state");
    static_assert((std::is_arithmetic_v<N> && ...), "ossify::initial_counts: counts are plain numbers; use "
                                                    "initial_amounts for concentrations");
    return {{static_cast<double>(n)...}};
}

/// @brief `initial_amounts<osteoblast, osteoclast>(0.7_pM, 0.9_pM)`: a model whose amounts
/// are concentrations (a system_size turns them into counts for the stochastic methods).
template <class... States, class... C>
[[nodiscard]] constexpr initial_values<concentration, States...> initial_amounts(C... c) {
    static_assert(sizeof...(States) == sizeof...(C), "ossify::initial_amounts: give one amount per state");
    static_assert((std::is_same_v<C, concentration> && ...),
                  "ossify::initial_amounts: amounts are concentrations (1.0_pM); use initial_counts for counts");
    return {{c.value()...}};
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_OPTIONS_HPP
