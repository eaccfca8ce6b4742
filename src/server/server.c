/*
** tally serve: libmicrohttpd glue (include/tally/server.h). The only file
** that includes microhttpd.h; what is served is decided in routes.c.
**
** A request body is gathered in memory up to 64 KiB; a larger one is
** answered 413.
**
** Behind a TLS-terminating reverse proxy (docs/api.md) the server trusts
** two headers, and only on a connection whose peer is the one address
** given as the trusted proxy; from any other peer both are ignored:
**   X-Forwarded-Proto: https   the client reached the proxy over https: the
**                              session cookie is Secure and the answer
**                              carries Strict-Transport-Security
**   X-Forwarded-For            its rightmost entry (the one the proxy
**                              added) is the client's address, for the
**                              sign-in throttle and the log; an entry that
**                              is not an IPv4 or IPv6 address leaves the
**                              peer's address
*/
#include <arpa/inet.h>
#include <ctype.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "central.h"
#include "routes.h"
#include "server_ops.h"
#include "tally/server.h"

#define MAX_BODY (64 * 1024)
/* Connections at once, held-open event streams included (docs/api.md);
** each is a thread. */
#define CLIENTS 2048

#define ADDR_MAX INET6_ADDRSTRLEN

struct tally_server {
    struct MHD_Daemon *daemon;
    srv_state *state;
    srv_central *central; /* instead of state, for the central service */
    uint16_t port;
    char trusted[ADDR_MAX]; /* the trusted proxy's address, "" for none */
};

/* An address in its one text form (inet_ntop), so that two spellings of
** one address compare equal; -1 when text is not an address. */
static int normal_addr(const char *text, char out[ADDR_MAX])
{
    unsigned char b[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, text, b) == 1)
        return inet_ntop(AF_INET, b, out, ADDR_MAX) ? 0 : -1;
    if (inet_pton(AF_INET6, text, b) == 1) {
        /* ::ffff:a.b.c.d is a.b.c.d (a dual-stack listener's IPv4 peer) */
        if (IN6_IS_ADDR_V4MAPPED((struct in6_addr *)b))
            return inet_ntop(AF_INET, b + 12, out, ADDR_MAX) ? 0 : -1;
        return inet_ntop(AF_INET6, b, out, ADDR_MAX) ? 0 : -1;
    }
    return -1;
}

static void peer_addr(struct MHD_Connection *c, char out[ADDR_MAX])
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    char text[ADDR_MAX] = "";

    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
                  sizeof text);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
                  sizeof text);
    if (normal_addr(text, out) != 0)
        snprintf(out, ADDR_MAX, "unknown");
}

/* The last X-Forwarded-For header's rightmost entry. */
static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    if (key && value && strcasecmp(key, "X-Forwarded-For") == 0)
        *(const char **)cls = value;
    return MHD_YES;
}

static void forwarded_for(struct MHD_Connection *c, char out[ADDR_MAX])
{
    const char *v = NULL, *p, *end;
    char entry[ADDR_MAX + 8];

    MHD_get_connection_values(c, MHD_HEADER_KIND, last_xff, (void *)&v);
    if (!v)
        return;
    p = strrchr(v, ',');
    p = p ? p + 1 : v;
    while (*p == ' ' || *p == '\t')
        p++;
    end = p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    if ((size_t)(end - p) >= sizeof entry)
        return;
    memcpy(entry, p, (size_t)(end - p));
    entry[end - p] = '\0';
    normal_addr(entry, out); /* unchanged when not an address */
}

/* Headers on every response, errors included. */
static void secure(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                            "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                            "form-action 'self'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
}

/* A stream's reader in MHD's terms (respond.h). */
typedef struct streamed {
    long (*read)(void *ctx, char *buf, size_t max);
    void (*free)(void *ctx);
    void *ctx;
} streamed;

static ssize_t read_streamed(void *cls, uint64_t pos, char *buf, size_t max)
{
    streamed *st = cls;
    long n = st->read(st->ctx, buf, max);
    (void)pos;
    return n > 0 ? (ssize_t)n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM
                                       : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void free_streamed(void *cls)
{
    streamed *st = cls;
    st->free(st->ctx);
    free(st);
}

static struct MHD_Response *stream_response(const srv_response *sr)
{
    streamed *st = malloc(sizeof *st);
    struct MHD_Response *r;
    if (!st) {
        sr->stream_free(sr->stream_ctx);
        return NULL;
    }
    st->read = sr->stream;
    st->free = sr->stream_free;
    st->ctx = sr->stream_ctx;
    /* free_streamed runs whatever happens to r, its creation failing too */
    if (!(r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, read_streamed, st,
                                                free_streamed)))
        free_streamed(st);
    return r;
}

static enum MHD_Result queue(struct MHD_Connection *c, const srv_response *sr, int https)
{
    struct MHD_Response *r =
        sr->stream ? stream_response(sr)
                   : MHD_create_response_from_buffer(sr->len, sr->body, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret;
    if (!r)
        return MHD_NO;
    secure(r);
    if (https)
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    if (sr->type)
        MHD_add_response_header(r, "Content-Type", sr->type);
    if (sr->etag[0])
        MHD_add_response_header(r, "ETag", sr->etag);
    if (sr->set_cookie[0])
        MHD_add_response_header(r, "Set-Cookie", sr->set_cookie);
    if (sr->authenticate)
        MHD_add_response_header(r, "WWW-Authenticate", sr->authenticate);
    MHD_add_response_header(r, "Cache-Control", sr->no_store ? "no-store" : "no-cache");
    ret = MHD_queue_response(c, (unsigned)sr->status, r);
    MHD_destroy_response(r);
    return ret;
}

typedef struct request {
    char *body;          /* up to MAX_BODY bytes, NUL-terminated */
    size_t len;
    int too_big;
    int https;           /* X-Forwarded-Proto: https from the trusted proxy */
    char client[ADDR_MAX];
} request;

/* Who the client is and how it came (above). */
static void origin(const tally_server *s, struct MHD_Connection *c, int *https,
                   char client[ADDR_MAX])
{
    const char *proto;
    peer_addr(c, client);
    *https = 0;
    if (!s->trusted[0] || strcmp(client, s->trusted) != 0)
        return;
    proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    *https = proto && strcasecmp(proto, "https") == 0;
    forwarded_for(c, client);
}

static const srv_response too_big = { 413, "application/json",
                                      (char *)"{\"error\": \"request body too large\"}\n", 36,
                                      "", 1, "", NULL, NULL, NULL, NULL };

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    tally_server *s = cls;
    request *rq = *con_cls;
    srv_response sr;
    enum MHD_Result ret;

