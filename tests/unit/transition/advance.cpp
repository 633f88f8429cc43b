// advance_cell: the exact competing-risks stepper, tested on many independent cells with a
// counter-based generator against closed forms; tolerances are 4 standard errors.
#include <ossify/cell.hpp>
#include <ossify/random/counter_rng.hpp>
#include <ossify/tissue/environment.hpp>
#include <ossify/transition.hpp>
#include <ossify/units/literals.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;

namespace {
constexpr double sigmas = 4.0;  // every statistical check allows 4 standard errors

struct stage_a {
    static constexpr std::string_view name = "a";
    friend bool operator==(const stage_a&, const stage_a&) = default;
};
struct stage_b {
    static constexpr std::string_view name = "b";
    friend bool operator==(const stage_b&, const stage_b&) = default;
};
struct stage_c {
    static constexpr std::string_view name = "c";
    friend bool operator==(const stage_c&, const stage_c&) = default;
};
using chain = lineage<stage_a, stage_b, stage_c>;
constexpr std::size_t a_index = chain::index_of<stage_a>;
constexpr std::size_t c_index = chain::index_of<stage_c>;

/// Steps one cell from state `from` with steps of dt_d until it reaches state `until`;
/// returns the exact arrival time (the step end minus its time in the new state).
template <class Rules>
double first_passage(const Rules& rules, const random::counter_rng& rng, std::uint64_t cell,
                     double dt_d, std::size_t from, std::size_t until) {
    const well_mixed_environment env;
    std::size_t state = from;
    double tis = 0.0, now = 0.0;
    for (std::uint64_t step = 0;; ++step) {
        const auto draws = rng.bind(step, random::purpose::transition);
        const auto out = advance_cell(rules, state, tis, now, dt_d, env,
                                      [&](std::uint32_t k) { return draws.uniform(cell, k); });
        now += dt_d;
        state = out.state;
        tis = out.time_in_state;
        if (state == until) return now - tis;
    }
}

struct sample {
    double mean = 0, se = 0, variance = 0;
};
sample summarise(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    double m = 0;
    for (double v : x) m += v;
    m /= n;
    double s2 = 0;
    for (double v : x) s2 += (v - m) * (v - m);
    s2 /= n - 1.0;
    return {m, std::sqrt(s2 / n), s2};
}

/// |observed - expected| within 4 binomial standard errors for a fraction of n trials.
void check_fraction(double hits, double n, double p) {
    const double se = std::sqrt(p * (1.0 - p) / n);
    INFO("observed " << hits / n << ", expected " << p << ", se " << se);
    CHECK(std::abs(hits / n - p) <= sigmas * se);
}
}  // namespace

TEST_CASE("one step: P(move within dt) = 1 - exp(-k dt)", "[transition][advance]") {
    const auto rules = rule_set<chain>(transition<stage_a, stage_b>(hazard(0.3_per_d)));
    const random::counter_rng rng{seed{11}};
    const well_mixed_environment env;
    constexpr std::uint64_t n = 20000;
    for (const double dt : {0.05, 2.0}) {
        const auto draws = rng.bind(static_cast<std::uint64_t>(dt * 100), random::purpose::transition);
        double moved = 0, inconsistent = 0;
        for (std::uint64_t cell = 0; cell < n; ++cell) {
            const auto out = advance_cell(rules, a_index, 0.0, 0.0, dt, env,
                                          [&](std::uint32_t k) { return draws.uniform(cell, k); });
            if (out.state != a_index) {
                moved += 1;
                if (out.transitions != 1 || !(out.time_in_state >= 0.0 && out.time_in_state <= dt)) {
                    inconsistent += 1;
                }
            }
        }
        CHECK(inconsistent == 0);
        check_fraction(moved, n, 1.0 - std::exp(-0.3 * dt));
    }
}

