/*
** tally: the HTTP server (tally serve).
**
** Serves one count's database over HTTP with libmicrohttpd, through the
** same library functions as the command line: the count is read with
** tally_log (store.h), rendered with report.h. This first part serves what
** the public sees, with no login:
**
**   GET /              the result page once declared (the renderer of
**                      `tally result --format html`), else the count's
**                      progress without figures; both update live
**   GET /api/public    area, election, phase, declared (no figures before
**                      the declaration); ETag = the log's head hash
**   GET /api/result    the result in the schema of `tally result --format
**                      json`; 404 until the declaration
**   GET /live.js       the page's updater (embedded in the binary)
**
** Every response carries Content-Security-Policy, X-Content-Type-Options,
** X-Frame-Options and Referrer-Policy headers and never reveals a file path
** or internal error. docs/api.md documents the endpoints.
**
** Ownership: tally_server_stop() stops the server and frees it; NULL is a
** no-op.
*/
#ifndef TALLY_SERVER_H
#define TALLY_SERVER_H

#include <stdint.h>

#include "tally/status.h"

typedef struct tally_server tally_server;

typedef struct tally_server_options {
    const char *db;     /* the count's database */
    const char *host;   /* address to listen on: "127.0.0.1" */
    uint16_t port;      /* 0: any free port (tally_server_port says which) */
    const char *trusted_proxy; /* the TLS-terminating proxy's address, whose
                                  X-Forwarded-Proto and X-Forwarded-For are
                                  believed (docs/api.md); NULL: none */
    const char *central; /* a PostgreSQL URL: serve the central results
                            service from it (docs/api.md) instead of the
                            count in db */
    unsigned heartbeat;  /* the event streams' heartbeat (GET /api/events,
                            the central GET /events), seconds of nothing
                            to send before ": heartbeat"; 0: 15 */
    const char *election; /* the central service's election, named in its
                             NIST feeds; NULL: none */
    const char *election_date; /* its polling day, YYYY-MM-DD; NULL: none */
    int by_election;      /* 1: the election is a by-election */
    const char *previous; /* the central service's previous results, a UK
                             Parliament layout (docs/formats.md); or NULL */
    const char *notional; /* notional previous results, CSV (docs/formats.md);
                             or NULL */
} tally_server_options;

/* Open the count and start serving on threads of the server's own. */
tally_status tally_server_start(const tally_server_options *opt, tally_server **out,
                                tally_error *err);
uint16_t tally_server_port(const tally_server *s);
void tally_server_stop(tally_server *s);

#endif
