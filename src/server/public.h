/*
** The public routes of tally serve (include/tally/server.h lists them):
** no session, GET and HEAD only. Internal to server/.
*/
#ifndef TALLY_SERVER_PUBLIC_H
#define TALLY_SERVER_PUBLIC_H

#include "respond.h"
#include "state.h"

/* Answer a GET or HEAD of a public path; 0 when path is not one. */
int srv_public(srv_state *s, const srv_request *rq, srv_response *out);

#endif
