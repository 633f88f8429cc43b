/// @file
/// @brief `population_model`: cells per state of a lineage in a well-mixed pool, with feedback
/// between states, continuous variables, sources and divisions, solved by the method chosen at
/// run time (mean field, exact stochastic simulation, tau-leaping). The solvers live in
/// population/detail/ (mean_field.hpp, exact.hpp, tau_leap.hpp).
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_CLASS_HPP
#define OSSIFY_TISSUE_POPULATION_CLASS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "../../error.hpp"
#include "../../random/distributions.hpp"
#include "../../random/seed.hpp"
#include "../../random/stream.hpp"
#include "../../units/parameter.hpp"
#include "../../units/quantities.hpp"
#include "../environment.hpp"
#include "context.hpp"
#include "detail/channels.hpp"
#include "options.hpp"
#include "spec.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief The population_spec of a rule set or a spec, with the signals among Options added.
template <class Arg, class... Options>
struct spec_of {
    using type = Arg;
};
template <class L, class... R, class... Options>
struct spec_of<basic_rule_set<L, R...>, Options...> {
    using type = population_spec<basic_rule_set<L, R...>, std::tuple<>, std::tuple<>,
                                 typename signals_of_args<Options...>::type>;
};
template <class R, class Re, class Va, class... Options>
struct spec_of<population_spec<R, Re, Va, signals<>>, Options...> {
    using type = population_spec<R, Re, Va, typename signals_of_args<Options...>::type>;
};
template <class Arg, class... Options>
using spec_of_t = typename spec_of<std::decay_t<Arg>, std::decay_t<Options>...>::type;

template <class T>
inline constexpr bool is_method_option_v = std::is_convertible_v<T, population_method>;
template <class T>
inline constexpr bool is_model_option_v = is_method_option_v<T> || std::is_same_v<T, system_size> || is_signals_v<T>;
}  // namespace detail

/**
 * @brief Cells per state of a lineage in a well-mixed pool.
 *
 * ```cpp
 * population_model pop{model, initial_counts<osteoclast, osteoblast>(11, 212), stochastic{seed{42}}};
 * run_for(pop, 100.0_d, 1.0_d, [](const auto& m) { std::cout << m.count<osteoclast>() << '\n'; });
 * ```
 * The model follows ossify's model protocol (`tissue_model`, `rule_reporting_model`): the free
 * drivers `run_for`/`run_until` step it and observers read it. Its policies, influxes and
 * variables see the counts, amounts and variables through a population_context; the method
 * (mean_field, stochastic, tau_leap) is a run-time choice. `step` has the strong guarantee:
 * when it throws (a hazard NaN or negative, a population past 1e300 ...) the model is exactly
 * as it was.
 * @tparam Spec a population_spec (or a rule set: a specification with rules only)
 * @tparam Amount double (a model of counts) or ossify::concentration (a model of amounts)
 */
template <class Spec, class Amount = double>
class population_model {
public:
    /// @brief The full specification.
    using spec_type = detail::spec_of_t<Spec>;

private:
    static_assert(is_population_spec_v<spec_type>, "ossify::population_model: the first argument must be a rule set "
                                                   "(ossify::rule_set<Lineage>(...)) or ossify::population<Lineage>(...)");
    static_assert(!spec_type::reads_time_in_state,
                  "ossify::population_model: a policy reads the cells' time in state (after(d)); a well-mixed count "
                  "model does not track cells one by one. Use the lattice tissue, or write the delay as a chain of "
                  "constant-hazard stages");
    static_assert(std::is_same_v<Amount, double> || std::is_same_v<Amount, concentration>,
                  "ossify::population_model: amounts are counts (double) or concentrations");
    using channels_type = decltype(std::tuple_cat(std::declval<typename spec_type::rules_type>().rules(),
                                                  std::declval<typename spec_type::reactions_type>()));
    using variables_type = typename spec_type::variables_type;

public:
    /// @brief The lineage.
    using lineage_type = typename spec_type::lineage_type;
    /// @brief The environment (declared signals, entrapment).
    using environment_type = typename spec_type::environment_type;
    /// @brief The amount type.
    using amount_type = Amount;
    /// @brief The context handed to policies, influxes and right-hand sides.
    using context_type = population_context<spec_type, Amount>;
    /// @brief Number of states.
    static constexpr std::size_t state_count = lineage_type::size;
    /// @brief Number of states (the same as state_count).
    static constexpr std::size_t states = state_count;
    /// @brief Number of continuous variables.
    static constexpr std::size_t variable_count = spec_type::variable_count;
    /// @brief Number of rules: those of the rule set, then influxes and divisions.
    static constexpr std::size_t channel_count = spec_type::channel_count;

