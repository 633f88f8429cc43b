/// @file
/// @brief `mpi::structure_remodelling`: the structure process of a decomposed tissue. The
/// outside (non-bone sites connected to the grid's boundary through non-bone sites) is a global
/// property, so it is found by a distributed flood fill: each rank fills its own planes from the
/// grid's faces it holds, then the ranks exchange the outside flags of their boundary planes and
/// fill on from there, until no rank marks a new site (an allreduce). The result is exactly the
/// serial outside set; the outer surface, the marrow and the outward migration of surface cells
/// then follow as in the serial process, on each rank's sites.
#include "../config.hpp"
#ifndef OSSIFY_MPI_STRUCTURE_REMODELLING_HPP
#define OSSIFY_MPI_STRUCTURE_REMODELLING_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../process/structure_remodelling.hpp"
#include "domain.hpp"
#include "traits.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/// @brief Exchanges `k` planes of a per-site array of bytes (each site `width` bytes) between
/// neighbours: the rank's k planes next to each neighbour go into the k halo planes next to the
/// rank's own planes there. Collective over the neighbours.
template <std::size_t Dim>
void exchange_planes(unsigned char* data, std::size_t width, const slab_layout<Dim>& layout, const communicator& comm,
                     std::size_t k, int tag) {
    const std::size_t m = layout.plane_sites() * width;
    const std::size_t below = layout.halo_below(), above = layout.halo_above();
    const std::size_t first = below * m, last = (layout.owned_last() - layout.local_first()) * m;
    std::array<MPI_Request, 4> r{};
    int n = 0;
    const int bytes = communicator::count(k * m);
    if (below != 0) {
        MPI_Irecv(data + first - k * m, bytes, MPI_BYTE, layout.rank() - 1, tag, comm.get(), &r[static_cast<std::size_t>(n++)]);
        MPI_Isend(data + first, bytes, MPI_BYTE, layout.rank() - 1, tag + 1, comm.get(), &r[static_cast<std::size_t>(n++)]);
    }
    if (above != 0) {
        MPI_Irecv(data + last, bytes, MPI_BYTE, layout.rank() + 1, tag + 1, comm.get(), &r[static_cast<std::size_t>(n++)]);
        MPI_Isend(data + last - k * m, bytes, MPI_BYTE, layout.rank() + 1, tag, comm.get(), &r[static_cast<std::size_t>(n++)]);
    }
    MPI_Waitall(n, r.data(), MPI_STATUSES_IGNORE);
}

/**
 * @brief The structure process run by one rank of a decomposed tissue (see the file comment).
 * Configure it as the serial one (`outward`).
 * @tparam Dim the grid's dimension
 */
template <std::size_t Dim>
class structure_remodelling : public ossify::structure_remodelling {
    using base = ossify::structure_remodelling;

public:
    /// @brief The serial process.
    using serial_type = base;

    /// @brief The decomposed process of a serial one.
    structure_remodelling(const base& serial, slab_domain<Dim>& domain) : base(serial), domain_(&domain) {}

