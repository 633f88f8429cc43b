/// @file
/// @brief signal_set: the concentration fields of several signals on one grid, with their
/// diffusion parameters, source and uptake arrays, stepped by the implicit solver.
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_SIGNAL_SET_HPP
#define OSSIFY_SIGNAL_SIGNAL_SET_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../space/grid.hpp"
#include "../units/quantities.hpp"
#include "concepts.hpp"
#include "implicit_solver.hpp"
#include "parameters.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief True when some type appears twice in the pack.
template <class... Ts>
inline constexpr bool has_duplicates = false;
/// @brief True when some type appears twice in the pack.
template <class T, class... Ts>
inline constexpr bool has_duplicates<T, Ts...> = (std::is_same_v<T, Ts> || ...) || has_duplicates<Ts...>;

/// @brief Position of S in the pack, or the pack's size when absent.
template <class S, class... Ts>
constexpr std::size_t index_in_pack() noexcept {
    constexpr std::array<bool, sizeof...(Ts)> same{std::is_same_v<S, Ts>...};
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
        if (same[i]) return i;
    }
    return sizeof...(Ts);
}
}  // namespace detail

/**
 * @brief One concentration field per signal tag on one grid, each with its own
 * runtime-overridable diffusion_parameters and a source (nM/d) and an uptake (1/d) array.
 *
 * Typical use by a tissue, every step: fill `sources<S>()` and `uptakes<S>()` from the
 * cells (they keep their values between steps; `clear_sources()` zeros them), then call
 * `step(dt)`. Nothing is allocated per step once the time step and the parameters stay
 * the same (a change re-factors each solver in place).
 *
 * ```cpp
 * ossify::signal_set<ossify::grid2d, ossify::bmp2, ossify::noggin> s{grid};
 * s.sources<ossify::bmp2>()[i] = 50.0;   // nM/d at site i
 * s.step(1.0_h);
 * double c = s.get<ossify::bmp2>()[i];   // nM
 * ```
 * @tparam Grid grid2d or grid3d
 * @tparam T the value type of the fields (double or float)
 * @tparam Signals distinct signal tags (see signal_type)
 */
template <class Grid, class T, class... Signals>
class basic_signal_set {
    static_assert((signal_type<Signals> && ...),
                  "ossify::signal_set: every signal must be a signal tag (static name, default_diffusivity(), "
                  "default_decay(); see ossify::signal_type)");
    static_assert(!detail::has_duplicates<Signals...>, "ossify::signal_set: a signal appears twice in the set");
    static_assert(sizeof...(Signals) > 0, "ossify::signal_set: the set needs at least one signal");

public:
    /** @brief The grid type. */
    using grid_type = Grid;
    /** @brief The value type of the fields. */
    using value_type = T;
    /** @brief The solver used by step(). */
    using solver_type = implicit_solver<T, Grid::dimension>;
    /** @brief Number of signals. */
    static constexpr std::size_t size = sizeof...(Signals);

    /** @brief True when S is one of the set's signals. */
    template <class S>
    static constexpr bool contains = (std::is_same_v<S, Signals> || ...);

    /** @brief Position of S in the set. */
    template <class S>
    static constexpr std::size_t index_of() noexcept {
        static_assert(contains<S>, "ossify::signal_set: the requested signal is not in this set");
        return detail::index_in_pack<S, Signals...>();
    }

    /** @brief The names of the signals, in order. */
    static constexpr std::array<std::string_view, size> names{std::string_view(Signals::name)...};

    /** @brief Zero concentrations on `g`, each signal with its default parameters. */
    explicit basic_signal_set(const Grid& g)
        : grid_(g), channels_{channel(g, diffusion_parameters::defaults_for<Signals>())...} {}

    /** @brief The grid. */
    [[nodiscard]] const Grid& grid() const noexcept { return grid_; }

