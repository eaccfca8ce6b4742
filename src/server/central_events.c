/*
** GET /events of the central service (docs/api.md, "Live declarations"):
** Server-Sent Events held open (sse.h), one event for each declaration
** stored after the Last-Event-ID header's, in order:
**     id: SEQ
**     event: declared|recount
**     data: BODY              (the canonical JSON as stored, one line)
** The stream waits on the service's bell, which each stored declaration
** rings; the heartbeat is 15 seconds unless `central serve --heartbeat`.
*/
#include <stdio.h>
#include <stdlib.h>

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

/* The stream's source (sse.h): the declarations after *after, from a
** connection of the pool. */
static int fetch(void *ctx, uint64_t *after, unsigned max, FILE *f)
{
    srv_central *c = ctx;
    tally_central *db;
    tally_error err;
    tally_status st;
    batch b = { f, after, 0 };

    tally_error_clear(&err);
    db = srv_central_take(c);
    st = tally_central_since(db, *after, max, event, &b, &err);
    srv_central_give(c, db);
    if (st != TALLY_OK) {
        fprintf(stderr, "tally: %s\n", err.message);
        return -1;
    }
    return b.n;
}

void srv_central_events(srv_central *c, const srv_request *rq, srv_response *out)
{
    uint64_t after;

    if (srv_sse_after(rq, &after, out) != 0)
        return;
    srv_sse_open(out, &c->bell, c->heartbeat, after, fetch, c, NULL);
}
