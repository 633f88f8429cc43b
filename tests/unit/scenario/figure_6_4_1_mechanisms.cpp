// The mechanisms of the Figure 6.4.1 scenario, one by one, on small tissues: the distance
// transform, burial from the surface (Buenzli 2015: density = burial rate / (apposition rate x
// h^2), whatever the crowding), sprouting angiogenesis (tips climb the VEGF gradient at the tip
// speed, branch after their drawn length, fuse with other sprouts, stop below the threshold), the
// plate's structure (outer side, marrow by crowding) and the policies that read the bone.
#include "catch.hpp"

#include <ossify/scenario/figure_6_4_1.hpp>
#include <ossify/tissue/checkpoint.hpp>
#include <ossify/tissue/run.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <sstream>
#include <vector>

using namespace ossify;
using namespace ossify::literals;
using namespace ossify::fig641;

namespace {

// Brute-force squared distances, for the distance transform test.
std::vector<double> brute_force(const lattice_shape& s, const std::vector<std::uint8_t>& mask) {
    std::vector<double> d(s.sites(), no_site_distance2);
    for (std::size_t i = 0; i < s.sites(); ++i) {
        const long xi = static_cast<long>(i % s.nx), yi = static_cast<long>((i / s.nx) % s.ny), zi = static_cast<long>(i / s.sz);
        for (std::size_t j = 0; j < s.sites(); ++j) {
            if (mask[j] == 0) continue;
            const long dx = xi - static_cast<long>(j % s.nx), dy = yi - static_cast<long>((j / s.nx) % s.ny),
                       dz = zi - static_cast<long>(j / s.sz);
            d[i] = std::min(d[i], static_cast<double>(dx * dx + dy * dy + dz * dz));
        }
    }
    return d;
}

// A tissue of the scenario's lineage and attribute with the processes of one mechanism.
template <class Grid, class Rules, class... P>
auto small_tissue(const Grid& g, Rules rules, P... p) {
    return basic_lattice_tissue(std::move(rules), g, fields<vegf, plate_face>{}, seed{11}, processes(std::move(p)...),
                                lattice_options<double_storage, mineralisation_kinetics, vessel_cell>{});
}

}  // namespace

TEST_CASE("figure 6.4.1 distance transform: exact squared Euclidean distances in 2-D and 3-D", "[scenario][figure_6_4_1]") {
    std::mt19937 gen(5);
    for (const auto& s : {shape_of(grid2d{23, 17, 10.0_um}), shape_of(grid3d{11, 9, 7, 10.0_um})}) {
        std::vector<std::uint8_t> mask(s.sites());
        for (auto& m : mask) m = std::uniform_real_distribution<double>(0.0, 1.0)(gen) < 0.04 ? 1 : 0;
        mask[3] = 1;
        distance_transform edt;
        const auto d = edt.squared(s, mask);
        CHECK(d == brute_force(s, mask));
        std::fill(mask.begin(), mask.end(), 0);
        const auto none = edt.squared(s, mask);
        CHECK(std::all_of(none.begin(), none.end(), [](double v) { return v == no_site_distance2; }));
    }
}

TEST_CASE("figure 6.4.1 burial from the surface: osteocyte density is the burial rate over the apposition rate "
          "(Buenzli 2015), whatever the crowding",
          "[scenario][figure_6_4_1]") {
    // A flat bone surface (y = 0..2) covered by 30 x 30 osteoblasts (y = 3), nothing else: each
    // lays matrix into its site at v and climbs as its site fills; burial is its only exit. Then
    // E[bone laid per burial] = v h^2 / beta + E[(1 - f)] h^3 (the osteoid-osteocyte finishes its
    // site, f uniform), so rho = beta / (v h^2 + beta h^3 / 2).
    const double h = 10.0, beta = 0.1;
    const auto run = [&](double v) {
        auto t = small_tissue(grid3d{30, 40, 30, 10.0_um},
                              rule_set<cell_lineage>(transition<osteoblast, osteocyte>(laying_matrix{beta, false})), cell_fates{},
                              surface_apposition{}, matrix_mineralisation{});
        auto& a = t.process<surface_apposition>();
        a.apposition.set<osteoblast>(velocity::from_value(v)).set<osteocyte>(velocity::from_value(v));
        a.climbs.set<osteoblast>(true);
        a.source.set<osteoblast>(1).set<osteocyte>(1);
        for (std::int32_t x = 0; x < 30; ++x) {
            for (std::int32_t z = 0; z < 30; ++z) {
                for (std::int32_t y = 0; y < 3; ++y) t.edit_matrix().assign(t.grid().index({x, y, z}), 1.0, 1.0);
                t.place(site<3>{x, 3, z}, osteoblast{});
            }
        }
        const double initial = t.matrix().total_matrix_volume().value();
        for (int k = 0; k < 3000 && t.count<osteoblast>() > 0; ++k) t.step(4.0_h);
        REQUIRE(t.count<osteoblast>() == 0);
        run_for(t, duration::from_value(h / v + 1.0), 4.0_h);  // the last osteocytes finish their sites
        const double laid = t.matrix().total_matrix_volume().value() - initial;
        return std::array<double, 2>{t.count<osteocyte>() / laid, t.count<osteocyte>()};
    };
    for (const double v : {2.1, 4.2}) {
        const auto [rho, n] = run(v);
        const double expected = beta / (v * h * h + beta * h * h * h / 2.0);
        // Each osteocyte stands for an exponential active period: the relative SE of the mean
        // volume per osteocyte is ~1/sqrt(n) (n = 900); 4 SE.
        INFO("v = " << v << " um/d: rho = " << rho * 1e9 << " /mm^3, theory " << expected * 1e9);
        CHECK(n == 900);
        CHECK(std::abs(rho / expected - 1.0) < 4.0 / std::sqrt(n));
    }
    // Doubling the apposition rate halves the density (to the lacuna correction), as the theory says.
    const double ratio = run(2.1)[0] / run(4.2)[0];
    const double theory = (4.2 * h * h + beta * h * h * h / 2.0) / (2.1 * h * h + beta * h * h * h / 2.0);
    CHECK(std::abs(ratio / theory - 1.0) < 4.0 * std::sqrt(2.0 / 900.0));
}

