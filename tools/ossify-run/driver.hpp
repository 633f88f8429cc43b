// ossify-run: the command line, written once against the scenario concept
// (<ossify/scenario/scenario.hpp>) and instantiated with a list of scenarios:
//
//   int main(int argc, char** argv) { return ossify_run::main<figure_6_4_1, calvaria, clavicle>(argc, argv); }
//
// Every scenario is a subcommand with the same options (docs/scenario.md, "ossify-run"); its
// --set/--params names are its own parameters. Parsing is strict (CLI11 plus the checks below):
// an invocation is either refused before anything is written (exit status 2, a message naming
// the option, its value and what is allowed) or runs into `<out>.partial`, which becomes `<out>`
// when the run is complete (exit status 0; 1 when the run itself failed, leaving nothing).
#ifndef OSSIFY_RUN_DRIVER_HPP
#define OSSIFY_RUN_DRIVER_HPP

#include <ossify/error.hpp>
#include <ossify/observe/progress.hpp>
#include <ossify/scenario/ensemble.hpp>
#include <ossify/scenario/sampling.hpp>
#include <ossify/scenario/scenario.hpp>
#include <ossify/scenario/sensitivity.hpp>
#include <ossify/units/parameter.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "parameter_input.hpp"
#include "report.hpp"
#ifdef OSSIFY_RUN_MPI
#include "mpi_ensemble.hpp"  // mpirun -np K ossify-run ...: ensembles over ranks (OSSIFY_ENABLE_MPI)
#else
namespace ossify_run::mpi_part {  // one process: the threaded ensemble
inline int rank() { return 0; }
inline int size() { return 1; }
struct session {
    session(int&, char**&) {}
};
template <class Folder>
void create_folder(Folder& folder) {
    folder.create();
}
template <class S>
ossify::ensemble_result run_ensemble(const ossify::scenario_options& o, const typename S::parameters& p,
                                     const ossify::ensemble_options& e) {
    return ossify::run_ensemble<S>(o, p, e);
}
}  // namespace ossify_run::mpi_part
#endif
#include "run_folder.hpp"
#include "screen_picture.hpp"
#include "summary.hpp"
#include "text.hpp"

namespace ossify_run {

/// The most replicates (or seeds of a --seeds range, or runs of a screen) one invocation may ask for.
inline constexpr std::uint64_t max_replicates = 10000;
/// Bytes per site assumed for the memory check of a scenario that does not say (S::bytes_per_site()).
inline constexpr double default_bytes_per_site = 256.0;

/// A scenario that states at which time step its outputs converge (shown by --help, written to
/// summary.json): `static constexpr std::string_view convergence = "...";`.
template <class S>
concept documents_convergence = requires {
    { S::convergence } -> std::convertible_to<std::string_view>;
};
/// A scenario that states its memory per site: `static double bytes_per_site();`.
template <class S>
concept states_bytes_per_site = requires {
    { S::bytes_per_site() } -> std::convertible_to<double>;
};

template <class S>
std::string convergence_of() {
    if constexpr (documents_convergence<S>) return std::string(S::convergence);
    else return {};
}
template <class S>
double bytes_per_site_of() {
    if constexpr (states_bytes_per_site<S>) return static_cast<double>(S::bytes_per_site());
    else return default_bytes_per_site;
}

/// The values of one subcommand's options, as text (converted and checked by run_scenario).
struct cli_values {
    std::string seed, seeds, replicates, threads, grid, spacing, dt, until, out, params, screen, trajectories, levels;
    std::vector<std::string> sets, factors;
    bool overwrite = false, force = false, list_parameters = false, report = false, no_pictures = false, all_pictures = false,
         no_progress = false;
};

inline const char* const flag_names[] = {"--overwrite", "--force", "--list-parameters", "--report",
                                         "--no-pictures", "--all-pictures", "--no-progress"};

inline unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

inline double physical_memory() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && size > 0) return static_cast<double>(pages) * static_cast<double>(size);
    return std::numeric_limits<double>::infinity();
}

/// The option a library refusal is about (from invalid_parameter::parameter()).
inline std::string option_of(const std::string& parameter, const std::vector<ossify::parameter_ref>& refs) {
    if (parameter.rfind("grid", 0) == 0) return "--grid";
    if (parameter == "spacing") return "--spacing";
    if (parameter == "dt") return "--dt";
    if (parameter == "until") return "--until";
    if (parameter == "until / dt") return "--until/--dt";
    if (parameter == "output") return "--out";
    if (parameter == "seed") return "--seed";
    for (const auto& r : refs) {
        if (r.name() == parameter) return "--set/--params";
    }
    return "the options";
}

