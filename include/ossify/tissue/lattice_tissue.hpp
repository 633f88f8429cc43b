/// @file
/// @brief The lattice tissue: a state (cells, fields, bone matrix) plus a sequence of
/// processes, stepped under a rule set. Any process, field, kinetics or per-cell attribute
/// can be the user's (docs/extending.md).
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_LATTICE_TISSUE_HPP
#define OSSIFY_TISSUE_LATTICE_TISSUE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "../cell/lineage.hpp"
#include "../cell/per_state.hpp"
#include "../error.hpp"
#include "../random/counter_rng.hpp"
#include "../random/purpose.hpp"
#include "../space/grid.hpp"
#include "../transition/rule_set.hpp"
#include "context.hpp"
#include "detail/process_checks.hpp"
#include "detail/rollback.hpp"
#include "fields.hpp"
#include "lattice_state.hpp"
#include "process.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
template <class T>
inline constexpr bool is_process_tuple_v = false;
template <class... T>
inline constexpr bool is_process_tuple_v<std::tuple<T...>> = true;
template <template <class...> class T, class U>
inline constexpr bool is_specialisation_v = false;
template <template <class...> class T, class... A>
inline constexpr bool is_specialisation_v<T, T<A...>> = true;
}  // namespace detail

/**
 * @brief A tissue on a regular lattice: at most one cell per site, fields declared by tag,
 * bone matrix, stepped by a tuple of processes under a rule set.
 *
 * ```cpp
 * lattice_tissue tissue{rules, grid2d{256, 256, 10.0_um}, signals<bmp2>{}, seed{42}};
 * tissue.fill(disc{{128, 128}, 1.0_mm}, mesenchymal{});
 * run_for(tissue, 60.0_d, 1.0_h);
 * ```
 * Each `step(dt)` runs the processes in order, each through its lattice_context. The tissue
 * carries the fields given and those its processes own. Draws are keyed by (seed, step, site,
 * purpose), so results are identical for any visiting order and thread count. `step` gives
 * the strong guarantee: when a process throws, the tissue is exactly as before the call.
 * @tparam Rules a rule set (ossify::rule_set)
 * @tparam Grid grid2d or grid3d
 * @tparam Fields fields<...> or signals<...>
 * @tparam Processes std::tuple of processes (ossify::lattice_process)
 * @tparam Options lattice_options<Storage, Kinetics, Attribute>
 */
template <class Rules, class Grid, class Fields, class Processes, class Options = lattice_options<>>
class basic_lattice_tissue {
    static_assert(rule_set_type<Rules>, "ossify::lattice_tissue: the first argument must be a rule set made by ossify::rule_set<Lineage>(...)");
    static_assert(detail::is_process_tuple_v<Processes>, "ossify::lattice_tissue: the processes must be a std::tuple (see ossify::processes(...))");

public:
    /// @brief The lineage.
    using lineage_type = typename Rules::lineage_type;
    /// @brief The rule set.
    using rules_type = Rules;
    /// @brief The grid type.
    using grid_type = Grid;
    /// @brief The processes.
    using processes_type = Processes;
    /// @brief Every field carried: the ones given and those the processes own.
    using fields_type = typename detail::tissue_fields<typename detail::as_field_list<Fields>::type, Processes>::type;
    /// @brief The state type.
    using state_type = basic_lattice_state<lineage_type, Grid, fields_type, typename Options::storage,
                                           typename Options::kinetics, typename Options::attribute>;
    /// @brief The context a process P is stepped with.
    template <class P>
    using context_type = lattice_context<state_type, Rules, P>;
    /// @brief Spatial dimension.
    static constexpr std::size_t dimension = Grid::dimension;
    /// @brief Number of states.
    static constexpr std::size_t state_count = lineage_type::size;
    /// @brief True when the tissue carries field F.
    template <class F>
    static constexpr bool carries = fields_type::template contains<F>;

private:
    using checks = detail::process_checks<state_type, Rules, Processes>;
    static_assert(checks::valid);
    using rollback_type = detail::rollback<state_type, typename detail::expand_signals<typename checks::exposed, fields_type>::type>;

public:
    /// @brief True when a step keeps a copy of some state to undo a failed step (some process
    /// may throw after others have written; see step()). False for the default processes with
    /// built-in policies.
    static constexpr bool keeps_step_copy = !rollback_type::empty;

public:
    /// @brief An empty tissue (no cells, zero fields, no matrix) on `grid`, with its processes
    /// bound to the lineage and the grid.
    basic_lattice_tissue(Rules rules, const Grid& grid, Fields, ossify::seed seed);
    /// @brief The same with the processes (and options) given.
    basic_lattice_tissue(Rules rules, const Grid& grid, Fields, ossify::seed seed, Processes processes,
                         Options = {});
    /// @brief Copies and moves member by member.
    basic_lattice_tissue(const basic_lattice_tissue&) = default;
    /// @brief Copies and moves member by member.
    basic_lattice_tissue(basic_lattice_tissue&&) = default;
    /// @brief Copies and moves member by member.
    basic_lattice_tissue& operator=(const basic_lattice_tissue&) = default;
    /// @brief Copies and moves member by member.
    basic_lattice_tissue& operator=(basic_lattice_tissue&&) = default;
    /// @brief Releases the state and the processes.
    ~basic_lattice_tissue();

