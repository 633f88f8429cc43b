// Scaling of the decomposed lattice step (ossify/mpi): the default model of bench_lattice (the
// rules and parameters of examples/ossification_center.cpp, signals bmp2 + vegf, 45 %
// mesenchyme, 10 % osteogenic, 8 % osteoblasts, 2 % osteocytes, a BMP2 source in the centre)
// stepped by 2 h on P ranks. Not a Google Benchmark program: the ranks time the same steps
// together (MPI_Wtime, a barrier before and after each step), and the report is the slowest
// rank's.
//
//   mpirun -np P bench_mpi_scaling [--dim 2|3] [--n N] [--planes-per-rank K] [--steps S] [--warm W]
//
// --n N: the grid is N x N (2-D) or N x N x N (3-D) (strong scaling: the same grid on every P);
// --planes-per-rank K: the split axis has K x P planes (weak scaling: the same share per rank).
// Prints one line: ranks, threads, sites, wall and CPU time per step (the slowest rank's), ns per
// site (x ranks), the shares of the halo exchanges, the transpositions and the outside fill in
// the wall time, the bytes each rank sends per step, and the serial tissue's times per step for
// the same grid (1 rank only). CPU time is what a rank's process used (MPI's busy waiting
// included); "compute" leaves out the CPU time inside halo exchanges and transpositions. On a
// shared machine wall time also holds the time a rank waited for a descheduled one.
#include <ossify/mpi.hpp>
#include <ossify/ossify.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>

#ifdef OSSIFY_USE_OPENMP
#include <omp.h>
#endif

namespace {

using namespace ossify;
using namespace ossify::literals;

auto default_rules() {
    return rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(2.0_nM, 2.0, 0.5_per_d)),
        transition<osteogenic, osteoblast>(after(2.0_d) && hazard(0.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),
        proliferation<osteogenic>(hazard(0.3_per_d)),
        death<osteoblast>(hazard(0.16_per_d)));
}
using processes_t = default_processes_with<bmp2>;

template <class Tissue>
void configure(Tissue& t) {
    auto& m = t.template process<cell_migration<bmp2>>();
    m.motility.template set<mesenchymal>(4.0_per_d);
    m.chemotaxis = 0.5;
    m.adhesion = 2.0;
    t.template process<matrix_deposition>().apposition.template set<osteoblast>(3.0_um_per_d);
}
template <class Tissue, class Shape, class Centre>
void seed_cells(Tissue& t, const Shape& all, const Centre& source) {
    t.template process<diffuse_signals>().template add_source<bmp2>(source, 400.0_nM / 1.0_d);
    t.fill_fraction(all, mesenchymal{}, 0.45);
    t.fill_fraction(all, osteogenic{}, 0.10);
    t.fill_fraction(all, osteoblast{}, 0.08);
    t.fill_fraction(all, osteocyte{}, 0.02);
}

// CPU time of this process (all its threads), s: what a rank did, whatever else the machine ran
// (wall time on a shared 2-core machine includes waiting for a descheduled rank).
double cpu_seconds() { return mpi::slab_domain<2>::cpu_seconds(); }

struct options {
    int dim = 2;
    std::int32_t n = 512;
    std::int32_t planes_per_rank = 0;
    int steps = 10;
    int warm = 6;
};

