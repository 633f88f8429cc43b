/// @file
/// @brief Output of a decomposed tissue: parallel VTK image data (a `.pvti` file that ParaView
/// opens as one image, with one `.vti` piece per rank holding the rank's own planes: the arrays
/// of write_tissue_vti), a series of them with a `.pvd` collection, and the standard metrics
/// reduced over ranks (written by rank 0 only).
#include "../config.hpp"
#ifndef OSSIFY_MPI_OUTPUT_HPP
#define OSSIFY_MPI_OUTPUT_HPP

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../observe/csv.hpp"
#include "../observe/detail/io.hpp"
#include "../observe/metrics.hpp"
#include "../observe/vtk.hpp"
#include "../tissue/lattice_state.hpp"
#include "communicator.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

namespace detail {
/// Throws io_error on every rank when any rank failed (the lowest rank's message).
inline void agree_on_io(const communicator& comm, const std::string& error) {
    if (!comm.any(!error.empty())) return;
    const int root = comm.min<int>(error.empty() ? INT_MAX : comm.rank());
    throw io_error(comm.broadcast(error, root) + (comm.size() > 1 ? " (rank " + std::to_string(root) + ")" : ""));
}
}  // namespace detail

/**
 * @brief Writes a decomposed tissue as parallel VTK image data (collective): `path` (a .pvti
 * file) and one piece per rank beside it, `<stem>_<rank>.vti`, holding the rank's own planes,
 * with the arrays of write_tissue_vti (state, every field, matrix and mineral fractions).
 * ParaView and VisIt open the .pvti as one image. Throws io_error on every rank when any rank
 * cannot write.
 * @return the files written (on every rank: the .pvti and every piece)
 */
template <class Tissue>
    requires requires { typename Tissue::local_type; }
std::vector<std::filesystem::path> write_tissue_pvti(const std::filesystem::path& path, const Tissue& t) {
    const auto& layout = t.layout();
    const auto& comm = t.comm();
    const auto& local = t.local();
    constexpr std::size_t dim = Tissue::dimension;
    const std::size_t b = layout.owned_begin(), e = layout.owned_end(), n = e - b;
    const auto& g = t.grid();
    std::array<std::int32_t, 3> extent{g.extent(0), dim == 3 ? g.extent(1) : static_cast<std::int32_t>(n / static_cast<std::size_t>(g.extent(0))), 1};
    std::array<std::int32_t, 3> first{0, 0, 0};
    if constexpr (dim == 3) extent[2] = static_cast<std::int32_t>(layout.owned_last() - layout.owned_first());
    first[dim - 1] = static_cast<std::int32_t>(layout.owned_first());
    const std::string stem = path.stem().string();
    const auto piece_name = [&](int q) { return stem + "_" + std::to_string(q) + ".vti"; };
    const auto dir = path.parent_path();
    std::string error;
    try {
        if (!dir.empty()) std::filesystem::create_directories(dir);
    } catch (const std::exception& ex) {
        error = ex.what();
    }
    vti_writer w(extent, g.spacing());
    w.piece_at(first);
    const auto states = local.states().subspan(b, n);
    std::vector<std::int32_t> state(states.begin(), states.end());
    for (auto& s : state) s = s == empty_site ? -1 : s;
    w.add("state", state);
    std::vector<std::vector<double>> converted;
    converted.reserve(Tissue::fields_type::size + 2);
    Tissue::fields_type::for_each([&]<class F>() {
        const auto v = local.template field<F>().subspan(b, n);
        if constexpr (vtk_scalar<std::remove_cv_t<typename decltype(v)::element_type>>) {
            w.add(std::string(F::name), v);
        } else {
            converted.emplace_back(v.begin(), v.end());
            w.add(std::string(F::name), converted.back());
        }
    });
    if constexpr (Tissue::state_type::has_matrix) {
        const auto& m = local.matrix();
        converted.emplace_back(n);
        converted.emplace_back(n);
        auto& fraction = converted[converted.size() - 2];
        auto& mineral = converted.back();
        for (std::size_t i = 0; i < n; ++i) {
            fraction[i] = m.matrix_fraction(b + i);
            mineral[i] = m.mineral_fraction(b + i);
        }
        w.add("matrix_fraction", fraction).add("mineral_fraction", mineral);
    }
    if (error.empty()) {
        try {
            w.write(dir / piece_name(comm.rank()));
        } catch (const std::exception& ex) {
            error = ex.what();
        }
    }
    detail::agree_on_io(comm, error);
    if (comm.rank() == 0) {
        try {
            auto out = ossify::detail::open_output("ossify::mpi::write_tissue_pvti", path, false);
            std::string h = "0 " + std::to_string(g.extent(0)) + " 0 " + std::to_string(g.extent(1)) + " 0 " +
                            std::to_string(dim == 3 ? g.extent(2) : 1);
            std::string spacing;
            for (int a = 0; a < 3; ++a) {
                if (a != 0) spacing += ' ';
                ossify::detail::append_number(spacing, g.spacing_um());
            }
            out << "<?xml version=\"1.0\"?>\n<VTKFile type=\"PImageData\" version=\"1.0\" byte_order=\"LittleEndian\" "
                   "header_type=\"UInt64\">\n  <PImageData WholeExtent=\""
                << h << "\" GhostLevel=\"0\" Origin=\"0 0 0\" Spacing=\"" << spacing << "\">\n    <PCellData Scalars=\"state\">\n";
            for (const auto& a : w.arrays()) {
                out << "      <PDataArray type=\"" << a.type << "\" Name=\"" << ossify::detail::xml_escape(a.name)
                    << "\" NumberOfComponents=\"" << a.components << "\"/>\n";
            }
            out << "    </PCellData>\n";
            for (int q = 0; q < comm.size(); ++q) {
                std::array<std::size_t, 3> lo{0, 0, 0}, hi{static_cast<std::size_t>(g.extent(0)), static_cast<std::size_t>(g.extent(1)),
                                                       dim == 3 ? static_cast<std::size_t>(g.extent(2)) : 1};
                lo[dim - 1] = layout.first_plane(q);
                hi[dim - 1] = layout.first_plane(q + 1);
                out << "    <Piece Extent=\"" << lo[0] << " " << hi[0] << " " << lo[1] << " " << hi[1] << " " << lo[2] << " " << hi[2]
                    << "\" Source=\"" << ossify::detail::xml_escape(piece_name(q)) << "\"/>\n";
            }
            out << "  </PImageData>\n</VTKFile>\n";
            ossify::detail::close_output("ossify::mpi::write_tissue_pvti", path, out);
        } catch (const std::exception& ex) {
            error = ex.what();
        }
    }
    detail::agree_on_io(comm, error);
    std::vector<std::filesystem::path> files{path};
    for (int q = 0; q < comm.size(); ++q) files.push_back(dir / piece_name(q));
    return files;
}

