/// @file
/// @brief The calvaria scenario: a 2-D sheet of mesenchyme (a schematic skull vault seen from
/// above) in which ossification centres appear on a prescribed pattern, bone fronts grow
/// towards each other by front recruitment, and the gaps left where they meet (sutures,
/// fontanelles) are open at birth and close afterwards. Also the front-recruitment model
/// that the clavicle scenario reuses.
///
/// What is imposed and what emerges (details in docs/scenario.md):
/// * imposed: the centre pattern (positions and onset ages; a prescribed pattern, NOT the
///   Turing model of Garzon-Alvarado et al. 2013), the front speed before and after birth,
///   the suture width (range of the inhibition between different bones), and which bone
///   pairs stop inhibiting each other after birth (the two frontal halves: the metopic suture
///   is the only vault suture that fuses in infancy, Vu et al. 2001; Teager et al. 2019);
/// * emerges: where the fronts meet, the sutures and fontanelles and their size at birth,
///   and the time and order in which they close.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_CALVARIA_HPP
#define OSSIFY_SCENARIO_CALVARIA_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <numbers>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../cell.hpp"
#include "../detail/error.hpp"
#include "../observe/tissue_output.hpp"
#include "../process/processes.hpp"
#include "../random/purpose.hpp"
#include "../signal/signals.hpp"
#include "../space/grid.hpp"
#include "../space/shapes.hpp"
#include "../tissue/lattice_tissue.hpp"
#include "../transition/policies.hpp"
#include "../transition/rule_set.hpp"
#include "../transition/transition.hpp"
#include "../units/literals.hpp"
#include "../units/quantities.hpp"
#include "bones.hpp"
#include "clock.hpp"

OSSIFY_NAMESPACE_BEGIN

// ==================================================================== front recruitment

/// @brief The label of a site that belongs to no bone.
inline constexpr std::uint8_t no_bone = 0xff;

/// @brief One ossification centre of a front model: where and when its first osteoblasts
/// appear (a cluster, source text Figure 6.4.1 a).
struct front_centre {
    /// @brief The bone it starts ("frontal (left)" ...).
    std::string name;
    /// @brief Position in um from the grid's corner (site (0, 0) spans [0, h) on each axis);
    /// it may lie off the grid (a centre outside the mapped sheet, whose front enters it).
    std::array<double, 2> position_um;
    /// @brief Simulation time at which the cluster appears (d, internal scale).
    double onset_d;
    /// @brief Radius of the first cluster (um).
    double radius_um;
};

/**
 * @brief The state shared by the front processes of one run: which bone each site belongs to,
 * the centres, and the rules of front advance. Held through a shared_ptr by the processes
 * (which the tissue copies) and by the scenario that reads it.
 */
struct front_model {
    /// @brief Bone label per site (index into centres, or no_bone).
    std::vector<std::uint8_t> label;
    /// @brief The centres (at most 254).
    std::vector<front_centre> centres;
    /// @brief 1 once a centre's cluster has been placed.
    std::vector<std::uint8_t> seeded;
    /// @brief Per ordered pair (a * n + b): simulation time (d) until which bones a and b
    /// inhibit each other's advance within `inhibition_um` (+inf: always, -inf: never).
    std::vector<double> inhibit_until;
    /// @brief Range of the inhibition between different bones (the width of a suture), um.
    double inhibition_um = 200.0;
    /// @brief Simulation time of birth (d).
    double birth_d = 0.0;
    /// @brief Front speed before birth (um/d).
    double speed_prenatal = 10.0;
    /// @brief Front speed after birth (um/d).
    double speed_postnatal = 1.0;
    /// @brief Front-signal concentration above which a mesenchymal site can be recruited (nM).
    double threshold_nM = 1.0;
    /// @brief Site offsets within the inhibition range (precomputed by prepare()).
    std::vector<std::array<std::int32_t, 2>> offsets;

    /// @brief Sizes the label map for `sites` and precomputes the inhibition offsets.
    void prepare(std::size_t sites, double spacing_um) {
        label.assign(sites, no_bone);
        seeded.assign(centres.size(), 0);
        const std::size_t n = centres.size();
        if (inhibit_until.size() != n * n) inhibit_until.assign(n * n, std::numeric_limits<double>::infinity());
        offsets.clear();
        const auto r = static_cast<std::int32_t>(std::floor(inhibition_um / spacing_um));
        for (std::int32_t dx = -r; dx <= r; ++dx) {
            for (std::int32_t dy = -r; dy <= r; ++dy) {
                const double d = std::hypot(dx, dy) * spacing_um;
                if ((dx != 0 || dy != 0) && d <= inhibition_um + 1e-9) offsets.push_back({dx, dy});
            }
        }
    }
    /// @brief Sets whether bones a and b inhibit each other until time `until_d` (both orders).
    void set_inhibition(std::size_t a, std::size_t b, double until_d) {
        const std::size_t n = centres.size();
        if (inhibit_until.size() != n * n) inhibit_until.assign(n * n, std::numeric_limits<double>::infinity());
        inhibit_until[a * n + b] = until_d;
        inhibit_until[b * n + a] = until_d;
    }
};

