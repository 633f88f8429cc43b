/// @file
/// @brief Appositional bone formation by cells on a surface, and burial from the surface
/// (Buenzli 2015, J Theor Biol; arXiv 1403.2526): each bone-forming cell lays matrix under
/// itself, into its own site, at its apposition rate; when the site is full it steps onto a free
/// neighbouring site (it stays on the surface it builds). While it lays matrix it is buried with
/// a constant hazard (the `laying_matrix` policy), so the density of osteocytes left behind the
/// surface is the burial rate over the volume one cell lays per day, whatever the crowding:
/// rho = burial rate / (apposition rate x h^2) on a lattice of spacing h.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_SURFACE_APPOSITION_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_SURFACE_APPOSITION_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "../../cell/per_state.hpp"
#include "../../error.hpp"
#include "../../process/claims.hpp"
#include "../../random/purpose.hpp"
#include "../../space/shape.hpp"
#include "../../tissue/context.hpp"
#include "../../units/quantities.hpp"
#include "cells.hpp"
#include "displacement.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief Draws of surface_apposition: which site a cell steps onto (0), its claim's priority
/// (1), where a soft cell it pushes goes and that claim's priority (2, 3).
struct apposition_draws : random::draw_purpose<random::purpose::user + 642, 0, 4> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "surface apposition";
};

/**
 * @brief Process: cells of a depositing state (apposition rate v) lay v dt / h of a site of
 * matrix into their own site until it is full; cells of a `climbs` state then step onto a face
 * neighbour that is free or held by a cell of a `displaceable` state (pushed to the nearest free
 * site within two sites: the bone surface advances into the soft tissue), drawn with weight
 * (bone face neighbours of the site)^2 so that the surface fills its hollows first and stays
 * compact; a cell hemmed in by bone and bone cells crawls to the nearest such site within two
 * sites that touches bone. Claims are settled by random priority. States marked
 * `on_surface_only` lay matrix only where their site already holds matrix or lies on the plate's
 * outer surface (a plate_face site with a bone face neighbour: periosteal apposition). The first depositor's `source` tag
 * (bone_source) is written into the bone_origin field.
 * ```cpp
 * auto& a = tissue.process<fig641::surface_apposition>();
 * a.apposition.set<osteoblast>(2.1_um_per_d);  a.climbs.set<osteoblast>(true);  a.source.set<osteoblast>(1);
 * ```
 */
class surface_apposition {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "surface_apposition";
    /// @brief Reads the matrix (writes below) and the plate's outer side.
    using reads = field_list<bone_matrix, plate_face>;
    /// @brief Lays matrix, tags its origin, moves cells.
    using writes = field_list<bone_matrix, bone_origin, cells>;
    /// @brief Brings the origin field.
    using owns = field_list<bone_origin>;
    /// @brief Its random purpose.
    using purposes = random::purpose_list<apposition_draws>;

    /// @brief Apposition rate per state.
    per_state<velocity> apposition{"apposition", velocity::from_value(0.0), velocity::from_value(0.0),
                                   velocity::from_value(1.0e4), "set by the model (0: lays no matrix)"};
    /// @brief States whose cells step onto a free neighbour once their site is full.
    per_state<bool> climbs{"climbs", false, false, true, "set by the model"};
    /// @brief States that lay matrix only on existing matrix or on the plate's outer surface.
    per_state<bool> on_surface_only{"on_surface_only", false, false, true, "set by the model"};
    /// @brief bone_source tag (0 none, 1 woven, 2 periosteal) of the matrix each state lays.
    per_state<int> source{"source", 0, 0, 2, "set by the model"};
    /// @brief States whose cells an advancing bone-forming cell pushes aside (soft tissue).
    per_state<bool> displaceable{"displaceable", false, false, true, "set by the model"};

