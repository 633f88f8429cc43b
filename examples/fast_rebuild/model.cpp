// Fast rebuilds, compiled once: the tissue type of model.hpp, instantiated here.
#include "model.hpp"

template class ossify::basic_lattice_tissue<decltype(readme_model::rules()), ossify::grid2d, ossify::signals<ossify::bmp2>,
                                            ossify::default_processes>;
