/*
** tally: the central results service's store, on PostgreSQL (libpq):
** the constituencies, each with the hash of its count centre's bearer
** token, and their declared results (national.h), each acknowledged only
** once committed.
**
** Tables (schema version in tally_schema, migrations applied in order
** under an advisory lock, so two services starting at once migrate once):
**   constituencies (id, token)        token: BLAKE2b-256 of the bearer
**                                     token; the token itself is never kept
**   results (constituency, head, body, seq)  the declared result in force
**   declarations (seq, constituency, head, body, recount, received)
**                                     every declaration accepted, in order,
**                                     never changed
**
** A declaration is taken in one transaction that first locks its
** constituency's row, so two pushes for one constituency are decided one
** after the other, and a result is stored once or not at all.
**
** A tally_central is one connection: not for two threads at once.
** Ownership: tally_central_close() frees it (NULL: no-op); strings
** returned through char ** are the caller's to free().
*/
#ifndef TALLY_CENTRAL_H
#define TALLY_CENTRAL_H

#include <stdint.h>

#include "tally/national.h"
#include "tally/status.h"

typedef struct tally_central tally_central;

#define TALLY_TOKEN_HEX 65 /* a bearer token: 64 hex digits and a NUL */

/* Connect (a libpq URL or keyword string) and bring the schema up to date;
** a schema newer than this tally knows is refused. */
tally_status tally_central_open(const char *url, tally_central **out, tally_error *err);
void tally_central_close(tally_central *c);

/* Register the constituency if new, and give it a new random bearer token,
** which replaces (revokes) any earlier one. */
tally_status tally_central_token_issue(tally_central *c, const char *constituency,
                                       char token[TALLY_TOKEN_HEX], tally_error *err);
/* The constituency whose token this is; TALLY_ENOTFOUND for no one's. */
tally_status tally_central_token_find(tally_central *c, const char *token,
                                      char constituency[TALLY_CONSTITUENCY_MAX],
                                      tally_error *err);

typedef enum tally_central_outcome {
    TALLY_CENTRAL_DECLARED,   /* the first declaration: stored */
    TALLY_CENTRAL_RECOUNT,    /* a recount with a new head: stored, in force */
    TALLY_CENTRAL_UNCHANGED,  /* the same head and body again: nothing changed */
    TALLY_CENTRAL_CONFLICT,   /* another result for the declared head, or a new
                                 head not marked as a recount: nothing changed */
    TALLY_CENTRAL_SUPERSEDED  /* a head that a recount has replaced: nothing changed */
} tally_central_outcome;

/* Take the declared result body (canonical JSON of a checked declaration,
** national.h) of constituency, whose count's head is head. *seq is the
** declaration's number (that of the one in force for UNCHANGED, CONFLICT
** and SUPERSEDED). TALLY_ENOTFOUND when the constituency is not registered. */
tally_status tally_central_declare(tally_central *c, const char *constituency, const char *head,
                                   int recount, const char *body, tally_central_outcome *outcome,
                                   uint64_t *seq, tally_error *err);

/* One declaration for tally_central_declare_all: the caller fills the
** first four members, the store the rest (status TALLY_OK, or
** TALLY_ENOTFOUND when the constituency is not registered). */
typedef struct tally_central_declaration {
    const char *constituency, *head, *body;
    int recount;
    tally_status status;
    tally_central_outcome outcome;
    uint64_t seq;
} tally_central_declaration;

/* Take n declarations in one transaction, so one commit (and one sync of
** the store's log) serves them all: each is decided as tally_central_declare
** would decide it, after those before it in v, and their numbers follow
** the order of v. Any other status than TALLY_OK is for all of them: none
** is stored. */
tally_status tally_central_declare_all(tally_central *c, tally_central_declaration *v, size_t n,
                                       tally_error *err);

/* The declared result in force (*body, canonical JSON); TALLY_ENOTFOUND
** when there is none. */
tally_status tally_central_result(tally_central *c, const char *constituency, char **body,
                                  tally_error *err);

/* The number of registered constituencies, and the results in force, in
** order of constituency: fn is called with each body, stopping when it
** returns non-zero. */
tally_status tally_central_each(tally_central *c, uint64_t *constituencies,
                                int (*fn)(void *ctx, const char *body), void *ctx,
                                tally_error *err);

/* The store's state in two numbers: the last declaration's number (0
** before any) and how many constituencies are registered. While both stay
** the same, so does the national picture. */
tally_status tally_central_latest(tally_central *c, uint64_t *seq, uint64_t *constituencies,
                                  tally_error *err);

/* The declarations accepted after number `after`, in order, at most max
** of them: fn gets each one's number, constituency, whether it was a
** recount, and its body; it stops the walk by returning non-zero. */
tally_status tally_central_since(tally_central *c, uint64_t after, unsigned max,
                                 int (*fn)(void *ctx, uint64_t seq, const char *constituency,
                                           int recount, const char *body),
                                 void *ctx, tally_error *err);

#endif
