/// @file
/// @brief The `tissue_model` concept: the protocol every model of ossify follows (the lattice
/// tissue, the population model, and any user model), so that one driver, one set of
/// observers and one set of writers serve them all.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_MODEL_HPP
#define OSSIFY_TISSUE_MODEL_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../random/seed.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/**
 * @brief A model of a tissue that a driver can step and an observer can read.
 *
 * | member | meaning |
 * |---|---|
 * | `lineage_type` | the ossify::lineage of its cell states |
 * | `state_count` | number of states (static) |
 * | `state_name(i)` | name of state i (static) |
 * | `time()` | the model clock, a `duration` |
 * | `steps()` | steps taken, `std::uint64_t` |
 * | `seed()` | the seed of its random draws (`ossify::seed`; 0 for a deterministic model) |
 * | `counts()` | cells per state in lineage order, `std::array<double, state_count>` |
 * | `count<S>()` | cells in state S, `double` |
 * | `cell_count()` | all cells, `double` |
 * | `step(dt)` | advances by dt > 0; on a throw the model is exactly as before the call |
 *
 * Counts are `double` in every model: the population model's mean field gives expected
 * (non-integer) counts; the lattice tissue's are whole numbers held exactly.
 * @tparam M the candidate model type
 */
template <class M>
concept tissue_model = requires(M& m, const M& cm, duration dt, std::size_t i) {
    typename M::lineage_type;
    { M::state_count } -> std::convertible_to<std::size_t>;
    { M::state_name(i) } -> std::convertible_to<std::string_view>;
    { cm.time() } -> std::same_as<duration>;
    { cm.steps() } -> std::same_as<std::uint64_t>;
    { cm.seed() } -> std::same_as<ossify::seed>;
    { cm.counts() } -> std::same_as<std::array<double, M::lineage_type::size>>;
    { cm.cell_count() } -> std::same_as<double>;
    m.step(dt);
};

/**
 * @brief A model that reports how often each of its rules fired (the rule-activity observer
 * reads it): `rule_count()`, `rule_name(k)` ("mesenchymal -> osteogenic", "osteoblast
 * death" ...) and `rule_fires(k)`, the number of times rule k fired so far (expected number
 * for deterministic models).
 */
template <class M>
concept rule_reporting_model = tissue_model<M> && requires(const M& cm, std::size_t k) {
    { cm.rule_count() } -> std::convertible_to<std::size_t>;
    { cm.rule_name(k) } -> std::convertible_to<std::string>;
    { cm.rule_fires(k) } -> std::convertible_to<double>;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_MODEL_HPP
