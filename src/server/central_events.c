/*
** GET /events of the central service (docs/api.md, "Live declarations"):
** Server-Sent Events (WHATWG HTML, section 9.2) held open.
**
** The stream is a response callback that blocks (server.c runs the central
** service one thread per connection, so a blocked stream holds only its
** own thread). It sends `retry: 2000`, every declaration after the
** Last-Event-ID header's (0 without) in order, then the comment `: live`
** once it has caught up; then it waits on the bell (central_priv.h),
** holding no store lock, and sends each new declaration as it is stored.
** With nothing to send for the heartbeat's seconds (15 unless
** `central serve --heartbeat`) it sends the comment
** `: heartbeat`, and asks the store again: so declarations stored by
** another process serving the same database arrive within that time, and a
** client that has gone is noticed at the latest then (the write fails).
** The store is asked for at most BATCH declarations at a time.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "central_priv.h"

#define BATCH 1000

typedef struct stream {
    srv_central *c;
    uint64_t after;    /* the last declaration sent */
    char *buf;         /* what is still to be sent: buf[off..len) */
    size_t len, off;
    int started, live; /* retry sent; ": live" sent */
} stream;

typedef struct batch {
    FILE *f;
    uint64_t *after;
    unsigned n;
} batch;

/* One event: "id: SEQ", "event: declared|recount", "data: BODY" (the
** canonical JSON, one line). */
static int event(void *ctx, uint64_t seq, const char *constituency, int recount,
                 const char *body)
{
    batch *b = ctx;
    (void)constituency;
    fprintf(b->f, "id: %llu\nevent: %s\ndata: %s\n\n", (unsigned long long)seq,
            recount ? "recount" : "declared", body);
    *b->after = seq;
    b->n++;
    return 0;
}

/* Refill s->buf; 0 with something to send, 1 at shutdown, -1 on a fault. */
static int fill(stream *s)
{
    srv_central *c = s->c;
    tally_central *db;
    struct timespec until;
    uint64_t gen;
    tally_error err;
    tally_status st;
    batch b;
    int closing, rc = 0;

    for (;;) {
        pthread_mutex_lock(&c->bell_mu);
        gen = c->gen;
        closing = c->closing;
        pthread_mutex_unlock(&c->bell_mu);
        if (closing)
            return 1;
        b.after = &s->after;
        b.n = 0;
        if (!(b.f = open_memstream(&s->buf, &s->len)))
            return -1;
        if (!s->started)
            fputs("retry: 2000\n\n", b.f);
        s->started = 1;
        tally_error_clear(&err);
        db = srv_central_take(c);
        st = tally_central_since(db, s->after, BATCH, event, &b, &err);
        srv_central_give(c, db);
        if (st != TALLY_OK)
            fprintf(stderr, "tally: %s\n", err.message);
        if (st == TALLY_OK && b.n < BATCH && !s->live) {
            fputs(": live\n\n", b.f);
            s->live = 1;
        }
        if (fclose(b.f) != 0 || st != TALLY_OK)
            return -1;
        s->off = 0;
        if (s->len)
            return 0;
        free(s->buf);
        s->buf = NULL;
        /* Caught up: wait for the bell, or the heartbeat. */
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += c->heartbeat;
        pthread_mutex_lock(&c->bell_mu);
        while (c->gen == gen && !c->closing && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&c->bell, &c->bell_mu, &until);
        pthread_mutex_unlock(&c->bell_mu);
        if (rc == ETIMEDOUT) {
            if (!(s->buf = strdup(": heartbeat\n\n")))
                return -1;
            s->len = strlen(s->buf);
            s->off = 0;
            return 0;
        }
    }
}

static long read_stream(void *ctx, char *out, size_t max)
{
    stream *s = ctx;
    size_t n;
    while (s->off == s->len) {
        int rc;
        free(s->buf);
        s->buf = NULL;
        s->len = s->off = 0;
        if ((rc = fill(s)) != 0)
            return rc > 0 ? 0 : -1;
    }
    n = s->len - s->off < max ? s->len - s->off : max;
    memcpy(out, s->buf + s->off, n);
    s->off += n;
    return (long)n;
}

static void free_stream(void *ctx)
{
    stream *s = ctx;
    if (!s)
        return;
    free(s->buf);
    free(s);
}

void srv_central_events(srv_central *c, const srv_request *rq, srv_response *out)
{
    unsigned long long after = 0;
    char *end = NULL;
    stream *s;

    if (rq->last_event_id) {
        after = strtoull(rq->last_event_id, &end, 10);
        if (end == rq->last_event_id || *end || rq->last_event_id[0] == '-') {
            srv_error(out, 400, "Last-Event-ID: must be the id of an event");
            return;
        }
    }
    if (!(s = calloc(1, sizeof *s))) {
        srv_error(out, 503, "out of memory");
        return;
    }
    s->c = c;
    s->after = after;
    out->status = 200;
    out->type = "text/event-stream; charset=utf-8";
    out->no_store = 1;
    out->stream = read_stream;
    out->stream_free = free_stream;
    out->stream_ctx = s;
}
