/// @file
/// @brief The migration process: motile cells move to free neighbouring sites, biased by
/// chemotaxis up a signal and by adhesion to other cells (mesenchymal condensation).
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_CELL_MIGRATION_HPP
#define OSSIFY_PROCESS_CELL_MIGRATION_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../cell/per_state.hpp"
#include "../random/purpose.hpp"
#include "../space/shape.hpp"
#include "../tissue/context.hpp"
#include "../units/parameter.hpp"
#include "claims.hpp"
#include "detail/rows.hpp"
#include "parallel.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Draws of cell_migration: whether to try (index 0), which target (1), claim priority (2).
struct migration_draws : random::draw_purpose<random::purpose::migration, 0, 3> {
    /// @brief Name in messages.
    static constexpr std::string_view name = "migration";
};

/// @brief No chemotactic signal: migration biased by adhesion only.
struct no_chemotaxis {};

/**
 * @brief Process: a cell of a motile state (motility m) tries to move with probability
 * 1 - exp(-m dt); the target, a free face neighbour, is drawn with weight
 * exp(chemotaxis * (c_target - c_here)) * (1 + adhesion * occupied neighbours of the target),
 * c the concentration of Signal (nM). Moves are claims settled by random priority.
 * ```cpp
 * cell_migration<bmp2> m;
 * m.motility.set<mesenchymal>(4.0_per_d);
 * m.chemotaxis = 0.5;  m.adhesion = 2.0;
 * ```
 * @tparam Signal the chemotactic signal, or no_chemotaxis
 */
template <class Signal = no_chemotaxis>
class cell_migration {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "cell_migration";
    /// @brief Reads the chemotactic signal (and the matrix and marrow through is_free).
    using reads = std::conditional_t<std::is_same_v<Signal, no_chemotaxis>, field_list<>, field_list<Signal>>;
    /// @brief Moves cells.
    using writes = field_list<cells>;
    /// @brief Its random purposes.
    using purposes = random::purpose_list<migration_draws>;

    /// @brief Motility per state (try rate of a move).
    per_state<rate> motility{"motility", rate::from_value(0.0), rate::from_value(0.0), rate::from_value(1.0e4),
                             "set by the model (0: immotile)"};
    /// @brief Chemotactic sensitivity (per nM of the signal difference).
    parameter<double> chemotaxis{"chemotaxis", 0.0, -100.0, 100.0,
                                 "assumed: a bias of e^(0.5 per nM) gives a drift up gradients of a few nM per cell"};
    /// @brief Adhesion: extra weight per occupied neighbour of the target (condensation).
    parameter<double> adhesion{"adhesion", 0.0, 0.0, 1000.0,
                               "assumed: mesenchymal condensation density is not measured (BIOLOGY.md)"};

