/// @file
/// @brief The map of the skull vault: a spherical cap (radius rho = HC / 2 pi, the vertex at
/// the pole) drawn on a 2-D lattice by stereographic projection from the opposite pole, so that
/// the map is conformal (shapes and isotropic diffusion are kept locally, only the scale
/// changes from site to site). The lattice is a fixed material (Lagrangian) coordinate: as the
/// head grows every length on it is multiplied by rho(t) / rho_ref.
///
/// Coordinates: x to the right of the head, y to the front (anterior), z up. A point at
/// colatitude theta (angle from the vertex) and azimuth phi (from the front, positive to the
/// right) lies at map radius 2 tan(theta / 2) (in units of rho); its true length per map length
/// is lambda = 1 / (1 + r^2 / 4). The membranous vault reaches down to colatitude
/// rim(phi) = rim_ap + (rim_lateral - rim_ap) sin^2 phi: lower over the temporal lobes (the
/// squamous temporal) than at the forehead and the occiput (assumed anatomy, see docs).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_VAULT_MAP_HPP
#define OSSIFY_SCENARIO_CALVARIA_VAULT_MAP_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "../../error.hpp"
#include "../../space/grid.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Germ-layer origin of a bone's cells (Jiang et al. 2002, mouse; K).
enum class lineage : unsigned char {
    neural_crest,  ///< frontal, interparietal, squamous temporal, greater wing
    mesoderm       ///< parietal
};

/// @brief A bone of the vault: its name and the point of the brain's surface over which its
/// centre is favoured (the eminence over the lobe).
struct vault_bone {
    /// @brief Display name ("frontal (left)").
    std::string_view name;
    /// @brief Colatitude of the lobe's convexity (degrees from the vertex).
    double theta_deg;
    /// @brief Azimuth (degrees from the front, positive to the right).
    double phi_deg;
    /// @brief Germ-layer origin.
    lineage origin;
};

/// @brief The vault bones, each with the lobe over which its centre is favoured (assumed from
/// the anatomy of the newborn skull, Gray's Anatomy, K): the frontal eminences a third of the
/// way from the orbit to bregma, the parietal eminences halfway from the sagittal to the
/// squamosal suture, the squama of the temporal bone, the membranous part of the greater wing
/// of the sphenoid, and the interparietal's two centres (which unite).
inline constexpr std::array<vault_bone, 10> vault_bones{{
    {"frontal (left)", 65.0, -30.0, lineage::neural_crest},
    {"frontal (right)", 65.0, 30.0, lineage::neural_crest},
    {"parietal (left)", 50.0, -120.0, lineage::mesoderm},
    {"parietal (right)", 50.0, 120.0, lineage::mesoderm},
    {"squamous temporal (left)", 105.0, -90.0, lineage::neural_crest},
    {"squamous temporal (right)", 105.0, 90.0, lineage::neural_crest},
    {"greater wing (left)", 106.0, -55.0, lineage::neural_crest},
    {"greater wing (right)", 106.0, 55.0, lineage::neural_crest},
    {"interparietal", 100.0, -165.0, lineage::neural_crest},
    {"interparietal", 100.0, 165.0, lineage::neural_crest},
}};

/// @brief Angle (radians) between two points of the sphere given as (colatitude, azimuth) in radians.
[[nodiscard]] inline double sphere_angle(double t1, double p1, double t2, double p2) noexcept {
    const double c = std::cos(t1) * std::cos(t2) + std::sin(t1) * std::sin(t2) * std::cos(p1 - p2);
    return std::acos(std::clamp(c, -1.0, 1.0));
}

/// @brief Index into vault_bones of the bone whose lobe lies nearest to (theta, phi) (radians).
[[nodiscard]] inline std::size_t nearest_bone(double theta, double phi) noexcept {
    constexpr double deg = std::numbers::pi / 180.0;
    std::size_t best = 0;
    double best_angle = 1e9;
    for (std::size_t k = 0; k < vault_bones.size(); ++k) {
        const double a = sphere_angle(theta, phi, vault_bones[k].theta_deg * deg, vault_bones[k].phi_deg * deg);
        if (a < best_angle) best_angle = a, best = k;
    }
    return best;
}

/**
 * @brief The vault drawn on an nx x ny lattice: per site its colatitude, azimuth, scale, unit
 * position and whether it lies on the membranous vault; the lattice is a resolution of a fixed
 * anatomy (the map's aspect is that of the cap, so the grid must match it).
 */
