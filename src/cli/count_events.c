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
    int required;       /* 1: always; ONE_OF: this or the other ONE_OF field */
    const char *help;
} field;

#define MAX_FIELDS 12
#define ONE_OF 2

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
    { "bundle", "bundle_recorded", "a bundle of one candidate's votes, or with several seats "
                                   "of papers and the votes they carry",
      { { "candidate", "candidate", F_STR, ONE_OF, "NAME  (one seat)" },
        { "vote", "votes", F_MAP, ONE_OF, "NAME=N  votes the papers carry (several seats)" },
        { "size", "size", F_INT, 1, "N" },
        { "table", "table", F_STR, 1, "T" },
        { "counted-by", "counted_by", F_STR, 1, "NAME" },
        { "checked-by", "checked_by", F_STR, 1, "NAME" },
        { "part", "part", F_FLAG, 0, "a part bundle (fewer than the bundle size)" } } },
    { "doubtful", "doubtful_decided", "the returning officer decides a doubtful paper",
      { { "decision", "decision", F_STR, 1, "counted|rejected" },
        { "candidate", "candidate", F_STR, 0, "NAME  (counted, one seat)" },
        { "for", "candidates", F_LIST, 0, "NAME  counted for this candidate (several "
                                          "seats)" },
        { "head", "head", F_STR, 0, "HEAD  (rejected)" },
        { "objected", "objected", F_FLAG, 0, "rejection objected to" },
        { "box", "box", F_STR, 0, "ID  (STV: the box whose imported papers hold it)" },
        { "paper", "paper", F_INT, 0, "N  (STV: its number among the box's papers, from 1)" } } },
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
        { "papers", "papers", F_INT, 0, "N  valid papers recounted (several seats)" },
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