/// The text of a library error without its "where: " prefix.
inline std::string without_where(const std::string& what, const std::string& where) {
    const auto prefix = where + ": ";
    return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what;
}

/// The help footer of a scenario: defaults, the converged time step, limits.
template <ossify::scenario S>
std::string scenario_footer() {
    const auto d = S::defaults();
    std::string grid;
    for (const auto g : d.grid) grid += (grid.empty() ? "" : "x") + std::to_string(g);
    std::string dims;
    for (const int k : d.dimensions) dims += (dims.empty() ? "" : " or ") + std::to_string(k) + "-D";
    typename S::parameters p{};
    const auto n = ossify::list_parameters(p).size();
    std::string f = "Defaults of " + std::string(S::name) + ": --grid " + grid + " (" + dims + "; each axis >= " +
                    std::to_string(d.min_extent) + " sites), --spacing " + short_text(d.spacing.value()) + "um, --dt " +
                    days_text(d.dt.value()) + ", --until " + days_text(d.until.value()) + ", --seed 42.\n";
    f += (d.clock.rfind("t = 0", 0) == 0 ? "Clock: " : "Clock: t = 0 is ") + d.clock + (d.clock.ends_with('.') ? "\n" : ".\n");
    const auto conv = convergence_of<S>();
    f += "Time step: the default dt (" + days_text(d.dt.value()) + ") is the step at which this scenario's reported outputs have converged" +
         (conv.empty() ? std::string(" (no convergence statement given by the scenario).") : ": " + conv + ".") + "\n";
    f += "Run length: at most 1e7 steps (until / dt) unless --force. Memory: a grid needing more than this machine's memory is refused.\n";
    f += "Parameters: " + std::to_string(n) + " (--list-parameters shows them with units, ranges and sources).\n";
    f += "Exit status: 0 done; 1 the run failed (nothing written); 2 the command was refused (nothing written).";
    return f;
}

template <ossify::scenario S>
CLI::App* add_scenario(CLI::App& app, cli_values& v) {
    auto* sub = app.add_subcommand(std::string(S::name), std::string(S::summary));
    sub->footer(scenario_footer<S>());
    const CLI::Validator value(
        [](std::string& x) -> std::string { return x.rfind("--", 0) == 0 ? "its value is missing (" + x + " is an option)" : std::string(); },
        "", "value");
    const auto opt = [&](const char* name, std::string& target, const char* type, const char* help) {
        return sub->add_option(name, target, help)->type_name(type)->check(value);
    };
    opt("--seed", v.seed, "N", "random seed (default 42); replicate k of an ensemble uses seed + k");
    opt("--replicates", v.replicates, "N", "run N replicates (seeds seed .. seed + N - 1) and aggregate them (mean, SD, 95 % intervals)");
    opt("--seeds", v.seeds, "A..B", "run the replicates with seeds A, A+1, ..., B (instead of --seed/--replicates)");
    opt("--threads", v.threads, "N", "replicates (or screen runs) at once, 1 .. the machine's hardware threads (default: all); "
                                     "results do not depend on it");
    opt("--grid", v.grid, "NXxNY[xNZ]", "sites per axis, e.g. 240x100 (2-D) or 64x64x32 (3-D)");
    opt("--spacing", v.spacing, "LENGTH", "distance between sites, e.g. 10um (plain numbers are um)");
    opt("--dt", v.dt, "DURATION", "time step, e.g. 2h, 30min, 0.5d (plain numbers are days)");
    opt("--until", v.until, "DURATION", "run length from the scenario's t = 0, e.g. 70d, 12wk, 3yr (plain numbers are days)");
    opt("--out", v.out, "DIR", "output folder (default out/<scenario>); must be new or empty unless --overwrite");
    sub->add_option("--set", v.sets, "set a parameter: NAME=VALUE[UNIT], or a distribution for an ensemble: NAME=normal(MEAN, SD), "
                                     "NAME=lognormal(MEAN, SD), NAME=uniform(LOW, HIGH) (repeatable)")
        ->type_name("NAME=VALUE")
        ->allow_extra_args(false)
        ->check(value);
    opt("--params", v.params, "FILE", "parameter file (JSON; docs/scenario.md); --set overrides it");
    opt("--screen", v.screen, "oat|morris", "sensitivity screen over the --factor parameters: one-at-a-time or Morris elementary effects");
    sub->add_option("--factor", v.factors, "a parameter a screen varies: NAME (its value -/+ 20 %, inside its range) or NAME=LOW..HIGH (repeatable)")
        ->type_name("NAME[=LOW..HIGH]")
        ->allow_extra_args(false)
        ->check(value);
    opt("--trajectories", v.trajectories, "R", "Morris trajectories (default 10)");
    opt("--levels", v.levels, "P", "Morris grid levels, even (default 4)");
    const auto flag = [&](const char* name, bool& target, const char* help) { return sub->add_flag(name, target, help)->disable_flag_override(); };
    flag("--overwrite", v.overwrite, "replace an earlier ossify-run result in --out (only a folder holding a summary.json of this tool)");
    flag("--force", v.force, "allow runs of more than 1e7 steps");
    flag("--list-parameters", v.list_parameters, "list the parameters (after --params and --set) with units, ranges and sources; runs nothing");
    flag("--report", v.report, "also write report.html (pictures, plots, parameters, validation; self-contained)");
    auto* none = flag("--no-pictures", v.no_pictures, "write no pictures");
    auto* all = flag("--all-pictures", v.all_pictures, "pictures for every replicate (default: the first replicate only)");
    none->excludes(all);
    flag("--no-progress", v.no_progress, "no progress display on stderr");
    return sub;
}

