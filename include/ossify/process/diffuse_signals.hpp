/// @file
/// @brief The diffusion process: every signal the tissue carries is secreted by cells (per
/// state), taken up (per state), fed by fixed sources and by the user's reaction terms, and
/// diffuses and decays (implicit LOD solver, unconditionally stable).
///
/// ```cpp
/// auto& d = tissue.process<diffuse_signals>();
/// d.secretion<osteoblast, vegf>(2.0_nM / 1.0_d).uptake<endothelial, vegf>(5.0_per_d);
/// d.add_source<bmp2>(disc{{80, 80}, 40.0_um}, 400.0_nM / 1.0_d);
/// // a reaction term that reads other fields (an activator-inhibitor pair):
/// diffuse_signals d2{reaction<activator>(my_activator_kinetics{}), reaction<inhibitor>(...)};
/// ```
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_DIFFUSE_SIGNALS_HPP
#define OSSIFY_PROCESS_DIFFUSE_SIGNALS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <tuple>
#include <type_traits>
#include <optional>
#include <span>
#include <utility>
#include <variant>
#include <vector>

#include "../cell/per_state.hpp"
#include "../error.hpp"
#include "../space/grid.hpp"
#include "../tissue/context.hpp"
#include "../signal/variable_diffusion.hpp"
#include "../units/parameter.hpp"
#include "detail/signal_channel.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A reaction term of one signal: `policy(site, source, uptake)` adds to the site's
/// source (nM/d) and uptake rate (1/d, >= 0), reading any field at the start of the step.
/// @tparam Signal the signal it acts on
/// @tparam Policy callable `void(const Site&, double& source, double& uptake) const`
template <class Signal, class Policy>
struct signal_reaction {
    /// @brief The signal.
    using signal = Signal;
    /// @brief A reaction term.
    static constexpr bool is_reaction = true;
    /// @brief The policy.
    Policy policy;
};
/// @brief `reaction<activator>(policy)`: a reaction term of a signal (see signal_reaction).
template <class Signal, class Policy>
[[nodiscard]] signal_reaction<Signal, Policy> reaction(Policy p) {
    static_assert(signal_type<Signal>, "ossify::reaction<S>: S must be a signal tag (ossify::signal_type)");
    return {std::move(p)};
}

/// @brief A diffusivity that depends on the site: `policy(site)` returns a factor f >= 0 that
/// multiplies the signal's diffusivity there (e.g. 0 inside bone: no transport through it).
/// Faces use the harmonic mean of their sites' factors (see diffuse_variable).
/// @tparam Signal the signal it acts on
/// @tparam Policy callable `double(const Site&) const`
template <class Signal, class Policy>
struct signal_diffusivity {
    /// @brief The signal.
    using signal = Signal;
    /// @brief A diffusivity term.
    static constexpr bool is_reaction = false;
    /// @brief The policy.
    Policy policy;
};
/// @brief `diffusivity_factor<activator>(policy)`: a site-dependent diffusivity of a signal.
template <class Signal, class Policy>
[[nodiscard]] signal_diffusivity<Signal, Policy> diffusivity_factor(Policy p) {
    static_assert(signal_type<Signal>, "ossify::diffusivity_factor<S>: S must be a signal tag (ossify::signal_type)");
    return {std::move(p)};
}

/// @brief What a reaction policy sees of one site: field values, the cell's state and
/// attribute, the matrix fraction; everything as at the start of the step.
/// @tparam State the tissue's state type
template <class State>
class reaction_site {
public:
    /// @brief Site i of `state`.
    constexpr reaction_site(const State& state, std::size_t i) noexcept : state_(&state), i_(i) {}
    /// @brief The value of field F on the site (a compile error if the tissue lacks F).
    template <class F>
    [[nodiscard]] double field() const noexcept {
        return static_cast<double>(state_->template field<F>()[i_]);
    }
    /// @brief The lineage index of the cell on the site (empty_site where none).
    [[nodiscard]] std::uint8_t cell() const noexcept { return state_->states()[i_]; }
    /// @brief The matrix volume fraction of the site (0 in a tissue without matrix).
    [[nodiscard]] double matrix_fraction() const noexcept {
        if constexpr (State::has_matrix) return state_->matrix().matrix_fraction(i_);
        else return 0.0;
    }
    /// @brief The cell's attribute.
    [[nodiscard]] const auto& attribute() const noexcept { return state_->attribute(i_); }
    /// @brief The site's linear index.
    [[nodiscard]] std::size_t index() const noexcept { return i_; }

private:
    const State* state_;
    std::size_t i_;
};

