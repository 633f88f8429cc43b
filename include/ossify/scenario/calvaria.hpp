/// @file
/// @brief The calvaria scenario: the skull vault from 9 gestational weeks to 2 years after birth,
/// at real size, growing with the brain. Ossification centres pattern themselves by an
/// activator-inhibitor pair switched off inside bone (Lee, Richtsmeier & Kraft 2019); bone
/// fronts advance at the Fisher-KPP speed of their osteoprogenitors, driven by the stretch of
/// the growing membrane and stopped short of each other by a suture inhibitor; sutures and
/// fontanelles are the membrane left where the fronts meet. Reports per bone (weekly to birth)
/// and per fontanelle and suture (monthly after birth) what an anatomist or a clinician measures,
/// beside published values (docs/scenarios/calvaria.md, docs/biology/calvaria.md).
///
/// ```cpp
/// ossify::scenario_options o;                    // seed 42, 1 mm spacing, dt 0.25 d, to 2 years
/// const auto r = ossify::calvaria::run(o, ossify::calvaria::parameters{});
/// for (const auto& e : r.events) std::cout << e.name << '\n';
/// ```
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_HPP
#define OSSIFY_SCENARIO_CALVARIA_HPP

#include <chrono>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../observe/picture.hpp"
#include "calvaria/published.hpp"
#include "calvaria/record.hpp"
#include "calvaria/report.hpp"
#include "scenario.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The calvaria scenario (ossify::scenario). Model time 0 is the start of the run
 * (anatomy.start, 9 gestational weeks by default); birth is at 280 d - start.
 */
struct calvaria {
    /// @brief Name on the command line.
    static constexpr std::string_view name = "calvaria";
    /// @brief One line for --help.
    static constexpr std::string_view summary =
        "skull vault, 9 gestational weeks to 2 years: centres by reaction-diffusion, fronts, sutures and fontanelles on "
        "a real-size vault growing with the brain";
    /// @brief How the default time step was shown to converge (--help, summary.json).
    static constexpr std::string_view convergence =
        "dt 0.25 d at the default 1 mm map: halving dt, or refining the map to 0.7 mm, moves the mean of every output "
        "compared (first centre, bone areas to 20 weeks, fontanelle areas at birth, 6, 12 and 24 months, suture width "
        "and bone thickness after birth) by less than the SD between individuals (calvaria_convergence.cpp, "
        "docs/scenarios/calvaria.md)";
    /// @brief The parameters (grouped; vault::calvaria_parameters).
    using parameters = vault::calvaria_parameters;

    /// @brief Defaults: 1 mm spacing (334 x 277 sites), dt 0.25 d, until 2 years after birth.
    [[nodiscard]] static scenario_defaults defaults() {
        const parameters p;
        scenario_defaults d;
        const auto r = vault::resolve_vault_grid(scenario_options{}, p.anatomy, default_spacing_um);
        d.grid = {r.nx, r.ny};
        d.dimensions = {2};
        d.spacing = length::from_value(r.spacing_um);
        d.dt = duration::from_value(0.25);
        d.until = duration::from_value(birth_time(p) + 24.0 * development::days_per_month);
        d.min_extent = 16;
        d.clock = "t = 0 at anatomy.start (9 gestational weeks = 7 weeks after fertilisation); birth at 280 d - start";
        return d;
    }

    /// @brief Runs one individual; throws invalid_parameter for bad options before any work.
    [[nodiscard]] static scenario_result run(const scenario_options& o, const parameters& p) {
        return run_recorded(o, p).first;
    }

