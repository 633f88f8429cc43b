/// @file
/// @brief Pictures of 2-D maps: a categorical map (cell state per site) coloured by a
/// named palette, optionally shaded by a continuous field, with a legend and title drawn
/// in a built-in bitmap font; a continuous field with a colour bar; z-slices of 3-D data.
/// Written as PNG (png.hpp).
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_PICTURE_HPP
#define OSSIFY_OBSERVE_PICTURE_HPP

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/error.hpp"
#include "../space/grid.hpp"
#include "detail/font.hpp"
#include "detail/io.hpp"
#include "image.hpp"
#include "png.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief How render_map and render_field draw a picture.
struct picture_options {
    /// @brief Pixels per site along each axis (1..64).
    std::int32_t scale = 4;
    /// @brief A title line above the map; none when empty.
    std::string title;
    /// @brief Draw the legend (palette swatches and names, colour bar) right of the map.
    bool legend = true;
    /// @brief Pixels per font pixel for the title and legend text (1..8).
    std::int32_t text_scale = 2;
    /// @brief Category drawn as background (no cell), left out of the legend.
    std::optional<std::size_t> empty;
    /// @brief Background: margins, and empty sites when no field is given.
    rgb background{255, 255, 255};
    /// @brief Text and outline colour.
    rgb ink{0, 0, 0};
    /// @brief Colour map of the continuous field.
    colour_ramp ramp = colour_ramp::mineral();
    /// @brief Name of the continuous field in the colour bar.
    std::string field_name = "field";
    /// @brief Field values shown at the two ends of the ramp.
    double field_min = 0.0;
    /// @brief Field value shown at the top end of the ramp (> field_min).
    double field_max = 1.0;
    /// @brief Weight of the field's colour on occupied sites (0: palette colour only,
    /// 1: field colour only). Empty sites always show the field's colour when a field is given.
    double blend = 0.0;
    /// @brief Site y = 0 at the bottom (as in ParaView and plots); false puts it at the top.
    bool y_up = true;
};

namespace detail {

/// @brief Category values: integers or enumerations.
template <class T>
concept category_value = std::integral<T> || std::is_enum_v<T>;

/// @brief A contiguous sized range of category values (std::vector, std::span, std::array ...).
template <class R>
concept category_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
                         category_value<std::remove_cv_t<std::ranges::range_value_t<R>>>;

/// @brief A contiguous sized range of float or double.
template <class R>
concept field_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
                      std::floating_point<std::remove_cv_t<std::ranges::range_value_t<R>>>;

/// @brief A read-only span over a contiguous range.
template <class R>
auto as_span(const R& r) {
    using value = std::remove_cv_t<std::ranges::range_value_t<R>>;
    return std::span<const value>(std::ranges::data(r), std::ranges::size(r));
}

inline void check_picture_options(std::string_view where, const picture_options& o) {
    require_in_range(where, "options.scale", o.scale, 1, 64);
    require_in_range(where, "options.text_scale", o.text_scale, 1, 8);
    require_in_range(where, "options.blend", o.blend, 0.0, 1.0);
    if (!std::isfinite(o.field_min) || !std::isfinite(o.field_max) || !(o.field_max > o.field_min)) {
        throw invalid_parameter(where, "options.field_max",
                                format_value(o.field_max) + " (field_min = " + format_value(o.field_min) + ")",
                                "finite and > field_min");
    }
}

inline void check_extent(std::string_view where, std::int32_t nx, std::int32_t ny, std::size_t size,
                         std::string_view array) {
    require_in_range(where, "nx", nx, 1, 1 << 16);
    require_in_range(where, "ny", ny, 1, 1 << 16);
    const std::size_t n = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
    if (size != n) {
        throw invalid_parameter(where, std::string(array) + ".size()", std::to_string(size),
                                std::to_string(n) + " (nx * ny)");
    }
}

/// @brief Format for tick labels: up to 3 significant digits, no trailing zeros.
inline std::string tick_label(double v) {
    std::array<char, 32> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, 3);
    (void)ec;
    return std::string(buf.data(), end);
}

