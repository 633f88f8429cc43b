/// @file
/// @brief Checkpoints of a decomposed tissue: written collectively into one file that is byte
/// for byte the serial tissue's checkpoint (tissue/checkpoint.hpp, format 3), and restored on
/// any number of ranks (the serial tissue reads it too, and a decomposed tissue reads the
/// serial tissue's).
///
/// Saving: rank 0 writes the head of the payload (signature, clock, the summed counters), the
/// head of each per-site array and the process states; every rank writes its own planes of
/// every array at their place in the file (MPI-IO, `<file>.partial`); the ranks then hash the
/// file's 1 MiB blocks in parallel (the format-3 checksum), rank 0 writes the 28-byte header and
/// renames the file. Restoring: every rank checks the header and, together, the checksum; then
/// each reads the head, its planes (with halo) of every array and the process states, and builds
/// its tissue with the serial restore's checks (tissue/checkpoint.hpp: parse, then commit).
/// Any refusal or failure on any rank is agreed on: every rank throws checkpoint_error with the
/// same message, no rank's tissue changes, and no file (not even a partial one) is left behind.
#include "../config.hpp"
#ifndef OSSIFY_MPI_CHECKPOINT_HPP
#define OSSIFY_MPI_CHECKPOINT_HPP

#include <algorithm>
#include <bit>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "../tissue/checkpoint.hpp"
#include "communicator.hpp"
#include "decomposed_tissue.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace mpi {

namespace detail {

/// An open MPI file, closed (collectively) when the object goes.
class mpi_file {
public:
    mpi_file(const communicator& comm, const std::filesystem::path& path, int mode, std::string& error) {
        const int code = MPI_File_open(comm.get(), path.string().c_str(), mode, MPI_INFO_NULL, &fh_);
        if (code != MPI_SUCCESS) {
            fh_ = MPI_FILE_NULL;
            if (error.empty()) error = error_text(code);
        }
    }
    mpi_file(const mpi_file&) = delete;
    mpi_file& operator=(const mpi_file&) = delete;
    ~mpi_file() { close(); }
    [[nodiscard]] bool open() const noexcept { return fh_ != MPI_FILE_NULL; }
    [[nodiscard]] MPI_File get() const noexcept { return fh_; }
    void close() noexcept {
        if (fh_ != MPI_FILE_NULL) MPI_File_close(&fh_);
        fh_ = MPI_FILE_NULL;
    }
    /// Writes `n` bytes at `offset` (in pieces MPI's int counts can carry).
    void write(std::uint64_t offset, const char* data, std::size_t n, std::string& error) {
        for (std::size_t at = 0; at < n && error.empty(); at += piece) {
            const int count = static_cast<int>(std::min(piece, n - at));
            const int code = MPI_File_write_at(fh_, static_cast<MPI_Offset>(offset + at), data + at, count, MPI_BYTE, MPI_STATUS_IGNORE);
            if (code != MPI_SUCCESS) error = "writing failed: " + error_text(code);
        }
    }
    /// Reads `n` bytes at `offset`.
    void read(std::uint64_t offset, char* data, std::size_t n, std::string& error) {
        for (std::size_t at = 0; at < n && error.empty(); at += piece) {
            const int count = static_cast<int>(std::min(piece, n - at));
            MPI_Status status;
            const int code = MPI_File_read_at(fh_, static_cast<MPI_Offset>(offset + at), data + at, count, MPI_BYTE, &status);
            int got = 0;
            if (code == MPI_SUCCESS) MPI_Get_count(&status, MPI_BYTE, &got);
            if (code != MPI_SUCCESS) error = "reading failed: " + error_text(code);
            else if (got != count) error = "truncated (a read at byte " + std::to_string(offset + at) + " came back short)";
        }
    }

private:
    static constexpr std::size_t piece = std::size_t{1} << 30;
    MPI_File fh_ = MPI_FILE_NULL;
};

/// Throws checkpoint_error on every rank when any rank has an error (the lowest rank's).
inline void agree_on(const communicator& comm, const std::string& error, const std::string& context) {
    if (!comm.any(!error.empty())) return;
    const int root = comm.min<int>(error.empty() ? INT_MAX : comm.rank());
    const std::string msg = comm.broadcast(error, root);
    throw checkpoint_error(context + (msg.rfind(context, 0) == 0 ? msg.substr(context.size()) : ": " + msg) +
                           (comm.size() > 1 ? " (rank " + std::to_string(root) + ")" : ""));
}

/// The format-3 checksum of the payload of a file (bytes [28, 28 + size)): the ranks hash
/// contiguous ranges of its 1 MiB blocks, then combine every block's hash in order. Collective.
inline std::uint64_t file_checksum(const communicator& comm, mpi_file& f, std::uint64_t size, std::string& error) {
    const std::uint64_t block = ossify::detail::checkpoint_block;
    const std::uint64_t blocks = (size + block - 1) / block;
    const auto p = static_cast<std::uint64_t>(comm.size()), r = static_cast<std::uint64_t>(comm.rank());
    const std::uint64_t k0 = blocks * r / p, k1 = blocks * (r + 1) / p;
    std::vector<std::uint64_t> mine;
    std::vector<char> buf;
    for (std::uint64_t k = k0; k < k1; ++k) {
        const std::size_t n = static_cast<std::size_t>(std::min(block, size - k * block));
        buf.resize(n);
        if (error.empty()) f.read(ossify::detail::checkpoint_header + k * block, buf.data(), n, error);
        mine.push_back(ossify::detail::fnv1a64(std::span<const char>(buf.data(), n)));
    }
    const auto all = comm.gather_all(std::span<const std::uint64_t>(mine));
    return ossify::detail::combine_block_hashes(all);
}

/// Appends `n` bytes read at `offset` to `out`.
inline void append_read(mpi_file& f, std::uint64_t offset, std::size_t n, std::string& out, std::string& error) {
    const std::size_t at = out.size();
    out.resize(at + n);
    if (error.empty()) f.read(offset, out.data() + at, n, error);
}

}  // namespace detail

