/// @file
/// @brief diffusion_parameters: diffusivity, decay rate and boundary conditions of one
/// diffusing signal, validated on construction.
#include "../config.hpp"
#ifndef OSSIFY_SIGNAL_PARAMETERS_HPP
#define OSSIFY_SIGNAL_PARAMETERS_HPP

#include <array>
#include <cstddef>
#include <string>

#include "../detail/error.hpp"
#include "../space/boundary.hpp"
#include "../units/quantities.hpp"
#include "concepts.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief How the implicit solver combines decay, uptake and sources with diffusion.
 *
 * `folded` (the default): pointwise sources/uptake, then the decay folded into the x sweep.
 * Exact steady state for profiles along x, but at long steps (k dt ~ 1) profiles along the
 * other axes are wider by sqrt(1 + k dt). `strang`: exact half steps of decay, uptake and
 * sources around pure-diffusion sweeps: isotropic, exact for uniform sources, second order
 * in the reaction-diffusion splitting; fixed boundary values are seen damped by
 * e^{-k dt/2} at long steps.
 */
enum class reaction_splitting : unsigned char { folded, strang };

/**
 * @brief Transport parameters of one signal in dc/dt = D lap(c) - k c - u(x) c + s(x):
 * the diffusivity D, the decay rate k, the boundary condition of each face of the grid,
 * and the value held beyond `fixed` faces.
 *
 * Faces are numbered `2 * axis + side` (side 0 at coordinate 0, side 1 at the far end),
 * the order of von_neumann offsets. Axes 0..2 are stored; a 2-D grid uses 0 and 1. Both
 * faces of an axis are periodic or neither is.
 */
class diffusion_parameters {
public:
    /**
     * @brief Parameters with one boundary condition on every face.
     * @param diffusion_coefficient D, finite and >= 0
     * @param decay k, finite and >= 0
     * @param all_faces the boundary on every face (no_flux by default)
     * @param fixed_value the concentration beyond `fixed` faces, finite and >= 0
     */
    diffusion_parameters(diffusivity diffusion_coefficient, rate decay, boundary all_faces = boundary::no_flux,
                         concentration fixed_value = concentration::from_value(0.0))
        : d_(diffusion_coefficient.value()), k_(decay.value()), c0_(fixed_value.value()) {
        detail::require_non_negative(where, "diffusivity", d_, "um^2/d");
        detail::require_non_negative(where, "decay", k_, "1/d");
        detail::require_non_negative(where, "fixed_value", c0_, "nM");
        faces_.fill(all_faces);
    }

    /** @brief The defaults of a signal tag: its default diffusivity and decay, no-flux faces. */
    template <signal_type Signal>
    [[nodiscard]] static diffusion_parameters defaults_for() {
        return diffusion_parameters(Signal::default_diffusivity(), Signal::default_decay());
    }

    /** @brief The diffusivity D. */
    [[nodiscard]] diffusivity diffusion_coefficient() const noexcept { return diffusivity::from_value(d_); }
    /** @brief The decay rate k. */
    [[nodiscard]] rate decay() const noexcept { return rate::from_value(k_); }
    /** @brief The concentration held beyond `fixed` faces. */
    [[nodiscard]] concentration fixed_value() const noexcept { return concentration::from_value(c0_); }
    /** @brief D in the internal scale (um^2/d). */
    [[nodiscard]] double diffusivity_internal() const noexcept { return d_; }
    /** @brief k in the internal scale (1/d). */
    [[nodiscard]] double decay_internal() const noexcept { return k_; }
    /** @brief The fixed boundary value in the internal scale (nM). */
    [[nodiscard]] double fixed_value_internal() const noexcept { return c0_; }
    /** @brief The boundary at face `side` (0 low, 1 high) of `axis` (0..2). */
    [[nodiscard]] boundary face(std::size_t axis, std::size_t side) const noexcept {
        return faces_[2 * axis + side];
    }

    /** @brief Sets D (finite, >= 0); a refused value changes nothing. */
    diffusion_parameters& set_diffusivity(diffusivity v) {
        detail::require_non_negative(where, "diffusivity", v.value(), "um^2/d");
        d_ = v.value();
        return *this;
    }
    /** @brief Sets k (finite, >= 0); a refused value changes nothing. */
    diffusion_parameters& set_decay(rate v) {
        detail::require_non_negative(where, "decay", v.value(), "1/d");
        k_ = v.value();
        return *this;
    }
    /** @brief Sets the value beyond `fixed` faces (finite, >= 0). */
    diffusion_parameters& set_fixed_value(concentration v) {
        detail::require_non_negative(where, "fixed_value", v.value(), "nM");
        c0_ = v.value();
        return *this;
    }
    /** @brief Sets both faces of `axis` (0..2) to `b` (any condition, periodic included). */
    diffusion_parameters& set_boundary(std::size_t axis, boundary b) {
        check_axis(axis);
        faces_[2 * axis] = faces_[2 * axis + 1] = b;
        return *this;
    }
    /**
     * @brief Sets one face (`side` 0 low, 1 high) of `axis` to no_flux or fixed. Periodic
     * faces come in pairs: use set_boundary(axis, boundary::periodic), and leave a periodic
     * axis the same way.
     */
    diffusion_parameters& set_boundary(std::size_t axis, std::size_t side, boundary b) {
        check_axis(axis);
        if (side > 1) throw invalid_parameter(where, "side", std::to_string(side), "0 (low) or 1 (high)");
        if (b == boundary::periodic) {
            throw invalid_parameter(where, "boundary of one face", "periodic",
                                    "no_flux or fixed (set both faces with set_boundary(axis, periodic))");
        }
        if (faces_[2 * axis] == boundary::periodic) {
            throw invalid_parameter(where, "axis " + std::to_string(axis) + " boundary", "periodic",
                                    "change a periodic axis with set_boundary(axis, b)");
        }
        faces_[2 * axis + side] = b;
        return *this;
    }

    /** @brief How the implicit solver splits reactions from diffusion (default: folded). */
    [[nodiscard]] reaction_splitting splitting() const noexcept { return splitting_; }
    /** @brief Chooses how the implicit solver splits reactions from diffusion. */
    diffusion_parameters& set_splitting(reaction_splitting s) noexcept {
        splitting_ = s;
        return *this;
    }

    /** @brief Equal when every parameter is. */
    friend bool operator==(const diffusion_parameters&, const diffusion_parameters&) = default;

private:
    static constexpr const char* where = "ossify::diffusion_parameters";
    static void check_axis(std::size_t axis) {
        if (axis > 2) throw invalid_parameter(where, "axis", std::to_string(axis), "0, 1 or 2");
    }

    double d_;
    double k_;
    double c0_;
    std::array<boundary, 6> faces_{};
    reaction_splitting splitting_ = reaction_splitting::folded;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SIGNAL_PARAMETERS_HPP
