/// @file
/// @brief The library version. CMake reads the three `#define` lines into `project(VERSION)`.
///
/// When a second copy of the headers with another version has already defined these macros
/// in this translation unit (a vendored copy next to an installed one, say), compilation
/// stops here with a message instead of silently mixing the two. Every ossify header
/// includes `config.hpp`, and so this file, *before* its own include guard, which is what
/// lets the check see the second copy.
#pragma once

#if defined(OSSIFY_VERSION_MAJOR) && \
    !(OSSIFY_VERSION_MAJOR == 0 && OSSIFY_VERSION_MINOR == 1 && OSSIFY_VERSION_PATCH == 0)
#  error "ossify: two different versions of the ossify headers meet in one translation unit (this copy is 0.1.0). Put only one copy on the include path: look for a vendored and an installed ossify."
#endif

#ifndef OSSIFY_VERSION_MAJOR
#define OSSIFY_VERSION_MAJOR 0
#define OSSIFY_VERSION_MINOR 1
#define OSSIFY_VERSION_PATCH 0
#endif
