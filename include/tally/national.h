/*
** tally: the declared result a count centre sends to the central results
** service, and the national picture made from many of them (UK Parliament:
** one member per constituency, first past the post, so seats are won
** constituency by constituency and a majority of the House is half the
** seats, rounded down, plus one).
**
** A declared result (docs/api.md, "Central results service") is a JSON
** object with exactly these members:
**   "constituency"  its code (ONS id): 1 to 64 of A-Z a-z 0-9 - _
**   "name"          the constituency's name, as declared
**   "election"      the election's name
**   "head"          the count's head hash (64 lowercase hex digits): the
**                   last event of the count's log when it was published
**   "recount"       optional, true: this replaces an earlier declaration
**   "seats"         members returned (1 or more)
**   "electorate", "valid_votes", "rejected"  whole numbers
**   "turnout"       the declared ballot-box turnout, "47.60" (percent)
**   "candidates"    one or more {"name", "party" (string or null),
**                   "party_code" (string or null), "votes", "elected"}
** and its figures agree: candidate votes sum to valid_votes, valid and
** rejected papers are at most the electorate, and as many candidates are
** elected as there are seats.
**
** Pure: no I/O. Ownership: functions borrow their arguments; *out is a
** new reference the caller owns.
*/
#ifndef TALLY_NATIONAL_H
#define TALLY_NATIONAL_H

#include <stddef.h>

#include "tally/status.h"

struct json_t;

#define TALLY_CONSTITUENCY_MAX 65 /* 64 bytes and a NUL */
#define TALLY_HEAD_HEX 65         /* 64 hex digits and a NUL */

/* 1 when s is a constituency's code as above, else 0. */
int tally_constituency_code_ok(const char *s);

/* TALLY_OK when body is a declared result as above; else TALLY_EINVAL
** with err's message naming the member first ("candidates[2].votes: must
** be a whole number of 0 or more"). */
tally_status tally_declared_check(const struct json_t *body, tally_error *err);

/* The national picture from the declared results of n constituencies (each
** checked by tally_declared_check) out of `constituencies` in all:
**   {"constituencies", "declared", "undeclared", "majority_needed",
**    "valid_votes",
**    "parties": [{"party_code", "party", "seats", "votes", "share_percent"}]}
** Parties are keyed by party_code, or by party name where there is no code
** (Independents together), ordered by seats, then votes, most first, then
** by key. share_percent is of all valid votes declared, to two places,
** rounded half away from zero. */
tally_status tally_national_json(const struct json_t *const *declared, size_t n,
                                 size_t constituencies, struct json_t **out, tally_error *err);

#endif