    // ---------------------------------------------------------------- stepping

    /// @brief Advances the tissue by dt (> 0): prepares every process, then runs each in
    /// order. Strong guarantee: on a throw (ossify::model_error naming the process, or
    /// invalid_parameter for a bad dt) the tissue is exactly as before the call.
    void step(duration dt);

    // ---------------------------------------------------------------- seeding

    /// @brief Puts a cell in State on every site of `shape` (replacing what was there).
    /// Throws invalid_parameter when the shape covers no site of the grid.
    template <class Shape, class State>
    std::size_t fill(const Shape& shape, const State&) {
        constexpr auto s = state_index<State>();
        const auto sites = sites_of(shape, "ossify::lattice_tissue::fill");
        for (const auto i : sites) state_.place(i, s, static_cast<float>(state_.time_days()));
        return sites.size();
    }
    /// @brief Puts a cell in State on each site of `shape` with probability p (drawn from the
    /// tissue's seed), leaving other sites as they are. Returns the number placed.
    template <class Shape, class State>
    std::size_t fill_fraction(const Shape& shape, const State&, double p) {
        require_in_range("ossify::lattice_tissue::fill_fraction", "p", p, 0.0, 1.0);
        constexpr auto s = state_index<State>();
        const auto sites = sites_of(shape, "ossify::lattice_tissue::fill_fraction");
        const auto draw = rng_.bind(state_.steps(), random::purpose::placement).shifted(window_.offset);
        std::size_t n = 0;
        for (const auto i : sites) {
            if (draw.uniform(i, state_.fill_calls()) < p) {
                state_.place(i, s, static_cast<float>(state_.time_days()));
                ++n;
            }
        }
        ++state_.fill_calls();
        return n;
    }
    /// @brief Puts a cell in State (with an attribute) on one site.
    template <class State>
    void place(const typename Grid::site_type& where, const State&, const typename Options::attribute& a = {}) {
        state_.place(site_index("ossify::lattice_tissue::place", where), state_index<State>(),
                     static_cast<float>(state_.time_days()), a);
    }
    /// @brief Removes the cell on a site (if any).
    void clear(const typename Grid::site_type& where) { state_.remove(site_index("ossify::lattice_tissue::clear", where)); }
    /// @brief Sets field F to `value` on every site of `shape` (an initial condition); throws
    /// invalid_parameter when the value is outside the field's range or the shape covers no site.
    template <class F, class Shape>
    void set_field(const Shape& shape, double value) {
        using V = typename state_type::template value_of<F>;
        require_in_range("ossify::lattice_tissue::set_field", F::name, value, field_lower<F, V>(), field_upper<F, V>());
        auto f = state_.template field<F>();
        for (const auto i : sites_of(shape, "ossify::lattice_tissue::set_field")) f[i] = static_cast<V>(value);
    }
    /// @brief The values of field F to change between steps (initial conditions): keep them in
    /// the field's range.
    template <class F>
    [[nodiscard]] std::span<typename state_type::template value_of<F>> edit_field() noexcept {
        return state_.template field<F>();
    }
    /// @brief The bone matrix, to lay down initial bone between steps.
    [[nodiscard]] auto& edit_matrix() noexcept { return state_.matrix(); }

