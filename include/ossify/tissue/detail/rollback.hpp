/// @file
/// @brief Internal: the copy a lattice tissue keeps of what its processes may overwrite before
/// one of them throws, so that a failed step changes nothing (the strong guarantee).
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_DETAIL_ROLLBACK_HPP
#define OSSIFY_TISSUE_DETAIL_ROLLBACK_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../fields.hpp"
#include "../process.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// The writes of processes [0, K) of a pack (a merged field_list).
template <std::size_t K, class... P>
struct writes_before;
template <std::size_t K>
struct writes_before<K> {
    using type = field_list<>;
};
template <std::size_t K, class P0, class... P>
struct writes_before<K, P0, P...> {
    using type = std::conditional_t<K == 0, field_list<>,
                                    merged_fields_t<process_writes_t<P0>, typename writes_before<K - 1, P...>::type>>;
};

/// What must be copied at the start of a step so that a throw of process K can be undone:
/// the writes of the processes before it, and its own unless it gives the strong guarantee.
template <std::size_t K, bool MayThrow, bool Strong, class... P>
struct exposure {
    using before = typename writes_before<K, P...>::type;
    using own = process_writes_t<std::tuple_element_t<K, std::tuple<P...>>>;
    using type = std::conditional_t<!MayThrow, field_list<>, std::conditional_t<Strong, before, merged_fields_t<before, own>>>;
};

/// A field list with `all_signals` replaced by the signal fields of Fields.
template <class List, class Fields>
struct expand_signals;
template <class... F, class... T>
struct expand_signals<field_list<F...>, field_list<T...>> {
    template <class X>
    using one = std::conditional_t<std::is_same_v<X, all_signals>,
                                   merged_fields_t<field_list<>, std::conditional_t<signal_type<T>, field_list<T>, field_list<>>...>,
                                   field_list<X>>;
    using type = merged_fields_t<field_list<>, one<F>...>;
};

/// The copy of one state's parts named by a field_list (fields by tag, plus `cells` and
/// `bone_matrix`), and the bytes of the processes' saved states.
template <class State, class List>
class rollback;
template <class State, class... F>
class rollback<State, field_list<F...>> {
    template <class T>
    static constexpr bool in = (std::is_same_v<T, F> || ...);
    template <class T>
    struct is_data : std::bool_constant<!std::is_same_v<T, cells> && !std::is_same_v<T, bone_matrix>> {};

public:
    /// True when nothing needs copying.
    static constexpr bool empty = sizeof...(F) == 0;

    /// Copies the parts of `s`.
    void save(const State& s) {
        if constexpr (in<cells>) {
            states_.assign(s.states().begin(), s.states().end());
            entered_.assign(s.entry_times().begin(), s.entry_times().end());
            if constexpr (State::has_attribute) {
                attributes_.resize(s.size());
                for (std::size_t i = 0; i < s.size(); ++i) attributes_[i] = s.attribute(i);
            }
            events_ = s.events();
            fires_ = s.rule_fires();
        }
        if constexpr (in<bone_matrix>) matrix_.assign(1, s.matrix());
        (save_field<F>(s), ...);
    }
    /// Puts the parts back into `s`.
    void restore(State& s) const noexcept {
        if constexpr (in<cells>) {
            auto c = s.cells_data();
            std::copy(states_.begin(), states_.end(), c.state.begin());
            std::copy(entered_.begin(), entered_.end(), c.entered.begin());
            if constexpr (State::has_attribute) std::copy(attributes_.begin(), attributes_.end(), c.attributes.begin());
            s.recount();
            s.events() = events_;
            s.rule_fires() = fires_;
        }
        if constexpr (in<bone_matrix>) s.matrix() = matrix_.front();
        (restore_field<F>(s), ...);
    }

private:
    template <class T>
    void save_field(const State& s) {
        if constexpr (is_data<T>::value) {
            const auto v = s.template field<T>();
            std::get<index<T>()>(data_).assign(v.begin(), v.end());
        }
    }
    template <class T>
    void restore_field(State& s) const noexcept {
        if constexpr (is_data<T>::value) {
            const auto& v = std::get<index<T>()>(data_);
            auto out = s.template field<T>();
            for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i];
        }
    }
    template <class T>
    static constexpr std::size_t index() noexcept {
        constexpr bool same[] = {std::is_same_v<T, F>...};
        for (std::size_t i = 0; i < sizeof...(F); ++i) {
            if (same[i]) return i;
        }
        return sizeof...(F);
    }
    template <class T>
    struct storage {
        using type = std::vector<int>;
    };
    template <class T>
        requires(!std::is_same_v<T, cells> && !std::is_same_v<T, bone_matrix>)
    struct storage<T> {
        using type = std::vector<typename State::template value_of<T>>;
    };

    std::vector<std::uint8_t> states_;
    std::vector<float> entered_;
    std::vector<typename State::attribute_type> attributes_;
    cell_events events_;
    std::vector<std::uint64_t> fires_;
    std::vector<typename State::matrix_type> matrix_;
    std::tuple<typename storage<F>::type...> data_;
};

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_DETAIL_ROLLBACK_HPP
