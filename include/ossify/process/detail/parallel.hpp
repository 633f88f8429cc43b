/// @file
/// @brief Internal: the OpenMP parts of process/parallel.hpp.
#include "../../config.hpp"
#ifndef OSSIFY_PROCESS_DETAIL_PARALLEL_HPP
#define OSSIFY_PROCESS_DETAIL_PARALLEL_HPP

#include <cstddef>
#include <exception>
#include <vector>

#ifdef OSSIFY_USE_OPENMP
#include <omp.h>
#endif

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// Threads OpenMP would use (1 without it).
[[nodiscard]] inline std::size_t max_threads() noexcept {
#ifdef OSSIFY_USE_OPENMP
    return static_cast<std::size_t>(omp_get_max_threads());
#else
    return 1;
#endif
}

/// body(r0, r1, t) over one contiguous block of [0, rows) per thread; exceptions of the
/// threads are caught there and the first (in thread order) rethrown after the region.
template <class Body>
void parallel_blocks(std::size_t rows, Body& body) {
#ifdef OSSIFY_USE_OPENMP
    const std::size_t threads = max_threads();
    if (threads > 1 && rows >= 2 * threads) {
        std::vector<std::exception_ptr> errors(threads);
#pragma omp parallel num_threads(static_cast<int>(threads))
        {
            const auto nt = static_cast<std::size_t>(omp_get_num_threads());
            const auto t = static_cast<std::size_t>(omp_get_thread_num());
            try {
                body(rows * t / nt, rows * (t + 1) / nt, t);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        }
        for (const auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
        return;
    }
#endif
    body(std::size_t{0}, rows, std::size_t{0});
}

/// body(k) for every k < n, the indices shared among threads (statically: thread t gets a
/// contiguous block); for small independent tasks such as one per thread buffer. body must
/// not throw.
template <class Body>
void parallel_indices(std::size_t n, Body&& body) noexcept {
#ifdef OSSIFY_USE_OPENMP
    if (n > 1 && max_threads() > 1) {
        const auto count = static_cast<std::ptrdiff_t>(n);
#pragma omp parallel for schedule(static) num_threads(static_cast<int>(max_threads() < n ? max_threads() : n))
        for (std::ptrdiff_t k = 0; k < count; ++k) body(static_cast<std::size_t>(k));
        return;
    }
#endif
    for (std::size_t k = 0; k < n; ++k) body(k);
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_DETAIL_PARALLEL_HPP
