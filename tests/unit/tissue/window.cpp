// A lattice tissue as one part of a larger one (lattice_window; used by ossify/mpi): its draws
// are keyed by global site index, so a part draws the whole's numbers; events count only at the
// sites the part owns, so the counters of parts that share the sites add up to the whole's; and
// rewrite_sites keeps the cell counts consistent when sites are copied in.
#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "unit/tissue/helpers.hpp"

using namespace tissue_test;

TEST_CASE("window: a part of a tissue draws the numbers the whole draws for the same sites", "[tissue][window]") {
    busy_tissue_2d whole{busy_rules(), grid2d{20, 30, 10.0_um}, signals<bmp2>{}, seed{9}};
    busy_tissue_2d part{busy_rules(), grid2d{20, 20, 10.0_um}, signals<bmp2>{}, seed{9}};
    part.set_window(lattice_window{200, 0, 400});
    CHECK(part.window().offset == 200);
    for (int k = 0; k < 3; ++k) {
        whole.fill_fraction(box<2>{{0, 0}, {19, 29}}, mesenchymal{}, 0.4);
        part.fill_fraction(box<2>{{0, 0}, {19, 19}}, mesenchymal{}, 0.4);
    }
    const auto w = whole.states();
    CHECK(std::equal(part.states().begin(), part.states().end(), w.begin() + 200));
    // The same part without the window draws other numbers.
    busy_tissue_2d plain{busy_rules(), grid2d{20, 20, 10.0_um}, signals<bmp2>{}, seed{9}};
    plain.fill_fraction(box<2>{{0, 0}, {19, 19}}, mesenchymal{}, 0.4);
    CHECK(!std::equal(plain.states().begin(), plain.states().end(), w.begin() + 200));
}

TEST_CASE("window: events count only at owned sites, so parts' counters add up to the whole's", "[tissue][window]") {
    auto all = make_busy_2d(4, 24);
    auto low = make_busy_2d(4, 24);
    auto high = make_busy_2d(4, 24);
    const std::size_t n = all.grid().size(), cut = 10 * 24;
    low.set_window(lattice_window{0, 0, cut});
    high.set_window(lattice_window{0, cut, n});
    for (int k = 0; k < 30; ++k) {
        all.step(2.0_h);
        low.step(2.0_h);
        high.step(2.0_h);
    }
    // The window changes no draw (offset 0), only what is counted.
    CHECK(take(low).states == take(all).states);
    CHECK(take(high).matrix == take(all).matrix);
    const auto& a = all.events();
    const auto& l = low.events();
    const auto& h = high.events();
    CHECK(l.births + h.births == a.births);
    CHECK(l.deaths + h.deaths == a.deaths);
    CHECK(l.moves + h.moves == a.moves);
    CHECK(l.blocked_divisions + h.blocked_divisions == a.blocked_divisions);
    for (std::size_t k = 0; k < all.rule_count(); ++k) CHECK(low.rule_fires(k) + high.rule_fires(k) == all.rule_fires(k));
    // Both parts saw events of their own.
    CHECK(l.births > 0);
    CHECK(h.births > 0);
    CHECK(l.moves > 0);
    CHECK(h.moves > 0);
    CHECK(a.births > l.births);
}

TEST_CASE("rewrite_sites: sites copied in keep the cell counts consistent", "[tissue][window]") {
    auto target = make_busy_2d(1, 16);
    auto source = make_busy_2d(2, 16);
    for (int k = 0; k < 5; ++k) source.step(2.0_h);
    const std::array<std::array<std::size_t, 2>, 2> ranges{{{0, 32}, {200, 256}}};
    target.rewrite_sites(ranges, [&](auto& state) {
        std::size_t k = 0;
        std::vector<std::vector<unsigned char>> from;
        source.state().visit_arrays([&](std::string_view, auto values, double, double) {
            const auto* b = reinterpret_cast<const unsigned char*>(values.data());
            from.emplace_back(b, b + values.size_bytes());
        });
        state.visit_arrays([&](std::string_view, auto values, double, double) {
            const std::size_t per = values.size_bytes() / state.size();
            auto* b = reinterpret_cast<unsigned char*>(values.data());
            for (const auto& r : ranges) std::copy(from[k].begin() + static_cast<std::ptrdiff_t>(r[0] * per),
                                                   from[k].begin() + static_cast<std::ptrdiff_t>(r[1] * per), b + r[0] * per);
            ++k;
        });
    });
    std::array<std::size_t, busy_tissue_2d::state_count> recount{};
    for (const auto s : target.states()) {
        if (s != empty_site) ++recount[s];
    }
    CHECK(target.state().counts() == recount);
    CHECK(std::equal(target.states().begin(), target.states().begin() + 32, source.states().begin()));
    CHECK(std::equal(target.states().begin() + 200, target.states().end(), source.states().begin() + 200));
}
