/*
** tally tabulate: count ballot files (BLT or CVR CSV) by a ballot-level
** method and write the stages of each count.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tally/blt.h"
#include "tally/cvr.h"
#include "tally/cvr_nist.h"
#include "tally/irv_passes.h"
#include "tally/method.h"
#include "tally/rctab.h"
#include "tally/rctab_multi.h"
#include "tally/stages.h"

static const char usage[] =
    "usage: tally tabulate --method M [--seats N] [--seed S] [--input blt|cvr-csv|cvr-nist]\n"
    "                      [--contest ID] [--format json|jsonl|text|csv|html] [--strict]\n"
    "                      [--overvote exhaust|skip] [--max-skipped-ranks N]\n"
    "                      [--duplicates skip|exhaust] [--batch-elimination] [-o OUT] FILE...\n"
    "       tally tabulate --rctab-config CONFIG [--seed S] [--format F] [-o OUT]\n\n"
    "Count each ballot file by the method and write its stage report: every\n"
    "candidate's votes at every stage, non-transferable papers, who is elected and\n"
    "excluded. One report per file; jsonl puts each on one line.\n\n"
    "  --method M   scottish-stv: Scottish Local Government Elections Order 2007\n"
    "               Sch 1 rules 45-52 (weighted inclusive Gregory, 5 decimal places)\n"
    "               fptp: first past the post, a vote for each of a paper's first\n"
    "               N preferences for N seats (PER rr. 49-50)\n"
    "               sv: supplementary vote (Local Government Act 2000 Sch 2)\n"
    "               irv: instant-runoff, one seat (RCTab's rules, options below)\n"
    "               meek: Meek STV, the PR Foundation reference rule (10^-9)\n"
    "               ers97: the Electoral Reform Society's 1997 STV rules\n"
    "               ni-stv: Northern Ireland STV, Electoral Law Act (NI) 1962\n"
    "               Sch 5 rules 46-52 (last sub-parcel, 2 decimal places)\n"
    "  --input I    blt; cvr-csv: one ballot per row, rank columns headed\n"
    "               \"Rank 1\", \"Rank 2\", ...; cvr-nist: NIST SP 1500-103 cast vote\n"
    "               records, JSON (default: cvr-csv for .csv, cvr-nist for .json,\n"
    "               blt for any other)\n"
    "  --seats N    seats to fill (default: as the file gives)\n"
    "  --seed S     seed for a lot, if an equality of votes at every stage must be\n"
    "               decided by lot; without it a seed is drawn and printed, so the\n"
    "               lot can be repeated\n"
    "  --format F   json (default), jsonl, text, csv (one row per candidate per stage;\n"
    "               several files make one CSV), html (one file: the stages and a\n"
    "               chart of each stage's transfers), rctab-json (with --rctab-config:\n"
    "               RCTab's detailed report, round by round), rctab-csv (with\n"
    "               --rctab-config: RCTab's CSV summary report)\n"
    "  --strict     refuse what strict BLT does not allow; by default files are read\n"
    "               as councils publish them (CSV-doubled quotes, unquoted names,\n"
    "               trailing commas, no 0 or line end at the end of lines, double-\n"
    "               encoded UTF-8, repaired with a warning)\n"
    "  --overvote R           irv, and reading a CVR's \"overvote\": exhaust the paper\n"
    "                         (default) or skip the rank\n"
    "  --max-skipped-ranks N  irv, fptp: a CVR paper is exhausted at a mark after more\n"
    "                         than N blank ranks (default: blanks are passed over)\n"
    "  --duplicates R         irv: a repeated candidate is skipped (default) or\n"
    "                         exhausts the paper\n"
    "  --batch-elimination    irv: exclude together the lowest candidates whose votes\n"
    "                         together are fewer than the next candidate's\n"
    "  sv and scottish-stv read a CVR's ranks in sequence: a blank or \"overvote\" rank\n"
    "  ends the paper there.\n"
    "  --rctab-config CONFIG  count an RCTab contest as its configuration gives it:\n"
    "               its candidates (names and aliases, excluded ones withdrawn), every\n"
    "               CVR file it lists, its reading rules; by irv, the undeclared\n"
    "               write-ins excluded at the first round. A rule tally does not count\n"
    "               by (several winners, a minimum vote threshold, ...) is refused\n"
    "  -o, --output OUT  write to OUT (atomically) instead of standard output\n\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing is written).\n";

static void warn(void *ctx, const tally_error *w)
{
    (void)ctx;
    fprintf(stderr, "tally: %s:%d:%d: warning: %s\n", w->file, w->line, w->column, w->message);
}

enum { IN_BLT = 0, IN_CVR_CSV, IN_CVR_NIST };

/* The input format: given, or from the file's extension (.csv a CVR CSV,
** .json NIST SP 1500-103 cast vote records, anything else BLT). */
static int input_of(const char *path, int input)
{
    size_t n = strlen(path);

    if (input >= 0)
        return input;
    if (n >= 4 && strcmp(path + n - 4, ".csv") == 0)
        return IN_CVR_CSV;
    if (n >= 5 && strcmp(path + n - 5, ".json") == 0)
        return IN_CVR_NIST;
    return IN_BLT;
}

