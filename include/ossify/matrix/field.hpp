/// @file
/// @brief Per-site bone matrix on a lattice: osteoid deposition, mineralisation by a
/// replaceable kinetics policy, osteoid/mineral queries and the entrapment measure.
///
/// State of a site (structure of arrays of T = double or float, internal scale): `matrix`,
/// v, the volume fraction of the site filled by matrix (osteoid + mineralised), in [0, 1],
/// and the per-site arrays of the kinetics (ossify::matrix_kinetics). With the default
/// kinetics (mineralisation_kinetics):
///
/// | array | meaning |
/// |---|---|
/// | `lagged_fraction`    | v0 <= v, the part of it still in its mineralisation lag |
/// | `lag_remaining_d`    | time left (d) until `lagged` starts to mineralise |
/// | `primary_progress`   | a1 <= v - v0, primary-phase progress as a volume fraction |
/// | `secondary_progress` | a2 <= v - v0, secondary-phase progress as a volume fraction |
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
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../detail/error.hpp"
#include "../space/grid.hpp"
#include "../units/parameter.hpp"
#include "../units/quantities.hpp"
#include "detail/field_ops.hpp"
#include "detail/lattice.hpp"
#include "kinetics.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Default mineral volume fraction above which a neighbouring site counts as
/// mineralised for the entrapment measure: 0.5, assumed. A full site passes it once its
/// primary phase is ~70 % complete (p = 0.7), i.e. ~1-2 days after the lag with the
/// woven-bone defaults, while a half-filled osteoid site never does.
inline constexpr double default_mineralised_threshold = 0.5;

/// @brief One named per-site array of a matrix field (for checkpoints and writers).
/// @tparam T the storage type
template <class T>
struct matrix_array {
    /// @brief Name ("matrix_fraction", then the kinetics' arrays).
    std::string_view name;
    /// @brief The values, one per site.
    std::span<T> values;
    /// @brief Allowed range of each value.
    double lower, upper;
};

/// @brief Bone matrix (osteoid and mineral) on every site of a 2-D or 3-D grid.
///
/// Deposition, mineralisation and entrapment are deterministic and independent of the
/// order in which osteoblasts are listed. All per-site fractions are in [0, 1].
/// @tparam Dim 2 or 3
/// @tparam T storage type of the per-site arrays: double (default) or float (every
///         computation is done in double; each stored value is rounded to float once per update)
/// @tparam Kinetics the mineralisation kinetics (ossify::matrix_kinetics)
template <std::size_t Dim, class T = double, class Kinetics = mineralisation_kinetics>
class basic_matrix_field {
    static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>, "ossify::matrix_field stores double or float");
    static_assert(matrix_kinetics<Kinetics>,
                  "ossify::matrix_field: the kinetics does not model ossify::matrix_kinetics (name, arrays, "
                  "array_info, deposit, mineralise, mineral)");
    static constexpr std::size_t K = Kinetics::arrays;

