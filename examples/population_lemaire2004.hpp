// Lemaire, Tobin, Greller, Cho & Suva 2004, "Modeling the interactions between osteoblast and
// osteoclast activities in bone remodeling", J Theor Biol 229:293-309.
// Responding osteoblasts R (here the osteogenic state: progenitors that respond to TGF-beta),
// active osteoblasts B and active osteoclasts C, as concentrations
// (pM), coupled through TGF-beta (released by osteoclasts: pi_C) and RANKL/OPG (pi_L):
//   dR/dt = D_R pi_C - (D_B / pi_C) R,  dB/dt = (D_B / pi_C) R - k_B B,  dC/dt = D_C pi_L - D_A pi_C C,
//   pi_C = (C + f0 C_s) / (C + C_s),  pi_P = (I_P/k_P + S_P/k_P) / (I_P/k_P + k6/k5),
//   pi_L = (k3/k4) K_L^P pi_P B (1 + I_L/r_L) / (1 + k3 K/k4 + k1/(k2 k_O) (K_O^P R / pi_P + I_O)).
// Parameter values: the paper's as curated in BioModels BIOMD0000000278 (Lemaire2004); the
// paper's own text was not read here. I_P, I_O, I_L are the external PTH, OPG and RANKL
// doses (0 at baseline). Used by examples/population_lemaire2004.cpp and
// tests/unit/population/published.cpp.
#pragma once
#include <ossify/ossify.hpp>

namespace lemaire {
using namespace ossify;
using namespace ossify::literals;

struct osteoclast {
    static constexpr std::string_view name = "osteoclast";
    friend bool operator==(const osteoclast&, const osteoclast&) = default;
};
using remodelling = lineage<osteogenic, osteoblast, osteoclast>;  // R (responding osteoblasts: progenitors), B, C

struct parameters {  // Lemaire et al. 2004 (BioModels BIOMD0000000278); pM, days
    static constexpr const char* paper = "Lemaire et al. 2004 (BioModels BIOMD0000000278)";
    parameter<concentration_rate> D_R{"D_R", 7e-4_pM / 1.0_d, 0.0_pM / 1.0_d, 1.0_pM / 1.0_d, paper};
    parameter<concentration_rate> D_C{"D_C", 2.1e-3_pM / 1.0_d, 0.0_pM / 1.0_d, 1.0_pM / 1.0_d, paper};
    parameter<rate> d_B{"d_B", 0.7_per_d, 0.0_per_d, 10.0_per_d, paper}, D_A{"D_A", 0.7_per_d, 0.0_per_d, 10.0_per_d, paper},
        k_B{"k_B", 0.189_per_d, 0.0_per_d, 10.0_per_d, paper};
    parameter<concentration> C_s{"C_s", 5e-3_pM, 1e-9_pM, 1.0_pM, paper};
    parameter<double> f0{"f0", 0.05, 0.0, 1.0, paper};
    // RANKL/OPG/PTH binding: K (pM), k1 (1/pM/d), k2 (1/d), k3 (1/pM/d), k4 (1/d), k5 (1/pM/d),
    // k6 (1/d), k_O (1/d), k_P (1/d); K_L^P, K_O^P (per cell); S_P (pM/d); r_L (pM/d).
    double K = 10, k1 = 0.01, k2 = 10, k3 = 5.8e-4, k4 = 0.017, k5 = 0.02, k6 = 3, k_O = 0.35, k_P = 86;
    double K_LP = 3e6, K_OP = 2e5, S_P = 250, r_L = 1e3, I_P = 0, I_O = 0, I_L = 0;
    template <class V> void describe(V&& v) { v(D_R), v(D_C), v(d_B), v(D_A), v(k_B), v(C_s), v(f0); }
};

inline auto model(const parameters& p) {
    const auto pi_C = [=](const auto& c) {  // TGF-beta from resorption: activates R, represses R -> B
        const concentration C = c.amount(osteoclast{});
        return double((C + p.f0.get() * p.C_s.get()) / (C + p.C_s.get()));
    };
    const double pi_P = (p.I_P / p.k_P + p.S_P / p.k_P) / (p.I_P / p.k_P + p.k6 / p.k5);  // PTH occupancy
    return population<remodelling>(
        influx<osteogenic>([=](const auto& c) { return p.D_R.get() * pi_C(c); }),
        transition<osteogenic, osteoblast>(policy_fn([=](const auto& c) { return p.f0.get() * p.d_B.get() / pi_C(c); })),
        death<osteoblast>(hazard(p.k_B)),
        influx<osteoclast>([=](const auto& c) {  // RANKL occupancy drives osteoclast formation
            const double R = c.amount(osteogenic{}) / 1.0_pM, B = c.amount(osteoblast{}) / 1.0_pM;
            const double pi_L = p.k3 / p.k4 * p.K_LP * pi_P * B * (1 + p.I_L / p.r_L) /
                                (1 + p.k3 * p.K / p.k4 + p.k1 / (p.k2 * p.k_O) * (p.K_OP * R / pi_P + p.I_O));
            return p.D_C.get() * pi_L;
        }),
        death<osteoclast>(policy_fn([=](const auto& c) { return p.D_A.get() * pi_C(c); })));
}
}  // namespace lemaire