/// @brief Lays out and draws a picture: title, the map (drawn by `paint(site x, site y) -> rgb`),
/// and a legend of swatches plus an optional colour bar.
template <class Paint>
image compose_picture(std::int32_t nx, std::int32_t ny, const picture_options& o, Paint&& paint,
                      std::span<const palette_entry> swatches, bool colour_bar) {
    const std::int32_t ts = o.text_scale, margin = 4 * ts, gap = 3 * ts;
    const std::int32_t line = image::text_height(ts);
    const std::int32_t swatch = 7 * ts;
    const std::int32_t row_h = std::max(line, swatch) + 2 * ts;
    const std::int32_t bar_w = 60 * ts, bar_h = 6 * ts;
    const std::int32_t map_w = nx * o.scale, map_h = ny * o.scale;

    std::int32_t legend_w = 0, legend_h = 0;
    if (o.legend) {
        for (const auto& e : swatches) {
            legend_w = std::max(legend_w, swatch + gap + image::text_width(e.name, ts));
            legend_h += row_h;
        }
        if (colour_bar) {
            if (!swatches.empty()) legend_h += row_h / 2;
            const std::int32_t lo_w = image::text_width(tick_label(o.field_min), ts);
            const std::int32_t hi_w = image::text_width(tick_label(o.field_max), ts);
            legend_w = std::max({legend_w, image::text_width(o.field_name, ts), bar_w + hi_w / 2 + lo_w / 2});
            legend_h += row_h + bar_h + ts + line;
        }
    }
    const std::int32_t title_h = o.title.empty() ? 0 : line + margin;
    const std::int32_t width =
        std::max(margin + map_w + (legend_w > 0 ? margin + legend_w : 0) + margin,
                 margin + image::text_width(o.title, ts) + margin);
    const std::int32_t height = margin + title_h + std::max(map_h, legend_h) + margin;
    image img(width, height, o.background);

    if (!o.title.empty()) img.draw_text(margin, margin, o.title, o.ink, ts);
    const std::int32_t top = margin + title_h;
    for (std::int32_t y = 0; y < ny; ++y) {
        const std::int32_t py = top + (o.y_up ? ny - 1 - y : y) * o.scale;
        for (std::int32_t x = 0; x < nx; ++x) {
            img.fill_rect(margin + x * o.scale, py, o.scale, o.scale, paint(x, y));
        }
    }
    if (!o.legend) return img;
    std::int32_t lx = margin + map_w + margin;
    if (legend_w > 0) {
        std::int32_t ly = top;
        for (const auto& e : swatches) {
            img.fill_rect(lx, ly + (line - swatch) / 2, swatch, swatch, e.colour);
            img.stroke_rect(lx, ly + (line - swatch) / 2, swatch, swatch, o.ink);
            img.draw_text(lx + swatch + gap, ly, e.name, o.ink, ts);
            ly += row_h;
        }
        if (colour_bar) {
            if (!swatches.empty()) ly += row_h / 2;
            img.draw_text(lx, ly, o.field_name, o.ink, ts);
            ly += row_h;
            const std::string lo = tick_label(o.field_min), hi = tick_label(o.field_max);
            const std::int32_t bx = lx + image::text_width(lo, ts) / 2;
            for (std::int32_t i = 0; i < bar_w; ++i) {
                img.fill_rect(bx + i, ly, 1, bar_h, o.ramp(static_cast<double>(i) / (bar_w - 1)));
            }
            img.stroke_rect(bx - 1, ly - 1, bar_w + 2, bar_h + 2, o.ink);
            ly += bar_h + 2 * ts;
            img.draw_text(bx - image::text_width(lo, ts) / 2, ly, lo, o.ink, ts);
            img.draw_text(bx + bar_w - image::text_width(hi, ts) / 2, ly, hi, o.ink, ts);
        }
    }
    return img;
}

