/// @file
/// @brief The lattice tissue: one cell or none per site, diffusing signals and bone matrix,
/// advanced by a fixed, documented sequence of processes.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_LATTICE_TISSUE_HPP
#define OSSIFY_TISSUE_LATTICE_TISSUE_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <range/v3/view/filter.hpp>
#include <range/v3/view/iota.hpp>
#include <range/v3/view/transform.hpp>

#include "../cell/lineage.hpp"
#include "../detail/error.hpp"
#include "../matrix/field.hpp"
#include "../process/processes.hpp"
#include "../random/counter_rng.hpp"
#include "../random/purpose.hpp"
#include "../signal/signal_set.hpp"
#include "../space/grid.hpp"
#include "../space/neighbourhood.hpp"
#include "../transition/rule_set.hpp"
#include "environment.hpp"
#include "../process/lattice_environment.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The list of signals a lattice tissue carries: `signals<bmp2, vegf>{}`.
/// @tparam Signals signal tag types (ossify::signal_type)
template <class... Signals>
struct signals {};

/// @brief The index stored for a site without a cell.
inline constexpr std::uint8_t empty_site = 0xff;

/// @brief One cell of a lattice tissue, as seen through `cells()`.
struct lattice_cell {
    /// @brief Linear index of the site.
    std::size_t site;
    /// @brief Lineage index of the cell's state.
    std::size_t state;
    /// @brief Time the cell has spent in its state.
    duration time_in_state;
};

namespace detail {
template <class T>
inline constexpr bool is_signals_v = false;
template <class... S>
inline constexpr bool is_signals_v<signals<S...>> = true;

template <class T>
inline constexpr bool is_tuple_v = false;
template <class... T>
inline constexpr bool is_tuple_v<std::tuple<T...>> = true;

template <class Grid, class Signals, class T>
struct signal_set_for;
template <class Grid, class... S, class T>
struct signal_set_for<Grid, signals<S...>, T> {
    using type = basic_signal_set<Grid, T, S...>;
};
template <class Grid, class T>
struct signal_set_for<Grid, signals<>, T> {
    using type = void;
};

template <class... S, class F>
constexpr void for_each_signal(signals<S...>, F& f) {
    (f.template operator()<S>(), ...);
}

/// A state blocks matrix deposition when it declares `static constexpr bool blocks_matrix = true`
/// (capillary sites: osteoid forms around vessels, never in them).
template <class S>
constexpr bool blocks_matrix() {
    if constexpr (requires { S::blocks_matrix; }) return static_cast<bool>(S::blocks_matrix);
    else return false;
}
}  // namespace detail

/// @brief Storage policy of basic_lattice_tissue: matrix and signal fields in double (the
/// default; 5 x 8 bytes of matrix and 8 bytes per signal per site).
struct double_storage {
    using matrix_value = double;  ///< matrix_field per-site arrays
    using signal_value = double;  ///< signal concentrations
};
/// @brief Storage policy of basic_lattice_tissue: matrix and signal fields in float (5 x 4
/// bytes of matrix and 4 bytes per signal per site; computations stay in double, each stored
/// value is rounded to float once per update).
struct compact_storage {
    using matrix_value = float;  ///< matrix_field per-site arrays
    using signal_value = float;  ///< signal concentrations
};

/**
 * @brief A tissue on a regular lattice: at most one cell per site, signal fields, and bone
 * matrix, stepped by a tuple of processes.
 *
 * ```cpp
 * lattice_tissue tissue{rules, grid2d{256, 256, 10.0_um}, signals<bmp2>{}, seed{42}};
 * tissue.fill(disc{{128, 128}, 1.0_mm}, mesenchymal{});
 * for (int i = 0; i < 24 * 60; ++i) tissue.step(1.0_h);
 * ```
 * Each `step(dt)` runs the processes in order (by default: signals diffuse, cells sense and
 * transition, divide or die, cells migrate, osteoid is deposited, matrix mineralises,
 * structure remodels). Storage is a structure of arrays: per site one byte of state and a
 * float with the time the cell entered it, the matrix field and the signal fields.
 * All draws come from a counter-based generator keyed by (seed, step, site, purpose), and
 * conflicts (two cells claiming one free site) are settled by a random priority keyed the
 * same way, so results are identical for any visiting order and thread count.
 * @tparam Rules a rule set (ossify::rule_set)
 * @tparam Grid grid2d or grid3d
 * @tparam Signals signals<S...>
 * @tparam Processes std::tuple of processes (see process/processes.hpp)
 * @tparam Storage double_storage (default: matrix and signal fields in double, 65 bytes per
 *         site with two signals) or compact_storage (both in float, 37 bytes per site; the
 *         same model, but float rounding moves the random stream, so results differ from the
 *         double tissue's beyond the first rounding-sensitive draw)
 */
