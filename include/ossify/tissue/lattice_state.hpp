/// @file
/// @brief The state of a lattice tissue: at most one cell per site (its state, the time it
/// entered it, and a per-cell attribute of the user's), the fields declared by tag, the bone
/// matrix field group, the clock and the event counters. Processes change it through their
/// context; users read it through the tissue.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_LATTICE_STATE_HPP
#define OSSIFY_TISSUE_LATTICE_STATE_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../cell/lineage.hpp"
#include "../error.hpp"
#include "../detail/memory.hpp"
#include "../matrix/field.hpp"
#include "../space/grid.hpp"
#include "fields.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The lineage index stored for a site without a cell.
inline constexpr std::uint8_t empty_site = 0xff;

/// @brief The per-cell attribute of a tissue without one (nothing is stored).
struct no_attribute {
    /// @brief All values are equal.
    friend constexpr bool operator==(no_attribute, no_attribute) noexcept { return true; }
};

/// @brief The bone-matrix policy of a tissue without bone matrix.
struct no_matrix {};

/// @brief Counters of cell events since the start of a run.
struct cell_events {
    std::uint64_t births = 0;             ///< cells born by division
    std::uint64_t deaths = 0;             ///< cells that died
    std::uint64_t moves = 0;              ///< cell moves (migration)
    std::uint64_t blocked_divisions = 0;  ///< divisions that found no free neighbouring site
};

namespace detail {
template <class Grid, class Storage, class Kinetics>
struct matrix_for {
    using type = basic_matrix_field<Grid::dimension, typename Storage::matrix_value, Kinetics>;
};
template <class Grid, class Storage>
struct matrix_for<Grid, Storage, no_matrix> {
    using type = no_matrix;
};
template <class Storage, class List>
struct field_storage;
template <class Storage, class... Fs>
struct field_storage<Storage, field_list<Fs...>> {
    using type = std::tuple<std::vector<field_value_t<Fs, Storage>>...>;
};
template <class F, class... Fs>
constexpr std::size_t field_index(field_list<Fs...>) noexcept {
    constexpr std::array<bool, sizeof...(Fs)> same{std::is_same_v<F, Fs>...};
    for (std::size_t i = 0; i < sizeof...(Fs); ++i) {
        if (same[i]) return i;
    }
    return sizeof...(Fs);
}
}  // namespace detail

/**
 * @brief The data of a lattice tissue, as a structure of arrays.
 *
 * Cell operations keep the per-state counts and the attributes consistent: `set_state`
 * (a transition: the cell keeps its attribute), `remove` (death), `move` (the cell, its entry
 * time and attribute move together), `divide` (the daughter gets a copy of the attribute, or
 * `Attribute::daughter()` when the attribute defines it), `place`.
 * @tparam Lineage the cell states
 * @tparam Grid grid2d or grid3d
 * @tparam Fields a field_list of the fields carried
 * @tparam Storage double_storage or compact_storage
 * @tparam Kinetics the mineralisation kinetics of the bone matrix, or no_matrix
 * @tparam Attribute a trivially copyable struct kept per cell (no_attribute: none)
 */
template <class Lineage, class Grid, class Fields, class Storage, class Kinetics, class Attribute>
class basic_lattice_state {
    static_assert(std::is_trivially_copyable_v<Attribute> && std::is_default_constructible_v<Attribute>,
                  "ossify::lattice_tissue: a per-cell attribute must be a trivially copyable, default-constructible "
                  "struct (it is moved with its cell and saved byte by byte in checkpoints)");

public:
    /// @brief The lineage.
    using lineage_type = Lineage;
    /// @brief The grid type.
    using grid_type = Grid;
    /// @brief The fields carried (a field_list).
    using fields_type = Fields;
    /// @brief The storage policy.
    using storage_type = Storage;
    /// @brief The per-cell attribute.
    using attribute_type = Attribute;
    /// @brief The bone matrix field group (no_matrix when the tissue has none).
    using matrix_type = typename detail::matrix_for<Grid, Storage, Kinetics>::type;
    /// @brief True when the tissue has a bone matrix.
    static constexpr bool has_matrix = !std::is_same_v<matrix_type, no_matrix>;
    /// @brief True when cells carry an attribute.
    static constexpr bool has_attribute = !std::is_empty_v<Attribute>;
    /// @brief Number of states.
    static constexpr std::size_t state_count = Lineage::size;
    /// @brief True when field F is carried.
    template <class F>
    static constexpr bool has = Fields::template contains<F>;
    /// @brief The stored value type of field F.
    template <class F>
    using value_of = field_value_t<F, Storage>;

