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

typedef struct srv_request {
    const char *method, *path;
    const char *if_none_match;   /* or NULL */
    const char *cookie;          /* the Cookie header, or NULL */
    const char *csrf;            /* the X-CSRF-Token header, or NULL */
    const char *body;            /* NUL-terminated, or NULL */
    size_t body_len;
} srv_request;

typedef struct srv_response {
    int status;              /* 200, 201, 304, 400, 401, 403, 404, 405, 429, 503 */
    const char *type;        /* Content-Type */
    char *body;              /* owned: free() */
    size_t len;
    char etag[80];           /* "" for none */
    int no_store;            /* Cache-Control: no-store (else no-cache) */
    char set_cookie[200];    /* "" for none */
} srv_response;

tally_status srv_state_open(const char *db, srv_state **out, tally_error *err);
void srv_state_close(srv_state *s);

/* Answer one request. Thread-safe. */
void srv_route(srv_state *s, const srv_request *rq, srv_response *out);

/* Shared by the route files. */
void srv_respond(srv_response *out, int status, const char *type, const char *body, size_t len);
void srv_error(srv_response *out, int status, const char *msg);
/* Bring the log up to date and the caches with it; 0, or -1 (503). Call
** with s->mu held. */
int srv_refresh(srv_state *s);
/* Bring only the log up to date (before an append); 0, or -1 (503). */
int srv_refresh_log(srv_state *s);

/* The endpoints that need a session (api.c); 0 when path is not one. */
int srv_api(srv_state *s, const srv_request *rq, srv_response *out);

#endif