template <class Rules, class Grid, class Signals, class Processes = default_processes,
          class Storage = double_storage>
class basic_lattice_tissue {
    static_assert(rule_set_type<Rules>, "ossify::lattice_tissue: the first argument must be a rule set made by ossify::rule_set<Lineage>(...)");
    static_assert(detail::is_signals_v<Signals>, "ossify::lattice_tissue: the signals must be given as ossify::signals<S...>");
    static_assert(detail::is_tuple_v<Processes>, "ossify::lattice_tissue: the processes must be a std::tuple (see ossify::processes(...))");

public:
    /// @brief The lineage.
    using lineage_type = typename Rules::lineage_type;
    /// @brief The rule set.
    using rules_type = Rules;
    /// @brief The grid type.
    using grid_type = Grid;
    /// @brief Spatial dimension.
    static constexpr std::size_t dimension = Grid::dimension;
    /// @brief The signal fields (void when the tissue carries none).
    using signal_set_type = typename detail::signal_set_for<Grid, Signals, typename Storage::signal_value>::type;
    /// @brief The storage policy (double_storage or compact_storage).
    using storage_type = Storage;
    /// @brief Storage type of the signal concentrations.
    using signal_value_type = typename Storage::signal_value;
    /// @brief The bone matrix (its per-site arrays in Storage::matrix_value; computed in double).
    using matrix_type = matrix_field<dimension, typename Storage::matrix_value>;
    /// @brief The process tuple.
    using processes_type = Processes;
    /// @brief Number of states in the lineage.
    static constexpr std::size_t state_count = lineage_type::size;
    /// @brief True when the tissue carries Signal.
    template <class Signal>
    static constexpr bool carries_signal = [] {
        if constexpr (std::is_void_v<signal_set_type>) return false;
        else return signal_set_type::template contains<Signal>;
    }();
    /// @brief Number of signals carried.
    static constexpr std::size_t signal_count = [] {
        if constexpr (std::is_void_v<signal_set_type>) return std::size_t{0};
        else return signal_set_type::size;
    }();

    /// @brief An empty tissue (no cells, no matrix, zero signals) on `grid`.
    basic_lattice_tissue(Rules rules, const Grid& grid, Signals, ossify::seed seed,
                         Processes processes = {})
        : rules_(std::move(rules)),
          grid_(grid),
          processes_(std::move(processes)),
          rng_(seed),
          state_(grid.size(), empty_site),
          entered_(grid.size(), 0.0f),
          matrix_(grid),
          marrow_(grid.size(), 0),
          surface_(grid.size(), 0),
          signals_(make_signals(grid)) {
        lineage_type::for_each([&]<class S>() {
            blocks_[lineage_type::template index_of<S>] = detail::blocks_matrix<S>() ? 1 : 0;
        });
    }

    // ---------------------------------------------------------------- stepping

    /// @brief Advances the tissue by dt (> 0): runs every process once, in order.
    /// Throws (changing nothing) on a bad dt.
    void step(duration dt) {
        const double h = dt.value();
        detail::require_positive("ossify::lattice_tissue::step", "dt", h, "d");
        std::apply([&](auto&... p) { (p(*this, h), ...); }, processes_);
        time_ += h;
        ++step_;
    }