/* "scottish-stv, fptp, ..." from the method table, for messages. */
static const char *method_names(void)
{
    static char buf[256];
    size_t n, o = 0;
    const tally_method_def *m = tally_method_list(&n);
    for (size_t i = 0; i < n && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? ", " : "", m[i].key);
    return buf;
}

/* tally's rule for an equality, and whether RCTab's mode named it. */
static void say_tiebreak(const char *config, const tally_rctab_info *about,
                         const tally_method_result *r)
{
    for (size_t i = 0; i < r->n_stages && !about->tiebreak_counted; i++)
        if (r->stages[i].n_tied) {
            fprintf(stderr, "tally: %s: warning: an equality at stage %zu was decided by tally's "
                            "rule (the earlier stages, then lot), not by tiebreakMode \"%s\"\n",
                    config, i + 1, about->tiebreak);
            return;
        }
}

static int write_result(const char *path, const tally_method_result *r,
                        const tally_method_options *mo, tally_stages_format fmt,
                        const tally_rctab_info *about, int rctab_json, FILE *out);

/* Count pool and write its report; about is the RCTab contest, or NULL,
** and rctab_json asks for RCTab's report instead of fmt. */
static int count_write(const char *path, const tally_pool *pool, const tally_method_def *def,
                       const tally_method_options *mo, tally_stages_format fmt,
                       const tally_rctab_info *about, int rctab_json, FILE *out)
{
    tally_method_result *r = NULL;
    tally_error err;
    int rc;

    if (tally_method_run(def, pool, mo, &r, &err) != TALLY_OK) {
        snprintf(err.file, sizeof err.file, "%s", path);
        return cli_fail(&err);
    }
    rc = write_result(path, r, mo, fmt, about, rctab_json, out);
    tally_method_result_free(r);
    return rc;
}

/* Write result r's report (count_write's arguments). */
static int write_result(const char *path, const tally_method_result *r,
                        const tally_method_options *mo, tally_stages_format fmt,
                        const tally_rctab_info *about, int rctab_json, FILE *out)
{
    tally_status st;
    int rc = EXIT_OK;

    if (r->n_lots && mo->has_seed == 2)
        cli_say(0, "%s: an equality of votes was decided by lot with seed %llu "
                   "(give --seed %llu to repeat it)", path, (unsigned long long)mo->seed,
                (unsigned long long)mo->seed);
    if (about)
        say_tiebreak(path, about, r);
    if (rctab_json) {
        tally_rctab_report info = { about->contest, about->date, about->jurisdiction,
                                    about->office, CLI_VERSION, about->n_candidates,
                                    about->write_in_declared, about->stop_after,
                                    about->first_threshold, about->passes > 1 };
        st = rctab_json == 2 ? tally_stages_rctab_csv(r, &info, out)
                             : tally_stages_rctab_json(r, &info, out);
    } else {
        st = fmt == TALLY_STAGES_CSV ? tally_stages_csv_rows(r, path, out)
                                     : tally_stages_write(r, path, fmt, out);
    }
    if (st != TALLY_OK)
        rc = cli_say(EXIT_BAD, "out of memory");
    else if (fmt == TALLY_STAGES_TEXT)
        fputc('\n', out);
    return rc;
}

