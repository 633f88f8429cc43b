// Lattice tissue: what each process does (signals, condensation, deposition,
// mineralisation, structure), custom process sequences and user lineages.
#include "helpers.hpp"

using namespace tissue_test;

namespace {
const auto no_rules = rule_set<intramembranous_lineage>();
using no_rules_t = std::remove_cvref_t<decltype(no_rules)>;
// A plain tissue whose migration can be biased up BMP2 (chemotaxis 0 unless set).
using chemotactic_tissue = lattice_tissue<no_rules_t, grid2d, signals<bmp2>, default_processes_with<bmp2>>;

// The lineage index of State in the tissue t.
template <class State, class Tissue>
std::size_t plain_index(const Tissue&) {
    return Tissue::template state_index<State>();
}

// Mean number of occupied face neighbours of the cells in State, and its standard error.
template <class State, class Tissue>
std::pair<double, double> mean_occupied_neighbours(const Tissue& t) {
    const auto& g = t.grid();
    double cells = 0.0, sum = 0.0, sum2 = 0.0;
    for (const auto& c : cells_of(t)) {
        if (c.state != Tissue::template state_index<State>()) continue;
        cells += 1.0;
        const auto xy = g.coords(c.site);
        double occupied = 0.0;
        for (const auto& o : von_neumann<2>::offsets) {
            const site<2> n{xy[0] + o[0], xy[1] + o[1]};
            if (g.contains(n) && t.states()[g.index(n)] != empty_site) occupied += 1.0;
        }
        sum += occupied;
        sum2 += occupied * occupied;
    }
    const double mean = sum / cells;
    return {mean, std::sqrt((sum2 / cells - mean * mean) / cells)};
}

// Fills every site with mature bone except those listed.
template <class Tissue>
void bone_everywhere_but(Tissue& t, std::initializer_list<site<2>> open) {
    auto& m = t.edit_matrix();
    for (std::size_t i = 0; i < t.grid().size(); ++i) m.assign(i, 1.0, 1.0);
    for (const auto& s : open) m.assign(t.grid().index(s), 0.0, 0.0);
}
}  // namespace

TEST_CASE("processes: secretion and diffusion raise the signal around a source", "[tissue][process][signal]") {
    lattice_tissue t{no_rules, grid2d{41, 41, 10.0_um}, signals<bmp2>{}, seed{1}};
    t.place({20, 20}, osteoblast{});
    const double rate_nM_per_d = 100.0, dt = 1.0 / 24.0;
    t.process<diffuse_signals>().secretion<osteoblast, bmp2>(concentration_rate::from_value(rate_nM_per_d));
    const int steps = 24;
    for (int k = 0; k < steps; ++k) t.step(duration::from_value(dt));
    const auto c = t.field<bmp2>();
    const auto& g = t.grid();
    // Highest at the source, decreasing with the distance along both axes, mirror-symmetric.
    // (Not x-y symmetric at this dt: the LOD solver folds the decay into the x sweep, an
    // O(dt k) splitting error; see docs/signal.md.)
    for (int r = 1; r < 20; ++r) {
        CHECK(c[g.index({20 + r, 20})] < c[g.index({20 + r - 1, 20})]);
        CHECK(c[g.index({20, 20 + r})] < c[g.index({20, 20 + r - 1})]);
        CHECK(c[g.index({20 + r, 20})] == Approx(c[g.index({20 - r, 20})]).epsilon(1e-9));
        CHECK(c[g.index({20, 20 + r})] == Approx(c[g.index({20, 20 - r})]).epsilon(1e-9));
    }
    CHECK(c[g.index({20, 20})] > 2.0 * c[g.index({30, 20})]);
    // Mass balance (no-flux faces): each step M <- (M + dt s) / (1 + dt k).
    const double k = bmp2::default_decay().value();
    double expected = 0.0;
    for (int n = 0; n < steps; ++n) expected = (expected + dt * rate_nM_per_d) / (1.0 + dt * k);
    double total = 0.0;
    for (const double x : c) total += x;
    CHECK(total == Approx(expected).epsilon(1e-9));

    // Uptake by surrounding cells lowers it; a fixed source acts like a secreting cell.
    lattice_tissue u{no_rules, grid2d{41, 41, 10.0_um}, signals<bmp2>{}, seed{1}};
    u.place({20, 20}, osteoblast{});
    u.process<diffuse_signals>().secretion<osteoblast, bmp2>(concentration_rate::from_value(rate_nM_per_d));
    u.fill(box<2>{{21, 0}, {40, 40}}, mesenchymal{});
    u.process<diffuse_signals>().uptake<mesenchymal, bmp2>(5.0_per_d);
    lattice_tissue s{no_rules, grid2d{41, 41, 10.0_um}, signals<bmp2>{}, seed{1}};
    s.process<diffuse_signals>().add_source<bmp2>(disc{{20, 20}, 1.0_um}, concentration_rate::from_value(rate_nM_per_d));
    for (int n = 0; n < steps; ++n) {
        u.step(duration::from_value(dt));
        s.step(duration::from_value(dt));
    }
    CHECK(u.field<bmp2>()[g.index({25, 20})] < c[g.index({25, 20})]);
    CHECK(u.field<bmp2>()[g.index({15, 20})] < c[g.index({15, 20})]);
    for (std::size_t i = 0; i < g.size(); ++i) CHECK(s.field<bmp2>()[i] == c[i]);
}

