/// @file
/// @brief A small PNG encoder for 8-bit RGB and RGBA images (no external library).
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_PNG_HPP
#define OSSIFY_OBSERVE_PNG_HPP

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "../detail/error.hpp"
#include "detail/deflate.hpp"
#include "detail/io.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Pixel layout of an 8-bit PNG image: bytes per pixel.
enum class png_format : std::uint8_t {
    rgb = 3,  ///< red, green, blue (PNG colour type 2)
    rgba = 4  ///< red, green, blue, alpha (PNG colour type 6)
};

/// @brief How the image data is packed into the zlib stream.
enum class png_compression : std::uint8_t {
    stored,  ///< uncompressed deflate blocks: fastest, largest
    fixed    ///< LZ77 with deflate's fixed Huffman code: small files for flat-coloured maps
};

/// @brief The bytes of a PNG file holding an image of `width` x `height` 8-bit pixels.
///
/// `pixels` holds rows from top to bottom, each `width * bytes-per-pixel` bytes (RGB or
/// RGBA). The file has the signature, IHDR, one IDAT (a zlib stream, rows with filter type
/// 0) and IEND, each chunk with its CRC-32.
/// @throws invalid_parameter if width or height is outside [1, 2^24] or
///         `pixels.size() != width * height * bytes-per-pixel`
[[nodiscard]] inline std::string encode_png(std::span<const std::uint8_t> pixels, std::int64_t width,
                                            std::int64_t height, png_format format = png_format::rgb,
                                            png_compression compression = png_compression::fixed) {
    constexpr std::string_view where = "ossify::encode_png";
    detail::require_in_range(where, "width", static_cast<double>(width), 1, 1 << 24);
    detail::require_in_range(where, "height", static_cast<double>(height), 1, 1 << 24);
    const auto bpp = static_cast<std::size_t>(format);
    if (format != png_format::rgb && format != png_format::rgba) {
        throw invalid_parameter(where, "format", std::to_string(bpp), "png_format::rgb or png_format::rgba");
    }
    const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
    const std::size_t row_bytes = w * bpp;
    if (pixels.size() != row_bytes * h) {
        throw invalid_parameter(where, "pixels.size()", std::to_string(pixels.size()),
                                std::to_string(row_bytes * h) + " (width * height * " +
                                    std::to_string(bpp) + ")");
    }
    // Raw image data: each row is preceded by its filter type byte (0 = None).
    std::string raw;
    raw.reserve((row_bytes + 1) * h);
    for (std::size_t y = 0; y < h; ++y) {
        raw += '\0';
        raw.append(reinterpret_cast<const char*>(pixels.data() + y * row_bytes), row_bytes);
    }
    const std::string z = detail::zlib_stream(
        {reinterpret_cast<const unsigned char*>(raw.data()), raw.size()},
        compression == png_compression::fixed);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    auto chunk = [&png](std::string_view type, std::string_view data) {
        detail::append_big_endian(png, static_cast<std::uint32_t>(data.size()));
        const std::size_t start = png.size();
        png += type;
        png += data;
        const std::uint32_t crc = detail::crc32(std::string_view(png).substr(start));
        detail::append_big_endian(png, crc);
    };
    std::string ihdr;
    detail::append_big_endian(ihdr, static_cast<std::uint32_t>(w));
    detail::append_big_endian(ihdr, static_cast<std::uint32_t>(h));
    ihdr += static_cast<char>(8);                                   // bit depth
    ihdr += static_cast<char>(format == png_format::rgb ? 2 : 6);  // colour type
    ihdr += '\0';                                                   // compression: deflate
    ihdr += '\0';                                                   // filter method 0
    ihdr += '\0';                                                   // no interlace
    chunk("IHDR", ihdr);
    chunk("IDAT", z);
    chunk("IEND", {});
    return png;
}

/// @brief Writes an 8-bit RGB or RGBA image to a PNG file (see encode_png for the layout).
/// @throws invalid_parameter for bad sizes (before the file is touched)
/// @throws io_error (a std::runtime_error) naming the path if it cannot be written
inline void write_png(const std::filesystem::path& path, std::span<const std::uint8_t> pixels,
                      std::int64_t width, std::int64_t height, png_format format = png_format::rgb,
                      png_compression compression = png_compression::fixed) {
    const std::string bytes = encode_png(pixels, width, height, format, compression);
    auto out = detail::open_output("ossify::write_png", path, true);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    detail::close_output("ossify::write_png", path, out);
}

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_PNG_HPP
