/// @file
/// @brief Simple regions for seeding a tissue: a disc (2-D), a ball (3-D) and a box.
#include "../config.hpp"
#ifndef OSSIFY_SPACE_SHAPES_HPP
#define OSSIFY_SPACE_SHAPES_HPP

#include <cstddef>
#include <string>

#include "../detail/error.hpp"
#include "../units/quantities.hpp"
#include "grid.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief Squared distance between two site centres in um^2.
template <std::size_t Dim>
[[nodiscard]] double site_distance2_um2(const basic_grid<Dim>& g, const site<Dim>& a, const site<Dim>& b) noexcept {
    double d2 = 0.0;
    for (std::size_t k = 0; k < Dim; ++k) {
        const double d = static_cast<double>(a[k] - b[k]) * g.spacing_um();
        d2 += d * d;
    }
    return d2;
}
}  // namespace detail

/**
 * @brief The sites whose centres lie within `radius` of the centre of site `centre`
 * (boundary included). `Dim` 2 is a disc, 3 a ball.
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
class basic_sphere {
public:
    /** @brief A region of the given centre site and radius (finite, >= 0). */
    basic_sphere(const site<Dim>& centre, length radius) : centre_(centre), radius_um_(radius.value()) {
        detail::require_non_negative(Dim == 2 ? "ossify::disc" : "ossify::ball", "radius", radius_um_, "um");
    }
    /** @brief The centre site. */
    [[nodiscard]] const site<Dim>& centre() const noexcept { return centre_; }
    /** @brief The radius. */
    [[nodiscard]] length radius() const noexcept { return length::from_value(radius_um_); }
    /** @brief True when `s` is on the grid and its centre is within the radius. */
    [[nodiscard]] bool contains(const basic_grid<Dim>& g, const site<Dim>& s) const noexcept {
        // A tiny relative slack so that sites exactly on the circle count despite rounding.
        return g.contains(s) &&
               detail::site_distance2_um2(g, s, centre_) <= radius_um_ * radius_um_ * (1.0 + 1e-12);
    }

private:
    site<Dim> centre_;
    double radius_um_;
};

/** @brief A disc on a 2-D grid: `disc{{50, 50}, 30.0_um}`. */
using disc = basic_sphere<2>;
/** @brief A ball on a 3-D grid: `ball{{20, 20, 20}, 30.0_um}`. */
using ball = basic_sphere<3>;

/**
 * @brief The sites with lo[a] <= s[a] <= hi[a] on every axis (both corners included).
 * @tparam Dim 2 or 3
 */
template <std::size_t Dim>
class box {
public:
    /** @brief A box from corner `lo` to corner `hi` (inclusive; lo[a] <= hi[a]). */
    box(const site<Dim>& lo, const site<Dim>& hi) : lo_(lo), hi_(hi) {
        for (std::size_t a = 0; a < Dim; ++a) {
            if (lo[a] > hi[a]) {
                throw invalid_parameter("ossify::box", "hi[" + std::to_string(a) + "]", std::to_string(hi[a]),
                                        ">= lo[" + std::to_string(a) + "] = " + std::to_string(lo[a]));
            }
        }
    }
    /** @brief The low corner. */
    [[nodiscard]] const site<Dim>& lo() const noexcept { return lo_; }
    /** @brief The high corner (included). */
    [[nodiscard]] const site<Dim>& hi() const noexcept { return hi_; }
    /** @brief True when `s` is on the grid and inside the box. */
    [[nodiscard]] bool contains(const basic_grid<Dim>& g, const site<Dim>& s) const noexcept {
        if (!g.contains(s)) return false;
        for (std::size_t a = 0; a < Dim; ++a) {
            if (s[a] < lo_[a] || s[a] > hi_[a]) return false;
        }
        return true;
    }

private:
    site<Dim> lo_;
    site<Dim> hi_;
};

/** @brief Deduces box<Dim> from two sites. */
template <std::size_t Dim>
box(const site<Dim>&, const site<Dim>&) -> box<Dim>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SPACE_SHAPES_HPP
