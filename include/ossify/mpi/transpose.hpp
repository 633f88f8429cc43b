/// @file
/// @brief `mpi::line_transpose`: the lines of a decomposed grid along its split axis, gathered
/// whole on one rank each (MPI_Alltoallv), so that a tridiagonal solve along that axis runs on
/// every line exactly as the serial solver runs it; and back.
///
/// A rank owns the planes [p0, p1) of the split axis (each plane M sites). The M lines across
/// the planes are shared evenly among the ranks; rank q gets lines [m0_q, m1_q) and holds them
/// side by side: element p of its line l at lines[p * L + l], L = m1_q - m0_q.
#include "../config.hpp"
#ifndef OSSIFY_MPI_TRANSPOSE_HPP
#define OSSIFY_MPI_TRANSPOSE_HPP

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <vector>

#include "communicator.hpp"
#include "layout.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/**
 * @brief The plan and buffers of one transposition of values of type T.
 * @tparam T double or float
 */
template <class T>
class line_transpose {
public:
    /// @brief Plans the transposition for a layout (allocates its buffers).
    template <std::size_t Dim>
    void plan(const slab_layout<Dim>& layout, const communicator& comm) {
        comm_ = comm.get();
        const int p = layout.ranks();
        const std::size_t m = layout.plane_sites();
        ranks_ = static_cast<std::size_t>(p);
        plane_ = m;
        owned_ = layout.owned_last() - layout.owned_first();
        first_line_.assign(ranks_ + 1, 0);
        for (std::size_t q = 0; q <= ranks_; ++q) first_line_[q] = q * (m / ranks_) + std::min(q, m % ranks_);
        const std::size_t me = static_cast<std::size_t>(layout.rank());
        lines_ = first_line_[me + 1] - first_line_[me];
        send_counts_.assign(ranks_, 0);
        send_displs_.assign(ranks_, 0);
        recv_counts_.assign(ranks_, 0);
        recv_displs_.assign(ranks_, 0);
        total_planes_ = layout.planes();
        std::size_t at = 0;
        for (std::size_t q = 0; q < ranks_; ++q) {
            const std::size_t width = first_line_[q + 1] - first_line_[q];
            send_counts_[q] = communicator::count(owned_ * width);
            send_displs_[q] = communicator::count(at);
            at += owned_ * width;
            const std::size_t planes_q = layout.first_plane(static_cast<int>(q) + 1) - layout.first_plane(static_cast<int>(q));
            recv_counts_[q] = communicator::count(planes_q * lines_);
            recv_displs_[q] = communicator::count(layout.first_plane(static_cast<int>(q)) * lines_);
        }
        packed_.resize(owned_ * m);
        forward_bytes_ = (owned_ * m - owned_ * lines_) * sizeof(T);
        backward_bytes_ = (total_planes_ * lines_ - owned_ * lines_) * sizeof(T);
    }
    /// @brief Lines this rank holds.
    [[nodiscard]] std::size_t lines() const noexcept { return lines_; }
    /// @brief Values of this rank's lines (planes of the whole grid times lines()).
    [[nodiscard]] std::size_t line_values() const noexcept { return total_planes_ * lines_; }
    /// @brief Bytes this rank sends to other ranks per forward transposition.
    [[nodiscard]] std::size_t forward_bytes() const noexcept { return forward_bytes_; }
    /// @brief Bytes this rank sends to other ranks per backward transposition.
    [[nodiscard]] std::size_t backward_bytes() const noexcept { return backward_bytes_; }
    /// @brief Bytes this rank sends to other ranks per forward-and-back transposition.
    [[nodiscard]] std::size_t moved_bytes() const noexcept { return forward_bytes_ + backward_bytes_; }

    /// @brief Gathers this rank's lines: `owned` holds the rank's planes (owned planes times M
    /// values), `lines` receives line_values() values. Collective.
    void forward(const T* owned, T* lines) {
        std::size_t at = 0;
        for (std::size_t q = 0; q < ranks_; ++q) {
            const std::size_t m0 = first_line_[q], width = first_line_[q + 1] - m0;
            for (std::size_t p = 0; p < owned_; ++p, at += width) {
                std::memcpy(packed_.data() + at, owned + p * plane_ + m0, width * sizeof(T));
            }
        }
        MPI_Alltoallv(packed_.data(), send_counts_.data(), send_displs_.data(), datatype<T>(), lines, recv_counts_.data(),
                      recv_displs_.data(), datatype<T>(), comm_);
    }
    /// @brief Puts the solved lines back into the planes of their owners. Collective.
    void backward(const T* lines, T* owned) {
        MPI_Alltoallv(lines, recv_counts_.data(), recv_displs_.data(), datatype<T>(), packed_.data(), send_counts_.data(),
                      send_displs_.data(), datatype<T>(), comm_);
        std::size_t at = 0;
        for (std::size_t q = 0; q < ranks_; ++q) {
            const std::size_t m0 = first_line_[q], width = first_line_[q + 1] - m0;
            for (std::size_t p = 0; p < owned_; ++p, at += width) {
                std::memcpy(owned + p * plane_ + m0, packed_.data() + at, width * sizeof(T));
            }
        }
    }

private:
    MPI_Comm comm_ = MPI_COMM_NULL;
    std::size_t ranks_ = 0, plane_ = 0, owned_ = 0, lines_ = 0, total_planes_ = 0, forward_bytes_ = 0, backward_bytes_ = 0;
    std::vector<std::size_t> first_line_;
    std::vector<int> send_counts_, send_displs_, recv_counts_, recv_displs_;
    std::vector<T> packed_;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_TRANSPOSE_HPP