/* Count one file into out; returns an exit status. sv and scottish-stv
** read a CVR's ranks in sequence (a gap or an unnamed overvote ends the
** paper); irv and fptp read it by the irv options. */
static int one(const char *path, const tally_method_def *def, const tally_method_options *mo,
               const tally_blt_options *bo, int input, const tally_irv_options *io,
               const tally_cvr_nist_options *no, tally_stages_format fmt, FILE *out)
{
    static const tally_irv_options in_sequence = { .limit_skipped = 1 };
    int by_rules = def->run == tally_irv || def->run == tally_fptp;
    tally_pool *pool = NULL;
    tally_error err;
    tally_status st;
    int rc;

    switch (input_of(path, input)) {
    case IN_CVR_CSV:
        st = tally_cvr_csv_read(path, by_rules ? io : &in_sequence, &pool, &err);
        break;
    case IN_CVR_NIST: {
        const tally_irv_options *rules = by_rules ? io : &in_sequence;
        tally_cvr_nist_options nr = *no;
        nr.limit_skipped = rules->limit_skipped;
        nr.max_skipped = rules->max_skipped;
        st = tally_cvr_nist_read(path, &nr, &pool, &err);
        break;
    }
    default:
        st = tally_blt_read(path, bo, &pool, &err);
    }
    if (st != TALLY_OK)
        return cli_fail(&err);
    rc = count_write(path, pool, def, mo, fmt, NULL, 0, out);
    tally_pool_free(pool);
    return rc;
}

/* RCTab's multiPassIrv (irv_passes.h): every pass's report in turn, as
** RCTab writes a report per pass; in the JSON formats, an array of them,
** so the output is one JSON document. */
static int count_passes(const char *path, const tally_pool *pool,
                        const tally_method_options *mo, tally_stages_format fmt,
                        const tally_rctab_info *about, int rctab_json, FILE *out)
{
    int json = rctab_json == 1 || fmt == TALLY_STAGES_JSON, rc = EXIT_OK;
    tally_irv_passes *s = NULL;
    tally_error err;

    if (tally_irv_passes_count(pool, mo, (int)about->passes, &s, &err) != TALLY_OK) {
        snprintf(err.file, sizeof err.file, "%s", path);
        return cli_fail(&err);
    }
    if (json)
        fputs("[\n", out);
    for (size_t i = 0; i < tally_irv_passes_n(s) && rc == EXIT_OK; i++) {
        if (i && json)
            fputs(",\n", out);
        rc = write_result(path, tally_irv_passes_get(s, i), mo, fmt, about, rctab_json, out);
    }
    if (json) /* RCTab's report ends at its brace, with no line end */
        fputs(rctab_json == 1 ? "\n]\n" : "]\n", out);
    tally_irv_passes_free(s);
    return rc;
}

/* RCTab's several-seat modes (rctab_multi.h): one count, written as
** RCTab's report or as tally's stages of it, a stage a round. */
static int count_several(const char *path, const tally_pool *pool, const tally_rctab *c,
                         const tally_method_options *mo, tally_stages_format fmt,
                         int rctab_json, FILE *out)
{
    const tally_rctab_info *about = tally_rctab_about(c);
    tally_rctab_multi *m = NULL;
    tally_error err;
    int rc;

    if (tally_rctab_multi_count(pool, tally_rctab_rules(c), tally_rctab_multi_of(c), mo, &m,
                                &err) != TALLY_OK) {
        snprintf(err.file, sizeof err.file, "%s", path);
        return cli_fail(&err);
    }
    if (rctab_json) {
        tally_rctab_report info = { about->contest, about->date, about->jurisdiction,
                                    about->office, CLI_VERSION, about->n_candidates,
                                    about->write_in_declared, 0, 0, 0 };
        say_tiebreak(path, about, tally_rctab_multi_result(m));
        rc = (rctab_json == 2 ? tally_stages_rctab_multi_csv(m, &info, out)
                              : tally_stages_rctab_multi_json(m, &info, out)) == TALLY_OK
                 ? EXIT_OK
                 : cli_say(EXIT_BAD, "out of memory");
    } else {
        rc = write_result(path, tally_rctab_multi_result(m), mo, fmt, about, 0, out);
    }
    tally_rctab_multi_free(m);
    return rc;
}

