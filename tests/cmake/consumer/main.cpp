// A downstream program: the same source is built by each way of consuming ossify.
#include <ossify/ossify.hpp>

#include <iostream>

int main() {
    using namespace ossify::literals;
    const ossify::length seam = 8.0_um;
    const ossify::velocity apposition = 1.0_um_per_d;
    std::cout << "consumer: osteoid seam " << seam << " covered in " << seam / apposition
              << " (ossify " << OSSIFY_VERSION_MAJOR << '.' << OSSIFY_VERSION_MINOR << '.'
              << OSSIFY_VERSION_PATCH << ")\n";
    return (seam / apposition).value() == 8.0 ? 0 : 1;
}
