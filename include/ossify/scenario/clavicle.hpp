/// @file
/// @brief The clavicle scenario: an elongated 2-D sheet (the clavicle's mesenchymal
/// primordium) in which the two early ossification centres (medial and lateral) appear in
/// embryonic weeks 5-6 and their bone fronts meet and fuse by about day 45 (O'Rahilly &
/// Gardner 1972; Gray's Anatomy). Uses the front-recruitment model of calvaria.hpp.
///
/// Imposed: the centres' onsets and separation, the front speed (set from the cited fusion
/// day and the separation, so fusion near day 45 checks the dynamics, not an independent
/// prediction). Emerges: the time of first bone and of the bony union (front meeting plus
/// the osteoid-to-bone lag of the matrix model).
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_CLAVICLE_HPP
#define OSSIFY_SCENARIO_CLAVICLE_HPP

#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calvaria.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Parameters of the clavicle model (sources in each comment and in docs/scenario.md).
struct clavicle_parameters {
    /// @brief Onset of the first (medial) centre's osteoblast cluster, as age since
    /// fertilisation: day 37 (5.3 weeks). O'Rahilly & Gardner 1972: ossification in weeks 5-6;
    /// the cluster is placed early in that window so that its first bone (a few days of
    /// osteoid later) falls inside it.
    duration onset_medial = duration::from_value(37.0);
    /// @brief Onset of the second (lateral) centre: day 37.5. Assumed: the two centres appear
    /// close together (O'Rahilly & Gardner 1972 give both in weeks 5-6).
    duration onset_lateral = duration::from_value(37.5);
    /// @brief Distance between the two centres: 500 um. Assumed: a quarter of a ~2 mm long
    /// primordium (its size at this stage is not in our sources).
    length separation = length::from_value(500.0);
    /// @brief Front speed: 50 um/d. Set (assumed) so that the fronts cross the ~400 um between
    /// the clusters in ~4 days, i.e. meet by about day 42 and unite as bone (osteoid needs a
    /// few more days to fill a site) by about day 45 (O'Rahilly & Gardner 1972: fused by
    /// ~day 45).
    velocity front_speed = velocity::from_value(50.0);
    /// @brief Osteoid apposition: 3 um/d, fetal woven bone (Peyrin et al. 2005).
    velocity apposition = velocity::from_value(3.0);
    /// @brief Radius of a new centre's cluster: 50 um (assumed: a few cells).
    length centre_radius = length::from_value(50.0);
    /// @brief dlx5_front secretion by bone cells: 330 nM/d (assumed, as in calvaria_parameters).
    concentration_rate front_signal_secretion = concentration_rate::from_value(330.0);
    /// @brief Recruitment threshold of the front signal: 1 nM (assumed, as in calvaria_parameters).
    concentration front_signal_threshold = concentration::from_value(1.0);
};

/// @brief Options of run_clavicle.
struct clavicle_options {
    /// @brief Seed of the tissue's generator.
    std::uint64_t seed = 42;
    /// @brief Sites along the bone (80 x 25 um = 2 mm).
    std::int32_t nx = 80;
    /// @brief Sites across (16 x 25 um = 0.4 mm).
    std::int32_t ny = 16;
    /// @brief Site spacing (25 um: the fine end of 25-50 um; the domain is small).
    length spacing = length::from_value(25.0);
    /// @brief Step (6 h: a front crosses a 25 um site in ~0.6 d).
    duration dt = duration::from_value(0.25);
    /// @brief The run ends at this age since fertilisation (day 60).
    duration until = duration::from_value(60.0);
    /// @brief Where pictures go (none when empty): one at fusion and one at the end.
    std::optional<std::filesystem::path> output_dir;
    /// @brief Model parameters.
    clavicle_parameters parameters;
};

/// @brief What run_clavicle reports (ages since fertilisation).
struct clavicle_result {
    /// @brief The seed used.
    std::uint64_t seed = 0;
    /// @brief First bone (matrix >= bone threshold) of the medial centre.
    std::optional<duration> onset_medial;
    /// @brief First bone of the lateral centre.
    std::optional<duration> onset_lateral;
    /// @brief Age at which the fronts of the two centres first touched (osteoblasts adjacent).
    std::optional<duration> fronts_met;
    /// @brief Age at which bone of the two centres first touched (bony union), if it did.
    std::optional<duration> fused;
    /// @brief Ossified length along the midline at the end.
    length ossified_length{};
    /// @brief Steps taken.
    std::size_t steps = 0;
    /// @brief Wall-clock time (s).
    double wall_seconds = 0.0;
    /// @brief Pictures written.
    std::vector<std::filesystem::path> pictures;
};

/**
 * @brief Runs the clavicle scenario from 5 weeks after fertilisation (day 35) to
 * `options.until`. Throws ossify::invalid_parameter on bad options (before any work).
 */
