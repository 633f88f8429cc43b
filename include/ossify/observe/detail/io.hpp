/// @file
/// @brief Internals shared by the observe writers: the I/O error type, opening files,
/// shortest round-trip number formatting, little-endian byte output.
#include "../../config.hpp"
#ifndef OSSIFY_OBSERVE_DETAIL_IO_HPP
#define OSSIFY_OBSERVE_DETAIL_IO_HPP

#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "../../error.hpp"
#include "../atomic_file.hpp"

OSSIFY_NAMESPACE_BEGIN

namespace detail {

/// The public atomic file (observe/atomic_file.hpp), by its internal name.
using output_file = atomic_file;

/// @brief Opens a file for writing (see output_file); throws io_error naming the path if it
/// cannot be opened.
inline output_file open_output(std::string_view where, const std::filesystem::path& path, bool binary) {
    errno = 0;
    output_file out(path, binary);
    if (!out) {
        const int err = errno;
        throw io_error(where, "open for writing", path, err != 0 ? std::generic_category().message(err) : std::string_view{});
    }
    return out;
}

/// @brief Opens a file for writing in place (for logs and time series, whose rows are useful
/// while a run goes on); throws io_error naming the path if it cannot be opened.
inline std::ofstream open_stream(std::string_view where, const std::filesystem::path& path) {
    errno = 0;
    std::ofstream out(path, std::ios::out | std::ios::trunc);
    if (!out) {
        const int err = errno;
        throw io_error(where, "open for writing", path, err != 0 ? std::generic_category().message(err) : std::string_view{});
    }
    return out;
}
/// @brief Flushes and closes a stream opened by open_stream; throws io_error on failure.
inline void close_stream(std::string_view where, const std::filesystem::path& path, std::ofstream& out) {
    out.flush();
    if (!out) throw io_error(where, "write", path);
    out.close();
    if (out.fail()) throw io_error(where, "close", path);
}

/// @brief Flushes, closes and renames a file opened by open_output; throws io_error on failure
/// (disk full, a removed device ...), leaving no file under the final name.
inline void close_output(std::string_view where, const std::filesystem::path&, output_file& out) { out.commit(where); }

/// @brief Appends a number in its shortest form that reads back to the same value
/// ("0.1", "3", "1e-300", "nan", "inf", "-inf").
template <class T>
void append_number(std::string& s, T v) {
    std::array<char, 64> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    (void)ec;  // 64 chars hold any double/integer
    s.append(buf.data(), end);
}

/// @brief Appends the bytes of a value in little-endian order.
template <class T>
void append_little_endian(std::string& s, T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::array<char, sizeof(T)> bytes{};
    std::memcpy(bytes.data(), &v, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) {
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    }
    s.append(bytes.data(), bytes.size());
}

/// @brief Appends the bytes of a value in big-endian (network) order.
template <class T>
void append_big_endian(std::string& s, T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::array<char, sizeof(T)> bytes{};
    std::memcpy(bytes.data(), &v, sizeof(T));
    if constexpr (std::endian::native == std::endian::little) {
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    }
    s.append(bytes.data(), bytes.size());
}

}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_DETAIL_IO_HPP
