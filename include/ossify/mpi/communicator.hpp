/// @file
/// @brief The MPI layer's link to MPI: `mpi::environment` (MPI_Init / MPI_Finalize),
/// `mpi::communicator` (a non-owning MPI_Comm with the few collectives the layer uses), and
/// `mpi::datatype<T>()`. Needs `<mpi.h>`: include the ossify/mpi headers only in programs that
/// link MPI (CMake: `MPI::MPI_CXX`); `<ossify/ossify.hpp>` does not include them.
#include "../config.hpp"
#ifndef OSSIFY_MPI_COMMUNICATOR_HPP
#define OSSIFY_MPI_COMMUNICATOR_HPP

// The C API only: no deprecated C++ bindings (Open MPI, MPICH).
#ifndef OMPI_SKIP_MPICXX
#define OMPI_SKIP_MPICXX 1
#endif
#ifndef MPICH_SKIP_MPICXX
#define MPICH_SKIP_MPICXX 1
#endif
#if !__has_include(<mpi.h>)
#error "ossify/mpi needs <mpi.h>: build with MPI (CMake: find_package(MPI) and link MPI::MPI_CXX; ossify: -DOSSIFY_ENABLE_MPI=ON)"
#endif
#include <mpi.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "../error.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

/// @brief Thrown when an MPI call reports an error (MPI-IO calls return their errors; other
/// calls abort the job by MPI's default error handler).
class mpi_error : public std::runtime_error, public error {
public:
    /// @brief An error with the given message.
    explicit mpi_error(const std::string& what) : std::runtime_error(what) {}
    /// @brief The message.
    [[nodiscard]] const char* what() const noexcept override { return std::runtime_error::what(); }
};

/// @brief The text of an MPI error code.
[[nodiscard]] inline std::string error_text(int code) {
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    if (MPI_Error_string(code, text, &length) != MPI_SUCCESS) return "MPI error " + std::to_string(code);
    return std::string(text, static_cast<std::size_t>(length));
}

/// @brief The MPI datatype of an arithmetic type (1, 4 or 8 bytes, or char).
template <class T>
[[nodiscard]] MPI_Datatype datatype() noexcept {
    static_assert(std::is_arithmetic_v<T>, "ossify::mpi::datatype: arithmetic types only");
    if constexpr (std::is_same_v<T, double>) return MPI_DOUBLE;
    else if constexpr (std::is_same_v<T, float>) return MPI_FLOAT;
    else if constexpr (std::is_same_v<T, char>) return MPI_CHAR;
    else if constexpr (sizeof(T) == 1) return MPI_UINT8_T;
    else if constexpr (sizeof(T) == 4) return std::is_signed_v<T> ? MPI_INT32_T : MPI_UINT32_T;
    else {
        static_assert(sizeof(T) == 8, "ossify::mpi::datatype: 1, 4 or 8-byte types");
        return std::is_signed_v<T> ? MPI_INT64_T : MPI_UINT64_T;
    }
}

/**
 * @brief Initialises MPI for the program's lifetime (MPI_Init_thread with MPI_THREAD_FUNNELED:
 * OpenMP threads inside a rank never call MPI) and finalises it when destroyed, unless MPI was
 * already initialised by someone else.
 * ```cpp
 * int main(int argc, char** argv) { ossify::mpi::environment env(argc, argv); ... }
 * ```
 */
class environment {
public:
    /// @brief Initialises MPI (if it is not yet).
    environment(int& argc, char**& argv) {
        int done = 0;
        MPI_Initialized(&done);
        if (done == 0) {
            int provided = 0;
            MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
            owner_ = true;
        }
    }
    /// @brief Initialises MPI without arguments.
    environment() {
        int done = 0;
        MPI_Initialized(&done);
        if (done == 0) {
            int provided = 0;
            MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
            owner_ = true;
        }
    }
    environment(const environment&) = delete;
    environment& operator=(const environment&) = delete;
    /// @brief Finalises MPI if this object initialised it.
    ~environment() {
        int done = 0;
        MPI_Finalized(&done);
        if (owner_ && done == 0) MPI_Finalize();
    }

private:
    bool owner_ = false;
};

/**
 * @brief A communicator (not owned: the caller keeps it alive) with the collectives the MPI
 * layer uses. Every member that communicates is collective: call it on every rank, in the
 * same order.
 */
