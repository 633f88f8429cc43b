/// @file
/// @brief Fields of a lattice tissue, declared by tag: `fields<bmp2, vegf, cartilage>{}`.
///
/// A field is one value per site, named by an empty tag type. Signal tags (ossify::signal_type)
/// are fields that diffuse; their value type is chosen by the tissue's storage policy. Any
/// other tag names its own value type:
///
/// ```cpp
/// struct cartilage {                                   // a user field
///     static constexpr std::string_view name = "cartilage";
///     using value_type = float;                        // volume fraction of the site
///     static constexpr double lower = 0.0, upper = 1.0;  // optional: checked on restore
/// };
/// ```
/// Reading or writing a field the tissue does not declare is a compile error.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_FIELDS_HPP
#define OSSIFY_TISSUE_FIELDS_HPP

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

#include "../signal/concepts.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A field tag: an empty type with a `name` and either a `value_type` (an arithmetic
/// type) or the members of a signal tag (ossify::signal_type).
/// @tparam T the candidate tag
template <class T>
concept field_tag = requires {
    { T::name } -> std::convertible_to<std::string_view>;
} && (signal_type<T> || (requires { typename T::value_type; } && std::is_arithmetic_v<typename T::value_type>));

/// @brief A compile-time list of field tags.
/// @tparam Fields field tags (ossify::field_tag)
template <class... Fields>
struct field_list {
    /// @brief Number of fields.
    static constexpr std::size_t size = sizeof...(Fields);
    /// @brief True when F is in the list.
    template <class F>
    static constexpr bool contains = (std::is_same_v<F, Fields> || ...);
    /// @brief Calls `f.template operator()<F>()` for every field F, in order.
    template <class Fn>
    static constexpr void for_each(Fn&& f) {
        (f.template operator()<Fields>(), ...);
    }
};

/// @brief The fields a tissue carries besides those its processes bring: `fields<bmp2, cartilage>{}`.
template <class... Fields>
struct fields : field_list<Fields...> {};
/// @brief The same for a list of signals only: `signals<bmp2, vegf>{}`.
template <class... Signals>
struct signals : field_list<Signals...> {};

// ----------------------------------------------------------------- pseudo-fields

/// @brief Declares access to the cells (states, entry times, per-cell attributes): a process
/// that writes it may change, move, add and remove cells. Every process may read them.
struct cells {
    /// @brief Name in messages.
    static constexpr std::string_view name = "cells";
};
/// @brief Declares access to the bone matrix field group (osteoid and mineral).
struct bone_matrix {
    /// @brief Name in messages.
    static constexpr std::string_view name = "bone_matrix";
};
/// @brief In `reads`: the process reads whatever the tissue carries (e.g. cell_fates, whose
/// policies read the signals they name; those reads are checked when the policies are compiled).
struct all_fields {
    /// @brief Name in messages.
    static constexpr std::string_view name = "all_fields";
};

/// @brief In `writes`: the process changes every signal field of the tissue (the diffusion
/// process), whichever signals the tissue carries.
struct all_signals {
    /// @brief Name in messages.
    static constexpr std::string_view name = "all_signals";
};

// ----------------------------------------------------------------- standard fields

/// @brief 1 on sites where a vessel space enclosed by bone has condensed into red marrow
/// (source text, Figure 6.4.1 d); cells do not move or divide into marrow sites.
struct marrow {
    /// @brief Name in output.
    static constexpr std::string_view name = "marrow";
    /// @brief One byte per site, 0 or 1.
    using value_type = std::uint8_t;
    /// @brief Allowed values [0, 1].
    static constexpr double lower = 0.0, upper = 1.0;
};
/// @brief 1 on sites of the outer bone surface: outside sites (connected to the tissue's
/// boundary through non-bone sites) with a bone face neighbour. Read by `on_outer_surface`.
struct outer_surface {
    /// @brief Name in output.
    static constexpr std::string_view name = "outer_surface";
    /// @brief One byte per site, 0 or 1.
    using value_type = std::uint8_t;
    /// @brief Allowed values [0, 1].
    static constexpr double lower = 0.0, upper = 1.0;
};

// ----------------------------------------------------------------- storage

/// @brief Storage policy: matrix and signal fields in double (the default).
struct double_storage {
    using matrix_value = double;  ///< matrix arrays
    using signal_value = double;  ///< signal concentrations
};
/// @brief Storage policy: matrix and signal fields in float (computations stay in double;
/// each stored value is rounded to float once per update).
struct compact_storage {
    using matrix_value = float;  ///< matrix arrays
    using signal_value = float;  ///< signal concentrations
};

namespace detail {
template <class Tag, class Storage>
struct field_value {
    using type = typename Tag::value_type;
};
template <class Tag, class Storage>
    requires(signal_type<Tag> && !requires { typename Tag::value_type; })
struct field_value<Tag, Storage> {
    using type = typename Storage::signal_value;
};
}  // namespace detail

/// @brief The value type a tissue with storage policy Storage keeps for field Tag.
template <class Tag, class Storage>
using field_value_t = typename detail::field_value<Tag, Storage>::type;

/// @brief Smallest allowed value of a field (checked on restore): `Tag::lower` when given,
/// 0 for signals (concentrations), else the lowest finite value of its type.
template <class Tag, class Value>
[[nodiscard]] constexpr double field_lower() noexcept {
    if constexpr (requires { Tag::lower; }) return static_cast<double>(Tag::lower);
    else if constexpr (signal_type<Tag>) return 0.0;
    else return static_cast<double>(std::numeric_limits<Value>::lowest());
}
/// @brief Largest allowed value of a field: `Tag::upper` when given, else the largest finite
/// value of its type.
template <class Tag, class Value>
[[nodiscard]] constexpr double field_upper() noexcept {
    if constexpr (requires { Tag::upper; }) return static_cast<double>(Tag::upper);
    else return static_cast<double>(std::numeric_limits<Value>::max());
}

// ----------------------------------------------------------------- list algebra

namespace detail {
template <class List, class F>
struct append_unique;
template <class... Fs, class F>
struct append_unique<field_list<Fs...>, F> {
    using type = std::conditional_t<(std::is_same_v<F, Fs> || ...), field_list<Fs...>, field_list<Fs..., F>>;
};
template <class Acc, class... Lists>
struct merge_lists {
    using type = Acc;
};
template <class Acc, class... Fs, class... Rest>
struct merge_lists<Acc, field_list<Fs...>, Rest...> {
    template <class A, class... G>
    struct fold {
        using type = A;
    };
    template <class A, class G, class... Gs>
    struct fold<A, G, Gs...> {
        using type = typename fold<typename append_unique<A, G>::type, Gs...>::type;
    };
    using type = typename merge_lists<typename fold<Acc, Fs...>::type, Rest...>::type;
};
template <class T>
struct as_field_list;
template <template <class...> class L, class... Fs>
struct as_field_list<L<Fs...>> {
    using type = field_list<Fs...>;
};
}  // namespace detail

/// @brief The union of several field lists (each field once, in order of first appearance).
template <class... Lists>
using merged_fields_t = typename detail::merge_lists<field_list<>, typename detail::as_field_list<Lists>::type...>::type;

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_FIELDS_HPP
