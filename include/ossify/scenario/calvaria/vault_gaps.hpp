/// @file
/// @brief Fontanelles and sutures found in a vault picture.
///
/// Fontanelle: the membrane wider than `opening` (the morphological opening of the membrane by
/// a disc of that diameter: every membrane point that lies in a disc of membrane that wide),
/// split into connected regions; a region is named by the bones that border it (anterior: both
/// frontals or both parietals, with a frontal and a parietal; posterior: both parietals and the
/// interparietal; sphenoid: frontal, parietal and squamous temporal or greater wing of one side;
/// mastoid: parietal, squamous temporal and interparietal of one side). A fontanelle is closed
/// when no region of it is left. Its size is its area, its antero-posterior length and its
/// transverse width (chords), and the clinical size (length + width) / 2 (Popich & Smith 1972).
///
/// Suture: the boundary between the territories of two bones (each membrane site belongs to
/// its nearest bone), outside the fontanelles. Along it the local width is the membrane between
/// the two bones (d_a + d_b less one site); closed where the two bones touch. Its width is the
/// median of the open widths; it is closed when at least `closed_share` of its length is.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_VAULT_GAPS_HPP
#define OSSIFY_SCENARIO_CALVARIA_VAULT_GAPS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "../bones.hpp"
#include "measure.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief A fontanelle or suture of the vault, by the bones that meet at it.
struct gap_definition {
    /// @brief Name ("anterior fontanelle", "coronal suture (left)").
    std::string_view name;
    /// @brief Fontanelle or suture.
    gap_kind kind;
    /// @brief For a suture, its two bones (reported-bone indices); unused for fontanelles.
    std::array<std::uint8_t, 2> pair;
};
/// @brief The fontanelles and sutures reported, fontanelles first (pair indices: 0/1 frontal
/// L/R, 2/3 parietal, 4/5 squamous temporal, 6/7 greater wing, 8 interparietal).
inline constexpr std::array<gap_definition, 14> vault_gap_list{{
    {"anterior fontanelle", gap_kind::fontanelle, {0, 0}},
    {"posterior fontanelle", gap_kind::fontanelle, {0, 0}},
    {"sphenoid fontanelle (left)", gap_kind::fontanelle, {0, 0}},
    {"sphenoid fontanelle (right)", gap_kind::fontanelle, {0, 0}},
    {"mastoid fontanelle (left)", gap_kind::fontanelle, {0, 0}},
    {"mastoid fontanelle (right)", gap_kind::fontanelle, {0, 0}},
    {"metopic suture", gap_kind::suture, {0, 1}},
    {"sagittal suture", gap_kind::suture, {2, 3}},
    {"coronal suture (left)", gap_kind::suture, {0, 2}},
    {"coronal suture (right)", gap_kind::suture, {1, 3}},
    {"lambdoid suture (left)", gap_kind::suture, {2, 8}},
    {"lambdoid suture (right)", gap_kind::suture, {3, 8}},
    {"squamosal suture (left)", gap_kind::suture, {2, 4}},
    {"squamosal suture (right)", gap_kind::suture, {3, 5}},
}};
/// @brief Number of fontanelles in vault_gap_list.
inline constexpr std::size_t fontanelle_count = 6;

/// @brief One fontanelle or suture at one moment.
struct gap_measure {
    bool open = false;            ///< a fontanelle region exists / part of the suture is open
    double area_mm2 = 0.0;        ///< open membrane area
    double length_mm = 0.0;       ///< fontanelle: antero-posterior chord; suture: open length
    double width_mm = 0.0;        ///< fontanelle: transverse chord; suture: median open width
    double size_mm = 0.0;         ///< fontanelle: (length + width) / 2 (clinical size)
    double closed_share = 0.0;    ///< suture: share of its length closed (bones touching)
};

/// @brief Which fontanelle a region bordered by these bones is (index into vault_gap_list), or
/// fontanelle_count for none.
[[nodiscard]] inline std::size_t classify_fontanelle(const std::array<bool, bone_count>& b) noexcept {
    const bool fl = b[0], fr = b[1], pl = b[2], pr = b[3], ip = b[8];
    if ((fl || fr) && (pl || pr) && ((fl && fr) || (pl && pr))) return 0;
    if (pl && pr && ip) return 1;
    if (fl && pl && (b[4] || b[6])) return 2;
    if (fr && pr && (b[5] || b[7])) return 3;
    if (pl && b[4] && ip) return 4;
    if (pr && b[5] && ip) return 5;
    return fontanelle_count;
}

