/// @file
/// @brief The Figure 6.4.1 scenario's own cell state (the bone lining cell), its per-cell
/// attribute (the role of an endothelial cell in a growing vessel) and its fields (distance to
/// the nearest capillary, where bone came from, the plate's superficial side). All are user
/// extensions of the open core: a state, an attribute and field tags.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_CELLS_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_CELLS_HPP

#include <cstdint>
#include <string_view>

#include "../../cell/lineage.hpp"
#include "../../cell/states.hpp"
#include "../../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief A bone lining cell: an osteoblast that has stopped forming bone and stays, flat and
/// quiescent, on the bone surface (Franz-Odendaal et al. 2006: the osteoblasts that neither
/// die nor become osteocytes). It lays no matrix.
struct lining_cell {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "lining_cell";
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const lining_cell&, const lining_cell&) = default;
};

/// @brief The cell states of the scenario, in lineage order.
using cell_lineage = lineage<mesenchymal, osteogenic, osteoblast, osteocyte, endothelial, periosteal, lining_cell>;

/// @brief Role of an endothelial cell in a vessel (stored in vessel_cell::role).
enum class vessel_role : std::uint8_t {
    none = 0,   ///< not an endothelial cell (or a vessel cell that has not been tagged)
    stalk = 1,  ///< a stalk (or quiescent phalanx) cell: part of a vessel, follows the tip
    tip = 2     ///< a tip cell: leads a sprout up the VEGF gradient (Gerhardt et al. 2003, K)
};

/// @brief The per-cell attribute of the scenario: for endothelial cells, their role in the
/// vessel, the direction of the last step of a tip, and how far the sprout has grown since it
/// last branched (sites) against the length at which it branches next (Dazzi et al. 2023).
/// Each sprout carries an identifier so that a tip fuses with other sprouts, not its own trail.
/// Other cells carry it unused (all zero). Six bytes, trivially copyable.
struct vessel_cell {
    /// @brief vessel_role as a byte.
    std::uint8_t role = 0;
    /// @brief Face-neighbour index (0..5 in the order x-, x+, y-, y+, z-, z+) of the last step
    /// of a tip; 0xff: none yet.
    std::uint8_t heading = 0xff;
    /// @brief Sites grown since the sprout last branched (saturates at 255).
    std::uint8_t run = 0;
    /// @brief Sites after which this sprout branches next (drawn when it starts or branches).
    std::uint8_t branch_at = 0;
    /// @brief Identifier of the sprout (drawn when it starts; 0: a seed vessel).
    std::uint16_t sprout = 0;
    /// @brief The role as an enumeration.
    [[nodiscard]] constexpr vessel_role role_of() const noexcept { return static_cast<vessel_role>(role); }
    /// @brief True for a tip cell.
    [[nodiscard]] constexpr bool is_tip() const noexcept { return role == static_cast<std::uint8_t>(vessel_role::tip); }
};

/// @brief Field: distance from the site's centre to the centre of the nearest capillary site
/// (an endothelial cell), in um; kept by the vascular_supply process. Read by the hypoxia
/// response (VEGF) and the oxygen gate of osteoblast differentiation.
struct capillary_distance {
    /// @brief Name in output.
    static constexpr std::string_view name = "capillary_distance_um";
    /// @brief Micrometres (single precision: one value per site).
    using value_type = float;
    /// @brief Allowed range (um; the largest value stands for "no capillary at all").
    static constexpr double lower = 0.0, upper = 1.0e9;
};

/// @brief What laid the matrix of a site (the first depositor), kept by surface_apposition:
/// woven bone of the ossification centre and the trabeculae, or periosteal (compact) bone.
enum class bone_source : std::uint8_t {
    none = 0,        ///< no matrix yet
    woven = 1,       ///< laid by osteoblasts (and completed by their osteocytes)
    periosteal = 2   ///< laid by periosteal cells: the compact layer
};

/// @brief Field: the bone_source of each site's matrix (the state that laid it first).
struct bone_origin {
    /// @brief Name in output.
    static constexpr std::string_view name = "bone_origin";
    /// @brief One byte per site (bone_source).
    using value_type = std::uint8_t;
    /// @brief Allowed values [0, 2].
    static constexpr double lower = 0.0, upper = 2.0;
};

/// @brief Field: 1 on sites superficial to the plate: in a column (a line along the plate's
/// normal) that holds bone, beyond its outermost bone site on either side; kept by the
/// plate_structure process. A cell there with a bone face neighbour sits on the outer surface of
/// the plate, where the periosteum forms (source text, Figure 6.4.1 c).
struct plate_face {
    /// @brief Name in output.
    static constexpr std::string_view name = "plate_face";
    /// @brief One byte per site, 0 or 1.
    using value_type = std::uint8_t;
    /// @brief Allowed values [0, 1].
    static constexpr double lower = 0.0, upper = 1.0;
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_CELLS_HPP
