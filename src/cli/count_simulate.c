/*
** tally count simulate: a whole count, generated from declared figures by
** tally_count_simulate(), appended event by event through the same
** tally_log_append() as a real count. A database that already holds the
** start of the same simulation is carried on from its last event.
*/
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/jsonmem.h"
#include "count_cli.h"
#include "tally/store.h"

static const char usage[] =
    "usage: tally count simulate --election FILE --db DB --seed N [--error-rate R]\n"
    "                            [--bundle-size N] [--until PHASE] [--echo]\n"
    "       tally count simulate --election FILE --papers FILE.blt --db DB --seed N\n"
    "                            [--boxes N] [--echo]\n\n"
    "Generate a realistic count from an election definition with declared figures\n"
    "and run it into DB: boxes and ballot paper accounts, verification with a few\n"
    "discrepancies, bundles, doubtful papers, bundle checks, a recount refused, a lot\n"
    "if the figures tie, the declaration. The same seed gives the same log.\n\n"
    "  --error-rate R   how often a box or bundle goes wrong, 0 to 1 (default 0.05)\n"
    "  --bundle-size N  papers in a full bundle (default 50)\n"
    "  --until PHASE    stop once the count reaches verification, count, provisional\n"
    "                   or declared\n"
    "  --echo           print \"committed SEQ HASH\" as each event becomes durable\n\n"
    "A DB already holding the start of this simulation is carried on from its last\n"
    "event; with --echo that event's line comes first.\n\n"
    "An STV definition (\"method\": \"scottish-stv\" or \"ni-stv\") is simulated from\n"
    "the papers of a BLT file, --papers, into a new DB: split in the file's order\n"
    "into --boxes boxes (default 3: a postal box, then polling stations), each\n"
    "verified and its papers imported; then completed, shown, a seeded lot if an\n"
    "equality needs one, declared.\n\n"
    "Exit status: 0 done, 2 bad input.\n";

/* "0.05" -> 50 per mille, without floating point. */
static int parse_rate(const char *s, int *pm)
{
    int whole = 0, frac = 0, digits = 0;
    if (*s < '0' || *s > '9')
        return -1;
    while (*s >= '0' && *s <= '9' && whole <= 1)
        whole = whole * 10 + (*s++ - '0');
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            if (digits < 3) {
                frac = frac * 10 + (*s - '0');
                digits++;
            }
            s++;
        }
    }
    while (digits++ < 3)
        frac *= 10;
    if (*s || whole > 1 || (whole == 1 && frac > 0))
        return -1;
    *pm = whole * 1000 + frac;
    return 0;
}

typedef struct match {
    json_t *events;
    uint64_t bad;
} match;

/* The stored events must be this simulation's own, byte for byte. */
static int same(void *ctx, uint64_t seq, const char *json, const char *hash)
{
    match *m = ctx;
    json_t *item = json_array_get(m->events, (size_t)seq - 1), *env;
    char *want;
    (void)hash;
    if (!item) {
        m->bad = seq;
        return 1;
    }
    env = json_deep_copy(json_object_get(item, "event"));
    json_object_set_new(env, "seq", json_integer((json_int_t)seq));
    json_object_set(env, "time", json_object_get(item, "time"));
    json_object_set(env, "actor", json_object_get(item, "actor"));
    want = tally_canonical_json(env);
    json_decref(env);
    if (!want || strcmp(want, json) != 0)
        m->bad = seq;
    tally_jsonmem_free(want);
    return m->bad != 0;
}

