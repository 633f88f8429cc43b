/// @file
/// @brief `atomic_file`: an output file that appears under its name only once it is complete
/// (written to `<name>.partial`, renamed by `commit()`; removed if never committed), so that no
/// half-written file is ever left behind.
///
/// ```cpp
/// ossify::atomic_file out("summary.json", false);
/// out << text;
/// out.commit("my_tool");   // throws io_error (naming the path) if writing failed
/// ```
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_ATOMIC_FILE_HPP
#define OSSIFY_OBSERVE_ATOMIC_FILE_HPP

#include <filesystem>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "../error.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief A file being written: the stream writes `<path>.partial`, which commit() renames
/// to `path` once complete; if it is never closed (an exception), the partial file is removed,
/// so no half-written output is ever left under the final name.
class atomic_file : public std::ofstream {
public:
    /// @brief Opens `<path>.partial` for writing.
    atomic_file(const std::filesystem::path& path, bool binary_mode)
        : std::ofstream(partial_of(path), binary_mode ? std::ios::out | std::ios::binary | std::ios::trunc
                                                      : std::ios::out | std::ios::trunc),
          final_(path), partial_(partial_of(path)) {}
    atomic_file(const atomic_file&) = delete;
    atomic_file& operator=(const atomic_file&) = delete;
    /// @brief Moves the file (the moved-from one owns nothing).
    atomic_file(atomic_file&& o) noexcept
        : std::ofstream(std::move(o)), final_(std::move(o.final_)), partial_(std::move(o.partial_)), done_(o.done_) {
        o.done_ = true;
    }
    /// @brief Moves the file.
    atomic_file& operator=(atomic_file&& o) noexcept {
        discard();
        std::ofstream::operator=(std::move(o));
        final_ = std::move(o.final_);
        partial_ = std::move(o.partial_);
        done_ = o.done_;
        o.done_ = true;
        return *this;
    }
    /// @brief Removes the partial file unless it was committed.
    ~atomic_file() override { discard(); }
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

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_ATOMIC_FILE_HPP
