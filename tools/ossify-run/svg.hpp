// ossify-run: inline SVG for the report: line plots of a time series (with a band: the central
// 95 % of the replicates), and a heat map of a sensitivity screen.
#ifndef OSSIFY_RUN_SVG_HPP
#define OSSIFY_RUN_SVG_HPP

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "text.hpp"

namespace ossify_run {

/// Text for HTML/SVG: & < > " escaped.
inline std::string escape_html(std::string_view s) {
    std::string o;
    o.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

/// About five round tick values covering [lo, hi].
inline std::vector<double> nice_ticks(double lo, double hi) {
    if (!(hi > lo)) hi = lo + 1.0;
    const double span = hi - lo;
    const double raw = span / 5.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * mag;
        if (span / step <= 6.0) break;
    }
    std::vector<double> t;
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * span; v += step) t.push_back(std::fabs(v) < 1e-12 * step ? 0.0 : v);
    return t;
}

/// One line of a plot: y(x), with an optional band [lo, hi] (same length as x).
struct plot_line {
    std::string name;
    std::vector<double> x, y, lo, hi;
};

/// A line plot of `lines` with a title and axis labels (class "plot"; one <path> per line).
inline std::string svg_line_plot(const std::string& title, const std::string& x_label, const std::vector<plot_line>& lines,
                                 int width = 380, int height = 230) {
    const double left = 58, right = 12, top = 26, bottom = 40;
    double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
    for (const auto& l : lines) {
        for (std::size_t i = 0; i < l.x.size(); ++i) {
            const auto take = [&](double y) {
                if (!std::isfinite(y) || !std::isfinite(l.x[i])) return;
                x0 = std::min(x0, l.x[i]);
                x1 = std::max(x1, l.x[i]);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            };
            take(l.y[i]);
            if (!l.lo.empty()) take(l.lo[i]);
            if (!l.hi.empty()) take(l.hi[i]);
        }
    }
    if (!(x1 >= x0)) x0 = 0, x1 = 1;
    if (!(y1 >= y0)) y0 = 0, y1 = 1;
    if (y1 == y0) y0 -= 0.5 * (std::fabs(y0) + 1), y1 += 0.5 * (std::fabs(y1) + 1);
    if (x1 == x0) x1 = x0 + 1;
    const auto yt = nice_ticks(y0, y1), xt = nice_ticks(x0, x1);
    y0 = std::min(y0, yt.front());
    y1 = std::max(y1, yt.back());
    const double pw = width - left - right, ph = height - top - bottom;
    const auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * pw; };
    const auto py = [&](double y) { return top + (1.0 - (y - y0) / (y1 - y0)) * ph; };
    const auto f = [](double v) { return short_text(v, 6); };
    static constexpr std::string_view colours[] = {"#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#555555"};
    std::string s = "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"" + escape_html(title) + "\">";
    s += "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>";
    s += "<text x=\"" + f(left) + "\" y=\"16\" font-size=\"13\" font-weight=\"bold\">" + escape_html(title) + "</text>";
    for (const double t : yt) {
        if (t < y0 - 1e-12 || t > y1 + 1e-12) continue;
        s += "<line x1=\"" + f(left) + "\" x2=\"" + f(left + pw) + "\" y1=\"" + f(py(t)) + "\" y2=\"" + f(py(t)) + "\" stroke=\"#e4e4e4\"/>";
        s += "<text x=\"" + f(left - 4) + "\" y=\"" + f(py(t) + 4) + "\" font-size=\"10\" text-anchor=\"end\">" + short_text(t) + "</text>";
    }
    for (const double t : xt) {
        if (t < x0 - 1e-12 || t > x1 + 1e-12) continue;
        s += "<line x1=\"" + f(px(t)) + "\" x2=\"" + f(px(t)) + "\" y1=\"" + f(top + ph) + "\" y2=\"" + f(top + ph + 4) + "\" stroke=\"#333\"/>";
        s += "<text x=\"" + f(px(t)) + "\" y=\"" + f(top + ph + 15) + "\" font-size=\"10\" text-anchor=\"middle\">" + short_text(t) + "</text>";
    }
    s += "<rect x=\"" + f(left) + "\" y=\"" + f(top) + "\" width=\"" + f(pw) + "\" height=\"" + f(ph) + "\" fill=\"none\" stroke=\"#333\"/>";
    s += "<text x=\"" + f(left + pw / 2) + "\" y=\"" + f(height - 6.0) + "\" font-size=\"11\" text-anchor=\"middle\">" + escape_html(x_label) + "</text>";
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const auto& l = lines[k];
        const auto colour = colours[k % std::size(colours)];
        if (!l.lo.empty() && !l.hi.empty()) {
            std::string band;
            for (std::size_t i = 0; i < l.x.size(); ++i) {
                if (std::isfinite(l.hi[i])) band += (band.empty() ? "M" : "L") + f(px(l.x[i])) + "," + f(py(l.hi[i]));
            }
            for (std::size_t i = l.x.size(); i-- > 0;) {
                if (std::isfinite(l.lo[i])) band += "L" + f(px(l.x[i])) + "," + f(py(l.lo[i]));
            }
            if (!band.empty()) s += "<path class=\"band\" d=\"" + band + "Z\" fill=\"" + std::string(colour) + "\" fill-opacity=\"0.18\" stroke=\"none\"/>";
        }
        std::string d;
        bool pen = false;
        for (std::size_t i = 0; i < l.x.size(); ++i) {
            if (!std::isfinite(l.y[i])) {
                pen = false;
                continue;
            }
            d += (pen ? "L" : "M") + f(px(l.x[i])) + "," + f(py(l.y[i]));
            pen = true;
        }
        if (!d.empty()) s += "<path class=\"line\" d=\"" + d + "\" fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"1.6\"/>";
        if (lines.size() > 1 || !l.lo.empty()) {
            s += "<text x=\"" + f(left + pw - 4) + "\" y=\"" + f(top + 12 + 12.0 * static_cast<double>(k)) + "\" font-size=\"10\" text-anchor=\"end\" fill=\"" +
                 std::string(colour) + "\">" + escape_html(l.name) + "</text>";
        }
    }
    s += "</svg>";
    return s;
}

