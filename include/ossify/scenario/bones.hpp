/// @file
/// @brief A catalogue of the bones formed by intramembranous ossification (source text: the
/// flat bones of the face, most cranial bones, the clavicles) with onset and completion ages
/// and their sources, and of the fontanelles and sutures with their closure ages.
///
/// Source flags as in /work/shared/BIOLOGY.md: V read in the source named; K a standard
/// citation not re-read (check before relying on it); weak a secondary summary; assumed no
/// source, reasoning given.
///
/// Age conventions: onsets are stored as ages since fertilisation, the convention of
/// O'Rahilly & Gardner 1972 (staged embryos, postovulatory ages); gestational age is 2 weeks
/// more (see developmental_clock). BIOLOGY.md writes the clavicle's onset as "weeks 5-6 of
/// gestation": the weeks are O'Rahilly & Gardner's embryonic weeks. Completion and closure
/// ages are ages after birth.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_BONES_HPP
#define OSSIFY_SCENARIO_BONES_HPP

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../error.hpp"
#include "../units/quantities.hpp"
#include "clock.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Where a bone lies.
enum class bone_region : unsigned char {
    skull_vault,  ///< the cranial vault (calvaria)
    face,         ///< the facial skeleton
    shoulder      ///< the shoulder girdle (clavicle)
};

/// @brief The name of a region ("skull vault", "face", "shoulder").
[[nodiscard]] constexpr std::string_view region_name(bone_region r) noexcept {
    switch (r) {
        case bone_region::skull_vault: return "skull vault";
        case bone_region::face: return "face";
        case bone_region::shoulder: return "shoulder";
    }
    return "?";
}

/// @brief An age range [earliest, latest] with the source of the numbers and its flag.
struct age_range {
    /// @brief Earliest age of the range.
    duration earliest;
    /// @brief Latest age of the range.
    duration latest;
    /// @brief Source (author, year) of the numbers.
    std::string_view source;
    /// @brief "V", "K", "weak" or "assumed" (see the file comment).
    std::string_view flag;
    /// @brief The middle of the range.
    [[nodiscard]] duration typical() const noexcept {
        return duration::from_value(0.5 * (earliest.value() + latest.value()));
    }
    /// @brief True when `age` lies in the range (both ends included).
    [[nodiscard]] bool contains(duration age) const noexcept {
        return age.value() >= earliest.value() && age.value() <= latest.value();
    }
};

/// @brief One bone formed by intramembranous ossification.
struct bone_info {
    /// @brief Name ("clavicle", "frontal" ...).
    std::string_view name;
    /// @brief Region.
    bone_region region;
    /// @brief Appearance of the first ossification centre, as age since fertilisation.
    age_range onset;
    /// @brief Completion (adult size) as age after birth.
    age_range completion;
    /// @brief Number of primary ossification centres (per bone; a paired bone counts one side).
    int primary_centres;
    /// @brief Source of the number of centres, with its flag.
    std::string_view centres_source;
    /// @brief A remark (what completion means for this bone, caveats).
    std::string_view note;
};

/// @brief Whether a gap is a fontanelle (where several bones meet) or a suture (between two).
enum class gap_kind : unsigned char {
    fontanelle,  ///< a wide membranous gap where three or more bones meet
    suture       ///< a narrow fibrous joint where two bone fronts meet
};

/// @brief A fontanelle or suture with its closure age after birth.
struct closure_info {
    /// @brief Name ("anterior fontanelle", "metopic suture" ...).
    std::string_view name;
    /// @brief Fontanelle or suture.
    gap_kind kind;
    /// @brief The bones that meet at it.
    std::string_view between;
    /// @brief Closure as age after birth.
    age_range closes;
};

namespace detail::bones {
inline duration weeks(double w) { return duration::from_value(w * development::days_per_week); }
inline duration months(double m) { return duration::from_value(m * development::days_per_month); }
inline duration years(double y) { return duration::from_value(y * development::days_per_year); }
inline constexpr std::string_view orahilly = "O'Rahilly & Gardner 1972";
}  // namespace detail::bones

/**
 * @brief The catalogue: bones formed by intramembranous ossification, fontanelles and
 * sutures, with sources. Plain data built on construction (no global state).
 *
 * ```cpp
 * bone_catalogue cat;
 * cat.in_onset_order().front().name;   // "clavicle"
 * cat.last_to_complete().region;       // bone_region::face
 * ```
 */
