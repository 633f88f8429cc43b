// Shared helpers of the lattice tissue tests: a busy model that exercises every process,
// a bit-exact snapshot of a tissue, and the invariants checked after every step.
#pragma once

#include <ossify/ossify.hpp>

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "catch.hpp"

namespace tissue_test {

using namespace ossify;
using namespace ossify::literals;

/// The rules of the busy model: proliferation, death, signal-driven and timed transitions,
/// entrapment, the outer surface, and capillaries (matrix-blocking).
inline auto busy_rules() {
    return rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 2.0_per_d)),
        transition<mesenchymal, endothelial>(hazard(0.05_per_d)),
        transition<osteogenic, osteoblast>(after(0.5_d) && hazard(2.0_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5)),
        transition<osteoblast, periosteal>(on_outer_surface(2.0_per_d)),
        proliferation<mesenchymal>(hazard(1.0_per_d)),
        proliferation<osteogenic>(hazard(1.0_per_d)),
        death<mesenchymal>(hazard(0.2_per_d)),
        death<osteoblast>(hazard(0.1_per_d)));
}

/// The busy model's processes: the default sequence, migration with chemotaxis up BMP2.
using busy_processes = default_processes_with<bmp2>;
using busy_tissue_2d = lattice_tissue<decltype(busy_rules()), grid2d, signals<bmp2>, busy_processes>;
using busy_tissue_3d = lattice_tissue<decltype(busy_rules()), grid3d, signals<bmp2>, busy_processes>;

/// Sets every parameter of the busy model (secretion, uptake, motility with chemotaxis and
/// adhesion, apposition, outward migration).
template <class Tissue>
void configure_busy(Tissue& t) {
    t.template process<diffuse_signals>()
        .template secretion<osteoblast, bmp2>(20.0_nM / 1.0_d)
        .template uptake<mesenchymal, bmp2>(0.5_per_d);
    auto& m = t.template process<cell_migration<bmp2>>();
    m.motility.template set<mesenchymal>(6.0_per_d);
    m.chemotaxis = 0.5;
    m.adhesion = 2.0;
    t.template process<matrix_deposition>()
        .apposition.template set<osteoblast>(6.0_um_per_d)
        .template set<periosteal>(3.0_um_per_d);
    t.template process<structure_remodelling>().outward.template set<periosteal>(true);
}

/// A dense 2-D busy tissue: a disc of mesenchyme around a BMP2 source, a few capillaries.
inline busy_tissue_2d make_busy_2d(std::uint64_t s, std::int32_t n = 32) {
    busy_tissue_2d t{busy_rules(), grid2d{n, n, 10.0_um}, signals<bmp2>{}, seed{s}};
    configure_busy(t);
    const std::int32_t c = n / 2;
    t.fill_fraction(disc{{c, c}, 10.0_um * (0.4 * n)}, mesenchymal{}, 0.7);
    t.template process<diffuse_signals>().template add_source<bmp2>(disc{{c, c}, 20.0_um}, 200.0_nM / 1.0_d);
    t.place({c - n / 4, c}, endothelial{});
    t.place({c + n / 4, c + 1}, endothelial{});
    return t;
}

/// A small 3-D busy tissue.
inline busy_tissue_3d make_busy_3d(std::uint64_t s, std::int32_t n = 10) {
    busy_tissue_3d t{busy_rules(), grid3d{n, n, n, 10.0_um}, signals<bmp2>{}, seed{s}};
    configure_busy(t);
    const std::int32_t c = n / 2;
    t.fill_fraction(ball{{c, c, c}, 10.0_um * (0.4 * n)}, mesenchymal{}, 0.7);
    t.template process<diffuse_signals>().template add_source<bmp2>(ball{{c, c, c}, 15.0_um}, 200.0_nM / 1.0_d);
    t.place({c - 2, c, c}, endothelial{});
    return t;
}

/// Everything a tissue evolves, bit for bit (floats and doubles as their bits).
struct snapshot {
    double time = 0.0;
    std::uint64_t steps = 0, births = 0, deaths = 0, blocked = 0, moves = 0;
    std::vector<std::uint8_t> states, marrow, surface;
    std::vector<std::uint32_t> entered;
    std::vector<std::uint64_t> matrix;   // the five matrix arrays, one after the other
    std::vector<std::uint64_t> signals;  // every signal field, one after the other
    friend bool operator==(const snapshot&, const snapshot&) = default;
};

inline void append_bits(std::vector<std::uint64_t>& out, std::span<const double> v) {
    for (const double x : v) out.push_back(std::bit_cast<std::uint64_t>(x));
}

