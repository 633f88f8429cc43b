#include <ossify/observe/vtk.hpp>
#include <ossify/units/literals.hpp>

#include <cstdint>
#include <cstring>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {

// A small reader of what vti_writer writes: the attributes of each element, and the data
// of each DataArray (ASCII text or appended raw bytes with UInt64 little-endian sizes).
struct element {
    std::string tag;
    std::map<std::string, std::string> attr;
    std::size_t end = 0;  // position after the start tag
};

std::vector<element> elements(const std::string& xml_part) {
    std::vector<element> out;
    const std::regex tag_re(R"(<([A-Za-z]+)((?:\s+[A-Za-z_]+="[^"]*")*)\s*/?>)");
    const std::regex attr_re(R"(([A-Za-z_]+)="([^"]*)\")");
    for (auto it = std::sregex_iterator(xml_part.begin(), xml_part.end(), tag_re); it != std::sregex_iterator(); ++it) {
        element e;
        e.tag = (*it)[1];
        const std::string attrs = (*it)[2];
        for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), attr_re); a != std::sregex_iterator(); ++a)
            e.attr[(*a)[1]] = (*a)[2];
        e.end = static_cast<std::size_t>(it->position() + it->length());
        out.push_back(e);
    }
    return out;
}

const element& find(const std::vector<element>& es, const std::string& tag, const std::string& name = "") {
    for (const auto& e : es)
        if (e.tag == tag && (name.empty() || (e.attr.count("Name") && e.attr.at("Name") == name))) return e;
    throw std::runtime_error("no element " + tag + " " + name);
}

std::uint64_t le64(const std::string& s, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | std::uint8_t(s[at + static_cast<std::size_t>(i)]);
    return v;
}

template <class T>
std::vector<T> appended(const std::string& file, const element& da) {
    const std::size_t marker = file.find("<AppendedData encoding=\"raw\">");
    REQUIRE(marker != std::string::npos);
    const std::size_t base = file.find('_', marker) + 1;
    const std::size_t at = base + std::stoull(da.attr.at("offset"));
    const std::uint64_t bytes = le64(file, at);
    REQUIRE(bytes % sizeof(T) == 0);
    std::vector<T> v(bytes / sizeof(T));
    std::memcpy(v.data(), file.data() + at + 8, bytes);  // the test machine is little-endian
    return v;
}

template <class T>
std::vector<T> ascii(const std::string& file, const element& da) {
    const std::size_t close = file.find("</DataArray>", da.end);
    std::istringstream in(file.substr(da.end, close - da.end));
    std::vector<T> v;
    std::string tok;
    while (in >> tok) v.push_back(static_cast<T>(std::stod(tok)));
    return v;
}

}  // namespace

TEST_CASE("vti 2-D, appended binary: header attributes and data read back", "[observe][vtk]") {
    const grid2d g(4, 3, 2.5_um);
    std::vector<std::uint8_t> state(g.size());
    std::vector<float> mineral(g.size());
    std::vector<double> conc(g.size());
    std::vector<std::int32_t> id(g.size());
    std::vector<double> velocity(g.size() * 3);
    for (std::size_t i = 0; i < g.size(); ++i) {
        state[i] = static_cast<std::uint8_t>(i % 5);
        mineral[i] = static_cast<float>(i) / 7.0f;
        conc[i] = 1.0 / (1.0 + static_cast<double>(i));
        id[i] = -static_cast<std::int32_t>(i) * 1000;
        for (std::size_t c = 0; c < 3; ++c) velocity[3 * i + c] = static_cast<double>(i) + 0.1 * static_cast<double>(c);
    }
    observe_test::temp_file f("a.vti");
    vti_writer w(g);
    w.add("state", state).add("mineral_fraction", mineral).add("bmp2_nM", conc).add("cell_id", id);
    w.add("velocity_um_per_d", velocity, 3);
    CHECK(w.arrays().size() == 5);
    w.write(f.path());

    const std::string file = observe_test::read_file(f.path());
    const std::string xml = file.substr(0, file.find("<AppendedData"));
    const auto es = elements(xml);
    const auto& root = find(es, "VTKFile");
    CHECK(root.attr.at("type") == "ImageData");
    CHECK(root.attr.at("byte_order") == "LittleEndian");
    CHECK(root.attr.at("header_type") == "UInt64");
    const auto& img = find(es, "ImageData");
    CHECK(img.attr.at("WholeExtent") == "0 4 0 3 0 1");  // one cell thick
    CHECK(img.attr.at("Spacing") == "2.5 2.5 2.5");
    CHECK(img.attr.at("Origin") == "0 0 0");
    CHECK(find(es, "Piece").attr.at("Extent") == "0 4 0 3 0 1");
    CHECK(find(es, "CellData").attr.at("Scalars") == "state");
    CHECK(find(es, "DataArray", "state").attr.at("type") == "UInt8");
    CHECK(find(es, "DataArray", "mineral_fraction").attr.at("type") == "Float32");
    CHECK(find(es, "DataArray", "bmp2_nM").attr.at("type") == "Float64");
    CHECK(find(es, "DataArray", "cell_id").attr.at("type") == "Int32");
    CHECK(find(es, "DataArray", "velocity_um_per_d").attr.at("NumberOfComponents") == "3");
    CHECK(find(es, "DataArray", "state").attr.at("format") == "appended");
    CHECK(find(es, "DataArray", "state").attr.at("offset") == "0");
    CHECK(find(es, "DataArray", "mineral_fraction").attr.at("offset") == std::to_string(8 + 12));

    CHECK(appended<std::uint8_t>(file, find(es, "DataArray", "state")) == state);
    CHECK(appended<float>(file, find(es, "DataArray", "mineral_fraction")) == mineral);
    CHECK(appended<double>(file, find(es, "DataArray", "bmp2_nM")) == conc);
    CHECK(appended<std::int32_t>(file, find(es, "DataArray", "cell_id")) == id);
    CHECK(appended<double>(file, find(es, "DataArray", "velocity_um_per_d")) == velocity);
    CHECK(file.substr(file.size() - 11) == "</VTKFile>\n");
}

