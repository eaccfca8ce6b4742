/*
** tally: the sessions of tally serve, kept in the count's database so that
** a signed-in user stays signed in across a restart of the server.
**
** A session token is 256 random bits (libsodium randombytes), written as
** 64 hex digits; it is the cookie's value and is never stored. The store
** keeps only its BLAKE2b-256 hash under a fixed key ("tally session id"),
** the user's name and the expiry, in Unix seconds. The CSRF token the
** page sends back in X-CSRF-Token is not stored at all: it is the
** BLAKE2b-256 of the session token under another key ("tally csrf
** token"), so it can be given again after a restart (GET /api/session)
** and cannot be worked out from what the database holds. The role is the
** user's role at each use: `tally user add` with another role changes a
** live session's role, and `tally user remove` ends the user's sessions.
**
** An expired session, or one whose user is gone, is refused and deleted
** when it is presented; every such session is deleted at each sign-in.
**
** Ownership: functions borrow their arguments; a tally_session is the
** caller's. The log's store is not thread-safe: callers serialise.
*/
#ifndef TALLY_SESSIONS_H
#define TALLY_SESSIONS_H

#include <stdint.h>

#include "tally/status.h"

#define TALLY_SESSION_HEX 65              /* 64 hex digits and a NUL */
#define TALLY_SESSION_LIFETIME (12 * 3600) /* seconds */

typedef struct tally_log tally_log;

typedef struct tally_session {
    char token[TALLY_SESSION_HEX]; /* the cookie's value */
    char csrf[TALLY_SESSION_HEX];  /* what X-CSRF-Token must carry */
    char name[101];
    char role[256];
    int64_t expires;               /* Unix seconds */
} tally_session;

/* A new session for user name, living `lifetime` seconds from now; the
** expired ones are purged first. TALLY_ENOTFOUND when there is no such
** user. */
tally_status tally_session_open(tally_log *log, const char *name, int64_t now, int64_t lifetime,
                                tally_session *out, tally_error *err);

/* The session with this token, live at now: TALLY_OK and *out filled, or
** TALLY_ENOTFOUND for a token that is malformed, unknown, expired (and
** now deleted) or whose user is gone. */
tally_status tally_session_find(tally_log *log, const char *token, int64_t now,
                                tally_session *out, tally_error *err);

/* End the session with this token (none: TALLY_OK). */
tally_status tally_session_close(tally_log *log, const char *token, tally_error *err);

#endif
