/*
** tally: the command. Git-style subcommands, each in its own cmd_*.c file;
** this file only dispatches and prints help.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command *const commands[] = {
    &cli_cmd_result,
    &cli_cmd_results,
    &cli_cmd_count,
    &cli_cmd_audit,
    &cli_cmd_serve,
    &cli_cmd_user,
    &cli_cmd_tabulate,
    &cli_cmd_allocate,
    &cli_cmd_central,
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fputs("usage: tally <command> [options]\n\n"
          "tally is an election count and results system: from a count's figures to the\n"
          "declaration and the result as the press reports it.\n\n"
          "Commands:\n", out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fputs("  help       show help for a command: tally help <command>\n\n"
          "Every command takes --help. Exit status: 0 ok, 1 a check failed,\n"
          "2 bad input or usage.\n", out);
}

static const cli_command *find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    const cli_command *c;

    if (argc < 2) {
        usage(stderr);
        return EXIT_BAD;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts(CLI_VERSION);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return EXIT_OK;
        }
        if (!(c = find(argv[2])))
            return cli_say(EXIT_BAD, "no such command '%s' (see tally help)", argv[2]);
        fputs(c->usage, stdout);
        return EXIT_OK;
    }
    if (!(c = find(argv[1])))
        return cli_say(EXIT_BAD, "no such command '%s' (see tally help)", argv[1]);
    if (!c->own_help && cli_wants_help(argc - 1, argv + 1)) {
        fputs(c->usage, stdout);
        return EXIT_OK;
    }
    return c->run(argc - 1, argv + 1);
}
