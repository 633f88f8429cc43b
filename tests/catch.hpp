// Catch2 2.13 (Debian 12) and 3.x behind one include. Avoid matchers: their names changed.
#pragma once
#if __has_include(<catch2/catch_test_macros.hpp>)
#  include <catch2/catch_approx.hpp>
#  include <catch2/catch_test_macros.hpp>
using Catch::Approx;
#else
#  include <catch2/catch.hpp>
#endif
