/// @file
/// @brief Growth of the head that drives the vault: fetal head circumference (INTERGROWTH-21st,
/// Papageorghiou et al. 2014), intracranial volume after birth (Liu et al. 2023), and WHO head
/// circumference medians (for comparison only), with an individual's centile.
///
/// The vault is modelled as a spherical cap whose equator is the head circumference HC: its
/// radius is rho = HC / (2 pi). Before birth HC follows the INTERGROWTH-21st fetal standard at
/// the individual's z-score (valid 14-40 weeks; extrapolated below 14 weeks, flagged). After
/// birth the vault grows with the brain: HC(t) = HC(birth) (ICV(t) / ICV(birth))^(1/3), with
/// the intracranial volume medians of Liu et al. 2023. The WHO tape medians (over the scalp)
/// are not used to drive the model; they are printed beside its HC.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_GROWTH_HPP
#define OSSIFY_SCENARIO_CALVARIA_GROWTH_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>

#include "../../error.hpp"
#include "../clock.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Fetal head circumference median (mm) at gestational age `ga_weeks` (INTERGROWTH-21st,
/// Papageorghiou et al. 2014, Lancet 384:869: HC = -28.2849 + 1.69267 GA^2 - 0.397485 GA^2 ln GA).
/// Valid 14-40 weeks; below 14 weeks it is an extrapolation (27 mm at 8 weeks, 49 mm at 10).
[[nodiscard]] inline double intergrowth_hc_median_mm(double ga_weeks) noexcept {
    const double g2 = ga_weeks * ga_weeks;
    return -28.2849 + 1.69267 * g2 - 0.397485 * g2 * std::log(ga_weeks);
}

/// @brief Standard deviation (mm) of fetal head circumference at `ga_weeks` (INTERGROWTH-21st:
/// SD = 1.98735 + 0.0136772 GA^3 - 0.00726264 GA^3 ln GA + 0.000976253 GA^3 (ln GA)^2; the
/// equation as implemented in the published INTERGROWTH-21st calculators, not re-read in the paper).
[[nodiscard]] inline double intergrowth_hc_sd_mm(double ga_weeks) noexcept {
    const double g3 = ga_weeks * ga_weeks * ga_weeks, l = std::log(ga_weeks);
    return 1.98735 + 0.0136772 * g3 - 0.00726264 * g3 * l + 0.000976253 * g3 * l * l;
}

/// @brief Normative intracranial volume (mL, males) at `months` after birth: Liu et al. 2023
/// (378 mL at birth, 761 at 6 months, 914 at 1 y, 1072 at 2 y, 1262 at 5 y, 1344 at 10 y),
/// joined by a monotone cubic (Fritsch-Carlson); constant after 10 years.
[[nodiscard]] inline double liu_icv_ml(double months) noexcept {
    static constexpr std::array<double, 6> t{0.0, 6.0, 12.0, 24.0, 60.0, 120.0};
    static constexpr std::array<double, 6> v{378.0, 761.0, 914.0, 1072.0, 1262.0, 1344.0};
    constexpr std::size_t n = t.size();
    if (!(months > 0.0)) return v[0];
    if (months >= t[n - 1]) return v[n - 1];
    std::array<double, n> d{}, m{};
    for (std::size_t k = 0; k + 1 < n; ++k) d[k] = (v[k + 1] - v[k]) / (t[k + 1] - t[k]);
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (std::size_t k = 1; k + 1 < n; ++k) {
        const double w1 = 2.0 * t[k + 1] - t[k] - t[k - 1], w2 = t[k + 1] + t[k] - 2.0 * t[k - 1];
        m[k] = d[k - 1] * d[k] <= 0.0 ? 0.0 : 3.0 * (t[k + 1] - t[k - 1]) / (w1 / d[k - 1] + w2 / d[k]);
    }
    std::size_t k = 0;
    while (months > t[k + 1]) ++k;
    const double h = t[k + 1] - t[k], s = (months - t[k]) / h;
    const double h00 = (2.0 * s - 3.0) * s * s + 1.0, h10 = ((s - 2.0) * s + 1.0) * s, h01 = (3.0 - 2.0 * s) * s * s,
                 h11 = (s - 1.0) * s * s;
    return h00 * v[k] + h10 * h * m[k] + h01 * v[k + 1] + h11 * h * m[k + 1];
}

