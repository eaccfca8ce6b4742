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
        uint64_t seats = 0;
        json_t *bodies = srv_central_held(db, &seats, out);
        const json_t **v = bodies ? srv_central_borrowed(bodies) : NULL;
        if (v)
            nist_answer(c, v, json_array_size(bodies), (size_t)seats, out);
        else if (bodies)
            srv_error(out, 503, "out of memory");
        free(v);
        json_decref(bodies);
        return;
    }
    if (len <= 5 || strcmp(name + len - 5, ".json") != 0 || len - 5 >= sizeof code) {
        srv_error(out, 404, "not found");
        return;
    }
    memcpy(code, name, len - 5);
    code[len - 5] = '\0';
    {
        json_t *v = srv_central_declared(db, code, out);
        if (!v)
            return;
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
    const json_t **v = NULL;
    json_t *bodies;
    FILE *f;
    tally_status st = TALLY_ENOMEM;

    if (!cons && strcmp(name, "candidacies.csv") != 0) {
        srv_error(out, 404, "not found");
        return;
    }
    if (!(bodies = srv_central_held(db, &seats, out)))
        return;
    if ((v = srv_central_borrowed(bodies)) && (f = open_memstream(&text, &len))) {
        size_t n = json_array_size(bodies);
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
    json_decref(bodies);
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
