// ossify-run: summary.json, one schema for runs, ensembles and sensitivity screens
// (docs/scenario.md, "summary.json"), and the CSV files beside it.
#ifndef OSSIFY_RUN_SUMMARY_HPP
#define OSSIFY_RUN_SUMMARY_HPP

#include <ossify/error.hpp>
#include <ossify/observe/atomic_file.hpp>
#include <ossify/scenario/ensemble.hpp>
#include <ossify/scenario/sampling.hpp>
#include <ossify/scenario/scenario.hpp>
#include <ossify/scenario/sensitivity.hpp>
#include <ossify/version.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run_folder.hpp"
#include "text.hpp"

namespace ossify_run {

using json = nlohmann::ordered_json;

#define OSSIFY_RUN_STR2_(x) #x
#define OSSIFY_RUN_STR_(x) OSSIFY_RUN_STR2_(x)
/// The library's version ("0.1.0"), which is also the tool's.
inline constexpr std::string_view version =
    OSSIFY_RUN_STR_(OSSIFY_VERSION_MAJOR) "." OSSIFY_RUN_STR_(OSSIFY_VERSION_MINOR) "." OSSIFY_RUN_STR_(OSSIFY_VERSION_PATCH);
#undef OSSIFY_RUN_STR_
#undef OSSIFY_RUN_STR2_

/// A parameter as used: its value, range, source and where its value came from.
struct parameter_record {
    std::string name, unit, source;
    std::string origin = "default";  ///< "default", "--set" or "--params <file>"
    double value = 0, lower = 0, upper = 0;
    std::optional<ossify::truncated_distribution> distribution;  ///< a virtual population's distribution
};

/// What a summary says besides the results.
struct run_context {
    std::string scenario, scenario_summary, clock, convergence;
    ossify::scenario_defaults defaults;
    ossify::resolved_options options;
    std::vector<parameter_record> parameters;
    std::size_t replicates = 1;
    unsigned threads = 1;
    bool force = false;
    std::string pictures = "first";  ///< "first", "all" or "none"
    std::vector<std::string> command;
    std::filesystem::path output;  ///< the result folder (final place)
};

inline json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
inline json quantity_json(double v, std::string_view unit) { return json{{"value", number_or_null(v)}, {"unit", unit}}; }

inline json stats_json(const ossify::replicate_statistics& s) {
    const bool any = s.n > 0;
    return json{{"n", s.n},
                {"of", s.of},
                {"mean", any ? number_or_null(s.mean) : json(nullptr)},
                {"sd", any ? number_or_null(s.sd) : json(nullptr)},
                {"ci95", any ? json::array({number_or_null(s.ci_low), number_or_null(s.ci_high)}) : json(nullptr)},
                {"central95", any ? json::array({number_or_null(s.p2_5), number_or_null(s.p97_5)}) : json(nullptr)}};
}

/// A path for the summary: relative to the folder the summary lies in when it is inside it.
inline std::string relative_file(const std::filesystem::path& p, const std::filesystem::path& folder) {
    const auto rel = p.lexically_normal().lexically_relative(folder.lexically_normal());
    if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
    return p.generic_string();
}

inline json scenario_json(const run_context& c) {
    return json{{"name", c.scenario},
                {"summary", c.scenario_summary},
                {"clock", c.clock},
                {"default_dt", quantity_json(c.defaults.dt.value(), "d")},
                {"dt_convergence", c.convergence.empty() ? json(nullptr) : json(c.convergence)}};
}

inline json options_json(const run_context& c) {
    const auto& o = c.options;
    return json{{"grid", o.grid},
                {"dimension", o.grid.size()},
                {"spacing", quantity_json(o.spacing.value(), "um")},
                {"dt", quantity_json(o.dt.value(), "d")},
                {"until", quantity_json(o.until.value(), "d")},
                {"steps_planned", static_cast<std::uint64_t>(std::ceil(o.until.value() / o.dt.value() - 1e-9))},
                {"force", c.force},
                {"pictures", c.pictures},
                {"replicates", c.replicates}};
}

inline json parameters_json(const std::vector<parameter_record>& ps, const std::vector<ossify::drawn_parameter>* drawn = nullptr) {
    json a = json::array();
    for (const auto& p : ps) {
        json e{{"name", p.name}, {"value", number_or_null(p.value)}, {"unit", p.unit}, {"lower", number_or_null(p.lower)},
               {"upper", number_or_null(p.upper)}, {"source", p.source}, {"origin", p.origin}};
        if (p.distribution) {
            const auto& d = p.distribution->distribution();
            e["distribution"] = json{{"kind", ossify::to_string(d.kind())},
                                     {"text", d.text()},
                                     {"mean", number_or_null(d.mean())},
                                     {"sd", number_or_null(d.sd())},
                                     {"truncated_to", json::array({number_or_null(p.lower), number_or_null(p.upper)})},
                                     {"mass_inside", number_or_null(p.distribution->mass_inside())}};
            if (drawn) {
                for (const auto& x : *drawn) {
                    if (x.name == p.name) e["value"] = number_or_null(x.value);
                }
            }
        } else {
            e["distribution"] = nullptr;
        }
        a.push_back(std::move(e));
    }
    return a;
}

inline json measurement_json(const ossify::measurement& m) {
    json e{{"name", m.name}, {"value", number_or_null(m.value)}, {"unit", m.unit}, {"published", m.published},
           {"source", m.source}, {"comparison", ossify::to_string(m.kind)}};
    if (m.range) {
        e["range"] = json::array({m.range->first, m.range->second});
        e["within_range"] = m.value >= m.range->first && m.value <= m.range->second;
    } else {
        e["range"] = nullptr;
        e["within_range"] = nullptr;
    }
    return e;
}

inline json events_json(const std::vector<ossify::event_time>& events) {
    json a = json::array();
    for (const auto& e : events) {
        a.push_back(json{{"name", e.name}, {"criterion", e.criterion},
                         {"time", e.time ? quantity_json(e.time->value(), "d") : json(nullptr)}});
    }
    return a;
}

/// The summary of one run (a single run, or replicate `replicate` of an ensemble with the values
/// it drew). `folder` is where the summary goes (files are listed relative to it).
inline json run_json(const run_context& c, const ossify::scenario_result& r, const std::filesystem::path& folder,
                     std::optional<std::uint64_t> replicate = std::nullopt, const std::vector<ossify::drawn_parameter>* drawn = nullptr,
                     const std::string& series_file = {}) {
    json j;
    j["schema"] = summary_schema;
    j["kind"] = "run";
    j["scenario"] = scenario_json(c);
    j["version"] = json{{"ossify", version}, {"tool", "ossify-run " + std::string(version)}};
    j["seed"] = r.seed.value;
    j["seeds"] = json::array({r.seed.value});
    if (replicate) j["replicate"] = *replicate;
    j["options"] = options_json(c);
    j["parameters"] = parameters_json(c.parameters, drawn);
    j["steps"] = r.steps;
    j["simulated"] = quantity_json(r.simulated.value(), "d");
    json files = json::array();
    for (const auto& f : r.files) files.push_back(relative_file(f, folder));
    if (!series_file.empty()) files.push_back(series_file);
    j["files"] = files;
    j["events"] = events_json(r.events);
    json ms = json::array();
    for (const auto& m : r.measurements) ms.push_back(measurement_json(m));
    j["measurements"] = ms;
    j["series"] = r.series_names.empty() ? json(nullptr)
                                         : json{{"file", series_file.empty() ? json(nullptr) : json(series_file)},
                                                {"columns", r.series_names},
                                                {"rows", r.series.size()}};
    j["run_info"] = json{{"wall_seconds", number_or_null(r.wall_seconds)}};
    return j;
}

/// The summary of an ensemble: every replicate in brief, and the aggregate.
inline json ensemble_json(const run_context& c, const ossify::ensemble_result& e, const std::vector<std::vector<ossify::drawn_parameter>>& drawn,
                          const std::string& band_file) {
    json j;
    j["schema"] = summary_schema;
    j["kind"] = "ensemble";
    j["scenario"] = scenario_json(c);
    j["version"] = json{{"ossify", version}, {"tool", "ossify-run " + std::string(version)}};
    j["seed"] = e.replicates.front().seed.value;
    json seeds = json::array();
    for (const auto& r : e.replicates) seeds.push_back(r.seed.value);
    j["seeds"] = seeds;
    j["options"] = options_json(c);
    j["parameters"] = parameters_json(c.parameters);
    const auto& first = e.replicates.front();
    j["steps"] = first.steps;
    j["simulated"] = quantity_json(e.simulated.mean, "d");
    json files = json::array();
    for (std::size_t k = 0; k < e.replicates.size(); ++k) files.push_back("replicate_" + std::to_string(k) + "/summary.json");
    if (!band_file.empty()) files.push_back(band_file);
    j["files"] = files;
    j["events"] = events_json(first.events);
    json ms = json::array();
    for (const auto& m : first.measurements) ms.push_back(measurement_json(m));
    j["measurements"] = ms;
    j["series"] = first.series_names.empty() ? json(nullptr)
                                             : json{{"file", band_file.empty() ? json(nullptr) : json(band_file)},
                                                    {"columns", first.series_names},
                                                    {"rows", e.series.times.size()}};
    json reps = json::array();
    for (std::size_t k = 0; k < e.replicates.size(); ++k) {
        const auto& r = e.replicates[k];
        json d = json::object();
        if (k < drawn.size()) {
            for (const auto& x : drawn[k]) d[x.name] = number_or_null(x.value);
        }
        json ev = json::object();
        for (const auto& x : r.events) ev[x.name] = x.time ? number_or_null(x.time->value()) : json(nullptr);
        json m = json::object();
        for (const auto& x : r.measurements) m[x.name] = number_or_null(x.value);
        reps.push_back(json{{"replicate", k}, {"seed", r.seed.value}, {"summary", "replicate_" + std::to_string(k) + "/summary.json"},
                            {"drawn", d}, {"steps", r.steps}, {"simulated", quantity_json(r.simulated.value(), "d")},
                            {"events", ev}, {"measurements", m}});
    }
    j["replicates"] = reps;
    json agg;
    agg["replicates"] = e.replicates.size();
    json am = json::array();
    for (const auto& m : first.measurements) {
        const auto it = e.measurements.find(m.name);
        if (it == e.measurements.end()) continue;
        json x = stats_json(it->second);
        x["name"] = m.name;
        x["unit"] = m.unit;
        x["published"] = m.published;
        x["source"] = m.source;
        x["comparison"] = ossify::to_string(m.kind);
        if (m.range) {
            std::size_t within = 0;
            for (const auto& r : e.replicates) {
                if (const auto* q = r.find(m.name); q && q->value >= m.range->first && q->value <= m.range->second) ++within;
            }
            x["range"] = json::array({m.range->first, m.range->second});
            x["mean_within_range"] = it->second.n > 0 && it->second.mean >= m.range->first && it->second.mean <= m.range->second;
            x["replicates_within_range"] = within;
        } else {
            x["range"] = nullptr;
            x["mean_within_range"] = nullptr;
            x["replicates_within_range"] = nullptr;
        }
        am.push_back(std::move(x));
    }
    agg["measurements"] = am;
    json ae = json::array();
    for (const auto& ev : first.events) {
        const auto it = e.events.find(ev.name);
        json x = it == e.events.end() ? stats_json(ossify::statistics_of({}, e.replicates.size())) : stats_json(it->second);
        x["name"] = ev.name;
        x["criterion"] = ev.criterion;
        x["unit"] = "d";
        ae.push_back(std::move(x));
    }
    agg["events"] = ae;
    json sim = stats_json(e.simulated);
    sim["unit"] = "d";
    agg["simulated"] = sim;
    json ad = json::array();
    if (!drawn.empty()) {
        for (std::size_t i = 0; i < drawn.front().size(); ++i) {
            std::vector<double> v;
            for (const auto& d : drawn) v.push_back(d[i].value);
            json x = stats_json(ossify::statistics_of(v, v.size()));
            x["name"] = drawn.front()[i].name;
            x["unit"] = drawn.front()[i].unit;
            ad.push_back(std::move(x));
        }
    }
    agg["drawn"] = ad;
    agg["series"] = j["series"];
    j["aggregate"] = agg;
    j["run_info"] = json::object();
    return j;
}

/// The summary of a sensitivity screen.
inline json screen_json(const run_context& c, const ossify::screen_result& s, const std::vector<std::string>& files) {
    json j;
    j["schema"] = summary_schema;
    j["kind"] = "screen";
    j["scenario"] = scenario_json(c);
    j["version"] = json{{"ossify", version}, {"tool", "ossify-run " + std::string(version)}};
    j["seed"] = s.seeds.front();
    j["seeds"] = s.seeds;
    j["options"] = options_json(c);
    j["parameters"] = parameters_json(c.parameters);
    j["steps"] = nullptr;
    j["simulated"] = nullptr;
    j["files"] = files;
    j["events"] = json::array();
    j["measurements"] = json::array();
    j["series"] = nullptr;
    const auto& d = s.design;
    json sc;
    sc["method"] = ossify::to_string(d.method);
    json fs = json::array();
    for (std::size_t i = 0; i < d.factors.size(); ++i) {
        const auto& f = d.factors[i];
        fs.push_back(json{{"name", f.name}, {"lower", f.lower}, {"upper", f.upper}, {"unit", f.unit},
                          {"baseline", d.baseline.empty() ? json(nullptr) : json(d.baseline[i])}});
    }
    sc["factors"] = fs;
    sc["trajectories"] = d.method == ossify::screen_method::morris ? json(d.trajectories) : json(nullptr);
    sc["levels"] = d.method == ossify::screen_method::morris ? json(d.levels) : json(nullptr);
    sc["delta"] = d.method == ossify::screen_method::morris ? json(d.delta) : json(nullptr);
    sc["replicates_per_point"] = s.seeds.size();
    sc["points"] = d.points.size();
    sc["runs"] = d.points.size() * s.seeds.size();
    json outs = json::array();
    for (std::size_t o = 0; o < s.outputs.size(); ++o) outs.push_back(json{{"name", s.outputs[o]}, {"unit", s.output_units[o]}});
    sc["outputs"] = outs;
    json ef = json::array();
    for (const auto& e : s.effects) {
        ef.push_back(json{{"factor", d.factors[e.factor].name}, {"output", s.outputs[e.output]}, {"n", e.n},
                          {"mu", number_or_null(e.mu)}, {"mu_star", number_or_null(e.mu_star)}, {"sigma", number_or_null(e.sigma)},
                          {"noise_floor", number_or_null(e.noise_floor)}, {"relative", number_or_null(e.relative)},
                          {"elasticity", number_or_null(e.elasticity)}, {"moves", e.moves()}});
    }
    sc["effects"] = ef;
    json pts = json::array();
    for (std::size_t p = 0; p < d.points.size(); ++p) {
        json reps = json::array();
        for (const auto& rep : s.values[p]) {
            json v = json::array();
            for (const double x : rep) v.push_back(number_or_null(x));
            reps.push_back(v);
        }
        pts.push_back(json{{"values", d.points[p]}, {"changed", d.changed[p] < 0 ? json(nullptr) : json(d.factors[static_cast<std::size_t>(d.changed[p])].name)},
                           {"outputs", reps}});
    }
    sc["design"] = pts;
    j["screen"] = sc;
    j["run_info"] = json::object();
    return j;
}

/// Writes text to `path` atomically (a temporary name, then renamed).
inline void write_text(const std::filesystem::path& path, std::string_view text) {
    errno = 0;
    ossify::atomic_file out(path, true);
    if (!out) {
        const int err = errno;
        throw ossify::io_error("ossify-run", "open for writing", path, err != 0 ? std::strerror(err) : std::string_view{});
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.commit("ossify-run");
}

/// A CSV of a time series: header, then rows (shortest round-trip numbers).
inline std::string series_csv(const std::vector<std::string>& names, const std::vector<std::vector<double>>& rows,
                              const std::string& comment) {
    std::string s = "# ";
    s += comment;
    s += '\n';
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) s += ',';
        s += names[i];
    }
    s += '\n';
    for (const auto& r : rows) {
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (i) s += ',';
            s += number_text(r[i]);
        }
        s += '\n';
    }
    return s;
}

/// The CSV of an ensemble's series band: time, then per column its mean, SD, 2.5th and 97.5th
/// percentiles and the number of replicates.
inline std::string band_csv(const ossify::series_band& b, const std::string& comment) {
    std::vector<std::string> names{b.names.empty() ? "time" : b.names[0]};
    for (std::size_t c = 1; c < b.names.size(); ++c) {
        for (const char* suffix : {"_mean", "_sd", "_p2.5", "_p97.5", "_n"}) names.push_back(b.names[c] + suffix);
    }
    std::vector<std::vector<double>> rows;
    for (std::size_t r = 0; r < b.times.size(); ++r) {
        std::vector<double> row{b.times[r]};
        for (std::size_t c = 1; c < b.names.size(); ++c) {
            const auto& s = b.stats[r][c];
            row.insert(row.end(), {s.mean, s.sd, s.p2_5, s.p97_5, static_cast<double>(s.n)});
        }
        rows.push_back(std::move(row));
    }
    return series_csv(names, rows, comment);
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_SUMMARY_HPP
