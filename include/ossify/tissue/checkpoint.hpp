/// @file
/// @brief Checkpoint and restore of a lattice tissue: a run saved mid-way and restored into a
/// fresh tissue continues bit-identically to one that was never stopped.
///
/// File layout (all integers little-endian, doubles and floats as their IEEE-754 bits):
///
/// | offset | size | content |
/// |---|---|---|
/// | 0  | 8 | magic `OSSIFYCK` |
/// | 8  | 4 | format version (checkpoint_format_version) |
/// | 12 | 8 | payload size in bytes |
/// | 20 | 8 | FNV-1a 64 checksum of the payload |
/// | 28 | payload | model signature, then the tissue's state |
///
/// Model signature: dimension (u32), extent per axis (i32), spacing in um (f64), the lineage's
/// state names and the signal names (u32 count, then u32 length + bytes each), site count
/// (u64). State: clock (f64, d), step (u64), fill_fraction calls (u32), births, deaths,
/// blocked divisions, moves (u64 each), then per site: state index (u8), entry time (f32),
/// marrow flag (u8), outer-surface flag (u8), the five matrix arrays (f64; see
/// matrix/field.hpp) and every signal's concentrations (f64, nM).
///
/// Not saved: the configuration, i.e. the rules, the processes, everything set with `set_*`
/// and `add_source`, the mineralisation kinetics and the signals' diffusion parameters.
/// Restore into a tissue constructed and configured exactly like the saved one (same rules,
/// grid, signals, seed, parameters), and configure it *before* restoring:
/// `set_mineralisation` replaces the matrix.
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_CHECKPOINT_HPP
#define OSSIFY_TISSUE_CHECKPOINT_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <istream>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "lattice_tissue.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Thrown when a checkpoint cannot be written or is refused on restore (not a
/// checkpoint, damaged, truncated, another format version, another model). The message
/// says which. A refused restore leaves the tissue unchanged.
class checkpoint_error : public std::runtime_error {
public:
    /// @brief An error with the given message.
    explicit checkpoint_error(const std::string& what) : std::runtime_error(what) {}
};

/// @brief The checkpoint format version this library writes and reads.
inline constexpr std::uint32_t checkpoint_format_version = 1;

namespace detail::checkpoint {

/// The first eight bytes of every checkpoint.
inline constexpr std::array<char, 8> magic{'O', 'S', 'S', 'I', 'F', 'Y', 'C', 'K'};
/// Bytes before the payload: magic, version, payload size, checksum.
inline constexpr std::size_t header_size = 8 + 4 + 8 + 8;

/// FNV-1a 64 (Fowler, Noll, Vo): any single changed byte changes the hash, since each step
/// is a bijection of the running value.
[[nodiscard]] inline std::uint64_t fnv1a64(std::span<const char> bytes) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

/// Throws checkpoint_error with the concatenated parts. Out of line and cold: the string
/// building stays out of the hot paths (and out of sight of g++ 12's false
/// -Wstringop-overflow on `"..." + std::string`).
[[noreturn, gnu::cold, gnu::noinline]] inline void fail(std::initializer_list<std::string_view> parts) {
    std::string what;
    for (const auto part : parts) what.append(part.data(), part.size());
    throw checkpoint_error(what);
}

/// Appends little-endian values to a byte buffer.
class writer {
public:
    void u8(std::uint8_t v) { buf_.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
    void f32(float v) { put(std::bit_cast<std::uint32_t>(v), 4); }
    void f64(double v) { put(std::bit_cast<std::uint64_t>(v), 8); }
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        buf_.append(s.data(), s.size());
    }
    [[nodiscard]] std::string& buffer() noexcept { return buf_; }

private:
    void put(std::uint64_t v, int bytes) {
        for (int k = 0; k < bytes; ++k) buf_.push_back(static_cast<char>((v >> (8 * k)) & 0xffu));
    }
    std::string buf_;
};

/// Reads little-endian values from a byte buffer; running off its end is an error.
class reader {
public:
    reader(std::span<const char> data, const std::string& context) : data_(data), context_(context) {}
    std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    std::uint64_t u64() { return get(8); }
    std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
    float f32() { return std::bit_cast<float>(static_cast<std::uint32_t>(get(4))); }
    double f64() { return std::bit_cast<double>(get(8)); }
    std::string str() {
        const std::uint32_t n = u32();
        need(n);
        std::string s(data_.data() + pos_, n);
        pos_ += n;
        return s;
    }
    [[nodiscard]] std::size_t left() const noexcept { return data_.size() - pos_; }

private:
    void need(std::size_t n) const {
        if (data_.size() - pos_ < n) {
            fail({context_, ": damaged (the payload ends early, inconsistent with its size)"});
        }
    }
    std::uint64_t get(int bytes) {
        need(static_cast<std::size_t>(bytes));
        std::uint64_t v = 0;
        for (int k = 0; k < bytes; ++k) {
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(data_[pos_ + static_cast<std::size_t>(k)])) << (8 * k);
        }
        pos_ += static_cast<std::size_t>(bytes);
        return v;
    }
    std::span<const char> data_;
    std::size_t pos_ = 0;
    const std::string& context_;
};

