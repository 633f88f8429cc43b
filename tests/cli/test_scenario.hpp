// Two small scenarios of the command-line tool's own tests: "test-lattice", an ossification centre
// around a BMP2 source on a 32 x 32 lattice run for three weeks, and "test-sheet", the same model on
// a 48 x 24 strip with other parameters (so that per-scenario options can be tested). It follows the scenario concept
// of <ossify/scenario/scenario.hpp> exactly as the library's scenarios do (typed parameters that
// describe themselves, defaults, events, measurements beside a published value, a metrics time
// series, pictures and a CSV file under the output folder), and runs in a few milliseconds, so
// the tests of ossify-run (bad invocations, ensembles, sensitivity screens, the report in a
// browser) do not depend on the cost of the real scenarios.
#ifndef OSSIFY_TESTS_CLI_TEST_SCENARIO_HPP
#define OSSIFY_TESTS_CLI_TEST_SCENARIO_HPP

#include <ossify/ossify.hpp>
#include <ossify/scenario/scenario.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ossify_cli_test {

using namespace ossify;
using namespace ossify::literals;

template <bool Sheet>
struct basic_test_lattice {
    static constexpr std::string_view name = Sheet ? "test-sheet" : "test-lattice";
    static constexpr std::string_view summary =
        Sheet ? "the test model on a 48 x 24 strip with a BMP2 source of a given radius: the tool's second test scenario"
              : "a small ossification centre around a BMP2 source (32 x 32 sites, three weeks): the tool's test scenario";
    static constexpr std::string_view convergence =
        "first osteoblast and first osteocyte move by less than one step between 6 h and 3 h (seed 42); "
        "a test scenario, whose convergence is not part of the library's contract";

    struct lattice_parameters {
        parameter<concentration_rate> bmp2_source{"bmp2_source", 400.0_nM / 1.0_d, concentration_rate::from_value(0.0),
                                                  concentration_rate::from_value(1.0e4),
                                                  "assumed: a bead-like source giving a peak of a few nM (examples/ossification_center.cpp)"};
        parameter<rate> commitment_rate{"commitment_rate", 0.5_per_d, 0.0_per_d, 10.0_per_d,
                                        "assumed: commitment within a few days (examples/ossification_center.cpp)"};
        parameter<velocity> apposition_rate{"apposition_rate", 3.0_um_per_d, 0.0_um_per_d, 20.0_um_per_d,
                                            "Peyrin et al. 2005 (fetal woven bone)"};
        parameter<rate> osteoblast_apoptosis{"osteoblast_apoptosis", 0.16_per_d, 0.0_per_d, 10.0_per_d,
                                             "Perier-Metz et al. 2020 (lattice-model value)"};
        parameter<double> initial_density{"initial_density", 0.5, 0.0, 1.0,
                                          "assumed: half the sites of the sheet hold a mesenchymal cell"};
        template <class V>
        void describe(V&& v) {
            v(bmp2_source);
            v(commitment_rate);
            v(apposition_rate);
            v(osteoblast_apoptosis);
            v(initial_density);
        }
    };
    struct strip_parameters {
        parameter<concentration_rate> bmp2_source{"bmp2_source", 400.0_nM / 1.0_d, concentration_rate::from_value(0.0),
                                                  concentration_rate::from_value(1.0e4),
                                                  "assumed: a bead-like source giving a peak of a few nM (examples/ossification_center.cpp)"};
        parameter<rate> commitment_rate{"commitment_rate", 0.5_per_d, 0.0_per_d, 10.0_per_d,
                                        "assumed: commitment within a few days (examples/ossification_center.cpp)"};
        parameter<velocity> apposition_rate{"apposition_rate", 3.0_um_per_d, 0.0_um_per_d, 20.0_um_per_d,
                                            "Peyrin et al. 2005 (fetal woven bone)"};
        parameter<rate> osteoblast_apoptosis{"osteoblast_apoptosis", 0.16_per_d, 0.0_per_d, 10.0_per_d,
                                             "Perier-Metz et al. 2020 (lattice-model value)"};
        parameter<length> source_radius{"source_radius", 40.0_um, 10.0_um, 200.0_um, "assumed: a bead of 80 um"};
        template <class V>
        void describe(V&& v) {
            v(bmp2_source);
            v(commitment_rate);
            v(apposition_rate);
            v(osteoblast_apoptosis);
            v(source_radius);
        }
    };
    using parameters = std::conditional_t<Sheet, strip_parameters, lattice_parameters>;

    static scenario_defaults defaults() {
        scenario_defaults d;
        d.grid = Sheet ? std::vector<std::int32_t>{48, 24} : std::vector<std::int32_t>{32, 32};
        d.dimensions = {2};
        d.spacing = 10.0_um;
        d.dt = 6.0_h;
        d.until = 21.0_d;
        d.min_extent = 16;
        d.clock = "the start of the run: a loose sheet of mesenchyme with a BMP2 source in its centre";
        return d;
    }

    /// Bytes per site of the tissue, for the tool's memory check.
    static double bytes_per_site() { return 64.0; }

