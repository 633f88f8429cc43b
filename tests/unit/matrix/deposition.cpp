// Osteoid deposition by osteoblasts: split, caps, blocked sites, order independence, totals.
#include <ossify/matrix.hpp>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {
std::vector<double> matrix_of(const auto& field) {
    return {field.matrix_fractions().begin(), field.matrix_fractions().end()};
}
const std::vector<std::uint8_t> none;  // no blocked sites
}  // namespace

TEST_CASE("an osteoblast splits rate * dt / h equally over its site and von Neumann neighbours",
          "[matrix][deposit]") {
    const grid2d g{5, 5, 10.0_um};
    matrix_field2d field{g};
    const std::vector<std::size_t> ob{g.index({2, 2})};
    // 3 um/d for 1 d over a 10 um face: 0.3 of a site volume = 300 um^3.
    const volume v = field.deposit_by_osteoblasts(ob, none, apposition_rate::fetal_woven, 1.0_d);
    CHECK(units::internal(v) == Approx(300.0).epsilon(1e-14));
    for (const site<2> s : {site<2>{2, 2}, site<2>{1, 2}, site<2>{3, 2}, site<2>{2, 1}, site<2>{2, 3}}) {
        CHECK(field.matrix_fraction(g.index(s)) == Approx(0.06).epsilon(1e-14));
    }
    CHECK(field.matrix_fraction(g.index({1, 1})) == 0.0);  // diagonal: not von Neumann
    CHECK(units::internal(field.total_matrix_volume()) == Approx(300.0).epsilon(1e-14));

    SECTION("at a corner over the 3 on-grid sites") {
        matrix_field2d corner{g};
        const std::vector<std::size_t> c{g.index({0, 0})};
        corner.deposit_by_osteoblasts(c, none, apposition_rate::fetal_woven, 1.0_d);
        CHECK(corner.matrix_fraction(g.index({0, 0})) == Approx(0.1).epsilon(1e-14));
        CHECK(corner.matrix_fraction(g.index({1, 0})) == Approx(0.1).epsilon(1e-14));
        CHECK(corner.matrix_fraction(g.index({0, 1})) == Approx(0.1).epsilon(1e-14));
    }
    SECTION("in 3-D over 7 sites, at a corner over 4") {
        const grid3d g3{4, 4, 4, 10.0_um};
        matrix_field3d f3{g3};
        const std::vector<std::size_t> sites{g3.index({1, 1, 1}), g3.index({3, 3, 3})};
        const volume v3 = f3.deposit_by_osteoblasts(sites, {}, 0.7_um_per_d, 1.0_d);
        CHECK(units::internal(v3) == Approx(2 * 0.07 * 1000.0).epsilon(1e-14));
        for (const site<3> s : {site<3>{1, 1, 1}, site<3>{0, 1, 1}, site<3>{2, 1, 1}, site<3>{1, 0, 1},
                                site<3>{1, 2, 1}, site<3>{1, 1, 0}, site<3>{1, 1, 2}}) {
            CHECK(f3.matrix_fraction(g3.index(s)) == Approx(0.01).epsilon(1e-14));
        }
        for (const site<3> s : {site<3>{3, 3, 3}, site<3>{2, 3, 3}, site<3>{3, 2, 3}, site<3>{3, 3, 2}}) {
            CHECK(f3.matrix_fraction(g3.index(s)) == Approx(0.07 / 4.0).epsilon(1e-14));
        }
        CHECK(f3.matrix_fraction(g3.index({2, 2, 2})) == 0.0);
    }
}

TEST_CASE("blocked and full sites receive nothing; the others share the layer", "[matrix][deposit]") {
    const grid2d g{5, 5, 10.0_um};
    matrix_field2d field{g};
    std::vector<std::uint8_t> blocked(g.size(), 0);
    blocked[g.index({1, 2})] = 1;  // capillary to the left
    field.assign(g.index({3, 2}), 1.0, 0.0);  // full to the right
    const std::vector<std::size_t> ob{g.index({2, 2})};
    field.deposit_by_osteoblasts(ob, blocked, apposition_rate::fetal_woven, 1.0_d);
    CHECK(field.matrix_fraction(g.index({1, 2})) == 0.0);
    CHECK(field.matrix_fraction(g.index({3, 2})) == 1.0);
    for (const site<2> s : {site<2>{2, 2}, site<2>{2, 1}, site<2>{2, 3}}) {
        CHECK(field.matrix_fraction(g.index(s)) == Approx(0.1).epsilon(1e-14));
    }
    SECTION("an osteoblast with no eligible site deposits nothing") {
        matrix_field2d walled{g};
        for (const site<2> s : {site<2>{2, 2}, site<2>{1, 2}, site<2>{3, 2}, site<2>{2, 1}}) {
            walled.assign(g.index(s), 1.0, 1.0);
        }
        std::vector<std::uint8_t> b(g.size(), 0);
        b[g.index({2, 3})] = 1;
        const volume v = walled.deposit_by_osteoblasts(ob, b, apposition_rate::fetal_woven, 1.0_d);
        CHECK(units::internal(v) == 0.0);
        CHECK(walled.matrix_fraction(g.index({2, 3})) == 0.0);
    }
}