    /**
     * @brief Runs for `total` in steps of `dt` (the last one shortened to land on time),
     * calling `observer(tissue, time)` at the start and after every step.
     * @return the number of steps taken
     */
    template <class Observer = null_observer>
    std::size_t run_for(duration total, duration dt, Observer&& observer = {}) {
        detail::require_non_negative("ossify::lattice_tissue::run_for", "total", total.value(), "d");
        detail::require_positive("ossify::lattice_tissue::run_for", "dt", dt.value(), "d");
        const double end = time_ + total.value();
        std::size_t n = 0;
        observer(std::as_const(*this), time());
        while (end - time_ > 1e-9 * dt.value()) {
            step(duration::from_value(std::min(dt.value(), end - time_)));
            ++n;
            observer(std::as_const(*this), time());
        }
        time_ = std::max(time_, end);
        return n;
    }

    // ---------------------------------------------------------------- seeding

    /// @brief Puts a cell in State on every site of `shape` (replacing what was there).
    template <class Shape, class State>
    std::size_t fill(const Shape& shape, const State&) {
        constexpr auto s = state_index<State>();
        std::size_t n = 0;
        for (std::size_t i = 0; i < grid_.size(); ++i) {
            if (shape.contains(grid_, grid_.coords(i))) {
                state_[i] = s;
                entered_[i] = static_cast<float>(time_);
                ++n;
            }
        }
        return n;
    }

    /// @brief Puts a cell in State on each site of `shape` with probability p (drawn from the
    /// tissue's seed), leaving other sites as they are. Returns the number placed.
    template <class Shape, class State>
    std::size_t fill_fraction(const Shape& shape, const State&, double p) {
        detail::require_in_range("ossify::lattice_tissue::fill_fraction", "p", p, 0.0, 1.0);
        constexpr auto s = state_index<State>();
        const auto draw = rng_.bind(step_, random::purpose::placement);
        std::size_t n = 0;
        for (std::size_t i = 0; i < grid_.size(); ++i) {
            if (shape.contains(grid_, grid_.coords(i)) && draw.uniform(i, fill_calls_) < p) {
                state_[i] = s;
                entered_[i] = static_cast<float>(time_);
                ++n;
            }
        }
        ++fill_calls_;
        return n;
    }

    /// @brief Puts a cell in State on one site.
    template <class State>
    void place(const typename Grid::site_type& where, const State&) {
        require_on_grid("ossify::lattice_tissue::place", where);
        const auto i = grid_.index(where);
        state_[i] = state_index<State>();
        entered_[i] = static_cast<float>(time_);
    }

    /// @brief Removes the cell on a site (if any).
    void clear(const typename Grid::site_type& where) {
        require_on_grid("ossify::lattice_tissue::clear", where);
        state_[grid_.index(where)] = empty_site;
    }

    // ---------------------------------------------------------------- parameters

