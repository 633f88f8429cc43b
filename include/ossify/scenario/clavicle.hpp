/// @file
/// @brief The clavicle scenario: the clavicle's membranous primordium from 33 days after
/// fertilisation, on the calvaria's mechanisms: its two primary centres pattern themselves
/// (the activator-inhibitor pair, at the mouse's tempo: the clavicle ossifies within days), and
/// their fronts, driven by the primordium's growth, unite them into one bone (O'Rahilly &
/// Gardner 1972: first bone in weeks 5-6 after fertilisation, the two centres fused by ~day 45).
///
/// The primordium is a flat sheet 5 times longer than wide (assumed), growing with the embryo:
/// its length is `length_fraction` of the crown-rump length (CRL(mm) = ((GA - 23.73 d) / 8.052)^2,
/// Robinson 1975; K). Model time 0 is `start` after fertilisation.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_CLAVICLE_HPP
#define OSSIFY_SCENARIO_CLAVICLE_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calvaria/model.hpp"
#include "scenario.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief Crown-rump length (mm) at gestational age `ga_days` (Robinson 1975: GA = 8.052
/// sqrt(CRL) + 23.73 days; K; valid from ~6 weeks).
[[nodiscard]] inline double robinson_crl_mm(double ga_days) noexcept {
    const double x = std::max(0.0, ga_days - 23.73) / 8.052;
    return x * x;
}

/// @brief The clavicle's primordium and its run.
struct clavicle_anatomy {
    /// @brief Age after fertilisation at t = 0.
    parameter<duration> start{"start", duration::from_value(33.0), duration::from_value(28.0), duration::from_value(45.0),
                              "assumed: before the first bone (O'Rahilly & Gardner 1972: weeks 5-6 after fertilisation)"};
    /// @brief Length of the primordium over the crown-rump length.
    parameter<double> length_fraction{"length_fraction", 0.2, 0.01, 1.0,
                                      "assumed: the clavicular condensation spans a fifth of the embryo's length "
                                      "(2 mm at 5 weeks after fertilisation)"};
    /// @brief Where the two centres are favoured: at +- this share of the length from the middle.
    parameter<double> centre_offset{"centre_offset", 0.25, 0.0, 0.5,
                                    "assumed: one primary centre in the medial and one in the lateral half of the shaft "
                                    "(Gray's Anatomy, K); the pair's lobe field peaks at their middles"};
    /// @brief Width of each lobe (share of the length).
    parameter<double> lobe_width{"lobe_width", 0.1, 0.01, 1.0, "assumed: a fifth of a half's length"};
    /// @brief Relative amplitude of the pair's initial fluctuations.
    parameter<double> noise{"noise", 3e-4, 0.0, 0.5, "as the calvaria's"};
    /// @brief Lists the parameters.
    template <class V>
    void describe(V&& v) { v(start), v(length_fraction), v(centre_offset), v(lobe_width), v(noise); }
};

/// @brief `p` with another default value and the source of that value (same name and range).
template <class Q>
[[nodiscard]] parameter<Q> resourced(const parameter<Q>& p, Q value, std::string source) {
    return parameter<Q>{p.name(), value, p.lower(), p.upper(), std::move(source)};
}

/// @brief The clavicle's parameters: the calvaria's processes at the clavicle's values.
struct clavicle_parameters {
    clavicle_anatomy anatomy;                 ///< primordium and run
    pair_kinetics pair;                       ///< the pair, at Lee et al.'s own rates
    centre_nucleation nucleation;             ///< centres
    front_recruitment front;                  ///< fronts
    suture_inhibitor_kinetics suture;         ///< none between the centres of one bone
    woven_ossification ossification;          ///< filling with woven bone
    /// @brief The clavicle's values where they differ from the calvaria's (each with its own source).
    clavicle_parameters() {
        pair.activator_decay = resourced(pair.activator_decay, rate::from_value(8.64),
                                         "Lee et al. 2019: 1e-4 /s at the mouse's own tempo (not divided by 13.6: the "
                                         "clavicle's two centres appear and unite within days, O'Rahilly & Gardner 1972)");
        pair.inhibitor_decay = resourced(pair.inhibitor_decay, rate::from_value(17.28),
                                         "Lee et al. 2019: 2e-4 /s at the mouse's own tempo (as activator_decay)");
        pair.substep = resourced(pair.substep, duration::from_value(0.005),
                                 "numerical: 0.005 d = 0.043 / activator_decay (the calvaria: 0.032); dt vs dt/2 "
                                 "checked in tests/unit/scenario/clavicle.cpp");
        suture.production = resourced(suture.production, 0.0,
                                      "assumed 0: no suture forms between the two centres of one bone (they fuse)");
    }
    /// @brief Lists the parameters by group.
    template <class V>
    void describe(V&& v) {
        v("anatomy", anatomy), v("pair", pair), v("nucleation", nucleation), v("front", front), v("suture", suture);
        v("ossification", ossification);
    }
};

}  // namespace vault