    /// @brief An empty state on `grid`: no cells, zero fields, no matrix, clock at 0.
    /// Throws capacity_error, before allocating, when the state would not fit in the machine's
    /// physical memory (naming the bytes it would need).
    explicit basic_lattice_state(const Grid& grid)
        : grid_(checked(grid)), state_(grid.size(), empty_site), entered_(grid.size(), 0.0f), matrix_(make_matrix(grid)) {
        if constexpr (has_attribute) attr_.assign(grid.size(), Attribute{});
        std::apply([&](auto&... f) { (f.assign(grid.size(), {}), ...); }, fields_);
    }

    // ------------------------------------------------------------ reading
    /// @brief The grid.
    [[nodiscard]] const Grid& grid() const noexcept { return grid_; }
    /// @brief Number of sites.
    [[nodiscard]] std::size_t size() const noexcept { return state_.size(); }
    /// @brief The lineage index per site (empty_site where there is no cell).
    [[nodiscard]] std::span<const std::uint8_t> states() const noexcept { return state_; }
    /// @brief The time each site's cell entered its state (days).
    [[nodiscard]] std::span<const float> entry_times() const noexcept { return entered_; }
    /// @brief The cell's attribute on site i (default-constructed where there is no cell).
    [[nodiscard]] const Attribute& attribute(std::size_t i) const noexcept {
        if constexpr (has_attribute) return attr_[i];
        else return none_;
    }
    /// @brief The values of field F, one per site.
    template <class F>
    [[nodiscard]] std::span<const value_of<F>> field() const noexcept {
        static_assert(has<F>, "ossify::lattice_tissue: the field is not declared by the tissue: add its tag to "
                              "fields<...> (or signals<...>), or use a process that brings it");
        return std::get<detail::field_index<F>(Fields{})>(fields_);
    }
    /// @brief The values of field F, one per site (mutable).
    template <class F>
    [[nodiscard]] std::span<value_of<F>> field() noexcept {
        static_assert(has<F>, "ossify::lattice_tissue: the field is not declared by the tissue: add its tag to "
                              "fields<...> (or signals<...>), or use a process that brings it");
        return std::get<detail::field_index<F>(Fields{})>(fields_);
    }
    /// @brief The bone matrix.
    [[nodiscard]] const matrix_type& matrix() const noexcept { return matrix_; }
    /// @brief The bone matrix (mutable).
    [[nodiscard]] matrix_type& matrix() noexcept { return matrix_; }
    /// @brief Cells per state, in lineage order.
    [[nodiscard]] const std::array<std::size_t, state_count>& counts() const noexcept { return counts_; }
    /// @brief All cells.
    [[nodiscard]] std::size_t cell_count() const noexcept {
        std::size_t n = 0;
        for (const auto c : counts_) n += c;
        return n;
    }
    /// @brief The clock in days.
    [[nodiscard]] double time_days() const noexcept { return time_; }
    /// @brief Steps taken.
    [[nodiscard]] std::uint64_t steps() const noexcept { return step_; }
    /// @brief Event counters.
    [[nodiscard]] const cell_events& events() const noexcept { return events_; }
    /// @brief Event counters (mutable).
    [[nodiscard]] cell_events& events() noexcept { return events_; }
    /// @brief How often each rule fired (rule order of the rule set).
    [[nodiscard]] const std::vector<std::uint64_t>& rule_fires() const noexcept { return fires_; }
    /// @brief How often each rule fired (mutable).
    [[nodiscard]] std::vector<std::uint64_t>& rule_fires() noexcept { return fires_; }

