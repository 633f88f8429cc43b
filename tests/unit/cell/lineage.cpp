// The cell layer at run time: names, lookup by index, iteration and visiting.
#include <ossify/cell.hpp>
#include <ossify/units/literals.hpp>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {
struct osteoclast {
    static constexpr std::string_view name = "osteoclast";
    duration time_in_state{};
    friend bool operator==(const osteoclast&, const osteoclast&) = default;
};
using remodelling = lineage<osteoblast, osteoclast, osteocyte>;
}  // namespace

TEST_CASE("a lineage numbers and names its states in order", "[cell][lineage]") {
    STATIC_REQUIRE(remodelling::size == 3);
    CHECK(remodelling::names[0] == "osteoblast");
    CHECK(remodelling::name(1) == "osteoclast");
    CHECK(remodelling::name(2) == "osteocyte");
    CHECK(remodelling::name(3) == "?");
    CHECK(remodelling::name(static_cast<std::size_t>(-1)) == "?");
    CHECK(intramembranous_lineage::size == 6);
    CHECK(intramembranous_lineage::name(intramembranous_lineage::index_of<periosteal>) == "periosteal");
}

TEST_CASE("for_each visits every state in order, visit the one with a runtime index",
          "[cell][lineage]") {
    std::vector<std::string> seen;
    intramembranous_lineage::for_each([&]<class S>() { seen.emplace_back(S::name); });
    CHECK(seen == std::vector<std::string>{"mesenchymal", "osteogenic", "osteoblast", "osteocyte",
                                           "endothelial", "periosteal"});

    for (std::size_t i = 0; i < remodelling::size; ++i) {
        std::size_t found = 99;
        CHECK(remodelling::visit(i, [&]<class S>() { found = remodelling::index_of<S>; }));
        CHECK(found == i);
    }
    bool called = false;
    CHECK_FALSE(remodelling::visit(3, [&]<class S>() { called = true; }));
    CHECK_FALSE(called);
}

TEST_CASE("states are regular values; any_state holds one of them", "[cell][state]") {
    osteoblast a, b;
    CHECK(a == b);
    b.time_in_state = 2.0_d;
    CHECK_FALSE(a == b);
    remodelling::any_state s = osteoclast{3.0_d};
    CHECK(std::holds_alternative<osteoclast>(s));
    CHECK(std::get<osteoclast>(s).time_in_state.value() == 3.0);
    CHECK(s.index() == remodelling::index_of<osteoclast>);
}
