/// @file
/// @brief The tissue unit system: micrometre, day and yoctomole as base units.
///
/// Why these three: cells are tens of micrometres across and tissues develop over days, so
/// both sit near 1 in this system. The amount unit is the yoctomole (1e-24 mol, about 0.6
/// molecules) because then the system's unit of concentration, ymol/um^3, is exactly one
/// nanomolar (1e-24 mol / 1e-15 L = 1e-9 mol/L), the scale of morphogens such as BMP2.
/// The system's own units are also the library's internal scale: hot loops keep plain
/// doubles in um, d and nM (see docs/units.md).
#include "../config.hpp"
#ifndef OSSIFY_UNITS_SYSTEM_HPP
#define OSSIFY_UNITS_SYSTEM_HPP

#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/mole.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/conversion.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions/amount.hpp>
#include <boost/units/physical_dimensions/area.hpp>
#include <boost/units/physical_dimensions/length.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/physical_dimensions/velocity.hpp>
#include <boost/units/physical_dimensions/volume.hpp>
#include <boost/units/static_constant.hpp>
#include <boost/units/unit.hpp>

// Base units live outside the versioned namespace on purpose: Boost.Units identifies a base
// unit by its ordinal, so two vendored copies of different versions that both defined one
// would clash with a clear Boost error rather than coexist. The ordinals 31701-31703 are
// otherwise unused by Boost (its own base units use negative ordinals).
namespace ossify::units_base {

/// @brief Base unit of length: the micrometre (um).
struct micrometre_base_unit
    : boost::units::base_unit<micrometre_base_unit, boost::units::length_dimension, 31701> {
    /// @brief Long name used by Boost.Units' name format.
    static constexpr const char* name() { return "micrometre"; }
    /// @brief Symbol used by Boost.Units' symbol format.
    static constexpr const char* symbol() { return "um"; }
};

/// @brief Base unit of time: the day (d), 86400 s exactly.
struct day_base_unit : boost::units::base_unit<day_base_unit, boost::units::time_dimension, 31702> {
    /// @brief Long name.
    static constexpr const char* name() { return "day"; }
    /// @brief Symbol.
    static constexpr const char* symbol() { return "d"; }
};

/// @brief Base unit of amount of substance: the yoctomole (1e-24 mol), so that
/// ymol/um^3 is exactly one nanomolar.
struct yoctomole_base_unit
    : boost::units::base_unit<yoctomole_base_unit, boost::units::amount_dimension, 31703> {
    /// @brief Long name.
    static constexpr const char* name() { return "yoctomole"; }
    /// @brief Symbol.
    static constexpr const char* symbol() { return "ymol"; }
};

}  // namespace ossify::units_base

// Exact conversion factors to SI: 1 um = 1e-6 m, 1 d = 86400 s, 1 ymol = 1e-24 mol.
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(ossify::units_base::micrometre_base_unit,
                                     boost::units::si::meter_base_unit, double, 1.0e-6);
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(ossify::units_base::day_base_unit,
                                     boost::units::si::second_base_unit, double, 86400.0);
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(ossify::units_base::yoctomole_base_unit,
                                     boost::units::si::mole_base_unit, double, 1.0e-24);

OSSIFY_NAMESPACE_BEGIN
namespace units {

namespace bu = boost::units;

/// @brief The Boost.Units system with base units um, d and ymol.
using tissue_system = bu::make_system<units_base::micrometre_base_unit, units_base::day_base_unit,
                                      units_base::yoctomole_base_unit>::type;

/// @brief Dimension of a concentration (amount per volume).
using concentration_dimension =
    bu::derived_dimension<bu::amount_base_dimension, 1, bu::length_base_dimension, -3>::type;
/// @brief Dimension of a diffusivity (area per time).
using diffusivity_dimension =
    bu::derived_dimension<bu::length_base_dimension, 2, bu::time_base_dimension, -1>::type;
/// @brief Dimension of a rate (per time).
using rate_dimension = bu::derived_dimension<bu::time_base_dimension, -1>::type;
/// @brief Dimension of a number density (per volume).
using number_density_dimension = bu::derived_dimension<bu::length_base_dimension, -3>::type;
/// @brief Dimension of a rate of change of concentration (secretion, uptake).
using concentration_rate_dimension =
    bu::derived_dimension<bu::amount_base_dimension, 1, bu::length_base_dimension, -3,
                          bu::time_base_dimension, -1>::type;

/// @brief Unit of length in the tissue system (um).
using length_unit = bu::unit<bu::length_dimension, tissue_system>;
/// @brief Unit of area (um^2).
using area_unit = bu::unit<bu::area_dimension, tissue_system>;
/// @brief Unit of volume (um^3).
using volume_unit = bu::unit<bu::volume_dimension, tissue_system>;
/// @brief Unit of time (d).
using duration_unit = bu::unit<bu::time_dimension, tissue_system>;
/// @brief Unit of rate (1/d).
using rate_unit = bu::unit<rate_dimension, tissue_system>;
/// @brief Unit of velocity (um/d).
using velocity_unit = bu::unit<bu::velocity_dimension, tissue_system>;
/// @brief Unit of amount (ymol).
using amount_unit = bu::unit<bu::amount_dimension, tissue_system>;
/// @brief Unit of concentration (nM, i.e. ymol/um^3).
using concentration_unit = bu::unit<concentration_dimension, tissue_system>;
/// @brief Unit of concentration change per time (nM/d).
using concentration_rate_unit = bu::unit<concentration_rate_dimension, tissue_system>;
/// @brief Unit of diffusivity (um^2/d).
using diffusivity_unit = bu::unit<diffusivity_dimension, tissue_system>;
/// @brief Unit of number density (1/um^3).
using number_density_unit = bu::unit<number_density_dimension, tissue_system>;
/// @brief The dimensionless unit.
using dimensionless_unit = bu::unit<bu::dimensionless_type, tissue_system>;

/// @brief Unit constants for writing `3.0 * units::um`; the literals in ossify::literals
/// are the shorter way.
BOOST_UNITS_STATIC_CONSTANT(um, length_unit);
BOOST_UNITS_STATIC_CONSTANT(um2, area_unit);
BOOST_UNITS_STATIC_CONSTANT(um3, volume_unit);
BOOST_UNITS_STATIC_CONSTANT(day, duration_unit);
BOOST_UNITS_STATIC_CONSTANT(per_day, rate_unit);
BOOST_UNITS_STATIC_CONSTANT(um_per_day, velocity_unit);
BOOST_UNITS_STATIC_CONSTANT(nM, concentration_unit);
BOOST_UNITS_STATIC_CONSTANT(nM_per_day, concentration_rate_unit);
BOOST_UNITS_STATIC_CONSTANT(um2_per_day, diffusivity_unit);
BOOST_UNITS_STATIC_CONSTANT(per_um3, number_density_unit);

}  // namespace units
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_UNITS_SYSTEM_HPP
