/// @file
/// @brief Threads for processes: `parallel_rows(rows, body)` shares the rows of a lattice among
/// OpenMP threads (one call without OpenMP), and `per_thread<T>` keeps one buffer per thread
/// between steps. Results must not depend on the split: bodies write only their own rows'
/// sites or into their thread's buffer, which the caller merges in a fixed order.
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_PARALLEL_HPP
#define OSSIFY_PROCESS_PARALLEL_HPP

#include <algorithm>
#include <cstddef>
#include <exception>
#include <vector>

#include "detail/parallel.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Threads a process may use (1 without OpenMP).
[[nodiscard]] inline std::size_t thread_count() noexcept { return detail::max_threads(); }

/// @brief Runs body(r0, r1, thread) over contiguous blocks of the rows [0, rows): one block per
/// thread with OpenMP (an exception thrown by a thread is rethrown here, after all threads end),
/// else one call body(0, rows, 0).
template <class Body>
void parallel_rows(std::size_t rows, Body&& body) {
    detail::parallel_blocks(rows, body);
}

/**
 * @brief One buffer per thread, kept between steps so that a step allocates nothing once the
 * buffers have grown.
 * @tparam T the element type
 */
template <class T>
struct per_thread {
    /// @brief The buffers, one per thread.
    std::vector<std::vector<T>> buffers;
    /// @brief Makes one empty buffer per thread (keeping their capacity).
    void reset() {
        buffers.resize(std::max<std::size_t>(thread_count(), 1));
        for (auto& b : buffers) b.clear();
    }
    /// @brief Gives every buffer room for n elements (call in prepare(), so that step() does not
    /// allocate).
    void reserve(std::size_t n) {
        buffers.resize(std::max<std::size_t>(thread_count(), 1));
        for (auto& b : buffers) b.reserve(n);
    }
    /// @brief The buffer of thread t.
    [[nodiscard]] std::vector<T>& operator[](std::size_t t) noexcept { return buffers[t]; }
    /// @brief Appends every thread's buffer to out, in thread order (out is cleared first).
    void gather(std::vector<T>& out) const {
        out.clear();
        for (const auto& b : buffers) out.insert(out.end(), b.begin(), b.end());
    }
    /// @brief Total number of elements.
    [[nodiscard]] std::size_t size() const noexcept {
        std::size_t n = 0;
        for (const auto& b : buffers) n += b.size();
        return n;
    }
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_PARALLEL_HPP
