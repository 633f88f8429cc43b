/// @file
/// @brief `lattice_context`: the narrow view of a lattice tissue a process gets in its step.
/// It offers the clock, the grid, the cells, the fields and the random draws the process
/// declared, and checks every access against the declarations at compile time.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_CONTEXT_HPP
#define OSSIFY_TISSUE_CONTEXT_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "../random/counter_rng.hpp"
#include "../space/shape.hpp"
#include "../units/quantities.hpp"
#include "fields.hpp"
#include "lattice_environment.hpp"
#include "lattice_state.hpp"
#include "process.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Order in which cells are visited within a process. Results do not depend on it (a
/// test proves that); it exists so that this can be checked.
enum class visit_order : unsigned char { forward, reverse };

/// @brief True when cells of state S block matrix deposition: S declares
/// `static constexpr bool blocks_matrix = true` (capillary sites: osteoid forms around vessels,
/// never in them); vessel sites walled in by bone become marrow.
template <class S>
inline constexpr bool blocks_matrix_v = [] {
    if constexpr (requires { S::blocks_matrix; }) return static_cast<bool>(S::blocks_matrix);
    else return false;
}();

/// @brief Per state byte of a lineage (256 entries, empty sites 0): 1 for states that block matrix.
template <class Lineage>
[[nodiscard]] constexpr std::array<std::uint8_t, 256> blocking_states() noexcept {
    std::array<std::uint8_t, 256> b{};
    std::size_t k = 0;
    Lineage::for_each([&]<class S>() { b[k++] = blocks_matrix_v<S> ? 1 : 0; });
    return b;
}

/**
 * @brief Where a lattice tissue lies within a larger one: for a tissue that is one part of a
 * decomposed run (a rank's slab with its halo, ossify/mpi). Site i of the part is site
 * i + `offset` of the whole (sites numbered x fastest, so a slab along the slowest axis is a
 * contiguous range); draws are keyed by that global index, so the part draws the numbers the
 * whole would. Events (rule firings, births, deaths, moves, blocked divisions) count only at
 * the part's own sites [owned_begin, owned_end): the others are copies of a neighbour's sites,
 * computed again, whose events that neighbour counts. The default window is the whole tissue.
 */
struct lattice_window {
    std::uint64_t offset = 0;                                                    ///< global index of site 0
    std::size_t owned_begin = 0;                                                 ///< first owned site
    std::size_t owned_end = static_cast<std::size_t>(-1);                        ///< one past the last owned site
    /// @brief True when events at site i count in this tissue.
    [[nodiscard]] constexpr bool owns(std::size_t i) const noexcept { return i >= owned_begin && i < owned_end; }
    /// @brief Windows are equal when all three numbers are.
    friend constexpr bool operator==(const lattice_window&, const lattice_window&) noexcept = default;
};

/**
 * @brief What a process sees of the tissue during its step.
 *
 * Reads of cells are always allowed; `field<F>()` needs F in the process's `reads` or
 * `writes`, `field_mut<F>()` needs it in `writes`; the matrix needs `bone_matrix`; changing
 * cells needs `cells` in `writes`; `draws<P>()` needs P in its `purposes`. Each violation is a
 * compile error naming the rule. Cell operations keep counts and attributes consistent and are
 * not thread-safe: collect changes in parallel, apply them in one thread.
 * @tparam State the tissue's basic_lattice_state
 * @tparam Rules the tissue's rule set
 * @tparam Process the process the context is for
 */
template <class State, class Rules, class Process>
class lattice_context {
    using reads = process_reads_t<Process>;
    using writes = process_writes_t<Process>;
    template <class F>
    static constexpr bool may_read = reads::template contains<F> || writes::template contains<F> ||
                                     reads::template contains<all_fields> ||
                                     (signal_type<F> && writes::template contains<all_signals>);
    template <class F>
    static constexpr bool may_write =
        writes::template contains<F> || (signal_type<F> && writes::template contains<all_signals>);

public:
    /// @brief The tissue's state type.
    using state_type = State;
    /// @brief The lineage.
    using lineage_type = typename State::lineage_type;
    /// @brief The grid type.
    using grid_type = typename State::grid_type;
    /// @brief The rule set.
    using rules_type = Rules;
    /// @brief The per-cell attribute type.
    using attribute_type = typename State::attribute_type;
    /// @brief The environment handed to policies.
    using environment_type = lattice_environment<State>;
    /// @brief Spatial dimension.
    static constexpr std::size_t dimension = grid_type::dimension;
    /// @brief Number of states.
    static constexpr std::size_t state_count = lineage_type::size;

