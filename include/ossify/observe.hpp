/// @file
/// @brief Umbrella header of the observe layer: metrics, writers, pictures, progress.
#include "config.hpp"
#ifndef OSSIFY_OBSERVE_HPP
#define OSSIFY_OBSERVE_HPP
#include "observe/atomic_file.hpp"
#include "observe/csv.hpp"
#include "observe/metrics.hpp"
#include "observe/image.hpp"
#include "observe/picture.hpp"
#include "observe/png.hpp"
#include "observe/progress.hpp"
#include "observe/tissue_output.hpp"
#include "observe/vtk.hpp"
#include "observe/observers.hpp"
#endif