    /// @brief Cells in State secrete Signal at rate r (nM/d added to their site), r >= 0.
    template <class State, class Signal>
    void set_secretion(concentration_rate r) {
        static_assert(carries_signal<Signal>, "ossify::lattice_tissue::set_secretion: the tissue does not carry this signal");
        detail::require_non_negative("ossify::lattice_tissue::set_secretion", "rate", r.value(), "nM d^-1");
        secretion_[signal_index<Signal>()][state_index<State>()] = r.value();
    }
    /// @brief Cells in State take up Signal with rate constant k (1/d), k >= 0.
    template <class State, class Signal>
    void set_uptake(rate k) {
        static_assert(carries_signal<Signal>, "ossify::lattice_tissue::set_uptake: the tissue does not carry this signal");
        detail::require_non_negative("ossify::lattice_tissue::set_uptake", "rate", k.value(), "d^-1");
        uptake_[signal_index<Signal>()][state_index<State>()] = k.value();
    }
    /// @brief A fixed source of Signal (a bead, a signalling centre) over `shape`, r >= 0.
    template <class Signal, class Shape>
    void add_source(const Shape& shape, concentration_rate r) {
        static_assert(carries_signal<Signal>, "ossify::lattice_tissue::add_source: the tissue does not carry this signal");
        detail::require_non_negative("ossify::lattice_tissue::add_source", "rate", r.value(), "nM d^-1");
        external_source src{signal_index<Signal>(), {}, r.value()};
        for (std::size_t i = 0; i < grid_.size(); ++i) {
            if (shape.contains(grid_, grid_.coords(i))) src.sites.push_back(i);
        }
        sources_.push_back(std::move(src));
    }
    /// @brief Cells in State deposit osteoid at apposition rate v (um/d), v >= 0.
    template <class State>
    void set_apposition(velocity v) {
        detail::require_non_negative("ossify::lattice_tissue::set_apposition", "rate", v.value(), "um d^-1");
        apposition_[state_index<State>()] = v.value();
    }
    /// @brief Cells in State try to move to a neighbouring free site at rate m (1/d), m >= 0.
    template <class State>
    void set_motility(rate m) {
        detail::require_non_negative("ossify::lattice_tissue::set_motility", "rate", m.value(), "d^-1");
        motility_[state_index<State>()] = m.value();
    }
    /// @brief Migration bias: a free neighbour is chosen with weight
    /// exp(chemotaxis * (c_target - c_here)) * (1 + adhesion * occupied neighbours of the target),
    /// c the concentration of Signal in nM. Adhesion (>= 0) makes mesenchyme condense.
    template <class Signal>
    void set_migration_bias(double chemotaxis_per_nM, double adhesion) {
        static_assert(carries_signal<Signal>, "ossify::lattice_tissue::set_migration_bias: the tissue does not carry this signal");
        if (!std::isfinite(chemotaxis_per_nM)) {
            throw invalid_parameter("ossify::lattice_tissue::set_migration_bias", "chemotaxis",
                                    detail::format_value(chemotaxis_per_nM), "finite (nM^-1)");
        }
        detail::require_non_negative("ossify::lattice_tissue::set_migration_bias", "adhesion", adhesion);
        chemotaxis_signal_ = signal_index<Signal>();
        chemotaxis_ = chemotaxis_per_nM;
        adhesion_ = adhesion;
    }
    /// @brief Migration bias by adhesion alone (no chemotaxis), adhesion >= 0.
    void set_adhesion(double adhesion) {
        detail::require_non_negative("ossify::lattice_tissue::set_adhesion", "adhesion", adhesion);
        adhesion_ = adhesion;
    }
    /// @brief Cells in State move outward, onto a free outside site, once their own site is
    /// full of matrix (the periosteum stays on the surface while it lays compact bone).
    template <class State>
    void set_outward_migration(bool on) {
        outward_[state_index<State>()] = on ? 1 : 0;
    }
    /// @brief Matrix fraction above which a site counts as bone for the structure process
    /// (outer surface, enclosed vessels), in (0, 1]. Default 0.5 (assumed: half a site of
    /// matrix closes it to cells and vessels at this resolution).
    void set_bone_threshold(double f) {
        detail::require_in_range("ossify::lattice_tissue::set_bone_threshold", "threshold", f, 1e-9, 1.0);
        bone_threshold_ = f;
    }
    /// @brief The mineralisation kinetics of new matrix.
    void set_mineralisation(const mineralisation_kinetics& k) { matrix_ = matrix_type(grid_, k); }
    /// @brief Visiting order of cells inside processes (results do not depend on it).
    void set_visit_order(visit_order o) noexcept { order_ = o; }

    // ---------------------------------------------------------------- reading

