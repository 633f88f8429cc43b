#include <ossify/observe/picture.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {

const palette cells{{"empty", {255, 255, 255}}, {"osteoblast", {220, 60, 50}}, {"osteocyte", {120, 60, 160}}};

enum class state : std::uint8_t { empty, osteoblast, osteocyte };

int count(const image& img, rgb c) {
    int n = 0;
    for (std::int32_t y = 0; y < img.height(); ++y)
        for (std::int32_t x = 0; x < img.width(); ++x) n += img.at(x, y) == c ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("the font has distinct glyphs for letters, digits and punctuation", "[observe][picture]") {
    const std::string chars =
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const auto& g = detail::glyph_of(chars[i]);
        int ink = 0;
        for (auto row : g) ink += row != 0 ? 1 : 0;
        CHECK(ink > 0);
        for (std::size_t j = 0; j < i; ++j) {
            if (detail::glyph_of(chars[j]) == g) FAIL("glyphs of '" << chars[i] << "' and '" << chars[j] << "' are equal");
        }
    }
    CHECK(detail::glyph_of('\x01') == detail::glyph_of('?'));
    // Descenders only on the letters that have them.
    CHECK(detail::glyph_of('g')[8] != 0);
    CHECK(detail::glyph_of('a')[7] == 0);
}

TEST_CASE("draw_text puts ink in the text's box and nowhere else", "[observe][picture]") {
    image img(60, 30);
    img.draw_text(3, 4, "Hi", {0, 0, 0}, 2);
    CHECK(image::text_width("Hi", 2) == 22);
    int inside = 0, outside = 0;
    for (std::int32_t y = 0; y < 30; ++y)
        for (std::int32_t x = 0; x < 60; ++x) {
            const bool black = img.at(x, y) == rgb{0, 0, 0};
            const bool in_box = x >= 3 && x < 3 + 22 && y >= 4 && y < 4 + 18;
            (in_box ? inside : outside) += black ? 1 : 0;
        }
    CHECK(outside == 0);
    // 'H' has 17 ink pixels, 'i' 9 (5x7 design), each a 2x2 block.
    CHECK(inside == (17 + 9) * 4);
}

TEST_CASE("render_map: sites scaled, y up, empty as background, legend swatches", "[observe][picture]") {
    const std::vector<state> s{state::osteoblast, state::empty, state::empty, state::osteocyte};  // 2x2
    picture_options o;
    o.scale = 5;
    o.empty = 0;
    o.legend = false;
    const image img = render_map(s, 2, 2, cells, o);
    const std::int32_t m = 4 * o.text_scale;  // margin
    CHECK(img.width() == 2 * m + 10);
    CHECK(img.height() == 2 * m + 10);
    // site (0,0) is bottom-left, (1,1) top-right
    CHECK(img.at(m + 2, m + 7) == cells[1].colour);
    CHECK(img.at(m + 7, m + 2) == cells[2].colour);
    CHECK(img.at(m + 2, m + 2) == o.background);
    CHECK(count(img, cells[1].colour) == 25);
    o.y_up = false;
    CHECK(render_map(s, 2, 2, cells, o).at(m + 2, m + 2) == cells[1].colour);

    o.legend = true;
    o.title = "Title";
    const image with_legend = render_map(grid2d(2, 2, 1.0_um), s, cells, o);
    CHECK(with_legend.width() > img.width());
    // Swatches of the two non-empty categories (plus the map sites), none for "empty".
    CHECK(count(with_legend, cells[1].colour) > 25);
    CHECK(count(with_legend, cells[2].colour) > 25);
}

TEST_CASE("render_map with a field: ramp on empty sites, blend on occupied ones", "[observe][picture]") {
    const std::vector<std::uint8_t> s{0, 1, 0, 1};
    const std::vector<double> m{0.0, 1.0, 1.0, std::nan("")};
    picture_options o;
    o.scale = 1;
    o.empty = 0;
    o.legend = false;
    o.y_up = false;
    o.ramp = colour_ramp::grey();
    o.blend = 0.5;
    const image img = render_map(s, m, 4, 1, cells, o);
    const std::int32_t x0 = 4 * o.text_scale, y0 = x0;
    CHECK(img.at(x0 + 0, y0) == rgb{0, 0, 0});                         // empty, field 0
    CHECK(img.at(x0 + 1, y0) == mix(cells[1].colour, {255, 255, 255}, 0.5));  // occupied, field 1
    CHECK(img.at(x0 + 2, y0) == rgb{255, 255, 255});                   // empty, field 1
    CHECK(img.at(x0 + 3, y0) == cells[1].colour);                      // NaN: palette colour
}

