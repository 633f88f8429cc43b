// Precompiled for every unit-test executable: the heavy, stable headers, the library's umbrella
// included (parsing it costs ~10 s per translation unit; whether each public header compiles on
// its own is checked by the header tests, which do not use this).
#pragma once
#include "catch.hpp"
#include <boost/units/io.hpp>
#include <boost/units/quantity.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>
#include <ossify/ossify.hpp>
