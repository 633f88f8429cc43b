/// @file
/// @brief Virtual populations: parameters given as distributions (normal, log-normal, uniform,
/// each in the parameter's unit), drawn per replicate by counter-based sampling keyed by
/// (seed, replicate, parameter name). A replicate's individual therefore does not depend on the
/// thread that runs it, on the other replicates, on which other parameters vary, or on the
/// order in which they are listed.
///
/// ```cpp
/// ossify::virtual_population pop;
/// pop.add("osteoblast_apoptosis", ossify::parameter_distribution::log_normal(0.03, 0.01));  // 1/d
/// auto p = my_scenario::parameters{};
/// const auto drawn = pop.draw(p, ossify::seed{42}, 3);   // sets p; drawn[i] = {name, value, unit}
/// pop.add("apposition_rate", *ossify::parse_distribution("apposition_rate", "uniform(2, 4)"));  // as users write it
/// ```
///
/// Each distribution is restricted to the parameter's allowed range [lower, upper] by inverse
/// transform sampling of the truncated distribution: one uniform u in (0, 1) gives
/// F^-1(F(lower) + u (F(upper) - F(lower))). A distribution with less than `min_mass_inside` of
/// its mass inside the range is refused (it does not describe that parameter).
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_SAMPLING_HPP
#define OSSIFY_SCENARIO_SAMPLING_HPP

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../random/counter_rng.hpp"
#include "../random/seed.hpp"
#include "../units/parameter.hpp"
#include "detail/sampling.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Calls `f(full_name, p)` with the typed `parameter<Q>& p` of every parameter of `obj`,
/// in the order list_parameters gives.
template <describable T, class F>
void for_each_parameter(T& obj, F&& f) {
    obj.describe(detail::typed_parameter_visitor<std::remove_reference_t<F>>{&f, {}});
}

/// @brief The family of a parameter distribution.
enum class distribution_kind : unsigned char {
    normal,      ///< N(mean, sd^2)
    log_normal,  ///< exp(N(mu, sigma^2)): positive, right-skewed (rates, sizes)
    uniform      ///< U(low, high)
};

/// @brief The name of a distribution family ("normal", "log-normal", "uniform").
[[nodiscard]] constexpr std::string_view to_string(distribution_kind k) noexcept {
    switch (k) {
        case distribution_kind::normal: return "normal";
        case distribution_kind::log_normal: return "log-normal";
        case distribution_kind::uniform: return "uniform";
    }
    return "?";
}

/**
 * @brief A distribution of one parameter's value, in the parameter's internal unit (the unit
 * `parameter_ref::unit()` names: um, d, 1/d, nM ...). Made by the named constructors, which
 * refuse parameters that do not define a distribution (throwing invalid_parameter).
 */
class parameter_distribution {
public:
    /// @brief N(mean, sd^2); sd finite and > 0.
    [[nodiscard]] static parameter_distribution normal(double mean, double sd) {
        constexpr std::string_view where = "ossify::parameter_distribution::normal";
        if (!std::isfinite(mean)) throw_out_of_range(where, "mean", mean, "", "a finite number");
        require_positive(where, "sd", sd);
        return {distribution_kind::normal, mean, sd};
    }
    /// @brief The log-normal distribution with arithmetic mean `mean` (> 0) and standard
    /// deviation `sd` (> 0): sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2.
    [[nodiscard]] static parameter_distribution log_normal(double mean, double sd) {
        constexpr std::string_view where = "ossify::parameter_distribution::log_normal";
        require_positive(where, "mean", mean);
        require_positive(where, "sd", sd);
        const double s2 = std::log1p((sd / mean) * (sd / mean));
        return {distribution_kind::log_normal, std::log(mean) - 0.5 * s2, std::sqrt(s2)};
    }
    /// @brief The log-normal distribution with median `median` (> 0) and geometric standard
    /// deviation `gsd` (> 1): mu = ln(median), sigma = ln(gsd).
    [[nodiscard]] static parameter_distribution log_normal_median(double median, double gsd) {
        constexpr std::string_view where = "ossify::parameter_distribution::log_normal_median";
        require_positive(where, "median", median);
        if (!(gsd > 1.0) || !std::isfinite(gsd)) throw_out_of_range(where, "gsd", gsd, "", "finite and > 1");
        return {distribution_kind::log_normal, std::log(median), std::log(gsd)};
    }
    /// @brief U(low, high); both finite, low < high.
    [[nodiscard]] static parameter_distribution uniform(double low, double high) {
        constexpr std::string_view where = "ossify::parameter_distribution::uniform";
        if (!std::isfinite(low)) throw_out_of_range(where, "low", low, "", "a finite number");
        if (!(high > low) || !std::isfinite(high)) throw_out_of_range(where, "high", high, "", "finite and > low");
        return {distribution_kind::uniform, low, high};
    }

