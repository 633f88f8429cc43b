/// @file
/// @brief The deposition process: cells with an apposition rate lay osteoid into their site and
/// free face neighbours, never into sites of matrix-blocking states (capillaries) or marrow.
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_MATRIX_DEPOSITION_HPP
#define OSSIFY_PROCESS_MATRIX_DEPOSITION_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "../cell/per_state.hpp"
#include "../error.hpp"
#include "../space/shape.hpp"
#include "../tissue/context.hpp"
#include "parallel.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief Process: each cell of a depositing state (apposition rate v) lays down a layer of
 * thickness v dt over one site face, v dt / h of a site volume, split equally over the eligible
 * sites among its own site and its face neighbours (eligible: not marrow, not a matrix-blocking
 * state, not full). Computed by gathering: each eligible site sums the shares of the depositing
 * cells around it in ascending order of their sites, state by state in lineage order, so rows
 * are independent and the result is the same for any thread count.
 * ```cpp
 * tissue.process<matrix_deposition>().apposition.set<osteoblast>(3.0_um_per_d);  // Peyrin et al. 2005
 * ```
 */
class matrix_deposition {
public:
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "matrix_deposition";
    /// @brief Reads cells and marrow.
    using reads = field_list<all_fields>;
    /// @brief Lays osteoid into the bone matrix.
    using writes = field_list<bone_matrix>;

    /// @brief Apposition rate per state (thickness of new matrix per day).
    per_state<velocity> apposition{"apposition", velocity::from_value(0.0), velocity::from_value(0.0),
                                   velocity::from_value(1.0e4), "set by the model (0: does not deposit)"};

    /// @brief Binds the per-state table to the tissue's lineage.
    template <class Grid>
    void bind(const lineage_info& info, const Grid&) {
        apposition.bind(info);
    }
    /// @brief Lists the parameters.
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit("", apposition);
    }
    /// @brief Checks that every deposit is finite for this dt; sizes the scratch.
    template <class Context>
    void prepare(const Context& ctx, duration dt) {
        const double h = ctx.grid().spacing_um();
        for (std::size_t s = 0; s < Context::state_count; ++s) {
            share_[s] = apposition.internal(s) * dt.value() / h;
            if (!std::isfinite(share_[s])) {
                throw invalid_parameter("ossify::matrix_deposition", "apposition * dt",
                                        format_value(apposition.internal(s) * dt.value()) + " um", "finite");
            }
        }
        eligible_.resize(ctx.grid().size());
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        bool any = false;
        for (std::size_t s = 0; s < Context::state_count; ++s) any = any || share_[s] > 0.0;
        if (!any) return;
        const auto& shape = ctx.shape();
        constexpr auto blocking = Context::blocking_states();
        constexpr std::size_t dim = Context::dimension;
        const std::uint8_t* state = ctx.states().data();
        const std::uint8_t* marrow = marrow_of(ctx);
        auto& matrix = ctx.matrix_mut();
        std::uint8_t* eligible = eligible_.data();
        for (std::size_t s = 0; s < Context::state_count; ++s) {
            const double share = share_[s];
            if (!(share > 0.0)) continue;
            // Eligibility as judged before this state deposits: not blocked, not full.
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                for (std::size_t i = r0 * shape.nx; i < r1 * shape.nx; ++i) {
                    eligible[i] = static_cast<std::uint8_t>((marrow == nullptr || marrow[i] == 0) && blocking[state[i]] == 0 &&
                                                            matrix.matrix_fraction(i) < 1.0);
                }
            });
            const auto depositor = static_cast<std::uint8_t>(s);
            // Share of one depositing cell at site j (x, y, z) for each eligible site around it.
            const auto each = [&](std::size_t j, std::size_t x, std::size_t y, std::size_t z) {
                std::size_t m = eligible[j];
                for_each_face_neighbour<dim>(shape, j, x, y, z,
                                             [&](std::size_t k, std::size_t, std::size_t, std::size_t) { m += eligible[k]; });
                return share / static_cast<double>(m);
            };
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                visit_rows(shape, r0, r1, false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
                    if (eligible[i] == 0) return;
                    // Depositors among the site and its face neighbours, in ascending order.
                    double request = 0.0;
                    bool found = false;
                    const auto add = [&](std::size_t j, std::size_t xj, std::size_t yj, std::size_t zj) {
                        if (state[j] != depositor) return;
                        request += each(j, xj, yj, zj);
                        found = true;
                    };
                    if constexpr (dim == 3) {
                        if (z > 0) add(i - shape.sz, x, y, z - 1);
                    }
                    if (y > 0) add(i - shape.sy, x, y - 1, z);
                    if (x > 0) add(i - 1, x - 1, y, z);
                    add(i, x, y, z);
                    if (x + 1 < shape.nx) add(i + 1, x + 1, y, z);
                    if (y + 1 < shape.ny) add(i + shape.sy, x, y + 1, z);
                    if constexpr (dim == 3) {
                        if (z + 1 < shape.nz) add(i + shape.sz, x, y, z + 1);
                    }
                    if (found) matrix.deposit_unchecked(i, request);
                });
            });
        }
    }

private:
    template <class Context>
    static const std::uint8_t* marrow_of(const Context& ctx) noexcept {
        if constexpr (Context::state_type::template has<marrow>) return ctx.template field<marrow>().data();
        else return nullptr;
    }

    std::array<double, 256> share_{};
    std::vector<std::uint8_t> eligible_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_MATRIX_DEPOSITION_HPP