    // ---------------------------------------------------------------- the model protocol

    /// @brief The clock.
    [[nodiscard]] duration time() const noexcept { return duration::from_value(state_.time_days()); }
    /// @brief Steps taken.
    [[nodiscard]] std::uint64_t steps() const noexcept { return state_.steps(); }
    /// @brief The seed.
    [[nodiscard]] ossify::seed seed() const noexcept { return rng_.seed(); }
    /// @brief Cells per state, in lineage order.
    [[nodiscard]] std::array<double, state_count> counts() const noexcept {
        std::array<double, state_count> c{};
        for (std::size_t s = 0; s < state_count; ++s) c[s] = static_cast<double>(state_.counts()[s]);
        return c;
    }
    /// @brief Cells in State.
    template <class State>
    [[nodiscard]] double count() const noexcept {
        return static_cast<double>(state_.counts()[state_index<State>()]);
    }
    /// @brief All cells.
    [[nodiscard]] double cell_count() const noexcept { return static_cast<double>(state_.cell_count()); }
    /// @brief Name of a lineage index (or "empty").
    [[nodiscard]] static constexpr std::string_view state_name(std::size_t s) noexcept {
        return s == empty_site ? std::string_view("empty") : lineage_type::name(s);
    }
    /// @brief Cells born by division so far.
    [[nodiscard]] double births() const noexcept { return static_cast<double>(state_.events().births); }
    /// @brief Cells that died so far.
    [[nodiscard]] double deaths() const noexcept { return static_cast<double>(state_.events().deaths); }
    /// @brief All event counters.
    [[nodiscard]] const cell_events& events() const noexcept { return state_.events(); }
    /// @brief Number of rules.
    [[nodiscard]] static constexpr std::size_t rule_count() noexcept { return Rules::size; }
    /// @brief Name of rule k ("mesenchymal -> osteogenic", "osteoblast death" ...).
    [[nodiscard]] const std::string& rule_name(std::size_t k) const { return rule_names_.at(k); }
    /// @brief How often rule k fired so far.
    [[nodiscard]] double rule_fires(std::size_t k) const { return static_cast<double>(state_.rule_fires().at(k)); }

    // ---------------------------------------------------------------- reading

