// Shared by the MPI tests: the models (the busy model of the tissue tests, and a model with
// migration, division, two depositing states, vessels walled in as marrow, a per-cell
// attribute, reaction terms, a site-dependent diffusivity, Strang splitting and fixed and
// periodic faces), seeding that works on the serial and the decomposed tissue alike, and
// comparisons of a decomposed tissue with the serial one, bit for bit.
#pragma once

#include <ossify/ossify.hpp>
#include <ossify/mpi.hpp>

#include <bit>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "catch.hpp"
#include "unit/tissue/helpers.hpp"

namespace mpi_test {

using namespace ossify;
using namespace ossify::literals;
using tissue_test::busy_processes;
using tissue_test::busy_rules;
using tissue_test::configure_busy;

/// The communicator of the tests.
inline mpi::communicator world() { return mpi::communicator{MPI_COMM_WORLD}; }

/// Seeds a busy tissue (2-D): a disc of mesenchyme and osteoblasts around a BMP2 source, two
/// capillaries. Works for the serial and the decomposed tissue (whole-grid coordinates).
/// The BMP2 source of the busy 2-D model (configuration: a checkpoint does not hold it).
template <class Tissue>
void add_busy_source_2d(Tissue& t) {
    const auto& g = t.grid();
    t.template process<diffuse_signals>().template add_source<bmp2>(disc{{g.extent(0) / 2, g.extent(1) / 2}, 30.0_um},
                                                                     200.0_nM / 1.0_d);
}
template <class Tissue>
void seed_busy_2d(Tissue& t) {
    const auto& g = t.grid();
    const std::int32_t cx = g.extent(0) / 2, cy = g.extent(1) / 2;
    t.fill_fraction(disc{{cx, cy}, 10.0_um * (0.4 * g.extent(0))}, mesenchymal{}, 0.7);
    t.fill_fraction(disc{{cx, cy}, 10.0_um * (0.15 * g.extent(0))}, osteoblast{}, 0.3);
    add_busy_source_2d(t);
    t.place({cx - g.extent(0) / 4, cy}, endothelial{});
    t.place({cx + g.extent(0) / 4, cy + 1}, endothelial{});
}
/// The 3-D version.
template <class Tissue>
void seed_busy_3d(Tissue& t) {
    const auto& g = t.grid();
    const std::int32_t cx = g.extent(0) / 2, cy = g.extent(1) / 2, cz = g.extent(2) / 2;
    t.fill_fraction(ball{{cx, cy, cz}, 10.0_um * (0.45 * g.extent(0))}, mesenchymal{}, 0.7);
    t.fill_fraction(ball{{cx, cy, cz}, 10.0_um * (0.2 * g.extent(0))}, osteoblast{}, 0.3);
    t.template process<diffuse_signals>().template add_source<bmp2>(ball{{cx, cy, cz}, 20.0_um}, 200.0_nM / 1.0_d);
    t.place({cx - 2, cy, cz}, endothelial{});
    t.place({cx + 2, cy, cz + 3}, endothelial{});
}

/// The values of an array as 64-bit words (floats and doubles as their bits).
template <class T>
std::vector<std::uint64_t> words(std::span<const T> v) {
    std::vector<std::uint64_t> out;
    out.reserve(v.size());
    for (const T x : v) {
        if constexpr (std::is_same_v<T, double>) out.push_back(std::bit_cast<std::uint64_t>(x));
        else if constexpr (std::is_same_v<T, float>) out.push_back(std::bit_cast<std::uint32_t>(x));
        else out.push_back(static_cast<std::uint64_t>(x));
    }
    return out;
}

/// Compares this rank's own sites of a decomposed tissue, its clock and its (summed) counters
/// with a serial tissue, bit for bit. Returns the differences found (each reported by name).
template <class Decomposed, class Serial>
int differences(const Decomposed& d, const Serial& s, const std::string& where) {
    int bad = 0;
    const auto report = [&](const std::string& what) {
        ++bad;
        UNSCOPED_INFO(where << ", rank " << d.comm().rank() << " of " << d.comm().size() << ": " << what);
    };
    if (std::bit_cast<std::uint64_t>(d.time().value()) != std::bit_cast<std::uint64_t>(s.time().value())) report("clock");
    if (d.steps() != s.steps()) report("steps");
    if (d.events().births != s.events().births) report("births");
    if (d.events().deaths != s.events().deaths) report("deaths");
    if (d.events().moves != s.events().moves) report("moves");
    if (d.events().blocked_divisions != s.events().blocked_divisions) report("blocked divisions");
    if (d.counts() != s.counts()) report("counts");
    for (std::size_t k = 0; k < Serial::rule_count(); ++k) {
        if (d.rule_fires(k) != s.rule_fires(k)) report("firings of rule " + s.rule_name(k));
    }
    if (d.local().state().fill_calls() != s.state().fill_calls()) report("fill calls");
    const auto& layout = d.layout();
    std::vector<std::string> names;
    std::vector<std::vector<std::uint64_t>> serial;
    s.state().visit_arrays([&](std::string_view name, auto values, double, double) {
        using T = std::remove_cv_t<typename decltype(values)::element_type>;
        names.emplace_back(name);
        serial.push_back(words<T>(values));
    });
    std::size_t k = 0;
    d.visit_owned([&](std::string_view name, auto values) {
        using T = std::remove_cv_t<typename decltype(values)::element_type>;
        if (k >= names.size() || names[k] != name) {
            report("array order at " + std::string(name));
            ++k;
            return;
        }
        const std::size_t per = serial[k].size() / s.grid().size();
        const std::size_t first = layout.owned_first() * layout.plane_sites() * per;
        const auto mine = words<T>(std::span<const T>(values.data(), values.size()));
        for (std::size_t i = 0; i < mine.size(); ++i) {
            if (mine[i] != serial[k][first + i]) {
                std::ostringstream os;
                os << "array " << name << " differs at global element " << first + i << " (plane "
                   << (first + i) / per / layout.plane_sites() << ")";
                report(os.str());
                break;
            }
        }
        ++k;
    });
    if (k != names.size()) report("number of arrays");
    // Every rank's halo equals its neighbours' planes after a step: compare the halo too.
    const std::size_t n = layout.local_sites();
    k = 0;
    d.local().state().visit_arrays([&](std::string_view name, auto values, double, double) {
        using T = std::remove_cv_t<typename decltype(values)::element_type>;
        const std::size_t per = values.size() / n;
        const std::size_t first = layout.local_first() * layout.plane_sites() * per;
        const auto mine = words<T>(values);
        for (std::size_t i = 0; i < mine.size(); ++i) {
            if (mine[i] != serial[k][first + i]) {
                report("halo or own planes of " + std::string(name) + " differ at global element " + std::to_string(first + i));
                break;
            }
        }
        ++k;
    });
    return bad;
}

}  // namespace mpi_test

