/// @file
/// @brief The processes a lattice tissue runs each step, in this order by default:
///
/// 1. `diffuse_signals`: cells and fixed sources secrete, cells take up, signals diffuse
///    and decay (implicit LOD solver);
/// 2. `cell_fates`: every cell senses its site and advances through its rules (competing
///    risks, exact in time); transitions apply at once, then deaths, then divisions into
///    free neighbouring sites;
/// 3. `cell_migration`: motile cells (mesenchyme) move to free neighbours, biased by
///    chemotaxis and adhesion: condensation;
/// 4. `matrix_deposition`: depositing cells (osteoblasts, periosteum) lay osteoid into their
///    site and free neighbours, never into capillary sites;
/// 5. `matrix_mineralisation`: osteoid mineralises (lag, primary, secondary phase);
/// 6. `structure_remodelling`: the region connected to the tissue's outside is found; vessel
///    sites enclosed by bone become red marrow; the outer bone surface is marked (read by
///    `on_outer_surface`); outward-migrating cells (periosteum) leave filled sites.
///
/// Rules for reordering: `diffuse_signals` before `cell_fates` if policies should see this
/// step's signals; `structure_remodelling` last (its surface flags are read next step).
/// A process is any copyable object with `void operator()(Tissue&, double dt_days)`.
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_PROCESSES_HPP
#define OSSIFY_PROCESS_PROCESSES_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

#include "../random/purpose.hpp"
#include "../space/neighbourhood.hpp"
#include "../transition/advance.hpp"
#include "../units/quantities.hpp"
#include "lattice_environment.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Order in which cells are visited within a process. Results do not depend on it (a
/// test proves that); it exists so that this can be checked.
enum class visit_order : unsigned char { forward, reverse };

namespace detail {

inline constexpr std::uint8_t no_cell = 0xff;

/// A request of a cell at `source` for the free site `target`; the lowest priority wins.
struct site_claim {
    std::size_t target;
    double priority;
    std::size_t source;
};

/// Sorts claims and keeps the winner of each target (lowest priority, then lowest source):
/// the outcome is a function of the set of claims, not of the order they were made in.
inline void resolve_claims(std::vector<site_claim>& claims) {
    std::sort(claims.begin(), claims.end(), [](const site_claim& a, const site_claim& b) {
        if (a.target != b.target) return a.target < b.target;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.source < b.source;
    });
    claims.erase(std::unique(claims.begin(), claims.end(),
                             [](const site_claim& a, const site_claim& b) { return a.target == b.target; }),
                 claims.end());
}

/// Calls f(neighbour index) for each on-grid von Neumann neighbour of site i.
template <class Grid, class F>
void for_each_face_neighbour(const Grid& g, std::size_t i, F&& f) {
    const auto c = g.coords(i);
    for (const auto& o : von_neumann<Grid::dimension>::offsets) {
        auto n = c;
        bool inside = true;
        for (std::size_t a = 0; a < Grid::dimension; ++a) {
            n[a] += o[a];
            inside = inside && n[a] >= 0 && n[a] < g.extent(a);
        }
        if (inside) f(g.index(n));
    }
}

/// Visits 0..n-1 forward or backward.
template <class F>
void visit_sites(std::size_t n, bool reverse, F&& f) {
    if (reverse) {
        for (std::size_t k = n; k-- > 0;) f(k);
    } else {
        for (std::size_t k = 0; k < n; ++k) f(k);
    }
}

}  // namespace detail

