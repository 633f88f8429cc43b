// Compile-time checks of the cell and transition layers: compiling this file is the test.
#include <ossify/cell.hpp>
#include <ossify/signal/signals.hpp>
#include <ossify/tissue/model.hpp>
#include <ossify/tissue/population_model.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <string_view>
#include <type_traits>

namespace {
using namespace ossify;
using namespace ossify::literals;

// Lineage: size, positions, membership, state_at, names.
using L = intramembranous_lineage;
static_assert(L::size == 6);
static_assert(L::index_of<mesenchymal> == 0 && L::index_of<osteogenic> == 1);
static_assert(L::index_of<osteoblast> == 2 && L::index_of<osteocyte> == 3);
static_assert(L::index_of<endothelial> == 4 && L::index_of<periosteal> == 5);
static_assert(L::contains<osteocyte>);
static_assert(!lineage<mesenchymal, osteoblast>::contains<osteocyte>);
static_assert(std::is_same_v<L::state_at<3>, osteocyte>);
static_assert(L::name(0) == "mesenchymal" && L::name(6) == "?");
static_assert(L::names[5] == "periosteal");
static_assert(is_lineage_v<L> && !is_lineage_v<mesenchymal>);
static_assert(lineage_type<lineage<osteoblast>>);

// The built-in states model the concepts; a plain int or a nameless struct does not.
static_assert(cell_state<mesenchymal> && cell_state<osteogenic> && cell_state<osteoblast>);
static_assert(cell_state<osteocyte> && cell_state<endothelial> && cell_state<periosteal>);
static_assert(timed_cell_state<osteoblast>);
struct nameless {
    friend bool operator==(const nameless&, const nameless&) = default;
};
static_assert(!cell_state<int> && !cell_state<nameless>);
struct chondrocyte {
    static constexpr std::string_view name = "chondrocyte";
    friend bool operator==(const chondrocyte&, const chondrocyte&) = default;
};
static_assert(cell_state<chondrocyte> && !timed_cell_state<chondrocyte>);

// Policies: built-ins, combinators and a user lambda model transition_policy; other types do not.
static_assert(transition_policy<constant_hazard> && transition_policy<fixed_delay>);
static_assert(transition_policy<immediate> && transition_policy<no_hazard>);
static_assert(transition_policy<hill_response<bmp2>> && transition_policy<threshold_response<vegf>>);
static_assert(transition_policy<entrapment_response>);
constexpr auto user_policy = [](const auto& ctx) { return 0.1_per_d * (ctx.template signal<bmp2>() / 1.0_nM); };
using user_policy_t = decltype(policy_fn(user_policy));
static_assert(transition_policy<user_policy_t>);
static_assert(transition_policy<all_of_policy<fixed_delay, constant_hazard>>);
static_assert(transition_policy<any_of_policy<user_policy_t, immediate>>);
static_assert(transition_policy<scaled_policy<hill_response<bmp2>>>);
static_assert(!transition_policy<int> && !transition_policy<double>);
struct hazard_without_context {
    rate hazard() const;
};
static_assert(!transition_policy<hazard_without_context>);

// reads_time_in_state: after() reads it, and it propagates through every combinator.
static_assert(reads_time_in_state_v<fixed_delay>);
static_assert(!reads_time_in_state_v<constant_hazard> && !reads_time_in_state_v<user_policy_t>);
static_assert(reads_time_in_state_v<all_of_policy<fixed_delay, constant_hazard>>);
static_assert(reads_time_in_state_v<any_of_policy<constant_hazard, fixed_delay>>);
static_assert(reads_time_in_state_v<scaled_policy<all_of_policy<immediate, fixed_delay>>>);
static_assert(!reads_time_in_state_v<any_of_policy<constant_hazard, immediate>>);

// Rules and rule sets.
using to_osteogenic = decltype(transition<mesenchymal, osteogenic>(hazard(0.3_per_d)));
static_assert(to_osteogenic::kind == rule_kind::transition);
static_assert(std::is_same_v<to_osteogenic::from, mesenchymal> && std::is_same_v<to_osteogenic::to, osteogenic>);
static_assert(decltype(death<osteoblast>(never()))::kind == rule_kind::death);
static_assert(std::is_same_v<decltype(proliferation<osteoblast>(never()))::to, osteoblast>);
using memoryless_set = decltype(rule_set<L>(
    transition<mesenchymal, osteogenic>(hazard(0.3_per_d)),
    fate_split<osteoblast>(hazard(0.2_per_d), branch<osteocyte>(0.2), branch<periosteal>(0.8)),
    proliferation<osteogenic>(hazard(0.3_per_d)), death<osteoblast>(hazard(0.16_per_d))));
static_assert(memoryless_set::size == 5);  // the split is flattened into two transitions
static_assert(memoryless_set::count_from<osteoblast> == 3);
static_assert(memoryless_set::count_from<osteocyte> == 0);
static_assert(!memoryless_set::reads_time_in_state);
static_assert(rule_set_type<memoryless_set> && !rule_set_type<int>);
using timed_set = decltype(rule_set<L>(transition<mesenchymal, osteogenic>(hazard(0.3_per_d)),
                                       transition<osteogenic, osteoblast>(after(3.0_d) && hazard(0.3_per_d))));
static_assert(timed_set::size == 2 && timed_set::reads_time_in_state);
using merged = decltype(merge(std::declval<memoryless_set>(), std::declval<timed_set>()));
static_assert(merged::size == 7 && merged::reads_time_in_state);
static_assert(std::is_same_v<merged::lineage_type, L>);

// The population model takes memoryless rule sets (its method, mean field or stochastic, is
// now chosen at run time) and follows the model protocol, with counts in double.
static_assert(std::is_same_v<population_model<memoryless_set>::lineage_type, L>);
static_assert(population_model<memoryless_set>::state_count == 6);
static_assert(tissue_model<population_model<memoryless_set>> && rule_reporting_model<population_model<memoryless_set>>);
}  // namespace
