/// @file
/// @brief The plate's structure, kept each step: which sites lie superficial to the plate (the
/// plate_face field, where the periosteum forms) and which vessels the trabecular bone has
/// crowded into red marrow (source text, Figure 6.4.1 d: "The trabecular bone crowds nearby
/// blood vessels, which eventually condense into red marrow").
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_PLATE_STRUCTURE_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_PLATE_STRUCTURE_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../../tissue/context.hpp"
#include "../../tissue/fields.hpp"
#include "../../units/parameter.hpp"
#include "cells.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/**
 * @brief Process: (1) plate_face: in every line of sites along the plate's normal (the y axis)
 * that holds bone, the sites beyond the outermost bone site on either side are marked 1 (the
 * outside of the plate), all others 0; (2) marrow: a vessel site (a state that blocks matrix)
 * condenses into red marrow, for good, once the share of bone among the other sites within
 * `reach` of it (a box) is at least `crowding`. Owns the plate_face and marrow fields; cells do
 * not move or divide into marrow sites. Run it after the matrix processes.
 */
class plate_structure {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "plate_structure";
    /// @brief Reads the matrix.
    using reads = field_list<bone_matrix>;
    /// @brief Writes the two fields.
    using writes = field_list<plate_face, marrow>;
    /// @brief Brings them to the tissue.
    using owns = field_list<plate_face, marrow>;

    /// @brief Share of bone around a vessel site at which it condenses into marrow.
    parameter<double> crowding{"crowding", 0.5, 0.0, 1.0, "assumed: half of the vessel's surroundings is bone"};
    /// @brief Half-width of the neighbourhood looked at.
    parameter<length> reach{"reach", length::from_value(20.0), length::from_value(0.0), length::from_value(500.0),
                            "assumed: two cell diameters"};

    /// @brief Lists the parameters.
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit(crowding), visit(reach);
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        const auto& s = ctx.shape();
        const auto& matrix = ctx.matrix();
        auto face = ctx.template field_mut<plate_face>();
        for (std::size_t z = 0; z < s.nz; ++z) {
            for (std::size_t x = 0; x < s.nx; ++x) {
                const std::size_t base = x + z * s.sz;
                std::size_t lo = s.ny, hi = 0;
                for (std::size_t y = 0; y < s.ny; ++y) {
                    if (!matrix.is_bone(base + y * s.sy)) continue;
                    lo = std::min(lo, y);
                    hi = y;
                }
                for (std::size_t y = 0; y < s.ny; ++y) {
                    face[base + y * s.sy] = static_cast<std::uint8_t>(lo < s.ny && (y < lo || y > hi) ? 1 : 0);
                }
            }
        }
        constexpr auto vessel = Context::blocking_states();
        const auto states = ctx.states();
        auto m = ctx.template field_mut<marrow>();
        const auto r = static_cast<long>(std::floor(reach.internal() / ctx.grid().spacing_um()));
        const long zr = Context::dimension == 3 ? r : 0;
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (vessel[states[i]] == 0 || m[i] != 0) continue;
            const long x = static_cast<long>(i % s.nx), y = static_cast<long>((i / s.nx) % s.ny), z = static_cast<long>(i / s.sz);
            std::size_t bone = 0, around = 0;
            for (long dz = -zr; dz <= zr; ++dz) {
                for (long dy = -r; dy <= r; ++dy) {
                    for (long dx = -r; dx <= r; ++dx) {
                        const long xx = x + dx, yy = y + dy, zz = z + dz;
                        if ((dx == 0 && dy == 0 && dz == 0) || xx < 0 || yy < 0 || zz < 0 || xx >= static_cast<long>(s.nx) ||
                            yy >= static_cast<long>(s.ny) || zz >= static_cast<long>(s.nz)) {
                            continue;
                        }
                        ++around;
                        bone += matrix.is_bone(static_cast<std::size_t>(xx) + s.sy * static_cast<std::size_t>(yy) +
                                               s.sz * static_cast<std::size_t>(zz))
                                    ? 1u
                                    : 0u;
                    }
                }
            }
            if (around > 0 && static_cast<double>(bone) >= crowding.get() * static_cast<double>(around)) m[i] = 1;
        }
    }
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_PLATE_STRUCTURE_HPP
