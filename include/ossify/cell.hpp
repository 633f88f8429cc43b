/// @file
/// @brief Umbrella header of the cell layer: states and lineages.
#include "config.hpp"
#ifndef OSSIFY_CELL_HPP
#define OSSIFY_CELL_HPP
#include "cell/concepts.hpp"
#include "cell/lineage.hpp"
#include "cell/states.hpp"
#include "cell/per_state.hpp"

OSSIFY_NAMESPACE_BEGIN
/// @brief The lineage of intramembranous ossification with its capillary and periosteal
/// branches (source text, Figure 6.4.1).
using intramembranous_lineage =
    lineage<mesenchymal, osteogenic, osteoblast, osteocyte, endothelial, periosteal>;
OSSIFY_NAMESPACE_END
#endif