TEST_CASE("competing risks: two moves out of a state split k1 : k2 and leave at k1 + k2",
          "[transition][advance]") {
    const double k1 = 0.4, k2 = 0.1, dt = 1.5;
    const auto rules = rule_set<chain>(transition<stage_a, stage_b>(hazard(rate::from_value(k1))),
                                       transition<stage_a, stage_c>(hazard(rate::from_value(k2))));
    const random::counter_rng rng{seed{12}};
    const well_mixed_environment env;
    constexpr std::uint64_t n = 20000;
    const auto draws = rng.bind(0, random::purpose::transition);
    double left = 0, to_b = 0;
    for (std::uint64_t cell = 0; cell < n; ++cell) {
        const auto out = advance_cell(rules, a_index, 0.0, 0.0, dt, env,
                                      [&](std::uint32_t k) { return draws.uniform(cell, k); });
        if (out.state != a_index) left += 1;
        if (out.state == chain::index_of<stage_b>) to_b += 1;
    }
    check_fraction(left, n, 1.0 - std::exp(-(k1 + k2) * dt));
    check_fraction(to_b, left, k1 / (k1 + k2));
}

TEST_CASE("first-passage time through A -> B -> C does not depend on dt", "[transition][advance]") {
    // Hypoexponential: mean 1/k1 + 1/k2, variance 1/k1^2 + 1/k2^2,
    // P(T <= t) = 1 - (k2 e^{-k1 t} - k1 e^{-k2 t}) / (k2 - k1).
    const double k1 = 1.2, k2 = 0.6;
    const auto rules = rule_set<chain>(transition<stage_a, stage_b>(hazard(rate::from_value(k1))),
                                       transition<stage_b, stage_c>(hazard(rate::from_value(k2))));
    const double mean = 1.0 / k1 + 1.0 / k2;
    const double t_star = 2.0;
    const double cdf = 1.0 - (k2 * std::exp(-k1 * t_star) - k1 * std::exp(-k2 * t_star)) / (k2 - k1);
    const random::counter_rng rng{seed{13}};

    std::vector<sample> results;
    for (const double dt : {0.1 / 24.0, 1.0 / 24.0, 1.0}) {
        const std::uint64_t n = dt < 0.01 ? 3000 : 8000;  // 0.1 h needs ~600 steps per cell
        std::vector<double> t(n);
        double below = 0;
        for (std::uint64_t cell = 0; cell < n; ++cell) {
            t[cell] = first_passage(rules, rng, cell, dt, a_index, c_index);
            if (t[cell] <= t_star) below += 1;
        }
        const auto s = summarise(t);
        INFO("dt = " << dt << " d: mean " << s.mean << " +- " << s.se << " (expected " << mean << ")");
        CHECK(std::abs(s.mean - mean) <= sigmas * s.se);
        check_fraction(below, static_cast<double>(n), cdf);
        results.push_back(s);
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
        for (std::size_t j = i + 1; j < results.size(); ++j) {
            const double se = std::hypot(results[i].se, results[j].se);
            CHECK(std::abs(results[i].mean - results[j].mean) <= sigmas * se);
        }
    }
}

