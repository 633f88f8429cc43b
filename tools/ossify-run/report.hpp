// ossify-run: report.html, a self-contained page (no external file: pictures embedded as data URIs,
// plots as inline SVG, styles and one small script inline) built from the summary it sits beside:
// the scenario, version and seed(s); the options; the event times; the stage/event pictures; the
// metrics time series (with the band of the central 95 % of the replicates for an ensemble); the
// parameter table with units, ranges and sources; the validation table (model vs published); and
// for a screen, its effects table and heat map. The script checks, once the page has loaded, that
// every picture decoded and every plot has a line, reports any problem on the console, and marks
// the page (body data-report-check="ok"), which the browser test reads.
#ifndef OSSIFY_RUN_REPORT_HPP
#define OSSIFY_RUN_REPORT_HPP

#include <ossify/scenario/ensemble.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "summary.hpp"
#include "svg.hpp"
#include "text.hpp"

namespace ossify_run {

inline std::string base64(std::string_view bytes) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8) | static_cast<unsigned char>(bytes[i + 2]);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += table[n & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? table[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

/// The series a report plots: one run's rows, or an ensemble's band.
struct report_series {
    std::vector<std::string> names;
    std::vector<std::vector<double>> rows;
    const ossify::series_band* band = nullptr;
};

namespace report_detail {
inline std::string num(const json& v, int digits = 4) {
    if (v.is_number()) return short_text(v.get<double>(), digits);
    return "&ndash;";
}
inline std::string str(const json& v) { return v.is_string() ? escape_html(v.get<std::string>()) : std::string("&ndash;"); }
inline std::string quantity(const json& q) {
    if (!q.is_object() || !q["value"].is_number()) return "&ndash;";
    return num(q["value"]) + " " + escape_html(q["unit"].get<std::string>());
}
/// A duration for people: "1 h (0.04167 d)" below a day, "45 d" above.
inline std::string duration(const json& q) {
    if (!q.is_object() || !q["value"].is_number() || q["unit"] != "d") return quantity(q);
    const double d = q["value"].get<double>();
    return d < 1.0 ? escape_html(days_text(d)) + " (" + num(q["value"]) + " d)" : quantity(q);
}
inline std::string interval(const json& a) {
    if (!a.is_array() || a.size() != 2) return "&ndash;";
    return "[" + num(a[0]) + ", " + num(a[1]) + "]";
}
inline std::string seeds_text(const json& s) {
    if (!s.is_array() || s.empty()) return "&ndash;";
    const auto a = s.front().get<std::uint64_t>(), b = s.back().get<std::uint64_t>();
    if (s.size() == 1) return std::to_string(a);
    bool consecutive = true;
    for (std::size_t i = 1; i < s.size(); ++i) consecutive = consecutive && s[i].get<std::uint64_t>() == a + i;
    if (consecutive) return std::to_string(a) + "..." + std::to_string(b) + " (" + std::to_string(s.size()) + " seeds)";
    std::string t;
    for (const auto& x : s) t += (t.empty() ? "" : ", ") + std::to_string(x.get<std::uint64_t>());
    return t;
}
}  // namespace report_detail

/// The HTML of the report of `summary` (a run, an ensemble or a screen).
inline std::string report_html(const json& summary, const std::vector<std::pair<std::string, std::string>>& pictures,
                               const report_series& series) {
    using namespace report_detail;
    const std::string kind = summary["kind"].get<std::string>();
    const auto& sc = summary["scenario"];
    const auto& opt = summary["options"];
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    h += "<title>ossify-run report: " + str(sc["name"]) + " (" + escape_html(kind) + ", seed " + seeds_text(summary["seeds"]) + ")</title>";
    h += "<style>body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}"
         "h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px}"
         "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}"
         "th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}.sub{color:#555;font-size:14px}"
         "figure{display:inline-block;margin:6px 10px 6px 0;vertical-align:top}figcaption{font-size:12px;color:#444}"
         "figure img{max-width:560px;border:1px solid #ddd;image-rendering:pixelated}.plots svg{margin:4px;border:1px solid #eee}"
         ".yes{color:#1d7a33;font-weight:bold}.no{color:#b3261e;font-weight:bold}.note{font-size:13px;color:#444}</style></head>\n<body>\n";
    h += "<h1>" + str(sc["name"]) + "</h1>\n<p class=\"sub\">" + str(sc["summary"]) + "</p>\n";

    // Run facts: version, seeds, options.
    h += "<section id=\"run\"><h2>Run</h2><table>";
    const auto row = [&](const std::string& k, const std::string& v) { h += "<tr><th>" + k + "</th><td>" + v + "</td></tr>"; };
    row("kind", escape_html(kind == "run" ? "single run" : kind == "ensemble" ? "ensemble of replicates" : "sensitivity screen"));
    row("version", "ossify " + str(summary["version"]["ossify"]) + ", " + str(summary["version"]["tool"]));
    h += "<tr id=\"seeds\"><th>seed(s)</th><td>" + seeds_text(summary["seeds"]) + "</td></tr>";
    std::string grid;
    for (const auto& g : opt["grid"]) grid += (grid.empty() ? "" : " x ") + std::to_string(g.get<int>());
    row("grid", grid + " sites of " + quantity(opt["spacing"]));
    row("time step", duration(opt["dt"]) + " (scenario default " + duration(sc["default_dt"]) + ")");
    row("time-step convergence", sc["dt_convergence"].is_string() ? str(sc["dt_convergence"]) : "not documented by the scenario");
    row("run length", duration(opt["until"]) + " (" + std::to_string(opt["steps_planned"].get<std::uint64_t>()) + " steps)");
    row("clock", str(sc["clock"]));
    if (summary["simulated"].is_object()) row("simulated", quantity(summary["simulated"]) + (kind == "ensemble" ? " (mean)" : ""));
    if (summary["steps"].is_number()) row("steps", std::to_string(summary["steps"].get<std::uint64_t>()));
    if (summary["run_info"].contains("wall_seconds")) row("wall time", num(summary["run_info"]["wall_seconds"], 3) + " s");
    if (kind != "run") row("replicates", std::to_string(opt["replicates"].get<std::size_t>()));
    std::string cmd;
    if (summary["run_info"].contains("command")) {
        for (const auto& a : summary["run_info"]["command"]) cmd += (cmd.empty() ? "" : " ") + escape_html(a.get<std::string>());
        row("command", "<code>" + cmd + "</code>");
    }
    h += "</table></section>\n";

    // Events.
    if (kind != "screen") {
        h += "<section id=\"events\"><h2>Events</h2><table><tr><th>event</th><th>criterion</th>";
        if (kind == "run") {
            h += "<th>time</th></tr>";
            for (const auto& e : summary["events"]) {
                h += "<tr><td>" + str(e["name"]) + "</td><td>" + str(e["criterion"]) + "</td><td class=\"n\">" +
                     (e["time"].is_object() ? quantity(e["time"]) : std::string("not reached")) + "</td></tr>";
            }
        } else {
            h += "<th>replicates reaching it</th><th>mean (d)</th><th>SD</th><th>95 % CI of the mean</th><th>central 95 %</th></tr>";
            for (const auto& e : summary["aggregate"]["events"]) {
                h += "<tr><td>" + str(e["name"]) + "</td><td>" + str(e["criterion"]) + "</td><td class=\"n\">" + std::to_string(e["n"].get<std::size_t>()) +
                     " of " + std::to_string(e["of"].get<std::size_t>()) + "</td><td class=\"n\">" + num(e["mean"]) + "</td><td class=\"n\">" + num(e["sd"]) +
                     "</td><td class=\"n\">" + interval(e["ci95"]) + "</td><td class=\"n\">" + interval(e["central95"]) + "</td></tr>";
            }
        }
        h += "</table></section>\n";
    }

    // Pictures.
    h += "<section id=\"pictures\"><h2>Pictures</h2>";
    if (pictures.empty()) h += "<p class=\"note\">No pictures were written (a screen writes none; --no-pictures turns them off).</p>";
    for (const auto& [caption, png] : pictures) {
        h += "<figure><img alt=\"" + escape_html(caption) + "\" src=\"data:image/png;base64," + base64(png) + "\"><figcaption>" +
             escape_html(caption) + "</figcaption></figure>";
    }
    h += "</section>\n";

    // Metrics time series.
    if (!series.names.empty()) {
        h += "<section id=\"metrics\"><h2>Metrics over time</h2>";
        if (series.band) {
            h += "<p class=\"note\">Mean of the replicates (line) and the central 95 % of them (band) at each recorded time.</p>";
        }
        h += "<div class=\"plots\">";
        std::string skipped;
        for (std::size_t c = 1; c < series.names.size(); ++c) {
            plot_line l;
            l.name = series.band ? "mean, central 95 %" : series.names[c];
            bool any = false;
            if (series.band) {
                for (std::size_t r = 0; r < series.band->times.size(); ++r) {
                    const auto& s = series.band->stats[r][c];
                    const double nan = std::nan("");
                    l.x.push_back(series.band->times[r]);
                    l.y.push_back(s.n ? s.mean : nan);
                    l.lo.push_back(s.n ? s.p2_5 : nan);
                    l.hi.push_back(s.n ? s.p97_5 : nan);
                    any = any || (s.n && std::isfinite(s.mean));
                }
            } else {
                for (const auto& r : series.rows) {
                    l.x.push_back(r[0]);
                    l.y.push_back(r[c]);
                    any = any || std::isfinite(r[c]);
                }
            }
            if (!any) {
                skipped += (skipped.empty() ? "" : ", ") + series.names[c];
                continue;
            }
            h += svg_line_plot(series.names[c], series.names[0], {l});
        }
        h += "</div>";
        if (!skipped.empty()) h += "<p class=\"note\">No values recorded for: " + escape_html(skipped) + ".</p>";
        h += "</section>\n";
    }

    // Parameters.
    h += "<section id=\"parameters\"><h2>Parameters</h2><table><tr><th>name</th><th>value</th><th>unit</th><th>allowed range</th><th>set by</th><th>source</th></tr>";
    for (const auto& p : summary["parameters"]) {
        std::string value = num(p["value"], 6);
        if (p["distribution"].is_object()) {
            value = str(p["distribution"]["text"]) + ", truncated to the range (mass inside " + num(p["distribution"]["mass_inside"], 4) + ")";
        }
        h += "<tr><td>" + str(p["name"]) + "</td><td class=\"n\">" + value + "</td><td>" + str(p["unit"]) + "</td><td>[" + num(p["lower"], 6) + ", " +
             num(p["upper"], 6) + "]</td><td>" + str(p["origin"]) + "</td><td>" + str(p["source"]) + "</td></tr>";
    }
    h += "</table>";
    if (kind == "ensemble" && !summary["aggregate"]["drawn"].empty()) {
        h += "<p class=\"note\">Values drawn for the virtual population (one individual per replicate):</p><table><tr><th>parameter</th><th>unit</th>"
             "<th>mean</th><th>SD</th><th>central 95 %</th></tr>";
        for (const auto& d : summary["aggregate"]["drawn"]) {
            h += "<tr><td>" + str(d["name"]) + "</td><td>" + str(d["unit"]) + "</td><td class=\"n\">" + num(d["mean"]) + "</td><td class=\"n\">" +
                 num(d["sd"]) + "</td><td class=\"n\">" + interval(d["central95"]) + "</td></tr>";
        }
        h += "</table>";
    }
    h += "</section>\n";

    // Validation.
    h += "<section id=\"validation\"><h2>Validation: model vs published</h2>";
    if (kind == "screen") {
        h += "<p class=\"note\">A screen reports effects of parameters, not a comparison with published values; run the scenario (or an ensemble) for that.</p>";
    } else {
        h += "<table><tr><th>measurement</th><th>model</th><th>unit</th><th>published</th><th>source</th><th>comparison</th><th>within the published range</th></tr>";
        const auto verdict = [](const json& v) {
            if (v.is_boolean()) return v.get<bool>() ? std::string("<span class=\"yes\">yes</span>") : std::string("<span class=\"no\">no</span>");
            return std::string("&ndash;");
        };
        if (kind == "run") {
            for (const auto& m : summary["measurements"]) {
                h += "<tr><td>" + str(m["name"]) + "</td><td class=\"n\">" + num(m["value"]) + "</td><td>" + str(m["unit"]) + "</td><td>" +
                     (m["published"].get<std::string>().empty() ? "&ndash;" : str(m["published"])) + "</td><td>" + str(m["source"]) + "</td><td>" +
                     str(m["comparison"]) + "</td><td>" + verdict(m["within_range"]) + "</td></tr>";
            }
        } else {
            for (const auto& m : summary["aggregate"]["measurements"]) {
                std::string within = verdict(m["mean_within_range"]);
                if (m["replicates_within_range"].is_number()) {
                    within += " (mean); " + std::to_string(m["replicates_within_range"].get<std::size_t>()) + " of " +
                              std::to_string(m["of"].get<std::size_t>()) + " replicates";
                }
                h += "<tr><td>" + str(m["name"]) + "</td><td class=\"n\">" + num(m["mean"]) + " &plusmn; " + num(m["sd"]) + " (95 % CI " +
                     interval(m["ci95"]) + ")</td><td>" + str(m["unit"]) + "</td><td>" +
                     (m["published"].get<std::string>().empty() ? "&ndash;" : str(m["published"])) + "</td><td>" + str(m["source"]) + "</td><td>" +
                     str(m["comparison"]) + "</td><td>" + within + "</td></tr>";
            }
        }
        h += "</table><p class=\"note\">prediction: no parameter was set from the published value; calibrated: a parameter was set from it (a match is "
             "not a prediction); not reproduced: the model misses it.</p>";
    }
    h += "</section>\n";

    // Ensemble: the replicates.
    if (kind == "ensemble") {
        h += "<section id=\"replicates\"><h2>Replicates</h2><table><tr><th>replicate</th><th>seed</th>";
        const auto& reps = summary["replicates"];
        std::vector<std::string> drawn_names;
        if (!reps.empty()) {
            for (const auto& [k, v] : reps[0]["drawn"].items()) drawn_names.push_back(k);
            for (const auto& n : drawn_names) h += "<th>" + escape_html(n) + "</th>";
            for (const auto& [k, v] : reps[0]["events"].items()) h += "<th>" + escape_html(k) + " (d)</th>";
        }
        h += "</tr>";
        for (const auto& r : reps) {
            h += "<tr><td class=\"n\">" + std::to_string(r["replicate"].get<std::size_t>()) + "</td><td class=\"n\">" +
                 std::to_string(r["seed"].get<std::uint64_t>()) + "</td>";
            for (const auto& n : drawn_names) h += "<td class=\"n\">" + num(r["drawn"][n]) + "</td>";
            for (const auto& [k, v] : r["events"].items()) h += "<td class=\"n\">" + num(v) + "</td>";
            h += "</tr>";
        }
        h += "</table></section>\n";
    }

    // Screen: effects.
    if (kind == "screen") {
        const auto& s = summary["screen"];
        h += "<section id=\"sensitivity\"><h2>Sensitivity: which parameters move which outputs</h2>";
        h += "<p class=\"note\">" + str(s["method"]) + " screen, " + std::to_string(s["points"].get<std::size_t>()) + " design points x " +
             std::to_string(s["replicates_per_point"].get<std::size_t>()) + " replicates (the same seeds at every point). Effects are in output units per "
             "full range of the factor; the heat map shows each factor's mu* relative to the largest on that output; a star marks an effect "
             "above the replicates' noise.</p>";
        std::vector<std::string> factors, outputs;
        for (const auto& f : s["factors"]) factors.push_back(f["name"].get<std::string>());
        for (const auto& o : s["outputs"]) outputs.push_back(o["name"].get<std::string>());
        std::vector<std::vector<double>> shade(factors.size(), std::vector<double>(outputs.size(), std::nan("")));
        std::vector<std::vector<std::string>> text(factors.size(), std::vector<std::string>(outputs.size(), "-"));
        for (std::size_t i = 0; i < s["effects"].size(); ++i) {
            const auto& e = s["effects"][i];
            const std::size_t f = i / outputs.size(), o = i % outputs.size();
            if (e["relative"].is_number()) shade[f][o] = e["relative"].get<double>();
            if (e["mu_star"].is_number()) text[f][o] = short_text(e["mu_star"].get<double>(), 3) + (e["moves"].get<bool>() ? "*" : "");
        }
        h += svg_heatmap("mu* (relative to the largest per output)", factors, outputs, shade, text);
        h += "<table><tr><th>factor</th><th>range</th><th>output</th><th>n</th><th>mu</th><th>mu*</th><th>sigma</th><th>noise floor</th>"
             "<th>elasticity</th><th>moves it</th></tr>";
        for (const auto& e : s["effects"]) {
            std::string range;
            for (const auto& f : s["factors"]) {
                if (f["name"] == e["factor"]) range = "[" + num(f["lower"]) + ", " + num(f["upper"]) + "] " + str(f["unit"]);
            }
            h += "<tr><td>" + str(e["factor"]) + "</td><td>" + range + "</td><td>" + str(e["output"]) + "</td><td class=\"n\">" +
                 std::to_string(e["n"].get<std::size_t>()) + "</td><td class=\"n\">" + num(e["mu"]) + "</td><td class=\"n\">" + num(e["mu_star"]) +
                 "</td><td class=\"n\">" + num(e["sigma"]) + "</td><td class=\"n\">" + num(e["noise_floor"]) + "</td><td class=\"n\">" +
                 num(e["elasticity"]) + "</td><td>" + (e["moves"].get<bool>() ? "<span class=\"yes\">yes</span>" : "no") + "</td></tr>";
        }
        h += "</table></section>\n";
    }

    h += "<p class=\"note\">Written by ossify-run " + escape_html(std::string(version)) + " beside summary.json, which holds every number of this page.</p>\n";
    h += R"(<script>
window.addEventListener('load', function () {
  var problems = [];
  var imgs = document.querySelectorAll('img');
  for (var i = 0; i < imgs.length; ++i) {
    if (!imgs[i].complete || imgs[i].naturalWidth === 0) problems.push('picture "' + imgs[i].getAttribute('alt') + '" did not decode');
  }
  var plots = document.querySelectorAll('svg.plot');
  for (var k = 0; k < plots.length; ++k) {
    if (plots[k].querySelectorAll('path.line').length === 0) problems.push('plot "' + plots[k].getAttribute('aria-label') + '" has no line');
  }
  var need = ['run', 'seeds', 'pictures', 'parameters', 'validation'];
  for (var n = 0; n < need.length; ++n) if (!document.getElementById(need[n])) problems.push('section ' + need[n] + ' is missing');
  for (var p = 0; p < problems.length; ++p) console.error('report: ' + problems[p]);
  document.body.setAttribute('data-pictures', String(imgs.length));
  document.body.setAttribute('data-plots', String(plots.length));
  document.body.setAttribute('data-report-check', problems.length ? 'failed' : 'ok');
});
</script>
</body></html>
)";
    return h;
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_REPORT_HPP
