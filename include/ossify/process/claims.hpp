/// @file
/// @brief `site_claims`: requests of cells for free sites (a move, a daughter), settled by an
/// order-independent rule: each target goes to the claim with the lowest random priority (then
/// the lowest source site), so the outcome is a function of the set of claims, not of the order
/// or the thread in which they were made.
#include "../config.hpp"
#ifndef OSSIFY_PROCESS_CLAIMS_HPP
#define OSSIFY_PROCESS_CLAIMS_HPP

#include <algorithm>
#include <cstddef>
#include <vector>

#include "parallel.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A request of the cell at `source` for the free site `target`.
struct site_claim {
    std::size_t target;  ///< the requested site
    double priority;     ///< a uniform draw keyed by the source: the lowest wins
    std::size_t source;  ///< the requesting cell's site
};

/// @brief Sorts claims and keeps the winner of each target (lowest priority, then lowest
/// source): the outcome does not depend on the order the claims were made in.
inline void resolve_claims(std::vector<site_claim>& claims) {
    std::sort(claims.begin(), claims.end(), [](const site_claim& a, const site_claim& b) {
        if (a.target != b.target) return a.target < b.target;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.source < b.source;
    });
    claims.erase(std::unique(claims.begin(), claims.end(),
                             [](const site_claim& a, const site_claim& b) { return a.target == b.target; }),
                 claims.end());
}

/**
 * @brief Claims collected per thread and settled together.
 * ```cpp
 * claims.reset();
 * parallel_rows(rows, [&](auto r0, auto r1, auto t) { ... claims[t].push_back({j, u, i}); });
 * for (const auto& c : claims.settle()) ctx.move(c.source, c.target);
 * ```
 */
class site_claims {
public:
    /// @brief Empties every thread's buffer (keeping capacity).
    void reset() { per_thread_.reset(); }
    /// @brief Room for n claims per thread (call in prepare()).
    void reserve(std::size_t n) {
        per_thread_.reserve(n);
        all_.reserve(n * per_thread_.buffers.size());
    }
    /// @brief The buffer of thread t.
    [[nodiscard]] std::vector<site_claim>& operator[](std::size_t t) noexcept { return per_thread_[t]; }
    /// @brief Gathers the claims of every thread and keeps one winner per target, in ascending
    /// order of targets.
    [[nodiscard]] const std::vector<site_claim>& settle() {
        per_thread_.gather(all_);
        requested_ = all_.size();
        resolve_claims(all_);
        return all_;
    }
    /// @brief Claims made before settle() (winners and losers).
    [[nodiscard]] std::size_t requested() const noexcept { return requested_; }

private:
    per_thread<site_claim> per_thread_;
    std::vector<site_claim> all_;
    std::size_t requested_ = 0;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_PROCESS_CLAIMS_HPP
