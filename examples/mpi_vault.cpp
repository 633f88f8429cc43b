// A piece of growing vault run decomposed over MPI ranks (ossify/mpi): the outer and inner
// tables laid down by the periosteum and the dura's osteogenic layer, and the diploe between
// them, where mesenchyme around capillaries turns into trabeculae and the vessels walled in by
// bone become red marrow. Built from the public processes only.
//
//   mpirun -np 2 mpi_vault <output folder> [--small] [--days D]
//
// The grid is x = thickness (outer surface at x = 0), y = width, z = length; the ranks split
// it along z, the capillaries run along z across every rank's boundary. Writes into the folder:
// metrics.csv (reduced metrics every 2 days), vault/*.pvti (parallel VTK every 5 days, with a
// .pvd for ParaView), cross_section.png (a plane across the vault, drawn by the rank that holds
// it), longitudinal_section.png (a plane along the vault, gathered from every rank), and prints
// a report: tables' thickness, the diploe's bone fraction and marrow, the decomposition's halo
// and transposition traffic, and a checkpoint restored on a single rank that continues with
// the same bits.
#include <ossify/mpi.hpp>
#include <ossify/ossify.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace ossify;
using namespace ossify::literals;

namespace {

auto vault_rules() {
    return rule_set<intramembranous_lineage>(
        transition<mesenchymal, osteogenic>(hill<bmp2>(3.0_nM, 2.0, 0.4_per_d)),
        transition<osteogenic, osteoblast>(after(1.0_d) && hazard(0.8_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),
        proliferation<mesenchymal>(hazard(0.2_per_d)),
        proliferation<osteogenic>(hazard(0.3_per_d)),
        proliferation<periosteal>(hazard(0.15_per_d)),
        proliferation<endothelial>(hill<vegf>(0.5_nM, 2.0, 0.6_per_d)),  // capillaries sprout where VEGF is
        death<osteoblast>(hazard(0.05_per_d)),
        death<mesenchymal>(hazard(0.05_per_d)));
}
using processes_t = default_processes_with<bmp2>;
using vault = mpi::decomposed_tissue<decltype(vault_rules()), grid3d, signals<bmp2, vegf>, processes_t>;

void configure(vault& t) {
    t.process<diffuse_signals>()
        .secretion<periosteal, bmp2>(6.0_nM / 1.0_d)
        .secretion<osteoblast, bmp2>(2.0_nM / 1.0_d)
        .secretion<osteoblast, vegf>(4.0_nM / 1.0_d)
        .secretion<osteogenic, vegf>(2.0_nM / 1.0_d)
        .uptake<endothelial, vegf>(2.0_per_d);
    auto& m = t.process<cell_migration<bmp2>>();
    m.motility.set<mesenchymal>(2.0_per_d).set<osteogenic>(1.0_per_d);
    m.chemotaxis = 0.3;
    m.adhesion = 1.0;
    // Apposition: cancellous 2.1 um/d, periosteal 4.1 um/d (the Figure 6.4.1 scenario's values).
    t.process<matrix_deposition>().apposition.set<osteoblast>(2.1_um_per_d).set<periosteal>(4.1_um_per_d);
    t.process<structure_remodelling>().outward.set<periosteal>(true);
}

// The periosteum over the outer surface and the dura's osteogenic layer under the inner one, the
// diploe's mesenchyme, and capillaries running along z through it (across the ranks' boundaries),
// each in a sleeve of osteoprogenitors (osteogenic cells travel with the vessels that invade the
// diploe; the bone they lay walls the vessel in, and the walled-in vessel becomes red marrow).
void seed_vault(vault& t) {
    const auto& g = t.grid();
    const std::int32_t nx = g.extent(0), ny = g.extent(1), nz = g.extent(2);
    const std::int32_t outer = nx / 6, inner = nx - 1 - nx / 6;
    t.fill_fraction(box<3>{{outer, 0, 0}, {outer, ny - 1, nz - 1}}, periosteal{}, 0.9);
    t.fill_fraction(box<3>{{inner, 0, 0}, {inner, ny - 1, nz - 1}}, periosteal{}, 0.9);
    t.fill_fraction(box<3>{{outer + 2, 0, 0}, {inner - 2, ny - 1, nz - 1}}, mesenchymal{}, 0.4);
    for (std::int32_t y = 3; y + 3 < ny; y += 6) {
        const std::int32_t x = nx / 2 + ((y / 6) % 2 == 0 ? -3 : 3);
        const std::int32_t z0 = 2 + (y % 4), z1 = nz - 3 - (y % 3);
        t.fill_fraction(box<3>{{x - 1, y - 1, z0 - 1}, {x + 1, y + 1, z1 + 1}}, osteogenic{}, 0.8);
        for (std::int32_t z = z0; z <= z1; ++z) t.place({x, y, z}, endothelial{});
    }
}

// Measurements over the whole tissue: bone sites in the outer, middle and inner thirds of the
// thickness, marrow sites, and cells (sums over ranks of each rank's own sites).
struct measures {
    double outer_um = 0, inner_um = 0, diploe_bv_tv = 0, marrow = 0;
};
measures measure(const vault& t) {
    const auto& l = t.layout();
    const auto& local = t.local();
    const auto lg = local.grid();
    const std::int32_t nx = t.grid().extent(0);
    std::vector<double> sums(4, 0.0);
    for (std::size_t i = l.owned_begin(); i < l.owned_end(); ++i) {
        const auto x = lg.coords(i)[0];
        const bool bone = local.matrix().is_bone(i);
        const int third = x < nx / 3 ? 0 : x < 2 * nx / 3 ? 1 : 2;
        sums[static_cast<std::size_t>(third)] += bone ? 1.0 : 0.0;
        sums[3] += local.field<marrow>()[i] != 0 ? 1.0 : 0.0;
    }
    t.comm().sum(std::span<double>(sums));
    const double columns = static_cast<double>(t.grid().extent(1)) * t.grid().extent(2), h = t.grid().spacing_um();
    const double middle = static_cast<double>(2 * nx / 3 - nx / 3) * columns;
    return {sums[0] / columns * h, sums[2] / columns * h, sums[1] / middle, sums[3]};
}

// A plane along the vault (x-z at y = ny / 2), gathered on rank 0 from every rank's planes.
void longitudinal_picture(const vault& t, const std::filesystem::path& file, const std::string& title) {
    const auto& l = t.layout();
    const auto& local = t.local();
    const auto& g = t.grid();
    const std::int32_t nx = g.extent(0), y = g.extent(1) / 2;
    const auto cats = picture_categories(local);
    const auto mineral = mineral_field(local);
    std::vector<double> mine;  // category and mineral per site of my planes
    for (std::size_t z = l.owned_first(); z < l.owned_last(); ++z) {
        for (std::int32_t x = 0; x < nx; ++x) {
            const auto i = local.grid().index({x, y, static_cast<std::int32_t>(z - l.local_first())});
            mine.push_back(cats[i]);
            mine.push_back(mineral[i]);
        }
    }
    const auto all = t.comm().gather_all(std::span<const double>(mine));
    if (t.comm().rank() != 0) return;
    std::vector<std::uint8_t> c;
    std::vector<double> m;
    for (std::size_t k = 0; k < all.size(); k += 2) {
        c.push_back(static_cast<std::uint8_t>(all[k]));
        m.push_back(all[k + 1]);
    }
    picture_options o;
    o.scale = 3;
    o.title = title;
    o.empty = vault::state_count;
    o.field_name = "mineral";
    o.blend = 0.25;
    render_map(c, m, nx, g.extent(2), tissue_palette<vault::local_type>(), o).write_png(file);
}

std::string read_all(const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
    mpi::environment env(argc, argv);
    const mpi::communicator world;
    if (argc < 2) {
        if (world.rank() == 0) std::fprintf(stderr, "usage: mpi_vault <output folder> [--small] [--days D]\n");
        return 2;
    }
    const std::filesystem::path out = argv[1];
    bool small = false;
    double days = 24.0;
    for (int k = 2; k < argc; ++k) {
        const std::string a = argv[k];
        if (a == "--small") small = true;
        else if (a == "--days" && k + 1 < argc) days = std::stod(argv[++k]);
    }
    if (small && argc < 5) days = 16.0;
    const grid3d grid = small ? grid3d{24, 20, 32, 10.0_um} : grid3d{72, 64, 160, 10.0_um};
    if (world.rank() == 0) std::filesystem::create_directories(out);
    world.barrier();

    vault t{world, vault_rules(), grid, signals<bmp2, vegf>{}, seed{2026}};
    configure(t);
    seed_vault(t);
    mpi::metrics_recorder metrics(out / "metrics.csv");
    mpi::pvti_series vtk(out / "vault");
    const auto report = [&](const vault& v) {
        const auto m = measure(v);
        if (v.comm().rank() == 0) {
            std::printf("day %5.1f: %8.0f cells, outer table %6.1f um, inner table %6.1f um, diploe BV/TV %.3f, marrow sites %.0f\n",
                        v.time().value(), v.cell_count(), m.outer_um, m.inner_um, m.diploe_bv_tv, m.marrow);
        }
    };
    const double t0 = MPI_Wtime();
    run_for(t, duration::from_value(days), 2.0_h, every(2.0_d, metrics), every(5.0_d, vtk), every(4.0_d, report));
    const double wall = MPI_Wtime() - t0;
    vtk.finish(t);

    // Pictures: across the vault (drawn by the rank holding the middle plane) and along it.
    const auto z_mid = static_cast<std::size_t>(grid.extent(2) / 2);
    if (t.layout().owned_first() <= z_mid && z_mid < t.layout().owned_last()) {
        render_tissue(t.local(), "vault, day " + std::to_string(static_cast<int>(days)) + ", cross-section z = " + std::to_string(z_mid), 4,
                      static_cast<std::int32_t>(z_mid - t.layout().local_first()))
            .write_png(out / "cross_section.png");
    }
    longitudinal_picture(t, out / "longitudinal_section.png",
                         "vault, day " + std::to_string(static_cast<int>(days)) + ", along z on " + std::to_string(world.size()) + " ranks");

    // The report.
    const auto m = measure(t);
    const auto& tm = t.domain().times();
    const double halo_mb = static_cast<double>(world.sum(tm.halo_bytes)) / 1e6, transposed_mb = static_cast<double>(world.sum(tm.transpose_bytes)) / 1e6;
    if (world.rank() == 0) {
        std::printf("vault on %d ranks: %zu sites (%d x %d x %d at %.0f um), %.0f days in %llu steps, %.1f s; "
                    "outer table %.1f um, inner table %.1f um, diploe BV/TV %.3f, marrow sites %.0f, %.0f osteocytes, %.0f vessel cells; "
                    "halo exchanges sent %.1f MB, transpositions %.1f MB\n",
                    world.size(), grid.size(), grid.extent(0), grid.extent(1), grid.extent(2), grid.spacing_um(), days,
                    static_cast<unsigned long long>(t.steps()), wall, m.outer_um, m.inner_um, m.diploe_bv_tv, m.marrow,
                    t.count<osteocyte>(), t.count<endothelial>(), halo_mb, transposed_mb);
    }

    // A checkpoint, restored on rank 0 alone: one more step each, then the same bytes.
    mpi::save_checkpoint(t, out / "vault.ckpt");
    t.step(2.0_h);
    mpi::save_checkpoint(t, out / "after.ckpt");
    if (world.rank() == 0) {
        vault alone{mpi::communicator{MPI_COMM_SELF}, vault_rules(), grid, signals<bmp2, vegf>{}, seed{2026}};
        configure(alone);
        mpi::restore_checkpoint(alone, out / "vault.ckpt");
        alone.step(2.0_h);
        mpi::save_checkpoint(alone, out / "after_alone.ckpt");
        const bool same = read_all(out / "after.ckpt") == read_all(out / "after_alone.ckpt");
        std::printf("checkpoint restored on 1 rank: %s\n", same ? "same bits" : "DIFFERENT BITS");
        std::filesystem::remove(out / "after.ckpt");
        std::filesystem::remove(out / "after_alone.ckpt");
        if (!same) return 1;
    }
    return 0;
}
