// basic_matrix_field as a field group: its named per-site arrays (state_arrays), float storage,
// a user's kinetics policy in place of the default one, and its parameters by name.
#include <ossify/matrix.hpp>

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {

// One first-order phase with no lag: mineral m -> v - (v - m) e^{-k dt}; m is its only array.
struct one_phase {
    static constexpr std::string_view name = "one_phase";
    static constexpr std::size_t arrays = 1;
    static constexpr std::array<kinetics_array, 1> array_info{{{"mineral", 0.0, 1.0}}};
    double k_per_d = 0.5;
    template <class Site>
    void deposit(const Site&, double) const noexcept {}  // new osteoid carries no mineral
    template <class Site>
    void mineralise(const Site& s, double dt) const noexcept {
        const double v = s.matrix();
        s.set(0, v - (v - s.get(0)) * std::exp(-k_per_d * dt));
    }
    template <class Site>
    [[nodiscard]] double mineral(const Site& s) const noexcept {
        return s.get(0);
    }
};
static_assert(matrix_kinetics<one_phase>);
static_assert(matrix_kinetics<mineralisation_kinetics>);
static_assert(!matrix_kinetics<int>);

template <class Field>
concept can_assign = requires(Field& f) { f.assign(std::size_t{0}, 0.5, 0.5); };

}  // namespace

TEST_CASE("matrix_field: the named per-site arrays are the matrix and the kinetics' arrays", "[matrix][field]") {
    const auto k = mineralisation_kinetics::woven_bone();
    matrix_field2d f{grid2d{4, 3, 10.0_um}, k};
    f.deposit(5, 0.3);
    const auto arrays = f.state_arrays();
    STATIC_REQUIRE(arrays.size() == 5);
    const std::array<std::string_view, 5> names{"matrix_fraction", "lagged_fraction", "lag_remaining_d",
                                                "primary_progress", "secondary_progress"};
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        CHECK(arrays[a].name == names[a]);
        CHECK(arrays[a].values.size() == 12);
        CHECK(arrays[a].lower == 0.0);
    }
    CHECK(arrays[0].upper == 1.0);
    CHECK(arrays[2].upper == 1.0e6);
    CHECK(arrays[0].values[5] == 0.3);
    CHECK(arrays[1].values[5] == 0.3);
    CHECK(arrays[2].values[5] == k.lag_d());
    CHECK(arrays[3].values[5] == 0.0);
    CHECK(f.state_bytes() == 5 * sizeof(double) * 12);
    // The read-only view names the same arrays and sees the same values.
    const auto& cf = f;
    const auto read = cf.state_arrays();
    for (std::size_t a = 0; a < read.size(); ++a) {
        CHECK(read[a].name == names[a]);
        CHECK(read[a].values.data() == arrays[a].values.data());
    }
    // Writing through the arrays is writing the field (as a restore does).
    arrays[0].values[7] = 0.75;
    CHECK(f.matrix_fraction(7) == 0.75);
}

TEST_CASE("matrix_field<Dim, float>: stored in float, computed in double", "[matrix][field]") {
    const auto k = mineralisation_kinetics::woven_bone();
    basic_matrix_field<2, float> f{grid2d{3, 3, 10.0_um}, k};
    matrix_field2d d{grid2d{3, 3, 10.0_um}, k};
    STATIC_REQUIRE(std::is_same_v<decltype(f.state_arrays()[0].values[0]), float&>);
    CHECK(f.deposit(4, 0.1) == 0.1);
    d.deposit(4, 0.1);
    CHECK(f.matrix_fraction(4) == static_cast<double>(0.1f));
    for (int n = 0; n < 20; ++n) {
        f.mineralise(0.5_d);
        d.mineralise(0.5_d);
    }
    CHECK(d.mineral_degree(4) > 0.5);
    CHECK(f.mineral_fraction(4) == Approx(d.mineral_fraction(4)).epsilon(1e-6));
    CHECK(f.state_bytes() == 5 * sizeof(float) * 9);
}

TEST_CASE("matrix_field with a user's kinetics", "[matrix][field][kinetics]") {
    basic_matrix_field f{grid2d{3, 2, 10.0_um}, one_phase{0.5}};
    STATIC_REQUIRE(std::is_same_v<decltype(f)::kinetics_type, one_phase>);
    STATIC_REQUIRE(decltype(f)::array_count == 2);
    // assign() needs a kinetics that can set a mineral degree: this one cannot.
    STATIC_REQUIRE_FALSE(can_assign<decltype(f)>);
    STATIC_REQUIRE(can_assign<matrix_field2d>);
    f.deposit(2, 0.5);
    f.mineralise(2.0_d);
    CHECK(f.mineral_fraction(2) == Approx(0.5 * (1.0 - std::exp(-1.0))).epsilon(1e-12));
    CHECK(f.mineral_degree(2) == Approx(1.0 - std::exp(-1.0)).epsilon(1e-12));
    CHECK(f.osteoid_fraction(2) == Approx(0.5 * std::exp(-1.0)).epsilon(1e-12));
    CHECK(f.mineral_fraction(0) == 0.0);
    const auto arrays = f.state_arrays();
    CHECK(arrays[1].name == "mineral");
    CHECK(arrays[1].values[2] == f.mineral_fraction(2));
    f.kinetics().k_per_d = 0.0;  // the policy is the field's own copy, and can be changed
    const double before = f.mineral_fraction(2);
    f.mineralise(10.0_d);
    CHECK(f.mineral_fraction(2) == before);
}

TEST_CASE("matrix_field: its parameters by name (bone threshold and the kinetics')", "[matrix][field]") {
    matrix_field2d f{grid2d{2, 2, 10.0_um}};
    std::vector<std::string> names;
    for (const auto& p : list_parameters(f)) names.push_back(p.name());
    CHECK(names == std::vector<std::string>{"bone_threshold", "kinetics.lag", "kinetics.primary_rate",
                                            "kinetics.primary_fraction", "kinetics.secondary_rate"});
    const auto params = list_parameters(f);
    find_parameter(params, "bone_threshold").set(0.8);
    CHECK(f.bone_threshold() == 0.8);
    find_parameter(params, "kinetics.lag").set(3.0);
    CHECK(f.kinetics().lag_d() == 3.0);
    CHECK_THROWS_AS(find_parameter(params, "bone_threshold").set(1.5), invalid_parameter);
    CHECK(f.bone_threshold() == 0.8);
}
