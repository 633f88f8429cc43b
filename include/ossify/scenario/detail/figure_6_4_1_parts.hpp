/// @file
/// @brief Internals of the Figure 6.4.1 scenario: its scenario-specific processes (osteoblast
/// fate census, capillary sprouting) and the measurements of the plate (trabecular and compact
/// regions, strut widths, distance to the nearest capillary).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_DETAIL_FIGURE_6_4_1_PARTS_HPP
#define OSSIFY_SCENARIO_DETAIL_FIGURE_6_4_1_PARTS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "../../process/processes.hpp"
#include "../../random/purpose.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail::fig641 {

/// Counts of how osteoblasts left their state (shared between the two census processes).
struct census_data {
    std::vector<std::uint8_t> before;  // state per site before cell_fates
    std::uint64_t to_osteocyte = 0, died = 0, to_periosteal = 0;
};

/// Runs just before cell_fates: remembers every site's state.
struct census_before {
    std::shared_ptr<census_data> data;
    template <class Tissue>
    void operator()(Tissue& t, double) const {
        const auto s = t.states();
        data->before.assign(s.begin(), s.end());
    }
};

/// Runs just after cell_fates: an osteoblast site that now holds an osteocyte was entrapped,
/// one that holds a periosteal cell joined the periosteum, anything else (empty, or a cell
/// born into the freed site) means the osteoblast died. Osteoblasts neither move nor divide
/// in this scenario, so a site follows one cell through the step.
template <std::uint8_t Osteoblast, std::uint8_t Osteocyte, std::uint8_t Periosteal>
struct census_after {
    std::shared_ptr<census_data> data;
    template <class Tissue>
    void operator()(Tissue& t, double) const {
        const auto s = t.states();
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (data->before[i] != Osteoblast || s[i] == Osteoblast) continue;
            if (s[i] == Osteocyte) ++data->to_osteocyte;
            else if (s[i] == Periosteal) ++data->to_periosteal;
            else ++data->died;
        }
    }
};

/// Capillary sprouting: an endothelial cell extends its vessel into a neighbouring site that
/// holds no cell, no matrix and no marrow and touches another cell (inside the tissue), with hazard k * c^2 / (c^2 + K^2) of the local VEGF
/// concentration c. Vessels never enter matrix, so capillary sites never hold matrix.
/// Conflicts are settled by keyed random priorities (order independent).
template <std::uint8_t Endothelial, class Vegf>
struct vessel_sprouting {
    vessel_sprouting(double rate, double half_max) : rate_per_day(rate), half_max_nM(half_max) {}
    double rate_per_day;
    double half_max_nM;
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        if (rate_per_day <= 0.0) return;
        auto d = t.data();
        const auto& g = t.grid();
        const auto c = t.template field<Vegf>();
        const auto draw = t.rng().bind(d.step, random::purpose::user + 1);
        claims_.clear();
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (d.state[i] != Endothelial) continue;
            const double ci = c[i];
            const double hz = rate_per_day * ci * ci / (ci * ci + half_max_nM * half_max_nM);
            if (!(draw.uniform(i, 0) < -std::expm1(-hz * dt))) continue;
            std::array<std::size_t, 6> free{};
            std::size_t n = 0;
            detail::for_each_face_neighbour(g, i, [&](std::size_t j) {
                if (d.state[j] != detail::no_cell || d.marrow[j] != 0 || d.matrix.matrix_fraction(j) > 0.0) return;
                // Vessels grow inside the tissue: the target must touch a cell besides the source.
                bool in_tissue = false;
                detail::for_each_face_neighbour(g, j, [&](std::size_t k) {
                    in_tissue = in_tissue || (k != i && d.state[k] != detail::no_cell);
                });
                if (in_tissue) free[n++] = j;
            });
            if (n == 0) continue;
            const auto pick = std::min(static_cast<std::size_t>(draw.uniform(i, 1) * static_cast<double>(n)), n - 1);
            claims_.push_back({free[pick], draw.uniform(i, 2), i});
        }
        detail::resolve_claims(claims_);
        const double now = t.now_days();
        for (const auto& cl : claims_) {
            d.state[cl.target] = Endothelial;
            d.entered[cl.target] = static_cast<float>(now);
            ++d.births;
        }
    }

