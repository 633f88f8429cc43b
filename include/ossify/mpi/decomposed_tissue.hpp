/// @file
/// @brief `mpi::decomposed_tissue`: a lattice tissue split over the ranks of an MPI
/// communicator, with the same bits as the serial tissue for any number of ranks.
///
/// Each rank runs an ordinary basic_lattice_tissue on its slab of planes along the slowest axis
/// (y in 2-D, z in 3-D) plus a halo of `halo` planes of each neighbour. Its draws are keyed by
/// global site index (lattice_window), so every site of its own planes is computed by exactly
/// the serial arithmetic, given exact halos; the halo planes are computed again and then
/// overwritten by the neighbours' (mpi::stage, mpi::slab_domain: an exchange whenever a process
/// would read halo planes that earlier processes left out of date, and at the end of each
/// step). Processes that are not local stencils run as distributed variants
/// (mpi::distributed): diffusion solves whole lines by transposition, the outside of the
/// structure process is a distributed flood fill. Counts, events and rule firings are summed
/// over ranks after every step, so the model protocol reads the same on every rank.
///
/// ```cpp
/// ossify::mpi::environment env(argc, argv);
/// ossify::mpi::decomposed_tissue tissue{ossify::mpi::communicator{}, rules, grid3d{64, 64, 256, 10.0_um},
///                                      signals<bmp2>{}, seed{42}};
/// tissue.fill_fraction(ball{{32, 32, 128}, 0.5_mm}, mesenchymal{}, 0.5);   // whole-grid coordinates
/// tissue.process<diffuse_signals>().add_source<bmp2>(ball{{32, 32, 128}, 40.0_um}, 400.0_nM / 1.0_d);
/// run_for(tissue, 10.0_d, 2.0_h);            // every rank, the same calls
/// ```
/// Every member that changes the tissue, and `step`, is collective: call it on every rank with
/// the same arguments.
#include "../config.hpp"
#ifndef OSSIFY_MPI_DECOMPOSED_TISSUE_HPP
#define OSSIFY_MPI_DECOMPOSED_TISSUE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "../process/default_processes.hpp"
#include "../random/counter_rng.hpp"
#include "../tissue/lattice_tissue.hpp"
#include "communicator.hpp"
#include "detail/tissue_parts.hpp"
#include "diffuse_signals.hpp"
#include "domain.hpp"
#include "halo.hpp"
#include "layout.hpp"
#include "stage.hpp"
#include "structure_remodelling.hpp"
#include "traits.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/// @brief The halo planes of a decomposed tissue unless decomposition::halo says otherwise:
/// enough for the built-in processes with adhesion and up to two depositing states (docs/mpi.md).
inline constexpr std::size_t default_halo = 4;

/// @brief How a tissue is decomposed.
struct decomposition {
    /// @brief Halo planes on each side (0: default_halo). Every step checks that no process
    /// reaches farther with its parameters of the moment (refused on every rank otherwise).
    std::size_t halo = 0;
    /// @brief Sites away from a cell that its rules' policies read (1 for the built-in policies).
    std::size_t policy_reach = 1;
};

/**
 * @brief A lattice tissue decomposed over MPI ranks (see the file comment).
 * @tparam Rules a rule set
 * @tparam Grid grid2d or grid3d (the whole grid)
 * @tparam Fields fields<...> or signals<...>
 * @tparam Processes the serial model's processes (each a local stencil or with a distributed variant)
 * @tparam Options lattice_options<Storage, Kinetics, Attribute>
 */
template <class Rules, class Grid, class Fields, class Processes = default_processes, class Options = lattice_options<>>
class decomposed_tissue {
public:
    /// @brief Spatial dimension.
    static constexpr std::size_t dimension = Grid::dimension;
    /// @brief The serial tissue this one reproduces.
    using serial_type = basic_lattice_tissue<Rules, Grid, Fields, Processes, Options>;
    /// @brief The processes a rank runs.
    using local_processes = typename detail::stages_of<Processes, dimension, std::make_index_sequence<std::tuple_size_v<Processes>>>::type;
    /// @brief A rank's tissue: its slab with the halo.
    using local_type = basic_lattice_tissue<Rules, Grid, Fields, local_processes, Options>;
    /// @brief The lineage.
    using lineage_type = typename local_type::lineage_type;
    /// @brief The rule set.
    using rules_type = Rules;
    /// @brief The grid type.
    using grid_type = Grid;
    /// @brief Every field carried.
    using fields_type = typename local_type::fields_type;
    /// @brief The state type of a rank's tissue.
    using state_type = typename local_type::state_type;
    /// @brief Number of states.
    static constexpr std::size_t state_count = local_type::state_count;
    /// @brief True when the tissue carries field F.
    template <class F>
    static constexpr bool carries = local_type::template carries<F>;