TEST_CASE("blocked sites never receive matrix, however long osteoblasts work", "[matrix][deposit]") {
    const grid2d g{32, 32, 10.0_um};
    std::vector<std::uint8_t> blocked(g.size(), 0);
    std::vector<std::uint8_t> is_ob(g.size(), 0);
    std::mt19937 rng(3);
    std::bernoulli_distribution capillary(0.2), osteoblast(0.3);
    for (std::size_t i = 0; i < g.size(); ++i) {
        blocked[i] = capillary(rng) ? 1 : 0;
        is_ob[i] = !blocked[i] && osteoblast(rng) ? 1 : 0;
    }
    matrix_field2d field{g};
    for (int step = 0; step < 24 * 30; ++step) {
        field.deposit_by_osteoblast_mask(is_ob, blocked, apposition_rate::fetal_woven, 1.0_h);
        field.mineralise(1.0_h);
    }
    std::size_t full = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (blocked[i]) CHECK(field.matrix_fraction(i) == 0.0);
        CHECK(field.matrix_fraction(i) <= 1.0);
        full += field.is_full(i) ? 1 : 0;
    }
    CHECK(full > 0);  // the caps were exercised
}

TEST_CASE("requests are summed then capped; the result does not depend on osteoblast order",
          "[matrix][deposit]") {
    const grid2d g{3, 1, 10.0_um};
    SECTION("two osteoblasts overfill a nearly full site: it is capped, nothing passed on") {
        matrix_field2d field{g};
        field.deposit(1, 0.95);
        const std::vector<std::size_t> ob{0, 2};
        // Each requests 0.3 / 2 = 0.15 from site 1 (which has room for 0.05).
        const volume v = field.deposit_by_osteoblasts(ob, none, apposition_rate::fetal_woven, 1.0_d);
        CHECK(field.matrix_fraction(1) == 1.0);
        CHECK(field.matrix_fraction(0) == Approx(0.15).epsilon(1e-14));
        CHECK(field.matrix_fraction(2) == Approx(0.15).epsilon(1e-14));
        CHECK(units::internal(v) == Approx((0.15 + 0.15 + 0.05) * 1000.0).epsilon(1e-13));
    }
    SECTION("shuffled lists and the mask give bit-identical fields") {
        const grid2d big{24, 24, 8.0_um};
        std::mt19937 rng(5);
        std::vector<std::size_t> sites(big.size());
        for (std::size_t i = 0; i < sites.size(); ++i) sites[i] = i;
        std::shuffle(sites.begin(), sites.end(), rng);
        sites.resize(200);
        std::vector<std::uint8_t> mask(big.size(), 0), blocked(big.size(), 0);
        for (const auto s : sites) mask[s] = 1;
        for (std::size_t i = 0; i < big.size(); i += 7) blocked[i] = 1;
        matrix_field2d a{big}, b{big}, c{big};
        for (int step = 0; step < 40; ++step) {
            std::shuffle(sites.begin(), sites.end(), rng);
            a.deposit_by_osteoblasts(sites, blocked, apposition_rate::fetal_woven, 6.0_h);
            std::shuffle(sites.begin(), sites.end(), rng);
            b.deposit_by_osteoblasts(sites, blocked, apposition_rate::fetal_woven, 6.0_h);
            c.deposit_by_osteoblast_mask(mask, blocked, apposition_rate::fetal_woven, 6.0_h);
            for (auto* f : {&a, &b, &c}) f->mineralise(6.0_h);
        }
        CHECK(matrix_of(a) == matrix_of(b));
        CHECK(matrix_of(a) == matrix_of(c));
        for (std::size_t i = 0; i < big.size(); ++i) {
            REQUIRE(a.mineral_fraction(i) == b.mineral_fraction(i));
            REQUIRE(a.mineral_fraction(i) == c.mineral_fraction(i));
        }
    }
}

