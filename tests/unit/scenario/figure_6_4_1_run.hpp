// One run of the Figure 6.4.1 scenario (default size, seed 42) shared by the stage and the
// validation tests: the run is made once per test executable, the first time it is needed.
#pragma once
#include <ossify/scenario/figure_6_4_1.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace fig_test {

inline const ossify::figure_6_4_1_result& shared_run() {
    static const ossify::figure_6_4_1_result r = [] {
        ossify::figure_6_4_1_options o;  // defaults: 240 x 100 sites of 10 um, 70 d, dt 2 h, seed 42
        o.seed = ossify::seed{42};
        return ossify::run_figure_6_4_1(o);
    }();
    return r;
}

using lin = ossify::intramembranous_lineage;
inline constexpr std::uint8_t mes = lin::index_of<ossify::mesenchymal>, ob = lin::index_of<ossify::osteoblast>,
                              oc = lin::index_of<ossify::osteocyte>, endo = lin::index_of<ossify::endothelial>,
                              peri = lin::index_of<ossify::periosteal>;

/// x, y of a site of a 2-D snapshot.
inline std::array<std::int32_t, 2> xy(const ossify::figure_6_4_1_snapshot& s, std::size_t i) {
    return {static_cast<std::int32_t>(i % static_cast<std::size_t>(s.extent[0])),
            static_cast<std::int32_t>(i / static_cast<std::size_t>(s.extent[0]))};
}

}  // namespace fig_test
