/// @file
/// @brief A scalar field on a grid: one contiguous value per site (structure of arrays).
#include "../config.hpp"
#ifndef OSSIFY_SPACE_FIELD_HPP
#define OSSIFY_SPACE_FIELD_HPP

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "grid.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief One value of type T per site of a grid, stored contiguously in the grid's
 * linear order (x fastest). Several quantities on one grid are several fields.
 *
 * Values are plain numbers in the internal scale (um, d, nM), not quantities: this is
 * bulk data for hot loops.
 * @tparam T the value type (double, float, an integer ...)
 * @tparam Dim 2 or 3
 */
template <class T, std::size_t Dim>
class field {
public:
    /** @brief The stored value type. */
    using value_type = T;
    /** @brief The grid type. */
    using grid_type = basic_grid<Dim>;

    /** @brief A field on `g` with every site set to `initial`. */
    explicit field(const grid_type& g, const T& initial = T{}) : grid_(g), values_(g.size(), initial) {}

    /** @brief The grid the field lives on. */
    [[nodiscard]] const grid_type& grid() const noexcept { return grid_; }
    /** @brief Number of sites (values). */
    [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
    /** @brief Pointer to the first value. */
    [[nodiscard]] T* data() noexcept { return values_.data(); }
    /** @brief Pointer to the first value. */
    [[nodiscard]] const T* data() const noexcept { return values_.data(); }
    /** @brief All values as a span. */
    [[nodiscard]] std::span<T> span() noexcept { return {values_.data(), values_.size()}; }
    /** @brief All values as a span. */
    [[nodiscard]] std::span<const T> span() const noexcept { return {values_.data(), values_.size()}; }
    /** @brief The value at a linear index (unchecked). */
    [[nodiscard]] T& operator[](std::size_t i) noexcept { return values_[i]; }
    /** @brief The value at a linear index (unchecked). */
    [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return values_[i]; }
    /** @brief The value at a site (which must be on the grid; unchecked). */
    [[nodiscard]] T& operator[](const site<Dim>& s) noexcept { return values_[grid_.index(s)]; }
    /** @brief The value at a site (which must be on the grid; unchecked). */
    [[nodiscard]] const T& operator[](const site<Dim>& s) const noexcept { return values_[grid_.index(s)]; }
    /** @brief Iterator to the first value. */
    [[nodiscard]] auto begin() noexcept { return values_.begin(); }
    /** @brief Iterator past the last value. */
    [[nodiscard]] auto end() noexcept { return values_.end(); }
    /** @brief Iterator to the first value. */
    [[nodiscard]] auto begin() const noexcept { return values_.begin(); }
    /** @brief Iterator past the last value. */
    [[nodiscard]] auto end() const noexcept { return values_.end(); }
    /** @brief Sets every site to `v`. */
    void fill(const T& v) { std::fill(values_.begin(), values_.end(), v); }

private:
    grid_type grid_;
    std::vector<T> values_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SPACE_FIELD_HPP