/// @brief A WHO Child Growth Standards head-circumference median (tape, over scalp and hair).
struct who_hc_median {
    /// @brief Age after birth (months).
    double months;
    /// @brief Median for boys (cm).
    double boys_cm;
    /// @brief Median for girls (cm).
    double girls_cm;
};
/// @brief WHO head-circumference medians (BIOLOGY.md, K): for comparison with the model's
/// head circumference after birth, never used to drive it.
inline constexpr std::array<who_hc_median, 4> who_hc_medians{{
    {0.0, 34.5, 33.9}, {6.0, 43.3, 42.2}, {12.0, 46.1, 44.9}, {24.0, 48.3, 47.2}}};

/**
 * @brief One individual's head growth: the fetal INTERGROWTH-21st centile `z` until birth, then
 * the intracranial-volume growth of Liu et al. 2023 from that birth size.
 *
 * ```cpp
 * vault::head_growth g{0.0};                      // the median individual
 * g.hc_mm(duration::from_value(20 * 7.0));        // 173 mm at 20 gestational weeks
 * ```
 */
class head_growth {
public:
    /// @brief The median individual.
    head_growth() = default;
    /// @brief An individual at fetal HC z-score `z` (in [-4, 4]; carried to birth and beyond).
    explicit head_growth(double z) : z_(z) { require_in_range("ossify::vault::head_growth", "z", z, -4.0, 4.0); }

    /// @brief The individual's z-score.
    [[nodiscard]] double z() const noexcept { return z_; }
    /// @brief Head circumference (mm) at gestational age `ga` (days since the last menstrual
    /// period; birth at 280 d). Refuses ages below 6 weeks (the formula turns negative).
    [[nodiscard]] double hc_mm(duration ga) const {
        const double d = ga.value();
        require_in_range("ossify::vault::head_growth::hc_mm", "gestational age", d, 6.0 * 7.0, 1.0e5, "d");
        if (d <= development::birth_gestational_days) return fetal_mm(d / development::days_per_week);
        const double months = (d - development::birth_gestational_days) / development::days_per_month;
        return birth_mm() * std::cbrt(liu_icv_ml(months) / liu_icv_ml(0.0));
    }
    /// @brief Head circumference at birth (mm): INTERGROWTH-21st at 40 weeks and centile z.
    [[nodiscard]] double birth_mm() const noexcept { return fetal_mm(40.0); }
    /// @brief Radius of the vault sphere (um): HC / (2 pi).
    [[nodiscard]] double radius_um(duration ga) const { return hc_mm(ga) * 1000.0 / (2.0 * std::numbers::pi); }
    /// @brief Areal strain rate of the growing vault membrane, d ln(area)/dt = 2 d ln(HC)/dt
    /// (1/d), by a centred difference of +-0.05 d (one-sided at birth, where the curves join).
    [[nodiscard]] double strain_rate(duration ga) const {
        const double d = ga.value(), e = 0.05, b = development::birth_gestational_days;
        double lo = d - e, hi = d + e;
        if (lo < b && hi > b) (d < b ? hi : lo) = b;
        if (lo < 6.0 * 7.0) lo = 6.0 * 7.0;
        return 2.0 * std::log(hc_mm(duration::from_value(hi)) / hc_mm(duration::from_value(lo))) / (hi - lo);
    }

private:
    [[nodiscard]] double fetal_mm(double ga_weeks) const noexcept {
        return intergrowth_hc_median_mm(ga_weeks) + z_ * intergrowth_hc_sd_mm(ga_weeks);
    }
    double z_ = 0.0;
};

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_GROWTH_HPP