    /// @brief The family.
    [[nodiscard]] distribution_kind kind() const noexcept { return kind_; }
    /// @brief First parameter: normal mean, log-normal mu (of ln x), uniform low.
    [[nodiscard]] double a() const noexcept { return a_; }
    /// @brief Second parameter: normal sd, log-normal sigma (of ln x), uniform high.
    [[nodiscard]] double b() const noexcept { return b_; }
    /// @brief The mean (before truncation).
    [[nodiscard]] double mean() const noexcept {
        switch (kind_) {
            case distribution_kind::normal: return a_;
            case distribution_kind::log_normal: return std::exp(a_ + 0.5 * b_ * b_);
            case distribution_kind::uniform: return 0.5 * (a_ + b_);
        }
        return a_;
    }
    /// @brief The standard deviation (before truncation).
    [[nodiscard]] double sd() const noexcept {
        switch (kind_) {
            case distribution_kind::normal: return b_;
            case distribution_kind::log_normal: return mean() * std::sqrt(std::expm1(b_ * b_));
            case distribution_kind::uniform: return (b_ - a_) / std::sqrt(12.0);
        }
        return b_;
    }
    /// @brief P(X <= x).
    [[nodiscard]] double cdf(double x) const noexcept {
        switch (kind_) {
            case distribution_kind::normal: return detail::normal_cdf((x - a_) / b_);
            case distribution_kind::log_normal: return x <= 0.0 ? 0.0 : detail::normal_cdf((std::log(x) - a_) / b_);
            case distribution_kind::uniform: return std::clamp((x - a_) / (b_ - a_), 0.0, 1.0);
        }
        return 0.0;
    }
    /// @brief The quantile F^-1(u) for u in (0, 1).
    [[nodiscard]] double quantile(double u) const noexcept {
        switch (kind_) {
            case distribution_kind::normal: return a_ + b_ * detail::normal_quantile(u);
            case distribution_kind::log_normal: return std::exp(a_ + b_ * detail::normal_quantile(u));
            case distribution_kind::uniform: return a_ + u * (b_ - a_);
        }
        return a_;
    }
    /// @brief "normal(mean 0.03, sd 0.005)", "log-normal(mean 0.03, sd 0.01)",
    /// "uniform(0.02, 0.04)" (numbers in the parameter's unit, shortest round-trip form).
    [[nodiscard]] std::string text() const {
        switch (kind_) {
            case distribution_kind::normal: return "normal(mean " + short_number(a_) + ", sd " + short_number(b_) + ")";
            case distribution_kind::log_normal:
                return "log-normal(mean " + short_number(mean()) + ", sd " + short_number(sd()) + ")";
            case distribution_kind::uniform: return "uniform(" + short_number(a_) + ", " + short_number(b_) + ")";
        }
        return "?";
    }
    /// @brief Distributions compare by family and parameters.
    friend bool operator==(const parameter_distribution&, const parameter_distribution&) = default;

private:
    parameter_distribution(distribution_kind k, double a, double b) noexcept : kind_(k), a_(a), b_(b) {}
    static std::string short_number(double v) {
        std::ostringstream os;
        os.precision(6);
        os << v;
        return os.str();
    }
    distribution_kind kind_;
    double a_, b_;
};

/// @brief Thrown by parse_distribution for a text that names a distribution family but is not a
/// valid distribution of it; allowed() is the form expected (to show the user).
class distribution_text_error : public invalid_parameter {
public:
    /// @brief The error for parameter `name` given as `text`, with the form `allowed`.
    distribution_text_error(std::string_view where, std::string_view name, std::string_view text, std::string allowed)
        : invalid_parameter(where, name, text, allowed), allowed_(std::move(allowed)) {}
    /// @brief The form expected, e.g. "normal(MEAN, SD) with SD > 0 in um/d".
    [[nodiscard]] const std::string& allowed() const noexcept { return allowed_; }

private:
    std::string allowed_;
};

