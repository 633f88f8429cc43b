/// @file
/// @brief Lattice neighbourhoods: von Neumann (face neighbours) and Moore (face, edge and
/// corner neighbours) in 2-D and 3-D, as compile-time offset tables.
#include "../config.hpp"
#ifndef OSSIFY_SPACE_NEIGHBOURHOOD_HPP
#define OSSIFY_SPACE_NEIGHBOURHOOD_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include "grid.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {

/// @brief 3^Dim, the size of the Moore block including the centre.
constexpr std::size_t pow3(std::size_t d) noexcept { return d == 0 ? 1 : 3 * pow3(d - 1); }

/// @brief The 2*Dim face offsets, ordered axis by axis, -1 before +1.
template <std::size_t Dim>
constexpr std::array<site<Dim>, 2 * Dim> make_von_neumann() noexcept {
    std::array<site<Dim>, 2 * Dim> out{};
    for (std::size_t a = 0; a < Dim; ++a) {
        out[2 * a][a] = -1;
        out[2 * a + 1][a] = +1;
    }
    return out;
}

/// @brief The 3^Dim - 1 Moore offsets, x fastest, the centre left out.
template <std::size_t Dim>
constexpr std::array<site<Dim>, pow3(Dim) - 1> make_moore() noexcept {
    std::array<site<Dim>, pow3(Dim) - 1> out{};
    std::size_t k = 0;
    for (std::size_t code = 0; code < pow3(Dim); ++code) {
        site<Dim> s{};
        std::size_t c = code;
        bool centre = true;
        for (std::size_t a = 0; a < Dim; ++a) {
            s[a] = static_cast<std::int32_t>(c % 3) - 1;
            c /= 3;
            if (s[a] != 0) centre = false;
        }
        if (!centre) out[k++] = s;
    }
    return out;
}

}  // namespace detail

/**
 * @brief The von Neumann neighbourhood: the 2*Dim sites sharing a face with a site.
 *
 * `offsets` is ordered axis by axis, the -1 neighbour before the +1 neighbour, so
 * `offsets[2*a + side]` is the neighbour across face `side` (0 low, 1 high) of axis `a`.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
struct von_neumann {
    static_assert(Dim == 2 || Dim == 3, "ossify::von_neumann: only 2-D and 3-D are supported");
    /** @brief Number of neighbours (4 in 2-D, 6 in 3-D). */
    static constexpr std::size_t count = 2 * Dim;
    /** @brief Offsets from a site to its neighbours. */
    static constexpr std::array<site<Dim>, count> offsets = detail::make_von_neumann<Dim>();
};

/**
 * @brief The Moore neighbourhood: all 3^Dim - 1 sites touching a site (faces, edges,
 * corners), x fastest, the centre left out.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
struct moore {
    static_assert(Dim == 2 || Dim == 3, "ossify::moore: only 2-D and 3-D are supported");
    /** @brief Number of neighbours (8 in 2-D, 26 in 3-D). */
    static constexpr std::size_t count = detail::pow3(Dim) - 1;
    /** @brief Offsets from a site to its neighbours. */
    static constexpr std::array<site<Dim>, count> offsets = detail::make_moore<Dim>();
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SPACE_NEIGHBOURHOOD_HPP
