/// @file
/// @brief Oxygen supply by the capillaries: the vascular_supply process keeps the distance from
/// every site to the nearest capillary (exact Euclidean distance transform), and the hypoxia
/// response reads it: cells beyond the hypoxic distance of oxygen transport (Krogh 1919, with
/// the parameters of figure_6_4_1_parameters::hypoxic_distance) secrete VEGF (a reaction term
/// of the diffusion process), and osteoprogenitors there do not become osteoblasts.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_VASCULAR_SUPPLY_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_VASCULAR_SUPPLY_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../../tissue/context.hpp"
#include "../../transition/concepts.hpp"
#include "../../units/quantities.hpp"
#include "cells.hpp"
#include "distance.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/**
 * @brief Process: writes the capillary_distance field, the distance (um) from every site to the
 * nearest site holding a cell of a vessel state (every state that blocks matrix: endothelial
 * cells, also where they have condensed into marrow). Exact (Felzenszwalb & Huttenlocher 2012);
 * linear in the number of sites. Run it last in a step, so that the next step's processes see
 * the vessels as they are.
 */
class vascular_supply {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "vascular_supply";
    /// @brief Writes the distance field (cells are read, as by every process).
    using writes = field_list<capillary_distance>;
    /// @brief Brings the distance field to the tissue.
    using owns = field_list<capillary_distance>;

    /// @brief Sizes the buffers so that the step allocates nothing.
    template <class Context>
    void prepare(const Context&, duration) {}
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        constexpr auto vessel = Context::blocking_states();
        const auto s = ctx.states();
        fill(ctx.shape(), ctx.grid().spacing_um(), s, vessel, ctx.template field_mut<capillary_distance>());
    }
    /// @brief Writes into `out` the distance (um) from every site to the nearest site whose state
    /// byte is marked in `vessel` (for the initial field, before the first step).
    template <class States, class Out>
    void fill(const lattice_shape& shape, double spacing_um, const States& states, const std::array<std::uint8_t, 256>& vessel,
              Out&& out) {
        // The distances change only when the vessels do (most steps once the network stands).
        bool same = mask_.size() == states.size();
        if (!same) mask_.assign(states.size(), 0);
        for (std::size_t i = 0; i < states.size(); ++i) {
            const auto v = vessel[states[i]];
            same = same && mask_[i] == v;
            mask_[i] = v;
        }
        if (same && valid_) return;
        const auto& d2 = edt_.squared(shape, mask_);
        for (std::size_t i = 0; i < states.size(); ++i) {
            out[i] = d2[i] >= no_site_distance2 ? 1.0e9f : static_cast<float>(std::sqrt(d2[i]) * spacing_um);
        }
        valid_ = true;
    }
    /// @brief Forgets the cached vessel mask (after a checkpoint is restored).
    void reset() noexcept { valid_ = false; }

private:
    std::vector<std::uint8_t> mask_;
    distance_transform edt_;
    bool valid_ = false;
};

/**
 * @brief Reaction term of VEGF (for diffuse_signals: `reaction<vegf>(hypoxic_vegf{...})`):
 * every cell of a hypoxia-responsive state farther than `hypoxic_um` from the nearest capillary
 * secretes VEGF at `secretion_nM_per_d` (HIF-1a: hypoxic mesenchyme and bone cells call
 * vessels in; the VEGF transport model's 0.1 molecule/cell/s, BMC Syst Biol 2008).
 */
struct hypoxic_vegf {
    /// @brief Distance from a capillary beyond which cells are hypoxic (um).
    double hypoxic_um;
    /// @brief Secretion of a hypoxic cell (nM/d).
    double secretion_nM_per_d;
    /// @brief 1 for lineage indices of responsive states (256 entries).
    std::array<std::uint8_t, 256> responsive{};
    /// @brief Adds the secretion of a hypoxic responsive cell to the site's source.
    template <class Site>
    void operator()(const Site& site, double& source, double&) const {
        if (responsive[site.cell()] != 0 && site.template field<capillary_distance>() > hypoxic_um) {
            source += secretion_nM_per_d;
        }
    }
};

/**
 * @brief Policy (transition_policy): hazard `per_day` while the cell lies within
 * `hypoxic_um` of a capillary (enough oxygen; osteoblast differentiation needs it), else 0.
 * Combine: `after(2.0_d) && hazard(k) && oxygenated{...}`.
 */
struct oxygenated {
    /// @brief Validated by the scenario: never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Distance from a capillary beyond which cells are hypoxic (um).
    double hypoxic_um;
    /// @brief Hazard where oxygenated (1/d; +infinity allowed).
    double per_day;
    /// @brief The hazard.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        if constexpr (requires { ctx.environment().template field<capillary_distance>(); }) {
            return rate::from_value(ctx.environment().template field<capillary_distance>() <= hypoxic_um ? per_day : 0.0);
        } else {
            return rate::from_value(0.0);
        }
    }
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_VASCULAR_SUPPLY_HPP
