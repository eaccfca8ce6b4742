/*
** Server-Sent Events held open (WHATWG HTML, section 9.2), shared by the
** count centre's GET /api/events (events.c) and the central service's
** GET /events (central_events.c). Internal to server/.
**
** A stream is a response callback that blocks in its own thread (server.c
** runs one thread per connection), so a waiting stream holds only that
** thread. It sends `retry: 2000`, then what its source gives after the
** Last-Event-ID header's id (0 without), at most SRV_SSE_BATCH at a time,
** then the comment `: live` once it has caught up. Then it waits on a bell,
** holding no lock of the source's, and asks the source again each time the
** bell rings (SRV_SSE_LINGER_MS after it). With nothing to send for the heartbeat's seconds it sends the
** comment `: heartbeat` and asks the source again: so what another process
** stored arrives within that time, and a client that has gone is noticed at
** the latest then (the write fails).
**
** Ownership: srv_sse_open() takes ctx, and frees it with ctx_free when the
** response is done (on failure too).
*/
#ifndef TALLY_SERVER_SSE_H
#define TALLY_SERVER_SSE_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "respond.h"

#define SRV_SSE_BATCH 1000 /* events read from the source at a time */
/* Milliseconds a stream woken by the bell waits before asking its source,
** when at least SRV_SSE_LINGER_AT streams are open on the bell: events
** stored within that time go in one write, and each stream is woken once
** for them. On election night 650 declarations ring the bell about as
** many times, and 1,000 streams woken for each was what held the service
** back (docs/benchmarks.md). With few streams, waking is cheap and each
** event goes at once. */
#define SRV_SSE_LINGER_AT 64
#define SRV_SSE_LINGER_MS 20
#define SRV_SSE_END (-2)   /* a source's answer: end the stream, cleanly */

/* The bell: rung (gen + 1, broadcast) after each event is stored, and at
** shutdown (closing). */
typedef struct srv_bell {
    pthread_mutex_t mu;
    pthread_cond_t cond; /* on the monotonic clock */
    uint64_t gen;
    int closing;
    unsigned streams; /* streams open on this bell */
} srv_bell;

void srv_bell_init(srv_bell *b);
void srv_bell_destroy(srv_bell *b);
void srv_bell_ring(srv_bell *b);
/* Every stream waiting on b ends, and every stream opened later at once. */
void srv_bell_close(srv_bell *b);

/* A source writes the events after *after to f, at most max, each with
** srv_sse_event(), moving *after to the last one written. It returns how
** many it wrote, SRV_SSE_END to end the stream (nothing written), or -1 on
** a fault. It is called from the stream's thread, with no lock held. */
typedef int (*srv_sse_fetch)(void *ctx, uint64_t *after, unsigned max, FILE *f);

/* One event: "id: ID", "event: TYPE" unless type is NULL, "data: DATA"
** (one line: DATA must hold no newline). */
void srv_sse_event(FILE *f, uint64_t id, const char *type, const char *data);
/* The same in two halves, for data written to f between them: begin
** writes up to "data: ", end the event's end. */
void srv_sse_begin(FILE *f, uint64_t id, const char *type);
void srv_sse_end(FILE *f);

/* The Last-Event-ID header as a number into *after (0 without one); -1,
** with out answered 400, when it is not one. */
int srv_sse_after(const srv_request *rq, uint64_t *after, srv_response *out);

/* Fill out with a stream of fetch's events after after. heartbeat: seconds. */
void srv_sse_open(srv_response *out, srv_bell *bell, unsigned heartbeat, uint64_t after,
                  srv_sse_fetch fetch, void *ctx, void (*ctx_free)(void *ctx));

#endif