    /// @brief The context of `Process` over a tissue's state (made by the tissue), which is the
    /// part `window` of a larger one (by default the whole).
    lattice_context(State& state, const Rules& rules, const random::counter_rng& rng, visit_order order,
                    const lattice_window& window = {}) noexcept
        : state_(&state), rules_(&rules), rng_(rng), order_(order), shape_(shape_of(state.grid())), window_(window) {}

    // ------------------------------------------------------------ clock and space
    /// @brief The clock at the start of the step.
    [[nodiscard]] duration now() const noexcept { return duration::from_value(state_->time_days()); }
    /// @brief The clock in days (plain number).
    [[nodiscard]] double now_days() const noexcept { return state_->time_days(); }
    /// @brief The number of the step being taken (0 for the first).
    [[nodiscard]] std::uint64_t step_index() const noexcept { return state_->steps(); }
    /// @brief The grid.
    [[nodiscard]] const grid_type& grid() const noexcept { return state_->grid(); }
    /// @brief The grid's shape as plain numbers.
    [[nodiscard]] const lattice_shape& shape() const noexcept { return shape_; }
    /// @brief The order in which to visit cells (results must not depend on it).
    [[nodiscard]] visit_order order() const noexcept { return order_; }
    /// @brief The rules.
    [[nodiscard]] const Rules& rules() const noexcept { return *rules_; }
    /// @brief True when events at site i count in this tissue's counters (rule firings, births,
    /// deaths, moves, blocked divisions): always, except in one part of a decomposed run, where
    /// the sites copied from a neighbour are counted by that neighbour (lattice_window). A process
    /// that counts events itself counts only these.
    [[nodiscard]] bool counts_events_at(std::size_t i) const noexcept { return window_.owns(i); }

    // ------------------------------------------------------------ cells (read)
    /// @brief Lineage index per site (empty_site where there is no cell).
    [[nodiscard]] std::span<const std::uint8_t> states() const noexcept { return state_->states(); }
    /// @brief Entry time per site (days).
    [[nodiscard]] std::span<const float> entry_times() const noexcept { return state_->entry_times(); }
    /// @brief The attribute of the cell on site i.
    [[nodiscard]] const attribute_type& attribute(std::size_t i) const noexcept { return state_->attribute(i); }
    /// @brief Cells per state.
    [[nodiscard]] const auto& counts() const noexcept { return state_->counts(); }
    /// @brief Lineage index of State.
    template <class S>
    [[nodiscard]] static constexpr std::uint8_t index_of() noexcept {
        return static_cast<std::uint8_t>(lineage_type::template index_of<S>);
    }
    /// @brief Per state byte (256 entries, empty sites 0): 1 for states that block matrix.
    [[nodiscard]] static constexpr std::array<std::uint8_t, 256> blocking_states() noexcept {
        return ossify::blocking_states<lineage_type>();
    }
    /// @brief The environment of site i, for policies.
    [[nodiscard]] environment_type environment(std::size_t i) const noexcept { return {*state_, i}; }
    /// @brief True when a cell may move or be born into site i: no cell, not bone, not marrow.
    [[nodiscard]] bool is_free(std::size_t i) const noexcept {
        if (state_->states()[i] != empty_site) return false;
        if constexpr (State::has_matrix) {
            if (state_->matrix().is_bone(i)) return false;
        }
        if constexpr (State::template has<marrow>) {
            if (state_->template field<marrow>()[i] != 0) return false;
        }
        return true;
    }

