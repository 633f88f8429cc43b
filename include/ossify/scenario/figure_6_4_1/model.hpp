/// @file
/// @brief The Figure 6.4.1 model on the open core: its rules (cell fates), its process sequence
/// and the tissue with its initial state (a sheet of mesenchyme, two seed vessels at the lateral
/// boundary, a BMP2 signalling centre), built from figure_6_4_1_parameters.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_MODEL_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_MODEL_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "../../matrix/kinetics.hpp"
#include "../../process/cell_fates.hpp"
#include "../../process/default_processes.hpp"
#include "../../process/diffuse_signals.hpp"
#include "../../process/matrix_mineralisation.hpp"
#include "../../random/seed.hpp"
#include "../../signal/signals.hpp"
#include "../../space/grid.hpp"
#include "../../space/shapes.hpp"
#include "../../tissue/lattice_tissue.hpp"
#include "../../transition/policies.hpp"
#include "../../transition/rule_set.hpp"
#include "../../transition/transition.hpp"
#include "angiogenesis.hpp"
#include "cells.hpp"
#include "parameters.hpp"
#include "plate_structure.hpp"
#include "policies.hpp"
#include "substepped.hpp"
#include "surface_apposition.hpp"
#include "vascular_supply.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief Positions of the rules in the rule set (for the fate census from rule fires).
enum rule_index : std::size_t {
    commitment = 0,                ///< mesenchymal -> osteogenic (BMP2)
    differentiation = 1,           ///< osteogenic -> osteoblast (after a delay, where oxygenated)
    progenitor_division = 2,       ///< osteogenic divides
    burial = 3,                    ///< osteoblast -> osteocyte (buried while laying matrix)
    apoptosis = 4,                 ///< osteoblast dies
    lining = 5,                    ///< osteoblast -> lining cell
    to_periosteum = 6,             ///< osteoblast -> periosteal (on the plate's outer surface)
    progenitor_to_periosteum = 7,  ///< osteogenic -> periosteal (on the plate's outer surface)
    periosteal_burial = 8,         ///< periosteal -> osteocyte
    periosteal_apoptosis = 9,      ///< periosteal cell dies
    periosteal_lining = 10,        ///< periosteal -> lining cell
    periosteal_division = 11       ///< periosteal cell divides on the outer surface
};

/// @brief 1 for the states an advancing bone-forming cell pushes aside when they sit on a site
/// that is not (yet) bone: soft-tissue cells, lining cells, and other bone-forming cells (cells of
/// the surface layer slide past each other).
[[nodiscard]] constexpr std::array<std::uint8_t, 256> soft_states() noexcept {
    std::array<std::uint8_t, 256> s{};
    s[cell_lineage::index_of<mesenchymal>] = 1;
    s[cell_lineage::index_of<osteogenic>] = 1;
    s[cell_lineage::index_of<lining_cell>] = 1;
    s[cell_lineage::index_of<osteoblast>] = 1;
    s[cell_lineage::index_of<periosteal>] = 1;
    return s;
}

/// @brief 1 for the bone-forming states (osteoblasts and periosteal cells).
[[nodiscard]] constexpr std::array<std::uint8_t, 256> forming_states() noexcept {
    std::array<std::uint8_t, 256> s{};
    s[cell_lineage::index_of<osteoblast>] = 1;
    s[cell_lineage::index_of<periosteal>] = 1;
    return s;
}

