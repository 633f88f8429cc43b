// ossify-run-check: checks of what ossify-run writes, for the command-line tests.
//
//   ossify-run-check schema SUMMARY.json     the summary follows the schema of docs/scenario.md
//                                            (recursively for an ensemble's replicate summaries),
//                                            and every file it lists exists
//   ossify-run-check same DIR_A DIR_B        two result folders hold the same files with the same
//                                            contents (summaries compared without "run_info", the
//                                            wall time, thread count, command and folder; the
//                                            report, which shows them, is skipped)
//   ossify-run-check get SUMMARY.json /json/pointer     prints a value
//   ossify-run-check png FILE MIN_BYTES      a PNG file of at least MIN_BYTES with a non-empty image
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct checker {
    std::vector<std::string> errors;
    std::string where;

    void fail(const std::string& what) { errors.push_back(where + ": " + what); }
    bool has(const json& j, const char* key, const char* type) {
        if (!j.is_object() || !j.contains(key)) {
            fail(std::string("missing \"") + key + "\"");
            return false;
        }
        const auto& v = j[key];
        const std::string t = type;
        const bool ok = (t == "string" && v.is_string()) || (t == "number" && v.is_number()) || (t == "integer" && v.is_number_unsigned()) ||
                        (t == "bool" && v.is_boolean()) || (t == "array" && v.is_array()) || (t == "object" && v.is_object()) ||
                        (t == "number|null" && (v.is_number() || v.is_null())) || (t == "string|null" && (v.is_string() || v.is_null())) ||
                        (t == "object|null" && (v.is_object() || v.is_null())) || (t == "array|null" && (v.is_array() || v.is_null())) ||
                        (t == "bool|null" && (v.is_boolean() || v.is_null()));
        if (!ok) fail(std::string("\"") + key + "\" is " + v.type_name() + ", expected " + t);
        return ok;
    }
    void quantity(const json& j, const char* key, bool nullable = false) {
        if (!j.contains(key)) return fail(std::string("missing \"") + key + "\"");
        const auto& q = j[key];
        if (nullable && q.is_null()) return;
        if (!q.is_object()) return fail(std::string("\"") + key + "\" is not a quantity {value, unit}");
        has(q, "value", "number|null");
        has(q, "unit", "string");
    }
    void stats(const json& s) {
        has(s, "n", "integer");
        has(s, "of", "integer");
        has(s, "mean", "number|null");
        has(s, "sd", "number|null");
        has(s, "ci95", "array|null");
        has(s, "central95", "array|null");
        if (s.contains("n") && s["n"].is_number_unsigned() && s["n"].get<std::uint64_t>() > 0 && !s["mean"].is_number()) fail("n > 0 without a mean");
    }

    void summary(const fs::path& file, const std::string& expect_kind = {}) {
        where = file.string();
        std::ifstream in(file);
        if (!in) return fail("cannot read");
        json j;
        try {
            j = json::parse(in);
        } catch (const json::exception& e) {
            return fail(std::string("not JSON: ") + e.what());
        }
        if (!has(j, "schema", "string") || j["schema"] != "ossify-run/summary/1") fail("schema is not ossify-run/summary/1");
        if (!has(j, "kind", "string")) return;
        const std::string kind = j["kind"];
        if (kind != "run" && kind != "ensemble" && kind != "screen") fail("kind " + kind);
        if (!expect_kind.empty() && kind != expect_kind) fail("kind " + kind + ", expected " + expect_kind);
        if (has(j, "scenario", "object")) {
            const auto& s = j["scenario"];
            has(s, "name", "string");
            has(s, "summary", "string");
            has(s, "clock", "string");
            quantity(s, "default_dt");
            has(s, "dt_convergence", "string|null");
        }
        if (has(j, "version", "object")) {
            has(j["version"], "ossify", "string");
            has(j["version"], "tool", "string");
        }
        has(j, "seed", "integer");
        if (has(j, "seeds", "array")) {
            if (j["seeds"].empty()) fail("no seeds");
            for (const auto& s : j["seeds"]) {
                if (!s.is_number_unsigned()) fail("a seed is not a whole number");
            }
            if (j["seed"] != j["seeds"][0]) fail("seed is not seeds[0]");
        }
        if (has(j, "options", "object")) {
            const auto& o = j["options"];
            if (has(o, "grid", "array") && has(o, "dimension", "integer") && o["grid"].size() != o["dimension"].get<std::size_t>()) fail("dimension != grid size");
            quantity(o, "spacing");
            quantity(o, "dt");
            quantity(o, "until");
            has(o, "steps_planned", "integer");
            has(o, "force", "bool");
            has(o, "pictures", "string");
            has(o, "replicates", "integer");
        }
        if (has(j, "parameters", "array")) {
            if (j["parameters"].empty()) fail("no parameters");
            for (const auto& p : j["parameters"]) {
                has(p, "name", "string");
                has(p, "value", "number|null");
                has(p, "unit", "string");
                has(p, "lower", "number|null");
                has(p, "upper", "number|null");
                has(p, "source", "string");
                has(p, "origin", "string");
                if (has(p, "distribution", "object|null") && p["distribution"].is_object()) {
                    has(p["distribution"], "kind", "string");
                    has(p["distribution"], "text", "string");
                    has(p["distribution"], "mass_inside", "number");
                }
                if (p.contains("source") && p["source"].is_string() && p["source"].get<std::string>().empty()) fail("parameter without a source");
            }
        }
        if (kind == "screen") {
            if (!j["steps"].is_null()) fail("a screen has steps");
        } else {
            has(j, "steps", "integer");
            quantity(j, "simulated");
        }
        if (has(j, "files", "array")) {
            for (const auto& f : j["files"]) {
                if (!f.is_string()) fail("a file is not a string");
                else if (!fs::exists(file.parent_path() / f.get<std::string>())) fail("listed file " + f.get<std::string>() + " does not exist");
            }
        }
        if (has(j, "events", "array")) {
            for (const auto& e : j["events"]) {
                has(e, "name", "string");
                has(e, "criterion", "string");
                if (e.contains("time") && !e["time"].is_null()) quantity(e, "time");
            }
        }
        static const std::set<std::string> kinds{"prediction", "calibrated", "not reproduced", "no reference"};
        if (has(j, "measurements", "array")) {
            for (const auto& m : j["measurements"]) {
                has(m, "name", "string");
                has(m, "value", "number|null");
                has(m, "unit", "string");
                has(m, "published", "string");
                has(m, "source", "string");
                if (has(m, "comparison", "string") && !kinds.count(m["comparison"])) fail("comparison " + m["comparison"].get<std::string>());
                has(m, "range", "array|null");
                has(m, "within_range", "bool|null");
            }
        }
        has(j, "series", "object|null");
        has(j, "run_info", "object");
        if (kind == "ensemble") {
            if (has(j, "replicates", "array")) {
                if (j["replicates"].size() != j["seeds"].size()) fail("replicates and seeds differ in number");
                const auto folder = file.parent_path();
                const auto here = where;
                for (const auto& r : j["replicates"]) {
                    where = here;
                    has(r, "replicate", "integer");
                    has(r, "seed", "integer");
                    has(r, "drawn", "object");
                    has(r, "events", "object");
                    has(r, "measurements", "object");
                    if (has(r, "summary", "string")) {
                        summary(folder / r["summary"].get<std::string>(), "run");
                        where = here;
                    }
                }
            }
            if (has(j, "aggregate", "object")) {
                const auto& a = j["aggregate"];
                has(a, "replicates", "integer");
                for (const char* key : {"measurements", "events", "drawn"}) {
                    if (!has(a, key, "array")) continue;
                    for (const auto& s : a[key]) {
                        has(s, "name", "string");
                        has(s, "unit", "string");
                        stats(s);
                    }
                }
                if (has(a, "simulated", "object")) stats(a["simulated"]);
            }
        }
        if (kind == "run" && j.contains("replicate") && !j["replicate"].is_number_unsigned()) fail("replicate is not a whole number");
        if (kind == "screen" && has(j, "screen", "object")) {
            const auto& s = j["screen"];
            has(s, "method", "string");
            has(s, "factors", "array");
            has(s, "outputs", "array");
            has(s, "design", "array");
            if (has(s, "effects", "array")) {
                if (s["effects"].size() != s["factors"].size() * s["outputs"].size()) fail("effects != factors x outputs");
                for (const auto& e : s["effects"]) {
                    has(e, "factor", "string");
                    has(e, "output", "string");
                    has(e, "mu_star", "number|null");
                    has(e, "moves", "bool");
                }
            }
        }
    }
};