    /// @brief The grid.
    [[nodiscard]] const Grid& grid() const noexcept { return grid_; }
    /// @brief The rules.
    [[nodiscard]] const Rules& rules() const noexcept { return rules_; }
    /// @brief The clock.
    [[nodiscard]] duration time() const noexcept { return duration::from_value(time_); }
    /// @brief Steps taken.
    [[nodiscard]] std::uint64_t steps() const noexcept { return step_; }
    /// @brief The seed.
    [[nodiscard]] ossify::seed seed() const noexcept { return rng_.seed(); }
    /// @brief Number of cells in State.
    template <class State>
    [[nodiscard]] std::size_t count() const noexcept {
        return static_cast<std::size_t>(std::count(state_.begin(), state_.end(), state_index<State>()));
    }
    /// @brief Number of cells per state, in lineage order.
    [[nodiscard]] std::array<std::size_t, state_count> counts() const noexcept {
        std::array<std::size_t, state_count> c{};
        for (const auto s : state_) {
            if (s != empty_site) ++c[s];
        }
        return c;
    }
    /// @brief Total number of cells.
    [[nodiscard]] std::size_t cell_count() const noexcept {
        return grid_.size() - static_cast<std::size_t>(std::count(state_.begin(), state_.end(), empty_site));
    }
    /// @brief The state index per site (empty_site where there is no cell).
    [[nodiscard]] std::span<const std::uint8_t> states() const noexcept { return state_; }
    /// @brief The time each site's cell entered its state (days, float).
    [[nodiscard]] std::span<const float> entry_times() const noexcept { return entered_; }
    /// @brief Lineage index of the cell on a site, or nothing.
    [[nodiscard]] std::optional<std::size_t> state_at(const typename Grid::site_type& where) const {
        require_on_grid("ossify::lattice_tissue::state_at", where);
        const auto s = state_[grid_.index(where)];
        return s == empty_site ? std::nullopt : std::optional<std::size_t>(s);
    }
    /// @brief The cell on a site as a state value (with its time in state), or nothing.
    [[nodiscard]] std::optional<typename lineage_type::any_state> cell_at(const typename Grid::site_type& where) const {
        require_on_grid("ossify::lattice_tissue::cell_at", where);
        const auto i = grid_.index(where);
        std::optional<typename lineage_type::any_state> out;
        lineage_type::visit(state_[i], [&]<class S>() {
            S value{};
            if constexpr (requires { value.time_in_state; }) {
                value.time_in_state = duration::from_value(time_ - static_cast<double>(entered_[i]));
            }
            out.emplace(value);
        });
        return out;
    }
    /// @brief A read-only range-v3 view over the cells (site, state, time in state).
    [[nodiscard]] auto cells() const {
        return ranges::views::iota(std::size_t{0}, grid_.size()) |
               ranges::views::filter([this](std::size_t i) { return state_[i] != empty_site; }) |
               ranges::views::transform([this](std::size_t i) {
                   return lattice_cell{i, state_[i],
                                       duration::from_value(time_ - static_cast<double>(entered_[i]))};
               });
    }
    /// @brief The concentrations of Signal (nM per site).
    template <class Signal>
    [[nodiscard]] std::span<const signal_value_type> field() const {
        static_assert(carries_signal<Signal>, "ossify::lattice_tissue::field: the tissue does not carry this signal");
        return signals_.template get<Signal>();
    }
    /// @brief The bone matrix (osteoid and mineral).
    [[nodiscard]] const matrix_type& matrix() const noexcept { return matrix_; }
    /// @brief 1 where a vessel space enclosed by bone has become red marrow.
    [[nodiscard]] std::span<const std::uint8_t> marrow() const noexcept { return marrow_; }
    /// @brief 1 on sites of the outer bone surface (computed by the structure process).
    [[nodiscard]] std::span<const std::uint8_t> outer_surface() const noexcept { return surface_; }
    /// @brief Cells born by division so far.
    [[nodiscard]] std::uint64_t births() const noexcept { return births_; }
    /// @brief Cells that died so far.
    [[nodiscard]] std::uint64_t deaths() const noexcept { return deaths_; }
    /// @brief Divisions that found no free neighbouring site.
    [[nodiscard]] std::uint64_t blocked_divisions() const noexcept { return blocked_divisions_; }
    /// @brief Cell moves (migration) so far.
    [[nodiscard]] std::uint64_t moves() const noexcept { return moves_; }

    /// @brief Name of a lineage index (or "empty").
    [[nodiscard]] static constexpr std::string_view state_name(std::size_t s) noexcept {
        return s == empty_site ? std::string_view("empty") : lineage_type::name(s);
    }

    // ---------------------------------------------------------------- for processes

