/*
** The count centre's event stream, GET /api/events (events.c). Internal to
** server/.
*/
#ifndef TALLY_SERVER_EVENTS_H
#define TALLY_SERVER_EVENTS_H

#include "respond.h"
#include "state.h"
#include "tally/sessions.h"

/* Fill out with the stream of the count's events for the session ses,
** which has been found and whose role may watch (api.c checks both). */
void srv_events(srv_state *s, const srv_request *rq, const tally_session *ses,
                srv_response *out);

#endif
