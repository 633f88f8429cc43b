/// @file
/// @brief Named scenario parameters: a registry of values with units, allowed ranges and
/// sources, that command lines and scripts override by name (`--set name=value`).
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_PARAMETERS_HPP
#define OSSIFY_SCENARIO_PARAMETERS_HPP

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../detail/error.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief One named parameter: its value, unit, allowed range and where the default comes from.
struct scenario_parameter {
    /// @brief The name used by `--set name=value` (snake_case).
    std::string name;
    /// @brief The value, in `unit` (the library's internal scale: um, d, nM).
    double value;
    /// @brief The unit of `value` as text ("um", "1/d", "nM/d", "-" for a plain number).
    std::string unit;
    /// @brief Smallest allowed value.
    double lo;
    /// @brief Largest allowed value.
    double hi;
    /// @brief Source of the default, or "assumed: <reasoning>".
    std::string source;
};

/**
 * @brief A set of named parameters with units, ranges and sources. A scenario publishes its
 * defaults as a registry; users change them by name. Unknown names and values outside the
 * range are refused (ossify::invalid_parameter) with a message that lists what is valid, and
 * a refused call changes nothing.
 */
class parameter_registry {
public:
    /// @brief An empty registry.
    parameter_registry() = default;
    /// @brief A registry holding `params` (names must be distinct; each value in its range).
    explicit parameter_registry(std::vector<scenario_parameter> params) : params_(std::move(params)) {
        for (std::size_t i = 0; i < params_.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (params_[i].name == params_[j].name) {
                    throw invalid_parameter("ossify::parameter_registry", "name", params_[i].name + " (listed twice)",
                                            "distinct names");
                }
            }
            check(params_[i], params_[i].value);
        }
    }

    /// @brief All parameters, in declaration order.
    [[nodiscard]] const std::vector<scenario_parameter>& all() const noexcept { return params_; }
    /// @brief True when a parameter of this name exists.
    [[nodiscard]] bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }
    /// @brief The parameter of this name; throws invalid_parameter listing the valid names.
    [[nodiscard]] const scenario_parameter& at(std::string_view name) const { return *require(name); }
    /// @brief The value of the named parameter (in its unit).
    [[nodiscard]] double get(std::string_view name) const { return require(name)->value; }

    /// @brief Sets a parameter; refuses unknown names and values outside the range.
    void set(std::string_view name, double value) {
        const scenario_parameter& p = *require(name);
        check(p, value);
        for (auto& q : params_) {
            if (q.name == name) q.value = value;
        }
    }

    /// @brief Sets a parameter from text "name=value" (value a plain number in the parameter's
    /// unit). Refuses malformed text, unknown names and values outside the range.
    void set(std::string_view assignment) {
        const auto eq = assignment.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            throw invalid_parameter("ossify::parameter_registry::set", "assignment", std::string(assignment),
                                    "name=value, with name one of: " + names());
        }
        const std::string name(assignment.substr(0, eq));
        const std::string text(assignment.substr(eq + 1));
        const scenario_parameter& p = *require(name);
        std::size_t used = 0;
        double v = 0.0;
        try {
            v = std::stod(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != text.size() || !std::isfinite(v)) {
            throw invalid_parameter("ossify::parameter_registry::set", name, "'" + text + "'",
                                    "a number in " + p.unit + " within " + range_text(p));
        }
        set(name, v);
    }

    /// @brief The names, comma separated (for messages and --help).
    [[nodiscard]] std::string names() const {
        std::string s;
        for (const auto& p : params_) s += (s.empty() ? "" : ", ") + p.name;
        return s;
    }

    /// @brief "[lo, hi] unit" of a parameter.
    [[nodiscard]] static std::string range_text(const scenario_parameter& p) {
        return "[" + detail::format_value(p.lo) + ", " + detail::format_value(p.hi) + "] " + p.unit;
    }

private:
    [[nodiscard]] const scenario_parameter* find(std::string_view name) const noexcept {
        for (const auto& p : params_) {
            if (p.name == name) return &p;
        }
        return nullptr;
    }
    [[nodiscard]] const scenario_parameter* require(std::string_view name) const {
        const auto* p = find(name);
        if (p == nullptr) {
            throw invalid_parameter("ossify::parameter_registry", "name", "'" + std::string(name) + "'",
                                    "one of: " + names());
        }
        return p;
    }
    static void check(const scenario_parameter& p, double v) {
        if (!(v >= p.lo && v <= p.hi)) {
            throw invalid_parameter("ossify::parameter_registry", p.name, detail::format_value(v) + " " + p.unit,
                                    range_text(p));
        }
    }

    std::vector<scenario_parameter> params_;
};

