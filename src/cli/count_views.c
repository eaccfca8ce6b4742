/*
** tally count status | log | report: what the count shows, read from the
** log (replayed and chain-checked on open). Renders only: every figure
** comes from count/ and results/.
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "count_cli.h"
#include "tally/nist_err.h"
#include "tally/report.h"
#include "tally/stages.h"
#include "tally/store.h"

typedef struct view_args {
    const char *db, *format, *what, *output;
} view_args;

/* Each view and the formats it writes, its default first. The declaration
** is written in pdf too (report_format below), and in nist-err. */
static const char *const formats[][3] = {
    { "status", "text", "json" }, { "log", "text", "jsonl" }, { "report", "text", "json" },
};

/* A report's format and what it reports go together: pdf and --output are
** for the declaration and the statement of rejected papers. */
static int report_format(const view_args *v)
{
    int decl = strcmp(v->what, "declaration") == 0;
    int pdf = v->format && strcmp(v->format, "pdf") == 0;
    if (v->format && strcmp(v->format, "nist-err") == 0 && !decl)
        return cli_say(EXIT_BAD, "count report: --format nist-err is for the declaration only");
    if (pdf && !decl && strcmp(v->what, "rejected") != 0)
        return cli_say(EXIT_BAD, "count report: --format pdf is for the declaration and the "
                                 "rejected papers only");
    if (strcmp(v->what, "stages") == 0 && v->output)
        return cli_say(EXIT_BAD, "count report: --output is for the declaration, or with "
                                 "--format pdf");
    if (v->output && !decl && !pdf)
        return cli_say(EXIT_BAD, "count report: --output is for the declaration, or with "
                                 "--format pdf");
    return EXIT_OK;
}

static int parse(const char *name, int argc, char **argv, view_args *v, int want_what)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    char cmd[32];
    int c;
    memset(v, 0, sizeof *v);
    snprintf(cmd, sizeof cmd, "count %s", name);
    optind = 1;
    while ((c = cli_getopt(cmd, argc, argv, opts)) != -1) {
        const char **slot = c == 'd' ? &v->db : c == 'f' ? &v->format
                            : c == 'o' && want_what ? &v->output : NULL;
        if (!slot)
            return c == 'o' ? cli_say(EXIT_BAD, "%s: unknown option '--output'", cmd) : EXIT_BAD;
        if (*slot)
            return cli_say(EXIT_BAD, "%s: --%s is given twice", cmd,
                           c == 'd' ? "db" : c == 'f' ? "format" : "output");
        *slot = optarg;
    }
    if (want_what) {
        if (optind == argc)
            return cli_say(EXIT_BAD, "%s: needs what to report: verification, rejected, declaration or "
                           "stages", cmd);
        v->what = argv[optind++];
    }
    if (cli_no_more(cmd, argc, argv) != 0)
        return EXIT_BAD;
    if (!v->db)
        return cli_say(EXIT_BAD, "%s: needs --db (see tally count --help)", cmd);
    if (!*v->db)
        return cli_say(EXIT_BAD, "%s: --db needs a path", cmd);
    if (v->format) {
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
            if (strcmp(formats[i][0], name) == 0 && strcmp(formats[i][1], v->format) != 0 &&
                strcmp(formats[i][2], v->format) != 0 &&
                !(want_what && (strcmp(v->format, "pdf") == 0 ||
                                strcmp(v->format, "nist-err") == 0)))
                return cli_say(EXIT_BAD, "%s: unknown format '%s' (%s%s or %s)", cmd, v->format,
                               formats[i][1], want_what ? ", json" : "",
                               want_what ? "pdf" : formats[i][2]);
    }
    if (want_what && strcmp(v->what, "verification") != 0 && strcmp(v->what, "rejected") != 0 &&
        strcmp(v->what, "declaration") != 0 && strcmp(v->what, "stages") != 0)
        return cli_say(EXIT_BAD, "no report \"%s\" (verification, rejected, declaration, "
                                 "stages)", v->what);
    return want_what ? report_format(v) : EXIT_OK;
}

static void print_json(json_t *o)
{
    tally_report_json_value(o, stdout);
}

