/// @file
/// @brief The exact Euclidean distance transform on a lattice (Felzenszwalb & Huttenlocher
/// 2012, Theory of Computing 8:415: separable lower envelopes of parabolas, linear in the number
/// of sites): the squared distance, in site units, from every site to the nearest site of a
/// mask. Used for the distance to the nearest capillary (vascular_supply) and for the
/// thickness of trabecular struts (measurements).
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_DISTANCE_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_DISTANCE_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "../../space/shape.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief The squared distance given to sites with no mask site at all (finite, so that the
/// parabola arithmetic stays exact for the others).
inline constexpr double no_site_distance2 = 1.0e18;

/**
 * @brief Exact squared Euclidean distances (in site units) from every site of a 2-D or 3-D
 * lattice to the nearest site whose mask byte is non-zero; keeps its scratch buffers between
 * calls so that a call allocates nothing once they have grown.
 */
class distance_transform {
public:
    /// @brief Computes the squared distances for `mask` (one byte per site of `shape`, x
    /// fastest); sites farther than any mask site (or all sites, when the mask is empty) get
    /// no_site_distance2. Returns the distances, valid until the next call.
    const std::vector<double>& squared(const lattice_shape& shape, std::span<const std::uint8_t> mask) {
        const std::size_t n = shape.sites();
        d2_.resize(n);
        for (std::size_t i = 0; i < n; ++i) d2_[i] = mask[i] != 0 ? 0.0 : no_site_distance2;
        const std::size_t longest = std::max({shape.nx, shape.ny, shape.nz});
        line_.resize(longest);
        out_.resize(longest);
        v_.resize(longest);
        z_.resize(longest + 1);
        pass(shape.nx, 1, shape.ny * shape.nz, [&](std::size_t line) { return line * shape.nx; });
        if (shape.ny > 1) {
            pass(shape.ny, shape.sy, shape.nx * shape.nz,
                 [&](std::size_t line) { return (line % shape.nx) + (line / shape.nx) * shape.sz; });
        }
        if (shape.nz > 1) pass(shape.nz, shape.sz, shape.nx * shape.ny, [&](std::size_t line) { return line; });
        return d2_;
    }

private:
    // One axis: `lines` lines of `length` sites `stride` apart, the first site of line k at first(k).
    template <class First>
    void pass(std::size_t length, std::size_t stride, std::size_t lines, First first) {
        for (std::size_t k = 0; k < lines; ++k) {
            const std::size_t base = first(k);
            bool any = false;
            for (std::size_t q = 0; q < length; ++q) {
                line_[q] = d2_[base + q * stride];
                any = any || line_[q] < no_site_distance2;
            }
            if (!any) continue;
            envelope(length);
            for (std::size_t q = 0; q < length; ++q) d2_[base + q * stride] = std::min(out_[q], no_site_distance2);
        }
    }
    // The lower envelope of the parabolas (q - p)^2 + f(p) over one line (Felzenszwalb &
    // Huttenlocher 2012, algorithm DT(f)).
    void envelope(std::size_t n) {
        const double* f = line_.data();
        std::size_t k = 0;
        v_[0] = 0;
        z_[0] = -1.0e300;
        z_[1] = 1.0e300;
        for (std::size_t q = 1; q < n; ++q) {
            const auto dq = static_cast<double>(q);
            double s = 0.0;
            for (;;) {  // z_[0] = -1e300 ends the loop at k = 0 at the latest
                const auto p = static_cast<double>(v_[k]);
                s = ((f[q] + dq * dq) - (f[v_[k]] + p * p)) / (2.0 * dq - 2.0 * p);
                if (s > z_[k]) break;
                --k;
            }
            ++k;
            v_[k] = q;
            z_[k] = s;
            z_[k + 1] = 1.0e300;
        }
        k = 0;
        for (std::size_t q = 0; q < n; ++q) {
            const auto dq = static_cast<double>(q);
            while (z_[k + 1] < dq) ++k;
            const double d = dq - static_cast<double>(v_[k]);
            out_[q] = d * d + f[v_[k]];
        }
    }

    std::vector<double> d2_, line_, out_, z_;
    std::vector<std::size_t> v_;
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_DISTANCE_HPP