TEST_CASE("vti 3-D, ASCII, sites as points: exact values read back", "[observe][vtk]") {
    const grid3d g(3, 2, 2, 10.0_um);
    std::vector<double> field(g.size());
    std::vector<std::uint8_t> state(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        field[i] = 0.1 * static_cast<double>(i) + 1.0 / 3.0;
        state[i] = static_cast<std::uint8_t>(250 + i % 6);
    }
    observe_test::temp_file f("b.vti");
    write_vti(f.path(), g, {vtk_array::of("c<&>\"", field), vtk_array::of("state", state)}, vtk_encoding::ascii,
              vtk_layout::points);
    const std::string file = observe_test::read_file(f.path());
    CHECK(file.find("AppendedData") == std::string::npos);
    const auto es = elements(file);
    CHECK(find(es, "ImageData").attr.at("WholeExtent") == "0 2 0 1 0 1");
    CHECK(find(es, "ImageData").attr.at("Origin") == "5 5 5");
    CHECK(find(es, "PointData").attr.at("Scalars") == "c&lt;&amp;&gt;&quot;");
    const auto& da = find(es, "DataArray", "c&lt;&amp;&gt;&quot;");
    CHECK(da.attr.at("format") == "ascii");
    CHECK(ascii<double>(file, da) == field);  // shortest round-trip text reads back exactly
    CHECK(ascii<int>(file, find(es, "DataArray", "state")) == std::vector<int>(state.begin(), state.end()));
}

TEST_CASE("vti_writer to a stream and with the explicit-extent constructor", "[observe][vtk]") {
    vti_writer w({2, 2, 1}, 1.0_um);
    const std::vector<float> v{1.0f, 2.0f, 3.0f, 4.0f};
    w.add("v", v);
    std::ostringstream os;
    w.write(os, vtk_encoding::ascii);
    CHECK(os.str().find("WholeExtent=\"0 2 0 2 0 1\"") != std::string::npos);
    CHECK(os.str().find("1 2 3 4") != std::string::npos);
}

TEST_CASE("vti_writer refuses bad arrays, naming them, and creates nothing", "[observe][vtk]") {
    const grid2d g(4, 3, 1.0_um);
    const std::vector<float> good(12), short_one(11), vec(36);
    vti_writer w(g);
    w.add("good", good);
    try {
        w.add("mineral", short_one);
        FAIL("no exception");
    } catch (const invalid_parameter& e) {
        CHECK(e.parameter() == "size of array 'mineral'");
        CHECK(std::string(e.what()).find("11") != std::string::npos);
    }
    CHECK_THROWS_AS(w.add("vec", vec, 2), invalid_parameter);  // 36 != 12 * 2
    CHECK_NOTHROW(w.add("vec", vec, 3));
    CHECK_THROWS_AS(w.add("good", good), invalid_parameter);  // duplicate name
    CHECK_THROWS_AS(w.add("", good), invalid_parameter);
    CHECK_THROWS_AS(w.add("c0", std::vector<float>{}, 0), invalid_parameter);
    CHECK(w.arrays().size() == 2);
    CHECK_THROWS_AS(vti_writer({0, 1, 1}, 1.0_um), invalid_parameter);
    CHECK_THROWS_AS(vti_writer({1, 1, 1}, 0.0_um), invalid_parameter);

    observe_test::temp_file f("c.vti");
    CHECK_THROWS_AS(write_vti(f.path(), g, {vtk_array::of("a", good), vtk_array::of("b", short_one)}),
                    invalid_parameter);
    CHECK_FALSE(std::filesystem::exists(f.path()));
}

TEST_CASE("vti: an unwritable path throws io_error naming it", "[observe][vtk]") {
    const grid2d g(2, 2, 1.0_um);
    const std::vector<double> v(4);
    const auto bad = std::filesystem::temp_directory_path() / "ossify_no_such_dir_xyz" / "x.vti";
    try {
        write_vti(bad, g, {vtk_array::of("v", v)});
        FAIL("no exception");
    } catch (const io_error& e) {
        CHECK(std::string(e.what()).find(bad.string()) != std::string::npos);
    }
}
