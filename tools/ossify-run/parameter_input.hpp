// ossify-run: parameters from the command line (--set name=value, --set name=normal(a, b)) and
// from parameter files (--params file.json), checked against a scenario's parameters before
// anything runs or is written.
//
// Parameter file (JSON):
//   {
//     "scenario": "figure-6.4.1",                 optional; must name the scenario run
//     "parameters": {
//       "apposition_rate": 2.5,                   a value in the parameter's unit
//       "osteoid_seam": "8 um",                   a value with a unit
//       "osteoblast_apoptosis": {"distribution": "log-normal", "mean": "0.03 1/d", "sd": "0.01 1/d"},
//       "commitment_rate": {"distribution": "log-normal", "median": "0.5/d", "gsd": 1.3},
//       "bmp2_source": {"distribution": "normal", "mean": "400 nM/d", "sd": "50 nM/d"},
//       "initial_density": {"distribution": "uniform", "low": 0.4, "high": 0.6}
//     }
//   }
// Unknown keys, repeated keys, unknown parameter names and values outside a parameter's range are
// refused, naming the file and the key.
#ifndef OSSIFY_RUN_PARAMETER_INPUT_HPP
#define OSSIFY_RUN_PARAMETER_INPUT_HPP

#include <ossify/error.hpp>
#include <ossify/scenario/sampling.hpp>
#include <ossify/units/parameter.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text.hpp"

namespace ossify_run {

/// One parameter given by the user: a value or a distribution.
struct parameter_setting {
    std::string name;                                           ///< parameter name
    std::string origin;                                         ///< "--set" or "--params <file>"
    std::string text;                                           ///< as given (for messages and the summary)
    std::optional<double> value;                                ///< a fixed value (internal unit)
    std::optional<ossify::parameter_distribution> distribution; ///< or a distribution
};

namespace detail {

inline const ossify::parameter_ref& known(const std::vector<ossify::parameter_ref>& refs, const std::string& option,
                                          const std::string& given, const std::string& name) {
    for (const auto& r : refs) {
        if (r.name() == name) return r;
    }
    std::string names;
    for (const auto& r : refs) names += (names.empty() ? "" : ", ") + r.name();
    throw refusal(option, given, "a parameter of this scenario: " + names + " (see --list-parameters)");
}

/// normal(a, b), lognormal(a, b) / log-normal(a, b), uniform(a, b): a distribution in `unit`, its
/// numbers with or without a unit (ossify::parse_distribution, the values read by parse_quantity).
inline auto distribution_of(const std::string& option, const std::string& given, const std::string& name,
                            const std::string& text, std::string_view unit) -> std::optional<ossify::parameter_distribution> {
    const auto read = [&](std::string_view v) -> std::optional<double> {
        try {
            return parse_quantity(option, std::string(v), unit);
        } catch (const refusal&) {
            return std::nullopt;
        }
    };
    try {
        return ossify::parse_distribution(name, text, unit, read);
    } catch (const ossify::distribution_text_error& e) {
        throw refusal(option, given, e.allowed() + " (units: " + alias_list(unit) + ")");
    }
}

}  // namespace detail

/// `name=value` or `name=normal(mean, sd)` / `lognormal(mean, sd)` / `uniform(low, high)` of
/// --set, checked against the scenario's parameters (names and units; ranges are checked when
/// the settings are applied).
inline parameter_setting parse_set(const std::vector<ossify::parameter_ref>& refs, const std::string& given) {
    const auto eq = given.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw refusal("--set", given, "NAME=VALUE[UNIT] or NAME=normal(MEAN, SD) | lognormal(MEAN, SD) | uniform(LOW, HIGH)");
    }
    parameter_setting s;
    s.name = trim(given.substr(0, eq));
    s.origin = "--set";
    s.text = trim(given.substr(eq + 1));
    const auto& ref = detail::known(refs, "--set", given, s.name);
    const std::string unit(ref.unit());
    const std::string allowed = "NAME=VALUE with VALUE a finite number in " + unit + ", optionally with a unit (" +
                                alias_list(unit) + "), or normal(MEAN, SD) | lognormal(MEAN, SD) | uniform(LOW, HIGH)";
    if (s.text.empty()) throw refusal("--set", given, allowed);
    if (auto d = detail::distribution_of("--set", given, s.name, s.text, unit)) {
        s.distribution = *d;
    } else {
        try {
            s.value = parse_quantity("--set", s.text, unit);
        } catch (const refusal&) {
            throw refusal("--set", given, allowed);
        }
    }
    return s;
}

