/*
** What central.c and central_events.c share of the central service: the
** store behind its lock, and the bell that a stored declaration rings for
** the held-open /events streams. Internal to server/.
*/
#ifndef TALLY_SERVER_CENTRAL_PRIV_H
#define TALLY_SERVER_CENTRAL_PRIV_H

#include <pthread.h>
#include <stdint.h>

#include "central.h"
#include "sse.h"
#include "tally/central.h"

/* The declarations this process stored, for the streams (central_recent.c):
** the run of numbers (lo, hi], v[k] numbered lo + 1 + k; lo = hi =
** UINT64_MAX holds none. */
typedef struct srv_recent_one {
    uint64_t seq;
    int recount;
    char *body;
} srv_recent_one;
typedef struct srv_recent {
    pthread_rwlock_t lock;
    uint64_t lo, hi;
    srv_recent_one *v;
    size_t n;
} srv_recent;

void srv_recent_init(srv_recent *r);
void srv_recent_destroy(srv_recent *r);
/* Hold a declaration just committed (numbers given in order). */
void srv_recent_add(srv_recent *r, uint64_t seq, int recount, const char *body);
/* Write the held declarations after *after to f (srv_sse_event), at most
** max, moving *after: how many, or -1 when *after is behind what is held
** (ask the store). */
int srv_recent_since(srv_recent *r, uint64_t *after, unsigned max, FILE *f);

/* libpq connections: a request or a stream's fetch takes one for itself,
** so reads run side by side. */
#define SRV_CENTRAL_POOL 4

/* The national picture's answers at one state of the store
** (central_national.c): text[0] JSON, text[1] CSV, NULL when not made. */
typedef struct srv_national_cache {
    pthread_mutex_t mu;
    uint64_t seq, n;
    char *text[2];
    size_t len[2];
} srv_national_cache;

struct srv_central {
    pthread_mutex_t mu; /* guards busy */
    pthread_cond_t freed;
    tally_central *store[SRV_CENTRAL_POOL];
    int busy[SRV_CENTRAL_POOL];
    /* Declarations waiting to be stored, and whether a commit is under
    ** way (central_commit.c): one at a time, so that their numbers are
    ** committed in order. */
    pthread_mutex_t queue_mu;
    pthread_cond_t queue_done;
    struct srv_pending *queue, **queue_tail;
    int committing;
    /* The bell: rung after each declaration commits, and at shutdown. A
    ** stream waits on it holding no store lock (sse.h). */
    srv_bell bell;
    srv_recent recent;
    unsigned heartbeat; /* seconds a caught-up stream waits before ": heartbeat" */
    /* The election the feeds describe (central_feeds.c); "" until set. */
    char election[257], election_date[11];
    int by_election;
    /* The previous results the national picture is measured against
    ** (central_national.c): read at the start, never changed; NULL: none. */
    struct tally_contest_set *baseline;
    srv_national_cache national;
};

/* A connection of the pool, waiting for one to be free; give it back
** (central_pool.c). */
tally_central *srv_central_take(srv_central *c);
void srv_central_give(srv_central *c, tally_central *db);

/* Ring the bell: a declaration was stored (central_pool.c). */
void srv_central_ring(srv_central *c);

/* A push's declaration as it waits for the group commit: d filled as
** tally_central_declare_all asks; the rest is the commit's answer. */
typedef struct srv_pending {
    tally_central_declaration d;
    tally_status status; /* TALLY_OK: d.outcome and d.seq hold */
    tally_error err;     /* when status is not TALLY_OK */
    int done;
    struct srv_pending *next;
} srv_pending;

/* Store p's declaration with those waiting beside it, in one transaction
** (central_commit.c), on db when this thread is the one to commit; the
** bell is rung once a commit has stored one. Returns p->status. */
tally_status srv_central_commit(srv_central *c, tally_central *db, srv_pending *p);

/* 503: the store could not be reached, its words to the operator only
** (central_pool.c). */
void srv_central_unavailable(srv_response *out, const tally_error *err);

/* The results in force (central_read.c), each NULL with out answered
** when they cannot be given: every declared body, parsed, in order of
** constituency, with the number registered in *seats; the body declared
** for one constituency (404 when none); and an array's members borrowed
** as the writers take them (NULL without memory; free() it). The caller
** owns what is returned. */
struct json_t *srv_central_held(tally_central *db, uint64_t *seats, srv_response *out);
struct json_t *srv_central_declared(tally_central *db, const char *code, srv_response *out);
const struct json_t **srv_central_borrowed(const struct json_t *a);

/* GET /api/national and /api/national.csv (central_national.c). */
void srv_central_national(srv_central *c, tally_central *db, srv_response *out);
void srv_central_national_csv(srv_central *c, tally_central *db, srv_response *out);
void srv_central_national_free(srv_central *c);

/* GET /events held open (central_events.c): fills out with a stream. */
void srv_central_events(srv_central *c, const srv_request *rq, srv_response *out);

/* The feeds (central_feeds.c): answers rq and returns 1 when its path is
** one of theirs, else 0 and out is untouched. */
int srv_central_feed(srv_central *c, tally_central *db, const srv_request *rq,
                     srv_response *out);
/* The public page and its script and style (central_page.c): 1 when
** rq->path is one of them and out is filled, else 0. */
int srv_central_page(const srv_request *rq, srv_response *out);

#endif
