/// @file
/// @brief The Figure 6.4.1 scenario (`figure_6_4_1`, name "figure-6.4.1"): intramembranous
/// ossification of a flat bone from mechanisms, on a cross-section (2-D) or a block (3-D) of the
/// plate. Vessels sprout from two seed vessels at the boundary towards hypoxic tissue; BMP2
/// commits the mesenchyme; osteoblasts form where oxygen suffices, lay bone under themselves and
/// are buried from the surface; osteoblasts on the plate's outer surface become the periosteum,
/// which lays compact bone on both faces; vessels crowded by trabecular bone condense into red
/// marrow. Reports the four stages of the figure and the measurements of docs/biology/figure_6_4_1.md.
///
/// ```cpp
/// ossify::scenario_options o;                       // 240 x 100 sites of 10 um (3-D: {240, 100, 60})
/// o.seed = ossify::seed{7};
/// const auto r = ossify::figure_6_4_1::run(o, ossify::figure_6_4_1::parameters{});
/// std::cout << r.find("osteocyte_density")->value << " per mm^3, stage d at day "
///           << r.event("stage d")->time->value() << "\n";
/// ```
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../observe/metrics.hpp"
#include "../observe/tissue_output.hpp"
#include "../units/literals.hpp"
#include "figure_6_4_1/measurements.hpp"
#include "figure_6_4_1/model.hpp"
#include "figure_6_4_1/parameters.hpp"
#include "figure_6_4_1/stages.hpp"
#include "scenario.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief The Figure 6.4.1 scenario (ossify::scenario): the four stages of intramembranous
 * ossification from mechanisms, in 2-D (default 240 x 100 sites) or 3-D (240 x 100 x 60), with
 * the measurements compared with published values (docs/biology/figure_6_4_1.md).
 */
struct figure_6_4_1 {
    /// @brief The scenario's name.
    static constexpr std::string_view name = "figure-6.4.1";
    /// @brief One line for --help.
    static constexpr std::string_view summary =
        "Figure 6.4.1: a flat bone from mechanisms (sprouting vessels, burial from the surface, periosteal cortex), 2-D or 3-D";
    /// @brief How the default time step was shown to converge (--help, summary.json).
    static constexpr std::string_view convergence =
        "converged at dt 2 h: 8 replicates at 2 h and at 1 h, every stage day and measurement moves by less than 4 "
        "standard errors of the difference (test 'figure 6.4.1 validation: the default time step is converged'; "
        "docs/scenarios/figure_6_4_1.md)";
    /// @brief The parameters (typed, with sources).
    using parameters = fig641::figure_6_4_1_parameters;

    /// @brief Defaults: 240 x 100 sites of 10 um, dt 2 h (converged: dt vs dt/2 within the replicate
    /// spread, docs/scenarios/figure_6_4_1.md), 45 days; 2-D or 3-D.
    [[nodiscard]] static scenario_defaults defaults() {
        scenario_defaults d;
        d.grid = {240, 100};
        d.dimensions = {2, 3};
        d.spacing = length::from_value(10.0);
        d.dt = duration::from_value(2.0 / 24.0);
        d.until = duration::from_value(45.0);
        d.min_extent = 16;
        d.clock = "t = 0: the condensed osteogenic membrane, before its first osteoblast (about gestational week 8 "
                  "for the skull vault, O'Rahilly & Gardner 1972)";
        return d;
    }

