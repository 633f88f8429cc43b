/// @file
/// @brief The Figure 6.4.1 scenario: the four stages of intramembranous ossification (a
/// condensation with capillaries and an ossification centre; osteoid, mineralisation and
/// osteocytes; trabecular matrix and periosteum; compact bone and red marrow) on a
/// cross-section through a flat bone, with the time each stage is reached and its picture.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_HPP

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "../cell.hpp"
#include "../detail/error.hpp"
#include "../matrix/kinetics.hpp"
#include "../observe/metrics.hpp"
#include "../observe/tissue_output.hpp"
#include "../process/processes.hpp"
#include "../random/seed.hpp"
#include "../signal/signals.hpp"
#include "../space/grid.hpp"
#include "../space/shapes.hpp"
#include "../tissue/lattice_tissue.hpp"
#include "../transition.hpp"
#include "../units/literals.hpp"
#include "../units/quantities.hpp"
#include "detail/figure_6_4_1_parts.hpp"
#include "parameters.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Options of run_figure_6_4_1(). Defaults run the 2-D cross-section in about a second.
struct figure_6_4_1_options {
    /// @brief The seed (printed by every result users see).
    ossify::seed seed{42};
    /// @brief 2 (a cross-section through the plate) or 3 (a small block of it).
    int dimension = 2;
    /// @brief Sites along x (along the plate), y (through its thickness) and z (3-D only).
    std::array<std::int32_t, 3> extent{240, 100, 24};
    /// @brief Site spacing (one cell diameter).
    length spacing = length::from_value(10.0);
    /// @brief Time step.
    duration dt = duration::from_value(2.0 / 24.0);
    /// @brief Simulated time (the run stops early once stage d is reached, if stop_at_d).
    duration until = duration::from_value(70.0);
    /// @brief Stop as soon as stage d has been reached.
    bool stop_at_d = false;
    /// @brief Where to write metrics.csv, the stage pictures (PNG) and VTK files; none: nothing written.
    std::optional<std::filesystem::path> output_dir;
    /// @brief The model parameters (defaults: figure_6_4_1_parameters(), each with its source).
    parameter_registry parameters = figure_6_4_1_parameters();
    /// @brief Called after every step with (simulated time, until), e.g. for a progress bar.
    std::function<void(duration, duration)> on_step;
};

/// @brief The plain-data picture of a tissue at one moment (for tests and custom analysis).
struct figure_6_4_1_snapshot {
    /// @brief Simulated time.
    duration time{};
    /// @brief Sites along x, y, z (z = 1 in 2-D); index = x + nx (y + ny z).
    std::array<std::int32_t, 3> extent{1, 1, 1};
    /// @brief Site spacing.
    length spacing{};
    /// @brief Lineage index per site (intramembranous_lineage order), 0xff where empty.
    std::vector<std::uint8_t> states;
    /// @brief Matrix volume fraction per site.
    std::vector<double> matrix;
    /// @brief Mineral volume fraction per site.
    std::vector<double> mineral;
    /// @brief 1 on red-marrow sites.
    std::vector<std::uint8_t> marrow;
    /// @brief Mineral age-independent check: per site, the time since the matrix there started
    /// to be laid (days; negative where there is no matrix).
    std::vector<float> first_matrix_time;
};

/// @brief One of the four stages of Figure 6.4.1.
struct figure_6_4_1_stage {
    /// @brief 'a', 'b', 'c' or 'd'.
    char label = 'a';
    /// @brief The measurable criterion that defines the stage.
    std::string criterion;
    /// @brief When the criterion was first met (nothing if never).
    std::optional<duration> reached;
    /// @brief The tissue when the stage was reached.
    std::optional<figure_6_4_1_snapshot> snapshot;
    /// @brief The stage picture (PNG), when an output folder was given.
    std::optional<std::filesystem::path> picture;
};

