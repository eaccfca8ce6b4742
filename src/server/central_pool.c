/*
** The central service's pool of store connections and its bell
** (central_priv.h): what a request and a held-open stream both use, and
** the answer when the store fails them.
*/
#include <stdio.h>

#include "central_priv.h"

tally_central *srv_central_take(srv_central *c)
{
    tally_central *db = NULL;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        for (int i = 0; i < SRV_CENTRAL_POOL && !db; i++)
            if (!c->busy[i]) {
                c->busy[i] = 1;
                db = c->store[i];
            }
        if (db)
            break;
        pthread_cond_wait(&c->freed, &c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    return db;
}

void srv_central_give(srv_central *c, tally_central *db)
{
    pthread_mutex_lock(&c->mu);
    for (int i = 0; i < SRV_CENTRAL_POOL; i++)
        if (c->store[i] == db)
            c->busy[i] = 0;
    pthread_cond_signal(&c->freed);
    pthread_mutex_unlock(&c->mu);
}

void srv_central_ring(srv_central *c)
{
    srv_bell_ring(&c->bell);
}

void srv_central_unavailable(srv_response *out, const tally_error *err)
{
    /* The store's own words go to the operator, not to the client. */
    fprintf(stderr, "tally: %s\n", err->message);
    srv_error(out, 503, "the results store is unavailable: nothing is stored, try again");
}
