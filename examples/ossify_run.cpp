// ossify-run: runs a named scenario from the command line and writes its results.
//
//   ossify-run figure-6.4.1 [--seed N] [--until 70d] [--dt 2h] [--grid 240x100 | 64x64x32]
//              [--out DIR] [--threads N] [--set name=value ...] [--list-parameters] [--help]
//
// Writes metrics.csv, stage_<a-d>.png/.vti, final.png/.vti and summary.json under --out
// (default out/<scenario>), shows a progress bar on stderr and prints a summary with the seed.
#include <ossify/ossify.hpp>
#include <ossify/scenario/calvaria.hpp>
#include <ossify/scenario/clavicle.hpp>
#include <ossify/scenario/figure_6_4_1.hpp>
#include <ossify/scenario/parameters.hpp>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace ossify;

namespace {

const char* const usage =
    "usage: ossify-run <scenario> [options]\n"
    "\n"
    "scenarios:\n"
    "  figure-6.4.1   the four stages of intramembranous ossification (Figure 6.4.1 a-d) on a\n"
    "                 cross-section through a flat bone\n"
    "  calvaria       the skull vault: ossification centres, sutures and fontanelles from the\n"
    "                 embryo to --until after birth (default 3yr; --dt is the step; grid default 200x240)\n"
    "  clavicle       the clavicle's two centres uniting (--until is the age since fertilisation,\n"
    "                 default 60d; grid default 80x16)\n"
    "                 (--set, --threads and the progress bar apply to figure-6.4.1 only)\n"
    "\n"
    "options:\n"
    "  --seed N             random seed (default 42)\n"
    "  --until T            simulated time, e.g. 70d, 12wk, 36h (default 70d)\n"
    "  --dt T               time step, e.g. 2h, 0.5d (default 2h)\n"
    "  --grid NXxNY[xNZ]    sites along the plate, through it (and across it in 3-D),\n"
    "                       e.g. 240x100 or 64x64x32 (default 240x100; sites are 10 um)\n"
    "  --out DIR            output folder (default out/<scenario>)\n"
    "  --threads N          OpenMP threads (results do not depend on it)\n"
    "  --set name=value     override a model parameter (value in the unit listed by\n"
    "                       --list-parameters); may be repeated\n"
    "  --stop-at-d          stop as soon as stage d is reached\n"
    "  --no-progress        no progress bar on stderr\n"
    "  --list-parameters    list the parameters with units, ranges and sources\n"
    "  --help               this text\n";

struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// "30d", "12wk", "2h", "90min", "1.5yr" or a plain number of days.
double parse_duration_days(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    double v = 0.0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    const std::string unit = used == 0 ? "" : text.substr(used);
    double factor = -1.0;
    if (unit.empty() || unit == "d") factor = 1.0;
    else if (unit == "h") factor = 1.0 / 24.0;
    else if (unit == "min") factor = 1.0 / 1440.0;
    else if (unit == "s") factor = 1.0 / 86400.0;
    else if (unit == "wk") factor = 7.0;
    else if (unit == "yr") factor = 365.25;
    if (used == 0 || factor < 0.0 || !std::isfinite(v) || !(v > 0.0)) {
        throw usage_error(option + " " + text + ": expected a positive duration such as 30d, 12wk, 2h, 90min");
    }
    return v * factor;
}

std::int64_t parse_integer(const std::string& option, const std::string& text, std::int64_t lo, std::int64_t hi) {
    std::size_t used = 0;
    long long v = 0;
    try {
        v = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || v < lo || v > hi) {
        throw usage_error(option + " " + text + ": expected an integer in [" + std::to_string(lo) + ", " +
                          std::to_string(hi) + "]");
    }
    return v;
}

std::vector<std::int32_t> parse_grid(const std::string& text) {
    std::vector<std::int32_t> out;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, 'x')) out.push_back(static_cast<std::int32_t>(parse_integer("--grid", part, 16, 100000)));
    if (out.size() != 2 && out.size() != 3) {
        throw usage_error("--grid " + text + ": expected NXxNY (2-D) or NXxNYxNZ (3-D), each >= 16");
    }
    return out;
}

std::string json_escape(const std::string& s) {
    std::string o;
    for (const char c : s) {
        if (c == '"' || c == '\\') o += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            o += ' ';
            continue;
        }
        o += c;
    }
    return o;
}

