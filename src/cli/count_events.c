/*
** tally count <action>: one subcommand per event type, described by a
** table that maps options to the event's members. The event goes through
** tally_log_append(), the same path the server will take: checked by the
** count's rules, then stored durably. The count's mode is filled in from
** the count itself, so a command cannot mix test and live.
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "count_cli.h"
#include "tally/io.h"
#include "tally/store.h"

typedef enum {
    F_STR,      /* --opt TEXT -> "key": "TEXT" */
    F_INT,      /* --opt N -> "key": N */
    F_FLAG,     /* --opt -> "key": true */
    F_MAP,      /* --opt K=N, repeatable -> "key": {K: N} */
    F_MOVE,     /* --opt FROM:TO:N, repeatable -> "key": [{from, to, papers}] */
    F_SHORT,    /* --opt CANDIDATE:N, repeatable -> "key": [{candidate, papers}] */
    F_JSON,     /* --opt JSON -> "key": value */
    F_LIST,     /* --opt TEXT, repeatable -> "key": ["TEXT", ...] */
    F_ELECTION, /* --opt FILE -> "key": the definition, without declared figures */
    F_CONST     /* no option: "key": "value" */
} field_kind;

typedef struct field {
    const char *opt, *key;
    field_kind kind;
    int required;
    const char *help;
} field;

#define MAX_FIELDS 12

typedef struct action {
    const char *name, *type, *summary;
    field fields[MAX_FIELDS];
} action;