TEST_CASE("after(d) is honoured at the exact instant for any dt", "[transition][advance]") {
    const random::counter_rng rng{seed{14}};
    SECTION("after(d) alone: every cell moves at exactly d") {
        const auto rules = rule_set<chain>(transition<stage_a, stage_c>(after(1.37_d)));
        for (const double dt : {0.1 / 24.0, 1.0 / 24.0, 1.0}) {
            for (std::uint64_t cell = 0; cell < 5; ++cell) {
                CHECK(first_passage(rules, rng, cell, dt, a_index, c_index) ==
                      Approx(1.37).margin(1e-9));
            }
        }
    }
    SECTION("A -after(d)-> B -hazard(k)-> C and A -(after(d) && hazard(k))-> C: mean d + 1/k") {
        const double d = 1.37, k = 0.8;
        const auto two_stages =
            rule_set<chain>(transition<stage_a, stage_b>(after(duration::from_value(d))),
                            transition<stage_b, stage_c>(hazard(rate::from_value(k))));
        const auto gated = rule_set<chain>(
            transition<stage_a, stage_c>(after(duration::from_value(d)) && hazard(rate::from_value(k))));
        const double mean = d + 1.0 / k, sd = 1.0 / k;
        for (const double dt : {0.1 / 24.0, 1.0 / 24.0, 1.0}) {
            const std::uint64_t n = dt < 0.01 ? 2000 : 6000;
            std::vector<double> t1(n), t2(n);
            double early = 0;
            for (std::uint64_t cell = 0; cell < n; ++cell) {
                t1[cell] = first_passage(two_stages, rng, cell, dt, a_index, c_index);
                t2[cell] = first_passage(gated, rng, cell + n, dt, a_index, c_index);
                if (t1[cell] < d - 1e-9 || t2[cell] < d - 1e-9) early += 1;
            }
            CHECK(early == 0);  // nothing moves before the delay
            const auto s1 = summarise(t1), s2 = summarise(t2);
            // The standard error from the known sd (1/k) of the exponential part.
            const double se = sd / std::sqrt(static_cast<double>(n));
            INFO("dt = " << dt << ": means " << s1.mean << ", " << s2.mean << " (expected " << mean
                         << " +- " << se << ")");
            CHECK(std::abs(s1.mean - mean) <= sigmas * se);
            CHECK(std::abs(s2.mean - mean) <= sigmas * se);
        }
    }
}

TEST_CASE("a fate split sends cells to its branches with their probabilities",
          "[transition][advance]") {
    const random::counter_rng rng{seed{15}};
    const well_mixed_environment env;
    constexpr std::uint64_t n = 20000;
    auto fractions = [&](const auto& rules, double dt) {
        const auto draws = rng.bind(static_cast<std::uint64_t>(dt * 1000), random::purpose::transition);
        double left = 0, to_b = 0;
        for (std::uint64_t cell = 0; cell < n; ++cell) {
            const auto out = advance_cell(rules, a_index, 0.0, 0.0, dt, env,
                                          [&](std::uint32_t k) { return draws.uniform(cell, k); });
            if (out.state != a_index) left += 1;
            if (out.state == chain::index_of<stage_b>) to_b += 1;
        }
        return std::pair{left, to_b};
    };
    SECTION("a finite leaving hazard") {
        const auto rules = rule_set<chain>(
            fate_split<stage_a>(hazard(0.5_per_d), branch<stage_b>(0.7), branch<stage_c>(0.3)));
        const auto [left, to_b] = fractions(rules, 2.0);
        check_fraction(left, n, 1.0 - std::exp(-0.5 * 2.0));
        check_fraction(to_b, left, 0.7);
    }
    SECTION("leaving at once (immediately) keeps the branch probabilities") {
        const auto rules = rule_set<chain>(
            fate_split<stage_a>(immediately(), branch<stage_b>(0.7), branch<stage_c>(0.3)));
        const auto [left, to_b] = fractions(rules, 0.5);
        CHECK(left == n);
        check_fraction(to_b, left, 0.7);
    }
    SECTION("a branch of probability 0 is never taken") {
        const auto rules = rule_set<chain>(
            fate_split<stage_a>(immediately(), branch<stage_b>(1.0), branch<stage_c>(0.0)));
        const auto [left, to_b] = fractions(rules, 0.5);
        CHECK(left == n);
        CHECK(to_b == n);
    }
}

