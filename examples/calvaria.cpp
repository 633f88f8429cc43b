// The calvaria scenario: the skull vault from 9 gestational weeks to 2 years after birth, at
// real size. Prints when the bones start, when the fontanelles and sutures close, and the model
// beside published values.
//
//   calvaria [dir] [spacing_mm] [until]
//
// `dir` (optional) receives the table and the pictures; `spacing_mm` is the map spacing at the
// newborn's vertex (default 1); `until` is an age, "30w" (gestational weeks) or "3m" (months
// after birth), default 2 years after birth. ctest runs `calvaria <dir> 1.0 20w` (its budget).
#include <ossify/scenario/calvaria.hpp>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    using namespace ossify;
    scenario_options o;  // seed 42, 1 mm spacing at the newborn's vertex, dt 0.25 d, to 2 years
    const auto p = calvaria::parameters{};
    const double birth = calvaria::birth_time(p), start = p.anatomy.start.get().value();
    if (argc > 1) o.output = argv[1];
    if (argc > 2) o.spacing = length::from_value(1000.0 * std::atof(argv[2]));
    if (argc > 3) {
        const std::string a = argv[3];
        const double x = std::atof(a.c_str());
        if (a.empty() || (a.back() != 'w' && a.back() != 'm') || x <= 0.0) {
            std::cerr << "calvaria: until must be like 30w (gestational weeks) or 3m (months after birth), not " << a << '\n';
            return 2;
        }
        o.until = duration::from_value(a.back() == 'w' ? 7.0 * x - start + 0.01 : birth + x * development::days_per_month + 0.01);
    }
    const auto r = calvaria::run(o, p);
    std::cout << std::fixed << std::setprecision(1);
    for (const auto& e : r.events) {
        std::cout << std::setw(36) << std::left << e.name << ' ';
        if (!e.time) std::cout << "not by the end\n";
        else if (e.time->value() < birth) std::cout << "week " << (start + e.time->value()) / 7.0 << " of gestation\n";
        else std::cout << (e.time->value() - birth) / development::days_per_month << " months after birth\n";
    }
    for (const auto& m : r.measurements) {
        std::cout << std::setw(58) << m.name << ' ' << std::setw(8) << std::right << m.value << std::left << ' ' << m.unit
                  << (m.published.empty() ? "" : "   published " + m.published) << "   [" << to_string(m.kind) << "]\n";
    }
    std::cout << "summary: " << r.steps << " steps, " << r.grid[0] << " x " << r.grid[1] << " sites of "
              << r.spacing.value() << " um, wall " << r.wall_seconds << " s, seed " << r.seed.value << '\n';
}