    /// @brief Runs one individual and also returns its record (snapshots, onsets, closures).
    [[nodiscard]] static std::pair<scenario_result, vault::calvaria_record> run_recorded(const scenario_options& o,
                                                                                     const parameters& p) {
        using namespace vault;
        const auto wall0 = std::chrono::steady_clock::now();
        const auto res = resolve_vault_grid(o, p.anatomy, default_spacing_um);
        scenario_options fixed = o;
        fixed.grid = std::vector<std::int32_t>{res.nx, res.ny};
        fixed.spacing = length::from_value(res.spacing_um);
        const auto r = resolve(defaults(), fixed, "ossify::calvaria");
        vault_map map(res.nx, res.ny, p.anatomy.rim_ap, p.anatomy.rim_lateral);
        auto state = std::make_shared<vault_state>(std::move(map), head_growth{p.individual.hc_z}, p.anatomy.start.get(),
                                                   reference_radius_um(), p.anatomy.lobe_width);
        const grid2d grid{res.nx, res.ny, length::from_value(res.spacing_um)};
        auto tissue = make_vault_tissue(p, state, grid, r.seed);
        const auto& front = tissue.template process<front_recruitment>();

        calvaria_record rec;
        rec.birth = birth_time(p);
        const double start = p.anatomy.start.get().value(), end = r.until.value(), dt = r.dt.value();
        // Snapshot times: whole gestational weeks after the start, then whole months after birth.
        std::vector<double> marks;
        for (double w = std::ceil(start / 7.0 + 1e-9); w * 7.0 - start < rec.birth - 1e-9; w += 1.0) marks.push_back(w * 7.0 - start);
        for (double m = 0.0; rec.birth + m * development::days_per_month <= end + 1e-9; m += 1.0) {
            marks.push_back(rec.birth + m * development::days_per_month);
        }
        std::size_t next_mark = 0;
        double next_check = rec.birth + 7.0, last_progress = -1.0;
        // A snapshot measures bones and gaps; the weekly closure checks between snapshots need
        // only the gaps (bones = false).
        vault::gap_workspace gaps_ws;
        const auto snapshot = [&](double t, bool bones = true) {
            vault_snapshot s;
            s.time = t;
            s.gestational_weeks = (start + t) / 7.0;
            s.postnatal_months = (t - rec.birth) / development::days_per_month;
            s.hc_mm = 2.0 * 3.141592653589793 * state->radius_um() * 1e-3;
            s.front_speed = front.free_speed();
            const auto pic = picture_of(tissue, *state);
            if (bones) s.bones = measure_bones(pic, state->map());
            s.gaps = measure_gaps(pic, state->map(), p.anatomy.opening.get().value(), p.anatomy.suture_closed_share, gaps_ws);
            return s;
        };
        const auto note_closures = [&](const vault_snapshot& s) {
            for (std::size_t g = 0; g < vault_gap_list.size(); ++g) {
                if (!rec.closed[g] && !s.gaps[g].open && s.time >= rec.birth - 1e-9) rec.closed[g] = s.time;
                if (rec.closed[g] && s.gaps[g].open && vault_gap_list[g].kind == gap_kind::suture) rec.closed[g].reset();
            }
        };
        std::uint64_t steps = 0;
        std::vector<std::filesystem::path> pictures;
        while (end - tissue.time().value() > 1e-9) {
            const double t = tissue.time().value();
            double target = end;
            if (next_mark < marks.size()) target = std::min(target, marks[next_mark]);
            if (t >= rec.birth - 1e-9) target = std::min(target, next_check);
            const double h = std::min(dt, target - t) > 1e-9 * dt ? std::min(dt, target - t) : dt;
            tissue.step(duration::from_value(std::min(h, end - t)));
            ++steps;
            const double now = tissue.time().value();
            note_onsets(tissue, *state, rec, now);
            if (next_mark < marks.size() && now >= marks[next_mark] - 1e-9) {
                rec.snapshots.push_back(snapshot(now));
                note_closures(rec.snapshots.back());
                const double m = rec.snapshots.back().postnatal_months;
                if (r.output && r.pictures && (std::abs(m) < 0.01 || std::abs(m - 12.0) < 0.01)) {
                    pictures.push_back(picture_at(*r.output, m < 1.0 ? "birth" : "12_months", tissue, *state, r.seed));
                }
                while (next_mark < marks.size() && marks[next_mark] <= now + 1e-9) ++next_mark;
            } else if (now >= next_check - 1e-9 && now >= rec.birth - 1e-9) {
                note_closures(snapshot(now, false));
            }
            while (next_check <= now + 1e-9) next_check += 7.0;
            if (o.progress && now / end - last_progress >= 0.01) o.progress(last_progress = now / end);
        }
        for (const auto& c : state->centres()) rec.centres += c.retired ? 0 : 1;

        scenario_result out;
        out.scenario = std::string(name);
        out.seed = r.seed;
        out.grid = r.grid;
        out.spacing = r.spacing;
        out.dt = r.dt;
        out.until = r.until;
        out.steps = steps;
        out.simulated = tissue.time();
        out.parameters = parameter_table(parameters(p));
        report_calvaria(rec, out, p);
        out.files = pictures;
        if (r.output) write_outputs(*r.output, r.pictures, rec, out, tissue, *state);
        out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        return {std::move(out), std::move(rec)};
    }

