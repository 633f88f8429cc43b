// implicit_solver's parts for a grid split into slabs of planes along its last axis
// (step_planes, solve_last_axis, finish_planes; ossify/mpi uses them with the lines gathered
// by MPI): done slab by slab, with the lines of the last axis gathered in groups of any size,
// they give step()'s bits, in 2-D and 3-D, double and float, folded and Strang splitting,
// sources from arrays and from a row filler, no-flux, fixed and periodic faces.
#include "catch.hpp"

#include <ossify/signal.hpp>
#include <ossify/units/literals.hpp>

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {

template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// The slabs' step: planes [cuts[k], cuts[k + 1]) one slab at a time, then the last axis' lines
// gathered `group` at a time into a buffer laid out [plane][line], solved, put back.
template <class T, std::size_t Dim, class Fill>
void step_in_slabs(implicit_solver<T, Dim>& s, std::vector<T>& c, const std::vector<std::size_t>& cuts, std::size_t group,
                   const T* src, const T* up, Fill fill) {
    const std::size_t m = s.plane_sites(), planes = c.size() / m;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::size_t p0 = cuts[k], n = cuts[k + 1] - p0;
        if (src != nullptr) s.step_planes(c.data() + p0 * m, n, src + p0 * m, up + p0 * m);
        else s.step_planes_with(c.data() + p0 * m, n, [&](std::size_t off, std::size_t count, T* rs, T* ru) { fill(p0 * m + off, count, rs, ru); });
    }
    for (std::size_t l0 = 0; l0 < m; l0 += group) {
        const std::size_t lines = std::min(group, m - l0);
        std::vector<T> buf(planes * lines);
        for (std::size_t p = 0; p < planes; ++p)
            for (std::size_t l = 0; l < lines; ++l) buf[p * lines + l] = c[p * m + l0 + l];
        s.solve_last_axis(buf.data(), static_cast<std::ptrdiff_t>(lines), lines);
        for (std::size_t p = 0; p < planes; ++p)
            for (std::size_t l = 0; l < lines; ++l) c[p * m + l0 + l] = buf[p * lines + l];
    }
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::size_t p0 = cuts[k], n = cuts[k + 1] - p0;
        if (src != nullptr) s.finish_planes(c.data() + p0 * m, n, src + p0 * m, up + p0 * m);
        else s.finish_planes_with(c.data() + p0 * m, n, [&](std::size_t off, std::size_t count, T* rs, T* ru) { fill(p0 * m + off, count, rs, ru); });
    }
}

template <class T, std::size_t Dim>
int check(const basic_grid<Dim>& g, reaction_splitting split, boundary last_face, bool arrays) {
    auto p = diffusion_parameters::defaults_for<bmp2>();
    p.set_splitting(split).set_boundary(Dim - 1, last_face).set_fixed_value(0.7_nM).set_boundary(0, boundary::periodic);
    const duration dt = 0.2_d;
    implicit_solver<T, Dim> whole(g, p, dt), parts(g, p, dt);
    std::vector<T> src(g.size()), up(g.size()), c(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        src[i] = static_cast<T>((i * 7919) % 13 == 0 ? 50.0 : 0.0);
        up[i] = static_cast<T>((i % 5) * 0.3);
        c[i] = static_cast<T>((i * 31) % 17 * 0.25);
    }
    const auto fill = [&](std::size_t off, std::size_t n, T* s, T* u) {
        for (std::size_t i = 0; i < n; ++i) {
            s[i] = src[off + i];
            u[i] = up[off + i];
        }
    };
    std::vector<T> expect = c;
    int wrong = 0;
    const std::size_t planes = static_cast<std::size_t>(g.extent(Dim - 1));
    for (int step = 0; step < 3; ++step) {
        if (arrays) whole.step(expect, src, up);
        else whole.step_with(expect, fill);
    }
    // Slabs of 1, 3 and uneven sizes; line groups of 1, 5 and all.
    const std::vector<std::vector<std::size_t>> cuts{{0, planes}, {0, 3, 4, planes}, {0, 1, planes / 2, planes - 1, planes}};
    for (const auto& cut : cuts) {
        for (const std::size_t group : {std::size_t{1}, std::size_t{5}, g.size()}) {
            std::vector<T> got = c;
            for (int step = 0; step < 3; ++step)
                step_in_slabs(parts, got, cut, group, arrays ? src.data() : nullptr, arrays ? up.data() : nullptr, fill);
            wrong += same(got, expect) ? 0 : 1;
        }
    }
    return wrong;
}

}  // namespace

TEST_CASE("implicit_solver in slabs: step_planes, solve_last_axis, finish_planes give step()'s bits", "[signal][planes]") {
    for (const auto split : {reaction_splitting::folded, reaction_splitting::strang}) {
        for (const auto face : {boundary::no_flux, boundary::fixed, boundary::periodic}) {
            for (const bool arrays : {true, false}) {
                CHECK(check<double, 2>(grid2d{9, 11, 10.0_um}, split, face, arrays) == 0);
                CHECK(check<float, 2>(grid2d{9, 11, 10.0_um}, split, face, arrays) == 0);
                CHECK(check<double, 3>(grid3d{5, 4, 9, 10.0_um}, split, face, arrays) == 0);
                CHECK(check<float, 3>(grid3d{5, 4, 9, 10.0_um}, split, face, arrays) == 0);
            }
        }
    }
}
