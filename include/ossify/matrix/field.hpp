/// @file
/// @brief Per-site bone matrix on a lattice: osteoid deposition by osteoblasts, exact
/// mineralisation, osteoid/mineral queries and the entrapment measure.
///
/// State of a site (structure of arrays of T = double or float, internal scale):
///
/// | array | meaning |
/// |---|---|
/// | `matrix`    | v, volume fraction of the site filled by matrix (osteoid + mineralised), [0, 1] |
/// | `lagged`    | v0 <= v, the part of it still in its mineralisation lag |
/// | `lag`       | time left (d) until `lagged` starts to mineralise |
/// | `primary`   | a1 <= v - v0, primary-phase progress as a volume fraction |
/// | `secondary` | a2 <= v - v0, secondary-phase progress as a volume fraction |
///
/// Mineral volume fraction (relative to fully mineralised matrix) = p a1 + (1 - p) a2;
/// mineral degree = mineral / v; osteoid (unmineralised) volume fraction = v - mineral.
///
/// Matrix that has passed its lag (volume vm = v - v0) mineralises by
/// da1/dt = k1 (vm - a1), da2/dt = k2 (vm - a2), integrated exactly:
/// a <- a e^{-k dt} + vm (1 - e^{-k dt}). When the lag of the lagged pool runs out inside a
/// step, the step is split at that moment and the pool joins vm with no mineral. The state
/// thus follows a deterministic flow, so `mineralise(dt1); mineralise(dt2)` equals
/// `mineralise(dt1 + dt2)` up to rounding and a single deposit follows the closed form
/// mineralisation_kinetics::degree exactly for any step length.
///
/// Mixing: matrix deposited into a site joins its lagged pool; the pool's remaining lag
/// becomes the volume-weighted mean of the old remaining lag and the full lag of the new
/// osteoid (so the mean lag over all deposited volume is preserved). Matrix that is already
/// mineralising is not held back by new osteoid.
#include "../config.hpp"
#ifndef OSSIFY_MATRIX_FIELD_HPP
#define OSSIFY_MATRIX_FIELD_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "../detail/error.hpp"
#include "../space/grid.hpp"
#include "../units/quantities.hpp"
#include "detail/lattice.hpp"
#include "kinetics.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Default mineral volume fraction above which a neighbouring site counts as
/// mineralised for the entrapment measure: 0.5, assumed. A full site passes it once its
/// primary phase is ~70 % complete (p = 0.7), i.e. ~1-2 days after the lag with the
/// woven-bone defaults, while a half-filled osteoid site never does.
inline constexpr double default_mineralised_threshold = 0.5;

/// @brief Bone matrix (osteoid and mineral) on every site of a 2-D or 3-D grid.
///
/// Deposition, mineralisation and entrapment are deterministic and independent of the
/// order in which osteoblasts are listed. All per-site fractions are in [0, 1].
/// @tparam Dim 2 or 3
/// @tparam T storage type of the five per-site state arrays: double (default) or float
/// (the lattice tissue's choice, 20 bytes per site instead of 40). Every computation is done
/// in double; with float storage each stored value is rounded to float once per update.
template <std::size_t Dim, class T = double>
class matrix_field {
    static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>,
                  "matrix_field stores double or float");