std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

void write_summary(const std::filesystem::path& path, const std::string& scenario, const figure_6_4_1_options& o,
                   const figure_6_4_1_result& r) {
    std::ofstream f(path);
    f << "{\n  \"scenario\": \"" << scenario << "\",\n  \"seed\": " << r.seed.value << ",\n";
    f << "  \"dimension\": " << o.dimension << ",\n  \"grid\": [" << o.extent[0] << ", " << o.extent[1];
    if (o.dimension == 3) f << ", " << o.extent[2];
    f << "],\n  \"spacing_um\": " << json_number(o.spacing.value()) << ",\n  \"dt_d\": " << json_number(o.dt.value())
      << ",\n  \"until_d\": " << json_number(o.until.value()) << ",\n  \"simulated_d\": " << json_number(r.simulated.value())
      << ",\n  \"wall_s\": " << json_number(r.wall_seconds) << ",\n  \"stages\": [\n";
    for (std::size_t k = 0; k < r.stages.size(); ++k) {
        const auto& s = r.stages[k];
        f << "    {\"stage\": \"" << s.label << "\", \"criterion\": \"" << json_escape(s.criterion) << "\", \"reached_d\": "
          << (s.reached ? json_number(s.reached->value()) : "null") << ", \"picture\": "
          << (s.picture ? "\"" + json_escape(s.picture->string()) + "\"" : "null") << "}" << (k + 1 < r.stages.size() ? "," : "")
          << "\n";
    }
    f << "  ],\n  \"final_metrics\": {";
    for (std::size_t i = 0; i < r.metric_names.size(); ++i) {
        f << (i ? ", " : "") << "\"" << json_escape(r.metric_names[i]) << "\": " << json_number(r.metrics.back()[i]);
    }
    const auto& v = r.validation;
    f << "},\n  \"validation\": {\"osteoblasts_to_osteocyte\": " << v.osteoblasts_to_osteocyte
      << ", \"osteoblasts_died\": " << v.osteoblasts_died << ", \"osteoblasts_to_periosteum\": " << v.osteoblasts_to_periosteum
      << ", \"osteoblasts_remaining\": " << v.osteoblasts_remaining
      << ", \"osteocyte_density_per_mm3\": " << json_number(v.osteocyte_density_per_mm3)
      << ", \"osteocyte_spacing_um\": " << json_number(v.osteocyte_spacing_um)
      << ", \"trabecular_strut_width_um\": " << json_number(v.trabecular_strut_width_um)
      << ", \"trabecular_bv_tv\": " << json_number(v.trabecular_bv_tv) << ", \"compact_bv_tv\": " << json_number(v.compact_bv_tv)
      << ", \"max_capillary_distance_um\": " << json_number(v.max_capillary_distance_um)
      << ", \"half_mineralisation_d\": " << json_number(v.half_mineralisation_days) << ", \"marrow_sites\": " << v.marrow_sites
      << "},\n  \"parameters\": {";
    bool first = true;
    for (const auto& p : o.parameters.all()) {
        f << (first ? "" : ", ") << "\"" << p.name << "\": " << json_number(p.value);
        first = false;
    }
    f << "}\n}\n";
    if (!f) throw std::runtime_error("cannot write " + path.string());
}

std::string opt_days(const std::optional<duration>& d) { return d ? json_number(d->value()) : "null"; }

