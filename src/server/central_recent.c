/*
** The declarations this service has stored, kept in memory for the
** held-open /events streams (central_priv.h).
**
** Why: every stored declaration rings the bell, and every stream woken
** asks for what is new. Asked of PostgreSQL, 1,000 streams and 650
** declarations were 650,000 queries through a pool of four connections
** (docs/benchmarks.md); asked of this, they are copies under a read lock.
**
** What is held is a run of consecutive numbers (lo, hi], bodies as stored.
** A number that does not follow hi (another process stored the numbers
** between, or a transaction that failed used one up) starts the run again
** after it: a stream behind the run's start reads the store, as it does
** when it starts. The run is capped at RECENT_MAX (the oldest half dropped
** when full), so memory stays bounded however long the night. Without
** memory the run is emptied, which only sends streams to the store.
*/
#include <stdlib.h>
#include <string.h>

#include "central_priv.h"

#define RECENT_MAX 4096

void srv_recent_init(srv_recent *r)
{
    memset(r, 0, sizeof *r);
    pthread_rwlock_init(&r->lock, NULL);
    r->lo = r->hi = UINT64_MAX; /* nothing held: every stream reads the store */
}

static void drop(srv_recent *r, size_t k)
{
    if (!k)
        return; /* r->v may be NULL yet */
    for (size_t i = 0; i < k; i++)
        free(r->v[i].body);
    memmove(r->v, r->v + k, (r->n - k) * sizeof *r->v);
    r->n -= k;
    r->lo += k;
}

void srv_recent_destroy(srv_recent *r)
{
    drop(r, r->n);
    free(r->v);
    pthread_rwlock_destroy(&r->lock);
}

void srv_recent_add(srv_recent *r, uint64_t seq, int recount, const char *body)
{
    char *copy = strdup(body);

    pthread_rwlock_wrlock(&r->lock);
    if (r->hi == UINT64_MAX || seq != r->hi + 1) {
        drop(r, r->n);
        r->lo = r->hi = seq - 1;
    }
    if (r->n == RECENT_MAX)
        drop(r, RECENT_MAX / 2);
    if (!r->v && !(r->v = malloc(RECENT_MAX * sizeof *r->v)))
        r->n = 0;
    if (!copy || !r->v) {
        free(copy);
        r->lo = r->hi = seq; /* empty: streams behind seq read the store */
    } else {
        r->v[r->n].seq = seq;
        r->v[r->n].recount = recount;
        r->v[r->n].body = copy;
        r->n++;
        r->hi = seq;
    }
    pthread_rwlock_unlock(&r->lock);
}

int srv_recent_since(srv_recent *r, uint64_t *after, unsigned max, FILE *f)
{
    int n = 0;

    pthread_rwlock_rdlock(&r->lock);
    if (r->hi == UINT64_MAX || *after < r->lo) {
        pthread_rwlock_unlock(&r->lock);
        return -1;
    }
    for (uint64_t s = *after + 1; s <= r->hi && (unsigned)n < max; s++, n++) {
        const srv_recent_one *d = &r->v[s - r->lo - 1];
        srv_sse_event(f, d->seq, d->recount ? "recount" : "declared", d->body);
        *after = d->seq;
    }
    pthread_rwlock_unlock(&r->lock);
    return n;
}