    /** @brief The concentrations of S (nM), one per site. */
    template <class S>
    [[nodiscard]] std::span<T> get() noexcept {
        return channels_[index_of<S>()].conc;
    }
    /** @brief The concentrations of S (nM), one per site. */
    template <class S>
    [[nodiscard]] std::span<const T> get() const noexcept {
        return channels_[index_of<S>()].conc;
    }
    /** @brief The source array of S (nM/d), read by step(). */
    template <class S>
    [[nodiscard]] std::span<T> sources() {
        return channels_[index_of<S>()].source_array(grid_);
    }
    /** @brief The uptake array of S (1/d, >= 0), read by step(). */
    template <class S>
    [[nodiscard]] std::span<T> uptakes() {
        return channels_[index_of<S>()].uptake_array(grid_);
    }
    /** @brief The diffusion parameters of S. */
    template <class S>
    [[nodiscard]] const diffusion_parameters& parameters() const noexcept {
        return channels_[index_of<S>()].params;
    }
    /** @brief Replaces the diffusion parameters of S (used from the next step on). */
    template <class S>
    void set_parameters(const diffusion_parameters& p) {
        channels_[index_of<S>()].params = p;
    }

    /** @brief Zeros every source and uptake array. */
    void clear_sources() noexcept {
        for (auto& ch : channels_) {
            std::fill(ch.source.begin(), ch.source.end(), T(0));
            std::fill(ch.uptake.begin(), ch.uptake.end(), T(0));
        }
    }

    /** @brief Advances every signal by dt (> 0) with its source and uptake arrays. */
    void step(duration dt) {
        detail::require_positive("ossify::signal_set::step", "dt", dt.value(), "d");
        for (auto& ch : channels_) ch.advance(grid_, dt);
    }

    /**
     * @brief Advances only S by dt (> 0), with its sources and uptakes computed row by row
     * by `fill(offset, count, source, uptake)` inside the solver's pass (see
     * implicit_solver::step_with) instead of read from the source and uptake arrays.
     */
    template <class S, class Fill>
    void step_with_sources(duration dt, Fill&& fill) {
        detail::require_positive("ossify::signal_set::step_with_sources", "dt", dt.value(), "d");
        auto& ch = channels_[index_of<S>()];
        ch.ready(grid_, dt);
        ch.solver->step_with(ch.conc, fill);
    }

    /** @brief Advances only S by dt (> 0). */
    template <class S>
    void step(duration dt) {
        detail::require_positive("ossify::signal_set::step", "dt", dt.value(), "d");
        channels_[index_of<S>()].advance(grid_, dt);
    }

private:
    // The source and uptake arrays are allocated on first use (empty means zero).
    struct channel {
        channel(const Grid& g, const diffusion_parameters& p) : conc(g.size(), T(0)), params(p) {}
        void ready(const Grid& g, duration dt) {
            if (!solver) {
                solver.emplace(g, params, dt);
            } else if (solver->time_step() != dt || !(solver->parameters() == params)) {
                solver->prepare(params, dt);
            }
        }
        void advance(const Grid& g, duration dt) {
            ready(g, dt);
            solver->step(conc, source, uptake);
        }
        std::span<T> source_array(const Grid& g) {
            if (source.size() != g.size()) source.assign(g.size(), T(0));
            return source;
        }
        std::span<T> uptake_array(const Grid& g) {
            if (uptake.size() != g.size()) uptake.assign(g.size(), T(0));
            return uptake;
        }
        std::vector<T> conc, source, uptake;
        diffusion_parameters params;
        std::optional<solver_type> solver;
    };

    Grid grid_;
    std::array<channel, size> channels_;
};

/**
 * @brief A signal_set with double fields: `signal_set<grid3d, bmp2, noggin>`.
 * @tparam Grid grid2d or grid3d
 * @tparam Signals distinct signal tags
 */
template <class Grid, class... Signals>
using signal_set = basic_signal_set<Grid, double, Signals...>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_SIGNAL_SET_HPP