private:
    mutable std::vector<detail::site_claim> claims_;
};

/// The sheet is bounded by the neighbouring tissues (skin and dura in the skull): unbound
/// cells (mesenchymal, osteogenic) that wander out of its rows [lo, hi] along the normal axis
/// are put back on the sheet's face in their column when that site is free (else they leave
/// the modelled tissue). Bone still thickens beyond the sheet by apposition (osteoblasts and
/// periosteum move outward as they lay matrix).
template <std::uint8_t A, std::uint8_t B>
struct sheet_confinement {
    std::int32_t lo = 0, hi = 0;
    std::size_t axis = 1;
    template <class Tissue>
    void operator()(Tissue& t, double) const {
        auto d = t.data();
        const auto& g = t.grid();
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (d.state[i] != A && d.state[i] != B) continue;
            const auto y = g.coords(i)[axis];
            if (y >= lo && y <= hi) continue;
            auto back = g.coords(i);
            back[axis] = y < lo ? lo : hi;
            const auto j = g.index(back);
            if (d.state[j] == detail::no_cell && d.marrow[j] == 0 && d.matrix.matrix_fraction(j) == 0.0) {
                d.state[j] = d.state[i];
                d.entered[j] = d.entered[i];
            }
            d.state[i] = detail::no_cell;
        }
    }
};

/// The grid as plain numbers: extent per axis (z = 1 in 2-D).
struct extent3 {
    std::int32_t nx = 1, ny = 1, nz = 1;
    [[nodiscard]] std::size_t index(std::int32_t x, std::int32_t y, std::int32_t z) const noexcept {
        return static_cast<std::size_t>(x) +
               static_cast<std::size_t>(nx) * (static_cast<std::size_t>(y) + static_cast<std::size_t>(ny) * static_cast<std::size_t>(z));
    }
};

/// The plate's regions over the central columns (|x - cx| <= half_width): in each column
/// (x, z) the outermost bone sites on both faces; the compact region is the outer `depth`
/// sites of bone on each face, the trabecular region what lies between.
struct plate_profile {
    double compact_bv_tv = 0.0;      // bone sites / sites of the compact region (binarised)
    double trabecular_bv_tv = 0.0;   // bone sites / sites of the trabecular region (binarised)
    std::size_t compact_sites = 0, trabecular_sites = 0, columns = 0;
    double mean_strut_width_um = 0.0;  // mean run of bone sites along x and y in the trabecular region
    std::size_t struts = 0;
    double mean_top = 0.0, mean_bottom = 0.0;  // mean y of the outermost bone on each face
};

