/// @file
/// @brief What an anatomist or a clinician measures on the vault, in true millimetres: per bone
/// its ossified area (on the curved surface and projected on a plane, as CT morphometry reports
/// it), its largest sagittal and coronal diameters and its mean thickness; per fontanelle its
/// open area, length, width and clinical size; per suture its width and the share of it that
/// has closed. Fontanelles and sutures are found, not placed: they are the membrane left where
/// the bones' fronts met (vault_gaps.hpp).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_MEASURE_HPP
#define OSSIFY_SCENARIO_CALVARIA_MEASURE_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "state.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief The bones reported (vault_bones less the interparietal's second centre).
inline constexpr std::size_t bone_count = 9;
/// @brief The reported bone of a vault_bones index (the two interparietal lobes are one bone).
[[nodiscard]] constexpr std::size_t reported_bone(std::size_t k) noexcept { return k < 8 ? k : (k < 10 ? 8 : bone_count); }
/// @brief Name of reported bone b.
[[nodiscard]] constexpr std::string_view bone_name(std::size_t b) noexcept { return vault_bones[b].name; }

/// @brief A bone's size at one moment.
struct bone_measure {
    bool present = false;        ///< some of it is bone
    double area_mm2 = 0.0;       ///< ossified area on the curved surface
    double projected_mm2 = 0.0;  ///< ossified area projected on the plane normal to its mean direction
    double sagittal_mm = 0.0;    ///< largest extent in a sagittal plane (the y-z plane), chord
    double coronal_mm = 0.0;     ///< largest extent in a coronal plane (the x-z plane), chord
    double thickness_mm = 0.0;   ///< mean thickness over its area
};

/// @brief The sites of one moment the measurements need: which reported bone each site's bone
/// belongs to (bone_count where the site is not bone, or off the vault), and its thickness.
struct vault_picture {
    std::vector<std::uint8_t> bone;   ///< reported bone per site, bone_count for membrane and outside
    std::vector<float> thickness;     ///< um per site
    double radius_um = 0.0;           ///< vault radius at that moment
};

/// @brief The vault picture of a tissue: a site is bone of b when its matrix fraction reaches
/// the tissue's bone threshold and its label's centre belongs to b.
template <class Tissue>
[[nodiscard]] vault_picture picture_of(const Tissue& t, const vault_state& v) {
    vault_picture p;
    const auto& map = v.map();
    const auto label = t.template field<bone_label>();
    const auto thick = t.template field<bone_thickness>();
    const auto& m = t.matrix();
    p.bone.assign(map.size(), static_cast<std::uint8_t>(bone_count));
    p.thickness.assign(thick.begin(), thick.end());
    p.radius_um = v.radius_um();
    for (std::size_t i = 0; i < map.size(); ++i) {
        if (!map.inside(i) || label[i] == no_label || m.matrix_fraction(i) < m.bone_threshold()) continue;
        p.bone[i] = static_cast<std::uint8_t>(reported_bone(v.bone_of(label[i])));
    }
    return p;
}

/// @brief Largest width of a set of 2-D points over 90 directions (its diameter, to 0.02 %).
[[nodiscard]] inline double diameter_2d(const std::vector<std::array<double, 2>>& pts) {
    if (pts.size() < 2) return 0.0;
    double best = 0.0;
    constexpr int directions = 90;
    for (int k = 0; k < directions; ++k) {
        const double a = 3.141592653589793 * k / directions, c = std::cos(a), s = std::sin(a);
        double lo = 1e300, hi = -1e300;
        for (const auto& q : pts) {
            const double v = q[0] * c + q[1] * s;
            lo = std::min(lo, v), hi = std::max(hi, v);
        }
        best = std::max(best, hi - lo);
    }
    return best;
}

