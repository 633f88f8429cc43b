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
#include <exception>
#include <tuple>
#include <type_traits>
#include <vector>

#ifdef OSSIFY_USE_OPENMP
#include <omp.h>
#endif

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

/// The shape of a grid as plain numbers (a 2-D grid is one plane, nz = 1): hot loops walk
/// rows (row = y + ny z) and carry coordinates, so no index is ever divided back.
struct lattice_shape {
    std::size_t nx = 1, ny = 1, nz = 1;  ///< extents
    std::size_t sy = 1, sz = 1;          ///< strides of y and z
    /// Number of rows.
    [[nodiscard]] std::size_t rows() const noexcept { return ny * nz; }
};

/// The shape of a grid.
template <class Grid>
[[nodiscard]] lattice_shape shape_of(const Grid& g) noexcept {
    lattice_shape s;
    s.nx = static_cast<std::size_t>(g.extent(0));
    s.ny = static_cast<std::size_t>(g.extent(1));
    if constexpr (Grid::dimension == 3) s.nz = static_cast<std::size_t>(g.extent(2));
    s.sy = s.nx;
    s.sz = s.nx * s.ny;
    return s;
}

/// Calls f(j, xj, yj, zj) for each on-grid face neighbour of site i at (x, y, z), in the order
/// of von_neumann<Dim>::offsets (x-1, x+1, y-1, y+1[, z-1, z+1]).
template <std::size_t Dim, class F>
inline void for_each_face_neighbour_at(const lattice_shape& s, std::size_t i, std::size_t x, std::size_t y,
                                       std::size_t z, F&& f) {
    if (x > 0) f(i - 1, x - 1, y, z);
    if (x + 1 < s.nx) f(i + 1, x + 1, y, z);
    if (y > 0) f(i - s.sy, x, y - 1, z);
    if (y + 1 < s.ny) f(i + s.sy, x, y + 1, z);
    if constexpr (Dim == 3) {
        if (z > 0) f(i - s.sz, x, y, z - 1);
        if (z + 1 < s.nz) f(i + s.sz, x, y, z + 1);
    }
}

/// Calls f(i, x, y, z) for every site of rows [r0, r1), forward or backward.
template <class F>
inline void visit_rows(const lattice_shape& s, std::size_t r0, std::size_t r1, bool reverse, F&& f) {
    if (reverse) {
        for (std::size_t r = r1; r-- > r0;) {
            const std::size_t y = r % s.ny, z = r / s.ny;
            for (std::size_t x = s.nx; x-- > 0;) f(r * s.nx + x, x, y, z);
        }
    } else {
        for (std::size_t r = r0; r < r1; ++r) {
            const std::size_t y = r % s.ny, z = r / s.ny;
            for (std::size_t x = 0; x < s.nx; ++x) f(r * s.nx + x, x, y, z);
        }
    }
}

/// Visits rows [r0, r1) like visit_rows, calling f(i, x, y, z, u) only for the sites with
/// pred(i), where u = draw.uniform(i, 0): the first draws of a row are made together before
/// the row is visited (a loop without dependencies between draws), the same numbers as
/// drawing each on its own. pred must not change while the rows are visited.
template <class Draw, class Pred, class F>
inline void visit_rows_with_first_draw(const lattice_shape& s, std::size_t r0, std::size_t r1, bool reverse,
                                       const Draw& draw, std::vector<std::uint64_t>& ids, std::vector<double>& u,
                                       Pred&& pred, F&& f) {
    ids.resize(s.nx);
    u.resize(s.nx);
    const auto row = [&](std::size_t r) {
        const std::size_t base = r * s.nx, y = r % s.ny, z = r / s.ny;
        std::size_t m = 0;
        for (std::size_t x = 0; x < s.nx; ++x) {
            ids[m] = base + x;
            m += pred(base + x) ? 1u : 0u;
        }
        draw.uniforms(ids.data(), m, 0, u.data());
        if (reverse) {
            for (std::size_t k = m; k-- > 0;) {
                const auto i = static_cast<std::size_t>(ids[k]);
                f(i, i - base, y, z, u[k]);
            }
        } else {
            for (std::size_t k = 0; k < m; ++k) {
                const auto i = static_cast<std::size_t>(ids[k]);
                f(i, i - base, y, z, u[k]);
            }
        }
    };
    if (reverse) {
        for (std::size_t r = r1; r-- > r0;) row(r);
    } else {
        for (std::size_t r = r0; r < r1; ++r) row(r);
    }
}

