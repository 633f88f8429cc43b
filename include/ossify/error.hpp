/// @file
/// @brief The library's error hierarchy: every exception ossify throws derives from
/// `ossify::error` and from the matching standard class, and its message names what was
/// refused (the parameter, its value and what is allowed, or the rule or process that failed).
///
/// | class | also a | thrown when |
/// |---|---|---|
/// | `invalid_parameter` | `std::invalid_argument` | an argument or parameter is outside its allowed range |
/// | `model_error` | `std::runtime_error` | a step fails: a policy returns a negative or NaN rate, a process overflows |
/// | `checkpoint_error` | `std::runtime_error` | a checkpoint cannot be written, or is refused on restore |
/// | `io_error` | `std::runtime_error` | an output file cannot be written |
/// | `capacity_error` | `std::length_error` | a grid or buffer would need more memory than allowed |
///
/// ```cpp
/// try { tissue.step(1.0_h); }
/// catch (const ossify::error& e) { std::cerr << e.what() << '\n'; }  // the tissue is unchanged
/// ```
#include "config.hpp"
#ifndef OSSIFY_ERROR_HPP
#define OSSIFY_ERROR_HPP

#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

OSSIFY_NAMESPACE_BEGIN

/// @brief The base of every exception ossify throws. Catch it to handle any library error;
/// each concrete class also derives from a standard exception (see the file comment).
class error {
public:
    /// @brief The message.
    [[nodiscard]] virtual const char* what() const noexcept = 0;
    /// @brief Virtual destructor: errors are caught by reference to the base.
    virtual ~error() = default;

protected:
    error() = default;
    error(const error&) = default;
    error& operator=(const error&) = default;
};

/// @brief Thrown when an argument is outside its allowed range (a negative rate, a
/// probability above 1, NaN ...). The message names the parameter, its value and the range:
/// "<where>: <parameter> = <value> is invalid; allowed: <range>".
class invalid_parameter : public std::invalid_argument, public error {
public:
    /// @brief Builds the message "<where>: <parameter> = <value> is invalid; allowed: <range>".
    invalid_parameter(std::string_view where, std::string_view parameter, std::string_view value,
                      std::string_view allowed)
        : std::invalid_argument(std::string(where) + ": " + std::string(parameter) + " = " +
                                std::string(value) + " is invalid; allowed: " + std::string(allowed)),
          parameter_(parameter) {}
    /// @brief The name of the refused parameter.
    [[nodiscard]] const std::string& parameter() const noexcept { return parameter_; }
    /// @brief The message.
    [[nodiscard]] const char* what() const noexcept override { return std::invalid_argument::what(); }

private:
    std::string parameter_;
};

/// @brief Thrown when a model step fails (a policy returned a negative or NaN hazard, a
/// process overflowed). The message names the rule or process; the model is left exactly as
/// it was before the call.
class model_error : public std::runtime_error, public error {
public:
    /// @brief An error with the given message.
    explicit model_error(const std::string& what) : std::runtime_error(what) {}
    /// @brief The message.
    [[nodiscard]] const char* what() const noexcept override { return std::runtime_error::what(); }
};

/// @brief Thrown when a checkpoint cannot be written or is refused on restore (not a
/// checkpoint, damaged, truncated, another format version, another model, values outside
/// their ranges). A refused restore leaves the model unchanged.
class checkpoint_error : public std::runtime_error, public error {
public:
    /// @brief An error with the given message.
    explicit checkpoint_error(const std::string& what) : std::runtime_error(what) {}
    /// @brief The message.
    [[nodiscard]] const char* what() const noexcept override { return std::runtime_error::what(); }
};

/// @brief Thrown when an output file cannot be opened or written (nothing is left half-written).
/// The message names the writer, the path and the reason; `path()` returns the path.
class io_error : public std::runtime_error, public error {
public:
    /// @brief An error with the given message.
    explicit io_error(const std::string& what) : std::runtime_error(what) {}
    /// @brief Builds the message "<where>: cannot <what> '<path>'[: <reason>]" (`path` is a
    /// std::filesystem::path or a string).
    template <class Path>
        requires requires(const Path& p) { std::string(p.string()); }
    io_error(std::string_view where, std::string_view what, const Path& path, std::string_view reason = {})
        : std::runtime_error(std::string(where) + ": cannot " + std::string(what) + " '" + path.string() + "'" +
                             (reason.empty() ? std::string() : ": " + std::string(reason))),
          path_(path.string()) {}
    /// @brief The file the writer failed on.
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    /// @brief The message.
    [[nodiscard]] const char* what() const noexcept override { return std::runtime_error::what(); }

private:
    std::string path_;
};

/// @brief Thrown before an allocation that would exceed what is allowed (a grid too large
/// for memory): the message gives the bytes it would need.
class capacity_error : public std::length_error, public error {
public:
    /// @brief An error with the given message.
    explicit capacity_error(const std::string& what) : std::length_error(what) {}
    /// @brief The message.
    [[nodiscard]] const char* what() const noexcept override { return std::length_error::what(); }
};

/// @brief Formats a value for an error message (full precision for floating point).
template <class T>
[[nodiscard]] std::string format_value(const T& v) {
    std::ostringstream os;
    os.precision(17);
    os << v;
    return os.str();
}

namespace detail {
/// @brief What a check allowed, for the error message.
enum class allowed_kind { range, non_negative, positive };

/// @brief Throws the error for a refused value. Out of line (cold, noinline) with all string
/// building inside, so the inline checks stay small (and g++ 12 does not see string code at
/// -O3, where it reports a false -Wstringop-overflow).
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_refused(std::string_view where, std::string_view parameter,
                                                                 double v, std::string_view unit, allowed_kind kind,
                                                                 double lo, double hi) {
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
}  // namespace detail

/// @brief Throws invalid_parameter for value v with a free-form description of what is allowed.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_out_of_range(std::string_view where, std::string_view parameter,
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
inline void require_in_range(std::string_view where, std::string_view parameter, double v, double lo, double hi,
                             std::string_view unit = "") {
    if (!(v >= lo && v <= hi)) detail::throw_refused(where, parameter, v, unit, detail::allowed_kind::range, lo, hi);
}

/// @brief Throws invalid_parameter unless v is finite and v >= 0.
inline void require_non_negative(std::string_view where, std::string_view parameter, double v,
                                 std::string_view unit = "") {
    if (!(v >= 0.0) || !std::isfinite(v)) {
        detail::throw_refused(where, parameter, v, unit, detail::allowed_kind::non_negative, 0, 0);
    }
}

/// @brief Throws invalid_parameter unless v is finite and v > 0.
inline void require_positive(std::string_view where, std::string_view parameter, double v,
                             std::string_view unit = "") {
    if (!(v > 0.0) || !std::isfinite(v)) {
        detail::throw_refused(where, parameter, v, unit, detail::allowed_kind::positive, 0, 0);
    }
}

/// @brief Throws capacity_error unless `count` elements of `bytes_each` bytes (plus `extra`)
/// stay within `limit` bytes (and do not overflow): call before allocating.
inline void require_capacity(std::string_view where, std::string_view what, double count, double bytes_each,
                             double limit) {
    const double need = count * bytes_each;
    if (!(need <= limit)) {
        std::string msg(where);
        msg += ": ";
        msg += what;
        msg += " would need ";
        msg += format_value(need);
        msg += " bytes (";
        msg += format_value(count);
        msg += " x ";
        msg += format_value(bytes_each);
        msg += "); allowed: at most ";
        msg += format_value(limit);
        msg += " bytes";
        throw capacity_error(msg);
    }
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_ERROR_HPP
