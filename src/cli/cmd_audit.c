/*
** tally audit verify DB: recompute the chain and replay every event.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally/store.h"

static const char usage[] =
    "usage: tally audit verify DB\n\n"
    "Recompute the hash chain of the count stored in DB and replay every event\n"
    "through the count's rules. Prints \"ok N events, head HASH\", or names the first\n"
    "event that fails.\n\n"
    "Exit status: 0 the log is intact, 1 it is not, 2 it cannot be read.\n";

static int run(int argc, char **argv)
{
    tally_audit rep;
    tally_error err;
    tally_status s;

    if (argc < 2)
        return cli_say(EXIT_BAD, "audit: needs a subcommand: tally audit verify DB");
    if (strcmp(argv[1], "verify") != 0)
        return cli_say(EXIT_BAD, "audit: no such subcommand '%s' (see tally audit --help)",
                       argv[1]);
    for (int i = 2; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1])
            return cli_say(EXIT_BAD, "audit verify: unknown option '%s' (see tally audit --help)",
                           argv[i]);
    if (argc > 3)
        return cli_say(EXIT_BAD, "audit verify: unexpected argument '%s' (see tally audit "
                       "--help)", argv[3]);
    if (argc < 3 || !argv[2][0])
        return cli_say(EXIT_BAD, "audit verify: needs the count's database: tally audit "
                       "verify DB");
    tally_error_clear(&err);
    s = tally_audit_verify(argv[2], &rep, &err);
    if (s == TALLY_OK) {
        printf("ok %llu events, head %s\n", (unsigned long long)rep.events, rep.head);
        return EXIT_OK;
    }
    if (s == TALLY_EINVAL && rep.bad_seq) {
        printf("FAILED at event %llu: %s (%llu events before it are good)\n",
               (unsigned long long)rep.bad_seq, rep.problem, (unsigned long long)rep.events);
        return EXIT_CHECK;
    }
    return cli_fail(&err);
}

const cli_command cli_cmd_audit = { "audit", "verify a count's event log", usage, run, 0 };
