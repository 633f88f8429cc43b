/// @file
/// @brief Built-in signals of intramembranous ossification (BMP2, Noggin, VEGF, FGF8, a
/// Dlx5-like bone-front signal) with their default diffusivities and decay rates.
///
/// Sources are in /work/shared/BIOLOGY.md. Decay rates are not measured in the tissue we
/// model; each is "assumed" below with its reasoning. Every value can be overridden at run
/// time through the signal_set's diffusion_parameters.
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_SIGNALS_HPP
#define OSSIFY_SIGNAL_SIGNALS_HPP

#include <numbers>
#include <string_view>

#include "../units/quantities.hpp"
#include "concepts.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief Seconds per day: converts um^2/s to the internal um^2/d.
inline constexpr double seconds_per_day = 86400.0;
/// @brief A first-order decay rate (1/d) from a half-life in hours: k = ln 2 / t_half.
constexpr double rate_from_half_life_h(double hours) noexcept { return std::numbers::ln2 * 24.0 / hours; }
}  // namespace detail

/**
 * @brief BMP2 (bone morphogenetic protein 2): drives mesenchyme to the osteogenic lineage;
 * with its inhibitor Noggin an activator-inhibitor pair that can place ossification centres.
 */
struct bmp2 {
    /** @brief The signal's name. */
    static constexpr std::string_view name = "bmp2";
    /** @brief D = 2 um^2/s: Bmp2b in zebrafish embryos, Pomreinke et al. 2017, eLife. */
    static diffusivity default_diffusivity() { return diffusivity::from_value(2.0 * detail::seconds_per_day); }
    /** @brief k = ln2 / 1 h (16.6 /d). Assumed: no tissue half-life is in our sources; a 1 h
     *  half-life with D = 2 um^2/s gives a decay length sqrt(D/k) ~ 100 um, a few cell
     *  diameters to one fetal trabecula's thickness (Peyrin et al. 2005), the range over
     *  which a condensation patterns. */
    static rate default_decay() { return rate::from_value(detail::rate_from_half_life_h(1.0)); }
};

/**
 * @brief Noggin, the BMP inhibitor (the inhibitor of the BMP activator-inhibitor pair).
 */
struct noggin {
    /** @brief The signal's name. */
    static constexpr std::string_view name = "noggin";
    /** @brief D = 6 um^2/s: the value for Chordin, the other secreted BMP inhibitor, in
     *  zebrafish (Pomreinke et al. 2017); Noggin's own value is not in our sources. */
    static diffusivity default_diffusivity() { return diffusivity::from_value(6.0 * detail::seconds_per_day); }
    /** @brief k = ln2 / 1 h. Assumed, as for bmp2, so that the inhibitor reaches
     *  sqrt(3) times further than the activator (the Turing condition needs it longer-range). */
    static rate default_decay() { return rate::from_value(detail::rate_from_half_life_h(1.0)); }
};

/**
 * @brief VEGF: couples vessel growth to bone formation (secreted by hypoxic cells and
 * osteoblasts, attracts endothelial sprouts).
 */
struct vegf {
    /** @brief The signal's name. */
    static constexpr std::string_view name = "vegf";
    /** @brief D = 1e-6 cm^2/s = 100 um^2/s (BMC Systems Biology 2008 VEGF transport model;
     *  flagged K in BIOLOGY.md). */
    static diffusivity default_diffusivity() { return diffusivity::from_value(100.0 * detail::seconds_per_day); }
    /** @brief k = ln2 / 1 h. Assumed: gives a decay length ~700 um, several capillary
     *  spacings (every cell lies within 100-200 um of a capillary, Lovett et al. 2009),
     *  so a hypoxic region is seen by the vessels around it. */
    static rate default_decay() { return rate::from_value(detail::rate_from_half_life_h(1.0)); }
};

/**
 * @brief FGF8: suture biology (FGF signalling keeps sutures patent; FGFR2 gain of
 * function fuses them).
 */
struct fgf8 {
    /** @brief The signal's name. */
    static constexpr std::string_view name = "fgf8";
    /** @brief D = 53 um^2/s: Fgf8 in zebrafish embryos, Yu et al. 2009, Nature. */
    static diffusivity default_diffusivity() { return diffusivity::from_value(53.0 * detail::seconds_per_day); }
    /** @brief k = ln2 / 1 h. Assumed (no value in our sources), like the other ligands:
     *  decay length ~500 um, the width of a suture region and its fronts. */
    static rate default_decay() { return rate::from_value(detail::rate_from_half_life_h(1.0)); }
};

/**
 * @brief A Dlx5-like signal secreted at the advancing bone front that drives growth at
 * the bone edges (the growth signal of Garzon-Alvarado et al. 2013).
 */
struct dlx5_front {
    /** @brief The signal's name. */
    static constexpr std::string_view name = "dlx5_front";
    /** @brief D = 1 um^2/s. Assumed: Garzon-Alvarado et al. 2013 use dimensionless values;
     *  the signal must act only a few cells ahead of the front, so we take a small protein
     *  diffusivity (below BMP2's 2 um^2/s). */
    static diffusivity default_diffusivity() { return diffusivity::from_value(1.0 * detail::seconds_per_day); }
    /** @brief k = ln2 / 30 min (33 /d). Assumed: with D = 1 um^2/s gives a decay length
     *  ~50 um, two to three cell diameters ahead of the front. */
    static rate default_decay() { return rate::from_value(detail::rate_from_half_life_h(0.5)); }
};

static_assert(signal_type<bmp2> && signal_type<noggin> && signal_type<vegf> && signal_type<fgf8> &&
              signal_type<dlx5_front>);

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_SIGNALS_HPP