    /// @brief Lineage index of State.
    template <class State>
    [[nodiscard]] static constexpr std::uint8_t state_index() noexcept {
        static_assert(lineage_type::template contains<State>,
                      "ossify::lattice_tissue: the state is not part of the tissue's lineage");
        return static_cast<std::uint8_t>(lineage_type::template index_of<State>);
    }
    /// @brief Calls `f.template operator()<S>()` for every signal S the tissue carries.
    template <class F>
    static constexpr void for_each_signal(F&& f) {
        detail::for_each_signal(Signals{}, f);
    }
    /// @brief Position of Signal among the tissue's signals.
    template <class Signal>
    [[nodiscard]] static constexpr std::size_t signal_index() noexcept {
        return signal_set_type::template index_of<Signal>();
    }
    /// @brief Concentration of Signal on a site (nM).
    template <class Signal>
    [[nodiscard]] double signal_at(std::size_t i) const noexcept {
        return signals_.template get<Signal>()[i];
    }
    /// @brief Mineralised fraction of the Moore neighbourhood of a site.
    [[nodiscard]] double entrapment_at(std::size_t i) const { return matrix_.entrapment(i); }
    /// @brief Occupied fraction of the von Neumann neighbourhood of a site.
    [[nodiscard]] double local_density_at(std::size_t i) const noexcept {
        const auto c = grid_.coords(i);
        std::size_t on = 0, occupied = 0;
        for (const auto& o : von_neumann<dimension>::offsets) {
            auto n = c;
            for (std::size_t a = 0; a < dimension; ++a) n[a] += o[a];
            if (!grid_.contains(n)) continue;
            ++on;
            occupied += state_[grid_.index(n)] != empty_site ? 1u : 0u;
        }
        return on == 0 ? 0.0 : static_cast<double>(occupied) / static_cast<double>(on);
    }
    /// @brief 1 on the outer bone surface, else 0.
    [[nodiscard]] double outer_surface_at(std::size_t i) const noexcept { return surface_[i] ? 1.0 : 0.0; }
    /// @brief True when a cell may move or be born into site i: no cell, not bone, not marrow.
    [[nodiscard]] bool is_free(std::size_t i) const noexcept {
        return state_[i] == empty_site && marrow_[i] == 0 && matrix_.matrix_fraction(i) < bone_threshold_;
    }
    /// @brief The counter-based generator.
    [[nodiscard]] const random::counter_rng& rng() const noexcept { return rng_; }
    /// @brief Clock in days (plain number).
    [[nodiscard]] double now_days() const noexcept { return time_; }
    /// @brief The visiting order.
    [[nodiscard]] visit_order order() const noexcept { return order_; }
    /// @brief Matrix fraction above which a site counts as bone.
    [[nodiscard]] double bone_threshold() const noexcept { return bone_threshold_; }

    /// @brief Mutable access for processes (the data a process may change).
    struct mutable_state {
        std::vector<std::uint8_t>& state;        ///< state index per site
        std::vector<float>& entered;             ///< entry time per site (d)
        matrix_type& matrix;                     ///< bone matrix
        std::vector<std::uint8_t>& marrow;       ///< marrow flags
        std::vector<std::uint8_t>& surface;      ///< outer-surface flags
        std::uint64_t& births;                   ///< division counter
        std::uint64_t& deaths;                   ///< death counter
        std::uint64_t& blocked_divisions;        ///< failed-division counter
        std::uint64_t& moves;                    ///< migration counter
        std::uint64_t step;                      ///< the current step number
    };
    /// @brief The data processes change. For process authors.
    [[nodiscard]] mutable_state data() noexcept {
        return {state_, entered_, matrix_, marrow_, surface_, births_, deaths_, blocked_divisions_, moves_, step_};
    }
    /// @brief The signal fields, for process authors.
    [[nodiscard]] auto& signal_fields() noexcept requires(!std::is_void_v<signal_set_type>) { return signals_; }
    /// @brief The signal fields.
    [[nodiscard]] const auto& signal_fields() const noexcept requires(!std::is_void_v<signal_set_type>) { return signals_; }