class vault_map {
public:
    /// @brief The map of a cap reaching colatitude `rim_ap_deg` at the front and back and
    /// `rim_lateral_deg` at the sides (both in (60, 150) degrees), on an nx x ny lattice.
    /// Throws invalid_parameter when the lattice's aspect does not match the cap's within
    /// one site (a grid that does not fit the anatomy), or an extent is below 16.
    vault_map(std::int32_t nx, std::int32_t ny, double rim_ap_deg, double rim_lateral_deg)
        : nx_(nx), ny_(ny), rim_ap_(rim_ap_deg), rim_lat_(rim_lateral_deg) {
        constexpr const char* where = "ossify::vault::vault_map";
        require_in_range(where, "rim_ap", rim_ap_deg, 60.0, 150.0, "deg");
        require_in_range(where, "rim_lateral", rim_lateral_deg, rim_ap_deg, 150.0, "deg");
        require_in_range(where, "grid[0]", nx, 16, 1 << 14, "sites");
        const auto want = ny_for(nx, rim_ap_deg, rim_lateral_deg);
        if (std::abs(ny - want) > 1) {
            throw invalid_parameter(where, "grid", std::to_string(nx) + " x " + std::to_string(ny),
                                    std::to_string(nx) + " x " + std::to_string(want) +
                                        " (the vault map's aspect; the grid is a resolution of a fixed anatomy)");
        }
        constexpr double deg = std::numbers::pi / 180.0;
        ux_ = 2.0 * std::tan(0.5 * rim_lateral_deg * deg);
        uy_ = ux_ * static_cast<double>(ny) / static_cast<double>(nx);
        du_ = 2.0 * ux_ / static_cast<double>(nx);
        const std::size_t n = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
        theta_.resize(n), phi_.resize(n), lambda_.resize(n), inside_.resize(n), pos_.resize(n);
        for (std::int32_t y = 0; y < ny; ++y) {
            for (std::int32_t x = 0; x < nx; ++x) {
                const std::size_t i = static_cast<std::size_t>(x) + static_cast<std::size_t>(y) * static_cast<std::size_t>(nx);
                const double mx = (x + 0.5) * du_ - ux_, my = (y + 0.5) * du_ - uy_;
                const double r = std::hypot(mx, my);
                theta_[i] = 2.0 * std::atan(0.5 * r);
                phi_[i] = std::atan2(mx, my);
                lambda_[i] = 1.0 / (1.0 + 0.25 * r * r);
                const double s = std::sin(phi_[i]);
                inside_[i] = theta_[i] <= (rim_ap_deg + (rim_lateral_deg - rim_ap_deg) * s * s) * deg ? 1 : 0;
                pos_[i] = {std::sin(theta_[i]) * std::sin(phi_[i]), std::sin(theta_[i]) * std::cos(phi_[i]), std::cos(theta_[i])};
            }
        }
    }