/**
 * @brief Process: secretion, uptake, fixed sources, reaction terms, then diffusion and decay of
 * every signal the tissue carries.
 *
 * Signals without reaction terms compute their sources row by row inside the solver's pass
 * (no per-site arrays). Signals with reaction terms get their sources and uptakes computed for
 * all of them from the fields at the start of the step, before any is advanced, so the
 * coupling does not depend on the order of the signals; a reaction giving a NaN or infinite
 * source or a negative uptake makes the step fail (changing nothing).
 * Signals with a diffusivity term (diffusivity_factor) diffuse with a per-site diffusivity
 * (diffuse_variable: serial, no periodic axes).
 * @tparam Terms signal_reaction<Signal, Policy> and signal_diffusivity<Signal, Policy> terms
 */
template <class... Terms>
class diffuse_signals {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "diffuse_signals";
    /// @brief Reads cells (secretion, uptake) and, through reaction terms, any field.
    using reads = field_list<all_fields>;
    /// @brief Writes every signal.
    using writes = field_list<all_signals>;
    /// @brief A step with reaction terms fails before it writes anything.
    static constexpr bool strong_guarantee = true;

    /// @brief A diffusion process without reaction terms.
    diffuse_signals() = default;
    /// @brief A diffusion process with the given reaction terms.
    explicit diffuse_signals(Terms... terms)
        requires(sizeof...(Terms) > 0)
        : terms_(std::move(terms)...) {}

    // ------------------------------------------------------------ configuration
    /// @brief Cells in State secrete Signal at rate r (>= 0) into their site.
    template <class State, class Signal>
    diffuse_signals& secretion(concentration_rate r) {
        channel<Signal>().secretion.template set<State>(r);
        return *this;
    }
    /// @brief Cells in State take up Signal with rate constant k (>= 0).
    template <class State, class Signal>
    diffuse_signals& uptake(rate k) {
        channel<Signal>().uptake.template set<State>(k);
        return *this;
    }
    /// @brief A fixed source of Signal (a bead, a signalling centre) over `shape`, r >= 0; the
    /// shape must cover at least one site of the tissue's grid.
    template <class Signal, class Shape>
    diffuse_signals& add_source(const Shape& shape, concentration_rate r) {
        require_non_negative("ossify::diffuse_signals::add_source", "rate", r.value(), "nM/d");
        auto& ch = channel<Signal>();
        detail::fixed_source src{r.value(), {}, [shape](const detail::any_grid& any) {
                                     return std::visit(
                                         [&](const auto& grid) {
                                             std::vector<std::size_t> sites;
                                             if constexpr (requires { shape.contains(grid, grid.coords(0)); }) {
                                                 for (std::size_t i = 0; i < grid.size(); ++i) {
                                                     if (shape.contains(grid, grid.coords(i))) sites.push_back(i);
                                                 }
                                             }
                                             return sites;
                                         },
                                         any);
                                 }};
        if (grid_) src.resolve(*grid_);
        ch.sources.push_back(std::move(src));
        return *this;
    }
    /// @brief Sets the diffusivity of Signal (default: its tag's default_diffusivity()).
    template <class Signal>
    diffuse_signals& diffusivity_of(diffusivity d) {
        channel<Signal>().diffusion.set(d);
        return *this;
    }
    /// @brief Sets the decay rate of Signal (default: its tag's default_decay()).
    template <class Signal>
    diffuse_signals& decay_of(rate k) {
        channel<Signal>().decay.set(k);
        return *this;
    }
    /// @brief Sets the boundary of both faces of an axis for Signal (see diffusion_parameters).
    template <class Signal>
    diffuse_signals& boundary_of(std::size_t axis, boundary b) {
        channel<Signal>().transport.set_boundary(axis, b);
        return *this;
    }
    /// @brief Sets the value held beyond `fixed` faces for Signal.
    template <class Signal>
    diffuse_signals& fixed_value_of(concentration c) {
        channel<Signal>().transport.set_fixed_value(c);
        return *this;
    }
    /// @brief Chooses how the solver splits Signal's reactions from its diffusion.
    template <class Signal>
    diffuse_signals& splitting_of(reaction_splitting s) {
        channel<Signal>().transport.set_splitting(s);
        return *this;
    }
    /// @brief The transport parameters of Signal in use (its defaults when nothing was set yet).
    template <class Signal>
    [[nodiscard]] diffusion_parameters parameters() const {
        static_assert(signal_type<Signal>, "ossify::diffuse_signals: the signal must be a signal tag (ossify::signal_type)");
        const void* key = detail::type_key<Signal>();
        for (const auto& ch : channels_) {
            if (ch.key == key) return ch.parameters();
        }
        if (grid_) {
            throw invalid_parameter("ossify::diffuse_signals", "signal", std::string(Signal::name),
                                    "a signal the tissue carries (add it to signals<...>)");
        }
        return detail::signal_channel::make<Signal>().parameters();
    }
    /// @brief Binds the process to the tissue's lineage, grid and signals (called by the tissue).
    template <class Fields, class Grid>
    void bind(const lineage_info& info, const Grid& grid) {
        std::vector<detail::signal_channel> bound;
        Fields::for_each([&]<class F>() {
            if constexpr (signal_type<F>) bound.push_back(take_channel<F>());
        });
        for (const auto& ch : channels_) {
            throw invalid_parameter("ossify::diffuse_signals", "signal", std::string(ch.name),
                                    "a signal the tissue carries (add it to signals<...>)");
        }
        for (auto& ch : bound) ch.bind(info, grid);
        channels_ = std::move(bound);
        grid_.emplace(grid);
    }
    /// @brief Lists the parameters: per signal its secretion and uptake per state and its
    /// source rates ("diffuse_signals.bmp2.secretion[osteoblast]" ...), and the reaction terms'.
    template <class Visitor>
    void describe(Visitor&& visit) {
        for (auto& ch : channels_) visit(ch.name, ch);
        std::apply([&](auto&... t) { (describe_term(visit, t), ...); }, terms_);
    }