TEST_CASE("processes: adhesion makes migrating mesenchyme condense", "[tissue][process][migration]") {
    struct result {
        double initial, final_mean, final_se;
    };
    const auto run = [](double adhesion) {
        lattice_tissue t{no_rules, grid2d{48, 48, 10.0_um}, signals<bmp2>{}, seed{17}};
        t.fill_fraction(box<2>{{0, 0}, {47, 47}}, mesenchymal{}, 0.2);
        auto& migration = t.process<cell_migration<>>();
        migration.motility.set<mesenchymal>(12.0_per_d);
        migration.adhesion = adhesion;
        const double initial = mean_occupied_neighbours<mesenchymal>(t).first;
        const double cells = t.cell_count();
        for (int k = 0; k < 72; ++k) t.step(2.0_h);
        CHECK(t.cell_count() == cells);  // migration neither makes nor loses cells
        CHECK(static_cast<double>(t.events().moves) > cells);
        const auto [mean, se] = mean_occupied_neighbours<mesenchymal>(t);
        return result{initial, mean, se};
    };
    const auto free_walk = run(0.0);
    const auto adhesive = run(5.0);
    CHECK(free_walk.initial == adhesive.initial);  // same seed, same start
    // The random fill has ~4 * 0.2 = 0.8 neighbours per cell; adhesion piles cells
    // together: more neighbours than at the start and than without adhesion, by more than 4
    // standard errors (of the per-cell neighbour counts).
    CHECK(adhesive.final_mean > adhesive.initial + 4.0 * adhesive.final_se);
    CHECK(adhesive.final_mean >
          free_walk.final_mean + 4.0 * std::hypot(adhesive.final_se, free_walk.final_se));
}

TEST_CASE("processes: chemotaxis moves cells up the gradient", "[tissue][process][migration]") {
    struct result {
        double mean_x, se;
    };
    const auto run = [](double chemotaxis) {
        chemotactic_tissue t{no_rules, grid2d{41, 21, 10.0_um}, signals<bmp2>{}, seed{4}};
        t.process<diffuse_signals>().add_source<bmp2>(box<2>{{40, 0}, {40, 20}}, 5000.0_nM / 1.0_d);
        for (int k = 0; k < 12; ++k) t.step(1.0_h);  // build the gradient
        t.fill_fraction(box<2>{{22, 0}, {30, 20}}, mesenchymal{}, 0.3);
        auto& migration = t.process<cell_migration<bmp2>>();
        migration.motility.set<mesenchymal>(24.0_per_d);
        migration.chemotaxis = chemotaxis;
        migration.adhesion = 0.0;
        for (int k = 0; k < 24; ++k) t.step(1.0_h);
        double sum = 0.0, sum2 = 0.0;
        for (const auto& c : cells_of(t)) {
            const double x = t.grid().coords(c.site)[0];
            sum += x;
            sum2 += x * x;
        }
        const double n = t.cell_count();
        const double mean = sum / n;
        return result{mean, std::sqrt((sum2 / n - mean * mean) / n)};
    };
    const auto neutral = run(0.0);
    const auto attracted = run(2.0);
    CHECK(attracted.mean_x > neutral.mean_x + 4.0 * std::hypot(attracted.se, neutral.se));
}

