/// @file
/// @brief `mpi::diffuse_signals`: the diffusion process of a decomposed tissue. Each rank does
/// what the serial process does on its own planes (secretion, uptake, fixed sources, reaction
/// terms, the sweeps along the axes inside a plane); the sweep along the split axis runs on
/// whole lines gathered by a transposition (mpi::line_transpose), each line by the serial
/// solver's own arithmetic, then goes back. So the signals are bit-identical to the serial
/// tissue's for any number of ranks; the solver stays implicit.
///
/// Configure it as the serial process (it is one, with its configuration calls returning the
/// decomposed process): `tissue.process<diffuse_signals>().secretion<osteoblast, bmp2>(...)`.
/// Shapes given to `add_source` are in the whole grid's coordinates (every rank calls it).
#include "../config.hpp"
#ifndef OSSIFY_MPI_DIFFUSE_SIGNALS_HPP
#define OSSIFY_MPI_DIFFUSE_SIGNALS_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../process/diffuse_signals.hpp"
#include "../signal/solver_common.hpp"
#include "../signal/variable_diffusion.hpp"
#include "domain.hpp"
#include "traits.hpp"
#include "transpose.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/**
 * @brief The diffusion process run by one rank of a decomposed tissue (see the file comment).
 * @tparam Dim the grid's dimension
 * @tparam Terms the reaction and diffusivity terms of the serial process
 */
template <std::size_t Dim, class... Terms>
class diffuse_signals : public ossify::diffuse_signals<Terms...> {
    using base = ossify::diffuse_signals<Terms...>;

public:
    /// @brief The serial process.
    using serial_type = base;
    /// @brief Its outputs are computed on the rank's own planes only.
    static constexpr bool leaves_halo_stale = true;

    /// @brief The decomposed process of a serial one (its configuration, sources included:
    /// their shapes are in the whole grid's coordinates).
    diffuse_signals(const base& serial, slab_domain<Dim>& domain) : base(serial), domain_(&domain) {
        for (auto& ch : this->channels_) {
            for (auto& src : ch.sources) {
                // Resolved on the whole grid, then restricted to the rank's planes.
                src.shape_sites = [whole = std::move(src.shape_sites), d = domain_](const ossify::detail::any_grid&) {
                    const auto& layout = d->layout();
                    std::vector<std::size_t> sites;
                    const std::uint64_t lo = layout.offset(), hi = lo + layout.local_sites();
                    for (const auto i : whole(ossify::detail::any_grid(layout.global_grid()))) {
                        if (i >= lo && i < hi) sites.push_back(static_cast<std::size_t>(i - lo));
                    }
                    return sites;
                };
            }
        }
    }

    /// @brief Reads nothing beyond a site outside the transposed solve (its reach is 0).
    [[nodiscard]] std::size_t decomposed_reach(const reach_options&) const noexcept { return 0; }

    // ------------------------------------------------------------ configuration
    /// @brief As diffuse_signals::secretion.
    template <class State, class Signal>
    diffuse_signals& secretion(concentration_rate r) {
        base::template secretion<State, Signal>(r);
        return *this;
    }
    /// @brief As diffuse_signals::uptake.
    template <class State, class Signal>
    diffuse_signals& uptake(rate k) {
        base::template uptake<State, Signal>(k);
        return *this;
    }
    /// @brief As diffuse_signals::add_source, with `shape` in the whole grid's coordinates.
    /// Collective (every rank calls it); refused on every rank when the shape covers no site of
    /// the whole grid.
    template <class Signal, class Shape>
    diffuse_signals& add_source(const Shape& shape, concentration_rate r) {
        require_non_negative("ossify::diffuse_signals::add_source", "rate", r.value(), "nM/d");
        auto& ch = this->template channel<Signal>();
        ossify::detail::fixed_source src{r.value(), {}, [shape, d = domain_](const ossify::detail::any_grid& any) {
                                     return std::visit(
                                         [&](const auto& grid) {
                                             std::vector<std::size_t> sites;
                                             using G = std::decay_t<decltype(grid)>;
                                             if constexpr (G::dimension == Dim) {
                                                 const auto& layout = d->layout();
                                                 if constexpr (requires { shape.contains(layout.global_grid(), grid.coords(0)); }) {
                                                     for (std::size_t i = 0; i < grid.size(); ++i) {
                                                         if (shape.contains(layout.global_grid(), layout.to_global(grid.coords(i)))) {
                                                             sites.push_back(i);
                                                         }
                                                     }
                                                 }
                                             }
                                             return sites;
                                         },
                                         any);
                                 }};
        if (this->grid_) resolve(src);
        ch.sources.push_back(std::move(src));
        return *this;
    }
    /// @brief As diffuse_signals::diffusivity_of.
    template <class Signal>
    diffuse_signals& diffusivity_of(diffusivity d) {
        base::template diffusivity_of<Signal>(d);
        return *this;
    }
    /// @brief As diffuse_signals::decay_of.
    template <class Signal>
    diffuse_signals& decay_of(rate k) {
        base::template decay_of<Signal>(k);
        return *this;
    }
    /// @brief As diffuse_signals::boundary_of.
    template <class Signal>
    diffuse_signals& boundary_of(std::size_t axis, boundary b) {
        base::template boundary_of<Signal>(axis, b);
        return *this;
    }
    /// @brief As diffuse_signals::fixed_value_of.
    template <class Signal>
    diffuse_signals& fixed_value_of(concentration c) {
        base::template fixed_value_of<Signal>(c);
        return *this;
    }
    /// @brief As diffuse_signals::splitting_of.
    template <class Signal>
    diffuse_signals& splitting_of(reaction_splitting s) {
        base::template splitting_of<Signal>(s);
        return *this;
    }

