/*
** tally central simulate --from-uk-parliament DIR --to URL --tokens FILE
**     [--jobs N] [--seed N] [--retries N] [--timings]
**
** Election night replayed: every constituency of a UK Parliament results
** layout (docs/formats.md) is a count centre that publishes its declared
** result to the central service at URL, through the same push as
** `tally count publish` (publish.h), N of them at once (8 unless told).
**
** Order: by the declaration time the layout gives (the general election
** files have one for every constituency), earlier first, equal times in
** the files' order; constituencies without one come after, in an order
** shuffled from --seed (Collections.shuffle with java.util.Random, jrandom.h;
** seed 0 unless told), so a replay is repeatable. With several at once,
** declarations close in time may be stored in either order, as on the night.
**
** The head: a simulated declaration has no count log, so its head is the
** BLAKE2b-256 of its own body with a head of 64 zeros. The same figures
** give the same head, so a replay run again is taken by the service as a
** retry (200, nothing changes), and other figures give another head.
**
** Everything is read and checked before anything is sent: a fault in the
** files or the tokens is one line naming the file, line and column, exit
** 2, and nothing is published. Exit status: 0 every result stored or
** already stored; 1 the service refused one; 3 one got no answer.
**
** --timings: after each push, a line `timing ID SENT ANSWERED`, the times
** the push began and its answer came, in microseconds since the Unix epoch
** (CLOCK_REALTIME, so that a page on the same machine can be compared with
** it): what bench/central measures publish-to-page from.
**
** Limits: the first declaration is sent alone, so that the HTTP module is
** loaded and libcurl set up on one thread before the others start.
*/
#include <getopt.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "central_cli.h"
#include "cli.h"
#include "publish.h"
#include "tally/alloc.h"
#include "tally/central.h"
#include "tally/io.h"
#include "tally/jrandom.h"
#include "tally/national.h"

static const char usage[] =
    "usage: tally central simulate --from-uk-parliament DIR --to URL --tokens FILE\n"
    "                              [--jobs N] [--seed N] [--retries N] [--timings]\n\n"
    "Replay an election night: each constituency of the UK Parliament results in\n"
    "DIR publishes its declared result to the central service at URL, as\n"
    "`tally count publish` does, in order of declaration time, N at once (8 unless\n"
    "told). FILE has one line per constituency, \"ID TOKEN\": its ONS id and the\n"
    "token `tally central token` printed for it. Constituencies with no declaration\n"
    "time go last, in an order shuffled from --seed (0 unless told). Each result\n"
    "stored is printed as `tally count publish` prints it. --timings adds after each\n"
    "push a line \"timing ID SENT ANSWERED\": when it began and when its answer came,\n"
    "in microseconds since the Unix epoch.\n\n"
    "Exit status: 0 all stored or already stored, 1 one refused by the service,\n"
    "2 bad input or usage (nothing sent), 3 one got no answer (safe to run again).\n";

typedef struct token {
    char id[TALLY_CONSTITUENCY_MAX];
    char token[TALLY_TOKEN_HEX];
} token;

typedef struct tokens {
    token *v;
    size_t n, cap;
} tokens;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* FILE: "ID TOKEN" a line; blank lines are skipped. */
static tally_status read_tokens(const char *file, tokens *t, tally_error *err)
{
    char *text = NULL, *p;
    size_t len, line = 0;
    tally_status st;

    if ((st = tally_io_slurp(file, &text, &len, err)) != TALLY_OK)
        return st;
    for (p = text; p < text + len && st == TALLY_OK;) {
        char *eol = memchr(p, '\n', (size_t)(text + len - p)), *q = p, *id, *tok;
        size_t idn, tokn;
        if (!eol)
            eol = text + len;
        line++;
        while (q < eol && is_space(*q))
            q++;
        if (q == eol) {
            p = eol + 1;
            continue;
        }
        id = q;
        while (q < eol && !is_space(*q))
            q++;
        idn = (size_t)(q - id);
        while (q < eol && is_space(*q))
            q++;
        tok = q;
        while (q < eol && !is_space(*q))
            q++;
        tokn = (size_t)(q - tok);
        while (q < eol && is_space(*q))
            q++;
        if (idn >= TALLY_CONSTITUENCY_MAX) {
            st = tally_error_set(err, TALLY_EINVAL, file, line, (size_t)(id - p) + 1,
                                 "a constituency code is 1 to 64 of A-Z a-z 0-9 - _");
            break;
        }
        if (!tally_grow(&t->v, &t->cap, t->n, sizeof *t->v)) {
            st = tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        memcpy(t->v[t->n].id, id, idn);
        t->v[t->n].id[idn] = '\0';
        if (!tally_constituency_code_ok(t->v[t->n].id))
            st = tally_error_set(err, TALLY_EINVAL, file, line, (size_t)(id - p) + 1,
                                 "a constituency code is 1 to 64 of A-Z a-z 0-9 - _");
        else if (tokn != TALLY_TOKEN_HEX - 1 || strspn(tok, "0123456789abcdef") < tokn)
            st = tally_error_set(err, TALLY_EINVAL, file, line, (size_t)(tok - p) + 1,
                                 "expected the constituency's token, 64 hex digits");
        else if (q != eol)
            st = tally_error_set(err, TALLY_EINVAL, file, line, (size_t)(q - p) + 1,
                                 "expected the end of the line after the token");
        for (size_t i = 0; st == TALLY_OK && i < t->n; i++)
            if (strcmp(t->v[i].id, t->v[t->n].id) == 0)
                st = tally_error_set(err, TALLY_EINVAL, file, line, (size_t)(id - p) + 1,
                                     "a second token for %s", t->v[i].id);
        if (st == TALLY_OK) {
            memcpy(t->v[t->n].token, tok, tokn);
            t->v[t->n].token[tokn] = '\0';
            t->n++;
        }
        p = eol + 1;
    }
    tally_free(text);
    return st;
}

static const char *token_of(const tokens *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].id, id) == 0)
            return t->v[i].token;
    return NULL;
}