TEST_CASE("processes: osteoblasts deposit osteoid at the apposition rate", "[tissue][process][matrix]") {
    // Four isolated osteoblasts; each lays v dt / h of a site per step over itself and its
    // four neighbours, so the matrix volume grows by n v T h^2 while no site is full.
    lattice_tissue t{no_rules, grid2d{20, 20, 10.0_um}, signals<>{}, seed{1}};
    for (const auto& s : {site<2>{4, 4}, site<2>{15, 4}, site<2>{4, 15}, site<2>{15, 15}}) t.place(s, osteoblast{});
    t.place({5, 4}, endothelial{});  // one neighbour is a capillary: gets nothing
    const double v = 3.0, h = 10.0;
    t.process<matrix_deposition>().apposition.set<osteoblast>(velocity::from_value(v));
    int steps = 0;
    for (; steps < 48; ++steps) t.step(1.0_h);  // 2 days
    const double osteoblast_days = 4.0 * steps / 24.0;
    CHECK(t.matrix().total_matrix_volume().value() == Approx(osteoblast_days * v * h * h).epsilon(1e-9));
    CHECK(t.matrix().matrix_fraction(t.grid().index({5, 4})) == 0.0);
    // The blocked site's share went to the other four sites of that osteoblast.
    const double per_step = v / 24.0 / h;
    CHECK(t.matrix().matrix_fraction(t.grid().index({4, 4})) == Approx(steps * per_step / 4.0).epsilon(1e-9));
    CHECK(t.matrix().matrix_fraction(t.grid().index({15, 15})) == Approx(steps * per_step / 5.0).epsilon(1e-9));

    // Sites fill up and stop at 1.
    for (int k = 0; k < 24 * 60; ++k) t.step(1.0_h);
    CHECK(t.matrix().matrix_fraction(t.grid().index({4, 4})) == 1.0);
    CHECK(t.matrix().total_matrix_volume().value() < 4.0 * 5.0 * h * h * h * (1.0 + 1e-12));
}

TEST_CASE("processes: the matrix mineralises with the tissue's kinetics", "[tissue][process][matrix]") {
    const mineralisation_kinetics k{0.5_d, 2.0_per_d, fraction{0.6}, 0.3_per_d};
    lattice_tissue t{no_rules, grid2d{5, 5, 10.0_um}, signals<>{}, seed{1}};
    t.edit_matrix().kinetics() = k;
    const std::size_t i = t.grid().index({2, 2});
    CHECK(t.edit_matrix().deposit(i, 0.8) == Approx(0.8));
    for (int step = 1; step <= 72; ++step) {
        t.step(1.0_h);
        const double age = step / 24.0;
        CHECK(t.matrix().mineral_degree(i) == Approx(static_cast<double>(k.degree(duration::from_value(age)))).margin(1e-12));
    }
    CHECK(t.matrix().mineral_degree(i) > 0.5);
    CHECK(t.matrix().matrix_fraction(i) == 0.8);
}

