// The entrapment measure: hand-made configurations, grid edges, all-sites pass.
#include <ossify/matrix.hpp>

#include <random>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {
// A full site of the given mineral degree.
template <std::size_t Dim>
void mineralised(matrix_field<Dim>& f, const site<Dim>& s, double degree = 1.0) {
    f.assign(f.grid().index(s), 1.0, degree);
}

template <std::size_t Dim>
void check_all_sites_agree(const matrix_field<Dim>& f, double threshold) {
    std::vector<double> all(f.size(), -1.0);
    f.entrapment(threshold, all);
    for (std::size_t i = 0; i < f.size(); ++i) {
        CAPTURE(i);
        REQUIRE(all[i] == f.entrapment(i, threshold));
    }
}
}  // namespace

TEST_CASE("entrapment in 2-D: none, all, partial", "[matrix][entrapment]") {
    const grid2d g{5, 5, 10.0_um};
    matrix_field2d f{g};
    const auto centre = g.index({2, 2});
    CHECK(f.entrapment(centre) == 0.0);
    check_all_sites_agree(f, 0.5);

    // Three of the eight neighbours; the site itself does not count.
    mineralised(f, {1, 1});
    mineralised(f, {2, 1});
    mineralised(f, {3, 3});
    mineralised(f, {2, 2});
    CHECK(f.entrapment(centre) == Approx(3.0 / 8.0).epsilon(1e-15));
    // Outside the Moore neighbourhood: no effect.
    mineralised(f, {0, 2});
    mineralised(f, {4, 4});
    CHECK(f.entrapment(centre) == Approx(3.0 / 8.0).epsilon(1e-15));
    check_all_sites_agree(f, 0.5);

    // Osteoid, not yet mineral, does not entrap.
    f.deposit(g.index({3, 2}), 1.0);
    CHECK(f.entrapment(centre) == Approx(3.0 / 8.0).epsilon(1e-15));

    // Every site mineralised: 1 everywhere, corners and edges included.
    for (std::size_t i = 0; i < g.size(); ++i) f.assign(i, 1.0, 1.0);
    for (std::size_t i = 0; i < g.size(); ++i) CHECK(f.entrapment(i) == 1.0);
    check_all_sites_agree(f, 0.5);
}

TEST_CASE("entrapment at grid edges: off-grid neighbours count in neither part", "[matrix][entrapment]") {
    const grid2d g{4, 3, 10.0_um};
    matrix_field2d f{g};
    mineralised(f, {1, 0});
    CHECK(f.entrapment(g.index({0, 0})) == Approx(1.0 / 3.0).epsilon(1e-15));  // corner: 3 neighbours
    CHECK(f.entrapment(g.index({2, 0})) == Approx(1.0 / 5.0).epsilon(1e-15));  // edge: 5 neighbours
    CHECK(f.entrapment(g.index({2, 1})) == Approx(1.0 / 8.0).epsilon(1e-15));  // interior
    CHECK(f.entrapment(g.index({3, 0})) == 0.0);
    mineralised(f, {0, 1});
    mineralised(f, {1, 1});
    CHECK(f.entrapment(g.index({0, 0})) == 1.0);  // a corner cell can be fully entrapped
    check_all_sites_agree(f, 0.5);

    SECTION("degenerate grids") {
        matrix_field2d single{grid2d{1, 1, 10.0_um}};
        single.assign(0, 1.0, 1.0);
        CHECK(single.entrapment(0) == 0.0);  // no neighbours
        check_all_sites_agree(single, 0.5);
        matrix_field2d line{grid2d{1, 4, 10.0_um}};
        line.assign(1, 1.0, 1.0);
        CHECK(line.entrapment(0) == 1.0);
        CHECK(line.entrapment(2) == 0.5);
        check_all_sites_agree(line, 0.5);
    }
}

