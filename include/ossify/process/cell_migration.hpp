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
        claims_.reserve(motile);
        ids_.reserve(ctx.shape().nx);
        first_.reserve(ctx.shape().nx);
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        bool any = false;
        for (std::size_t s = 0; s < Context::state_count; ++s) any = any || p_try_[s] != 0.0;
        if (!any) return;
        const auto& shape = ctx.shape();
        const double chemo_k = chemotaxis.get(), adh = adhesion.get();
        const auto c = signal_values(ctx);
        const bool chemo = c != nullptr && chemo_k != 0.0;
        const std::uint8_t* state = ctx.states().data();
        constexpr std::size_t dim = Context::dimension;
        const auto draw = ctx.template draws<migration_draws>();
        claims_.reset();
        ids_.reset();
        first_.reset();
        parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            auto& claims = claims_[th];
            const auto motile = [&](std::size_t i) { return p_try_[state[i]] != 0.0; };
            detail::visit_rows_with_first_draw(
                shape, r0, r1, ctx.order() == visit_order::reverse, draw, 0, ids_[th], first_[th], motile,
                [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z, double u0) {
                    if (!(u0 < p_try_[state[i]])) return;
                    std::array<std::size_t, 6> free{};
                    std::array<double, 6> w{};
                    std::size_t n = 0;
                    double total = 0.0;
                    for_each_face_neighbour<dim>(shape, i, x, y, z,
                                                 [&](std::size_t j, std::size_t xj, std::size_t yj, std::size_t zj) {
                        if (!ctx.is_free(j)) return;
                        double weight = 1.0;
                        if constexpr (!std::is_same_v<Signal, no_chemotaxis>) {
                            if (chemo) weight *= std::exp(chemo_k * static_cast<double>(c[j] - c[i]));
                        }
                        if (adh > 0.0) {
                            std::size_t occupied = 0;
                            for_each_face_neighbour<dim>(shape, j, xj, yj, zj,
                                                         [&](std::size_t k, std::size_t, std::size_t, std::size_t) {
                                occupied += (k != i && state[k] != empty_site) ? 1u : 0u;
                            });
                            weight *= 1.0 + adh * static_cast<double>(occupied);
                        }
                        free[n] = j;
                        w[n++] = weight;
                        total += weight;
                    });
                    if (n == 0 || !(total > 0.0)) return;
                    const double target = draw.uniform(i, 1) * total;
                    std::size_t pick = n - 1;
                    double acc = 0.0;
                    for (std::size_t k = 0; k < n; ++k) {
                        acc += w[k];
                        if (target < acc) {
                            pick = k;
                            break;
                        }
                    }
                    claims.push_back({free[pick], draw.uniform(i, 2), i});
                });
        });
        for (const auto& cl : claims_.settle()) ctx.move(cl.source, cl.target);
    }

private:
    template <class Context>
    static auto signal_values(const Context& ctx) noexcept {
        if constexpr (std::is_same_v<Signal, no_chemotaxis>) return static_cast<const double*>(nullptr);
        else return ctx.template field<Signal>().data();
    }

    std::array<double, 256> p_try_{};
    site_claims claims_;
    per_thread<std::uint64_t> ids_;
    per_thread<double> first_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_CELL_MIGRATION_HPP
