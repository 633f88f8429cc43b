/// @file
/// @brief What the calvaria's processes and policies share: the vault map, the individual's
/// head growth and where the run stands on it (radius, strain rate), the lobe field, and the
/// register of ossification centres (which bone each label belongs to). Held by a shared_ptr
/// in every process and policy of one tissue; the `vault_growth` process moves it to the
/// current time at the start of each step. Also the per-site fields the model adds.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_STATE_HPP
#define OSSIFY_SCENARIO_CALVARIA_STATE_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "../../tissue/fields.hpp"
#include "../../units/quantities.hpp"
#include "growth.hpp"
#include "vault_map.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Field: the label of the ossification centre a site's bone grew from (no_label: none).
struct bone_label {
    /// @brief Name in output.
    static constexpr std::string_view name = "bone_label";
    /// @brief One byte per site.
    using value_type = std::uint8_t;
    /// @brief Allowed values.
    static constexpr double lower = 0.0, upper = 255.0;
};
/// @brief The label of a site that belongs to no centre.
inline constexpr std::uint8_t no_label = 0xff;

/// @brief Field: when the site was recruited by its bone (days, model time; unset sites hold
/// a large value). The front's arrival times.
struct recruited_at {
    /// @brief Name in output.
    static constexpr std::string_view name = "recruited_at";
    /// @brief Days, single precision.
    using value_type = float;
};
/// @brief The recruitment time of a site not yet recruited.
inline constexpr float not_recruited = 1.0e30f;

/// @brief Field: thickness of the bone plate at a site (um), laid down on both faces.
struct bone_thickness {
    /// @brief Name in output.
    static constexpr std::string_view name = "bone_thickness";
    /// @brief Micrometres, single precision.
    using value_type = float;
    /// @brief Allowed values (um).
    static constexpr double lower = 0.0, upper = 1.0e5;
};

/// @brief One ossification centre: the bone it belongs to, where and when it appeared.
struct centre_record {
    /// @brief The bone (for the vault an index into vault_bones: the nearest lobe).
    std::size_t bone;
    /// @brief Model time of its first osteoblasts (d).
    double onset;
    /// @brief Colatitude and azimuth where it appeared (radians).
    double theta, phi;
    /// @brief True once merged into another centre (its label is free).
    bool retired = false;
};

/// @brief How a sheet grows: its size (um; the vault's radius, the clavicle's length) and the
/// areal strain rate of its membrane (1/d), both at a gestational age (d).
struct sheet_growth {
    std::function<double(double)> size_um;      ///< size at a gestational age
    std::function<double(double)> strain_rate;  ///< areal strain rate at a gestational age
};

/// @brief The growth of a vault: radius HC / (2 pi) of an individual's head.
[[nodiscard]] inline sheet_growth vault_growth_of(const head_growth& g) {
    return {[g](double ga) { return g.radius_um(duration::from_value(ga)); },
            [g](double ga) { return g.strain_rate(duration::from_value(ga)); }};
}

/**
 * @brief The state shared by one tissue's calvaria processes and policies (also the clavicle's:
 * any growing sheet with its map, its growth, its bones and their lobe field).
 */
class vault_state {
public:
    /// @brief A state on `map` growing as `growth`, whose model time 0 is gestational age
    /// `start`, whose lattice spacing is defined at size `size_ref_um`; `lobe` per site, the
    /// bone a centre appearing at a site belongs to (`bone_at`), and each bone's germ layer.
    vault_state(vault_map map, sheet_growth growth, duration start, double size_ref_um, std::vector<double> lobe,
                std::function<std::size_t(std::size_t)> bone_at, std::vector<lineage> origins)
        : map_(std::move(map)), growth_(std::move(growth)), start_(start.value()), rho_ref_(size_ref_um),
          lobe_(std::move(lobe)), bone_at_(std::move(bone_at)), origins_(std::move(origins)) {
        if (lobe_.size() != map_.size()) lobe_.assign(map_.size(), 0.0);
        at(duration::from_value(0.0));
    }
    /// @brief The vault of an individual growing as `g`: lobe field of width `lobe_width_deg`,
    /// centres named by the nearest lobe (vault_bones).
    vault_state(vault_map map, const head_growth& g, duration start, double rho_ref_um, double lobe_width_deg)
        : vault_state(std::move(map), vault_growth_of(g), start, rho_ref_um, {}, {}, {}) {
        for (std::size_t i = 0; i < lobe_.size(); ++i) lobe_[i] = map_.lobe_field(i, lobe_width_deg);
        bone_at_ = [this](std::size_t i) { return nearest_bone(map_.theta(i), map_.phi(i)); };
        for (const auto& b : vault_bones) origins_.push_back(b.origin);
    }
    vault_state(const vault_state&) = delete;             ///< holds a callback on itself
    vault_state& operator=(const vault_state&) = delete;  ///< holds a callback on itself