static void status_text(json_t *st)
{
    const char *k;
    json_t *v, *rec = json_object_get(st, "reconciliation");
    size_t i;

    printf("%s: %s count, phase %s, %lld events\n",
           json_string_value(json_object_get(st, "area")),
           json_string_value(json_object_get(st, "mode")),
           json_string_value(json_object_get(st, "phase")),
           (long long)json_integer_value(json_object_get(st, "events")));
    printf("Boxes verified: %lld of %lld\n",
           (long long)json_integer_value(json_object_get(json_object_get(st, "boxes"), "verified")),
           (long long)json_integer_value(json_object_get(json_object_get(st, "boxes"), "total")));
    /* Several seats: a paper carries up to `seats` votes, and the valid
    ** papers, not the votes, reconcile. */
    int several = json_is_integer(json_object_get(rec, "valid_papers"));
    int stv = json_is_string(json_object_get(st, "method"));

    printf("\n%s:\n", stv ? "First preferences of the papers imported"
                      : several ? "Votes counted so far" : "Papers counted so far");
    json_object_foreach(json_object_get(st, "papers"), k, v)
        printf("  %-40s %10lld\n", k, (long long)json_integer_value(v));
    printf("Rejected:\n");
    json_object_foreach(json_object_get(st, "rejected"), k, v)
        printf("  %-40s %10lld\n", k, (long long)json_integer_value(v));
    if (several && !stv)
        printf("\n%lld seats: %lld votes on %lld valid papers\n",
               (long long)json_integer_value(json_object_get(st, "seats")),
               (long long)json_integer_value(json_object_get(rec, "candidate_votes")),
               (long long)json_integer_value(json_object_get(rec, "valid_papers")));
    printf("\nReconciliation: %s %lld + rejected %lld = %lld", several ? "valid papers" : "votes",
           (long long)json_integer_value(json_object_get(rec, several ? "valid_papers"
                                                                      : "candidate_votes")),
           (long long)json_integer_value(json_object_get(rec, "rejected")),
           (long long)json_integer_value(json_object_get(rec, "counted_total")));
    if (json_is_integer(json_object_get(rec, "verified_total")))
        printf(" against %lld verified (difference %lld)",
               (long long)json_integer_value(json_object_get(rec, "verified_total")),
               (long long)json_integer_value(json_object_get(rec, "difference")));
    printf("\n");
    if (json_is_string(json_object_get(rec, "explanation")))
        printf("  explained: %s\n", json_string_value(json_object_get(rec, "explanation")));
    json_array_foreach(json_object_get(st, "requests_pending"), i, v)
        printf("Pending: %s asked for by %s (%s), event %lld\n",
               json_string_value(json_object_get(v, "kind")),
               json_string_value(json_object_get(v, "by")),
               json_string_value(json_object_get(v, "role")),
               (long long)json_integer_value(json_object_get(v, "seq")));
    json_array_foreach(json_object_get(st, "requests_settled"), i, v)
        printf("Settled: %s asked for by %s: %s\n", json_string_value(json_object_get(v, "kind")),
               json_string_value(json_object_get(v, "by")),
               json_string_value(json_object_get(v, "outcome")));
    if (json_is_string(json_object_get(st, "method"))) {
        /* An STV count: the papers imported, and the elected in order of
        ** election once the count is complete. */
        printf("\nMethod: %s\n", json_string_value(json_object_get(st, "method")));
        json_object_foreach(json_object_get(st, "papers_imported"), k, v)
            printf("Papers imported: box %s, %lld\n", k, (long long)json_integer_value(v));
        json_array_foreach(json_object_get(st, "elected"), i, v)
            printf("Elected: %s\n", json_string_value(v));
        return;
    }
    if (several)
        json_array_foreach(json_object_get(json_object_get(st, "result"), "candidates"), i, v)
            if (json_is_true(json_object_get(v, "elected")))
                printf("Elected: %s\n", json_string_value(json_object_get(v, "name")));
}

static int status(tally_log *log, const view_args *v)
{
    json_t *st;
    if (tally_report_count_status(tally_log_count(log), &st) != TALLY_OK)
        return cli_say(EXIT_BAD, "out of memory");
    if (v->format && strcmp(v->format, "json") == 0)
        print_json(st);
    else
        status_text(st);
    json_decref(st);
    return EXIT_OK;
}

static int log_line(void *ctx, uint64_t seq, const char *json, const char *hash)
{
    json_t *ev = json_loads(json, 0, NULL);
    (void)ctx;
    printf("%6llu  %s  %-16s %-24s %.16s\n", (unsigned long long)seq,
           json_string_value(json_object_get(ev, "time")),
           json_string_value(json_object_get(ev, "actor")),
           json_string_value(json_object_get(ev, "type")), hash);
    json_decref(ev);
    return 0;
}

/* The time of the last event of a type (NULL: of any type), for a PDF's
** creation date: the same log gives the same bytes. */
typedef struct event_time {
    const char *type;
    char time[TALLY_TIME_MAX];
} event_time;