    /**
     * @brief A model of `spec` (a population_spec or a rule set) from initial counts or
     * amounts, with options in any order: the method (mean_field{} by default, stochastic,
     * tau_leap, or a population_method), a system_size (models of amounts; needed by the
     * stochastic methods) and, for a plain rule set, its `signals<...>{}`.
     * @throws invalid_parameter for a negative, NaN or (stochastic methods, counts) fractional
     *         initial value, a missing or superfluous system_size, or bad method parameters
     */
    template <class Arg, class... States, class... Options>
    population_model(const Arg& spec, const initial_values<Amount, States...>& init, const Options&... options)
        : channels_(channels_of(spec)), variables_(variables_of(spec)), state_(make_state(options...)) {
        static_assert((lineage_type::template contains<States> && ...),
                      "ossify::population_model: an initial value names a state that is not in the lineage");
        static_assert((detail::is_model_option_v<Options> && ...),
                      "ossify::population_model: an option is not a method (mean_field, stochastic, tau_leap), a "
                      "system_size or signals<...>");
        static_assert((0 + ... + (detail::is_signals_v<Options> ? 1 : 0)) + (detail::declares_signals_v<Arg> ? 1 : 0) <= 1,
                      "ossify::population_model: declare the signals once, in population<Lineage>(...) or here");
        (take_option(options), ...);
        check_method();
        std::size_t i = 0;
        (set_initial(lineage_type::template index_of<States>, States::name, init.values[i++]), ...);
        detail::for_index<variable_count>([&](auto j) {
            const double x0 = detail::to_internal(std::get<j()>(variables_).initial);
            if (!std::isfinite(x0)) {
                throw invalid_parameter("ossify::population_model",
                                        "initial value of " + std::string(std::tuple_element_t<j(), variables_type>::tag::name),
                                        format_value(x0), "finite");
            }
            state_.variables[j()] = x0;
            var_scale_[j()] = x0 != 0.0 ? std::abs(x0) : 1.0;
        });
        detail::for_index<R>([&](auto r) { weights_[r()] = detail::channel_weight(std::get<r()>(channels_)); });
        double largest = 0.0;
        for (double c : state_.cells) largest = std::max(largest, c);
        cell_scale_ = std::is_same_v<Amount, double> ? 1.0 : (largest > 0.0 ? largest : cells_per_amount_);
    }

    /// @brief Advances the model by dt (> 0) with its method. Strong guarantee: on a throw
    /// (invalid dt, an unset signal, a hazard NaN or negative, an infinite division, a count or
    /// variable past 1e300 or NaN) the model is exactly as before.
    void step(duration dt) {
        const double h = dt.value();
        detail::require_positive("ossify::population_model::step", "dt", h, "d");
        env_.require_all_set();
        const state_type saved = state_;
        try {
            switch (method_.index()) {
                case 0: advance_mean_field(h); break;
                case 1: advance_exact(h); break;
                default: advance_tau_leap(h); break;
            }
            state_.time = saved.time + h;
            check_finite();
        } catch (...) {
            state_ = saved;
            throw;
        }
        ++state_.steps;
    }