static const action actions[] = {
    { "open", "count_opened", "open the count on an election definition",
      { { "election", "election", F_ELECTION, 1, "FILE  the election definition" },
        { "mode", "mode", F_STR, 1, "live|test" },
        { "bundle-size", "bundle_size", F_INT, 1, "N  papers in a full bundle" } } },
    { "receive-box", "box_received", "a ballot box arrives with its ballot paper account",
      { { "box", "box", F_STR, 1, "ID" },
        { "kind", "kind", F_STR, 1, "station|postal" },
        { "station", "station", F_STR, 1, "NAME  polling station or postal opening" },
        { "place", "place", F_STR, 0, "NAME  polling place (boxes verified together)" },
        { "entrusted", "entrusted", F_INT, 0, "N" },
        { "issued", "issued", F_INT, 1, "N  papers issued: expected in the box" },
        { "unused", "unused", F_INT, 0, "N" },
        { "spoilt", "spoilt", F_INT, 0, "N" },
        { "tendered", "tendered", F_INT, 0, "N  tendered papers (never counted)" } } },
    { "open-postal", "postal_opened", "a postal vote opening session",
      { { "packets", "packets", F_INT, 1, "N" },
        { "accepted", "accepted", F_INT, 1, "N" },
        { "rejected", "rejected", F_MAP, 0, "REASON=N  (signature_mismatch, dob_mismatch, "
                                             "signature_blank, dob_blank, no_statement, "
                                             "no_ballot_paper)" } } },
    { "count-box", "box_counted", "the papers in a box are counted",
      { { "box", "box", F_STR, 1, "ID" }, { "figure", "figure", F_INT, 1, "N" } } },
    { "verify-box", "box_verified", "a box is verified against its account",
      { { "box", "box", F_STR, 1, "ID" },
        { "figure", "figure", F_INT, 1, "N  the agreed figure" },
        { "explanation", "explanation", F_STR, 0, "TEXT  why it differs" } } },
    { "complete-verification", "verification_completed", "every box is verified",
      { { NULL, NULL, F_STR, 0, NULL } } },
    { "bundle", "bundle_recorded", "a bundle of one candidate's votes",
      { { "candidate", "candidate", F_STR, 1, "NAME" },
        { "size", "size", F_INT, 1, "N" },
        { "table", "table", F_STR, 1, "T" },
        { "counted-by", "counted_by", F_STR, 1, "NAME" },
        { "checked-by", "checked_by", F_STR, 1, "NAME" },
        { "part", "part", F_FLAG, 0, "a part bundle (fewer than the bundle size)" } } },
    { "doubtful", "doubtful_decided", "the returning officer decides a doubtful paper",
      { { "decision", "decision", F_STR, 1, "counted|rejected" },
        { "candidate", "candidate", F_STR, 0, "NAME  (counted)" },
        { "head", "head", F_STR, 0, "HEAD  (rejected)" },
        { "objected", "objected", F_FLAG, 0, "rejection objected to" } } },
    { "complete", "count_completed", "the count is complete and reconciled",
      { { "explanation", "explanation", F_STR, 0, "TEXT  why the totals differ" } } },
    { "request-bundle-check", "bundle_check_requested", "a candidate or agent asks for a "
                                                        "bundle check",
      { { "by", "by", F_STR, 1, "NAME" }, { "role", "role", F_STR, 1, "candidate|election_agent|"
                                                                      "counting_agent" } } },
    { "complete-bundle-check", "bundle_check_completed", "what a bundle check found",
      { { "request", "request", F_INT, 1, "SEQ" },
        { "move", "moves", F_MOVE, 0, "FROM:TO:N  papers found in the wrong pile" },
        { "short", "short", F_SHORT, 0, "CANDIDATE:N  a bundle short by N" } } },
    { "show-provisional", "provisional_shown", "show candidates and agents the provisional "
                                               "result", { { NULL, NULL, F_STR, 0, NULL } } },
    { "request-recount", "recount_requested", "a candidate or election agent asks for a recount",
      { { "by", "by", F_STR, 1, "NAME" },
        { "role", "role", F_STR, 1, "candidate|election_agent" },
        { "candidate", "candidates", F_LIST, 0, "NAME  recount only these candidates' "
                                                "votes (default: the whole count)" } } },
    { "refuse-recount", "recount_refused", "the returning officer refuses a recount",
      { { "request", "request", F_INT, 1, "SEQ" }, { "reason", "reason", F_STR, 1, "TEXT" } } },
    { "recount", "recount_completed", "a recount is carried out",
      { { "request", "request", F_INT, 1, "SEQ" },
        { "votes", "votes", F_MAP, 1, "CANDIDATE=N  recounted figures" },
        { "rejected", "rejected", F_MAP, 0, "HEAD=N  every head, as reconsidered" } } },
    { "draw-lot", "lot_drawn", "decide an equality of votes by lot",
      { { "method", "method", F_STR, 1, "seeded|physical" },
        { "seed", "seed", F_STR, 0, "N  (seeded)" },
        { "falls-on", "falls_on", F_STR, 0, "NAME  (physical; checked when seeded)" } } },
    { "declare", "result_declared", "declare the result", { { NULL, NULL, F_STR, 0, NULL } } },
    { "correct", "correction", "correct an earlier event",
      { { "event", "corrects", F_INT, 1, "SEQ" },
        { "reason", "reason", F_STR, 1, "TEXT" },
        { "replacement", "replacement", F_JSON, 0, "JSON  what it should have been" } } },
};

#define N_ACTIONS (sizeof actions / sizeof actions[0])

const char *count_actor(const char *given)
{
    const char *a = given ? given : getenv("TALLY_ACTOR");
    if (!a || !*a)
        a = getenv("USER");
    return a && *a ? a : "unknown";
}

int count_append(tally_log *log, json_t *ev, const char *actor, const char *when)
{
    tally_error err;
    uint64_t seq;
    char hash[TALLY_HASH_HEX], now[TALLY_TIME_MAX];

    if (!when) {
        tally_log_time_now(now);
        when = now;
    }
    tally_error_clear(&err);
    if (tally_log_append(log, ev, when, actor, &seq, hash, &err) != TALLY_OK)
        return cli_say(EXIT_BAD, "event refused: %s", err.message);
    printf("committed %llu %s\n", (unsigned long long)seq, hash);
    fflush(stdout);
    return EXIT_OK;
}

