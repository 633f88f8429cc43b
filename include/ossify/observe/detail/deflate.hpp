/// @file
/// @brief Internals of the PNG encoder: CRC-32 (ISO-HDLC, as PNG uses), Adler-32, and a
/// zlib stream (RFC 1950) made of deflate blocks (RFC 1951).
#include "../../config.hpp"
#ifndef OSSIFY_OBSERVE_DETAIL_DEFLATE_HPP
#define OSSIFY_OBSERVE_DETAIL_DEFLATE_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

OSSIFY_NAMESPACE_BEGIN
namespace detail {

/// @brief The 256-entry table of the reflected CRC-32 polynomial 0xEDB88320.
inline constexpr std::array<std::uint32_t, 256> crc32_table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        t[n] = c;
    }
    return t;
}();

/// @brief Continues a CRC-32 over more bytes: start with crc = 0, feed the pieces in order.
[[nodiscard]] inline std::uint32_t crc32_update(std::uint32_t crc,
                                                std::span<const unsigned char> bytes) noexcept {
    std::uint32_t c = crc ^ 0xFFFFFFFFU;
    for (unsigned char b : bytes) c = crc32_table[(c ^ b) & 0xFFU] ^ (c >> 8);
    return c ^ 0xFFFFFFFFU;
}
/// @brief CRC-32 (as in PNG, zip, gzip) of a byte sequence; "123456789" gives 0xCBF43926.
[[nodiscard]] inline std::uint32_t crc32(std::span<const unsigned char> bytes) noexcept {
    return crc32_update(0, bytes);
}
/// @brief CRC-32 of the bytes of a string.
[[nodiscard]] inline std::uint32_t crc32(std::string_view s) noexcept {
    return crc32({reinterpret_cast<const unsigned char*>(s.data()), s.size()});
}

/// @brief Adler-32 (as in zlib) of a byte sequence; "Wikipedia" gives 0x11E60398.
[[nodiscard]] inline std::uint32_t adler32(std::span<const unsigned char> bytes) noexcept {
    constexpr std::uint32_t mod = 65521;
    std::uint32_t a = 1, b = 0;
    // 5552 is the largest n with 255 n (n + 1) / 2 + (n + 1)(mod - 1) < 2^32 (zlib's NMAX).
    while (!bytes.empty()) {
        const std::size_t n = std::min<std::size_t>(bytes.size(), 5552);
        for (std::size_t i = 0; i < n; ++i) {
            a += bytes[i];
            b += a;
        }
        a %= mod;
        b %= mod;
        bytes = bytes.subspan(n);
    }
    return (b << 16) | a;
}
/// @brief Adler-32 of the bytes of a string.
[[nodiscard]] inline std::uint32_t adler32(std::string_view s) noexcept {
    return adler32({reinterpret_cast<const unsigned char*>(s.data()), s.size()});
}

/// @brief Writes bits LSB-first into a byte string, as deflate packs them.
class bit_writer {
public:
    /// @brief Appends to `out`.
    explicit bit_writer(std::string& out) : out_(out) {}
    /// @brief Appends the `n` low bits of `v`, least significant first.
    void bits(std::uint32_t v, int n) {
        acc_ |= static_cast<std::uint64_t>(v) << fill_;
        fill_ += n;
        while (fill_ >= 8) {
            out_ += static_cast<char>(acc_ & 0xFFU);
            acc_ >>= 8;
            fill_ -= 8;
        }
    }
    /// @brief Appends a Huffman code of `n` bits (codes are packed most significant first).
    void code(std::uint32_t c, int n) {
        std::uint32_t r = 0;
        for (int i = 0; i < n; ++i) r |= ((c >> i) & 1U) << (n - 1 - i);
        bits(r, n);
    }
    /// @brief Pads with zero bits to the next byte boundary.
    void align() {
        if (fill_ > 0) bits(0, 8 - fill_);
    }

private:
    std::string& out_;
    std::uint64_t acc_ = 0;
    int fill_ = 0;
};