[[nodiscard]] inline std::uint64_t load_u64(const char* p) noexcept {
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    return v;
}

/// "a, b, c" from a list of names.
template <class Names>
[[nodiscard]] std::string join(const Names& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += std::string_view(n);
    }
    out.insert(0, 1, '(');
    out.push_back(')');
    return out;
}

}  // namespace detail::checkpoint

/**
 * @brief Reads and writes the private state of a lattice tissue for checkpoints (the tissue
 * declares it a friend). Use save_checkpoint / restore_checkpoint.
 * @tparam R, G, S, P the template arguments of the basic_lattice_tissue
 */
template <class R, class G, class S, class P, class St>
class checkpoint_access {
public:
    /// @brief The tissue type.
    using tissue_type = basic_lattice_tissue<R, G, S, P, St>;

    /// @brief Writes a checkpoint of `t` to `out`. Throws checkpoint_error if the stream fails.
    static void save(const tissue_type& t, std::ostream& out) {
        detail::checkpoint::writer w;
        write_signature(t, w);
        w.f64(t.time_);
        w.u64(t.step_);
        w.u32(t.fill_calls_);
        w.u64(t.births_);
        w.u64(t.deaths_);
        w.u64(t.blocked_divisions_);
        w.u64(t.moves_);
        for (const auto s : t.state_) w.u8(s);
        for (const auto e : t.entered_) w.f32(e);
        for (const auto m : t.marrow_) w.u8(m);
        for (const auto f : t.surface_) w.u8(f);
        for (const auto& a : t.matrix_.state_arrays()) {
            for (const double v : a) w.f64(v);
        }
        if constexpr (tissue_type::signal_count > 0) {
            tissue_type::for_each_signal([&]<class Sig>() {
                for (const double c : t.signals_.template get<Sig>()) w.f64(c);
            });
        }
        const std::string& payload = w.buffer();
        detail::checkpoint::writer h;
        for (const char c : detail::checkpoint::magic) h.u8(static_cast<std::uint8_t>(c));
        h.u32(checkpoint_format_version);
        h.u64(payload.size());
        h.u64(detail::checkpoint::fnv1a64(payload));
        out.write(h.buffer().data(), static_cast<std::streamsize>(h.buffer().size()));
        out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
        out.flush();
        if (!out) detail::checkpoint::fail({"ossify::save_checkpoint: writing the checkpoint to the stream failed"});
    }

