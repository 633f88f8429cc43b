// Ensembles over ranks: mpi::run_ensemble shares the replicates among the ranks (uneven slices:
// 5 replicates on 2 and 4 ranks) and gives, on every rank, every replicate's result and the
// aggregate of the threaded run (ossify::run_ensemble on one rank, 2 threads) bit for bit; a
// replicate that fails fails the ensemble on every rank.
#include "common.hpp"

#include <ossify/mpi/ensemble.hpp>

#include "cli/test_scenario.hpp"

using namespace mpi_test;

namespace {

using scenario_t = ossify_cli_test::basic_test_lattice<false>;

std::string bits(double v) { return std::to_string(std::bit_cast<std::uint64_t>(v)); }
std::string text(const replicate_statistics& s) {
    return std::to_string(s.n) + "/" + std::to_string(s.of) + " " + bits(s.mean) + " " + bits(s.sd) + " " + bits(s.ci_low) + " " +
           bits(s.ci_high) + " " + bits(s.p2_5) + " " + bits(s.p97_5);
}
// Everything an ensemble result reports, as text (floating point as bits; wall times left out).
std::string text(const ensemble_result& e) {
    std::string s;
    for (const auto& r : e.replicates) {
        s += r.scenario + " seed " + std::to_string(r.seed.value) + " steps " + std::to_string(r.steps) + " " + bits(r.simulated.value()) + "\n";
        for (const auto& m : r.measurements) s += "  " + m.name + " " + bits(m.value) + "\n";
        for (const auto& ev : r.events) s += "  " + ev.name + " " + (ev.time ? bits(ev.time->value()) : "-") + "\n";
        for (const auto& row : r.series) {
            for (const double v : row) s += bits(v) + ",";
        }
        s += "\n";
    }
    for (const auto& [name, st] : e.measurements) s += name + " " + text(st) + "\n";
    for (const auto& [name, st] : e.events) s += name + " " + text(st) + "\n";
    s += "simulated " + text(e.simulated) + "\n";
    for (const auto& row : e.series.stats) {
        for (const auto& st : row) s += text(st) + ";";
    }
    return s;
}

}  // namespace

TEST_CASE("an ensemble over ranks gives the threaded run's replicates and aggregate", "[mpi][ensemble]") {
    scenario_options o;
    o.seed = seed{42};
    o.until = 6.0_d;
    o.pictures = false;
    ensemble_options e;
    e.replicates = 5;
    e.threads = 1;
    const auto over_ranks = mpi::run_ensemble<scenario_t>(world(), o, scenario_t::parameters{}, e);
    e.threads = 2;
    const auto threaded = ossify::run_ensemble<scenario_t>(o, scenario_t::parameters{}, e);
    CHECK(over_ranks.replicates.size() == 5);
    CHECK(text(over_ranks) == text(threaded));
    CHECK(everywhere(text(over_ranks) == world().broadcast(text(over_ranks), 0)));
    CHECK(!over_ranks.measurements.empty());

    // A replicate that cannot run (a refused option) fails the ensemble on every rank.
    auto bad = o;
    bad.dt = duration::from_value(-1.0);
    const auto msg = error_of([&] { (void)mpi::run_ensemble<scenario_t>(world(), bad, scenario_t::parameters{}, e); });
    CHECK(everywhere(has(msg, "dt")));
    // ... as the threaded run does: an invalid_parameter naming the parameter, the same message.
    std::string threaded_msg, over_ranks_msg, parameter;
    try {
        (void)ossify::run_ensemble<scenario_t>(bad, scenario_t::parameters{}, e);
    } catch (const invalid_parameter& x) {
        threaded_msg = x.what();
    }
    try {
        (void)mpi::run_ensemble<scenario_t>(world(), bad, scenario_t::parameters{}, e);
    } catch (const invalid_parameter& x) {
        parameter = x.parameter();
        over_ranks_msg = x.what();
    } catch (const std::exception&) {
    }
    CHECK(!threaded_msg.empty());
    CHECK(everywhere(over_ranks_msg == threaded_msg));
    CHECK(everywhere(parameter == "dt"));
}