    /// @brief Runs the scenario; throws invalid_parameter for bad options (before running).
    [[nodiscard]] static scenario_result run(const scenario_options& options, const parameters& p) {
        constexpr const char* where = "ossify::figure_6_4_1";
        const auto r = resolve(defaults(), options, where);
        const auto needed = static_cast<std::int32_t>(std::lround(p.sheet_thickness.internal() / r.spacing.value())) + 4;
        if (r.grid[1] < needed) {
            throw invalid_parameter(where, "grid[1]", std::to_string(r.grid[1]) + " sites",
                                    ">= " + std::to_string(needed) + " sites (the sheet of " +
                                        format_value(p.sheet_thickness.internal()) + " um and room for the cortex)");
        }
        if (r.dimension() == 3) return run_in<3>(r, options, p);
        return run_in<2>(r, options, p);
    }

private:
    template <std::size_t Dim>
    static scenario_result run_in(const resolved_options& r, const scenario_options& options, const parameters& p) {
        using clock = std::chrono::steady_clock;
        const auto t0 = clock::now();
        std::array<std::int32_t, Dim> extent{};
        for (std::size_t a = 0; a < Dim; ++a) extent[a] = r.grid[a];
        const basic_grid<Dim> grid(extent, r.spacing);
        auto t = fig641::make_tissue<Dim>(p, grid, r.seed);

        scenario_result res;
        res.scenario = std::string(name);
        res.seed = r.seed;
        res.grid = r.grid;
        res.spacing = r.spacing;
        res.dt = r.dt;
        res.until = r.until;
        res.parameters = parameter_table(p);
        if (r.output) std::filesystem::create_directories(*r.output);
        const bool pictures = r.output && r.pictures;
        const std::int32_t zmid = Dim == 3 ? grid.extent(Dim - 1) / 2 : 0;
        const auto picture = [&](const std::string& stem, const std::string& title) {
            if (!pictures) return;
            const auto png = *r.output / (stem + ".png");
            render_tissue(t, title + ", seed " + std::to_string(r.seed.value), 3, zmid).write_png(png);
            res.files.push_back(png);
        };
        const auto record = [&] {
            auto row = standard_metrics(t);
            std::size_t tips = 0;
            const auto s = t.states();
            for (std::size_t i = 0; i < s.size(); ++i) tips += t.state().attribute(i).is_tip() ? 1u : 0u;
            row.add("tip_cells", static_cast<double>(tips));
            if (res.series_names.empty()) res.series_names = row.names;
            res.series.push_back(row.values);
        };
        static constexpr const char* titles[4] = {"(a) ossification centre and capillaries", "(b) osteoid, mineral, osteocytes",
                                                  "(c) trabecular matrix and periosteum", "(d) compact bone and red marrow"};
        fig641::stage_tracker stages;
        record();
        const double end = r.until.value(), h = r.dt.value();
        double next_record = 1.0;
        while (end - t.time().value() > 1e-9 * h) {
            t.step(duration::from_value(std::min(h, end - t.time().value())));
            ++res.steps;
            const int k = stages.check(t);
            if (k >= 0) {
                char day[32];
                std::snprintf(day, sizeof day, ", day %.1f", t.time().value());
                picture(std::string("stage_") + static_cast<char>('a' + k), std::string(titles[k]) + day);
            }
            if (t.time().value() + 1e-9 >= next_record) {
                record();
                next_record += 1.0;
            }
            if (options.progress) options.progress(t.time().value() / end);
        }
        res.simulated = t.time();
        char day[32];
        std::snprintf(day, sizeof day, "day %.1f", t.time().value());
        picture("final", day);
        if (r.output) {
            const auto vti = *r.output / "final.vti";
            write_tissue_vti(vti, t);
            res.files.push_back(vti);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            const char label = static_cast<char>('a' + k);
            res.events.push_back({std::string("stage ") + label, fig641::stage_criterion(label), stages.reached[k]});
        }
        measure(t, p, res);
        res.wall_seconds = std::chrono::duration<double>(clock::now() - t0).count();
        return res;
    }