/**
 * @brief The clavicle scenario (ossify::scenario): events "medial centre", "lateral centre",
 * "medial bone", "lateral bone", "fronts met", "united" (bone of the two centres in contact),
 * in model time (t = 0 at anatomy.start after fertilisation); measurements beside O'Rahilly &
 * Gardner 1972.
 */
struct clavicle {
    /// @brief Name on the command line.
    static constexpr std::string_view name = "clavicle";
    /// @brief One line for --help.
    static constexpr std::string_view summary =
        "clavicle primordium, days 33-60 after fertilisation: two centres by reaction-diffusion, united by their fronts";
    /// @brief How the default time step was shown to converge (--help, summary.json).
    static constexpr std::string_view convergence =
        "converged at dt 0.05 d: 8 seeds at 0.05 d and at 0.025 d, every event day and measurement moves by less than "
        "4 standard errors of the difference plus one step (test 'clavicle: the default time step is converged')";
    /// @brief The parameters.
    using parameters = vault::clavicle_parameters;
    /// @brief The grid's aspect (length / width of the primordium; assumed).
    static constexpr std::int32_t aspect = 5;
    /// @brief Age after fertilisation (d) at which the spacing is defined (the length then).
    static constexpr double reference_day = 45.0;

    /// @brief Defaults: 100 x 20 sites (38 um at day 45), dt 0.05 d, until day 60.
    [[nodiscard]] static scenario_defaults defaults() {
        const parameters p;
        scenario_defaults d;
        d.grid = {100, 20};
        d.spacing = length::from_value(reference_length_um(p) / 100.0);
        d.dt = duration::from_value(0.05);
        d.until = duration::from_value(60.0 - p.anatomy.start.get().value());
        d.min_extent = 8;
        d.clock = "t = 0 at anatomy.start after fertilisation (33 days)";
        return d;
    }
    /// @brief The primordium's length at reference_day (um): the spacing is defined on it.
    [[nodiscard]] static double reference_length_um(const parameters& p) {
        return 1000.0 * p.anatomy.length_fraction * vault::robinson_crl_mm(reference_day + 14.0);
    }

