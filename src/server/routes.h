/*
** The server's routes, apart from HTTP plumbing: a request (method, path,
** If-None-Match) in, a response (status, type, body, ETag) out. Internal to
** server/; only server.c sees libmicrohttpd.
*/
#ifndef TALLY_SERVER_ROUTES_H
#define TALLY_SERVER_ROUTES_H

#include <stddef.h>

#include "tally/status.h"

typedef struct srv_state srv_state;

typedef struct srv_response {
    int status;              /* 200, 304, 404, 405, 503 */
    const char *type;        /* Content-Type */
    char *body;              /* owned: free() */
    size_t len;
    char etag[80];           /* "" for none */
    int no_store;            /* Cache-Control: no-store (else no-cache) */
} srv_response;

tally_status srv_state_open(const char *db, srv_state **out, tally_error *err);
void srv_state_close(srv_state *s);

/* Answer one request. Thread-safe. */
void srv_route(srv_state *s, const char *method, const char *path, const char *if_none_match,
               srv_response *out);

#endif
