/// @file
/// @brief Quantity aliases of the public interface (`length`, `duration`, `rate` ...) and
/// conversions between them and plain numbers in the internal scale.
#include "../config.hpp"
#ifndef OSSIFY_UNITS_QUANTITIES_HPP
#define OSSIFY_UNITS_QUANTITIES_HPP

#include <boost/units/quantity.hpp>
#include "system.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A quantity in the tissue system with a value of type T.
/// @tparam Unit a unit of ossify::units::tissue_system
/// @tparam T the value type (double by default; float for bulk data)
template <class Unit, class T = double>
using quantity = boost::units::quantity<Unit, T>;

/// @brief A distance or size, stored in micrometres.
using length = quantity<units::length_unit>;
/// @brief An area, stored in um^2.
using area = quantity<units::area_unit>;
/// @brief A volume, stored in um^3.
using volume = quantity<units::volume_unit>;
/// @brief A time span or a point on a clock, stored in days.
using duration = quantity<units::duration_unit>;
/// @brief Events per time (a hazard, a decay constant), stored in 1/d.
using rate = quantity<units::rate_unit>;
/// @brief A speed, stored in um/d.
using velocity = quantity<units::velocity_unit>;
/// @brief An amount of substance, stored in yoctomoles.
using amount = quantity<units::amount_unit>;
/// @brief A concentration, stored in nanomolar.
using concentration = quantity<units::concentration_unit>;
/// @brief A change of concentration per time (secretion, uptake), stored in nM/d.
using concentration_rate = quantity<units::concentration_rate_unit>;
/// @brief A diffusion coefficient, stored in um^2/d.
using diffusivity = quantity<units::diffusivity_unit>;
/// @brief Count per volume (cells per mm^3 ...), stored per um^3.
using number_density = quantity<units::number_density_unit>;
/// @brief A dimensionless number (a probability, a volume fraction); converts to double.
using fraction = quantity<units::dimensionless_unit>;

namespace units {

/// @brief The plain number of a quantity in the internal scale (um, d, nM).
/// The one documented way out of the type system, for hot loops and I/O.
template <class Unit, class T>
[[nodiscard]] constexpr T internal(const boost::units::quantity<Unit, T>& q) noexcept {
    return q.value();
}

/// @brief A quantity of the given type from a plain number in the internal scale.
/// @tparam Quantity e.g. ossify::length
template <class Quantity, class T>
[[nodiscard]] constexpr Quantity from_internal(T value) noexcept {
    return Quantity::from_value(static_cast<typename Quantity::value_type>(value));
}

}  // namespace units

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_UNITS_QUANTITIES_HPP
