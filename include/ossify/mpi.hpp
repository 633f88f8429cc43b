/// @file
/// @brief The MPI layer (not included by <ossify/ossify.hpp>; needs <mpi.h> and MPI at link
/// time): a lattice tissue decomposed over MPI ranks with the serial tissue's bits
/// (mpi::decomposed_tissue), its checkpoints (one file, byte for byte the serial checkpoint),
/// parallel VTK output and reduced metrics. See docs/mpi.md.
#include "config.hpp"
#ifndef OSSIFY_MPI_HPP
#define OSSIFY_MPI_HPP

#include "mpi/checkpoint.hpp"
#include "mpi/communicator.hpp"
#include "mpi/decomposed_tissue.hpp"
#include "mpi/diffuse_signals.hpp"
#include "mpi/domain.hpp"
#include "mpi/halo.hpp"
#include "mpi/layout.hpp"
#include "mpi/output.hpp"
#include "mpi/stage.hpp"
#include "mpi/structure_remodelling.hpp"
#include "mpi/traits.hpp"
#include "mpi/transpose.hpp"

#endif  // OSSIFY_MPI_HPP
