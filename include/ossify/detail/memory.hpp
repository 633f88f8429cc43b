/// @file
/// @brief Internal: the machine's physical memory, to refuse an allocation that cannot fit
/// before it is attempted (POSIX sysconf; no limit where it is not available).
#include "../config.hpp"
#ifndef OSSIFY_DETAIL_MEMORY_HPP
#define OSSIFY_DETAIL_MEMORY_HPP

#include <limits>

#if defined(__has_include)
#if __has_include(<unistd.h>)
#include <unistd.h>
#define OSSIFY_HAS_SYSCONF 1
#endif
#endif

OSSIFY_NAMESPACE_BEGIN
namespace detail {
/// Bytes of physical memory, or +infinity when they cannot be read.
[[nodiscard]] inline double physical_memory_bytes() noexcept {
#if defined(OSSIFY_HAS_SYSCONF) && defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages > 0 && size > 0) return static_cast<double>(pages) * static_cast<double>(size);
#endif
    return std::numeric_limits<double>::infinity();
}
}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_DETAIL_MEMORY_HPP