template <class Tissue>
snapshot take(const Tissue& t) {
    snapshot s;
    s.time = t.time().value();
    s.steps = t.steps();
    s.births = t.events().births;
    s.deaths = t.events().deaths;
    s.blocked = t.events().blocked_divisions;
    s.moves = t.events().moves;
    s.states.assign(t.states().begin(), t.states().end());
    s.marrow.assign(t.template field<marrow>().begin(), t.template field<marrow>().end());
    s.surface.assign(t.template field<outer_surface>().begin(), t.template field<outer_surface>().end());
    for (const float e : t.entry_times()) s.entered.push_back(std::bit_cast<std::uint32_t>(e));
    for (const auto a : t.matrix().state_arrays()) append_bits(s.matrix, a.values);
    Tissue::fields_type::for_each([&]<class S>() {
        if constexpr (signal_type<S>) append_bits(s.signals, t.template field<S>());
    });
    return s;
}

/// Checks the invariants of one step, from the snapshot before it to the tissue after it.
/// Returns the number of failed checks (each also reported through Catch).
template <class Tissue>
int check_step_invariants(const snapshot& before, const Tissue& t) {
    int failed = 0;
    const auto fail = [&](const std::string& what) {
        ++failed;
        FAIL_CHECK(what << " (step " << t.steps() << ")");
    };
    const auto& m = t.matrix();
    const std::size_t n = t.grid().size();
    constexpr auto blocks = blocking_states<typename Tissue::lineage_type>();
    const double bone = m.bone_threshold();
    for (std::size_t i = 0; i < n; ++i) {
        const double v = m.matrix_fraction(i);
        if (!(v >= 0.0 && v <= 1.0)) fail("matrix fraction " + std::to_string(v) + " at site " + std::to_string(i));
        const double deg = m.mineral_degree(i);
        if (!(deg >= 0.0 && deg <= 1.0)) fail("mineral degree " + std::to_string(deg) + " at site " + std::to_string(i));
        const double mf = m.mineral_fraction(i);
        if (!(mf >= 0.0 && mf <= v + 1e-12)) fail("mineral fraction " + std::to_string(mf) + " above matrix at " + std::to_string(i));
        const auto s = t.states()[i];
        // No new cell on a site that was occupied, bone or marrow before the step.
        if (before.states[i] == empty_site && s != empty_site) {
            const double v_before = std::bit_cast<double>(before.matrix[i]);
            if (before.marrow[i] != 0 || !(v_before < bone)) {
                fail("a cell entered site " + std::to_string(i) + " that was bone or marrow");
            }
        }
        // Never matrix laid where a matrix-blocking cell sits, nor into marrow.
        const double v_before = std::bit_cast<double>(before.matrix[i]);
        if ((s != empty_site && blocks[s] != 0) || before.marrow[i] != 0) {
            if (v != v_before) fail("matrix grew in a capillary/marrow site " + std::to_string(i));
        }
        if (v < v_before) fail("matrix shrank at site " + std::to_string(i));
        if (t.template field<marrow>()[i] != 0 && before.marrow[i] == 0 && (s == empty_site || blocks[s] == 0)) {
            fail("marrow at a site without a capillary " + std::to_string(i));
        }
    }
    Tissue::fields_type::for_each([&]<class S>() {
        if constexpr (signal_type<S>) {
            for (const double c : t.template field<S>()) {
                if (!(c >= 0.0) || !std::isfinite(c)) {
                    fail("concentration " + std::to_string(c));
                    break;
                }
            }
        }
    });
    // Cells appear only by birth and vanish only by death.
    std::size_t cells_before = 0;
    for (const auto s : before.states) cells_before += s != empty_site ? 1u : 0u;
    const auto expected = static_cast<std::int64_t>(cells_before) + static_cast<std::int64_t>(t.events().births - before.births) -
                          static_cast<std::int64_t>(t.events().deaths - before.deaths);
    if (static_cast<std::int64_t>(t.cell_count()) != expected) {
        fail("cell count " + std::to_string(t.cell_count()) + ", expected " + std::to_string(expected));
    }
    // The time in state of every cell is within [0, now].
    for (const auto& c : cells_of(t)) {
        if (!(c.time_in_state.value() >= -1e-4 && c.time_in_state.value() <= t.time().value() + 1e-4)) {
            fail("time in state " + std::to_string(c.time_in_state.value()) + " at site " + std::to_string(c.site));
            break;
        }
    }
    return failed;
}

/// The message of the exception f throws ("" if it throws none).
template <class E, class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace tissue_test