    /// @brief Default map spacing at the vertex of the median newborn (um): 1 mm, at which the
    /// outputs have converged with spacing (0.7 mm moves them less than the SD between
    /// individuals; calvaria_convergence.cpp).
    static constexpr double default_spacing_um = 1000.0;
    /// @brief Model time of birth for these parameters (d).
    [[nodiscard]] static double birth_time(const parameters& p) {
        return development::birth_gestational_days - p.anatomy.start.get().value();
    }

private:
    template <class Tissue>
    static std::filesystem::path picture_at(const std::filesystem::path& dir, const std::string& tag, const Tissue& t,
                                            const vault::vault_state& v, ossify::seed s) {
        std::filesystem::create_directories(dir);
        const auto path = dir / ("calvaria_" + tag + ".png");
        std::string title = "calvaria at ";
        for (const char c : tag) title += c == '_' ? ' ' : c;
        vault::render_vault(vault::picture_of(t, v), v.map(), title + ", seed " + std::to_string(s.value)).write_png(path);
        return path;
    }
    template <class Tissue>
    static void note_onsets(const Tissue& t, const vault::vault_state& v, vault::calvaria_record& rec, double now) {
        using namespace vault;
        if (!rec.first_centre && !v.centres().empty()) rec.first_centre = now;
        bool all = true;
        for (const auto& o : rec.onset) all = all && o.has_value();
        if (all || v.centres().empty()) return;
        const auto label = t.template field<bone_label>();
        const auto& m = t.matrix();
        for (std::size_t i = 0; i < label.size(); ++i) {
            if (label[i] == no_label || m.matrix_fraction(i) < m.bone_threshold()) continue;
            const auto b = reported_bone(v.bone_of(label[i]));
            if (b < bone_count && !rec.onset[b]) rec.onset[b] = now;
        }
    }
    template <class Tissue>
    static void write_outputs(const std::filesystem::path& dir, bool pictures, const vault::calvaria_record& rec,
                              scenario_result& out, const Tissue& t, const vault::vault_state& v) {
        std::filesystem::create_directories(dir);
        const auto csv = dir / "calvaria_series.csv";
        {
            std::ofstream f(csv);
            for (std::size_t k = 0; k < out.series_names.size(); ++k) f << (k ? "," : "") << '"' << out.series_names[k] << '"';
            f << '\n';
            for (const auto& row : out.series) {
                for (std::size_t k = 0; k < row.size(); ++k) f << (k ? "," : "") << row[k];
                f << '\n';
            }
            if (!f) throw io_error("ossify::calvaria", "write", csv);
        }
        out.files.push_back(csv);
        if (!pictures) return;
        const auto pic = vault::picture_of(t, v);
        const auto path = dir / "calvaria_end.png";
        vault::render_vault(pic, v.map(), "calvaria at day " + std::to_string(static_cast<long>(t.time().value())) +
                                               " (" + std::to_string(rec.centres) + " centres), seed " +
                                               std::to_string(out.seed.value)).write_png(path);
        out.files.push_back(path);
    }
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_HPP
