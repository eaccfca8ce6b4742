/*
** The sign-in throttle of tally serve. Internal to server/.
**
** After 5 failed sign-ins for one name from one client address within 15
** minutes, that name is refused from that address for the rest of the 15
** minutes. Keyed by address as well as name so that someone who knows a
** name cannot lock its owner out from everywhere; the address is the peer's,
** or the one a trusted proxy forwards (server.c).
**
** It lives in the server's memory and a restart forgets it: it is a brake
** on guessing, not a record. A restart gives at most 5 more guesses per
** name and address, each costing an Argon2id verification, against a
** password of at least 12 bytes, and restarting needs the machine's
** operator. Limit: 256 name-address pairs at once (the oldest give way).
** Thread-safe.
*/
#ifndef TALLY_SERVER_THROTTLE_H
#define TALLY_SERVER_THROTTLE_H

#include <time.h>

typedef struct srv_throttle srv_throttle;

srv_throttle *srv_throttle_new(void);
void srv_throttle_free(srv_throttle *t);

/* Whether name may try from addr now; record a failure or a success. */
int srv_login_allowed(srv_throttle *t, const char *addr, const char *name, time_t now);
void srv_login_failed(srv_throttle *t, const char *addr, const char *name, time_t now);
void srv_login_succeeded(srv_throttle *t, const char *addr, const char *name);

#endif
