// Lattice tissue: seeding helpers, views, and refusal of bad input (which changes nothing).
#include <set>

#include "helpers.hpp"

using namespace tissue_test;

namespace {
const auto no_rules = rule_set<intramembranous_lineage>();
// The default processes, with migration that can be biased up BMP2 (chemotaxis 0 unless set).
using plain_tissue = lattice_tissue<std::remove_cvref_t<decltype(no_rules)>, grid2d, signals<bmp2>, default_processes_with<bmp2>>;

plain_tissue make_plain(std::int32_t nx, std::int32_t ny, std::uint64_t s = 1) {
    return plain_tissue{no_rules, grid2d{nx, ny, 10.0_um}, signals<bmp2>{}, seed{s}};
}
}  // namespace

TEST_CASE("lattice_tissue: fill puts a state on exactly the sites of a disc or a box", "[tissue][seeding]") {
    auto t = make_plain(40, 30);
    const disc d{{20, 15}, 62.0_um};
    const std::size_t n = t.fill(d, mesenchymal{});
    // Independent count: site centres within 6.2 spacings of (20, 15).
    std::size_t expected = 0;
    for (int y = 0; y < 30; ++y) {
        for (int x = 0; x < 40; ++x) {
            const bool inside = (x - 20) * (x - 20) + (y - 15) * (y - 15) <= 38;  // 6.2^2 = 38.44
            expected += inside ? 1u : 0u;
            const auto s = t.state_at({x, y});
            CHECK(s.has_value() == inside);
            if (inside) CHECK(*s == plain_tissue::state_index<mesenchymal>());
        }
    }
    CHECK(n == expected);
    CHECK(t.cell_count() == expected);
    CHECK(t.count<mesenchymal>() == expected);

    // A box replaces what was there, on both corners inclusive.
    const std::size_t b = t.fill(box<2>{{18, 13}, {22, 17}}, osteoblast{});
    CHECK(b == 25);
    CHECK(t.count<osteoblast>() == 25);
    CHECK(t.count<mesenchymal>() == expected - 25);  // the box lies inside the disc
    CHECK(t.cell_count() == expected);
    CHECK(*t.state_at({18, 13}) == plain_tissue::state_index<osteoblast>());
    CHECK(*t.state_at({22, 17}) == plain_tissue::state_index<osteoblast>());
    CHECK(*t.state_at({23, 17}) == plain_tissue::state_index<mesenchymal>());

    // A shape partly off the grid fills its on-grid part.
    CHECK(t.fill(box<2>{{-5, -5}, {1, 0}}, osteocyte{}) == 2);
    // A shape that covers no site at all is a mistake: refused, naming the shape, changing nothing.
    const auto before = take(t);
    for (const auto& off : {box<2>{{-9, -9}, {-1, -1}}, box<2>{{40, 0}, {45, 29}}, box<2>{{0, 30}, {39, 30}}}) {
        std::string param;
        try {
            t.fill(off, osteocyte{});
        } catch (const invalid_parameter& e) {
            param = e.parameter();
            CHECK(contains(e.what(), "ossify::lattice_tissue::fill"));
        }
        CHECK(param == "shape");
        CHECK_THROWS_AS(t.fill_fraction(off, osteocyte{}, 0.5), invalid_parameter);
    }
    CHECK_THROWS_AS(t.fill(disc{{-100, -100}, 50.0_um}, osteocyte{}), invalid_parameter);
    CHECK(take(t) == before);
}

TEST_CASE("lattice_tissue: fill_fraction places Binomial(n, p) cells, fresh draws each call", "[tissue][seeding]") {
    auto t = make_plain(100, 100);
    const box<2> all{{0, 0}, {99, 99}};
    const double n = 10000.0, p = 0.3;
    const std::size_t first = t.fill_fraction(all, mesenchymal{}, p);
    CHECK(std::abs(static_cast<double>(first) - n * p) <= 4.0 * std::sqrt(n * p * (1 - p)));
    CHECK(t.cell_count() == first);
    // A second call draws anew: the union covers 1 - (1 - p)^2 of the grid (not p, as it
    // would if the draws repeated).
    const std::size_t second = t.fill_fraction(all, mesenchymal{}, p);
    const double q = 1.0 - (1.0 - p) * (1.0 - p);
    CHECK(std::abs(static_cast<double>(second) - n * p) <= 4.0 * std::sqrt(n * p * (1 - p)));
    CHECK(std::abs(static_cast<double>(t.cell_count()) - n * q) <= 4.0 * std::sqrt(n * q * (1 - q)));

    // Only inside the shape; p = 0 places nothing, p = 1 everything.
    auto u = make_plain(20, 20);
    const box<2> left{{0, 0}, {9, 19}};
    CHECK(u.fill_fraction(left, osteogenic{}, 0.0) == 0);
    CHECK(u.fill_fraction(left, osteogenic{}, 1.0) == 200);
    const std::size_t right = u.fill_fraction(box<2>{{10, 0}, {19, 19}}, osteoblast{}, 0.5);
    CHECK(u.count<osteogenic>() == 200);
    CHECK(u.count<osteoblast>() == right);
    for (const auto& c : cells_of(u)) {
        const auto xy = u.grid().coords(c.site);
        CHECK((xy[0] < 10) == (c.state == plain_tissue::state_index<osteogenic>()));
    }

    // Same seed, same cells; another seed, other cells.
    auto a = make_plain(30, 30, 5), b = make_plain(30, 30, 5), c = make_plain(30, 30, 6);
    const box<2> sq{{0, 0}, {29, 29}};
    a.fill_fraction(sq, mesenchymal{}, 0.5);
    b.fill_fraction(sq, mesenchymal{}, 0.5);
    c.fill_fraction(sq, mesenchymal{}, 0.5);
    CHECK(std::ranges::equal(a.states(), b.states()));
    CHECK_FALSE(std::ranges::equal(a.states(), c.states()));
}

