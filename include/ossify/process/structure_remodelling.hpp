/// @file
/// @brief The structure process: the region connected to the tissue's outside, the outer bone
/// surface, vessel spaces enclosed by bone condensing into red marrow, and outward migration
/// of surface cells (the periosteum stays on the surface as compact bone grows under it).
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_STRUCTURE_REMODELLING_HPP
#define OSSIFY_PROCESS_STRUCTURE_REMODELLING_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../cell/per_state.hpp"
#include "../random/purpose.hpp"
#include "../space/shape.hpp"
#include "../tissue/context.hpp"
#include "claims.hpp"
#include "detail/rows.hpp"
#include "parallel.hpp"

#if defined(__GNUC__) || defined(__clang__) || defined(_MSC_VER)
#define OSSIFY_STRUCTURE_RESTRICT_ __restrict
#else
#define OSSIFY_STRUCTURE_RESTRICT_
#endif

OSSIFY_NAMESPACE_BEGIN

/// @brief Draws of structure_remodelling for outward migration (indices 16 and 17 of the
/// migration purpose: cell_migration uses 0-2).
struct outward_draws : random::draw_purpose<random::purpose::migration, 16, 2> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "outward migration";
};

/**
 * @brief Process: marks the outside (non-bone sites connected to the grid boundary through
 * non-bone sites; scanline flood fill, redone only in steps in which the set of bone sites
 * changed) and the outer bone surface (outside sites with a bone face neighbour: the
 * `outer_surface` field); vessel sites (states that block matrix) walled in by bone become red
 * marrow (source text, Figure 6.4.1 d: the `marrow` field); cells of outward-migrating states
 * that sit on bone move to a free outside neighbour.
 *
 * Owns the fields `marrow` and `outer_surface`. Run it last: its surface is read next step.
 */
class structure_remodelling {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "structure_remodelling";
    /// @brief Reads the bone matrix.
    using reads = field_list<bone_matrix>;
    /// @brief Writes the marrow and surface fields and moves cells outward.
    using writes = field_list<marrow, outer_surface, cells>;
    /// @brief Brings the marrow and outer-surface fields.
    using owns = field_list<marrow, outer_surface>;
    /// @brief Its random purposes.
    using purposes = random::purpose_list<outward_draws>;

    /// @brief 1 for states whose cells move outward once their own site is bone.
    per_state<bool> outward{"outward", false, false, true, "set by the model (periosteal cells: source text)"};