/// @brief The rules of the scenario (positions as in rule_index).
[[nodiscard]] inline auto make_rules(const figure_6_4_1_parameters& p) {
    const double inf = std::numeric_limits<double>::infinity();
    const double hypoxic = p.hypoxic_distance().value();
    return rule_set<cell_lineage>(
        // (a) BMP2 (the signalling centre, then the osteoblasts) commits mesenchyme to bone.
        transition<mesenchymal, osteogenic>(hill<bmp2>(p.bmp2_half_max, 2.0, p.commitment_rate)),
        // Osteoprogenitors become osteoblasts after a delay, where capillaries bring oxygen.
        transition<osteogenic, osteoblast>(after(p.osteoblast_delay) && oxygenated{hypoxic, inf} &&
                                           on_bone_surface{p.osteoblast_rate.internal(), p.nucleation_rate.internal(), forming_states()}),
        proliferation<osteogenic>(hazard(p.osteogenic_proliferation)),
        // (b) Burial from the surface (Buenzli 2015), apoptosis, lining: the three exits of an
        // active osteoblast (Franz-Odendaal et al. 2006; Jilka et al. 1998), each while it lays
        // matrix; one that has no room left to advance into becomes a lining cell.
        transition<osteoblast, osteocyte>(laying_matrix{p.osteoblast_burial_rate.internal(), false}),
        death<osteoblast>(laying_matrix{p.osteoblast_apoptosis_rate.internal(), false}),
        transition<osteoblast, lining_cell>(laying_matrix{p.osteoblast_lining_rate.internal(), false} ||
                                            without_room{p.quiescence_rate.internal(), soft_states()}),
        // (c) Osteoblasts on the outer surface of the plate become the periosteum, and so do the
        // osteoprogenitors there (its cambial layer) ...
        transition<osteoblast, periosteal>(on_plate_surface{p.periosteum_rate.internal()}),
        transition<osteogenic, periosteal>(on_plate_surface{p.periosteum_rate.internal()}),
        // (d) ... which lays compact bone and spreads over the surface; its cells have the same
        // three exits at their own apposition rate while they lay bone (the cells of its outer
        // layers, off the bone, are its progenitors).
        transition<periosteal, osteocyte>(laying_matrix{p.periosteal_burial_rate.internal(), true}),
        death<periosteal>(laying_matrix{p.periosteal_apoptosis_rate.internal(), true}),
        transition<periosteal, lining_cell>(laying_matrix{p.periosteal_lining_rate.internal(), true} ||
                                            without_room{p.quiescence_rate.internal(), soft_states()}),
        proliferation<periosteal>(on_plate_surface{p.periosteal_proliferation.internal()}));
}

/// @brief The VEGF reaction term: hypoxic mesenchymal, osteogenic and bone-forming cells.
[[nodiscard]] inline hypoxic_vegf make_hypoxic_vegf(const figure_6_4_1_parameters& p) {
    hypoxic_vegf v{p.hypoxic_distance().value(), p.vegf_secretion.internal(), {}};
    v.responsive[cell_lineage::index_of<mesenchymal>] = 1;
    v.responsive[cell_lineage::index_of<osteogenic>] = 1;
    v.responsive[cell_lineage::index_of<osteoblast>] = 1;
    v.responsive[cell_lineage::index_of<periosteal>] = 1;
    return v;
}

/// @brief The process sequence of one step, in order: VEGF and BMP2 (with the hypoxia
/// response; in sub-steps of at most 30 min), angiogenesis, cell fates, apposition, mineralisation, the plate's structure, the
/// capillary distances for the next step.
[[nodiscard]] inline auto make_processes(const figure_6_4_1_parameters& p) {
    return processes(substepped(diffuse_signals{reaction<vegf>(make_hypoxic_vegf(p))}), sprouting_angiogenesis<vegf>{}, cell_fates{},
                     surface_apposition{}, matrix_mineralisation{}, plate_structure{}, vascular_supply{});
}

/// @brief The tissue type of the scenario on a Dim-dimensional grid.
template <std::size_t Dim>
using tissue_type = basic_lattice_tissue<decltype(make_rules(figure_6_4_1_parameters{})), basic_grid<Dim>, signals<bmp2, vegf>,
                                         decltype(make_processes(figure_6_4_1_parameters{})),
                                         lattice_options<double_storage, mineralisation_kinetics, vessel_cell>>;

/// @brief Rows (y) of the sheet of mesenchyme: [lo, hi], centred on the grid's middle row.
[[nodiscard]] inline std::array<std::int32_t, 2> sheet_rows(const figure_6_4_1_parameters& p, std::int32_t ny, double spacing_um) {
    const auto half = static_cast<std::int32_t>(std::lround(0.5 * p.sheet_thickness.internal() / spacing_um));
    const std::int32_t mid = ny / 2;
    return {std::max(1, mid - half), std::min(ny - 2, mid + half - 1)};
}