/// @brief Process 1: secretion, uptake, fixed sources, then diffusion and decay of every
/// signal the tissue carries.
struct diffuse_signals {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        if constexpr (Tissue::signal_count > 0) {
            auto& fields = t.signal_fields();
            const auto states = t.states();
            Tissue::for_each_signal([&]<class S>() {
                const std::size_t k = Tissue::template signal_index<S>();
                auto src = fields.template sources<S>();
                auto up = fields.template uptakes<S>();
                const auto& sec = t.secretion_table()[k];
                const auto& upt = t.uptake_table()[k];
                for (std::size_t i = 0; i < states.size(); ++i) {
                    const auto s = states[i];
                    src[i] = s == detail::no_cell ? 0.0 : sec[s];
                    up[i] = s == detail::no_cell ? 0.0 : upt[s];
                }
                for (const auto& e : t.external_sources()) {
                    if (e.signal != k) continue;
                    for (const auto i : e.sites) src[i] += e.rate;
                }
            });
            fields.step(duration::from_value(dt));
        }
    }
};

/// @brief Process 2: every cell advances through its rules; then deaths and divisions.
struct cell_fates {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        auto d = t.data();
        const auto& rules = t.rules();
        const auto& g = t.grid();
        const double now = t.now_days();
        const auto draw = t.rng().bind(d.step, random::purpose::transition);
        dying_.clear();
        dividing_.clear();
        detail::visit_sites(g.size(), t.order() == visit_order::reverse, [&](std::size_t i) {
            const auto s = d.state[i];
            if (s == detail::no_cell) return;
            const lattice_environment<Tissue> env(t, i);
            const double tis = now - static_cast<double>(d.entered[i]);
            const cell_outcome out = advance_cell(rules, s, tis, now, dt, env,
                                                  [&](std::uint32_t k) { return draw.uniform(i, k); });
            const double at = out.event ? out.event_offset : dt;
            if (out.transitions > 0) {
                d.state[i] = static_cast<std::uint8_t>(out.state);
                d.entered[i] = static_cast<float>(now + at - out.time_in_state);
            }
            if (out.event) {
                if (out.event_kind == rule_kind::death) dying_.push_back(i);
                else dividing_.push_back({i, now + at});
            }
        });
        for (const auto i : dying_) d.state[i] = detail::no_cell;
        d.deaths += dying_.size();
        divide(t, d, dt);
    }

private:
    struct division {
        std::size_t site;
        double at;
    };

    template <class Tissue, class Data>
    void divide(const Tissue& t, Data& d, double) const {
        if (dividing_.empty()) return;
        const auto& g = t.grid();
        const auto where = t.rng().bind(d.step, random::purpose::division_direction);
        claims_.clear();
        std::sort(dividing_.begin(), dividing_.end(), [](const division& a, const division& b) { return a.site < b.site; });
        for (const auto& dv : dividing_) {
            std::array<std::size_t, 6> free{};
            std::size_t n = 0;
            detail::for_each_face_neighbour(g, dv.site, [&](std::size_t j) {
                if (t.is_free(j)) free[n++] = j;
            });
            if (n == 0) {
                ++d.blocked_divisions;
                continue;
            }
            const auto pick = std::min(static_cast<std::size_t>(where.uniform(dv.site, 0) * static_cast<double>(n)), n - 1);
            claims_.push_back({free[pick], where.uniform(dv.site, 1), dv.site});
        }
        const std::size_t wanted = claims_.size();
        detail::resolve_claims(claims_);
        d.blocked_divisions += wanted - claims_.size();
        for (const auto& c : claims_) {
            const auto it = std::lower_bound(dividing_.begin(), dividing_.end(), c.source,
                                             [](const division& a, std::size_t s) { return a.site < s; });
            d.state[c.target] = d.state[c.source];
            d.entered[c.target] = static_cast<float>(it->at);
            ++d.births;
        }
    }

    mutable std::vector<std::size_t> dying_;
    mutable std::vector<division> dividing_;
    mutable std::vector<detail::site_claim> claims_;
};

