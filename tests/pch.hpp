// Precompiled for every unit-test executable: the heavy, stable headers.
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