namespace mpi_test {

/// A per-cell attribute: divisions since the founder cell (a daughter has one more).
struct generation {
    std::uint16_t n = 0;
    [[nodiscard]] generation daughter() const noexcept { return {static_cast<std::uint16_t>(n + 1)}; }
};

/// The second model's rules: mesenchyme that stops dividing after four generations (a policy
/// reading the attribute), vessels that grow by division, osteoblasts laid down from osteogenic
/// cells, entrapped in mineral or turned periosteal on the outer surface.
inline auto vessel_rules() {
    return rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(1.0_nM, 2.0, 1.5_per_d)),
        transition<osteogenic, osteoblast>(after(0.5_d) && hazard(1.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.4)),
        transition<osteoblast, periosteal>(on_outer_surface(1.0_per_d)),
        proliferation<mesenchymal>(policy_fn([](const auto& ctx) {
            return ctx.environment().attribute().n < 4 ? 1.2_per_d : 0.0_per_d;
        })),
        proliferation<endothelial>(hazard(0.5_per_d)),
        proliferation<osteogenic>(hazard(0.8_per_d)),
        death<mesenchymal>(hazard(0.1_per_d)),
        death<osteoblast>(hazard(0.05_per_d)));
}
/// VEGF made where BMP2 is (a reaction term reading another field).
struct vegf_from_bmp2 {
    template <class Site>
    void operator()(const Site& site, double& source, double& uptake) const {
        source += 0.5 * site.template field<bmp2>();
        if (site.cell() == 0) uptake += 0.2;  // mesenchyme takes it up
    }
};
/// No BMP2 transport through bone.
struct no_transport_in_bone {
    template <class Site>
    double operator()(const Site& site) const {
        return site.matrix_fraction() >= 0.5 ? 0.0 : 1.0;
    }
};
/// The second model's processes: diffusion with a reaction term and a site-dependent
/// diffusivity, fates, migration up VEGF with adhesion, deposition, mineralisation, structure.
inline auto vessel_processes() {
    return processes(diffuse_signals{reaction<vegf>(vegf_from_bmp2{}), diffusivity_factor<bmp2>(no_transport_in_bone{})},
                     cell_fates{}, cell_migration<vegf>{}, matrix_deposition{}, matrix_mineralisation{}, structure_remodelling{});
}
using vessel_processes_t = decltype(vessel_processes());
using vessel_options = lattice_options<double_storage, mineralisation_kinetics, generation>;
using vessel_compact_options = lattice_options<compact_storage, mineralisation_kinetics, generation>;