TEST_CASE("colour_ramp interpolates and clamps", "[observe][picture]") {
    const colour_ramp r{{0, 0, 0}, {200, 100, 0}, {200, 200, 200}};
    CHECK(r(0.0) == rgb{0, 0, 0});
    CHECK(r(0.25) == rgb{100, 50, 0});
    CHECK(r(0.5) == rgb{200, 100, 0});
    CHECK(r(1.0) == rgb{200, 200, 200});
    CHECK(r(-3.0) == rgb{0, 0, 0});
    CHECK(r(7.0) == rgb{200, 200, 200});
    CHECK(r(std::nan("")) == rgb{0, 0, 0});
    CHECK_THROWS_AS(colour_ramp({{1, 2, 3}}), invalid_parameter);
}

TEST_CASE("render_map and render_field refuse bad input, naming it", "[observe][picture]") {
    const std::vector<int> s{0, 1, 2, 3};  // 3 is not a palette index
    try {
        (void)render_map(s, 2, 2, cells);
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "categories[3]");
    }
    const std::vector<int> neg{0, -1, 0, 0};
    CHECK_THROWS_AS(render_map(neg, 2, 2, cells), invalid_parameter);
    const std::vector<int> ok{0, 1, 2, 1};
    try {
        (void)render_map(ok, 3, 2, cells);
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "categories.size()");
    }
    const std::vector<float> f3(3);
    try {
        (void)render_map(ok, f3, 2, 2, cells);
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "field.size()");
    }
    picture_options o;
    o.scale = 0;
    CHECK_THROWS_AS(render_map(ok, 2, 2, cells, o), invalid_parameter);
    o.scale = 2;
    o.field_max = o.field_min;
    CHECK_THROWS_AS(render_field(std::vector<double>(4), 2, 2, o), invalid_parameter);
    CHECK_THROWS_AS(render_map(ok, 2, 2, palette{}), invalid_parameter);
}

TEST_CASE("render_field and render_colour_bar", "[observe][picture]") {
    std::vector<float> f(16);
    for (std::size_t i = 0; i < f.size(); ++i) f[i] = static_cast<float>(i) / 15.0f;
    picture_options o;
    o.scale = 3;
    o.ramp = colour_ramp::viridis();
    o.field_min = 0.0;
    o.field_max = 1.0;
    o.legend = false;
    const image img = render_field(grid2d(4, 4, 1.0_um), f, o);
    const std::int32_t m = 4 * o.text_scale;
    CHECK(img.at(m + 1, m + 4 * 3 - 2) == o.ramp(0.0));   // site 0, bottom-left
    CHECK(img.at(m + 4 * 3 - 2, m + 1) == o.ramp(1.0));   // site 15, top-right
    const image bar = render_colour_bar(o);
    CHECK(count(bar, o.ramp(1.0)) > 0);
    CHECK(count(bar, o.ramp(0.0)) > 0);
}

TEST_CASE("z_slice extracts one layer of a 3-D array", "[observe][picture]") {
    const grid3d g(3, 2, 4, 1.0_um);
    std::vector<int> v(g.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>(i);
    const auto s = z_slice(g, v, 2);
    CHECK(s == std::vector<int>{12, 13, 14, 15, 16, 17});
    CHECK_THROWS_AS(z_slice(g, v, 4), invalid_parameter);
    CHECK_THROWS_AS(z_slice(g, std::vector<int>(5), 0), invalid_parameter);
}

TEST_CASE("a picture with a legend writes a valid PNG", "[observe][picture]") {
    const std::int32_t nx = 24, ny = 16;
    std::vector<std::uint8_t> s(static_cast<std::size_t>(nx * ny));
    std::vector<double> m(s.size());
    for (std::int32_t y = 0; y < ny; ++y)
        for (std::int32_t x = 0; x < nx; ++x) {
            const double r = std::hypot(x - 12.0, y - 8.0);
            const auto i = static_cast<std::size_t>(x + nx * y);
            s[i] = r < 3 ? 0 : (r < 5 ? 1 : (r < 7 ? 2 : 0));
            m[i] = std::max(0.0, 1.0 - r / 8.0);
        }
    picture_options o;
    o.title = "Day 3, seed 7";
    o.empty = 0;
    o.field_name = "mineral fraction";
    const image img = render_map(s, m, nx, ny, cells, o);
    observe_test::temp_file f("pic.png");
    img.write_png(f.path());
    const auto d = observe_test::decode_png(observe_test::read_file(f.path()));
    CHECK(static_cast<std::int32_t>(d.width) == img.width());
    CHECK(static_cast<std::int32_t>(d.height) == img.height());
    CHECK(std::equal(d.pixels.begin(), d.pixels.end(), img.pixels().begin(), img.pixels().end()));
}