/**
 * @brief Writes a checkpoint of a decomposed tissue to `file` (collective): one file, byte for
 * byte the serial tissue's checkpoint of the same state. Written to `<file>.partial` and renamed
 * once complete; on failure on any rank, every rank throws checkpoint_error and no file is left.
 * Processes with a saved state must save the same bytes on every rank (else refused).
 */
template <class Tissue>
    requires requires { typename Tissue::local_type; }
void save_checkpoint(const Tissue& t, const std::filesystem::path& file) {
    static_assert(std::endian::native == std::endian::little,
                  "ossify::mpi::save_checkpoint writes the arrays' bytes as they are in memory: a little-endian host is needed");
    using local_type = typename Tissue::local_type;
    using access = checkpoint_access<local_type>;
    const auto& comm = t.comm();
    const auto& local = t.local();
    const auto& layout = t.layout();
    const bool root = comm.rank() == 0;
    const std::string context = "ossify::save_checkpoint: '" + file.string() + "'";
    std::string error;

    // The head (the whole tissue's signature and counters) and the process states.
    checkpoint_counters counters = access::counters_of(local);
    counters.events = t.events();
    for (std::size_t k = 0; k < Tissue::rule_count(); ++k) counters.fires[k] = static_cast<std::uint64_t>(t.rule_fires(k));
    checkpoint_writer head;
    access::write_head(local, t.grid(), counters, head);
    const std::string tail = access::process_states(local);
    const std::uint64_t tail_hash = ossify::detail::fnv1a64(tail);
    if (comm.min(tail_hash) != comm.max(tail_hash)) {
        error = "the processes' saved states differ between ranks (a process keeps state of its own rank: give it a "
                "distributed variant that agrees on it, see docs/mpi.md)";
    }
    detail::agree_on(comm, error, context);

    // Where every piece goes: rank 0 the heads and the process states, every rank its planes.
    struct piece {
        std::uint64_t offset;
        const char* data;
        std::size_t size;
    };
    std::vector<piece> pieces;
    std::vector<std::string> heads;
    heads.reserve(64);
    std::uint64_t at = head.buffer().size();
    if (root) pieces.push_back({0, head.buffer().data(), head.buffer().size()});
    const std::size_t n = layout.local_sites();
    const std::uint64_t global_sites = t.grid().size();
    local.state().visit_arrays([&](std::string_view name, auto values, double, double) {
        using T = std::remove_cv_t<typename decltype(values)::element_type>;
        const std::size_t per = values.size() / n;
        checkpoint_writer w;
        access::template write_array_head<T>(w, name, per * global_sites);
        heads.push_back(std::move(w.buffer()));
        if (root) pieces.push_back({at, heads.back().data(), heads.back().size()});
        at += heads.back().size();
        const std::size_t first = layout.owned_begin() * per, count = (layout.owned_end() - layout.owned_begin()) * per;
        pieces.push_back({at + layout.owned_first() * layout.plane_sites() * per * sizeof(T),
                          reinterpret_cast<const char*>(values.data() + first), count * sizeof(T)});
        at += per * global_sites * sizeof(T);
    });
    if (root) pieces.push_back({at, tail.data(), tail.size()});
    const std::uint64_t size = at + tail.size();

    // Write, hash, head, rename; any failure on any rank: every rank throws, no file remains.
    auto partial = file;
    partial += ".partial";
    {
        detail::mpi_file f(comm, partial, MPI_MODE_CREATE | MPI_MODE_RDWR, error);
        if (!comm.any(!f.open())) {
            MPI_File_set_size(f.get(), static_cast<MPI_Offset>(ossify::detail::checkpoint_header + size));
            for (const auto& p : pieces) {
                if (error.empty()) f.write(ossify::detail::checkpoint_header + p.offset, p.data, p.size, error);
            }
            MPI_File_sync(f.get());
            comm.barrier();
            MPI_File_sync(f.get());
            const std::uint64_t sum = detail::file_checksum(comm, f, size, error);
            if (root && error.empty()) {
                const std::string header = access::file_header(size, sum);
                f.write(0, header.data(), header.size(), error);
            }
            MPI_File_sync(f.get());
        } else if (error.empty()) {
            error = "cannot open '" + partial.string() + "' for writing";
        }
        f.close();
    }
    if (comm.any(!error.empty())) {
        if (root) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
        }
        comm.barrier();
        detail::agree_on(comm, error, context);
    }
    if (root) {
        std::error_code ec;
        std::filesystem::rename(partial, file, ec);
        if (ec) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            error = "cannot move '" + partial.string() + "' to '" + file.string() + "': " + ec.message();
        }
    }
    detail::agree_on(comm, error, context);
}