/**
 * @brief Process: ossification centres appear at their onset, and bone fronts advance by
 * recruitment. A mesenchymal site next to bone (von Neumann neighbour), where the front signal
 * (dlx5_front, secreted by bone cells) is at least the threshold, becomes an osteoblast of
 * that bone with hazard v / h (v the front speed, h the site spacing: a straight front then
 * advances at v on average). It is not recruited while a site of a different bone that
 * still inhibits this one lies within the inhibition range: fronts stop a suture's width
 * apart. All draws are keyed by (seed, step, site), so the result does not depend on the
 * visiting order. Place it after diffuse_signals.
 */
struct front_recruitment {
    /// @brief A process advancing the fronts of `m`.
    explicit front_recruitment(std::shared_ptr<front_model> m) : model(std::move(m)) {}
    /// @brief The shared model.
    std::shared_ptr<front_model> model;

    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        auto& m = *model;
        auto d = t.data();
        const auto& g = t.grid();
        const double now = t.now_days();
        const double h = g.spacing_um();
        const auto ob = Tissue::template state_index<osteoblast>();
        const auto mes = Tissue::template state_index<mesenchymal>();
        // Centres whose onset falls in this step: a cluster of osteoblasts. A centre off the
        // grid grows unseen at the prenatal speed until its disc reaches the grid.
        for (std::size_t k = 0; k < m.centres.size(); ++k) {
            const auto& ce = m.centres[k];
            if (m.seeded[k] != 0 || !(ce.onset_d < now + dt)) continue;
            const double px = ce.position_um[0], py = ce.position_um[1];
            const bool on_grid = px >= 0.0 && py >= 0.0 && px < g.extent(0) * h && py < g.extent(1) * h;
            const double reach = ce.radius_um + (on_grid ? 0.0 : m.speed_prenatal * (now + dt - ce.onset_d));
            std::size_t placed = 0;
            for (std::size_t i = 0; i < g.size(); ++i) {
                const auto s = g.coords(i);
                if (m.label[i] != no_bone || std::hypot((s[0] + 0.5) * h - px, (s[1] + 0.5) * h - py) > reach) continue;
                d.state[i] = ob;
                d.entered[i] = static_cast<float>(now);
                m.label[i] = static_cast<std::uint8_t>(k);
                ++placed;
            }
            if (placed > 0 || on_grid) m.seeded[k] = 1;
        }
        const double v = now < m.birth_d ? m.speed_prenatal : m.speed_postnatal;
        const double p = -std::expm1(-v / h * dt);
        const double p_diagonal = -std::expm1(-v / h * dt / std::numbers::sqrt2);
        const auto draw = t.rng().bind(d.step, random::purpose::user + 0);
        const auto c = t.template field<dlx5_front>();
        const std::size_t n = m.centres.size();
        recruits_.clear();
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (d.state[i] != mes || m.label[i] != no_bone || c[i] < m.threshold_nM) continue;
            std::array<std::uint8_t, 4> bones{};
            std::size_t nb = 0, touching = 0;
            detail::for_each_face_neighbour(g, i, [&](std::size_t j) {
                const auto l = m.label[j];
                if (l == no_bone) return;
                ++touching;
                for (std::size_t q = 0; q < nb; ++q) {
                    if (bones[q] == l) return;
                }
                bones[nb++] = l;
            });
            // Isotropy: a diagonal front offers sqrt(2) times more candidate sites per length
            // than a straight one, each touching bone on two sides; their hazard is divided by
            // sqrt(2) so that fronts advance at v in every direction.
            if (nb == 0 || !(draw.uniform(i, 0) < (touching == 2 ? p_diagonal : p))) continue;
            const auto a = bones[std::min(static_cast<std::size_t>(draw.uniform(i, 1) * static_cast<double>(nb)), nb - 1)];
            const auto ci = g.coords(i);
            bool blocked = false;
            for (const auto& o : m.offsets) {
                const site<2> s{ci[0] + o[0], ci[1] + o[1]};
                if (!g.contains(s)) continue;
                const auto l = m.label[g.index(s)];
                if (l != no_bone && l != a && now < m.inhibit_until[a * n + l]) {
                    blocked = true;
                    break;
                }
            }
            if (!blocked) recruits_.push_back({i, a});
        }
        for (const auto& r : recruits_) {
            d.state[r.first] = ob;
            d.entered[r.first] = static_cast<float>(now + dt);
            m.label[r.first] = r.second;
        }
    }