    /// @brief Runs the clavicle; throws invalid_parameter for bad options before any work.
    [[nodiscard]] static scenario_result run(const scenario_options& o, const parameters& p) {
        constexpr const char* where = "ossify::clavicle";
        const auto wall0 = std::chrono::steady_clock::now();
        const double ref = reference_length_um(p);
        scenario_options fixed = o;
        if (!o.grid && o.spacing) {
            const auto nx = static_cast<std::int32_t>(std::lround(ref / o.spacing->value()));
            fixed.grid = std::vector<std::int32_t>{nx, std::max(1, nx / aspect)};
        }
        const auto g = fixed.grid.value_or(defaults().grid);
        if (g.size() == 2 && std::abs(g[0] - aspect * g[1]) > aspect) {
            throw invalid_parameter(where, "grid", std::to_string(g[0]) + " x " + std::to_string(g[1]),
                                    "nx = 5 ny (the primordium's aspect; the grid is a resolution of a fixed anatomy)");
        }
        if (g.size() == 2) fixed.spacing = length::from_value(ref / g[0]);
        if (o.spacing && std::abs(o.spacing->value() - fixed.spacing->value()) > 0.01 * fixed.spacing->value()) {
            throw invalid_parameter(where, "spacing", format_value(o.spacing->value()) + " um",
                                    format_value(fixed.spacing->value()) + " um, the spacing of the grid given");
        }
        const auto r = resolve(defaults(), fixed, where);
        const double start = p.anatomy.start.get().value(), frac = p.anatomy.length_fraction;
        // Length f CRL with CRL ~ (GA - 23.73)^2: the sheet's areal strain rate is 2 d ln(L)/dt = 4 / (GA - 23.73).
        vault::sheet_growth growth{[frac](double ga) { return 1000.0 * frac * vault::robinson_crl_mm(ga); },
                            [](double ga) { return 4.0 / std::max(1.0, ga - 23.73); }};
        const std::size_t nx = static_cast<std::size_t>(r.grid[0]);
        auto flat = vault::vault_map::flat(r.grid[0], r.grid[1]);
        std::vector<double> lobe(flat.size());
        for (std::size_t i = 0; i < lobe.size(); ++i) {
            const double w = p.anatomy.lobe_width, d = std::abs(flat.position(i)[0]) - p.anatomy.centre_offset;
            lobe[i] = std::exp(-d * d / (2.0 * w * w));
        }
        // Centres are named by side: medial (x < 0) 0, lateral 1.
        auto state = std::make_shared<vault::vault_state>(
            std::move(flat), growth, duration::from_value(start + 14.0), ref, std::move(lobe),
            [nx](std::size_t i) { return (i % nx) < nx / 2 ? std::size_t{0} : std::size_t{1}; },
            std::vector<vault::lineage>{vault::lineage::mesoderm, vault::lineage::mesoderm});
        const auto& map = state->map();
        auto tissue = vault::make_sheet_tissue(state, grid2d{r.grid[0], r.grid[1], r.spacing}, r.seed, p.anatomy.noise, p.pair,
                                        p.nucleation, p.front, p.suture, p.ossification, vault::vault_thickening{});
        std::array<std::optional<double>, 2> centre{}, bone{};  // medial, lateral
        std::optional<double> met, united;
        std::uint64_t steps = 0;
        const double end = r.until.value();
        while (end - tissue.time().value() > 1e-9) {
            tissue.step(duration::from_value(std::min(r.dt.value(), end - tissue.time().value())));
            ++steps;
            const double now = tissue.time().value();
            const auto label = tissue.template field<vault::bone_label>();
            const auto& m = tissue.matrix();
            for (std::size_t i = 0; i < map.size(); ++i) {
                if (label[i] == vault::no_label) continue;
                const auto s = state->bone_of(label[i]);
                const bool is_bone = m.matrix_fraction(i) >= m.bone_threshold();
                if (!centre[s]) centre[s] = now;
                if (is_bone && !bone[s]) bone[s] = now;
                const auto xy = map.coords(i);
                if (xy[0] + 1 >= map.nx() || label[i + 1] == vault::no_label || label[i + 1] == label[i]) continue;
                if (state->bone_of(label[i + 1]) == s) continue;
                if (!met) met = now;
                if (!united && is_bone && m.matrix_fraction(i + 1) >= m.bone_threshold()) united = now;
            }
        }
        scenario_result out;
        out.scenario = std::string(name);
        out.seed = r.seed, out.grid = r.grid, out.spacing = r.spacing, out.dt = r.dt, out.until = r.until;
        out.steps = steps;
        out.simulated = tissue.time();
        out.parameters = parameter_table(parameters(p));
        const auto opt = [](const std::optional<double>& x) { return x ? std::optional<duration>(duration::from_value(*x)) : std::nullopt; };
        out.events = {{"medial centre", "first osteoblasts of a centre in the medial half", opt(centre[0])},
                      {"lateral centre", "first osteoblasts of a centre in the lateral half", opt(centre[1])},
                      {"medial bone", "first site of the medial centre at the bone threshold", opt(bone[0])},
                      {"lateral bone", "first site of the lateral centre at the bone threshold", opt(bone[1])},
                      {"fronts met", "recruited sites of the two centres touch", opt(met)},
                      {"united", "bone of the two centres touches (one bone)", opt(united)}};
        const auto pf = [&](double t) { return start + t; };
        std::size_t alive = 0;
        for (const auto& c : state->centres()) alive += c.retired ? 0 : 1;
        out.measurements.push_back({"centres", static_cast<double>(alive), "-", "2", "O'Rahilly & Gardner 1972; Gray's (V)",
                                    alive == 2 ? comparison::prediction : comparison::not_reproduced, std::pair{2.0, 2.0}});
        for (int s = 0; s < 2; ++s) {
            if (!bone[static_cast<std::size_t>(s)]) continue;
            const double v = pf(*bone[static_cast<std::size_t>(s)]);
            out.measurements.push_back({s == 0 ? "medial_bone_day_after_fertilisation" : "lateral_bone_day_after_fertilisation", v, "d",
                                        "35-42 (weeks 5-6)", "O'Rahilly & Gardner 1972 (V)",
                                        v >= 35.0 && v <= 42.0 ? comparison::prediction : comparison::not_reproduced, std::pair{35.0, 42.0}});
        }
        if (united) {
            const double v = pf(*united);
            // Carnegie stages span 2-3 days: "by ~day 45" is read as 42-48.
            out.measurements.push_back({"union_day_after_fertilisation", v, "d", "by ~45", "O'Rahilly & Gardner 1972 (V)",
                                        v >= 42.0 && v <= 48.0 ? comparison::prediction : comparison::not_reproduced, std::pair{42.0, 48.0}});
        }
        out.measurements.push_back({"front_speed_um_per_d_at_end", tissue.template process<vault::front_recruitment>().free_speed(),
                                    "um/d", "", "", comparison::no_reference, std::nullopt});
        out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        return out;
    }
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CLAVICLE_HPP
