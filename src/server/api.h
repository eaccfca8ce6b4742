/*
** The count centre's endpoints, the ones with sessions (docs/api.md).
** Internal to server/.
*/
#ifndef TALLY_SERVER_API_H
#define TALLY_SERVER_API_H

#include "respond.h"
#include "state.h"

/* Answer a request for a count-centre path; 0 when path is not one. */
int srv_api(srv_state *s, const srv_request *rq, srv_response *out);

#endif