private:
    mutable std::vector<std::pair<std::size_t, std::uint8_t>> recruits_;
};

/**
 * @brief Process: osteoblasts lay osteoid at their apposition rate into their own site and
 * neighbouring sites of bone (labelled sites), never into the membrane between bones, so the
 * gaps stay unossified until a front crosses them.
 */
struct front_deposition {
    /// @brief A process depositing into the bone sites of `m`.
    explicit front_deposition(std::shared_ptr<front_model> m) : model(std::move(m)) {}
    /// @brief The shared model.
    std::shared_ptr<front_model> model;

    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        const auto& rates = t.apposition_rates();
        auto d = t.data();
        const std::size_t n = t.grid().size();
        blocked_.resize(n);
        mask_.resize(n);
        for (std::size_t i = 0; i < n; ++i) blocked_[i] = model->label[i] == no_bone ? 1 : 0;
        for (std::size_t s = 0; s < rates.size(); ++s) {
            if (rates[s] == 0.0) continue;
            for (std::size_t i = 0; i < n; ++i) mask_[i] = d.state[i] == s ? 1 : 0;
            d.matrix.deposit_by_osteoblast_mask(mask_, blocked_, velocity::from_value(rates[s]), duration::from_value(dt));
        }
    }

private:
    mutable std::vector<std::uint8_t> blocked_, mask_;
};

/**
 * @brief Process: osteoblasts walled in by mineralised matrix become osteocytes (source text,
 * Figure 6.4.1 b): hazard `rate` once their own site is bone (matrix fraction at least the
 * tissue's bone threshold: the cell is buried in its own osteoid) and the mineralised
 * fraction of the Moore neighbourhood is at least `threshold`. Like the rule
 * `entrapped(threshold, rate)` plus the own-site condition, applied to osteoblasts only,
 * which is much cheaper than cell_fates on a sheet that is mostly mesenchyme.
 */
struct front_entrapment {
    /// @brief Required mineralised fraction of the neighbourhood: 0.5 (assumed, as in
    /// ossify::entrapped's examples: walled in on more than half its sides).
    double threshold = 0.5;
    /// @brief Hazard once walled in: 1/d (assumed: within a day or two, as the source text's
    /// "once entrapped, the osteoblasts become osteocytes").
    double rate_per_d = 1.0;

    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        auto d = t.data();
        const auto ob = Tissue::template state_index<osteoblast>();
        const auto oc = Tissue::template state_index<osteocyte>();
        const double p = -std::expm1(-rate_per_d * dt);
        const auto draw = t.rng().bind(d.step, random::purpose::transition);
        const double now = t.now_days();
        const double bone = t.bone_threshold();
        changed_.clear();
        for (std::size_t i = 0; i < d.state.size(); ++i) {
            if (d.state[i] == ob && d.matrix.matrix_fraction(i) >= bone && t.entrapment_at(i) >= threshold &&
                draw.uniform(i, 0) < p) {
                changed_.push_back(i);
            }
        }
        for (const auto i : changed_) {
            d.state[i] = oc;
            d.entered[i] = static_cast<float>(now + dt);
        }
    }

private:
    mutable std::vector<std::size_t> changed_;
};

namespace detail::scenario {

/// Euclidean-like distance (in sites) from every site to the nearest bone site (matrix
/// fraction >= threshold), by a two-pass 3-4 chamfer transform (error < 8 %); 0 on bone.
template <class Tissue>
void distance_to_bone(const Tissue& t, std::vector<double>& dist) {
    const auto& g = t.grid();
    const std::size_t nx = static_cast<std::size_t>(g.extent(0)), ny = static_cast<std::size_t>(g.extent(1));
    const double big = 1e9;
    dist.resize(g.size());
    const double bone = t.bone_threshold();
    for (std::size_t i = 0; i < g.size(); ++i) dist[i] = t.matrix().matrix_fraction(i) >= bone ? 0.0 : big;
    constexpr double a = 1.0, b = 4.0 / 3.0;
    double* d = dist.data();
    for (std::size_t y = 0; y < ny; ++y) {  // linear index x + nx * y (grid layout)
        double* row = d + y * nx;
        const double* up = y > 0 ? row - nx : nullptr;
        for (std::size_t x = 0; x < nx; ++x) {
            double v = row[x];
            if (x > 0) v = std::min(v, row[x - 1] + a);
            if (up) {
                v = std::min(v, up[x] + a);
                if (x > 0) v = std::min(v, up[x - 1] + b);
                if (x + 1 < nx) v = std::min(v, up[x + 1] + b);
            }
            row[x] = v;
        }
    }
    for (std::size_t y = ny; y-- > 0;) {
        double* row = d + y * nx;
        const double* down = y + 1 < ny ? row + nx : nullptr;
        for (std::size_t x = nx; x-- > 0;) {
            double v = row[x];
            if (x + 1 < nx) v = std::min(v, row[x + 1] + a);
            if (down) {
                v = std::min(v, down[x] + a);
                if (x + 1 < nx) v = std::min(v, down[x + 1] + b);
                if (x > 0) v = std::min(v, down[x - 1] + b);
            }
            row[x] = v;
        }
    }
}

inline void require_grid(const char* where, std::int32_t nx, std::int32_t ny) {
    detail::require_in_range(where, "nx", nx, 20, 4000);
    detail::require_in_range(where, "ny", ny, 10, 4000);
}

}  // namespace detail::scenario