class bone_catalogue {
public:
    /// @brief The catalogue with the default entries (sources in each entry).
    bone_catalogue() {
        using namespace detail::bones;
        // Onsets: O'Rahilly & Gardner 1972 (V in BIOLOGY.md) give the clavicle as the first bone
        // (embryonic weeks 5-6, two centres fusing by ~day 45) and the skull-vault centres
        // (frontal, squamous temporal, interparietal, supra-occipital) by ~week 8. The lower end
        // of "by week 8" is assumed to be week 7 (after the clavicle and mandible).
        bones_ = {
            {"clavicle", bone_region::shoulder, {weeks(5), weeks(6), orahilly, "V"},
             {years(16), years(18), "assumed: the membranous shaft reaches adult length with the end of the "
                                    "adolescent growth spurt; the sternal epiphysis (endochondral, not counted) "
                                    "fuses in the 20s (Gray's Anatomy, K)", "assumed"},
             2, "O'Rahilly & Gardner 1972; Gray's Anatomy (V)",
             "first bone to ossify; the two centres fuse by ~day 45"},
            {"frontal", bone_region::skull_vault, {weeks(7), weeks(8), orahilly, "V (lower end assumed)"},
             {years(6), years(10), "assumed: the vault follows brain growth, which is ~95 % complete by "
                                   "age 6 (standard paediatric growth data, K)", "assumed"},
             2, "one centre per half (Gray's Anatomy, K)", "the halves meet at the metopic suture"},
            {"parietal", bone_region::skull_vault, {weeks(7), weeks(8), "Gray's Anatomy", "K"},
             {years(6), years(10), "assumed: as the frontal", "assumed"},
             2, "two centres near the parietal eminence that soon unite (Gray's Anatomy, K)",
             "not in O'Rahilly & Gardner's list in BIOLOGY.md; onset as the other vault bones (K)"},
            {"squamous temporal", bone_region::skull_vault, {weeks(7), weeks(8), orahilly, "V (lower end assumed)"},
             {years(6), years(10), "assumed: as the frontal", "assumed"},
             1, "Gray's Anatomy (K)", ""},
            {"interparietal (occipital)", bone_region::skull_vault, {weeks(7), weeks(8), orahilly, "V (lower end assumed)"},
             {years(6), years(10), "assumed: as the frontal", "assumed"},
             2, "Gray's Anatomy (K)", "the membranous upper part of the occipital squama"},
            {"mandible (body)", bone_region::face, {weeks(6), weeks(7), "Gray's Anatomy", "K"},
             {years(14), years(20), "Foley & Mamandras 1992", "V"},
             1, "one centre per half, lateral to Meckel's cartilage (Gray's Anatomy, K)",
             "the mandible still grows at 14-20 years"},
            {"maxilla", bone_region::face, {weeks(6), weeks(7), "Gray's Anatomy", "K"},
             {years(15), years(18), "source text (end of the adolescent growth spurt); ages assumed", "assumed"},
             1, "Gray's Anatomy (K; the number is debated)", ""},
            {"zygomatic", bone_region::face, {weeks(7), weeks(8), "Gray's Anatomy", "K"},
             {years(15), years(18), "source text (end of the adolescent growth spurt); ages assumed", "assumed"},
             1, "Gray's Anatomy (K)", ""},
            {"nasal", bone_region::face, {weeks(8), weeks(10), "Gray's Anatomy", "K"},
             {years(15), years(18), "source text (end of the adolescent growth spurt); ages assumed", "assumed"},
             1, "Gray's Anatomy (K)", ""},
        };
        closures_ = {
            {"posterior fontanelle", gap_kind::fontanelle, "parietals, interparietal",
             {months(1), months(3), "CT studies (BIOLOGY.md)", "V (secondary)"}},
            {"sphenoid fontanelle", gap_kind::fontanelle, "frontal, parietal, squamous temporal, sphenoid",
             {months(5), months(7), "Radiopaedia (~6 months; +/- 1 month assumed)", "V"}},
            {"mastoid fontanelle", gap_kind::fontanelle, "parietal, occipital, temporal",
             {months(6), months(18), "health references (BIOLOGY.md)", "weak"}},
            {"anterior fontanelle", gap_kind::fontanelle, "frontals, parietals",
             {months(12), months(24), "Pindrik et al. 2014; Duc & Largo 1986", "V/K"}},
            {"metopic suture", gap_kind::suture, "the two frontal halves",
             {months(3), months(19), "Vu et al. 2001; Teager et al. 2019", "V"}},
            {"sagittal suture", gap_kind::suture, "the two parietals",
             {years(20), years(40), "summaries (fuse in the 20s and later; upper end assumed)", "weak"}},
            {"coronal suture", gap_kind::suture, "frontal and parietals",
             {years(20), years(40), "summaries (fuse in the 20s and later; upper end assumed)", "weak"}},
            {"lambdoid suture", gap_kind::suture, "parietals and occipital",
             {years(20), years(40), "summaries (fuse in the 20s and later; upper end assumed)", "weak"}},
        };
    }