TEST_CASE("processes: an enclosed vessel becomes marrow, an open one does not", "[tissue][process][structure]") {
    // A ring of bone around (4,4); an open ring (one side missing) around (11,11).
    const auto make = [](std::uint64_t s) {
        lattice_tissue t{no_rules, grid2d{16, 16, 10.0_um}, signals<>{}, seed{s}};
        auto& m = t.edit_matrix();
        for (int y = 3; y <= 5; ++y)
            for (int x = 3; x <= 5; ++x)
                if (x != 4 || y != 4) m.assign(t.grid().index({x, y}), 1.0, 1.0);
        for (int y = 10; y <= 12; ++y)
            for (int x = 10; x <= 12; ++x)
                if ((x != 11 || y != 11) && !(x == 12 && y == 11)) m.assign(t.grid().index({x, y}), 1.0, 1.0);
        t.place({4, 4}, endothelial{});
        t.place({11, 11}, endothelial{});
        t.step(1.0_h);
        return t;
    };
    auto t = make(1);
    CHECK(t.field<marrow>()[t.grid().index({4, 4})] == 1);
    CHECK(t.field<marrow>()[t.grid().index({11, 11})] == 0);
    std::size_t marrow_sites = 0;
    for (const auto m : t.field<marrow>()) marrow_sites += m;
    CHECK(marrow_sites == 1);

    // A marrow site is not free, even once its vessel cell is gone: four very motile cells on
    // the ring around it, each with one free outside neighbour and the marrow site as its only
    // other non-bone neighbour, all leave outward and none enters the marrow (were the marrow
    // site free, each would pick it with probability 1/2).
    for (const std::uint64_t s : {1u, 2u, 3u, 4u}) {
        auto u = make(s);
        u.clear({4, 4});
        for (const auto& ring : {site<2>{4, 3}, site<2>{4, 5}, site<2>{3, 4}, site<2>{5, 4}}) u.place(ring, mesenchymal{});
        u.process<cell_migration<>>().motility.set<mesenchymal>(rate::from_value(1.0e4));  // all surely try
        u.step(1.0_h);
        CHECK(u.field<marrow>()[u.grid().index({4, 4})] == 1);
        CHECK_FALSE(u.state_at({4, 4}).has_value());
        CHECK(u.events().moves == 4);
        for (const auto& out : {site<2>{4, 2}, site<2>{4, 6}, site<2>{2, 4}, site<2>{6, 4}}) CHECK(u.state_at(out).has_value());
    }
}

TEST_CASE("processes: the outer surface marks exterior sites bordering bone", "[tissue][process][structure]") {
    lattice_tissue t{no_rules, grid2d{16, 16, 10.0_um}, signals<>{}, seed{1}};
    auto& m = t.edit_matrix();
    // A bone block (5..10)^2 with a closed cavity at (7,7).
    for (int y = 5; y <= 10; ++y)
        for (int x = 5; x <= 10; ++x)
            if (x != 7 || y != 7) m.assign(t.grid().index({x, y}), 1.0, 1.0);
    t.step(1.0_h);
    const auto& g = t.grid();
    const auto surface = [&](int x, int y) { return t.field<outer_surface>()[g.index({x, y})]; };
    std::size_t expected = 0, marked = 0;
    for (int y = 0; y < 16; ++y) {
        for (int x = 0; x < 16; ++x) {
            const bool in_block = x >= 5 && x <= 10 && y >= 5 && y <= 10;
            const bool face_of_block = !in_block && ((x >= 5 && x <= 10 && (y == 4 || y == 11)) ||
                                                     (y >= 5 && y <= 10 && (x == 4 || x == 11)));
            expected += face_of_block ? 1u : 0u;
            marked += surface(x, y);
            CHECK(surface(x, y) == (face_of_block ? 1 : 0));
        }
    }
    CHECK(marked == expected);
    CHECK(surface(7, 7) == 0);  // the cavity borders bone but is not outside
    CHECK(surface(4, 4) == 0);  // a diagonal neighbour only
}

