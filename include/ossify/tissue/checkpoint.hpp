/// @file
/// @brief Checkpoint and restore of a lattice tissue: a run saved mid-way and restored into a
/// tissue built the same way (even one that has stepped on since) continues bit-identically.
///
/// File layout (integers little-endian, floating point as IEEE-754 bits):
///
/// | offset | size | content |
/// |---|---|---|
/// | 0  | 8 | magic `OSSIFYCK` |
/// | 8  | 4 | format version (checkpoint_format_version) |
/// | 12 | 8 | payload size in bytes |
/// | 20 | 8 | FNV-1a 64 checksum of the payload |
/// | 28 | payload | model signature, clock and counters, every per-site array, process states |
///
/// Signature: dimension, extents, spacing, state names, rule names, fields (name and value type),
/// the matrix kinetics and its arrays, the attribute's size, the seed. Then: clock (f64, d),
/// steps, fill_fraction calls, event counters, rule firings; every per-site array the state
/// enumerates (basic_lattice_state::visit_arrays: name, value type, count, values); the saved
/// state of every process that has one (name, size, bytes).
///
/// Not saved: the configuration (rules, process parameters, kinetics parameters): restore into a
/// tissue built and configured like the saved one. Refused, changing nothing: a damaged,
/// truncated or foreign file, another format version, another model (grid, lineage, fields,
/// kinetics, attribute), another seed or rule set (unless restore_options allows it), and values
/// outside their ranges (a NaN clock, a matrix fraction of 5, a negative concentration ...).
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_CHECKPOINT_HPP
#define OSSIFY_TISSUE_CHECKPOINT_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <vector>

#include "archive.hpp"
#include "lattice_tissue.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief The checkpoint format version this library writes and reads.
inline constexpr std::uint32_t checkpoint_format_version = 2;

/// @brief What restore_checkpoint may accept beyond an exact match.
struct restore_options {
    /// @brief Accept a checkpoint written with another seed (the run continues with this
    /// tissue's seed).
    bool allow_other_seed = false;
    /// @brief Accept a checkpoint written under another rule set (same states).
    bool allow_other_rules = false;
};

namespace detail {
inline constexpr std::array<char, 8> checkpoint_magic{'O', 'S', 'S', 'I', 'F', 'Y', 'C', 'K'};
inline constexpr std::size_t checkpoint_header = 8 + 4 + 8 + 8;
/// FNV-1a 64 (Fowler, Noll, Vo): any single changed byte changes the hash.
[[nodiscard]] inline std::uint64_t fnv1a64(std::span<const char> bytes) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}
/// A code for a stored value type: size in bytes, plus 16 for floating point, 32 for signed.
template <class T>
constexpr std::uint8_t type_code() noexcept {
    return static_cast<std::uint8_t>(sizeof(T) + (std::is_floating_point_v<T> ? 16 : 0) + (std::is_signed_v<T> ? 32 : 0));
}
}  // namespace detail

/**
 * @brief Reads and writes the state of a lattice tissue for checkpoints (the tissue declares it
 * a friend). Use save_checkpoint / restore_checkpoint.
 * @tparam Tissue a basic_lattice_tissue
 */
template <class Tissue>
class checkpoint_access {
public:
    /// @brief Writes a checkpoint of `t` to `out`; throws checkpoint_error if the stream fails.
    static void save(const Tissue& t, std::ostream& out) {
        checkpoint_writer w;
        signature(t, w);
        const auto& s = t.state_;
        w.f64(s.time_days());
        w.u64(s.steps());
        w.u32(s.fill_calls());
        w.u64(s.events().births);
        w.u64(s.events().deaths);
        w.u64(s.events().moves);
        w.u64(s.events().blocked_divisions);
        w.u32(static_cast<std::uint32_t>(s.rule_fires().size()));
        for (const auto f : s.rule_fires()) w.u64(f);
        s.visit_arrays([&](std::string_view name, auto values, double, double) {
            using T = std::remove_cv_t<typename decltype(values)::element_type>;
            w.str(name);
            w.u8(detail::type_code<T>());
            w.u64(values.size());
            for (const auto v : values) w.value(v);
        });
        std::apply([&](const auto&... p) { (save_process(p, w), ...); }, t.processes_);
        const auto& payload = w.buffer();
        std::string header(detail::checkpoint_magic.begin(), detail::checkpoint_magic.end());
        checkpoint_writer h;
        h.u32(checkpoint_format_version);
        h.u64(payload.size());
        h.u64(detail::fnv1a64(payload));
        header += h.buffer();
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
        out.flush();
        if (!out) detail::checkpoint_fail({"ossify::save_checkpoint: writing the checkpoint failed"});
    }

