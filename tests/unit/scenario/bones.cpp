// The catalogue of bones formed by intramembranous ossification, and of the fontanelles and
// sutures, against the facts it is built from (BIOLOGY.md; source text).
#include <ossify/scenario/bones.hpp>

#include <string>

#include "catch.hpp"

using namespace ossify;

namespace {
double weeks(duration d) { return d.value() / 7.0; }
double months(duration d) { return d.value() / development::days_per_month; }
}  // namespace

TEST_CASE("bones: the clavicle ossifies first, weeks 5-6, from two centres (O'Rahilly & Gardner 1972)", "[scenario][bones]") {
    const bone_catalogue cat;
    const auto first = cat.first_to_ossify();
    CHECK(first.name == "clavicle");
    CHECK(first.region == bone_region::shoulder);
    CHECK(weeks(first.onset.earliest) == Approx(5.0));
    CHECK(weeks(first.onset.latest) == Approx(6.0));
    CHECK(first.primary_centres == 2);
    const auto order = cat.in_onset_order();
    REQUIRE(order.size() == cat.bones().size());
    for (std::size_t i = 1; i < order.size(); ++i) CHECK(order[i - 1].onset.earliest.value() <= order[i].onset.earliest.value());
}

TEST_CASE("bones: skull-vault centres by ~week 8 (O'Rahilly & Gardner 1972)", "[scenario][bones]") {
    const bone_catalogue cat;
    for (const auto& b : cat.in_region(bone_region::skull_vault)) {
        INFO(b.name);
        CHECK(weeks(b.onset.latest) <= 8.0);
    }
    CHECK(cat.in_region(bone_region::skull_vault).size() == 4);
}

TEST_CASE("bones: the flat bones of the face complete last (source text; Foley & Mamandras 1992)", "[scenario][bones]") {
    const bone_catalogue cat;
    const auto last = cat.last_to_complete();
    CHECK(last.region == bone_region::face);
    CHECK(last.name == "mandible (body)");
    CHECK(last.completion.latest.value() / development::days_per_year == Approx(20.0));
    // Every facial bone completes after every vault bone.
    for (const auto& f : cat.in_region(bone_region::face)) {
        for (const auto& v : cat.in_region(bone_region::skull_vault)) CHECK(f.completion.earliest.value() > v.completion.latest.value());
    }
}

TEST_CASE("bones: every entry has a source and a consistent range", "[scenario][bones]") {
    const bone_catalogue cat;
    for (const auto& b : cat.bones()) {
        INFO(b.name);
        CHECK_FALSE(b.onset.source.empty());
        CHECK_FALSE(b.onset.flag.empty());
        CHECK_FALSE(b.completion.source.empty());
        CHECK_FALSE(b.centres_source.empty());
        CHECK(b.onset.earliest.value() <= b.onset.latest.value());
        CHECK(b.completion.earliest.value() <= b.completion.latest.value());
        CHECK(b.primary_centres >= 1);
    }
    for (const auto& c : cat.closures()) {
        INFO(c.name);
        CHECK_FALSE(c.closes.source.empty());
        CHECK(c.closes.earliest.value() <= c.closes.latest.value());
    }
}

TEST_CASE("bones: fontanelles close posterior first, anterior last; metopic before the other sutures", "[scenario][bones]") {
    const bone_catalogue cat;
    const auto f = cat.of_kind(gap_kind::fontanelle);
    REQUIRE(f.size() == 4);
    CHECK(months(cat.closure("posterior fontanelle").closes.latest) == Approx(3.0));  // CT studies
    CHECK(months(cat.closure("sphenoid fontanelle").closes.typical()) == Approx(6.0));  // Radiopaedia
    CHECK(months(cat.closure("anterior fontanelle").closes.earliest) == Approx(12.0));  // Pindrik 2014
    const auto order = cat.in_closure_order();
    CHECK(order.front().name == "posterior fontanelle");
    std::size_t last_fontanelle = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i].kind == gap_kind::fontanelle) last_fontanelle = i;
    }
    CHECK(order[last_fontanelle].name == "anterior fontanelle");
    const auto metopic = cat.closure("metopic suture").closes;
    for (const char* s : {"sagittal suture", "coronal suture", "lambdoid suture"}) {
        CHECK(metopic.latest.value() < cat.closure(s).closes.earliest.value());
    }
}

TEST_CASE("bones: unknown names are refused", "[scenario][bones]") {
    const bone_catalogue cat;
    CHECK_THROWS_AS(cat.bone("femur"), invalid_parameter);
    CHECK_THROWS_AS(cat.closure("bregma"), invalid_parameter);
    CHECK(cat.bone("clavicle").name == "clavicle");
    CHECK(region_name(bone_region::face) == "face");
}
