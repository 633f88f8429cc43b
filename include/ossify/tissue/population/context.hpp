/// @file
/// @brief What a policy, an influx or a variable's right-hand side sees in a well-mixed
/// population: `population_context`, with the counts and amounts of every state of the
/// lineage, the model's variables, its declared signals, the entrapment level and the clock.
///
/// ```cpp
/// policy_fn([](const auto& ctx) {
///     const double osteoclasts = ctx.count(osteoclast{});        // or ctx.template count<osteoclast>()
///     const double mass = ctx.variable(bone_mass{});             // a declared variable
///     const concentration pth_level = ctx.signal(pth{});         // a declared signal
///     return 0.2_per_d * osteoclasts / (10.0 + osteoclasts);
/// })
/// ```
/// Each name is checked at compile time: a state outside the lineage, a variable or a signal
/// the model does not declare stops the build with a message that says so. There is no
/// `time_in_state()`: a count model does not follow cells one by one.
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_POPULATION_CONTEXT_HPP
#define OSSIFY_TISSUE_POPULATION_CONTEXT_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "../../error.hpp"
#include "../../units/quantities.hpp"
#include "spec.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief What a context read, recorded to learn which hazards change within a step.
enum read_flag : unsigned {
    reads_population = 1u,  ///< a count or an amount
    reads_clock = 2u,       ///< now()
    reads_variables = 4u    ///< a continuous variable
};

/// @brief The state a context looks at (plain numbers in the internal scale).
struct population_view {
    /// @brief Cells per state in count units (amount x cells_per_amount).
    const double* cells = nullptr;
    /// @brief Variables in their internal units.
    const double* variables = nullptr;
    /// @brief The clock, days.
    double now = 0.0;
    /// @brief Count units per unit of amount (1 for a model of counts; cells per nM).
    double cells_per_amount = 1.0;
    /// @brief False for a model of amounts without a system size (there are no counts).
    bool counts_known = true;
};

[[noreturn, gnu::cold, gnu::noinline]] inline void no_counts(std::string_view state) {
    throw model_error("ossify::population_model: count of " + std::string(state) +
                      " read in a model of concentrations without a system_size: read amount<S>() or give the "
                      "model a system_size");
}
}  // namespace detail

/**
 * @brief The read-only context of a well-mixed population, handed to policies, influxes and
 * variables' right-hand sides.
 * @tparam Spec the model's population_spec
 * @tparam Amount double (a model of counts) or ossify::concentration (a model of amounts)
 */
template <class Spec, class Amount>
class population_context {
public:
    /// @brief The lineage.
    using lineage_type = typename Spec::lineage_type;
    /// @brief The environment type.
    using environment_type = typename Spec::environment_type;
    /// @brief The amount type (double or ossify::concentration).
    using amount_type = Amount;

    /// @brief A context on a view of the model; `reads`, when not null, collects read_flag bits.
    constexpr population_context(const detail::population_view& v, const environment_type& env,
                                 unsigned* reads = nullptr) noexcept
        : view_(&v), env_(&env), reads_(reads) {}

    /// @brief The number of cells in State (an expectation for the mean field).
    template <class State>
    [[nodiscard]] double count() const {
        static_assert(lineage_type::template contains<State>,
                      "ossify::population_model: a policy reads the count of a state that is not in the lineage");
        note(detail::reads_population);
        if (!view_->counts_known) detail::no_counts(State::name);
        return view_->cells[lineage_type::template index_of<State>];
    }
    /// @brief `ctx.count(osteoclast{})`: the same as count<State>(), without `template`.
    template <class State>
    [[nodiscard]] double count(const State&) const {
        return count<State>();
    }
    /// @brief The amount of State: its count in a model of counts, its concentration in a
    /// model of amounts.
    template <class State>
    [[nodiscard]] Amount amount() const {
        static_assert(lineage_type::template contains<State>,
                      "ossify::population_model: a policy reads the amount of a state that is not in the lineage");
        note(detail::reads_population);
        const double n = view_->cells[lineage_type::template index_of<State>] / view_->cells_per_amount;
        if constexpr (std::is_same_v<Amount, double>) return n;
        else return Amount::from_value(n);
    }
    /// @brief `ctx.amount(osteoclast{})`: the same as amount<State>().
    template <class State>
    [[nodiscard]] Amount amount(const State&) const {
        return amount<State>();
    }
    /// @brief All cells of the population.
    [[nodiscard]] double cell_count() const {
        note(detail::reads_population);
        if (!view_->counts_known) detail::no_counts("all states");
        double s = 0.0;
        for (std::size_t i = 0; i < lineage_type::size; ++i) s += view_->cells[i];
        return s;
    }
    /// @brief The value of a declared continuous variable, in its unit.
    template <class Tag>
    [[nodiscard]] typename Spec::template variable_value_type<Tag> variable() const {
        static_assert(Spec::template declares_variable<Tag>,
                      "ossify::population_model: a policy reads a variable that the model does not declare: add "
                      "variable<V>(initial, rhs) to population<Lineage>(...)");
        using Q = typename Spec::template variable_value_type<Tag>;
        note(detail::reads_variables);
        const double x = view_->variables[Spec::template variable_index<Tag>];
        if constexpr (std::is_arithmetic_v<Q>) return x;
        else return Q::from_value(x);
    }
    /// @brief `ctx.variable(bone_mass{})`: the same as variable<Tag>().
    template <class Tag>
    [[nodiscard]] typename Spec::template variable_value_type<Tag> variable(const Tag&) const {
        return variable<Tag>();
    }
    /// @brief The level of a declared signal.
    template <class Signal>
    [[nodiscard]] concentration signal() const noexcept {
        return env_->template signal_unchecked<Signal>();
    }
    /// @brief `ctx.signal(rankl{})`: the same as signal<Signal>().
    template <class Signal>
    [[nodiscard]] concentration signal(const Signal&) const noexcept {
        return signal<Signal>();
    }
    /// @brief The mineralised fraction of the cells' neighbourhood set by the user.
    [[nodiscard]] double entrapment() const noexcept { return env_->entrapment(); }
    /// @brief The simulation clock.
    [[nodiscard]] duration now() const noexcept {
        note(detail::reads_clock);
        return duration::from_value(view_->now);
    }
    /// @brief The environment itself.
    [[nodiscard]] const environment_type& environment() const noexcept { return *env_; }

private:
    void note(unsigned flag) const noexcept {
        if (reads_ != nullptr) *reads_ |= flag;
    }

    const detail::population_view* view_;
    const environment_type* env_;
    unsigned* reads_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_POPULATION_CONTEXT_HPP
