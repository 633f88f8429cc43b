#include <ossify/observe/csv.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        const auto end = s.find('\n', start);
        out.push_back(s.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("csv_escape quotes only what needs it", "[observe][csv]") {
    CHECK(csv_escape("time_d") == "time_d");
    CHECK(csv_escape("a,b") == "\"a,b\"");
    CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_escape("two\nlines") == "\"two\nlines\"");
    CHECK(csv_escape("#count") == "\"#count\"");
    CHECK(csv_escape("") == "");
}

TEST_CASE("csv_writer: comments, header and rows at round-trip precision", "[observe][csv]") {
    observe_test::temp_file f("series.csv");
    const double third = 1.0 / 3.0, tiny = 1e-300, big = 6.02214076e23;
    {
        csv_writer csv(f.path(), {"time_d", "osteoblasts", "bv,tv"}, {"seed = 42", "model: lattice\nsecond line"});
        csv.parameter("k_per_d", 0.1);
        csv.row({0.0, 12.0, third});
        const std::vector<double> r{0.5, -3.0, tiny};
        csv.row(r);
        csv.row({big, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()});
        CHECK(csv.rows() == 3);
        CHECK(csv.columns().size() == 3);
        csv.close();
    }
    const auto lines = lines_of(observe_test::read_file(f.path()));
    REQUIRE(lines.size() == 8);
    CHECK(lines[0] == "# seed = 42");
    CHECK(lines[1] == "# model: lattice");
    CHECK(lines[2] == "# second line");
    CHECK(lines[3] == "time_d,osteoblasts,\"bv,tv\"");
    CHECK(lines[4] == "# k_per_d = 0.1");
    CHECK(lines[5].substr(0, 5) == "0,12,");
    CHECK(std::strtod(lines[5].substr(5).c_str(), nullptr) == third);  // exact round trip
    CHECK(lines[6] == "0.5,-3,1e-300");
    CHECK(lines[7] == "6.02214076e+23,nan,inf");
}

TEST_CASE("csv_writer refuses bad input before touching anything", "[observe][csv]") {
    observe_test::temp_file f("bad.csv");
    CHECK_THROWS_AS(csv_writer(f.path(), {}), invalid_parameter);
    try {
        csv_writer w(f.path(), {"a", ""});
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "columns[1]");
    }
    CHECK_FALSE(std::filesystem::exists(f.path()));

    csv_writer csv(f.path(), {"a", "b"});
    csv.row({1.0, 2.0});
    try {
        csv.row({1.0, 2.0, 3.0});
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "values.size()");
        CHECK(std::string(e.what()).find("2 (the number of columns)") != std::string::npos);
    }
    CHECK(csv.rows() == 1);
    csv.close();
    CHECK(observe_test::read_file(f.path()) == "a,b\n1,2\n");
    CHECK_THROWS_AS(csv.row({3.0, 4.0}), io_error);  // closed
}

TEST_CASE("csv_writer: an unwritable path throws io_error naming the path", "[observe][csv]") {
    const auto bad = std::filesystem::temp_directory_path() / "ossify_no_such_dir_xyz" / "out.csv";
    try {
        csv_writer w(bad, {"t"});
        FAIL("no exception");
    } catch (const io_error& e) {
        CHECK(std::string(e.what()).find(bad.string()) != std::string::npos);
        CHECK(e.path() == bad);
        const std::runtime_error& base = e;  // derived from std::runtime_error
        CHECK(std::string(base.what()).find("csv_writer") != std::string::npos);
    }
}

TEST_CASE("csv_writer moves", "[observe][csv]") {
    observe_test::temp_file f("moved.csv");
    csv_writer a(f.path(), {"x"});
    a.row({1.0});
    csv_writer b(std::move(a));
    b.row({2.0});
    b.flush();
    CHECK(b.rows() == 2);
    b.close();
    CHECK(observe_test::read_file(f.path()) == "x\n1\n2\n");
}