/// Threads a process may use (1 without OpenMP).
[[nodiscard]] inline std::size_t process_threads() noexcept {
#ifdef OSSIFY_USE_OPENMP
    return static_cast<std::size_t>(omp_get_max_threads());
#else
    return 1;
#endif
}

/// Runs body(r0, r1, thread) over contiguous blocks of the rows [0, rows): one block per
/// thread with OpenMP (an exception thrown by a thread is rethrown here), else one call.
/// Results must not depend on the split: bodies write only their own rows' sites or into
/// their thread's buffers, which the caller merges in a fixed (sorted) order.
template <class Body>
void parallel_rows(std::size_t rows, Body&& body) {
#ifdef OSSIFY_USE_OPENMP
    const std::size_t threads = process_threads();
    if (threads > 1 && rows >= 2 * threads) {
        std::vector<std::exception_ptr> errors(threads);
#pragma omp parallel num_threads(static_cast<int>(threads))
        {
            const auto nt = static_cast<std::size_t>(omp_get_num_threads());
            const auto t = static_cast<std::size_t>(omp_get_thread_num());
            try {
                body(rows * t / nt, rows * (t + 1) / nt, t);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        }
        for (const auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
        return;
    }
#endif
    body(std::size_t{0}, rows, std::size_t{0});
}

/// Per-thread buffers of a process, kept between steps (no per-step allocation).
template <class T>
struct thread_buffers {
    std::vector<std::vector<T>> per_thread;
    /// Clears every buffer, one per thread.
    void reset() {
        per_thread.resize(std::max<std::size_t>(process_threads(), 1));
        for (auto& b : per_thread) b.clear();
    }
    /// Appends every thread's buffer to out, in thread order.
    void gather(std::vector<T>& out) const {
        out.clear();
        for (const auto& b : per_thread) out.insert(out.end(), b.begin(), b.end());
    }
};

/// Sites of the outside: scanline flood fill, on a byte mask with bit `bone` set on bone
/// sites, of every non-bone site connected to the grid boundary through non-bone sites;
/// sets bit `outside` on them. The stack holds (row, x) seeds, one per run of a row.
inline void fill_outside(const lattice_shape& s, std::uint8_t* flags, std::uint8_t bone, std::uint8_t outside,
                         std::vector<std::array<std::size_t, 2>>& stack) {
    const std::uint8_t stop = static_cast<std::uint8_t>(bone | outside);
    const std::size_t nx = s.nx;
    const auto open = [&](std::size_t row, std::size_t x) { return (flags[row * nx + x] & stop) == 0; };
    const auto push_runs = [&](std::size_t row, std::size_t xl, std::size_t xr) {
        bool prev = false;
        for (std::size_t x = xl; x <= xr; ++x) {
            const bool o = open(row, x);
            if (o && !prev) stack.push_back({row, x});
            prev = o;
        }
    };
    const auto drain = [&] {
        while (!stack.empty()) {
            const auto [row, x] = stack.back();
            stack.pop_back();
            if (!open(row, x)) continue;
            std::size_t xl = x, xr = x;
            while (xl > 0 && open(row, xl - 1)) --xl;
            while (xr + 1 < nx && open(row, xr + 1)) ++xr;
            std::uint8_t* p = flags + row * nx;
            for (std::size_t k = xl; k <= xr; ++k) p[k] = static_cast<std::uint8_t>(p[k] | outside);
            const std::size_t y = row % s.ny, z = row / s.ny;
            if (y > 0) push_runs(row - 1, xl, xr);
            if (y + 1 < s.ny) push_runs(row + 1, xl, xr);
            if (z > 0) push_runs(row - s.ny, xl, xr);
            if (z + 1 < s.nz) push_runs(row + s.ny, xl, xr);
        }
    };
    for (std::size_t row = 0; row < s.rows(); ++row) {
        const std::size_t y = row % s.ny, z = row / s.ny;
        const bool face_row = y == 0 || y + 1 == s.ny || (s.nz > 1 && (z == 0 || z + 1 == s.nz));
        if (face_row) {
            push_runs(row, 0, nx - 1);
        } else {
            if (open(row, 0)) stack.push_back({row, 0});
            if (open(row, nx - 1)) stack.push_back({row, nx - 1});
        }
        drain();
    }
}

}  // namespace detail

/// @brief Process 1: secretion, uptake, fixed sources, then diffusion and decay of every
/// signal the tissue carries. The sources and uptakes of a row are computed from the cells'
/// states inside the solver's pass over that row (no per-site source or uptake arrays).
struct diffuse_signals {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        if constexpr (Tissue::signal_count > 0) {
            auto& fields = t.signal_fields();
            const std::uint8_t* states = t.states().data();
            using value_type = typename std::remove_cvref_t<decltype(fields)>::value_type;
            Tissue::for_each_signal([&]<class S>() {
                const std::size_t k = Tissue::template signal_index<S>();
                // Tables over all 256 state bytes (empty sites read 0).
                std::array<value_type, 256> sec{}, upt{};
                for (std::size_t s = 0; s < Tissue::state_count; ++s) {
                    sec[s] = static_cast<value_type>(t.secretion_table()[k][s]);
                    upt[s] = static_cast<value_type>(t.uptake_table()[k][s]);
                }
                // Fixed sources of this signal, by site (then in the order they were added,
                // so that overlapping sources add up in that order).
                auto& ext = external_;
                ext.clear();
                for (const auto& e : t.external_sources()) {
                    if (e.signal != k) continue;
                    for (const auto i : e.sites) ext.push_back({i, e.rate});
                }
                std::stable_sort(ext.begin(), ext.end(), [](const fixed& a, const fixed& b) { return a.index < b.index; });
                fields.template step_with_sources<S>(
                    duration::from_value(dt), [&](std::size_t off, std::size_t n, value_type* src, value_type* up) {
                        for (std::size_t i = 0; i < n; ++i) {
                            const auto s = states[off + i];
                            src[i] = sec[s];
                            up[i] = upt[s];
                        }
                        if (ext.empty()) return;
                        auto it = std::lower_bound(ext.begin(), ext.end(), off,
                                                   [](const fixed& a, std::size_t at) { return a.index < at; });
                        for (; it != ext.end() && it->index < off + n; ++it) {
                            src[it->index - off] += static_cast<value_type>(it->rate);
                        }
                    });
            });
        }
    }

private:
    struct fixed {
        std::size_t index;
        double rate;
    };
    mutable std::vector<fixed> external_;
};

