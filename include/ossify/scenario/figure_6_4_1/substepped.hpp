/// @file
/// @brief `substepped<P>`: runs a process in sub-steps no longer than `max_step` within each
/// step of the tissue. The scenario wraps its diffusion in it: VEGF and BMP2 relax within about
/// an hour (decay ln 2 / 1 h), so at steps of hours the implicit solver's splitting errors
/// (k dt ~ 1) would make the fields, and everything that reads them, depend on dt.
#include "../../config.hpp"
#ifndef OSSIFY_SCENARIO_FIGURE_6_4_1_SUBSTEPPED_HPP
#define OSSIFY_SCENARIO_FIGURE_6_4_1_SUBSTEPPED_HPP

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "../../cell/per_state.hpp"
#include "../../tissue/process.hpp"
#include "../../units/parameter.hpp"
#include "../../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace fig641 {

/**
 * @brief Process wrapper: the inner process P stepped ceil(dt / max_step) times with equal
 * sub-steps per step (prepared once per step for that sub-step). Declares what P declares;
 * P's parameters are listed under P's name, with the sub-step as "max_step".
 * ```cpp
 * processes(substepped<diffuse_signals<>>{}, cell_fates{});
 * tissue.process<substepped>().inner.secretion<osteoblast, bmp2>(...);
 * ```
 * @tparam P the inner process
 */
template <class P>
class substepped {
public:
    /// @brief The inner process's name.
    static constexpr std::string_view name = P::name;
    /// @brief The inner process's reads.
    using reads = process_reads_t<P>;
    /// @brief The inner process's writes.
    using writes = process_writes_t<P>;
    /// @brief The inner process's fields.
    using owns = process_owns_t<P>;
    /// @brief The inner process's random purposes.
    using purposes = process_purposes_t<P>;

    /// @brief The inner process.
    P inner{};
    /// @brief The longest sub-step.
    parameter<duration> max_step{"max_step", duration::from_value(0.5 / 24.0), duration::from_value(1e-6),
                                 duration::from_value(1e3),
                                 "assumed: 30 min, a half of the signals' half-life (k dt = 0.35; docs/scenarios)"};

    /// @brief The wrapper around a default inner process.
    substepped() = default;
    /// @brief The wrapper around `p`.
    explicit substepped(P p) : inner(std::move(p)) {}

    /// @brief Binds the inner process (when it binds).
    template <class Fields, class Grid>
    void bind(const lineage_info& info, const Grid& grid) {
        if constexpr (requires { inner.template bind<Fields>(info, grid); }) inner.template bind<Fields>(info, grid);
        else if constexpr (requires { inner.bind(info, grid); }) inner.bind(info, grid);
    }
    /// @brief Lists the inner process's parameters and the sub-step.
    template <class Visitor>
    void describe(Visitor&& visit) {
        if constexpr (describable<P>) inner.describe(visit);
        visit(max_step);
    }
    /// @brief Prepares the inner process for the sub-step of this dt.
    template <class Context>
    void prepare(const Context& ctx, duration dt) {
        if constexpr (requires { inner.prepare(ctx, dt); }) inner.prepare(ctx, dt / static_cast<double>(count(dt)));
    }
    /// @brief Runs the inner process over dt in equal sub-steps.
    template <class Context>
    void step(Context& ctx, duration dt) noexcept(noexcept(std::declval<P&>().step(ctx, dt))) {
        const int n = count(dt);
        for (int k = 0; k < n; ++k) inner.step(ctx, dt / static_cast<double>(n));
    }
    /// @brief Saves the inner process's state (when it has one).
    template <class Writer>
    void save_state(Writer& w) const
        requires requires(const P& p, Writer& x) { p.save_state(x); }
    {
        inner.save_state(w);
    }
    /// @brief Restores the inner process's state.
    template <class Reader>
    void restore_state(Reader& r)
        requires requires(P& p, Reader& x) { p.restore_state(x); }
    {
        inner.restore_state(r);
    }
    /// @brief Drops the inner process's caches.
    void reset()
        requires requires(P& p) { p.reset(); }
    {
        inner.reset();
    }

private:
    [[nodiscard]] int count(duration dt) const noexcept {
        return std::max(1, static_cast<int>(std::ceil(dt.value() / max_step.internal() - 1e-9)));
    }
};

}  // namespace fig641

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_FIGURE_6_4_1_SUBSTEPPED_HPP
