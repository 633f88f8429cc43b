// Tests of the space layer beyond grid.hpp: neighbourhoods, boundaries, fields, shapes.
#include "catch.hpp"

#include <ossify/space.hpp>
#include <ossify/units/literals.hpp>

#include <algorithm>
#include <set>

using namespace ossify;
using namespace ossify::literals;

TEST_CASE("von Neumann and Moore neighbourhoods have the right offsets", "[space][neighbourhood]") {
    STATIC_REQUIRE(von_neumann<2>::count == 4);
    STATIC_REQUIRE(von_neumann<3>::count == 6);
    STATIC_REQUIRE(moore<2>::count == 8);
    STATIC_REQUIRE(moore<3>::count == 26);
    // face order: axis by axis, -1 before +1
    STATIC_REQUIRE(von_neumann<3>::offsets[4] == site<3>{0, 0, -1});
    STATIC_REQUIRE(von_neumann<2>::offsets[1] == site<2>{1, 0});
    std::set<site<3>> seen(moore<3>::offsets.begin(), moore<3>::offsets.end());
    CHECK(seen.size() == 26);
    CHECK(seen.count(site<3>{0, 0, 0}) == 0);
    for (const auto& o : moore<3>::offsets) {
        for (auto v : o) CHECK((v >= -1 && v <= 1));
    }
    for (const auto& o : von_neumann<3>::offsets) {
        int l1 = 0;
        for (auto v : o) l1 += v < 0 ? -v : v;
        CHECK(l1 == 1);
    }
}

TEST_CASE("off-grid neighbours wrap when periodic and are absent otherwise", "[space][boundary]") {
    const grid2d g{10, 5, 1.0_um};
    const site<2> corner{0, 4};
    CHECK(neighbour_index(g, corner, site<2>{1, 0}, boundary::no_flux) == g.index({1, 4}));
    CHECK_FALSE(neighbour_index(g, corner, site<2>{-1, 0}, boundary::no_flux).has_value());
    CHECK_FALSE(neighbour_index(g, corner, site<2>{0, 1}, boundary::fixed).has_value());
    CHECK(neighbour_index(g, corner, site<2>{-1, 0}, boundary::periodic) == g.index({9, 4}));
    CHECK(neighbour_index(g, corner, site<2>{-1, 1}, boundary::periodic) == g.index({9, 0}));
    // per-axis: x periodic, y a wall
    const std::array<boundary, 2> mixed{boundary::periodic, boundary::no_flux};
    CHECK(neighbour_index(g, corner, site<2>{-1, 0}, mixed) == g.index({9, 4}));
    CHECK_FALSE(neighbour_index(g, corner, site<2>{-1, 1}, mixed).has_value());
    // wrapping by more than one extent
    CHECK(resolve_site(g, site<2>{-21, 12}, boundary::periodic) == site<2>{9, 2});
    CHECK(to_string(boundary::fixed) == "fixed");
}

TEST_CASE("field stores one value per site in grid order", "[space][field]") {
    const grid3d g{4, 3, 2, 2.0_um};
    field<double, 3> f{g, 1.5};
    CHECK(f.size() == 24);
    CHECK(f.span().size() == 24);
    CHECK(std::all_of(f.begin(), f.end(), [](double v) { return v == 1.5; }));
    f[site<3>{3, 2, 1}] = 7.0;
    CHECK(f[g.size() - 1] == 7.0);
    CHECK(f.data()[g.index({3, 2, 1})] == 7.0);
    f.fill(0.0);
    CHECK(f[site<3>{3, 2, 1}] == 0.0);
    CHECK(f.grid() == g);
    const auto& cf = f;
    CHECK(cf.span().data() == f.data());
}

TEST_CASE("disc, ball and box select the expected sites", "[space][shapes]") {
    const grid2d g{21, 21, 2.0_um};
    const disc d{{10, 10}, 6.0_um};  // 3 sites in radius
    std::size_t inside = 0;
    for (std::size_t i = 0; i < g.size(); ++i) inside += d.contains(g, g.coords(i)) ? 1 : 0;
    // lattice points with x^2 + y^2 <= 9: 29
    CHECK(inside == 29);
    CHECK(d.contains(g, {13, 10}));
    CHECK_FALSE(d.contains(g, {13, 11}));
    CHECK_FALSE(d.contains(g, {-1, 10}));

    const grid3d g3{11, 11, 11, 1.0_um};
    const ball b{{5, 5, 5}, 1.0_um};
    std::size_t in3 = 0;
    for (std::size_t i = 0; i < g3.size(); ++i) in3 += b.contains(g3, g3.coords(i)) ? 1 : 0;
    CHECK(in3 == 7);

    const box bx{site<2>{2, 3}, site<2>{4, 3}};
    CHECK(bx.contains(g, {2, 3}));
    CHECK(bx.contains(g, {4, 3}));
    CHECK_FALSE(bx.contains(g, {5, 3}));
    CHECK_FALSE(bx.contains(g, {3, 4}));
}

TEST_CASE("shapes refuse a negative radius or an inverted box", "[space][shapes]") {
    CHECK_THROWS_AS(disc({0, 0}, -1.0_um), invalid_parameter);
    CHECK_THROWS_AS(ball({0, 0, 0}, length::from_value(std::nan(""))), invalid_parameter);
    CHECK_THROWS_AS(box<2>({3, 0}, {2, 5}), invalid_parameter);
}