/* An RCTab contest: its configuration's files, candidates and rules. */
static int rctab(const char *config, const tally_method_def *def, tally_method_options *mo,
                 tally_stages_format fmt, int rctab_json, FILE *out)
{
    tally_rctab *c = NULL;
    tally_pool *pool = NULL;
    tally_error err;
    int rc;

    if (tally_rctab_load(config, &c, &err) != TALLY_OK ||
        tally_rctab_read(c, &pool, &err) != TALLY_OK) {
        tally_rctab_free(c);
        return cli_fail(&err);
    }
    mo->irv = tally_rctab_rules(c);
    if (tally_rctab_multi_of(c))
        rc = count_several(config, pool, c, mo, fmt, rctab_json, out);
    else if (tally_rctab_about(c)->passes)
        rc = count_passes(config, pool, mo, fmt, tally_rctab_about(c), rctab_json, out);
    else
        rc = count_write(config, pool, def, mo, fmt, tally_rctab_about(c), rctab_json, out);
    tally_pool_free(pool);
    tally_rctab_free(c);
    return rc;
}

static int run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "method", required_argument, NULL, 'm' },
        { "seats", required_argument, NULL, 'n' },
        { "seed", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' },
        { "strict", no_argument, NULL, 'S' },
        { "output", required_argument, NULL, 'o' },
        { "input", required_argument, NULL, 'i' },
        { "overvote", required_argument, NULL, 'V' },
        { "max-skipped-ranks", required_argument, NULL, 'K' },
        { "duplicates", required_argument, NULL, 'D' },
        { "batch-elimination", no_argument, NULL, 'B' },
        { "contest", required_argument, NULL, 'C' },
        { "rctab-config", required_argument, NULL, 'R' },
        { NULL, 0, NULL, 0 },
    };
    const tally_method_def *def = NULL;
    tally_method_options mo = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_blt_options bo = { 1, warn, NULL };
    tally_stages_format fmt = TALLY_STAGES_JSON;
    tally_irv_options io = { 0 };
    mo.irv = &io; /* irv's rules; other methods pass them over */
    tally_cvr_nist_options no = { .contest = NULL };
    int input = -1; /* -1: from the extension; else IN_* */
    const char *output = NULL, *config = NULL;
    int reading_rules = 0; /* an option that --rctab-config's rules replace */
    int rctab_json = 0;    /* --format rctab-json 1, rctab-csv 2 */
    unsigned long long v;
    cli_out out;
    int c, rc = EXIT_OK;

    optind = 1;
    while ((c = getopt_long(argc, argv, "m:n:s:f:o:", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            if (!(def = tally_method_find(optarg)))
                return cli_say(EXIT_BAD, "unknown method '%s' (%s)", optarg, method_names());
            break;
        case 'n':
            if (cli_parse_u64(optarg, &v) != 0 || v < 1 || v > 100000)
                return cli_say(EXIT_BAD, "--seats needs a whole number from 1, not '%s'", optarg);
            mo.seats = (int)v;
            break;
        case 's':
            if (cli_parse_u64(optarg, &v) != 0)
                return cli_say(EXIT_BAD, "--seed needs a whole number from 0 to "
                                         "18446744073709551615, not '%s'", optarg);
            mo.has_seed = 1;
            mo.seed = v;
            break;
        case 'f':
            rctab_json = strcmp(optarg, "rctab-json") == 0   ? 1
                         : strcmp(optarg, "rctab-csv") == 0 ? 2
                                                            : 0;
            if (!rctab_json && tally_stages_format_parse(optarg, &fmt) != TALLY_OK)
                return cli_say(EXIT_BAD, "unknown format '%s' (json, jsonl, text, csv, html, "
                                         "rctab-json, rctab-csv)", optarg);
            break;
        case 'S':
            bo.lenient = 0;
            break;
        case 'o':
            output = optarg;
            break;
        case 'i':
            reading_rules = 1;
            if (strcmp(optarg, "blt") == 0)
                input = IN_BLT;
            else if (strcmp(optarg, "cvr-csv") == 0)
                input = IN_CVR_CSV;
            else if (strcmp(optarg, "cvr-nist") == 0)
                input = IN_CVR_NIST;
            else
                return cli_say(EXIT_BAD, "unknown input '%s' (blt, cvr-csv, cvr-nist)", optarg);
            break;
        case 'C':
            no.contest = optarg;
            reading_rules = 1;
            break;
        case 'R':
            config = optarg;
            break;
        case 'V':
            reading_rules = 1;
            if (strcmp(optarg, "exhaust") != 0 && strcmp(optarg, "skip") != 0)
                return cli_say(EXIT_BAD, "--overvote is exhaust or skip, not '%s'", optarg);
            io.overvote = strcmp(optarg, "skip") == 0 ? TALLY_OVERVOTE_SKIP
                                                      : TALLY_OVERVOTE_EXHAUST;
            break;
        case 'K':
            reading_rules = 1;
            if (cli_parse_u64(optarg, &v) != 0 || v > 100000)
                return cli_say(EXIT_BAD, "--max-skipped-ranks needs a whole number from 0, "
                                         "not '%s'", optarg);
            io.limit_skipped = 1;
            io.max_skipped = (int)v;
            break;
        case 'D':
            reading_rules = 1;
            if (strcmp(optarg, "exhaust") != 0 && strcmp(optarg, "skip") != 0)
                return cli_say(EXIT_BAD, "--duplicates is skip or exhaust, not '%s'", optarg);
            io.duplicate = strcmp(optarg, "exhaust") == 0 ? TALLY_DUPLICATE_EXHAUST
                                                          : TALLY_DUPLICATE_SKIP;
            break;
        case 'B':
            reading_rules = 1;
            io.batch = 1;
            break;
        default:
            fputs(usage, stderr);
            return EXIT_BAD;
        }
    }
    if (rctab_json && !config)
        return cli_say(EXIT_BAD, "--format %s writes RCTab's report of an RCTab "
                                 "contest: give --rctab-config",
                       rctab_json == 2 ? "rctab-csv" : "rctab-json");
    if (config) {
        if (!def)
            def = tally_method_find("irv");
        if (def->run != tally_irv)
            return cli_say(EXIT_BAD, "--rctab-config counts by irv, RCTab's single-winner "
                                     "rules, not by --method %s", def->key);
        if (reading_rules || optind < argc)
            return cli_say(EXIT_BAD, "--rctab-config gives the files and their reading rules: "
                                     "give no %s", optind < argc ? "ballot file" : "--input, "
                                     "--contest, --overvote, --max-skipped-ranks, --duplicates "
                                     "or --batch-elimination");
    }
    if (!def)
        return cli_say(EXIT_BAD, "give the counting method: --method %s", method_names());
    if (optind >= argc && !config) {
        fputs(usage, stderr);
        return EXIT_BAD;
    }
    if (!mo.has_seed) {
        if (cli_draw_seed(&v) != 0)
            return cli_say(EXIT_BAD, "cannot draw a seed: give --seed");
        mo.seed = v;
        mo.has_seed = 2; /* drawn, not given */
    }
    if (fmt == TALLY_STAGES_HTML && argc - optind > 1)
        return cli_say(EXIT_BAD, "--format html makes one page: give one file");
    if ((rc = cli_out_open(&out)) != 0)
        return rc;
    if (fmt == TALLY_STAGES_CSV)
        tally_stages_csv_header(out.f); /* one header over every file's rows */
    if (config)
        rc = rctab(config, def, &mo, fmt, rctab_json, out.f);
    for (int i = optind; i < argc && rc == EXIT_OK; i++)
        rc = one(argv[i], def, &mo, &bo, input, &io, &no, fmt, out.f);
    if (rc != EXIT_OK) {
        cli_out_discard(&out);
        return rc;
    }
    if ((rc = cli_out_commit(&out, output)) == 0 && output)
        printf("%s\n", output);
    return rc;
}

const cli_command cli_cmd_tabulate = { "tabulate", "count ballot files (STV, SV, IRV) stage by stage",
                                       usage, run, 0 };
