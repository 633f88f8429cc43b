/// @file
/// @brief The built-in cell states of intramembranous ossification.
///
/// Mesenchymal cells condense; some become capillary (endothelial) cells, others osteogenic
/// cells (osteoprogenitors, Runx2+) and then osteoblasts (Osterix/Sp7+; Komori 1997,
/// Nakashima 2002); osteoblasts entrapped in mineralised matrix become osteocytes, and
/// osteoblasts on the outer bone surface become the periosteum (source text, Figure 6.4.1).
#include "../config.hpp"
#ifndef OSSIFY_CELL_STATES_HPP
#define OSSIFY_CELL_STATES_HPP

#include <string_view>

#include "../units/quantities.hpp"
#include "concepts.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief An undifferentiated mesenchymal cell of the embryonic connective tissue.
struct mesenchymal {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "mesenchymal";
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const mesenchymal&, const mesenchymal&) = default;
};

/// @brief An osteogenic cell (osteoprogenitor, Runx2+): committed to bone, still dividing.
struct osteogenic {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "osteogenic";
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const osteogenic&, const osteogenic&) = default;
};

/// @brief A bone-forming cell (Osterix/Sp7+) that secretes osteoid.
struct osteoblast {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "osteoblast";
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const osteoblast&, const osteoblast&) = default;
};

/// @brief An osteoblast entrapped in mineralised matrix.
struct osteocyte {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "osteocyte";
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const osteocyte&, const osteocyte&) = default;
};

/// @brief A capillary (endothelial) cell: vessel channels, later red marrow.
struct endothelial {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "endothelial";
    /// @brief No matrix is laid into a capillary site: osteoid forms around vessels, never
    /// in them (source text, Figure 6.4.1); read by the lattice tissue's deposition.
    static constexpr bool blocks_matrix = true;
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const endothelial&, const endothelial&) = default;
};

/// @brief A periosteal cell: a surface osteoblast that lays compact bone.
struct periosteal {
    /// @brief Name used in output, pictures and error messages.
    static constexpr std::string_view name = "periosteal";
    /// @brief Time since the cell entered this state.
    duration time_in_state{};
    /// @brief States compare equal when their data do.
    friend bool operator==(const periosteal&, const periosteal&) = default;
};


OSSIFY_NAMESPACE_END

#endif  // OSSIFY_CELL_STATES_HPP