/// A heat map: rows x columns of values in [0, 1] (NaN: grey), with labels and the value text of
/// each cell (class "heatmap").
inline std::string svg_heatmap(const std::string& title, const std::vector<std::string>& rows, const std::vector<std::string>& columns,
                               const std::vector<std::vector<double>>& shade, const std::vector<std::vector<std::string>>& text) {
    std::size_t row_label = 0;
    for (const auto& r : rows) row_label = std::max(row_label, r.size());
    const double cell_w = 86, cell_h = 26, left = 14 + 6.2 * static_cast<double>(row_label), top = 130;
    const double width = left + cell_w * static_cast<double>(columns.size()) + 20;
    const double height = top + cell_h * static_cast<double>(rows.size()) + 20;
    const auto f = [](double v) { return short_text(v, 6); };
    std::string s = "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + f(width) + "\" height=\"" + f(height) +
                    "\" viewBox=\"0 0 " + f(width) + " " + f(height) + "\" role=\"img\" aria-label=\"" + escape_html(title) + "\">";
    s += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>";
    s += "<text x=\"8\" y=\"16\" font-size=\"13\" font-weight=\"bold\">" + escape_html(title) + "</text>";
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const double x = left + cell_w * (static_cast<double>(c) + 0.5);
        s += "<text transform=\"translate(" + f(x) + "," + f(top - 6) + ") rotate(-40)\" font-size=\"10\">" + escape_html(columns[c]) + "</text>";
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const double y = top + cell_h * static_cast<double>(r);
        s += "<text x=\"" + f(left - 6) + "\" y=\"" + f(y + cell_h * 0.65) + "\" font-size=\"11\" text-anchor=\"end\">" + escape_html(rows[r]) + "</text>";
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const double v = shade[r][c];
            std::string fill = "#dddddd";
            if (std::isfinite(v)) {
                const double t = std::clamp(v, 0.0, 1.0);
                const auto ch = [&](double a, double b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
                fill = "rgb(" + std::to_string(ch(247, 8)) + "," + std::to_string(ch(251, 69)) + "," + std::to_string(ch(255, 148)) + ")";
            }
            const double x = left + cell_w * static_cast<double>(c);
            s += "<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(cell_w - 2) + "\" height=\"" + f(cell_h - 2) + "\" fill=\"" + fill + "\"/>";
            const bool dark = std::isfinite(v) && v > 0.55;
            s += "<text x=\"" + f(x + cell_w / 2 - 1) + "\" y=\"" + f(y + cell_h * 0.62) + "\" font-size=\"10\" text-anchor=\"middle\" fill=\"" +
                 (dark ? "#fff" : "#222") + "\">" + escape_html(text[r][c]) + "</text>";
        }
    }
    s += "</svg>";
    return s;
}

}  // namespace ossify_run

#endif  // OSSIFY_RUN_SVG_HPP
