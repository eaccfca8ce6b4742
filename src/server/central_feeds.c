/*
** The central results service's feeds (central_priv.h, docs/api.md
** "Feeds"): what it holds, in formats other systems read.
**
**   GET /api/nist/election.json   every result in force as one NIST SP
**                                 1500-100 Rev. 2 ElectionReport (nist_err.h)
**   GET /api/nist/{id}.json       the result in force of constituency id,
**                                 as an ElectionReport of one contest
**   GET /api/uk-parliament/constituencies.csv, .../candidacies.csv
**                                 every result in force in the UK Parliament
**                                 results layout (uk_parliament_csv.h), which
**                                 `tally results --uk-parliament` reads
**
** Each answer is read from the store in one statement, so it is of one
** moment; two requests may be of two (a declaration between them). Results
** in force only grow, so candidacies fetched before constituencies find
** their every constituency there.
**
** The NIST reports need the election's name and polling day (`central
** serve --election NAME --election-date DATE`); without them they are 404,
** saying so. GeneratedDate is the time of the answer, in UTC.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "central_priv.h"
#include "tally/nist_err.h"
#include "tally/uk_parliament_csv.h"

#define NIST_PREFIX "/api/nist/"
#define UKP_PREFIX "/api/uk-parliament/"
#define ISSUER "tally central results service"

tally_status srv_central_set_election(srv_central *c, const char *name, const char *date,
                                      int by_election, tally_error *err)
{
    int y, m, d, used = 0;
    if (name && strlen(name) >= sizeof c->election)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the election's name is over 256 bytes");
    if (date && (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 ||
                 used != 10 || date[4] != '-' || date[7] != '-' || m < 1 || m > 12 || d < 1 ||
                 d > 31))
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the election's date must be YYYY-MM-DD, not \"%s\"", date);
    snprintf(c->election, sizeof c->election, "%s", name ? name : "");
    snprintf(c->election_date, sizeof c->election_date, "%s", date ? date : "");
    c->by_election = by_election;
    return TALLY_OK;
}

static void unavailable(srv_response *out, const tally_error *err)
{
    /* The store's own words go to the operator, not to the client. */
    fprintf(stderr, "tally: %s\n", err->message);
    srv_error(out, 503, "the results store is unavailable: nothing is stored, try again");
}

/* The results in force, parsed: an array of declared bodies in order of
** constituency, and how many constituencies are registered. */
typedef struct held {
    json_t *bodies;
    int failed;
} held;

static int hold(void *ctx, const char *body)
{
    held *h = ctx;
    json_t *v = json_loads(body, 0, NULL);
    if (!v || json_array_append_new(h->bodies, v) != 0) {
        h->failed = 1;
        return 1;
    }
    return 0;
}

/* 0 with h->bodies filled, else -1 with out answered. */
static int held_results(tally_central *db, uint64_t *seats, held *h, srv_response *out)
{
    tally_error err;

    tally_error_clear(&err);
    h->failed = 0;
    if (!(h->bodies = json_array())) {
        srv_error(out, 503, "out of memory");
        return -1;
    }
    if (tally_central_each(db, seats, hold, h, &err) != TALLY_OK) {
        json_decref(h->bodies);
        unavailable(out, &err);
        return -1;
    }
    if (h->failed) {
        json_decref(h->bodies);
        srv_error(out, 503, "out of memory");
        return -1;
    }
    return 0;
}

/* The members of array a, borrowed, as the writers take them; NULL
** without memory. */
static const json_t **borrowed(const json_t *a)
{
    size_t n = json_array_size(a);
    const json_t **v = malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = json_array_get(a, i);
    return v;
}

