#include <ossify/observe/png.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using observe_test::decode_png;

namespace {

std::vector<std::uint8_t> test_pattern(std::size_t w, std::size_t h, std::size_t bpp) {
    std::vector<std::uint8_t> px(w * h * bpp);
    for (std::size_t y = 0; y < h; ++y)
        for (std::size_t x = 0; x < w; ++x)
            for (std::size_t c = 0; c < bpp; ++c)
                px[(y * w + x) * bpp + c] = static_cast<std::uint8_t>((x * 7 + y * 13 + c * 101 + x * y) & 0xFF);
    return px;
}

}  // namespace

TEST_CASE("CRC-32 and Adler-32 give the published check values", "[observe][png]") {
    CHECK(detail::crc32(std::string_view("123456789")) == 0xCBF43926U);
    CHECK(detail::crc32(std::string_view("")) == 0U);
    CHECK(detail::crc32(std::string_view("IEND")) == 0xAE426082U);  // the constant every PNG ends with
    CHECK(detail::adler32(std::string_view("Wikipedia")) == 0x11E60398U);
    CHECK(detail::adler32(std::string_view("")) == 1U);
    // Long input crosses the 5552-byte reduction blocks; compare with a modulo-every-byte reference.
    std::string big(100000, '\xFF');
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : big) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    CHECK(detail::adler32(big) == ((b << 16) | a));
    CHECK(detail::crc32(big) == observe_test::ref_crc32(big));
}

TEST_CASE("encode_png: chunks, CRCs, zlib stream and pixels decode back", "[observe][png]") {
    for (auto format : {png_format::rgb, png_format::rgba}) {
        for (auto compression : {png_compression::stored, png_compression::fixed}) {
            const std::size_t bpp = static_cast<std::size_t>(format);
            const auto px = test_pattern(37, 23, bpp);
            const std::string file = encode_png(px, 37, 23, format, compression);
            const auto d = decode_png(file);
            CHECK(d.chunk_types == std::vector<std::string>{"IHDR", "IDAT", "IEND"});
            CHECK(d.width == 37);
            CHECK(d.height == 23);
            CHECK(d.bit_depth == 8);
            CHECK(d.colour_type == (format == png_format::rgb ? 2 : 6));
            CHECK(d.pixels == px);
            if (compression == png_compression::stored) {
                CHECK(d.stored_blocks == 1);
                CHECK(d.fixed_blocks == 0);
            } else {
                CHECK(d.fixed_blocks == 1);
            }
        }
    }
}

TEST_CASE("encode_png: stored blocks are split at 65535 bytes", "[observe][png]") {
    const std::size_t w = 300, h = 200;  // 200 * (900 + 1) = 180200 bytes: 3 blocks
    const auto px = test_pattern(w, h, 3);
    const auto d = decode_png(encode_png(px, w, h, png_format::rgb, png_compression::stored));
    CHECK(d.stored_blocks == 3);
    CHECK(d.pixels == px);
}

TEST_CASE("encode_png: flat images compress, long matches and far distances decode", "[observe][png]") {
    const std::size_t w = 400, h = 300;
    std::vector<std::uint8_t> px(w * h * 3);
    for (std::size_t y = 0; y < h; ++y)
        for (std::size_t x = 0; x < w; ++x)
            for (std::size_t c = 0; c < 3; ++c)
                px[(y * w + x) * 3 + c] = static_cast<std::uint8_t>(((x / 40 + y / 30) % 3) * 80 + c * 20);
    const std::string file = encode_png(px, w, h);
    const auto d = decode_png(file);
    CHECK(d.pixels == px);
    CHECK(file.size() < px.size() / 20);
}

TEST_CASE("encode_png: a 1x1 image and an image of random bytes", "[observe][png]") {
    const std::vector<std::uint8_t> one{10, 20, 30, 40};
    CHECK(decode_png(encode_png(one, 1, 1, png_format::rgba)).pixels == one);
    std::vector<std::uint8_t> noise(64 * 64 * 3);
    std::uint32_t s = 12345;
    for (auto& v : noise) {
        s = s * 1664525U + 1013904223U;
        v = static_cast<std::uint8_t>(s >> 24);
    }
    CHECK(decode_png(encode_png(noise, 64, 64)).pixels == noise);
}

TEST_CASE("encode_png refuses bad sizes, naming the parameter", "[observe][png]") {
    const std::vector<std::uint8_t> px(12);
    CHECK_THROWS_AS(encode_png(px, 0, 4), invalid_parameter);
    CHECK_THROWS_AS(encode_png(px, 4, -1), invalid_parameter);
    try {
        (void)encode_png(px, 2, 2, png_format::rgba);  // needs 16 bytes
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "pixels.size()");
        CHECK(std::string(e.what()).find("16") != std::string::npos);
    }
}

TEST_CASE("write_png writes the file; an unwritable path throws io_error naming it", "[observe][png]") {
    observe_test::temp_file f("img.png");
    const auto px = test_pattern(5, 4, 3);
    write_png(f.path(), px, 5, 4);
    CHECK(decode_png(observe_test::read_file(f.path())).pixels == px);

    const auto bad = std::filesystem::temp_directory_path() / "ossify_no_such_dir_xyz" / "a.png";
    try {
        write_png(bad, px, 5, 4);
        FAIL("no exception");
    } catch (const io_error& e) {
        CHECK(std::string(e.what()).find(bad.string()) != std::string::npos);
        CHECK(e.path() == bad);
    }
    // A refused size leaves an existing file untouched.
    const std::string before = observe_test::read_file(f.path());
    CHECK_THROWS_AS(write_png(f.path(), px, 6, 4), invalid_parameter);
    CHECK(observe_test::read_file(f.path()) == before);
}
