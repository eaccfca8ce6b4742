/*
** The server's dispatcher: a request in, a response out. Calls outward
** only (api.c, public.c); nothing calls back into it but server.c.
** Internal to server/.
*/
#ifndef TALLY_SERVER_ROUTES_H
#define TALLY_SERVER_ROUTES_H

#include "respond.h"
#include "state.h"

/* Answer one request. Thread-safe. */
void srv_route(srv_state *s, const srv_request *rq, srv_response *out);

#endif
