/// @file
/// @brief The calvaria's report: the record turned into a scenario_result (events, measurements
/// beside published values, the table of snapshots), and the picture of the vault's bones.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_REPORT_HPP
#define OSSIFY_SCENARIO_CALVARIA_REPORT_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../../observe/picture.hpp"
#include "../bones.hpp"
#include "../clock.hpp"
#include "../scenario.hpp"
#include "published.hpp"
#include "record.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace vault {

/// @brief The snapshot nearest to postnatal month `m` (or gestational week `w` when `prenatal`).
[[nodiscard]] inline const vault_snapshot* snapshot_at(const calvaria_record& r, double at, bool prenatal) {
    const vault_snapshot* best = nullptr;
    for (const auto& s : r.snapshots) {
        const double x = prenatal ? s.gestational_weeks : s.postnatal_months;
        if (std::abs(x - at) < 0.05 && (!best || std::abs(x - at) < std::abs((prenatal ? best->gestational_weeks : best->postnatal_months) - at))) best = &s;
    }
    return best;
}

/// @brief A published value as printed: four significant digits (the regressions' own precision).
[[nodiscard]] inline std::string published_value(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

/// @brief A measurement beside a published value; `kind` becomes not_reproduced when the value
/// lies outside the published interval.
inline void compare(scenario_result& out, std::string name, double value, std::string unit, std::string published,
                    std::string source, comparison kind, std::optional<std::pair<double, double>> range) {
    if (range && !(value >= range->first && value <= range->second) && kind != comparison::no_reference) {
        kind = comparison::not_reproduced;
    }
    out.measurements.push_back({std::move(name), value, std::move(unit), std::move(published), std::move(source), kind, range});
}

/// @brief Fills a result's events, measurements and table from a record.
inline void report_calvaria(const calvaria_record& r, scenario_result& out, const calvaria_parameters& p) {
    const double start = p.anatomy.start.get().value(), month = development::days_per_month;
    const auto pf_weeks = [&](double t) { return (start + t) / 7.0 - 2.0; };
    out.series_names = record_columns();
    for (const auto& s : r.snapshots) out.series.push_back(record_row(s));
    out.events.push_back({"first centre", "first osteoblasts where A^2/H passes its threshold",
                          r.first_centre ? std::optional<duration>(duration::from_value(*r.first_centre)) : std::nullopt});
    for (std::size_t b = 0; b < bone_count; ++b) {
        out.events.push_back({std::string(bone_name(b)) + " ossified", "first site of the bone at the bone threshold",
                              r.onset[b] ? std::optional<duration>(duration::from_value(*r.onset[b])) : std::nullopt});
    }
    const double mm_open = p.anatomy.opening.get().value() * 1e-3;
    for (std::size_t g = 0; g < vault_gap_list.size(); ++g) {
        const bool f = vault_gap_list[g].kind == gap_kind::fontanelle;
        out.events.push_back({std::string(vault_gap_list[g].name) + " closed",
                              f ? "after birth, no membrane of it wider than " + format_value(mm_open) + " mm is left"
                                : "after birth, " + format_value(100.0 * p.anatomy.suture_closed_share) + " % of its length bone to bone",
                              r.closed[g] ? std::optional<duration>(duration::from_value(*r.closed[g])) : std::nullopt});
    }
    // Onsets (weeks after fertilisation).
    if (r.first_centre) {
        compare(out, "first_centre_weeks_after_fertilisation", pf_weeks(*r.first_centre), "weeks", "by ~8 (vault centres)",
                "O'Rahilly & Gardner 1972 (V)", comparison::calibrated, std::pair{7.0, 8.5});
    }
    const bone_catalogue cat;
    for (const auto& [b, cname] : std::array<std::pair<std::size_t, const char*>, 4>{
             {{0, "frontal"}, {2, "parietal"}, {4, "squamous temporal"}, {8, "interparietal (occipital)"}}}) {
        if (!r.onset[b]) continue;
        const auto& on = cat.bone(cname).onset;
        // Bone (matrix at the threshold) follows the first osteoblasts by the ~8 d the site takes to fill.
        compare(out, std::string(cname) + "_bone_onset_weeks_after_fertilisation", pf_weeks(*r.onset[b]), "weeks",
                format_value(on.earliest.value() / 7.0) + "-" + format_value(on.latest.value() / 7.0) + " (centre) + ~1 to fill",
                std::string(on.source), comparison::prediction, std::pair{on.earliest.value() / 7.0, on.latest.value() / 7.0 + 1.5});
    }
    // Fetal sizes (projected areas and chords), inside the regressions' 18-30 weeks.
    for (const double ga : {20.0, 25.0, 30.0}) {
        const auto* s = snapshot_at(r, ga, true);
        if (!s) continue;
        for (const auto& fr : fetal_regressions) {
            const auto& bm = s->bones[fr.bone];
            const double v = fr.quantity == fetal_quantity::projected_area ? bm.projected_mm2
                             : fr.quantity == fetal_quantity::sagittal     ? bm.sagittal_mm
                                                                           : bm.coronal_mm;
            const char* q = fr.quantity == fetal_quantity::projected_area ? "projected_area_mm2"
                            : fr.quantity == fetal_quantity::sagittal     ? "sagittal_mm"
                                                                          : "coronal_mm";
            const double want = fr.at(ga);
            std::optional<std::pair<double, double>> range;
            if (fr.residual > 0.0) range = std::pair{want - 2.0 * fr.residual, want + 2.0 * fr.residual};
            std::string n(bone_name(fr.bone));
            std::replace(n.begin(), n.end(), ' ', '_');
            compare(out, n + "_" + q + "_at_" + format_value(ga) + "_weeks", v, q[0] == 'p' ? "mm^2" : "mm", published_value(want),
                    std::string(fr.source), comparison::prediction, range);
        }
    }
    // Fontanelles and sutures after birth.
    for (const auto& fv : fontanelle_values) {
        const auto* s = snapshot_at(r, fv.months, false);
        if (!s) continue;
        const auto& g = s->gaps[fv.gap];
        const bool area = std::string_view(fv.unit) == "mm^2";
        const bool calibrated = area && fv.gap == 0 && fv.months == 0.0;
        compare(out, std::string(fv.name) + "_at_" + format_value(fv.months) + "_months", area ? g.area_mm2 : g.size_mm,
                std::string(fv.unit), published_value(fv.value), std::string(fv.source),
                calibrated ? comparison::calibrated : comparison::prediction,
                fv.low < fv.high ? std::optional<std::pair<double, double>>(std::pair{fv.low, fv.high}) : std::nullopt);
    }
    for (const auto& sv : suture_values) {
        if (const auto* s = snapshot_at(r, sv.months, false)) {
            compare(out, std::string(sv.name) + "_at_" + format_value(sv.months) + "_months", s->gaps[sv.gap].width_mm, "mm",
                    published_value(sv.value), std::string(sv.source), comparison::prediction, std::nullopt);
        }
    }
    for (const auto& c : cat.closures()) {
        std::size_t g = vault_gap_list.size();
        for (std::size_t k = 0; k < vault_gap_list.size(); ++k) {
            const std::string_view n = vault_gap_list[k].name;
            if (n.substr(0, c.name.size()) == c.name && (n.size() == c.name.size() || n.find("(left)") != n.npos)) g = k;
        }
        // Closure ages only for a run that reached birth.
        if (g == vault_gap_list.size() || r.snapshots.empty() || r.snapshots.back().postnatal_months < 0.0) continue;
        const double end_months = r.snapshots.back().postnatal_months;
        const double lo = c.closes.earliest.value() / month, hi = c.closes.latest.value() / month;
        const double v = r.closed[g] ? (*r.closed[g] - r.birth) / month : end_months;
        std::string n(vault_gap_list[g].name);
        std::replace(n.begin(), n.end(), ' ', '_');
        std::erase(n, '(');
        std::erase(n, ')');
        // Still open at the end: the value is the end (a lower bound); in range if the range lies beyond.
        compare(out, n + (r.closed[g] ? "_closure_months" : "_open_until_months"), v, "months",
                format_value(lo) + "-" + format_value(hi), std::string(c.closes.source), comparison::prediction,
                r.closed[g] ? std::pair{lo, hi} : std::pair{std::min(v, lo), 1e9});
    }
    // Thickness and head size.
    for (const double m : {12.0, 24.0}) {
        const auto* s = snapshot_at(r, m, false);
        if (!s) continue;
        double a = 0.0, t = 0.0;
        for (const auto& b : s->bones) a += b.area_mm2, t += b.area_mm2 * b.thickness_mm;
        compare(out, "mean_vault_thickness_mm_at_" + format_value(m) + "_months", a > 0.0 ? t / a : 0.0, "mm",
                format_value(zaichenko_thickness_mm(m / 12.0)), "Zaichenko 1985 (saw-cuts, 1-21 y; abstract, V)",
                comparison::prediction, std::nullopt);
    }
    for (const auto& w : who_hc_medians) {
        if (const auto* s = snapshot_at(r, w.months, false); s && w.months > 0.0) {
            compare(out, "head_circumference_mm_at_" + format_value(w.months) + "_months", s->hc_mm, "mm",
                    format_value(10.0 * w.boys_cm) + " (tape, over scalp)", "WHO Child Growth Standards, boys (K)",
                    comparison::prediction, std::nullopt);
        }
    }
    for (const double ga : {12.0, 20.0, 30.0, 40.0}) {
        if (const auto* s = snapshot_at(r, ga, true); s) {
            compare(out, "front_speed_um_per_d_at_" + format_value(ga) + "_weeks", s->front_speed, "um/d", "", "",
                    comparison::no_reference, std::nullopt);
        }
    }
    for (const double m : {6.0, 12.0, 24.0}) {
        if (const auto* s = snapshot_at(r, m, false); s) {
            compare(out, "front_speed_um_per_d_at_" + format_value(m) + "_months", s->front_speed, "um/d", "", "",
                    comparison::no_reference, std::nullopt);
        }
    }
    compare(out, "centres", static_cast<double>(r.centres), "-", "", "", comparison::no_reference, std::nullopt);
}

/// @brief A picture of the vault's bones (membrane light blue, each bone its colour; the
/// forehead at the top, the right side of the head on the right).
[[nodiscard]] inline image render_vault(const vault_picture& p, const vault_map& map, std::string title) {
    palette pal;
    pal.add("outside", {255, 255, 255}).add("membrane", {200, 222, 246});
    static constexpr rgb colours[bone_count] = {{214, 96, 77},  {244, 165, 130}, {67, 147, 195}, {146, 197, 222}, {90, 174, 97},
                                                {166, 219, 160}, {153, 112, 171}, {194, 165, 207}, {224, 130, 20}};
    for (std::size_t b = 0; b < bone_count; ++b) pal.add(std::string(bone_name(b)), colours[b]);
    std::vector<std::uint8_t> cat(map.size(), 0);
    for (std::size_t i = 0; i < map.size(); ++i) {
        if (map.inside(i)) cat[i] = p.bone[i] < bone_count ? static_cast<std::uint8_t>(2 + p.bone[i]) : 1;
    }
    picture_options o;
    o.scale = map.nx() > 400 ? 1 : 2;
    o.title = std::move(title);
    o.empty = 0;
    return render_map(cat, map.nx(), map.ny(), pal, o);
}

}  // namespace vault
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_REPORT_HPP
