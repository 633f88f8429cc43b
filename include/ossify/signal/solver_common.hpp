/// @file
/// @brief Pieces shared by the diffusion solvers: argument checks and the grid's shape as
/// three extents (a 2-D grid is one plane, nz = 1).
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_SOLVER_COMMON_HPP
#define OSSIFY_SIGNAL_SOLVER_COMMON_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>

#include "../detail/error.hpp"
#include "../space/grid.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// @brief Extents of a grid as (nx, ny, nz), nz = 1 for a 2-D grid.
template <std::size_t Dim>
[[nodiscard]] std::array<std::size_t, 3> extents3(const basic_grid<Dim>& g) noexcept {
    std::array<std::size_t, 3> e{1, 1, 1};
    for (std::size_t a = 0; a < Dim; ++a) e[a] = static_cast<std::size_t>(g.extent(a));
    return e;
}

/// @brief Refuses a concentration span of the wrong size, and source or uptake spans that
/// are neither empty (meaning zero) nor of the grid's size.
template <class T>
void check_step_spans(const char* where, std::size_t n, std::size_t c, std::size_t s, std::size_t u) {
    const auto sz = [](std::size_t v) { return std::to_string(v); };
    if (c != n) throw invalid_parameter(where, "concentration.size()", sz(c), "the grid's size " + sz(n));
    if (s != 0 && s != n)
        throw invalid_parameter(where, "source.size()", sz(s), "0 (no source) or the grid's size " + sz(n));
    if (u != 0 && u != n)
        throw invalid_parameter(where, "uptake.size()", sz(u), "0 (no uptake) or the grid's size " + sz(n));
}

/// @brief Refuses a NaN or infinite source, or a negative, NaN or infinite uptake, naming the
/// site (an uptake below 0 would be a source in disguise, and the solvers' stability rests on
/// uptake >= 0).
template <class T>
void check_sources(const char* where, std::span<const T> source, std::span<const T> uptake) {
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (!std::isfinite(static_cast<double>(source[i]))) {
            throw_out_of_range(where, "source[" + std::to_string(i) + "]", static_cast<double>(source[i]), "nM/d", "finite");
        }
    }
    for (std::size_t i = 0; i < uptake.size(); ++i) {
        const double u = static_cast<double>(uptake[i]);
        if (!(u >= 0.0) || !std::isfinite(u)) {
            throw_out_of_range(where, "uptake[" + std::to_string(i) + "]", u, "1/d", "finite and >= 0");
        }
    }
}

/// @brief A floating-point value type the solvers accept.
template <class T>
inline constexpr bool solver_value_type = std::is_same_v<T, double> || std::is_same_v<T, float>;

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_SOLVER_COMMON_HPP