template <class T>
plate_profile measure_plate(const extent3& e, double h, std::span<const T> matrix, double bone, std::int32_t half_width,
                            std::int32_t depth) {
    plate_profile p;
    const std::int32_t cx = e.nx / 2;
    const std::int32_t x0 = std::max(0, cx - half_width), x1 = std::min(e.nx - 1, cx + half_width);
    double csum = 0.0, tsum = 0.0, runs = 0.0;
    std::vector<std::int32_t> top(static_cast<std::size_t>(e.nx) * static_cast<std::size_t>(e.nz), -1), bot(top.size(), -1);
    for (std::int32_t z = 0; z < e.nz; ++z) {
        for (std::int32_t x = x0; x <= x1; ++x) {
            std::int32_t y0 = -1, y1 = -1;
            for (std::int32_t y = 0; y < e.ny; ++y) {
                if (matrix[e.index(x, y, z)] >= bone) {
                    if (y0 < 0) y0 = y;
                    y1 = y;
                }
            }
            if (y0 < 0 || y1 - y0 + 1 < 2 * depth + 2) continue;
            ++p.columns;
            p.mean_top += y0;
            p.mean_bottom += y1;
            top[static_cast<std::size_t>(x) + static_cast<std::size_t>(e.nx) * static_cast<std::size_t>(z)] = y0;
            bot[static_cast<std::size_t>(x) + static_cast<std::size_t>(e.nx) * static_cast<std::size_t>(z)] = y1;
            for (std::int32_t y = y0; y <= y1; ++y) {
                // Binarised, as micro-CT BV/TV: a site is bone when its matrix fraction >= bone.
                const double m = matrix[e.index(x, y, z)] >= bone ? 1.0 : 0.0;
                if (y < y0 + depth || y > y1 - depth) {
                    csum += m;
                    ++p.compact_sites;
                } else {
                    tsum += m;
                    ++p.trabecular_sites;
                }
            }
            // Struts along y inside the trabecular region.
            std::int32_t run = 0;
            for (std::int32_t y = y0 + depth; y <= y1 - depth + 1; ++y) {
                const bool b = y <= y1 - depth && matrix[e.index(x, y, z)] >= bone;
                if (b) ++run;
                else if (run > 0) {
                    runs += run;
                    ++p.struts;
                    run = 0;
                }
            }
        }
    }
    // Struts along x inside the trabecular region (rows between the faces of each column).
    for (std::int32_t z = 0; z < e.nz; ++z) {
        for (std::int32_t y = 0; y < e.ny; ++y) {
            std::int32_t run = 0;
            for (std::int32_t x = x0; x <= x1 + 1; ++x) {
                bool b = false;
                if (x <= x1) {
                    const auto k = static_cast<std::size_t>(x) + static_cast<std::size_t>(e.nx) * static_cast<std::size_t>(z);
                    b = top[k] >= 0 && y >= top[k] + depth && y <= bot[k] - depth && matrix[e.index(x, y, z)] >= bone;
                }
                if (b) ++run;
                else if (run > 0) {
                    // A run cut by the window's edge is not a whole strut.
                    if (x - run > x0 && x <= x1) {
                        runs += run;
                        ++p.struts;
                    }
                    run = 0;
                }
            }
        }
    }
    if (p.compact_sites > 0) p.compact_bv_tv = csum / static_cast<double>(p.compact_sites);
    if (p.trabecular_sites > 0) p.trabecular_bv_tv = tsum / static_cast<double>(p.trabecular_sites);
    if (p.struts > 0) p.mean_strut_width_um = runs / static_cast<double>(p.struts) * h;
    if (p.columns > 0) {
        p.mean_top /= static_cast<double>(p.columns);
        p.mean_bottom /= static_cast<double>(p.columns);
    }
    return p;
}

/// Distance (um) from each site of `tissue_mask` to the nearest site of `vessel_mask`, by an
/// exact Euclidean search over the vessel sites; returns the distances of the masked sites.
inline std::vector<double> distances_to_vessels(const extent3& e, double h, const std::vector<std::uint8_t>& tissue_mask,
                                                const std::vector<std::uint8_t>& vessel_mask) {
    std::vector<std::array<std::int32_t, 3>> vessels;
    for (std::int32_t z = 0; z < e.nz; ++z)
        for (std::int32_t y = 0; y < e.ny; ++y)
            for (std::int32_t x = 0; x < e.nx; ++x)
                if (vessel_mask[e.index(x, y, z)] != 0) vessels.push_back({x, y, z});
    std::vector<double> out;
    for (std::int32_t z = 0; z < e.nz; ++z) {
        for (std::int32_t y = 0; y < e.ny; ++y) {
            for (std::int32_t x = 0; x < e.nx; ++x) {
                if (tissue_mask[e.index(x, y, z)] == 0) continue;
                double best = std::numeric_limits<double>::infinity();
                for (const auto& v : vessels) {
                    const double dx = v[0] - x, dy = v[1] - y, dz = v[2] - z;
                    best = std::min(best, dx * dx + dy * dy + dz * dz);
                }
                out.push_back(std::sqrt(best) * h);
            }
        }
    }
    return out;
}

}  // namespace detail::fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_DETAIL_FIGURE_6_4_1_PARTS_HPP
