/*
** Server-Sent Events held open (src/server/sse.h).
*/
#include "sse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void srv_bell_init(srv_bell *b)
{
    pthread_condattr_t a;
    memset(b, 0, sizeof *b);
    pthread_mutex_init(&b->mu, NULL);
    /* The heartbeat is timed on the monotonic clock: a change of the
    ** wall clock neither hastens nor delays it. */
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(&b->cond, &a);
    pthread_condattr_destroy(&a);
}

void srv_bell_destroy(srv_bell *b)
{
    pthread_cond_destroy(&b->cond);
    pthread_mutex_destroy(&b->mu);
}

void srv_bell_ring(srv_bell *b)
{
    pthread_mutex_lock(&b->mu);
    b->gen++;
    pthread_cond_broadcast(&b->cond);
    pthread_mutex_unlock(&b->mu);
}

void srv_bell_close(srv_bell *b)
{
    pthread_mutex_lock(&b->mu);
    b->closing = 1;
    pthread_cond_broadcast(&b->cond);
    pthread_mutex_unlock(&b->mu);
}

void srv_sse_begin(FILE *f, uint64_t id, const char *type)
{
    fprintf(f, "id: %llu\n", (unsigned long long)id);
    if (type)
        fprintf(f, "event: %s\n", type);
    fputs("data: ", f);
}

void srv_sse_end(FILE *f)
{
    fputs("\n\n", f);
}

void srv_sse_event(FILE *f, uint64_t id, const char *type, const char *data)
{
    srv_sse_begin(f, id, type);
    fputs(data, f);
    srv_sse_end(f);
}

int srv_sse_after(const srv_request *rq, uint64_t *after, srv_response *out)
{
    const char *id = rq->last_event_id;
    char *end = NULL;

    *after = 0;
    if (!id)
        return 0;
    *after = strtoull(id, &end, 10);
    if (end == id || *end || id[0] == '-') {
        srv_error(out, 400, "Last-Event-ID: must be the id of an event");
        return -1;
    }
    return 0;
}

typedef struct stream {
    srv_bell *bell;
    unsigned heartbeat;
    srv_sse_fetch fetch;
    void *ctx;
    void (*ctx_free)(void *ctx);
    uint64_t after;    /* the last event sent */
    char *buf;         /* what is still to be sent: buf[off..len) */
    size_t len, off;
    int started, live; /* retry sent; ": live" sent */
} stream;

/* Refill s->buf; 0 with something to send, 1 at the stream's end, -1 on a
** fault. */
static int fill(stream *s)
{
    srv_bell *b = s->bell;
    struct timespec until;
    uint64_t gen;
    FILE *f;
    int closing, n, rc = 0, rung = 0;

    for (;;) {
        if (rung) {
            /* Linger, so that what is stored close together goes in one
            ** write, and a stream is woken once for it, not once each. */
            struct timespec linger = { 0, SRV_SSE_LINGER_MS * 1000000L };
            nanosleep(&linger, NULL);
        }
        pthread_mutex_lock(&b->mu);
        gen = b->gen;
        closing = b->closing;
        pthread_mutex_unlock(&b->mu);
        if (closing)
            return 1;
        if (!(f = open_memstream(&s->buf, &s->len)))
            return -1;
        if (!s->started)
            fputs("retry: 2000\n\n", f);
        s->started = 1;
        n = s->fetch(s->ctx, &s->after, SRV_SSE_BATCH, f);
        if (n >= 0 && n < SRV_SSE_BATCH && !s->live) {
            fputs(": live\n\n", f);
            s->live = 1;
        }
        if (fclose(f) != 0 || n == -1)
            return -1;
        if (n == SRV_SSE_END)
            return 1;
        s->off = 0;
        if (s->len)
            return 0;
        free(s->buf);
        s->buf = NULL;
        /* Caught up: wait for the bell, or the heartbeat. */
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += s->heartbeat;
        pthread_mutex_lock(&b->mu);
        while (b->gen == gen && !b->closing && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&b->cond, &b->mu, &until);
        rung = b->gen != gen && b->streams >= SRV_SSE_LINGER_AT;
        pthread_mutex_unlock(&b->mu);
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
    pthread_mutex_lock(&s->bell->mu);
    s->bell->streams--;
    pthread_mutex_unlock(&s->bell->mu);
    if (s->ctx_free)
        s->ctx_free(s->ctx);
    free(s->buf);
    free(s);
}

void srv_sse_open(srv_response *out, srv_bell *bell, unsigned heartbeat, uint64_t after,
                  srv_sse_fetch fetch, void *ctx, void (*ctx_free)(void *ctx))
{
    stream *s = calloc(1, sizeof *s);

    if (!s) {
        if (ctx_free)
            ctx_free(ctx);
        srv_error(out, 503, "out of memory");
        return;
    }
    s->bell = bell;
    pthread_mutex_lock(&bell->mu);
    bell->streams++;
    pthread_mutex_unlock(&bell->mu);
    s->heartbeat = heartbeat;
    s->fetch = fetch;
    s->ctx = ctx;
    s->ctx_free = ctx_free;
    s->after = after;
    out->status = 200;
    out->type = "text/event-stream; charset=utf-8";
    out->no_store = 1;
    out->stream = read_stream;
    out->stream_free = free_stream;
    out->stream_ctx = s;
}