/// Replicates or runs finished, on one line of stderr.
class count_progress {
public:
    count_progress(bool on, std::string what) : on_(on), what_(std::move(what)) {}
    void operator()(std::size_t done, std::size_t total) {
        if (!on_) return;
        std::fprintf(stderr, "\rossify-run: %zu of %zu %s done", done, total, what_.c_str());
        if (done == total) std::fputc('\n', stderr);
        std::fflush(stderr);
    }

private:
    bool on_;
    std::string what_;
};

inline std::string seeds_line(std::uint64_t first, std::uint64_t count) {
    return count == 1 ? "seed " + std::to_string(first) : "seeds " + std::to_string(first) + ".." + std::to_string(first + count - 1);
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<std::pair<std::string, std::string>> pictures_of(const std::vector<std::filesystem::path>& files,
                                                                    const std::filesystem::path& staging, const std::string& prefix = {}) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : files) {
        if (f.extension() != ".png") continue;
        out.emplace_back(prefix + relative_file(f, staging), read_file(f));
    }
    return out;
}

inline void print_measurements(const std::vector<ossify::measurement>& ms) {
    for (const auto& m : ms) {
        std::cout << "measurement " << m.name << ": " << short_text(m.value) << " " << m.unit;
        if (!m.published.empty()) {
            std::cout << " (published " << m.published << " " << m.unit << ", " << m.source << "; " << ossify::to_string(m.kind);
            if (m.range) std::cout << (m.value >= m.range->first && m.value <= m.range->second ? ", within range" : ", outside the range");
            std::cout << ")";
        }
        std::cout << "\n";
    }
}

/// The options as the scenario resolved them (a scenario may derive one from another, as a fixed
/// anatomy derives its grid from the spacing): the result's values where it gives them.
inline void adopt_resolved(ossify::resolved_options& o, const ossify::scenario_result& r) {
    if (!r.grid.empty()) o.grid = r.grid;
    if (r.spacing.value() > 0.0) o.spacing = r.spacing;
    if (r.dt.value() > 0.0) o.dt = r.dt;
    if (r.until.value() > 0.0) o.until = r.until;
}