[[nodiscard]] inline clavicle_result run_clavicle(const clavicle_options& o = {}) {
    constexpr const char* where = "ossify::run_clavicle";
    detail::scenario::require_grid(where, o.nx, o.ny);
    const double h = o.spacing.value();
    detail::require_in_range(where, "spacing", h, 5.0, 200.0, "um");
    detail::require_in_range(where, "dt", o.dt.value(), 1e-3, 2.0, "d");
    const double start = 35.0;
    detail::require_in_range(where, "until", o.until.value(), start, 280.0, "d");
    const auto& pp = o.parameters;
    detail::require_in_range(where, "onset_medial", pp.onset_medial.value(), start, o.until.value(), "d");
    detail::require_in_range(where, "onset_lateral", pp.onset_lateral.value(), start, o.until.value(), "d");
    detail::require_in_range(where, "separation", pp.separation.value(), 2.0 * h, (o.nx - 2) * h, "um");
    detail::require_positive(where, "front_speed", pp.front_speed.value(), "um d^-1");
    detail::require_non_negative(where, "apposition", pp.apposition.value(), "um d^-1");
    detail::require_in_range(where, "centre_radius", pp.centre_radius.value(), 0.0, 0.5 * pp.separation.value(), "um");
    detail::require_positive(where, "front_signal_secretion", pp.front_signal_secretion.value(), "nM d^-1");
    detail::require_positive(where, "front_signal_threshold", pp.front_signal_threshold.value(), "nM");

    const auto wall_start = std::chrono::steady_clock::now();
    // Simulation t = 0 at day 35 after fertilisation (gestational week 7).
    const developmental_clock clock{duration::from_value(start + development::fertilisation_gestational_days)};
    auto model = std::make_shared<front_model>();
    const double mid_x = 0.5 * o.nx * h, mid_y = 0.5 * o.ny * h;
    model->centres.push_back({"medial", {mid_x - 0.5 * pp.separation.value(), mid_y},
                              clock.time_at_fertilisation_age(pp.onset_medial).value(), pp.centre_radius.value()});
    model->centres.push_back({"lateral", {mid_x + 0.5 * pp.separation.value(), mid_y},
                              clock.time_at_fertilisation_age(pp.onset_lateral).value(), pp.centre_radius.value()});
    model->inhibition_um = h;
    model->birth_d = std::numeric_limits<double>::infinity();
    model->speed_prenatal = pp.front_speed.value();
    model->speed_postnatal = pp.front_speed.value();
    model->threshold_nM = pp.front_signal_threshold.value();
    // The two centres make one bone: no suture between them.
    model->set_inhibition(0, 1, -std::numeric_limits<double>::infinity());
    const grid2d grid{o.nx, o.ny, o.spacing};
    model->prepare(grid.size(), h);

    lattice_tissue tissue{rule_set<intramembranous_lineage>(), grid, signals<dlx5_front>{}, seed{o.seed},
                          processes(diffuse_signals{}, front_recruitment{model}, front_entrapment{},
                                    front_deposition{model}, matrix_mineralisation{})};
    tissue.fill(box<2>{{0, 0}, {o.nx - 1, o.ny - 1}}, mesenchymal{});
    tissue.set_secretion<osteoblast, dlx5_front>(pp.front_signal_secretion);
    tissue.set_secretion<osteocyte, dlx5_front>(pp.front_signal_secretion);
    tissue.set_apposition<osteoblast>(pp.apposition);

    clavicle_result r;
    r.seed = o.seed;
    if (o.output_dir) std::filesystem::create_directories(*o.output_dir);
    auto picture = [&](const std::string& tag) {
        const auto path = *o.output_dir / ("clavicle_" + tag + ".png");
        render_tissue(tissue, "clavicle, " + tag + " (seed " + std::to_string(o.seed) + ")", 6).write_png(path);
        r.pictures.push_back(path);
    };
    const double end = o.until.value() - start;
    const double bone = tissue.bone_threshold();
    while (end - tissue.now_days() > 1e-9) {
        tissue.step(duration::from_value(std::min(o.dt.value(), end - tissue.now_days())));
        ++r.steps;
        const duration age = clock.fertilisation_age(tissue.time());
        const auto& m = tissue.matrix();
        for (std::size_t i = 0; i < grid.size(); ++i) {
            const auto l = model->label[i];
            if (l == no_bone) continue;
            const bool is_bone = m.matrix_fraction(i) >= bone;
            if (is_bone && l == 0 && !r.onset_medial) r.onset_medial = age;
            if (is_bone && l == 1 && !r.onset_lateral) r.onset_lateral = age;
            if (l != 0) continue;
            detail::for_each_face_neighbour(grid, i, [&](std::size_t j) {
                if (model->label[j] != 1) return;
                if (!r.fronts_met) r.fronts_met = age;
                if (!r.fused && is_bone && m.matrix_fraction(j) >= bone) r.fused = age;
            });
        }
        if (o.output_dir && r.fused && r.pictures.empty()) picture("fused");
    }
    // Ossified length along the middle row.
    std::int32_t lo = o.nx, hi = -1;
    for (std::int32_t x = 0; x < o.nx; ++x) {
        if (tissue.matrix().matrix_fraction(grid.index(site<2>{x, o.ny / 2})) >= bone) {
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
    }
    r.ossified_length = length::from_value(hi >= lo ? (hi - lo + 1) * h : 0.0);
    if (o.output_dir) picture("end");
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return r;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CLAVICLE_HPP
