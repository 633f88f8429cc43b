/// @file
/// @brief Writing a lattice tissue: VTK image data (.vti) of every field, and pictures (PNG)
/// coloured by state and shaded by mineral.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_TISSUE_OUTPUT_HPP
#define OSSIFY_OBSERVE_TISSUE_OUTPUT_HPP

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../tissue/fields.hpp"
#include "../tissue/lattice_state.hpp"
#include "../units/quantities.hpp"
#include "csv.hpp"
#include "metrics.hpp"
#include "picture.hpp"
#include "vtk.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The colour of a state by name (built-in states have fixed colours; others cycle).
[[nodiscard]] inline rgb state_colour(std::string_view name, std::size_t index) {
    if (name == "mesenchymal") return {176, 196, 222};
    if (name == "osteogenic") return {120, 170, 90};
    if (name == "osteoblast") return {214, 60, 50};
    if (name == "osteocyte") return {120, 40, 150};
    if (name == "endothelial") return {40, 90, 220};
    if (name == "periosteal") return {240, 150, 30};
    static constexpr rgb cycle[] = {{90, 90, 90}, {0, 150, 150}, {200, 120, 180}, {150, 150, 0}};
    return cycle[index % 4];
}

/// @brief The palette of a tissue's lineage, followed by "empty" and "marrow".
template <class Tissue>
[[nodiscard]] palette tissue_palette() {
    palette p;
    for (std::size_t s = 0; s < Tissue::state_count; ++s) {
        p.add(std::string(Tissue::state_name(s)), state_colour(Tissue::state_name(s), s));
    }
    p.add("empty", {255, 255, 255});
    p.add("red marrow", {255, 110, 200});  // bright pink: apart from osteoblast red and osteocyte purple
    return p;
}

/// @brief Per-site category for pictures: the state index, "empty" (= state count), or
/// "red marrow" (= state count + 1) on marrow sites (shown over their vessel cell) when the
/// tissue carries the marrow field.
template <class Tissue>
[[nodiscard]] std::vector<std::uint8_t> picture_categories(const Tissue& t) {
    const auto states = t.states();
    std::vector<std::uint8_t> c(states.size());
    for (std::size_t i = 0; i < states.size(); ++i) {
        c[i] = states[i] == empty_site ? static_cast<std::uint8_t>(Tissue::state_count) : states[i];
    }
    if constexpr (Tissue::template carries<ossify::marrow>) {
        const auto m = t.template field<ossify::marrow>();
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (m[i] != 0) c[i] = static_cast<std::uint8_t>(Tissue::state_count + 1);
        }
    }
    return c;
}
/// @brief Mineral fraction per site (0 everywhere in a tissue without bone matrix).
template <class Tissue>
[[nodiscard]] std::vector<double> mineral_field(const Tissue& t) {
    std::vector<double> m(t.grid().size(), 0.0);
    if constexpr (Tissue::state_type::has_matrix) t.matrix().mineral_fractions(m);
    return m;
}
/// @brief A picture of a 2-D tissue (or of slice z of a 3-D one): cells coloured by state,
/// empty sites shaded by their mineral fraction, with a legend and a title.
template <class Tissue>
[[nodiscard]] image render_tissue(const Tissue& t, std::string title, std::int32_t scale = 3, std::int32_t z = 0) {
    picture_options o;
    o.scale = scale;
    o.title = std::move(title);
    o.empty = Tissue::state_count;
    o.field_name = "mineral";
    o.blend = 0.25;
    auto cats = picture_categories(t);
    auto mineral = mineral_field(t);
    const auto& g = t.grid();
    if constexpr (Tissue::dimension == 3) {
        const grid3d& g3 = g;
        auto c2 = z_slice(g3, cats, z);
        auto m2 = z_slice(g3, mineral, z);
        return render_map(c2, m2, g.extent(0), g.extent(1), tissue_palette<Tissue>(), o);
    } else {
        return render_map(cats, mineral, g.extent(0), g.extent(1), tissue_palette<Tissue>(), o);
    }
}
/// @brief Writes a lattice tissue as VTK image data (written to a temporary name, then
/// renamed): the state (-1 where empty), every field the tissue carries (named by its tag),
/// and, with bone matrix, the matrix and mineral fractions.
template <class Tissue>
void write_tissue_vti(const std::filesystem::path& path, const Tissue& t) {
    vti_writer w(t.grid());
    const auto states = t.states();
    std::vector<std::int32_t> state(states.begin(), states.end());
    for (auto& s : state) s = s == empty_site ? -1 : s;
    w.add("state", state);
    std::vector<std::vector<double>> converted;  // fields of types VTK does not take directly
    Tissue::fields_type::for_each([&]<class F>() {
        const auto v = t.template field<F>();
        if constexpr (vtk_scalar<std::remove_cv_t<typename decltype(v)::element_type>>) {
            w.add(std::string(F::name), v);
        } else {
            converted.emplace_back(v.begin(), v.end());
            w.add(std::string(F::name), converted.back());
        }
    });
    std::vector<double> mineral;
    if constexpr (Tissue::state_type::has_matrix) {
        mineral = mineral_field(t);
        w.add("matrix_fraction", t.matrix().matrix_fractions()).add("mineral_fraction", mineral);
    }
    w.write(path);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_TISSUE_OUTPUT_HPP