    /// @brief Moves the state to model time t: size, scale and strain rate.
    void at(duration t) {
        const double ga = start_ + t.value();
        rho_ = growth_.size_um(ga);
        strain_rate_ = growth_.strain_rate(ga);
        time_ = t.value();
    }

    /// @brief The map.
    [[nodiscard]] const vault_map& map() const noexcept { return map_; }
    /// @brief Gestational age (d) at model time 0.
    [[nodiscard]] double start_days() const noexcept { return start_; }
    /// @brief Model time the state was last moved to (d).
    [[nodiscard]] double time() const noexcept { return time_; }
    /// @brief Size now (um): the vault sphere's radius, the clavicle's length.
    [[nodiscard]] double radius_um() const noexcept { return rho_; }
    /// @brief Areal strain rate of the membrane now (1/d).
    [[nodiscard]] double strain_rate() const noexcept { return strain_rate_; }
    /// @brief The lattice's nominal spacing over the true spacing, squared: multiplies
    /// diffusivities given on the grid's nominal spacing, (size_ref / size)^2.
    [[nodiscard]] double diffusion_scale() const noexcept {
        const double r = rho_ref_ / rho_;
        return r * r;
    }
    /// @brief True side of site i now (um).
    [[nodiscard]] double side_um(std::size_t i) const noexcept { return map_.side_um(i, rho_); }
    /// @brief The lobe field at site i (0 to 1).
    [[nodiscard]] double lobe(std::size_t i) const noexcept { return lobe_[i]; }
    /// @brief The bone a centre appearing at site i belongs to.
    [[nodiscard]] std::size_t bone_at(std::size_t i) const { return bone_at_(i); }

    /// @brief The centres, by label.
    [[nodiscard]] const std::vector<centre_record>& centres() const noexcept { return centres_; }
    /// @brief Registers a centre, reusing the label of a retired one; returns its label, or
    /// no_label when 253 are in use.
    std::uint8_t add_centre(const centre_record& c) {
        for (std::size_t l = 0; l < centres_.size(); ++l) {
            if (centres_[l].retired) {
                centres_[l] = c;
                return static_cast<std::uint8_t>(l);
            }
        }
        if (centres_.size() >= 0xfd) return no_label;
        centres_.push_back(c);
        return static_cast<std::uint8_t>(centres_.size() - 1);
    }
    /// @brief Retires a label (merged into another centre); it may be reused.
    void retire(std::uint8_t label) noexcept {
        if (label < centres_.size()) centres_[label].retired = true;
    }
    /// @brief The germ layer of the bone a label belongs to (mesoderm for no_label).
    [[nodiscard]] lineage origin(std::uint8_t label) const noexcept {
        return label < centres_.size() && centres_[label].bone < origins_.size() ? origins_[centres_[label].bone]
                                                                                 : lineage::mesoderm;
    }
    /// @brief The bone of a label (the number of bones for no_label).
    [[nodiscard]] std::size_t bone_of(std::uint8_t label) const noexcept {
        return label < centres_.size() ? centres_[label].bone : origins_.size();
    }

private:
    vault_map map_;
    sheet_growth growth_;
    double start_, rho_ref_;
    double rho_ = 0.0, strain_rate_ = 0.0, time_ = 0.0;
    std::vector<double> lobe_;
    std::function<std::size_t(std::size_t)> bone_at_;
    std::vector<lineage> origins_;
    std::vector<centre_record> centres_;
};

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_STATE_HPP