// ==================================================================== calvaria

/**
 * @brief Parameters of the calvaria model. Every default names its source or says "assumed"
 * with the reasoning (also in docs/scenario.md).
 */
struct calvaria_parameters {
    /// @brief Front speed before birth: 10 um/d. Assumed: on the 10 x 12 mm map the fronts
    /// then meet at the sutures before birth while the junctions stay open (source text: at
    /// birth the skull is not fully ossified nor are the sutures closed). The map does not
    /// grow with the brain, so this is a map speed, not a measured rate. (Lattice fronts run
    /// ~15-20 % faster along the diagonals; the value is the speed of a straight front.)
    velocity front_speed_prenatal = velocity::from_value(10.0);
    /// @brief Front speed after birth: 0.8 um/d. Calibrated (assumed): the one date used to set
    /// a parameter is the anterior fontanelle, the widest gap, closing in the second year
    /// (Pindrik et al. 2014; Duc & Largo 1986). The other closures follow from the geometry.
    velocity front_speed_postnatal = velocity::from_value(0.8);
    /// @brief Range of inhibition between different bones, i.e. the suture width: 200 um.
    /// Assumed: four 50 um sites, the narrowest gap the map resolves as a suture.
    length suture_width = length::from_value(200.0);
    /// @brief Osteoid apposition of osteoblasts: 3 um/d, fetal woven-bone thickening
    /// (Peyrin et al. 2005).
    velocity apposition = velocity::from_value(3.0);
    /// @brief dlx5_front secretion by bone cells: 330 nM/d. Assumed: with the signal's decay
    /// (33 /d) gives ~10 nM inside bone and a few nM one site ahead of the front.
    concentration_rate front_signal_secretion = concentration_rate::from_value(330.0);
    /// @brief Recruitment threshold of the front signal: 1 nM. Assumed: reached one site
    /// ahead of the front, not three.
    concentration front_signal_threshold = concentration::from_value(1.0);
    /// @brief Radius of a new ossification centre's cluster: 100 um. Assumed (a few cells).
    length centre_radius = length::from_value(100.0);
};

/**
 * @brief Options of run_calvaria. The map is fixed in millimetres (10 x 12 mm); nx, ny and
 * spacing choose its resolution (nx * spacing and ny * spacing should stay close to 10 and
 * 12 mm; other sizes stretch the map).
 */
struct calvaria_options {
    /// @brief Seed of the tissue's generator.
    std::uint64_t seed = 42;
    /// @brief Sites across (left to right).
    std::int32_t nx = 200;
    /// @brief Sites along (forehead to occiput).
    std::int32_t ny = 240;
    /// @brief Site spacing (50 um: the coarse end of 25-50 um, for speed).
    length spacing = length::from_value(50.0);
    /// @brief Step before birth.
    duration dt_prenatal = duration::from_value(1.0);
    /// @brief Step after birth.
    duration dt_postnatal = duration::from_value(1.0);
    /// @brief The run ends at this age after birth (default 3 years: past the anterior
    /// fontanelle's closure in the second year).
    duration until = duration::from_value(3.0 * development::days_per_year);
    /// @brief Where pictures go (none when empty).
    std::optional<std::filesystem::path> output_dir;
    /// @brief Ages after birth at which pictures are written (when output_dir is set).
    std::vector<duration> picture_ages = {duration::from_value(0.0), duration::from_value(2.0 * development::days_per_year)};
    /// @brief Model parameters.
    calvaria_parameters parameters;
};