    // ------------------------------------------------------------ the process
    /// @brief Prepares each signal's solver for dt (allocation and factorisation happen here).
    template <class Context>
    void prepare(const Context& ctx, duration dt) {
        using state = typename Context::state_type;
        std::size_t k = 0;
        state::fields_type::for_each([&]<class F>() {
            if constexpr (signal_type<F>) channels_[k++].template ready<typename state::template value_of<F>>(ctx.grid(), dt);
        });
        if constexpr (sizeof...(Terms) > 0) {
            using V = typename state::storage_type::signal_value;
            auto& scratch = scratch_of<V>();
            scratch.resize(2 * k);
            for (auto& s : scratch) s.resize(ctx.grid().size());
            if constexpr ((!Terms::is_reaction || ...)) {
                auto& factors = factors_of<V>();
                factors.resize(k);
                for (auto& f : factors) f.resize(ctx.grid().size());
            }
        }
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept(sizeof...(Terms) == 0) {
        using state = typename Context::state_type;
        if constexpr (sizeof...(Terms) > 0) react_all(ctx, dt);
        std::size_t k = 0;
        state::fields_type::for_each([&]<class F>() {
            if constexpr (signal_type<F>) {
                using V = typename state::template value_of<F>;
                auto& ch = channels_[k];
                if constexpr (has_diffusivity<F>) {
                    const auto& scratch = scratch_of<V>();
                    diffuse_variable<V>(ctx.grid(), ch.parameters(), dt, ctx.template field_mut<F>(), factors_of<V>()[k],
                                        scratch[2 * k], scratch[2 * k + 1]);
                } else if constexpr (has_terms<F>) {
                    const auto& scratch = scratch_of<V>();
                    ch.template solver<V, Context::dimension>().step(ctx.template field_mut<F>(), scratch[2 * k],
                                                                    scratch[2 * k + 1]);
                } else {
                    ch.template step_rows<V, Context::dimension>(ctx.template field_mut<F>(), ctx.states());
                }
                ++k;
            }
        });
    }

protected:
    // Protected rather than private: the decomposed variant (ossify/mpi/diffuse_signals.hpp)
    // derives from this class and reuses its channels, terms and reaction pass.
    template <class F>
    static constexpr bool has_terms = (std::is_same_v<typename Terms::signal, F> || ...);
    template <class F>
    static constexpr bool has_diffusivity = ((std::is_same_v<typename Terms::signal, F> && !Terms::is_reaction) || ...);

    template <class Signal>
    detail::signal_channel& channel() {
        static_assert(signal_type<Signal>, "ossify::diffuse_signals: the signal must be a signal tag (ossify::signal_type)");
        const void* key = detail::type_key<Signal>();
        for (auto& ch : channels_) {
            if (ch.key == key) return ch;
        }
        if (grid_) {
            throw invalid_parameter("ossify::diffuse_signals", "signal", std::string(Signal::name),
                                    "a signal the tissue carries (add it to signals<...>)");
        }
        channels_.push_back(detail::signal_channel::make<Signal>());
        return channels_.back();
    }
    template <class Signal>
    detail::signal_channel take_channel() {
        const void* key = detail::type_key<Signal>();
        for (auto it = channels_.begin(); it != channels_.end(); ++it) {
            if (it->key == key) {
                auto ch = std::move(*it);
                channels_.erase(it);
                return ch;
            }
        }
        return detail::signal_channel::make<Signal>();
    }
    template <class V>
    std::vector<std::vector<V>>& scratch_of() noexcept {
        if constexpr (std::is_same_v<V, double>) return scratch_d_;
        else return scratch_f_;
    }
    template <class Visitor, class Term>
    static void describe_term(Visitor& visit, Term& t) {
        if constexpr (describable<decltype(t.policy)>) visit(std::string(Term::signal::name) + (Term::is_reaction ? ".reaction" : ".diffusivity"), t.policy);
    }
    // Sources and uptakes of every signal with reaction terms, from the fields at the start of
    // the step (stored as the signal's value type in the scratch arrays).
    template <class Context>
    void react_all(Context& ctx, duration) {
        using state = typename Context::state_type;
        const auto& st = ctx.state_view();
        std::size_t k = 0;
        state::fields_type::for_each([&]<class F>() {
            if constexpr (signal_type<F>) {
                if constexpr (has_terms<F>) {
                    using V = typename state::template value_of<F>;
                    auto* src = scratch_of<V>()[2 * k].data();
                    auto* up = scratch_of<V>()[2 * k + 1].data();
                    channels_[k].fill(0, ctx.grid().size(), ctx.states().data(), src, up);
                    for (std::size_t i = 0; i < ctx.grid().size(); ++i) {
                        double s = 0.0, u = 0.0;
                        const reaction_site<state> site(st, i);
                        std::apply([&](const auto&... t) { (apply_term<F>(t, site, s, u), ...); }, terms_);
                        if (!std::isfinite(s) || !(u >= 0.0) || !std::isfinite(u)) {
                            throw model_error("reaction of " + std::string(F::name) + " at site " + std::to_string(i) +
                                              ": source = " + format_value(s) + " nM/d, uptake = " + format_value(u) +
                                              " 1/d (allowed: finite source, finite uptake >= 0)");
                        }
                        src[i] = static_cast<V>(static_cast<double>(src[i]) + s);
                        up[i] = static_cast<V>(static_cast<double>(up[i]) + u);
                        if constexpr (has_diffusivity<F>) {
                            double f = 1.0;
                            std::apply([&](const auto&... t) { (apply_factor<F>(t, site, f), ...); }, terms_);
                            if (!(f >= 0.0) || !std::isfinite(f)) {
                                throw model_error("diffusivity factor of " + std::string(F::name) + " at site " +
                                                  std::to_string(i) + " = " + format_value(f) + " (allowed: finite, >= 0)");
                            }
                            factors_of<V>()[k][i] = static_cast<V>(f);
                        }
                    }
                }
                ++k;
            }
        });
    }
    template <class F, class Term, class Site>
    static void apply_term(const Term& t, const Site& site, double& s, double& u) {
        if constexpr (std::is_same_v<typename Term::signal, F> && Term::is_reaction) t.policy(site, s, u);
    }
    template <class F, class Term, class Site>
    static void apply_factor(const Term& t, const Site& site, double& f) {
        if constexpr (std::is_same_v<typename Term::signal, F> && !Term::is_reaction) f *= static_cast<double>(t.policy(site));
    }
    template <class V>
    std::vector<std::vector<V>>& factors_of() noexcept {
        if constexpr (std::is_same_v<V, double>) return factors_d_;
        else return factors_f_;
    }

    std::tuple<Terms...> terms_;
    std::vector<detail::signal_channel> channels_;
    std::optional<detail::any_grid> grid_;
    std::vector<std::vector<double>> scratch_d_, factors_d_;
    std::vector<std::vector<float>> scratch_f_, factors_f_;
};

/// @brief CTAD: `diffuse_signals{}` and `diffuse_signals{reaction<a>(...), ...}`.
template <class... Terms>
diffuse_signals(Terms...) -> diffuse_signals<Terms...>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_DIFFUSE_SIGNALS_HPP
