/// @file
/// @brief The environment of a well-mixed population: the levels of its declared signals and
/// an entrapment level, set by the user and read by policies through the context.
///
/// `population_environment<S...>` is what the population model holds: it knows the signals
/// the model declares (`signals<rankl, opg>{}`), refuses at compile time to set or read any
/// other, and refuses to step while a declared signal was never set (no silent 0 nM).
/// `well_mixed_environment` is an untyped environment for trying a policy on its own
/// (`cell_context<well_mixed_environment>`), as the policy tests do.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_ENVIRONMENT_HPP
#define OSSIFY_TISSUE_ENVIRONMENT_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../cell/per_state.hpp"
#include "../detail/error.hpp"
#include "../units/quantities.hpp"
#include "fields.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief Position of T in the pack, or the pack's size when absent.
template <class T, class... Ts>
constexpr std::size_t position_in_pack() noexcept {
    constexpr bool same[sizeof...(Ts) + 1] = {std::is_same_v<T, Ts>..., false};
    for (std::size_t i = 0; i < sizeof...(Ts); ++i) {
        if (same[i]) return i;
    }
    return sizeof...(Ts);
}
/// @brief True when some type appears twice in the pack.
template <class... Ts>
inline constexpr bool pack_has_duplicates = false;
/// @brief True when some type appears twice in the pack.
template <class T, class... Ts>
inline constexpr bool pack_has_duplicates<T, Ts...> = (std::is_same_v<T, Ts> || ...) || pack_has_duplicates<Ts...>;
}  // namespace detail

/**
 * @brief The uniform levels of the declared signals of a well-mixed population, and the
 * mineralised fraction of the cells' neighbourhood (entrapment, 0 unless set: no mineral).
 *
 * ```cpp
 * population_environment<rankl, opg> env;
 * env.set_signal<rankl>(2.0_nM);
 * env.signal<opg>();      // throws model_error: OPG was never set
 * env.set_signal<bmp2>(1.0_nM);   // does not compile: bmp2 is not declared
 * ```
 * @tparam Signals the declared signal tags (any type with a static `name`)
 */
template <class... Signals>
class population_environment {
    static_assert(!detail::pack_has_duplicates<Signals...>,
                  "ossify::population_model: a signal is declared twice in signals<...>");
    static_assert((requires { std::string_view(Signals::name); } && ...),
                  "ossify::population_model: a declared signal needs a static `name`");

public:
    /// @brief Number of declared signals.
    static constexpr std::size_t size = sizeof...(Signals);
    /// @brief True when Signal is declared.
    template <class Signal>
    static constexpr bool declares = (std::is_same_v<Signal, Signals> || ...);
    /// @brief The names of the declared signals, in order.
    static constexpr std::array<std::string_view, size> names{std::string_view(Signals::name)...};

    /// @brief Sets the level of Signal (>= 0, finite); a refused value changes nothing.
    template <class Signal>
    void set_signal(concentration c) {
        static_assert(declares<Signal>, "ossify::population_model: the signal is not declared by the model: add it "
                                        "to signals<...> where the model is made");
        detail::require_non_negative("ossify::population_environment::set_signal", "concentration", c.value(), "nM");
        levels_[index<Signal>()] = c.value();
    }
    /// @brief True when Signal has been set.
    template <class Signal>
    [[nodiscard]] bool has_signal() const noexcept {
        static_assert(declares<Signal>, "ossify::population_model: the signal is not declared by the model: add it "
                                        "to signals<...> where the model is made");
        return !std::isnan(levels_[index<Signal>()]);
    }
    /// @brief The level of Signal. Throws model_error when it was never set.
    template <class Signal>
    [[nodiscard]] concentration signal() const {
        static_assert(declares<Signal>, "ossify::population_model: a policy reads a signal that the model does not "
                                        "declare: add it to signals<...> where the model is made");
        const double c = levels_[index<Signal>()];
        if (std::isnan(c)) unset(Signal::name);
        return concentration::from_value(c);
    }
    /// @brief The level of Signal without the check (the model checks every signal before a step).
    template <class Signal>
    [[nodiscard]] concentration signal_unchecked() const noexcept {
        static_assert(declares<Signal>, "ossify::population_model: a policy reads a signal that the model does not "
                                        "declare: add it to signals<...> where the model is made");
        return concentration::from_value(levels_[index<Signal>()]);
    }
    /// @brief Throws model_error naming the first declared signal that was never set.
    void require_all_set() const {
        for (std::size_t i = 0; i < size; ++i) {
            if (std::isnan(levels_[i])) unset(names[i]);
        }
    }

    /// @brief Sets the mineralised fraction of the cells' neighbourhood, in [0, 1].
    void set_entrapment(double mineralised) {
        detail::require_in_range("ossify::population_environment::set_entrapment", "fraction", mineralised, 0.0,
                                 1.0);
        entrapment_ = mineralised;
    }
    /// @brief The mineralised fraction of the cells' neighbourhood (0 until set: no mineral).
    [[nodiscard]] double entrapment() const noexcept { return entrapment_; }

private:
    template <class Signal>
    static constexpr std::size_t index() noexcept {
        return detail::position_in_pack<Signal, Signals...>();
    }
    [[noreturn, gnu::cold, gnu::noinline]] static void unset(std::string_view name) {
        std::string msg = "ossify::population_model: the signal '";
        msg += name;
        msg += "' is declared but was never set: set it with environment().set_signal<...>(c) (0 nM is a value "
               "too) before stepping";
        throw model_error(msg);
    }

    std::array<double, size> levels_ = [] {
        std::array<double, size> a{};
        a.fill(std::numeric_limits<double>::quiet_NaN());
        return a;
    }();
    double entrapment_ = 0.0;
};

namespace detail {
/// @brief population_environment of the signals in a `signals<...>` list.
template <class Signals>
struct environment_of;
/// @brief population_environment of the signals in a `signals<...>` list.
template <class... S>
struct environment_of<signals<S...>> {
    using type = population_environment<S...>;
};
}  // namespace detail

/**
 * @brief An untyped environment for trying a policy on its own
 * (`policy.hazard(cell_context<well_mixed_environment>(env, tis, now))`): any signal can be
 * set, and a signal never set reads 0 nM. The population model does not use it: it holds a
 * population_environment of its declared signals.
 */
class well_mixed_environment {
public:
    /// @brief Sets the level of Signal (>= 0, finite).
    template <class Signal>
    void set_signal(concentration c) {
        detail::require_non_negative("ossify::well_mixed_environment::set_signal", "concentration", c.value(), "nM");
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
    void set_entrapment(double mineralised) {
        detail::require_in_range("ossify::well_mixed_environment::set_entrapment", "fraction", mineralised, 0.0, 1.0);
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