static void usage(const action *a, FILE *out)
{
    fprintf(out, "usage: tally count %s --db DB [--actor NAME]", a->name);
    for (const field *f = a->fields; f->opt; f++)
        fprintf(out, " %s--%s%s", f->required ? "" : "[", f->opt, f->required ? "" : "]");
    fprintf(out, "\n\n%s (event \"%s\", docs/count.md).\n\n", a->summary, a->type);
    for (const field *f = a->fields; f->opt; f++)
        fprintf(out, "  --%-22s %s%s\n", f->opt, f->help, f->kind == F_MAP || f->kind == F_MOVE ||
                f->kind == F_SHORT || f->kind == F_LIST ? "; repeatable" : "");
    fputs("  --db DB                  the count's database\n"
          "  --actor NAME             who does it (default $TALLY_ACTOR, then $USER)\n\n"
          "Prints \"committed SEQ HASH\" once the event is durable. Exit status: 0 done,\n"
          "2 refused or bad input (nothing is stored).\n", out);
}

/* "A=3" into obj, or "A:B:3" / "A:3" into an array of objects. */
static int add_value(json_t *ev, const field *f, const char *arg)
{
    const char *last = strrchr(arg, f->kind == F_MAP ? '=' : ':');
    unsigned long long n;
    json_t *slot = json_object_get(ev, f->key);

    if (f->kind == F_STR)
        return json_object_set_new(ev, f->key, json_string(arg));
    if (f->kind == F_LIST) {
        if (!slot)
            json_object_set_new(ev, f->key, slot = json_array());
        return json_array_append_new(slot, json_string(arg));
    }
    if (f->kind == F_INT) {
        if (cli_parse_u64(arg, &n) != 0)
            return -1;
        return json_object_set_new(ev, f->key, json_integer((json_int_t)n));
    }
    if (f->kind == F_JSON) {
        json_t *v = json_loads(arg, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
        return v ? json_object_set_new(ev, f->key, v) : -1;
    }
    if (!last || cli_parse_u64(last + 1, &n) != 0 || last == arg)
        return -1;
    if (f->kind == F_MAP) {
        char *k = strndup(arg, (size_t)(last - arg));
        if (!slot)
            json_object_set_new(ev, f->key, slot = json_object());
        json_object_set_new(slot, k, json_integer((json_int_t)n));
        free(k);
        return 0;
    }
    if (!slot)
        json_object_set_new(ev, f->key, slot = json_array());
    if (f->kind == F_SHORT) {
        char *k = strndup(arg, (size_t)(last - arg));
        json_array_append_new(slot, json_pack("{s:s, s:I}", "candidate", k, "papers",
                                              (json_int_t)n));
        free(k);
        return 0;
    }
    {
        const char *mid = memchr(arg, ':', (size_t)(last - arg));
        char *from, *to;
        if (!mid)
            return -1;
        from = strndup(arg, (size_t)(mid - arg));
        to = strndup(mid + 1, (size_t)(last - mid - 1));
        json_array_append_new(slot, json_pack("{s:s, s:s, s:I}", "from", from, "to", to,
                                              "papers", (json_int_t)n));
        free(from);
        free(to);
        return 0;
    }
}

int count_definition(const char *path, tally_election **e, json_t **def)
{
    tally_election *parsed;
    tally_error err;
    json_error_t jerr;

    tally_error_clear(&err);
    if (tally_io_read_election(path, &parsed, &err) != TALLY_OK)
        return cli_fail(&err);
    if (!(*def = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr))) {
        tally_election_free(parsed);
        return cli_say(EXIT_BAD, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
    }
    json_object_del(*def, "declared");
    if (e)
        *e = parsed;
    else
        tally_election_free(parsed);
    return 0;
}

/* The election definition for count_opened: the file's JSON with any
** declared figures left out (the count makes them). */
static int load_election(json_t *ev, const char *path)
{
    json_t *def;
    int rc = count_definition(path, NULL, &def);
    if (rc == 0)
        json_object_set_new(ev, "election", def);
    return rc;
}

static int run_action(const action *a, int argc, char **argv)
{
    struct option opts[MAX_FIELDS + 4];
    const char *db = NULL, *actor = NULL;
    json_t *ev = json_pack("{s:s}", "type", a->type);
    tally_log *log = NULL;
    tally_error err;
    size_t n = 0;
    int c, rc;

    for (const field *f = a->fields; f->opt; f++, n++)
        opts[n] = (struct option){ f->opt, f->kind == F_FLAG ? no_argument : required_argument,
                                   NULL, (int)(n + 256) };
    opts[n++] = (struct option){ "db", required_argument, NULL, 'd' };
    opts[n++] = (struct option){ "actor", required_argument, NULL, 'a' };
    opts[n] = (struct option){ NULL, 0, NULL, 0 };
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd') {
            db = optarg;
        } else if (c == 'a') {
            actor = optarg;
        } else if (c >= 256) {
            const field *f = &a->fields[c - 256];
            if (f->kind == F_FLAG)
                json_object_set_new(ev, f->key, json_true());
            else if (f->kind == F_ELECTION) {
                if ((rc = load_election(ev, optarg)) != 0) {
                    json_decref(ev);
                    return rc;
                }
            } else if (add_value(ev, f, optarg) != 0) {
                json_decref(ev);
                return cli_say(EXIT_BAD, "--%s: cannot read \"%s\"", f->opt, optarg);
            }
        } else {
            usage(a, stderr);
            json_decref(ev);
            return EXIT_BAD;
        }
    }
    for (const field *f = a->fields; f->opt; f++) {
        if (f->required && !json_object_get(ev, f->key)) {
            json_decref(ev);
            return cli_say(EXIT_BAD, "tally count %s needs --%s", a->name, f->opt);
        }
    }
    if (!db || optind != argc) {
        usage(a, stderr);
        json_decref(ev);
        return EXIT_BAD;
    }
    tally_error_clear(&err);
    if (tally_log_open(db, strcmp(a->type, "count_opened") == 0, &log, &err) != TALLY_OK) {
        json_decref(ev);
        return cli_fail(&err);
    }
    rc = count_append(log, ev, count_actor(actor), NULL);
    json_decref(ev);
    tally_log_close(log);
    return rc;
}