/* The NIST report of bodies (n of them, borrowed), constituencies 0 for
** one contest. */
static void nist_answer(srv_central *c, const json_t *const *bodies, size_t n,
                        size_t constituencies, srv_response *out)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    tally_nist_election e = { 0 };
    tally_error err;
    json_t *report = NULL;

    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    e.name = c->election;
    e.date = c->election_date;
    e.by_election = c->by_election;
    e.generated = now;
    e.issuer = ISSUER;
    e.issuer_abbreviation = "tally";
    tally_error_clear(&err);
    if (tally_nist_err_json(bodies, n, constituencies, &e, &report, &err) != TALLY_OK)
        srv_error(out, 503, err.message);
    else
        srv_json(out, 200, report);
}

static void nist(srv_central *c, tally_central *db, const char *name, srv_response *out)
{
    size_t len = strlen(name);
    char code[TALLY_CONSTITUENCY_MAX];

    if (!c->election[0] || !c->election_date[0]) {
        srv_error(out, 404, "the NIST feeds need the election named: tally central serve "
                            "--election NAME --election-date YYYY-MM-DD");
        return;
    }
    if (strcmp(name, "election.json") == 0) {
        held h;
        uint64_t seats = 0;
        if (held_results(db, &seats, &h, out) != 0)
            return;
        {
            const json_t **v = borrowed(h.bodies);
            if (!v)
                srv_error(out, 503, "out of memory");
            else
                nist_answer(c, v, json_array_size(h.bodies), (size_t)seats, out);
            free(v);
        }
        json_decref(h.bodies);
        return;
    }
    if (len <= 5 || strcmp(name + len - 5, ".json") != 0 || len - 5 >= sizeof code) {
        srv_error(out, 404, "not found");
        return;
    }
    memcpy(code, name, len - 5);
    code[len - 5] = '\0';
    {
        char *body = NULL;
        tally_error err;
        tally_status st;
        json_t *v;

        tally_error_clear(&err);
        st = tally_central_result(db, code, &body, &err);
        if (st == TALLY_ENOTFOUND) {
            srv_error(out, 404, "no result has been declared for this constituency");
            return;
        }
        if (st != TALLY_OK) {
            unavailable(out, &err);
            return;
        }
        v = json_loads(body, 0, NULL);
        free(body);
        if (!v) {
            srv_error(out, 503, "out of memory");
            return;
        }
        nist_answer(c, (const json_t *const *)&v, 1, 0, out);
        json_decref(v);
    }
}

static void uk_parliament(tally_central *db, const char *name, srv_response *out)
{
    int cons = strcmp(name, "constituencies.csv") == 0;
    char *text = NULL;
    size_t len = 0;
    uint64_t seats = 0;
    const json_t **v;
    FILE *f;
    held h;
    tally_status st = TALLY_ENOMEM;

    if (!cons && strcmp(name, "candidacies.csv") != 0) {
        srv_error(out, 404, "not found");
        return;
    }
    if (held_results(db, &seats, &h, out) != 0)
        return;
    if ((v = borrowed(h.bodies)) && (f = open_memstream(&text, &len))) {
        size_t n = json_array_size(h.bodies);
        st = cons ? tally_uk_parliament_constituencies_csv(v, n, f)
                  : tally_uk_parliament_candidacies_csv(v, n, f);
        if (fclose(f) != 0 && st == TALLY_OK)
            st = TALLY_ENOMEM;
    }
    if (st == TALLY_OK)
        srv_respond(out, 200, "text/csv; charset=utf-8", text, len);
    else
        srv_error(out, 503, "out of memory");
    free(text);
    free(v);
    json_decref(h.bodies);
}

int srv_central_feed(srv_central *c, tally_central *db, const srv_request *rq,
                     srv_response *out)
{
    int get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    int is_nist = strncmp(rq->path, NIST_PREFIX, sizeof NIST_PREFIX - 1) == 0;

    if (!is_nist && strncmp(rq->path, UKP_PREFIX, sizeof UKP_PREFIX - 1) != 0)
        return 0;
    if (!get)
        srv_error(out, 405, "method not allowed");
    else if (is_nist)
        nist(c, db, rq->path + sizeof NIST_PREFIX - 1, out);
    else
        uk_parliament(db, rq->path + sizeof UKP_PREFIX - 1, out);
    return 1;
}