int count_run_simulate(int argc, char **argv)
{
    static const struct option opts[] = {
        { "election", required_argument, NULL, 'e' },
        { "db", required_argument, NULL, 'd' },
        { "seed", required_argument, NULL, 's' },
        { "error-rate", required_argument, NULL, 'r' },
        { "bundle-size", required_argument, NULL, 'b' },
        { "until", required_argument, NULL, 'u' },
        { "echo", no_argument, NULL, 'E' },
        { "papers", required_argument, NULL, 'p' },
        { "boxes", required_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *file = NULL, *db = NULL, *until = NULL, *papers = NULL, *cmd = "count simulate";
    unsigned long long seed = 0, bundle = 50, boxes = 3;
    int fptp_only = 0; /* an option for a first-past-the-post simulation */
    int stv_only = 0;  /* one for an STV simulation */
    int has_seed = 0, echo = 0, pm = 50, c, rc = EXIT_OK;
    tally_election *e = NULL;
    json_t *def = NULL, *events = NULL;
    tally_log *log = NULL;
    tally_error err;
    match m = { NULL, 0 };
    size_t i;

    optind = 1;
    while ((c = cli_getopt(cmd, argc, argv, opts)) != -1) {
        switch (c) {
        case 'e': file = optarg; break;
        case 'd': db = optarg; break;
        case 'u': until = optarg; fptp_only = 1; break;
        case 'p': papers = optarg; break;
        case 'n':
            stv_only = 1;
            if (cli_parse_u64(optarg, &boxes) != 0 || boxes < 1 || boxes > 1000)
                return cli_say(EXIT_BAD, "--boxes needs a whole number from 1 to 1000, not "
                               "\"%s\"", optarg);
            break;
        case 'E': echo = 1; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        case 's':
            if (cli_parse_u64(optarg, &seed) != 0)
                return cli_say(EXIT_BAD, "--seed needs a whole number, not \"%s\"", optarg);
            has_seed = 1;
            break;
        case 'b':
            fptp_only = 1;
            if (cli_parse_u64(optarg, &bundle) != 0 || bundle < 1 || bundle > 1000)
                return cli_say(EXIT_BAD, "--bundle-size needs a whole number from 1 to 1000, "
                               "not \"%s\"", optarg);
            break;
        case 'r':
            fptp_only = 1;
            if (parse_rate(optarg, &pm) != 0)
                return cli_say(EXIT_BAD, "--error-rate needs a number from 0 to 1, not \"%s\"",
                               optarg);
            break;
        default:
            return EXIT_BAD;
        }
    }
    if (cli_no_more(cmd, argc, argv) != 0)
        return EXIT_BAD;
    if (!file || !db || !has_seed)
        return cli_say(EXIT_BAD, "%s: needs --%s (see tally %s --help)", cmd,
                       !file ? "election" : !db ? "db" : "seed", cmd);
    if (!*db || !*file)
        return cli_say(EXIT_BAD, "%s: --%s needs a %s", cmd, !*db ? "db" : "election",
                       !*db ? "path" : "file");
    if (until && strcmp(until, "verification") != 0 && strcmp(until, "count") != 0 &&
        strcmp(until, "provisional") != 0 && strcmp(until, "declared") != 0)
        return cli_say(EXIT_BAD, "--until takes verification, count, provisional or declared, "
                       "not \"%s\"", until);
    if ((rc = count_definition(file, &e, &def)) != 0)
        return rc;
    if (e->method != TALLY_METHOD_FPTP || papers || stv_only) {
        if (e->method == TALLY_METHOD_FPTP)
            rc = cli_say(EXIT_BAD, "%s: --papers and --boxes simulate an STV count; %s is "
                         "first past the post", cmd, file);
        else if (!papers)
            rc = cli_say(EXIT_BAD, "%s: an STV count is simulated from the papers of a ballot "
                         "file: give --papers FILE.blt", cmd);
        else if (fptp_only)
            rc = cli_say(EXIT_BAD, "%s: --until, --error-rate and --bundle-size are for a first-"
                         "past-the-post simulation", cmd);
        else
            rc = count_simulate_stv(db, e, def, papers, seed, (size_t)boxes, echo);
        goto done;
    }
    tally_error_clear(&err);
    if (tally_count_simulate(e, def, seed, pm, (int64_t)bundle, &events, &err) != TALLY_OK) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", file);
        rc = cli_fail(&err);
        goto done;
    }
    if (!count_exists(db) && json_array_size(events) > 0) {
        /* A new count: its first event makes it, whole or not at all. */
        json_t *first = json_array_get(events, 0);
        uint64_t seq;
        char hash[TALLY_HASH_HEX];
        if ((rc = count_create(db, json_object_get(first, "event"),
                               json_string_value(json_object_get(first, "time")),
                               json_string_value(json_object_get(first, "actor")), &seq,
                               hash)) != EXIT_OK)
            goto done;
        if (echo) {
            printf("committed %llu %s\n", (unsigned long long)seq, hash);
            fflush(stdout);
        }
    }
    if (tally_log_open(db, 0, &log, &err) != TALLY_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    m.events = events;
    if (tally_log_each(log, same, &m, &err) != TALLY_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (m.bad) {
        rc = cli_say(EXIT_BAD, "%s: event %llu is not this simulation's: it cannot be carried on",
                     db, (unsigned long long)m.bad);
        goto done;
    }
    if (echo && tally_log_head(log, NULL) > 0) {
        /* Carrying on: acknowledge the event carried on from, once it is
        ** synced. A run killed after its last commit reached the WAL but
        ** before its line was printed never acknowledged that event; this
        ** line leaves no gap between one run's lines and the next's. */
        char head[TALLY_HASH_HEX];
        uint64_t n = tally_log_head(log, head);
        if (tally_log_sync(log, &err) != TALLY_OK) {
            rc = cli_fail(&err);
            goto done;
        }
        printf("committed %llu %s\n", (unsigned long long)n, head);
        fflush(stdout);
    }
    for (i = (size_t)tally_count_events(tally_log_count(log)); i < json_array_size(events); i++) {
        json_t *item = json_array_get(events, i);
        tally_count_phase ph = tally_count_get_phase(tally_log_count(log));
        uint64_t seq;
        char hash[TALLY_HASH_HEX];
        if (until && ph != TALLY_PHASE_NEW && strcmp(tally_count_phase_name(ph), until) == 0)
            break;
        if (tally_log_append(log, json_object_get(item, "event"),
                             json_string_value(json_object_get(item, "time")),
                             json_string_value(json_object_get(item, "actor")), &seq, hash,
                             &err) != TALLY_OK) {
            rc = cli_say(EXIT_BAD, "simulated event %zu refused: %s", i + 1, err.message);
            goto done;
        }
        if (echo) {
            printf("committed %llu %s\n", (unsigned long long)seq, hash);
            fflush(stdout);
        }
    }
    {
        char head[TALLY_HASH_HEX];
        uint64_t n = tally_log_head(log, head);
        fprintf(stderr, "tally: %s: %llu events, phase %s, head %s\n", db, (unsigned long long)n,
                tally_count_phase_name(tally_count_get_phase(tally_log_count(log))), head);
    }
done:
    tally_log_close(log);
    json_decref(events);
    json_decref(def);
    tally_election_free(e);
    return rc;
}
