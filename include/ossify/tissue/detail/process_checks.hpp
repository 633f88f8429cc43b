/// @file
/// @brief Internal: the compile-time checks a lattice tissue makes of its processes (protocol,
/// declared fields available, random purposes disjoint) and the fields a step must be able to
/// undo (what processes before a possibly throwing one write); the names of rules; seeding helpers.
#include "../../config.hpp"
#ifndef OSSIFY_TISSUE_DETAIL_PROCESS_CHECKS_HPP
#define OSSIFY_TISSUE_DETAIL_PROCESS_CHECKS_HPP

#include <cstddef>
#include <string>
#include <tuple>
#include <vector>
#include <utility>

#include "../../error.hpp"
#include "../../random/purpose.hpp"
#include "../../transition/transition.hpp"
#include "../context.hpp"
#include "../fields.hpp"
#include "../process.hpp"
#include "rollback.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {

template <class Fields, class Processes>
struct tissue_fields;
template <class Fields, class... P>
struct tissue_fields<Fields, std::tuple<P...>> {
    using type = merged_fields_t<Fields, process_owns_t<P>...>;
};
/// The checks of the processes of a tissue with state State and rules Rules.
template <class State, class Rules, class Processes>
struct process_checks {
    using fields_type = typename State::fields_type;
    template <class P>
    using context_type = lattice_context<State, Rules, P>;

    template <std::size_t K>
    static constexpr bool check_process() {
        using P = std::tuple_element_t<K, Processes>;
        static_assert(process_declaration<P>,
                      "ossify::lattice_tissue: a process must be copyable and declare `static constexpr "
                      "std::string_view name` (and, optionally, reads/writes/owns as field_list and purposes as "
                      "random::purpose_list): see ossify::lattice_process");
        static_assert(lattice_process<P, context_type<P>>,
                      "ossify::lattice_tissue: a process needs a member `step(Context&, ossify::duration)`: see "
                      "ossify::lattice_process");
        static_assert(!process_writes_t<P>::template contains<all_fields>,
                      "ossify::lattice_tissue: a process may read all_fields but must name the fields it writes");
        check_fields<P, fields_type, State::has_matrix>(process_reads_t<P>{});
        check_fields<P, fields_type, State::has_matrix>(process_writes_t<P>{});
        return true;
    }
    template <std::size_t... K>
    static constexpr bool check_processes(std::index_sequence<K...>) {
        return (check_process<K>() && ...);
    }
    template <class... P>
    static constexpr bool purposes_disjoint(std::tuple<P...>*) {
        return random::disjoint(all_purpose_ranges<P...>());
    }
    static_assert(purposes_disjoint(static_cast<Processes*>(nullptr)),
                  "ossify::lattice_tissue: two processes declare overlapping random purposes (the same purpose id "
                  "with overlapping draw indices), so they would see the same numbers: give one of them another "
                  "purpose (user purposes start at random::purpose::user)");
    /// True when every check passed (each failure is a static_assert naming the rule).
    static constexpr bool valid = check_processes(std::make_index_sequence<std::tuple_size_v<Processes>>{});

    template <std::size_t K>
    static constexpr bool may_throw() {
        using P = std::tuple_element_t<K, Processes>;
        return !process_step_is_noexcept_v<P, context_type<P>>;
    }
    template <class... P, std::size_t... K>
    static auto exposure_pack(std::tuple<P...>*, std::index_sequence<K...>)
        -> merged_fields_t<field_list<>,
                           typename exposure<K, may_throw<K>(),
                                             process_strong_guarantee_v<std::tuple_element_t<K, std::tuple<P...>>>,
                                             P...>::type...>;
    /// What a step must be able to undo (before `all_signals` is expanded).
    using exposed = decltype(exposure_pack(static_cast<Processes*>(nullptr),
                                           std::make_index_sequence<std::tuple_size_v<Processes>>{}));
};

/// "mesenchymal -> osteogenic", "osteogenic proliferation", "osteoblast death".
template <class Rule>
[[nodiscard]] std::string rule_name_of(const Rule&) {
    std::string n(Rule::from::name);
    if constexpr (Rule::kind == rule_kind::transition) n += " -> " + std::string(Rule::to::name);
    else if constexpr (Rule::kind == rule_kind::proliferation) n += " proliferation";
    else n += " death";
    return n;
}

/// The sites of a grid inside a shape; throws invalid_parameter when there is none.
template <class Grid, class Shape>
[[nodiscard]] std::vector<std::size_t> sites_of(const Grid& g, const Shape& shape, const char* where) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < g.size(); ++i) {
        if (shape.contains(g, g.coords(i))) out.push_back(i);
    }
    if (out.empty()) throw invalid_parameter(where, "shape", "a shape covering no site of the grid", "a shape that covers at least one site");
    return out;
}
/// The index of a site; throws invalid_parameter naming it when it is off the grid.
template <class Grid>
[[nodiscard]] std::size_t site_index(const Grid& g, const typename Grid::site_type& s, const char* where) {
    if (!g.contains(s)) {
        std::string coords;
        for (std::size_t a = 0; a < Grid::dimension; ++a) coords += (a ? ", " : "") + std::to_string(s[a]);
        throw invalid_parameter(where, "site", "(" + coords + ")", "a site on the grid");
    }
    return g.index(s);
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_DETAIL_PROCESS_CHECKS_HPP
