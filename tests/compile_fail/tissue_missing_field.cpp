// A tissue must carry every field its processes read or write: a process that reads vegf in
// a tissue with signals<bmp2> only is refused when the tissue type is made.
// expect: does not carry
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
struct vegf_sensor {
    static constexpr std::string_view name = "vegf_sensor";
    using reads = ossify::field_list<ossify::vegf>;
    double* out;
    template <class Context>
    void step(Context& ctx, ossify::duration) noexcept {
        *out = ctx.template field<ossify::vegf>()[0];
    }
};
#ifdef OSSIFY_SHOULD_FAIL
using fields = ossify::signals<ossify::bmp2>;
#else
using fields = ossify::signals<ossify::bmp2, ossify::vegf>;
#endif
}  // namespace

double probe() {
    double seen = -1.0;
    const auto rules = ossify::rule_set<ossify::intramembranous_lineage>();
    ossify::basic_lattice_tissue<std::remove_const_t<decltype(rules)>, ossify::grid2d, fields, std::tuple<vegf_sensor>> t(
        rules, ossify::grid2d{4, 4, 10.0_um}, fields{}, ossify::seed{1}, std::tuple<vegf_sensor>{vegf_sensor{&seen}});
    t.step(1.0_h);
    return seen;
}