    // ------------------------------------------------------------ the process
    /// @brief Binds to the rank's tissue (its grid is the rank's slab with its halo); sources are
    /// resolved on the rank's sites, each refused on every rank when it covers no site at all.
    template <class Fields, class Grid>
    void bind(const lineage_info& info, const Grid& grid) {
        std::vector<ossify::detail::signal_channel> bound;
        Fields::for_each([&]<class F>() {
            if constexpr (signal_type<F>) bound.push_back(this->template take_channel<F>());
        });
        for (const auto& ch : this->channels_) {
            throw invalid_parameter("ossify::diffuse_signals", "signal", std::string(ch.name),
                                    "a signal the tissue carries (add it to signals<...>)");
        }
        this->grid_.emplace(grid);
        for (auto& ch : bound) {
            ch.secretion.bind(info);
            ch.uptake.bind(info);
            for (auto& src : ch.sources) resolve(src);
        }
        this->channels_ = std::move(bound);
    }
    /// @brief Prepares each signal's solver (the whole grid's factors), the transpositions and
    /// the scratch arrays.
    template <class Context>
    void prepare(const Context& ctx, duration dt) {
        using state = typename Context::state_type;
        const auto& layout = domain_->layout();
        std::size_t k = 0, moved = 0;
        state::fields_type::for_each([&]<class F>() {
            if constexpr (signal_type<F>) {
                using V = typename state::template value_of<F>;
                auto& ch = this->channels_[k++];
                ch.template ready<V>(layout.global_grid(), dt);
                if constexpr (base::template has_diffusivity<F>) {
                    const auto p = ch.parameters();
                    for (std::size_t a = 0; a < Dim; ++a) {
                        if (p.face(a, 0) == boundary::periodic) {
                            throw invalid_parameter("ossify::diffuse_variable", "boundary", "periodic",
                                                    "no_flux or fixed (a varying diffusivity on a periodic axis is not supported)");
                        }
                    }
                }
                auto& t = transpose_of<V>();
                if (!t.planned) {
                    t.plan.plan(layout, domain_->comm());
                    t.values.resize(t.plan.line_values());
                    t.planned = true;
                }
                moved += t.plan.moved_bytes();
                if constexpr (base::template has_diffusivity<F>) {
                    t.factors.resize(t.plan.line_values());
                    moved += t.plan.forward_bytes();  // the factors go one way
                }
            }
        });
        moved_bytes_ = moved;
        if constexpr (sizeof...(Terms) > 0) {
            using V = typename state::storage_type::signal_value;
            auto& scratch = this->template scratch_of<V>();
            scratch.resize(2 * k);
            for (auto& s : scratch) s.resize(ctx.grid().size());
            if constexpr ((!Terms::is_reaction || ...)) {
                auto& factors = this->template factors_of<V>();
                factors.resize(k);
                for (auto& f : factors) f.resize(ctx.grid().size());
            }
        }
    }
    /// @brief Runs the process: reaction terms (a refusal on any rank refuses the step on every
    /// rank), then each signal's step with the transposed sweep along the split axis.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept(sizeof...(Terms) == 0) {
        using state = typename Context::state_type;
        const auto& layout = domain_->layout();
        const std::size_t ob = layout.owned_begin(), owned = layout.owned_end() - ob;
        if constexpr (sizeof...(Terms) > 0) {
            try {
                this->react_all(ctx, dt);
                std::size_t k = 0;
                state::fields_type::for_each([&]<class F>() {
                    if constexpr (signal_type<F>) {
                        if constexpr (base::template has_terms<F> && !base::template has_diffusivity<F>) {
                            using V = typename state::template value_of<F>;
                            const auto& s = this->template scratch_of<V>();
                            ossify::detail::check_sources<V>("ossify::implicit_solver", std::span<const V>(s[2 * k].data() + ob, owned),
                                                             std::span<const V>(s[2 * k + 1].data() + ob, owned));
                        }
                        ++k;
                    }
                });
            } catch (const std::exception& e) {
                domain_->record(name_of(), e.what());
            }
            domain_->agree();
        }
        std::size_t k = 0;
        state::fields_type::for_each([&]<class F>() {
            if constexpr (signal_type<F>) {
                using V = typename state::template value_of<F>;
                auto& ch = this->channels_[k];
                V* c = ctx.template field_mut<F>().data() + ob;
                const std::size_t planes = layout.owned_last() - layout.owned_first();
                auto& t = transpose_of<V>();
                if constexpr (base::template has_diffusivity<F>) {
                    const auto& s = this->template scratch_of<V>();
                    step_variable<V>(ch.parameters(), dt, c, this->template factors_of<V>()[k].data() + ob,
                                     s[2 * k].data() + ob, s[2 * k + 1].data() + ob, t);
                } else {
                    auto& solver = ch.template solver<V, Dim>();
                    if constexpr (base::template has_terms<F>) {
                        const auto& s = this->template scratch_of<V>();
                        solver.step_planes(c, planes, s[2 * k].data() + ob, s[2 * k + 1].data() + ob);
                    } else {
                        const std::uint8_t* st = ctx.states().data();
                        solver.step_planes_with(c, planes, [&](std::size_t off, std::size_t n, V* src, V* up) {
                            ch.fill(ob + off, n, st, src, up);
                        });
                    }
                    if (layout.ranks() == 1) {  // the lines are whole here: solve them in place
                        solver.solve_last_axis(c, static_cast<std::ptrdiff_t>(layout.plane_sites()), layout.plane_sites());
                    } else {
                        timed([&] { t.plan.forward(c, t.values.data()); }, t.plan.forward_bytes());
                        solver.solve_last_axis(t.values.data(), static_cast<std::ptrdiff_t>(t.plan.lines()), t.plan.lines());
                        timed([&] { t.plan.backward(t.values.data(), c); }, t.plan.backward_bytes());
                    }
                    if constexpr (base::template has_terms<F>) {
                        const auto& s = this->template scratch_of<V>();
                        solver.finish_planes(c, planes, s[2 * k].data() + ob, s[2 * k + 1].data() + ob);
                    } else {
                        const std::uint8_t* st = ctx.states().data();
                        solver.finish_planes_with(c, planes, [&](std::size_t off, std::size_t n, V* src, V* up) {
                            ch.fill(ob + off, n, st, src, up);
                        });
                    }
                }
                ++k;
            }
        });
    }
    /// @brief Bytes this rank sends to other ranks per step in the transpositions (for reports).
    [[nodiscard]] std::size_t transposed_bytes() const noexcept { return moved_bytes_; }