    /// @brief A decomposed tissue on the whole grid `grid`, over the ranks of `comm` (collective).
    /// Throws invalid_parameter on every rank when the grid has too few planes for the ranks.
    decomposed_tissue(communicator comm, Rules rules, const Grid& grid, Fields fields, ossify::seed seed,
                      Processes processes = Processes(), Options options = {}, decomposition d = {})
        : parts_(std::make_unique<parts>(comm, grid, d, std::move(rules), fields, seed, processes, options)) {
        refresh();
    }

    // ---------------------------------------------------------------- stepping
    /// @brief Advances every rank by dt (collective). Strong guarantee on every rank: when a
    /// process fails on any rank, every rank throws model_error naming the process and the rank,
    /// and every rank's tissue is as before the call.
    void step(duration dt) {
        auto& d = parts_->domain;
        d.clear_failure();
        try {
            parts_->local.step(dt);
        } catch (const std::exception&) {
            if (d.has_failure()) {
                const auto& f = d.last_failure();
                d.clear_failure();
                throw model_error("ossify::mpi::decomposed_tissue::step at day " + format_value(time().value()) + ": process " +
                                  f.process + " failed on rank " + std::to_string(f.rank) + " of " +
                                  std::to_string(d.comm().size()) + " (every rank is unchanged): " + f.message);
            }
            throw;
        }
        refresh();
    }

    // ---------------------------------------------------------------- seeding (collective)
    /// @brief Puts a cell in State on every site of `shape` (whole-grid coordinates). Returns the
    /// number of sites; invalid_parameter on every rank when the shape covers none.
    template <class Shape, class State>
    std::size_t fill(const Shape& shape, const State& s) {
        const auto g = global(shape);
        const auto [local, owned] = coverage(g);
        const auto total = refuse_empty(owned, "ossify::lattice_tissue::fill");
        if (local != 0) parts_->local.fill(g, s);
        refresh();
        return static_cast<std::size_t>(total);
    }
    /// @brief Puts a cell in State on each site of `shape` with probability p, with the draws of
    /// the serial tissue (keyed by global site index). Returns the number placed.
    template <class Shape, class State>
    std::size_t fill_fraction(const Shape& shape, const State& s, double p) {
        require_in_range("ossify::lattice_tissue::fill_fraction", "p", p, 0.0, 1.0);
        const auto g = global(shape);
        const auto [local, owned] = coverage(g);
        refuse_empty(owned, "ossify::lattice_tissue::fill_fraction");
        auto& t = parts_->local;
        const auto& layout = parts_->domain.layout();
        // The owned sites that will get a cell: the draws fill_fraction makes.
        const auto draw = random::counter_rng(t.seed()).bind(t.steps(), random::purpose::placement);
        const auto lg = t.grid();
        std::uint64_t placed = 0;
        for (std::size_t i = layout.owned_begin(); i < layout.owned_end(); ++i) {
            if (g.contains(lg, lg.coords(i)) && draw.uniform(i + layout.offset(), t.state().fill_calls()) < p) ++placed;
        }
        if (local != 0) t.fill_fraction(g, s, p);
        else t.fill_fraction(detail::every_site{}, s, 0.0);  // places nothing, counts the call
        refresh();
        return static_cast<std::size_t>(comm().sum(placed));
    }
    /// @brief Puts a cell in State (with an attribute) on one site (whole-grid coordinates).
    template <class State>
    void place(const typename Grid::site_type& where, const State& s, const typename Options::attribute& a = {}) {
        check_site("ossify::lattice_tissue::place", where);
        const auto& layout = parts_->domain.layout();
        if (layout.holds(where)) parts_->local.place(layout.to_local(where), s, a);
        refresh();
    }
    /// @brief Removes the cell on a site (whole-grid coordinates).
    void clear(const typename Grid::site_type& where) {
        check_site("ossify::lattice_tissue::clear", where);
        const auto& layout = parts_->domain.layout();
        if (layout.holds(where)) parts_->local.clear(layout.to_local(where));
        refresh();
    }
    /// @brief Sets field F to `value` on every site of `shape` (whole-grid coordinates).
    template <class F, class Shape>
    void set_field(const Shape& shape, double value) {
        using V = typename state_type::template value_of<F>;
        require_in_range("ossify::lattice_tissue::set_field", F::name, value, field_lower<F, V>(), field_upper<F, V>());
        const auto g = global(shape);
        const auto [local, owned] = coverage(g);
        refuse_empty(owned, "ossify::lattice_tissue::set_field");
        if (local != 0) parts_->local.template set_field<F>(g, value);
    }
    /// @brief A fixed source of Signal over `shape` (whole-grid coordinates): the diffusion
    /// process's add_source.
    template <class Signal, class Shape>
    void add_source(const Shape& shape, concentration_rate r) {
        process<ossify::diffuse_signals>().template add_source<Signal>(shape, r);
    }

