/// @file
/// @brief `per_state<Q>`: a parameter with one value per cell state (a motility, an
/// apposition rate, a secretion rate ...), set by state type and read as a dense table by
/// lineage index once a tissue has bound it to its lineage.
///
/// ```cpp
/// ossify::per_state<ossify::rate> motility{"motility", 0.0_per_d, 100.0_per_d, "assumed: ..."};
/// motility.set<ossify::mesenchymal>(4.0_per_d);
/// ```
#include "../config.hpp"
#ifndef OSSIFY_CELL_PER_STATE_HPP
#define OSSIFY_CELL_PER_STATE_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../units/parameter.hpp"
#include "concepts.hpp"
#include "lineage.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// @brief A unique address per type, without RTTI (an inline function's static is unique).
template <class T>
[[nodiscard]] const void* type_key() noexcept {
    static const char key = 0;
    return &key;
}
}  // namespace detail

/// @brief The states of a lineage as runtime data (names and type keys), handed to
/// parameters and processes when a tissue binds them.
struct lineage_info {
    /// @brief State names in lineage order.
    std::vector<std::string_view> names;
    /// @brief Type keys (detail::type_key<S>()) in lineage order.
    std::vector<const void*> keys;
    /// @brief The info of a lineage.
    template <lineage_type Lineage>
    [[nodiscard]] static lineage_info of() {
        lineage_info info;
        Lineage::for_each([&]<class S>() {
            info.names.push_back(S::name);
            info.keys.push_back(detail::type_key<S>());
        });
        return info;
    }
    /// @brief The lineage index of the state with key k, or names.size() when absent.
    [[nodiscard]] std::size_t index_of(const void* k) const noexcept {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == k) return i;
        }
        return keys.size();
    }
};

/**
 * @brief One value of type Q per cell state, each a `parameter<Q>` named "name[state]" with
 * the family's range and source; unset states hold `fallback`.
 *
 * Values set before the table is bound to a lineage are kept by state type and checked at
 * bind time (a state outside the tissue's lineage is refused there, naming it).
 * @tparam Q the value type (a quantity or a plain number)
 */
template <class Q>
class per_state {
public:
    /// @brief A family with the given range and source; every state starts at `fallback`.
    per_state(std::string name, Q fallback, Q lower, Q upper, std::string source)
        : name_(std::move(name)), fallback_(fallback), lower_(lower), upper_(upper), source_(std::move(source)) {
        parameter<Q>(name_, fallback_, lower_, upper_, source_);  // validates the fallback
    }

    /// @brief Sets the value of State (validated against the range; a refused value changes nothing).
    template <cell_state State>
    per_state& set(Q value) {
        parameter<Q> checked(entry_name(State::name), value, lower_, upper_, source_);
        const void* key = detail::type_key<State>();
        if (bound()) {
            const std::size_t i = info_.index_of(key);
            if (i == info_.names.size()) refuse_state(State::name);
            table_[i].set(value);
            return *this;
        }
        for (auto& [k, n, v] : pending_) {
            if (k == key) {
                v = value;
                return *this;
            }
        }
        pending_.push_back({key, std::string(State::name), value});
        return *this;
    }
    /// @brief The value of State (fallback when unset).
    template <cell_state State>
    [[nodiscard]] Q get() const {
        const void* key = detail::type_key<State>();
        if (bound()) {
            const std::size_t i = info_.index_of(key);
            return i < table_.size() ? table_[i].get() : fallback_;
        }
        for (const auto& [k, n, v] : pending_) {
            if (k == key) return v;
        }
        return fallback_;
    }
    /// @brief Binds the family to a lineage: one parameter per state. Throws invalid_parameter
    /// when a value was set for a state outside the lineage.
    void bind(const lineage_info& info) {
        std::vector<parameter<Q>> table;
        table.reserve(info.names.size());
        for (const auto name : info.names) table.emplace_back(entry_name(name), fallback_, lower_, upper_, source_);
        if (bound()) {
            for (std::size_t i = 0; i < info_.names.size(); ++i) {
                const std::size_t j = info.index_of(info_.keys[i]);
                if (j < table.size()) table[j].set(table_[i].get());
            }
        }
        for (const auto& [k, n, v] : pending_) {
            const std::size_t i = info.index_of(k);
            if (i == info.names.size()) refuse_state(n, &info);
            table[i].set(v);
        }
        info_ = info;
        table_ = std::move(table);
        pending_.clear();
    }
    /// @brief True once bound to a lineage.
    [[nodiscard]] bool bound() const noexcept { return !info_.keys.empty(); }
    /// @brief The value of the state with lineage index i, in the internal scale (after bind).
    [[nodiscard]] double internal(std::size_t i) const noexcept { return table_[i].internal(); }
    /// @brief The per-state parameters (after bind), in lineage order.
    [[nodiscard]] const std::vector<parameter<Q>>& table() const noexcept { return table_; }
    /// @brief The family's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// @brief True when every state's value is the fallback's internal value 0 (nothing to do).
    [[nodiscard]] bool all_zero() const noexcept {
        for (const auto& p : table_) {
            if (p.internal() != 0.0) return false;
        }
        return true;
    }
    /// @brief Lists one parameter per state (after bind): "name[state]".
    template <class Visitor>
    void describe(Visitor&& visit) {
        for (auto& p : table_) visit(p);
    }

private:
    struct pending {
        const void* key;
        std::string state;
        Q value;
    };
    [[nodiscard]] std::string entry_name(std::string_view state) const {
        return name_ + "[" + std::string(state) + "]";
    }
    [[noreturn]] void refuse_state(std::string_view state, const lineage_info* info = nullptr) const {
        const lineage_info& l = info != nullptr ? *info : info_;
        std::string states;
        for (const auto n : l.names) states += (states.empty() ? "" : ", ") + std::string(n);
        throw invalid_parameter("ossify::per_state", name_ + " state", std::string(state),
                                "a state of the tissue's lineage (" + states + ")");
    }

    std::string name_;
    Q fallback_, lower_, upper_;
    std::string source_;
    lineage_info info_;
    std::vector<parameter<Q>> table_;
    std::vector<pending> pending_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_CELL_PER_STATE_HPP
