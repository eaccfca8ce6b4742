/*
** tally: the people who use tally serve, and what each may do.
**
** Roles (docs/api.md):
**   returning_officer   everything, including adjudication, lots and the
**                       declaration
**   count_supervisor    verification, bundles, bundle checks carried out
**   counting_assistant  bundles
**   candidate, election_agent, counting_agent
**                       watch the whole count; ask for a bundle check or (a
**                       candidate or election agent) a recount
** The public needs no account.
**
** Passwords are kept as Argon2id hashes (libsodium crypto_pwhash_str,
** interactive limits), in the count's database beside its events. A
** password is never taken from the command line.
**
** Ownership: functions borrow their arguments.
*/
#ifndef TALLY_USERS_H
#define TALLY_USERS_H

#include <stddef.h>

#include "tally/status.h"

#define TALLY_PASSWORD_MIN 12
#define TALLY_PASSWORD_MAX 1024

typedef struct tally_log tally_log;

/* Whether role is one of the roles above. */
int tally_role_valid(const char *role);

/* Whether role may append an event of type (the table in users.c). */
int tally_role_may(const char *role, const char *event_type);

/* Whether role may read the count's inside (status, log, statements). */
int tally_role_may_watch(const char *role);

/* Add or replace a user. The password must be 12 to 1024 bytes. */
tally_status tally_user_add(tally_log *log, const char *name, const char *role,
                            const char *password, tally_error *err);
tally_status tally_user_remove(tally_log *log, const char *name, tally_error *err);
tally_status tally_user_list(tally_log *log,
                             void (*fn)(void *ctx, const char *name, const char *role),
                             void *ctx, tally_error *err);

/* Check a password: TALLY_OK and role filled (256 bytes) when it is right;
** TALLY_EINVAL for an unknown name or a wrong password alike (the time
** taken does not tell them apart). */
tally_status tally_user_check(tally_log *log, const char *name, const char *password,
                              char role[256], tally_error *err);

#endif