/**
 * @brief Restores a decomposed tissue from a checkpoint file (collective): one written by a
 * decomposed tissue on any number of ranks or by the serial tissue. Refusals are those of the
 * serial restore (tissue/checkpoint.hpp: not a checkpoint, another format version, damaged,
 * another model, another seed or rule set unless allowed, values outside their ranges); a
 * refusal on any rank is a checkpoint_error on every rank and changes no rank's tissue.
 */
template <class Tissue>
    requires requires { typename Tissue::local_type; }
void restore_checkpoint(Tissue& t, const std::filesystem::path& file, restore_options options = {}) {
    using local_type = typename Tissue::local_type;
    using access = checkpoint_access<local_type>;
    const auto& comm = t.comm();
    auto& local = t.local();
    const auto& layout = t.layout();
    const std::string context = "ossify::restore_checkpoint: '" + file.string() + "'";
    std::string error;
    std::string payload;
    std::optional<typename access::parsed> parsed;
    {
        detail::mpi_file f(comm, file, MPI_MODE_RDONLY, error);
        if (comm.any(!f.open())) {
            error = "cannot open '" + file.string() + "'";
            detail::agree_on(comm, error, "ossify::restore_checkpoint");
        }
        MPI_Offset file_size = 0;
        MPI_File_get_size(f.get(), &file_size);
        const auto bytes = static_cast<std::uint64_t>(file_size);
        std::string first;
        detail::append_read(f, 0, static_cast<std::size_t>(std::min<std::uint64_t>(bytes, ossify::detail::checkpoint_header)), first, error);
        detail::agree_on(comm, error, context);
        // Every rank reads the same bytes: the same refusals everywhere.
        const std::uint64_t size = access::check_file_header(first, context);
        if (size != bytes - ossify::detail::checkpoint_header) {
            ossify::detail::checkpoint_fail({context, ": damaged or truncated (payload of ",
                                             std::to_string(bytes - ossify::detail::checkpoint_header), " bytes, the header says ",
                                             std::to_string(size), ")"});
        }
        if (detail::file_checksum(comm, f, size, error) != access::stored_checksum(first)) {
            ossify::detail::checkpoint_fail({context, ": damaged (checksum mismatch)"});
        }
        detail::agree_on(comm, error, context);

        // The head: signature against the whole grid, then the clock and counters.
        const std::uint64_t base = ossify::detail::checkpoint_header;
        std::string prefix;
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size, 1u << 16));
        checkpoint_counters counters;
        std::uint64_t at = 0;
        for (;;) {
            prefix.clear();
            detail::append_read(f, base, want, prefix, error);
            detail::agree_on(comm, error, context);
            checkpoint_reader r(std::span<const char>(prefix), context);
            try {
                counters = access::read_head(local, t.grid(), r, options);
                at = prefix.size() - r.left();
                break;
            } catch (const checkpoint_error& e) {
                if (want >= size || std::string_view(e.what()).find("ends early") == std::string_view::npos) throw;
                want = static_cast<std::size_t>(std::min<std::uint64_t>(size, 4 * static_cast<std::uint64_t>(want)));
            }
        }
        // This rank's payload: the head on its own grid (rank 0 keeps the counters, the others
        // count from zero, so that the sums over ranks are the whole tissue's), its planes of
        // every array, the process states.
        if (comm.rank() != 0) {
            counters.events = {};
            std::fill(counters.fires.begin(), counters.fires.end(), 0);
        }
        checkpoint_writer w;
        access::write_head(local, local.grid(), counters, w);
        payload = std::move(w.buffer());
        const std::size_t n = layout.local_sites();
        const std::uint64_t global_sites = t.grid().size();
        local.state().visit_arrays([&](std::string_view name, auto values, double, double) {
            using T = std::remove_cv_t<typename decltype(values)::element_type>;
            if (!error.empty()) return;
            const std::size_t per = values.size() / n;
            std::string h;
            detail::append_read(f, base + at, 4, h, error);
            if (!error.empty() || at + 4 > size) {
                error = "damaged (the payload ends early, inconsistent with its size)";
                return;
            }
            const std::uint32_t len = static_cast<std::uint32_t>(static_cast<unsigned char>(h[0])) |
                                      static_cast<std::uint32_t>(static_cast<unsigned char>(h[1])) << 8 |
                                      static_cast<std::uint32_t>(static_cast<unsigned char>(h[2])) << 16 |
                                      static_cast<std::uint32_t>(static_cast<unsigned char>(h[3])) << 24;
            if (at + 4 + len + 9 > size) {
                error = "damaged (the payload ends early, inconsistent with its size)";
                return;
            }
            detail::append_read(f, base + at + 4, len + 9, h, error);
            checkpoint_reader r(std::span<const char>(h), context);
            if (r.str() != name) {
                error = "refused: expected the array '" + std::string(name) + "' here";
                return;
            }
            if (r.u8() != ossify::detail::type_code<T>() || r.u64() != per * global_sites) {
                error = "refused: the array '" + std::string(name) + "' has another value type or size";
                return;
            }
            at += h.size();
            access::template write_array_head<T>(w, name, values.size());
            payload += w.buffer();
            w.buffer().clear();
            if (at + per * global_sites * sizeof(T) > size) {
                error = "damaged (the payload ends early, inconsistent with its size)";
                return;
            }
            detail::append_read(f, base + at + layout.local_first() * layout.plane_sites() * per * sizeof(T), values.size() * sizeof(T),
                                payload, error);
            at += per * global_sites * sizeof(T);
        });
        detail::agree_on(comm, error, context);
        detail::append_read(f, base + at, static_cast<std::size_t>(size - at), payload, error);
        detail::agree_on(comm, error, context);
        f.close();
        try {
            parsed.emplace(access::parse(local, payload, context, options));
        } catch (const checkpoint_error& e) {
            error = e.what();
        } catch (const std::exception& e) {
            error = e.what();
        }
        payload = std::string();
    }
    detail::agree_on(comm, error, context);
    access::commit(local, std::move(*parsed));
    t.refresh();
}

}  // namespace mpi
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_MPI_CHECKPOINT_HPP