    /// @brief All bones, in catalogue order.
    [[nodiscard]] const std::vector<bone_info>& bones() const noexcept { return bones_; }
    /// @brief The bones by onset (earliest first; ties by latest onset, then name).
    [[nodiscard]] std::vector<bone_info> in_onset_order() const {
        auto v = bones_;
        std::stable_sort(v.begin(), v.end(), [](const bone_info& a, const bone_info& b) {
            if (a.onset.earliest.value() != b.onset.earliest.value()) return a.onset.earliest.value() < b.onset.earliest.value();
            return a.onset.latest.value() < b.onset.latest.value();
        });
        return v;
    }
    /// @brief The bones by completion (earliest first; ties by earliest completion).
    [[nodiscard]] std::vector<bone_info> in_completion_order() const {
        auto v = bones_;
        std::stable_sort(v.begin(), v.end(), [](const bone_info& a, const bone_info& b) {
            if (a.completion.latest.value() != b.completion.latest.value()) return a.completion.latest.value() < b.completion.latest.value();
            return a.completion.earliest.value() < b.completion.earliest.value();
        });
        return v;
    }
    /// @brief The first bone to ossify (earliest onset).
    [[nodiscard]] bone_info first_to_ossify() const { return in_onset_order().front(); }
    /// @brief The last bone to complete (latest end of its completion range).
    [[nodiscard]] bone_info last_to_complete() const { return in_completion_order().back(); }
    /// @brief The bones of one region, in catalogue order.
    [[nodiscard]] std::vector<bone_info> in_region(bone_region r) const {
        std::vector<bone_info> v;
        std::copy_if(bones_.begin(), bones_.end(), std::back_inserter(v), [r](const bone_info& b) { return b.region == r; });
        return v;
    }
    /// @brief The bone of that name; throws ossify::invalid_parameter if there is none.
    [[nodiscard]] const bone_info& bone(std::string_view name) const {
        for (const auto& b : bones_) {
            if (b.name == name) return b;
        }
        throw invalid_parameter("ossify::bone_catalogue::bone", "name", std::string(name), known(bones_));
    }

    /// @brief All fontanelles and sutures, in catalogue order.
    [[nodiscard]] const std::vector<closure_info>& closures() const noexcept { return closures_; }
    /// @brief The fontanelles or the sutures.
    [[nodiscard]] std::vector<closure_info> of_kind(gap_kind k) const {
        std::vector<closure_info> v;
        std::copy_if(closures_.begin(), closures_.end(), std::back_inserter(v), [k](const closure_info& c) { return c.kind == k; });
        return v;
    }
    /// @brief Fontanelles and sutures by closure (earliest first, by the middle of the range).
    [[nodiscard]] std::vector<closure_info> in_closure_order() const {
        auto v = closures_;
        std::stable_sort(v.begin(), v.end(), [](const closure_info& a, const closure_info& b) {
            return a.closes.typical().value() < b.closes.typical().value();
        });
        return v;
    }
    /// @brief The fontanelle or suture of that name; throws ossify::invalid_parameter if none.
    [[nodiscard]] const closure_info& closure(std::string_view name) const {
        for (const auto& c : closures_) {
            if (c.name == name) return c;
        }
        throw invalid_parameter("ossify::bone_catalogue::closure", "name", std::string(name), known(closures_));
    }

private:
    template <class V>
    static std::string known(const V& v) {
        std::string s = "one of";
        for (const auto& e : v) {
            s += " '";
            s += e.name;
            s += "'";
        }
        return s;
    }

    std::vector<bone_info> bones_;
    std::vector<closure_info> closures_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_BONES_HPP
