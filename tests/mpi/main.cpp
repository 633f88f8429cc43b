// The MPI tests' main: MPI for the whole run, then Catch2. Every rank runs every test case; the
// job fails when a check fails on any rank. Test cases use CHECK, never REQUIRE, around
// collective calls: a rank that left a test case early would leave the others waiting.
#if __has_include(<catch2/catch_session.hpp>)
#  include <catch2/catch_session.hpp>
#else
#  define CATCH_CONFIG_RUNNER
#  include <catch2/catch.hpp>
#endif

#include <ossify/mpi/communicator.hpp>

int main(int argc, char* argv[]) {
    ossify::mpi::environment env(argc, argv);
    const int result = Catch::Session().run(argc, argv);
    int worst = result;
    MPI_Allreduce(&result, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return worst;
}