/**
 * @brief The default parameters of the Figure 6.4.1 scenario (scenario/figure_6_4_1.hpp),
 * each with its unit, range and source. Values are in the library's internal scale
 * (um, d, nM). "assumed" entries give the reasoning; sources are listed in docs/biology.md.
 */
[[nodiscard]] inline parameter_registry figure_6_4_1_parameters() {
    return parameter_registry({
        // Geometry and condensation.
        {"sheet_thickness", 300.0, "um", 50.0, 1e4,
         "assumed: a flat-bone anlage a few hundred um thick (fetal parietal bone is under 1 mm)"},
        {"vascular_channel_width", 20.0, "um", 0.0, 1e4,
         "assumed: a vascular canal of the primary spongiosa with its perivascular tissue (a capillary is ~10 um across); sets the spaces between trabeculae"},
        {"vascular_channel_spacing", 100.0, "um", 10.0, 1e5,
         "assumed: channels ~100 um apart keep every cell within ~100 um of a vessel (Lovett et al. 2009) and leave struts of the order of 100 um (Peyrin et al. 2005)"},
        {"vascular_channel_depth", 30.0, "um", 0.0, 1e4,
         "assumed: the mesh of channels starts this far under each face of the sheet; the bone laid outside it becomes the compact layers"},
        {"vascular_channel_fill", 0.9, "-", 0.0, 1.0,
         "assumed: 10 % gaps in the channels, so the network is irregular and osteoid bridges some channels"},
        {"mesenchyme_density", 0.3, "-", 0.05, 1.0,
         "assumed: condensation density not found in our sources (BIOLOGY.md); half the sites filled"},
        {"mesenchyme_motility", 4.0, "1/d", 0.0, 100.0,
         "assumed: a few cell lengths per day, enough for condensation within days"},
        {"condensation_adhesion", 2.0, "-", 0.0, 50.0, "assumed: adhesion bias of migration (condensation)"},
        // Ossification centre.
        {"bmp2_source_rate", 400.0, "nM/d", 0.0, 1e6,
         "assumed: gives a peak of a few nM at the centre (ossification_center example)"},
        {"bmp2_source_radius", 40.0, "um", 0.0, 1e4, "assumed: a signalling centre a few cells across"},
        {"bmp2_half_max", 2.0, "nM", 1e-6, 1e6, "assumed: half-maximal near the centre's peak"},
        {"bmp2_commitment_rate", 0.5, "1/d", 0.0, 100.0, "assumed: commitment within a few days"},
        {"front_signal_secretion", 100.0, "nM/d", 0.0, 1e6,
         "assumed: Dlx5-like front signal of bone cells (Garzon-Alvarado et al. 2013 use dimensionless values)"},
        {"front_signal_half_max", 0.2, "nM", 1e-6, 1e6,
         "assumed: reached several cells ahead of the front, so the front spreads along the sheet over weeks (with 1 nM the centre stayed a round mass ~500 um across after 10 weeks)"},
        {"front_recruitment_rate", 2.0, "1/d", 0.0, 100.0,
         "assumed: recruitment of surrounding cells within days (source text: 'differentiate into new osteoblasts')"},
        {"osteoblast_delay", 2.0, "d", 0.0, 100.0,
         "assumed: Runx2 -> Osterix delay; ALP from day 7-9 in culture (Quarles 1992) is slower than in vivo"},
        {"osteoblast_rate", 0.5, "1/d", 0.0, 100.0, "assumed: osteogenic -> osteoblast within days after the delay"},
        {"osteogenic_proliferation", 0.1, "1/d", 0.0, 10.0,
         "assumed: a third of the lattice-model value 0.3/d (Checa & Prendergast-style, Perier-Metz 2020 code): with 0.3/d the pores filled with cells and osteocytes were 4x too dense (Mullender 1996)"},
        {"osteoblast_apoptosis", 0.03, "1/d", 0.0, 10.0,
         "assumed: an active life of about a month, so each osteoblast lays several sites of bone; the lattice-model value 0.16/d (Perier-Metz 2020 code) and the Lemaire/Pivonka removal 0.189/d left one osteocyte per ~5 sites of bone (10x Mullender 1996)"},
        {"apposition_rate", 3.0, "um/d", 0.0, 100.0, "V: ~3 um/d trabecular thickening in fetal woven bone (Peyrin et al. 2005)"},
        {"entrapment_fraction", 0.875, "-", 0.0, 1.0,
         "calibrated: 7 of 8 Moore neighbours (2-D) mineralised wall a cell in; chosen so that 10-20 % of osteoblasts end as osteocytes (Franz-Odendaal 2006)"},
        {"entrapped_apoptosis_rate", 1.0, "1/d", 0.0, 1e6,
         "calibrated: a bone-forming cell walled in by mineral dies at the rate at which it would become an osteocyte (1/d), so half the entrapped cells die; chosen so that 10-20 % of osteoblasts end as osteocytes and 50-70 % die (Franz-Odendaal 2006; Jilka 1998): 0.5/d gave 16 %/62 % but 1.4x the osteocyte density"},
        {"periosteum_bone_beneath", 50.0, "um", 0.0, 1e4,
         "assumed: the periosteum forms on the surface of the spongy bone (source text), here once 50 um of bone lie beneath the surface cell along the plate normal"},
        {"entrapment_rate", 1.0, "1/d", 0.0, 1e6, "assumed: an entrapped osteoblast becomes an osteocyte within a day"},
        // Matrix.
        {"mineralisation_lag", 2.0, "d", 0.0, 100.0,
         "assumed: new woven bone 'calcifies within a few days' (source text); adult lag 8-21 d (Brockstedt 1993)"},
        {"mineralisation_rate", 1.0, "1/d", 1e-6, 100.0, "assumed: primary phase 95 % complete 3 d after the lag"},
        {"bone_threshold", 0.5, "-", 1e-6, 1.0, "assumed: half a site of matrix closes it to cells and vessels"},
        // Capillaries.
        {"vegf_secretion_mesenchyme", 2.0, "nM/d", 0.0, 1e6, "assumed: hypoxic condensed mesenchyme secretes VEGF"},
        {"vegf_secretion_osteoblast", 20.0, "nM/d", 0.0, 1e6, "assumed: osteoblasts secrete VEGF (angiogenic-osteogenic coupling)"},
        {"vegf_uptake_endothelial", 2000.0, "1/d", 0.0, 1e6, "assumed: VEGFR2 binding and internalisation by vessels"},
        {"vegf_half_max", 0.05, "nM", 1e-9, 1e6, "assumed: half-maximal response near the steady level of the condensate"},
        {"capillary_formation_rate", 0.1, "1/d", 0.0, 100.0,
         "assumed: a few per cent of mesenchymal cells become endothelial per day; tested against 100-200 um spacing (Lovett 2009)"},
        {"capillary_sprouting_rate", 0.0, "1/d", 0.0, 100.0,
         "assumed: off: the vascular channels are laid out at the start (vascular_channel_*); sprouting at 2/d filled the pores between them with vessels"},
        {"sprouting_half_max", 0.2, "nM", 1e-9, 1e6,
         "assumed: sprouting needs the VEGF of nearby osteoblasts, above the level of the condensate"},
        // Periosteum.
        {"periosteum_rate", 3.0, "1/d", 0.0, 100.0,
         "assumed: a surface osteoblast with spongy bone beneath becomes periosteal within a day; these are the 'rest' of the osteoblast fates (lining cells, Franz-Odendaal 2006)"},
        {"periosteal_proliferation", 0.2, "1/d", 0.0, 10.0,
         "assumed: half the lattice-model osteoblast value 0.3/d (Perier-Metz 2020 code); at 0.3/d the periosteum thickened the plate and its entrapped cells doubled the osteocyte density"},
        {"periosteal_apposition_rate", 3.0, "um/d", 0.0, 100.0,
         "assumed: as fetal woven bone (Peyrin et al. 2005); adult cortical MAR is 0.9-1.2 um/d (Brockstedt 1993)"},
    });
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_PARAMETERS_HPP