/// The settings of a parameter file for scenario `scenario`.
inline std::vector<parameter_setting> read_parameter_file(const std::vector<ossify::parameter_ref>& refs,
                                                          const std::string& path, std::string_view scenario) {
    const std::string option = "--params";
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw refusal(option, path, std::string("a readable JSON parameter file (") + (errno ? std::strerror(errno) : "cannot open") + ")");
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    // Repeated keys: nlohmann keeps the last one silently; a callback sees every key.
    std::vector<std::set<std::string>> keys;
    std::string repeated;
    const nlohmann::json::parser_callback_t cb = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using ev = nlohmann::json::parse_event_t;
        if (event == ev::object_start) keys.emplace_back();
        else if (event == ev::object_end) keys.pop_back();
        else if (event == ev::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second && repeated.empty()) {
            repeated = parsed.get<std::string>();
        }
        return true;
    };
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(buffer.str(), cb);
    } catch (const nlohmann::json::exception& e) {
        throw refusal(option, path, std::string("a JSON parameter file (") + e.what() + ")");
    }
    if (!repeated.empty()) throw refusal(option, path, "a JSON parameter file where each key appears once (\"" + repeated + "\" is repeated)");
    const std::string file_allowed = "an object {\"scenario\": NAME (optional), \"parameters\": {NAME: VALUE | \"VALUE UNIT\" | {\"distribution\": ...}}}";
    if (!j.is_object() || !j.contains("parameters") || !j["parameters"].is_object()) throw refusal(option, path, file_allowed);
    for (const auto& [key, value] : j.items()) {
        if (key != "scenario" && key != "parameters") throw refusal(option, path, file_allowed + " (unknown key \"" + key + "\")");
    }
    if (j.contains("scenario") && (!j["scenario"].is_string() || j["scenario"].get<std::string>() != scenario)) {
        throw refusal(option, path, "a parameter file for scenario " + std::string(scenario) + " (it names " + j["scenario"].dump() + ")");
    }
    const std::string origin = "--params " + path;
    std::vector<parameter_setting> out;
    for (const auto& [name, value] : j["parameters"].items()) {
        const std::string given = path + ": " + name;
        const auto& ref = detail::known(refs, option, given, name);
        const std::string unit(ref.unit());
        parameter_setting s;
        s.name = name;
        s.origin = origin;
        s.text = value.dump();
        const auto quantity = [&](const nlohmann::json& v, const std::string& what) -> double {
            if (v.is_number()) {
                const double x = v.get<double>();
                if (!std::isfinite(x)) throw refusal(option, given + "." + what, "a finite number");
                return x;
            }
            if (v.is_string()) return parse_quantity(option, v.get<std::string>(), unit);
            throw refusal(option, given + (what.empty() ? "" : "." + what) + " = " + v.dump(), "a number (in " + unit + ") or a string \"VALUE UNIT\"");
        };
        if (value.is_number() || value.is_string()) {
            s.value = quantity(value, "");
        } else if (value.is_object()) {
            const std::string dist_allowed =
                "{\"distribution\": \"normal\", \"mean\", \"sd\"} | {\"distribution\": \"log-normal\", \"mean\", \"sd\"} | "
                "{\"distribution\": \"log-normal\", \"median\", \"gsd\"} | {\"distribution\": \"uniform\", \"low\", \"high\"} | "
                "{\"value\"}";
            std::set<std::string> present;
            for (const auto& [k, v] : value.items()) present.insert(k);
            const auto has_exactly = [&](std::set<std::string> want) { return present == want; };
            try {
                if (has_exactly({"value"})) {
                    s.value = quantity(value["value"], "value");
                } else if (!value.contains("distribution") || !value["distribution"].is_string()) {
                    throw refusal(option, given, dist_allowed);
                } else {
                    const auto kind = value["distribution"].get<std::string>();
                    if (kind == "normal" && has_exactly({"distribution", "mean", "sd"})) {
                        s.distribution = ossify::parameter_distribution::normal(quantity(value["mean"], "mean"), quantity(value["sd"], "sd"));
                    } else if ((kind == "log-normal" || kind == "lognormal") && has_exactly({"distribution", "mean", "sd"})) {
                        s.distribution = ossify::parameter_distribution::log_normal(quantity(value["mean"], "mean"), quantity(value["sd"], "sd"));
                    } else if ((kind == "log-normal" || kind == "lognormal") && has_exactly({"distribution", "median", "gsd"})) {
                        if (!value["gsd"].is_number()) throw refusal(option, given + ".gsd", "a number > 1 (no unit)");
                        s.distribution = ossify::parameter_distribution::log_normal_median(quantity(value["median"], "median"),
                                                                                           value["gsd"].get<double>());
                    } else if (kind == "uniform" && has_exactly({"distribution", "low", "high"})) {
                        s.distribution = ossify::parameter_distribution::uniform(quantity(value["low"], "low"), quantity(value["high"], "high"));
                    } else {
                        throw refusal(option, given, dist_allowed);
                    }
                }
            } catch (const ossify::invalid_parameter& e) {
                throw refusal(option, given, std::string("a valid distribution (") + e.what() + ")");
            }
        } else {
            throw refusal(option, given + " = " + value.dump(), "a number, a string \"VALUE UNIT\" or a distribution object");
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_PARAMETER_INPUT_HPP