template <class T>
std::string category_repr(T v) {
    if constexpr (std::is_enum_v<T>) {
        return category_repr(static_cast<std::underlying_type_t<T>>(v));
    } else {
        return std::to_string(+v);
    }
}

template <class T>
std::size_t category_index(T v) noexcept {
    if constexpr (std::is_enum_v<T>) {
        return category_index(static_cast<std::underlying_type_t<T>>(v));
    } else if constexpr (std::is_signed_v<T>) {
        return v < 0 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(v);
    } else {
        return static_cast<std::size_t>(v);
    }
}

template <class Category, class Field>
image render_map_impl(std::span<const Category> categories, std::int32_t nx, std::int32_t ny,
                      const palette& pal, const picture_options& o, std::span<const Field> field,
                      bool has_field) {
    constexpr std::string_view where = "ossify::render_map";
    check_extent(where, nx, ny, categories.size(), "categories");
    if (has_field) check_extent(where, nx, ny, field.size(), "field");
    check_picture_options(where, o);
    if (pal.size() == 0) throw invalid_parameter(where, "palette.size()", "0", ">= 1");
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::size_t c = category_index(categories[i]);
        if (c >= pal.size()) {
            throw invalid_parameter(where, "categories[" + std::to_string(i) + "]",
                                    category_repr(categories[i]),
                                    "[0, " + std::to_string(pal.size() - 1) + "] (palette indices)");
        }
    }
    std::vector<palette_entry> swatches;
    for (std::size_t i = 0; i < pal.size(); ++i) {
        if (!o.empty || *o.empty != i) swatches.push_back(pal[i]);
    }
    const double span_v = o.field_max - o.field_min;
    auto paint = [&](std::int32_t x, std::int32_t y) -> rgb {
        const std::size_t i = static_cast<std::size_t>(x) + static_cast<std::size_t>(nx) * static_cast<std::size_t>(y);
        const std::size_t c = category_index(categories[i]);
        const bool empty = o.empty && *o.empty == c;
        if (!has_field) return empty ? o.background : pal[c].colour;
        const double f = static_cast<double>(field[i]);
        if (std::isnan(f)) return empty ? o.background : pal[c].colour;
        const rgb fc = o.ramp((f - o.field_min) / span_v);
        return empty ? fc : mix(pal[c].colour, fc, o.blend);
    };
    return compose_picture(nx, ny, o, paint, swatches, has_field);
}

}  // namespace detail

/// @brief Renders a categorical map of nx x ny sites (x fastest): site i gets the colour of
/// palette entry `categories[i]`; the `options.empty` category shows as background. The
/// legend lists the other palette entries.
/// @tparam Categories a contiguous range (std::vector, std::span ...) of an integer or
///         enumeration type (a cell state index)
/// @throws invalid_parameter if the sizes disagree (naming the array), a category is not a
///         palette index (naming the site), or an option is out of range
template <detail::category_range Categories>
[[nodiscard]] image render_map(const Categories& categories, std::int32_t nx, std::int32_t ny,
                               const palette& pal, const picture_options& options = {}) {
    return detail::render_map_impl(detail::as_span(categories), nx, ny, pal, options,
                                   std::span<const double>{}, false);
}

/// @brief Renders a categorical map shaded by a continuous field (e.g. mineral fraction):
/// empty sites show `options.ramp` of the field, occupied sites their palette colour mixed
/// with it by `options.blend`. Values are mapped from [field_min, field_max] (clamped); NaN
/// sites show as if there were no field. The legend adds a colour bar.
/// @tparam Categories a contiguous range of an integer or enumeration type
/// @tparam Field a contiguous range of float or double
template <detail::category_range Categories, detail::field_range Field>
[[nodiscard]] image render_map(const Categories& categories, const Field& field, std::int32_t nx,
                               std::int32_t ny, const palette& pal, const picture_options& options = {}) {
    return detail::render_map_impl(detail::as_span(categories), nx, ny, pal, options,
                                   detail::as_span(field), true);
}

