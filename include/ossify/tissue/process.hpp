/// @file
/// @brief The `lattice_process` protocol: what a process of a lattice tissue declares and
/// provides, and the compile-time checks the tissue makes of its processes.
///
/// ```cpp
/// struct cartilage_growth {
///     static constexpr std::string_view name = "cartilage_growth";   // in messages and listings
///     using reads = ossify::field_list<bmp2>;                        // fields it reads
///     using writes = ossify::field_list<cartilage, ossify::cells>;   // fields it writes (cells: moves cells)
///     using owns = ossify::field_list<cartilage>;                    // fields it brings to the tissue
///     using purposes = ossify::random::purpose_list<my_draws>;       // its random purposes
///     ossify::parameter<ossify::rate> rate{"rate", 0.1_per_d, 0.0_per_d, 10.0_per_d, "assumed: ..."};
///     template <class V> void describe(V&& visit) { visit(rate); } // its parameters
///     template <class Context> void step(Context& ctx, ossify::duration dt);
/// };
/// ```
/// Optional members: `bind(const ossify::lineage_info&, const Grid&)` (called once by the
/// tissue's constructor), `prepare(const Context&, duration dt)` (called before any process of a
/// step runs: allocate, refactor, validate; it must not change the tissue), `save_state(w)` /
/// `restore_state(r)` (state saved in checkpoints), `reset()` (drop caches after a restore),
/// `static constexpr bool strong_guarantee = true` (the step changes nothing when it throws).
///
/// A step that is `noexcept` needs no protection; when a step may throw, the tissue keeps a
/// copy of whatever earlier processes of the step wrote, so that `tissue.step()` changes
/// nothing when it fails.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_PROCESS_HPP
#define OSSIFY_TISSUE_PROCESS_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "../random/purpose.hpp"
#include "../units/quantities.hpp"
#include "fields.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
template <class T>
inline constexpr bool is_field_list_v = false;
template <class... F>
inline constexpr bool is_field_list_v<field_list<F...>> = true;
template <class T>
inline constexpr bool is_purpose_list_v = false;
template <class... P>
inline constexpr bool is_purpose_list_v<random::purpose_list<P...>> = true;

template <class P>
struct reads_of {
    using type = field_list<>;
};
template <class P>
    requires requires { typename P::reads; }
struct reads_of<P> {
    using type = typename P::reads;
};
template <class P>
struct writes_of {
    using type = field_list<>;
};
template <class P>
    requires requires { typename P::writes; }
struct writes_of<P> {
    using type = typename P::writes;
};
template <class P>
struct owns_of {
    using type = field_list<>;
};
template <class P>
    requires requires { typename P::owns; }
struct owns_of<P> {
    using type = typename P::owns;
};
template <class P>
struct purposes_of {
    using type = random::purpose_list<>;
};
template <class P>
    requires requires { typename P::purposes; }
struct purposes_of<P> {
    using type = typename P::purposes;
};
}  // namespace detail

/// @brief The fields a process reads (`P::reads`, or none).
template <class P>
using process_reads_t = typename detail::reads_of<P>::type;
/// @brief The fields a process writes (`P::writes`, or none).
template <class P>
using process_writes_t = typename detail::writes_of<P>::type;
/// @brief The fields a process brings to the tissue (`P::owns`, or none).
template <class P>
using process_owns_t = typename detail::owns_of<P>::type;
/// @brief The random purposes a process declares (`P::purposes`, or none).
template <class P>
using process_purposes_t = typename detail::purposes_of<P>::type;

/**
 * @brief What every process declares: a name, and (optionally) the fields it reads, writes
 * and owns as field_lists and its random purposes as a random::purpose_list.
 * @tparam P the candidate process type
 */
template <class P>
concept process_declaration = std::copy_constructible<P> && requires {
    { P::name } -> std::convertible_to<std::string_view>;
} && detail::is_field_list_v<process_reads_t<P>> && detail::is_field_list_v<process_writes_t<P>> &&
    detail::is_field_list_v<process_owns_t<P>> && detail::is_purpose_list_v<process_purposes_t<P>>;

/**
 * @brief A process of a lattice tissue: a process_declaration with
 * `step(Context&, duration)`, where Context is the narrow view the tissue hands it.
 * @tparam P the process type
 * @tparam Context its context type (ossify::lattice_context)
 */
template <class P, class Context>
concept lattice_process = process_declaration<P> && requires(P& p, Context& ctx, duration dt) { p.step(ctx, dt); };

/// @brief True when P declares that a throwing step changes nothing.
template <class P>
inline constexpr bool process_strong_guarantee_v = [] {
    if constexpr (requires { P::strong_guarantee; }) return static_cast<bool>(P::strong_guarantee);
    else return false;
}();

namespace detail {
/// A time step that converts to `duration` without a throwing copy (Boost.Units' copy
/// constructor is not declared noexcept): used only to ask whether a step is noexcept.
struct nothrow_dt {
    operator duration() const noexcept { return duration::from_value(0.0); }  // NOLINT(google-explicit-constructor)
};
}  // namespace detail

/// @brief True when process P's `step(Context&, duration)` is declared noexcept (the copy of
/// the duration argument left aside). A forwarding process can declare
/// `noexcept(process_step_is_noexcept_v<Inner, Context>)`.
template <class P, class Context>
inline constexpr bool process_step_is_noexcept_v =
    noexcept(std::declval<P&>().step(std::declval<Context&>(), std::declval<detail::nothrow_dt>()));

namespace detail {
/// @brief All purposes of several processes, as (id, first, count) ranges.
template <class... P>
constexpr auto all_purpose_ranges() {
    constexpr std::size_t n = (std::size_t{0} + ... + process_purposes_t<P>::size);
    std::array<std::array<std::uint32_t, 3>, n + 1> out{};
    std::size_t k = 0;
    (
        [&] {
            for (const auto& r : process_purposes_t<P>::ranges) out[k++] = r;
        }(),
        ...);
    // The tissue's own: placement draws of fill_fraction.
    out[k] = {random::purpose::placement, 0, 0xffffffffu};
    return out;
}

/// @brief True when field F is one a tissue with fields Fields (and a matrix when HasMatrix)
/// can give a process.
template <class F, class Fields, bool HasMatrix>
inline constexpr bool field_available = Fields::template contains<F> || std::is_same_v<F, cells> ||
                                        std::is_same_v<F, all_fields> || std::is_same_v<F, all_signals> ||
                                        (HasMatrix && std::is_same_v<F, bone_matrix>);

/// @brief Checks that every field process P declares is available; names P and the field in
/// the compiler's "required from" notes when it is not.
template <class P, class F, class Fields, bool HasMatrix>
constexpr bool check_declared_field() {
    static_assert(field_available<F, Fields, HasMatrix>,
                  "ossify::lattice_tissue: a process reads or writes a field the tissue does not carry: add the "
                  "field's tag to fields<...> (or signals<...>), use a process that owns it, or give the tissue a "
                  "bone matrix (see the process and field named below)");
    return true;
}
template <class P, class Fields, bool HasMatrix, class... F>
constexpr bool check_fields(field_list<F...>) {
    return (check_declared_field<P, F, Fields, HasMatrix>() && ...);
}
}  // namespace detail

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_PROCESS_HPP
