// Test helpers for the observe writers: unique temporary files, reading files back, and an
// independent PNG decoder (chunk walk with CRC check, zlib header/Adler-32 check, inflate of
// stored and fixed-Huffman blocks) so the encoder is checked against the format, not itself.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace observe_test {

/// A file path under the temporary directory that no other test (or run) uses; the file
/// is removed when the object dies.
class temp_file {
public:
    explicit temp_file(const std::string& name) {
        static thread_local std::mt19937_64 gen{std::random_device{}()};
        std::ostringstream os;
        os << "ossify_observe_" << std::hex << gen() << "_" << name;
        path_ = std::filesystem::temp_directory_path() / os.str();
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

inline std::uint32_t ref_crc32(const std::string& s) {  // bitwise, no table
    std::uint32_t c = 0xFFFFFFFFU;
    for (unsigned char b : s) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320U & (0U - (c & 1U)));
    }
    return ~c;
}

inline std::uint32_t be32(const std::string& s, std::size_t at) {
    return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

/// Inflates a raw deflate stream of stored and fixed-Huffman blocks (RFC 1951).
class inflater {
public:
    explicit inflater(const std::string& in) : in_(in) {}
    std::string run() {
        std::string out;
        bool last = false;
        while (!last) {
            last = bits(1) == 1;
            const unsigned type = bits(2);
            if (type == 0) {
                if (bit_ != 0) {  // skip to the byte boundary
                    bit_ = 0;
                    ++pos_;
                }
                ++stored_blocks;
                const unsigned len = byte() | (byte() << 8);
                const unsigned nlen = byte() | (byte() << 8);
                if ((len ^ 0xFFFFU) != nlen) throw std::runtime_error("stored block: LEN != ~NLEN");
                for (unsigned i = 0; i < len; ++i) out += static_cast<char>(byte());
            } else if (type == 1) {
                ++fixed_blocks;
                fixed_block(out);
            } else {
                throw std::runtime_error("unexpected block type");
            }
        }
        consumed = pos_ + (bit_ != 0 ? 1 : 0);
        return out;
    }
    int stored_blocks = 0, fixed_blocks = 0;
    std::size_t consumed = 0;

private:
    unsigned byte() {
        if (bit_ != 0) throw std::runtime_error("byte read off boundary");
        if (pos_ >= in_.size()) throw std::runtime_error("deflate stream ends early");
        return std::uint8_t(in_[pos_++]);
    }
    unsigned bits(int n) {
        unsigned v = 0;
        for (int i = 0; i < n; ++i) {
            if (pos_ >= in_.size()) throw std::runtime_error("deflate stream ends early");
            v |= ((std::uint8_t(in_[pos_]) >> bit_) & 1U) << i;
            if (++bit_ == 8) {
                bit_ = 0;
                ++pos_;
            }
        }
        return v;
    }
    unsigned huff_bits(int n) {  // Huffman codes come most significant bit first
        unsigned v = 0;
        for (int i = 0; i < n; ++i) v = (v << 1) | bits(1);
        return v;
    }
    unsigned literal() {
        unsigned c = huff_bits(7);
        if (c <= 0x17) return 256 + c;
        c = (c << 1) | bits(1);
        if (c >= 0x30 && c <= 0xBF) return c - 0x30;
        if (c >= 0xC0 && c <= 0xC7) return 280 + (c - 0xC0);
        c = (c << 1) | bits(1);
        if (c >= 0x190 && c <= 0x1FF) return 144 + (c - 0x190);
        throw std::runtime_error("bad literal code");
    }
    void fixed_block(std::string& out) {
        static const unsigned lbase[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                         67, 83, 99, 115, 131, 163, 195, 227, 258};
        static const int lext[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
        static const unsigned dbase[] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                         193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
        static const int dext[] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
        for (;;) {
            const unsigned sym = literal();
            if (sym < 256) {
                out += static_cast<char>(sym);
            } else if (sym == 256) {
                return;
            } else {
                if (sym > 285) throw std::runtime_error("bad length symbol");
                const unsigned len = lbase[sym - 257] + bits(lext[sym - 257]);
                const unsigned dc = huff_bits(5);
                if (dc > 29) throw std::runtime_error("bad distance code");
                const unsigned dist = dbase[dc] + bits(dext[dc]);
                if (dist > out.size() || dist > 32768) throw std::runtime_error("distance too far back");
                for (unsigned i = 0; i < len; ++i) out += out[out.size() - dist];
            }
        }
    }
    std::string in_;
    std::size_t pos_ = 0;
    int bit_ = 0;
};

struct decoded_png {
    std::uint32_t width = 0, height = 0;
    int bit_depth = 0, colour_type = 0;
    std::vector<std::string> chunk_types;
    std::vector<std::uint8_t> pixels;  // filter bytes removed
    int stored_blocks = 0, fixed_blocks = 0;
    std::size_t idat_bytes = 0;
};

/// Decodes a PNG (8-bit RGB/RGBA, filter 0 rows, no interlace); throws std::runtime_error on
/// any violation of the format: bad signature, CRC, zlib header, Adler-32, sizes.
inline decoded_png decode_png(const std::string& f) {
    if (f.size() < 8 || f.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0)
        throw std::runtime_error("bad signature");
    decoded_png d;
    std::string idat;
    std::size_t p = 8;
    while (p < f.size()) {
        if (p + 12 > f.size()) throw std::runtime_error("truncated chunk");
        const std::uint32_t n = be32(f, p);
        if (p + 12 + n > f.size()) throw std::runtime_error("truncated chunk data");
        const std::string type = f.substr(p + 4, 4), data = f.substr(p + 8, n);
        if (ref_crc32(type + data) != be32(f, p + 8 + n)) throw std::runtime_error("CRC mismatch in " + type);
        d.chunk_types.push_back(type);
        if (type == "IHDR") {
            d.width = be32(data, 0);
            d.height = be32(data, 4);
            d.bit_depth = std::uint8_t(data[8]);
            d.colour_type = std::uint8_t(data[9]);
            if (data[10] != 0 || data[11] != 0 || data[12] != 0) throw std::runtime_error("bad IHDR methods");
        } else if (type == "IDAT") {
            idat += data;
        }
        p += 12 + n;
    }
    d.idat_bytes = idat.size();
    if (idat.size() < 6) throw std::runtime_error("IDAT too short");
    const unsigned cmf = std::uint8_t(idat[0]), flg = std::uint8_t(idat[1]);
    if ((cmf & 0x0F) != 8 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0)
        throw std::runtime_error("bad zlib header");
    inflater inf(idat.substr(2));
    const std::string raw = inf.run();
    d.stored_blocks = inf.stored_blocks;
    d.fixed_blocks = inf.fixed_blocks;
    if (inf.consumed + 2 + 4 != idat.size()) throw std::runtime_error("trailing bytes after deflate data");
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    if (((b << 16) | a) != be32(idat, idat.size() - 4)) throw std::runtime_error("Adler-32 mismatch");
    const std::size_t bpp = d.colour_type == 2 ? 3 : d.colour_type == 6 ? 4 : 0;
    if (bpp == 0 || d.bit_depth != 8) throw std::runtime_error("unexpected pixel format");
    const std::size_t row = d.width * bpp;
    if (raw.size() != (row + 1) * d.height) throw std::runtime_error("wrong amount of image data");
    for (std::size_t y = 0; y < d.height; ++y) {
        if (raw[y * (row + 1)] != 0) throw std::runtime_error("unexpected filter type");
        for (std::size_t i = 0; i < row; ++i) d.pixels.push_back(std::uint8_t(raw[y * (row + 1) + 1 + i]));
    }
    return d;
}

}  // namespace observe_test
