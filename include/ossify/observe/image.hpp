/// @file
/// @brief Colours and images: `rgb`, `palette` (named categorical colours), `colour_ramp`
/// (a continuous colour map) and `image` (an RGB raster with the drawing legends need, written
/// as PNG). The renderers of maps and fields are in picture.hpp.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_IMAGE_HPP
#define OSSIFY_OBSERVE_IMAGE_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../detail/error.hpp"
#include "detail/font.hpp"
#include "detail/io.hpp"
#include "png.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief An 8-bit sRGB colour.
struct rgb {
    std::uint8_t r = 0;  ///< red
    std::uint8_t g = 0;  ///< green
    std::uint8_t b = 0;  ///< blue
    /// @brief Colours compare by their three channels.
    friend constexpr bool operator==(const rgb&, const rgb&) noexcept = default;
};

/// @brief Linear mix of two colours: `a` at t = 0, `b` at t = 1 (t is clamped to [0, 1]).
[[nodiscard]] constexpr rgb mix(rgb a, rgb b, double t) noexcept {
    t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    auto ch = [t](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>(static_cast<double>(x) + (static_cast<double>(y) - static_cast<double>(x)) * t + 0.5);
    };
    return {ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b)};
}

/// @brief One legend entry: a category's name and colour.
struct palette_entry {
    std::string name;  ///< shown in the legend
    rgb colour;        ///< fill colour of the category's sites
};

/// @brief The colours of a categorical map: entry i colours the sites whose category is i.
class palette {
public:
    /// @brief An empty palette.
    palette() = default;
    /// @brief A palette from a list: `palette{{"empty", {255,255,255}}, {"osteoblast", {200,40,40}}}`.
    palette(std::initializer_list<palette_entry> entries) : entries_(entries) {}
    /// @brief Appends an entry (the next category index).
    palette& add(std::string name, rgb colour) {
        entries_.push_back({std::move(name), colour});
        return *this;
    }
    /// @brief Number of categories.
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    /// @brief Entry of category i (i < size()).
    [[nodiscard]] const palette_entry& operator[](std::size_t i) const noexcept { return entries_[i]; }
    /// @brief All entries in category order.
    [[nodiscard]] std::span<const palette_entry> entries() const noexcept { return entries_; }

private:
    std::vector<palette_entry> entries_;
};

/// @brief A piecewise-linear colour map from [0, 1] to colours through evenly spaced stops.
class colour_ramp {
public:
    /// @brief A ramp through the given stops (at least two): stop k sits at k / (n - 1).
    /// @throws invalid_parameter if fewer than two stops are given
    colour_ramp(std::initializer_list<rgb> stops) : stops_(stops) { check(); }
    /// @brief A ramp through the given stops (at least two).
    explicit colour_ramp(std::vector<rgb> stops) : stops_(std::move(stops)) { check(); }
    /// @brief Colour of value v; v is clamped to [0, 1] and NaN gives the first stop.
    [[nodiscard]] rgb operator()(double v) const noexcept {
        if (!(v > 0.0)) return stops_.front();
        if (v >= 1.0) return stops_.back();
        const double x = v * static_cast<double>(stops_.size() - 1);
        const auto k = static_cast<std::size_t>(x);
        return mix(stops_[k], stops_[k + 1], x - static_cast<double>(k));
    }
    /// @brief The stops.
    [[nodiscard]] std::span<const rgb> stops() const noexcept { return stops_; }
    /// @brief Black to white.
    [[nodiscard]] static colour_ramp grey() { return {{0, 0, 0}, {255, 255, 255}}; }
    /// @brief Viridis (perceptually uniform, colour-blind safe), 9 stops of matplotlib's map.
    [[nodiscard]] static colour_ramp viridis() {
        return {{68, 1, 84},    {71, 44, 122},  {59, 81, 139},  {44, 113, 142}, {33, 144, 141},
                {39, 173, 129}, {92, 200, 99},  {170, 220, 50}, {253, 231, 37}};
    }
    /// @brief For mineral fraction: pale unmineralised matrix (0) to dense bone ivory-grey (1).
    [[nodiscard]] static colour_ramp mineral() {
        return {{250, 246, 235}, {226, 208, 160}, {176, 150, 110}, {96, 84, 72}};
    }

private:
    void check() const {
        if (stops_.size() < 2) {
            throw invalid_parameter("ossify::colour_ramp", "stops.size()", std::to_string(stops_.size()),
                                    ">= 2");
        }
    }
    std::vector<rgb> stops_;
};