namespace {
// An empty 2-D strip with a VEGF profile and one tip cell; sprouting from stalks switched off.
auto angiogenesis_strip(const std::function<double(int)>& vegf_at_x, std::vector<site<2>> tips) {
    auto t = small_tissue(grid2d{200, 21, 10.0_um}, rule_set<cell_lineage>(death<osteocyte>(hazard(0.0_per_d))),
                          sprouting_angiogenesis<vegf>{});
    auto& a = t.process<sprouting_angiogenesis<vegf>>();
    a.sprouting_rate = 0.0_per_d;
    auto c = t.edit_field<vegf>();
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = vegf_at_x(t.grid().coords(i)[0]);
    std::uint16_t id = 1;
    for (const auto& s : tips) {
        t.place(s, endothelial{}, vessel_cell{static_cast<std::uint8_t>(vessel_role::tip), 0xff, 0, 12, id++});
    }
    return t;
}
std::vector<site<2>> tip_sites(const auto& t) {
    std::vector<site<2>> out;
    for (std::size_t i = 0; i < t.grid().size(); ++i) {
        if (t.state().attribute(i).is_tip()) out.push_back(t.grid().coords(i));
    }
    return out;
}
}  // namespace

TEST_CASE("figure 6.4.1 angiogenesis: a tip climbs the VEGF gradient at the tip speed and branches after its length",
          "[scenario][figure_6_4_1]") {
    auto t = angiogenesis_strip([](int x) { return 0.02 + 0.001 * x; }, {{2, 10}});
    const auto& a = t.process<sprouting_angiogenesis<vegf>>();
    // 15 um/h on 10 um sites: 1.5 sites per 1 h step, two sub-steps of probability 0.75. Until the
    // first branching (after 12 sites) one tip moves: its moves in 6 steps are Binomial(12, 0.75).
    double moved = 0;
    std::uint64_t before = 0;
    for (int k = 0; k < 40; ++k) {
        before = a.extensions;
        t.step(1.0_h);
        if (k < 6) moved = static_cast<double>(a.extensions);
        if (a.branchings > 0) break;
    }
    CHECK(std::abs(moved - 9.0) <= 4.0 * std::sqrt(12 * 0.75 * 0.25));
    REQUIRE(a.branchings == 1);
    CHECK(before + 2 >= 12);  // the branch came once the sprout had grown its 12 sites (two events in that step at most)
    // It went up the gradient: after 2 days the farthest tip is well beyond the start.
    run_for(t, 2.0_d, 1.0_h);
    int farthest = 0;
    for (const auto& s : tip_sites(t)) farthest = std::max(farthest, s[0]);
    CHECK(farthest > 2 + 36);
    for (std::size_t i = 0; i < t.grid().size(); ++i) {
        const auto& v = t.state().attribute(i);
        if (v.is_tip()) {
            CHECK(v.branch_at >= 10);  // branching lengths drawn in [100, 300] um (Dazzi et al. 2023)
            CHECK(v.branch_at <= 30);
        }
    }
}

TEST_CASE("figure 6.4.1 angiogenesis: sprouts that meet fuse (anastomosis); tips stop below the threshold",
          "[scenario][figure_6_4_1]") {
    auto t = angiogenesis_strip([](int x) { return 0.2 - 0.002 * std::abs(x - 20); }, {{2, 10}, {38, 10}});
    auto& a = t.process<sprouting_angiogenesis<vegf>>();
    a.branch_min = 2000.0_um;
    a.branch_max = 2000.0_um;
    run_for(t, 3.0_d, 1.0_h);
    CHECK(a.anastomoses >= 1);
    CHECK(tip_sites(t).size() <= 1);
    auto quiet = angiogenesis_strip([](int) { return 0.005; }, {{2, 10}});  // below 0.011 nM (0.5 ng/mL)
    quiet.step(1.0_h);
    CHECK(tip_sites(quiet).empty());
    CHECK(quiet.process<sprouting_angiogenesis<vegf>>().extensions == 0);
}

