/// @file
/// @brief The mineralisation process: the bone matrix mineralises by its kinetics (exactly,
/// for any dt with the default kinetics).
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_MATRIX_MINERALISATION_HPP
#define OSSIFY_PROCESS_MATRIX_MINERALISATION_HPP

#include <cstddef>
#include <string_view>

#include "../tissue/context.hpp"
#include "parallel.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Process: every site's matrix advances by the tissue's mineralisation kinetics (the
/// policy chosen in lattice_options; its parameters are listed under "matrix.kinetics").
struct matrix_mineralisation {
    /// @brief Name in messages and parameter listings.
    static constexpr std::string_view name = "matrix_mineralisation";
    /// @brief Advances the bone matrix.
    using writes = field_list<bone_matrix>;
    /// @brief Runs the process.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept {
        auto& matrix = ctx.matrix_mut();
        const std::size_t nx = ctx.shape().nx;
        parallel_rows(ctx.shape().rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
            matrix.mineralise_rows(dt.value(), r0 * nx, r1 * nx);
        });
    }
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_MATRIX_MINERALISATION_HPP