json without_run_info(json j) {
    if (j.is_object()) j.erase("run_info");
    return j;
}

int same(const fs::path& a, const fs::path& b) {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(a)) {
        if (!e.is_regular_file()) continue;
        const auto rel = fs::relative(e.path(), a);
        if (rel.filename() == "report.html") continue;
        const auto other = b / rel;
        if (!fs::exists(other)) {
            std::cerr << "only in " << a << ": " << rel << "\n";
            return 1;
        }
        bool equal = false;
        if (rel.extension() == ".json") equal = without_run_info(json::parse(read(e.path()))) == without_run_info(json::parse(read(other)));
        else equal = read(e.path()) == read(other);
        if (!equal) {
            std::cerr << "differs: " << rel << "\n";
            return 1;
        }
        ++n;
    }
    for (const auto& e : fs::recursive_directory_iterator(b)) {
        if (e.is_regular_file() && !fs::exists(a / fs::relative(e.path(), b))) {
            std::cerr << "only in " << b << ": " << fs::relative(e.path(), b) << "\n";
            return 1;
        }
    }
    if (n == 0) {
        std::cerr << "no files compared\n";
        return 1;
    }
    std::cout << "same: " << n << " files\n";
    return 0;
}

int png(const fs::path& p, std::uintmax_t min_bytes) {
    const auto bytes = read(p);
    if (bytes.size() < 33 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || bytes.compare(12, 4, "IHDR") != 0) {
        std::cerr << p << " is not a PNG file\n";
        return 1;
    }
    const auto be32 = [&](std::size_t i) {
        return (std::uint32_t(static_cast<unsigned char>(bytes[i])) << 24) | (std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 16) |
               (std::uint32_t(static_cast<unsigned char>(bytes[i + 2])) << 8) | std::uint32_t(static_cast<unsigned char>(bytes[i + 3]));
    };
    const auto w = be32(16), h = be32(20);
    std::cout << p.string() << ": " << w << " x " << h << ", " << bytes.size() << " bytes\n";
    if (w == 0 || h == 0 || bytes.size() < min_bytes) {
        std::cerr << "an empty or trivial picture (fewer than " << min_bytes << " bytes)\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    try {
        if (a.size() == 2 && a[0] == "schema") {
            checker c;
            c.summary(a[1]);
            for (const auto& e : c.errors) std::cerr << e << "\n";
            if (!c.errors.empty()) return 1;
            std::cout << "schema ok: " << a[1] << "\n";
            return 0;
        }
        if (a.size() == 3 && a[0] == "same") return same(a[1], a[2]);
        if (a.size() == 3 && a[0] == "get") {
            const auto j = json::parse(read(a[1]));
            const auto& v = j.at(json::json_pointer(a[2]));
            std::cout << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
            return 0;
        }
        if (a.size() == 3 && a[0] == "png") return png(a[1], std::stoull(a[2]));
    } catch (const std::exception& e) {
        std::cerr << "ossify-run-check: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: ossify-run-check schema FILE | same DIR DIR | get FILE POINTER | png FILE MIN_BYTES\n";
    return 2;
}