    (void)version;
    if (!rq) {
        const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                      MHD_HTTP_HEADER_CONTENT_LENGTH);
        int https;
        char client[ADDR_MAX];
        origin(s, c, &https, client);
        /* A declared length over the limit is refused before any is read. */
        if (len && strtoull(len, NULL, 10) > MAX_BODY)
            return queue(c, &too_big, https);
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        rq->https = https;
        memcpy(rq->client, client, sizeof client);
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_size) {
        /* Bodies are gathered up to the limit; a chunked body over it is
        ** answered 413 when it ends. */
        if (!rq->too_big && rq->len + *upload_size <= MAX_BODY) {
            char *b = realloc(rq->body, rq->len + *upload_size + 1);
            if (!b)
                return MHD_NO;
            memcpy(b + rq->len, upload, *upload_size);
            rq->body = b;
            rq->len += *upload_size;
            rq->body[rq->len] = '\0';
        } else {
            rq->too_big = 1;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (rq->too_big)
        return queue(c, &too_big, rq->https);
    {
        srv_request req = {
            method, url,
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token"),
            rq->body, rq->len, rq->client, rq->https,
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID"),
        };
        if (s->central)
            srv_central_route(s->central, &req, &sr);
        else
            srv_route(s->state, &req, &sr);
    }
    ret = queue(c, &sr, rq->https);
    free(sr.body);
    return ret;
}

static void done(void *cls, struct MHD_Connection *c, void **con_cls,
                 enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)c;
    (void)code;
    if (*con_cls)
        free(((request *)*con_cls)->body);
    free(*con_cls);
    *con_cls = NULL;
}

static tally_status server_start(const tally_server_options *opt, tally_server **out,
                                 tally_error *err)
{
    tally_server *s;
    struct sockaddr_storage ss;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    const union MHD_DaemonInfo *info;
    tally_status st;

    *out = NULL;
    memset(&ss, 0, sizeof ss);
    if (inet_pton(AF_INET, opt->host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(opt->port);
    } else if (inet_pton(AF_INET6, opt->host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(opt->port);
        flags |= MHD_USE_IPv6;
    } else {
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "\"%s\" is not an IPv4 or IPv6 address", opt->host);
    }
    if (!(s = calloc(1, sizeof *s)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    if (opt->trusted_proxy && normal_addr(opt->trusted_proxy, s->trusted) != 0) {
        free(s);
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the trusted proxy \"%s\" is not an IPv4 or IPv6 address",
                               opt->trusted_proxy);
    }
    st = opt->central ? srv_central_open(opt->central, opt->heartbeat, &s->central, err)
                      : srv_state_open(opt->db, opt->heartbeat, &s->state, err);
    if (st == TALLY_OK && s->central &&
        (st = srv_central_set_election(s->central, opt->election, opt->election_date,
                                       opt->by_election, err)) == TALLY_OK &&
        (opt->previous || opt->notional))
        st = srv_central_baseline(s->central, opt->previous, opt->notional, err);
    if (st != TALLY_OK && s->central)
        srv_central_close(s->central);
    if (st != TALLY_OK) {
        free(s);
        return st;
    }
    /* One thread per connection: a held-open event stream blocks in its
    ** own thread (sse.h), at most CLIENTS. Each connection's memory pool
    ** holds its headers and read buffer only (bodies are copied out,
    ** MAX_BODY): libmicrohttpd's default of 32 KiB. A larger pool is
    ** mapped and zeroed for every connection, which made a count centre's
    ** push cost three times the CPU (docs/benchmarks.md). */
    s->daemon = MHD_start_daemon(flags | MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL, handle, s,
                                 MHD_OPTION_SOCK_ADDR, &ss,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)CLIENTS,
                                 MHD_OPTION_THREAD_STACK_SIZE, (size_t)(512 * 1024),
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
                                 MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                                 MHD_OPTION_NOTIFY_COMPLETED, done, s, MHD_OPTION_END);
    if (!s->daemon) {
        srv_central_close(s->central);
        srv_state_close(s->state);
        free(s);
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "cannot listen on %s port %u",
                               opt->host, (unsigned)opt->port);
    }
    info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : opt->port;
    *out = s;
    return TALLY_OK;
}

static uint16_t server_port(const tally_server *s)
{
    return s->port;
}

static void server_stop(tally_server *s)
{
    if (!s)
        return;
    srv_central_quit(s->central); /* the streams end, so their threads can */
    srv_state_quit(s->state);
    MHD_stop_daemon(s->daemon);
    srv_central_close(s->central);
    srv_state_close(s->state);
    free(s);
}

/* The module's one entry (server_ops.h). */
const tally_server_ops tally_server_ops_table = { server_start, server_port, server_stop };
