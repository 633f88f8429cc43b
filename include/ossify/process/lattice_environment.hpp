/// @file
/// @brief What a policy sees of a lattice site: signals, entrapment, density, outer surface.
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_LATTICE_ENVIRONMENT_HPP
#define OSSIFY_PROCESS_LATTICE_ENVIRONMENT_HPP

#include <cstddef>
#include <type_traits>

#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The environment of one lattice site, handed to policies through `cell_context`.
 *
 * Everything it reports is the state at the start of the step's cell phase, so a policy's
 * answer does not depend on the order in which cells are visited.
 * @tparam Tissue a basic_lattice_tissue
 */
template <class Tissue>
class lattice_environment {
public:
    /// @brief The environment of `site` in `tissue`.
    constexpr lattice_environment(const Tissue& tissue, std::size_t site) noexcept
        : tissue_(&tissue), site_(site) {}

    /// @brief Local concentration of Signal (a compile error if the tissue does not carry it).
    template <class Signal>
    [[nodiscard]] concentration signal() const {
        static_assert(Tissue::template carries_signal<Signal>,
                      "ossify::lattice_tissue: a policy reads a signal that the tissue does not "
                      "carry: add it to signals<...> of the tissue");
        return concentration::from_value(tissue_->template signal_at<Signal>(site_));
    }
    /// @brief Mineralised fraction of the Moore neighbourhood, in [0, 1].
    [[nodiscard]] double entrapment() const { return tissue_->entrapment_at(site_); }
    /// @brief Occupied fraction of the von Neumann neighbourhood, in [0, 1].
    [[nodiscard]] double local_density() const { return tissue_->local_density_at(site_); }
    /// @brief 1 when the site borders bone and lies in the region connected to the tissue's
    /// outside (the outer bone surface), else 0. Computed by the structure process.
    [[nodiscard]] double outer_surface() const { return tissue_->outer_surface_at(site_); }
    /// @brief The site's linear index.
    [[nodiscard]] std::size_t site() const noexcept { return site_; }
    /// @brief The tissue, for user policies that need more.
    [[nodiscard]] const Tissue& tissue() const noexcept { return *tissue_; }

private:
    const Tissue* tissue_;
    std::size_t site_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_LATTICE_ENVIRONMENT_HPP