/// @brief Scratch arrays of measure_gaps, kept between calls by a caller that measures often (a
/// run's weekly checks): no allocation, and no fresh pages to fault in, per measurement.
struct gap_workspace {
    std::vector<std::uint8_t> src;                        ///< source flags of a distance search
    std::vector<double> nearest_bone;                     ///< distance to any bone
    std::array<std::vector<double>, bone_count> db;       ///< distance to each reported bone
    std::vector<double> d;                                ///< distance to the nearest reported bone
    std::vector<std::uint8_t> nearest;                    ///< that bone
    std::vector<double> dc;                               ///< distance into the fontanelles' cores
    std::vector<int> region;                              ///< fontanelle region of each site, -1 for none
    std::vector<std::size_t> stack;                       ///< the regions' flood fill
    std::vector<std::pair<double, std::size_t>> heap;     ///< the searches' heap
};

/**
 * @brief Measures every fontanelle and suture of a picture.
 * @param opening fontanelle/suture boundary: membrane narrower than this (um) is suture
 * @param closed_share_needed a suture counts as closed when this share of it is closed
 * @param ws scratch arrays, reused between calls (the results do not depend on them)
 */
[[nodiscard]] inline std::array<gap_measure, vault_gap_list.size()> measure_gaps(const vault_picture& p, const vault_map& map,
                                                                                double opening, double closed_share_needed,
                                                                                gap_workspace& ws) {
    std::array<gap_measure, vault_gap_list.size()> out{};
    const std::size_t n = map.size();
    const double rho = p.radius_um;
    auto& src = ws.src;
    src.resize(n);
    // Distances to bone of each reported bone. Only values up to the largest distance of any
    // site to the nearest bone, plus one diagonal step, are ever used (the nearest bone, and a
    // suture's width where the nearest bone changes between neighbours): each bone's search
    // stops four site widths beyond it, which leaves every value used unchanged.
    double reach = 0.0, widest = 0.0;
    {
        for (std::size_t i = 0; i < n; ++i) src[i] = p.bone[i] < bone_count ? 1 : 0;
        auto& nearest_bone = ws.nearest_bone;
        vault_distances(map, rho, src, nearest_bone, 1e300, ws.heap);
        for (std::size_t i = 0; i < n; ++i) {
            if (!map.inside(i)) continue;
            if (nearest_bone[i] < 1e300) reach = std::max(reach, nearest_bone[i]);
            widest = std::max(widest, map.side_um(i, rho));
        }
    }
    const double limit = reach + 4.0 * widest;
    auto& db = ws.db;
    for (std::size_t b = 0; b < bone_count; ++b) {
        bool any = false;
        for (std::size_t i = 0; i < n; ++i) {
            src[i] = p.bone[i] == b ? 1 : 0;
            any = any || src[i] != 0;
        }
        if (any) vault_distances(map, rho, src, db[b], limit, ws.heap);
        else db[b].assign(n, 1e300);
    }
    auto& d = ws.d;
    auto& nearest = ws.nearest;
    d.assign(n, 1e300);
    nearest.assign(n, static_cast<std::uint8_t>(bone_count));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t b = 0; b < bone_count; ++b) {
            if (db[b][i] < d[i]) d[i] = db[b][i], nearest[i] = static_cast<std::uint8_t>(b);
        }
    }
    // Fontanelles: the opening of the membrane, in connected regions.
    const double half = 0.5 * opening;
    for (std::size_t i = 0; i < n; ++i) src[i] = map.inside(i) && p.bone[i] >= bone_count && d[i] - 0.5 * map.side_um(i, rho) > half ? 1 : 0;
    auto& dc = ws.dc;
    vault_distances(map, rho, src, dc, half, ws.heap);
    auto& region = ws.region;
    region.assign(n, -1);
    std::vector<std::array<bool, bone_count>> borders;
    for (std::size_t s = 0; s < n; ++s) {
        if (src[s] == 0 || region[s] >= 0) continue;
        const int r = static_cast<int>(borders.size());
        borders.push_back({});
        auto& stack = ws.stack;
        stack.assign(1, s);
        region[s] = r;
        while (!stack.empty()) {
            const auto i = stack.back();
            stack.pop_back();
            const auto xy = map.coords(i);
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    const int x = xy[0] + dx, y = xy[1] + dy;
                    if (x < 0 || y < 0 || x >= map.nx() || y >= map.ny()) continue;
                    const std::size_t j = static_cast<std::size_t>(x) + static_cast<std::size_t>(y) * static_cast<std::size_t>(map.nx());
                    if (region[j] >= 0 || !map.inside(j) || p.bone[j] < bone_count || dc[j] > half) continue;
                    region[j] = r;
                    stack.push_back(j);
                }
            }
        }
    }
    std::vector<std::size_t> kind(borders.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (region[i] >= 0 && d[i] <= 1.5 * map.side_um(i, rho)) borders[static_cast<std::size_t>(region[i])][nearest[i]] = true;
    }
    for (std::size_t r = 0; r < borders.size(); ++r) kind[r] = classify_fontanelle(borders[r]);
    std::array<std::array<double, 4>, fontanelle_count> ext{};
    for (auto& e : ext) e = {1e300, -1e300, 1e300, -1e300};
    for (std::size_t i = 0; i < n; ++i) {
        if (region[i] < 0) continue;
        const auto f = kind[static_cast<std::size_t>(region[i])];
        if (f >= fontanelle_count) continue;
        auto& g = out[f];
        g.open = true;
        g.area_mm2 += map.area_mm2(i, rho);
        const auto& x = map.position(i);
        ext[f] = {std::min(ext[f][0], x[0]), std::max(ext[f][1], x[0]), std::min(ext[f][2], x[1]), std::max(ext[f][3], x[1])};
    }
    for (std::size_t f = 0; f < fontanelle_count; ++f) {
        if (!out[f].open) continue;
        out[f].width_mm = (ext[f][1] - ext[f][0]) * rho * 1e-3;
        out[f].length_mm = (ext[f][3] - ext[f][2]) * rho * 1e-3;
        out[f].size_mm = 0.5 * (out[f].width_mm + out[f].length_mm);
    }
    // Sutures: face edges where the nearest bone changes between the pair, outside fontanelles.
    for (std::size_t g = fontanelle_count; g < vault_gap_list.size(); ++g) {
        const auto a = vault_gap_list[g].pair[0], b = vault_gap_list[g].pair[1];
        std::vector<double> widths;
        double open_len = 0.0, closed_len = 0.0, area = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!map.inside(i) || region[i] >= 0) continue;
            const auto xy = map.coords(i);
            const std::size_t nb[2] = {xy[0] + 1 < map.nx() ? i + 1 : i, xy[1] + 1 < map.ny() ? i + static_cast<std::size_t>(map.nx()) : i};
            for (const auto j : nb) {
                if (j == i || !map.inside(j) || region[j] >= 0) continue;
                const bool cross = (nearest[i] == a && nearest[j] == b) || (nearest[i] == b && nearest[j] == a);
                if (!cross) continue;
                const double side = 0.5 * (map.side_um(i, rho) + map.side_um(j, rho));
                const double w = 0.5 * (db[a][i] + db[b][i] + db[a][j] + db[b][j]) - side;
                if (p.bone[i] < bone_count && p.bone[j] < bone_count) {
                    closed_len += side;
                } else {
                    open_len += side;
                    widths.push_back(std::max(w, 0.5 * side));
                    area += side * std::max(w, 0.5 * side);
                }
            }
        }
        auto& s = out[g];
        const double total = open_len + closed_len;
        if (total <= 0.0) continue;
        s.closed_share = closed_len / total;
        s.open = s.closed_share < closed_share_needed;
        s.length_mm = open_len * 1e-3;
        s.area_mm2 = area * 1e-6;
        if (!widths.empty()) {
            std::nth_element(widths.begin(), widths.begin() + static_cast<std::ptrdiff_t>(widths.size() / 2), widths.end());
            s.width_mm = widths[widths.size() / 2] * 1e-3;
        }
    }
    return out;
}

/// @brief measure_gaps with scratch arrays of its own.
[[nodiscard]] inline std::array<gap_measure, vault_gap_list.size()> measure_gaps(const vault_picture& p, const vault_map& map,
                                                                                double opening, double closed_share_needed) {
    gap_workspace ws;
    return measure_gaps(p, map, opening, closed_share_needed, ws);
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_VAULT_GAPS_HPP
