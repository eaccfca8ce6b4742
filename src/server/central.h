/*
** The central results service's routes (tally central serve,
** docs/api.md): count centres push declared results with their
** constituency's bearer token; everyone may read the results and the
** national picture. Internal to server/.
**
** Ownership: srv_central_close() frees (NULL: no-op).
*/
#ifndef TALLY_SERVER_CENTRAL_H
#define TALLY_SERVER_CENTRAL_H

#include "respond.h"
#include "tally/status.h"

typedef struct srv_central srv_central;

/* Connect to the results database (a libpq URL), creating its schema. */
/* heartbeat: seconds a caught-up stream waits before a heartbeat (0: 15). */
tally_status srv_central_open(const char *url, unsigned heartbeat, srv_central **out,
                              tally_error *err);
void srv_central_close(srv_central *c);
/* Ends the held-open /events streams (before the server stops). NULL: no-op. */
void srv_central_quit(srv_central *c);

/* The election the feeds name (NIST: its name, polling day YYYY-MM-DD,
** and whether it is a by-election); before any request. TALLY_EINVAL for
** a name over 256 bytes or a date not in that form. */
tally_status srv_central_set_election(srv_central *c, const char *name, const char *date,
                                      int by_election, tally_error *err);
/* Read the previous results that the national picture is measured
** against: a UK Parliament layout (DIR, as `tally results --previous`
** reads it) and notional previous results (CSV, docs/formats.md), which
** replace those of the constituencies they name; either may be NULL. Bad
** input is named at its file, line and column, and nothing is kept
** (central_national.c). */
tally_status srv_central_baseline(srv_central *c, const char *previous, const char *notional,
                                  tally_error *err);

/* Answer one request. Thread-safe. */
void srv_central_route(srv_central *c, const srv_request *rq, srv_response *out);

#endif
