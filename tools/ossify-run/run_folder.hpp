// ossify-run: the output folder of a run. A run writes into `<out>.partial` and, once complete,
// moves it to `<out>` in one rename, so `<out>` holds one whole run or nothing new: a refused or
// failed run leaves no file behind, and results of two runs never mix. Without --overwrite a run
// refuses a folder that holds anything; with --overwrite it replaces a folder that holds an
// earlier ossify-run result (a summary.json of this tool), and nothing else.
#ifndef OSSIFY_RUN_RUN_FOLDER_HPP
#define OSSIFY_RUN_RUN_FOLDER_HPP

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "text.hpp"

namespace ossify_run {

/// The schema name every summary.json of this tool starts with.
inline constexpr std::string_view summary_schema = "ossify-run/summary/1";

/// True when `dir/summary.json` is a summary written by ossify-run.
inline bool holds_tool_summary(const std::filesystem::path& dir) {
    std::ifstream in(dir / "summary.json");
    if (!in) return false;
    const auto j = nlohmann::json::parse(in, nullptr, false);
    return j.is_object() && j.contains("schema") && j["schema"].is_string() &&
           j["schema"].get<std::string>().rfind("ossify-run/summary/", 0) == 0;
}

class run_folder {
public:
    /// Checks `out` (refusing, before anything is written, a path that is not a folder, a folder
    /// holding other results without --overwrite, or one that is not an ossify-run result with it).
    run_folder(const std::filesystem::path& out, bool overwrite) {
        namespace fs = std::filesystem;
        const std::string given = out.string();
        if (given.empty()) throw refusal("--out", given, "a folder path");
        std::error_code ec;
        final_ = fs::absolute(out, ec).lexically_normal();
        if (ec) throw refusal("--out", given, "a folder path (" + ec.message() + ")");
        if (!final_.has_filename()) final_ = final_.parent_path();
        const auto cwd = fs::current_path(ec).lexically_normal();
        const auto inside = [](const fs::path& folder, const fs::path& p) {  // p is folder or inside it
            auto f = folder.begin();
            auto q = p.begin();
            for (; f != folder.end(); ++f, ++q) {
                if (q == p.end() || *f != *q) return false;
            }
            return true;
        };
        if (final_ == final_.root_path() || (!cwd.empty() && inside(final_, cwd))) {
            throw refusal("--out", given, "a folder of its own (not the working folder, one above it, or the root)");
        }
        staging_ = final_;
        staging_ += ".partial";
        const auto st = fs::status(final_, ec);
        if (fs::exists(st)) {
            if (!fs::is_directory(st)) throw refusal("--out", given, "a folder (this is a file)");
            if (!fs::is_empty(final_, ec)) {
                if (!overwrite) {
                    throw refusal("--out", given,
                                  "a new or empty folder (it holds another run's results; add --overwrite to replace them, "
                                  "or choose another folder)");
                }
                if (!holds_tool_summary(final_)) {
                    throw refusal("--out", given,
                                  "with --overwrite, a folder holding an earlier ossify-run result (a summary.json of this tool); "
                                  "this folder holds other files, which ossify-run does not delete");
                }
                replace_ = true;
            }
        }
        if (fs::exists(staging_, ec)) {
            if (!overwrite) {
                throw refusal("--out", given,
                              "a folder no other run is writing into (" + staging_.string() +
                                  " exists: another run is writing there, or a stopped run left it; remove it or add --overwrite)");
            }
            stale_staging_ = true;
        }
    }
    run_folder(const run_folder&) = delete;
    run_folder& operator=(const run_folder&) = delete;
    /// Removes the partial folder of a run that did not commit.
    ~run_folder() {
        if (created_ && !committed_) {
            std::error_code ignored;
            std::filesystem::remove_all(staging_, ignored);
            if (!made_parent_.empty()) std::filesystem::remove_all(made_parent_, ignored);
        }
    }

    /// The folder the run writes into until it is committed.
    [[nodiscard]] const std::filesystem::path& staging() const noexcept { return staging_; }
    /// Where the results end up.
    [[nodiscard]] const std::filesystem::path& final_path() const noexcept { return final_; }

    /// Creates the partial folder (and the parents of the result folder, which are removed again
    /// if the run does not commit).
    void create() {
        namespace fs = std::filesystem;
        if (stale_staging_) fs::remove_all(staging_);
        for (auto p = staging_.parent_path(); !p.empty() && !fs::exists(p); p = p.parent_path()) {
            made_parent_ = p;
            if (p == p.parent_path()) break;
        }
        fs::create_directories(staging_.parent_path());
        if (!fs::create_directory(staging_)) throw std::runtime_error("cannot create " + staging_.string() + ": it appeared meanwhile");
        created_ = true;
    }

    /// Moves the finished results into place (replacing an earlier result with --overwrite).
    void commit() {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::path old;
        if (replace_ || (fs::exists(final_, ec) && !fs::is_empty(final_, ec))) {
            if (!holds_tool_summary(final_)) throw std::runtime_error(final_.string() + " changed during the run; results left in " + staging_.string());
            old = final_;
            old += ".replaced-" + std::to_string(::getpid());
            fs::rename(final_, old);
        } else if (fs::exists(final_, ec)) {
            fs::remove(final_);  // an empty folder
        }
        fs::rename(staging_, final_);
        committed_ = true;
        if (!old.empty()) fs::remove_all(old, ec);
    }

private:
    std::filesystem::path final_, staging_, made_parent_;
    bool replace_ = false, stale_staging_ = false, created_ = false, committed_ = false;
};

}  // namespace ossify_run

#endif  // OSSIFY_RUN_RUN_FOLDER_HPP