/// Runs calvaria or clavicle with the options that apply to them; writes summary.json.
int run_other(const std::string& scenario, const figure_6_4_1_options& o, bool until_given, bool dt_given, bool grid_given,
              const std::filesystem::path& out) {
    std::ofstream f(out / "summary.json");
    f << "{\n  \"scenario\": \"" << scenario << "\",\n  \"seed\": " << o.seed.value << ",\n";
    if (scenario == "calvaria") {
        calvaria_options c;
        c.seed = o.seed.value;
        if (grid_given) { c.nx = o.extent[0]; c.ny = o.extent[1]; }
        if (dt_given) c.dt_prenatal = c.dt_postnatal = o.dt;
        if (until_given) c.until = o.until;
        c.output_dir = out;
        std::erase_if(c.picture_ages, [&](duration a) { return a.value() > c.until.value(); });
        std::cout << "ossify-run calvaria: " << c.nx << "x" << c.ny << " sites of " << c.spacing.value() << " um, until "
                  << c.until.value() << " d after birth, seed " << c.seed << "\n";
        const auto r = run_calvaria(c);
        f << "  \"wall_s\": " << json_number(r.wall_seconds) << ",\n  \"gaps\": [";
        for (std::size_t k = 0; k < r.gaps.size(); ++k) {
            const auto& g = r.gaps[k];
            f << (k ? ", " : "") << "{\"name\": \"" << json_escape(g.name) << "\", \"area_at_birth_um2\": "
              << json_number(g.area_at_birth.value()) << ", \"closed_at_d_after_birth\": " << opt_days(g.closed_at) << "}";
            std::printf("%s: %s\n", g.name.c_str(), g.closed_at ? ("closed " + json_number(g.closed_at->value()) + " d after birth").c_str() : "open at the end");
        }
        f << "],\n  \"bones\": [";
        for (std::size_t k = 0; k < r.bones.size(); ++k) {
            const auto& b = r.bones[k];
            f << (k ? ", " : "") << "{\"name\": \"" << json_escape(b.name) << "\", \"onset_d\": " << opt_days(b.onset) << "}";
        }
        f << "]\n}\n";
        std::printf("summary: calvaria, %zu gaps, wall %.1f s, seed %llu, written to %s\n", r.gaps.size(), r.wall_seconds,
                    static_cast<unsigned long long>(r.seed), out.string().c_str());
    } else {
        clavicle_options c;
        c.seed = o.seed.value;
        if (grid_given) { c.nx = o.extent[0]; c.ny = o.extent[1]; }
        if (dt_given) c.dt = o.dt;
        if (until_given) c.until = o.until;
        c.output_dir = out;
        std::cout << "ossify-run clavicle: " << c.nx << "x" << c.ny << " sites of " << c.spacing.value() << " um, until day "
                  << c.until.value() << " since fertilisation, seed " << c.seed << "\n";
        const auto r = run_clavicle(c);
        f << "  \"wall_s\": " << json_number(r.wall_seconds) << ", \"onset_medial_d\": " << opt_days(r.onset_medial)
          << ", \"onset_lateral_d\": " << opt_days(r.onset_lateral) << ", \"fronts_met_d\": " << opt_days(r.fronts_met)
          << ", \"fused_d\": " << opt_days(r.fused) << ", \"ossified_length_um\": " << json_number(r.ossified_length.value()) << "\n}\n";
        std::printf("summary: clavicle, fused at day %s, wall %.1f s, seed %llu, written to %s\n", opt_days(r.fused).c_str(),
                    r.wall_seconds, static_cast<unsigned long long>(r.seed), out.string().c_str());
    }
    if (!f) throw std::runtime_error("cannot write " + (out / "summary.json").string());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    figure_6_4_1_options o;
    std::string scenario;
    std::filesystem::path out;
    bool progress_on = true;
    int threads = 0;
    bool until_given = false, dt_given = false, grid_given = false;
    std::vector<std::string> sets;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            const auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size()) throw usage_error(a + ": needs a value");
                return args[++i];
            };
            if (a == "--help" || a == "-h") {
                std::cout << usage;
                return 0;
            } else if (a == "--list-parameters") {
                for (const auto& p : o.parameters.all()) {
                    std::cout << p.name << " = " << p.value << " " << p.unit << "  " << parameter_registry::range_text(p)
                              << "\n    " << p.source << "\n";
                }
                return 0;
            } else if (a == "--seed") {
                o.seed = ossify::seed{static_cast<std::uint64_t>(parse_integer(a, value(), 0, INT64_MAX))};
            } else if (a == "--until") {
                o.until = duration::from_value(parse_duration_days(a, value()));
                until_given = true;
            } else if (a == "--dt") {
                o.dt = duration::from_value(parse_duration_days(a, value()));
                dt_given = true;
            } else if (a == "--grid") {
                const auto g = parse_grid(value());
                o.dimension = static_cast<int>(g.size());
                for (std::size_t k = 0; k < g.size(); ++k) o.extent[k] = g[k];
                grid_given = true;
            } else if (a == "--out") {
                out = value();
            } else if (a == "--threads") {
                threads = static_cast<int>(parse_integer(a, value(), 1, 1024));
            } else if (a == "--set") {
                sets.push_back(value());
            } else if (a == "--stop-at-d") {
                o.stop_at_d = true;
            } else if (a == "--no-progress") {
                progress_on = false;
            } else if (!a.empty() && a[0] == '-') {
                throw usage_error("unknown option " + a + " (see --help)");
            } else if (scenario.empty()) {
                scenario = a;
            } else {
                throw usage_error("unexpected argument " + a + " (one scenario at a time)");
            }
        }
        if (scenario.empty()) throw usage_error("no scenario given (available: figure-6.4.1, calvaria, clavicle)");
        if (scenario != "figure-6.4.1" && scenario != "calvaria" && scenario != "clavicle") {
            throw usage_error("unknown scenario '" + scenario + "' (available: figure-6.4.1, calvaria, clavicle)");
        }
        if (scenario != "figure-6.4.1" && !sets.empty()) {
            throw usage_error("--set applies to figure-6.4.1 only (" + scenario + " has no parameter registry yet)");
        }
        for (const auto& a : sets) o.parameters.set(std::string_view(a));
        if (scenario != "figure-6.4.1" && grid_given && o.dimension != 2) {
            throw usage_error("--grid for " + scenario + " must be NXxNY (2-D only)");
        }
        if (o.dt.value() > o.until.value()) throw usage_error("--dt must not exceed --until");
    } catch (const std::exception& e) {
        std::cerr << "ossify-run: " << e.what() << "\n" << "run 'ossify-run --help' for the options\n";
        return 2;
    }