    // ------------------------------------------------------------ fields
    /// @brief The values of field F (declared in reads or writes).
    template <class F>
    [[nodiscard]] std::span<const typename State::template value_of<F>> field() const noexcept {
        static_assert(may_read<F>, "ossify::lattice_context: the process reads a field it does not declare: add it "
                                   "to the process's `reads` (or `writes`)");
        return std::as_const(*state_).template field<F>();
    }
    /// @brief The values of field F, to change them (declared in writes).
    template <class F>
    [[nodiscard]] std::span<typename State::template value_of<F>> field_mut() noexcept {
        static_assert(may_write<F>, "ossify::lattice_context: the process writes a field it does not declare: add it "
                                    "to the process's `writes`");
        return state_->template field<F>();
    }
    /// @brief The bone matrix (bone_matrix declared in reads or writes).
    [[nodiscard]] const typename State::matrix_type& matrix() const noexcept {
        static_assert(may_read<bone_matrix>, "ossify::lattice_context: the process reads the bone matrix: declare "
                                             "ossify::bone_matrix in its `reads` (or `writes`)");
        return state_->matrix();
    }
    /// @brief The bone matrix, to change it (bone_matrix declared in writes).
    [[nodiscard]] typename State::matrix_type& matrix_mut() noexcept {
        static_assert(may_write<bone_matrix>, "ossify::lattice_context: the process changes the bone matrix: declare "
                                              "ossify::bone_matrix in its `writes`");
        return state_->matrix();
    }

    /// @brief The whole state, read-only, for a process that declares `all_fields` in its reads
    /// (e.g. to hand policies a view of every field).
    [[nodiscard]] const State& state_view() const noexcept {
        static_assert(reads::template contains<all_fields>,
                      "ossify::lattice_context: state_view() needs ossify::all_fields in the process's `reads`");
        return *state_;
    }

    // ------------------------------------------------------------ cells (write)
    /// @brief The cell on site i changes to state s, having entered it at `entered` (d).
    void set_state(std::size_t i, std::uint8_t s, float entered) noexcept {
        require_cells();
        state_->set_state(i, s, entered);
    }
    /// @brief The cell on site i dies (counted where counts_events_at(i)).
    void kill(std::size_t i) noexcept {
        require_cells();
        state_->remove(i);
        if (window_.owns(i)) ++state_->events().deaths;
    }
    /// @brief The cell on `from` moves to the free site `to` (counted where counts_events_at(from)).
    void move(std::size_t from, std::size_t to) noexcept {
        require_cells();
        state_->move(from, to);
        if (window_.owns(from)) ++state_->events().moves;
    }
    /// @brief The cell on `from` divides into the free site `to` at time `entered` (counted where
    /// counts_events_at(from)).
    void divide(std::size_t from, std::size_t to, float entered) noexcept {
        require_cells();
        state_->divide(from, to, entered);
        if (window_.owns(from)) ++state_->events().births;
    }
    /// @brief Puts a new cell of state s on site i (replacing any; not counted as a birth).
    void place(std::size_t i, std::uint8_t s, float entered, const attribute_type& a = {}) noexcept {
        require_cells();
        state_->place(i, s, entered, a);
    }
    /// @brief The attribute of the cell on site i, to change it.
    [[nodiscard]] attribute_type& attribute_mut(std::size_t i) noexcept {
        require_cells();
        return state_->attribute(i);
    }
    /// @brief The event counters (births, deaths, moves, blocked divisions).
    [[nodiscard]] cell_events& events() noexcept {
        require_cells();
        return state_->events();
    }
    /// @brief How often each rule fired, in rule order (for processes that apply rules).
    [[nodiscard]] std::vector<std::uint64_t>& rule_fires() noexcept {
        require_cells();
        return state_->rule_fires();
    }

    // ------------------------------------------------------------ random draws
    /// @brief The draws of this step for a declared purpose P (indices P::first_index ...),
    /// keyed by global site index (lattice_window).
    template <class P>
    [[nodiscard]] random::bound_rng draws() const noexcept {
        static_assert(process_purposes_t<Process>::template contains<P>,
                      "ossify::lattice_context: the process draws with a random purpose it does not declare: add it "
                      "to the process's `purposes`");
        return rng_.bind(state_->steps(), P::id).shifted(window_.offset);
    }

private:
    static constexpr void require_cells() noexcept {
        static_assert(may_write<cells>, "ossify::lattice_context: the process changes cells: declare ossify::cells in "
                                        "its `writes`");
    }

    State* state_;
    const Rules* rules_;
    random::counter_rng rng_;
    visit_order order_;
    lattice_shape shape_;
    lattice_window window_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_CONTEXT_HPP
