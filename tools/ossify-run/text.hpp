// ossify-run: reading and writing the values of the command line and parameter files: strict
// integers, numbers with units, grids, seed ranges; the refusal every bad value turns into.
#ifndef OSSIFY_RUN_TEXT_HPP
#define OSSIFY_RUN_TEXT_HPP

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace ossify_run {

/// A refused invocation: the option, the value given and what is allowed. Exit status 2; nothing
/// is written.
class refusal : public std::runtime_error {
public:
    refusal(std::string option, std::string value, std::string allowed)
        : std::runtime_error(option + " = " + quote(value) + " is invalid; allowed: " + allowed), option_(std::move(option)) {}
    /// A refusal with a free-form message (which must name the option).
    static refusal message(std::string option, const std::string& text) { return refusal(std::move(option), text, 0); }
    [[nodiscard]] const std::string& option() const noexcept { return option_; }

private:
    refusal(std::string option, const std::string& text, int) : std::runtime_error(text), option_(std::move(option)) {}
    static std::string quote(const std::string& v) { return v.empty() ? "\"\"" : v; }
    std::string option_;
};

/// Shortest text that reads back to the same double ("0.1", "3", "1e-300").
inline std::string number_text(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::array<char, 64> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    (void)ec;
    return std::string(buf.data(), end);
}

/// A number for people: 4 significant digits ("0.03125" -> "0.03125", "48.3962" -> "48.4").
inline std::string short_text(double v, int digits = 4) {
    if (!std::isfinite(v)) return number_text(v);
    std::array<char, 64> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, digits);
    (void)ec;
    return std::string(buf.data(), end);
}

inline std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

/// A whole number in [lo, hi], digits only (no sign, no blanks, no exponent).
inline std::uint64_t parse_unsigned(const std::string& option, const std::string& text, std::uint64_t lo, std::uint64_t hi) {
    const auto allowed = "a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    std::uint64_t v = 0;
    const char* b = text.data();
    const char* e = b + text.size();
    const auto [p, ec] = std::from_chars(b, e, v);
    if (text.empty() || text[0] == '-' || text[0] == '+' || ec != std::errc{} || p != e || v < lo || v > hi) {
        throw refusal(option, text, allowed);
    }
    return v;
}

/// A finite number, the whole text (decimal or exponent form).
inline std::optional<double> parse_number(std::string_view text) {
    if (text.empty() || text.front() == '+') return std::nullopt;
    double v = 0.0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// One accepted spelling of a unit and its factor to the internal unit.
struct unit_alias {
    std::string_view symbol;
    double factor;
};

/// The spellings accepted for each internal unit (as ossify::units::symbol_of names them).
inline std::vector<unit_alias> aliases_of(std::string_view internal) {
    if (internal == "um") return {{"um", 1}, {"nm", 1e-3}, {"mm", 1e3}, {"cm", 1e4}, {"m", 1e6}};
    if (internal == "um^2") return {{"um^2", 1}, {"um2", 1}, {"mm^2", 1e6}, {"mm2", 1e6}};
    if (internal == "um^3") return {{"um^3", 1}, {"um3", 1}, {"mm^3", 1e9}, {"mm3", 1e9}};
    if (internal == "d") return {{"d", 1}, {"h", 1.0 / 24}, {"min", 1.0 / 1440}, {"s", 1.0 / 86400}, {"wk", 7}, {"yr", 365.25}};
    if (internal == "1/d") {
        return {{"1/d", 1}, {"1/h", 24}, {"1/min", 1440}, {"1/s", 86400}, {"1/wk", 1.0 / 7}, {"1/yr", 1.0 / 365.25}};
    }
    if (internal == "um/d") {
        return {{"um/d", 1}, {"um/h", 24}, {"um/wk", 1.0 / 7}, {"um/yr", 1.0 / 365.25}, {"mm/d", 1e3}, {"mm/yr", 1e3 / 365.25}};
    }
    if (internal == "nM") return {{"nM", 1}, {"pM", 1e-3}, {"uM", 1e3}, {"mM", 1e6}};
    if (internal == "nM/d") return {{"nM/d", 1}, {"nM/h", 24}, {"nM/s", 86400}, {"pM/d", 1e-3}, {"pM/h", 24e-3}, {"uM/d", 1e3}, {"uM/h", 24e3}};
    if (internal == "um^2/d") {
        return {{"um^2/d", 1},   {"um2/d", 1},         {"um^2/h", 24},         {"um2/h", 24},         {"um^2/s", 86400},
                {"um2/s", 86400}, {"mm^2/d", 1e6},     {"mm^2/s", 1e6 * 86400}, {"cm^2/s", 1e8 * 86400}, {"cm2/s", 1e8 * 86400}};
    }
    if (internal == "1/um^3") return {{"1/um^3", 1}, {"1/um3", 1}, {"1/mm^3", 1e-9}, {"1/mm3", 1e-9}};
    if (internal == "ymol") return {{"ymol", 1}, {"zmol", 1e3}, {"amol", 1e6}};
    if (internal == "-") return {{"-", 1}, {"%", 0.01}};
    return {{internal, 1}};
}

inline std::string alias_list(std::string_view internal) {
    std::string s;
    for (const auto& a : aliases_of(internal)) {
        if (!s.empty()) s += ", ";
        s += a.symbol;
    }
    return s;
}

/// A number with an optional unit ("2.5um/d", "2.5 um/d", "0.5/d", "70d", "12wk", "3"), converted to
/// the internal unit `internal`; a plain number is in the internal unit. Refuses other units,
/// naming the accepted ones.
inline double parse_quantity(const std::string& option, const std::string& text, std::string_view internal) {
    const std::string t = trim(text);
    // The number is the longest prefix that parses; the rest is the unit.
    std::size_t cut = 0;
    double v = 0.0;
    {
        const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec == std::errc{} && !t.empty() && t.front() != '+') cut = static_cast<std::size_t>(p - t.data());
    }
    const auto allowed = [&] {
        return std::string("a finite number") + (internal == "-" ? "" : " in " + std::string(internal)) +
               ", optionally with a unit (" + alias_list(internal) + ")";
    };
    if (cut == 0 || !std::isfinite(v)) throw refusal(option, text, allowed());
    std::string unit = trim(std::string_view(t).substr(cut));
    if (unit.empty()) return v;
    if (unit.front() == '/') unit = "1" + unit;
    for (const auto& a : aliases_of(internal)) {
        if (unit == a.symbol) return v * a.factor;
    }
    throw refusal(option, text, allowed());
}

