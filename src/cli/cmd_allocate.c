/*
** tally allocate --method M FILE: the members returned by a list election
** (list PR, the additional member systems) from its party votes.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally/listpr.h"
#include "tally/listpr_io.h"

static const char usage[] =
    "usage: tally allocate --method M FILE [--seed N] [--format text|json] [-o OUT]\n\n"
    "Allocate the seats of the list election in FILE (docs/formats.md, \"List\n"
    "election JSON\") by highest averages, round by round.\n\n"
    "  --method M   dhondt, sainte-lague, modified-sainte-lague (the file may set\n"
    "               threshold_percent), ams-scotland (Scotland Act 1998 ss.6-8),\n"
    "               ams-london (Greater London Authority Act 1999 s.4, Sch 2),\n"
    "               senedd (Government of Wales Act 2006 ss.6-9 as substituted in 2024)\n"
    "  --seed N     seed for the lot if an equality for the highest quotient decides\n"
    "               a seat; without it a seed is drawn and printed, so the lot can be\n"
    "               repeated\n"
    "  --format F   text (the rounds and the members returned; default) or json\n"
    "  -o, --output OUT  write to OUT (atomically) instead of standard output\n\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing is written).\n";

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "method", required_argument, NULL, 'm' },
        { "format", required_argument, NULL, 'f' },
        { "seed", required_argument, NULL, 's' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    tally_list_method method = TALLY_LIST_DHONDT;
    tally_list_options lo = { 0 };
    tally_list_election *e = NULL;
    tally_list_result *r = NULL;
    const char *output = NULL;
    int json = 0, have_method = 0, drawn = 0, c, rc;
    tally_error err;
    tally_status s;
    cli_out out;

    optind = 1;
    while ((c = getopt_long(argc, argv, "m:f:s:o:", opts, NULL)) != -1) {
        unsigned long long seed;
        switch (c) {
        case 'm':
            if (tally_list_method_parse(optarg, &method) != TALLY_OK)
                return cli_say(EXIT_BAD, "unknown method '%s' (dhondt, sainte-lague, "
                                         "modified-sainte-lague, ams-scotland, ams-london, "
                                         "senedd)", optarg);
            have_method = 1;
            break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = 1;
            else if (strcmp(optarg, "text") == 0)
                json = 0;
            else
                return cli_say(EXIT_BAD, "unknown format '%s' (text, json)", optarg);
            break;
        case 's':
            if (cli_parse_u64(optarg, &seed) != 0)
                return cli_say(EXIT_BAD, "--seed needs a whole number from 0 to "
                                         "18446744073709551615, not '%s'", optarg);
            lo.has_seed = 1;
            lo.seed = seed;
            break;
        case 'o':
            output = optarg;
            break;
        default:
            fputs(usage, stderr);
            return EXIT_BAD;
        }
    }
    if (optind != argc - 1 || !have_method) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    if (!lo.has_seed) {
        unsigned long long seed;
        if (cli_draw_seed(&seed) != 0)
            return cli_say(EXIT_BAD, "cannot draw a seed: give --seed");
        lo.has_seed = 1;
        lo.seed = seed;
        drawn = 1;
    }
    tally_error_clear(&err);
    if (tally_io_read_list(argv[optind], &e, &err) != TALLY_OK)
        return cli_fail(&err);
    if ((s = tally_list_allocate(e, method, &lo, &r, &err)) != TALLY_OK) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", argv[optind]);
        tally_list_election_free(e);
        return cli_fail(&err);
    }
    if (r->n_lots && drawn)
        cli_say(0, "an equality was decided by lot with seed %llu (give --seed %llu to "
                   "repeat it)", (unsigned long long)lo.seed, (unsigned long long)lo.seed);
    if ((rc = cli_out_open(&out)) == 0) {
        s = json ? tally_report_list_json(r, out.f) : tally_report_list_text(r, out.f);
        if (s != TALLY_OK) {
            cli_out_discard(&out);
            rc = cli_say(EXIT_BAD, "cannot render the allocation");
        } else {
            rc = cli_out_commit(&out, output);
        }
    }
    if (rc == 0 && output)
        printf("%s\n", output);
    tally_list_result_free(r);
    tally_list_election_free(e);
    return rc;
}

const cli_command cli_cmd_allocate = { "allocate", "allocate list and additional member seats",
                                       usage, run, 0 };