/* The order of declaration: by time, then by place in the files. */
static const tally_contest_set *sort_set;
static int by_time(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_set->declared_at[i], sort_set->declared_at[j]);
    return c ? c : (i > j) - (i < j);
}

static void declaration_order(const tally_contest_set *set, long long seed, size_t *order)
{
    size_t timed = 0, k = 0;
    tally_jrandom r;
    for (size_t i = 0; i < set->n; i++)
        if (set->declared_at[i])
            order[timed++] = i;
    sort_set = set;
    qsort(order, timed, sizeof *order, by_time);
    k = timed;
    for (size_t i = 0; i < set->n; i++)
        if (!set->declared_at[i])
            order[k++] = i;
    tally_jrandom_init(&r, seed);
    tally_jrandom_shuffle(&r, order + timed, set->n - timed);
}

/* The body with its head: BLAKE2b-256 of the body under a head of zeros. */
static char *simulated_body(const tally_result *r, tally_error *err)
{
    static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";
    unsigned char h[32];
    char head[TALLY_HEAD_HEX], *body = cli_publish_body(r, zeros, 0, err);
    if (!body)
        return NULL;
    crypto_generichash(h, sizeof h, (const unsigned char *)body, strlen(body), NULL, 0);
    free(body);
    sodium_bin2hex(head, sizeof head, h, sizeof h);
    return cli_publish_body(r, head, 0, err);
}

typedef struct night {
    pthread_mutex_t mu;
    size_t next, n;            /* the next of order[] to publish */
    const size_t *order;
    char **bodies;
    const char **tokens;
    char *const *ids;          /* the constituencies' codes, as the files give */
    const char *url;
    unsigned attempts;
    int timings;
    int *rc;
} night;

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* Publish the i-th constituency of the files, timed when asked. */
static void publish(night *g, size_t i)
{
    long long sent = now_us();
    g->rc[i] = cli_publish_push(g->url, g->tokens[i], g->bodies[i], g->attempts);
    if (g->timings) {
        printf("timing %s %lld %lld\n", g->ids[i], sent, now_us());
        fflush(stdout);
    }
}

static void *count_centre(void *arg)
{
    night *g = arg;
    for (;;) {
        size_t i;
        pthread_mutex_lock(&g->mu);
        i = g->next++;
        pthread_mutex_unlock(&g->mu);
        if (i >= g->n)
            return NULL;
        i = g->order[i];
        publish(g, i);
    }
}