/// @brief Process 3: motile cells move to a free neighbouring site. A cell with motility m
/// tries with probability 1 - exp(-m dt); the target is drawn with weight
/// exp(chemotaxis * (c_target - c_here)) * (1 + adhesion * occupied neighbours of the target).
struct cell_migration {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        const auto& mot = t.motilities();
        if (std::all_of(mot.begin(), mot.end(), [](double m) { return m == 0.0; })) return;
        auto d = t.data();
        const auto& g = t.grid();
        const auto [chemotaxis, signal, adhesion] = t.migration_bias();
        const double* c = nullptr;
        if constexpr (Tissue::signal_count > 0) {
            Tissue::for_each_signal([&]<class S>() {
                if (Tissue::template signal_index<S>() == signal) c = t.template field<S>().data();
            });
        }
        const auto draw = t.rng().bind(d.step, random::purpose::migration);
        claims_.clear();
        detail::visit_sites(g.size(), t.order() == visit_order::reverse, [&](std::size_t i) {
            const auto s = d.state[i];
            if (s == detail::no_cell || mot[s] == 0.0) return;
            if (!(draw.uniform(i, 0) < -std::expm1(-mot[s] * dt))) return;
            std::array<std::size_t, 6> free{};
            std::array<double, 6> w{};
            std::size_t n = 0;
            double total = 0.0;
            detail::for_each_face_neighbour(g, i, [&](std::size_t j) {
                if (!t.is_free(j)) return;
                double weight = 1.0;
                if (c != nullptr && chemotaxis != 0.0) weight *= std::exp(chemotaxis * (c[j] - c[i]));
                if (adhesion > 0.0) {
                    std::size_t occupied = 0;
                    detail::for_each_face_neighbour(g, j, [&](std::size_t k) {
                        occupied += (k != i && d.state[k] != detail::no_cell) ? 1u : 0u;
                    });
                    weight *= 1.0 + adhesion * static_cast<double>(occupied);
                }
                free[n] = j;
                w[n++] = weight;
                total += weight;
            });
            if (n == 0 || !(total > 0.0)) return;
            const double target = draw.uniform(i, 1) * total;
            std::size_t pick = n - 1;
            double acc = 0.0;
            for (std::size_t k = 0; k < n; ++k) {
                acc += w[k];
                if (target < acc) { pick = k; break; }
            }
            claims_.push_back({free[pick], draw.uniform(i, 2), i});
        });
        detail::resolve_claims(claims_);
        for (const auto& cl : claims_) {
            d.state[cl.target] = d.state[cl.source];
            d.entered[cl.target] = d.entered[cl.source];
            d.state[cl.source] = detail::no_cell;
        }
        d.moves += claims_.size();
    }

private:
    mutable std::vector<detail::site_claim> claims_;
};

/// @brief Process 4: cells with an apposition rate lay osteoid into their site and free
/// neighbours, never into sites of matrix-blocking states (capillaries) or marrow.
struct matrix_deposition {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        const auto& rates = t.apposition_rates();
        if (std::all_of(rates.begin(), rates.end(), [](double v) { return v == 0.0; })) return;
        auto d = t.data();
        const std::size_t n = t.grid().size();
        blocked_.assign(n, 0);
        mask_.assign(n, 0);
        const auto& blocks = t.blocks_matrix();
        for (std::size_t i = 0; i < n; ++i) {
            const auto s = d.state[i];
            blocked_[i] = static_cast<std::uint8_t>(d.marrow[i] != 0 || (s != detail::no_cell && blocks[s] != 0));
        }
        for (std::size_t s = 0; s < rates.size(); ++s) {
            if (rates[s] == 0.0) continue;
            for (std::size_t i = 0; i < n; ++i) mask_[i] = d.state[i] == s ? 1 : 0;
            d.matrix.deposit_by_osteoblast_mask(mask_, blocked_, velocity::from_value(rates[s]),
                                                duration::from_value(dt));
        }
    }

private:
    mutable std::vector<std::uint8_t> blocked_, mask_;
};

/// @brief Process 5: the matrix mineralises (exactly, for any dt).
struct matrix_mineralisation {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        t.data().matrix.mineralise(duration::from_value(dt));
    }
};