    /// @brief Restores `t` from a checkpoint in `in` (named `source` in messages); throws
    /// checkpoint_error, changing nothing, when it is refused.
    static void restore(Tissue& t, std::istream& in, const std::string& source, restore_options opt) {
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string ctx = "ossify::restore_checkpoint: " + source;
        const std::size_t magic = std::min(bytes.size(), detail::checkpoint_magic.size());
        if (!std::equal(detail::checkpoint_magic.begin(), detail::checkpoint_magic.begin() + magic, bytes.begin())) {
            detail::checkpoint_fail({ctx, ": not an ossify checkpoint (no OSSIFYCK header)"});
        }
        if (bytes.size() < detail::checkpoint_header) {
            detail::checkpoint_fail({ctx, ": truncated (the ", std::to_string(detail::checkpoint_header),
                                     "-byte header is cut off after ", std::to_string(bytes.size()), " bytes)"});
        }
        checkpoint_reader head(std::span<const char>(bytes).subspan(8, 20), ctx);
        const std::uint32_t version = head.u32();
        if (version != checkpoint_format_version) {
            detail::checkpoint_fail({ctx, ": format version ", std::to_string(version), ", this library reads version ",
                                     std::to_string(checkpoint_format_version), " only"});
        }
        const std::uint64_t size = head.u64(), sum = head.u64();
        if (size != bytes.size() - detail::checkpoint_header) {
            detail::checkpoint_fail({ctx, ": damaged or truncated (payload of ", std::to_string(bytes.size() - detail::checkpoint_header),
                                     " bytes, the header says ", std::to_string(size), ")"});
        }
        const std::span<const char> payload(bytes.data() + detail::checkpoint_header, size);
        if (detail::fnv1a64(payload) != sum) detail::checkpoint_fail({ctx, ": damaged (checksum mismatch)"});
        checkpoint_reader r(payload, ctx);
        check_signature(t, r, opt);
        typename Tissue::state_type s(t.state_.grid());
        const double time = r.f64_in("clock (d)", 0.0, 1.0e12);
        const std::uint64_t steps = r.u64();
        s.set_clock(time, steps);
        s.fill_calls() = r.u32();
        s.events().births = r.u64();
        s.events().deaths = r.u64();
        s.events().moves = r.u64();
        s.events().blocked_divisions = r.u64();
        const std::uint32_t rules = r.u32();
        std::vector<std::uint64_t> fires(rules);
        for (auto& f : fires) f = r.u64();
        // Firings of another rule set (accepted only with allow_other_rules) start again from 0.
        if (rules == Tissue::rule_count()) s.rule_fires() = std::move(fires);
        else s.rule_fires().assign(Tissue::rule_count(), 0);
        s.visit_arrays([&](std::string_view name, auto values, double lo, double hi) {
            using T = std::remove_cv_t<typename decltype(values)::element_type>;
            if (r.str() != name) r.refuse({"expected the array '", name, "' here"});
            if (r.u8() != detail::type_code<T>() || r.u64() != values.size()) {
                r.refuse({"the array '", name, "' has another value type or size"});
            }
            const bool states = name == "cells.state", entries = name == "cells.entered";
            for (std::size_t i = 0; i < values.size(); ++i) {
                const T v = r.value<T>();
                const auto x = static_cast<double>(v);
                const bool ok = states ? (v < Tissue::state_count || v == empty_site)
                                       : entries ? std::isfinite(x) && x <= time + 1e-6 * (1.0 + time)
                                                 : (x >= lo && x <= hi);
                if (!ok) {
                    r.refuse({"'", name, "' = ", format_value(x), " at site ", std::to_string(i), " is outside ",
                              states ? "the lineage's states" : entries ? "(-inf, clock]" : "[" + format_value(lo) + ", " + format_value(hi) + "]"});
                }
                values[i] = v;
            }
        });
        s.recount();
        auto processes = t.processes_;
        std::apply([&](auto&... p) { (restore_process(p, r), ...); }, processes);
        if (r.left() != 0) r.refuse({std::to_string(r.left()), " bytes left over after the last process state"});
        std::apply([&](auto&... p) { (reset_process(p), ...); }, processes);
        // Nothing was refused: commit.
        t.state_ = std::move(s);
        t.processes_ = std::move(processes);
    }

private:
    static void signature(const Tissue& t, checkpoint_writer& w) {
        const auto& g = t.grid();
        w.u32(static_cast<std::uint32_t>(Tissue::dimension));
        for (std::size_t a = 0; a < Tissue::dimension; ++a) w.i32(g.extent(a));
        w.f64(g.spacing_um());
        w.u32(static_cast<std::uint32_t>(Tissue::state_count));
        for (std::size_t k = 0; k < Tissue::state_count; ++k) w.str(Tissue::state_name(k));
        w.u32(static_cast<std::uint32_t>(Tissue::rule_count()));
        for (std::size_t k = 0; k < Tissue::rule_count(); ++k) w.str(t.rule_name(k));
        w.u64(t.seed().value);
    }
    static void check_signature(const Tissue& t, checkpoint_reader& r, const restore_options& opt) {
        const auto& g = t.grid();
        const auto model = [&](bool same, std::string_view what) {
            if (!same) r.refuse({"it holds another model (its ", what, " differs from this tissue's)"});
        };
        model(r.u32() == Tissue::dimension, "dimension");
        for (std::size_t a = 0; a < Tissue::dimension; ++a) model(r.i32() == g.extent(a), "grid extent");
        model(r.f64() == g.spacing_um(), "grid spacing");
        const std::uint32_t states = r.u32();
        model(states == Tissue::state_count, "number of cell states");
        for (std::uint32_t k = 0; k < states; ++k) model(r.str() == Tissue::state_name(k), "lineage");
        const std::uint32_t rules = r.u32();
        bool same_rules = rules == Tissue::rule_count();
        for (std::uint32_t k = 0; k < rules; ++k) {
            const auto name = r.str();
            same_rules = same_rules && name == t.rule_name(k);
        }
        if (!same_rules && !opt.allow_other_rules) {
            r.refuse({"it was written under another rule set (pass restore_options{.allow_other_rules = true} to "
                      "accept it)"});
        }
        const std::uint64_t seed = r.u64();
        if (seed != t.seed().value && !opt.allow_other_seed) {
            r.refuse({"it was written with seed ", std::to_string(seed), ", this tissue has seed ",
                      std::to_string(t.seed().value), " (pass restore_options{.allow_other_seed = true} to accept it)"});
        }
    }
    template <class P>
    static void save_process(const P& p, checkpoint_writer& w) {
        if constexpr (requires(checkpoint_writer& x) { p.save_state(x); }) {
            checkpoint_writer inner;
            p.save_state(inner);
            w.str(P::name);
            w.str(inner.buffer());
        }
    }
    template <class P>
    static void restore_process(P& p, checkpoint_reader& r) {
        if constexpr (requires(checkpoint_reader& x) { p.restore_state(x); }) {
            if (r.str() != P::name) r.refuse({"the saved state of process ", P::name, " is missing"});
            const std::string bytes = r.str();
            checkpoint_reader inner(std::span<const char>(bytes), r.source() + " (process " + std::string(P::name) + ")");
            p.restore_state(inner);
            if (inner.left() != 0) inner.refuse({"bytes left over in the process state"});
        }
    }
    template <class P>
    static void reset_process(P& p) {
        if constexpr (requires { p.reset(); }) p.reset();
    }
};