public:
    /// @brief The grid type.
    using grid_type = basic_grid<Dim>;
    /// @brief Storage type of the per-site state arrays.
    using value_type = T;

    /// @brief Empty matrix (no osteoid, no mineral) on every site of the grid.
    explicit matrix_field(const grid_type& grid,
                          const mineralisation_kinetics& kinetics = mineralisation_kinetics::woven_bone())
        : grid_(grid),
          kinetics_(kinetics),
          matrix_(grid.size(), T{0}),
          lagged_(grid.size(), T{0}),
          lag_(grid.size(), T{0}),
          primary_(grid.size(), T{0}),
          secondary_(grid.size(), T{0}) {}

    /// @brief The grid.
    [[nodiscard]] const grid_type& grid() const noexcept { return grid_; }
    /// @brief Number of sites.
    [[nodiscard]] std::size_t size() const noexcept { return grid_.size(); }
    /// @brief Bytes of per-site state (5 arrays of T).
    [[nodiscard]] std::size_t state_bytes() const noexcept { return 5 * sizeof(T) * size(); }
    /// @brief The mineralisation kinetics of all matrix in this field.
    [[nodiscard]] const mineralisation_kinetics& kinetics() const noexcept { return kinetics_; }

    // ---------------------------------------------------------------- deposition

    /// @brief Deposits osteoid of the given volume fraction of one site, capped so the site
    /// is at most full; returns the volume fraction actually deposited. Throws
    /// ossify::invalid_parameter unless site < size() and volume_fraction is finite and >= 0.
    double deposit(std::size_t site, double volume_fraction) {
        check_site("ossify::matrix_field::deposit", "site", site);
        detail::require_non_negative("ossify::matrix_field::deposit", "volume_fraction",
                                     volume_fraction);
        return deposit_unchecked(site, volume_fraction);
    }

    /// @brief Osteoid secretion by the osteoblasts on the listed sites during dt.
    ///
    /// Each osteoblast lays down a layer of thickness apposition_rate * dt over one site
    /// face, i.e. apposition_rate * dt / h of a site volume, split equally over the eligible
    /// sites among its own site and its von Neumann neighbours (4 in 2-D, 6 in 3-D).
    /// A site is eligible when it is on the grid, not blocked (e.g. a capillary:
    /// `blocked[i] != 0`) and not full. Eligibility is judged on the state before the call;
    /// the requests of all osteoblasts are summed first (in ascending order of their sites)
    /// and then applied, each site capped at full. The part of a request that does not fit
    /// is not passed on. The result does not depend on the order of `osteoblast_sites`.
    /// @param osteoblast_sites linear indices of the osteoblasts' sites (no duplicates)
    /// @param blocked one byte per site, non-zero where no matrix may go; or empty for none
    /// @return the matrix volume actually deposited
    volume deposit_by_osteoblasts(std::span<const std::size_t> osteoblast_sites,
                                  std::span<const std::uint8_t> blocked, velocity apposition_rate,
                                  duration dt) {
        constexpr const char* where = "ossify::matrix_field::deposit_by_osteoblasts";
        const double share = check_deposition(where, blocked, apposition_rate, dt);
        sorted_.assign(osteoblast_sites.begin(), osteoblast_sites.end());
        std::sort(sorted_.begin(), sorted_.end());
        for (std::size_t k = 0; k < sorted_.size(); ++k) {
            if (sorted_[k] >= size()) {
                throw invalid_parameter(where, "osteoblast_sites[]",
                                        detail::format_value(sorted_[k]),
                                        "[0, " + detail::format_value(size() - 1) + "]");
            }
            if (k > 0 && sorted_[k] == sorted_[k - 1]) {
                throw invalid_parameter(where, "osteoblast_sites[]",
                                        detail::format_value(sorted_[k]) + " (listed twice)",
                                        "each site at most once");
            }
        }
        return deposit_requests(share, blocked, [&](auto&& visit) {
            for (const std::size_t s : sorted_) visit(s);
        });
    }

    /// @brief As deposit_by_osteoblasts(), with the osteoblasts given as one byte per site
    /// (non-zero where an osteoblast sits).
    volume deposit_by_osteoblast_mask(std::span<const std::uint8_t> is_osteoblast,
                                      std::span<const std::uint8_t> blocked,
                                      velocity apposition_rate, duration dt) {
        constexpr const char* where = "ossify::matrix_field::deposit_by_osteoblast_mask";
        check_mask_size(where, "is_osteoblast", is_osteoblast.size(), false);
        const double share = check_deposition(where, blocked, apposition_rate, dt);
        return deposit_requests(share, blocked, [&](auto&& visit) {
            for (std::size_t s = 0; s < is_osteoblast.size(); ++s) {
                if (is_osteoblast[s] != 0) visit(s);
            }
        });
    }

    /// @brief Sets a site to mature matrix of the given volume fraction and mineral degree,
    /// both phases equally advanced (an initial condition, e.g. pre-existing bone). Throws
    /// ossify::invalid_parameter unless site < size() and both values lie in [0, 1].
    void assign(std::size_t site, double matrix_fraction, double mineral_degree) {
        constexpr const char* where = "ossify::matrix_field::assign";
        check_site(where, "site", site);
        detail::require_in_range(where, "matrix_fraction", matrix_fraction, 0.0, 1.0);
        detail::require_in_range(where, "mineral_degree", mineral_degree, 0.0, 1.0);
        matrix_[site] = static_cast<T>(matrix_fraction);
        lagged_[site] = T{0};
        lag_[site] = T{0};
        primary_[site] = secondary_[site] = static_cast<T>(std::min(matrix_fraction, matrix_fraction * mineral_degree));
    }

    /// @brief Removes all matrix from every site.
    void clear() noexcept {
        for (auto* a : {&matrix_, &lagged_, &lag_, &primary_, &secondary_}) {
            std::fill(a->begin(), a->end(), T{0});
        }
    }

    // ---------------------------------------------------------------- mineralisation

    /// @brief Advances the mineralisation of every site by dt, exactly (see the file
    /// comment); throws ossify::invalid_parameter unless dt is finite and >= 0.
    void mineralise(duration dt) {
        const double t = units::internal(dt);
        detail::require_non_negative("ossify::matrix_field::mineralise", "dt", t, "d");
        const double k1 = kinetics_.primary_rate_per_d();
        const double k2 = kinetics_.secondary_rate_per_d();
        const double e1 = std::exp(-k1 * t), c1 = -std::expm1(-k1 * t);
        const double e2 = std::exp(-k2 * t), c2 = -std::expm1(-k2 * t);
        const std::size_t n = size();
        T* const v = matrix_.data();
        T* const v0 = lagged_.data();
        T* const lag = lag_.data();
        T* const a1 = primary_.data();
        T* const a2 = secondary_.data();
        for (std::size_t i = 0; i < n; ++i) {
            const double vi = v[i];
            if (v0[i] > T{0}) {
                const double li = lag[i];
                if (li > t) {
                    lag[i] = static_cast<T>(li - t);
                } else {
                    // The lag runs out inside this step: advance the mineralising part to
                    // that moment, merge the lagged pool into it, advance the rest.
                    const double t1 = std::max(li, 0.0), t2 = t - t1;
                    double b1 = a1[i], b2 = a2[i];
                    const double vm = vi - static_cast<double>(v0[i]);
                    b1 = b1 * std::exp(-k1 * t1) - vm * std::expm1(-k1 * t1);
                    b2 = b2 * std::exp(-k2 * t1) - vm * std::expm1(-k2 * t1);
                    b1 = b1 * std::exp(-k1 * t2) - vi * std::expm1(-k1 * t2);
                    b2 = b2 * std::exp(-k2 * t2) - vi * std::expm1(-k2 * t2);
                    a1[i] = static_cast<T>(std::min(b1, vi));
                    a2[i] = static_cast<T>(std::min(b2, vi));
                    v0[i] = T{0};
                    lag[i] = T{0};
                    continue;
                }
            }
            const double vm = vi - static_cast<double>(v0[i]);
            a1[i] = static_cast<T>(std::min(static_cast<double>(a1[i]) * e1 + vm * c1, vm));
            a2[i] = static_cast<T>(std::min(static_cast<double>(a2[i]) * e2 + vm * c2, vm));
        }
    }

    /// @brief The five per-site state arrays, in the order of the file comment: matrix,
    /// lagged, lag, primary, secondary (size() values each). For checkpointing only: writing
    /// them bypasses every invariant this class keeps.
    [[nodiscard]] std::array<std::span<T>, 5> state_arrays() noexcept {
        return {matrix_, lagged_, lag_, primary_, secondary_};
    }
    /// @brief The five per-site state arrays (read-only), for checkpointing.
    [[nodiscard]] std::array<std::span<const T>, 5> state_arrays() const noexcept {
        return {matrix_, lagged_, lag_, primary_, secondary_};
    }

    // ---------------------------------------------------------------- per-site queries

    /// @brief Volume fraction of the site filled by matrix (osteoid + mineralised), [0, 1].
    [[nodiscard]] double matrix_fraction(std::size_t site) const noexcept { return matrix_[site]; }
    /// @brief Mineral volume fraction of the site, relative to fully mineralised matrix:
    /// matrix fraction * mineral degree, [0, 1].
    [[nodiscard]] double mineral_fraction(std::size_t site) const noexcept {
        const double p = kinetics_.primary_fraction_value();
        return p * primary_[site] + (1.0 - p) * secondary_[site];
    }
    /// @brief Unmineralised (osteoid) volume fraction: matrix fraction - mineral fraction.
    [[nodiscard]] double osteoid_fraction(std::size_t site) const noexcept {
        return std::max(matrix_[site] - mineral_fraction(site), 0.0);
    }
    /// @brief Degree of mineralisation of the site's matrix, [0, 1] (0 for an empty site).
    [[nodiscard]] double mineral_degree(std::size_t site) const noexcept {
        const double v = matrix_[site];
        return v > 0.0 ? std::min(mineral_fraction(site) / v, 1.0) : 0.0;
    }
    /// @brief Part of the matrix fraction still waiting out its mineralisation lag.
    [[nodiscard]] double lagged_fraction(std::size_t site) const noexcept { return lagged_[site]; }
    /// @brief Time left until the lagged matrix of the site starts to mineralise (0 when
    /// none is lagged).
    [[nodiscard]] duration lag_remaining(std::size_t site) const noexcept {
        return units::from_internal<duration>(lag_[site]);
    }
    /// @brief True when no more matrix fits into the site.
    [[nodiscard]] bool is_full(std::size_t site) const noexcept { return matrix_[site] >= 1.0; }
    /// @brief True when the site's mineral fraction is above the threshold.
    [[nodiscard]] bool is_mineralised(std::size_t site,
                                      double threshold = default_mineralised_threshold) const noexcept {
        return mineral_fraction(site) > threshold;
    }

    /// @brief All matrix fractions, one per site (x fastest), for observers and writers.
    [[nodiscard]] std::span<const T> matrix_fractions() const noexcept { return matrix_; }
    /// @brief Writes every site's mineral fraction into out (size() values).
    void mineral_fractions(std::span<double> out) const {
        check_mask_size("ossify::matrix_field::mineral_fractions", "out", out.size(), false);
        for (std::size_t i = 0; i < size(); ++i) out[i] = mineral_fraction(i);
    }

    // ---------------------------------------------------------------- totals

    /// @brief Matrix (osteoid + mineralised) volume over the grid.
    [[nodiscard]] volume total_matrix_volume() const noexcept {
        return site_volume() * sum_matrix();
    }
    /// @brief Mineral volume over the grid (relative to fully mineralised matrix).
    [[nodiscard]] volume total_mineral_volume() const noexcept {
        return site_volume() * sum_mineral();
    }
    /// @brief Unmineralised (osteoid) volume over the grid.
    [[nodiscard]] volume total_osteoid_volume() const noexcept {
        return site_volume() * std::max(sum_matrix() - sum_mineral(), 0.0);
    }
    /// @brief Bone volume over tissue volume (BV/TV): matrix volume over the grid's volume.
    [[nodiscard]] fraction bone_volume_fraction() const noexcept {
        return fraction{sum_matrix() / static_cast<double>(size())};
    }
    /// @brief Mineral volume over tissue volume.
    [[nodiscard]] fraction mineral_volume_fraction() const noexcept {
        return fraction{sum_mineral() / static_cast<double>(size())};
    }
    /// @brief Osteoid volume over bone volume (OV/BV; 0 when there is no bone).
    [[nodiscard]] fraction osteoid_volume_fraction_of_bone() const noexcept {
        const double m = sum_matrix();
        return fraction{m > 0.0 ? std::max(m - sum_mineral(), 0.0) / m : 0.0};
    }

    // ---------------------------------------------------------------- entrapment

    /// @brief Entrapment measure of a site: the fraction of its on-grid Moore neighbours
    /// (8 in 2-D, 26 in 3-D in the interior; off-grid neighbours count in neither numerator
    /// nor denominator) whose mineral fraction is above threshold; in [0, 1], 0 for a site
    /// without neighbours. Throws ossify::invalid_parameter unless site < size() and
    /// threshold is in [0, 1].
    [[nodiscard]] double entrapment(std::size_t site,
                                    double threshold = default_mineralised_threshold) const {
        constexpr const char* where = "ossify::matrix_field::entrapment";
        check_site(where, "site", site);
        detail::require_in_range(where, "threshold", threshold, 0.0, 1.0);
        int on_grid = 0, mineralised = 0;
        detail::matrix::for_each_moore_neighbour(grid_, site, [&](std::size_t j) {
            ++on_grid;
            mineralised += mineral_fraction(j) > threshold ? 1 : 0;
        });
        return on_grid > 0 ? static_cast<double>(mineralised) / static_cast<double>(on_grid) : 0.0;
    }

    /// @brief The entrapment measure of every site, written into out (size() values), in one
    /// pass over the grid (separable 3-wide box sums). Same values as entrapment(site,
    /// threshold). Throws ossify::invalid_parameter unless out.size() == size() and
    /// threshold is in [0, 1].
    void entrapment(double threshold, std::span<double> out) const {
        constexpr const char* where = "ossify::matrix_field::entrapment";
        detail::require_in_range(where, "threshold", threshold, 0.0, 1.0);
        check_mask_size(where, "out", out.size(), false);
        const std::size_t n = size();
        const double p = kinetics_.primary_fraction_value();
        std::vector<std::uint8_t> flag(n), a(n), b(n);
        for (std::size_t i = 0; i < n; ++i) {
            flag[i] = p * primary_[i] + (1.0 - p) * secondary_[i] > threshold ? 1 : 0;
        }
        // Box sums along each axis: b = sum_x(flag), a = sum_y(b)[, b = sum_z(a)].
        box_sum_axis(flag, b, 0);
        box_sum_axis(b, a, 1);
        const std::vector<std::uint8_t>* box = &a;
        if constexpr (Dim == 3) {
            box_sum_axis(a, b, 2);
            box = &b;
        }
        // Number of on-grid neighbours = prod over axes (1 + [x > 0] + [x < n-1]) - 1.
        const auto axis_count = [](std::int32_t x, std::int32_t ext) {
            return 1 + (x > 0 ? 1 : 0) + (x + 1 < ext ? 1 : 0);
        };
        const std::int32_t nx = grid_.extent(0), ny = grid_.extent(1);
        const std::int32_t nz = Dim == 3 ? grid_.extent(Dim - 1) : 1;
        std::size_t i = 0;
        for (std::int32_t z = 0; z < nz; ++z) {
            const int cz = Dim == 3 ? axis_count(z, nz) : 1;
            for (std::int32_t y = 0; y < ny; ++y) {
                const int cyz = cz * axis_count(y, ny);
                for (std::int32_t x = 0; x < nx; ++x, ++i) {
                    const int neighbours = cyz * axis_count(x, nx) - 1;
                    out[i] = neighbours > 0 ? static_cast<double>((*box)[i] - flag[i]) /
                                                  static_cast<double>(neighbours)
                                            : 0.0;
                }
            }
        }
    }

