/// @file
/// @brief `cells_of(tissue)`: a read-only range-v3 view over the cells of a lattice tissue (site,
/// state, time in state), and `cell_at(tissue, site)`, a cell as a value of its state type.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_CELLS_VIEW_HPP
#define OSSIFY_TISSUE_CELLS_VIEW_HPP

#include <cstddef>
#include <optional>

#include <range/v3/view/filter.hpp>
#include <range/v3/view/iota.hpp>
#include <range/v3/view/transform.hpp>

#include "../units/quantities.hpp"
#include "lattice_state.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief One cell of a lattice tissue, as seen through `cells_of(tissue)`.
struct lattice_cell {
    /// @brief Linear index of the site.
    std::size_t site;
    /// @brief Lineage index of the cell's state.
    std::size_t state;
    /// @brief Time the cell has spent in its state.
    duration time_in_state;
};

/// @brief A read-only view over the cells of a lattice tissue, in site order; the tissue must
/// outlive the view and not step while it is used. (Not named `cells`: that is the pseudo-field
/// tag a process declares in its `writes`, ossify::cells.)
template <class Tissue>
[[nodiscard]] auto cells_of(const Tissue& t) {
    const auto states = t.states();
    const auto entered = t.entry_times();
    const double now = t.time().value();
    return ranges::views::iota(std::size_t{0}, states.size()) |
           ranges::views::filter([states](std::size_t i) { return states[i] != empty_site; }) |
           ranges::views::transform([states, entered, now](std::size_t i) {
               return lattice_cell{i, states[i], duration::from_value(now - static_cast<double>(entered[i]))};
           });
}

/// @brief The cell on a site as a value of its state type (with its time in state), or nothing.
template <class Tissue>
[[nodiscard]] std::optional<typename Tissue::lineage_type::any_state> cell_at(const Tissue& t,
                                                                              const typename Tissue::grid_type::site_type& where) {
    const auto s = t.state_at(where);
    std::optional<typename Tissue::lineage_type::any_state> out;
    if (!s) return out;
    const auto i = t.grid().index(where);
    Tissue::lineage_type::visit(*s, [&]<class S>() {
        S value{};
        if constexpr (requires { value.time_in_state; }) {
            value.time_in_state = duration::from_value(t.time().value() - static_cast<double>(t.entry_times()[i]));
        }
        out.emplace(value);
    });
    return out;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_CELLS_VIEW_HPP
