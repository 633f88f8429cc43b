// Komarova, Smith, Dixon, Sims & Wahl 2003, "Mathematical model predicts a critical role for
// osteoclast autocrine regulation in the control of bone remodeling", Bone 33:206-215.
// Osteoclasts x1 and osteoblasts x2 at one site of remodelling are produced at power-law rates
// of both (autocrine g11, g22; paracrine g21, g12) and removed at rates b; the bone mass z
// (% of its initial value) falls with osteoclasts and rises with osteoblasts in excess of their
// steady state:  dx1/dt = a1 x1^g11 x2^g21 - b1 x1,  dx2/dt = a2 x1^g12 x2^g22 - b2 x2,
// dz/dt = k2 max(0, x2 - x2bar) - k1 max(0, x1 - x1bar).
// Parameter values: the paper's Fig. 2 as curated in BioModels BIOMD0000000148
// (Komarova2003_BoneRemodeling); the paper's own text was not read here. Used by
// examples/population_komarova2003.cpp, population_pth.cpp and tests/unit/population/published.cpp.
#pragma once
#include <ossify/ossify.hpp>
#include <algorithm>
#include <cmath>

namespace komarova {
using namespace ossify;
using namespace ossify::literals;

struct osteoclast {
    static constexpr std::string_view name = "osteoclast";
    friend bool operator==(const osteoclast&, const osteoclast&) = default;
};
struct bone_mass { static constexpr std::string_view name = "bone mass"; };  // % of the initial mass
using bmu = lineage<osteoclast, osteoblast>;

struct parameters {
    static constexpr const char* paper = "Komarova et al. 2003, Fig. 2 (BioModels BIOMD0000000148)";
    parameter<rate> a1{"a1", 3.0_per_d, 0.0_per_d, 1e3_per_d, paper}, a2{"a2", 4.0_per_d, 0.0_per_d, 1e3_per_d, paper};
    parameter<rate> b1{"b1", 0.2_per_d, 0.0_per_d, 10.0_per_d, paper}, b2{"b2", 0.02_per_d, 0.0_per_d, 10.0_per_d, paper};
    parameter<double> g11{"g11", 0.5, -2, 2, paper}, g21{"g21", -0.5, -2, 2, paper}, g12{"g12", 1.0, -2, 2, paper},
        g22{"g22", 0.0, -2, 2, paper};
    parameter<rate> k1{"k1", 0.24_per_d, 0.0_per_d, 10.0_per_d, paper}, k2{"k2", 0.0017_per_d, 0.0_per_d, 10.0_per_d, paper};
    template <class V> void describe(V&& v) { v(a1), v(a2), v(b1), v(b2), v(g11), v(g21), v(g12), v(g22), v(k1), v(k2); }
    // The paper's closed-form steady state (cells).
    double gamma() const { return g12 * g21 - (1 - g11) * (1 - g22); }
    double x1_bar() const { return std::pow(b1.internal() / a1.internal(), (1 - g22) / gamma()) * std::pow(b2.internal() / a2.internal(), g21 / gamma()); }
    double x2_bar() const { return std::pow(b1.internal() / a1.internal(), g12 / gamma()) * std::pow(b2.internal() / a2.internal(), (1 - g11) / gamma()); }
};

// The model; `g21(ctx)` gives the paracrine exponent of osteoblasts on osteoclast production,
// through which a hormone acts (PTH raises RANKL on osteoblasts: Komarova 2005).
template <class G21>
auto model(const parameters& p, G21 g21) {
    const double x1b = p.x1_bar(), x2b = p.x2_bar();
    return population<bmu>(
        influx<osteoclast>([=](const auto& c) {  // 0 without osteoclasts (g11 > 0), even without osteoblasts
            const double x1 = c.count(osteoclast{});
            return x1 > 0 ? p.a1.get() * std::pow(x1, p.g11.get()) * std::pow(c.count(osteoblast{}), g21(c)) : 0.0_per_d;
        }),
        death<osteoclast>(hazard(p.b1)),
        influx<osteoblast>([=](const auto& c) {
            return p.a2.get() * std::pow(c.count(osteoclast{}), p.g12.get()) * std::pow(c.count(osteoblast{}), p.g22.get());
        }),
        death<osteoblast>(hazard(p.b2)),
        variable<bone_mass>(100.0, [=](const auto& c) {
            return p.k2.get() * std::max(0.0, c.count(osteoblast{}) - x2b) - p.k1.get() * std::max(0.0, c.count(osteoclast{}) - x1b);
        }));
}
inline auto model(const parameters& p) { return model(p, [g = p.g21.get()](const auto&) { return g; }); }

// Komarova 2005 (Endocrinology 146:3589): PTH acts only by raising RANKL on osteoblasts, i.e.
// the paracrine exponent g21, from its baseline to 0.1 while PTH is given (BioModels
// BIOMD0000000279 curation): a hormone dose as a time-dependent input, days [from, to).
inline auto with_pth(const parameters& p, duration from, duration to, double g21_pth = 0.1) {
    return model(p, [=, g = p.g21.get()](const auto& c) { return c.now() >= from && c.now() < to ? g21_pth : g; });
}
}  // namespace komarova
