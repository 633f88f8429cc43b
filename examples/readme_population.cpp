// README: a lineage of your own, stepped by the well-mixed population model.
#include <ossify/ossify.hpp>
#include <iostream>

using namespace ossify;
using namespace ossify::literals;

struct chondrocyte {                                       // a new cell state
    static constexpr std::string_view name = "chondrocyte";
    friend bool operator==(const chondrocyte&, const chondrocyte&) = default;
};
using cartilage = lineage<mesenchymal, chondrocyte, osteoblast>;

int main() {
    const auto rules = rule_set<cartilage>(
        transition<mesenchymal, chondrocyte>(hill<bmp2>(5.0_nM, 2.0, 0.5_per_d)),
        fate_split<chondrocyte>(hazard(0.2_per_d), branch<osteoblast>(0.3), branch<mesenchymal>(0.7)),
        death<osteoblast>(policy_fn([](const auto&) { return 0.16_per_d; })));
    population_model pop{rules, initial_counts<mesenchymal>(1000), signals<bmp2>{}, stochastic{seed{42}}};
    pop.environment().set_signal<bmp2>(10.0_nM);
    for (int day = 0; day <= 20; day += 5, run_for(pop, 5.0_d, 1.0_h))
        std::cout << "day " << day << ": " << pop.count<chondrocyte>() << " chondrocytes, "
                  << pop.count<osteoblast>() << " osteoblasts\n";
}