public:
    /// @brief The grid type.
    using grid_type = basic_grid<Dim>;
    /// @brief Storage type of the per-site state arrays.
    using value_type = T;
    /// @brief The kinetics policy.
    using kinetics_type = Kinetics;
    /// @brief Number of per-site arrays (the matrix fraction and the kinetics' arrays).
    static constexpr std::size_t array_count = 1 + K;

    /// @brief Empty matrix (no osteoid, no mineral) on every site of the grid.
    explicit basic_matrix_field(const grid_type& grid, const Kinetics& kinetics = default_kinetics())
        : grid_(grid), kinetics_(kinetics), matrix_(grid.size(), T{0}), arrays_(grid.size()) {}
    /// @brief Copies the field (arrays and parameters).
    basic_matrix_field(const basic_matrix_field&) = default;
    /// @brief Moves the field.
    basic_matrix_field(basic_matrix_field&&) noexcept = default;
    /// @brief Copy assignment (all or nothing).
    basic_matrix_field& operator=(const basic_matrix_field& o) {
        if (this != &o) *this = basic_matrix_field(o);
        return *this;
    }
    /// @brief Move assignment.
    basic_matrix_field& operator=(basic_matrix_field&&) noexcept = default;
    ~basic_matrix_field() = default;

    /// @brief The kinetics used when none is given (woven bone for the default kinetics).
    [[nodiscard]] static Kinetics default_kinetics() {
        if constexpr (std::is_same_v<Kinetics, mineralisation_kinetics>) return mineralisation_kinetics::woven_bone();
        else return Kinetics{};
    }

    /// @brief The grid.
    [[nodiscard]] const grid_type& grid() const noexcept { return grid_; }
    /// @brief Number of sites.
    [[nodiscard]] std::size_t size() const noexcept { return grid_.size(); }
    /// @brief Bytes of per-site state.
    [[nodiscard]] std::size_t state_bytes() const noexcept { return array_count * sizeof(T) * size(); }
    /// @brief The mineralisation kinetics of all matrix in this field.
    [[nodiscard]] const Kinetics& kinetics() const noexcept { return kinetics_; }
    /// @brief The kinetics, to change its parameters.
    [[nodiscard]] Kinetics& kinetics() noexcept { return kinetics_; }
    /// @brief Matrix fraction at or above which a site counts as bone (closed to cells and
    /// vessels): default 0.5, assumed (half a site of matrix closes it at cell resolution).
    [[nodiscard]] double bone_threshold() const noexcept { return bone_.get(); }
    /// @brief Sets the bone threshold, in (0, 1].
    void set_bone_threshold(double f) { bone_.set(f); }
    /// @brief Lists the parameters: the bone threshold and the kinetics' (ossify::describable).
    template <class Visitor>
    void describe(Visitor&& visit) {
        visit(bone_);
        if constexpr (describable<Kinetics>) visit("kinetics", kinetics_);
    }

    // ---------------------------------------------------------------- deposition

    /// @brief Deposits osteoid of the given volume fraction of one site, capped so the site
    /// is at most full; returns the volume fraction actually deposited. Throws
    /// ossify::invalid_parameter unless site < size() and volume_fraction is finite and >= 0.
    double deposit(std::size_t site, double volume_fraction) {
        check_site("ossify::matrix_field::deposit", "site", site);
        detail::require_non_negative("ossify::matrix_field::deposit", "volume_fraction", volume_fraction);
        return deposit_unchecked(site, volume_fraction);
    }
    /// @brief As deposit(), unchecked (site < size(), request finite): for processes.
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
        kinetics_.deposit(site(i), request);
        return request;
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
    volume deposit_by_osteoblasts(std::span<const std::size_t> osteoblast_sites, std::span<const std::uint8_t> blocked,
                                  velocity apposition_rate, duration dt) {
        constexpr const char* where = "ossify::matrix_field::deposit_by_osteoblasts";
        const double share = check_deposition(where, blocked, apposition_rate, dt);
        std::vector<std::size_t> sorted(osteoblast_sites.begin(), osteoblast_sites.end());
        std::sort(sorted.begin(), sorted.end());
        detail::matrix::check_site_list(where, sorted, size());
        return deposit_requests(share, blocked, [&](auto&& visit) {
            for (const std::size_t s : sorted) visit(s);
        });
    }
    /// @brief As deposit_by_osteoblasts(), with the osteoblasts given as one byte per site
    /// (non-zero where an osteoblast sits).
    volume deposit_by_osteoblast_mask(std::span<const std::uint8_t> is_osteoblast,
                                      std::span<const std::uint8_t> blocked, velocity apposition_rate, duration dt) {
        constexpr const char* where = "ossify::matrix_field::deposit_by_osteoblast_mask";
        check_mask_size(where, "is_osteoblast", is_osteoblast.size(), false);
        const double share = check_deposition(where, blocked, apposition_rate, dt);
        return deposit_requests(share, blocked, [&](auto&& visit) {
            for (std::size_t s = 0; s < is_osteoblast.size(); ++s) {
                if (is_osteoblast[s] != 0) visit(s);
            }
        });
    }

    /// @brief Sets a site to mature matrix of the given volume fraction and mineral degree
    /// (an initial condition, e.g. pre-existing bone). Throws ossify::invalid_parameter unless
    /// site < size() and both values lie in [0, 1].
    void assign(std::size_t site_index, double matrix_fraction, double mineral_degree)
        requires requires(const Kinetics& k) { k.assign(std::declval<const kinetics_site<T, K>&>(), 0.0); }
    {
        constexpr const char* where = "ossify::matrix_field::assign";
        check_site(where, "site", site_index);
        detail::require_in_range(where, "matrix_fraction", matrix_fraction, 0.0, 1.0);
        detail::require_in_range(where, "mineral_degree", mineral_degree, 0.0, 1.0);
        matrix_[site_index] = static_cast<T>(matrix_fraction);
        kinetics_.assign(site(site_index), std::min(matrix_fraction, matrix_fraction * mineral_degree));
    }
    /// @brief Removes all matrix from every site.
    void clear() noexcept {
        std::fill(matrix_.begin(), matrix_.end(), T{0});
        for (auto& a : arrays_) std::fill(a.begin(), a.end(), T{0});
    }

    // ---------------------------------------------------------------- mineralisation

    /// @brief Advances the mineralisation of every site by dt, exactly; throws
    /// ossify::invalid_parameter unless dt is finite and >= 0.
    void mineralise(duration dt) {
        const double t = units::internal(dt);
        detail::require_non_negative("ossify::matrix_field::mineralise", "dt", t, "d");
        mineralise_rows(t, 0, size());
    }
    /// @brief Advances the sites [first, last) by dt days (>= 0, unchecked): for processes
    /// that share the sites among threads.
    void mineralise_rows(double dt, std::size_t first, std::size_t last) noexcept {
        if constexpr (requires { typename Kinetics::stepper; }) {
            const typename Kinetics::stepper step(kinetics_, dt);
            for (std::size_t i = first; i < last; ++i) step(site(i));
        } else {
            for (std::size_t i = first; i < last; ++i) kinetics_.mineralise(site(i), dt);
        }
    }

    /// @brief Every per-site array with its name and range: the matrix fraction, then the
    /// kinetics' arrays. For checkpoints and writers: writing them bypasses every invariant.
    [[nodiscard]] std::array<matrix_array<T>, array_count> state_arrays() noexcept { return arrays_of<T>(*this); }
    /// @brief The per-site arrays (read-only).
    [[nodiscard]] std::array<matrix_array<const T>, array_count> state_arrays() const noexcept {
        return arrays_of<const T>(*this);
    }

    // ---------------------------------------------------------------- per-site queries

    /// @brief Volume fraction of the site filled by matrix (osteoid + mineralised), [0, 1].
    [[nodiscard]] double matrix_fraction(std::size_t i) const noexcept { return matrix_[i]; }
    /// @brief True when the site holds at least the bone threshold of matrix.
    [[nodiscard]] bool is_bone(std::size_t i) const noexcept { return matrix_[i] >= bone_.get(); }
    /// @brief Mineral volume fraction of the site, relative to fully mineralised matrix, [0, 1].
    [[nodiscard]] double mineral_fraction(std::size_t i) const noexcept { return kinetics_.mineral(site(i)); }
    /// @brief Unmineralised (osteoid) volume fraction: matrix fraction - mineral fraction.
    [[nodiscard]] double osteoid_fraction(std::size_t i) const noexcept {
        return std::max(matrix_[i] - mineral_fraction(i), 0.0);
    }
    /// @brief Degree of mineralisation of the site's matrix, [0, 1] (0 for an empty site).
    [[nodiscard]] double mineral_degree(std::size_t i) const noexcept {
        const double v = matrix_[i];
        return v > 0.0 ? std::min(mineral_fraction(i) / v, 1.0) : 0.0;
    }
    /// @brief Part of the matrix fraction still waiting out its mineralisation lag.
    [[nodiscard]] double lagged_fraction(std::size_t i) const noexcept
        requires std::is_same_v<Kinetics, mineralisation_kinetics>
    {
        return arrays_[0][i];
    }
    /// @brief Time left until the lagged matrix of the site starts to mineralise.
    [[nodiscard]] duration lag_remaining(std::size_t i) const noexcept
        requires std::is_same_v<Kinetics, mineralisation_kinetics>
    {
        return units::from_internal<duration>(arrays_[1][i]);
    }
    /// @brief True when no more matrix fits into the site.
    [[nodiscard]] bool is_full(std::size_t i) const noexcept { return matrix_[i] >= 1.0; }
    /// @brief True when the site's mineral fraction is above the threshold.
    [[nodiscard]] bool is_mineralised(std::size_t i, double threshold = default_mineralised_threshold) const noexcept {
        return mineral_fraction(i) > threshold;
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
    [[nodiscard]] volume total_matrix_volume() const noexcept { return grid_.site_volume() * sum_matrix(); }
    /// @brief Mineral volume over the grid (relative to fully mineralised matrix).
    [[nodiscard]] volume total_mineral_volume() const noexcept { return grid_.site_volume() * sum_mineral(); }
    /// @brief Unmineralised (osteoid) volume over the grid.
    [[nodiscard]] volume total_osteoid_volume() const noexcept {
        return grid_.site_volume() * std::max(sum_matrix() - sum_mineral(), 0.0);
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
    [[nodiscard]] double entrapment(std::size_t i, double threshold = default_mineralised_threshold) const {
        constexpr const char* where = "ossify::matrix_field::entrapment";
        check_site(where, "site", i);
        detail::require_in_range(where, "threshold", threshold, 0.0, 1.0);
        return entrapment_unchecked(i, threshold);
    }
    /// @brief As entrapment(), unchecked (for policies evaluated per cell).
    [[nodiscard]] double entrapment_unchecked(std::size_t i, double threshold = default_mineralised_threshold) const
        noexcept {
        return detail::matrix::moore_fraction_at(grid_, i, [&](std::size_t j) { return mineral_fraction(j) > threshold; });
    }
    /// @brief The entrapment measure of every site, written into out (size() values), in one
    /// pass over the grid (separable 3-wide box sums). Same values as entrapment(site,
    /// threshold).
    void entrapment(double threshold, std::span<double> out) const {
        constexpr const char* where = "ossify::matrix_field::entrapment";
        detail::require_in_range(where, "threshold", threshold, 0.0, 1.0);
        check_mask_size(where, "out", out.size(), false);
        std::vector<std::uint8_t> flag(size());
        for (std::size_t i = 0; i < size(); ++i) flag[i] = mineral_fraction(i) > threshold ? 1 : 0;
        detail::matrix::moore_fraction(grid_, flag, out);
    }

private:
    template <class U, class Self>
    static std::array<matrix_array<U>, array_count> arrays_of(Self& self) noexcept {
        std::array<matrix_array<U>, array_count> out{};
        out[0] = {"matrix_fraction", self.matrix_, 0.0, 1.0};
        for (std::size_t k = 0; k < K; ++k) {
            const auto& info = Kinetics::array_info[k];
            out[k + 1] = {info.name, self.arrays_[k], info.lower, info.upper};
        }
        return out;
    }
    [[nodiscard]] kinetics_site<T, K> site(std::size_t i) const noexcept { return {matrix_.data(), arrays_.ptrs, i}; }
    void check_site(const char* where, const char* name, std::size_t i) const {
        detail::matrix::check_site(where, name, i, size());
    }
    void check_mask_size(const char* where, const char* name, std::size_t got, bool empty_allowed) const {
        detail::matrix::check_per_site(where, name, got, size(), empty_allowed);
    }
    // Validates the common arguments; returns the deposit of one osteoblast as a volume
    // fraction of one site (rate * dt / h).
    double check_deposition(const char* where, std::span<const std::uint8_t> blocked, velocity apposition_rate,
                            duration dt) const {
        check_mask_size(where, "blocked", blocked.size(), true);
        return detail::matrix::deposition_share(where, units::internal(apposition_rate), units::internal(dt),
                                                grid_.spacing_um());
    }
    // Requests summed first, then applied (detail::matrix::deposit_requests).
    template <class ForEachOsteoblast>
    volume deposit_requests(double share, std::span<const std::uint8_t> blocked, ForEachOsteoblast&& each) {
        return grid_.site_volume() * detail::matrix::deposit_requests(grid_, share, blocked, matrix_.data(), each,
                                                                      [&](std::size_t j, double r) { return deposit_unchecked(j, r); });
    }
    [[nodiscard]] double sum_matrix() const noexcept { return std::accumulate(matrix_.begin(), matrix_.end(), 0.0); }
    [[nodiscard]] double sum_mineral() const noexcept {
        double s = 0.0;
        for (std::size_t i = 0; i < size(); ++i) s += mineral_fraction(i);
        return s;
    }

    grid_type grid_;
    Kinetics kinetics_;
    parameter<double> bone_{"bone_threshold", 0.5, 1e-9, 1.0,
                            "assumed: half a site of matrix closes it to cells and vessels at cell resolution"};
    std::vector<T> matrix_;                  // v: matrix volume fraction
    detail::matrix::kinetics_arrays<T, K> arrays_;  // the kinetics' per-site state
};

/// @brief Matrix with the default kinetics (lag, primary and secondary phase).
/// @tparam Dim 2 or 3
/// @tparam T storage type
template <std::size_t Dim, class T = double>
using matrix_field = basic_matrix_field<Dim, T, mineralisation_kinetics>;

/// @brief Deduces the dimension from the grid: `matrix_field field{grid2d{...}}`.
template <std::size_t Dim>
basic_matrix_field(const basic_grid<Dim>&) -> basic_matrix_field<Dim>;
/// @brief Deduces the dimension from the grid, with kinetics.
template <std::size_t Dim, class Kinetics>
basic_matrix_field(const basic_grid<Dim>&, const Kinetics&) -> basic_matrix_field<Dim, double, Kinetics>;

/// @brief Matrix on a 2-D grid.
using matrix_field2d = matrix_field<2>;
/// @brief Matrix on a 3-D grid.
using matrix_field3d = matrix_field<3>;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MATRIX_FIELD_HPP