/// @brief A fontanelle or suture in the result.
struct calvaria_gap {
    /// @brief Name, as in bone_catalogue ("anterior fontanelle" ...).
    std::string name;
    /// @brief Fontanelle or suture.
    gap_kind kind;
    /// @brief Fontanelles: the open area (membrane farther than a suture width from bone)
    /// at birth. Sutures: the unossified area of the suture band at birth.
    area area_at_birth;
    /// @brief Width at birth: fontanelles, the diameter of the largest circle of membrane
    /// (2 x the largest distance to bone); sutures, unossified area / length.
    length width_at_birth;
    /// @brief Age after birth at which it closed, or nothing if still open at the end.
    std::optional<duration> closed_at;
};

/// @brief A bone in the result.
struct calvaria_bone {
    /// @brief Name ("frontal (left)" ...).
    std::string name;
    /// @brief Gestational age at which its first site ossified (matrix >= bone threshold).
    std::optional<duration> onset;
    /// @brief Ossified area at gestational week 24.
    area area_week_24;
    /// @brief Ossified area at birth.
    area area_at_birth;
    /// @brief Ossified area at the end of the run.
    area area_at_end;
};

/// @brief What run_calvaria reports.
struct calvaria_result {
    /// @brief The seed used.
    std::uint64_t seed = 0;
    /// @brief Fontanelles and sutures.
    std::vector<calvaria_gap> gaps;
    /// @brief Bones.
    std::vector<calvaria_bone> bones;
    /// @brief Steps taken.
    std::size_t steps = 0;
    /// @brief Wall-clock time of the run (s).
    double wall_seconds = 0.0;
    /// @brief Pictures written.
    std::vector<std::filesystem::path> pictures;

    /// @brief The gap of that name; throws ossify::invalid_parameter if there is none.
    [[nodiscard]] const calvaria_gap& gap(std::string_view name) const {
        for (const auto& g : gaps) {
            if (g.name == name) return g;
        }
        throw invalid_parameter("ossify::calvaria_result::gap", "name", std::string(name), "a fontanelle or suture of the result");
    }
    /// @brief The bone of that name; throws ossify::invalid_parameter if there is none.
    [[nodiscard]] const calvaria_bone& bone(std::string_view name) const {
        for (const auto& b : bones) {
            if (b.name == name) return b;
        }
        throw invalid_parameter("ossify::calvaria_result::bone", "name", std::string(name), "a bone of the result");
    }
};

namespace detail::scenario {

/// A centre of the vault pattern: map position in mm and onset as age since fertilisation.
struct vault_centre {
    const char* name;
    double x_mm, y_mm;
    double onset_weeks_pf;
};

/// The prescribed pattern on the 10 x 12 mm map (x left to right, y forehead to occiput).
/// The lateral edges are the folded-out side walls; the squamous temporal centres lie below
/// them, off the map, and their fronts enter from the edges. Positions are drawn after the
/// anatomy (frontal and parietal eminences around bregma, the interparietal's two centres
/// near lambda: Gray's Anatomy, K) and placed (assumed) so that the gaps left at birth rank
/// as in a newborn: anterior fontanelle largest, posterior smallest. Onsets (age since
/// fertilisation): frontal, squamous temporal, interparietal by ~week 8 (O'Rahilly & Gardner
/// 1972; taken as 7.5 weeks); parietal 8 weeks (Gray's Anatomy, K).
inline constexpr std::array<vault_centre, 8> vault_pattern{{
    {"frontal (left)", 2.3, 2.3, 7.5},
    {"frontal (right)", 7.7, 2.3, 7.5},
    {"parietal (left)", 2.3, 7.7, 8.0},
    {"parietal (right)", 7.7, 7.7, 8.0},
    {"interparietal (left)", 3.0, 11.5, 7.5},
    {"interparietal (right)", 7.0, 11.5, 7.5},
    {"squamous temporal (left)", -0.65, 7.35, 7.5},
    {"squamous temporal (right)", 10.65, 7.35, 7.5},
}};

/// A fontanelle: a disc (mm) that holds it, centred where the fronts of the pattern meet last
/// (bregma, lambda, pterion, asterion); the lateral ones are halved by the map edge (the left
/// one is reported).
struct vault_fontanelle {
    const char* name;
    double x_mm, y_mm, radius_mm;
};
inline constexpr std::array<vault_fontanelle, 4> vault_fontanelles{{
    {"anterior fontanelle", 5.0, 5.0, 1.6},
    {"posterior fontanelle", 5.0, 9.05, 1.0},
    {"sphenoid fontanelle", 0.0, 4.4, 1.2},
    {"mastoid fontanelle", 0.0, 10.7, 1.0},
}};

/// A suture: the pairs of centres (indices into vault_pattern) whose meeting line it is.
struct vault_suture {
    const char* name;
    std::array<std::array<int, 2>, 2> pairs;  // second pair {-1, -1} when unused
};
inline constexpr std::array<vault_suture, 4> vault_sutures{{
    {"metopic suture", {{{0, 1}, {-1, -1}}}},
    {"sagittal suture", {{{2, 3}, {-1, -1}}}},
    {"coronal suture", {{{0, 2}, {1, 3}}}},
    {"lambdoid suture", {{{2, 4}, {3, 5}}}},
}};

}  // namespace detail::scenario