template <class Grid, class Shape, class Centre>
void run(const options& o, const Grid& grid, const Shape& all, const Centre& source) {
    const mpi::communicator world;
    mpi::decomposed_tissue<decltype(default_rules()), Grid, signals<bmp2, vegf>, processes_t> t{
        world, default_rules(), grid, signals<bmp2, vegf>{}, seed{42}};
    configure(t);
    seed_cells(t, all, source);
    for (int k = 0; k < o.warm; ++k) t.step(2.0_h);
    t.domain().times() = {};
    double total = 0.0, cpu = 0.0;
    for (int k = 0; k < o.steps; ++k) {
        world.barrier();
        const double t0 = MPI_Wtime(), c0 = cpu_seconds();
        t.step(2.0_h);
        cpu += cpu_seconds() - c0;
        world.barrier();
        total += MPI_Wtime() - t0;
    }
    // Compute: CPU time outside the halo exchanges, transpositions, the outside fill and the
    // reductions (MPI busy-waits in them); the outside fill's own work is left out with it (it runs
    // only in steps in which bone changed, once per step at most).
    const auto& tc = t.domain().times();
    const double compute = world.max(cpu - tc.halo_cpu_s - tc.transpose_cpu_s - tc.outside_cpu_s - tc.sync_cpu_s);
    cpu = world.max(cpu);
    const auto& tm = t.domain().times();
    const double per_step = total / o.steps;
    // The slowest rank's shares (each rank's own time in each part; the maximum over ranks).
    const double halo = world.max(tm.halo_s) / o.steps, transpose = world.max(tm.transpose_s) / o.steps,
                 outside = world.max(tm.outside_s) / o.steps, sync = world.max(tm.sync_s) / o.steps;
    const double halo_mb = static_cast<double>(world.max(tm.halo_bytes)) / o.steps / 1e6;
    const double transpose_mb = static_cast<double>(world.max(tm.transpose_bytes)) / o.steps / 1e6;
    double serial = 0.0, serial_cpu = 0.0;
    if (world.size() == 1) {
        lattice_tissue<decltype(default_rules()), Grid, signals<bmp2, vegf>, processes_t> s{default_rules(), grid, signals<bmp2, vegf>{},
                                                                                          seed{42}};
        configure(s);
        seed_cells(s, all, source);
        for (int k = 0; k < o.warm; ++k) s.step(2.0_h);
        const double t0 = MPI_Wtime(), c0 = cpu_seconds();
        for (int k = 0; k < o.steps; ++k) s.step(2.0_h);
        serial = (MPI_Wtime() - t0) / o.steps;
        serial_cpu = (cpu_seconds() - c0) / o.steps;
    }
    int threads = 1;
#ifdef OSSIFY_USE_OPENMP
    threads = omp_get_max_threads();
#endif
    if (world.rank() == 0) {
        const double sites = static_cast<double>(grid.size());
        std::printf("dim %d ranks %d threads %d sites %.0f planes %d halo %zu | step %.4f s wall, %.4f s cpu, %.4f s compute "
                    "(slowest rank), %.2f ns/site x ranks wall, %.2f compute | halo %.1f %%, transpose %.1f %%, outside fill %.1f %%, "
                    "reductions %.1f %% of wall | "
                    "sent per rank per step: halo %.3f MB, transpose %.3f MB, %llu exchanges, %.1f fill rounds | serial "
                    "tissue %.4f s wall, %.4f s cpu\n",
                    o.dim, world.size(), threads, sites, grid.extent(Grid::dimension - 1), t.layout().halo(), per_step,
                    cpu / o.steps, compute / o.steps, per_step * 1e9 * world.size() / sites,
                    compute / o.steps * 1e9 * world.size() / sites,
                    100.0 * halo / per_step, 100.0 * transpose / per_step, 100.0 * outside / per_step, 100.0 * sync / per_step,
                    halo_mb, transpose_mb,
                    static_cast<unsigned long long>(tm.exchanges / static_cast<std::uint64_t>(o.steps)),
                    static_cast<double>(tm.fill_rounds) / o.steps, serial, serial_cpu);
    }
}

}  // namespace

int main(int argc, char** argv) {
    mpi::environment env(argc, argv);
    options o;
    const auto usage = [] {
        std::fprintf(stderr, "usage: bench_mpi_scaling [--dim 2|3] [--n N] [--planes-per-rank K] [--steps S] [--warm W]\n");
        return 2;
    };
    if (argc % 2 == 0) return usage();  // an option without its value
    for (int k = 1; k + 1 < argc; k += 2) {
        const std::string a = argv[k];
        // A whole number in [lo, hi], or a message naming the option, the value and the range.
        const auto value = [&](long lo, long hi) -> std::optional<int> {
            char* end = nullptr;
            errno = 0;
            const long v = std::strtol(argv[k + 1], &end, 10);
            if (errno != 0 || end == argv[k + 1] || *end != '\0' || v < lo || v > hi) {
                std::fprintf(stderr, "bench_mpi_scaling: %s = %s is invalid; allowed: a whole number in [%ld, %ld]\n", a.c_str(), argv[k + 1], lo,
                             hi);
                return std::nullopt;
            }
            return static_cast<int>(v);
        };
        const std::tuple<const char*, int*, long, long> known[] = {{"--dim", &o.dim, 2, 3},
                                                                   {"--n", &o.n, 8, 1 << 16},
                                                                   {"--planes-per-rank", &o.planes_per_rank, 1, 1 << 16},
                                                                   {"--steps", &o.steps, 1, 100000},
                                                                   {"--warm", &o.warm, 0, 100000}};
        bool found = false;
        for (const auto& [name, target, lo, hi] : known) {
            if (a != name) continue;
            found = true;
            const auto v = value(lo, hi);
            if (!v) return 2;
            *target = *v;
        }
        if (!found) return usage();
    }
    const mpi::communicator world;
    const std::int32_t n = o.n;
    const std::int32_t planes = o.planes_per_rank > 0 ? o.planes_per_rank * world.size() : n;
    if (o.dim == 3) {
        const grid3d g{n, n, planes, 10.0_um};
        run(o, g, box<3>{{0, 0, 0}, {n - 1, n - 1, planes - 1}}, ball{{n / 2, n / 2, planes / 2}, 40.0_um});
    } else {
        const grid2d g{n, planes, 10.0_um};
        run(o, g, box<2>{{0, 0}, {n - 1, planes - 1}}, disc{{n / 2, planes / 2}, 40.0_um});
    }
    return 0;
}
