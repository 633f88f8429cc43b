// The Figure 6.4.1 scenario as a scenario: typed, sourced parameters; bad options refused before
// it runs; same seed, same result; 2-D and 3-D; the stages of the figure in order; written on the
// public extension points only. Short runs here; the ensembles are in figure_6_4_1_validation.cpp.
#include "catch.hpp"

#include <ossify/scenario/figure_6_4_1.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {
scenario_options small(std::uint64_t s, double days) {
    scenario_options o;
    o.seed = seed{s};
    o.grid = std::vector<std::int32_t>{120, 60};
    o.until = duration::from_value(days);
    return o;
}
}  // namespace

TEST_CASE("figure 6.4.1: a scenario whose parameters are typed, ranged and sourced", "[scenario][figure_6_4_1]") {
    static_assert(scenario<figure_6_4_1>);
    STATIC_REQUIRE(figure_6_4_1::name == std::string_view("figure-6.4.1"));
    figure_6_4_1::parameters p;
    const auto list = list_parameters(p);
    REQUIRE(list.size() >= 30);
    std::set<std::string> names;
    for (const auto& ref : list) {
        INFO(ref.name());
        CHECK(names.insert(ref.name()).second);
        CHECK(!ref.source().empty());
        CHECK(ref.value() >= ref.lower());
        CHECK(ref.value() <= ref.upper());
    }
    // Derived defaults follow from the cited numbers: burial = 15 % x 2.1 um/d / 55 um.
    CHECK(p.osteoblast_burial_rate.internal() == Approx(0.15 * 2.1 / 55.0));
    CHECK(p.hypoxic_distance().value() == Approx(98.7).margin(0.5));  // Krogh: oxygen's reach in this tissue
    CHECK(p.mineralisation_lag().value() == Approx(5.9 / 2.1));
    CHECK_THROWS_AS(find_parameter(list, "tip_speed").set(-1.0), invalid_parameter);
    const auto d = figure_6_4_1::defaults();
    CHECK(d.grid == std::vector<std::int32_t>{240, 100});
    CHECK(d.dimensions == std::vector<int>{2, 3});
    CHECK(!d.clock.empty());
}

TEST_CASE("figure 6.4.1: bad options are refused before anything runs", "[scenario][figure_6_4_1]") {
    const figure_6_4_1::parameters p;
    auto o = small(1, 2.0);
    o.grid = std::vector<std::int32_t>{120};
    CHECK_THROWS_AS(figure_6_4_1::run(o, p), invalid_parameter);
    o.grid = std::vector<std::int32_t>{120, 20};  // too thin for the 300 um sheet and its cortex
    CHECK_THROWS_AS(figure_6_4_1::run(o, p), invalid_parameter);
    o = small(1, 2.0);
    o.dt = 3.0_d;
    CHECK_THROWS_AS(figure_6_4_1::run(o, p), invalid_parameter);
    o = small(1, 2.0);
    o.spacing = length::from_value(0.0);
    CHECK_THROWS_AS(figure_6_4_1::run(o, p), invalid_parameter);
}

TEST_CASE("figure 6.4.1: same seed, same result; another seed, another result", "[scenario][figure_6_4_1]") {
    const figure_6_4_1::parameters p;
    const auto a = figure_6_4_1::run(small(3, 14.0), p), b = figure_6_4_1::run(small(3, 14.0), p);
    CHECK(a.seed.value == 3);
    REQUIRE(a.series.size() == b.series.size());
    CHECK(a.series == b.series);
    for (std::size_t k = 0; k < a.measurements.size(); ++k) CHECK(a.measurements[k].value == b.measurements[k].value);
    const auto c = figure_6_4_1::run(small(4, 14.0), p);
    CHECK(c.series != a.series);
    // Vessels grew from the two seed vessels: sprouts, branches, anastomoses.
    CHECK(a.find("sprouts")->value > 0);
    CHECK(a.find("anastomoses")->value > 0);
}

TEST_CASE("figure 6.4.1: the stages are reached in order, days apart (2-D)", "[scenario][figure_6_4_1]") {
    scenario_options o;
    o.seed = seed{7};
    o.dt = 2.0_h;  // the ensembles check that this is converged too
    const auto r = figure_6_4_1::run(o, figure_6_4_1::parameters{});
    std::vector<double> days;
    for (const char* n : {"stage a", "stage b", "stage c", "stage d"}) {
        const auto* e = r.event(n);
        REQUIRE(e != nullptr);
        CHECK(!e->criterion.empty());
        REQUIRE(e->time.has_value());
        days.push_back(e->time->value());
    }
    // Distinct events: each at least two days after the previous one.
    for (std::size_t k = 1; k < days.size(); ++k) CHECK(days[k] >= days[k - 1] + 2.0);
    // The plate stays a plate: wider than twice its thickness, by mechanism (nothing holds it).
    CHECK(r.find("plate_aspect")->value > 2.0);
}

TEST_CASE("figure 6.4.1: runs in 3-D (a small block)", "[scenario][figure_6_4_1]") {
    scenario_options o;
    o.seed = seed{2};
    o.grid = std::vector<std::int32_t>{60, 40, 16};
    o.until = 8.0_d;
    o.dt = 2.0_h;
    const auto r = figure_6_4_1::run(o, figure_6_4_1::parameters{});
    CHECK(r.grid.size() == 3);
    CHECK(r.find("sprouts")->value > 0);
    CHECK(r.series.back()[0] == Approx(8.0));
}

TEST_CASE("figure 6.4.1: written on public extension points only (no detail:: name of another layer)",
          "[scenario][figure_6_4_1]") {
    const auto root = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "include" / "ossify" / "scenario";
    std::vector<std::filesystem::path> files{root / "figure_6_4_1.hpp"};
    for (const auto& e : std::filesystem::directory_iterator(root / "figure_6_4_1")) files.push_back(e.path());
    REQUIRE(files.size() >= 10);
    for (const auto& f : files) {
        std::ifstream in(f);
        REQUIRE(in.good());
        std::stringstream text;
        text << in.rdbuf();
        INFO(f.string());
        CHECK(text.str().find("detail::") == std::string::npos);
    }
}