static int time_of(void *ctx, uint64_t seq, const char *json, const char *hash)
{
    event_time *et = ctx;
    json_t *ev = json_loads(json, 0, NULL);
    const char *type = json_string_value(json_object_get(ev, "type"));
    const char *time = json_string_value(json_object_get(ev, "time"));
    int y, mo, d, h, mi, sec, used = 0;
    (void)seq;
    (void)hash;
    /* Only the store's own form, "2021-07-02T03:14:00Z", is passed on. */
    if (type && (!et->type || strcmp(type, et->type) == 0) && time &&
        sscanf(time, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &sec, &used) == 6 &&
        used == 20 && !time[used])
        snprintf(et->time, sizeof et->time, "%s", time);
    json_decref(ev);
    return 0;
}

/* The declaration as a NIST SP 1500-100 election report (nist_err.h), at
** the time of the declaration, with the log's head: written whole or not
** at all. */
static int nist(tally_log *log, const tally_result *r, const view_args *v)
{
    event_time when = { "result_declared", "" };
    char head[TALLY_HASH_HEX];
    tally_error err;
    json_t *o = NULL;
    cli_out out;
    int rc;

    tally_error_clear(&err);
    if (tally_log_each(log, time_of, &when, &err) != TALLY_OK)
        return cli_fail(&err);
    if (!when.time[0])
        return cli_say(EXIT_BAD, "%s: the declaration has no time", v->db);
    tally_log_head(log, head);
    if (tally_nist_err_result(r, head, when.time, &o, &err) != TALLY_OK)
        return cli_fail(&err);
    if ((rc = cli_out_open(&out)) != 0) {
        json_decref(o);
        return rc;
    }
    if (tally_report_json_value(o, out.f) != TALLY_OK) {
        json_decref(o);
        cli_out_discard(&out);
        return cli_say(EXIT_BAD, "cannot render the declaration");
    }
    json_decref(o);
    if ((rc = cli_out_commit(&out, v->output)) == 0 && v->output)
        printf("%s\n", v->output);
    return rc;
}

/* Write a report to --output or standard output, whole or not at all:
** the declaration (r) or the statement of rejected papers (rs, its JSON). */
static int paper(tally_log *log, const tally_result *r, json_t *rs, const view_args *v)
{
    tally_report_format fmt = TALLY_REPORT_TEXT;
    event_time when = { r ? "result_declared" : NULL, "" };
    int64_t papers[TALLY_HEADS_MAX] = { 0 }, objected[TALLY_HEADS_MAX] = { 0 };
    const tally_count *c = tally_log_count(log);
    tally_error err;
    tally_status s;
    json_t *h;
    size_t i;
    cli_out out;
    int rc;

    if (v->format)
        tally_report_format_parse(v->format, &fmt);
    tally_error_clear(&err);
    if (fmt == TALLY_REPORT_PDF && tally_log_each(log, time_of, &when, &err) != TALLY_OK)
        return cli_fail(&err);
    json_array_foreach(json_object_get(rs, "heads"), i, h) if (i < TALLY_HEADS_MAX) {
        papers[i] = json_integer_value(json_object_get(h, "papers"));
        objected[i] = json_integer_value(json_object_get(h, "objected"));
    }
    if ((rc = cli_out_open(&out)) != 0)
        return rc;
    if (!r)
        s = fmt == TALLY_REPORT_PDF
                ? tally_report_rejected_pdf(tally_count_election(c), papers, objected,
                                            when.time[0] ? when.time : NULL, out.f)
                : tally_report_rejected_text(tally_count_election(c), papers, objected, out.f);
    else
        s = fmt == TALLY_REPORT_PDF ? tally_report_pdf(r, when.time[0] ? when.time : NULL, out.f)
                                    : tally_report_write(r, fmt, out.f);
    if (s != TALLY_OK) {
        cli_out_discard(&out);
        return s == TALLY_ENOTFOUND ? cli_say(EXIT_BAD, "%s", CLI_NO_PDF)
                                    : cli_say(EXIT_BAD, "cannot render the %s",
                                              r ? "declaration" : "statement");
    }
    if ((rc = cli_out_commit(&out, v->output)) == 0 && v->output)
        printf("%s\n", v->output);
    return rc;
}

/* An STV count's declaration: the elected in order of election, the
** valid and rejected papers, then the stage report (text), or the stage
** report alone (json); written whole or not at all. */
static int stv_declaration(tally_count *c, const tally_method_result *r, const view_args *v)
{
    cli_out out;
    int rc;

    if (v->format && strcmp(v->format, "text") != 0 && strcmp(v->format, "json") != 0)
        return cli_say(EXIT_BAD, "count report: an STV count's declaration is written as text "
                                 "or json, not %s", v->format);
    if ((rc = cli_out_open(&out)) != 0)
        return rc;
    if (v->format && strcmp(v->format, "json") == 0) {
        if (tally_stages_json(r, NULL, 0, out.f) != TALLY_OK) {
            cli_out_discard(&out);
            return cli_say(EXIT_BAD, "cannot render the declaration");
        }
    } else if (tally_report_stv_declaration_text(c, r, out.f) != TALLY_OK) {
        cli_out_discard(&out);
        return cli_say(EXIT_BAD, "cannot render the declaration");
    }
    if ((rc = cli_out_commit(&out, v->output)) == 0 && v->output)
        printf("%s\n", v->output);
    return rc;
}