/**
 * @brief The scenario's tissue with its initial state: mesenchyme over the sheet at
 * `mesenchyme_density`; two seed vessels at the lateral boundary (x = 0 and x = nx - 1: in 2-D
 * across the sheet's thickness, in 3-D along z in the sheet's middle row); the BMP2 signalling
 * centre (a disc or ball of `centre_radius` in the middle); the processes configured from `p`.
 */
template <std::size_t Dim>
[[nodiscard]] tissue_type<Dim> make_tissue(const figure_6_4_1_parameters& p, const basic_grid<Dim>& grid, seed s) {
    tissue_type<Dim> t(make_rules(p), grid, signals<bmp2, vegf>{}, s, make_processes(p),
                       lattice_options<double_storage, mineralisation_kinetics, vessel_cell>{});
    const double h = grid.spacing_um();
    const auto rows = sheet_rows(p, grid.extent(1), h);
    site<Dim> lo{}, hi{}, centre{};
    for (std::size_t a = 0; a < Dim; ++a) {
        hi[a] = grid.extent(a) - 1;
        centre[a] = grid.extent(a) / 2;
    }
    lo[1] = rows[0];
    hi[1] = rows[1];
    t.fill_fraction(box<Dim>(lo, hi), mesenchymal{}, p.mesenchyme_density.get());
    const vessel_cell stalk{static_cast<std::uint8_t>(vessel_role::stalk), 0xff, 0, 0, 0};
    for (const std::int32_t x : {0, grid.extent(0) - 1}) {
        if constexpr (Dim == 2) {
            for (std::int32_t y = rows[0]; y <= rows[1]; ++y) t.place(site<2>{x, y}, endothelial{}, stalk);
        } else {
            for (std::int32_t z = 0; z < grid.extent(2); ++z) t.place(site<3>{x, centre[1], z}, endothelial{}, stalk);
        }
    }
    t.template process<substepped>().max_step = p.signal_substep.get();
    auto& d = t.template process<substepped>().inner;
    d.template add_source<bmp2>(basic_sphere<Dim>(centre, p.centre_radius), p.centre_bmp2_secretion);
    d.template secretion<osteoblast, bmp2>(p.osteoblast_bmp2_secretion);
    d.template uptake<endothelial, vegf>(p.vegf_uptake);
    d.template decay_of<vegf>(p.vegf_decay);
    auto& a = t.template process<sprouting_angiogenesis<vegf>>();
    a.tip_threshold = p.tip_threshold.get();
    a.tip_speed = p.tip_speed.get();
    a.branch_min = p.branch_length_min.get();
    a.branch_max = p.branch_length_max.get();
    a.sprouting_rate = p.sprouting_rate.get();
    a.bias = p.chemotactic_bias.get();
    a.persistence = p.persistence.get();
    a.inhibition_radius = p.tip_inhibition_radius.get();
    a.displaceable.template set<mesenchymal>(true).template set<osteogenic>(true);
    auto& ap = t.template process<surface_apposition>();
    ap.apposition.template set<osteoblast>(p.trabecular_apposition);
    ap.apposition.template set<osteocyte>(p.trabecular_apposition);  // osteoid-osteocytes finish their lacuna
    ap.apposition.template set<periosteal>(p.periosteal_apposition);
    ap.climbs.template set<osteoblast>(true).template set<periosteal>(true);
    ap.on_surface_only.template set<periosteal>(true);
    ap.displaceable.template set<mesenchymal>(true).template set<osteogenic>(true).template set<lining_cell>(true);
    ap.displaceable.template set<osteoblast>(true).template set<periosteal>(true);
    ap.source.template set<osteoblast>(static_cast<int>(bone_source::woven))
        .template set<osteocyte>(static_cast<int>(bone_source::woven))
        .template set<periosteal>(static_cast<int>(bone_source::periosteal));
    t.template process<plate_structure>().crowding = p.marrow_crowding.get();
    const auto woven = mineralisation_kinetics::woven_bone();
    t.edit_matrix().kinetics() = mineralisation_kinetics(p.mineralisation_lag(), woven.primary_rate(), woven.primary_fraction(),
                                                         woven.secondary_rate());
    // The capillary distances of the initial vessels, for the first step's policies.
    t.template process<vascular_supply>().fill(shape_of(grid), h, t.states(), blocking_states<cell_lineage>(),
                                               t.template edit_field<capillary_distance>());
    return t;
}

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_MODEL_HPP
