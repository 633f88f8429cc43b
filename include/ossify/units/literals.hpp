/// @file
/// @brief User-defined literals for tissue quantities: `10.0_um`, `3.0_d`, `12.0_h`, `5.0_nM`.
#include "../config.hpp"
#ifndef OSSIFY_UNITS_LITERALS_HPP
#define OSSIFY_UNITS_LITERALS_HPP

#include "quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Literals for lengths, durations, concentrations, diffusivities and densities.
/// Bring them in with `using namespace ossify::literals;`. Every literal accepts both
/// `2.0_um` and `2_um`.
inline namespace literals {

namespace detail_literals {
template <class Quantity>
constexpr Quantity make(long double v, double factor) noexcept {
    return Quantity::from_value(static_cast<double>(v) * factor);
}
}  // namespace detail_literals

#define OSSIFY_DEFINE_LITERAL_(suffix, Quantity, factor)                                     \
    /** @brief A Quantity literal (internal value times factor). */                        \
    constexpr Quantity operator""_##suffix(long double v) noexcept {                        \
        return detail_literals::make<Quantity>(v, factor);                                  \
    }                                                                                        \
    /** @brief A Quantity literal from an integer. */                                       \
    constexpr Quantity operator""_##suffix(unsigned long long v) noexcept {                 \
        return detail_literals::make<Quantity>(static_cast<long double>(v), factor);        \
    }

// Lengths (internal scale: um).
OSSIFY_DEFINE_LITERAL_(nm, length, 1.0e-3)
OSSIFY_DEFINE_LITERAL_(um, length, 1.0)
OSSIFY_DEFINE_LITERAL_(mm, length, 1.0e3)
OSSIFY_DEFINE_LITERAL_(cm, length, 1.0e4)
// Areas and volumes.
OSSIFY_DEFINE_LITERAL_(um2, area, 1.0)
OSSIFY_DEFINE_LITERAL_(mm2, area, 1.0e6)
OSSIFY_DEFINE_LITERAL_(um3, volume, 1.0)
OSSIFY_DEFINE_LITERAL_(mm3, volume, 1.0e9)
// Durations (internal scale: d).
OSSIFY_DEFINE_LITERAL_(s, duration, 1.0 / 86400.0)
OSSIFY_DEFINE_LITERAL_(min, duration, 1.0 / 1440.0)
OSSIFY_DEFINE_LITERAL_(h, duration, 1.0 / 24.0)
OSSIFY_DEFINE_LITERAL_(d, duration, 1.0)
OSSIFY_DEFINE_LITERAL_(wk, duration, 7.0)
OSSIFY_DEFINE_LITERAL_(yr, duration, 365.25)  // Julian year
// Rates (internal scale: 1/d).
OSSIFY_DEFINE_LITERAL_(per_s, rate, 86400.0)
OSSIFY_DEFINE_LITERAL_(per_h, rate, 24.0)
OSSIFY_DEFINE_LITERAL_(per_d, rate, 1.0)
// Velocities (internal scale: um/d).
OSSIFY_DEFINE_LITERAL_(um_per_d, velocity, 1.0)
OSSIFY_DEFINE_LITERAL_(um_per_h, velocity, 24.0)
// Concentrations (internal scale: nM).
OSSIFY_DEFINE_LITERAL_(pM, concentration, 1.0e-3)
OSSIFY_DEFINE_LITERAL_(nM, concentration, 1.0)
OSSIFY_DEFINE_LITERAL_(uM, concentration, 1.0e3)
// Diffusivities (internal scale: um^2/d).
OSSIFY_DEFINE_LITERAL_(um2_per_s, diffusivity, 86400.0)
OSSIFY_DEFINE_LITERAL_(um2_per_d, diffusivity, 1.0)
OSSIFY_DEFINE_LITERAL_(mm2_per_d, diffusivity, 1.0e6)
// Number densities (internal scale: 1/um^3).
OSSIFY_DEFINE_LITERAL_(per_um3, number_density, 1.0)
OSSIFY_DEFINE_LITERAL_(per_mm3, number_density, 1.0e-9)

#undef OSSIFY_DEFINE_LITERAL_

}  // namespace literals

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_UNITS_LITERALS_HPP
