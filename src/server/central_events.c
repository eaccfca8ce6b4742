/*
** GET /events of the central service (docs/api.md, "Live declarations"):
** Server-Sent Events held open (sse.h), one event for each declaration
** stored after the Last-Event-ID header's, in order:
**     id: SEQ
**     event: declared|recount
**     data: BODY              (the canonical JSON as stored, one line)
** The stream waits on the service's bell, which each stored declaration
** rings, and reads what this process stored from memory (central_recent.c); the heartbeat is 15 seconds unless `central serve --heartbeat`.
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "central_priv.h"

typedef struct batch {
    FILE *f;
    uint64_t *after;
    int n;
} batch;

static int event(void *ctx, uint64_t seq, const char *constituency, int recount,
                 const char *body)
{
    batch *b = ctx;
    (void)constituency;
    srv_sse_event(b->f, seq, recount ? "recount" : "declared", body);
    *b->after = seq;
    b->n++;
    return 0;
}

/* One stream's source: the service, and when this stream last asked the
** store (CLOCK_MONOTONIC seconds). */
typedef struct source {
    srv_central *c;
    time_t asked;
} source;

static time_t now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec;
}

/* The stream's source (sse.h): the declarations after *after, from those
** this process holds (central_recent.c) when it holds them, else from a
** connection of the pool. With nothing new held, the store is asked too
** once a heartbeat has passed since this stream last asked it: so what
** another process stored still arrives within the heartbeat. */
static int fetch(void *ctx, uint64_t *after, unsigned max, FILE *f)
{
    source *s = ctx;
    srv_central *c = s->c;
    tally_central *db;
    tally_error err;
    tally_status st;
    batch b = { f, after, 0 };
    int n = srv_recent_since(&c->recent, after, max, f);

    if (n > 0 || (n == 0 && now() - s->asked < (time_t)c->heartbeat))
        return n;
    tally_error_clear(&err);
    db = srv_central_take(c);
    st = tally_central_since(db, *after, max, event, &b, &err);
    srv_central_give(c, db);
    if (st != TALLY_OK) {
        fprintf(stderr, "tally: %s\n", err.message);
        return -1;
    }
    s->asked = now();
    return b.n;
}

void srv_central_events(srv_central *c, const srv_request *rq, srv_response *out)
{
    uint64_t after;
    source *s;

    if (srv_sse_after(rq, &after, out) != 0)
        return;
    if (!(s = calloc(1, sizeof *s))) {
        srv_error(out, 503, "out of memory");
        return;
    }
    s->c = c;
    srv_sse_open(out, &c->bell, c->heartbeat, after, fetch, s, free);
}