/// @brief Process 2: every cell advances through its rules; then deaths and divisions.
/// Transitions are collected and applied after all cells have been advanced, so every
/// policy sees the tissue as it was at the start of the phase.
struct cell_fates {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        auto d = t.data();
        const auto& rules = t.rules();
        const auto shape = detail::shape_of(t.grid());
        const double now = t.now_days();
        const auto draw = t.rng().bind(d.step, random::purpose::transition);
        const bool reverse = t.order() == visit_order::reverse;
        const std::uint8_t* state = d.state.data();
        const float* entered = d.entered.data();
        changes_.reset();
        dying_.reset();
        dividing_.reset();
        ids_.reset();
        first_.reset();
        detail::parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            auto& changes = changes_.per_thread[th];
            auto& dying = dying_.per_thread[th];
            auto& dividing = dividing_.per_thread[th];
            const auto occupied = [&](std::size_t i) { return state[i] != detail::no_cell; };
            detail::visit_rows_with_first_draw(shape, r0, r1, reverse, draw, ids_.per_thread[th], first_.per_thread[th], occupied,
                                               [&](std::size_t i, std::size_t, std::size_t, std::size_t, double u0) {
                const auto s = state[i];
                const lattice_environment<Tissue> env(t, i);
                const double tis = now - static_cast<double>(entered[i]);
                const cell_outcome out = advance_cell(rules, s, tis, now, dt, env,
                                                      [&](std::uint32_t k) { return k == 0 ? u0 : draw.uniform(i, k); });
                const double at = out.event ? out.event_offset : dt;
                if (out.transitions > 0) {
                    changes.push_back({i, static_cast<std::uint8_t>(out.state),
                                       static_cast<float>(now + at - out.time_in_state)});
                }
                if (out.event) {
                    if (out.event_kind == rule_kind::death) dying.push_back(i);
                    else dividing.push_back({i, now + at});
                }
            });
        });
        for (const auto& b : changes_.per_thread) {
            for (const auto& c : b) {
                d.state[c.site] = c.state;
                d.entered[c.site] = c.entered;
            }
        }
        dying_.gather(dying_all_);
        for (const auto i : dying_all_) d.state[i] = detail::no_cell;
        d.deaths += dying_all_.size();
        dividing_.gather(dividing_all_);
        divide(t, d);
    }

