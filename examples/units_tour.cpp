// The units layer in twenty lines: this is the README's units example, built and run by
// ctest. Quantities carry their unit; mixing up a length and a time does not compile.
#include <ossify/units.hpp>

#include <iostream>

int main() {
    using namespace ossify;
    using namespace ossify::literals;

    const length seam = 8.0_um;                  // osteoid seam width (Brockstedt 1993: 5-15 um)
    const velocity apposition = 1.0_um_per_d;    // mineral apposition rate (Brockstedt 1993)
    const duration cover = seam / apposition;    // um / (um/d) = d
    std::cout << "osteoid seam of " << seam << " at " << apposition << " is covered in " << cover
              << '\n';

    const diffusivity bmp2 = 2.0_um2_per_s;      // Bmp2b, Pomreinke et al. 2017
    const rate decay = 0.693 / 1.0_h;            // a one-hour half-life (assumed)
    const length range = boost::units::sqrt(bmp2 / decay);  // decay length sqrt(D/k)
    std::cout << "BMP2 gradient decay length: " << range << " (" << units::to_si(range) << ")\n";
    std::cout << "one day is " << units::to_si(1.0_d) << "; 1 um^2/s is "
              << (1.0_um2_per_s).value() / 1.0e6 << " mm^2/d\n";
}