/// @brief Measurements to compare with published numbers (see docs/biology.md).
struct figure_6_4_1_validation {
    /// @brief Osteoblasts that became osteocytes, died, or joined the periosteum.
    std::uint64_t osteoblasts_to_osteocyte = 0, osteoblasts_died = 0, osteoblasts_to_periosteum = 0;
    /// @brief Osteoblasts still osteoblasts at the end.
    std::uint64_t osteoblasts_remaining = 0;
    /// @brief Osteocytes per mm^3 of bone matrix at the end.
    double osteocyte_density_per_mm3 = 0.0;
    /// @brief Mean distance from each osteocyte to its nearest osteocyte (um).
    double osteocyte_spacing_um = 0.0;
    /// @brief Mean width of trabecular struts along scan lines (um), at the end.
    double trabecular_strut_width_um = 0.0;
    /// @brief Trabecular and compact BV/TV over the central part of the plate, at the end.
    double trabecular_bv_tv = 0.0, compact_bv_tv = 0.0;
    /// @brief Mean y (site rows) of the outer bone face on each side and of the trabecular region's bounds.
    double compact_top_row = 0.0, compact_bottom_row = 0.0;
    /// @brief Largest and 95th-percentile distance from a cell of the soft tissue of the sheet to the nearest capillary or marrow site (um), at stage a.
    double max_capillary_distance_um = 0.0, p95_capillary_distance_um = 0.0;
    /// @brief Time for matrix laid down to become half mineralised (closed form of the kinetics), in days.
    double half_mineralisation_days = 0.0;
    /// @brief Red-marrow sites at the end.
    std::size_t marrow_sites = 0;
};

/// @brief What run_figure_6_4_1() returns.
struct figure_6_4_1_result {
    /// @brief The seed used.
    ossify::seed seed{0};
    /// @brief The four stages in order a-d.
    std::array<figure_6_4_1_stage, 4> stages;
    /// @brief Column names of the metrics time series (with units).
    std::vector<std::string> metric_names;
    /// @brief One row per simulated day (and the last step).
    std::vector<std::vector<double>> metrics;
    /// @brief The tissue at the end.
    figure_6_4_1_snapshot final_state;
    /// @brief Comparisons with published numbers.
    figure_6_4_1_validation validation;
    /// @brief Simulated time reached.
    duration simulated{};
    /// @brief Wall time of the run (seconds).
    double wall_seconds = 0.0;
    /// @brief Files written (metrics.csv, pictures, VTK), when an output folder was given.
    std::vector<std::filesystem::path> files;
};