    template <class Tissue>
    static void measure(const Tissue& t, const parameters& p, scenario_result& res) {
        using fig641::rule_index;
        const auto add = [&](std::string n, double v, std::string unit, std::string published, std::string source,
                             comparison kind, std::optional<std::pair<double, double>> range = std::nullopt) {
            res.measurements.push_back({std::move(n), v, std::move(unit), std::move(published), std::move(source), kind, range});
        };
        const auto fires = [&](rule_index k) { return t.rule_fires(static_cast<std::size_t>(k)); };
        const double buried = fires(rule_index::burial) + fires(rule_index::periosteal_burial);
        const double died = fires(rule_index::apoptosis) + fires(rule_index::periosteal_apoptosis);
        const double lined = fires(rule_index::lining) + fires(rule_index::periosteal_lining);
        const double exits = buried + died + lined;
        const auto plate = fig641::measure_plate(t);
        const double h = t.grid().spacing_um();
        add("osteocyte_density", fig641::osteocyte_density_per_mm3(t), "1/mm^3", "13000-30000",
            "Mullender et al. 1996 (trabecular 13,000-17,000); cortical up to 20,000-30,000 (K)", comparison::prediction,
            std::pair{13000.0, 30000.0});
        add("osteocyte_density_woven", fig641::osteocyte_density_per_mm3(t, fig641::bone_source::woven), "1/mm^3", "", "",
            comparison::no_reference);
        add("osteocyte_density_periosteal", fig641::osteocyte_density_per_mm3(t, fig641::bone_source::periosteal), "1/mm^3",
            "", "", comparison::no_reference);
        add("burial_theory_density_woven",
            p.osteoblast_burial_rate.internal() / (p.trabecular_apposition.internal() * h * h) * 1e9, "1/mm^3", "",
            "Buenzli 2015: burial rate / (apposition rate x h^2)", comparison::no_reference);
        add("osteocyte_spacing", fig641::osteocyte_spacing_um(t), "um", "20-30", "osteocyte reviews (BIOLOGY.md)",
            comparison::prediction, std::pair{20.0, 30.0});
        add("osteocyte_fraction", exits > 0 ? buried / exits : 0.0, "-", "0.10-0.20", "Franz-Odendaal et al. 2006",
            comparison::calibrated, std::pair{0.10, 0.20});
        add("apoptosis_fraction", exits > 0 ? died / exits : 0.0, "-", "0.50-0.70", "Jilka et al. 1998; Manolagas 2000",
            comparison::calibrated, std::pair{0.50, 0.70});
        add("lining_fraction", exits > 0 ? lined / exits : 0.0, "-", "the rest", "Franz-Odendaal et al. 2006",
            comparison::no_reference);
        add("osteoblast_exits", exits, "cells", "", "", comparison::no_reference);
        add("strut_thickness", fig641::strut_thickness_um(t, plate.trabecular), "um", "~100", "Peyrin et al. 2005 (fetal)",
            comparison::prediction, std::pair{50.0, 200.0});
        add("bv_tv_trabecular", plate.trabecular_bv_tv(), "-", "", "no fetal flat-bone value in our sources",
            comparison::no_reference);
        add("bv_tv_compact", plate.compact_bv_tv(), "-", "", "no fetal flat-bone value in our sources", comparison::no_reference);
        add("compact_thickness", 0.5 * (plate.top_compact_um + plate.bottom_compact_um), "um", "", "", comparison::no_reference);
        add("plate_thickness", plate.thickness_um, "um", "", "", comparison::no_reference);
        add("plate_aspect", plate.thickness_um > 0 ? plate.width_um / plate.thickness_um : 0.0, "-", "> 2 (a flat plate)",
            "source text", comparison::prediction, std::pair{2.0, 1.0e9});
        const auto cap = fig641::capillary_distances_um(t, 0, static_cast<std::size_t>(t.grid().extent(1) - 1));
        add("max_capillary_distance", cap[0], "um", "<= 100-200", "Lovett et al. 2009", comparison::prediction,
            std::pair{0.0, 200.0});
        add("p95_capillary_distance", cap[1], "um", "", "", comparison::no_reference);
        const auto& a = std::get<fig641::sprouting_angiogenesis<vegf>>(t.processes());
        const double vessel_sites = t.template count<endothelial>();
        double volume_mm3 = 1.0;
        for (std::size_t k = 0; k < Tissue::dimension; ++k) volume_mm3 *= t.grid().extent(k) * h * 1e-3;
        if (Tissue::dimension == 2) volume_mm3 *= h * 1e-3;
        add("vessel_length_density", vessel_sites * h * 1e-3 / volume_mm3, "mm/mm^3", "", "", comparison::no_reference);
        add("sprouts", static_cast<double>(a.sprouts), "-", "", "", comparison::no_reference);
        add("branchings", static_cast<double>(a.branchings), "-", "", "", comparison::no_reference);
        add("anastomoses", static_cast<double>(a.anastomoses), "-", "", "", comparison::no_reference);
        double marrow = 0;
        for (const auto m : t.template field<ossify::marrow>()) marrow += m != 0 ? 1 : 0;
        add("marrow_sites", marrow, "sites", "", "", comparison::no_reference);
    }
};

static_assert(scenario<figure_6_4_1>);

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_HPP
