/// @file
/// @brief What a transition policy sees of a lattice site: signals and other fields, the
/// entrapment in mineral, the local cell density, the outer bone surface, the cell's attribute.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_LATTICE_ENVIRONMENT_HPP
#define OSSIFY_TISSUE_LATTICE_ENVIRONMENT_HPP

#include <cstddef>
#include <type_traits>

#include "../space/neighbourhood.hpp"
#include "../units/quantities.hpp"
#include "fields.hpp"
#include "lattice_state.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The environment of one lattice site, handed to policies through `cell_context`
 * (`ctx.environment()`). Read-only; everything it reports is the state at the start of the
 * step's cell phase, so a policy's answer does not depend on the order in which cells are
 * visited. Reading a field the tissue does not carry is a compile error.
 * @tparam State the tissue's basic_lattice_state
 */
template <class State>
class lattice_environment {
public:
    /// @brief The environment of site `site` of `state`.
    constexpr lattice_environment(const State& state, std::size_t site) noexcept : state_(&state), site_(site) {}

    /// @brief Local concentration of Signal.
    template <class Signal>
    [[nodiscard]] concentration signal() const noexcept {
        static_assert(State::template has<Signal>,
                      "ossify::lattice_tissue: a policy reads a signal that the tissue does not carry: add it to "
                      "signals<...> of the tissue");
        return concentration::from_value(static_cast<double>(state_->template field<Signal>()[site_]));
    }
    /// @brief The value of field F on the site.
    template <class F>
    [[nodiscard]] auto field() const noexcept {
        return state_->template field<F>()[site_];
    }
    /// @brief The value of field F on any site j (for policies that look around the cell).
    template <class F>
    [[nodiscard]] auto field_at(std::size_t j) const noexcept {
        return state_->template field<F>()[j];
    }
    /// @brief Mineralised fraction of the Moore neighbourhood, in [0, 1].
    [[nodiscard]] double entrapment() const noexcept {
        static_assert(State::has_matrix, "ossify::lattice_tissue: entrapped() reads the bone matrix, which this "
                                         "tissue does not have (its kinetics is no_matrix)");
        return state_->matrix().entrapment_unchecked(site_);
    }
    /// @brief Occupied fraction of the von Neumann neighbourhood, in [0, 1].
    [[nodiscard]] double local_density() const noexcept {
        const auto& g = state_->grid();
        const auto c = g.coords(site_);
        const auto s = state_->states();
        std::size_t on = 0, occupied = 0;
        for (const auto& o : von_neumann<State::grid_type::dimension>::offsets) {
            auto n = c;
            for (std::size_t a = 0; a < State::grid_type::dimension; ++a) n[a] += o[a];
            if (!g.contains(n)) continue;
            ++on;
            occupied += s[g.index(n)] != empty_site ? 1u : 0u;
        }
        return on == 0 ? 0.0 : static_cast<double>(occupied) / static_cast<double>(on);
    }
    /// @brief 1 when the site borders bone and lies in the region connected to the tissue's
    /// outside (the outer bone surface), else 0 (the outer_surface field, kept by the structure
    /// process).
    [[nodiscard]] double outer_surface() const noexcept {
        static_assert(State::template has<ossify::outer_surface>,
                      "ossify::lattice_tissue: on_outer_surface() reads the outer_surface field, which the "
                      "structure_remodelling process brings: add that process to the tissue");
        return state_->template field<ossify::outer_surface>()[site_] != 0 ? 1.0 : 0.0;
    }
    /// @brief The cell's per-cell attribute.
    [[nodiscard]] const typename State::attribute_type& attribute() const noexcept { return state_->attribute(site_); }
    /// @brief The bone matrix (read-only), for policies that look at it around the cell.
    [[nodiscard]] const typename State::matrix_type& matrix() const noexcept { return state_->matrix(); }
    /// @brief The lineage index of the cell on site j (empty_site where none).
    [[nodiscard]] std::uint8_t state_at(std::size_t j) const noexcept { return state_->states()[j]; }
    /// @brief The grid.
    [[nodiscard]] const typename State::grid_type& grid() const noexcept { return state_->grid(); }
    /// @brief The site's linear index.
    [[nodiscard]] std::size_t site() const noexcept { return site_; }
    /// @brief The site's coordinates.
    [[nodiscard]] auto coords() const noexcept { return state_->grid().coords(site_); }

private:
    const State* state_;
    std::size_t site_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_LATTICE_ENVIRONMENT_HPP
