/// @file
/// @brief `mpi::slab_layout`: how a grid is split into slabs of whole planes along its slowest
/// axis (y in 2-D, z in 3-D), one slab per rank, and the halo of planes each rank keeps beside
/// its slab. Plain arithmetic (no MPI call), so it can be checked anywhere.
///
/// Sites are numbered x fastest, so a slab of planes is a contiguous range of global site
/// indices: a rank's tissue holds the planes [local_first, local_last) of the whole grid, and
/// its site i is global site i + offset().
#include "../config.hpp"
#ifndef OSSIFY_MPI_LAYOUT_HPP
#define OSSIFY_MPI_LAYOUT_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../error.hpp"
#include "../space/grid.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/**
 * @brief The slabs of a grid over `ranks` ranks and the halo of each.
 *
 * The N planes of the slowest axis are shared as evenly as possible (the first N mod P ranks
 * get one more). Each rank's tissue holds its own planes plus `halo` planes of each neighbour
 * (none beyond the grid's faces). Every slab must hold at least `halo` planes (and one), so a
 * halo comes from the next rank only: at most N / halo ranks.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
class slab_layout {
public:
    /// @brief The axis along which the grid is split.
    static constexpr std::size_t axis = Dim - 1;

    /// @brief The layout of `grid` over `ranks` ranks, as seen by rank `rank`, with `halo`
    /// planes on each side. Throws invalid_parameter when the grid has too few planes.
    slab_layout(const basic_grid<Dim>& grid, int ranks, int rank, std::size_t halo)
        : grid_(grid), ranks_(ranks), rank_(rank), halo_(halo) {
        require_in_range("ossify::mpi::slab_layout", "rank", rank, 0, ranks - 1);
        planes_ = static_cast<std::size_t>(grid.extent(axis));
        plane_sites_ = grid.size() / planes_;
        const std::size_t need = std::max<std::size_t>(halo, 1);
        if (planes_ / static_cast<std::size_t>(ranks) < need) {
            const char* name = Dim == 3 ? "z" : "y";
            throw invalid_parameter("ossify::mpi::slab_layout", "ranks", std::to_string(ranks),
                                    "at most " + std::to_string(planes_ / need) + " for a grid of " + std::to_string(planes_) +
                                        " planes along " + name + " with a halo of " + std::to_string(halo) +
                                        " planes (each rank needs at least " + std::to_string(need) +
                                        " planes of its own: use fewer ranks or a longer grid along " + name + ")");
        }
        owned_first_ = first_plane(rank);
        owned_last_ = first_plane(rank + 1);
        local_first_ = owned_first_ >= halo ? owned_first_ - halo : 0;
        local_last_ = std::min(planes_, owned_last_ + halo);
    }

    /// @brief The whole grid.
    [[nodiscard]] const basic_grid<Dim>& global_grid() const noexcept { return grid_; }
    /// @brief Number of ranks.
    [[nodiscard]] int ranks() const noexcept { return ranks_; }
    /// @brief This rank.
    [[nodiscard]] int rank() const noexcept { return rank_; }
    /// @brief Halo planes on each side (fewer at the grid's faces).
    [[nodiscard]] std::size_t halo() const noexcept { return halo_; }
    /// @brief Planes of the whole grid along the split axis.
    [[nodiscard]] std::size_t planes() const noexcept { return planes_; }
    /// @brief Sites per plane.
    [[nodiscard]] std::size_t plane_sites() const noexcept { return plane_sites_; }
    /// @brief First plane of rank q's slab (q = ranks gives the number of planes).
    [[nodiscard]] std::size_t first_plane(int q) const noexcept {
        const std::size_t p = static_cast<std::size_t>(ranks_), k = static_cast<std::size_t>(q);
        return k * (planes_ / p) + std::min(k, planes_ % p);
    }
    /// @brief The rank owning plane `plane`.
    [[nodiscard]] int owner_of(std::size_t plane) const noexcept {
        int lo = 0, hi = ranks_ - 1;
        while (lo < hi) {
            const int mid = (lo + hi + 1) / 2;
            if (first_plane(mid) <= plane) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
    /// @brief First plane this rank owns.
    [[nodiscard]] std::size_t owned_first() const noexcept { return owned_first_; }
    /// @brief One past the last plane this rank owns.
    [[nodiscard]] std::size_t owned_last() const noexcept { return owned_last_; }
    /// @brief First plane this rank's tissue holds (owned or halo).
    [[nodiscard]] std::size_t local_first() const noexcept { return local_first_; }
    /// @brief One past the last plane this rank's tissue holds.
    [[nodiscard]] std::size_t local_last() const noexcept { return local_last_; }
    /// @brief Halo planes below the slab (0 on the first rank).
    [[nodiscard]] std::size_t halo_below() const noexcept { return owned_first_ - local_first_; }
    /// @brief Halo planes above the slab (0 on the last rank).
    [[nodiscard]] std::size_t halo_above() const noexcept { return local_last_ - owned_last_; }
    /// @brief Global index of the rank's site 0.
    [[nodiscard]] std::uint64_t offset() const noexcept { return static_cast<std::uint64_t>(local_first_ * plane_sites_); }
    /// @brief Sites of the rank's tissue.
    [[nodiscard]] std::size_t local_sites() const noexcept { return (local_last_ - local_first_) * plane_sites_; }
    /// @brief The rank's first owned site (local index).
    [[nodiscard]] std::size_t owned_begin() const noexcept { return halo_below() * plane_sites_; }
    /// @brief One past the rank's last owned site (local index).
    [[nodiscard]] std::size_t owned_end() const noexcept { return (owned_last_ - local_first_) * plane_sites_; }
    /// @brief The grid of the rank's tissue: the whole grid's extents and spacing, with the
    /// planes [local_first, local_last) along the split axis.
    [[nodiscard]] basic_grid<Dim> local_grid() const {
        auto e = grid_.extent();
        e[axis] = static_cast<std::int32_t>(local_last_ - local_first_);
        return basic_grid<Dim>(e, grid_.spacing());
    }
    /// @brief Global coordinates of local coordinates.
    [[nodiscard]] typename basic_grid<Dim>::site_type to_global(typename basic_grid<Dim>::site_type s) const noexcept {
        s[axis] += static_cast<std::int32_t>(local_first_);
        return s;
    }
    /// @brief True when the rank's tissue holds the global site `s` (owned or halo).
    [[nodiscard]] bool holds(const typename basic_grid<Dim>::site_type& s) const noexcept {
        const auto p = static_cast<std::size_t>(s[axis]);
        return s[axis] >= 0 && p >= local_first_ && p < local_last_;
    }
    /// @brief Local coordinates of a global site the rank holds.
    [[nodiscard]] typename basic_grid<Dim>::site_type to_local(typename basic_grid<Dim>::site_type s) const noexcept {
        s[axis] -= static_cast<std::int32_t>(local_first_);
        return s;
    }

private:
    basic_grid<Dim> grid_;
    int ranks_;
    int rank_;
    std::size_t halo_;
    std::size_t planes_ = 0, plane_sites_ = 0;
    std::size_t owned_first_ = 0, owned_last_ = 0, local_first_ = 0, local_last_ = 0;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_LAYOUT_HPP