private:
    void check_site(const char* where, const char* name, std::size_t site) const {
        if (site >= size()) {
            throw invalid_parameter(where, name, detail::format_value(site),
                                    "[0, " + detail::format_value(size() - 1) + "]");
        }
    }

    void check_mask_size(const char* where, const char* name, std::size_t got,
                         bool empty_allowed) const {
        if (got != size() && !(empty_allowed && got == 0)) {
            throw invalid_parameter(where, std::string(name) + ".size()", detail::format_value(got),
                                    detail::format_value(size()) + " (one per site)" +
                                        (empty_allowed ? " or 0 (none)" : ""));
        }
    }

    // Validates the common arguments; returns the deposit of one osteoblast as a volume
    // fraction of one site (rate * dt / h).
    double check_deposition(const char* where, std::span<const std::uint8_t> blocked,
                            velocity apposition_rate, duration dt) const {
        check_mask_size(where, "blocked", blocked.size(), true);
        const double r = units::internal(apposition_rate), t = units::internal(dt);
        detail::require_non_negative(where, "apposition_rate", r, "um/d");
        detail::require_non_negative(where, "dt", t, "d");
        const double share = r * t / grid_.spacing_um();
        if (!std::isfinite(share)) {
            throw invalid_parameter(where, "apposition_rate * dt",
                                    detail::format_value(r * t) + " um", "finite");
        }
        return share;
    }

    // Phase 1: every osteoblast (visited in a fixed order by for_each_osteoblast) adds its
    // equal shares to the requests of its eligible sites. Phase 2: each requested site
    // receives its summed request, capped at full.
    template <class ForEachOsteoblast>
    volume deposit_requests(double share, std::span<const std::uint8_t> blocked,
                            ForEachOsteoblast&& for_each_osteoblast) {
        if (!(share > 0.0)) return units::from_internal<volume>(0.0);
        if (request_.size() != size()) request_.assign(size(), 0.0);
        touched_.clear();
        std::array<std::size_t, detail::matrix::von_neumann_with_centre<Dim>> candidates{};
        for_each_osteoblast([&](std::size_t s) {
            const std::size_t m = detail::matrix::von_neumann_with_centre_indices(grid_, s, candidates);
            std::size_t eligible = 0;
            for (std::size_t k = 0; k < m; ++k) {
                const std::size_t j = candidates[k];
                if ((blocked.empty() || blocked[j] == 0) && matrix_[j] < 1.0) {
                    candidates[eligible++] = j;
                }
            }
            if (eligible == 0) return;
            const double each = share / static_cast<double>(eligible);
            for (std::size_t k = 0; k < eligible; ++k) {
                const std::size_t j = candidates[k];
                if (request_[j] == 0.0) touched_.push_back(j);
                request_[j] += each;
            }
        });
        double deposited = 0.0;
        for (const std::size_t j : touched_) {
            deposited += deposit_unchecked(j, request_[j]);
            request_[j] = 0.0;
        }
        return site_volume() * deposited;
    }

    double deposit_unchecked(std::size_t i, double request) noexcept {
        const double v = matrix_[i];
        if (!(request > 0.0) || v >= 1.0) return 0.0;
        const double room = 1.0 - v;
        if (request >= room) {
            request = room;
            matrix_[i] = T{1};
        } else {
            matrix_[i] = static_cast<T>(v + request);
        }
        // The lagged pool's remaining lag: volume-weighted mean with the new osteoid's.
        const double old = lagged_[i];
        lag_[i] = static_cast<T>((old * static_cast<double>(lag_[i]) + request * kinetics_.lag_d()) / (old + request));
        lagged_[i] = static_cast<T>(std::min(old + request, static_cast<double>(matrix_[i])));
        return request;
    }

    [[nodiscard]] double sum_matrix() const noexcept {
        double s = 0.0;
        for (const double v : matrix_) s += v;
        return s;
    }
    [[nodiscard]] double sum_mineral() const noexcept {
        const double p = kinetics_.primary_fraction_value();
        double s1 = 0.0, s2 = 0.0;
        for (std::size_t i = 0; i < size(); ++i) {
            s1 += primary_[i];
            s2 += secondary_[i];
        }
        return p * s1 + (1.0 - p) * s2;
    }
    [[nodiscard]] volume site_volume() const noexcept { return grid_.site_volume(); }

    // dst = src summed with its two neighbours along an axis (off-grid ones left out).
    void box_sum_axis(const std::vector<std::uint8_t>& src, std::vector<std::uint8_t>& dst,
                      std::size_t axis) const noexcept {
        const auto ext = static_cast<std::size_t>(grid_.extent(axis));
        const auto stride = static_cast<std::size_t>(grid_.stride(axis));
        const std::size_t outer = size() / (ext * stride);
        for (std::size_t o = 0; o < outer; ++o) {
            for (std::size_t j = 0; j < ext; ++j) {
                const std::size_t base = (o * ext + j) * stride;
                const bool lo = j > 0, hi = j + 1 < ext;
                for (std::size_t k = 0; k < stride; ++k) {
                    const std::size_t i = base + k;
                    dst[i] = static_cast<std::uint8_t>(src[i] + (lo ? src[i - stride] : 0) +
                                                       (hi ? src[i + stride] : 0));
                }
            }
        }
    }

    grid_type grid_;
    mineralisation_kinetics kinetics_;
    std::vector<T> matrix_;     // v: matrix volume fraction
    std::vector<T> lagged_;     // v0: part of v still in its lag
    std::vector<T> lag_;        // d: time left in the lag of v0
    std::vector<T> primary_;    // a1: primary-phase progress (volume fraction)
    std::vector<T> secondary_;  // a2: secondary-phase progress (volume fraction)
    // Workspace of deposit_by_osteoblasts (kept zero between calls; allocated on first use).
    std::vector<double> request_;
    std::vector<std::size_t> touched_;
    std::vector<std::size_t> sorted_;
};

/// @brief Deduces the dimension from the grid: `matrix_field field{grid2d{...}}`.
template <std::size_t Dim>
matrix_field(const basic_grid<Dim>&) -> matrix_field<Dim>;
/// @brief Deduces the dimension from the grid, with kinetics.
template <std::size_t Dim>
matrix_field(const basic_grid<Dim>&, const mineralisation_kinetics&) -> matrix_field<Dim>;

/// @brief Matrix on a 2-D grid.
using matrix_field2d = matrix_field<2>;
/// @brief Matrix on a 3-D grid.
using matrix_field3d = matrix_field<3>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MATRIX_FIELD_HPP