    /// @brief Binds the per-state table to the tissue's lineage.
    template <class Grid>
    void bind(const lineage_info& info, const Grid&) {
        motility.bind(info);
    }
    /// @brief Lists the parameters.
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit("", motility);
        visit(chemotaxis);
        visit(adhesion);
    }
    /// @brief Sizes the buffers so that the step allocates nothing.
    template <class Context>
    void prepare(const Context& ctx, duration dt) {
        p_try_.fill(0.0);
        std::size_t motile = 0;
        for (std::size_t s = 0; s < Context::state_count; ++s) {
            const double m = motility.internal(s);
            p_try_[s] = m == 0.0 ? 0.0 : -std::expm1(-m * dt.value());
            if (m != 0.0) motile += ctx.counts()[s];
        }
        const std::size_t nx = ctx.shape().nx;
        claims_.reserve(motile);
        ids_.reserve(nx);
        first_.reserve(nx);
        tries_.reserve(nx);
        try_ids_.reserve(nx);
        try_draws_.reserve(2 * nx);
        if (claimed_.size() != ctx.shape().sites()) claimed_.assign(ctx.shape().sites(), 0);
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        // The motile states (their cells are found a row at a time).
        std::array<std::uint8_t, Context::state_count> motile{};
        std::size_t motile_count = 0;
        for (std::size_t s = 0; s < Context::state_count; ++s) {
            if (p_try_[s] != 0.0) motile[motile_count++] = static_cast<std::uint8_t>(s);
        }
        if (motile_count == 0) return;
        constexpr std::size_t dim = Context::dimension;
        const auto& shape = ctx.shape();
        const double chemo_k = chemotaxis.get(), adh = adhesion.get();
        const auto c = signal_values(ctx);
        const bool chemo = c != nullptr && chemo_k != 0.0;
        const std::uint8_t* state = ctx.states().data();
        const auto draw = ctx.template draws<migration_draws>();
        const bool reverse = ctx.order() == visit_order::reverse;
        // Face-neighbour offsets in the order of for_each_face_neighbour (x-1, x+1, y-1, y+1[, z-1, z+1]).
        const std::array<std::ptrdiff_t, 6> offset{-1, 1, -static_cast<std::ptrdiff_t>(shape.sy),
                                                   static_cast<std::ptrdiff_t>(shape.sy),
                                                   -static_cast<std::ptrdiff_t>(shape.sz),
                                                   static_cast<std::ptrdiff_t>(shape.sz)};
        if (claimed_.size() != shape.sites()) claimed_.assign(shape.sites(), 0);  // sized by prepare()
        std::uint8_t* claimed = claimed_.data();
        claims_.reset();
        ids_.reset();
        first_.reset();
        tries_.reset();
        try_ids_.reset();
        try_draws_.reset();
        // 1. Claims: each motile cell tries a move with probability p_try (first draw, made for
        // a row at once); a trying cell picks a free face neighbour by weight (target draw) and
        // claims it with a random priority (both drawn for a row's trying cells at once). The
        // claimed direction is marked at the cell's site.
        parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            auto& claims = claims_[th];
            auto& ids = ids_[th];
            auto& u = first_[th];
            auto& tries = tries_[th];
            auto& try_ids = try_ids_[th];
            auto& u2 = try_draws_[th];
            ids.resize(shape.nx);
            u.resize(shape.nx);
            tries.resize(shape.nx);
            try_ids.resize(shape.nx);
            u2.resize(2 * shape.nx);
            const auto row = [&](std::size_t r) {
                const std::size_t base = r * shape.nx, y = r % shape.ny, z = r / shape.ny;
                std::size_t m = 0;
                for (std::size_t k = 0; k < motile_count; ++k) {
                    detail::for_each_equal(state + base, shape.nx, motile[k], false,
                                           [&](std::size_t x) { ids[m++] = base + x; });
                }
                draw.uniforms(ids.data(), m, 0, u.data());
                std::size_t nt = 0;
                const auto consider = [&](std::size_t k) {
                    const auto i = static_cast<std::size_t>(ids[k]);
                    if (!(u[k] < p_try_[state[i]])) return;
                    auto& t = tries[nt];
                    std::size_t n = 0;
                    double total = 0.0;
                    for_each_face_neighbour<dim>(shape, i, i - base, y, z,
                                                 [&](std::size_t j, std::size_t xj, std::size_t yj, std::size_t zj) {
                        if (!ctx.is_free(j)) return;
                        double weight = 1.0;
                        if constexpr (!std::is_same_v<Signal, no_chemotaxis>) {
                            if (chemo) {
                                // exp(x) is 1 for |x| < 2^-54 (1 + x rounds to 1): far from the
                                // signal's sources most differences are that small.
                                const double arg = chemo_k * static_cast<double>(c[j] - c[i]);
                                if (!(std::fabs(arg) < 0x1p-54)) weight *= std::exp(arg);
                            }
                        }
                        if (adh > 0.0) {
                            std::size_t occupied = 0;
                            for_each_face_neighbour<dim>(shape, j, xj, yj, zj,
                                                         [&](std::size_t q, std::size_t, std::size_t, std::size_t) {
                                occupied += (q != i && state[q] != empty_site) ? 1u : 0u;
                            });
                            weight *= 1.0 + adh * static_cast<double>(occupied);
                        }
                        t.dir[n] = direction(j, i, shape);
                        t.w[n++] = weight;
                        total += weight;
                    });
                    if (n == 0 || !(total > 0.0)) return;
                    t.n = static_cast<std::uint8_t>(n);
                    t.total = total;
                    try_ids[nt++] = i;
                };
                if (reverse) {
                    for (std::size_t k = m; k-- > 0;) consider(k);
                } else {
                    for (std::size_t k = 0; k < m; ++k) consider(k);
                }
                draw.uniforms(try_ids.data(), nt, 1, 2, u2.data());
                for (std::size_t k = 0; k < nt; ++k) {
                    const auto& t = tries[k];
                    const auto i = static_cast<std::size_t>(try_ids[k]);
                    const double target = u2[2 * k] * t.total;
                    std::size_t pick = t.n - 1u;
                    double acc = 0.0;
                    for (std::size_t q = 0; q < t.n; ++q) {
                        acc += t.w[q];
                        if (target < acc) {
                            pick = q;
                            break;
                        }
                    }
                    const std::uint8_t d = t.dir[pick];
                    claimed[i] = static_cast<std::uint8_t>(d + 1);
                    claims.push_back({static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + offset[d]), u2[2 * k + 1], i});
                }
            };
            if (reverse) {
                for (std::size_t r = r1; r-- > r0;) row(r);
            } else {
                for (std::size_t r = r0; r < r1; ++r) row(r);
            }
        });
        // 2. Settling: a claim wins its target unless another face neighbour of the target
        // claims it with a lower priority (then a lower site): each thread settles its own
        // claims, looking up the others' marks (the same winners as sorting all claims).
        detail::parallel_indices(claims_.buffers.size(), [&](std::size_t th) {
            {
                for (auto& cl : claims_[th]) {
                    bool wins = true;
                    for_each_face_neighbour<dim>(shape, cl.target, [&](std::size_t s) {
                        if (!wins || s == cl.source || claimed[s] == 0) return;
                        if (static_cast<std::size_t>(static_cast<std::ptrdiff_t>(s) + offset[claimed[s] - 1u]) != cl.target) return;
                        const double p = draw.uniform(s, 2);
                        if (p < cl.priority || (p == cl.priority && s < cl.source)) wins = false;
                    });
                    if (!wins) cl.priority = 2.0;  // lost (priorities are below 1)
                }
            }
        });
        // 3. The winners move; the marks are cleared.
        for (const auto& b : claims_.buffers) {
            for (const auto& cl : b) {
                claimed[cl.source] = 0;
                if (cl.priority < 2.0) ctx.move(cl.source, cl.target);
            }
        }
    }

