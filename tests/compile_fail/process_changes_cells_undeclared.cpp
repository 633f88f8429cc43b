// A process that does not declare ossify::cells in its `writes` may read the cells but not
// change them (here: kill one).
// expect: the process changes cells: declare ossify::cells
#include <ossify/cell.hpp>
#include <ossify/tissue/lattice_tissue.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

using namespace ossify::literals;

namespace {
struct reaper {
    static constexpr std::string_view name = "reaper";
    std::size_t* seen;
    template <class Context>
    void step(Context& ctx, ossify::duration) noexcept {
        *seen = ctx.states()[0];
#ifdef OSSIFY_SHOULD_FAIL
        ctx.kill(0);
#endif
    }
};
}  // namespace

std::size_t probe() {
    std::size_t seen = 0;
    const auto rules = ossify::rule_set<ossify::intramembranous_lineage>();
    using fields = ossify::fields<>;
    ossify::basic_lattice_tissue<std::remove_const_t<decltype(rules)>, ossify::grid2d, fields, std::tuple<reaper>> t(
        rules, ossify::grid2d{4, 4, 10.0_um}, fields{}, ossify::seed{1}, std::tuple<reaper>{reaper{&seen}});
    t.step(1.0_h);
    return seen;
}