/**
 * @brief Reads a distribution as a user writes it: `normal(MEAN, SD)`, `lognormal(MEAN, SD)` (or
 * `log-normal(...)`; arithmetic mean and SD) or `uniform(LOW, HIGH)`, each number read by
 * `read_value` (a callable `std::optional<double>(std::string_view)` giving the value in `unit`,
 * the parameter's internal unit, or nullopt when the text is not one: a reader may accept units).
 * @return nullopt when `text` names no distribution family (a plain value, say)
 * @throws distribution_text_error naming `name` and `text`, with the form expected, when `text`
 * names a family but is malformed or its numbers do not define a distribution (SD <= 0, LOW >= HIGH)
 */
template <class ReadValue>
[[nodiscard]] std::optional<parameter_distribution> parse_distribution(std::string_view name, std::string_view text,
                                                                       std::string_view unit, ReadValue&& read_value) {
    constexpr std::string_view where = "ossify::parse_distribution";
    const auto trim = [](std::string_view v) {
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
        return v;
    };
    text = trim(text);
    const auto open = text.find('(');
    if (text.empty() || open == std::string_view::npos || text.back() != ')') return std::nullopt;
    const std::string_view kind = trim(text.substr(0, open));
    if (kind != "normal" && kind != "lognormal" && kind != "log-normal" && kind != "uniform") return std::nullopt;
    const std::string in = unit.empty() ? std::string() : " in " + std::string(unit);
    const std::string allowed = kind == "uniform" ? "uniform(LOW, HIGH) with LOW < HIGH" + in
                                                  : std::string(kind) + "(MEAN, SD) with SD > 0" + in;
    const std::string_view inner = text.substr(open + 1, text.size() - open - 2);
    const auto comma = inner.find(',');
    if (comma == std::string_view::npos || inner.find(',', comma + 1) != std::string_view::npos) {
        throw distribution_text_error(where, name, text, allowed);
    }
    const std::optional<double> a = read_value(trim(inner.substr(0, comma)));
    const std::optional<double> b = read_value(trim(inner.substr(comma + 1)));
    if (!a || !b) throw distribution_text_error(where, name, text, allowed);
    try {
        if (kind == "normal") return parameter_distribution::normal(*a, *b);
        if (kind == "uniform") return parameter_distribution::uniform(*a, *b);
        return parameter_distribution::log_normal(*a, *b);
    } catch (const invalid_parameter&) {
        throw distribution_text_error(where, name, text, allowed);
    }
}

/// @brief parse_distribution with plain numbers (in the parameter's internal unit `unit`).
[[nodiscard]] inline std::optional<parameter_distribution> parse_distribution(std::string_view name, std::string_view text,
                                                                              std::string_view unit = {}) {
    return parse_distribution(name, text, unit, [](std::string_view v) -> std::optional<double> {
        double x = 0.0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
        if (ec != std::errc{} || end != v.data() + v.size() || v.empty() || !std::isfinite(x)) return std::nullopt;
        return x;
    });
}

/// @brief The smallest share of a distribution's mass that must lie inside the parameter's
/// allowed range (1e-6): below it the distribution is refused.
inline constexpr double min_mass_inside = 1.0e-6;

/// @brief A distribution restricted to [lower, upper] (a parameter's allowed range).
class truncated_distribution {
public:
    /// @brief `d` restricted to [lower, upper]; throws invalid_parameter naming `name` when less
    /// than min_mass_inside of d's mass lies inside.
    truncated_distribution(parameter_distribution d, double lower, double upper, std::string_view name = "distribution")
        : d_(d), lower_(lower), upper_(upper), f_lower_(d.cdf(lower)), f_upper_(d.cdf(upper)) {
        if (!(f_upper_ - f_lower_ >= min_mass_inside)) {
            throw invalid_parameter("ossify::truncated_distribution", name, d.text(),
                                    "a distribution with at least 1e-6 of its mass inside the allowed range [" +
                                        format_value(lower) + ", " + format_value(upper) + "]");
        }
    }
    /// @brief The distribution before truncation.
    [[nodiscard]] const parameter_distribution& distribution() const noexcept { return d_; }
    /// @brief The share of the distribution's mass inside [lower, upper].
    [[nodiscard]] double mass_inside() const noexcept { return f_upper_ - f_lower_; }
    /// @brief Lower bound.
    [[nodiscard]] double lower() const noexcept { return lower_; }
    /// @brief Upper bound.
    [[nodiscard]] double upper() const noexcept { return upper_; }
    /// @brief The value for a uniform u in (0, 1): F^-1(F(lower) + u (F(upper) - F(lower))),
    /// clamped to [lower, upper] (against rounding in the far tails).
    [[nodiscard]] double quantile(double u) const noexcept {
        return std::clamp(d_.quantile(f_lower_ + u * (f_upper_ - f_lower_)), lower_, upper_);
    }

private:
    parameter_distribution d_;
    double lower_, upper_, f_lower_, f_upper_;
};