    /// @brief Name of state i ("?" out of range).
    [[nodiscard]] static constexpr std::string_view state_name(std::size_t i) noexcept { return lineage_type::name(i); }
    /// @brief The model clock.
    [[nodiscard]] duration time() const noexcept { return duration::from_value(state_.time); }
    /// @brief Steps taken so far.
    [[nodiscard]] std::uint64_t steps() const noexcept { return state_.steps; }
    /// @brief The seed of the stochastic methods (seed{0} for the mean field).
    [[nodiscard]] ossify::seed seed() const noexcept {
        return method_.index() == 0 ? ossify::seed{0} : state_.rng.seed();
    }
    /// @brief Cells per state in lineage order (expectations for the mean field; for a model
    /// of amounts without a system size, the amounts in nM).
    [[nodiscard]] std::array<double, state_count> counts() const noexcept { return state_.cells; }
    /// @brief Cells of State.
    template <class State>
    [[nodiscard]] double count() const noexcept {
        return state_.cells[lineage_type::template index_of<State>];
    }
    /// @brief All cells.
    [[nodiscard]] double cell_count() const noexcept {
        double s = 0.0;
        for (double c : state_.cells) s += c;
        return s;
    }
    /// @brief The amount of State (its count, or its concentration in a model of amounts).
    template <class State>
    [[nodiscard]] Amount amount() const noexcept {
        const double a = state_.cells[lineage_type::template index_of<State>] / cells_per_amount_;
        if constexpr (std::is_same_v<Amount, double>) return a;
        else return Amount::from_value(a);
    }
    /// @brief The value of variable Tag.
    template <class Tag>
    [[nodiscard]] typename spec_type::template variable_value_type<Tag> variable() const noexcept {
        static_assert(spec_type::template declares_variable<Tag>, "ossify::population_model: no such variable");
        return detail::from_internal_value<typename spec_type::template variable_value_type<Tag>>(
            state_.variables[spec_type::template variable_index<Tag>]);
    }
    /// @brief Sets variable Tag (a dose, a reset); a value that is not finite is refused.
    template <class Tag>
    void set_variable(typename spec_type::template variable_value_type<Tag> value) {
        static_assert(spec_type::template declares_variable<Tag>, "ossify::population_model: no such variable");
        const double x = detail::to_internal(value);
        if (!std::isfinite(x)) throw invalid_parameter("ossify::population_model::set_variable", Tag::name, format_value(x), "finite");
        state_.variables[spec_type::template variable_index<Tag>] = x;
    }
    /// @brief Number of rules (rule set, then influxes and divisions).
    [[nodiscard]] static constexpr std::size_t rule_count() noexcept { return channel_count; }
    /// @brief Name of rule k: "mesenchymal -> osteogenic", "osteoblast death", "osteoclast influx",
    /// "progenitor division -> progenitor + osteoblast".
    [[nodiscard]] static std::string rule_name(std::size_t k) { return table::name(k); }
    /// @brief Times rule k fired (expected number for the mean field), in cells.
    [[nodiscard]] double rule_fires(std::size_t k) const noexcept { return k < channel_count ? state_.fires[k] : 0.0; }
    /// @brief Cells added by divisions (expected number for the mean field).
    [[nodiscard]] double births() const noexcept { return fires_of(detail::channel_kind::proliferation, detail::channel_kind::division); }
    /// @brief Cells removed by death.
    [[nodiscard]] double deaths() const noexcept { return fires_of(detail::channel_kind::death, detail::channel_kind::death); }
    /// @brief Cells added by influxes. cell_count() = initial + births() + arrivals() - deaths().
    [[nodiscard]] double arrivals() const noexcept { return fires_of(detail::channel_kind::influx, detail::channel_kind::influx); }
    /// @brief Stochastic events fired so far (0 for the mean field).
    [[nodiscard]] std::uint64_t events() const noexcept { return state_.events; }
    /// @brief The method.
    [[nodiscard]] const population_method& method() const noexcept { return method_; }
    /// @brief Cells per unit of amount (1 for a model of counts).
    [[nodiscard]] double cells_per_amount() const noexcept { return cells_per_amount_; }
    /// @brief The environment the policies read (declared signals, entrapment).
    [[nodiscard]] environment_type& environment() noexcept { return env_; }
    /// @brief The environment the policies read.
    [[nodiscard]] const environment_type& environment() const noexcept { return env_; }

private:
    using table = detail::channel_table<lineage_type, channels_type>;
    static constexpr std::size_t N = state_count, V = variable_count, R = channel_count;

    struct state_type {
        std::array<double, N> cells{};
        std::array<double, V> variables{};
        std::array<double, R> fires{};
        double time = 0.0;
        double dt_hint = 0.0;
        std::uint64_t steps = 0;
        std::uint64_t events = 0;
        random::stream rng;
    };
    /// What the hazards of a step look like after the instant moves.
    struct step_hazards {
        std::array<double, R> k{};
        std::array<unsigned, R> reads{};
        std::array<bool, R> varying{};  // re-evaluated after events (reads counts, clock or variables)
        std::array<unsigned, V> var_reads{};
        bool any_varying = false;
        bool continuous = false;       // some hazard reads the clock or a variable
        bool vars_continuous = false;  // some right-hand side reads the clock or a variable
    };

