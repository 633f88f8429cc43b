/// @file
/// @brief Internals of mpi::decomposed_tissue: its stages (each serial process wrapped by
/// mpi::stage around its distributed variant), shapes given in whole-grid coordinates asked about
/// a rank's sites, and the shape of every site.
#include "../../config.hpp"
#ifndef OSSIFY_MPI_DETAIL_TISSUE_PARTS_HPP
#define OSSIFY_MPI_DETAIL_TISSUE_PARTS_HPP

#include <cstddef>
#include <tuple>
#include <utility>

#include "../../space/grid.hpp"
#include "../domain.hpp"
#include "../layout.hpp"
#include "../stage.hpp"
#include "../traits.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

namespace detail {
template <class Processes, std::size_t Dim, class Seq>
struct stages_of;
template <class... P, std::size_t Dim, std::size_t... K>
struct stages_of<std::tuple<P...>, Dim, std::index_sequence<K...>> {
    using type = std::tuple<stage<typename distributed<P, Dim>::type, K, sizeof...(P), Dim>...>;
    static type make(const std::tuple<P...>& p, slab_domain<Dim>& d) {
        return type(stage<typename distributed<P, Dim>::type, K, sizeof...(P), Dim>(distributed<P, Dim>::make(std::get<K>(p), d),
                                                                                       &d)...);
    }
};
/// A shape given in the whole grid's coordinates, asked about a rank's sites.
template <class Shape, std::size_t Dim>
struct global_shape {
    const Shape* shape;
    const slab_layout<Dim>* layout;
    template <class Grid>
    [[nodiscard]] bool contains(const Grid&, const typename basic_grid<Dim>::site_type& local) const {
        return shape->contains(layout->global_grid(), layout->to_global(local));
    }
};
/// Every site.
struct every_site {
    template <class Grid, class Site>
    [[nodiscard]] constexpr bool contains(const Grid&, const Site&) const noexcept {
        return true;
    }
};
}  // namespace detail
}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_DETAIL_TISSUE_PARTS_HPP