    /// @brief Binds the per-state table to the tissue's lineage.
    template <class Grid>
    void bind(const lineage_info& info, const Grid&) {
        outward.bind(info);
    }
    /// @brief Lists the parameters.
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit("", outward);
    }
    /// @brief Drops the cached bone flags (after a checkpoint is restored).
    void reset() noexcept { flags_.clear(); }
    /// @brief Sizes the buffers so that the step allocates nothing.
    template <class Context>
    void prepare(const Context& ctx, duration) {
        const auto& s = ctx.shape();
        if (flags_.size() != s.sites()) flags_.assign(s.sites(), 0), threshold_ = -1.0;
        changed_.assign(thread_count(), 0);
        stacks_.resize(thread_count());
        for (auto& st : stacks_) st.reserve(s.sites() / thread_count() + 2 * s.rows());
        across_.reserve(2 * s.nx);
        seeds_.reserve(2 * s.nx * thread_count());
        std::size_t movers = 0;
        for (std::size_t st = 0; st < Context::state_count; ++st) movers += outward.internal(st) != 0.0 ? ctx.counts()[st] : 0;
        claims_.reserve(movers);
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        const auto& shape = ctx.shape();
        const std::size_t nx = shape.nx;
        const auto& matrix = ctx.matrix();
        constexpr std::uint8_t bone_bit = 1, outside_bit = 2;
        constexpr std::size_t dim = Context::dimension;
        bool changed = threshold_ != matrix.bone_threshold();
        threshold_ = matrix.bone_threshold();
        std::uint8_t* flags = flags_.data();
        const auto* v = matrix.matrix_fractions().data();
        // Bone flags, and whether any changed since the last call.
        if (changed_.size() < thread_count()) changed_.assign(thread_count(), 0);  // sized by prepare()
        if (stacks_.size() < thread_count()) stacks_.resize(thread_count());
        parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            changed_[th] = bone_flags(flags + r0 * nx, v + r0 * nx, (r1 - r0) * nx, threshold_, bone_bit);
        });
        for (const auto c : changed_) changed = changed || c != 0;
        auto surface = ctx.template field_mut<outer_surface>();
        if (changed) {
            // The outside: each thread fills its rows from the grid's faces, then from the
            // stretches the others' fills reached in its rows, until none is sent (the same
            // set as one fill of the whole grid).
            across_.reset();
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
                for (std::size_t i = r0 * nx; i < r1 * nx; ++i) flags[i] = static_cast<std::uint8_t>(flags[i] & bone_bit);
                stacks_[th].clear();
                detail::fill_outside_rows(shape, flags, bone_bit, outside_bit, r0, r1, true, nullptr, stacks_[th], across_[th]);
            });
            while (across_.size() > 0) {
                across_.gather(seeds_);
                across_.reset();
                parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
                    detail::fill_outside_rows(shape, flags, bone_bit, outside_bit, r0, r1, false, &seeds_, stacks_[th],
                                              across_[th]);
                });
            }
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
        static constexpr auto blocking = detail::blocking_indices<Context>();
        if constexpr (blocking.size() > 0) {
            const std::uint8_t* state = ctx.states().data();
            std::uint8_t* m = ctx.template field_mut<marrow>().data();
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                enclosed_vessels(m + r0 * nx, state + r0 * nx, flags + r0 * nx, (r1 - r0) * nx, outside_bit, blocking);
            });
        }
        outward_migration(ctx, flags, bone_bit, outside_bit);
    }

private:
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

    // flags[i] = bone bit where v[i] >= threshold, other bits kept; returns whether a bone bit
    // changed (a loop the compiler vectorises).
    template <class V>
    static std::uint8_t bone_flags(std::uint8_t* OSSIFY_STRUCTURE_RESTRICT_ flags, const V* OSSIFY_STRUCTURE_RESTRICT_ v,
                                   std::size_t n, double threshold, std::uint8_t bone_bit) noexcept {
        std::uint8_t diff = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto b = static_cast<std::uint8_t>(static_cast<double>(v[i]) >= threshold ? bone_bit : 0);
            diff = static_cast<std::uint8_t>(diff | ((flags[i] & bone_bit) ^ b));
            flags[i] = static_cast<std::uint8_t>((flags[i] & ~bone_bit) | b);
        }
        return diff;
    }
    // m[i] = 1 where a cell of a blocking state is not outside (a loop the compiler vectorises).
    template <std::size_t B>
    static void enclosed_vessels(std::uint8_t* OSSIFY_STRUCTURE_RESTRICT_ m, const std::uint8_t* OSSIFY_STRUCTURE_RESTRICT_ state,
                                 const std::uint8_t* OSSIFY_STRUCTURE_RESTRICT_ flags, std::size_t n, std::uint8_t outside_bit,
                                 const std::array<std::uint8_t, B>& blocking) noexcept {
        for (std::size_t i = 0; i < n; ++i) {
            bool vessel = false;
            for (const auto b : blocking) vessel = vessel || state[i] == b;
            const bool inside = (flags[i] & outside_bit) == 0;
            m[i] = vessel && inside ? std::uint8_t{1} : m[i];
        }
    }

    std::vector<std::uint8_t> flags_;
    double threshold_ = -1.0;
    std::vector<std::uint8_t> changed_;
    std::vector<std::vector<std::array<std::size_t, 2>>> stacks_;  // flood-fill stack per thread
    per_thread<std::array<std::size_t, 3>> across_;                 // stretches a thread's fill sent to others
    std::vector<std::array<std::size_t, 3>> seeds_;
    site_claims claims_;
};

OSSIFY_NAMESPACE_END

#undef OSSIFY_STRUCTURE_RESTRICT_

#endif  // OSSIFY_PROCESS_STRUCTURE_REMODELLING_HPP