TEST_CASE("entrapment in 3-D: 26 neighbours inside, 7 at a corner, 11 on an edge, 17 on a face",
          "[matrix][entrapment]") {
    const grid3d g{4, 4, 4, 10.0_um};
    matrix_field3d f{g};
    mineralised(f, {1, 1, 1});
    CHECK(f.entrapment(g.index({0, 0, 0})) == Approx(1.0 / 7.0).epsilon(1e-15));
    CHECK(f.entrapment(g.index({1, 0, 0})) == Approx(1.0 / 11.0).epsilon(1e-15));
    CHECK(f.entrapment(g.index({1, 1, 0})) == Approx(1.0 / 17.0).epsilon(1e-15));
    CHECK(f.entrapment(g.index({2, 2, 2})) == Approx(1.0 / 26.0).epsilon(1e-15));
    CHECK(f.entrapment(g.index({3, 3, 3})) == 0.0);
    for (std::int32_t z = 1; z <= 3; ++z)
        for (std::int32_t y = 1; y <= 3; ++y)
            for (std::int32_t x = 1; x <= 3; ++x) mineralised(f, {x, y, z});
    CHECK(f.entrapment(g.index({2, 2, 2})) == 1.0);
    CHECK(f.entrapment(g.index({0, 0, 0})) == Approx(1.0 / 7.0).epsilon(1e-15));
    check_all_sites_agree(f, 0.5);
}

TEST_CASE("entrapment threshold: mineral fraction strictly above it", "[matrix][entrapment]") {
    const grid2d g{3, 3, 10.0_um};
    matrix_field2d f{g};
    f.assign(0, 1.0, 0.5);  // mineral fraction 0.5
    f.assign(1, 0.5, 1.0);  // mineral fraction 0.5 (half-filled, fully mineralised)
    f.assign(2, 1.0, 0.8);  // 0.8
    const auto centre = g.index({1, 1});
    CHECK(f.entrapment(centre, 0.5) == Approx(1.0 / 8.0).epsilon(1e-15));
    CHECK(f.entrapment(centre, 0.49) == Approx(3.0 / 8.0).epsilon(1e-15));
    CHECK(f.entrapment(centre, 0.0) == Approx(3.0 / 8.0).epsilon(1e-15));
    CHECK(f.entrapment(centre, 1.0) == 0.0);
    check_all_sites_agree(f, 0.49);
    std::vector<double> out(g.size()), wrong(2);
    CHECK_THROWS_AS(f.entrapment(1.5, out), invalid_parameter);
    CHECK_THROWS_AS(f.entrapment(0.5, wrong), invalid_parameter);
    CHECK_THROWS_AS((void)f.entrapment(centre, -0.1), invalid_parameter);
    CHECK_THROWS_AS((void)f.entrapment(99, 0.5), invalid_parameter);
    try {
        (void)f.entrapment(centre, 2.0);
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "threshold");
    }
}

TEST_CASE("entrapment grows as deposited osteoid mineralises around an osteoblast", "[matrix][entrapment]") {
    const grid2d g{9, 9, 10.0_um};
    matrix_field2d f{g};
    // A ring of osteoblasts around the centre secretes into it and its neighbours.
    std::vector<std::size_t> ob;
    for (const site<2> s : {site<2>{3, 3}, site<2>{4, 3}, site<2>{5, 3}, site<2>{3, 4}, site<2>{5, 4},
                            site<2>{3, 5}, site<2>{4, 5}, site<2>{5, 5}}) {
        ob.push_back(g.index(s));
    }
    const auto centre = g.index({4, 4});
    double previous = 0.0;
    for (int day = 0; day < 40; ++day) {
        f.deposit_by_osteoblasts(ob, {}, apposition_rate::fetal_woven, 1.0_d);
        f.mineralise(1.0_d);
        const double e = f.entrapment(centre);
        CHECK(e >= previous);
        previous = e;
    }
    CHECK(previous == 1.0);
}

TEST_CASE("all-sites entrapment matches the per-site value on random configurations",
          "[matrix][entrapment]") {
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    SECTION("2-D") {
        for (const auto& g : {grid2d{13, 7, 10.0_um}, grid2d{1, 9, 10.0_um}, grid2d{9, 2, 10.0_um}}) {
            matrix_field2d f{g};
            for (std::size_t i = 0; i < g.size(); ++i) f.assign(i, u(rng), u(rng));
            check_all_sites_agree(f, 0.3);
        }
    }
    SECTION("3-D") {
        for (const auto& g : {grid3d{7, 5, 6, 10.0_um}, grid3d{1, 4, 5, 10.0_um}, grid3d{3, 1, 2, 10.0_um}}) {
            matrix_field3d f{g};
            for (std::size_t i = 0; i < g.size(); ++i) f.assign(i, u(rng), u(rng));
            check_all_sites_agree(f, 0.3);
        }
    }
}
