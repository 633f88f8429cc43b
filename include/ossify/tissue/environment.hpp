/// @file
/// @brief The environment of a well-mixed population: signal levels and entrapment that the
/// user sets, read by policies through the context.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_ENVIRONMENT_HPP
#define OSSIFY_TISSUE_ENVIRONMENT_HPP

#include <utility>
#include <vector>

#include "../detail/error.hpp"
#include "../cell/per_state.hpp"
#include "../units/quantities.hpp"
#include "observer.hpp"

OSSIFY_NAMESPACE_BEGIN


/**
 * @brief Uniform levels of signals (and a neighbourhood entrapment) shared by every cell of a
 * well-mixed population. Unset signals read as 0 nM.
 */
class well_mixed_environment {
public:
    /// @brief Sets the level of Signal (>= 0, finite).
    template <class Signal>
    void set_signal(concentration c) {
        detail::require_non_negative("ossify::well_mixed_environment::set_signal", "concentration",
                                     c.value(), "nM");
        for (auto& [key, value] : signals_) {
            if (key == detail::type_key<Signal>()) {
                value = c.value();
                return;
            }
        }
        signals_.emplace_back(detail::type_key<Signal>(), c.value());
    }
    /// @brief The level of Signal (0 nM when never set).
    template <class Signal>
    [[nodiscard]] concentration signal() const noexcept {
        for (const auto& [key, value] : signals_) {
            if (key == detail::type_key<Signal>()) return concentration::from_value(value);
        }
        return concentration::from_value(0.0);
    }
    /// @brief Sets the mineralised fraction of the cells' neighbourhood, in [0, 1].
    /// (The parameter is not called `fraction`: that would shadow the type ossify::fraction
    /// under -Wshadow in code that says `using namespace ossify`.)
    void set_entrapment(double mineralised) {
        detail::require_in_range("ossify::well_mixed_environment::set_entrapment", "fraction",
                                 mineralised, 0.0, 1.0);
        entrapment_ = mineralised;
    }
    /// @brief The mineralised fraction of the cells' neighbourhood.
    [[nodiscard]] double entrapment() const noexcept { return entrapment_; }

private:
    std::vector<std::pair<const void*, double>> signals_;
    double entrapment_ = 0.0;
};


OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_ENVIRONMENT_HPP