class communicator {
public:
    /// @brief MPI_COMM_WORLD.
    communicator() noexcept : comm_(MPI_COMM_WORLD) {}
    /// @brief Any communicator.
    explicit communicator(MPI_Comm c) noexcept : comm_(c) {}
    /// @brief The MPI handle.
    [[nodiscard]] MPI_Comm get() const noexcept { return comm_; }
    /// @brief This process's rank.
    [[nodiscard]] int rank() const noexcept {
        int r = 0;
        MPI_Comm_rank(comm_, &r);
        return r;
    }
    /// @brief Number of ranks.
    [[nodiscard]] int size() const noexcept {
        int n = 0;
        MPI_Comm_size(comm_, &n);
        return n;
    }
    /// @brief Waits for every rank.
    void barrier() const noexcept { MPI_Barrier(comm_); }
    /// @brief Element-wise sum over ranks, in place.
    template <class T>
    void sum(std::span<T> values) const noexcept {
        if (!values.empty()) MPI_Allreduce(MPI_IN_PLACE, values.data(), count(values.size()), datatype<T>(), MPI_SUM, comm_);
    }
    /// @brief Element-wise maximum over ranks, in place.
    template <class T>
    void max(std::span<T> values) const noexcept {
        if (!values.empty()) MPI_Allreduce(MPI_IN_PLACE, values.data(), count(values.size()), datatype<T>(), MPI_MAX, comm_);
    }
    /// @brief Element-wise minimum over ranks, in place.
    template <class T>
    void min(std::span<T> values) const noexcept {
        if (!values.empty()) MPI_Allreduce(MPI_IN_PLACE, values.data(), count(values.size()), datatype<T>(), MPI_MIN, comm_);
    }
    /// @brief The sum of one value over ranks.
    template <class T>
    [[nodiscard]] T sum(T v) const noexcept {
        sum(std::span<T>(&v, 1));
        return v;
    }
    /// @brief The maximum of one value over ranks.
    template <class T>
    [[nodiscard]] T max(T v) const noexcept {
        max(std::span<T>(&v, 1));
        return v;
    }
    /// @brief The minimum of one value over ranks.
    template <class T>
    [[nodiscard]] T min(T v) const noexcept {
        min(std::span<T>(&v, 1));
        return v;
    }
    /// @brief True on every rank when it is true on any rank.
    [[nodiscard]] bool any(bool v) const noexcept { return max<int>(v ? 1 : 0) != 0; }
    /// @brief The string of rank `root`, on every rank.
    [[nodiscard]] std::string broadcast(std::string s, int root) const {
        std::uint64_t n = s.size();
        MPI_Bcast(&n, 1, MPI_UINT64_T, root, comm_);
        s.resize(static_cast<std::size_t>(n));
        for (std::size_t at = 0; at < s.size(); at += chunk) {
            MPI_Bcast(s.data() + at, count(std::min(chunk, s.size() - at)), MPI_CHAR, root, comm_);
        }
        return s;
    }
    /// @brief The values of every rank, concatenated in rank order, on every rank.
    template <class T>
    [[nodiscard]] std::vector<T> gather_all(std::span<const T> mine) const {
        const int n = size();
        std::vector<int> counts(static_cast<std::size_t>(n)), displs(static_cast<std::size_t>(n));
        int own = count(mine.size());
        MPI_Allgather(&own, 1, MPI_INT, counts.data(), 1, MPI_INT, comm_);
        std::size_t total = 0;
        for (int q = 0; q < n; ++q) {
            displs[static_cast<std::size_t>(q)] = count(total);
            total += static_cast<std::size_t>(counts[static_cast<std::size_t>(q)]);
        }
        std::vector<T> all(total);
        MPI_Allgatherv(mine.data(), own, datatype<T>(), all.data(), counts.data(), displs.data(), datatype<T>(), comm_);
        return all;
    }

    /// @brief A count for MPI (int), refusing one that does not fit.
    [[nodiscard]] static int count(std::size_t n) {
        if (n > static_cast<std::size_t>(INT_MAX)) {
            throw capacity_error("ossify::mpi: a message of " + std::to_string(n) +
                                 " elements exceeds MPI's int counts: use more ranks");
        }
        return static_cast<int>(n);
    }

private:
    static constexpr std::size_t chunk = std::size_t{1} << 30;
    MPI_Comm comm_;
};

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_COMMUNICATOR_HPP
