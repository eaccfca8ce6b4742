/*
** GET /api/events of the count centre (docs/api.md, "Following the count"):
** the count's events as Server-Sent Events held open (sse.h), each stored
** event after the Last-Event-ID header's seq, in order:
**     id: SEQ
**     data: {"hash":"...","event":{...}}    (the line GET /api/log gives)
** then each event as it is appended. The stream waits on the server's bell
** (state.h), which every append by this server rings; an event appended by
** another process (a `tally count` command) arrives at the next heartbeat.
**
** What a viewer may see is what GET /api/log shows it: the whole log, to a
** live session whose role may watch the count (users.h). The session is
** looked up again, by its token, before every read of the log, so a stream
** whose session has ended (signed out, expired, its user removed, or its
** role changed to one that may not watch) ends, and is sent nothing stored
** after that. Only events the log has checked and replayed are sent.
*/
#include "events.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sse.h"
#include "tally/sessions.h"
#include "tally/store.h"
#include "tally/users.h"

typedef struct watch {
    srv_state *s;
    char token[TALLY_SESSION_HEX]; /* the session's, looked up at each read */
} watch;

typedef struct batch {
    FILE *f;
    uint64_t *after;
    uint64_t head; /* the last event the log has replayed */
    unsigned max;
    int n;
} batch;

static int line(void *ctx, uint64_t seq, const char *json, const char *hash)
{
    batch *b = ctx;
    if (seq > b->head || (unsigned)b->n == b->max)
        return 1;
    srv_sse_begin(b->f, seq, NULL);
    tally_log_write_line(b->f, json, hash);
    srv_sse_end(b->f);
    *b->after = seq;
    b->n++;
    return 0;
}

/* The stream's source (sse.h). */
static int fetch(void *ctx, uint64_t *after, unsigned max, FILE *f)
{
    watch *w = ctx;
    srv_state *s = w->s;
    batch b = { f, after, 0, max, 0 };
    tally_session ses;
    tally_error err;
    tally_status st;
    int rc;

    tally_error_clear(&err);
    pthread_mutex_lock(&s->mu);
    if (srv_refresh_log(s) != 0) {
        pthread_mutex_unlock(&s->mu);
        return -1;
    }
    st = tally_session_find(s->log, w->token, (int64_t)time(NULL), &ses, &err);
    if (st == TALLY_OK && tally_role_may_watch(ses.role)) {
        b.head = tally_log_head(s->log, NULL);
        st = tally_log_each_after(s->log, *after, line, &b, &err);
        rc = st == TALLY_OK ? b.n : -1;
    } else {
        rc = st == TALLY_OK || st == TALLY_ENOTFOUND ? SRV_SSE_END : -1;
    }
    pthread_mutex_unlock(&s->mu);
    sodium_memzero(&ses, sizeof ses);
    return rc;
}

static void free_watch(void *ctx)
{
    watch *w = ctx;
    if (!w)
        return;
    sodium_memzero(w->token, sizeof w->token);
    free(w);
}

void srv_events(srv_state *s, const srv_request *rq, const tally_session *ses, srv_response *out)
{
    uint64_t after;
    watch *w;

    if (srv_sse_after(rq, &after, out) != 0)
        return;
    if (!(w = calloc(1, sizeof *w))) {
        srv_error(out, 503, "out of memory");
        return;
    }
    w->s = s;
    memcpy(w->token, ses->token, sizeof w->token);
    srv_sse_open(out, &s->bell, s->heartbeat, after, fetch, w, free_watch);
}
