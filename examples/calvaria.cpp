// The calvaria scenario: the skull vault from 9 gestational weeks to 2 years after birth, at
// real size. Prints when the bones start, when the fontanelles and sutures close, and the model
// beside published values. `calvaria <dir>` also writes the table and a picture there.
#include <ossify/scenario/calvaria.hpp>

#include <iomanip>
#include <iostream>

int main(int argc, char** argv) {
    using namespace ossify;
    scenario_options o;  // seed 42, 0.5 mm spacing at the newborn's vertex, dt 0.25 d, to 2 years
    if (argc > 1) o.output = argv[1];
    const auto p = calvaria::parameters{};
    const auto r = calvaria::run(o, p);
    const double birth = calvaria::birth_time(p);
    std::cout << std::fixed << std::setprecision(1);
    for (const auto& e : r.events) {
        std::cout << std::setw(36) << std::left << e.name << ' ';
        if (!e.time) std::cout << "not by the end\n";
        else if (e.time->value() < birth) std::cout << "week " << (p.anatomy.start.get().value() + e.time->value()) / 7.0 << " of gestation\n";
        else std::cout << (e.time->value() - birth) / development::days_per_month << " months after birth\n";
    }
    for (const auto& m : r.measurements) {
        std::cout << std::setw(58) << m.name << ' ' << std::setw(8) << std::right << m.value << std::left << ' ' << m.unit
                  << (m.published.empty() ? "" : "   published " + m.published) << "   [" << to_string(m.kind) << "]\n";
    }
    std::cout << "summary: " << r.steps << " steps, wall " << r.wall_seconds << " s, seed " << r.seed.value << '\n';
}