    // ---------------------------------------------------------------- the model protocol
    /// @brief The clock.
    [[nodiscard]] duration time() const noexcept { return parts_->local.time(); }
    /// @brief Steps taken.
    [[nodiscard]] std::uint64_t steps() const noexcept { return parts_->local.steps(); }
    /// @brief The seed.
    [[nodiscard]] ossify::seed seed() const noexcept { return parts_->local.seed(); }
    /// @brief Cells per state in the whole tissue.
    [[nodiscard]] std::array<double, state_count> counts() const noexcept {
        std::array<double, state_count> c{};
        for (std::size_t s = 0; s < state_count; ++s) c[s] = static_cast<double>(counts_[s]);
        return c;
    }
    /// @brief Cells in State in the whole tissue.
    template <class State>
    [[nodiscard]] double count() const noexcept {
        return static_cast<double>(counts_[local_type::template state_index<State>()]);
    }
    /// @brief All cells of the whole tissue.
    [[nodiscard]] double cell_count() const noexcept {
        std::uint64_t n = 0;
        for (const auto c : counts_) n += c;
        return static_cast<double>(n);
    }
    /// @brief Name of a lineage index (or "empty").
    [[nodiscard]] static constexpr std::string_view state_name(std::size_t s) noexcept { return local_type::state_name(s); }
    /// @brief Cells born by division so far (whole tissue).
    [[nodiscard]] double births() const noexcept { return static_cast<double>(events_.births); }
    /// @brief Cells that died so far (whole tissue).
    [[nodiscard]] double deaths() const noexcept { return static_cast<double>(events_.deaths); }
    /// @brief All event counters of the whole tissue.
    [[nodiscard]] const cell_events& events() const noexcept { return events_; }
    /// @brief Number of rules.
    [[nodiscard]] static constexpr std::size_t rule_count() noexcept { return Rules::size; }
    /// @brief Name of rule k.
    [[nodiscard]] const std::string& rule_name(std::size_t k) const { return parts_->local.rule_name(k); }
    /// @brief How often rule k fired so far (whole tissue).
    [[nodiscard]] double rule_fires(std::size_t k) const { return static_cast<double>(fires_.at(k)); }

