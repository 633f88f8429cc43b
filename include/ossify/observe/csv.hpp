/// @file
/// @brief `csv_writer`: a table of numbers (time series, metrics) to a CSV file, with a
/// header row of column names, `#` comment lines and full (round-trip) precision.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_CSV_HPP
#define OSSIFY_OBSERVE_CSV_HPP

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../detail/error.hpp"
#include "detail/io.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Quotes a CSV field when it needs it (RFC 4180): a field holding a comma, a
/// double quote, a line break, leading/trailing blanks or starting with `#` is wrapped in
/// double quotes, with inner quotes doubled. Other fields come back unchanged.
[[nodiscard]] inline std::string csv_escape(std::string_view field) {
    bool quote = !field.empty() && (field.front() == '#' || field.front() == ' ' ||
                                    field.back() == ' ');
    for (char c : field) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
    }
    if (!quote) return std::string(field);
    std::string out;
    out.reserve(field.size() + 2);
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

/// @brief Writes rows of numbers to a CSV file.
///
/// The file holds, in order: the comment lines given to the constructor (each starts with
/// `# `; use them for the seed and the parameters), one header row of column names (put the
/// unit in the name: `time_d`, `mineral_volume_um3`), then one line per `row()`. Numbers are
/// written in their shortest form that reads back to the same double (`0.1`, `3`, `nan`,
/// `inf`). Reads with `pandas.read_csv(path, comment='#')` or R `read.csv(path, comment.char='#')`.
///
/// The file is opened by the constructor and closed by the destructor (or `close()`).
/// Move-only.
class csv_writer {
public:
    /// @brief Opens (truncates) `path` and writes the comment lines and the header row.
    /// @throws invalid_parameter if `columns` is empty or a name is empty (nothing is created)
    /// @throws io_error (a std::runtime_error) naming the path if it cannot be opened
    csv_writer(std::filesystem::path path, std::vector<std::string> columns,
               const std::vector<std::string>& comments = {})
        : path_(std::move(path)), columns_(std::move(columns)) {
        if (columns_.empty()) {
            throw invalid_parameter("ossify::csv_writer", "columns", "{} (no column)",
                                    "at least one column name");
        }
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            if (columns_[i].empty()) {
                throw invalid_parameter("ossify::csv_writer", "columns[" + std::to_string(i) + "]",
                                        "\"\"", "a non-empty name");
            }
        }
        out_ = detail::open_stream("ossify::csv_writer", path_);
        for (const auto& c : comments) comment(c);
        std::string line;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            if (i != 0) line += ',';
            line += csv_escape(columns_[i]);
        }
        line += '\n';
        put(line);
    }

    csv_writer(const csv_writer&) = delete;
    csv_writer& operator=(const csv_writer&) = delete;
    /// @brief Moves the open file into a new writer.
    csv_writer(csv_writer&&) noexcept = default;
    /// @brief Moves the open file into this writer (closing the one it had).
    csv_writer& operator=(csv_writer&&) noexcept = default;
    /// @brief Closes the file (errors on this last flush are not reported; call close()
    /// to see them).
    ~csv_writer() = default;

    /// @brief Writes a comment line `# <text>`; a text with line breaks becomes several
    /// comment lines. Allowed before or between rows.
    void comment(std::string_view text) {
        std::string line = "# ";
        for (char c : text) {
            if (c == '\r') continue;
            line += c;
            if (c == '\n') line += "# ";
        }
        line += '\n';
        put(line);
    }

    /// @brief Writes a comment line `# <key> = <value>` with the value at full precision.
    void parameter(std::string_view key, double value) {
        std::string text(key);
        text += " = ";
        detail::append_number(text, value);
        comment(text);
    }

    /// @brief Writes one row; `values.size()` must equal the number of columns.
    /// @throws invalid_parameter naming `values` otherwise (nothing is written)
    void row(std::span<const double> values) {
        if (values.size() != columns_.size()) {
            throw invalid_parameter("ossify::csv_writer::row(" + path_.string() + ")",
                                    "values.size()", std::to_string(values.size()),
                                    std::to_string(columns_.size()) + " (the number of columns)");
        }
        std::string line;
        line.reserve(values.size() * 24);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i != 0) line += ',';
            detail::append_number(line, values[i]);
        }
        line += '\n';
        put(line);
        ++rows_;
    }
    /// @brief Writes one row from a braced list: `csv.row({t, n_osteoblasts, bv_tv})`.
    void row(std::initializer_list<double> values) {
        row(std::span<const double>(values.begin(), values.size()));
    }

    /// @brief Flushes buffered rows to the file.
    /// @throws io_error naming the path if writing failed
    void flush() {
        out_.flush();
        if (!out_) throw io_error("ossify::csv_writer", "write", path_);
    }
    /// @brief Flushes and closes the file; later calls to row() or comment() throw io_error.
    /// @throws io_error naming the path if writing failed
    void close() {
        if (out_.is_open()) detail::close_stream("ossify::csv_writer", path_, out_);
    }

    /// @brief The file written.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    /// @brief The column names, as given.
    [[nodiscard]] const std::vector<std::string>& columns() const noexcept { return columns_; }
    /// @brief Number of rows written so far.
    [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

private:
    void put(const std::string& line) {
        if (!out_.is_open()) throw io_error("ossify::csv_writer", "write to closed file", path_);
        out_.write(line.data(), static_cast<std::streamsize>(line.size()));
        if (!out_) throw io_error("ossify::csv_writer", "write", path_);
    }

    std::filesystem::path path_;
    std::vector<std::string> columns_;
    std::ofstream out_;
    std::size_t rows_ = 0;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_CSV_HPP
