// The skull vault from above (source text: at birth the skull is not fully ossified nor are
// the sutures closed): ossification centres appear on a prescribed pattern, bone fronts grow
// towards each other, and the sutures and fontanelles left between them close after birth.
//
//   calvaria [out-dir]
//
// Prints the seed, the fontanelle/suture table (size at birth, closure age) and the bone
// onsets; writes pictures at birth and at 2 years under out-dir (default out/calvaria).
#include <ossify/scenario/calvaria.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

using namespace ossify;

int main(int argc, char** argv) {
    calvaria_options options;
    options.output_dir = std::filesystem::path(argc > 1 ? argv[1] : "out/calvaria");
    std::cout << "calvaria: " << options.nx << " x " << options.ny << " sites of " << options.spacing.value()
              << " um, seed " << options.seed << ", from gestational week 9 to "
              << options.until.value() / development::days_per_year << " years after birth\n";
    const auto r = run_calvaria(options);

    const bone_catalogue catalogue;
    std::printf("\n%-22s %12s %11s %16s  %s\n", "gap", "area@birth", "width", "closes (model)", "published");
    for (const auto& g : r.gaps) {
        const auto& c = catalogue.closure(g.name);
        const double m = development::days_per_month;
        std::string closes = g.closed_at ? std::to_string(g.closed_at->value() / m).substr(0, 4) + " months" : "open at end";
        std::string published = c.closes.latest.value() > 3.0 * development::days_per_year
                                    ? std::to_string(static_cast<int>(c.closes.earliest.value() / development::days_per_year)) + "+ years"
                                    : std::to_string(static_cast<int>(c.closes.earliest.value() / m + 0.5)) + "-" +
                                          std::to_string(static_cast<int>(c.closes.latest.value() / m + 0.5)) + " months";
        std::printf("%-22s %9.3f mm2 %8.0f um %16s  %s (%s)\n", g.name.c_str(), g.area_at_birth.value() / 1e6,
                    g.width_at_birth.value(), closes.c_str(), published.c_str(), std::string(c.closes.source).c_str());
    }
    std::printf("\n%-26s %12s %14s %14s\n", "bone", "onset (GA wk)", "area@birth", "area@end");
    for (const auto& b : r.bones) {
        std::printf("%-26s %12.1f %10.2f mm2 %10.2f mm2\n", b.name.c_str(), b.onset ? b.onset->value() / 7.0 : -1.0,
                    b.area_at_birth.value() / 1e6, b.area_at_end.value() / 1e6);
    }
    std::cout << "\n" << r.steps << " steps in " << r.wall_seconds << " s; pictures:";
    for (const auto& p : r.pictures) std::cout << " " << p.string();
    std::cout << "\n(seed " << r.seed << ")\n";
}
