/*
** The group commit of the central service's declarations (central_priv.h).
**
** Each push joins a queue. The first to find no commit under way takes
** every declaration waiting (at most COMMIT_MAX), stores them in one
** transaction on its own connection (tally_central_declare_all), rings the
** bell once if one was stored, and wakes the others with their answers;
** a push still waiting then commits the next group. Why: PostgreSQL syncs
** its log at each commit, and one commit at a time each waiting for its own
** sync held the service to about 420 pushes a second on this machine
** (docs/benchmarks.md); pushes that arrive together now share one.
**
** One commit at a time, and the numbers within a group follow the queue,
** so numbers are committed in order: a stream that has sent number N never
** later finds a smaller one committed (within this process). A fault of
** the store answers every push of the group with it: none is stored, and
** each count centre retries safely (a retry is decided again, afresh).
** Each push is answered only after the commit that stored it.
*/
#include <string.h>

#include "central_priv.h"

#define COMMIT_MAX 64

/* Take the group: the first COMMIT_MAX of the queue (c->queue_mu held). */
static size_t take(srv_central *c, srv_pending **group)
{
    size_t n = 0;
    while (c->queue && n < COMMIT_MAX) {
        group[n++] = c->queue;
        c->queue = c->queue->next;
    }
    if (!c->queue)
        c->queue_tail = &c->queue;
    return n;
}

static void commit(srv_central *c, tally_central *db, srv_pending **group, size_t n)
{
    tally_central_declaration v[COMMIT_MAX];
    tally_error err;
    tally_status st;
    int stored = 0;

    for (size_t i = 0; i < n; i++)
        v[i] = group[i]->d;
    tally_error_clear(&err);
    st = tally_central_declare_all(db, v, n, &err);
    for (size_t i = 0; i < n; i++) {
        srv_pending *p = group[i];
        p->d = v[i];
        p->status = st != TALLY_OK ? st : v[i].status;
        if (st != TALLY_OK)
            p->err = err;
        else if (v[i].status != TALLY_OK)
            tally_error_set(&p->err, v[i].status, NULL, 0, 0,
                            "constituency \"%s\" is not registered", v[i].constituency);
        else if (v[i].outcome == TALLY_CENTRAL_DECLARED ||
                 v[i].outcome == TALLY_CENTRAL_RECOUNT) {
            srv_recent_add(&c->recent, v[i].seq, v[i].outcome == TALLY_CENTRAL_RECOUNT,
                           v[i].body);
            stored = 1;
        }
    }
    if (stored)
        srv_central_ring(c);
}

tally_status srv_central_commit(srv_central *c, tally_central *db, srv_pending *p)
{
    srv_pending *group[COMMIT_MAX];

    pthread_mutex_lock(&c->queue_mu);
    p->done = 0;
    p->next = NULL;
    *c->queue_tail = p;
    c->queue_tail = &p->next;
    while (!p->done) {
        size_t n;
        if (c->committing) {
            pthread_cond_wait(&c->queue_done, &c->queue_mu);
            continue;
        }
        c->committing = 1;
        n = take(c, group);
        pthread_mutex_unlock(&c->queue_mu);
        commit(c, db, group, n);
        pthread_mutex_lock(&c->queue_mu);
        for (size_t i = 0; i < n; i++)
            group[i]->done = 1;
        c->committing = 0;
        pthread_cond_broadcast(&c->queue_done);
    }
    pthread_mutex_unlock(&c->queue_mu);
    return p->status;
}