TEST_CASE("processes: on_outer_surface turns a surface osteoblast into periosteum", "[tissue][process][structure]") {
    const auto rules = rule_set<intramembranous_lineage>(transition<osteoblast, periosteal>(on_outer_surface(rate::from_value(1e9))));
    lattice_tissue t{rules, grid2d{16, 16, 10.0_um}, signals<>{}, seed{1}};
    auto& m = t.edit_matrix();
    for (int y = 5; y <= 10; ++y)
        for (int x = 5; x <= 10; ++x)
            if (x != 7 || y != 7) m.assign(t.grid().index({x, y}), 1.0, 1.0);
    t.place({4, 7}, osteoblast{});   // outside, on the bone
    t.place({7, 7}, osteoblast{});   // in the closed cavity
    t.place({1, 1}, osteoblast{});   // outside, far from bone
    t.step(1.0_h);                   // the structure process marks the surface
    t.step(1.0_h);                   // the cells see it
    CHECK(cell_at(t, {4, 7})->index() == plain_index<periosteal>(t));
    CHECK(cell_at(t, {7, 7})->index() == plain_index<osteoblast>(t));
    CHECK(cell_at(t, {1, 1})->index() == plain_index<osteoblast>(t));
}

TEST_CASE("processes: outward migration lifts a periosteal cell out of a filled site", "[tissue][process][structure]") {
    lattice_tissue t{no_rules, grid2d{9, 9, 10.0_um}, signals<>{}, seed{1}};
    auto& m = t.edit_matrix();
    for (int y = 0; y < 9; ++y)
        for (int x = 0; x < 5; ++x) m.assign(t.grid().index({x, y}), 1.0, 1.0);  // bone on the left
    t.place({4, 4}, periosteal{});  // buried at the bone's edge
    t.place({4, 2}, periosteal{});  // same, but a neighbour blocks its only exit
    t.place({5, 2}, mesenchymal{});
    t.place({2, 6}, periosteal{});  // deep inside: no free outside neighbour
    t.process<structure_remodelling>().outward.set<periosteal>(true);
    t.step(1.0_h);
    CHECK_FALSE(t.state_at({4, 4}).has_value());
    CHECK(t.state_at({5, 4}) == plain_index<periosteal>(t));
    CHECK(t.state_at({4, 2}) == plain_index<periosteal>(t));
    CHECK(t.state_at({2, 6}) == plain_index<periosteal>(t));
    CHECK(t.events().moves == 1);

    // Without the flag it stays.
    lattice_tissue u{no_rules, grid2d{9, 9, 10.0_um}, signals<>{}, seed{1}};
    for (int y = 0; y < 9; ++y)
        for (int x = 0; x < 5; ++x) u.edit_matrix().assign(u.grid().index({x, y}), 1.0, 1.0);
    u.place({4, 4}, periosteal{});
    u.step(1.0_h);
    CHECK(u.state_at({4, 4}) == plain_index<periosteal>(u));
}

TEST_CASE("processes: entrapped osteoblasts become osteocytes", "[tissue][process][fates]") {
    const auto rules = rule_set<intramembranous_lineage>(transition<osteoblast, osteocyte>(entrapped(0.6)));
    lattice_tissue t{rules, grid2d{12, 12, 10.0_um}, signals<>{}, seed{1}};
    auto& m = t.edit_matrix();
    for (int y = 2; y <= 4; ++y)
        for (int x = 2; x <= 4; ++x)
            if (x != 3 || y != 3) m.assign(t.grid().index({x, y}), 1.0, 1.0);  // walled in
    for (int x = 7; x <= 9; ++x) m.assign(t.grid().index({x, 7}), 1.0, 1.0);  // 3 of 8
    t.place({3, 3}, osteoblast{});
    t.place({8, 8}, osteoblast{});
    t.step(1.0_h);
    CHECK(t.state_at({3, 3}) == plain_index<osteocyte>(t));
    CHECK(t.state_at({8, 8}) == plain_index<osteoblast>(t));
    CHECK(t.count<osteocyte>() == 1);
}

