/*
** tally result FILE: the result of one election from its definition and
** declared figures.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally/io.h"
#include "tally/report.h"
#include "tally/result.h"

static const char usage[] =
    "usage: tally result FILE [--format text|json|csv|html|pdf] [--seed N] [-o OUT]\n\n"
    "Compute the result of the election defined in FILE (docs/formats.md) from its\n"
    "declared figures: the declaration notice, valid and rejected papers, turnout,\n"
    "shares, majority, change, swing, hold or gain, deposits.\n\n"
    "  --format F   text (declaration notice and summary; default), json, csv, html,\n"
    "               pdf (the declaration notice on A4)\n"
    "  --seed N     seed for the lot if an equality of votes decides a seat; without\n"
    "               it a seed is drawn and printed, so the lot can be repeated\n"
    "  -o, --output OUT  write to OUT (atomically) instead of standard output\n\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing is written).\n";

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "seed", required_argument, NULL, 's' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    tally_report_format fmt = TALLY_REPORT_TEXT;
    tally_result_options ro = { 0 };
    const char *output = NULL;
    tally_election *e = NULL;
    tally_result *r = NULL;
    tally_error err;
    cli_out out;
    int c, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:s:o:", opts, NULL)) != -1) {
        unsigned long long seed;
        switch (c) {
        case 'f':
            if (tally_report_format_parse(optarg, &fmt) != TALLY_OK)
                return cli_say(EXIT_BAD, "unknown format '%s' (text, json, csv, html, pdf)",
                               optarg);
            break;
        case 's':
            if (cli_parse_u64(optarg, &seed) != 0)
                return cli_say(EXIT_BAD, "--seed needs a whole number from 0 to "
                                         "18446744073709551615, not '%s'", optarg);
            ro.has_seed = 1;
            ro.seed = seed;
            break;
        case 'o':
            output = optarg;
            break;
        default:
            fputs(usage, stderr);
            return EXIT_BAD;
        }
    }
    if (optind != argc - 1) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    if (!ro.has_seed) {
        unsigned long long seed;
        if (cli_draw_seed(&seed) != 0)
            return cli_say(EXIT_BAD, "cannot draw a seed: give --seed");
        ro.seed = seed;
        ro.has_seed = 2; /* drawn, not given */
    }

    tally_error_clear(&err);
    if (tally_io_read_election(argv[optind], &e, &err) != TALLY_OK)
        return cli_fail(&err);
    if (tally_result_compute(e, &ro, &r, &err) != TALLY_OK) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", argv[optind]);
        tally_election_free(e);
        return cli_fail(&err);
    }
    if (r->has_lot && ro.has_seed == 2)
        cli_say(0, "an equality of votes was decided by lot with seed %llu "
                   "(give --seed %llu to repeat it)", (unsigned long long)ro.seed,
                (unsigned long long)ro.seed);
    if ((rc = cli_out_open(&out)) == 0) {
        tally_status st = tally_report_write(r, fmt, out.f);
        if (st != TALLY_OK) {
            cli_out_discard(&out);
            rc = st == TALLY_ENOTFOUND ? cli_say(EXIT_BAD, "%s", CLI_NO_PDF)
                                       : cli_say(EXIT_BAD, "cannot render the result");
        } else {
            rc = cli_out_commit(&out, output);
        }
    }
    if (rc == 0 && output)
        printf("%s\n", output);
    tally_result_free(r);
    tally_election_free(e);
    return rc;
}

const cli_command cli_cmd_result = { "result", "compute one election's result", usage, run, 0 };