#ifdef _OPENMP
    if (threads > 0) omp_set_num_threads(threads);
#else
    if (threads > 1) std::cerr << "ossify-run: built without OpenMP, --threads " << threads << " ignored\n";
#endif
    if (out.empty()) out = std::filesystem::path("out") / scenario;
    o.output_dir = out;
    if (scenario != "figure-6.4.1") {
        try {
            std::filesystem::create_directories(out);
            return run_other(scenario, o, until_given, dt_given, grid_given, out);
        } catch (const std::exception& e) {
            std::cerr << "ossify-run: " << e.what() << "\n";
            return 1;
        }
    }

    std::cout << "ossify-run " << scenario << ": " << o.extent[0] << "x" << o.extent[1];
    if (o.dimension == 3) std::cout << "x" << o.extent[2];
    std::cout << " sites of " << o.spacing.value() << " um, " << o.until.value() << " d in steps of " << o.dt.value() * 24.0
              << " h, seed " << o.seed.value << "\n";
    progress_reporter progress(progress_on);
    o.on_step = [&](duration t, duration end) { progress.update(t.value() / end.value(), t); };
    try {
        const auto r = run_figure_6_4_1(o);
        progress.finish();
        write_summary(out / "summary.json", scenario, o, r);
        for (const auto& s : r.stages) {
            std::printf("stage %c reached at day %s  (%s)\n", s.label,
                        s.reached ? json_number(s.reached->value()).c_str() : "-- (not reached)", s.criterion.c_str());
        }
        const auto& v = r.validation;
        const auto exits = static_cast<double>(v.osteoblasts_to_osteocyte + v.osteoblasts_died + v.osteoblasts_to_periosteum);
        std::printf("osteoblast fates: %.0f%% osteocytes, %.0f%% apoptosis, %.0f%% periosteum (of %.0f exits)\n",
                    exits > 0 ? 100.0 * static_cast<double>(v.osteoblasts_to_osteocyte) / exits : 0.0,
                    exits > 0 ? 100.0 * static_cast<double>(v.osteoblasts_died) / exits : 0.0,
                    exits > 0 ? 100.0 * static_cast<double>(v.osteoblasts_to_periosteum) / exits : 0.0, exits);
        std::printf("trabecular BV/TV %.2f, compact BV/TV %.2f, strut width %.0f um, marrow sites %zu\n", v.trabecular_bv_tv,
                    v.compact_bv_tv, v.trabecular_strut_width_um, v.marrow_sites);
        std::printf("summary: %d of 4 stages, day %.1f, wall %.1f s, seed %llu, written to %s\n",
                    static_cast<int>(std::count_if(r.stages.begin(), r.stages.end(), [](const auto& s) { return s.reached.has_value(); })),
                    r.simulated.value(), r.wall_seconds, static_cast<unsigned long long>(r.seed.value), out.string().c_str());
    } catch (const std::exception& e) {
        progress.finish();
        std::cerr << "ossify-run: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
