/// @file
/// @brief Internal: one signal of the diffusion process: its transport parameters, secretion
/// and uptake per state, fixed sources and solver.
#include "../../config.hpp"
#ifndef OSSIFY_PROCESS_DETAIL_SIGNAL_CHANNEL_HPP
#define OSSIFY_PROCESS_DETAIL_SIGNAL_CHANNEL_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "../../cell/per_state.hpp"
#include "../../error.hpp"
#include "../../signal/implicit_solver.hpp"
#include "../../signal/parameters.hpp"
#include "../../space/grid.hpp"
#include "../../units/parameter.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// A 2-D or 3-D grid.
using any_grid = std::variant<grid2d, grid3d>;

/// A fixed source: its rate and sites (resolved from its shape once the grid is known).
struct fixed_source {
    double rate;
    std::vector<std::size_t> sites;
    std::function<std::vector<std::size_t>(const any_grid&)> shape_sites;
    /// Finds the sites; throws when the shape covers none.
    void resolve(const any_grid& g) {
        sites = shape_sites(g);
        if (sites.empty()) {
            throw invalid_parameter("ossify::diffuse_signals::add_source", "shape", "a shape covering no site of the grid",
                                    "a shape that covers at least one site");
        }
    }
};

/// One object of a type chosen at run time, deep-copied with its holder: only the solver type a
/// tissue uses is ever instantiated (a std::variant of all four would compile all four).
class solver_box {
public:
    solver_box() = default;
    solver_box(const solver_box& o) : p_(o.p_ ? o.clone_(o.p_) : nullptr), destroy_(o.destroy_), clone_(o.clone_), type_(o.type_) {}
    solver_box(solver_box&& o) noexcept : p_(o.p_), destroy_(o.destroy_), clone_(o.clone_), type_(o.type_) { o.p_ = nullptr; }
    solver_box& operator=(solver_box o) noexcept {
        std::swap(p_, o.p_);
        std::swap(destroy_, o.destroy_);
        std::swap(clone_, o.clone_);
        std::swap(type_, o.type_);
        return *this;
    }
    ~solver_box() {
        if (p_) destroy_(p_);
    }
    /// The held object if it is a T, else nullptr.
    template <class T>
    [[nodiscard]] T* get() const noexcept {
        return type_ == detail::type_key<T>() ? static_cast<T*>(p_) : nullptr;
    }
    /// Holds a new T made from the arguments.
    template <class T, class... A>
    T& emplace(A&&... args) {
        auto* t = new T(std::forward<A>(args)...);
        *this = solver_box();
        p_ = t;
        destroy_ = [](void* q) { delete static_cast<T*>(q); };
        clone_ = [](const void* q) -> void* { return new T(*static_cast<const T*>(q)); };
        type_ = detail::type_key<T>();
        return *t;
    }

private:
    void* p_ = nullptr;
    void (*destroy_)(void*) = nullptr;
    void* (*clone_)(const void*) = nullptr;
    const void* type_ = nullptr;
};

/// One signal of diffuse_signals.
struct signal_channel {
    const void* key = nullptr;
    std::string_view name;
    parameter<diffusivity> diffusion;
    parameter<rate> decay;
    diffusion_parameters transport;
    per_state<concentration_rate> secretion;
    per_state<rate> uptake;
    std::vector<fixed_source> sources;
    solver_box solver_;
    std::array<double, 256> sec{}, upt{};  // per state byte, empty sites 0
    struct fixed {
        std::size_t index;
        double rate;
    };
    std::vector<fixed> ext;  // fixed sources by site