    /// @brief A flat sheet (the clavicle's): nx x ny sites, a length of 1 along x (positions
    /// x in [-1/2, 1/2], y in [-ny/nx/2, ny/nx/2], z = 0), scale 1, every site inside.
    [[nodiscard]] static vault_map flat(std::int32_t nx, std::int32_t ny) {
        require_in_range("ossify::vault::vault_map::flat", "grid[0]", nx, 4, 1 << 14, "sites");
        require_in_range("ossify::vault::vault_map::flat", "grid[1]", ny, 1, 1 << 14, "sites");
        vault_map m;
        m.nx_ = nx, m.ny_ = ny;
        m.du_ = 1.0 / nx;
        const std::size_t n = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
        m.theta_.assign(n, 0.0), m.phi_.assign(n, 0.0), m.lambda_.assign(n, 1.0), m.inside_.assign(n, 1), m.pos_.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto xy = m.coords(i);
            m.pos_[i] = {(xy[0] + 0.5) * m.du_ - 0.5, (xy[1] + 0.5 - 0.5 * ny) * m.du_, 0.0};
        }
        return m;
    }

    /// @brief The ny that matches `nx` for a cap with these rims (the map's aspect).
    [[nodiscard]] static std::int32_t ny_for(std::int32_t nx, double rim_ap_deg, double rim_lateral_deg) noexcept {
        constexpr double deg = std::numbers::pi / 180.0;
        const double ratio = std::tan(0.5 * rim_ap_deg * deg) / std::tan(0.5 * rim_lateral_deg * deg);
        return static_cast<std::int32_t>(std::lround(static_cast<double>(nx) * ratio));
    }
    /// @brief The nx whose map spacing at the vertex is `spacing_um` on a sphere of radius
    /// `rho_um` (the grid a spacing asks for).
    [[nodiscard]] static std::int32_t nx_for(double spacing_um, double rho_um, double rim_lateral_deg) noexcept {
        constexpr double deg = std::numbers::pi / 180.0;
        return static_cast<std::int32_t>(std::lround(4.0 * std::tan(0.5 * rim_lateral_deg * deg) * rho_um / spacing_um));
    }

    /// @brief Sites along x and y.
    [[nodiscard]] std::int32_t nx() const noexcept { return nx_; }
    /// @brief Sites along y.
    [[nodiscard]] std::int32_t ny() const noexcept { return ny_; }
    /// @brief Number of sites.
    [[nodiscard]] std::size_t size() const noexcept { return theta_.size(); }
    /// @brief Map spacing in units of the sphere's radius (true length per site at the vertex / rho).
    [[nodiscard]] double map_spacing() const noexcept { return du_; }
    /// @brief Colatitude at the front and back rim (degrees).
    [[nodiscard]] double rim_ap_deg() const noexcept { return rim_ap_; }
    /// @brief Colatitude at the lateral rim (degrees).
    [[nodiscard]] double rim_lateral_deg() const noexcept { return rim_lat_; }
    /// @brief True when site i lies on the membranous vault.
    [[nodiscard]] bool inside(std::size_t i) const noexcept { return inside_[i] != 0; }
    /// @brief Colatitude of site i (radians from the vertex).
    [[nodiscard]] double theta(std::size_t i) const noexcept { return theta_[i]; }
    /// @brief Azimuth of site i (radians from the front, positive to the right).
    [[nodiscard]] double phi(std::size_t i) const noexcept { return phi_[i]; }
    /// @brief True length per map length at site i (1 at the vertex, smaller towards the rim).
    [[nodiscard]] double scale(std::size_t i) const noexcept { return lambda_[i]; }
    /// @brief Unit position of site i on the sphere (x right, y front, z up).
    [[nodiscard]] const std::array<double, 3>& position(std::size_t i) const noexcept { return pos_[i]; }
    /// @brief True side length (um) of site i on a sphere of radius `rho_um`.
    [[nodiscard]] double side_um(std::size_t i, double rho_um) const noexcept { return du_ * rho_um * lambda_[i]; }
    /// @brief True area (mm^2) of site i on a sphere of radius `rho_um`.
    [[nodiscard]] double area_mm2(std::size_t i, double rho_um) const noexcept {
        const double s = side_um(i, rho_um) * 1e-3;
        return s * s;
    }
    /// @brief The lobe field of site i: exp(-a^2 / (2 w^2)) for the nearest lobe at angle a
    /// (w = `width_deg`), in [0, 1]: where the brain's convexities stretch the membrane most.
    [[nodiscard]] double lobe_field(std::size_t i, double width_deg) const noexcept {
        constexpr double deg = std::numbers::pi / 180.0;
        double g = 0.0;
        for (const auto& b : vault_bones) {
            const double a = sphere_angle(theta_[i], phi_[i], b.theta_deg * deg, b.phi_deg * deg) / deg;
            g = std::max(g, std::exp(-a * a / (2.0 * width_deg * width_deg)));
        }
        return g;
    }
    /// @brief Lattice coordinates (x, y) of site i.
    [[nodiscard]] std::array<std::int32_t, 2> coords(std::size_t i) const noexcept {
        return {static_cast<std::int32_t>(i % static_cast<std::size_t>(nx_)),
                static_cast<std::int32_t>(i / static_cast<std::size_t>(nx_))};
    }

private:
    vault_map() = default;
    std::int32_t nx_ = 0, ny_ = 0;
    double rim_ap_ = 0.0, rim_lat_ = 0.0;
    double ux_ = 0.0, uy_ = 0.0, du_ = 0.0;
    std::vector<double> theta_, phi_, lambda_;
    std::vector<std::uint8_t> inside_;
    std::vector<std::array<double, 3>> pos_;
};

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_VAULT_MAP_HPP
