// Compile-time facts about the units layer: compiling this file is the test.
#include <ossify/units.hpp>

#include <type_traits>

namespace {
using namespace ossify;
using namespace ossify::literals;

static_assert(std::is_same_v<decltype(1.0_um / 1.0_d), velocity>);
static_assert(std::is_same_v<decltype(1.0_um * 1.0_um), area>);
static_assert(std::is_same_v<decltype(1.0_um * 1.0_um * 1.0_um), volume>);
static_assert(std::is_same_v<decltype(1.0 / 1.0_d), rate>);
static_assert(std::is_same_v<decltype(1.0_um2_per_s / 1.0_um), velocity>);
static_assert(std::is_same_v<decltype(1.0_nM / 1.0_d), concentration_rate>);
static_assert(std::is_same_v<decltype(1.0_nM * 1.0_um3), amount>);
static_assert(std::is_same_v<decltype(1.0_per_mm3 * 1.0_mm3), fraction>);
static_assert(std::is_same_v<decltype(1.0_h * 1.0_per_d), fraction>);

// Literals are constant expressions in the internal scale (um, d, nM).
static_assert((1.0_mm).value() == 1000.0);
static_assert((1.0_d).value() == 1.0);
static_assert((2.0_wk).value() == 14.0);
static_assert((1.0_uM).value() == 1000.0);
static_assert((1.0_um2_per_s).value() == 86400.0);
static_assert(units::internal(3.0_um) == 3.0);

// Quantities are small: a length is one double.
static_assert(sizeof(length) == sizeof(double));
static_assert(std::is_copy_constructible_v<duration> && std::is_trivially_destructible_v<duration>);

// Different dimensions do not convert into each other.
static_assert(!std::is_convertible_v<length, duration>);
static_assert(!std::is_convertible_v<rate, duration>);
static_assert(!std::is_convertible_v<double, length>);
static_assert(!std::is_convertible_v<concentration, diffusivity>);
}  // namespace
