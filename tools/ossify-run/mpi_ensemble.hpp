// ossify-run under mpirun (built with OSSIFY_ENABLE_MPI, which defines OSSIFY_RUN_MPI:
// tools/ossify-run/mpi.cmake): `mpirun -np K ossify-run <scenario> --replicates N ...` shares an
// ensemble's replicates among the K ranks (ossify::mpi::run_ensemble: rank r runs a contiguous
// slice in its --threads threads), and every rank gets every replicate's result; rank 0 owns the
// output folder, prints and writes every file, so the results are those of the threaded run
// (tests/mpi/ossify_run_mpi.sh compares them). A single run or a screen runs on rank 0 alone.
// Started without mpirun, the tool does not initialise MPI at all and runs as one process.
#ifndef OSSIFY_RUN_MPI_ENSEMBLE_HPP
#define OSSIFY_RUN_MPI_ENSEMBLE_HPP

#include <ossify/mpi/ensemble.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

namespace ossify_run::mpi_part {

/// True when an MPI launcher started this process (Open MPI, MPICH/Hydra, PMIx, Slurm's PMI).
inline bool launched() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"}) {
        if (std::getenv(v) != nullptr) return true;
    }
    return false;
}

/// MPI for the run when launched by mpirun: initialised here, finalised at the end; the ranks
/// other than 0 print nothing.
class session {
public:
    session(int& argc, char**& argv) {
        if (!launched()) return;
        env_.emplace(argc, argv);
        const ossify::mpi::communicator world;
        rank_ = world.rank();
        size_ = world.size();
        if (rank_ != 0) {  // C and C++ streams alike (the progress counter writes with fprintf)
            std::cout.flush();
            std::cerr.flush();
            if (std::freopen("/dev/null", "w", stdout) == nullptr || std::freopen("/dev/null", "w", stderr) == nullptr) {
                null_.open("/dev/null");
                out_ = std::cout.rdbuf(null_.rdbuf());
                err_ = std::cerr.rdbuf(null_.rdbuf());
            }
        }
        current() = this;
    }
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session() {
        if (out_ != nullptr) std::cout.rdbuf(out_);
        if (err_ != nullptr) std::cerr.rdbuf(err_);
        current() = nullptr;
    }
    [[nodiscard]] int rank() const noexcept { return rank_; }
    [[nodiscard]] int size() const noexcept { return size_; }
    static session*& current() noexcept {
        static session* s = nullptr;
        return s;
    }

private:
    std::optional<ossify::mpi::environment> env_;
    int rank_ = 0, size_ = 1;
    std::ofstream null_;
    std::streambuf* out_ = nullptr;
    std::streambuf* err_ = nullptr;
};

/// This process's rank (0 without mpirun).
inline int rank() { return session::current() != nullptr ? session::current()->rank() : 0; }
/// The number of ranks (1 without mpirun).
inline int size() { return session::current() != nullptr ? session::current()->size() : 1; }

/// Rank 0 creates the run's partial folder; every rank learns whether it could (and throws
/// the same error when not) before any rank writes into it. The barrier first: every rank has
/// checked the output folder (run_folder's constructor) before rank 0 creates `<out>.partial`,
/// which another rank would otherwise take for another run writing there.
template <class Folder>
void create_folder(Folder& folder) {
    if (size() == 1) {
        folder.create();
        return;
    }
    const ossify::mpi::communicator world;
    world.barrier();
    std::string error;
    if (rank() == 0) {
        try {
            folder.create();
        } catch (const std::exception& e) {
            error = e.what();
        }
    }
    error = world.broadcast(error, 0);
    if (!error.empty()) throw std::runtime_error(error);
}

/// The replicates of an ensemble: shared among the ranks under mpirun, else in threads. Under
/// mpirun, `e.prepare` is called again here for the replicates other ranks ran, so that what it
/// records (a virtual population's draws, a function of the seed and the replicate) is complete
/// on every rank.
template <class S>
ossify::ensemble_result run_ensemble(const ossify::scenario_options& o, const typename S::parameters& p,
                                     const ossify::ensemble_options& e) {
    if (size() == 1) return ossify::run_ensemble<S>(o, p, e);
    auto result = ossify::mpi::run_ensemble<S>(ossify::mpi::communicator{}, o, p, e);
    if (e.prepare) {
        const auto n = static_cast<std::uint64_t>(e.replicates), r = static_cast<std::uint64_t>(rank()),
                   ranks = static_cast<std::uint64_t>(size());
        for (std::uint64_t k = 0; k < n; ++k) {
            if (k >= n * r / ranks && k < n * (r + 1) / ranks) continue;  // ran here
            auto copy = p;
            e.prepare(e.first + k, &copy);
        }
    }
    return result;
}

}  // namespace ossify_run::mpi_part

#endif  // OSSIFY_RUN_MPI_ENSEMBLE_HPP