/// @brief Writes a checkpoint of a lattice tissue to a stream; throws checkpoint_error on failure.
template <class Tissue>
    requires requires { typename Tissue::state_type; }
void save_checkpoint(const Tissue& tissue, std::ostream& out) {
    checkpoint_access<Tissue>::save(tissue, out);
}

/// @brief Writes a checkpoint to a file, replacing it only once the new one is complete
/// (written to `<file>.partial`, then renamed); throws checkpoint_error on failure, leaving no
/// partial file behind.
template <class Tissue>
    requires requires { typename Tissue::state_type; }
void save_checkpoint(const Tissue& tissue, const std::filesystem::path& file) {
    auto partial = file;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) detail::checkpoint_fail({"ossify::save_checkpoint: cannot open '", partial.string(), "' for writing"});
        try {
            checkpoint_access<Tissue>::save(tissue, out);
        } catch (...) {
            out.close();
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw;
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, file, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        detail::checkpoint_fail({"ossify::save_checkpoint: cannot move '", partial.string(), "' to '", file.string(), "': ", ec.message()});
    }
}

/// @brief Restores a tissue from a checkpoint in a stream. Throws checkpoint_error, leaving the
/// tissue unchanged, when the checkpoint is refused (see the file comment).
template <class Tissue>
    requires requires { typename Tissue::state_type; }
void restore_checkpoint(Tissue& tissue, std::istream& in, restore_options options = {}) {
    checkpoint_access<Tissue>::restore(tissue, in, "stream", options);
}

/// @brief Restores a tissue from a checkpoint file (see the stream overload); also refuses a
/// file that cannot be opened.
template <class Tissue>
    requires requires { typename Tissue::state_type; }
void restore_checkpoint(Tissue& tissue, const std::filesystem::path& file, restore_options options = {}) {
    std::ifstream in(file, std::ios::binary);
    if (!in) detail::checkpoint_fail({"ossify::restore_checkpoint: cannot open '", file.string(), "'"});
    checkpoint_access<Tissue>::restore(tissue, in, "'" + file.string() + "'", options);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_CHECKPOINT_HPP