    /// @brief Outward migration reads two sites around its target (3 planes); without it, the
    /// surface reads the face neighbours (1).
    [[nodiscard]] std::size_t decomposed_reach(const reach_options&) const noexcept {
        for (const auto& o : outward.table()) {
            if (o.internal() != 0.0) return 3;
        }
        return 1;
    }
    /// @brief Drops the cached flags (after a checkpoint is restored).
    void reset() noexcept { flags_.clear(); }
    /// @brief Sizes the buffers so that the step allocates nothing.
    template <class Context>
    void prepare(const Context& ctx, duration) {
        const auto& s = ctx.shape();
        if (flags_.size() != s.sites()) flags_.assign(s.sites(), 0), threshold_ = -1.0;
        stack_.reserve(s.sites() + 2 * s.rows());
        changed_.assign(thread_count(), 0);
        std::size_t movers = 0;
        for (std::size_t st = 0; st < Context::state_count; ++st) movers += outward.internal(st) != 0.0 ? ctx.counts()[st] : 0;
        claims_.reserve(movers);
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        const auto& shape = ctx.shape();
        const std::size_t n = shape.sites();
        const auto& matrix = ctx.matrix();
        const auto& layout = domain_->layout();
        constexpr std::uint8_t bone_bit = 1, outside_bit = 2;
        constexpr std::size_t dim = Context::dimension;
        bool changed = threshold_ != matrix.bone_threshold();
        threshold_ = matrix.bone_threshold();
        std::uint8_t* flags = flags_.data();
        const std::size_t ob = layout.owned_begin(), oe = layout.owned_end();
        // Bone flags, and whether any of this rank's own sites changed since the last call.
        parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            std::uint8_t diff = 0;
            for (std::size_t i = r0 * shape.nx; i < r1 * shape.nx; ++i) {
                const auto b = static_cast<std::uint8_t>(matrix.is_bone(i) ? bone_bit : 0);
                if (i >= ob && i < oe) diff = static_cast<std::uint8_t>(diff | ((flags[i] & bone_bit) ^ b));
                flags[i] = static_cast<std::uint8_t>((flags[i] & ~bone_bit) | b);
            }
            changed_[th] = diff;
        });
        for (const auto c : changed_) changed = changed || c != 0;
        changed = domain_->synced([&] { return domain_->comm().any(changed); });
        auto surface = ctx.template field_mut<outer_surface>();
        if (changed) {
            const double t0 = MPI_Wtime(), c0 = slab_domain<Dim>::cpu_seconds();
            for (std::size_t i = 0; i < n; ++i) flags[i] = static_cast<std::uint8_t>(flags[i] & bone_bit);
            fill_outside(shape, flags, bone_bit, outside_bit);
            exchange_planes(flags, 1, layout, domain_->comm(), layout.halo(), tag_halo);
            domain_->times().outside_s += MPI_Wtime() - t0;
            domain_->times().outside_cpu_s += slab_domain<Dim>::cpu_seconds() - c0;
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                visit_rows(shape, r0, r1, false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
                    std::uint8_t on = 0;
                    if ((flags[i] & outside_bit) != 0) {
                        for_each_face_neighbour<dim>(shape, i, x, y, z, [&](std::size_t j, std::size_t, std::size_t, std::size_t) {
                            on = static_cast<std::uint8_t>(on | (flags[j] & bone_bit));
                        });
                    }
                    surface[i] = on;
                });
            });
        }
        // Vessel spaces walled in by bone condense into red marrow (source text, Fig. 6.4.1 d).
        constexpr auto blocking = Context::blocking_states();
        if (std::any_of(blocking.begin(), blocking.end(), [](std::uint8_t b) { return b != 0; })) {
            const std::uint8_t* state = ctx.states().data();
            auto m = ctx.template field_mut<marrow>();
            for (std::size_t i = 0; i < n; ++i) {
                if (blocking[state[i]] != 0 && (flags[i] & outside_bit) == 0) m[i] = 1;
            }
        }
        outward_migration(ctx, flags, bone_bit, outside_bit);
    }