int count_check_actor(const char *actor)
{
    if (!*actor || strlen(actor) > 100)
        return cli_say(EXIT_BAD, "--actor: a name is 1 to 100 bytes");
    if (!cli_utf8_valid(actor))
        return cli_say(EXIT_BAD, "--actor: the name is not valid UTF-8");
    return EXIT_OK;
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

/* Append ev to the count at db, making the count when db does not exist
** and ev opens one; prints "committed SEQ HASH". */
static int commit(const char *db, json_t *ev, const char *actor)
{
    const char *type = json_string_value(json_object_get(ev, "type"));
    tally_log *log;
    tally_error err;
    int rc;

    if (type && strcmp(type, "count_opened") == 0 && !count_exists(db)) {
        char when[TALLY_TIME_MAX], hash[TALLY_HASH_HEX];
        uint64_t seq;
        tally_log_time_now(when);
        if ((rc = count_create(db, ev, when, actor, &seq, hash)) == EXIT_OK) {
            printf("committed %llu %s\n", (unsigned long long)seq, hash);
            fflush(stdout);
        }
        return rc;
    }
    tally_error_clear(&err);
    if (tally_log_open(db, 0, &log, &err) != TALLY_OK)
        return cli_fail(&err);
    rc = count_append(log, ev, actor, NULL);
    tally_log_close(log);
    return rc;
}

static void usage(const action *a, FILE *out)
{
    fprintf(out, "usage: tally count %s --db DB [--actor NAME]", a->name);
    for (const field *f = a->fields; f->opt; f++)
        fprintf(out, " %s--%s%s", f->required == 1 ? "" : "[", f->opt,
                f->required == 1 ? "" : "]");
    fprintf(out, "\n\n%s (event \"%s\", docs/count.md).\n\n", a->summary, a->type);
    for (const field *f = a->fields; f->opt; f++)
        fprintf(out, "  --%-22s %s%s\n", f->opt, f->help, f->kind == F_MAP || f->kind == F_MOVE ||
                f->kind == F_SHORT || f->kind == F_LIST ? "; repeatable" : "");
    fputs("  --db DB                  the count's database\n"
          "  --actor NAME             who does it (default $TALLY_ACTOR, then $USER)\n\n"
          "Prints \"committed SEQ HASH\" once the event is durable. Exit status: 0 done,\n"
          "2 refused or bad input (nothing is stored).\n", out);
}

/* A number of papers, a sequence number: digits only, within what JSON
** integers hold here (the count's rules set the real bounds). */
static int parse_int(const char *arg, json_int_t *n)
{
    unsigned long long v;
    if (cli_parse_u64(arg, &v) != 0 || v > (unsigned long long)INT64_MAX)
        return -1;
    *n = (json_int_t)v;
    return 0;
}

/* Text for a member: UTF-8 (JSON strings are); the count's rules decide
** whether it may be empty and how long it may be. */
static json_t *text(const field *f, const char *what, const char *s, size_t len, int *rc)
{
    json_t *v;
    char *copy = strndup(s, len);
    if (!copy) {
        *rc = cli_say(EXIT_BAD, "out of memory");
        return NULL;
    }
    if (!cli_utf8_valid(copy)) {
        free(copy);
        *rc = cli_say(EXIT_BAD, "--%s: the %s is not valid UTF-8", f->opt, what);
        return NULL;
    }
    if (!(v = json_string(copy)))
        *rc = cli_say(EXIT_BAD, "out of memory");
    free(copy);
    return v;
}

/* One option's value into the event: "TEXT", "N", "K=N" into an object,
** "A:B:N" / "A:N" into an array of objects, JSON. Returns an exit status,
** having said what is wrong. */
static int add_value(json_t *ev, const field *f, const char *arg)
{
    const char *last = strrchr(arg, f->kind == F_MAP ? '=' : ':');
    json_t *slot = json_object_get(ev, f->key), *name, *other;
    json_int_t n;
    int rc = EXIT_BAD;

    switch (f->kind) {
    case F_STR:
        if (!(name = text(f, "text", arg, strlen(arg), &rc)))
            return rc;
        json_object_set_new(ev, f->key, name);
        return EXIT_OK;
    case F_LIST:
        if (!(name = text(f, "name", arg, strlen(arg), &rc)))
            return rc;
        if (!slot)
            json_object_set_new(ev, f->key, slot = json_array());
        json_array_append_new(slot, name);
        return EXIT_OK;
    case F_INT:
        if (parse_int(arg, &n) != 0)
            return cli_say(EXIT_BAD, "--%s needs a whole number, not \"%s\"", f->opt, arg);
        json_object_set_new(ev, f->key, json_integer(n));
        return EXIT_OK;
    case F_JSON: {
        json_error_t jerr;
        json_t *v = json_loads(arg, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
        if (!v)
        {
            char what[32];
            snprintf(what, sizeof what, "--%s", f->opt);
            return cli_json_fail(what, &jerr);
        }
        json_object_set_new(ev, f->key, v);
        return EXIT_OK;
    }
    default:
        break;
    }
    if (!last || last == arg || parse_int(last + 1, &n) != 0)
        return cli_say(EXIT_BAD, "--%s takes %s, not \"%s\"", f->opt,
                       f->kind == F_MAP ? "NAME=N" : f->kind == F_MOVE ? "FROM:TO:N" : "NAME:N",
                       arg);
    if (f->kind == F_MAP) {
        char *k = strndup(arg, (size_t)(last - arg));
        if (!k)
            return cli_say(EXIT_BAD, "out of memory");
        if (!cli_utf8_valid(k))
            rc = cli_say(EXIT_BAD, "--%s: the name is not valid UTF-8", f->opt);
        else if (slot && json_object_get(slot, k))
            rc = cli_say(EXIT_BAD, "--%s: \"%s\" is given twice", f->opt, k);
        else {
            if (!slot)
                json_object_set_new(ev, f->key, slot = json_object());
            json_object_set_new(slot, k, json_integer(n));
            rc = EXIT_OK;
        }
        free(k);
        return rc;
    }
    if (f->kind == F_SHORT) {
        if (!(name = text(f, "name", arg, (size_t)(last - arg), &rc)))
            return rc;
        if (!slot)
            json_object_set_new(ev, f->key, slot = json_array());
        json_array_append_new(slot, json_pack("{s:o, s:I}", "candidate", name, "papers", n));
        return EXIT_OK;
    }
    {
        const char *mid = memchr(arg, ':', (size_t)(last - arg));
        if (!mid)
            return cli_say(EXIT_BAD, "--%s takes FROM:TO:N, not \"%s\"", f->opt, arg);
        if (!(name = text(f, "name", arg, (size_t)(mid - arg), &rc)))
            return rc;
        if (!(other = text(f, "name", mid + 1, (size_t)(last - mid - 1), &rc))) {
            json_decref(name);
            return rc;
        }
        if (!slot)
            json_object_set_new(ev, f->key, slot = json_array());
        json_array_append_new(slot, json_pack("{s:o, s:o, s:I}", "from", name, "to", other,
                                              "papers", n));
        return EXIT_OK;
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
        return cli_json_fail(path, &jerr);
    }
    json_object_del(*def, "declared");
    if (e)
        *e = parsed;
    else
        tally_election_free(parsed);
    return 0;
}

static int repeatable(const field *f)
{
    return f->kind == F_MAP || f->kind == F_MOVE || f->kind == F_SHORT || f->kind == F_LIST;
}

/* The options into the event. Returns an exit status. */
static int read_options(const action *a, const char *cmd, int argc, char **argv, json_t *ev,
                        const char **db, const char **actor)
{
    struct option opts[MAX_FIELDS + 4];
    size_t n = 0;
    int c, rc;

    for (const field *f = a->fields; f->opt; f++, n++)
        opts[n] = (struct option){ f->opt, f->kind == F_FLAG ? no_argument : required_argument,
                                   NULL, (int)(n + 256) };
    opts[n++] = (struct option){ "db", required_argument, NULL, 'd' };
    opts[n++] = (struct option){ "actor", required_argument, NULL, 'a' };
    opts[n] = (struct option){ NULL, 0, NULL, 0 };
    optind = 1;
    while ((c = cli_getopt(cmd, argc, argv, opts)) != -1) {
        const field *f = c >= 256 ? &a->fields[c - 256] : NULL;
        if (c == '?')
            return EXIT_BAD;
        if ((c == 'd' && *db) || (c == 'a' && *actor) ||
            (f && !repeatable(f) && json_object_get(ev, f->key)))
            return cli_say(EXIT_BAD, "%s: --%s is given twice", cmd,
                           f ? f->opt : c == 'd' ? "db" : "actor");
        if (c == 'd')
            *db = optarg;
        else if (c == 'a')
            *actor = optarg;
        else if (f->kind == F_FLAG)
            json_object_set_new(ev, f->key, json_true());
        else if (f->kind == F_ELECTION) {
            json_t *def;
            if (!*optarg)
                return cli_say(EXIT_BAD, "%s: --%s needs a file", cmd, f->opt);
            if ((rc = count_definition(optarg, NULL, &def)) != 0)
                return rc;
            json_object_set_new(ev, f->key, def);
        } else if ((rc = add_value(ev, f, optarg)) != EXIT_OK)
            return rc;
    }
    if (cli_no_more(cmd, argc, argv) != 0)
        return EXIT_BAD;
    for (const field *f = a->fields; f->opt; f++) {
        const field *g = f;
        if (f->required == ONE_OF) {
            for (g = a->fields; g->opt && (g == f || g->required != ONE_OF); g++)
                ;
            if (!json_object_get(ev, f->key) && !json_object_get(ev, g->key))
                return cli_say(EXIT_BAD, "%s: needs --%s or --%s (see tally %s --help)", cmd,
                               f->opt, g->opt, cmd);
        } else if (f->required && !json_object_get(ev, f->key))
            return cli_say(EXIT_BAD, "%s: needs --%s (see tally %s --help)", cmd, f->opt, cmd);
    }
    if (!*db)
        return cli_say(EXIT_BAD, "%s: needs --db (see tally %s --help)", cmd, cmd);
    if (!**db)
        return cli_say(EXIT_BAD, "%s: --db needs a path", cmd);
    return *actor ? count_check_actor(*actor) : EXIT_OK;
}

static int run_action(const action *a, int argc, char **argv)
{
    const char *db = NULL, *actor = NULL;
    char cmd[64];
    json_t *ev = json_pack("{s:s}", "type", a->type);
    int rc;

    snprintf(cmd, sizeof cmd, "count %s", a->name);
    if (!ev)
        return cli_say(EXIT_BAD, "out of memory");
    if ((rc = read_options(a, cmd, argc, argv, ev, &db, &actor)) == EXIT_OK)
        rc = commit(db, ev, count_actor(actor));
    json_decref(ev);
    return rc;
}

/* tally count event --db DB --json EVENT: any event, as JSON, decoded as
** POST /api/events decodes its body (duplicate members refused). */
static int run_raw(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "json", required_argument, NULL, 'j' },
        { "actor", required_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *text = NULL, *actor = NULL, *cmd = "count event";
    json_error_t jerr;
    json_t *ev;
    int c, rc;

    optind = 1;
    while ((c = cli_getopt(cmd, argc, argv, opts)) != -1) {
        const char **slot = c == 'd' ? &db : c == 'j' ? &text : c == 'a' ? &actor : NULL;
        if (!slot)
            return EXIT_BAD;
        if (*slot)
            return cli_say(EXIT_BAD, "%s: --%s is given twice", cmd,
                           c == 'd' ? "db" : c == 'j' ? "json" : "actor");
        *slot = optarg;
    }
    if (cli_no_more(cmd, argc, argv) != 0)
        return EXIT_BAD;
    if (!text)
        return cli_say(EXIT_BAD, "%s: needs --json (see tally %s --help)", cmd, cmd);
    if (!db)
        return cli_say(EXIT_BAD, "%s: needs --db (see tally %s --help)", cmd, cmd);
    if (!*db)
        return cli_say(EXIT_BAD, "%s: --db needs a path", cmd);
    if (actor && (rc = count_check_actor(actor)) != EXIT_OK)
        return rc;
    if (!(ev = json_loadb(text, strlen(text), JSON_REJECT_DUPLICATES, &jerr)))
        return cli_json_fail("--json", &jerr);
    if (!json_is_object(ev) || !json_is_string(json_object_get(ev, "type"))) {
        json_decref(ev);
        return cli_say(EXIT_BAD, "--json: an event is a JSON object with a \"type\"");
    }
    rc = commit(db, ev, count_actor(actor));
    json_decref(ev);
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
    if (strcmp(name, "event") == 0) {
        if (cli_wants_help(argc, argv)) {
            fputs("usage: tally count event --db DB --json EVENT [--actor NAME]\n\n"
                  "Append any event given as a JSON object with its \"type\" and members\n"
                  "(docs/count.md); \"mode\", when absent, is the count's. An error in the\n"
                  "JSON is reported as --json:LINE:COLUMN. Prints \"committed SEQ HASH\" once\n"
                  "the event is durable. Exit status: 0 done, 2 refused or bad input (nothing\n"
                  "is stored).\n", stdout);
            return EXIT_OK;
        }
        return run_raw(argc, argv);
    }
    return -1;
}

void count_list_events(FILE *out)
{
    for (size_t i = 0; i < N_ACTIONS; i++)
        fprintf(out, "  %-24s %s\n", actions[i].name, actions[i].summary);
    fprintf(out, "  %-24s %s\n", "event", "any event given as JSON (--json)");
}
