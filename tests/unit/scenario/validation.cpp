// Validation of the Figure 6.4.1 scenario against published numbers (sources in the test
// names; /work/shared/BIOLOGY.md and docs/biology.md). The run is shared with the stage tests.
// Numbers the model does not reproduce are stated in docs/biology.md, not tested here.
#include "catch.hpp"
#include "figure_6_4_1_run.hpp"

#include <ossify/scenario/figure_6_4_1.hpp>

using namespace ossify;
using namespace fig_test;

TEST_CASE("validation: 10-20 % of osteoblasts become osteocytes, 50-70 % die (Franz-Odendaal 2006; Jilka 1998)",
          "[scenario][validation]") {
    const auto& v = shared_run().validation;
    const double exits = static_cast<double>(v.osteoblasts_to_osteocyte + v.osteoblasts_died + v.osteoblasts_to_periosteum);
    REQUIRE(exits > 500.0);
    const double to_oc = static_cast<double>(v.osteoblasts_to_osteocyte) / exits;
    const double died = static_cast<double>(v.osteoblasts_died) / exits;
    // The published ranges are the tolerance. At ~1100 exits the binomial standard error is
    // ~1 % (osteocytes) and ~1.4 % (apoptosis): seed 42 gives 11 % and 68 %, seeds 1-3 give
    // 11-12 % and 66-70 %, so apoptosis sits about one standard error under the upper bound
    // (docs/biology.md).
    CHECK(to_oc >= 0.10);
    CHECK(to_oc <= 0.20);
    CHECK(died >= 0.50);
    CHECK(died <= 0.70);
}

TEST_CASE("validation: primary mineralisation within a few days of deposition (source text)", "[scenario][validation]") {
    const auto& r = shared_run();
    // Closed form: half of the primary mineral within 2-4 days (lag 2 d, then rate 1/d).
    CHECK(r.validation.half_mineralisation_days > 1.0);
    CHECK(r.validation.half_mineralisation_days < 7.0);
    // In the tissue: matrix begun at least 7 days ago (a week: the upper end of "a few
    // days") is mostly mineralised. New layers added since dilute the degree, hence 0.5.
    const auto& s = r.final_state;
    double matrix = 0.0, mineral = 0.0;
    for (std::size_t i = 0; i < s.matrix.size(); ++i) {
        if (s.first_matrix_time[i] < 7.0f || s.matrix[i] < 0.5) continue;
        matrix += s.matrix[i];
        mineral += s.mineral[i];
    }
    REQUIRE(matrix > 100.0);
    CHECK(mineral / matrix > 0.5);
}

TEST_CASE("validation: trabecular thickness of the order of 100 um in fetal bone (Peyrin et al. 2005)",
          "[scenario][validation]") {
    const double w = shared_run().validation.trabecular_strut_width_um;
    // Mean strut width along scan lines; "of the order of 100 um": within a factor of 2.
    CHECK(w >= 50.0);
    CHECK(w <= 200.0);
}

TEST_CASE("validation: every cell of the condensation lies within 200 um of a capillary (Lovett et al. 2009)",
          "[scenario][validation]") {
    const auto& v = shared_run().validation;
    CHECK(v.max_capillary_distance_um > 0.0);
    CHECK(v.max_capillary_distance_um <= 200.0);
    CHECK(v.p95_capillary_distance_um <= 100.0);
}