namespace detail::fig641 {

using lin = intramembranous_lineage;
inline constexpr std::uint8_t i_mes = lin::index_of<mesenchymal>, i_ogc = lin::index_of<osteogenic>,
                              i_ob = lin::index_of<osteoblast>, i_oc = lin::index_of<osteocyte>,
                              i_endo = lin::index_of<endothelial>, i_peri = lin::index_of<periosteal>;

inline std::string stage_criterion(char s) {
    switch (s) {
        case 'a': return "at least 10 osteoblasts within 150 um of the centre, and capillaries present";
        case 'b': return "the first osteocyte (an osteoblast entrapped in mineralised matrix)";
        case 'c': return "periosteal cells on the outer bone surface, and a trabecular region over >= 200 um of the plate with BV/TV in [0.2, 0.9]";
        default: return "compact (outer 50 um) BV/TV >= 0.9, above the trabecular BV/TV, and red-marrow sites present";
    }
}

/// The rules of the scenario from its parameters (see figure_6_4_1_parameters()).
inline auto make_rules(const parameter_registry& p, std::int32_t mid_row, std::size_t normal_axis, double spacing_um) {
    const auto r = [&](const char* n) { return rate::from_value(p.get(n)); };
    const auto c = [&](const char* n) { return concentration::from_value(p.get(n)); };
    const double bone = p.get("bone_threshold");
    // No capillary forms where matrix lies: vessels are the spaces bone forms around.
    auto matrix_free = policy_fn([](const auto& ctx) {
        const auto& env = ctx.environment();
        return rate::from_value(env.tissue().matrix().matrix_fraction(env.site()) > 0.0 ? 0.0 : detail::inf);
    });
    // On the superficial face of the plate: no bone between the cell and the outside along
    // the plate's normal (away from the mid-plane). With on_outer_surface this is the outer
    // surface of the spongy bone, not the lining of a vessel channel.
    // ... and with spongy bone beneath it: at least `under` bone sites between the cell and
    // the mid-plane along the normal (the periosteum forms on the surface of the spongy bone,
    // not on the first osteoid of the centre).
    const auto under = static_cast<std::int32_t>(std::lround(p.get("periosteum_bone_beneath") / spacing_um));
    auto superficial = policy_fn([mid_row, normal_axis, bone, under](const auto& ctx) {
        const auto& env = ctx.environment();
        const auto& t = env.tissue();
        const auto& g = t.grid();
        const auto here = g.coords(env.site());
        auto s = here;
        const std::int32_t step = here[normal_axis] < mid_row ? -1 : 1;
        for (s[normal_axis] += step; s[normal_axis] >= 0 && s[normal_axis] < g.extent(normal_axis); s[normal_axis] += step) {
            if (t.matrix().matrix_fraction(g.index(s)) >= bone) return rate::from_value(0.0);
        }
        std::int32_t beneath = 0;
        s = here;
        for (s[normal_axis] -= step; s[normal_axis] >= 0 && s[normal_axis] < g.extent(normal_axis) &&
                                     (step < 0 ? s[normal_axis] <= mid_row : s[normal_axis] >= mid_row);
             s[normal_axis] -= step) {
            beneath += t.matrix().matrix_fraction(g.index(s)) >= bone ? 1 : 0;
        }
        return rate::from_value(beneath >= under ? detail::inf : 0.0);
    });
    return rule_set<intramembranous_lineage>(
        // (a) BMP2 from the signalling centre commits mesenchyme to the osteogenic lineage;
        // (b) the front signal of bone cells recruits the surrounding cells (source text).
        transition<mesenchymal, osteogenic>(hill<bmp2>(c("bmp2_half_max"), 2.0, r("bmp2_commitment_rate")) ||
                                            hill<dlx5_front>(c("front_signal_half_max"), 2.0, r("front_recruitment_rate"))),
        // (a) Some mesenchymal cells become capillaries, where VEGF is high and no matrix lies.
        transition<mesenchymal, endothelial>(hill<vegf>(c("vegf_half_max"), 2.0, r("capillary_formation_rate")) && matrix_free),
        transition<osteogenic, osteoblast>(after(duration::from_value(p.get("osteoblast_delay"))) && hazard(r("osteoblast_rate"))),
        // (b) Entrapped osteoblasts become osteocytes.
        transition<osteoblast, osteocyte>(entrapped(p.get("entrapment_fraction"), r("entrapment_rate"))),
        // ... or, more often, die there (osteoblast apoptosis; only 10-20 % become osteocytes).
        death<osteoblast>(entrapped(p.get("entrapment_fraction"), r("entrapped_apoptosis_rate"))),
        // (c) Osteoblasts on the outer surface of the spongy bone become the periosteum.
        transition<osteoblast, periosteal>(on_outer_surface(r("periosteum_rate")) && superficial),
        // (d) The periosteum spreads over the outer surface (its cells divide there) and, like
        // any bone-forming cell, a periosteal cell walled in by mineral becomes an osteocyte.
        proliferation<periosteal>(on_outer_surface(r("periosteal_proliferation")) && superficial),
        transition<periosteal, osteocyte>(entrapped(p.get("entrapment_fraction"), r("entrapment_rate"))),
        death<periosteal>(entrapped(p.get("entrapment_fraction"), r("entrapped_apoptosis_rate"))),
        proliferation<osteogenic>(hazard(r("osteogenic_proliferation"))),
        death<osteoblast>(hazard(r("osteoblast_apoptosis"))));
}

template <class Tissue>
figure_6_4_1_snapshot snapshot_of(const Tissue& t, const std::vector<float>& first_matrix) {
    figure_6_4_1_snapshot s;
    s.time = t.time();
    const auto& g = t.grid();
    for (std::size_t a = 0; a < Tissue::dimension; ++a) s.extent[a] = g.extent(a);
    s.spacing = g.spacing();
    s.states.assign(t.states().begin(), t.states().end());
    const auto m = t.matrix().matrix_fractions();
    s.matrix.assign(m.begin(), m.end());
    s.mineral.resize(g.size());
    t.matrix().mineral_fractions(s.mineral);
    s.marrow.assign(t.marrow().begin(), t.marrow().end());
    s.first_matrix_time.resize(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        s.first_matrix_time[i] = first_matrix[i] < 0.0f ? -1.0f : static_cast<float>(t.now_days()) - first_matrix[i];
    }
    return s;
}

inline void require_options(const figure_6_4_1_options& o) {
    constexpr const char* where = "ossify::run_figure_6_4_1";
    if (o.dimension != 2 && o.dimension != 3) {
        throw invalid_parameter(where, "dimension", detail::format_value(o.dimension), "2 or 3");
    }
    require_in_range(where, "extent[0]", o.extent[0], 16, 100000);
    require_in_range(where, "extent[1]", o.extent[1], 16, 100000);
    if (o.dimension == 3) require_in_range(where, "extent[2]", o.extent[2], 1, 100000);
    require_positive(where, "spacing", o.spacing.value(), "um");
    require_positive(where, "dt", o.dt.value(), "d");
    require_positive(where, "until", o.until.value(), "d");
    if (o.dt.value() > o.until.value()) {
        throw invalid_parameter(where, "dt", detail::format_value(o.dt.value()) + " d",
                                "(0, until = " + detail::format_value(o.until.value()) + " d]");
    }
}

template <std::size_t Dim>
figure_6_4_1_result run(const figure_6_4_1_options& o) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const parameter_registry& p = o.parameters;
    using grid_t = basic_grid<Dim>;
    std::array<std::int32_t, Dim> ext{};
    for (std::size_t a = 0; a < Dim; ++a) ext[a] = o.extent[a];
    const grid_t grid(ext, o.spacing);
    const double h = o.spacing.value();
    const std::int32_t ny = ext[1];
    const std::int32_t mid = ny / 2;
    const auto half_rows = static_cast<std::int32_t>(std::lround(0.5 * p.get("sheet_thickness") / h));
    auto census = std::make_shared<census_data>();
    vessel_sprouting<i_endo, vegf> sprout{p.get("capillary_sprouting_rate"), p.get("sprouting_half_max")};
    const std::int32_t sheet_lo = std::max(1, mid - half_rows), sheet_hi = std::min(ny - 2, mid + half_rows - 1);
    auto procs = processes(census_before{census}, diffuse_signals{}, cell_fates{},
                           census_after<i_ob, i_oc, i_peri>{census}, cell_migration{},
                           sheet_confinement<i_mes, i_ogc>{sheet_lo, sheet_hi, 1}, sprout, matrix_deposition{},
                           matrix_mineralisation{}, structure_remodelling{});
    basic_lattice_tissue tissue(make_rules(p, mid, 1, h), grid, signals<bmp2, vegf, dlx5_front>{}, o.seed, procs);

