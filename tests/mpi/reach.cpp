// The reach of the built-in processes (mpi::stencil, the halo a decomposed tissue needs),
// measured as a light cone on the serial tissue: two copies of a busy tissue that differ at one
// site take one step of a single process; every site where they then differ lies within the
// process's declared reach of that site along the split axis. Many sites, seeds and kinds of
// difference (a cell removed, a mesenchymal cell or an osteoblast placed, matrix added, a signal
// changed). The largest
// distances seen are printed (docs/mpi.md quotes them).
#include "common.hpp"

#include <cstdio>

using namespace mpi_test;

namespace {

using fields_t = fields<bmp2, marrow, outer_surface>;

// A tissue running process P alone, its state that of a busy tissue after `warm` steps.
template <class P>
auto single(const P& p, std::uint64_t s, int warm) {
    auto busy = tissue_test::make_busy_2d(s, 28);
    for (int k = 0; k < warm; ++k) busy.step(2.0_h);
    basic_lattice_tissue<decltype(busy_rules()), grid2d, fields_t, std::tuple<P>> t{busy_rules(), busy.grid(), fields_t{}, seed{s},
                                                                                   std::tuple<P>(p)};
    const std::array<std::array<std::size_t, 2>, 1> all{{{0, busy.grid().size()}}};
    t.rewrite_sites(all, [&](auto& state) {
        std::vector<std::vector<unsigned char>> from;
        busy.state().visit_arrays([&](std::string_view name, auto values, double, double) {
            if (name == "cells.attribute") return;
            const auto* b = reinterpret_cast<const unsigned char*>(values.data());
            from.emplace_back(b, b + values.size_bytes());
        });
        std::size_t k = 0;
        state.visit_arrays([&](std::string_view, auto values, double, double) {
            std::memcpy(reinterpret_cast<unsigned char*>(values.data()), from[k++].data(), values.size_bytes());
        });
    });
    return t;
}

// The largest distance along y (the split axis of a 2-D tissue) between a perturbed site and a
// site whose arrays differ after one step.
template <class Tissue>
std::size_t spread(const Tissue& a, const Tissue& b, std::size_t site) {
    const std::size_t nx = static_cast<std::size_t>(a.grid().extent(0)), y0 = site / nx;
    std::size_t far = 0;
    std::vector<std::vector<std::uint64_t>> wa, wb;
    a.state().visit_arrays([&](std::string_view, auto v, double, double) {
        using T = std::remove_cv_t<typename decltype(v)::element_type>;
        wa.push_back(words<T>(v));
    });
    b.state().visit_arrays([&](std::string_view, auto v, double, double) {
        using T = std::remove_cv_t<typename decltype(v)::element_type>;
        wb.push_back(words<T>(v));
    });
    for (std::size_t k = 0; k < wa.size(); ++k) {
        const std::size_t per = wa[k].size() / a.grid().size();
        for (std::size_t i = 0; i < wa[k].size(); ++i) {
            if (wa[k][i] == wb[k][i]) continue;
            const std::size_t y = i / per / nx;
            far = std::max(far, y > y0 ? y - y0 : y0 - y);
        }
    }
    return far;
}

// The largest spread over many perturbations of a tissue running P alone.
std::size_t perturbations = 0;  // tried by the last light_cone

template <class P, class Configure>
std::size_t light_cone(P p, Configure configure) {
    std::size_t far = 0;
    perturbations = 0;
    for (std::uint64_t s = 1; s <= 4; ++s) {
        auto base = single(p, s, 24);
        configure(base.template process<P>());
        const std::size_t n = base.grid().size(), nx = static_cast<std::size_t>(base.grid().extent(0));
        for (std::size_t trial = 0; trial < 60; ++trial) {
            const std::size_t site = (trial * 7919 + s * 104729) % n;
            if (site / nx < 6 || site / nx + 6 >= n / nx) continue;  // away from the faces
            for (int kind = 0; kind < 5; ++kind) {
                auto a = base, b = base;
                const auto c = b.grid().coords(site);
                switch (kind) {
                    case 0: b.clear(c); break;
                    case 1: b.place(c, mesenchymal{}); break;
                    case 2: b.place(c, osteoblast{}); break;
                    case 3: b.edit_matrix().deposit(site, 0.9); break;
                    default: b.template edit_field<bmp2>()[site] += 3.0; break;
                }
                a.step(2.0_h);
                b.step(2.0_h);
                far = std::max(far, spread(a, b, site));
                ++perturbations;
            }
        }
    }
    return far;
}

}  // namespace

TEST_CASE("the reach of each built-in process bounds its light cone", "[mpi][reach]") {
    const mpi::reach_options o{};
    const auto report = [](const char* what, std::size_t seen, std::size_t declared) {
        if (world().rank() == 0) {
            std::printf("reach of %s: declared %zu, largest spread seen %zu planes (%zu perturbations)\n", what, declared, seen,
                        perturbations);
        }
        return seen <= declared;
    };
    {
        cell_fates p;
        const auto seen = light_cone(p, [](auto&) {});
        CHECK(report("cell_fates", seen, mpi::reach_of(p, o)));
    }
    {
        cell_migration<bmp2> p;
        const auto adhesive = [](auto& m) {
            m.motility.template set<mesenchymal>(8.0_per_d);
            m.chemotaxis = 0.5;
            m.adhesion = 2.0;
        };
        const auto seen = light_cone(p, adhesive);
        auto q = single(p, 1, 0);
        adhesive(q.template process<cell_migration<bmp2>>());
        CHECK(report("cell_migration (adhesion)", seen, mpi::reach_of(q.template process<cell_migration<bmp2>>(), o)));
        const auto plain = [](auto& m) { m.motility.template set<mesenchymal>(8.0_per_d); };
        const auto seen3 = light_cone(p, plain);
        auto r = single(p, 1, 0);
        plain(r.template process<cell_migration<bmp2>>());
        CHECK(report("cell_migration (no adhesion)", seen3, mpi::reach_of(r.template process<cell_migration<bmp2>>(), o)));
    }
    {
        matrix_deposition p;
        const auto two = [](auto& d) { d.apposition.template set<osteoblast>(6.0_um_per_d).template set<periosteal>(3.0_um_per_d); };
        const auto seen = light_cone(p, two);
        auto q = single(p, 1, 0);
        two(q.template process<matrix_deposition>());
        CHECK(report("matrix_deposition (two depositing states)", seen, mpi::reach_of(q.template process<matrix_deposition>(), o)));
    }
    {
        matrix_mineralisation p;
        CHECK(report("matrix_mineralisation", light_cone(p, [](auto&) {}), mpi::reach_of(p, o)));
    }
}