    static scenario_result run(const scenario_options& options, const parameters& p) {
        const auto o = resolve(defaults(), options, Sheet ? "test-sheet" : "test-lattice");
        if constexpr (Sheet) {
            // The strip must hold the source with room around it (a check only the scenario can make).
            const double need = 4.0 * p.source_radius.internal();
            if (static_cast<double>(o.grid[1]) * o.spacing.value() < need) {
                throw invalid_parameter("test-sheet", "grid[1]", std::to_string(o.grid[1]) + " sites",
                                        ">= " + format_value(std::ceil(need / o.spacing.value())) + " sites (four source radii)");
            }
        }
        const auto started = std::chrono::steady_clock::now();
        auto rules = rule_set<intramembranous_lineage>(
            transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, p.commitment_rate.get())),
            transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
            transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)), proliferation<osteogenic>(hazard(0.3_per_d)),
            death<osteoblast>(hazard(p.osteoblast_apoptosis.get())));
        const grid2d grid{o.grid[0], o.grid[1], o.spacing};
        lattice_tissue tissue{rules, grid, signals<bmp2>{}, o.seed};
        const site<2> centre{o.grid[0] / 2, o.grid[1] / 2};
        const double half = 0.5 * static_cast<double>(std::min(o.grid[0], o.grid[1])) * o.spacing.value();
        double density = 0.5, radius = std::max(2.0 * o.spacing.value(), 0.1 * half);
        if constexpr (Sheet) radius = std::max(p.source_radius.internal(), o.spacing.value());
        else density = p.initial_density;
        tissue.fill_fraction(disc{centre, length::from_value(0.8 * half)}, mesenchymal{}, density);
        tissue.template process<diffuse_signals>().template add_source<bmp2>(disc{centre, length::from_value(radius)}, p.bmp2_source.get());
        tissue.template process<matrix_deposition>().apposition.template set<osteoblast>(p.apposition_rate.get());

        scenario_result r;
        r.scenario = std::string(name);
        r.seed = o.seed;
        r.grid = o.grid;
        r.spacing = o.spacing;
        r.dt = o.dt;
        r.until = o.until;
        r.parameters = parameter_table(p);
        r.events = {{"first osteoblast", "at least one osteoblast", {}},
                    {"first osteocyte", "at least one osteocyte", {}},
                    {"bone 1 %", "bone volume fraction (BV/TV) of the grid >= 0.01", {}}};
        r.series_names = {"time_d", "mesenchymal", "osteogenic", "osteoblast", "osteocyte", "bv_tv"};
        const bool write = o.output.has_value();
        const auto picture = [&](const std::string& file, const std::string& title) {
            if (!write || !o.pictures) return;
            const auto path = *o.output / file;
            render_tissue(tissue, title).write_png(path);
            r.files.push_back(path);
        };
        const auto record = [&] {
            const auto c = tissue.counts();
            r.series.push_back({tissue.time().value(), c[0], c[1], c[2], c[3], bone_volume_fraction(tissue).value()});
        };
        record();
        const auto total = static_cast<std::uint64_t>(std::ceil(o.until.value() / o.dt.value() - 1e-9));
        double next_row = 1.0;
        for (std::uint64_t k = 0; k < total; ++k) {
            const double left = o.until.value() - tissue.time().value();
            tissue.step(duration::from_value(std::min(o.dt.value(), left)));
            const double t = tissue.time().value();
            const auto c = tissue.counts();
            const double met[3] = {c[2], c[3], bone_volume_fraction(tissue).value() >= 0.01 ? 1.0 : 0.0};
            static const char* const files[3] = {"event_first_osteoblast.png", "event_first_osteocyte.png", "event_bone_1pct.png"};
            for (std::size_t e = 0; e < 3; ++e) {
                if (!r.events[e].time && met[e] > 0.0) {
                    r.events[e].time = duration::from_value(t);
                    picture(files[e], r.events[e].name + ", day " + std::to_string(static_cast<int>(t)) + ", seed " +
                                          std::to_string(o.seed.value));
                }
            }
            if (t >= next_row - 1e-9 || k + 1 == total) {
                record();
                next_row += 1.0;
            }
            if (options.progress) options.progress(t / o.until.value());
        }
        r.steps = tissue.steps();
        r.simulated = tissue.time();
        const auto c = tissue.counts();
        const double to_osteocyte = tissue.rule_fires(2), died = tissue.rule_fires(4);
        r.measurements.push_back({"osteoblasts", c[2], "-", "", "", comparison::no_reference, {}});
        r.measurements.push_back({"bone_volume_fraction", bone_volume_fraction(tissue).value(), "-", "", "", comparison::no_reference, {}});
        r.measurements.push_back({"osteoblasts_to_osteocytes", to_osteocyte + died > 0.0 ? 100.0 * to_osteocyte / (to_osteocyte + died) : 0.0,
                                  "%", "10-20", "Franz-Odendaal et al. 2006", comparison::prediction, std::pair{10.0, 20.0}});
        if (write) {
            picture("final.png", "day " + std::to_string(static_cast<int>(tissue.time().value())) + ", seed " + std::to_string(o.seed.value));
            const auto csv = *o.output / "metrics.csv";
            csv_writer w(csv, r.series_names, {std::string(name) + ", seed " + std::to_string(o.seed.value)});
            for (const auto& row : r.series) w.row(row);
            w.close();
            r.files.push_back(csv);
        }
        r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return r;
    }
};

using test_lattice = basic_test_lattice<false>;
using test_sheet = basic_test_lattice<true>;
static_assert(scenario<test_lattice> && scenario<test_sheet>);

}  // namespace ossify_cli_test

#endif  // OSSIFY_TESTS_CLI_TEST_SCENARIO_HPP