static int report(tally_log *log, const view_args *v)
{
    tally_count *c = tally_log_count(log);
    int json = v->format && strcmp(v->format, "json") == 0;
    json_t *o = NULL;

    if (strcmp(v->what, "stages") == 0 ||
        (strcmp(v->what, "declaration") == 0 && tally_count_is_stv(c))) {
        const tally_method_result *r;
        tally_error err;
        int decl = v->what[0] == 'd';
        if (!tally_count_is_stv(c))
            return cli_say(EXIT_BAD, "the stage report is an STV count's; this count is first "
                                     "past the post");
        if (decl && tally_count_get_phase(c) != TALLY_PHASE_DECLARED)
            return cli_say(EXIT_BAD, "the result has not been declared");
        tally_error_clear(&err);
        if (tally_count_stv_result(c, &r, &err) != TALLY_OK)
            return cli_fail(&err);
        if (decl)
            return stv_declaration(c, r, v);
        if (tally_stages_write(r, NULL, json ? TALLY_STAGES_JSON : TALLY_STAGES_TEXT, stdout) !=
            TALLY_OK)
            return cli_say(EXIT_BAD, "cannot write the stage report");
        return EXIT_OK;
    }

    if (strcmp(v->what, "verification") == 0) {
        if (!json)
            return tally_report_verification_text(c, stdout) == TALLY_OK
                       ? EXIT_OK : cli_say(EXIT_BAD, "cannot write the statement");
        tally_count_verification_json(c, &o);
        print_json(o);
    } else if (strcmp(v->what, "rejected") == 0) {
        int rc = EXIT_OK;
        tally_count_rejected_json(c, &o);
        if (json)
            print_json(o);
        else
            rc = paper(log, NULL, o, v);
        json_decref(o);
        return rc;
    } else {
        const tally_result *r;
        tally_error err;
        if (tally_count_get_phase(c) != TALLY_PHASE_DECLARED)
            return cli_say(EXIT_BAD, "the result has not been declared");
        tally_error_clear(&err);
        if (tally_count_result(c, &r, &err) != TALLY_OK)
            return cli_fail(&err);
        if (v->format && strcmp(v->format, "nist-err") == 0)
            return nist(log, r, v);
        return paper(log, r, NULL, v);
    }
    json_decref(o);
    return EXIT_OK;
}

int count_run_view(const char *name, int argc, char **argv)
{
    view_args v;
    tally_log *log;
    tally_error err;
    int rc, is_report = strcmp(name, "report") == 0;

    if (strcmp(name, "status") != 0 && strcmp(name, "log") != 0 && !is_report)
        return -1;
    if (cli_wants_help(argc, argv)) {
        printf("usage: tally count %s%s --db DB [--format %s]%s\n\n"
               "See tally count --help. Exit status: 0 done, 2 bad input.\n", name,
               is_report ? " verification|rejected|declaration|stages" : "",
               strcmp(name, "log") == 0 ? "text|jsonl"
               : is_report              ? "text|json|pdf|nist-err"
                                        : "text|json",
               is_report ? " [--output OUT]\n(pdf: the declaration and the statement of rejected "
                           "papers;\nnist-err: the declaration as NIST SP 1500-100 JSON)" : "");
        return EXIT_OK;
    }
    if ((rc = parse(name, argc, argv, &v, is_report)) != EXIT_OK)
        return rc;
    tally_error_clear(&err);
    if (tally_log_open(v.db, 0, &log, &err) != TALLY_OK)
        return cli_fail(&err);
    if (strcmp(name, "log") != 0 && !tally_count_election(tally_log_count(log))) {
        tally_log_close(log);
        return cli_say(EXIT_BAD, "%s: the count has not been opened", v.db);
    }
    if (strcmp(name, "status") == 0) {
        rc = status(log, &v);
    } else if (strcmp(name, "log") == 0) {
        tally_status s = v.format && strcmp(v.format, "jsonl") == 0
                             ? tally_log_write_jsonl(log, stdout, &err)
                             : tally_log_each(log, log_line, NULL, &err);
        rc = s == TALLY_OK ? EXIT_OK : cli_fail(&err);
    } else {
        rc = report(log, &v);
    }
    tally_log_close(log);
    return rc;
}
