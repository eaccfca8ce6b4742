/*
** tally results --uk-parliament DIR: every contest of a results layout
** through the same engine as tally result.
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally/io.h"
#include "tally/report.h"
#include "tally/result.h"

static const char usage[] =
    "usage: tally results --uk-parliament DIR [--previous DIR] [--format json|csv] [-o OUT]\n\n"
    "Compute the result of every contest in a UK Parliament results layout\n"
    "(constituencies + candidacies CSV, docs/formats.md): shares, majority, turnout,\n"
    "deposits and, with --previous, change, swing and hold or gain against the\n"
    "previous result of the same constituency (matched by ONS id).\n\n"
    "A contest whose figures do not add up (candidate votes not summing to the valid\n"
    "total) is reported on standard error by name and left out; the rest are computed.\n\n"
    "  --uk-parliament DIR  the results to compute\n"
    "  --previous DIR       the previous results to compare with\n"
    "  --format F           json (an array of result objects, each with ons_id; default)\n"
    "                       or csv (one row per candidate)\n"
    "  -o, --output OUT     write to OUT (atomically) instead of standard output\n\n"
    "Exit status: 0 ok, 1 a contest failed its checks, 2 bad input or usage.\n";

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "uk-parliament", required_argument, NULL, 'u' },
        { "previous", required_argument, NULL, 'p' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = NULL, *prev = NULL, *output = NULL;
    tally_report_format fmt = TALLY_REPORT_JSON;
    tally_contest_set *set = NULL;
    tally_error err;
    json_t *array = NULL;
    cli_out out;
    int c, rc, failed = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'u': dir = optarg; break;
        case 'p': prev = optarg; break;
        case 'o': output = optarg; break;
        case 'f':
            if (tally_report_format_parse(optarg, &fmt) != TALLY_OK ||
                (fmt != TALLY_REPORT_JSON && fmt != TALLY_REPORT_CSV))
                return cli_say(EXIT_BAD, "unknown format '%s' (json, csv)", optarg);
            break;
        default:
            fputs(usage, stderr);
            return EXIT_BAD;
        }
    }
    if (!dir || optind != argc) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    tally_error_clear(&err);
    if (tally_io_read_uk_parliament(dir, prev, &set, &err) != TALLY_OK)
        return cli_fail(&err);
    if ((rc = cli_out_open(&out)) != 0) {
        tally_contest_set_free(set);
        return rc;
    }
    if (fmt == TALLY_REPORT_CSV)
        tally_report_csv_header(out.f);
    else
        array = json_array();

    for (size_t i = 0; i < set->n; i++) {
        tally_result *r = NULL;
        tally_error cerr;
        tally_error_clear(&cerr);
        if (tally_result_compute(set->contests[i], NULL, &r, &cerr) != TALLY_OK) {
            cli_say(0, "%s: %s (%s): %s", dir, set->contests[i]->area_name, set->ids[i],
                    cerr.message);
            failed++;
            continue;
        }
        if (fmt == TALLY_REPORT_CSV) {
            tally_report_csv_rows(r, out.f);
        } else {
            json_t *o = NULL, *row = json_pack("{s:s}", "ons_id", set->ids[i]);
            if (tally_report_json_object(r, &o) == TALLY_OK) {
                json_object_update(row, o);
                json_decref(o);
            }
            json_array_append_new(array, row);
        }
        tally_result_free(r);
    }
    if (array) {
        if (json_dumpf(array, out.f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
            rc = cli_say(EXIT_BAD, "cannot render the results");
        fputc('\n', out.f);
        json_decref(array);
    }
    if (rc == 0)
        rc = cli_out_commit(&out, output);
    else
        cli_out_discard(&out);
    if (rc == 0 && failed)
        rc = cli_say(EXIT_CHECK, "%d of %zu contests failed their checks", failed, set->n);
    tally_contest_set_free(set);
    return rc;
}

const cli_command cli_cmd_results = { "results", "compute every contest of a results layout",
                                      usage, run, 0 };