/**
 * @brief Observer: writes the decomposed tissue as a .pvti (with its pieces) per observation,
 * `<dir>/<stem>_<n>.pvti`, and at the end a `.pvd` collection of them that ParaView animates
 * (rank 0). Collective: every rank observes.
 */
class pvti_series {
public:
    /// @brief Writes into `dir` (created when missing) files named after `stem`.
    explicit pvti_series(std::filesystem::path dir, std::string stem = "tissue") : dir_(std::move(dir)), stem_(std::move(stem)) {}
    /// @brief Writes the tissue at its time.
    template <class Tissue>
    void operator()(const Tissue& t) {
        char name[32];
        std::snprintf(name, sizeof name, "_%06zu.pvti", times_.size());
        const auto file = dir_ / (stem_ + name);
        const auto written = write_tissue_pvti(file, t);
        files_.insert(files_.end(), written.begin(), written.end());
        pvti_.push_back(file);
        times_.push_back(t.time().value());
    }
    /// @brief Writes the `.pvd` collection (rank 0).
    template <class Tissue>
    void finish(const Tissue& t) {
        if (pvti_.empty()) return;
        const auto pvd = dir_ / (stem_ + ".pvd");
        std::string error;
        if (t.comm().rank() == 0) {
            try {
                auto out = ossify::detail::open_output("ossify::mpi::pvti_series", pvd, false);
                out << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
                       "  <Collection>\n";
                for (std::size_t k = 0; k < pvti_.size(); ++k) {
                    std::string time;
                    ossify::detail::append_number(time, times_[k]);
                    out << "    <DataSet timestep=\"" << time << "\" group=\"\" part=\"0\" file=\""
                        << ossify::detail::xml_escape(pvti_[k].filename().string()) << "\"/>\n";
                }
                out << "  </Collection>\n</VTKFile>\n";
                ossify::detail::close_output("ossify::mpi::pvti_series", pvd, out);
            } catch (const std::exception& ex) {
                error = ex.what();
            }
        }
        detail::agree_on_io(t.comm(), error);
        files_.push_back(pvd);
    }
    /// @brief Every file written so far.
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

private:
    std::filesystem::path dir_;
    std::string stem_;
    std::vector<std::filesystem::path> files_, pvti_;
    std::vector<double> times_;
};