/// @brief The random purpose of virtual-population draws (the library's purposes are below
/// random::purpose::user; this one is not used by any process).
inline constexpr std::uint32_t population_draw_purpose = 64;

/// @brief The uniform in (0, 1) that gives parameter `name` of replicate `replicate` of an
/// ensemble seeded `s`: Philox draw (step = replicate, entity = FNV-1a(name), purpose =
/// population_draw_purpose) of counter_rng(s). A pure function of its arguments.
[[nodiscard]] inline double population_uniform(ossify::seed s, std::uint64_t replicate, std::string_view name) noexcept {
    return random::counter_rng(s).bind(replicate, population_draw_purpose).uniform(detail::parameter_key(name));
}

/// @brief One value drawn for a replicate.
struct drawn_parameter {
    std::string name;  ///< the parameter's full name
    double value;      ///< the value set (internal unit)
    std::string unit;  ///< its unit
};

/// @brief One distribution of a virtual population, bound to a parameter.
struct population_entry {
    std::string name;                  ///< the parameter's full name
    std::string unit;                  ///< its unit
    truncated_distribution truncated;  ///< the distribution restricted to the allowed range
};

/**
 * @brief A virtual population: distributions over named parameters of a scenario's describable
 * parameter struct. Each replicate is one individual whose values are drawn by
 * population_uniform (seed, replicate, name), so draws do not depend on threads or order.
 */
class virtual_population {
public:
    /// @brief Adds (or replaces) the distribution of parameter `name` (in its internal unit).
    virtual_population& add(std::string name, parameter_distribution d) {
        for (auto& [n, x] : entries_) {
            if (n == name) {
                x = d;
                return *this;
            }
        }
        entries_.emplace_back(std::move(name), d);
        return *this;
    }
    /// @brief Removes the distribution of `name`, if any (the parameter is fixed again).
    void remove(std::string_view name) {
        std::erase_if(entries_, [&](const auto& e) { return e.first == name; });
    }
    /// @brief True when no parameter varies.
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
    /// @brief Number of varying parameters.
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    /// @brief The (name, distribution) pairs in the order added.
    [[nodiscard]] const std::vector<std::pair<std::string, parameter_distribution>>& entries() const noexcept {
        return entries_;
    }

    /// @brief The distributions bound to the parameters of `p`, truncated to their ranges.
    /// Throws invalid_parameter for a name `p` does not have (listing the valid names) or for a
    /// distribution with (almost) no mass inside its parameter's range.
    template <describable P>
    [[nodiscard]] std::vector<population_entry> bind(P& p) const {
        const auto refs = list_parameters(p);
        std::vector<population_entry> out;
        out.reserve(entries_.size());
        for (const auto& [name, d] : entries_) {
            const parameter_ref& r = find_parameter(refs, name);
            out.push_back({name, std::string(r.unit()), truncated_distribution(d, r.lower(), r.upper(), name)});
        }
        return out;
    }

    /// @brief Draws the individual of replicate `replicate` of the ensemble seeded `s`: sets each
    /// varying parameter of `p` (whole numbers for integer parameters, rounded to nearest) and
    /// returns the values set, in the order of entries(). Throws as bind() does.
    template <describable P>
    std::vector<drawn_parameter> draw(P& p, ossify::seed s, std::uint64_t replicate) const {
        const auto bound = bind(p);
        std::vector<drawn_parameter> out;
        out.reserve(bound.size());
        for (const auto& e : bound) {
            const double x = e.truncated.quantile(population_uniform(s, replicate, e.name));
            for_each_parameter(p, [&]<class Q>(const std::string& full, parameter<Q>& par) {
                if (full != e.name) return;
                double v = x;
                if constexpr (std::is_integral_v<Q>) v = std::round(v);
                par.set_internal(v);
                out.push_back({e.name, par.internal(), e.unit});
            });
        }
        return out;
    }

private:
    std::vector<std::pair<std::string, parameter_distribution>> entries_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_SAMPLING_HPP
