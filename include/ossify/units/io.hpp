/// @file
/// @brief Printing quantities with readable symbols (`10 um`, `3 d`, `5 nM`) and
/// conversion to and from SI.
#include "../config.hpp"
#ifndef OSSIFY_UNITS_IO_HPP
#define OSSIFY_UNITS_IO_HPP

#include <string>

#include <boost/units/io.hpp>
#include <boost/units/systems/si/base.hpp>
#include "quantities.hpp"

// Readable symbols: "nM" rather than "ymol um^-3". Boost.Units looks these overloads up for
// the exact (reduced) unit type, so they must live in namespace boost::units.
namespace boost::units {
/// @brief Prints a tissue concentration as "nM".
inline std::string symbol_string(const ::ossify::units::concentration_unit&) { return "nM"; }
/// @brief Long name of a tissue concentration.
inline std::string name_string(const ::ossify::units::concentration_unit&) { return "nanomolar"; }
/// @brief Prints a concentration rate as "nM d^-1".
inline std::string symbol_string(const ::ossify::units::concentration_rate_unit&) {
    return "nM d^-1";
}
/// @brief Long name of a concentration rate.
inline std::string name_string(const ::ossify::units::concentration_rate_unit&) {
    return "nanomolar per day";
}
}  // namespace boost::units

OSSIFY_NAMESPACE_BEGIN
namespace units {

/// @brief The same quantity expressed in SI units (m, s, mol), exactly converted.
/// @tparam Unit a unit of the tissue system
template <class Unit, class T>
[[nodiscard]] auto to_si(const boost::units::quantity<Unit, T>& q) {
    using si_unit = boost::units::unit<typename Unit::dimension_type, boost::units::si::system>;
    return boost::units::quantity<si_unit, T>(q);
}

/// @brief A tissue-system quantity from an SI quantity of the same dimension.
template <class Unit, class T>
[[nodiscard]] auto from_si(const boost::units::quantity<Unit, T>& q) {
    using tissue_unit = boost::units::unit<typename Unit::dimension_type, tissue_system>;
    return boost::units::quantity<tissue_unit, T>(q);
}

/// @brief "12.5 um", "3 d", "5 nM": the value and the unit symbol.
template <class Unit, class T>
[[nodiscard]] std::string to_string(const boost::units::quantity<Unit, T>& q) {
    return boost::units::to_string(q);
}

}  // namespace units
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_UNITS_IO_HPP