/// @brief render_map on a 2-D grid (extent from the grid).
/// @tparam Categories a contiguous range of an integer or enumeration type
template <detail::category_range Categories>
[[nodiscard]] image render_map(const grid2d& grid, const Categories& categories, const palette& pal,
                               const picture_options& options = {}) {
    return render_map(categories, grid.extent(0), grid.extent(1), pal, options);
}

/// @brief render_map with a shading field on a 2-D grid.
/// @tparam Categories a contiguous range of an integer or enumeration type
/// @tparam Field a contiguous range of float or double
template <detail::category_range Categories, detail::field_range Field>
[[nodiscard]] image render_map(const grid2d& grid, const Categories& categories, const Field& field,
                               const palette& pal, const picture_options& options = {}) {
    return render_map(categories, field, grid.extent(0), grid.extent(1), pal, options);
}

/// @brief Renders a continuous field alone through `options.ramp`, with a colour bar
/// labelled `options.field_name` from field_min to field_max. NaN sites show as background.
/// @tparam Field a contiguous range of float or double
/// @throws invalid_parameter if `field.size() != nx * ny` or an option is out of range
template <detail::field_range Field>
[[nodiscard]] image render_field(const Field& field_values, std::int32_t nx, std::int32_t ny,
                                 const picture_options& options = {}) {
    constexpr std::string_view where = "ossify::render_field";
    const auto field = detail::as_span(field_values);
    detail::check_extent(where, nx, ny, field.size(), "field");
    detail::check_picture_options(where, options);
    const double span_v = options.field_max - options.field_min;
    auto paint = [&](std::int32_t x, std::int32_t y) -> rgb {
        const double f = static_cast<double>(
            field[static_cast<std::size_t>(x) + static_cast<std::size_t>(nx) * static_cast<std::size_t>(y)]);
        return std::isnan(f) ? options.background : options.ramp((f - options.field_min) / span_v);
    };
    return detail::compose_picture(nx, ny, options, paint, {}, true);
}

/// @brief render_field on a 2-D grid.
/// @tparam Field a contiguous range of float or double
template <detail::field_range Field>
[[nodiscard]] image render_field(const grid2d& grid, const Field& field, const picture_options& options = {}) {
    return render_field(field, grid.extent(0), grid.extent(1), options);
}

/// @brief A colour bar alone (no map): the ramp from field_min to field_max, labelled
/// `options.field_name`, e.g. to place beside pictures made elsewhere.
/// @throws invalid_parameter if an option is out of range
[[nodiscard]] inline image render_colour_bar(const picture_options& options = {}) {
    picture_options o = options;
    o.legend = true;
    o.title.clear();
    detail::check_picture_options("ossify::render_colour_bar", o);
    return detail::compose_picture(0, 0, o, [](std::int32_t, std::int32_t) { return rgb{}; }, {}, true);
}

/// @brief The layer z of data on a 3-D grid (x fastest), as a contiguous nx * ny array for
/// render_map / render_field.
/// @throws invalid_parameter if `data.size() != grid.size()` or z is not in [0, nz)
/// @tparam Data a contiguous range (std::vector, std::span ...)
template <std::ranges::contiguous_range Data>
    requires std::ranges::sized_range<Data>
[[nodiscard]] auto z_slice(const grid3d& grid, const Data& data, std::int32_t z) {
    using value = std::remove_cv_t<std::ranges::range_value_t<Data>>;
    constexpr std::string_view where = "ossify::z_slice";
    if (std::ranges::size(data) != grid.size()) {
        throw invalid_parameter(where, "data.size()", std::to_string(std::ranges::size(data)),
                                std::to_string(grid.size()) + " (grid.size())");
    }
    detail::require_in_range(where, "z", z, 0, grid.extent(2) - 1);
    const std::size_t layer = static_cast<std::size_t>(grid.extent(0)) * static_cast<std::size_t>(grid.extent(1));
    const value* first = std::ranges::data(data) + layer * static_cast<std::size_t>(z);
    return std::vector<value>(first, first + layer);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_PICTURE_HPP
