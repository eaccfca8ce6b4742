/*
** A request and its response as the route files see them, apart from
** HTTP plumbing (only server.c sees libmicrohttpd), and the helpers that
** fill a response. Internal to server/.
*/
#ifndef TALLY_SERVER_RESPOND_H
#define TALLY_SERVER_RESPOND_H

#include <stddef.h>

struct json_t;

typedef struct srv_request {
    const char *method, *path;
    const char *if_none_match;   /* or NULL */
    const char *cookie;          /* the Cookie header, or NULL */
    const char *csrf;            /* the X-CSRF-Token header, or NULL */
    const char *body;            /* NUL-terminated, or NULL */
    size_t body_len;
    const char *client;          /* the client's address (server.c decides which) */
    int https;                   /* reached over https through the trusted proxy */
    const char *authorization;   /* the Authorization header, or NULL */
    const char *last_event_id;   /* the Last-Event-ID header, or NULL */
} srv_request;

typedef struct srv_response {
    int status;              /* 200, 201, 304, 400, 401, 403, 404, 405, 429, 503 */
    const char *type;        /* Content-Type */
    char *body;              /* owned: free() */
    size_t len;
    char etag[80];           /* "" for none */
    int no_store;            /* Cache-Control: no-store (else no-cache) */
    char set_cookie[200];    /* "" for none */
    const char *authenticate; /* WWW-Authenticate (static), or NULL */
    /* A stream instead of body, when set: stream() puts up to max bytes
    ** in buf and returns how many, 0 at its end, -1 on a fault; it may
    ** block. stream_free(stream_ctx) when the response is done (owned). */
    long (*stream)(void *ctx, char *buf, size_t max);
    void (*stream_free)(void *ctx);
    void *stream_ctx;
} srv_response;

/* The body copied in; on no memory, a 503 with no body. */
void srv_respond(srv_response *out, int status, const char *type, const char *body, size_t len);
/* {"error": msg}, no-store. */
void srv_error(srv_response *out, int status, const char *msg);
/* A JSON document written as the command line writes it, no-store; takes
** the reference to o (NULL: 503). */
void srv_json(srv_response *out, int status, struct json_t *o);

#endif
