/*
** The central service's national picture (docs/api.md, "The national
** picture"): the previous results it is measured against, read once at
** the start (srv_central_baseline, central.h), and GET /api/national, the
** declared results in force joined with them by tally_national_json
** (national.h), and GET /api/national.csv, the same written by
** tally_report_national_csv (report.h). Front door: reads and dispatches,
** computes nothing. Each answer is kept while the store's state is the same
** (tally_central_latest: the last declaration's number, the constituencies
** registered), so that every open page asking after each declaration costs
** one picture, not one each.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_priv.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/national.h"
#include "tally/report.h"

tally_status srv_central_baseline(srv_central *c, const char *previous, const char *notional,
                                  tally_error *err)
{
    tally_contest_set *set = NULL;
    tally_status st;

    if (previous && (st = tally_io_read_uk_previous(previous, &set, err)) != TALLY_OK)
        return st;
    if (!set && !(set = tally_calloc(1, sizeof *set)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    if (notional && (st = tally_io_read_notional(notional, set, err)) != TALLY_OK) {
        tally_contest_set_free(set);
        return st;
    }
    tally_contest_set_free(c->baseline);
    c->baseline = set;
    return TALLY_OK;
}

/* The national picture as JSON, or NULL with out answered. */
static json_t *picture(srv_central *c, tally_central *db, srv_response *out)
{
    const tally_contest_set *b = c->baseline;
    uint64_t seats = 0;
    json_t *bodies = srv_central_held(db, &seats, out), *o = NULL;
    const json_t **v = bodies ? srv_central_borrowed(bodies) : NULL;
    tally_error err;
    tally_status st;

    tally_error_clear(&err);
    if (!bodies)
        ; /* answered */
    else if (!v)
        srv_error(out, 503, "out of memory");
    else if ((st = tally_national_json(v, json_array_size(bodies), (size_t)seats,
                                       b ? (const tally_election *const *)b->contests : NULL,
                                       b ? b->n : 0, &o, &err)) != TALLY_OK) {
        /* Every stored result was checked when it was taken, so only
        ** memory, or a figure beyond num.h's range, can fail here. */
        fprintf(stderr, "tally: the national picture: %s\n", err.message);
        srv_error(out, 503, st == TALLY_ENOMEM ? "out of memory"
                                               : "the national picture cannot be computed");
    }
    free(v);
    json_decref(bodies);
    return o;
}

/* The answers kept (c->national): the one of kind k (0 JSON, 1 CSV) made at
** the store's state (seq, n), copied into out: 1, or 0 when there is none. */
static int cached(srv_central *c, int k, uint64_t seq, uint64_t n, srv_response *out)
{
    srv_national_cache *m = &c->national;
    int hit;
    pthread_mutex_lock(&m->mu);
    hit = m->text[k] && m->seq == seq && m->n == n;
    if (hit) {
        srv_respond(out, 200, k ? "text/csv; charset=utf-8" : "application/json", m->text[k],
                    m->len[k]);
        out->no_store = 1;
    }
    pthread_mutex_unlock(&m->mu);
    return hit;
}

/* Keep out's body as the answer of kind k at the state (seq, n). The
** picture was read after the state, so it is at least as new: kept under
** a state it may have passed, it is only made again the sooner. */
static void keep(srv_central *c, int k, uint64_t seq, uint64_t n, const srv_response *out)
{
    srv_national_cache *m = &c->national;
    char *copy;
    if (out->status != 200 || !(copy = malloc(out->len + 1)))
        return;
    memcpy(copy, out->body, out->len + 1);
    pthread_mutex_lock(&m->mu);
    if (m->seq != seq || m->n != n) {
        free(m->text[0]);
        free(m->text[1]);
        m->text[0] = m->text[1] = NULL;
        m->seq = seq;
        m->n = n;
    }
    free(m->text[k]);
    m->text[k] = copy;
    m->len[k] = out->len;
    pthread_mutex_unlock(&m->mu);
}

/* The store's state, or -1 with out answered. */
static int state(tally_central *db, uint64_t *seq, uint64_t *n, srv_response *out)
{
    tally_error err;
    tally_error_clear(&err);
    if (tally_central_latest(db, seq, n, &err) != TALLY_OK) {
        srv_central_unavailable(out, &err);
        return -1;
    }
    return 0;
}

void srv_central_national(srv_central *c, tally_central *db, srv_response *out)
{
    uint64_t seq, n;
    json_t *o;

    if (state(db, &seq, &n, out) != 0 || cached(c, 0, seq, n, out))
        return;
    if ((o = picture(c, db, out))) {
        srv_json(out, 200, o);
        keep(c, 0, seq, n, out);
    }
}

void srv_central_national_csv(srv_central *c, tally_central *db, srv_response *out)
{
    uint64_t seq, n;
    json_t *o;
    char *text = NULL;
    size_t len = 0;
    FILE *f;
    int ok;

    if (state(db, &seq, &n, out) != 0 || cached(c, 1, seq, n, out))
        return;
    if (!(o = picture(c, db, out)))
        return;
    f = open_memstream(&text, &len);
    ok = f && tally_report_national_csv(o, f) == TALLY_OK;
    if (f)
        ok &= fclose(f) == 0;
    json_decref(o);
    if (ok)
        srv_respond(out, 200, "text/csv; charset=utf-8", text, len);
    else
        srv_error(out, 503, "out of memory");
    free(text);
    out->no_store = 1;
    keep(c, 1, seq, n, out);
}

void srv_central_national_free(srv_central *c)
{
    free(c->national.text[0]);
    free(c->national.text[1]);
    pthread_mutex_destroy(&c->national.mu);
}
