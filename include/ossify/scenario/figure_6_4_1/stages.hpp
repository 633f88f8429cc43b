/// @file
/// @brief The four stages of Figure 6.4.1 as measurable events, checked after every step: (a) an
/// ossification centre with capillaries; (b) the first osteocyte in mineralised matrix; (c) a
/// periosteum over both faces of the plate; (d) compact bone on both faces and red marrow.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_STAGES_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_STAGES_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

#include "../../cell/states.hpp"
#include "../../space/shape.hpp"
#include "../../tissue/fields.hpp"
#include "../../units/quantities.hpp"
#include "cells.hpp"
#include "measurements.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/// @brief Osteoblasts of the ossification centre: at least this many within centre_reach_um.
inline constexpr std::size_t centre_osteoblasts = 10;
/// @brief Radius around the centre for stage a (um).
inline constexpr double centre_reach_um = 150.0;
/// @brief A capillary within this distance of the centre for stage a (um).
inline constexpr double centre_capillary_um = 200.0;
/// @brief Half-width (um) of the central part of the plate where stages c and d are judged: the
/// oldest bone, around the ossification centre.
inline constexpr double centre_window_um = 300.0;
/// @brief Share of the measured lines whose face carries periosteum (a periosteal cell within two
/// sites beyond the outermost bone), on each face, for stage c.
inline constexpr double periosteum_cover = 0.5;
/// @brief Compact bone the periosteum must add to each face after stage c for stage d (um, mean
/// over the measured lines): the source text's order, "the periosteum then creates a protective
/// layer of compact bone"; 50 um, assumed as a definition (about 12 days at 4.1 um/d).
inline constexpr double compact_added_um = 50.0;

/// @brief The criterion of stage 'a' .. 'd' as text.
[[nodiscard]] inline std::string stage_criterion(char stage) {
    switch (stage) {
        case 'a': return "at least 10 osteoblasts within 150 um of the centre and a capillary within 200 um of it";
        case 'b': return "the first osteocyte whose site is mineralised (mineral fraction >= 0.5)";
        case 'c': return "periosteum (a periosteal cell within 20 um beyond the outermost bone) over at least half of "
                         "each face of the plate within 300 um of the centre";
        default: return "at least 50 um of compact (periosteal) bone added on average to each face within 300 um of the "
                        "centre since stage c, and red marrow";
    }
}

/// @brief Tracks when each stage is first reached.
struct stage_tracker {
    /// @brief When stage a..d was reached (model time).
    std::array<std::optional<duration>, 4> reached;
    /// @brief Mean compact thickness of the two faces when stage c was reached (um).
    std::array<double, 2> compact_at_c{};

    /// @brief Checks the stages not yet reached (each after the previous one) on tissue `t`;
    /// returns the index of a stage reached now (0..3), or -1.
    template <class Tissue>
    int check(const Tissue& t) {
        for (int k = 0; k < 4; ++k) {
            if (reached[static_cast<std::size_t>(k)]) continue;
            if (k > 0 && !reached[static_cast<std::size_t>(k - 1)]) return -1;
            const bool met = k == 0 ? stage_a(t) : k == 1 ? stage_b(t) : k == 2 ? stage_c(t) : stage_d(t, compact_at_c);
            if (!met) return -1;
            reached[static_cast<std::size_t>(k)] = t.time();
            if (k == 2) {
                const auto r = measure_plate(t, false, centre_window(t));
                compact_at_c = {r.top_compact_um, r.bottom_compact_um};
            }
            return k;
        }
        return -1;
    }

    /// @brief The window of stages c and d.
    template <class Tissue>
    static plate_window centre_window(const Tissue& t) {
        return plate_window::around_centre(shape_of(t.grid()),
                                           static_cast<std::size_t>(std::lround(centre_window_um / t.grid().spacing_um())));
    }
    /// @brief Stage a: an ossification centre with capillaries.
    template <class Tissue>
    static bool stage_a(const Tissue& t) {
        const auto& g = t.grid();
        const auto c = [&] {
            auto s = g.coords(0);
            for (std::size_t a = 0; a < Tissue::dimension; ++a) s[a] = g.extent(a) / 2;
            return s;
        }();
        const auto states = t.states();
        constexpr auto ob = Tissue::template state_index<osteoblast>();
        constexpr auto endo = Tissue::template state_index<endothelial>();
        const double h = g.spacing_um();
        std::size_t near = 0;
        bool capillary = false;
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (states[i] != ob && states[i] != endo) continue;
            const auto p = g.coords(i);
            double d2 = 0.0;
            for (std::size_t a = 0; a < Tissue::dimension; ++a) d2 += (p[a] - c[a]) * (p[a] - c[a]) * h * h;
            if (states[i] == ob) near += d2 <= centre_reach_um * centre_reach_um ? 1u : 0u;
            else capillary = capillary || d2 <= centre_capillary_um * centre_capillary_um;
        }
        return near >= centre_osteoblasts && capillary;
    }
    /// @brief Stage b: an osteocyte in mineralised matrix.
    template <class Tissue>
    static bool stage_b(const Tissue& t) {
        const auto states = t.states();
        constexpr auto oc = Tissue::template state_index<osteocyte>();
        if (t.template count<osteocyte>() == 0) return false;
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (states[i] == oc && t.matrix().mineral_fraction(i) >= 0.5) return true;
        }
        return false;
    }
    /// @brief Stage c: the periosteum over both faces.
    template <class Tissue>
    static bool stage_c(const Tissue& t) {
        const auto r = measure_plate(t, false, centre_window(t));
        return r.top_surface > 0 && r.bottom_surface > 0 && r.top_periosteal >= periosteum_cover * r.top_surface &&
               r.bottom_periosteal >= periosteum_cover * r.bottom_surface;
    }
    /// @brief Stage d: compact bone added to both faces since stage c (thickness then: `at_c`), and
    /// red marrow.
    template <class Tissue>
    static bool stage_d(const Tissue& t, const std::array<double, 2>& at_c) {
        const auto m = t.template field<marrow>();
        bool any = false;
        for (const auto v : m) any = any || v != 0;
        if (!any) return false;
        const auto r = measure_plate(t, false, centre_window(t));
        return r.top_compact_um >= at_c[0] + compact_added_um && r.bottom_compact_um >= at_c[1] + compact_added_um;
    }
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_STAGES_HPP
