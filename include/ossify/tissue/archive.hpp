/// @file
/// @brief `checkpoint_writer` and `checkpoint_reader`: little-endian binary encoding of the
/// values a checkpoint holds. A process with state of its own saves it through them
/// (`save_state(checkpoint_writer&) const`, `restore_state(checkpoint_reader&)`).
#include "../config.hpp"
#ifndef OSSIFY_TISSUE_ARCHIVE_HPP
#define OSSIFY_TISSUE_ARCHIVE_HPP

#include <bit>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../error.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {
/// Throws checkpoint_error with the concatenated parts (out of line: keeps string code out of
/// hot paths, and out of sight of g++ 12's false -Wstringop-overflow).
[[noreturn, gnu::cold, gnu::noinline]] inline void checkpoint_fail(std::initializer_list<std::string_view> parts) {
    std::string what;
    for (const auto part : parts) what.append(part.data(), part.size());
    throw checkpoint_error(what);
}
}  // namespace detail

/// @brief Appends values to a byte buffer, little-endian; floating point as IEEE-754 bits.
class checkpoint_writer {
public:
    /// @brief One byte.
    void u8(std::uint8_t v) { buf_.push_back(static_cast<char>(v)); }
    /// @brief 32 bits.
    void u32(std::uint32_t v) { put(v, 4); }
    /// @brief 64 bits.
    void u64(std::uint64_t v) { put(v, 8); }
    /// @brief A signed 32-bit integer.
    void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
    /// @brief A float.
    void f32(float v) { put(std::bit_cast<std::uint32_t>(v), 4); }
    /// @brief A double.
    void f64(double v) { put(std::bit_cast<std::uint64_t>(v), 8); }
    /// @brief A string (u32 length, then its bytes).
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        buf_.append(s.data(), s.size());
    }
    /// @brief Any arithmetic value, by its size.
    template <class T>
    void value(T v) {
        static_assert(std::is_arithmetic_v<T>, "checkpoint_writer::value: arithmetic types only");
        if constexpr (std::is_same_v<T, double>) f64(v);
        else if constexpr (std::is_same_v<T, float>) f32(v);
        else if constexpr (sizeof(T) == 1) u8(static_cast<std::uint8_t>(v));
        else if constexpr (sizeof(T) == 4) u32(static_cast<std::uint32_t>(v));
        else u64(static_cast<std::uint64_t>(v));
    }
    /// @brief The bytes written so far.
    [[nodiscard]] std::string& buffer() noexcept { return buf_; }

private:
    void put(std::uint64_t v, int bytes) {
        for (int k = 0; k < bytes; ++k) buf_.push_back(static_cast<char>((v >> (8 * k)) & 0xffu));
    }
    std::string buf_;
};

/// @brief Reads values written by checkpoint_writer; running off the end, or a value outside
/// what the caller allows, is a checkpoint_error naming the source.
class checkpoint_reader {
public:
    /// @brief A reader of `data`, named `source` in messages ("'run.ckpt'", "stream").
    checkpoint_reader(std::span<const char> data, std::string source) : data_(data), source_(std::move(source)) {}
    /// @brief One byte.
    std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
    /// @brief 32 bits.
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    /// @brief 64 bits.
    std::uint64_t u64() { return get(8); }
    /// @brief A signed 32-bit integer.
    std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
    /// @brief A float.
    float f32() { return std::bit_cast<float>(static_cast<std::uint32_t>(get(4))); }
    /// @brief A double.
    double f64() { return std::bit_cast<double>(get(8)); }
    /// @brief A string.
    std::string str() {
        const std::uint32_t n = u32();
        need(n);
        std::string s(data_.data() + pos_, n);
        pos_ += n;
        return s;
    }
    /// @brief Any arithmetic value, by its size.
    template <class T>
    T value() {
        static_assert(std::is_arithmetic_v<T>, "checkpoint_reader::value: arithmetic types only");
        if constexpr (std::is_same_v<T, double>) return f64();
        else if constexpr (std::is_same_v<T, float>) return f32();
        else if constexpr (sizeof(T) == 1) return static_cast<T>(u8());
        else if constexpr (sizeof(T) == 4) return static_cast<T>(u32());
        else return static_cast<T>(u64());
    }
    /// @brief A double that must be finite and within [lo, hi]; else checkpoint_error naming `what`.
    double f64_in(std::string_view what, double lo, double hi) {
        const double v = f64();
        if (!(v >= lo && v <= hi)) {
            detail::checkpoint_fail({source_, ": refused: ", what, " = ", format_value(v), " is outside [", format_value(lo),
                                     ", ", format_value(hi), "]"});
        }
        return v;
    }
    /// @brief Bytes not read yet.
    [[nodiscard]] std::size_t left() const noexcept { return data_.size() - pos_; }
    /// @brief The name of the source, for messages.
    [[nodiscard]] const std::string& source() const noexcept { return source_; }
    /// @brief Throws checkpoint_error "<source>: refused: <parts...>".
    [[noreturn]] void refuse(std::initializer_list<std::string_view> parts) const {
        std::string what = source_ + ": refused: ";
        for (const auto p : parts) what.append(p.data(), p.size());
        throw checkpoint_error(what);
    }

private:
    void need(std::size_t n) const {
        if (data_.size() - pos_ < n) detail::checkpoint_fail({source_, ": damaged (the payload ends early, inconsistent with its size)"});
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
    std::string source_;
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
/// Bytes per block of the checksum (format 3).
inline constexpr std::size_t checkpoint_block = std::size_t{1} << 20;
/// The checksum of a payload from the FNV-1a 64 hashes of its blocks, in order: FNV-1a 64 over
/// their little-endian bytes.
[[nodiscard]] inline std::uint64_t combine_block_hashes(std::span<const std::uint64_t> blocks) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const std::uint64_t b : blocks) {
        for (int k = 0; k < 8; ++k) {
            h ^= (b >> (8 * k)) & 0xffu;
            h *= 0x100000001b3ull;
        }
    }
    return h;
}
/// The checksum of a whole payload (format 3, see the file comment).
[[nodiscard]] inline std::uint64_t checkpoint_checksum(std::span<const char> payload) {
    std::vector<std::uint64_t> blocks;
    blocks.reserve(payload.size() / checkpoint_block + 1);
    for (std::size_t at = 0; at < payload.size(); at += checkpoint_block) {
        blocks.push_back(fnv1a64(payload.subspan(at, std::min(checkpoint_block, payload.size() - at))));
    }
    return combine_block_hashes(blocks);
}
/// A code for a stored value type: size in bytes, plus 16 for floating point, 32 for signed.
template <class T>
constexpr std::uint8_t type_code() noexcept {
    return static_cast<std::uint8_t>(sizeof(T) + (std::is_floating_point_v<T> ? 16 : 0) + (std::is_signed_v<T> ? 32 : 0));
}
}  // namespace detail

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_TISSUE_ARCHIVE_HPP
