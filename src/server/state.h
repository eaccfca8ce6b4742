/*
** The server's state, shared by its route files. Internal to server/.
*/
#ifndef TALLY_SERVER_STATE_H
#define TALLY_SERVER_STATE_H

#include <pthread.h>
#include <stdint.h>

#include "sessions.h"
#include "tally/store.h"

struct srv_state {
    pthread_mutex_t mu;      /* guards everything below but sessions */
    char *db;
    tally_log *log;
    int failed;              /* the log stopped making sense: serve 503 */
    uint64_t cached_seq;     /* the head the caches were made at */
    char head[TALLY_HASH_HEX];
    char *public_json, *result_json, *page;
    size_t public_len, result_len, page_len;
    srv_sessions *sessions;  /* thread-safe on its own */
};

#endif