    template <class Signal>
    static signal_channel make() {
        const auto d = Signal::default_diffusivity(), k = Signal::default_decay();
        return signal_channel{detail::type_key<Signal>(),
                              Signal::name,
                              parameter<diffusivity>("diffusivity", d, diffusivity::from_value(0.0),
                                                     diffusivity::from_value(1.0e12),
                                                     "the signal's default_diffusivity() (see its tag)"),
                              parameter<rate>("decay", k, rate::from_value(0.0), rate::from_value(1.0e9),
                                              "the signal's default_decay() (see its tag)"),
                              diffusion_parameters::defaults_for<Signal>(),
                              per_state<concentration_rate>("secretion", concentration_rate::from_value(0.0),
                                                            concentration_rate::from_value(0.0),
                                                            concentration_rate::from_value(1.0e12),
                                                            "set by the model (0 unless given)"),
                              per_state<rate>("uptake", rate::from_value(0.0), rate::from_value(0.0),
                                              rate::from_value(1.0e9), "set by the model (0 unless given)"),
                              {},
                              {},
                              {},
                              {},
                              {}};
    }
    template <class Grid>
    void bind(const lineage_info& info, const Grid& grid) {
        secretion.bind(info);
        uptake.bind(info);
        for (auto& s : sources) s.resolve(any_grid(grid));
    }
    /// The transport parameters in use (diffusivity and decay from their parameters).
    [[nodiscard]] diffusion_parameters parameters() const {
        diffusion_parameters p = transport;
        p.set_diffusivity(diffusion.get()).set_decay(decay.get());
        return p;
    }
    template <class Visitor>
    void describe(Visitor& visit) {
        visit(diffusion);
        visit(decay);
        visit("", secretion);
        visit("", uptake);
    }
    template <class V, std::size_t Dim>
    implicit_solver<V, Dim>& solver() noexcept {
        return *solver_.template get<implicit_solver<V, Dim>>();
    }
    /// Sets up the solver for dt and the per-state tables (may allocate and throw).
    template <class V, std::size_t Dim>
    void ready(const basic_grid<Dim>& g, duration dt) {
        const auto p = parameters();
        auto* s = solver_.template get<implicit_solver<V, Dim>>();
        if (s == nullptr) {
            solver_.template emplace<implicit_solver<V, Dim>>(g, p, dt);
        } else if (s->time_step() != dt || !(s->parameters() == p)) {
            s->prepare(p, dt);
        }
        sec.fill(0.0);
        upt.fill(0.0);
        for (std::size_t st = 0; st < secretion.table().size(); ++st) {
            sec[st] = secretion.internal(st);
            upt[st] = uptake.internal(st);
        }
        // Fixed sources by site, then in the order they were added (so overlapping sources add
        // up in that order).
        ext.clear();
        for (const auto& src : sources) {
            for (const auto i : src.sites) ext.push_back({i, src.rate});
        }
        std::stable_sort(ext.begin(), ext.end(), [](const fixed& a, const fixed& b) { return a.index < b.index; });
    }
    /// Sources and uptakes of the sites [off, off + n) from the cells and the fixed sources.
    template <class V>
    void fill(std::size_t off, std::size_t n, const std::uint8_t* states, V* src, V* up) const noexcept {
        for (std::size_t i = 0; i < n; ++i) {
            const auto st = states[off + i];
            src[i] = static_cast<V>(sec[st]);
            up[i] = static_cast<V>(upt[st]);
        }
        if (ext.empty()) return;
        auto it = std::lower_bound(ext.begin(), ext.end(), off, [](const fixed& a, std::size_t at) { return a.index < at; });
        for (; it != ext.end() && it->index < off + n; ++it) src[it->index - off] += static_cast<V>(it->rate);
    }
    /// Advances the field with its sources computed row by row inside the solver's pass.
    template <class V, std::size_t Dim>
    void step_rows(std::span<V> field, std::span<const std::uint8_t> states) noexcept {
        const std::uint8_t* st = states.data();
        solver<V, Dim>().step_with(field, [&](std::size_t off, std::size_t n, V* src, V* up) { fill(off, n, st, src, up); });
    }
};

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_DETAIL_SIGNAL_CHANNEL_HPP