    /// @brief The grid.
    [[nodiscard]] const Grid& grid() const noexcept { return state_.grid(); }
    /// @brief The rules.
    [[nodiscard]] const Rules& rules() const noexcept { return rules_; }
    /// @brief The whole state (read-only): cells, fields, matrix, counters.
    [[nodiscard]] const state_type& state() const noexcept { return state_; }
    /// @brief The state index per site (empty_site where there is no cell).
    [[nodiscard]] std::span<const std::uint8_t> states() const noexcept { return state_.states(); }
    /// @brief The time each site's cell entered its state (days).
    [[nodiscard]] std::span<const float> entry_times() const noexcept { return state_.entry_times(); }
    /// @brief The values of field F (a compile error when the tissue does not carry it).
    template <class F>
    [[nodiscard]] auto field() const noexcept {
        return state_.template field<F>();
    }
    /// @brief The bone matrix.
    [[nodiscard]] const auto& matrix() const noexcept { return state_.matrix(); }
    /// @brief Lineage index of the cell on a site, or nothing.
    [[nodiscard]] std::optional<std::size_t> state_at(const typename Grid::site_type& where) const {
        const auto s = state_.states()[site_index("ossify::lattice_tissue::state_at", where)];
        return s == empty_site ? std::nullopt : std::optional<std::size_t>(s);
    }
    /// @brief The attribute of the cell on a site.
    [[nodiscard]] const auto& attribute_at(const typename Grid::site_type& where) const {
        return state_.attribute(site_index("ossify::lattice_tissue::attribute_at", where));
    }
    /// @brief Lineage index of State.
    template <class State>
    [[nodiscard]] static constexpr std::uint8_t state_index() noexcept {
        static_assert(lineage_type::template contains<State>, "ossify::lattice_tissue: the state is not part of the tissue's lineage");
        return static_cast<std::uint8_t>(lineage_type::template index_of<State>);
    }

    // ---------------------------------------------------------------- processes

    /// @brief True when the tissue runs a process of type P.
    template <class P>
    static constexpr bool has_process = [] {
        return []<class... Q>(std::tuple<Q...>*) { return (std::is_same_v<P, Q> || ...); }(static_cast<Processes*>(nullptr));
    }();
    /// @brief True when the tissue runs a process that is a specialisation of template P.
    template <template <class...> class P>
    static constexpr bool has_process_of = [] {
        return []<class... Q>(std::tuple<Q...>*) {
            return (detail::is_specialisation_v<P, Q> || ...);
        }(static_cast<Processes*>(nullptr));
    }();
    /// @brief The process of type P (the only one), to change its parameters between steps.
    template <class P>
        requires has_process<P>
    [[nodiscard]] P& process() noexcept {
        return std::get<P>(processes_);
    }
    /// @brief The process of type P (read-only).
    template <class P>
        requires has_process<P>
    [[nodiscard]] const P& process() const noexcept {
        return std::get<P>(processes_);
    }
    /// @brief The first process that is a specialisation of template P (`process<diffuse_signals>()`).
    template <template <class...> class P>
        requires has_process_of<P>
    [[nodiscard]] auto& process() noexcept {
        return find_specialisation<P, 0>();
    }
    /// @brief The first process that is a specialisation of template P (read-only).
    template <template <class...> class P>
        requires has_process_of<P>
    [[nodiscard]] const auto& process() const noexcept {
        return const_cast<basic_lattice_tissue&>(*this).template find_specialisation<P, 0>();
    }
    /// @brief All processes.
    [[nodiscard]] const Processes& processes() const noexcept { return processes_; }
    /// @brief Lists every parameter of the processes ("process.name") and of the bone matrix
    /// ("matrix.name"): ossify::describable.
    template <class Visitor>
    void describe(Visitor&& visit) {
        std::apply([&](auto&... p) { (describe_one(visit, p), ...); }, processes_);
        if constexpr (state_type::has_matrix) visit("matrix", state_.matrix());
    }
    /// @brief Visiting order of cells inside processes (results do not depend on it).
    void set_visit_order(visit_order o) noexcept { order_ = o; }
    /// @brief The visiting order.
    [[nodiscard]] visit_order order() const noexcept { return order_; }

    // ---------------------------------------------------------------- parts of a larger tissue

