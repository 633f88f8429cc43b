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
/// | 20 | 8 | checksum of the payload (below) |
/// | 28 | payload | model signature, clock and counters, every per-site array, process states |
///
/// Checksum (format 3): FNV-1a 64 over the little-endian 8-byte FNV-1a 64 hashes of the
/// payload's consecutive 1 MiB blocks (the last one shorter), so that the blocks of a large
/// checkpoint can be hashed in parallel by the processes that wrote it (ossify/mpi writes one
/// file from many ranks). Format 2 hashed the whole payload in one FNV-1a 64 pass; it is
/// refused with a message naming both versions.
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

/// @brief The checkpoint format version this library writes and reads (3: block checksum).
inline constexpr std::uint32_t checkpoint_format_version = 3;

/// @brief What restore_checkpoint may accept beyond an exact match.
struct restore_options {
    /// @brief Accept a checkpoint written with another seed (the run continues with this
    /// tissue's seed).
    bool allow_other_seed = false;
    /// @brief Accept a checkpoint written under another rule set (same states).
    bool allow_other_rules = false;
};


/// @brief The clock and counters a checkpoint holds after the model signature.
struct checkpoint_counters {
    double time = 0.0;                 ///< the clock (d)
    std::uint64_t steps = 0;           ///< steps taken
    std::uint32_t fill_calls = 0;      ///< calls of fill_fraction so far
    cell_events events;                ///< event counters
    std::vector<std::uint64_t> fires;  ///< firings per rule
};

/**
 * @brief Reads and writes the state of a lattice tissue for checkpoints (the tissue declares it
 * a friend). Use save_checkpoint / restore_checkpoint. Its parts (the head of the payload, the
 * process states, a restore in two phases: parse, then commit) are public for adapters that
 * write and read the same format in pieces (ossify/mpi: one file from many ranks).
 * @tparam Tissue a basic_lattice_tissue
 */
template <class Tissue>
class checkpoint_access {
public:
    /// @brief A parsed checkpoint, not yet put into a tissue (restore's first phase).
    struct parsed {
        typename Tissue::state_type state;         ///< the new state
        typename Tissue::processes_type processes;  ///< the processes with their saved states
    };

    /// @brief Writes a checkpoint of `t` to `out`; throws checkpoint_error if the stream fails.
    static void save(const Tissue& t, std::ostream& out) {
        checkpoint_writer w;
        write_head(t, t.grid(), counters_of(t), w);
        t.state_.visit_arrays([&](std::string_view name, auto values, double, double) {
            using T = std::remove_cv_t<typename decltype(values)::element_type>;
            write_array_head<T>(w, name, values.size());
            for (const auto v : values) w.value(v);
        });
        w.buffer() += process_states(t);
        const auto& payload = w.buffer();
        const std::string header = file_header(payload.size(), detail::checkpoint_checksum(payload));
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
        const std::uint64_t size = check_file_header(std::span<const char>(bytes).first(std::min(bytes.size(), detail::checkpoint_header)), ctx);
        if (size != bytes.size() - detail::checkpoint_header) {
            detail::checkpoint_fail({ctx, ": damaged or truncated (payload of ", std::to_string(bytes.size() - detail::checkpoint_header),
                                     " bytes, the header says ", std::to_string(size), ")"});
        }
        const std::span<const char> payload(bytes.data() + detail::checkpoint_header, size);
        if (detail::checkpoint_checksum(payload) != stored_checksum(bytes)) detail::checkpoint_fail({ctx, ": damaged (checksum mismatch)"});
        commit(t, parse(t, payload, ctx, opt));
    }

    // ------------------------------------------------------------------ parts

