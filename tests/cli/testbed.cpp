// ossify-run-testbed: the command-line driver of ossify-run (tools/ossify-run/driver.hpp) with the
// tools' two small test scenarios, so that the tests of the command line (refusals, ensembles,
// screens, the report in a browser) run in milliseconds per run.
#include "driver.hpp"
#include "test_scenario.hpp"

int main(int argc, char** argv) { return ossify_run::main<ossify_cli_test::test_lattice, ossify_cli_test::test_sheet>(argc, argv); }
