/*
** Sessions and login throttling for tally serve. Internal to server/.
**
** A session is a random 256-bit token (libsodium randombytes) sent as an
** HttpOnly, SameSite=Strict cookie, with a second random token the page
** must send back in X-CSRF-Token on every request that changes anything.
** Sessions live in the server's memory (a restart signs everyone out) and
** expire after 12 hours. After 5 failed sign-ins for one name within 15
** minutes, that name is refused for the rest of the 15 minutes. Limits:
** 1,024 sessions and 256 throttled names at once (the oldest give way).
** Thread-safe.
*/
#ifndef TALLY_SERVER_SESSIONS_H
#define TALLY_SERVER_SESSIONS_H

#include <time.h>

#define SESSION_HEX 65

typedef struct srv_sessions srv_sessions;

typedef struct srv_session {
    char token[SESSION_HEX], csrf[SESSION_HEX];
    char name[101], role[32];
    time_t expires;
} srv_session;

srv_sessions *srv_sessions_new(void);
void srv_sessions_free(srv_sessions *s);

/* A new session for name in role (copied into *out); 0, or -1 when
** randomness or memory failed. */
int srv_session_open(srv_sessions *s, const char *name, const char *role, time_t now,
                     srv_session *out);
/* The live session with this token, copied into *out; 0 when found. */
int srv_session_find(srv_sessions *s, const char *token, time_t now, srv_session *out);
void srv_session_close(srv_sessions *s, const char *token);

/* Login throttling: whether name may try now; record a failure or success. */
int srv_login_allowed(srv_sessions *s, const char *name, time_t now);
void srv_login_failed(srv_sessions *s, const char *name, time_t now);
void srv_login_succeeded(srv_sessions *s, const char *name);

#endif