    // The sheet of mesenchyme: the plate's thickness along y, its full extent along x (and z).
    site<Dim> lo{}, hi{}, centre{};
    for (std::size_t a = 0; a < Dim; ++a) {
        lo[a] = 0;
        hi[a] = ext[a] - 1;
        centre[a] = ext[a] / 2;
    }
    lo[1] = sheet_lo;
    hi[1] = sheet_hi;
    tissue.fill_fraction(box<Dim>(lo, hi), mesenchymal{}, p.get("mesenchyme_density"));
    // The vascular channels of the sheet (assumed pattern, see "vascular_channel_*"): a mesh of
    // channels `spacing` um apart, along the plate and through its thickness, between two
    // faces `depth` um under the faces of the sheet. Each site of a channel holds a capillary cell with probability
    // `vascular_channel_fill`, so the network has gaps that osteoid can bridge.
    {
        const auto w = std::max<std::int32_t>(1, static_cast<std::int32_t>(std::lround(p.get("vascular_channel_width") / h)));
        const auto gap = std::max<std::int32_t>(w + 1, static_cast<std::int32_t>(std::lround(p.get("vascular_channel_spacing") / h)));
        const auto inset = static_cast<std::int32_t>(std::lround(p.get("vascular_channel_depth") / h));
        const double fill = p.get("vascular_channel_fill");
        const std::int32_t top = std::min(hi[1], lo[1] + inset), bottom = std::max(lo[1], hi[1] - inset - w + 1);
        for (std::int32_t y0 = top; y0 <= bottom; y0 += gap) {
            auto a = lo, b = hi;
            a[1] = y0;
            b[1] = std::min(hi[1], y0 + w - 1);
            tissue.fill_fraction(box<Dim>(a, b), endothelial{}, fill);
        }
        for (std::int32_t x0 = (ext[0] / 2) % gap; x0 + w - 1 < ext[0]; x0 += gap) {
            auto a = lo, b = hi;
            a[0] = x0;
            b[0] = x0 + w - 1;
            a[1] = top;
            b[1] = std::min(hi[1], bottom + w - 1);
            if (Dim == 3) {
                // In 3-D the cross-channels are rods along z spaced like the x ones.
                for (std::int32_t z0 = (ext[Dim - 1] / 2) % gap; z0 + w - 1 < ext[Dim - 1]; z0 += gap) {
                    a[Dim - 1] = z0;
                    b[Dim - 1] = z0 + w - 1;
                    tissue.fill_fraction(box<Dim>(a, b), endothelial{}, fill);
                }
            } else {
                tissue.fill_fraction(box<Dim>(a, b), endothelial{}, fill);
            }
        }
    }
    tissue.template add_source<bmp2>(basic_sphere<Dim>(centre, length::from_value(p.get("bmp2_source_radius"))),
                                     concentration_rate::from_value(p.get("bmp2_source_rate")));
    tissue.template set_motility<mesenchymal>(rate::from_value(p.get("mesenchyme_motility")));
    tissue.template set_migration_bias<bmp2>(0.5, p.get("condensation_adhesion"));
    tissue.template set_secretion<mesenchymal, vegf>(concentration_rate::from_value(p.get("vegf_secretion_mesenchyme")));
    tissue.template set_secretion<osteoblast, vegf>(concentration_rate::from_value(p.get("vegf_secretion_osteoblast")));
    tissue.template set_uptake<endothelial, vegf>(rate::from_value(p.get("vegf_uptake_endothelial")));
    const auto front = concentration_rate::from_value(p.get("front_signal_secretion"));
    tissue.template set_secretion<osteoblast, dlx5_front>(front);
    tissue.template set_secretion<osteocyte, dlx5_front>(front);
    tissue.template set_secretion<periosteal, dlx5_front>(front);
    tissue.template set_apposition<osteoblast>(velocity::from_value(p.get("apposition_rate")));
    tissue.template set_apposition<periosteal>(velocity::from_value(p.get("periosteal_apposition_rate")));
    tissue.template set_outward_migration<periosteal>(true);
    tissue.template set_outward_migration<osteoblast>(true);
    tissue.set_bone_threshold(p.get("bone_threshold"));
    const auto woven = mineralisation_kinetics::woven_bone();
    const mineralisation_kinetics kinetics(duration::from_value(p.get("mineralisation_lag")),
                                           rate::from_value(p.get("mineralisation_rate")), woven.primary_fraction(),
                                           woven.secondary_rate());
    tissue.set_mineralisation(kinetics);

