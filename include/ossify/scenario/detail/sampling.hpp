/// @file
/// @brief Internals of scenario/sampling.hpp: the standard normal quantile and distribution
/// function, the hash that keys a parameter's draws by its name, and the visitor behind
/// for_each_parameter.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_DETAIL_SAMPLING_HPP
#define OSSIFY_SCENARIO_DETAIL_SAMPLING_HPP

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "../../units/parameter.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {

/// @brief The standard normal quantile Phi^-1(p) for p in (0, 1): Wichura 1988, algorithm AS 241
/// (PPND16), relative error about 1e-16. p <= 0 gives -inf, p >= 1 gives +inf.
[[nodiscard]] inline double normal_quantile(double p) noexcept {
    if (!(p > 0.0)) return -std::numeric_limits<double>::infinity();
    if (!(p < 1.0)) return std::numeric_limits<double>::infinity();
    const double q = p - 0.5;
    if (std::fabs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q *
               (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
                    45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
                 133.14166789178437745) * r + 3.387132872796366608) /
               (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
                    21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
                 42.313330701600911252) * r + 1.0);
    }
    double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
    double v = 0.0;
    if (r <= 5.0) {
        r -= 1.6;
        v = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
                 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
              4.6303378461565452959) * r + 1.42343711074968357734) /
            (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
                 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
              2.05319162663775882187) * r + 1.0);
    } else {
        r -= 5.0;
        v = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
                 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
              5.4637849111641143699) * r + 6.6579046435011037772) /
            (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
                 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
              0.59983220655588793769) * r + 1.0);
    }
    return q < 0.0 ? -v : v;
}

/// @brief The standard normal distribution function Phi(x).
[[nodiscard]] inline double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

/// @brief 64-bit FNV-1a hash (Fowler, Noll, Vo) of a parameter name: the entity of a parameter's draws (a parameter keeps its
/// numbers when others are added or removed).
[[nodiscard]] constexpr std::uint64_t parameter_key(std::string_view s) noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

/// @brief Calls `f(full_name, parameter<Q>&)` for every parameter of a describable object (names
/// as list_parameters gives them: nested groups as "group.name").
template <class F>
struct typed_parameter_visitor {
    F* f;
    std::string prefix;
    template <class Q>
    void operator()(parameter<Q>& p) const {
        (*f)(prefix + p.name(), p);
    }
    template <class Sub>
    void operator()(std::string_view name, Sub& sub) const {
        typed_parameter_visitor inner{f, name.empty() ? prefix : prefix + std::string(name) + "."};
        sub.describe(inner);
    }
};
}  // namespace detail

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_DETAIL_SAMPLING_HPP
