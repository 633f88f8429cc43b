/// @file
/// @brief Published values the calvaria is compared with, each with its source and flag
/// (V read in the source, K standard citation not re-read, S read in a secondary summary only).
/// Fetal bone sizes are the CT regressions of Grzonkowska, Baumgart, Szpinda and colleagues
/// (37 fetuses, 18-30 weeks; evaluated here only inside that range).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_PUBLISHED_HPP
#define OSSIFY_SCENARIO_CALVARIA_PUBLISHED_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <string_view>

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief What a fetal size regression describes.
enum class fetal_quantity : unsigned char {
    projected_area,  ///< projection surface area (mm^2)
    sagittal,        ///< extent in the sagittal plane (mm)
    coronal          ///< extent in the coronal plane (mm)
};

/// @brief One published fetal regression y(GA) = a + b GA^p (GA in weeks), with its residual.
struct fetal_regression {
    std::size_t bone;         ///< reported bone (measure.hpp indices; left side used)
    fetal_quantity quantity;  ///< what it measures
    double a, b, power;       ///< y = a + b GA^power
    double residual;          ///< the +- printed with the regression (same unit; 0 when unusable)
    std::string_view source;  ///< citation and flag
    /// @brief The regression at `ga_weeks`.
    [[nodiscard]] double at(double ga_weeks) const noexcept { return a + b * std::pow(ga_weeks, power); }
};

/// @brief The fetal regressions used (valid 18-30 weeks). The frontal squama's "vertical" and
/// "transverse" diameters are compared with its sagittal- and coronal-plane extents; the
/// temporal squama's "vertical" with its coronal-plane extent and its "sagittal" with the
/// sagittal one. Residuals of the area regressions are printed as +- 0.49 and +- 2.2 mm^2,
/// which cannot be the spread of areas of hundreds of mm^2; they are not used (flag).
inline constexpr std::array<fetal_regression, 9> fetal_regressions{{
    {2, fetal_quantity::sagittal, 16.322, 0.0347, 2.0, 1.323,
     "Grzonkowska et al. 2023, Folia Morphol 82:307 (parietal; abstract, V)"},
    {2, fetal_quantity::coronal, 21.746, 0.000025, 4.0, 1.256, "Grzonkowska et al. 2023 (parietal; V)"},
    {2, fetal_quantity::projected_area, 284.1895, 0.051, 3.0, 0.0, "Grzonkowska et al. 2023 (parietal; V)"},
    {0, fetal_quantity::sagittal, 13.756, 0.021, 2.0, 0.0,
     "Grzonkowska et al., frontal squama, vertical diameter (abstract, V; residual 0.024 unusable)"},
    {0, fetal_quantity::coronal, 0.956, 0.956, 1.0, 0.823, "Grzonkowska et al., frontal squama, transverse (V)"},
    {0, fetal_quantity::projected_area, 38.285, 0.889, 2.0, 0.0, "Grzonkowska et al., frontal squama (V)"},
    {4, fetal_quantity::coronal, -0.727, 0.7682, 1.0, 1.256,
     "Grzonkowska et al. 2023, PLoS ONE 18:e0295590 (squamous temporal, vertical; V)"},
    {4, fetal_quantity::sagittal, 5.434, 0.000019, 4.0, 1.617, "Grzonkowska et al. 2023 (squamous temporal; V)"},
    {4, fetal_quantity::projected_area, -4.086, 0.00029, 4.0, 0.0, "Grzonkowska et al. 2023 (squamous temporal; V)"},
}};

/// @brief A published value at an age after birth, with an interval when one is given.
struct postnatal_value {
    std::string_view name;     ///< measurement name (snake_case)
    std::size_t gap;           ///< index into vault_gap_list (or the quantity's own index)
    double months;             ///< age after birth
    double value;              ///< published value
    double low, high;          ///< interval (equal to value when none)
    std::string_view unit;     ///< unit
    std::string_view source;   ///< citation and flag
};