/// @brief Deflate with the fixed Huffman code (RFC 1951 3.2.6) of a greedy LZ77 parse
/// (hash of 3 bytes, chains up to `max_chain` long, window 32 KiB). Appends one final block.
inline void deflate_fixed(std::string& out, std::span<const unsigned char> in, int max_chain = 32) {
    static constexpr std::array<std::uint16_t, 29> len_base{
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258};
    static constexpr std::array<std::uint8_t, 29> len_extra{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                            2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static constexpr std::array<std::uint16_t, 30> dist_base{
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static constexpr std::array<std::uint8_t, 30> dist_extra{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                                             6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    constexpr std::size_t window = 32768, hash_size = 1U << 15;
    constexpr std::ptrdiff_t none = -1;

    bit_writer w(out);
    w.bits(1, 1);  // BFINAL
    w.bits(1, 2);  // BTYPE = 01, fixed Huffman
    auto literal = [&](unsigned sym) {
        if (sym < 144) w.code(0x30 + sym, 8);
        else if (sym < 256) w.code(0x190 + (sym - 144), 9);
        else if (sym < 280) w.code(sym - 256, 7);
        else w.code(0xC0 + (sym - 280), 8);
    };
    std::vector<std::ptrdiff_t> head(hash_size, none), prev(window, none);  // prev: a ring over the window
    auto hash = [&](std::size_t i) {
        const std::uint32_t v = static_cast<std::uint32_t>(in[i]) | (static_cast<std::uint32_t>(in[i + 1]) << 8) |
                                (static_cast<std::uint32_t>(in[i + 2]) << 16);
        return (v * 2654435761U) >> 17;  // 15 bits
    };
    auto insert = [&](std::size_t i) {
        if (i + 2 >= in.size()) return;
        const auto h = hash(i);
        prev[i % window] = head[h];
        head[h] = static_cast<std::ptrdiff_t>(i);
    };
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t best_len = 0, best_dist = 0;
        if (i + 2 < in.size()) {
            std::ptrdiff_t cand = head[hash(i)];
            const std::size_t max_len = std::min<std::size_t>(258, in.size() - i);
            for (int chain = 0; cand != none && chain < max_chain; ++chain) {
                const auto c = static_cast<std::size_t>(cand);
                if (i - c > window - 1) break;
                std::size_t l = 0;
                while (l < max_len && in[c + l] == in[i + l]) ++l;
                if (l > best_len) {
                    best_len = l;
                    best_dist = i - c;
                    if (l == max_len) break;
                }
                const std::ptrdiff_t next = prev[c % window];
                if (next >= cand) break;  // a stale ring entry
                cand = next;
            }
        }
        if (best_len >= 3) {
            std::size_t lc = 28;
            while (len_base[lc] > best_len) --lc;
            literal(257 + static_cast<unsigned>(lc));
            w.bits(static_cast<std::uint32_t>(best_len - len_base[lc]), len_extra[lc]);
            std::size_t dc = 29;
            while (dist_base[dc] > best_dist) --dc;
            w.code(static_cast<std::uint32_t>(dc), 5);
            w.bits(static_cast<std::uint32_t>(best_dist - dist_base[dc]), dist_extra[dc]);
            for (std::size_t k = 0; k < best_len; ++k) insert(i + k);
            i += best_len;
        } else {
            literal(in[i]);
            insert(i);
            ++i;
        }
    }
    literal(256);  // end of block
    w.align();
}

/// @brief Appends stored (uncompressed) deflate blocks of at most 65535 bytes each; the
/// last one has BFINAL set (an empty input gives one empty final block).
inline void deflate_stored(std::string& out, std::span<const unsigned char> in) {
    std::size_t pos = 0;
    do {
        const std::size_t n = std::min<std::size_t>(in.size() - pos, 65535);
        const bool final_block = pos + n == in.size();
        out += static_cast<char>(final_block ? 1 : 0);  // BFINAL, BTYPE = 00, padded to a byte
        const auto len = static_cast<std::uint16_t>(n);
        const auto nlen = static_cast<std::uint16_t>(~len);
        out += static_cast<char>(len & 0xFFU);
        out += static_cast<char>(len >> 8);
        out += static_cast<char>(nlen & 0xFFU);
        out += static_cast<char>(nlen >> 8);
        out.append(reinterpret_cast<const char*>(in.data() + pos), n);
        pos += n;
    } while (pos < in.size());
}

/// @brief A complete zlib stream (header, deflate data, Adler-32) of `in`; `compress`
/// chooses fixed-Huffman LZ77 over stored blocks.
[[nodiscard]] inline std::string zlib_stream(std::span<const unsigned char> in, bool compress) {
    std::string out;
    out.reserve(compress ? in.size() / 4 + 64 : in.size() + in.size() / 65535 * 5 + 16);
    out += static_cast<char>(0x78);  // CM = 8 (deflate), CINFO = 7 (32 KiB window)
    out += static_cast<char>(0x01);  // FLEVEL = 0, no dictionary; 0x7801 % 31 == 0
    if (compress) deflate_fixed(out, in);
    else deflate_stored(out, in);
    const std::uint32_t a = adler32(in);
    for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((a >> s) & 0xFFU);
    return out;
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_DETAIL_DEFLATE_HPP
