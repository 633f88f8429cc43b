// Two processes of one tissue must not draw the same random numbers: declaring the same
// purpose with overlapping draw indices does not compile.
// expect: overlapping random purposes
#include <ossify/cell.hpp>
#include <ossify/random/purpose.hpp>
#include <ossify/tissue/lattice_tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

using namespace ossify::literals;

namespace {
constexpr std::uint32_t id = ossify::random::purpose::user + 3;
struct first_draws : ossify::random::draw_purpose<id, 0, 4> {
    static constexpr std::string_view name = "first";
};
#ifdef OSSIFY_SHOULD_FAIL
struct second_draws : ossify::random::draw_purpose<id, 3, 2> {  // index 3 is the first's too
#else
struct second_draws : ossify::random::draw_purpose<id, 4, 2> {
#endif
    static constexpr std::string_view name = "second";
};
template <class Purpose>
struct drawer {
    static constexpr std::string_view name = Purpose::name;
    using purposes = ossify::random::purpose_list<Purpose>;
    double* out;
    template <class Context>
    void step(Context& ctx, ossify::duration) noexcept {
        *out += ctx.template draws<Purpose>().uniform(0, Purpose::first_index);
    }
};
}  // namespace

double probe() {
    double sum = 0.0;
    const auto rules = ossify::rule_set<ossify::intramembranous_lineage>();
    using fields = ossify::fields<>;
    using procs = std::tuple<drawer<first_draws>, drawer<second_draws>>;
    ossify::basic_lattice_tissue<std::remove_const_t<decltype(rules)>, ossify::grid2d, fields, procs> t(
        rules, ossify::grid2d{4, 4, 10.0_um}, fields{}, ossify::seed{1},
        procs{drawer<first_draws>{&sum}, drawer<second_draws>{&sum}});
    t.step(1.0_h);
    return sum;
}
