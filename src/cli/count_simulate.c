#include "cli.h"
#include "count_cli.h"
int count_run_simulate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_say(EXIT_BAD, "not yet");
}