    // ---------------------------------------------------------------- reading
    /// @brief The whole grid.
    [[nodiscard]] const Grid& grid() const noexcept { return parts_->domain.layout().global_grid(); }
    /// @brief The rules.
    [[nodiscard]] const Rules& rules() const noexcept { return parts_->local.rules(); }
    /// @brief This rank's slab layout.
    [[nodiscard]] const slab_layout<dimension>& layout() const noexcept { return parts_->domain.layout(); }
    /// @brief The communicator.
    [[nodiscard]] const communicator& comm() const noexcept { return parts_->domain.comm(); }
    /// @brief This rank's tissue (its slab and halo; site i is global site i + layout().offset()).
    [[nodiscard]] const local_type& local() const noexcept { return parts_->local; }
    /// @brief This rank's tissue, to edit fields between steps (edit_field: keep the halo planes
    /// equal to the neighbours' planes, or use set_field).
    [[nodiscard]] local_type& local() noexcept { return parts_->local; }
    /// @brief The rank's machinery (halo plan, failures).
    [[nodiscard]] slab_domain<dimension>& domain() noexcept { return parts_->domain; }
    /// @brief Calls f(name, values) for every per-site array (visit_arrays' order), `values`
    /// the span of this rank's own sites.
    template <class F>
    void visit_owned(F&& f) const {
        const auto& layout = parts_->domain.layout();
        const std::size_t n = layout.local_sites();
        parts_->local.state().visit_arrays([&](std::string_view name, auto values, double, double) {
            const std::size_t per = values.size() / n;
            f(name, values.subspan(layout.owned_begin() * per, (layout.owned_end() - layout.owned_begin()) * per));
        });
    }

    // ---------------------------------------------------------------- processes
    /// @brief The process standing for the serial process P (its distributed variant where P
    /// has one), to set its parameters between steps (on every rank alike).
    template <class P>
    [[nodiscard]] auto& process() noexcept {
        return find_process<0, P>();
    }
    /// @brief The first process standing for a specialisation of template P
    /// (`process<diffuse_signals>()`).
    template <template <class...> class P>
    [[nodiscard]] auto& process() noexcept {
        return find_template<0, P>();
    }
    /// @brief Lists every parameter (as the serial tissue).
    template <class Visitor>
    void describe(Visitor&& visit) {
        parts_->local.describe(std::forward<Visitor>(visit));
    }
    /// @brief Visiting order of cells inside processes (results do not depend on it).
    void set_visit_order(visit_order o) noexcept { parts_->local.set_visit_order(o); }

    /// @brief Sums the counts of this rank's own sites, the event counters and the rule firings
    /// over ranks (collective; done after every step and every change).
    void refresh() {
        const auto& t = parts_->local;
        const auto& layout = parts_->domain.layout();
        std::vector<std::uint64_t> v(state_count + 4 + Rules::size, 0);
        for (std::size_t s = 0; s < state_count; ++s) v[s] = t.state().counts()[s];
        const auto states = t.states();
        const auto uncount = [&](std::size_t first, std::size_t last) {
            for (std::size_t i = first; i < last; ++i) {
                if (states[i] < state_count) --v[states[i]];
            }
        };
        uncount(0, layout.owned_begin());
        uncount(layout.owned_end(), states.size());
        const auto& e = t.events();
        v[state_count + 0] = e.births;
        v[state_count + 1] = e.deaths;
        v[state_count + 2] = e.moves;
        v[state_count + 3] = e.blocked_divisions;
        for (std::size_t k = 0; k < Rules::size; ++k) v[state_count + 4 + k] = t.state().rule_fires()[k];
        parts_->domain.synced([&] { comm().sum(std::span<std::uint64_t>(v)); });
        for (std::size_t s = 0; s < state_count; ++s) counts_[s] = v[s];
        events_ = {v[state_count], v[state_count + 1], v[state_count + 2], v[state_count + 3]};
        fires_.assign(v.begin() + static_cast<std::ptrdiff_t>(state_count + 4), v.end());
    }

private:
    struct parts {
        slab_domain<dimension> domain;
        local_type local;
        parts(communicator comm, const Grid& grid, const decomposition& d, Rules rules, Fields fields, ossify::seed seed,
              const Processes& processes, Options options)
            : domain(comm, slab_layout<dimension>(grid, comm.size(), comm.rank(), d.halo != 0 ? d.halo : default_halo),
                     reach_options{d.policy_reach}),
              local(std::move(rules), domain.layout().local_grid(), fields, seed,
                    detail::stages_of<Processes, dimension, std::make_index_sequence<std::tuple_size_v<Processes>>>::make(processes,
                                                                                                                          domain),
                    options) {
            const auto& l = domain.layout();
            local.set_window(lattice_window{l.offset(), l.owned_begin(), l.owned_end()});
            domain.set_exchange([this](std::uint64_t mask) { return exchange_halos(local, domain.layout(), domain.comm(), mask); });
        }
        parts(const parts&) = delete;
        parts& operator=(const parts&) = delete;
    };