TEST_CASE("lattice_tissue: place and clear one site; off-grid sites are refused by name", "[tissue][seeding]") {
    auto t = make_plain(8, 6);
    t.place({3, 2}, osteoblast{});
    CHECK(*t.state_at({3, 2}) == plain_tissue::state_index<osteoblast>());
    t.place({3, 2}, osteocyte{});  // replaces
    CHECK(*t.state_at({3, 2}) == plain_tissue::state_index<osteocyte>());
    CHECK(t.cell_count() == 1);
    t.clear({3, 2});
    CHECK_FALSE(t.state_at({3, 2}).has_value());
    t.clear({3, 2});  // clearing an empty site is fine
    CHECK(t.cell_count() == 0);

    t.place({0, 0}, mesenchymal{});
    const auto before = take(t);
    for (const auto& bad : {site<2>{-1, 0}, site<2>{8, 0}, site<2>{0, 6}, site<2>{3, -7}}) {
        std::string where;
        try {
            t.place(bad, osteoblast{});
        } catch (const invalid_parameter& e) {
            where = e.what();
            CHECK(e.parameter() == "site");
        }
        CHECK(contains(where, "ossify::lattice_tissue::place"));
        CHECK(contains(where, "(" + std::to_string(bad[0]) + ", " + std::to_string(bad[1]) + ")"));
        CHECK_THROWS_AS(t.clear(bad), invalid_parameter);
        CHECK_THROWS_AS((void)t.state_at(bad), invalid_parameter);
        CHECK_THROWS_AS((void)cell_at(t, bad), invalid_parameter);
    }
    CHECK(take(t) == before);
}

TEST_CASE("lattice_tissue: cells_of() yields every cell once, with its state and time in state", "[tissue][views]") {
    auto t = make_plain(12, 12, 3);
    t.fill_fraction(box<2>{{0, 0}, {11, 11}}, mesenchymal{}, 0.4);
    for (int k = 0; k < 6; ++k) t.step(1.0_h);
    t.place({5, 5}, osteoblast{});  // enters at t = 6 h
    t.place({6, 5}, osteoblast{});
    for (int k = 0; k < 6; ++k) t.step(1.0_h);
    std::set<std::size_t> seen;
    std::size_t previous = 0, visited = 0;
    for (const lattice_cell& c : cells_of(t)) {
        CHECK(seen.insert(c.site).second);
        if (visited++ > 0) CHECK(c.site > previous);
        previous = c.site;
        CHECK(c.state == t.states()[c.site]);
        CHECK(c.time_in_state.value() ==
              Approx(t.time().value() - static_cast<double>(t.entry_times()[c.site])));
    }
    CHECK(visited == t.cell_count());
    for (std::size_t i = 0; i < t.grid().size(); ++i) CHECK((t.states()[i] != empty_site) == (seen.count(i) == 1));

    // cell_at: the state as a value, with its time in state.
    const auto ob = cell_at(t, {5, 5});
    REQUIRE(ob.has_value());
    REQUIRE(std::holds_alternative<osteoblast>(*ob));
    CHECK(std::get<osteoblast>(*ob).time_in_state.value() == Approx(0.25).epsilon(1e-6));
    const auto first = *cells_of(t).begin();
    const auto m = cell_at(t, t.grid().coords(first.site));
    REQUIRE(m.has_value());
    CHECK(m->index() == first.state);
    t.clear({5, 5});
    CHECK_FALSE(cell_at(t, {5, 5}).has_value());

    // counts(), count<S>(), field<S>(): counts are doubles (whole numbers in a lattice tissue).
    const auto counts = t.counts();
    STATIC_REQUIRE(std::is_same_v<std::remove_const_t<decltype(counts)>, std::array<double, plain_tissue::state_count>>);
    double total = 0.0;
    for (const auto c : counts) total += c;
    CHECK(total == t.cell_count());
    CHECK(counts[plain_tissue::state_index<osteoblast>()] == 1);
    CHECK(t.count<osteoblast>() == 1);
    CHECK(counts[plain_tissue::state_index<mesenchymal>()] == t.count<mesenchymal>());
    CHECK(t.field<bmp2>().size() == t.grid().size());
    CHECK(plain_tissue::state_name(plain_tissue::state_index<periosteal>()) == "periosteal");
    CHECK(plain_tissue::state_name(empty_site) == "empty");
}

