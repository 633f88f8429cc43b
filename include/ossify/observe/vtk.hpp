/// @file
/// @brief `vti_writer` / `write_vti`: fields on a 2-D or 3-D grid to a VTK XML ImageData
/// file (.vti) that ParaView and VisIt open, ASCII or appended raw binary.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_VTK_HPP
#define OSSIFY_OBSERVE_VTK_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <ostream>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/error.hpp"
#include "../space/grid.hpp"
#include "../units/quantities.hpp"
#include "detail/io.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Element types a VTK array may hold here: float, double, std::uint8_t, std::int32_t.
template <class T>
concept vtk_scalar = std::same_as<T, float> || std::same_as<T, double> ||
                     std::same_as<T, std::uint8_t> || std::same_as<T, std::int32_t>;

/// @brief How the data of a .vti file is stored.
enum class vtk_encoding : std::uint8_t {
    ascii,           ///< numbers as text inside each DataArray (readable, large, slow)
    appended_binary  ///< raw little-endian bytes in one AppendedData section, UInt64 sizes
};

/// @brief Whether grid sites are VTK cells (voxels) or VTK points.
enum class vtk_layout : std::uint8_t {
    /// Each site is a voxel of side h: WholeExtent 0..n per axis (a 2-D grid is one cell
    /// thick), arrays go to CellData, origin 0 so cell centres sit at (i + 1/2) h.
    cells,
    /// Each site is a point: WholeExtent 0..n-1 per axis (a 2-D grid is one point thick),
    /// arrays go to PointData, origin h/2 so points sit at the site centres (i + 1/2) h.
    points
};

/// @brief A named, read-only view of one array of site values to write; the data must
/// outlive the write. Made by vtk_array::of.
struct vtk_array {
    std::string name;                 ///< the array's name in ParaView
    std::string_view type;            ///< VTK type name: Float32, Float64, UInt8, Int32
    const void* data = nullptr;       ///< first element
    std::size_t size = 0;             ///< number of elements (sites * components)
    std::size_t element_size = 0;     ///< bytes per element
    std::int32_t components = 1;      ///< values per site (3 for a vector)
    void (*append_ascii)(std::string&, const void*, std::size_t) = nullptr;  ///< formats element i

    /// @brief A view of a contiguous range of float, double, std::uint8_t or std::int32_t
    /// holding `components` values per site (site-major: all components of site 0 first).
    /// @tparam Range std::vector, std::span, std::array ... of a vtk_scalar
    template <std::ranges::contiguous_range Range>
        requires std::ranges::sized_range<Range> &&
                 vtk_scalar<std::remove_cv_t<std::ranges::range_value_t<Range>>>
    [[nodiscard]] static vtk_array of(std::string name, const Range& values, std::int32_t components = 1) {
        using T = std::remove_cv_t<std::ranges::range_value_t<Range>>;
        vtk_array a;
        a.name = std::move(name);
        a.type = type_name<T>();
        a.data = std::ranges::data(values);
        a.size = std::ranges::size(values);
        a.element_size = sizeof(T);
        a.components = components;
        a.append_ascii = [](std::string& s, const void* p, std::size_t i) {
            detail::append_number(s, static_cast<const T*>(p)[i]);
        };
        return a;
    }

    /// @brief The VTK type name of an element type.
    /// @tparam T a vtk_scalar
    template <vtk_scalar T>
    [[nodiscard]] static constexpr std::string_view type_name() noexcept {
        if constexpr (std::same_as<T, float>) return "Float32";
        else if constexpr (std::same_as<T, double>) return "Float64";
        else if constexpr (std::same_as<T, std::uint8_t>) return "UInt8";
        else return "Int32";
    }
};

