/// @file
/// @brief Room for a moving cell: a cell that enters a site held by a soft cell (a sprout tip
/// invading the mesenchyme, an osteoblast advancing with its bone surface) pushes that cell to the
/// nearest free site within two sites; the tissue rearranges locally. Requests and pushes are
/// claims settled by random priority, so the outcome does not depend on the order of cells.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_DISPLACEMENT_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_DISPLACEMENT_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../../process/claims.hpp"
#include "../../space/shape.hpp"
#include "../../tissue/lattice_state.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief How far (sites, per axis) a pushed cell may go to find a free site.
inline constexpr long push_reach = 4;

/**
 * @brief Settles move requests into sites that may hold a soft cell, pushing those cells aside.
 * Keeps its buffers between calls.
 */
class room_maker {
public:
    /// @brief Sizes the per-site marks (call in a process's prepare()).
    void prepare(std::size_t sites) { reserved_.assign(sites, 0); }
    /// @brief True when a cell may enter site j: it is free, or holds a cell whose state is marked
    /// in `soft` on a site that is not bone.
    template <class Context>
    [[nodiscard]] static bool passable(const Context& ctx, const std::array<std::uint8_t, 256>& soft, std::size_t j) noexcept {
        const auto sj = ctx.states()[j];
        return ctx.is_free(j) || (sj != empty_site && soft[sj] != 0 && !ctx.matrix().is_bone(j));
    }
    /**
     * @brief Settles `requests` (one winner per target); for each winner whose target holds a
     * cell, that cell claims the nearest free site within push_reach (not a winner's target;
     * ties drawn with draw(target, index), priority draw(target, index + 1)) and moves there.
     * Returns the winners whose target is now free (the others wait for a later step).
     */
    template <class Context, class Draw>
    const std::vector<site_claim>& settle(Context& ctx, site_claims& requests, const Draw& draw, std::uint32_t index) {
        const auto& won = requests.settle();
        granted_.assign(won.begin(), won.end());
        if (reserved_.size() != ctx.shape().sites()) reserved_.assign(ctx.shape().sites(), 0);
        for (const auto& cl : granted_) reserved_[cl.target] = 1;
        pushes_.reset();
        const auto& sh = ctx.shape();
        const long zr = Context::dimension == 3 ? push_reach : 0;
        for (const auto& cl : granted_) {
            if (ctx.is_free(cl.target)) continue;
            const long x = static_cast<long>(cl.target % sh.nx), y = static_cast<long>((cl.target / sh.nx) % sh.ny),
                       z = static_cast<long>(cl.target / sh.sz);
            long best = 1L << 30;
            std::size_t m = 0;
            std::array<std::size_t, (2 * push_reach + 1) * (2 * push_reach + 1) * (2 * push_reach + 1)> free{};
            for (long dz = -zr; dz <= zr; ++dz) {
                for (long dy = -push_reach; dy <= push_reach; ++dy) {
                    for (long dx = -push_reach; dx <= push_reach; ++dx) {
                        const long xx = x + dx, yy = y + dy, zz = z + dz, d2 = dx * dx + dy * dy + dz * dz;
                        if (d2 > best || xx < 0 || yy < 0 || zz < 0 || xx >= static_cast<long>(sh.nx) ||
                            yy >= static_cast<long>(sh.ny) || zz >= static_cast<long>(sh.nz)) {
                            continue;
                        }
                        const auto k = static_cast<std::size_t>(xx) + sh.sy * static_cast<std::size_t>(yy) +
                                       sh.sz * static_cast<std::size_t>(zz);
                        if (!ctx.is_free(k) || reserved_[k] != 0) continue;
                        if (d2 < best) best = d2, m = 0;
                        free[m++] = k;
                    }
                }
            }
            if (m == 0) continue;
            const auto pick = std::min(static_cast<std::size_t>(draw.uniform(cl.target, index) * static_cast<double>(m)), m - 1);
            pushes_[0].push_back({free[pick], draw.uniform(cl.target, index + 1), cl.target});
        }
        for (const auto& p : pushes_.settle()) ctx.move(p.source, p.target);
        for (const auto& cl : granted_) reserved_[cl.target] = 0;
        std::size_t kept = 0;
        for (const auto& cl : granted_) {
            if (ctx.is_free(cl.target)) granted_[kept++] = cl;
        }
        granted_.resize(kept);
        return granted_;
    }

private:
    std::vector<site_claim> granted_;
    std::vector<std::uint8_t> reserved_;
    site_claims pushes_;
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_DISPLACEMENT_HPP
