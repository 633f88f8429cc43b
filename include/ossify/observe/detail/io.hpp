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

OSSIFY_NAMESPACE_BEGIN

namespace detail {

/// @brief A file being written: the stream writes `<path>.partial`, which close_output renames
/// to `path` once complete; if it is never closed (an exception), the partial file is removed,
/// so no half-written output is ever left under the final name.
class output_file : public std::ofstream {
public:
    /// @brief Opens `<path>.partial` for writing.
    output_file(const std::filesystem::path& path, bool binary_mode)
        : std::ofstream(partial_of(path), binary_mode ? std::ios::out | std::ios::binary | std::ios::trunc
                                                      : std::ios::out | std::ios::trunc),
          final_(path), partial_(partial_of(path)) {}
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    /// @brief Moves the file (the moved-from one owns nothing).
    output_file(output_file&& o) noexcept
        : std::ofstream(std::move(o)), final_(std::move(o.final_)), partial_(std::move(o.partial_)), done_(o.done_) {
        o.done_ = true;
    }
    /// @brief Moves the file.
    output_file& operator=(output_file&& o) noexcept {
        discard();
        std::ofstream::operator=(std::move(o));
        final_ = std::move(o.final_);
        partial_ = std::move(o.partial_);
        done_ = o.done_;
        o.done_ = true;
        return *this;
    }
    /// @brief Removes the partial file unless it was committed.
    ~output_file() override { discard(); }
    /// @brief Closes the stream and renames the partial file to the final name.
    void commit(std::string_view where) {
        flush();
        if (!*this) throw io_error(where, "write", final_);
        close();
        if (fail()) throw io_error(where, "close", final_);
        std::error_code ec;
        std::filesystem::rename(partial_, final_, ec);
        if (ec) throw io_error(where, "rename the finished file to", final_, ec.message());
        done_ = true;
    }

private:
    static std::filesystem::path partial_of(const std::filesystem::path& p) {
        auto q = p;
        q += ".partial";
        return q;
    }
    void discard() noexcept {
        if (done_) return;
        if (is_open()) close();
        std::error_code ignored;
        std::filesystem::remove(partial_, ignored);
        done_ = true;
    }
    std::filesystem::path final_, partial_;
    bool done_ = false;
};

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
