// Everything in a tissue's process tuple must be a process: a type without a name (here, a
// step function alone) is refused with a message naming the protocol.
// expect: a process must be copyable and declare
#include <ossify/cell.hpp>
#include <ossify/tissue/lattice_tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <string_view>
#include <tuple>
#include <type_traits>

using namespace ossify::literals;

namespace {
struct counter {
#ifndef OSSIFY_SHOULD_FAIL
    static constexpr std::string_view name = "counter";
#endif
    int* steps;
    template <class Context>
    void step(Context&, ossify::duration) noexcept {
        ++*steps;
    }
};
}  // namespace

int probe() {
    int steps = 0;
    const auto rules = ossify::rule_set<ossify::intramembranous_lineage>();
    using fields = ossify::fields<>;
    ossify::basic_lattice_tissue<std::remove_const_t<decltype(rules)>, ossify::grid2d, fields, std::tuple<counter>> t(
        rules, ossify::grid2d{4, 4, 10.0_um}, fields{}, ossify::seed{1}, std::tuple<counter>{counter{&steps}});
    t.step(1.0_h);
    return steps;
}