    template <class Arg>
    static channels_type channels_of(const Arg& a) {
        if constexpr (is_rule_set_v<Arg>) return std::tuple_cat(a.rules(), std::tuple<>{});
        else return std::tuple_cat(a.rules.rules(), a.reactions);
    }
    template <class Arg>
    static variables_type variables_of(const Arg& a) {
        if constexpr (is_rule_set_v<Arg>) return {};
        else return a.variables;
    }
    template <class... Options>
    state_type make_state(const Options&... options) {
        ((method_from(options)), ...);
        ossify::seed s{0};
        std::uint64_t id = 0;
        if (const auto* m = std::get_if<stochastic>(&method_)) s = m->seed, id = m->stream;
        if (const auto* m = std::get_if<tau_leap>(&method_)) s = m->seed, id = m->stream;
        return state_type{{}, {}, {}, 0.0, 0.0, 0, 0, random::stream(s, id)};
    }
    template <class O>
    void method_from(const O& o) {
        if constexpr (detail::is_method_option_v<O>) method_ = population_method(o);
    }
    template <class O>
    void take_option(const O& o) {
        if constexpr (std::is_same_v<O, system_size>) {
            if constexpr (std::is_same_v<Amount, double>) {
                throw invalid_parameter("ossify::population_model", "system_size", format_value(o.cells_per_nM()),
                                        "none for a model of counts (give initial_amounts to count in concentrations)");
            }
            cells_per_amount_ = o.cells_per_nM();
            counts_known_ = true;
        }
    }
    void check_method() {
        if (const auto* m = std::get_if<mean_field>(&method_)) {
            detail::require_positive("ossify::mean_field", "absolute_tolerance", m->absolute_tolerance);
            detail::require_positive("ossify::mean_field", "relative_tolerance", m->relative_tolerance);
        } else if (const auto* s = std::get_if<stochastic>(&method_)) {
            detail::require_positive("ossify::stochastic", "tolerance", s->tolerance);
        } else if (const auto* t = std::get_if<tau_leap>(&method_)) {
            detail::require_in_range("ossify::tau_leap", "epsilon", t->epsilon, 1e-6, 0.5);
            detail::require_positive("ossify::tau_leap", "tolerance", t->tolerance);
        }
        if (method_.index() != 0 && !counts_known_) {
            throw invalid_parameter("ossify::population_model", "system_size", "none",
                                    "a system_size for the exact and tau_leap methods of a model of amounts");
        }
    }
    void set_initial(std::size_t index, std::string_view name, double value) {
        const std::string what = "initial " + std::string(std::is_same_v<Amount, double> ? "count" : "amount") + " of " +
                                 std::string(name);
        detail::require_non_negative("ossify::population_model", what, value);
        double n = value * cells_per_amount_;
        if (method_.index() != 0) {
            if constexpr (std::is_same_v<Amount, double>) {
                if (n != std::floor(n) || n > 9.0e15) {
                    throw invalid_parameter("ossify::population_model", what, format_value(n),
                                            "a whole number <= 9e15 for the exact and tau_leap methods");
                }
            } else {
                n = std::round(n);  // whole cells: amount x size, rounded
            }
        }
        state_.cells[index] = n;
    }

    [[nodiscard]] detail::population_view view_of(const double* cells, const double* vars, double now) const noexcept {
        return {cells, vars, now, cells_per_amount_, counts_known_};
    }
    /// Evaluates the channels (all, or those with mask[k]) into k, recording reads when asked.
    void evaluate(const detail::population_view& v, std::array<double, R>& k, std::array<unsigned, R>* reads,
                  const std::array<bool, R>* mask) const {
        detail::for_index<R>([&](auto i) {
            if (mask != nullptr && !(*mask)[i()]) return;
            unsigned r = 0;
            const context_type ctx(v, env_, reads != nullptr ? &r : nullptr);
            k[i()] = detail::channel_value<i(), lineage_type, Amount>(std::get<i()>(channels_), ctx, cells_per_amount_);
            if (reads != nullptr) (*reads)[i()] = r;
        });
    }
    /// The variables' rates of change into f, recording reads when asked.
    void rates(const detail::population_view& v, std::array<double, V>& f, std::array<unsigned, V>* reads) const {
        detail::for_index<V>([&](auto j) {
            unsigned r = 0;
            const context_type ctx(v, env_, reads != nullptr ? &r : nullptr);
            f[j()] = detail::variable_rate<j()>(std::get<j()>(variables_), ctx);
            if (reads != nullptr) (*reads)[j()] = r;
        });
    }
    [[nodiscard]] double fires_of(detail::channel_kind a, detail::channel_kind b) const noexcept {
        double s = 0.0;
        for (std::size_t i = 0; i < R; ++i) {
            if (table::kind[i] == a || table::kind[i] == b) s += state_.fires[i];
        }
        return s;
    }

    step_hazards start_step();
    void advance_mean_field(double h);
    void advance_exact(double h);
    void advance_hybrid(double h, step_hazards& hz);
    void advance_tau_leap(double h);
    void refresh(const detail::population_view& v, const step_hazards& hz, std::array<double, R>& k) const;
    void advance_variables(double t_start, double dt, const step_hazards& hz, std::array<double, V>& f, double tolerance);
    static void change(std::array<double, N>& n, std::size_t r, double times) noexcept;
    void fire(std::size_t r, double times) noexcept;
    void check_finite() const;
    [[nodiscard]] std::size_t pick(const std::array<double, R>& a, double total);

    channels_type channels_;
    variables_type variables_;
    population_method method_ = mean_field{};
    environment_type env_;
    double cells_per_amount_ = 1.0;
    bool counts_known_ = std::is_same_v<Amount, double>;
    double cell_scale_ = 1.0;
    std::array<double, V> var_scale_{};
    std::array<double, R> weights_{};
    state_type state_;
};

/// @brief A model from a rule set or a population_spec, initial values and options.
template <class Arg, class A, class... States, class... Options>
population_model(const Arg&, const initial_values<A, States...>&, const Options&...)
    -> population_model<detail::spec_of_t<Arg, Options...>, A>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_CLASS_HPP