/// @brief An RGB raster with the drawing the legends need, written as PNG.
class image {
public:
    /// @brief A width x height image filled with `fill`.
    /// @throws invalid_parameter if width or height is outside [1, 2^16]
    image(std::int32_t width, std::int32_t height, rgb fill = {255, 255, 255})
        : width_(width), height_(height) {
        detail::require_in_range("ossify::image", "width", width, 1, 1 << 16);
        detail::require_in_range("ossify::image", "height", height, 1, 1 << 16);
        pixels_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
        fill_rect(0, 0, width, height, fill);
    }
    /// @brief Width in pixels.
    [[nodiscard]] std::int32_t width() const noexcept { return width_; }
    /// @brief Height in pixels.
    [[nodiscard]] std::int32_t height() const noexcept { return height_; }
    /// @brief The RGB bytes, rows top to bottom.
    [[nodiscard]] std::span<const std::uint8_t> pixels() const noexcept { return pixels_; }
    /// @brief Colour of pixel (x, y), y down from the top (which must be inside).
    [[nodiscard]] rgb at(std::int32_t x, std::int32_t y) const noexcept {
        const std::size_t i = offset(x, y);
        return {pixels_[i], pixels_[i + 1], pixels_[i + 2]};
    }
    /// @brief Sets pixel (x, y); pixels outside the image are ignored.
    void set(std::int32_t x, std::int32_t y, rgb c) noexcept {
        if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
        const std::size_t i = offset(x, y);
        pixels_[i] = c.r;
        pixels_[i + 1] = c.g;
        pixels_[i + 2] = c.b;
    }
    /// @brief Fills a rectangle (clipped to the image).
    void fill_rect(std::int32_t x, std::int32_t y, std::int32_t w, std::int32_t h, rgb c) noexcept {
        const std::int32_t x0 = std::max(x, 0), y0 = std::max(y, 0);
        const std::int32_t x1 = std::min(x + w, width_), y1 = std::min(y + h, height_);
        for (std::int32_t yy = y0; yy < y1; ++yy) {
            for (std::int32_t xx = x0; xx < x1; ++xx) set(xx, yy, c);
        }
    }
    /// @brief Draws the outline of a rectangle, one pixel wide.
    void stroke_rect(std::int32_t x, std::int32_t y, std::int32_t w, std::int32_t h, rgb c) noexcept {
        fill_rect(x, y, w, 1, c);
        fill_rect(x, y + h - 1, w, 1, c);
        fill_rect(x, y, 1, h, c);
        fill_rect(x + w - 1, y, 1, h, c);
    }
    /// @brief Width in pixels of a text line drawn at the given scale.
    [[nodiscard]] static std::int32_t text_width(std::string_view text, std::int32_t scale = 1) noexcept {
        if (text.empty()) return 0;
        return static_cast<std::int32_t>(text.size()) * (detail::font_width + 1) * scale - scale;
    }
    /// @brief Height in pixels of a text line at the given scale (cap height plus descender).
    [[nodiscard]] static std::int32_t text_height(std::int32_t scale = 1) noexcept {
        return detail::font_height * scale;
    }
    /// @brief Draws one line of text with its top-left corner at (x, y), each font pixel a
    /// scale x scale block. Characters outside printable ASCII show as '?'.
    void draw_text(std::int32_t x, std::int32_t y, std::string_view text, rgb c,
                   std::int32_t scale = 1) noexcept {
        for (char ch : text) {
            const auto& g = detail::glyph_of(ch);
            for (std::int32_t row = 0; row < detail::font_height; ++row) {
                for (std::int32_t col = 0; col < detail::font_width; ++col) {
                    if ((g[static_cast<std::size_t>(row)] >> (detail::font_width - 1 - col)) & 1U) {
                        fill_rect(x + col * scale, y + row * scale, scale, scale, c);
                    }
                }
            }
            x += (detail::font_width + 1) * scale;
        }
    }
    /// @brief The image as PNG bytes.
    [[nodiscard]] std::string encode_png(png_compression compression = png_compression::fixed) const {
        return ossify::encode_png(pixels_, width_, height_, png_format::rgb, compression);
    }
    /// @brief Writes the image as a PNG file.
    /// @throws io_error naming the path if it cannot be written
    void write_png(const std::filesystem::path& path,
                   png_compression compression = png_compression::fixed) const {
        ossify::write_png(path, pixels_, width_, height_, png_format::rgb, compression);
    }

private:
    [[nodiscard]] std::size_t offset(std::int32_t x, std::int32_t y) const noexcept {
        return (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)) * 3;
    }
    std::int32_t width_, height_;
    std::vector<std::uint8_t> pixels_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_IMAGE_HPP