/// @brief Process 6: the outside, the outer bone surface, enclosed vessels becoming red
/// marrow, and outward migration of surface cells that sit in filled sites.
struct structure_remodelling {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double) const {
        auto d = t.data();
        const auto& g = t.grid();
        const std::size_t n = g.size();
        const double bone = t.bone_threshold();
        // The outside: non-bone sites connected to the grid boundary through non-bone sites.
        outside_.assign(n, 0);
        queue_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (d.matrix.matrix_fraction(i) >= bone) continue;
            const auto c = g.coords(i);
            bool edge = false;
            for (std::size_t a = 0; a < Tissue::dimension; ++a) edge = edge || c[a] == 0 || c[a] == g.extent(a) - 1;
            if (edge) {
                outside_[i] = 1;
                queue_.push_back(i);
            }
        }
        for (std::size_t head = 0; head < queue_.size(); ++head) {
            detail::for_each_face_neighbour(g, queue_[head], [&](std::size_t j) {
                if (outside_[j] == 0 && d.matrix.matrix_fraction(j) < bone) {
                    outside_[j] = 1;
                    queue_.push_back(j);
                }
            });
        }
        const auto& blocks = t.blocks_matrix();
        for (std::size_t i = 0; i < n; ++i) {
            const auto s = d.state[i];
            // Vessel spaces walled in by bone condense into red marrow (source text, Fig. 6.4.1 d).
            if (s != detail::no_cell && blocks[s] != 0 && outside_[i] == 0) d.marrow[i] = 1;
            std::uint8_t surface = 0;
            if (outside_[i] != 0) {
                detail::for_each_face_neighbour(g, i, [&](std::size_t j) {
                    surface = static_cast<std::uint8_t>(surface | (d.matrix.matrix_fraction(j) >= bone ? 1 : 0));
                });
            }
            d.surface[i] = surface;
        }
        // Outward migration: the periosteum stays on the surface as compact bone grows under it.
        const auto& outward = t.outward_migration();
        if (std::none_of(outward.begin(), outward.end(), [](std::uint8_t o) { return o != 0; })) return;
        const auto draw = t.rng().bind(d.step, random::purpose::migration);
        claims_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            const auto s = d.state[i];
            if (s == detail::no_cell || outward[s] == 0 || d.matrix.matrix_fraction(i) < bone) continue;
            std::array<std::size_t, 6> free{};
            std::size_t m = 0;
            detail::for_each_face_neighbour(g, i, [&](std::size_t j) {
                if (outside_[j] != 0 && t.is_free(j)) free[m++] = j;
            });
            if (m == 0) continue;
            // Indices 16 and 17: cell_migration uses 0-2 of the same (step, site, purpose).
            const auto pick = std::min(static_cast<std::size_t>(draw.uniform(i, 16) * static_cast<double>(m)), m - 1);
            claims_.push_back({free[pick], draw.uniform(i, 17), i});
        }
        detail::resolve_claims(claims_);
        for (const auto& cl : claims_) {
            d.state[cl.target] = d.state[cl.source];
            d.entered[cl.target] = d.entered[cl.source];
            d.state[cl.source] = detail::no_cell;
        }
        d.moves += claims_.size();
    }

private:
    mutable std::vector<std::uint8_t> outside_;
    mutable std::vector<std::size_t> queue_;
    mutable std::vector<detail::site_claim> claims_;
};

/// @brief The default process sequence (see the top of this header for the order).
using default_processes = std::tuple<diffuse_signals, cell_fates, cell_migration, matrix_deposition,
                                     matrix_mineralisation, structure_remodelling>;

/// @brief A process tuple from process objects, for a custom sequence:
/// `processes(diffuse_signals{}, cell_fates{}, my_process{})`.
template <class... P>
[[nodiscard]] constexpr std::tuple<P...> processes(P... p) {
    return std::tuple<P...>(std::move(p)...);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_PROCESSES_HPP