/// A grid: NXxNY (2-D) or NXxNYxNZ (3-D), positive whole numbers.
inline std::vector<std::int32_t> parse_grid(const std::string& option, const std::string& text) {
    const std::string allowed = "NXxNY (2-D) or NXxNYxNZ (3-D), positive whole numbers of sites, e.g. 240x100 or 64x64x32";
    std::vector<std::int32_t> out;
    std::size_t start = 0;
    while (true) {
        const auto x = text.find('x', start);
        const std::string part = text.substr(start, x == std::string::npos ? std::string::npos : x - start);
        std::uint64_t v = 0;
        const auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc{} || p != part.data() + part.size() || v == 0 || v > (1u << 30)) {
            throw refusal(option, text, allowed);
        }
        out.push_back(static_cast<std::int32_t>(v));
        if (x == std::string::npos) break;
        start = x + 1;
    }
    if (out.size() != 2 && out.size() != 3) throw refusal(option, text, allowed);
    return out;
}

/// A seed range "a..b" (a <= b, both whole numbers): the seeds a, a+1, ..., b.
inline std::pair<std::uint64_t, std::uint64_t> parse_seed_range(const std::string& option, const std::string& text,
                                                                std::uint64_t max_count) {
    const std::string allowed = "A..B, whole numbers with A <= B and at most " + std::to_string(max_count) + " seeds";
    const auto dots = text.find("..");
    if (dots == std::string::npos) throw refusal(option, text, allowed);
    const auto num = [&](const std::string& s) {
        std::uint64_t v = 0;
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc{} || p != s.data() + s.size()) throw refusal(option, text, allowed);
        return v;
    };
    const auto a = num(text.substr(0, dots)), b = num(text.substr(dots + 2));
    if (b < a || b - a >= max_count) throw refusal(option, text, allowed);
    return {a, b};
}

/// "a..b" bounds of a factor, each a quantity in the parameter's unit.
inline std::pair<double, double> parse_bounds(const std::string& option, const std::string& text, std::string_view internal) {
    const auto dots = text.find("..");
    if (dots == std::string::npos) {
        throw refusal(option, text, "NAME or NAME=LOW..HIGH with LOW < HIGH in " + std::string(internal));
    }
    const double lo = parse_quantity(option, text.substr(0, dots), internal);
    const double hi = parse_quantity(option, text.substr(dots + 2), internal);
    if (!(hi > lo)) throw refusal(option, text, "LOW..HIGH with LOW < HIGH");
    return {lo, hi};
}

/// "2h", "3.5 d", "12 wk" for a duration in days (for people).
inline std::string days_text(double d) {
    if (d < 1.0 / 24.0) return short_text(d * 1440.0) + " min";
    if (d < 1.0) return short_text(d * 24.0) + " h";
    return short_text(d) + " d";
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_TEXT_HPP
