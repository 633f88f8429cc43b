/// @file
/// @brief Internal helpers that build the library's error messages: every refused input
/// names the parameter, its value and the allowed range.
#include "../config.hpp"
#ifndef OSSIFY_DETAIL_ERROR_HPP
#define OSSIFY_DETAIL_ERROR_HPP

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

OSSIFY_NAMESPACE_BEGIN

/// @brief Thrown when an argument is outside its allowed range (a negative rate, a
/// probability above 1, NaN ...). The message names the parameter, its value and the range.
class invalid_parameter : public std::invalid_argument {
public:
    /// @brief Builds the message "<where>: <parameter> = <value> is invalid; allowed: <range>".
    invalid_parameter(std::string_view where, std::string_view parameter, std::string_view value,
                      std::string_view allowed)
        : std::invalid_argument(std::string(where) + ": " + std::string(parameter) + " = " +
                                std::string(value) + " is invalid; allowed: " +
                                std::string(allowed)),
          parameter_(parameter) {}
    /// @brief The name of the refused parameter.
    [[nodiscard]] const std::string& parameter() const noexcept { return parameter_; }

private:
    std::string parameter_;
};

namespace detail {

/// @brief Formats a value for an error message (full precision for doubles).
template <class T>
std::string format_value(const T& v) {
    std::ostringstream os;
    os.precision(17);
    os << v;
    return os.str();
}

/// @brief What a check allowed, for the error message.
enum class allowed_kind { range, non_negative, positive };

/// @brief Throws the error for a refused value. Kept out of line (cold, noinline) with all
/// string building inside, so the inline checks stay small and g++ 12 does not see the
/// string code at -O3 (where it reports a false -Wstringop-overflow).
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_refused(std::string_view where,
                                                                 std::string_view parameter,
                                                                 double v, std::string_view unit,
                                                                 allowed_kind kind, double lo,
                                                                 double hi) {
    std::string allowed;
    switch (kind) {
        case allowed_kind::range:  // appended piece by piece: `"[" + std::string` trips g++ 12 at -O3
            allowed = "[";
            allowed += format_value(lo);
            allowed += ", ";
            allowed += format_value(hi);
            allowed += "]";
            break;
        case allowed_kind::non_negative: allowed = "finite and >= 0"; break;
        case allowed_kind::positive: allowed = "finite and > 0"; break;
    }
    std::string value = format_value(v);
    if (!unit.empty()) {
        value += " ";
        value += unit;
        allowed += " ";
        allowed += unit;
    }
    throw invalid_parameter(where, parameter, value, allowed);
}

/// @brief Throws invalid_parameter for value v with a free-form description of what is
/// allowed (out of line, like throw_refused).
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_out_of_range(std::string_view where,
                                                                      std::string_view parameter,
                                                                      double v, std::string_view unit,
                                                                      std::string_view allowed) {
    std::string value = format_value(v);
    if (!unit.empty()) {
        value += " ";
        value += unit;
    }
    throw invalid_parameter(where, parameter, value, allowed);
}

/// @brief Throws invalid_parameter unless lo <= v <= hi (and v is not NaN).
inline void require_in_range(std::string_view where, std::string_view parameter, double v,
                             double lo, double hi, std::string_view unit = "") {
    if (!(v >= lo && v <= hi)) throw_refused(where, parameter, v, unit, allowed_kind::range, lo, hi);
}

/// @brief Throws invalid_parameter unless v is finite and v >= 0.
inline void require_non_negative(std::string_view where, std::string_view parameter, double v,
                                 std::string_view unit = "") {
    if (!(v >= 0.0) || !std::isfinite(v)) throw_refused(where, parameter, v, unit, allowed_kind::non_negative, 0, 0);
}

/// @brief Throws invalid_parameter unless v is finite and v > 0.
inline void require_positive(std::string_view where, std::string_view parameter, double v,
                             std::string_view unit = "") {
    if (!(v > 0.0) || !std::isfinite(v)) throw_refused(where, parameter, v, unit, allowed_kind::positive, 0, 0);
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_DETAIL_ERROR_HPP