/// @brief Anterior fontanelle: CT surface area (Pindrik et al. 2014, median of 15-23 scans per
/// month; abstract, V) and clinical size, the mean of length and width (Wu & Li 2012; BIOLOGY.md, V).
inline constexpr std::array<postnatal_value, 6> fontanelle_values{{
    {"anterior_fontanelle_area_mm2", 0, 0.0, 769.3, 769.3, 769.3, "mm^2", "Pindrik et al. 2014 (median; V)"},
    {"anterior_fontanelle_area_mm2", 0, 2.0, 1022.2, 1022.2, 1022.2, "mm^2", "Pindrik et al. 2014 (median; V)"},
    {"anterior_fontanelle_size_mm", 0, 0.0, 15.0, 6.0, 36.0, "mm",
     "Wu & Li 2012 (V); range 0.6-3.6 cm at birth, Popich & Smith 1972 (K)"},
    {"anterior_fontanelle_size_mm", 0, 1.0, 22.0, 22.0, 22.0, "mm", "Wu & Li 2012 (largest, V)"},
    {"anterior_fontanelle_size_mm", 0, 12.0, 10.0, 10.0, 10.0, "mm", "Wu & Li 2012 (V)"},
    {"posterior_fontanelle_size_mm", 1, 0.0, 8.0, 8.0, 8.0, "mm", "Esmaeili et al. 2015 (mean; V)"},
}};

/// @brief Suture widths on CT (Mitchell et al. 2011, AJNR 32:1801, proximal widths, mean; V).
inline constexpr std::array<postnatal_value, 5> suture_values{{
    {"sagittal_suture_width_mm", 7, 0.0, 5.0, 5.0, 5.0, "mm", "Mitchell et al. 2011 (V)"},
    {"sagittal_suture_width_mm", 7, 1.0, 2.4, 2.4, 2.4, "mm", "Mitchell et al. 2011 (V)"},
    {"coronal_suture_width_mm", 8, 0.0, 2.5, 2.5, 2.5, "mm", "Mitchell et al. 2011 (V)"},
    {"coronal_suture_width_mm", 8, 1.0, 1.3, 1.3, 1.3, "mm", "Mitchell et al. 2011 (V)"},
    {"coronal_suture_width_mm", 8, 12.0, 0.8, 0.8, 0.8, "mm", "Mitchell et al. 2011 (V)"},
}};

/// @brief Share of infants whose fontanelle or suture has closed by an age.
struct closure_share {
    std::size_t gap;           ///< index into vault_gap_list
    double months;             ///< age after birth
    double share;              ///< published share closed
    std::string_view source;   ///< citation and flag
};
/// @brief Published closure shares by age (population fractions).
inline constexpr std::array<closure_share, 11> closure_shares{{
    {0, 6.0, 0.04, "Pindrik et al. 2014: 3-5 % at 5-6 months (V)"},
    {0, 10.0, 0.16, "Pindrik et al. 2014 (V)"},
    {0, 12.0, 0.265, "Wu & Li 2012 via a secondary summary (S)"},
    {0, 13.8, 0.50, "Duc & Largo 1986: median 13.8 months (S)"},
    {0, 16.0, 0.53, "Pindrik et al. 2014 (V)"},
    {0, 20.0, 0.88, "Pindrik et al. 2014 (V)"},
    {0, 24.0, 0.93, "Wu & Li 2012 via a secondary summary (S)"},
    {1, 2.0, 1.0, "Esmaeili et al. 2015: closed in all by 2 months (V)"},
    {6, 3.0, 0.385, "Pindrik et al. 2016 (metopic, CT; S)"},
    {6, 6.0, 0.692, "Pindrik et al. 2016 (S)"},
    {6, 9.0, 1.0, "Pindrik et al. 2016 (S); all by 9-19 months, Vu et al. 2001, Teager et al. 2019 (V)"},
}};

/// @brief Mean vault thickness (mm) at X years, 1 <= X <= 8: 5.3 - 3.5 10^(-0.14 (X - 1))
/// (Zaichenko 1985, Arkh Anat Gistol Embriol 88:81, saw-cuts of 60 vaults; abstract, V).
[[nodiscard]] inline double zaichenko_thickness_mm(double years) noexcept {
    return 5.3 - 3.5 * std::pow(10.0, -0.14 * (years - 1.0));
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_PUBLISHED_HPP
