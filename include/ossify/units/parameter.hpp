/// @file
/// @brief Typed parameters that describe themselves: `parameter<Q>` holds a value of a
/// quantity type (or a plain number) with its name, unit, allowed range and source, refuses
/// values outside the range, and is listed by a visitor so that a front end can show and
/// set every parameter of a process or a scenario by name.
///
/// ```cpp
/// struct my_process {
///     ossify::parameter<ossify::rate> speed{"speed", 2.0_per_d, 0.0_per_d, 50.0_per_d,
///                                           "Smith et al. 2010"};
///     template <class Visitor>
///     void describe(Visitor&& v) { v(speed); }
/// };
/// for (auto& p : ossify::list_parameters(proc)) std::cout << p.name() << " " << p.unit() << "\n";
/// ```
#include "../config.hpp"
#ifndef OSSIFY_UNITS_PARAMETER_HPP
#define OSSIFY_UNITS_PARAMETER_HPP

#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace units {
/// @brief The symbol of the internal unit of a quantity type ("um", "d", "1/d", "nM" ...);
/// "-" for dimensionless values and plain numbers.
/// @tparam Q a quantity alias of ossify (length, duration ...) or an arithmetic type
template <class Q>
[[nodiscard]] constexpr std::string_view symbol_of() noexcept {
    if constexpr (std::is_same_v<Q, length>) return "um";
    else if constexpr (std::is_same_v<Q, area>) return "um^2";
    else if constexpr (std::is_same_v<Q, volume>) return "um^3";
    else if constexpr (std::is_same_v<Q, duration>) return "d";
    else if constexpr (std::is_same_v<Q, rate>) return "1/d";
    else if constexpr (std::is_same_v<Q, velocity>) return "um/d";
    else if constexpr (std::is_same_v<Q, amount>) return "ymol";
    else if constexpr (std::is_same_v<Q, concentration>) return "nM";
    else if constexpr (std::is_same_v<Q, concentration_rate>) return "nM/d";
    else if constexpr (std::is_same_v<Q, diffusivity>) return "um^2/d";
    else if constexpr (std::is_same_v<Q, number_density>) return "1/um^3";
    else return "-";
}
}  // namespace units

namespace detail {
template <class Q>
constexpr double to_internal(const Q& q) noexcept {
    if constexpr (std::is_arithmetic_v<Q>) return static_cast<double>(q);
    else return static_cast<double>(q.value());
}
template <class Q>
constexpr Q from_internal_value(double v) noexcept {
    if constexpr (std::is_arithmetic_v<Q>) return static_cast<Q>(v);
    else return Q::from_value(v);
}
}  // namespace detail

/**
 * @brief A named, typed parameter with an allowed range and the source of its default.
 *
 * The value is a quantity (`rate`, `length` ...) or a plain number (`double`, `int`: a Hill
 * coefficient, a count). Setting a value outside [lower, upper] (or NaN) throws
 * ossify::invalid_parameter naming the parameter, the value and the range, and changes nothing.
 * @tparam Q the value type
 */
template <class Q>
class parameter {
public:
    /// @brief The value type.
    using value_type = Q;

    /// @brief A parameter; throws invalid_parameter if `value` is outside [lower, upper].
    /// @param source where the default comes from ("Author Year"), or "assumed: <reasoning>"
    parameter(std::string name, Q value, Q lower, Q upper, std::string source)
        : name_(std::move(name)), lower_(lower), upper_(upper), value_(lower), source_(std::move(source)) {
        set(value);
    }

    /// @brief The value.
    [[nodiscard]] const Q& get() const noexcept { return value_; }
    /// @brief The value (implicit read, so a parameter reads like its value).
    operator const Q&() const noexcept { return value_; }  // NOLINT(google-explicit-constructor)
    /// @brief The value as a plain number in the internal scale (um, d, nM).
    [[nodiscard]] double internal() const noexcept { return detail::to_internal(value_); }

    /// @brief Sets the value; throws (changing nothing) when it is outside [lower, upper].
    void set(Q v) {
        const double x = detail::to_internal(v);
        if (!(x >= detail::to_internal(lower_) && x <= detail::to_internal(upper_))) {
            throw invalid_parameter("ossify::parameter", name_, format_value(x) + " " + std::string(unit()), range_text());
        }
        value_ = v;
    }
    /// @brief Sets the value from a plain number in the internal scale (for front ends).
    void set_internal(double x) {
        if constexpr (std::is_integral_v<Q>) {
            if (!(std::isfinite(x) && x == std::floor(x))) {
                throw invalid_parameter("ossify::parameter", name_, format_value(x), "a whole number in " + range_text());
            }
        }
        set(detail::from_internal_value<Q>(x));
    }
    /// @brief Assigns a value (validated, as set()).
    parameter& operator=(const Q& v) {
        set(v);
        return *this;
    }