    /// @brief The 28-byte file header: magic, format version, payload size, checksum.
    [[nodiscard]] static std::string file_header(std::uint64_t payload_size, std::uint64_t checksum) {
        std::string header(detail::checkpoint_magic.begin(), detail::checkpoint_magic.end());
        checkpoint_writer h;
        h.u32(checkpoint_format_version);
        h.u64(payload_size);
        h.u64(checksum);
        return header + h.buffer();
    }
    /// @brief Checks the first bytes of a file (up to 28: magic and format version) and returns
    /// the payload size its header states; checkpoint_error ("<ctx>: ...") when it is not an
    /// ossify checkpoint, is truncated, or has another format version.
    static std::uint64_t check_file_header(std::span<const char> head, const std::string& ctx) {
        const std::size_t magic = std::min(head.size(), detail::checkpoint_magic.size());
        if (!std::equal(detail::checkpoint_magic.begin(), detail::checkpoint_magic.begin() + magic, head.begin())) {
            detail::checkpoint_fail({ctx, ": not an ossify checkpoint (no OSSIFYCK header)"});
        }
        if (head.size() < detail::checkpoint_header) {
            detail::checkpoint_fail({ctx, ": truncated (the ", std::to_string(detail::checkpoint_header),
                                     "-byte header is cut off after ", std::to_string(head.size()), " bytes)"});
        }
        checkpoint_reader r(head.subspan(8, 20), ctx);
        const std::uint32_t version = r.u32();
        if (version != checkpoint_format_version) {
            detail::checkpoint_fail({ctx, ": format version ", std::to_string(version), ", this library reads version ",
                                     std::to_string(checkpoint_format_version), " only",
                                     version < checkpoint_format_version ? " (an older ossify wrote it)" : ""});
        }
        return r.u64();
    }
    /// @brief The checksum stored in a file header (bytes 20-27).
    [[nodiscard]] static std::uint64_t stored_checksum(std::span<const char> head) noexcept {
        std::uint64_t v = 0;
        for (int k = 0; k < 8; ++k) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(head[20 + static_cast<std::size_t>(k)])) << (8 * k);
        return v;
    }
    /// @brief The clock and counters of a tissue.
    [[nodiscard]] static checkpoint_counters counters_of(const Tissue& t) {
        const auto& s = t.state_;
        return {s.time_days(), s.steps(), s.fill_calls(), s.events(), s.rule_fires()};
    }
    /// @brief Writes the head of the payload: the signature of `t` on grid `g` (the tissue's own
    /// grid, or the whole grid of which it is a part), then the clock and counters `c`.
    static void write_head(const Tissue& t, const typename Tissue::grid_type& g, const checkpoint_counters& c,
                           checkpoint_writer& w) {
        signature(t, g, w);
        w.f64(c.time);
        w.u64(c.steps);
        w.u32(c.fill_calls);
        w.u64(c.events.births);
        w.u64(c.events.deaths);
        w.u64(c.events.moves);
        w.u64(c.events.blocked_divisions);
        w.u32(static_cast<std::uint32_t>(c.fires.size()));
        for (const auto f : c.fires) w.u64(f);
    }
    /// @brief Writes the head of one per-site array: its name, value type and number of values.
    template <class T>
    static void write_array_head(checkpoint_writer& w, std::string_view name, std::uint64_t count) {
        w.str(name);
        w.u8(detail::type_code<T>());
        w.u64(count);
    }
    /// @brief The saved states of the processes, as they end the payload.
    [[nodiscard]] static std::string process_states(const Tissue& t) {
        checkpoint_writer w;
        std::apply([&](const auto&... p) { (save_process(p, w), ...); }, t.processes_);
        return std::move(w.buffer());
    }
    /// @brief Reads the head of a payload, checking its signature against `t` on grid `g`
    /// (refusing another model, and another seed or rule set unless `opt` allows them); the rule
    /// firings of another rule set come back as zeros.
    static checkpoint_counters read_head(const Tissue& t, const typename Tissue::grid_type& g, checkpoint_reader& r,
                                         const restore_options& opt) {
        check_signature(t, g, r, opt);
        checkpoint_counters c;
        c.time = r.f64_in("clock (d)", 0.0, 1.0e12);
        c.steps = r.u64();
        c.fill_calls = r.u32();
        c.events.births = r.u64();
        c.events.deaths = r.u64();
        c.events.moves = r.u64();
        c.events.blocked_divisions = r.u64();
        const std::uint32_t rules = r.u32();
        std::vector<std::uint64_t> fires(rules);
        for (auto& f : fires) f = r.u64();
        // Firings of another rule set (accepted only with allow_other_rules) start again from 0.
        if (rules == Tissue::rule_count()) c.fires = std::move(fires);
        else c.fires.assign(Tissue::rule_count(), 0);
        return c;
    }
    /// @brief Restore's first phase: reads a whole payload (no file header) into a new state and
    /// a copy of the processes, refusing it (checkpoint_error "<source>: refused: ...") without
    /// changing `t`.
    [[nodiscard]] static parsed parse(const Tissue& t, std::span<const char> payload, const std::string& source,
                                      restore_options opt) {
        checkpoint_reader r(payload, source);
        const checkpoint_counters c = read_head(t, t.grid(), r, opt);
        parsed out{typename Tissue::state_type(t.state_.grid()), t.processes_};
        auto& s = out.state;
        const double time = c.time;
        s.set_clock(time, c.steps);
        s.fill_calls() = c.fill_calls;
        s.events() = c.events;
        s.rule_fires() = c.fires;
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
        std::apply([&](auto&... p) { (restore_process(p, r), ...); }, out.processes);
        if (r.left() != 0) r.refuse({std::to_string(r.left()), " bytes left over after the last process state"});
        std::apply([&](auto&... p) { (reset_process(p), ...); }, out.processes);
        return out;
    }
    /// @brief Restore's second phase: puts a parsed checkpoint into `t` (moves only).
    static void commit(Tissue& t, parsed&& p) {
        t.state_ = std::move(p.state);
        t.processes_ = std::move(p.processes);
    }