/**
 * @brief Runs the calvaria scenario: from gestational week 9 (7 weeks after fertilisation)
 * to `options.until` after birth. Prints nothing; returns per fontanelle and suture its size
 * at birth and its closure age, per bone its onset and ossified areas, the wall time, and
 * the pictures written. Throws ossify::invalid_parameter on bad options (before any work).
 */
[[nodiscard]] inline calvaria_result run_calvaria(const calvaria_options& o = {}) {
    using namespace detail::scenario;
    constexpr const char* where = "ossify::run_calvaria";
    require_grid(where, o.nx, o.ny);
    const double h = o.spacing.value();
    detail::require_in_range(where, "spacing", h, 10.0, 500.0, "um");
    detail::require_in_range(where, "dt_prenatal", o.dt_prenatal.value(), 1e-3, 7.0, "d");
    detail::require_in_range(where, "dt_postnatal", o.dt_postnatal.value(), 1e-3, 7.0, "d");
    detail::require_in_range(where, "until", o.until.value(), 0.0, 25.0 * development::days_per_year, "d");
    const auto& pp = o.parameters;
    detail::require_positive(where, "front_speed_prenatal", pp.front_speed_prenatal.value(), "um d^-1");
    detail::require_positive(where, "front_speed_postnatal", pp.front_speed_postnatal.value(), "um d^-1");
    detail::require_in_range(where, "suture_width", pp.suture_width.value(), h, 20.0 * h, "um");
    detail::require_non_negative(where, "apposition", pp.apposition.value(), "um d^-1");
    detail::require_positive(where, "front_signal_secretion", pp.front_signal_secretion.value(), "nM d^-1");
    detail::require_positive(where, "front_signal_threshold", pp.front_signal_threshold.value(), "nM");
    detail::require_in_range(where, "centre_radius", pp.centre_radius.value(), 0.0, 1000.0, "um");
    for (const auto& a : o.picture_ages) detail::require_in_range(where, "picture_ages", a.value(), 0.0, o.until.value(), "d");

    const auto wall_start = std::chrono::steady_clock::now();
    // The clock starts 7 weeks after fertilisation (gestational week 9), before the vault centres.
    const developmental_clock clock{duration::from_value(9.0 * development::days_per_week)};
    const double birth = clock.birth_time().value();
    // Map mm to grid um: the 10 x 12 mm map spans the grid (nx h by ny h).
    const double sx = static_cast<double>(o.nx) * h / 10.0, sy = static_cast<double>(o.ny) * h / 12.0;

    auto model = std::make_shared<front_model>();
    for (const auto& c : vault_pattern) {
        model->centres.push_back({c.name, {c.x_mm * sx, c.y_mm * sy},
                                  clock.time_at_fertilisation_age(duration::from_value(c.onset_weeks_pf * 7.0)).value(),
                                  pp.centre_radius.value()});
    }
    model->inhibition_um = pp.suture_width.value();
    model->birth_d = birth;
    model->speed_prenatal = pp.front_speed_prenatal.value();
    model->speed_postnatal = pp.front_speed_postnatal.value();
    model->threshold_nM = pp.front_signal_threshold.value();
    // The metopic suture (between the frontal halves) stops being held open at birth: it is
    // the vault suture that fuses in infancy (Vu et al. 2001; Teager et al. 2019). Imposed.
    model->set_inhibition(0, 1, birth);
    // The two interparietal centres fuse into one plate (Gray's Anatomy, K): no suture.
    model->set_inhibition(4, 5, -std::numeric_limits<double>::infinity());
    const grid2d grid{o.nx, o.ny, o.spacing};
    model->prepare(grid.size(), h);

    // No rule set: the fates of this scenario are its own processes (recruitment by the front,
    // entrapment of osteoblasts), which visit only the cells they concern.
    lattice_tissue tissue{rule_set<intramembranous_lineage>(), grid, signals<dlx5_front>{}, seed{o.seed},
                          processes(diffuse_signals{}, front_recruitment{model}, front_entrapment{},
                                    front_deposition{model}, matrix_mineralisation{})};
    tissue.fill(box<2>{{0, 0}, {o.nx - 1, o.ny - 1}}, mesenchymal{});
    tissue.set_secretion<osteoblast, dlx5_front>(pp.front_signal_secretion);
    tissue.set_secretion<osteocyte, dlx5_front>(pp.front_signal_secretion);
    tissue.set_apposition<osteoblast>(pp.apposition);

    // Regions: fontanelle discs, suture bands (sites whose two earliest-reached centres, with
    // the prenatal speed and onsets, are the suture's pair and are reached within a suture
    // width of each other), outside the fontanelle discs.
    const std::size_t n = grid.size();
    const std::size_t nf = vault_fontanelles.size(), ns = vault_sutures.size();
    std::vector<std::uint8_t> in_fontanelle(n, 0xff), in_suture(n, 0xff);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = grid.coords(i);
        const double x = (c[0] + 0.5) * h, y = (c[1] + 0.5) * h;
        for (std::size_t f = 0; f < nf; ++f) {
            const auto& F = vault_fontanelles[f];
            if (std::hypot(x - F.x_mm * sx, y - F.y_mm * sy) <= F.radius_mm * std::min(sx, sy)) in_fontanelle[i] = static_cast<std::uint8_t>(f);
        }
        if (in_fontanelle[i] != 0xff) continue;
        // Distances, in um of front travel, adjusted by onset: arrival time times speed.
        std::array<double, vault_pattern.size()> arrive{};
        for (std::size_t k = 0; k < vault_pattern.size(); ++k) {
            const auto& C = model->centres[k];
            arrive[k] = std::hypot(x - C.position_um[0], y - C.position_um[1]) + C.onset_d * model->speed_prenatal;
        }
        std::size_t first = 0, second = 1;
        if (arrive[second] < arrive[first]) std::swap(first, second);
        for (std::size_t k = 2; k < arrive.size(); ++k) {
            if (arrive[k] < arrive[first]) { second = first; first = k; }
            else if (arrive[k] < arrive[second]) second = k;
        }
        const double diff = arrive[second] - arrive[first];
        for (std::size_t s = 0; s < ns; ++s) {
            for (const auto& pr : vault_sutures[s].pairs) {
                if (pr[0] < 0) continue;
                const bool match = (first == static_cast<std::size_t>(pr[0]) && second == static_cast<std::size_t>(pr[1])) ||
                                   (first == static_cast<std::size_t>(pr[1]) && second == static_cast<std::size_t>(pr[0]));
                if (match && diff <= pp.suture_width.value() * 2.0) {
                    in_suture[i] = static_cast<std::uint8_t>(s);
                }
            }
        }
    }
    std::vector<double> suture_band_sites(ns, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (in_suture[i] != 0xff) suture_band_sites[in_suture[i]] += 1.0;
    }

    calvaria_result result;
    result.seed = o.seed;
    for (const auto& f : vault_fontanelles) result.gaps.push_back({f.name, gap_kind::fontanelle, area::from_value(0.0), length::from_value(0.0), std::nullopt});
    for (const auto& s : vault_sutures) result.gaps.push_back({s.name, gap_kind::suture, area::from_value(0.0), length::from_value(0.0), std::nullopt});
    for (const auto& c : model->centres) result.bones.push_back({c.name, std::nullopt, area::from_value(0.0), area::from_value(0.0), area::from_value(0.0)});

    const double site_area = h * h;
    const double inhibition_sites = pp.suture_width.value() / h;
    std::vector<double> dist(n, 0.0);
    std::vector<double> suture_open_at_birth(ns, 0.0);
    std::vector<std::uint8_t> fontanelle_open_at_birth(nf, 0);
    // Measures the gaps: fontanelle open area (membrane farther from bone than a suture
    // width) and largest distance to bone; suture unossified area.
    struct gap_state {
        std::vector<double> fontanelle_open, fontanelle_maxdist, suture_open;
    };
    // The distance transform is needed only while a fontanelle is open.
    auto measure = [&](const auto& t, bool fontanelles_open) {
        gap_state s{std::vector<double>(nf, 0.0), std::vector<double>(nf, 0.0), std::vector<double>(ns, 0.0)};
        if (fontanelles_open) {
            distance_to_bone(t, dist);
        } else {
            for (std::size_t i = 0; i < n; ++i) dist[i] = t.matrix().matrix_fraction(i) >= t.bone_threshold() ? 0.0 : 1.0;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (dist[i] <= 0.0) continue;
            if (const auto f = in_fontanelle[i]; f != 0xff) {
                if (dist[i] > inhibition_sites) s.fontanelle_open[f] += site_area;
                s.fontanelle_maxdist[f] = std::max(s.fontanelle_maxdist[f], dist[i]);
            } else if (const auto su = in_suture[i]; su != 0xff) {
                s.suture_open[su] += site_area;
            }
        }
        return s;
    };
    auto bone_areas = [&](const auto& t, auto member) {
        std::vector<double> a(model->centres.size(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            if (model->label[i] != no_bone && t.matrix().matrix_fraction(i) >= t.bone_threshold()) a[model->label[i]] += site_area;
        }
        for (std::size_t k = 0; k < a.size(); ++k) result.bones[k].*member = area::from_value(a[k]);
    };

    auto pictures = o.picture_ages;
    std::sort(pictures.begin(), pictures.end(), [](duration a, duration b) { return a.value() < b.value(); });
    std::size_t next_picture = 0;
    if (o.output_dir) std::filesystem::create_directories(*o.output_dir);
    auto picture = [&](const auto& t, double age_d) {
        const std::string label = age_d < 1.0 ? std::string("birth") : clock.describe(t.time());
        std::string file = "calvaria_" + label + ".png";
        std::replace(file.begin(), file.end(), ' ', '_');
        const auto path = *o.output_dir / file;
        render_tissue(t, "calvaria, " + label + " (seed " + std::to_string(o.seed) + ")", 2).write_png(path);
        result.pictures.push_back(path);
    };

    const double week24 = clock.time_at_gestational_age(duration::from_value(24.0 * 7.0)).value();
    const double end = birth + o.until.value();
    bool week24_done = false, birth_done = false;
    while (end - tissue.now_days() > 1e-9) {
        const double now = tissue.now_days();
        double dt = now < birth ? o.dt_prenatal.value() : o.dt_postnatal.value();
        if (now < birth) dt = std::min(dt, birth - now);  // land on birth
        dt = std::min(dt, end - now);
        tissue.step(duration::from_value(dt));
        ++result.steps;
        const double t = tissue.now_days();
        for (std::size_t k = 0; k < result.bones.size(); ++k) {
            if (result.bones[k].onset || model->seeded[k] == 0) continue;
            for (std::size_t i = 0; i < n; ++i) {
                if (model->label[i] == k && tissue.matrix().matrix_fraction(i) >= tissue.bone_threshold()) {
                    result.bones[k].onset = clock.gestational_age(tissue.time());
                    break;
                }
            }
        }
        if (!week24_done && t >= week24 - 1e-9) {
            bone_areas(tissue, &calvaria_bone::area_week_24);
            week24_done = true;
        }
        if (t < birth - 1e-9) continue;
        const bool any_open = !birth_done || std::any_of(result.gaps.begin(), result.gaps.begin() + static_cast<std::ptrdiff_t>(nf),
                                                         [](const calvaria_gap& g) { return !g.closed_at; });
        const auto s = measure(tissue, any_open);
        const double age = t - birth;
        if (!birth_done) {
            birth_done = true;
            bone_areas(tissue, &calvaria_bone::area_at_birth);
            for (std::size_t f = 0; f < nf; ++f) {
                result.gaps[f].area_at_birth = area::from_value(s.fontanelle_open[f]);
                result.gaps[f].width_at_birth = length::from_value(2.0 * s.fontanelle_maxdist[f] * h);
                fontanelle_open_at_birth[f] = s.fontanelle_open[f] > 0.0 ? 1 : 0;
                if (!fontanelle_open_at_birth[f]) result.gaps[f].closed_at = duration::from_value(0.0);
            }
            for (std::size_t su = 0; su < ns; ++su) {
                suture_open_at_birth[su] = s.suture_open[su];
                const double len_um = suture_band_sites[su] * site_area / (2.0 * pp.suture_width.value());
                result.gaps[nf + su].area_at_birth = area::from_value(s.suture_open[su]);
                result.gaps[nf + su].width_at_birth = length::from_value(len_um > 0.0 ? s.suture_open[su] / len_um : 0.0);
            }
        } else {
            for (std::size_t f = 0; f < nf; ++f) {
                if (!result.gaps[f].closed_at && s.fontanelle_open[f] <= 0.0) result.gaps[f].closed_at = duration::from_value(age);
            }
            for (std::size_t su = 0; su < ns; ++su) {
                // Closed when the unossified area falls to 5 % of that at birth (assumed:
                // radiological closure does not wait for the last bridge).
                auto& g = result.gaps[nf + su];
                if (!g.closed_at && s.suture_open[su] <= 0.05 * suture_open_at_birth[su]) g.closed_at = duration::from_value(age);
            }
        }
        while (o.output_dir && next_picture < pictures.size() && age >= pictures[next_picture].value() - 1e-9) {
            picture(tissue, age);
            ++next_picture;
        }
    }
    bone_areas(tissue, &calvaria_bone::area_at_end);
    result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return result;
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CALVARIA_HPP