    /// @brief Binds the per-state tables to the tissue's lineage.
    template <class Grid>
    void bind(const lineage_info& info, const Grid&) {
        apposition.bind(info), climbs.bind(info), on_surface_only.bind(info), source.bind(info), displaceable.bind(info);
    }
    /// @brief Lists the parameters.
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit("", apposition), visit("", climbs), visit("", on_surface_only), visit("", source), visit("", displaceable);
    }
    /// @brief Checks that each deposit is finite; sizes the buffers.
    template <class Context>
    void prepare(const Context& ctx, duration dt) {
        const double h = ctx.grid().spacing_um();
        for (std::size_t s = 0; s < Context::state_count; ++s) {
            share_[s] = apposition.internal(s) * dt.value() / h;
            if (!std::isfinite(share_[s])) {
                throw invalid_parameter("ossify::fig641::surface_apposition", "apposition * dt",
                                        format_value(apposition.internal(s) * dt.value()) + " um", "finite");
            }
            climb_[s] = climbs.internal(s) != 0.0 ? 1 : 0;
            surface_only_[s] = on_surface_only.internal(s) != 0.0 ? 1 : 0;
            tag_[s] = static_cast<std::uint8_t>(source.internal(s));
            soft_[s] = displaceable.internal(s) != 0.0 ? 1 : 0;
        }
        claims_.reserve(1024);
        room_.prepare(ctx.shape().sites());
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        constexpr std::size_t dim = Context::dimension;
        const auto& shape = ctx.shape();
        auto& matrix = ctx.matrix_mut();
        auto origin = ctx.template field_mut<bone_origin>();
        const auto face = ctx.template field<plate_face>();
        const auto states = ctx.states();
        const auto draw = ctx.template draws<apposition_draws>();
        claims_.reset();
        auto& claims = claims_[0];
        visit_rows(shape, 0, shape.rows(), false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
            const auto s = states[i];
            if (s == empty_site || !(share_[s] > 0.0)) return;
            if (matrix.matrix_fraction(i) < 1.0) {
                if (surface_only_[s] != 0 && !(matrix.matrix_fraction(i) > 0.0) &&
                    (face[i] == 0 || !touches_bone<dim>(shape, matrix, i, x, y, z))) {
                    return;
                }
                const double laid = matrix.deposit_unchecked(i, share_[s]);
                if (laid > 0.0 && origin[i] == 0) origin[i] = tag_[s];
                if (matrix.matrix_fraction(i) < 1.0) return;
                // The site filled during the step: the rest of the step's matrix goes into the
                // site the cell steps onto (so the apposition rate does not depend on dt).
                if (share_[s] > laid) leftover_.push_back({i, share_[s] - laid});
            }
            if (climb_[s] == 0) return;
            std::array<std::size_t, 6> next{};
            std::array<double, 6> w{};
            std::size_t m = 0;
            double total = 0.0;
            for_each_face_neighbour<dim>(shape, i, x, y, z, [&](std::size_t j, std::size_t xj, std::size_t yj, std::size_t zj) {
                if (!room_maker::passable(ctx, soft_, j)) return;
                double contacts = 0.0;
                for_each_face_neighbour<dim>(shape, j, xj, yj, zj, [&](std::size_t k, std::size_t, std::size_t, std::size_t) {
                    contacts += matrix.is_bone(k) ? 1.0 : 0.0;
                });
                next[m] = j;
                w[m++] = contacts * contacts;
                total += contacts * contacts;
            });
            if (m == 0) {
                // Hemmed in by bone and bone cells: the cell crawls to the nearest site within two
                // sites that it may enter and that touches bone (it stays on a surface).
                const std::size_t j = nearest_surface_site<dim>(ctx, matrix, i, x, y, z, draw.uniform(i, 0));
                if (j != i) claims.push_back({j, draw.uniform(i, 1), i});
                return;
            }
            const double u = draw.uniform(i, 0) * total;
            double acc = 0.0;
            std::size_t pick = m - 1;
            for (std::size_t k = 0; k < m; ++k) {
                acc += w[k];
                if (u < acc) {
                    pick = k;
                    break;
                }
            }
            claims.push_back({next[pick], draw.uniform(i, 1), i});
        });
        std::sort(leftover_.begin(), leftover_.end());
        for (const auto& c : room_.settle(ctx, claims_, draw, 2)) {
            ctx.move(c.source, c.target);
            const auto it = std::lower_bound(leftover_.begin(), leftover_.end(), std::pair<std::size_t, double>{c.source, 0.0});
            if (it == leftover_.end() || it->first != c.source) continue;
            const auto s = ctx.states()[c.target];
            if (matrix.deposit_unchecked(c.target, it->second) > 0.0 && origin[c.target] == 0) origin[c.target] = tag_[s];
        }
        leftover_.clear();
    }

private:
    // The nearest site (within push_reach per axis) that a cell may enter and that touches bone;
    // ties drawn with u; i itself when there is none.
    template <std::size_t Dim, class Context, class Matrix>
    std::size_t nearest_surface_site(const Context& ctx, const Matrix& matrix, std::size_t i, std::size_t x, std::size_t y,
                                     std::size_t z, double u) const noexcept {
        const auto& sh = ctx.shape();
        const long zr = Dim == 3 ? push_reach : 0;
        long best = 1L << 30;
        std::size_t m = 0;
        std::array<std::size_t, (2 * push_reach + 1) * (2 * push_reach + 1) * (2 * push_reach + 1)> found{};
        for (long dz = -zr; dz <= zr; ++dz) {
            for (long dy = -push_reach; dy <= push_reach; ++dy) {
                for (long dx = -push_reach; dx <= push_reach; ++dx) {
                    const long xx = static_cast<long>(x) + dx, yy = static_cast<long>(y) + dy, zz = static_cast<long>(z) + dz;
                    const long d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 == 0 || d2 > best || xx < 0 || yy < 0 || zz < 0 || xx >= static_cast<long>(sh.nx) ||
                        yy >= static_cast<long>(sh.ny) || zz >= static_cast<long>(sh.nz)) {
                        continue;
                    }
                    const auto k = static_cast<std::size_t>(xx) + sh.sy * static_cast<std::size_t>(yy) + sh.sz * static_cast<std::size_t>(zz);
                    if (!room_maker::passable(ctx, soft_, k) ||
                        !touches_bone<Dim>(sh, matrix, k, static_cast<std::size_t>(xx), static_cast<std::size_t>(yy),
                                           static_cast<std::size_t>(zz))) {
                        continue;
                    }
                    if (d2 < best) best = d2, m = 0;
                    found[m++] = k;
                }
            }
        }
        return m == 0 ? i : found[std::min(static_cast<std::size_t>(u * static_cast<double>(m)), m - 1)];
    }
    template <std::size_t Dim, class Matrix>
    static bool touches_bone(const lattice_shape& shape, const Matrix& matrix, std::size_t i, std::size_t x, std::size_t y,
                             std::size_t z) noexcept {
        bool any = false;
        for_each_face_neighbour<Dim>(shape, i, x, y, z, [&](std::size_t j, std::size_t, std::size_t, std::size_t) {
            any = any || matrix.is_bone(j);
        });
        return any;
    }

    std::array<double, 256> share_{};
    std::array<std::uint8_t, 256> climb_{}, surface_only_{}, tag_{}, soft_{};
    site_claims claims_;
    room_maker room_;
    std::vector<std::pair<std::size_t, double>> leftover_;
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_SURFACE_APPOSITION_HPP
