// Writers and reporters as observers of a run (observe/observers.hpp) and the standard
// metrics: csv_recorder on any tissue_model (bone columns only for a tissue with bone matrix),
// vti_series with its ParaView collection, picture_series, progress_bar; metrics of a lattice
// tissue checked against hand-computed values.
#include <ossify/ossify.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "helpers.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {

// A deterministic model that is not a lattice tissue: mesenchyme turns into osteoblasts at
// 1/d, exactly (counts are expected values, not whole numbers).
struct toy_model {
    using lineage_type = lineage<mesenchymal, osteoblast>;
    static constexpr std::size_t state_count = 2;
    static constexpr std::string_view state_name(std::size_t i) noexcept { return lineage_type::name(i); }
    double t = 0.0, mes = 100.0;
    std::uint64_t n = 0;
    [[nodiscard]] duration time() const noexcept { return duration::from_value(t); }
    [[nodiscard]] std::uint64_t steps() const noexcept { return n; }
    [[nodiscard]] ossify::seed seed() const noexcept { return ossify::seed{0}; }
    [[nodiscard]] std::array<double, 2> counts() const noexcept { return {mes, 100.0 - mes}; }
    [[nodiscard]] double cell_count() const noexcept { return 100.0; }
    void step(duration dt) {
        mes *= std::exp(-dt.value());
        t += dt.value();
        ++n;
    }
};
static_assert(tissue_model<toy_model>);

// A directory under the temporary directory, removed with its contents when the object dies.
class temp_dir {
public:
    explicit temp_dir(const std::string& name) {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("ossify_observers_" + std::to_string(rd()) + "_" + name);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}
std::vector<double> numbers_of(const std::string& line) {
    std::vector<double> out;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) out.push_back(std::strtod(cell.c_str(), nullptr));
    return out;
}
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A small lattice tissue with bone, cells and a BMP2 source.
auto make_tissue() {
    const auto rules = rule_set<intramembranous_lineage>(transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)));
    lattice_tissue t{rules, grid2d{12, 10, 10.0_um}, signals<bmp2>{}, seed{9}};
    t.fill(box<2>{{4, 4}, {7, 5}}, osteoblast{});
    t.place({1, 1}, osteocyte{});
    t.process<diffuse_signals>().add_source<bmp2>(disc{{6, 5}, 15.0_um}, 50.0_nM / 1.0_d);
    t.process<matrix_deposition>().apposition.set<osteoblast>(5.0_um_per_d);
    return t;
}

}  // namespace

TEST_CASE("csv_recorder on any model: one row per observation, its seed in the header", "[observe][observers]") {
    observe_test::temp_file f("toy.csv");
    toy_model m;
    const auto steps = run_for(m, 3.0_d, 0.25_d, every(1.0_d, csv_recorder{f.path(), {"toy model"}}));
    CHECK(steps == 12);
    const auto lines = lines_of(observe_test::read_file(f.path()));
    REQUIRE(lines.size() == 3 + 4);
    CHECK(lines[0] == "# toy model");
    CHECK(lines[1] == "# seed = 0");
    CHECK(lines[2] == "time_d,mesenchymal_cells,osteoblast_cells");  // no bone columns: no matrix
    for (int day = 0; day <= 3; ++day) {
        const auto v = numbers_of(lines[3 + static_cast<std::size_t>(day)]);
        REQUIRE(v.size() == 3);
        CHECK(v[0] == day);
        CHECK(v[1] == Approx(100.0 * std::exp(-day)).epsilon(1e-12));
        CHECK(v[1] + v[2] == Approx(100.0));
    }
}

TEST_CASE("csv_recorder on a lattice tissue writes the standard metrics, bone included", "[observe][observers]") {
    observe_test::temp_file f("lattice.csv");
    auto t = make_tissue();
    run_for(t, 2.0_d, 2.0_h, every(1.0_d, csv_recorder{f.path()}));
    const auto lines = lines_of(observe_test::read_file(f.path()));
    REQUIRE(lines.size() == 2 + 3);
    CHECK(lines[0] == "# seed = 9");
    const auto expected = standard_metrics(t);
    std::string header;
    for (const auto& name : expected.names) header += (header.empty() ? "" : ",") + name;
    CHECK(lines[1] == header);
    for (const std::string column : {"time_d", "osteoblast_cells", "osteoid_volume_um3", "mineral_volume_um3", "bv_tv",
                                     "marrow_fraction", "bone_front_um"}) {
        CHECK(contains(lines[1], column));
    }
    // The last row is the tissue at the end of the run, to the last bit.
    CHECK(numbers_of(lines.back()) == expected.values);
    CHECK(expected.values[0] == Approx(2.0));
    CHECK(bone_volume_fraction(t).value() > 0.0);
}

