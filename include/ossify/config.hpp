/// @file
/// @brief Version check, language check and the versioned inline namespace.
///
/// Across translation units the versioned inline namespace (`ossify::v0_1_0`) keeps the
/// symbols of two copies of different versions apart, so they are never silently mixed at
/// link time; within one translation unit `version.hpp` stops the build.
#pragma once
#include "version.hpp"

#ifndef OSSIFY_CONFIG_HPP
#define OSSIFY_CONFIG_HPP

#if __cplusplus < 202002L && !defined(_MSVC_LANG)
#  error "ossify needs C++20: compile with -std=c++20, or link the ossify::ossify CMake target."
#endif

#define OSSIFY_ABI_CONCAT_(a, b, c) v##a##_##b##_##c
#define OSSIFY_ABI_NAME_(a, b, c) OSSIFY_ABI_CONCAT_(a, b, c)
/// @brief The versioned inline namespace's name, e.g. `v0_1_0`.
#define OSSIFY_ABI_NAMESPACE \
    OSSIFY_ABI_NAME_(OSSIFY_VERSION_MAJOR, OSSIFY_VERSION_MINOR, OSSIFY_VERSION_PATCH)

/// @brief Opens `namespace ossify { inline namespace vX_Y_Z {`.
#define OSSIFY_NAMESPACE_BEGIN \
    namespace ossify {         \
    inline namespace OSSIFY_ABI_NAMESPACE {
/// @brief Closes what OSSIFY_NAMESPACE_BEGIN opened.
#define OSSIFY_NAMESPACE_END \
    }                        \
    }

#endif  // OSSIFY_CONFIG_HPP