namespace detail {

/// @brief Escapes the five XML special characters of an attribute value.
inline std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace detail

/// @brief Writes site arrays on a regular grid to a VTK XML ImageData (.vti) file.
///
/// Add arrays with `add()`, then call `write()`; arrays hold grid.size() * components
/// values in the grid's order (x fastest). Spacing and origin are in micrometres.
/// ```
/// ossify::vti_writer vti(grid);
/// vti.add("state", states).add("mineral_fraction", mineral);
/// vti.write("out/step_0100.vti");
/// ```
class vti_writer {
public:
    /// @brief A writer for a 3-D block of extent {nx, ny, nz} sites (nz = 1 for 2-D) with
    /// the given spacing.
    /// @throws invalid_parameter if an extent is outside [1, 2^20] or the spacing is not > 0
    vti_writer(std::array<std::int32_t, 3> extent, length spacing, vtk_layout layout = vtk_layout::cells)
        : extent_(extent), spacing_(units::internal(spacing)), layout_(layout) {
        for (std::size_t a = 0; a < 3; ++a) {
            detail::require_in_range("ossify::vti_writer", "extent[" + std::to_string(a) + "]", extent[a], 1,
                                     1 << 20);
        }
        detail::require_positive("ossify::vti_writer", "spacing", spacing_, "um");
    }
    /// @brief A writer for a 2-D grid (a sheet one site thick).
    explicit vti_writer(const grid2d& grid, vtk_layout layout = vtk_layout::cells)
        : vti_writer({grid.extent(0), grid.extent(1), 1}, grid.spacing(), layout) {}
    /// @brief A writer for a 3-D grid.
    explicit vti_writer(const grid3d& grid, vtk_layout layout = vtk_layout::cells)
        : vti_writer(grid.extent(), grid.spacing(), layout) {}

    /// @brief Number of sites (tuples per array).
    [[nodiscard]] std::size_t sites() const noexcept {
        return static_cast<std::size_t>(extent_[0]) * static_cast<std::size_t>(extent_[1]) *
               static_cast<std::size_t>(extent_[2]);
    }

    /// @brief Adds an array. The first added array is the active scalar.
    /// @throws invalid_parameter naming the array if its name is empty or taken, its
    ///         components are outside [1, 9] or its size is not sites() * components
    ///         (the writer is left unchanged)
    vti_writer& add(vtk_array array) {
        constexpr std::string_view where = "ossify::vti_writer::add";
        if (array.name.empty()) throw invalid_parameter(where, "name", "\"\"", "a non-empty array name");
        for (const auto& a : arrays_) {
            if (a.name == array.name) {
                throw invalid_parameter(where, "name", "\"" + array.name + "\"", "a name not used by another array");
            }
        }
        detail::require_in_range(where, "components of array '" + array.name + "'", array.components, 1, 9);
        const std::size_t want = sites() * static_cast<std::size_t>(array.components);
        if (array.size != want) {
            throw invalid_parameter(where, "size of array '" + array.name + "'", std::to_string(array.size),
                                    std::to_string(want) + " (sites * components = " + std::to_string(sites()) +
                                        " * " + std::to_string(array.components) + ")");
        }
        arrays_.push_back(std::move(array));
        return *this;
    }
    /// @brief Adds a contiguous range of float, double, std::uint8_t or std::int32_t.
    /// @tparam Range std::vector, std::span, std::array ... of a vtk_scalar
    template <std::ranges::contiguous_range Range>
        requires std::ranges::sized_range<Range> &&
                 vtk_scalar<std::remove_cv_t<std::ranges::range_value_t<Range>>>
    vti_writer& add(std::string name, const Range& values, std::int32_t components = 1) {
        return add(vtk_array::of(std::move(name), values, components));
    }

    /// @brief The arrays added so far.
    [[nodiscard]] std::span<const vtk_array> arrays() const noexcept { return arrays_; }
    /// @brief Makes the file one piece of a larger image (a piece of a parallel .pvti file, as
    /// ossify/mpi writes): its sites start at site `first` of the whole image, so its extents are
    /// shifted by `first` (the origin and spacing stay the whole image's).
    vti_writer& piece_at(std::array<std::int32_t, 3> first) noexcept {
        first_ = first;
        return *this;
    }
    /// @brief The extent of the file in VTK's words ("x0 x1 y0 y1 z0 z1"): cell corners for
    /// vtk_layout::cells, points for vtk_layout::points.
    [[nodiscard]] std::string extent_text() const {
        const bool cells = layout_ == vtk_layout::cells;
        std::string extent;
        for (std::size_t a = 0; a < 3; ++a) {
            if (a != 0) extent += ' ';
            extent += std::to_string(first_[a]) + " " + std::to_string(first_[a] + (cells ? extent_[a] : extent_[a] - 1));
        }
        return extent;
    }

