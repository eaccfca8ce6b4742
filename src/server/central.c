/*
** The central results service's routes (src/server/central.h):
**
**   POST /api/results         a constituency's declared result (national.h),
**                             with "Authorization: Bearer TOKEN", the token
**                             of that constituency
**   GET  /api/results/{id}    the declared result in force, 404 until one
**   GET  /api/national        the national picture (national.h), against
**                             the previous results (central_national.c)
**   GET  /api/nist/..., /api/uk-parliament/...  the feeds (central_feeds.c)
**   GET  /                    the public results page (central_page.c)
**   GET  /api/national.csv    the same, its parties as CSV
**   GET  /events              Server-Sent Events: every declaration accepted
**                             after the Last-Event-ID header's (0 without),
**                             held open for the next (sse.h, central_
**                             events.c); a dropped EventSource reconnects
**                             after `retry` (2 s) with the last id it saw,
**                             so it resumes where it stopped and misses
**                             nothing
**
** Answers to a push (docs/api.md): 201 stored (first declaration or a
** recount), 200 the same head and body again (nothing changes: a count
** centre may retry after any fault), 400 naming the member at fault, 401 no
** or an unknown token, 403 another constituency's token, 409 another result
** for a declared constituency not marked as a recount with a new head, or a
** head a recount has replaced, 503 the store could not be reached (nothing
** is known stored: retry). Each result stored is printed as one line,
**     declared|recount CONSTITUENCY seq N head HASH
** after its commit and before the answer.
*/
#include "central.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "central_priv.h"
#include "tally/io.h"
#include "tally/national.h"
#include "tally/store.h"

tally_status srv_central_open(const char *url, unsigned heartbeat, srv_central **out,
                              tally_error *err)
{
    srv_central *c = calloc(1, sizeof *c);
    tally_status st;
    *out = NULL;
    if (!c)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    c->heartbeat = heartbeat ? heartbeat : 15;
    for (int i = 0; i < SRV_CENTRAL_POOL; i++)
        if ((st = tally_central_open(url, &c->store[i], err)) != TALLY_OK) {
            while (i--)
                tally_central_close(c->store[i]);
            free(c);
            return st;
        }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->freed, NULL);
    pthread_mutex_init(&c->queue_mu, NULL);
    pthread_cond_init(&c->queue_done, NULL);
    c->queue_tail = &c->queue;
    srv_bell_init(&c->bell);
    srv_recent_init(&c->recent);
    pthread_mutex_init(&c->national.mu, NULL);
    *out = c;
    return TALLY_OK;
}

void srv_central_close(srv_central *c)
{
    if (!c)
        return;
    for (int i = 0; i < SRV_CENTRAL_POOL; i++)
        tally_central_close(c->store[i]);
    tally_contest_set_free(c->baseline);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->freed);
    pthread_mutex_destroy(&c->queue_mu);
    pthread_cond_destroy(&c->queue_done);
    srv_bell_destroy(&c->bell);
    srv_recent_destroy(&c->recent);
    srv_central_national_free(c);
    free(c);
}

void srv_central_quit(srv_central *c)
{
    if (!c)
        return;
    srv_bell_close(&c->bell);
}

/* The token of "Authorization: Bearer TOKEN" (the scheme in any case,
** RFC 9110 section 11.1), or NULL. */
static const char *bearer(const char *authorization)
{
    static const char scheme[] = "Bearer ";
    if (!authorization || strncasecmp(authorization, scheme, sizeof scheme - 1) != 0)
        return NULL;
    return authorization + sizeof scheme - 1;
}


