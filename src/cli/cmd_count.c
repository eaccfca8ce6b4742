/*
** tally count <subcommand>: the count, event by event (count_events.c),
** what it shows (count_views.c) and a simulated count (count_simulate.c).
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "count_cli.h"

static const char usage_head[] =
    "usage: tally count <subcommand> --db DB [options]\n\n"
    "Run a count as a tamper-evident log of events in a SQLite file (docs/count.md).\n"
    "Each event is checked against the count's rules and stored durably; a refused\n"
    "event stores nothing.\n\nEvents:\n";

static const char usage_tail[] =
    "\nViews:\n"
    "  status                   phase, boxes, papers, rejected, reconciliation, requests\n"
    "                           (--format text|json)\n"
    "  log                      every event with its hash (--format text|jsonl)\n"
    "  report WHAT              verification | rejected | declaration (--format text|json)\n"
    "                           (the declaration also --format pdf, --output OUT);\n"
    "                           stages: an STV count's stage report (text|json)\n"
    "  simulate                 a whole count from declared figures (--help)\n"
    "  publish                  send the declared result to the central results\n"
    "                           service (--help)\n\n"
    "Exit status: 0 done, 2 refused or bad input.\n";

static void usage(FILE *out)
{
    fputs(usage_head, out);
    count_list_events(out);
    fprintf(out, "  %-24s %s\n", "import-papers", "an STV count: a box's papers from its ballot "
                                                 "file (--help)");
    fputs(usage_tail, out);
}

static int run(int argc, char **argv)
{
    int rc;
    if (strcmp(argv[1], "simulate") == 0)
        return count_run_simulate(argc - 1, argv + 1);
    if (strcmp(argv[1], "publish") == 0)
        return count_run_publish(argc - 1, argv + 1);
    if (strcmp(argv[1], "import-papers") == 0)
        return count_run_import_papers(argc - 1, argv + 1);
    if ((rc = count_run_event(argv[1], argc - 1, argv + 1)) >= 0)
        return rc;
    if ((rc = count_run_view(argv[1], argc - 1, argv + 1)) >= 0)
        return rc;
    return cli_say(EXIT_BAD, "no such count subcommand '%s' (see tally count --help)", argv[1]);
}

static int help_then_run(int argc, char **argv);

const cli_command cli_cmd_count = { "count", "run a count as a tamper-evident event log",
                                    usage_head, help_then_run, 1 };

/* `tally count --help` lists everything; `tally count X --help` is X's. */
static int help_then_run(int argc, char **argv)
{
    if (argc < 2)
        return cli_say(EXIT_BAD, "count: needs a subcommand (see tally count --help)");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    return run(argc, argv);
}