/// @brief Sums of the ranks' partial sums, in rank order on every rank (the same bits on every
/// rank, and for the same number of ranks from run to run).
inline std::vector<double> ordered_sums(const communicator& comm, const std::vector<double>& mine) {
    const auto all = comm.gather_all(std::span<const double>(mine));
    std::vector<double> sum(mine.size(), 0.0);
    for (std::size_t q = 0; q < all.size() / std::max<std::size_t>(mine.size(), 1); ++q) {
        for (std::size_t k = 0; k < mine.size(); ++k) sum[k] += all[q * mine.size() + k];
    }
    return sum;
}

/**
 * @brief The standard metrics of a decomposed tissue (the columns of ossify::standard_metrics),
 * reduced over ranks (collective). Counts and the bone-front distance are exact; the volumes,
 * BV/TV and the marrow fraction are sums of per-rank partial sums, equal to the serial metrics
 * to rounding (relative 1e-12 in tests/mpi/output.cpp) and the same on every rank.
 */
template <class Tissue>
    requires requires { typename Tissue::local_type; }
[[nodiscard]] metrics_row standard_metrics(const Tissue& t) {
    metrics_row r;
    r.add("time_d", t.time().value());
    const auto counts = t.counts();
    for (std::size_t s = 0; s < counts.size(); ++s) r.add(std::string(Tissue::state_name(s)) + "_cells", counts[s]);
    if constexpr (Tissue::state_type::has_matrix) {
        const auto& layout = t.layout();
        const auto& local = t.local();
        const auto& m = local.matrix();
        const auto& g = t.grid();
        const auto lg = local.grid();
        double matrix = 0.0, mineral = 0.0, far2 = 0.0;
        std::uint64_t marrow_sites = 0, organ = 0;
        auto centre = grid_centre(g);
        for (std::size_t i = layout.owned_begin(); i < layout.owned_end(); ++i) {
            matrix += m.matrix_fraction(i);
            mineral += m.mineral_fraction(i);
            const bool bone = m.is_bone(i);
            bool is_marrow = false;
            if constexpr (Tissue::template carries<ossify::marrow>) is_marrow = local.template field<ossify::marrow>()[i] != 0;
            marrow_sites += is_marrow ? 1u : 0u;
            organ += (is_marrow || bone) ? 1u : 0u;
            if (bone) {
                const auto c = layout.to_global(lg.coords(i));
                double r2 = 0.0;
                for (std::size_t a = 0; a < Tissue::dimension; ++a) {
                    const double d = static_cast<double>(c[a] - centre[a]);
                    r2 += d * d;
                }
                far2 = std::max(far2, r2);
            }
        }
        const auto sums = ordered_sums(t.comm(), {matrix, mineral});
        const double volume = g.site_volume().value();
        marrow_sites = t.comm().sum(marrow_sites);
        organ = t.comm().sum(organ);
        r.add("osteoid_volume_um3", volume * std::max(sums[0] - sums[1], 0.0));
        r.add("mineral_volume_um3", volume * sums[1]);
        r.add("bv_tv", sums[0] / static_cast<double>(g.size()));
        r.add("marrow_fraction", organ == 0 ? 0.0 : static_cast<double>(marrow_sites) / static_cast<double>(organ));
        r.add("bone_front_um", std::sqrt(t.comm().max(far2)) * g.spacing_um());
    }
    return r;
}

/**
 * @brief Observer: the standard metrics of a decomposed tissue, reduced over ranks, one CSV row
 * per observation, written by rank 0 (collective: every rank observes).
 */
class metrics_recorder {
public:
    /// @brief Writes to `path` (rank 0).
    explicit metrics_recorder(std::filesystem::path path) : path_(std::move(path)) {}
    /// @brief Records the tissue's metrics.
    template <class Tissue>
    void operator()(const Tissue& t) {
        const auto row = mpi::standard_metrics(t);
        rows_.push_back(row.values);
        if (t.comm().rank() != 0) return;
        if (!out_) {
            if (!path_.parent_path().empty()) std::filesystem::create_directories(path_.parent_path());
            out_.emplace(path_, row.names, std::vector<std::string>{"seed " + std::to_string(t.seed().value),
                                                                    "ranks " + std::to_string(t.comm().size())});
        }
        out_->row(row.values);
    }
    /// @brief Every row recorded (on every rank).
    [[nodiscard]] const std::vector<std::vector<double>>& rows() const noexcept { return rows_; }

private:
    std::filesystem::path path_;
    std::optional<csv_writer> out_;
    std::vector<std::vector<double>> rows_;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_OUTPUT_HPP
