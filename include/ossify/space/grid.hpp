/// @file
/// @brief Regular 2-D and 3-D grids: extent, spacing (a length), linear indexing.
#include "../config.hpp"
#ifndef OSSIFY_SPACE_GRID_HPP
#define OSSIFY_SPACE_GRID_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "../detail/error.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Integer lattice coordinates of a site.
/// @tparam Dim 2 or 3
template <std::size_t Dim>
using site = std::array<std::int32_t, Dim>;

/// @brief A regular Dim-dimensional lattice of nx * ny (* nz) sites with a uniform spacing.
///
/// Sites are numbered with x fastest: index = x + nx * (y + ny * z). Fields on the grid
/// are contiguous arrays in that order (structure of arrays).
/// @tparam Dim 2 or 3
template <std::size_t Dim>
class basic_grid {
    static_assert(Dim == 2 || Dim == 3, "ossify::basic_grid: only 2-D and 3-D grids are supported");

public:
    /// @brief Number of spatial dimensions.
    static constexpr std::size_t dimension = Dim;
    /// @brief Coordinates of one site.
    using site_type = site<Dim>;

    /// @brief A grid of the given extent (sites per axis, each >= 1) and spacing (> 0).
    basic_grid(const std::array<std::int32_t, Dim>& extent, length spacing)
        : extent_(extent), spacing_(spacing.value()) {
        for (std::size_t a = 0; a < Dim; ++a) {
            detail::require_in_range("ossify::grid", "extent[" + std::to_string(a) + "]",
                                     extent[a], 1, 1 << 20);
        }
        detail::require_positive("ossify::grid", "spacing", spacing_, "um");
        std::size_t n = 1;
        for (std::size_t a = 0; a < Dim; ++a) {
            stride_[a] = static_cast<std::ptrdiff_t>(n);
            n *= static_cast<std::size_t>(extent_[a]);
        }
        size_ = n;
    }

    /// @brief A 2-D grid of nx * ny sites.
    basic_grid(std::int32_t nx, std::int32_t ny, length spacing) requires(Dim == 2)
        : basic_grid(std::array<std::int32_t, 2>{nx, ny}, spacing) {}
    /// @brief A 3-D grid of nx * ny * nz sites.
    basic_grid(std::int32_t nx, std::int32_t ny, std::int32_t nz, length spacing) requires(Dim == 3)
        : basic_grid(std::array<std::int32_t, 3>{nx, ny, nz}, spacing) {}

    /// @brief Sites per axis.
    [[nodiscard]] const std::array<std::int32_t, Dim>& extent() const noexcept { return extent_; }
    /// @brief Sites along one axis.
    [[nodiscard]] std::int32_t extent(std::size_t axis) const noexcept { return extent_[axis]; }
    /// @brief Total number of sites.
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    /// @brief Distance between neighbouring site centres.
    [[nodiscard]] length spacing() const noexcept { return length::from_value(spacing_); }
    /// @brief The spacing in the internal scale (um), for hot loops.
    [[nodiscard]] double spacing_um() const noexcept { return spacing_; }
    /// @brief Index step between neighbours along an axis.
    [[nodiscard]] std::ptrdiff_t stride(std::size_t axis) const noexcept { return stride_[axis]; }
    /// @brief Volume of one site (h^3, also in 2-D where a site is a column of one spacing).
    [[nodiscard]] volume site_volume() const noexcept {
        return volume::from_value(spacing_ * spacing_ * spacing_);
    }

    /// @brief True when the coordinates lie on the grid.
    [[nodiscard]] bool contains(const site_type& s) const noexcept {
        for (std::size_t a = 0; a < Dim; ++a) {
            if (s[a] < 0 || s[a] >= extent_[a]) return false;
        }
        return true;
    }
    /// @brief Linear index of a site (which must be on the grid).
    [[nodiscard]] std::size_t index(const site_type& s) const noexcept {
        std::size_t i = 0;
        for (std::size_t a = 0; a < Dim; ++a) {
            i += static_cast<std::size_t>(s[a]) * static_cast<std::size_t>(stride_[a]);
        }
        return i;
    }
    /// @brief Coordinates of a linear index.
    [[nodiscard]] site_type coords(std::size_t i) const noexcept {
        site_type s{};
        for (std::size_t a = 0; a < Dim; ++a) {
            s[a] = static_cast<std::int32_t>(i % static_cast<std::size_t>(extent_[a]));
            i /= static_cast<std::size_t>(extent_[a]);
        }
        return s;
    }
    /// @brief Position of a site centre along an axis, from the grid origin (um).
    [[nodiscard]] double position_um(const site_type& s, std::size_t axis) const noexcept {
        return (static_cast<double>(s[axis]) + 0.5) * spacing_;
    }

    /// @brief Two grids are equal when extent and spacing are.
    friend bool operator==(const basic_grid& a, const basic_grid& b) noexcept {
        return a.extent_ == b.extent_ && a.spacing_ == b.spacing_;
    }

private:
    std::array<std::int32_t, Dim> extent_;
    std::array<std::ptrdiff_t, Dim> stride_{};
    double spacing_;
    std::size_t size_ = 0;
};

/// @brief A 2-D grid (a sheet of tissue one site thick).
using grid2d = basic_grid<2>;
/// @brief A 3-D grid.
using grid3d = basic_grid<3>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SPACE_GRID_HPP