private:
    static void signature(const Tissue& t, const typename Tissue::grid_type& g, checkpoint_writer& w) {
        w.u32(static_cast<std::uint32_t>(Tissue::dimension));
        for (std::size_t a = 0; a < Tissue::dimension; ++a) w.i32(g.extent(a));
        w.f64(g.spacing_um());
        w.u32(static_cast<std::uint32_t>(Tissue::state_count));
        for (std::size_t k = 0; k < Tissue::state_count; ++k) w.str(Tissue::state_name(k));
        w.u32(static_cast<std::uint32_t>(Tissue::rule_count()));
        for (std::size_t k = 0; k < Tissue::rule_count(); ++k) w.str(t.rule_name(k));
        // The layout: every per-site array by name and value type (fields, the kinetics'
        // arrays, the attribute), and the attribute's size.
        std::vector<std::pair<std::string, std::uint8_t>> arrays;
        t.state_.visit_arrays([&](std::string_view name, auto values, double, double) {
            arrays.emplace_back(std::string(name), detail::type_code<std::remove_cv_t<typename decltype(values)::element_type>>());
        });
        w.u32(static_cast<std::uint32_t>(arrays.size()));
        for (const auto& [name, code] : arrays) {
            w.str(name);
            w.u8(code);
        }
        w.u32(static_cast<std::uint32_t>(Tissue::state_type::has_attribute ? sizeof(typename Tissue::state_type::attribute_type) : 0));
        w.u64(t.seed().value);
    }
    static void check_signature(const Tissue& t, const typename Tissue::grid_type& g, checkpoint_reader& r,
                                const restore_options& opt) {
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
        const std::uint32_t arrays = r.u32();
        std::vector<std::pair<std::string, std::uint8_t>> mine;
        t.state_.visit_arrays([&](std::string_view name, auto values, double, double) {
            mine.emplace_back(std::string(name), detail::type_code<std::remove_cv_t<typename decltype(values)::element_type>>());
        });
        std::vector<std::pair<std::string, std::uint8_t>> theirs;
        for (std::uint32_t k = 0; k < arrays && k <= mine.size(); ++k) {
            auto name = r.str();
            theirs.emplace_back(std::move(name), r.u8());
        }
        // Name the first array that differs: this tissue's where the checkpoint has another (or
        // none), else the checkpoint's that this tissue lacks.
        for (std::size_t k = 0; k < std::max(mine.size(), theirs.size()); ++k) {
            const std::string m = k < mine.size() ? "'" + mine[k].first + "'" : "none";
            const std::string c = k < theirs.size() ? "'" + theirs[k].first + "'" : "none";
            model(m == c, "set of per-site arrays: this tissue's array " + m + ", the checkpoint's " + c);
            model(theirs[k].second == mine[k].second, "value type of " + m);
        }
        model(r.u32() == (Tissue::state_type::has_attribute ? sizeof(typename Tissue::state_type::attribute_type) : 0),
              "per-cell attribute size");
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