    /// @brief Reads a checkpoint from `in` into `t`; `source` names the input in messages.
    /// Throws checkpoint_error (changing nothing) when the checkpoint is refused.
    static void restore(tissue_type& t, std::istream& in, const std::string& source) {
        using namespace detail::checkpoint;
        std::string ctx = "ossify::restore_checkpoint(";
        ctx += source;
        ctx += ')';
        // Header.
        std::array<char, header_size> head{};
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        const auto got_head = static_cast<std::size_t>(in.gcount());
        const std::size_t got_magic = std::min(got_head, magic.size());
        if (!std::equal(magic.begin(), magic.begin() + static_cast<std::ptrdiff_t>(got_magic), head.begin())) {
            fail({ctx, ": not an ossify checkpoint (no 'OSSIFYCK' magic at the start)"});
        }
        if (got_head < head.size()) {
            fail({ctx, ": truncated (the ", std::to_string(header_size), "-byte header is cut off after ",
                  std::to_string(got_head), " bytes)"});
        }
        std::uint32_t version = 0;
        for (int k = 0; k < 4; ++k) version |= static_cast<std::uint32_t>(static_cast<unsigned char>(head[8 + static_cast<std::size_t>(k)])) << (8 * k);
        if (version != checkpoint_format_version) {
            fail({ctx, ": format version ", std::to_string(version), "; this library reads version ",
                  std::to_string(checkpoint_format_version)});
        }
        const std::uint64_t size = load_u64(head.data() + 12);
        const std::uint64_t stored_sum = load_u64(head.data() + 20);
        // Payload, read in chunks so that a damaged size cannot make us allocate wildly.
        std::string payload;
        constexpr std::size_t chunk = std::size_t{1} << 20;
        while (payload.size() < size && in) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, size - payload.size()));
            const std::size_t old = payload.size();
            payload.resize(old + want);
            in.read(payload.data() + old, static_cast<std::streamsize>(want));
            payload.resize(old + static_cast<std::size_t>(in.gcount()));
        }
        if (payload.size() < size) {
            fail({ctx, ": truncated (the header announces ", std::to_string(size), " payload bytes, only ",
                  std::to_string(payload.size()), " follow)"});
        }
        const std::uint64_t sum = fnv1a64(payload);
        if (sum != stored_sum) {
            fail({ctx, ": damaged (the FNV-1a checksum of the payload does not match the stored one)"});
        }
        reader r(payload, ctx);
        check_signature(t, r, ctx);
        // State, into temporaries: nothing of the tissue changes until all of it is read.
        const double time = r.f64();
        const std::uint64_t step = r.u64();
        const std::uint32_t fill_calls = r.u32();
        const std::uint64_t births = r.u64(), deaths = r.u64(), blocked = r.u64(), moves = r.u64();
        const std::size_t n = t.grid_.size();
        std::vector<std::uint8_t> state(n), marrow(n), surface(n);
        std::vector<float> entered(n);
        for (auto& s : state) {
            s = r.u8();
            if (s != empty_site && s >= tissue_type::state_count) {
                fail({ctx, ": damaged (a site holds state index ", std::to_string(s), ", outside the lineage)"});
            }
        }
        for (auto& e : entered) e = r.f32();
        for (auto& m : marrow) m = r.u8();
        for (auto& f : surface) f = r.u8();
        std::array<std::vector<double>, 5> matrix;
        for (auto& a : matrix) {
            a.resize(n);
            for (auto& v : a) v = r.f64();
        }
        std::vector<std::vector<double>> fields(tissue_type::signal_count);
        for (auto& f : fields) {
            f.resize(n);
            for (auto& c : f) c = r.f64();
        }
        if (r.left() != 0) {
            fail({ctx, ": damaged (", std::to_string(r.left()), " bytes left over after the tissue's state)"});
        }
        // Commit (no throwing from here on).
        t.time_ = time;
        t.step_ = step;
        t.fill_calls_ = fill_calls;
        t.births_ = births;
        t.deaths_ = deaths;
        t.blocked_divisions_ = blocked;
        t.moves_ = moves;
        t.state_.swap(state);
        t.entered_.swap(entered);
        t.marrow_.swap(marrow);
        t.surface_.swap(surface);
        const auto arrays = t.matrix_.state_arrays();
        for (std::size_t k = 0; k < arrays.size(); ++k) std::copy(matrix[k].begin(), matrix[k].end(), arrays[k].begin());
        if constexpr (tissue_type::signal_count > 0) {
            std::size_t k = 0;
            tissue_type::for_each_signal([&]<class Sig>() {
                auto c = t.signals_.template get<Sig>();
                std::copy(fields[k].begin(), fields[k].end(), c.begin());
                ++k;
            });
        }
    }