private:
    struct division {
        std::size_t site;
        double at;
    };
    struct change {
        std::size_t site;
        std::uint8_t state;
        float entered;
    };

    template <class Tissue, class Data>
    void divide(const Tissue& t, Data& d) const {
        if (dividing_all_.empty()) return;
        const auto& g = t.grid();
        const auto where = t.rng().bind(d.step, random::purpose::division_direction);
        claims_.clear();
        std::sort(dividing_all_.begin(), dividing_all_.end(),
                  [](const division& a, const division& b) { return a.site < b.site; });
        for (const auto& dv : dividing_all_) {
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
            const auto it = std::lower_bound(dividing_all_.begin(), dividing_all_.end(), c.source,
                                             [](const division& a, std::size_t s) { return a.site < s; });
            d.state[c.target] = d.state[c.source];
            d.entered[c.target] = static_cast<float>(it->at);
            ++d.births;
        }
    }

    mutable detail::thread_buffers<std::uint64_t> ids_;
    mutable detail::thread_buffers<double> first_;
    mutable detail::thread_buffers<change> changes_;
    mutable detail::thread_buffers<std::size_t> dying_;
    mutable detail::thread_buffers<division> dividing_;
    mutable std::vector<std::size_t> dying_all_;
    mutable std::vector<division> dividing_all_;
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
        const auto shape = detail::shape_of(t.grid());
        const auto [chemotaxis, signal, adhesion] = t.migration_bias();
        const typename Tissue::signal_value_type* c = nullptr;
        if constexpr (Tissue::signal_count > 0) {
            Tissue::for_each_signal([&]<class S>() {
                if (Tissue::template signal_index<S>() == signal) c = t.template field<S>().data();
            });
        }
        const bool chemo = c != nullptr && chemotaxis != 0.0;
        // Probability of a try per state (0 for empty sites and immotile states).
        std::array<double, 256> p_try{};
        for (std::size_t s = 0; s < mot.size(); ++s) p_try[s] = mot[s] == 0.0 ? 0.0 : -std::expm1(-mot[s] * dt);
        const std::uint8_t* state = d.state.data();
        const std::uint8_t* marrow = d.marrow.data();
        const auto& matrix = d.matrix;
        const double bone = t.bone_threshold();
        const auto is_free = [&](std::size_t j) {
            return state[j] == detail::no_cell && marrow[j] == 0 && matrix.matrix_fraction(j) < bone;
        };
        constexpr std::size_t dim = Tissue::dimension;
        const auto draw = t.rng().bind(d.step, random::purpose::migration);
        claims_.reset();
        ids_.reset();
        first_.reset();
        detail::parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            auto& claims = claims_.per_thread[th];
            const auto motile = [&](std::size_t i) { return p_try[state[i]] != 0.0; };
            detail::visit_rows_with_first_draw(shape, r0, r1, t.order() == visit_order::reverse, draw,
                                               ids_.per_thread[th], first_.per_thread[th], motile,
                                               [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z, double u0) {
                if (!(u0 < p_try[state[i]])) return;
                std::array<std::size_t, 6> free{};
                std::array<double, 6> w{};
                std::size_t n = 0;
                double total = 0.0;
                detail::for_each_face_neighbour_at<dim>(shape, i, x, y, z,
                                                        [&](std::size_t j, std::size_t xj, std::size_t yj, std::size_t zj) {
                    if (!is_free(j)) return;
                    double weight = 1.0;
                    if (chemo) weight *= std::exp(chemotaxis * (c[j] - c[i]));
                    if (adhesion > 0.0) {
                        std::size_t occupied = 0;
                        detail::for_each_face_neighbour_at<dim>(shape, j, xj, yj, zj,
                                                                [&](std::size_t k, std::size_t, std::size_t, std::size_t) {
                            occupied += (k != i && state[k] != detail::no_cell) ? 1u : 0u;
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
                claims.push_back({free[pick], draw.uniform(i, 2), i});
            });
        });
        claims_.gather(all_);
        detail::resolve_claims(all_);
        for (const auto& cl : all_) {
            d.state[cl.target] = d.state[cl.source];
            d.entered[cl.target] = d.entered[cl.source];
            d.state[cl.source] = detail::no_cell;
        }
        d.moves += all_.size();
    }

private:
    mutable detail::thread_buffers<detail::site_claim> claims_;
    mutable detail::thread_buffers<std::uint64_t> ids_;
    mutable detail::thread_buffers<double> first_;
    mutable std::vector<detail::site_claim> all_;
};

/// @brief Process 4: cells with an apposition rate lay osteoid into their site and free
/// neighbours, never into sites of matrix-blocking states (capillaries) or marrow.
///
/// The same deposit as matrix_field::deposit_by_osteoblast_mask, per depositing state in
/// lineage order, computed by gathering: each eligible site sums the shares of the
/// depositing cells around it in ascending order of their sites (the order in which the
/// field would add them), so the result is the same bit for bit, and rows are independent.
struct matrix_deposition {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double dt) const {
        const auto& rates = t.apposition_rates();
        if (std::all_of(rates.begin(), rates.end(), [](double v) { return v == 0.0; })) return;
        auto d = t.data();
        const auto shape = detail::shape_of(t.grid());
        const std::size_t n = t.grid().size();
        const auto& blocks = t.blocks_matrix();
        std::array<std::uint8_t, 256> blocking{};
        for (std::size_t s = 0; s < blocks.size(); ++s) blocking[s] = blocks[s];
        const std::uint8_t* state = d.state.data();
        const std::uint8_t* marrow = d.marrow.data();
        auto& matrix = d.matrix;
        eligible_.resize(n);
        std::uint8_t* eligible = eligible_.data();
        constexpr std::size_t dim = Tissue::dimension;
        const double h = t.grid().spacing_um();
        for (std::size_t s = 0; s < rates.size(); ++s) {
            if (rates[s] == 0.0) continue;
            const double share = rates[s] * dt / h;  // as matrix_field::check_deposition
            if (!std::isfinite(share)) {
                throw invalid_parameter("ossify::matrix_deposition", "apposition_rate * dt",
                                        detail::format_value(rates[s] * dt) + " um", "finite");
            }
            if (!(share > 0.0)) continue;
            // Eligibility as judged before this state deposits: not blocked, not full.
            detail::parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                for (std::size_t i = r0 * shape.nx; i < r1 * shape.nx; ++i) {
                    eligible[i] = static_cast<std::uint8_t>(marrow[i] == 0 && blocking[state[i]] == 0 &&
                                                            matrix.matrix_fraction(i) < 1.0);
                }
            });
            const auto depositor = static_cast<std::uint8_t>(s);
            // Share of one depositing cell at site j (x, y, z) for each eligible site around it.
            const auto each = [&](std::size_t j, std::size_t x, std::size_t y, std::size_t z) {
                std::size_t m = eligible[j];
                detail::for_each_face_neighbour_at<dim>(shape, j, x, y, z,
                                                        [&](std::size_t k, std::size_t, std::size_t, std::size_t) { m += eligible[k]; });
                return share / static_cast<double>(m);
            };
            detail::parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                detail::visit_rows(shape, r0, r1, false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
                    if (eligible[i] == 0) return;
                    // Depositors among the site and its face neighbours, in ascending order.
                    double request = 0.0;
                    bool any = false;
                    const auto add = [&](std::size_t j, std::size_t xj, std::size_t yj, std::size_t zj) {
                        if (state[j] != depositor) return;
                        request += each(j, xj, yj, zj);
                        any = true;
                    };
                    if constexpr (dim == 3) {
                        if (z > 0) add(i - shape.sz, x, y, z - 1);
                    }
                    if (y > 0) add(i - shape.sy, x, y - 1, z);
                    if (x > 0) add(i - 1, x - 1, y, z);
                    add(i, x, y, z);
                    if (x + 1 < shape.nx) add(i + 1, x + 1, y, z);
                    if (y + 1 < shape.ny) add(i + shape.sy, x, y + 1, z);
                    if constexpr (dim == 3) {
                        if (z + 1 < shape.nz) add(i + shape.sz, x, y, z + 1);
                    }
                    if (any) matrix.deposit(i, request);
                });
            });
        }
    }