    // ------------------------------------------------------------ cell operations
    /// @brief Puts a cell of state s on site i (replacing any), entered at `entered` (d).
    void place(std::size_t i, std::uint8_t s, float entered, const Attribute& a = {}) noexcept {
        if (state_[i] != empty_site) --counts_[state_[i]];
        state_[i] = s;
        entered_[i] = entered;
        ++counts_[s];
        if constexpr (has_attribute) attr_[i] = a;
    }
    /// @brief The cell on site i changes to state s at time `entered`; it keeps its attribute.
    void set_state(std::size_t i, std::uint8_t s, float entered) noexcept {
        --counts_[state_[i]];
        state_[i] = s;
        entered_[i] = entered;
        ++counts_[s];
    }
    /// @brief Removes the cell on site i (if any).
    void remove(std::size_t i) noexcept {
        if (state_[i] == empty_site) return;
        --counts_[state_[i]];
        state_[i] = empty_site;
        if constexpr (has_attribute) attr_[i] = Attribute{};
    }
    /// @brief Moves the cell on `from` to the empty site `to` (state, entry time, attribute).
    void move(std::size_t from, std::size_t to) noexcept {
        state_[to] = state_[from];
        entered_[to] = entered_[from];
        state_[from] = empty_site;
        if constexpr (has_attribute) {
            attr_[to] = attr_[from];
            attr_[from] = Attribute{};
        }
    }
    /// @brief The cell on `from` divides into the empty site `to`; the daughter is in the
    /// parent's state, entered at `entered`.
    void divide(std::size_t from, std::size_t to, float entered) noexcept {
        state_[to] = state_[from];
        entered_[to] = entered;
        ++counts_[state_[from]];
        if constexpr (has_attribute) {
            if constexpr (requires(const Attribute& a) { { a.daughter() } -> std::convertible_to<Attribute>; }) {
                attr_[to] = attr_[from].daughter();
            } else {
                attr_[to] = attr_[from];
            }
        }
    }
    /// @brief The attribute of the cell on site i (mutable).
    [[nodiscard]] Attribute& attribute(std::size_t i) noexcept {
        if constexpr (has_attribute) return attr_[i];
        else return none_;
    }
    /// @brief Takes the cells of sites [first, last) out of the counts (sign -1) or puts them
    /// back (+1), around a bulk change of those sites.
    void count_sites(std::size_t first, std::size_t last, int sign) noexcept {
        for (std::size_t i = first; i < last; ++i) {
            if (state_[i] < state_count) counts_[state_[i]] += static_cast<std::size_t>(static_cast<std::ptrdiff_t>(sign));
        }
    }
    /// @brief Recounts the cells per state from the state array (after a bulk change).
    void recount() noexcept {
        counts_.fill(0);
        for (const auto s : state_) {
            if (s != empty_site) ++counts_[s];
        }
    }

    /// @brief The cell arrays as a whole (for restores and rollbacks; keep them consistent and
    /// call recount() after changing them).
    struct cell_arrays {
        std::vector<std::uint8_t>& state;       ///< lineage index per site
        std::vector<float>& entered;            ///< entry time per site
        std::vector<Attribute>& attributes;     ///< attribute per site (empty without one)
    };
    /// @brief The cell arrays as a whole.
    [[nodiscard]] cell_arrays cells_data() noexcept { return {state_, entered_, attr_}; }

    // ------------------------------------------------------------ clock
    /// @brief Sets the clock and step counter (the tissue's step does this).
    void set_clock(double time_d, std::uint64_t steps) noexcept {
        time_ = time_d;
        step_ = steps;
    }
    /// @brief Calls of fill_fraction so far (each draws with its own index).
    [[nodiscard]] std::uint32_t& fill_calls() noexcept { return fill_calls_; }
    /// @brief Calls of fill_fraction so far.
    [[nodiscard]] std::uint32_t fill_calls() const noexcept { return fill_calls_; }

