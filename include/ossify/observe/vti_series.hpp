/// @file
/// @brief `vti_series`: an observer writing VTK image data per observation and a `.pvd` collection at the end (ParaView animates the run).
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_VTI_SERIES_HPP
#define OSSIFY_OBSERVE_VTI_SERIES_HPP

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "detail/io.hpp"
#include "tissue_output.hpp"
#include "vtk.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Writes `<dir>/<stem>_000000.vti`, `_000001` ... (every field of a lattice tissue, see
/// write_tissue_vti) per observation, and at the end `<dir>/<stem>.pvd`, the collection with
/// each file's model time, which ParaView opens as one animated data set.
class vti_series {
public:
    /// @brief Writes into `dir` (created when missing) files named after `stem`.
    explicit vti_series(std::filesystem::path dir, std::string stem = "tissue") : dir_(std::move(dir)), stem_(std::move(stem)) {}
    /// @brief Writes the tissue at its time.
    template <class Tissue>
    void operator()(const Tissue& t) {
        std::filesystem::create_directories(dir_);
        char name[32];
        std::snprintf(name, sizeof name, "_%06zu.vti", files_.size());
        const auto file = dir_ / (stem_ + name);
        write_tissue_vti(file, t);
        files_.push_back(file);
        times_.push_back(t.time().value());
    }
    /// @brief Writes the `.pvd` collection.
    template <class Tissue>
    void finish(const Tissue&) {
        if (files_.empty()) return;
        const auto pvd = dir_ / (stem_ + ".pvd");
        auto out = detail::open_output("ossify::vti_series", pvd, false);
        out << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
               "  <Collection>\n";
        for (std::size_t k = 0; k < files_.size(); ++k) {
            std::string t;
            detail::append_number(t, times_[k]);
            out << "    <DataSet timestep=\"" << t << "\" group=\"\" part=\"0\" file=\""
                << detail::xml_escape(files_[k].filename().string()) << "\"/>\n";
        }
        out << "  </Collection>\n</VTKFile>\n";
        detail::close_output("ossify::vti_series", pvd, out);
        files_.push_back(pvd);
    }
    /// @brief Every file written so far (the .vti files, then the .pvd).
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

private:
    std::filesystem::path dir_;
    std::string stem_;
    std::vector<std::filesystem::path> files_;
    std::vector<double> times_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_VTI_SERIES_HPP