/// Runs scenario S with the options of its subcommand. Throws refusal for a refused invocation.
template <ossify::scenario S>
int run_scenario(const cli_values& v, const CLI::App& sub, const std::vector<std::string>& command) {
    namespace fs = std::filesystem;
    using params_t = typename S::parameters;
    const std::string name(S::name);
    const std::string where = "ossify-run " + name;
    const auto given = [&](const char* option) { return sub.count(option) > 0; };
    for (const char* f : flag_names) {
        if (sub.count(f) > 1) {
            throw refusal::message(f, std::string(f) + " is given " + std::to_string(sub.count(f)) + " times; allowed: once");
        }
    }
    const auto defaults = S::defaults();

    // Parameters: defaults, then the file, then --set (each name once on the command line).
    params_t base{};
    const auto refs = ossify::list_parameters(base);
    std::vector<parameter_setting> settings;
    if (given("--params")) settings = read_parameter_file(refs, v.params, S::name);
    std::set<std::string> set_names;
    for (const auto& s : v.sets) {
        auto x = parse_set(refs, s);
        if (!set_names.insert(x.name).second) throw refusal("--set", s, "each parameter once (" + x.name + " is set twice)");
        std::erase_if(settings, [&](const parameter_setting& y) { return y.name == x.name; });
        settings.push_back(std::move(x));
    }
    ossify::virtual_population population;
    std::map<std::string, std::string> origin;
    for (const auto& s : settings) {
        const auto& ref = detail::known(refs, s.origin, s.name, s.name);
        const std::string option = s.origin == "--set" ? "--set" : "--params";
        if (s.value) {
            try {
                ref.set(*s.value);
            } catch (const ossify::invalid_parameter&) {
                throw refusal(option, s.name + "=" + s.text,
                              "a value of " + s.name + " in [" + number_text(ref.lower()) + ", " + number_text(ref.upper()) + "] " +
                                  std::string(ref.unit()));
            }
        } else {
            population.add(s.name, *s.distribution);
        }
        origin[s.name] = s.origin;
    }
    std::vector<ossify::population_entry> bound;
    try {
        bound = population.bind(base);
    } catch (const ossify::invalid_parameter& e) {
        const auto o = origin.count(e.parameter()) ? origin[e.parameter()] : std::string("--set");
        throw refusal::message(o.rfind("--set", 0) == 0 ? "--set" : "--params",
                               (o.rfind("--set", 0) == 0 ? "--set: " : "--params: ") + without_where(e.what(), "ossify::truncated_distribution"));
    }
    std::vector<parameter_record> records;
    for (const auto& r : refs) {
        parameter_record rec{r.name(), std::string(r.unit()), r.source(), origin.count(r.name()) ? origin[r.name()] : "default",
                             r.value(), r.lower(), r.upper(), std::nullopt};
        for (const auto& b : bound) {
            if (b.name == r.name()) rec.distribution = b.truncated;
        }
        records.push_back(std::move(rec));
    }

    // Options.
    ossify::scenario_options o;
    std::uint64_t replicates = 1;
    bool ensemble = false;
    if (given("--seeds")) {
        if (given("--seed")) throw refusal::message("--seeds", "--seeds and --seed are given; allowed: one of them");
        if (given("--replicates")) throw refusal::message("--seeds", "--seeds and --replicates are given; allowed: one of them (--seeds A..B runs B - A + 1 replicates)");
        const auto [a, b] = parse_seed_range("--seeds", v.seeds, max_replicates);
        o.seed = ossify::seed{a};
        replicates = b - a + 1;
        ensemble = true;
    } else {
        if (given("--seed")) o.seed = ossify::seed{parse_unsigned("--seed", v.seed, 0, std::numeric_limits<std::uint64_t>::max())};
        if (given("--replicates")) {
            replicates = parse_unsigned("--replicates", v.replicates, 1, max_replicates);
            ensemble = true;
        }
    }
    if (o.seed.value > std::numeric_limits<std::uint64_t>::max() - (replicates - 1)) {
        throw refusal("--seed", v.seed, "a seed with seed + replicates - 1 <= 18446744073709551615");
    }
    if (!population.empty()) ensemble = true;
    const unsigned hw = hardware_threads();
    const unsigned threads = given("--threads") ? static_cast<unsigned>(parse_unsigned("--threads", v.threads, 1, hw)) : hw;
    if (given("--grid")) o.grid = parse_grid("--grid", v.grid);
    if (given("--spacing")) o.spacing = ossify::length::from_value(parse_quantity("--spacing", v.spacing, "um"));
    if (given("--dt")) o.dt = ossify::duration::from_value(parse_quantity("--dt", v.dt, "d"));
    if (given("--until")) o.until = ossify::duration::from_value(parse_quantity("--until", v.until, "d"));
    const std::string pictures = v.no_pictures ? "none" : v.all_pictures ? "all" : "first";
    o.pictures = !v.no_pictures;
    if (v.all_pictures && !ensemble) throw refusal::message("--all-pictures", "--all-pictures applies to ensembles (--replicates, --seeds or distributions)");

    // A screen.
    std::optional<ossify::screen_method> method;
    std::vector<ossify::sensitivity_factor> factors;
    std::vector<double> baseline;
    std::size_t trajectories = 10;
    unsigned levels = 4;
    if (given("--screen")) {
        if (v.screen == "oat" || v.screen == "one-at-a-time") method = ossify::screen_method::one_at_a_time;
        else if (v.screen == "morris") method = ossify::screen_method::morris;
        else throw refusal("--screen", v.screen, "oat (one-at-a-time) or morris");
        if (v.factors.empty()) throw refusal::message("--screen", "--screen needs at least one --factor NAME[=LOW..HIGH]");
        if (!population.empty()) {
            throw refusal::message("--screen", "--screen varies the --factor parameters around fixed values; allowed: no distributions "
                                               "(remove the distributions from --set/--params)");
        }
        if (v.all_pictures) throw refusal::message("--all-pictures", "--all-pictures does not apply to a screen (its runs write no pictures)");
        std::set<std::string> seen;
        for (const auto& f : v.factors) {
            const auto eq = f.find('=');
            const std::string fname = trim(f.substr(0, eq));
            const auto& ref = detail::known(refs, "--factor", f, fname);
            if (!seen.insert(fname).second) throw refusal("--factor", f, "each parameter once (" + fname + " is given twice)");
            ossify::sensitivity_factor x;
            if (eq == std::string::npos) {
                try {
                    x = ossify::factor_around(ref, 0.2);
                } catch (const ossify::invalid_parameter&) {
                    throw refusal("--factor", f, "a parameter whose range leaves room to vary it (give NAME=LOW..HIGH)");
                }
            } else {
                const auto [lo, hi] = parse_bounds("--factor", f.substr(eq + 1), ref.unit());
                if (lo < ref.lower() || hi > ref.upper()) {
                    throw refusal("--factor", f, "LOW..HIGH inside the range of " + fname + ", [" + number_text(ref.lower()) + ", " +
                                                     number_text(ref.upper()) + "] " + std::string(ref.unit()));
                }
                x = {fname, lo, hi, std::string(ref.unit())};
            }
            factors.push_back(x);
            baseline.push_back(ref.value());
        }
        if (given("--trajectories")) {
            if (*method != ossify::screen_method::morris) throw refusal::message("--trajectories", "--trajectories applies to --screen morris");
            trajectories = parse_unsigned("--trajectories", v.trajectories, 2, 1000);
        }
        if (given("--levels")) {
            if (*method != ossify::screen_method::morris) throw refusal::message("--levels", "--levels applies to --screen morris");
            levels = static_cast<unsigned>(parse_unsigned("--levels", v.levels, 2, 64));
            if (levels % 2 != 0) throw refusal("--levels", v.levels, "an even whole number in [2, 64]");
        }
    } else {
        if (!v.factors.empty()) throw refusal::message("--factor", "--factor applies to a sensitivity screen (--screen oat|morris)");
        if (given("--trajectories")) throw refusal::message("--trajectories", "--trajectories applies to --screen morris");
        if (given("--levels")) throw refusal::message("--levels", "--levels applies to --screen morris");
    }
    const std::size_t points = !method ? 0
                               : *method == ossify::screen_method::one_at_a_time ? 1 + 2 * factors.size()
                                                                                 : trajectories * (factors.size() + 1);
    if (method && points * replicates > max_replicates) {
        throw refusal::message("--screen", "--screen would run " + std::to_string(points * replicates) + " runs (" + std::to_string(points) +
                                               " points x " + std::to_string(replicates) + " replicates); allowed: at most " +
                                               std::to_string(max_replicates));
    }

    // The scenario's own checks of the options (grid, spacing, dt, until, run length).
    ossify::resolved_options resolved;
    try {
        resolved = ossify::resolve(defaults, o, where, v.force);
    } catch (const ossify::invalid_parameter& e) {
        const auto option = option_of(e.parameter(), refs);
        throw refusal::message(option, option + ": " + without_where(e.what(), where) + (option == "--until/--dt" ? " (--force allows it)" : ""));
    }
    // Memory, before anything is allocated.
    {
        double sites = 1.0;
        for (const auto g : resolved.grid) sites *= static_cast<double>(g);
        const double at_once = static_cast<double>(std::min<std::uint64_t>(threads, method ? points * replicates : replicates));
        const double need = sites * bytes_per_site_of<S>() * at_once, have = physical_memory();
        if (!(need <= have)) {
            std::string grid;
            for (const auto g : resolved.grid) grid += (grid.empty() ? "" : "x") + std::to_string(g);
            throw refusal("--grid", grid,
                          "a grid that fits in memory: it would need " + short_text(need, 4) + " bytes (" + short_text(sites, 4) + " sites x " +
                              short_text(bytes_per_site_of<S>(), 4) + " bytes x " + short_text(at_once, 4) + " run(s) at once); this machine has " +
                              short_text(have, 4) + " bytes");
        }
    }

    run_context ctx;
    ctx.scenario = name;
    ctx.scenario_summary = std::string(S::summary);
    ctx.clock = defaults.clock;
    ctx.convergence = convergence_of<S>();
    ctx.defaults = defaults;
    ctx.options = resolved;
    ctx.parameters = records;
    ctx.replicates = replicates;
    ctx.threads = threads;
    ctx.force = v.force;
    ctx.pictures = method || v.no_pictures ? "none" : ensemble ? pictures : "all";
    ctx.command = command;

    if (v.list_parameters) {
        std::cout << name << ": " << records.size() << " parameters (value in the internal unit; allowed range; set by; source)\n";
        for (const auto& r : records) {
            std::cout << "  " << r.name << " = " << (r.distribution ? r.distribution->distribution().text() : number_text(r.value)) << " "
                      << r.unit << "  [" << number_text(r.lower) << ", " << number_text(r.upper) << "]  " << r.origin << "\n      "
                      << r.source << "\n";
        }
        return 0;
    }

    // The output folder: refused now (nothing written) or used from here on.
    const fs::path out = given("--out") ? fs::path(v.out) : fs::path("out") / name;
    run_folder folder(out, v.overwrite);
    ctx.output = folder.final_path();
    // Accepted: from here on a failure leaves nothing behind (the partial folder is removed).
    const auto started = std::chrono::steady_clock::now();
    mpi_part::create_folder(folder);
    // Under mpirun only an ensemble's replicates are shared; rank 0 runs the rest and writes.
    if (mpi_part::rank() != 0 && !(ensemble && !method)) return 0;
    std::string summary_line;
    try {
        o.output = folder.staging();
        const fs::path& staging = folder.staging();
        const auto run_info = [&](json& j, double wall) {
            j["run_info"] = json{{"wall_seconds", number_or_null(wall)}, {"threads", threads}, {"ranks", mpi_part::size()}, {"command", command},
                                 {"output", folder.final_path().generic_string()}};
        };
        std::string grid_text;
        for (const auto g : resolved.grid) grid_text += (grid_text.empty() ? "" : "x") + std::to_string(g);
        // A spacing alone may make a scenario with a fixed anatomy derive its grid: the grid is then
        // the scenario's to say (summary.json records it).
        const bool grid_known = given("--grid") || !given("--spacing");
        const std::string plan = (grid_known ? grid_text + " sites of " : std::string("sites of ")) + short_text(resolved.spacing.value()) +
                                 " um, " + days_text(resolved.until.value()) + " in steps of " + days_text(resolved.dt.value());
        if (method) {
            std::cerr << where << ": " << ossify::to_string(*method) << " screen of " << factors.size() << " factor(s), " << points << " points x "
                      << replicates << " replicate(s), " << plan << ", " << seeds_line(o.seed.value, replicates) << "\n";
            auto design = *method == ossify::screen_method::one_at_a_time ? ossify::one_at_a_time_design(factors, baseline)
                                                                          : ossify::morris_design(factors, trajectories, levels, o.seed);
            count_progress progress(!v.no_progress, "runs");
            ossify::screen_options so;
            so.replicates = replicates;
            so.threads = threads;
            so.finished = std::ref(progress);
            auto screen_options = o;
            screen_options.output.reset();
            const auto s = ossify::run_screen<S>(screen_options, base, std::move(design), so);
            std::string csv = "# " + name + " " + std::string(ossify::to_string(*method)) + " screen, " + seeds_line(o.seed.value, replicates) +
                              "\nfactor,lower,upper,factor_unit,output,output_unit,n,mu,mu_star,sigma,noise_floor,relative,elasticity,moves\n";
            for (const auto& e : s.effects) {
                const auto& f = s.design.factors[e.factor];
                csv += f.name + "," + number_text(f.lower) + "," + number_text(f.upper) + "," + f.unit + "," + s.outputs[e.output] + "," +
                       s.output_units[e.output] + "," + std::to_string(e.n) + "," + number_text(e.mu) + "," + number_text(e.mu_star) + "," +
                       number_text(e.sigma) + "," + number_text(e.noise_floor) + "," + number_text(e.relative) + "," + number_text(e.elasticity) + "," +
                       (e.moves() ? "yes" : "no") + "\n";
            }
            write_text(staging / "sensitivity.csv", csv);
            screen_picture(s, name + ": " + std::string(ossify::to_string(*method)) + " screen, mu* (" + seeds_line(o.seed.value, replicates) + ")")
                .write_png(staging / "sensitivity.png");
            std::vector<std::string> files{"sensitivity.csv", "sensitivity.png"};
            if (v.report) files.push_back("report.html");
            json j = screen_json(ctx, s, files);
            run_info(j, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            if (v.report) write_text(staging / "report.html", report_html(j, {}, {}));
            write_text(staging / "summary.json", j.dump(2) + "\n");
            for (const auto& e : s.effects) {
                std::cout << "effect " << s.design.factors[e.factor].name << " -> " << s.outputs[e.output] << ": ";
                if (!std::isfinite(e.mu_star)) {
                    std::cout << "none computed (the output is missing in some runs)\n";
                    continue;
                }
                std::cout << "mu* " << short_text(e.mu_star) << " " << s.output_units[e.output] << " (relative " << short_text(e.relative, 2) << ")"
                          << (e.moves() ? ", moves it" : "") << "\n";
            }
            summary_line = "summary: " + name + ", " + std::string(ossify::to_string(*method)) + " screen, " + std::to_string(points * replicates) +
                           " runs, " + seeds_line(o.seed.value, replicates);
        } else if (ensemble) {
            std::cerr << where << ": " << replicates << " replicate(s) on "
                      << (mpi_part::size() > 1 ? std::to_string(mpi_part::size()) + " ranks x " : std::string())
                      << std::min<std::uint64_t>(threads, replicates) << " thread(s), " << plan
                      << ", " << seeds_line(o.seed.value, replicates)
                      << (population.empty() ? "" : ", a virtual population over " + std::to_string(population.size()) + " parameter(s)") << "\n";
            std::vector<std::vector<ossify::drawn_parameter>> drawn(replicates);
            count_progress progress(!v.no_progress, mpi_part::size() > 1 ? "replicates (rank 0's share)" : "replicates");
            ossify::ensemble_options e;
            e.replicates = replicates;
            e.threads = threads;
            e.prepare = [&](std::uint64_t rep, void* p) { drawn[rep] = population.draw(*static_cast<params_t*>(p), o.seed, rep); };
            e.configure = [&](std::uint64_t rep, ossify::scenario_options& so) {
                so.pictures = pictures == "all" || (pictures == "first" && rep == 0);
            };
            e.finished = std::ref(progress);
            const auto er = mpi_part::run_ensemble<S>(o, base, e);
            if (mpi_part::rank() != 0) return 0;  // rank 0 writes
            adopt_resolved(ctx.options, er.replicates.front());
            for (std::size_t k = 0; k < er.replicates.size(); ++k) {
                const auto& r = er.replicates[k];
                const auto folder_k = staging / ("replicate_" + std::to_string(k));
                std::string series_file;
                if (!r.series_names.empty()) {
                    series_file = "series.csv";
                    write_text(folder_k / series_file, series_csv(r.series_names, r.series, name + ", replicate " + std::to_string(k) + ", seed " +
                                                                                                std::to_string(r.seed.value)));
                }
                json jr = run_json(ctx, r, folder_k, k, &drawn[k], series_file);
                run_info(jr, r.wall_seconds);
                write_text(folder_k / "summary.json", jr.dump(2) + "\n");
            }
            std::string band_file;
            if (!er.series.names.empty()) {
                band_file = "series_band.csv";
                write_text(staging / band_file, band_csv(er.series, name + ", " + seeds_line(o.seed.value, replicates)));
            }
            json j = ensemble_json(ctx, er, drawn, band_file);
            if (v.report) j["files"].push_back("report.html");
            run_info(j, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            if (v.report) {
                report_series rs{er.series.names, {}, &er.series};
                write_text(staging / "report.html",
                           report_html(j, pictures_of(er.replicates.front().files, staging, ""), rs));
            }
            write_text(staging / "summary.json", j.dump(2) + "\n");
            for (const auto& ev : er.replicates.front().events) {
                const auto& st = er.events.at(ev.name);
                std::cout << "event " << ev.name << ": ";
                if (st.n == 0) std::cout << "not reached by any replicate\n";
                else {
                    std::cout << "mean day " << short_text(st.mean) << ", SD " << short_text(st.sd) << ", 95% CI [" << short_text(st.ci_low) << ", "
                              << short_text(st.ci_high) << "], " << st.n << " of " << st.of << " replicates\n";
                }
            }
            for (const auto& m : er.replicates.front().measurements) {
                const auto& st = er.measurements.at(m.name);
                std::cout << "measurement " << m.name << ": mean " << short_text(st.mean) << " " << m.unit << ", SD " << short_text(st.sd)
                          << ", 95% CI [" << short_text(st.ci_low) << ", " << short_text(st.ci_high) << "]";
                if (!m.published.empty()) std::cout << " (published " << m.published << " " << m.unit << ", " << m.source << ")";
                std::cout << "\n";
            }
            summary_line = "summary: " + name + ", " + std::to_string(replicates) + " replicates, " + seeds_line(o.seed.value, replicates);
        } else {
            std::cerr << where << ": " << plan << ", seed " << o.seed.value << "\n";
            ossify::progress_reporter bar(!v.no_progress);
            o.progress = [&](double share) { bar.update(std::clamp(share, 0.0, 1.0), ossify::duration::from_value(std::clamp(share, 0.0, 1.0) * resolved.until.value())); };
            const auto r = S::run(o, base);
            bar.finish();
            adopt_resolved(ctx.options, r);
            std::string series_file;
            if (!r.series_names.empty()) {
                series_file = "series.csv";
                write_text(staging / series_file, series_csv(r.series_names, r.series, name + ", seed " + std::to_string(r.seed.value)));
            }
            json j = run_json(ctx, r, staging, std::nullopt, nullptr, series_file);
            if (v.report) j["files"].push_back("report.html");
            run_info(j, r.wall_seconds);
            if (v.report) write_text(staging / "report.html", report_html(j, pictures_of(r.files, staging), {r.series_names, r.series, nullptr}));
            write_text(staging / "summary.json", j.dump(2) + "\n");
            std::size_t reached = 0;
            for (const auto& ev : r.events) {
                std::cout << "event " << ev.name << ": " << (ev.time ? "day " + short_text(ev.time->value()) : std::string("not reached")) << "  ("
                          << ev.criterion << ")\n";
                reached += ev.time.has_value();
            }
            print_measurements(r.measurements);
            summary_line = "summary: " + name + ", " + std::to_string(reached) + " of " + std::to_string(r.events.size()) + " events, day " +
                           short_text(r.simulated.value()) + ", wall " + short_text(r.wall_seconds, 3) + " s, seed " + std::to_string(r.seed.value);
        }
    } catch (const ossify::invalid_parameter& e) {
        // The scenario refused an option when it started, before writing anything; the partial
        // folder goes with `folder`.
        const auto option = option_of(e.parameter(), refs);
        throw refusal::message(option, option + ": the scenario refused it: " + e.what());
    }
    folder.commit();
    std::cout << summary_line << ", written to " << folder.final_path().string() << (v.report ? " (report.html)" : "") << "\n";
    return 0;
}

template <ossify::scenario... Scenarios>
int main(int argc, char** argv) {
    static_assert(sizeof...(Scenarios) > 0, "ossify-run needs at least one scenario");
    mpi_part::session mpi_session(argc, argv);
    const std::vector<std::string> args(argv, argv + argc);
    std::vector<std::string> command{"ossify-run"};
    command.insert(command.end(), args.begin() + (args.empty() ? 0 : 1), args.end());
    const std::array<std::string_view, sizeof...(Scenarios)> names{Scenarios::name...};
    std::string list;
    for (const auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);

    CLI::App app{"ossify-run: runs a scenario of ossify (intramembranous ossification), an ensemble of its replicates, or a sensitivity "
                 "screen, and writes summary.json (and with --report, report.html).",
                 "ossify-run"};
    app.set_version_flag("--version", "ossify-run " + std::string(version));
    app.require_subcommand(0, 1);
    app.footer("Give the scenario first: ossify-run <scenario> [options]; 'ossify-run <scenario> --help' lists its options and defaults.\n"
               "Exit status: 0 done; 1 the run failed (nothing written); 2 the command was refused (nothing written).");
    std::array<cli_values, sizeof...(Scenarios)> values;
    std::array<CLI::App*, sizeof...(Scenarios)> subs{};
    {
        std::size_t i = 0;
        ((subs[i] = add_scenario<Scenarios>(app, values[i]), ++i), ...);
    }
    const auto refuse = [&](const std::string& scenario, const std::string& message) {
        std::cerr << "ossify-run" << (scenario.empty() ? "" : " " + scenario) << ": " << message << "\n"
                  << "run 'ossify-run" << (scenario.empty() ? "" : " " + scenario) << " --help' for the options\n";
        return 2;
    };
    if (args.size() >= 2) {
        const auto& first = args[1];
        const bool known = std::find(names.begin(), names.end(), first) != names.end();
        const bool top_option = first == "--help" || first == "-h" || first == "--help-all" || first == "--version";
        if (!known && !top_option) {
            if (first.rfind("-", 0) == 0) return refuse("", "give the scenario first (" + list + "), then its options; got " + first);
            return refuse("", "unknown scenario '" + first + "'; allowed: " + list);
        }
    }
    std::string chosen;
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion&) {
        std::cout << "ossify-run " << version << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        for (std::size_t i = 0; i < subs.size(); ++i) {
            if (subs[i]->parsed()) chosen = std::string(names[i]);
        }
        std::string what = e.what();
        const auto override_at = what.find(" was given a disallowed flag override");
        if (override_at != std::string::npos) what = "--" + what.substr(0, override_at) + ": a flag takes no value (" + what + ")";
        return refuse(chosen, what);
    }
    std::size_t which = subs.size();
    for (std::size_t i = 0; i < subs.size(); ++i) {
        if (subs[i]->parsed()) which = i;
    }
    if (which == subs.size()) {
        std::cerr << app.help();
        return refuse("", "no scenario given; allowed: " + list);
    }
    chosen = std::string(names[which]);
    int status = 0;
    std::size_t index = 0;
    try {
        (void)((index++ == which ? (status = run_scenario<Scenarios>(values[which], *subs[which], command), true) : false) || ...);
    } catch (const refusal& r) {
        return refuse(chosen, r.what());
    } catch (const ossify::invalid_parameter& e) {
        // The scenario refused an option when it started (before it wrote anything).
        return refuse(chosen, std::string("the scenario refused the options: ") + e.what());
    } catch (const std::exception& e) {
        std::cerr << "ossify-run " << chosen << ": the run failed, nothing was written: " << e.what() << "\n";
        return 1;
    }
    return status;
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_DRIVER_HPP