    // ------------------------------------------------------------ enumeration
    /// @brief Calls `f(name, span, lower, upper)` for every per-site array, in a fixed order:
    /// "cells.state", "cells.entered", "cells.attribute" (bytes; when there is one), each
    /// field by its tag's name, then the matrix arrays ("matrix.<name>").
    template <class F>
    void visit_arrays(F&& f) {
        visit_impl(*this, f);
    }
    /// @brief The same, read-only.
    template <class F>
    void visit_arrays(F&& f) const {
        visit_impl(*this, f);
    }

    /// @brief Bytes of per-site state: cells, attribute, fields and matrix arrays.
    [[nodiscard]] static constexpr double bytes_per_site() noexcept {
        double b = 1.0 + 4.0 + (has_attribute ? static_cast<double>(sizeof(Attribute)) : 0.0);
        Fields::for_each([&]<class F>() { b += static_cast<double>(sizeof(value_of<F>)); });
        if constexpr (has_matrix) b += static_cast<double>(matrix_type::array_count * sizeof(typename matrix_type::value_type));
        return b;
    }

private:
    template <class Self, class F>
    static void visit_impl(Self& self, F& f) {
        f(std::string_view("cells.state"), std::span(self.state_), 0.0, 255.0);
        f(std::string_view("cells.entered"), std::span(self.entered_), -1.0e300, 1.0e300);
        if constexpr (has_attribute) {
            using byte = std::conditional_t<std::is_const_v<Self>, const unsigned char, unsigned char>;
            f(std::string_view("cells.attribute"),
              std::span<byte>(reinterpret_cast<byte*>(self.attr_.data()), self.attr_.size() * sizeof(Attribute)), 0.0,
              255.0);
        }
        Fields::for_each([&]<class Tag>() {
            using value = value_of<Tag>;
            f(std::string_view(Tag::name), std::span(std::get<detail::field_index<Tag>(Fields{})>(self.fields_)),
              field_lower<Tag, value>(), field_upper<Tag, value>());
        });
        if constexpr (has_matrix) {
            for (const auto& a : self.matrix_.state_arrays()) f(a.name, a.values, a.lower, a.upper);
        }
    }
    static const Grid& checked(const Grid& g) {
        require_capacity("ossify::lattice_tissue", "a grid of " + format_value(g.size()) + " sites",
                         static_cast<double>(g.size()), bytes_per_site(), detail::physical_memory_bytes());
        return g;
    }
    static matrix_type make_matrix(const Grid& g) {
        if constexpr (has_matrix) return matrix_type(g);
        else return no_matrix{};
    }

    Grid grid_;
    std::vector<std::uint8_t> state_;
    std::vector<float> entered_;
    std::vector<Attribute> attr_;
    typename detail::field_storage<Storage, Fields>::type fields_;
    matrix_type matrix_;
    std::array<std::size_t, state_count> counts_{};
    double time_ = 0.0;
    std::uint64_t step_ = 0;
    std::uint32_t fill_calls_ = 0;
    cell_events events_;
    std::vector<std::uint64_t> fires_;
    [[no_unique_address]] Attribute none_{};
};

/**
 * @brief Options of a lattice tissue that change its types.
 * @tparam Storage double_storage (default) or compact_storage (float matrix and signal fields)
 * @tparam Kinetics the mineralisation kinetics of the bone matrix (ossify::matrix_kinetics),
 *         or no_matrix for a tissue without bone
 * @tparam Attribute a trivially copyable struct kept per cell and moved with it
 */
template <class Storage = double_storage, class Kinetics = mineralisation_kinetics, class Attribute = no_attribute>
struct lattice_options {
    using storage = Storage;      ///< storage policy
    using kinetics = Kinetics;    ///< matrix kinetics
    using attribute = Attribute;  ///< per-cell attribute
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_LATTICE_STATE_HPP
