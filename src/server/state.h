/*
** The server's state, shared by its route files: the count's log, what is
** rendered from it, and the sign-in throttle. Internal to server/.
*/
#ifndef TALLY_SERVER_STATE_H
#define TALLY_SERVER_STATE_H

#include <pthread.h>
#include <stdint.h>

#include "sse.h"
#include "throttle.h"
#include "tally/status.h"
#include "tally/store.h"

typedef struct srv_state {
    pthread_mutex_t mu;      /* guards everything below but throttle */
    char *db;
    tally_log *log;          /* and its store: the users and sessions too */
    int failed;              /* the log stopped making sense: serve 503 */
    uint64_t cached_seq;     /* the head the caches were made at */
    char head[TALLY_HASH_HEX];
    char *public_json, *result_json, *page;
    size_t public_len, result_len, page_len;
    srv_throttle *throttle;  /* thread-safe on its own */
    /* Rung after each event this server appends and each sign-out, so
    ** that held-open event streams look again (events.c); thread-safe on
    ** its own. */
    srv_bell bell;
    unsigned heartbeat;      /* seconds a caught-up stream waits before ": heartbeat" */
} srv_state;

/* heartbeat: seconds (0: 15). */
tally_status srv_state_open(const char *db, unsigned heartbeat, srv_state **out,
                            tally_error *err);
void srv_state_close(srv_state *s);
/* Ends the held-open event streams (before the server stops). NULL: no-op. */
void srv_state_quit(srv_state *s);

/* Bring the log up to date and the caches with it; 0, or -1 (503). Call
** with s->mu held. */
int srv_refresh(srv_state *s);
/* Bring only the log up to date (before an append); 0, or -1 (503). Call
** with s->mu held. */
int srv_refresh_log(srv_state *s);

#endif