/// @brief Sizes of every reported bone in a picture.
[[nodiscard]] inline std::array<bone_measure, bone_count> measure_bones(const vault_picture& p, const vault_map& map) {
    std::array<bone_measure, bone_count> out{};
    std::array<std::array<double, 3>, bone_count> normal{};
    std::array<std::vector<std::array<double, 2>>, bone_count> sag, cor;
    const double rho_mm = p.radius_um * 1e-3;
    for (std::size_t i = 0; i < map.size(); ++i) {
        const auto b = p.bone[i];
        if (b >= bone_count) continue;
        const double a = map.area_mm2(i, p.radius_um);
        const auto& x = map.position(i);
        auto& o = out[b];
        o.present = true;
        o.area_mm2 += a;
        o.thickness_mm += a * p.thickness[i] * 1e-3;
        for (int k = 0; k < 3; ++k) normal[b][k] += a * x[k];
        sag[b].push_back({x[1] * rho_mm, x[2] * rho_mm});
        cor[b].push_back({x[0] * rho_mm, x[2] * rho_mm});
    }
    for (std::size_t b = 0; b < bone_count; ++b) {
        auto& o = out[b];
        if (!o.present) continue;
        o.thickness_mm /= o.area_mm2;
        const double n = std::hypot(normal[b][0], normal[b][1], normal[b][2]);
        for (std::size_t i = 0; i < map.size(); ++i) {
            if (p.bone[i] != b) continue;
            const auto& x = map.position(i);
            const double c = (x[0] * normal[b][0] + x[1] * normal[b][1] + x[2] * normal[b][2]) / n;
            o.projected_mm2 += map.area_mm2(i, p.radius_um) * std::max(0.0, c);
        }
        o.sagittal_mm = diameter_2d(sag[b]);
        o.coronal_mm = diameter_2d(cor[b]);
    }
    return out;
}

/**
 * @brief True distances (um) on the vault from a set of source sites: Dijkstra on the 8-neighbour
 * lattice with the sites' true sizes (exact on the graph; the graph distance exceeds the
 * Euclidean by at most 8 % along intermediate directions). Sites off the vault are never reached.
 * @param source one byte per site, non-zero on sources
 * @param limit stop at this distance (um)
 * @param heap storage for the search's heap (reused between calls: no allocation)
 */
inline void vault_distances(const vault_map& map, double radius_um, const std::vector<std::uint8_t>& source,
                            std::vector<double>& dist, double limit, std::vector<std::pair<double, std::size_t>>& heap) {
    const std::size_t n = map.size();
    dist.assign(n, 1e300);
    using item = std::pair<double, std::size_t>;
    const std::greater<item> later;
    heap.clear();
    const auto push = [&](item x) {
        heap.push_back(x);
        std::push_heap(heap.begin(), heap.end(), later);
    };
    // Every source is at 0; only sources with a non-source neighbour on the vault can improve
    // another site, so only they enter the heap (the distances are the same: the shortest-path
    // equations have one solution).
    const auto each_neighbour = [&](std::size_t i, auto&& f) {
        const auto xy = map.coords(i);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                const int x = xy[0] + dx, y = xy[1] + dy;
                if ((dx == 0 && dy == 0) || x < 0 || y < 0 || x >= map.nx() || y >= map.ny()) continue;
                const std::size_t j = static_cast<std::size_t>(x) + static_cast<std::size_t>(y) * static_cast<std::size_t>(map.nx());
                if (map.inside(j)) f(j, dx != 0 && dy != 0);
            }
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (source[i] == 0 || !map.inside(i)) continue;
        dist[i] = 0.0;
        bool edge = false;
        each_neighbour(i, [&](std::size_t j, bool) { edge = edge || source[j] == 0; });
        if (edge) push({0.0, i});
    }
    const double r2 = std::sqrt(2.0);
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), later);
        const auto [d, i] = heap.back();
        heap.pop_back();
        if (d > dist[i] || d > limit) continue;
        const double si = map.side_um(i, radius_um);
        each_neighbour(i, [&](std::size_t j, bool diagonal) {
            const double w = 0.5 * (si + map.side_um(j, radius_um)) * (diagonal ? r2 : 1.0);
            if (d + w < dist[j]) {
                dist[j] = d + w;
                push({dist[j], j});
            }
        });
    }
}

/// @brief vault_distances with its own heap storage.
inline void vault_distances(const vault_map& map, double radius_um, const std::vector<std::uint8_t>& source,
                            std::vector<double>& dist, double limit = 1e300) {
    std::vector<std::pair<double, std::size_t>> heap;
    vault_distances(map, radius_um, source, dist, limit, heap);
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_MEASURE_HPP
