// Throughput of the observe writers on a 256 x 256 map: PNG encoding (stored and
// fixed-Huffman deflate), picture rendering, and VTK ImageData output (binary and ASCII)
// to memory. Items are sites (or pixels for PNG); bytes are the bytes produced.
// smoke: BM_png_encode/0|BM_vti_binary
#include <ossify/observe/picture.hpp>
#include <ossify/observe/png.hpp>
#include <ossify/observe/vtk.hpp>
#include <ossify/units/literals.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <sstream>
#include <vector>

namespace {

using namespace ossify::literals;
constexpr std::int32_t n = 256;

std::vector<std::uint8_t> states() {
    std::vector<std::uint8_t> s(static_cast<std::size_t>(n * n));
    for (std::int32_t y = 0; y < n; ++y)
        for (std::int32_t x = 0; x < n; ++x) {
            const double r = std::hypot(x - 128.0, y - 128.0);
            s[static_cast<std::size_t>(x + n * y)] = static_cast<std::uint8_t>(static_cast<int>(r / 20.0) % 4);
        }
    return s;
}

void BM_png_encode(benchmark::State& state) {
    const auto compression = state.range(0) == 0 ? ossify::png_compression::stored : ossify::png_compression::fixed;
    const ossify::palette pal{{"a", {255, 255, 255}}, {"b", {220, 60, 50}}, {"c", {120, 60, 160}}, {"d", {40, 40, 40}}};
    ossify::picture_options o;
    o.scale = 2;
    o.legend = false;
    const auto img = ossify::render_map(states(), n, n, pal, o);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto png = img.encode_png(compression);
        bytes = png.size();
        benchmark::DoNotOptimize(png.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * img.width() * img.height());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.counters["file_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_png_encode)->Arg(0)->Arg(1);

void BM_render_map(benchmark::State& state) {
    const ossify::palette pal{{"a", {255, 255, 255}}, {"b", {220, 60, 50}}, {"c", {120, 60, 160}}, {"d", {40, 40, 40}}};
    const auto s = states();
    std::vector<double> m(s.size(), 0.5);
    ossify::picture_options o;
    o.empty = 0;
    for (auto _ : state) {
        auto img = ossify::render_map(s, m, n, n, pal, o);
        benchmark::DoNotOptimize(img.pixels().data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * n * n);
}
BENCHMARK(BM_render_map);

void vti(benchmark::State& state, ossify::vtk_encoding encoding) {
    const ossify::grid2d g(n, n, 2.0_um);
    const auto s = states();
    std::vector<float> m(s.size());
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<float>(i % 1000) / 999.0f;
    ossify::vti_writer w(g);
    w.add("state", s).add("mineral_fraction", m);
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::ostringstream os;
        w.write(os, encoding);
        bytes = os.str().size();
        benchmark::DoNotOptimize(bytes);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * n * n);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
void BM_vti_binary(benchmark::State& state) { vti(state, ossify::vtk_encoding::appended_binary); }
void BM_vti_ascii(benchmark::State& state) { vti(state, ossify::vtk_encoding::ascii); }
BENCHMARK(BM_vti_binary);
BENCHMARK(BM_vti_ascii);

}  // namespace

BENCHMARK_MAIN();
