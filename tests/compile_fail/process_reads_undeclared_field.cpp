// A process reads only the fields it declares: ctx.field<vegf>() in a process whose `reads`
// names bmp2 only does not compile, although the tissue carries vegf.
// expect: reads a field it does not declare
#include <ossify/cell.hpp>
#include <ossify/signal/signals.hpp>
#include <ossify/tissue/lattice_tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <string_view>
#include <tuple>
#include <type_traits>

using namespace ossify::literals;

namespace {
struct sensor {
    static constexpr std::string_view name = "sensor";
    using reads = ossify::field_list<ossify::bmp2>;
    double* out;
    template <class Context>
    void step(Context& ctx, ossify::duration) noexcept {
#ifdef OSSIFY_SHOULD_FAIL
        *out = ctx.template field<ossify::vegf>()[0];
#else
        *out = ctx.template field<ossify::bmp2>()[0];
#endif
    }
};
}  // namespace

double probe() {
    double seen = -1.0;
    const auto rules = ossify::rule_set<ossify::intramembranous_lineage>();
    using fields = ossify::signals<ossify::bmp2, ossify::vegf>;
    ossify::basic_lattice_tissue<std::remove_const_t<decltype(rules)>, ossify::grid2d, fields, std::tuple<sensor>> t(
        rules, ossify::grid2d{4, 4, 10.0_um}, fields{}, ossify::seed{1}, std::tuple<sensor>{sensor{&seen}});
    t.step(1.0_h);
    return seen;
}