TEST_CASE("lattice_tissue: a bad time step is refused, naming dt, changing nothing", "[tissue][errors]") {
    auto t = make_busy_2d(12, 16);
    for (int k = 0; k < 5; ++k) t.step(2.0_h);
    const auto before = take(t);
    for (const double dt : {0.0, -1.0 / 24.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
        std::string param, what;
        try {
            t.step(duration::from_value(dt));
        } catch (const invalid_parameter& e) {
            param = e.parameter();
            what = e.what();
        }
        CHECK(param == "dt");
        CHECK(contains(what, "ossify::lattice_tissue::step"));
    }
    CHECK(take(t) == before);
    CHECK_THROWS_AS(run_for(t, 1.0_d, 0.0_h), invalid_parameter);
    CHECK_THROWS_AS(run_for(t, -1.0_d, 1.0_h), invalid_parameter);
    CHECK(take(t) == before);
}

TEST_CASE("lattice_tissue: negative or NaN parameters are refused and change nothing", "[tissue][errors]") {
    auto t = make_plain(8, 8);
    auto& diffusion = t.process<diffuse_signals>();
    auto& migration = t.process<cell_migration<bmp2>>();
    auto& deposition = t.process<matrix_deposition>();
    migration.motility.set<mesenchymal>(1.0_per_d);
    deposition.apposition.set<osteoblast>(2.0_um_per_d);
    diffusion.secretion<osteoblast, bmp2>(5.0_nM / 1.0_d);
    diffusion.uptake<osteoblast, bmp2>(1.0_per_d);
    migration.chemotaxis = 0.1;
    migration.adhesion = 1.0;
    // Every parameter of the tissue (processes and matrix), by name.
    const auto parameters = [&] {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& p : list_parameters(t)) out.emplace_back(p.name(), p.value());
        return out;
    };
    const auto before_parameters = parameters();
    REQUIRE(before_parameters.size() > 10);
    const auto param_of = [](auto&& f) {
        try {
            f();
        } catch (const invalid_parameter& e) {
            return e.parameter();
        }
        return std::string("(nothing thrown)");
    };
    const double nan = std::nan("");
    CHECK(param_of([&] { migration.motility.set<mesenchymal>(rate::from_value(-1.0)); }) == "motility[mesenchymal]");
    CHECK(param_of([&] { migration.motility.set<mesenchymal>(rate::from_value(nan)); }) == "motility[mesenchymal]");
    CHECK(param_of([&] { deposition.apposition.set<osteoblast>(velocity::from_value(-0.5)); }) == "apposition[osteoblast]");
    CHECK(param_of([&] { diffusion.secretion<osteoblast, bmp2>(concentration_rate::from_value(-1.0)); }) ==
          "secretion[osteoblast]");
    CHECK(param_of([&] { diffusion.uptake<osteoblast, bmp2>(rate::from_value(-2.0)); }) == "uptake[osteoblast]");
    CHECK(param_of([&] { diffusion.add_source<bmp2>(disc{{4, 4}, 10.0_um}, concentration_rate::from_value(-3.0)); }) == "rate");
    CHECK(param_of([&] { diffusion.add_source<bmp2>(disc{{4, 4}, 10.0_um}, concentration_rate::from_value(nan)); }) == "rate");
    // New in the open core: a source whose shape covers no site of the grid is refused.
    CHECK(param_of([&] { diffusion.add_source<bmp2>(disc{{40, 40}, 10.0_um}, 1.0_nM / 1.0_d); }) == "shape");
    CHECK(param_of([&] { migration.adhesion = -0.1; }) == "adhesion");
    CHECK(param_of([&] { migration.adhesion = nan; }) == "adhesion");
    CHECK(param_of([&] { migration.chemotaxis = nan; }) == "chemotaxis");
    CHECK(param_of([&] { t.edit_matrix().set_bone_threshold(0.0); }) == "bone_threshold");
    CHECK(param_of([&] { t.edit_matrix().set_bone_threshold(1.5); }) == "bone_threshold");
    CHECK(parameters() == before_parameters);
    // No source was added: a step of a copy (no osteoblast secretes) leaves BMP2 at zero.
    {
        auto probe = t;
        probe.step(1.0_h);
        CHECK(std::ranges::all_of(probe.field<bmp2>(), [](double c) { return c == 0.0; }));
    }

    // fill_fraction: p outside [0, 1] or NaN; nothing placed, no draws used up.
    const auto before = take(t);
    for (const double p : {-0.1, 1.1, nan}) {
        CHECK(param_of([&] { t.fill_fraction(box<2>{{0, 0}, {7, 7}}, mesenchymal{}, p); }) == "p");
    }
    CHECK(take(t) == before);
    auto fresh = make_plain(8, 8);
    CHECK(t.fill_fraction(box<2>{{0, 0}, {7, 7}}, mesenchymal{}, 0.5) ==
          fresh.fill_fraction(box<2>{{0, 0}, {7, 7}}, mesenchymal{}, 0.5));
}
