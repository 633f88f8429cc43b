// A policy that reads a continuous variable the model does not declare does not compile.
// expect: reads a variable that the model does not declare
#include <ossify/cell.hpp>
#include <ossify/tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

using namespace ossify;
using namespace ossify::literals;
using bone = lineage<osteoblast>;
struct bone_mass {
    static constexpr std::string_view name = "bone mass";
};
struct drug {
    static constexpr std::string_view name = "drug";
};

double probe() {
    const auto model = population<bone>(
#ifdef OSSIFY_SHOULD_FAIL
        death<osteoblast>(policy_fn([](const auto& c) { return 0.01_per_d * c.variable(drug{}); })),
#else
        death<osteoblast>(policy_fn([](const auto& c) { return 0.001_per_d * c.variable(bone_mass{}); })),
#endif
        variable<bone_mass>(100.0, [](const auto& c) { return 0.1_per_d * c.count(osteoblast{}); }));
    population_model pop{model, initial_counts<osteoblast>(10)};
    pop.step(1.0_d);
    return pop.count<osteoblast>();
}