TEST_CASE("figure 6.4.1 plate structure: the plate's outer side, and vessels crowded by bone condense into marrow",
          "[scenario][figure_6_4_1]") {
    auto t = small_tissue(grid2d{20, 20, 10.0_um}, rule_set<cell_lineage>(death<osteocyte>(hazard(0.0_per_d))), plate_structure{});
    for (std::int32_t x = 5; x < 15; ++x) {
        for (std::int32_t y = 8; y < 12; ++y) t.edit_matrix().assign(t.grid().index({x, y}), 1.0, 1.0);
    }
    t.edit_matrix().assign(t.grid().index({10, 9}), 0.0, 0.0);
    t.place(site<2>{10, 9}, endothelial{});   // a vessel inside the bone
    t.place(site<2>{10, 12}, endothelial{});  // a vessel on its surface: 10 of its 24 neighbours are bone
    t.step(1.0_h);
    const auto face = t.field<plate_face>();
    const auto m = t.field<marrow>();
    CHECK(m[t.grid().index({10, 9})] == 1);
    CHECK(m[t.grid().index({10, 12})] == 0);
    CHECK(face[t.grid().index({7, 12})] == 1);
    CHECK(face[t.grid().index({7, 3})] == 1);
    CHECK(face[t.grid().index({7, 10})] == 0);
    CHECK(face[t.grid().index({2, 12})] == 0);  // no bone in that line: not the plate's surface
}

TEST_CASE("figure 6.4.1 policies: laying matrix, no room left, recruitment onto a bone surface", "[scenario][figure_6_4_1]") {
    auto t = small_tissue(grid2d{10, 10, 10.0_um}, rule_set<cell_lineage>(death<osteocyte>(hazard(0.0_per_d))), plate_structure{});
    t.edit_matrix().assign(t.grid().index({5, 4}), 1.0, 1.0);
    t.place(site<2>{5, 5}, osteogenic{});
    t.place(site<2>{5, 6}, osteoblast{});
    const auto hazard_at = [&](const auto& policy, site<2> s) {
        const lattice_environment env(t.state(), t.grid().index(s));
        return policy.hazard(cell_context(env, 0.0, 0.0)).value();
    };
    std::array<std::uint8_t, 256> forming{};
    forming[cell_lineage::index_of<osteoblast>] = 1;
    // Next to bone but next to an osteoblast: no recruitment (one layer); away from it: recruited.
    CHECK(hazard_at(on_bone_surface{0.5, 0.1, forming}, {5, 5}) == 0.0);
    CHECK(hazard_at(on_bone_surface{0.5, 0.1, forming}, {4, 4}) == 0.5);
    CHECK(hazard_at(on_bone_surface{0.5, 0.1, forming}, {1, 1}) == 0.1);
    CHECK(hazard_at(laying_matrix{0.2, false}, {5, 6}) == 0.2);
    t.edit_matrix().assign(t.grid().index({5, 6}), 1.0, 0.0);
    CHECK(hazard_at(laying_matrix{0.2, false}, {5, 6}) == 0.0);  // its site is full: it is not laying matrix
    std::array<std::uint8_t, 256> soft{};
    soft[cell_lineage::index_of<osteogenic>] = 1;
    CHECK(hazard_at(without_room{1.0, soft}, {5, 6}) == 0.0);  // free sites around
    for (const auto& s : {site<2>{4, 6}, site<2>{6, 6}, site<2>{5, 7}}) t.edit_matrix().assign(t.grid().index(s), 1.0, 1.0);
    t.place(site<2>{5, 5}, osteocyte{});
    CHECK(hazard_at(without_room{1.0, soft}, {5, 6}) == 1.0);  // hemmed in: formation ends
}

TEST_CASE("figure 6.4.1 model: a checkpoint round trip continues bit for bit (attributes, counters, caches)",
          "[scenario][figure_6_4_1]") {
    const figure_6_4_1_parameters p;
    const grid2d g(120, 60, 10.0_um);
    auto a = make_tissue<2>(p, g, seed{9});
    run_for(a, 6.0_d, 2.0_h);
    std::stringstream saved;
    save_checkpoint(a, saved);
    run_for(a, 4.0_d, 2.0_h);
    auto b = make_tissue<2>(p, g, seed{9});
    restore_checkpoint(b, saved);
    run_for(b, 4.0_d, 2.0_h);
    CHECK(std::equal(a.states().begin(), a.states().end(), b.states().begin()));
    CHECK(std::equal(a.field<vegf>().begin(), a.field<vegf>().end(), b.field<vegf>().begin()));
    CHECK(std::equal(a.field<capillary_distance>().begin(), a.field<capillary_distance>().end(),
                     b.field<capillary_distance>().begin()));
    const auto& pa = a.process<sprouting_angiogenesis<vegf>>();
    const auto& pb = b.process<sprouting_angiogenesis<vegf>>();
    CHECK(pa.extensions == pb.extensions);
    CHECK(pa.sprouts == pb.sprouts);
    CHECK(pa.extensions > 0);
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (a.state().attribute(i).is_tip() != b.state().attribute(i).is_tip()) FAIL("attribute differs at site " << i);
    }
}
