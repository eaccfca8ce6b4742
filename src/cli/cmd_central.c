/*
** tally central serve|token --pg URL: the central results service on
** PostgreSQL (docs/api.md, "Central results service"). Front door only:
** the service is tally_server with its central routes, the tokens are
** tally_central's.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_cli.h"
#include "cli.h"
#include "tally/central.h"
#include "tally/server.h"

static const char usage[] =
    "usage: tally central serve --pg URL [--listen ADDR:PORT] [--heartbeat SECONDS]\n"
    "                           [--previous DIR] [--notional CSV]\n"
    "                           [--election NAME --election-date YYYY-MM-DD [--by-election]]\n"
    "       tally central token --pg URL (--constituency ID | --from-uk-parliament DIR)\n"
    "       tally central simulate --from-uk-parliament DIR --to URL --tokens FILE ...\n\n"
    "The central results service: count centres publish their declared results\n"
    "to it (tally count publish), and it serves them and the national picture\n"
    "(docs/api.md). URL is a PostgreSQL connection URL or keyword string (libpq);\n"
    "the schema is created in it when absent.\n\n"
    "  serve   listen (127.0.0.1:8080 unless told; port 0 picks a free port), print\n"
    "          \"serving central results at http://ADDR:PORT/\", then one line per\n"
    "          result stored, and run until interrupted; an event stream with nothing\n"
    "          to send gets a heartbeat comment every SECONDS (15 unless told); the\n"
    "          national picture is measured against the previous results in DIR (a\n"
    "          UK Parliament layout, as tally results --previous reads it) and the\n"
    "          notional previous results in CSV (ons_id,region,party,votes), which\n"
    "          replace those of the constituencies they name (docs/formats.md)\n"
    "          (--election and --election-date: the election the NIST feeds name,\n"
    "          and its polling day; --by-election: it is a by-election)\n"
    "  token   register the constituency (its ONS id) if new and print a new bearer\n"
    "          token for it on standard output; the token replaces any earlier one,\n"
    "          and only its hash is kept; with --from-uk-parliament, one for every\n"
    "          constituency in DIR, printed as \"ID TOKEN\" lines (simulate --tokens)\n"
    "  simulate  replay an election night: every constituency in DIR publishes its\n"
    "          result to the service at URL (tally central simulate --help)\n\n"
    "Exit status: 0 done, 2 bad input or usage, or the database not reached.\n";

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "pg", required_argument, NULL, 'p' },
        { "listen", required_argument, NULL, 'l' },
        { "constituency", required_argument, NULL, 'c' },
        { "heartbeat", required_argument, NULL, 'h' },
        { "election", required_argument, NULL, 'e' },
        { "election-date", required_argument, NULL, 'd' },
        { "by-election", no_argument, NULL, 'b' },
        { "previous", required_argument, NULL, 'P' },
        { "from-uk-parliament", required_argument, NULL, 'u' },
        { "notional", required_argument, NULL, 'N' },
        { NULL, 0, NULL, 0 },
    };
    const char *pg = NULL, *listen = NULL, *code = NULL, *verb, *dir = NULL;
    const char *election = NULL, *election_date = NULL, *previous = NULL, *notional = NULL;
    int by_election = 0;
    unsigned heartbeat = 0;
    char cmd[32];
    int c;

    if (argc >= 2 && strcmp(argv[1], "simulate") == 0)
        return central_run_simulate(argc, argv);
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (argc < 2)
        return cli_say(EXIT_BAD,
                       "central: needs serve, token or simulate (see tally central --help)");
    verb = argv[1];
    if (strcmp(verb, "serve") != 0 && strcmp(verb, "token") != 0)
        return cli_say(EXIT_BAD, "no such central subcommand '%s' (see tally central --help)",
                       verb);
    snprintf(cmd, sizeof cmd, "central %s", verb);
    optind = 2;
    while ((c = cli_getopt(cmd, argc, argv, opts)) != -1) {
        if (c == 'p')
            pg = optarg;
        else if (c == 'l' && strcmp(verb, "serve") == 0)
            listen = optarg;
        else if (c == 'c' && strcmp(verb, "token") == 0)
            code = optarg;
        else if (c == 'u' && strcmp(verb, "token") == 0)
            dir = optarg;
        else if (c == 'h' && strcmp(verb, "serve") == 0) {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (!*optarg || *end || optarg[0] == '-' || n < 1 || n > 86400)
                return cli_say(EXIT_BAD, "%s: --heartbeat takes seconds, 1 to 86400", cmd);
            heartbeat = (unsigned)n;
        }
        else if (c == 'e' && strcmp(verb, "serve") == 0)
            election = optarg;
        else if (c == 'd' && strcmp(verb, "serve") == 0)
            election_date = optarg;
        else if (c == 'b' && strcmp(verb, "serve") == 0)
            by_election = 1;
        else if (c == 'e' || c == 'd' || c == 'b')
            return cli_say(EXIT_BAD, "%s: takes no --%s", cmd,
                           c == 'e' ? "election" : c == 'd' ? "election-date" : "by-election");
        else if (c == 'P' && strcmp(verb, "serve") == 0)
            previous = optarg;
        else if (c == 'N' && strcmp(verb, "serve") == 0)
            notional = optarg;
        else if (c == '?')
            return EXIT_BAD;
        else
            return cli_say(EXIT_BAD, "%s: takes no --%s", cmd,
                           c == 'l' ? "listen" : c == 'h' ? "heartbeat"
                           : c == 'P' ? "previous" : c == 'N' ? "notional"
                           : c == 'u' ? "from-uk-parliament" : "constituency");
    }
    if (cli_no_more(cmd, argc, argv) != 0)
        return EXIT_BAD;
    if (!pg)
        return cli_say(EXIT_BAD, "%s: needs --pg URL", cmd);
    if (strcmp(verb, "serve") == 0) {
        tally_server_options so = { 0 };
        so.central = pg;
        so.heartbeat = heartbeat;
        if ((election == NULL) != (election_date == NULL) || (by_election && !election))
            return cli_say(EXIT_BAD, "%s: --election and --election-date go together "
                           "(--by-election with them)", cmd);
        so.election = election;
        so.election_date = election_date;
        so.by_election = by_election;
        so.previous = previous;
        so.notional = notional;
        return cli_serve(&so, listen ? listen : "127.0.0.1:8080", "central results");
    }
    {
        tally_central *central;
        tally_error err;
        char token[TALLY_TOKEN_HEX];
        tally_status st;

        if (!code == !dir)
            return cli_say(EXIT_BAD, "%s: needs --constituency ID or --from-uk-parliament DIR",
                           cmd);
        if (dir)
            return central_tokens_for(pg, dir);
        if (!tally_constituency_code_ok(code))
            return cli_say(EXIT_BAD, "%s: --constituency must be a code of 1 to 64 of "
                           "A-Z a-z 0-9 - _", cmd);
        tally_error_clear(&err);
        if (tally_central_open(pg, &central, &err) != TALLY_OK)
            return cli_fail(&err);
        st = tally_central_token_issue(central, code, token, &err);
        tally_central_close(central);
        if (st != TALLY_OK)
            return cli_fail(&err);
        printf("%s\n", token);
        return EXIT_OK;
    }
}

const cli_command cli_cmd_central = { "central", "the central results service (PostgreSQL)",
                                      usage, run, 1 };