private:
    template <class V>
    struct transposition {
        line_transpose<V> plan;
        std::vector<V> values, factors;
        bool planned = false;
    };
    template <class V>
    transposition<V>& transpose_of() noexcept {
        if constexpr (std::is_same_v<V, double>) return td_;
        else return tf_;
    }
    static std::string_view name_of() noexcept { return base::name; }
    // Runs a transposition, adding its time and bytes to the domain's timing.
    template <class F>
    void timed(F&& f, std::size_t bytes) noexcept {
        const double t0 = MPI_Wtime(), c0 = slab_domain<Dim>::cpu_seconds();
        f();
        auto& tm = domain_->times();
        tm.transpose_s += MPI_Wtime() - t0;
        tm.transpose_cpu_s += slab_domain<Dim>::cpu_seconds() - c0;
        tm.transpose_bytes += bytes;
    }

    // Resolves a source on the rank's sites; collective: refused on every rank when it covers
    // no site of the whole grid.
    void resolve(ossify::detail::fixed_source& src) {
        src.sites = src.shape_sites(*this->grid_);
        const auto& layout = domain_->layout();
        std::uint64_t owned = 0;
        for (const auto i : src.sites) owned += (i >= layout.owned_begin() && i < layout.owned_end()) ? 1u : 0u;
        if (domain_->comm().sum(owned) == 0) {
            throw invalid_parameter("ossify::diffuse_signals::add_source", "shape", "a shape covering no site of the grid",
                                    "a shape that covers at least one site");
        }
    }

    // One LOD step of variable-coefficient diffusion on the rank's planes, with the split axis
    // transposed: the operations of ossify::diffuse_variable, in its order, on each site and line.
    template <class V>
    void step_variable(const diffusion_parameters& p, duration dt, V* c, V* f, const V* src, const V* up,
                       transposition<V>& t) {
        const auto& layout = domain_->layout();
        const auto& g = layout.global_grid();
        const std::size_t m = layout.plane_sites(), planes = layout.owned_last() - layout.owned_first(), n = m * planes;
        const double h = g.spacing_um(), tt = dt.value();
        const double kd = p.decay_internal(), r = p.diffusivity_internal() * tt / (h * h);
        const bool strang = p.splitting() == reaction_splitting::strang;
        const double half = std::exp(-0.5 * tt * kd);
        for (std::size_t i = 0; i < n; ++i) {
            double v = static_cast<double>(c[i]);
            v += tt * static_cast<double>(src[i]);
            v /= 1.0 + tt * static_cast<double>(up[i]);
            if (strang) v *= half;
            c[i] = static_cast<V>(v > 0.0 ? v : 0.0);
        }
        const std::size_t nx = static_cast<std::size_t>(g.extent(0)), ny = static_cast<std::size_t>(g.extent(1));
        const double c0 = p.fixed_value_internal();
        for (std::size_t row = 0; row < n / nx; ++row) {
            ossify::detail::solve_variable_lines(c + row * nx, f + row * nx, 1, 1, nx, r, strang ? 0.0 : tt * kd, p.face(0, 0),
                                                 p.face(0, 1), c0, scratch_);
        }
        if constexpr (Dim == 3) {
            for (std::size_t z = 0; z < planes; ++z) {
                const std::size_t off = z * nx * ny;
                ossify::detail::solve_variable_lines(c + off, f + off, static_cast<std::ptrdiff_t>(nx), nx, ny, r, 0.0,
                                                     p.face(1, 0), p.face(1, 1), c0, scratch_);
            }
        }
        if (layout.ranks() == 1) {  // the lines are whole here: solve them in place
            ossify::detail::solve_variable_lines(c, f, static_cast<std::ptrdiff_t>(m), m, layout.planes(), r, 0.0, p.face(Dim - 1, 0),
                                                 p.face(Dim - 1, 1), c0, scratch_);
        } else {
            timed([&] { t.plan.forward(c, t.values.data()); }, t.plan.forward_bytes());
            timed([&] { t.plan.forward(f, t.factors.data()); }, t.plan.forward_bytes());
            ossify::detail::solve_variable_lines(t.values.data(), t.factors.data(), static_cast<std::ptrdiff_t>(t.plan.lines()),
                                                 t.plan.lines(), layout.planes(), r, 0.0, p.face(Dim - 1, 0),
                                                 p.face(Dim - 1, 1), c0, scratch_);
            timed([&] { t.plan.backward(t.values.data(), c); }, t.plan.backward_bytes());
        }
        if (strang) {
            for (std::size_t i = 0; i < n; ++i) c[i] = static_cast<V>(static_cast<double>(c[i]) * half);
        }
    }

    slab_domain<Dim>* domain_;
    transposition<double> td_;
    transposition<float> tf_;
    std::vector<double> scratch_;
    std::size_t moved_bytes_ = 0;
};

/// @brief A decomposed tissue runs mpi::diffuse_signals in place of diffuse_signals.
template <class... Terms, std::size_t Dim>
struct distributed<ossify::diffuse_signals<Terms...>, Dim> {
    /// @brief The process a rank runs.
    using type = mpi::diffuse_signals<Dim, Terms...>;
    /// @brief It, from the serial process.
    static type make(const ossify::diffuse_signals<Terms...>& p, slab_domain<Dim>& d) { return type(p, d); }
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_DIFFUSE_SIGNALS_HPP
