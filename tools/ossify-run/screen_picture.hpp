// ossify-run: sensitivity.png, the picture of a screen: a heat map of mu* (relative to the largest
// on each output) with factors as rows and outputs as numbered columns, the value in each cell
// (a star where the effect stands above the replicates' noise) and a key of the outputs below,
// drawn with the library's image class and bitmap font.
#ifndef OSSIFY_RUN_SCREEN_PICTURE_HPP
#define OSSIFY_RUN_SCREEN_PICTURE_HPP

#include <ossify/observe/picture.hpp>
#include <ossify/scenario/sensitivity.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "text.hpp"

namespace ossify_run {

inline ossify::image screen_picture(const ossify::screen_result& s, const std::string& title) {
    const auto& factors = s.design.factors;
    const auto nf = static_cast<std::int32_t>(factors.size()), no = static_cast<std::int32_t>(s.outputs.size());
    const std::int32_t scale = 2, ch = ossify::image::text_height(scale), cw = 6 * scale;
    std::int32_t label = 0;
    for (const auto& f : factors) label = std::max(label, ossify::image::text_width(f.name, scale));
    std::int32_t key = 0;
    for (std::int32_t o = 0; o < no; ++o) {
        key = std::max(key, ossify::image::text_width(std::to_string(o + 1) + ": " + s.outputs[static_cast<std::size_t>(o)] + " (" +
                                                          s.output_units[static_cast<std::size_t>(o)] + ")", scale));
    }
    const std::int32_t cell_w = 9 * cw, cell_h = ch + 12, left = label + 20, top = 2 * ch + 30;
    const std::int32_t width = std::max({left + no * cell_w + 12, key + 24, ossify::image::text_width(title, scale) + 24});
    const std::int32_t height = top + nf * cell_h + 16 + no * (ch + 6) + 12;
    ossify::image img(width, height, {255, 255, 255});
    img.draw_text(10, 8, title, {20, 20, 20}, scale);
    for (std::int32_t o = 0; o < no; ++o) {
        const auto t = std::to_string(o + 1);
        img.draw_text(left + o * cell_w + (cell_w - ossify::image::text_width(t, scale)) / 2, top - ch - 6, t, {20, 20, 20}, scale);
    }
    const ossify::rgb pale{247, 251, 255}, deep{8, 69, 148};
    for (std::int32_t f = 0; f < nf; ++f) {
        const std::int32_t y = top + f * cell_h;
        img.draw_text(10, y + 6, factors[static_cast<std::size_t>(f)].name, {20, 20, 20}, scale);
        for (std::int32_t o = 0; o < no; ++o) {
            const auto& e = s.effect(static_cast<std::size_t>(f), static_cast<std::size_t>(o));
            const bool known = std::isfinite(e.relative);
            const auto fill = known ? ossify::mix(pale, deep, e.relative) : ossify::rgb{221, 221, 221};
            const std::int32_t x = left + o * cell_w;
            img.fill_rect(x, y, cell_w - 2, cell_h - 2, fill);
            const std::string t = std::isfinite(e.mu_star) ? short_text(e.mu_star, 3) + (e.moves() ? "*" : "") : "-";
            const bool dark = known && e.relative > 0.55;
            img.draw_text(x + (cell_w - 2 - ossify::image::text_width(t, scale)) / 2, y + 6, t, dark ? ossify::rgb{255, 255, 255} : ossify::rgb{20, 20, 20},
                          scale);
        }
    }
    std::int32_t y = top + nf * cell_h + 12;
    for (std::int32_t o = 0; o < no; ++o, y += ch + 6) {
        img.draw_text(12, y, std::to_string(o + 1) + ": " + s.outputs[static_cast<std::size_t>(o)] + " (" + s.output_units[static_cast<std::size_t>(o)] + ")",
                      {60, 60, 60}, scale);
    }
    return img;
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_SCREEN_PICTURE_HPP