int central_run_simulate(int argc, char **argv)
{
    static const struct option opts[] = {
        { "from-uk-parliament", required_argument, NULL, 'u' },
        { "to", required_argument, NULL, 't' },
        { "tokens", required_argument, NULL, 'k' },
        { "jobs", required_argument, NULL, 'j' },
        { "seed", required_argument, NULL, 's' },
        { "retries", required_argument, NULL, 'n' },
        { "timings", no_argument, NULL, 'T' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = NULL, *to = NULL, *tokfile = NULL;
    unsigned long long jobs = 8, seed = 0, retries = 3;
    tally_contest_set *set = NULL;
    tokens toks = { NULL, 0, 0 };
    night g;
    pthread_t *threads = NULL;
    size_t started = 0, stored = 0, refused = 0, unreached = 0;
    char url[2048];
    tally_error err;
    int c, rc = EXIT_OK, timings = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    optind = 2;
    while ((c = cli_getopt("central simulate", argc, argv, opts)) != -1) {
        unsigned long long *v = c == 'j' ? &jobs : c == 's' ? &seed : &retries;
        if (c == 'u')
            dir = optarg;
        else if (c == 't')
            to = optarg;
        else if (c == 'k')
            tokfile = optarg;
        else if (c == 'T')
            timings = 1;
        else if (c == 'j' || c == 's' || c == 'n') {
            if (cli_parse_u64(optarg, v) != 0 || (c == 'j' && (jobs < 1 || jobs > 256)) ||
                (c == 'n' && retries > 100) || (c == 's' && seed > INT64_MAX))
                return cli_say(EXIT_BAD, "central simulate: --%s takes %s, not '%s'",
                               c == 'j' ? "jobs" : c == 's' ? "seed" : "retries",
                               c == 'j' ? "1 to 256" : c == 's' ? "a whole number" : "0 to 100",
                               optarg);
        } else
            return EXIT_BAD;
    }
    if (cli_no_more("central simulate", argc, argv) != 0)
        return EXIT_BAD;
    if (!dir || !to || !tokfile)
        return cli_say(EXIT_BAD, "central simulate: needs --from-uk-parliament, --to and "
                       "--tokens (see tally central simulate --help)");
    if (cli_publish_url("central simulate", to, url, sizeof url) != 0)
        return EXIT_BAD;
    if (sodium_init() < 0)
        return cli_say(EXIT_BAD, "central simulate: libsodium cannot start");

    memset(&g, 0, sizeof g);
    tally_error_clear(&err);
    if (read_tokens(tokfile, &toks, &err) != TALLY_OK ||
        tally_io_read_uk_parliament(dir, NULL, &set, &err) != TALLY_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    g.n = set->n;
    if (!(g.bodies = tally_calloc(set->n, sizeof *g.bodies)) ||
        !(g.tokens = tally_calloc(set->n, sizeof *g.tokens)) ||
        !(g.rc = tally_calloc(set->n, sizeof *g.rc)) ||
        !(g.order = tally_calloc(set->n, sizeof *g.order)) ||
        !(threads = tally_calloc((size_t)jobs, sizeof *threads))) {
        rc = cli_say(EXIT_BAD, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < set->n; i++) {
        tally_result *r = NULL;
        if (!(g.tokens[i] = token_of(&toks, set->ids[i]))) {
            rc = cli_say(EXIT_BAD, "%s: no token for %s (%s)", tokfile, set->ids[i],
                         set->contests[i]->area_name);
            goto done;
        }
        tally_error_clear(&err);
        if (tally_result_compute(set->contests[i], NULL, &r, &err) != TALLY_OK ||
            !(g.bodies[i] = simulated_body(r, &err))) {
            tally_result_free(r);
            rc = cli_say(EXIT_BAD, "%s: %s (%s): %s", dir, set->contests[i]->area_name,
                         set->ids[i], err.message);
            goto done;
        }
        tally_result_free(r);
    }
    declaration_order(set, (long long)seed, (size_t *)g.order);
    g.url = url;
    g.ids = set->ids;
    g.timings = timings;
    g.attempts = (unsigned)retries + 1;
    pthread_mutex_init(&g.mu, NULL);
    if (g.n) {
        g.next = 1;
        publish(&g, g.order[0]);
        fflush(stdout);
    }
    for (; started < jobs && started + 1 < g.n; started++)
        if (pthread_create(&threads[started], NULL, count_centre, &g) != 0)
            break;
    if (!started)
        count_centre(&g);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&g.mu);
    for (size_t i = 0; i < g.n; i++) {
        stored += g.rc[i] == EXIT_OK;
        refused += g.rc[i] == EXIT_CHECK || g.rc[i] == EXIT_BAD;
        unreached += g.rc[i] == EXIT_UNREACHED;
    }
    printf("%zu of %zu stored or already stored, %zu refused, %zu not answered\n", stored, g.n,
           refused, unreached);
    rc = unreached ? EXIT_UNREACHED : refused ? EXIT_CHECK : EXIT_OK;
done:
    if (g.bodies)
        for (size_t i = 0; i < g.n; i++)
            free(g.bodies[i]);
    tally_free(g.bodies);
    tally_free((void *)g.tokens);
    tally_free(g.rc);
    tally_free((void *)g.order);
    tally_free(threads);
    tally_free(toks.v);
    tally_contest_set_free(set);
    return rc;
}