TEST_CASE("infinite hazards act at once; cycles of them stop at max_events", "[transition][advance]") {
    const well_mixed_environment env;
    auto u = [](std::uint32_t) { return 0.5; };
    const auto rules = rule_set<chain>(transition<stage_a, stage_b>(immediately()),
                                       transition<stage_b, stage_c>(immediately()));
    const auto out = advance_cell(rules, a_index, 0.0, 0.0, 0.25, env, u);
    CHECK(out.state == c_index);
    CHECK(out.transitions == 2);
    CHECK(out.time_in_state == Approx(0.25));  // both moves at the start of the step
    CHECK_FALSE(out.event);

    // An infinite hazard beats any finite competitor.
    const auto race = rule_set<chain>(transition<stage_a, stage_b>(hazard(1000.0_per_d)),
                                      transition<stage_a, stage_c>(immediately()));
    CHECK(advance_cell(race, a_index, 0.0, 0.0, 1.0, env, u).state == c_index);

    const auto cycle = rule_set<chain>(transition<stage_a, stage_b>(immediately()),
                                       transition<stage_b, stage_a>(immediately()));
    const auto looped = advance_cell(cycle, a_index, 0.0, 0.0, 1.0, env, u, 10);
    CHECK(looped.transitions == 10);

    // A cell without moves, and a zero-length step, change nothing.
    const auto none = advance_cell(rules, c_index, 2.0, 0.0, 0.5, env, u);
    CHECK(none.state == c_index);
    CHECK(none.time_in_state == Approx(2.5));
    const auto zero = advance_cell(rules, a_index, 0.0, 0.0, 0.0, env, u);
    CHECK(zero.state == a_index);
    CHECK(zero.transitions == 0);
}

TEST_CASE("division and death end the step and are reported with their time",
          "[transition][advance]") {
    const random::counter_rng rng{seed{16}};
    const well_mixed_environment env;
    const double b = 0.6, d = 0.2, dt = 1.0;
    const auto rules = rule_set<chain>(proliferation<stage_a>(hazard(rate::from_value(b))),
                                       death<stage_a>(hazard(rate::from_value(d))));
    constexpr std::uint64_t n = 20000;
    const auto draws = rng.bind(0, random::purpose::transition);
    double events = 0, divisions = 0, inconsistent = 0;
    for (std::uint64_t cell = 0; cell < n; ++cell) {
        const auto out = advance_cell(rules, a_index, 0.0, 0.0, dt, env,
                                      [&](std::uint32_t k) { return draws.uniform(cell, k); });
        if (out.state != a_index) inconsistent += 1;
        if (out.event) {
            events += 1;
            if (out.event_kind == rule_kind::transition || !(out.event_offset >= 0.0) ||
                !(out.event_offset <= dt) || std::abs(out.time_in_state - out.event_offset) > 1e-12) {
                inconsistent += 1;
            }
            if (out.event_kind == rule_kind::proliferation) divisions += 1;
        }
    }
    CHECK(inconsistent == 0);
    check_fraction(events, n, 1.0 - std::exp(-(b + d) * dt));
    check_fraction(divisions, events, b / (b + d));
}

TEST_CASE("a policy that returns a NaN or negative hazard is refused", "[transition][advance]") {
    // A failing policy is a failure of the model, not a bad argument: model_error, naming the
    // rule (its position and its states) and the hazard.
    const well_mixed_environment env;
    auto u = [](std::uint32_t) { return 0.5; };
    const auto bad = rule_set<chain>(transition<stage_a, stage_b>(
        policy_fn([](const auto&) { return rate::from_value(std::numeric_limits<double>::quiet_NaN()); })));
    CHECK_THROWS_AS(advance_cell(bad, a_index, 0.0, 0.0, 1.0, env, u), model_error);
    CHECK_THROWS_AS(advance_cell(bad, a_index, 0.0, 0.0, 1.0, env, u), ossify::error);
    const auto negative = rule_set<chain>(death<stage_b>(hazard(1.0_per_d)),
                                          transition<stage_a, stage_b>(policy_fn([](const auto&) { return -1.0_per_d; })));
    try {
        (void)advance_cell(negative, a_index, 0.0, 0.0, 1.0, env, u);
        FAIL("a negative hazard was accepted");
    } catch (const model_error& e) {
        const std::string what = e.what();
        CHECK(what.find("hazard -1") != std::string::npos);
        CHECK(what.find("rule 1 (" + std::string(stage_a::name) + " -> " + std::string(stage_b::name) + ")") !=
              std::string::npos);
    }
}
