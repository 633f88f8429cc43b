/// @file
/// @brief Transition policies of the Figure 6.4.1 scenario that read the bone around a cell: is
/// it laying matrix (burial from the surface), is it on a bone surface (recruitment of new
/// osteoblasts), is it on the plate's outer surface (the periosteum), has it room left to form
/// bone (the end of formation). Each is a transition_policy a user could have written.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_POLICIES_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_POLICIES_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include "../../tissue/lattice_state.hpp"
#include "../../units/quantities.hpp"
#include "cells.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief Calls f(j) for each on-grid face neighbour j of the environment's site.
template <class Env, class F>
void for_each_face_site(const Env& env, F&& f) {
    const auto& g = env.grid();
    const auto c = env.coords();
    for (std::size_t a = 0; a < c.size(); ++a) {
        for (const int step : {-1, 1}) {
            auto n = c;
            n[a] += step;
            if (g.contains(n)) f(g.index(n));
        }
    }
}

/// @brief True when a face neighbour of the environment's site is bone.
template <class Env>
[[nodiscard]] bool touches_bone(const Env& env) {
    bool any = false;
    for_each_face_site(env, [&](std::size_t j) { any = any || env.matrix().is_bone(j); });
    return any;
}

/**
 * @brief Policy (transition_policy): hazard `per_day` while the cell is laying matrix (its site
 * is not full, and, when `on_surface_only`, its site holds matrix or lies on the plate's outer
 * surface: a plate_face site with a bone face neighbour), else 0. With a
 * transition to the osteocyte state this is burial from the surface (Buenzli 2015): it does not
 * depend on how many cells are around.
 */
struct laying_matrix {
    /// @brief Validated by the scenario: never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Hazard while laying matrix (1/d).
    double per_day;
    /// @brief Lays matrix only on matrix or on the plate's outer surface (periosteal cells).
    bool on_surface_only = false;
    /// @brief The hazard.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        if constexpr (requires { ctx.environment().matrix(); }) {
            const auto& env = ctx.environment();
            const double m = env.matrix().matrix_fraction(env.site());
            if (m >= 1.0) return rate::from_value(0.0);
            if (on_surface_only && !(m > 0.0) && (env.template field<plate_face>() == 0 || !touches_bone(env))) {
                return rate::from_value(0.0);
            }
            return rate::from_value(per_day);
        } else {
            return rate::from_value(0.0);
        }
    }
};

/**
 * @brief Policy (transition_policy): hazard `per_day` once the cell has filled its site and no
 * face neighbour is left that it could advance into (free, or held by a cell of a state marked
 * in `soft`, and not bone): its formation has ended for want of room.
 */
struct without_room {
    /// @brief Validated by the scenario: never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Hazard once formation has ended (1/d).
    double per_day;
    /// @brief 1 for lineage indices of soft states (pushed aside by an advancing cell).
    std::array<std::uint8_t, 256> soft{};
    /// @brief The hazard.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        if constexpr (requires { ctx.environment().matrix(); }) {
            const auto& env = ctx.environment();
            if (env.matrix().matrix_fraction(env.site()) < 1.0) return rate::from_value(0.0);
            bool room = false;
            for_each_face_site(env, [&](std::size_t j) {
                const auto s = env.state_at(j);
                room = room || ((s == empty_site || soft[s] != 0) && !env.matrix().is_bone(j));
            });
            return rate::from_value(room ? 0.0 : per_day);
        } else {
            return rate::from_value(0.0);
        }
    }
};

/**
 * @brief Policy (transition_policy): hazard `on_surface_per_day` for a cell next to bone (an
 * osteoprogenitor recruited onto a bone surface: "osteogenic cells in the surrounding connective
 * tissue differentiate into new osteoblasts", source text), `elsewhere_per_day` away from bone
 * (new centres of ossification); 0 while a face neighbour is a bone-forming cell (a state marked
 * in `forming`): osteoblasts form a single layer, new ones fill its gaps (lateral inhibition of
 * differentiation within the layer, assumed).
 */
struct on_bone_surface {
    /// @brief Validated by the scenario: never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Hazard next to bone (1/d).
    double on_surface_per_day;
    /// @brief Hazard away from bone (1/d).
    double elsewhere_per_day;
    /// @brief 1 for lineage indices of bone-forming states.
    std::array<std::uint8_t, 256> forming{};
    /// @brief The hazard.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        if constexpr (requires { ctx.environment().matrix(); }) {
            const auto& env = ctx.environment();
            bool bone = false, layer = false;
            for_each_face_site(env, [&](std::size_t j) {
                bone = bone || env.matrix().is_bone(j);
                layer = layer || forming[env.state_at(j)] != 0;
            });
            return rate::from_value(layer ? 0.0 : bone ? on_surface_per_day : elsewhere_per_day);
        } else {
            return rate::from_value(0.0);
        }
    }
};

/**
 * @brief Policy (transition_policy): hazard `per_day` while the cell sits on the outer surface
 * of the plate (a plate_face site with a bone face neighbour), else 0: where osteoblasts become
 * the periosteum and the periosteum spreads (source text, Figure 6.4.1 c, d).
 */
struct on_plate_surface {
    /// @brief Validated by the scenario: never NaN or negative.
    static constexpr bool never_fails = true;
    /// @brief Hazard on the plate's outer surface (1/d).
    double per_day;
    /// @brief The hazard.
    template <class Context>
    [[nodiscard]] rate hazard(const Context& ctx) const {
        if constexpr (requires { ctx.environment().template field<plate_face>(); }) {
            const auto& env = ctx.environment();
            return rate::from_value(env.template field<plate_face>() != 0 && touches_bone(env) ? per_day : 0.0);
        } else {
            return rate::from_value(0.0);
        }
    }
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_POLICIES_HPP