/* tally count event --db DB --json EVENT: any event, as JSON. */
static int run_raw(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", required_argument, NULL, 'j' },
        { "actor", required_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *text = NULL, *actor = NULL;
    json_error_t jerr;
    json_t *ev;
    tally_log *log;
    tally_error err;
    int c, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'j')
            text = optarg;
        else if (c == 'a')
            actor = optarg;
        else
            return cli_say(EXIT_BAD, "usage: tally count event --db DB --json EVENT");
    }
    if (!db || !text || optind != argc)
        return cli_say(EXIT_BAD, "usage: tally count event --db DB --json EVENT");
    if (!(ev = json_loads(text, JSON_REJECT_DUPLICATES, &jerr)))
        return cli_say(EXIT_BAD, "--json:%d:%d: %s", jerr.line, jerr.column, jerr.text);
    tally_error_clear(&err);
    if (tally_log_open(db, json_is_string(json_object_get(ev, "type")) &&
                               strcmp(json_string_value(json_object_get(ev, "type")),
                                      "count_opened") == 0,
                       &log, &err) != TALLY_OK) {
        json_decref(ev);
        return cli_fail(&err);
    }
    rc = count_append(log, ev, count_actor(actor), NULL);
    json_decref(ev);
    tally_log_close(log);
    return rc;
}

int count_run_event(const char *name, int argc, char **argv)
{
    for (size_t i = 0; i < N_ACTIONS; i++) {
        if (strcmp(actions[i].name, name) == 0) {
            if (cli_wants_help(argc, argv)) {
                usage(&actions[i], stdout);
                return EXIT_OK;
            }
            return run_action(&actions[i], argc, argv);
        }
    }
    if (strcmp(name, "event") == 0)
        return run_raw(argc, argv);
    return -1;
}

void count_list_events(FILE *out)
{
    for (size_t i = 0; i < N_ACTIONS; i++)
        fprintf(out, "  %-24s %s\n", actions[i].name, actions[i].summary);
    fprintf(out, "  %-24s %s\n", "event", "any event given as JSON (--json)");
}