private:
    static std::vector<std::string_view> signal_names() {
        std::vector<std::string_view> names;
        if constexpr (tissue_type::signal_count > 0) {
            for (const auto n : tissue_type::signal_set_type::names) names.push_back(n);
        }
        return names;
    }

    static void write_signature(const tissue_type& t, detail::checkpoint::writer& w) {
        w.u32(static_cast<std::uint32_t>(tissue_type::dimension));
        for (std::size_t a = 0; a < tissue_type::dimension; ++a) w.i32(t.grid_.extent(a));
        w.f64(t.grid_.spacing_um());
        w.u32(static_cast<std::uint32_t>(tissue_type::state_count));
        for (const auto n : tissue_type::lineage_type::names) w.str(n);
        const auto sig = signal_names();
        w.u32(static_cast<std::uint32_t>(sig.size()));
        for (const auto n : sig) w.str(n);
        w.u64(t.grid_.size());
    }

    static void check_signature(const tissue_type& t, detail::checkpoint::reader& r, const std::string& ctx) {
        using detail::checkpoint::join;
        using detail::checkpoint::fail;
        std::string other = ctx;
        other += ": the checkpoint is from another model: ";
        const std::uint32_t dim = r.u32();
        if (dim != tissue_type::dimension) {
            fail({other, "dimension ", std::to_string(dim), ", this tissue's is ",
                  std::to_string(tissue_type::dimension)});
        }
        std::vector<std::string> ext_saved, ext_here;
        bool same_extent = true;
        for (std::size_t a = 0; a < dim; ++a) {
            const std::int32_t e = r.i32();
            ext_saved.push_back(std::to_string(e));
            ext_here.push_back(std::to_string(t.grid_.extent(a)));
            same_extent = same_extent && e == t.grid_.extent(a);
        }
        if (!same_extent) {
            fail({other, "grid extent ", join(ext_saved), ", this tissue's is ", join(ext_here)});
        }
        const double h = r.f64();
        if (h != t.grid_.spacing_um()) {
            fail({other, "grid spacing ", detail::format_value(h), " um, this tissue's is ",
                  detail::format_value(t.grid_.spacing_um()), " um"});
        }
        std::vector<std::string> states(r.u32());
        if (states.size() > r.left()) fail({ctx, ": damaged (implausible number of states)"});
        for (auto& s : states) s = r.str();
        const auto& here = tissue_type::lineage_type::names;
        if (!std::equal(states.begin(), states.end(), here.begin(), here.end())) {
            fail({other, "lineage states ", join(states), ", this tissue's are ", join(here)});
        }
        std::vector<std::string> sigs(r.u32());
        if (sigs.size() > r.left()) fail({ctx, ": damaged (implausible number of signals)"});
        for (auto& s : sigs) s = r.str();
        const auto sig_here = signal_names();
        if (!std::equal(sigs.begin(), sigs.end(), sig_here.begin(), sig_here.end())) {
            fail({other, "signals ", join(sigs), ", this tissue's are ", join(sig_here)});
        }
        const std::uint64_t sites = r.u64();
        if (sites != t.grid_.size()) {
            fail({other, std::to_string(sites), " sites, this tissue has ", std::to_string(t.grid_.size())});
        }
    }
};

/// @brief Writes a checkpoint of the tissue's state to a stream (binary; see the file
/// comment for what is and is not saved). Throws checkpoint_error if writing fails.
template <class R, class G, class S, class P, class St>
void save_checkpoint(const basic_lattice_tissue<R, G, S, P, St>& tissue, std::ostream& out) {
    checkpoint_access<R, G, S, P, St>::save(tissue, out);
}

/// @brief Writes a checkpoint to a file, replacing it only once the new one is complete
/// (written to `<file>.partial`, then renamed). Throws checkpoint_error if that fails.
template <class R, class G, class S, class P, class St>
void save_checkpoint(const basic_lattice_tissue<R, G, S, P, St>& tissue, const std::filesystem::path& file) {
    auto partial = file;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) detail::checkpoint::fail({"ossify::save_checkpoint: cannot open '", partial.string(), "' for writing"});
        try {
            checkpoint_access<R, G, S, P, St>::save(tissue, out);
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
        detail::checkpoint::fail({"ossify::save_checkpoint: cannot move '", partial.string(), "' to '", file.string(),
                                  "': ", ec.message()});
    }
}

/// @brief Restores a tissue's state from a checkpoint in a stream. The tissue must be built
/// and configured like the saved one. Throws checkpoint_error, leaving the tissue unchanged,
/// when the input is not a checkpoint, is damaged or truncated, has another format version,
/// or comes from another model (lineage, signals, grid extent or spacing, dimension).
template <class R, class G, class S, class P, class St>
void restore_checkpoint(basic_lattice_tissue<R, G, S, P, St>& tissue, std::istream& in) {
    checkpoint_access<R, G, S, P, St>::restore(tissue, in, "stream");
}

/// @brief Restores a tissue's state from a checkpoint file (see the stream overload).
/// Throws checkpoint_error also when the file cannot be opened.
template <class R, class G, class S, class P, class St>
void restore_checkpoint(basic_lattice_tissue<R, G, S, P, St>& tissue, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) detail::checkpoint::fail({"ossify::restore_checkpoint: cannot open '", file.string(), "'"});
    std::string source(1, '\'');
    source += file.string();
    source += '\'';
    checkpoint_access<R, G, S, P, St>::restore(tissue, in, source);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_CHECKPOINT_HPP