    /// @brief The name (snake_case).
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// @brief The symbol of the unit of internal() ("1/d", "um" ...).
    [[nodiscard]] static constexpr std::string_view unit() noexcept { return units::symbol_of<Q>(); }
    /// @brief The smallest allowed value.
    [[nodiscard]] const Q& lower() const noexcept { return lower_; }
    /// @brief The largest allowed value.
    [[nodiscard]] const Q& upper() const noexcept { return upper_; }
    /// @brief The source of the default.
    [[nodiscard]] const std::string& source() const noexcept { return source_; }
    /// @brief "[lower, upper] unit".
    [[nodiscard]] std::string range_text() const {
        std::string s = "[";
        s += format_value(detail::to_internal(lower_));
        s += ", ";
        s += format_value(detail::to_internal(upper_));
        s += "] ";
        s += unit();
        return s;
    }

private:
    std::string name_;
    Q lower_;
    Q upper_;
    Q value_;
    std::string source_;
};

/**
 * @brief A type-erased handle on one parameter, for front ends that list and set
 * parameters by name (`--set name=value`, parameter files). Refers to a parameter that must
 * outlive it; values are plain numbers in the internal scale.
 */
class parameter_ref {
public:
    /// @brief A handle on `p`, listed under `name` (e.g. "cell_migration.motility[mesenchymal]").
    template <class Q>
    parameter_ref(std::string name, parameter<Q>& p)
        : name_(std::move(name)),
          unit_(parameter<Q>::unit()),
          lower_(detail::to_internal(p.lower())),
          upper_(detail::to_internal(p.upper())),
          source_(p.source()),
          get_([&p] { return p.internal(); }),
          set_([&p](double x) { p.set_internal(x); }) {}
    /// @brief The full name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// @brief The unit of value().
    [[nodiscard]] std::string_view unit() const noexcept { return unit_; }
    /// @brief The smallest allowed value (internal scale).
    [[nodiscard]] double lower() const noexcept { return lower_; }
    /// @brief The largest allowed value (internal scale).
    [[nodiscard]] double upper() const noexcept { return upper_; }
    /// @brief The source of the default.
    [[nodiscard]] const std::string& source() const noexcept { return source_; }
    /// @brief The current value (internal scale).
    [[nodiscard]] double value() const { return get_(); }
    /// @brief Sets the value (internal scale); throws invalid_parameter outside the range.
    void set(double x) const { set_(x); }

private:
    std::string name_;
    std::string_view unit_;
    double lower_, upper_;
    std::string source_;
    std::function<double()> get_;
    std::function<void(double)> set_;
};

/// @brief True for a type whose parameters a visitor can list: it has
/// `template <class V> void describe(V&& visit)` calling `visit(p)` for each parameter<Q> member
/// (and `visit(prefix, sub)` for a nested describable object).
template <class T>
concept describable = requires(T& t) { t.describe([](auto&&...) {}); };

namespace detail {
struct parameter_collector {
    std::vector<parameter_ref>* out;
    std::string prefix;
    template <class Q>
    void operator()(parameter<Q>& p) const {
        out->emplace_back(prefix + p.name(), p);
    }
    template <class Sub>
    void operator()(std::string_view name, Sub& sub) const {
        parameter_collector inner{out, name.empty() ? prefix : prefix + std::string(name) + "."};
        sub.describe(inner);
    }
};
}  // namespace detail

/// @brief Every parameter of a describable object, named `prefix` + its name (nested groups
/// as "group.name"). The handles refer to `obj`, which must outlive them.
template <describable T>
[[nodiscard]] std::vector<parameter_ref> list_parameters(T& obj, std::string prefix = {}) {
    std::vector<parameter_ref> out;
    obj.describe(detail::parameter_collector{&out, std::move(prefix)});
    return out;
}

/// @brief The handle of the parameter called `name` in `list`; throws invalid_parameter
/// listing the valid names when there is none.
[[nodiscard]] inline const parameter_ref& find_parameter(const std::vector<parameter_ref>& list,
                                                         std::string_view name) {
    for (const auto& p : list) {
        if (p.name() == name) return p;
    }
    std::string names;
    for (const auto& p : list) {
        if (!names.empty()) names += ", ";
        names += p.name();
    }
    throw invalid_parameter("ossify::find_parameter", "name", "'" + std::string(name) + "'", "one of: " + names);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_UNITS_PARAMETER_HPP