private:
    mutable std::vector<std::uint8_t> eligible_;
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
///
/// The outside and the surface are recomputed (scanline flood fill) only in steps in which
/// the set of bone sites changed; one byte per site keeps the bone and outside flags.
struct structure_remodelling {
    /// @brief Runs the process.
    template <class Tissue>
    void operator()(Tissue& t, double) const {
        auto d = t.data();
        const auto& g = t.grid();
        const auto shape = detail::shape_of(g);
        const std::size_t n = g.size();
        const double bone = t.bone_threshold();
        constexpr std::uint8_t bone_bit = 1, outside_bit = 2;
        constexpr std::size_t dim = Tissue::dimension;
        const auto& matrix = d.matrix;
        bool changed = flags_.size() != n || threshold_ != bone;
        if (changed) flags_.assign(n, 0);
        threshold_ = bone;
        std::uint8_t* flags = flags_.data();
        // Bone flags, and whether any changed since the last call.
        std::vector<std::uint8_t> changed_in(detail::process_threads(), 0);
        detail::parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t th) {
            std::uint8_t diff = 0;
            for (std::size_t i = r0 * shape.nx; i < r1 * shape.nx; ++i) {
                const auto b = static_cast<std::uint8_t>(matrix.matrix_fraction(i) >= bone ? bone_bit : 0);
                diff = static_cast<std::uint8_t>(diff | ((flags[i] & bone_bit) ^ b));
                flags[i] = static_cast<std::uint8_t>((flags[i] & ~bone_bit) | b);
            }
            changed_in[th] = diff;
        });
        for (const auto c : changed_in) changed = changed || c != 0;
        if (changed) {
            // The outside: non-bone sites connected to the grid boundary through non-bone sites.
            for (std::size_t i = 0; i < n; ++i) flags[i] = static_cast<std::uint8_t>(flags[i] & bone_bit);
            detail::fill_outside(shape, flags, bone_bit, outside_bit, stack_);
            // The outer surface: outside sites with a bone face neighbour.
            detail::parallel_rows(shape.rows(), [&](std::size_t r0, std::size_t r1, std::size_t) {
                detail::visit_rows(shape, r0, r1, false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
                    std::uint8_t surface = 0;
                    if ((flags[i] & outside_bit) != 0) {
                        detail::for_each_face_neighbour_at<dim>(shape, i, x, y, z,
                                                                [&](std::size_t j, std::size_t, std::size_t, std::size_t) {
                            surface = static_cast<std::uint8_t>(surface | (flags[j] & bone_bit));
                        });
                    }
                    d.surface[i] = surface;
                });
            });
        }
        // Vessel spaces walled in by bone condense into red marrow (source text, Fig. 6.4.1 d).
        const auto& blocks = t.blocks_matrix();
        if (std::any_of(blocks.begin(), blocks.end(), [](std::uint8_t b) { return b != 0; })) {
            std::array<std::uint8_t, 256> blocking{};
            for (std::size_t s = 0; s < blocks.size(); ++s) blocking[s] = blocks[s];
            const std::uint8_t* state = d.state.data();
            for (std::size_t i = 0; i < n; ++i) {
                if (blocking[state[i]] != 0 && (flags[i] & outside_bit) == 0) d.marrow[i] = 1;
            }
        }
        // Outward migration: the periosteum stays on the surface as compact bone grows under it.
        const auto& outward = t.outward_migration();
        if (std::none_of(outward.begin(), outward.end(), [](std::uint8_t o) { return o != 0; })) return;
        const auto draw = t.rng().bind(d.step, random::purpose::migration);
        claims_.clear();
        detail::visit_rows(shape, 0, shape.rows(), false, [&](std::size_t i, std::size_t x, std::size_t y, std::size_t z) {
            const auto s = d.state[i];
            if (s == detail::no_cell || outward[s] == 0 || (flags[i] & bone_bit) == 0) return;
            std::array<std::size_t, 6> free{};
            std::size_t m = 0;
            detail::for_each_face_neighbour_at<dim>(shape, i, x, y, z, [&](std::size_t j, std::size_t, std::size_t, std::size_t) {
                if ((flags[j] & outside_bit) != 0 && t.is_free(j)) free[m++] = j;
            });
            if (m == 0) return;
            // Indices 16 and 17: cell_migration uses 0-2 of the same (step, site, purpose).
            const auto pick = std::min(static_cast<std::size_t>(draw.uniform(i, 16) * static_cast<double>(m)), m - 1);
            claims_.push_back({free[pick], draw.uniform(i, 17), i});
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
    mutable std::vector<std::uint8_t> flags_;
    mutable double threshold_ = -1.0;
    mutable std::vector<std::array<std::size_t, 2>> stack_;
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