    /// @brief Writes the file to a stream (opened in binary mode for appended_binary).
    void write(std::ostream& out, vtk_encoding encoding = vtk_encoding::appended_binary) const {
        const bool cells = layout_ == vtk_layout::cells;
        std::string head;
        head += "<?xml version=\"1.0\"?>\n";
        head += "<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n";
        const std::string extent = extent_text();
        std::string origin, spacing;
        for (std::size_t a = 0; a < 3; ++a) {
            if (a != 0) {
                origin += ' ';
                spacing += ' ';
            }
            detail::append_number(origin, cells ? 0.0 : 0.5 * spacing_);
            detail::append_number(spacing, spacing_);
        }
        head += "  <ImageData WholeExtent=\"" + extent + "\" Origin=\"" + origin + "\" Spacing=\"" + spacing + "\">\n";
        head += "    <Piece Extent=\"" + extent + "\">\n";
        const std::string section = cells ? "CellData" : "PointData";
        head += "      <" + section;
        if (!arrays_.empty()) head += " Scalars=\"" + detail::xml_escape(arrays_.front().name) + "\"";
        head += ">\n";
        out << head;

        std::uint64_t offset = 0;
        for (const auto& a : arrays_) {
            std::string tag = "        <DataArray type=\"" + std::string(a.type) + "\" Name=\"" +
                              detail::xml_escape(a.name) + "\" NumberOfComponents=\"" +
                              std::to_string(a.components) + "\" format=\"";
            if (encoding == vtk_encoding::ascii) {
                tag += "ascii\">\n";
                out << tag;
                std::string line;
                const std::size_t per_line = static_cast<std::size_t>(a.components) *
                                             std::max<std::size_t>(1, 12 / static_cast<std::size_t>(a.components));
                for (std::size_t i = 0; i < a.size; ++i) {
                    if (i % per_line == 0) line += "          ";
                    a.append_ascii(line, a.data, i);
                    line += (i + 1) % per_line == 0 || i + 1 == a.size ? '\n' : ' ';
                    if (line.size() > 1 << 16) {
                        out << line;
                        line.clear();
                    }
                }
                out << line << "        </DataArray>\n";
            } else {
                tag += "appended\" offset=\"" + std::to_string(offset) + "\"/>\n";
                out << tag;
                offset += 8 + a.size * a.element_size;
            }
        }
        std::string tail = "      </" + section + ">\n    </Piece>\n  </ImageData>\n";
        if (encoding == vtk_encoding::appended_binary) {
            tail += "  <AppendedData encoding=\"raw\">\n   _";
            out << tail;
            for (const auto& a : arrays_) write_raw(out, a);
            out << "\n  </AppendedData>\n";
        } else {
            out << tail;
        }
        out << "</VTKFile>\n";
    }

    /// @brief Writes the file.
    /// @throws io_error (a std::runtime_error) naming the path if it cannot be written
    void write(const std::filesystem::path& path, vtk_encoding encoding = vtk_encoding::appended_binary) const {
        auto out = detail::open_output("ossify::vti_writer", path, true);
        write(static_cast<std::ostream&>(out), encoding);
        detail::close_output("ossify::vti_writer", path, out);
    }

private:
    static void write_raw(std::ostream& out, const vtk_array& a) {
        std::string header;
        detail::append_little_endian(header, static_cast<std::uint64_t>(a.size * a.element_size));
        out << header;
        const auto* bytes = static_cast<const char*>(a.data);
        if constexpr (std::endian::native == std::endian::little) {
            out.write(bytes, static_cast<std::streamsize>(a.size * a.element_size));
        } else {
            std::string buf(a.element_size, '\0');
            for (std::size_t i = 0; i < a.size; ++i) {
                for (std::size_t b = 0; b < a.element_size; ++b) buf[b] = bytes[i * a.element_size + a.element_size - 1 - b];
                out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
            }
        }
    }

    std::array<std::int32_t, 3> extent_;
    std::array<std::int32_t, 3> first_{0, 0, 0};
    double spacing_;
    vtk_layout layout_;
    std::vector<vtk_array> arrays_;
};

/// @brief Writes arrays on a grid to a .vti file in one call (appended binary, sites as cells):
/// `write_vti("a.vti", grid, {vtk_array::of("state", s), vtk_array::of("mineral", m)})`.
/// Every array is checked before the file is opened, so a refused call creates nothing.
/// @tparam Dim 2 or 3
/// @throws invalid_parameter naming the array whose size or name is wrong
/// @throws io_error naming the path if it cannot be written
template <std::size_t Dim>
void write_vti(const std::filesystem::path& path, const basic_grid<Dim>& grid,
               std::initializer_list<vtk_array> arrays,
               vtk_encoding encoding = vtk_encoding::appended_binary,
               vtk_layout layout = vtk_layout::cells) {
    vti_writer w(grid, layout);
    for (const auto& a : arrays) w.add(a);
    w.write(path, encoding);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_VTK_HPP