static void push(srv_central *c, tally_central *db, const srv_request *rq, srv_response *out)
{
    char who[TALLY_CONSTITUENCY_MAX], msg[TALLY_ERROR_MSG_MAX + 32];
    const char *token = bearer(rq->authorization), *code, *head;
    tally_central_outcome outcome;
    tally_error err;
    json_error_t jerr;
    json_t *body;
    char *canon;
    uint64_t seq;
    srv_pending p;
    tally_status st;

    tally_error_clear(&err);
    st = tally_central_token_find(db, token, who, &err);
    if (st == TALLY_ENOTFOUND) {
        srv_error(out, 401, "a constituency's bearer token is needed");
        out->authenticate = "Bearer realm=\"tally central\"";
        return;
    }
    if (st != TALLY_OK) {
        srv_central_unavailable(out, &err);
        return;
    }
    if (!(body = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES,
                            &jerr))) {
        snprintf(msg, sizeof msg, "body: line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        srv_error(out, 400, msg);
        return;
    }
    if (tally_declared_check(body, &err) != TALLY_OK) {
        json_decref(body);
        srv_error(out, 400, err.message);
        return;
    }
    code = json_string_value(json_object_get(body, "constituency"));
    head = json_string_value(json_object_get(body, "head"));
    if (strcmp(code, who) != 0) {
        snprintf(msg, sizeof msg, "this token publishes %s only", who);
        json_decref(body);
        srv_error(out, 403, msg);
        return;
    }
    if (!(canon = tally_canonical_json(body))) {
        json_decref(body);
        srv_error(out, 503, "out of memory");
        return;
    }
    memset(&p, 0, sizeof p);
    p.d.constituency = code;
    p.d.head = head;
    p.d.body = canon;
    p.d.recount = json_is_true(json_object_get(body, "recount"));
    st = srv_central_commit(c, db, &p);
    free(canon);
    if (st != TALLY_OK) {
        json_decref(body);
        srv_central_unavailable(out, &p.err);
        return;
    }
    outcome = p.d.outcome;
    seq = p.d.seq;
    if (outcome == TALLY_CENTRAL_CONFLICT || outcome == TALLY_CENTRAL_SUPERSEDED) {
        snprintf(msg, sizeof msg,
                 outcome == TALLY_CENTRAL_CONFLICT
                     ? "%s is declared with another result: a recount is published with its "
                       "new head and \"recount\": true"
                     : "%s: a recount has replaced the result of this head",
                 code);
        json_decref(body);
        srv_error(out, 409, msg);
        return;
    }
    if (outcome != TALLY_CENTRAL_UNCHANGED) {
        printf("%s %s seq %llu head %s\n", outcome == TALLY_CENTRAL_RECOUNT ? "recount" : "declared",
               code, (unsigned long long)seq, head);
        fflush(stdout);
    }
    srv_json(out, outcome == TALLY_CENTRAL_UNCHANGED ? 200 : 201,
             json_pack("{s:s, s:s, s:s, s:I}", "constituency", code, "head", head, "outcome",
                       outcome == TALLY_CENTRAL_DECLARED ? "declared"
                       : outcome == TALLY_CENTRAL_RECOUNT ? "recount" : "unchanged",
                       "seq", (json_int_t)seq));
    json_decref(body);
}

static void result(tally_central *db, const char *code, srv_response *out)
{
    json_t *v = srv_central_declared(db, code, out);
    if (v)
        srv_json(out, 200, v);
}

void srv_central_route(srv_central *c, const srv_request *rq, srv_response *out)
{
    static const char results[] = "/api/results";
    int get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    const char *path = rq->path;

    tally_central *db;

    memset(out, 0, sizeof *out);
    if (srv_central_page(rq, out))
        return;
    db = srv_central_take(c);
    if (strcmp(path, results) == 0) {
        if (strcmp(rq->method, "POST") == 0)
            push(c, db, rq, out);
        else
            srv_error(out, 405, "method not allowed");
    } else if (strncmp(path, results, sizeof results - 1) == 0 &&
               path[sizeof results - 1] == '/') {
        if (get)
            result(db, path + sizeof results, out);
        else
            srv_error(out, 405, "method not allowed");
    } else if (strcmp(path, "/events") == 0) {
        if (get)
            srv_central_events(c, rq, out);
        else
            srv_error(out, 405, "method not allowed");
    } else if (strcmp(path, "/api/national") == 0) {
        if (get)
            srv_central_national(c, db, out);
        else
            srv_error(out, 405, "method not allowed");
    } else if (srv_central_feed(c, db, rq, out)) {
        /* a feed: NIST, UK Parliament (central_feeds.c) */
    } else if (strcmp(path, "/api/national.csv") == 0) {
        if (get)
            srv_central_national_csv(c, db, out);
        else
            srv_error(out, 405, "method not allowed");
    } else {
        srv_error(out, 404, "not found");
    }
    srv_central_give(c, db);
}
