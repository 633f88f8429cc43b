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
#include "detail/rows.hpp"
#include "parallel.hpp"

#if defined(__GNUC__) || defined(__clang__) || defined(_MSC_VER)
#define OSSIFY_RESTRICT_ __restrict
#else
#define OSSIFY_RESTRICT_
#endif

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
        rows_.reserve(row_buffer_size(ctx.shape(), Context::dimension));
    }
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration) noexcept {
        bool any = false;
        for (std::size_t s = 0; s < Context::state_count; ++s) any = any || share_[s] > 0.0;
        if (!any) return;
        const auto& shape = ctx.shape();
        constexpr std::size_t dim = Context::dimension;
        // The blocking states' indices (a comparison each instead of a table lookup).
        static constexpr auto blocking_index = detail::blocking_indices<Context>();
        const std::uint8_t* state = ctx.states().data();
        const std::uint8_t* marrow = marrow_of(ctx);
        auto& matrix = ctx.matrix_mut();
        const auto* v = matrix.matrix_fractions().data();
        std::uint8_t* eligible = eligible_.data();
        rows_.reset();
        const std::size_t nx = shape.nx;
        for (std::size_t s = 0; s < Context::state_count; ++s) {
            const double share = share_[s];
            if (!(share > 0.0)) continue;
            // Eligibility as judged before this state deposits: not blocked, not full.
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                eligibility(eligible + r0 * nx, v + r0 * nx, marrow == nullptr ? nullptr : marrow + r0 * nx, state + r0 * nx,
                            (r1 - r0) * nx, blocking_index);
            });
            const auto depositor = static_cast<std::uint8_t>(s);
            // share / m for m = 0 .. 7 eligible sites around a depositing cell (0 for none).
            std::array<double, 8> part{};
            for (std::size_t m = 1; m < part.size(); ++m) part[m] = share / static_cast<double>(m);
            // parts(r, out): out[x + 1] = the share of the depositing cell at (x, row r) for each
            // eligible site around it (0 where no depositing cell is); out[0] = out[nx + 1] = 0.
            const auto parts = [&](std::size_t r, double* out) {
                std::fill(out, out + nx + 2, 0.0);
                const std::size_t base = r * nx, y = r % shape.ny, z = r / shape.ny;
                detail::for_each_equal(state + base, nx, depositor, false, [&](std::size_t x) {
                    const std::size_t j = base + x;
                    std::size_t m = eligible[j];
                    for_each_face_neighbour<dim>(shape, j, x, y, z,
                                                 [&](std::size_t k, std::size_t, std::size_t, std::size_t) { m += eligible[k]; });
                    out[x + 1] = part[m];
                });
            };
            // Each eligible site receives the shares of the depositing cells among its face
            // neighbours and itself, summed in ascending order of their sites (z-1, y-1, x-1,
            // x, x+1, y+1, z+1: adding the zeros of the others changes nothing), so rows are
            // independent and the result is the same for any thread count.
            parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
                auto& buf = rows_[th];
                buf.resize(row_buffer_size(shape, dim));
                double* request = buf.data();
                double* zero = request + nx;          // nx + 2 zeros
                double* ring[3] = {zero + nx + 2, zero + 2 * (nx + 2), zero + 3 * (nx + 2)};
                double* below = zero + 4 * (nx + 2);  // 3-D: the row in plane z - 1
                double* above = zero + 5 * (nx + 2);  // 3-D: the row in plane z + 1
                std::fill(zero, zero + nx + 2, 0.0);
                double* prev = zero;  // row r - 1 of the plane (zero off the grid)
                double* cur = zero;   // row r
                double* next = zero;  // row r + 1 of the plane
                const auto spare = [&] {
                    for (double* b : ring) {
                        if (b != prev && b != cur) return b;
                    }
                    return ring[0];  // not reached: at most two of the three are in use
                };
                if (r0 % shape.ny > 0) {
                    prev = spare();
                    parts(r0 - 1, prev);
                }
                cur = spare();
                parts(r0, cur);
                for (std::size_t r = r0; r < r1; ++r) {
                    const std::size_t y = r % shape.ny, z = r / shape.ny;
                    next = zero;
                    if (y + 1 < shape.ny) {
                        next = spare();
                        parts(r + 1, next);
                    }
                    const double* lower = zero;
                    const double* upper = zero;
                    if constexpr (dim == 3) {
                        if (z > 0) {
                            parts(r - shape.ny, below);
                            lower = below;
                        }
                        if (z + 1 < shape.nz) {
                            parts(r + shape.ny, above);
                            upper = above;
                        }
                    } else {
                        (void)z;
                    }
                    sum_shares(request, lower, prev, cur, next, upper, nx);
                    const std::size_t base = r * nx;
                    for (std::size_t x = 0; x < nx; ++x) {
                        if (request[x] > 0.0 && eligible[base + x] != 0) matrix.deposit_unchecked(base + x, request[x]);
                    }
                    if (r + 1 == r1) break;
                    if (y + 1 < shape.ny) {  // r becomes r - 1, r + 1 becomes r
                        prev = cur;
                        cur = next;
                    } else {  // row r + 1 starts a plane (3-D)
                        prev = zero;
                        cur = spare();
                        parts(r + 1, cur);
                    }
                }
            });
        }
    }

private:
    template <class Context>
    static const std::uint8_t* marrow_of(const Context& ctx) noexcept {
        if constexpr (Context::state_type::template has<marrow>) return ctx.template field<marrow>().data();
        else return nullptr;
    }

    // out[x] = the shares around site x of a row, in ascending order of the depositing sites
    // (rows are padded with a zero at each end). Separate arrays, so the loop vectorises.
    static void sum_shares(double* OSSIFY_RESTRICT_ out, const double* OSSIFY_RESTRICT_ lower,
                           const double* OSSIFY_RESTRICT_ prev, const double* OSSIFY_RESTRICT_ cur,
                           const double* OSSIFY_RESTRICT_ next, const double* OSSIFY_RESTRICT_ upper, std::size_t nx) noexcept {
        for (std::size_t x = 0; x < nx; ++x) {
            out[x] = (((((lower[x + 1] + prev[x + 1]) + cur[x]) + cur[x + 1]) + cur[x + 2]) + next[x + 1]) + upper[x + 1];
        }
    }
    // out[i] = 1 where a site may receive matrix: not full, not marrow, not a blocking state
    // (loops the compiler vectorises).
    template <class V, std::size_t B>
    static void eligibility(std::uint8_t* OSSIFY_RESTRICT_ out, const V* OSSIFY_RESTRICT_ v,
                            const std::uint8_t* OSSIFY_RESTRICT_ marrow, const std::uint8_t* OSSIFY_RESTRICT_ state,
                            std::size_t n, const std::array<std::uint8_t, B>& blocking) noexcept {
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<double>(v[i]) < 1.0 ? 1 : 0;
        if (marrow != nullptr) {
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(out[i] & (marrow[i] == 0 ? 1 : 0));
        }
        for (const auto b : blocking) {
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(out[i] & (state[i] != b ? 1 : 0));
        }
    }
    // Doubles per thread for a row's requests and the depositing cells' shares of five rows.
    static std::size_t row_buffer_size(const lattice_shape& s, std::size_t) noexcept { return s.nx + 6 * (s.nx + 2); }

    std::array<double, 256> share_{};
    std::vector<std::uint8_t> eligible_;
    per_thread<double> rows_;
};

OSSIFY_NAMESPACE_END

#undef OSSIFY_RESTRICT_

#endif  // OSSIFY_PROCESS_MATRIX_DEPOSITION_HPP