private:
    template <class Context>
    static auto signal_values(const Context& ctx) noexcept {
        if constexpr (std::is_same_v<Signal, no_chemotaxis>) return static_cast<const double*>(nullptr);
        else return ctx.template field<Signal>().data();
    }

    // The direction (index into the face-neighbour offsets) from site i to its neighbour j.
    static std::uint8_t direction(std::size_t j, std::size_t i, const lattice_shape& s) noexcept {
        if (j + 1 == i) return 0;
        if (j == i + 1) return 1;
        if (j + s.sy == i) return 2;
        if (j == i + s.sy) return 3;
        return j < i ? 4 : 5;
    }
    // A trying cell of a row: the directions to its free neighbours, their weights and sum.
    struct attempt {
        std::array<double, 6> w;
        double total;
        std::array<std::uint8_t, 6> dir;
        std::uint8_t n;
    };

    std::array<double, 256> p_try_{};
    per_thread<site_claim> claims_;
    per_thread<std::uint64_t> ids_;
    per_thread<double> first_;
    per_thread<attempt> tries_;
    per_thread<std::uint64_t> try_ids_;
    per_thread<double> try_draws_;
    std::vector<std::uint8_t> claimed_;  // per site: 1 + direction of the cell's claim, 0 for none
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_CELL_MIGRATION_HPP