TEST_CASE("standard metrics of a lattice tissue match hand-computed values", "[observe][metrics]") {
    const auto rules = rule_set<intramembranous_lineage>();
    lattice_tissue t{rules, grid2d{11, 9, 10.0_um}, signals<>{}, seed{1}};
    auto& m = t.edit_matrix();
    m.assign(t.grid().index({5, 4}), 1.0, 1.0);  // the centre
    m.assign(t.grid().index({8, 4}), 1.0, 0.5);  // 3 sites right of it
    m.assign(t.grid().index({2, 0}), 0.4, 0.0);  // matrix below the bone threshold (0.5)
    t.place({5, 4}, osteocyte{});
    t.place({8, 4}, osteocyte{});
    t.place({0, 0}, mesenchymal{});
    const double site_volume = 10.0 * 10.0 * 10.0;
    CHECK(bone_volume_fraction(t).value() == Approx(2.4 / 99.0));
    CHECK(mineral_volume(t).value() == Approx(1.5 * site_volume));
    CHECK(osteoid_volume(t).value() == Approx(0.9 * site_volume));
    CHECK(osteocyte_density<osteocyte>(t).value() == Approx(2.0 / (2.4 * site_volume)));
    CHECK(bone_front_distance(t, {5, 4}).value() == Approx(30.0));
    CHECK(bone_front_distance(t, {0, 0}).value() == Approx(std::hypot(80.0, 40.0)));
    CHECK(marrow_fraction(t).value() == 0.0);
    const auto row = standard_metrics(t);
    REQUIRE(row.names.size() == 1 + 6 + 5);
    CHECK(row.names[0] == "time_d");
    CHECK(row.names[4] == "osteocyte_cells");
    CHECK(row.values[4] == 2.0);
    CHECK(row.values[1] == 1.0);  // mesenchymal
    CHECK(row.names.back() == "bone_front_um");
    CHECK(row.values.back() == Approx(30.0));  // from the grid's centre, (5, 4)
}

TEST_CASE("vti_series writes one file per observation and a ParaView collection at the end", "[observe][observers]") {
    const temp_dir dir("vti");
    auto t = make_tissue();
    vti_series series{dir.path(), "run"};
    run_for(t, 2.0_d, 12.0_h, every(1.0_d, std::ref(series)));
    const auto& files = series.files();
    REQUIRE(files.size() == 3 + 1);
    for (int k = 0; k < 3; ++k) {
        CHECK(files[static_cast<std::size_t>(k)] == dir.path() / ("run_00000" + std::to_string(k) + ".vti"));
        const auto vti = observe_test::read_file(files[static_cast<std::size_t>(k)]);
        for (const std::string name : {"state", "bmp2", "marrow", "outer_surface", "matrix_fraction", "mineral_fraction"}) {
            CHECK(contains(vti, "Name=\"" + name + "\""));
        }
    }
    CHECK(files.back() == dir.path() / "run.pvd");
    const auto pvd = observe_test::read_file(files.back());
    CHECK(contains(pvd, "type=\"Collection\""));
    for (int k = 0; k < 3; ++k) {
        CHECK(contains(pvd, "timestep=\"" + std::to_string(k) + "\" group=\"\" part=\"0\" file=\"run_00000" +
                                std::to_string(k) + ".vti\""));
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / "run.pvd.partial"));
}

TEST_CASE("picture_series writes a valid PNG per observation, named by day", "[observe][observers]") {
    const temp_dir dir("png");
    auto t = make_tissue();
    picture_series pictures{dir.path(), "centre", 2};
    run_for(t, 1.0_d, 6.0_h, at({0.5_d, 1.0_d}, std::ref(pictures)));
    REQUIRE(pictures.files().size() == 2);
    CHECK(pictures.files()[0].filename() == "centre_day0000.50.png");
    CHECK(pictures.files()[1].filename() == "centre_day0001.00.png");
    const auto png = observe_test::decode_png(observe_test::read_file(pictures.files()[1]));
    CHECK(png.width >= 2u * 12u);  // scale 2, plus the legend
    CHECK(png.height >= 2u * 10u);
}

TEST_CASE("progress_bar reports the share of the run done and ends at 100 %", "[observe][observers]") {
    std::ostringstream os;
    toy_model m;
    run_for(m, 2.0_d, 0.5_d, progress_bar{2.0_d, true, os});
    const auto out = os.str();
    CHECK(contains(out, "  0%"));
    CHECK(contains(out, "100%"));
    CHECK(out.back() == '\n');
    std::ostringstream quiet;
    toy_model q;
    run_for(q, 1.0_d, 0.5_d, progress_bar{1.0_d, false, quiet});
    CHECK(quiet.str().empty());
}