    /// @brief A fixed source of one signal over a set of sites.
    struct external_source {
        std::size_t signal;              ///< signal position
        std::vector<std::size_t> sites;  ///< linear indices
        double rate;                     ///< nM/d
    };
    /// @brief Secretion table [signal][state] in nM/d.
    [[nodiscard]] const auto& secretion_table() const noexcept { return secretion_; }
    /// @brief Uptake table [signal][state] in 1/d.
    [[nodiscard]] const auto& uptake_table() const noexcept { return uptake_; }
    /// @brief Fixed sources.
    [[nodiscard]] const std::vector<external_source>& external_sources() const noexcept { return sources_; }
    /// @brief Apposition rate per state (um/d).
    [[nodiscard]] const std::array<double, state_count>& apposition_rates() const noexcept { return apposition_; }
    /// @brief Motility per state (1/d).
    [[nodiscard]] const std::array<double, state_count>& motilities() const noexcept { return motility_; }
    /// @brief Outward-migration flag per state.
    [[nodiscard]] const std::array<std::uint8_t, state_count>& outward_migration() const noexcept { return outward_; }
    /// @brief Per state: 1 when it blocks matrix deposition (capillaries).
    [[nodiscard]] const std::array<std::uint8_t, state_count>& blocks_matrix() const noexcept { return blocks_; }
    /// @brief Chemotaxis sensitivity (1/nM), its signal position, and adhesion.
    [[nodiscard]] std::tuple<double, std::size_t, double> migration_bias() const noexcept {
        return {chemotaxis_, chemotaxis_signal_, adhesion_};
    }

private:
    static signal_set_type make_signals(const Grid& g) requires(!std::is_void_v<signal_set_type>) { return signal_set_type(g); }
    static int make_signals(const Grid&) requires(std::is_void_v<signal_set_type>) { return 0; }

    void require_on_grid(const char* where, const typename Grid::site_type& s) const {
        if (!grid_.contains(s)) {
            std::string coords;
            for (std::size_t a = 0; a < dimension; ++a) coords += (a ? ", " : "") + std::to_string(s[a]);
            throw invalid_parameter(where, "site", "(" + coords + ")", "a site on the grid");
        }
    }

    Rules rules_;
    Grid grid_;
    Processes processes_;
    random::counter_rng rng_;
    std::vector<std::uint8_t> state_;
    std::vector<float> entered_;
    matrix_type matrix_;
    std::vector<std::uint8_t> marrow_;
    std::vector<std::uint8_t> surface_;
    std::conditional_t<std::is_void_v<signal_set_type>, int, signal_set_type> signals_;

    std::array<std::array<double, state_count>, signal_count> secretion_{};
    std::array<std::array<double, state_count>, signal_count> uptake_{};
    std::vector<external_source> sources_;
    std::array<double, state_count> apposition_{};
    std::array<double, state_count> motility_{};
    std::array<std::uint8_t, state_count> outward_{};
    std::array<std::uint8_t, state_count> blocks_{};
    double chemotaxis_ = 0.0;
    std::size_t chemotaxis_signal_ = 0;
    double adhesion_ = 0.0;
    double bone_threshold_ = 0.5;
    visit_order order_ = visit_order::forward;

    double time_ = 0.0;
    std::uint64_t step_ = 0;
    std::uint32_t fill_calls_ = 0;
    std::uint64_t births_ = 0, deaths_ = 0, blocked_divisions_ = 0, moves_ = 0;

    template <class R, class G, class S, class P, class St>
    friend class checkpoint_access;
};

/// @brief CTAD: `lattice_tissue tissue{rules, grid, signals<bmp2>{}, seed{42}}`.
template <class Rules, class Grid, class Signals>
basic_lattice_tissue(Rules, Grid, Signals, ossify::seed) -> basic_lattice_tissue<Rules, Grid, Signals>;
/// @brief CTAD with a process tuple.
template <class Rules, class Grid, class Signals, class... P>
basic_lattice_tissue(Rules, Grid, Signals, ossify::seed, std::tuple<P...>)
    -> basic_lattice_tissue<Rules, Grid, Signals, std::tuple<P...>>;

/// @brief The lattice tissue (see basic_lattice_tissue); deduces its arguments.
template <class Rules, class Grid, class Signals, class Processes = default_processes,
          class Storage = double_storage>
using lattice_tissue = basic_lattice_tissue<Rules, Grid, Signals, Processes, Storage>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_LATTICE_TISSUE_HPP