/// Configures the second model: two depositing states, outward periosteum, secretion and
/// uptake, VEGF with Strang splitting, periodic across x and fixed at the split axis' faces,
/// noggin periodic along the split axis.
template <class Tissue>
void configure_vessels(Tissue& t) {
    constexpr std::size_t last = Tissue::grid_type::dimension - 1;
    t.template process<diffuse_signals>()
        .template secretion<osteoblast, bmp2>(15.0_nM / 1.0_d)
        .template secretion<endothelial, noggin>(2.0_nM / 1.0_d)
        .template uptake<osteogenic, noggin>(0.3_per_d)
        .template splitting_of<vegf>(reaction_splitting::strang)
        .template boundary_of<vegf>(0, boundary::periodic)
        .template boundary_of<vegf>(last, boundary::fixed)
        .template fixed_value_of<vegf>(0.5_nM)
        .template boundary_of<noggin>(last, boundary::periodic);
    auto& m = t.template process<cell_migration<vegf>>();
    m.motility.template set<mesenchymal>(5.0_per_d).template set<endothelial>(1.0_per_d);
    m.chemotaxis = 0.3;
    m.adhesion = 1.5;
    t.template process<matrix_deposition>()
        .apposition.template set<osteoblast>(8.0_um_per_d)
        .template set<periosteal>(4.0_um_per_d);
    t.template process<structure_remodelling>().outward.template set<periosteal>(true);
}
/// Seeds the second model: mesenchyme, osteoblasts packed around clusters of vessel cells (which
/// bone walls in, making marrow), a BMP2 source. Whole-grid coordinates; 2-D or 3-D.
template <class Tissue>
void seed_vessels(Tissue& t) {
    const auto& g = t.grid();
    constexpr std::size_t dim = Tissue::grid_type::dimension;
    typename Tissue::grid_type::site_type c{};
    for (std::size_t a = 0; a < dim; ++a) c[a] = g.extent(a) / 2;
    const double r = 10.0 * 0.45 * g.extent(0);
    if constexpr (dim == 2) {
        t.fill_fraction(disc{c, length::from_value(r)}, mesenchymal{}, 0.5);
        t.fill_fraction(disc{c, length::from_value(0.6 * r)}, osteoblast{}, 0.6);
        t.template process<diffuse_signals>().template add_source<bmp2>(disc{c, 20.0_um}, 150.0_nM / 1.0_d);
    } else {
        t.fill_fraction(ball{c, length::from_value(r)}, mesenchymal{}, 0.5);
        t.fill_fraction(ball{c, length::from_value(0.6 * r)}, osteoblast{}, 0.6);
        t.template process<diffuse_signals>().template add_source<bmp2>(ball{c, 20.0_um}, 150.0_nM / 1.0_d);
    }
    // Vessel cells along the split axis, crossing the ranks' boundaries.
    for (std::int32_t k = 2; k + 2 < g.extent(dim - 1); k += 3) {
        auto s = c;
        s[dim - 1] = k;
        s[0] = c[0] + (k % 2 == 0 ? 1 : -1);
        t.place(s, endothelial{}, generation{});
    }
}

}  // namespace mpi_test

namespace mpi_test {

/// This rank's own sites of every array and the summed counters and clock, as words (to check
/// that a refused call changed nothing).
template <class Decomposed>
std::vector<std::uint64_t> owned_snapshot(const Decomposed& d) {
    std::vector<std::uint64_t> s{d.steps(), std::bit_cast<std::uint64_t>(d.time().value()), d.events().births,
                                 d.events().deaths, d.events().moves, d.events().blocked_divisions};
    for (const double c : d.counts()) s.push_back(static_cast<std::uint64_t>(c));
    d.visit_owned([&](std::string_view, auto values) {
        using T = std::remove_cv_t<typename decltype(values)::element_type>;
        const auto w = words<T>(std::span<const T>(values.data(), values.size()));
        s.insert(s.end(), w.begin(), w.end());
    });
    return s;
}

/// FNV-1a 64.
inline std::uint64_t fnv(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}
/// Rewrites a checkpoint's checksum (format 3, from its definition) so that an edited payload
/// passes it.
inline std::string with_valid_checksum(std::string bytes) {
    const std::string_view payload = std::string_view(bytes).substr(28);
    std::string hashes;
    for (std::size_t at = 0; at < payload.size(); at += std::size_t{1} << 20) {
        const std::uint64_t b = fnv(payload.substr(at, std::size_t{1} << 20));
        for (int k = 0; k < 8; ++k) hashes += static_cast<char>((b >> (8 * k)) & 0xffu);
    }
    const std::uint64_t h = fnv(hashes);
    for (int k = 0; k < 8; ++k) bytes[20 + static_cast<std::size_t>(k)] = static_cast<char>((h >> (8 * k)) & 0xffu);
    return bytes;
}
/// The offset in a checkpoint of the first value of the array called `name` (its last mention:
/// the signature lists the arrays' names before the arrays).
inline std::size_t values_of(const std::string& bytes, std::string_view name) {
    std::string needle(4, '\0');
    const auto n = static_cast<std::uint32_t>(name.size());
    for (int k = 0; k < 4; ++k) needle[static_cast<std::size_t>(k)] = static_cast<char>((n >> (8 * k)) & 0xffu);
    needle += name;
    const auto at = bytes.rfind(needle);
    return at == std::string::npos ? std::string::npos : at + needle.size() + 1 + 8;
}
/// The message of the checkpoint_error (or other ossify::error) f throws, "" if none.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const ossify::error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not an ossify::error: ") + e.what();
    }
    return "";
}
inline bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }
/// True on every rank when it is true on every rank.
inline bool everywhere(bool v) { return !world().any(!v); }

}  // namespace mpi_test