namespace {
// A custom process: logs its id, and (optionally) turns every osteogenic cell into an osteoblast.
struct logging_process {
    static constexpr std::string_view name = "logging_process";
    using writes = field_list<cells>;
    std::vector<int>* log;
    int id;
    bool promote = false;
    template <class Context>
    void step(Context& ctx, duration) {
        log->push_back(id);
        if (!promote) return;
        const auto states = ctx.states();
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (states[i] == Context::template index_of<osteogenic>()) {
                ctx.set_state(i, Context::template index_of<osteoblast>(), static_cast<float>(ctx.now_days()));
            }
        }
    }
};
}  // namespace

TEST_CASE("processes: a custom sequence runs its processes in the given order", "[tissue][process][custom]") {
    std::vector<int> log;
    auto seq = processes(logging_process{&log, 1}, diffuse_signals{}, logging_process{&log, 2, true},
                         matrix_deposition{}, logging_process{&log, 3});
    basic_lattice_tissue t{no_rules, grid2d{10, 10, 10.0_um}, signals<bmp2>{}, seed{1}, seq};
    static_assert(std::is_same_v<decltype(t)::processes_type, decltype(seq)>);
    t.place({5, 5}, osteogenic{});
    t.process<matrix_deposition>().apposition.set<osteoblast>(5.0_um_per_d);
    t.step(1.0_h);
    t.step(1.0_h);
    CHECK(log == std::vector<int>{1, 2, 3, 1, 2, 3});
    // The promotion ran before deposition, so the new osteoblast deposited in the same step.
    CHECK(t.count<osteoblast>() == 1);
    CHECK(t.matrix().total_matrix_volume().value() == Approx(2.0 * 5.0 / 24.0 * 100.0).epsilon(1e-9));
    // No cell_fates, no migration, no structure in this sequence: nothing else changed.
    CHECK(t.cell_count() == 1);
}

namespace {
struct stem {
    static constexpr std::string_view name = "stem";
    duration time_in_state{};
    friend bool operator==(const stem&, const stem&) = default;
};
struct vessel {
    static constexpr std::string_view name = "vessel";
    static constexpr bool blocks_matrix = true;
    friend bool operator==(const vessel&, const vessel&) = default;
};
using my_lineage = lineage<stem, osteoblast, vessel>;
}  // namespace

TEST_CASE("processes: a user lineage with user states", "[tissue][process][custom]") {
    const auto rules = rule_set<my_lineage>(transition<stem, osteoblast>(after(2.0_h)),
                                            proliferation<stem>(hazard(0.5_per_d)));
    lattice_tissue t{rules, grid2d{10, 10, 10.0_um}, signals<>{}, seed{3}};
    t.place({2, 2}, stem{});
    t.place({6, 6}, osteoblast{});
    t.place({7, 6}, vessel{});
    t.process<matrix_deposition>().apposition.set<osteoblast>(4.0_um_per_d);
    STATIC_REQUIRE(decltype(t)::state_count == 3);
    STATIC_REQUIRE(blocks_matrix_v<vessel>);
    constexpr auto blocks = blocking_states<my_lineage>();
    CHECK(blocks[decltype(t)::state_index<vessel>()] == 1);
    CHECK(blocks[decltype(t)::state_index<stem>()] == 0);
    t.step(1.0_h);
    const auto c = cell_at(t, {2, 2});
    REQUIRE(c.has_value());
    REQUIRE(std::holds_alternative<stem>(*c));
    CHECK(std::get<stem>(*c).time_in_state.value() == Approx(1.0 / 24.0));
    CHECK(std::holds_alternative<vessel>(*cell_at(t, {7, 6})));
    for (int k = 0; k < 3; ++k) t.step(1.0_h);
    CHECK(t.state_at({2, 2}) == plain_index<osteoblast>(t));  // differentiated at 2 h
    CHECK(t.count<stem>() + t.count<osteoblast>() + 1 == t.cell_count());
    CHECK(t.matrix().matrix_fraction(t.grid().index({7, 6})) == 0.0);
    CHECK(t.matrix().matrix_fraction(t.grid().index({5, 6})) > 0.0);
    CHECK(decltype(t)::state_name(0) == "stem");
}