    figure_6_4_1_result res;
    res.seed = o.seed;
    for (std::size_t k = 0; k < 4; ++k) {
        res.stages[k].label = static_cast<char>('a' + k);
        res.stages[k].criterion = stage_criterion(res.stages[k].label);
    }
    const extent3 e3{ext[0], ext[1], Dim == 3 ? static_cast<std::int32_t>(o.extent[2]) : 1};
    const double bone = p.get("bone_threshold");
    const std::int32_t half_width = ext[0] / 4;
    const std::int32_t depth = std::max(1, static_cast<std::int32_t>(std::lround(50.0 / h)));
    std::vector<float> first_matrix(grid.size(), -1.0f);
    std::optional<csv_metrics_recorder> csv;
    if (o.output_dir) {
        std::filesystem::create_directories(*o.output_dir);
        csv.emplace(*o.output_dir / "metrics.csv", 1, std::vector<std::string>{"Figure 6.4.1 scenario (ossify)"});
        res.files.push_back(*o.output_dir / "metrics.csv");
    }
    const auto record = [&](const auto& t) {
        auto row = standard_metrics(t, centre);
        if (res.metric_names.empty()) res.metric_names = row.names;
        res.metrics.push_back(row.values);
        if (csv) (*csv)(t, t.time());
    };
    const auto stage_a = [&](const auto& t) {
        const auto s = t.states();
        std::size_t near = 0, caps = 0;
        const double r2 = (150.0 / h) * (150.0 / h);
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == i_endo) ++caps;
            if (s[i] != i_ob) continue;
            const auto c = grid.coords(i);
            double d2 = 0.0;
            for (std::size_t a = 0; a < Dim; ++a) d2 += double(c[a] - centre[a]) * double(c[a] - centre[a]);
            near += d2 <= r2 ? 1u : 0u;
        }
        return near >= 10 && caps > 0;
    };
    // Stage c waits for spongy bone: a trabecular region (bone thicker than the two compact
    // layers) over at least 200 um of the plate.
    const auto min_trabecular_columns = static_cast<std::size_t>(std::lround(200.0 / h));
    const auto stage_c = [&](const auto& t) {
        if (t.template count<periosteal>() == 0) return false;
        const auto pr = measure_plate(e3, h, t.matrix().matrix_fractions(), bone, half_width, depth);
        return pr.columns >= min_trabecular_columns && pr.trabecular_bv_tv >= 0.2 && pr.trabecular_bv_tv <= 0.9;
    };
    const auto stage_d = [&](const auto& t) {
        if (std::none_of(t.marrow().begin(), t.marrow().end(), [](std::uint8_t m) { return m != 0; })) return false;
        const auto pr = measure_plate(e3, h, t.matrix().matrix_fractions(), bone, half_width, depth);
        return pr.compact_sites > 0 && pr.compact_bv_tv >= 0.9 && pr.compact_bv_tv > pr.trabecular_bv_tv;
    };
    const auto picture = [&](const auto& t, const std::string& stem, const std::string& title) -> std::optional<std::filesystem::path> {
        if (!o.output_dir) return std::nullopt;
        const auto png = *o.output_dir / (stem + ".png");
        const auto vti = *o.output_dir / (stem + ".vti");
        const std::int32_t z = Dim == 3 ? e3.nz / 2 : 0;
        render_tissue(t, title, 3, z).write_png(png);
        write_tissue_vti(vti, t);
        res.files.push_back(png);
        res.files.push_back(vti);
        return png;
    };
    const char* titles[4] = {"(a) condensation, capillaries, ossification centre", "(b) osteoid, mineral, osteocytes",
                             "(c) trabecular matrix and periosteum", "(d) compact bone and red marrow"};
    double next_record = 1.0;
    std::optional<figure_6_4_1_snapshot> capillary_check;
    record(tissue);
    const double end = o.until.value();
    while (end - tissue.now_days() > 1e-9 * o.dt.value()) {
        tissue.step(duration::from_value(std::min(o.dt.value(), end - tissue.now_days())));
        const auto mf = tissue.matrix().matrix_fractions();
        for (std::size_t i = 0; i < grid.size(); ++i) {
            if (first_matrix[i] < 0.0f && mf[i] > 0.0) first_matrix[i] = static_cast<float>(tissue.now_days());
        }
        if (tissue.now_days() + 1e-9 >= next_record) {
            record(tissue);
            next_record += 1.0;
        }
        const bool reached[4] = {
            !res.stages[0].reached && stage_a(tissue), !res.stages[1].reached && tissue.template count<osteocyte>() > 0,
            !res.stages[2].reached && res.stages[1].reached && stage_c(tissue),
            !res.stages[3].reached && res.stages[2].reached && stage_d(tissue)};
        for (std::size_t k = 0; k < 4; ++k) {
            if (!reached[k]) continue;
            auto& st = res.stages[k];
            st.reached = tissue.time();
            st.snapshot = snapshot_of(tissue, first_matrix);
            char day[64];
            std::snprintf(day, sizeof day, ", day %.1f, seed %llu", tissue.now_days(),
                          static_cast<unsigned long long>(o.seed.value));
            st.picture = picture(tissue, std::string("stage_") + st.label, titles[k] + std::string(day));
        }
        if (o.on_step) o.on_step(tissue.time(), o.until);
        if (o.stop_at_d && res.stages[3].reached) break;
    }
    if (res.metrics.empty() || res.metrics.back()[0] != tissue.now_days()) record(tissue);
    res.simulated = tissue.time();
    res.final_state = snapshot_of(tissue, first_matrix);
    picture(tissue, "final", "final state, day " + std::to_string(static_cast<int>(std::lround(tissue.now_days()))) +
                                 ", seed " + std::to_string(o.seed.value));

    // Validation measurements.
    auto& v = res.validation;
    v.osteoblasts_to_osteocyte = census->to_osteocyte;
    v.osteoblasts_died = census->died;
    v.osteoblasts_to_periosteum = census->to_periosteal;
    v.osteoblasts_remaining = tissue.template count<osteoblast>();
    v.osteocyte_density_per_mm3 = osteocyte_density<decltype(tissue), osteocyte>(tissue).value() * 1e9;
    {
        std::vector<std::array<std::int32_t, 3>> oc;
        const auto s = tissue.states();
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != i_oc) continue;
            const auto c = grid.coords(i);
            oc.push_back({c[0], c[1], Dim == 3 ? static_cast<std::int32_t>(c[Dim - 1]) : 0});
        }
        double sum = 0.0;
        for (std::size_t i = 0; i < oc.size(); ++i) {
            double best = std::numeric_limits<double>::infinity();
            for (std::size_t j = 0; j < oc.size(); ++j) {
                if (i == j) continue;
                const double dx = oc[i][0] - oc[j][0], dy = oc[i][1] - oc[j][1], dz = oc[i][2] - oc[j][2];
                best = std::min(best, dx * dx + dy * dy + dz * dz);
            }
            sum += std::sqrt(best) * h;
        }
        v.osteocyte_spacing_um = oc.size() > 1 ? sum / static_cast<double>(oc.size()) : 0.0;
    }
    const auto pr = measure_plate(e3, h, tissue.matrix().matrix_fractions(), bone, half_width, depth);
    v.trabecular_strut_width_um = pr.mean_strut_width_um;
    v.trabecular_bv_tv = pr.trabecular_bv_tv;
    v.compact_bv_tv = pr.compact_bv_tv;
    v.compact_top_row = pr.mean_top;
    v.compact_bottom_row = pr.mean_bottom;
    v.marrow_sites = static_cast<std::size_t>(std::count(tissue.marrow().begin(), tissue.marrow().end(), std::uint8_t{1}));
    {
        // Capillary spacing at stage a (else at the end): soft-tissue cells of the sheet.
        const auto& snap = res.stages[0].snapshot ? *res.stages[0].snapshot : res.final_state;
        std::vector<std::uint8_t> tissue_mask(grid.size(), 0), vessel_mask(grid.size(), 0);
        for (std::size_t i = 0; i < grid.size(); ++i) {
            const auto c = grid.coords(i);
            const bool in_sheet = c[1] >= lo[1] && c[1] <= hi[1];
            const auto st = snap.states[i];
            vessel_mask[i] = static_cast<std::uint8_t>(st == i_endo || snap.marrow[i] != 0);
            tissue_mask[i] = static_cast<std::uint8_t>(in_sheet && st != 0xff && st != i_endo && snap.matrix[i] < bone);
        }
        auto dist = distances_to_vessels(e3, h, tissue_mask, vessel_mask);
        if (!dist.empty()) {
            std::sort(dist.begin(), dist.end());
            v.max_capillary_distance_um = dist.back();
            v.p95_capillary_distance_um = dist[static_cast<std::size_t>(0.95 * static_cast<double>(dist.size() - 1))];
        }
    }
    {
        // Half mineralisation: bisection on the closed-form degree (the lattice follows it exactly).
        double a = 0.0, b = 1000.0;
        const double target = 0.5 * kinetics.primary_fraction();
        for (int k = 0; k < 100; ++k) {
            const double m = 0.5 * (a + b);
            (kinetics.degree(duration::from_value(m)) < target ? a : b) = m;
        }
        v.half_mineralisation_days = 0.5 * (a + b);
    }
    res.wall_seconds = std::chrono::duration<double>(clock::now() - t0).count();
    return res;
}

}  // namespace detail::fig641

/**
 * @brief Runs the Figure 6.4.1 scenario: a sheet of mesenchyme (a cross-section through a
 * flat bone) condenses around a BMP2 signalling centre; capillaries form (VEGF); osteogenic
 * cells and then osteoblasts cluster in the ossification centre (a); osteoblasts secrete
 * osteoid that mineralises within days and entraps some of them as osteocytes while a front
 * signal recruits new osteoblasts (b); bone forms around the capillaries as trabecular matrix
 * and surface osteoblasts become periosteum (c); the periosteum lays compact bone on the
 * outside and vessels walled in by bone become red marrow (d).
 *
 * Throws ossify::invalid_parameter on bad options (nothing is run or written).
 */
[[nodiscard]] inline figure_6_4_1_result run_figure_6_4_1(const figure_6_4_1_options& options = {}) {
    detail::fig641::require_options(options);
    return options.dimension == 3 ? detail::fig641::run<3>(options) : detail::fig641::run<2>(options);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_HPP