private:
    static constexpr int tag_fill = 4000, tag_halo = 4002;

    // The outside of the whole grid, on this rank's planes, then on its halo planes' neighbours:
    // fills from the grid's faces on the rank's own rows; then, until no rank marks a new site,
    // exchanges the flags of the boundary planes and fills on from the outside sites across.
    void fill_outside(const lattice_shape& s, std::uint8_t* flags, std::uint8_t bone, std::uint8_t outside) {
        const auto& layout = domain_->layout();
        const std::size_t nx = s.nx, plane_rows = Dim == 3 ? s.ny : 1;
        const std::size_t r_lo = layout.owned_begin() / nx, r_hi = layout.owned_end() / nx;
        const std::size_t global_planes = layout.planes(), first = layout.local_first();
        const std::uint8_t stop = static_cast<std::uint8_t>(bone | outside);
        const auto open = [&](std::size_t row, std::size_t x) { return (flags[row * nx + x] & stop) == 0; };
        const auto push_runs = [&](std::size_t row, std::size_t xl, std::size_t xr) {
            bool prev = false;
            for (std::size_t x = xl; x <= xr; ++x) {
                const bool o = open(row, x);
                if (o && !prev) stack_.push_back({row, x});
                prev = o;
            }
        };
        std::size_t marked = 0;
        const auto drain = [&] {
            while (!stack_.empty()) {
                const auto [row, x] = stack_.back();
                stack_.pop_back();
                if (!open(row, x)) continue;
                std::size_t xl = x, xr = x;
                while (xl > 0 && open(row, xl - 1)) --xl;
                while (xr + 1 < nx && open(row, xr + 1)) ++xr;
                std::uint8_t* p = flags + row * nx;
                for (std::size_t k = xl; k <= xr; ++k) p[k] = static_cast<std::uint8_t>(p[k] | outside);
                marked += xr - xl + 1;
                if constexpr (Dim == 3) {
                    const std::size_t y = row % s.ny;
                    if (y > 0) push_runs(row - 1, xl, xr);
                    if (y + 1 < s.ny) push_runs(row + 1, xl, xr);
                }
                if (row >= r_lo + plane_rows) push_runs(row - plane_rows, xl, xr);
                if (row + plane_rows < r_hi) push_runs(row + plane_rows, xl, xr);
            }
        };
        // The grid's faces within this rank's rows.
        for (std::size_t row = r_lo; row < r_hi; ++row) {
            const std::size_t plane = first + row / plane_rows, y = row % s.ny;
            const bool face_row = plane == 0 || plane + 1 == global_planes || (Dim == 3 && (y == 0 || y + 1 == s.ny));
            if (face_row) {
                push_runs(row, 0, nx - 1);
            } else {
                if (open(row, 0)) stack_.push_back({row, 0});
                if (open(row, nx - 1)) stack_.push_back({row, nx - 1});
            }
            drain();
        }
        // Across the ranks' boundaries, until nothing new is marked anywhere.
        for (;;) {
            exchange_planes(flags, 1, layout, domain_->comm(), 1, tag_fill);
            marked = 0;
            const auto seed_from = [&](std::size_t own_row0, std::size_t other_row0) {
                for (std::size_t r = 0; r < plane_rows; ++r) {
                    for (std::size_t x = 0; x < nx; ++x) {
                        if (open(own_row0 + r, x) && (flags[(other_row0 + r) * nx + x] & outside) != 0) {
                            stack_.push_back({own_row0 + r, x});
                        }
                    }
                    drain();
                }
            };
            if (layout.halo_below() != 0) seed_from(r_lo, r_lo - plane_rows);
            if (layout.halo_above() != 0) seed_from(r_hi - plane_rows, r_hi);
            ++domain_->times().fill_rounds;
            if (!domain_->comm().any(marked != 0)) break;
        }
    }

    template <class Context>
    void outward_migration(Context& ctx, const std::uint8_t* flags, std::uint8_t bone_bit, std::uint8_t outside_bit) noexcept {
        std::array<std::uint8_t, 256> out{};
        bool any = false;
        for (std::size_t st = 0; st < Context::state_count; ++st) {
            out[st] = outward.internal(st) != 0.0 ? 1 : 0;
            any = any || out[st] != 0;
        }
        if (!any) return;
        const auto& shape = ctx.shape();
        constexpr std::size_t dim = Context::dimension;
        const auto draw = ctx.template draws<outward_draws>();
        const std::uint8_t* state = ctx.states().data();
        claims_.reset();
        auto& claims = claims_[0];
        visit_rows(shape, 0, shape.rows(), false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
            const auto s = state[i];
            if (s == empty_site || out[s] == 0 || (flags[i] & bone_bit) == 0) return;
            std::array<std::size_t, 6> free{};
            std::size_t m = 0;
            for_each_face_neighbour<dim>(shape, i, x, y, z, [&](std::size_t j, std::size_t, std::size_t, std::size_t) {
                if ((flags[j] & outside_bit) != 0 && ctx.is_free(j)) free[m++] = j;
            });
            if (m == 0) return;
            const auto pick = std::min(static_cast<std::size_t>(draw.uniform(i, 16) * static_cast<double>(m)), m - 1);
            claims.push_back({free[pick], draw.uniform(i, 17), i});
        });
        for (const auto& c : claims_.settle()) ctx.move(c.source, c.target);
    }

    slab_domain<Dim>* domain_;
    std::vector<std::uint8_t> flags_;
    double threshold_ = -1.0;
    std::vector<std::array<std::size_t, 2>> stack_;
    std::vector<std::uint8_t> changed_;
    site_claims claims_;
};

/// @brief A decomposed tissue runs mpi::structure_remodelling in place of structure_remodelling.
template <std::size_t Dim>
struct distributed<ossify::structure_remodelling, Dim> {
    /// @brief The process a rank runs.
    using type = mpi::structure_remodelling<Dim>;
    /// @brief It, from the serial process.
    static type make(const ossify::structure_remodelling& p, slab_domain<Dim>& d) { return type(p, d); }
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_STRUCTURE_REMODELLING_HPP