    template <class Shape>
    [[nodiscard]] detail::global_shape<Shape, dimension> global(const Shape& s) const noexcept {
        return {&s, &parts_->domain.layout()};
    }
    // Local sites (owned or halo) and owned sites a shape covers.
    template <class G>
    [[nodiscard]] std::pair<std::uint64_t, std::uint64_t> coverage(const G& g) const {
        const auto& layout = parts_->domain.layout();
        const auto lg = parts_->local.grid();
        std::uint64_t local = 0, owned = 0;
        for (std::size_t i = 0; i < lg.size(); ++i) {
            if (!g.contains(lg, lg.coords(i))) continue;
            ++local;
            owned += (i >= layout.owned_begin() && i < layout.owned_end()) ? 1u : 0u;
        }
        return {local, owned};
    }
    std::uint64_t refuse_empty(std::uint64_t owned, const char* where) const {
        const std::uint64_t total = comm().sum(owned);
        if (total == 0) throw invalid_parameter(where, "shape", "a shape covering no site of the grid", "a shape that covers at least one site");
        return total;
    }
    void check_site(const char* where, const typename Grid::site_type& s) const {
        if (!grid().contains(s)) {
            std::string coords;
            for (std::size_t a = 0; a < dimension; ++a) coords += (a ? ", " : "") + std::to_string(s[a]);
            throw invalid_parameter(where, "site", "(" + coords + ")", "a site on the grid");
        }
    }
    template <std::size_t K, class P>
    auto& find_process() noexcept {
        static_assert(K < std::tuple_size_v<local_processes>, "ossify::mpi::decomposed_tissue::process: no process of that type");
        using S = std::tuple_element_t<K, local_processes>;
        if constexpr (std::is_same_v<typename S::serial_type, P> || std::is_same_v<typename S::inner_type, P>) {
            return parts_->local.template process<S>().inner();
        } else {
            return find_process<K + 1, P>();
        }
    }
    template <std::size_t K, template <class...> class P>
    auto& find_template() noexcept {
        static_assert(K < std::tuple_size_v<local_processes>, "ossify::mpi::decomposed_tissue::process: no process of that kind");
        using S = std::tuple_element_t<K, local_processes>;
        if constexpr (ossify::detail::is_specialisation_v<P, typename S::serial_type>) {
            return parts_->local.template process<S>().inner();
        } else {
            return find_template<K + 1, P>();
        }
    }

    std::unique_ptr<parts> parts_;
    std::array<std::uint64_t, state_count> counts_{};
    cell_events events_;
    std::vector<std::uint64_t> fires_;
};

/// @brief CTAD: the default processes.
template <class Rules, class Grid, class Fields>
decomposed_tissue(communicator, Rules, Grid, Fields, ossify::seed) -> decomposed_tissue<Rules, Grid, Fields, default_processes>;
/// @brief CTAD with a process tuple.
template <class Rules, class Grid, class Fields, class... P>
decomposed_tissue(communicator, Rules, Grid, Fields, ossify::seed, std::tuple<P...>)
    -> decomposed_tissue<Rules, Grid, Fields, std::tuple<P...>>;
/// @brief CTAD with a process tuple and options.
template <class Rules, class Grid, class Fields, class... P, class Options>
decomposed_tissue(communicator, Rules, Grid, Fields, ossify::seed, std::tuple<P...>, Options)
    -> decomposed_tissue<Rules, Grid, Fields, std::tuple<P...>, Options>;
/// @brief CTAD with a process tuple, options and a decomposition.
template <class Rules, class Grid, class Fields, class... P, class Options>
decomposed_tissue(communicator, Rules, Grid, Fields, ossify::seed, std::tuple<P...>, Options, decomposition)
    -> decomposed_tissue<Rules, Grid, Fields, std::tuple<P...>, Options>;

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_DECOMPOSED_TISSUE_HPP