    /// @brief Makes this tissue the part `w` of a larger one (a rank's slab in a decomposed run,
    /// ossify/mpi): draws (of processes and of fill_fraction) are keyed by global site index,
    /// site + w.offset, and events count only at the sites w owns (lattice_window). The default
    /// window is the whole tissue. Set by the ossify/mpi adapter; a serial run never needs it.
    void set_window(const lattice_window& w) noexcept { window_ = w; }
    /// @brief The window (lattice_window).
    [[nodiscard]] const lattice_window& window() const noexcept { return window_; }
    /// @brief Lets `f(state)` rewrite the sites of the given [first, last) ranges in the state's
    /// per-site arrays (basic_lattice_state::visit_arrays on the state it is handed), between
    /// steps or from a process's step; the cell counts of those sites are taken out before and
    /// put back after. For adapters that copy sites between tissues (the halo exchange of
    /// ossify/mpi): keep every value in its range and an attribute only where there is a cell.
    template <class F>
    void rewrite_sites(std::span<const std::array<std::size_t, 2>> ranges, F&& f) {
        for (const auto& r : ranges) state_.count_sites(r[0], r[1], -1);
        f(state_);
        for (const auto& r : ranges) state_.count_sites(r[0], r[1], +1);
    }

private:
    template <template <class...> class P, std::size_t K>
    auto& find_specialisation() noexcept {
        static_assert(K < std::tuple_size_v<Processes>, "ossify::lattice_tissue::process: no process of that kind");
        if constexpr (detail::is_specialisation_v<P, std::tuple_element_t<K, Processes>>) return std::get<K>(processes_);
        else return find_specialisation<P, K + 1>();
    }
    template <class P>
    static void bind_one(P& p, const lineage_info& info, const Grid& grid) {
        if constexpr (requires { p.template bind<fields_type>(info, grid); }) p.template bind<fields_type>(info, grid);
        else if constexpr (requires { p.bind(info, grid); }) p.bind(info, grid);
    }
    template <class V, class P>
    static void describe_one(V& visit, P& p) {
        if constexpr (describable<P>) visit(P::name, p);
    }
    template <class P>
    void prepare_one(P& p, duration dt) {
        if constexpr (requires(const context_type<P>& c) { p.prepare(c, dt); }) {
            const context_type<P> ctx(state_, rules_, rng_, order_, window_);
            try {
                p.prepare(ctx, dt);
            } catch (const std::bad_alloc&) {
                throw;
            } catch (const std::exception& e) {
                fail(P::name, e.what());
            }
        }
    }
    template <std::size_t... K>
    void run_all(duration dt, std::index_sequence<K...>) {
        (run_one<K>(dt), ...);
    }
    template <std::size_t K>
    void run_one(duration dt) {
        using P = std::tuple_element_t<K, Processes>;
        context_type<P> ctx(state_, rules_, rng_, order_, window_);
        if constexpr (!checks::template may_throw<K>()) {
            std::get<K>(processes_).step(ctx, dt);
        } else {
            try {
                std::get<K>(processes_).step(ctx, dt);
            } catch (const std::bad_alloc&) {
                rollback_.restore(state_);
                throw;
            } catch (const std::exception& e) {
                rollback_.restore(state_);
                fail(P::name, e.what());
            }
        }
    }
    [[noreturn]] void fail(std::string_view process, const char* what) const {
        std::string msg = "ossify::lattice_tissue::step at day ";
        msg += format_value(state_.time_days());
        msg += ": process ";
        msg += process;
        msg += " failed (the tissue is unchanged): ";
        msg += what;
        throw model_error(msg);
    }
    template <class Shape>
    std::vector<std::size_t> sites_of(const Shape& shape, const char* where) const {
        return detail::sites_of(state_.grid(), shape, where);
    }
    std::size_t site_index(const char* where, const typename Grid::site_type& s) const {
        return detail::site_index(state_.grid(), s, where);
    }

    Rules rules_;
    Processes processes_;
    random::counter_rng rng_;
    state_type state_;
    visit_order order_ = visit_order::forward;
    lattice_window window_;
    std::vector<std::string> rule_names_;
    rollback_type rollback_;

    template <class T>
    friend class checkpoint_access;
};

OSSIFY_NAMESPACE_END

#include "detail/lattice_tissue_members.hpp"  // constructors, step(), destructor: not inline

#endif  // OSSIFY_TISSUE_LATTICE_TISSUE_HPP
