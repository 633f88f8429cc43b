// Validation of the Figure 6.4.1 scenario over replicates (run_ensemble: 8 replicates, seeds
// 1-8, default 2-D grid): burial from the surface gives the density the theory predicts and
// moves with the apposition rate as it says; the published values the model reproduces (see
// docs/biology/figure_6_4_1.md); the stages in order, days apart; and the default time step is
// converged (dt vs dt/2 within the replicate spread). Tolerances are 4 standard errors of the
// replicate means. Tagged [slow]: about a minute of CPU.
#include "catch.hpp"

#include <ossify/scenario/ensemble.hpp>
#include <ossify/scenario/figure_6_4_1.hpp>

#include <cmath>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace ossify;

namespace {

constexpr std::size_t replicates = 8;

// The ensemble at time step dt (days) with the osteoblasts' apposition rate scaled by `apposition`
// (burial rate unchanged), computed once per test executable.
const ensemble_result& ensemble(double dt, double apposition = 1.0) {
    static std::map<std::pair<double, double>, ensemble_result> cache;
    const auto key = std::pair{dt, apposition};
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    scenario_options o;
    o.seed = seed{1};
    o.dt = duration::from_value(dt);
    figure_6_4_1::parameters p;
    p.trabecular_apposition = velocity::from_value(p.trabecular_apposition.internal() * apposition);
    ensemble_options e;
    e.replicates = replicates;
    e.threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    return cache.emplace(key, run_ensemble<figure_6_4_1>(o, p, e)).first->second;
}
double default_dt() { return figure_6_4_1::defaults().dt.value(); }
double se(const replicate_statistics& s) { return s.sd / std::sqrt(static_cast<double>(s.n)); }

}  // namespace

TEST_CASE("figure 6.4.1 validation: osteocyte density follows burial from the surface (Buenzli 2015) and moves with the "
          "apposition rate as the theory says",
          "[scenario][figure_6_4_1][slow]") {
    const figure_6_4_1::parameters p;
    const double h = 10.0, beta = p.osteoblast_burial_rate.internal(), v = p.trabecular_apposition.internal();
    // rho = beta / (v h^2 + beta h^3 / 2): the osteoid-osteocyte finishes its own site.
    const auto theory = [&](double apposition) { return beta / (apposition * h * h + beta * h * h * h / 2.0) * 1e9; };
    const auto& base = ensemble(default_dt()).measurements.at("osteocyte_density_woven");
    INFO("woven-bone osteocyte density " << base.mean << " +/- " << se(base) << " per mm^3, theory " << theory(v));
    CHECK(std::abs(base.mean - theory(v)) <= 4.0 * se(base));
    // 1.5 x the apposition rate at the same burial rate: density / 1.5 (to the lacuna correction).
    const auto& fast = ensemble(default_dt(), 1.5).measurements.at("osteocyte_density_woven");
    const double ratio = fast.mean / base.mean, expected = theory(1.5 * v) / theory(v);
    const double ratio_se = ratio * std::sqrt(std::pow(se(fast) / fast.mean, 2) + std::pow(se(base) / base.mean, 2));
    INFO("density ratio " << ratio << " +/- " << ratio_se << ", theory " << expected);
    CHECK(std::abs(ratio - expected) <= 4.0 * ratio_se);
}

TEST_CASE("figure 6.4.1 validation: published values reproduced by the 2-D scenario (mean within the range to 4 SE)",
          "[scenario][figure_6_4_1][slow]") {
    const auto& e = ensemble(default_dt());
    for (const char* name : {"osteocyte_density", "osteocyte_fraction", "apoptosis_fraction", "plate_aspect"}) {
        const auto& m = *e.replicates.front().find(name);
        REQUIRE(m.range.has_value());
        const auto& s = e.measurements.at(name);
        INFO(name << ": " << s.mean << " +/- " << se(s) << " against [" << m.range->first << ", " << m.range->second << "] ("
                  << m.source << ")");
        CHECK(s.n == replicates);
        CHECK(s.mean >= m.range->first - 4.0 * se(s));
        CHECK(s.mean <= m.range->second + 4.0 * se(s));
    }
}

TEST_CASE("figure 6.4.1 validation: the four stages are distinct events, in order, days apart, in every replicate",
          "[scenario][figure_6_4_1][slow]") {
    const auto& e = ensemble(default_dt());
    for (const auto& r : e.replicates) {
        INFO("seed " << r.seed.value);
        double last = -1.0;
        for (const char* n : {"stage a", "stage b", "stage c", "stage d"}) {
            const auto* ev = r.event(n);
            REQUIRE(ev != nullptr);
            REQUIRE(ev->time.has_value());
            CHECK(ev->time->value() >= last + 1.0);
            last = ev->time->value();
        }
    }
    // On average a few days apart: the mean gap between consecutive stages, less 4 standard errors,
    // exceeds 2 days. The stages of one replicate are paired (one plate), so the standard error is
    // that of the replicates' own gaps.
    const char* order[] = {"stage a", "stage b", "stage c", "stage d"};
    for (int k = 1; k < 4; ++k) {
        std::vector<double> gaps;
        for (const auto& r : e.replicates) gaps.push_back(r.event(order[k])->time->value() - r.event(order[k - 1])->time->value());
        const auto g = statistics_of(gaps, gaps.size());
        INFO(order[k - 1] << " to " << order[k] << ": " << g.mean << " +/- " << se(g) << " d");
        CHECK(g.mean - 4.0 * se(g) > 2.0);
    }
}

TEST_CASE("figure 6.4.1 validation: the default time step is converged (dt vs dt/2 within the replicate spread)",
          "[scenario][figure_6_4_1][slow]") {
    const auto& a = ensemble(default_dt());
    const auto& b = ensemble(default_dt() / 2.0);
    for (const auto& [name, s] : a.measurements) {
        const auto& t = b.measurements.at(name);
        const double tol = 4.0 * std::sqrt(se(s) * se(s) + se(t) * se(t));
        INFO(name << ": dt " << s.mean << " +/- " << se(s) << ", dt/2 " << t.mean << " +/- " << se(t));
        CHECK(std::abs(s.mean - t.mean) <= tol);
    }
    for (const auto& [name, s] : a.events) {
        const auto& t = b.events.at(name);
        INFO(name << ": dt " << s.mean << " d, dt/2 " << t.mean << " d");
        CHECK(s.n == t.n);
        CHECK(std::abs(s.mean - t.mean) <= 4.0 * std::sqrt(se(s) * se(s) + se(t) * se(t)));
    }
}
