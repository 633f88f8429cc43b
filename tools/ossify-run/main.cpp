// ossify-run: runs a scenario of ossify from the command line, an ensemble of its replicates, or a
// sensitivity screen, and writes summary.json (and with --report, report.html).
//
//   ossify-run <scenario> [options]       ossify-run <scenario> --help       ossify-run --help
//
// The command line is written once against the scenario concept (driver.hpp); this file lists the
// scenarios it offers. docs/scenario.md documents the options, the summary.json schema, ensembles,
// virtual populations, screens and the report.
#include <ossify/scenario/calvaria.hpp>
#include <ossify/scenario/clavicle.hpp>
#include <ossify/scenario/figure_6_4_1.hpp>

#include "driver.hpp"

int main(int argc, char** argv) { return ossify_run::main<ossify::figure_6_4_1, ossify::calvaria, ossify::clavicle>(argc, argv); }
