// Fields declared by tag, per-cell attributes that move with their cells, seeding refusals.
#include <cstdint>

#include "unit/tissue/helpers.hpp"

using namespace tissue_test;

namespace {
struct label {
    static constexpr std::string_view name = "label";
    using value_type = std::uint16_t;
    static constexpr double lower = 0, upper = 1000;
};
struct tag {  // a per-cell attribute; daughters count one generation more
    std::int32_t id = 0;
    std::int32_t generation = 0;
    [[nodiscard]] tag daughter() const noexcept { return {id, generation + 1}; }
};
}  // namespace

TEST_CASE("a tissue carries the fields given and those its processes own", "[core][fields]") {
    using T = lattice_tissue<decltype(busy_rules()), grid2d, fields<bmp2, label>, busy_processes>;
    static_assert(T::carries<bmp2> && T::carries<label> && T::carries<marrow> && T::carries<outer_surface>);
    static_assert(!T::carries<vegf>);
    static_assert(std::is_same_v<T::state_type::value_of<label>, std::uint16_t>);
    T t{busy_rules(), grid2d{10, 10, 10.0_um}, fields<bmp2, label>{}, seed{1}};
    t.set_field<label>(box<2>{{0, 0}, {4, 9}}, 7);
    CHECK(t.field<label>()[t.grid().index({2, 3})] == 7);
    CHECK(t.field<label>()[t.grid().index({6, 3})] == 0);
    CHECK_THROWS_AS(t.set_field<label>(box<2>{{0, 0}, {4, 9}}, 5000), invalid_parameter);
    CHECK_THROWS_AS(t.set_field<bmp2>(box<2>{{0, 0}, {4, 9}}, -1.0), invalid_parameter);
    // A shape wholly off the grid is refused, not silently empty.
    const auto msg = message_of<invalid_parameter>([&] { t.fill(disc{{500, 500}, 20.0_um}, mesenchymal{}); });
    CHECK(contains(msg, "covering no site"));
    CHECK_THROWS_AS(t.process<diffuse_signals>().add_source<bmp2>(disc{{-90, -90}, 20.0_um}, 1.0_nM / 1.0_d), invalid_parameter);
    CHECK_THROWS_AS(t.process<diffuse_signals>().add_source<vegf>(disc{{5, 5}, 20.0_um}, 1.0_nM / 1.0_d), invalid_parameter);
    CHECK(t.cell_count() == 0);
}

TEST_CASE("per-cell attributes move with their cells and pass to daughters", "[core][fields]") {
    auto rules = rule_set<intramembranous_lineage>(proliferation<mesenchymal>(hazard(0.8_per_d)));
    basic_lattice_tissue t(rules, grid2d{20, 20, 10.0_um}, signals<>{}, seed{11},
                           processes(cell_fates{}, cell_migration<>{}),
                           lattice_options<double_storage, mineralisation_kinetics, tag>{});
    t.process<cell_migration<>>().motility.set<mesenchymal>(10.0_per_d);
    for (std::int32_t k = 0; k < 5; ++k) t.place({4 * k + 2, 10}, mesenchymal{}, tag{k + 1, 0});
    run_for(t, 4.0_d, 2.0_h);
    REQUIRE(t.cell_count() > 5);
    CHECK(t.events().moves > 0);
    std::array<int, 6> per_id{};
    int daughters = 0;
    for (const auto& c : cells_of(t)) {
        const auto& a = t.state().attribute(c.site);
        REQUIRE(a.id >= 1);
        REQUIRE(a.id <= 5);
        ++per_id[static_cast<std::size_t>(a.id)];
        daughters += a.generation > 0 ? 1 : 0;
    }
    int total = 0;
    for (const int n : per_id) total += n;
    CHECK(total == static_cast<int>(t.cell_count()));  // every cell descends from one placed cell
    CHECK(t.events().deaths == 0);
    CHECK(daughters == static_cast<int>(t.cell_count()) - 5);
    // Empty sites hold the default attribute.
    for (std::size_t i = 0; i < t.grid().size(); ++i) {
        if (t.states()[i] == empty_site) REQUIRE(t.state().attribute(i).id == 0);
    }
}

namespace {
struct stranger {
    static constexpr std::string_view name = "stranger";
    friend bool operator==(const stranger&, const stranger&) = default;
};
}  // namespace

TEST_CASE("a per-state parameter set for a state outside the lineage is refused when the tissue is made",
          "[core][fields]") {
    matrix_deposition d;
    d.apposition.set<stranger>(1.0_um_per_d);
    const auto msg = message_of<invalid_parameter>([&] {
        basic_lattice_tissue t(busy_rules(), grid2d{4, 4, 10.0_um}, signals<>{}, seed{1}, processes(d, matrix_mineralisation{}));
    });
    CHECK(contains(msg, "stranger"));
    CHECK(contains(msg, "a state of the tissue's lineage"));
}

TEST_CASE("parameters of every process are listed and set by name, refusing values out of range", "[core][fields]") {
    auto t = make_busy_2d(1, 8);
    auto params = list_parameters(t);
    const auto& m = find_parameter(params, "cell_migration.motility[mesenchymal]");
    CHECK(m.value() == 6.0);
    CHECK(m.unit() == "1/d");
    m.set(3.0);
    CHECK(t.process<cell_migration<bmp2>>().motility.get<mesenchymal>().value() == 3.0);
    const auto msg = message_of<invalid_parameter>([&] { find_parameter(params, "matrix.bone_threshold").set(2.0); });
    CHECK(contains(msg, "bone_threshold"));
    CHECK(contains(msg, "[1.0000000000000001e-09, 1]"));
    CHECK(t.matrix().bone_threshold() == 0.5);
    CHECK_THROWS_AS(find_parameter(params, "no_such_parameter"), invalid_parameter);
    bool has_decay = false;
    for (const auto& p : params) has_decay = has_decay || p.name() == "diffuse_signals.bmp2.decay";
    CHECK(has_decay);
}

TEST_CASE("a grid too large for memory is refused before allocation, naming the bytes", "[core][fields]") {
    const grid3d huge{1 << 20, 1 << 20, 64, 10.0_um};
    const auto msg = message_of<capacity_error>([&] { busy_tissue_3d t{busy_rules(), huge, signals<bmp2>{}, seed{1}}; });
    CHECK(contains(msg, "would need"));
    CHECK(contains(msg, "bytes"));
    CHECK(busy_tissue_3d::state_type::bytes_per_site() == 1 + 4 + 8 + 1 + 1 + 5 * 8);
}