TEST_CASE("total deposited volume = osteoblast-days * apposition rate * face area until sites fill",
          "[matrix][deposit]") {
    const grid2d g{40, 40, 10.0_um};
    std::vector<std::size_t> ob;
    for (std::int32_t y = 2; y < 40; y += 6) {
        for (std::int32_t x = 1; x < 40; x += 5) ob.push_back(g.index({x, y}));
    }
    matrix_field2d field{g};
    const velocity rate_v = apposition_rate::fetal_woven;
    double deposited = 0.0;
    const int steps = 24 * 5;  // 5 d in 1 h steps; neighbourhoods do not overlap: each site gets 0.06/d
    for (int step = 0; step < steps; ++step) {
        deposited += units::internal(field.deposit_by_osteoblasts(ob, {}, rate_v, 1.0_h));
        field.mineralise(1.0_h);
    }
    double fullest = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) fullest = std::max(fullest, field.matrix_fraction(i));
    REQUIRE(fullest < 1.0);
    const double osteoblast_days = static_cast<double>(ob.size()) * 5.0;
    const double expected = osteoblast_days * units::internal(rate_v) * 10.0 * 10.0;  // um^3
    CHECK(units::internal(field.total_matrix_volume()) == Approx(expected).epsilon(1e-12));
    CHECK(deposited == Approx(expected).epsilon(1e-12));
    // Once the 5 sites of each osteoblast are full (after 1 / 0.06 = 16.7 d), nothing more goes in.
    for (int step = 0; step < 24 * 60; ++step) field.deposit_by_osteoblasts(ob, {}, rate_v, 1.0_h);
    CHECK(units::internal(field.total_matrix_volume()) ==
          Approx(static_cast<double>(ob.size()) * 5.0 * 1000.0).epsilon(1e-12));
    CHECK(units::internal(field.deposit_by_osteoblasts(ob, {}, rate_v, 1.0_h)) == 0.0);
}

TEST_CASE("deposit_by_osteoblasts refuses bad input, naming it, and changes nothing", "[matrix][deposit]") {
    const grid2d g{4, 4, 10.0_um};
    matrix_field2d field{g};
    field.deposit(5, 0.5);
    const auto before = matrix_of(field);
    const std::vector<std::size_t> ob{1, 2};
    const auto expect = [&](auto&& f, const std::string& parameter) {
        try {
            f();
            FAIL("no invalid_parameter for " << parameter);
        } catch (const invalid_parameter& e) {
            CHECK(e.parameter() == parameter);
            CHECK(std::string(e.what()).find(parameter) != std::string::npos);
        }
        CHECK(matrix_of(field) == before);
    };
    const std::vector<std::uint8_t> short_mask(3, 0);
    expect([&] { field.deposit_by_osteoblasts(ob, short_mask, 1.0_um_per_d, 1.0_d); }, "blocked.size()");
    expect([&] { field.deposit_by_osteoblasts(ob, {}, -1.0_um_per_d, 1.0_d); }, "apposition_rate");
    expect([&] { field.deposit_by_osteoblasts(ob, {}, 1.0_um_per_d, -1.0_d); }, "dt");
    expect([&] {
        field.deposit_by_osteoblasts(ob, {}, 1.0_um_per_d,
                                     duration::from_value(std::numeric_limits<double>::quiet_NaN()));
    },
           "dt");
    const std::vector<std::size_t> outside{1, 16};
    expect([&] { field.deposit_by_osteoblasts(outside, {}, 1.0_um_per_d, 1.0_d); }, "osteoblast_sites[]");
    const std::vector<std::size_t> twice{3, 1, 3};
    expect([&] { field.deposit_by_osteoblasts(twice, {}, 1.0_um_per_d, 1.0_d); }, "osteoblast_sites[]");
    expect([&] { field.deposit_by_osteoblast_mask(short_mask, {}, 1.0_um_per_d, 1.0_d); }, "is_osteoblast.size()");
    // Zero rate or zero dt is accepted and deposits nothing.
    CHECK(units::internal(field.deposit_by_osteoblasts(ob, {}, 0.0_um_per_d, 1.0_d)) == 0.0);
    CHECK(units::internal(field.deposit_by_osteoblasts(ob, {}, 1.0_um_per_d, 0.0_d)) == 0.0);
    CHECK(matrix_of(field) == before);
}
