/// @file
/// @brief The members of basic_lattice_tissue defined out of its class (included at the end of
/// tissue/lattice_tissue.hpp; not a header to include on its own).
///
/// The constructors, step() and the destructor are not inline, so that a program may compile a
/// tissue type once in its own translation unit and declare it elsewhere with
/// `extern template class basic_lattice_tissue<...>;` (docs/performance.md, "Fast rebuilds"):
/// the translation units that only use the tissue then compile none of the processes.
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_DETAIL_LATTICE_TISSUE_MEMBERS_HPP
#define OSSIFY_TISSUE_DETAIL_LATTICE_TISSUE_MEMBERS_HPP

#include <tuple>
#include <utility>

OSSIFY_NAMESPACE_BEGIN

template <class Rules, class Grid, class Fields, class Processes, class Options>
basic_lattice_tissue<Rules, Grid, Fields, Processes, Options>::basic_lattice_tissue(Rules rules, const Grid& grid,
                                                                                    Fields f, ossify::seed seed)
    : basic_lattice_tissue(std::move(rules), grid, f, seed, Processes()) {}

template <class Rules, class Grid, class Fields, class Processes, class Options>
basic_lattice_tissue<Rules, Grid, Fields, Processes, Options>::basic_lattice_tissue(Rules rules, const Grid& grid, Fields,
                                                                                    ossify::seed seed, Processes processes,
                                                                                    Options)
    : rules_(std::move(rules)), processes_(std::move(processes)), rng_(seed), state_(grid) {
    const auto info = lineage_info::of<lineage_type>();
    std::apply([&](auto&... p) { (bind_one(p, info, grid), ...); }, processes_);
    state_.rule_fires().assign(Rules::size, 0);
    rules_.for_each([&](const auto& rule) { rule_names_.push_back(detail::rule_name_of(rule)); });
}

template <class Rules, class Grid, class Fields, class Processes, class Options>
basic_lattice_tissue<Rules, Grid, Fields, Processes, Options>::~basic_lattice_tissue() = default;

template <class Rules, class Grid, class Fields, class Processes, class Options>
void basic_lattice_tissue<Rules, Grid, Fields, Processes, Options>::step(duration dt) {
    require_positive("ossify::lattice_tissue::step", "dt", dt.value(), "d");
    std::apply([&](auto&... p) { (prepare_one(p, dt), ...); }, processes_);
    if constexpr (!rollback_type::empty) rollback_.save(state_);
    run_all(dt, std::make_index_sequence<std::tuple_size_v<Processes>>{});
    state_.set_clock(state_.time_days() + dt.value(), state_.steps() + 1);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_DETAIL_LATTICE_TISSUE_MEMBERS_HPP
