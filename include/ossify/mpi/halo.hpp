/// @file
/// @brief The halo exchange of a decomposed tissue: each rank sends the planes of its slab next
/// to a neighbour into that neighbour's halo, for the per-site arrays named by a mask (bit k:
/// the k-th array of basic_lattice_state::visit_arrays: cells, attributes, fields, matrix).
#include "../config.hpp"
#ifndef OSSIFY_MPI_HALO_HPP
#define OSSIFY_MPI_HALO_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "communicator.hpp"
#include "layout.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/**
 * @brief Copies, for every array in `mask`, the owned planes next to each neighbour into that
 * neighbour's halo (and receives this rank's halo from them); the cell counts of the rewritten
 * halo sites are kept consistent. Collective over the neighbours.
 * @param t a rank's local tissue (basic_lattice_tissue)
 * @param layout its slab layout
 * @param comm the communicator
 * @param mask bit k set: exchange the k-th array of visit_arrays
 * @return the bytes this rank sent
 */
template <class Tissue, std::size_t Dim>
std::size_t exchange_halos(Tissue& t, const slab_layout<Dim>& layout, const communicator& comm, std::uint64_t mask) {
    const std::size_t m = layout.plane_sites(), n = layout.local_sites();
    const std::size_t below = layout.halo_below(), above = layout.halo_above();
    if (mask == 0 || (below == 0 && above == 0)) return 0;
    std::size_t sent = 0;
    const int rank = layout.rank();
    const std::array<std::array<std::size_t, 2>, 2> halos{{{0, below * m}, {n - above * m, n}}};
    const bool cells = (mask & 1u) != 0;  // cells.state is array 0: recount the halo sites
    const std::span<const std::array<std::size_t, 2>> ranges =
        cells ? std::span<const std::array<std::size_t, 2>>(halos) : std::span<const std::array<std::size_t, 2>>();
    t.rewrite_sites(ranges, [&](auto& state) {
        std::vector<MPI_Request> requests;
        requests.reserve(4 * 64);
        int k = 0;
        state.visit_arrays([&](std::string_view, auto values, double, double) {
            if (((mask >> k) & 1u) != 0) {
                const std::size_t bytes_per_site = values.size_bytes() / n;
                auto* base = reinterpret_cast<unsigned char*>(values.data());
                const int up = 2 * k, down = 2 * k + 1;  // tags: towards rank + 1, towards rank - 1
                MPI_Request r;
                sent += (below + above) * m * bytes_per_site;
                if (below != 0) {
                    const int bytes = communicator::count(below * m * bytes_per_site);
                    MPI_Irecv(base, bytes, MPI_BYTE, rank - 1, up, comm.get(), &r);
                    requests.push_back(r);
                    MPI_Isend(base + below * m * bytes_per_site, bytes, MPI_BYTE, rank - 1, down, comm.get(), &r);
                    requests.push_back(r);
                }
                if (above != 0) {
                    const int bytes = communicator::count(above * m * bytes_per_site);
                    MPI_Irecv(base + (n - above * m) * bytes_per_site, bytes, MPI_BYTE, rank + 1, down, comm.get(), &r);
                    requests.push_back(r);
                    MPI_Isend(base + (n - 2 * above * m) * bytes_per_site, bytes, MPI_BYTE, rank + 1, up, comm.get(), &r);
                    requests.push_back(r);
                }
            }
            ++k;
        });
        MPI_Waitall(static_cast<int>(requests.size()), requests.data(), MPI_STATUSES_IGNORE);
    });
    return sent;
}

/// @brief The bytes of one halo exchange of the arrays in `mask` that this rank sends (for
/// reports of message volume).
template <class State, std::size_t Dim>
[[nodiscard]] std::size_t halo_bytes(const State& s, const slab_layout<Dim>& layout, std::uint64_t mask) {
    const std::size_t n = layout.local_sites(), planes = layout.halo_below() + layout.halo_above();
    std::size_t bytes = 0;
    int k = 0;
    s.visit_arrays([&](std::string_view, auto values, double, double) {
        if (((mask >> k) & 1u) != 0) bytes += values.size_bytes() / n * planes * layout.plane_sites();
        ++k;
    });
    return bytes;
}

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_HALO_HPP
