/*
** tally: the declared result a count centre sends to the central results
** service, and the national picture made from many of them against the
** previous results (UK Parliament: one member per constituency, first past
** the post, so seats are won constituency by constituency and a majority
** of the House is half the seats, rounded down, plus one).
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
** new reference (JSON) or election the caller owns.
*/
#ifndef TALLY_NATIONAL_H
#define TALLY_NATIONAL_H

#include <stddef.h>

#include "tally/status.h"

struct json_t;
struct tally_election;

#define TALLY_CONSTITUENCY_MAX 65 /* 64 bytes and a NUL */
#define TALLY_HEAD_HEX 65         /* 64 hex digits and a NUL */

/* 1 when s is a constituency's code as above, else 0. */
int tally_constituency_code_ok(const char *s);

/* TALLY_OK when body is a declared result as above; else TALLY_EINVAL
** with err's message naming the member first ("candidates[2].votes: must
** be a whole number of 0 or more"). */
tally_status tally_declared_check(const struct json_t *body, tally_error *err);

/* The key a party's candidate is compared by at the previous result, as
** the UK Parliament results database compares them (docs/rules.md,
** "Change and hold or gain"): its party code, Reform UK ("RUK") as the
** Brexit Party ("BRX") under its new name; an Independent (code NULL, ""
** or "Ind") by person, "person:NAME". Written to buf (truncated to n). */
void tally_party_key(const char *code, const char *name, char *buf, size_t n);

/* The declared result body (checked by tally_declared_check) as an
** election of one seat, its candidates in the body's order, each party's
** compared with the previous result by tally_party_key (an Independent is
** not compared: the general-election convention). When baseline is not
** NULL its region and previous result (an election of no candidates whose
** area_code is the constituency's, as tally_io_read_uk_previous gives)
** are copied in. Caller frees *out with tally_election_free(). */
tally_status tally_declared_election(const struct json_t *body,
                                     const struct tally_election *baseline,
                                     struct tally_election **out, tally_error *err);

/* The national picture (national_picture.c) from the declared results of
** n constituencies (each checked by tally_declared_check) out of
** `constituencies` in all, each compared with the element of
** baseline[0..n_baseline) of its area code, when there is one:
**   {"constituencies", "declared", "undeclared", "majority_needed",
**    "valid_votes", "previous_valid_votes", "compared",
**    "parties": [{"party", "name", "seats", "gains", "losses", "net",
**                 "votes", "previous_votes", "share_percent",
**                 "change_points"}],
**    "swing": {"from", "to", "points"} or null,
**    "regions": [{"region", "declared", "compared", "swing"}],
**    "results": [{"constituency", "name", "region", "winner", "party",
**                 "outcome", "gain"}]}
** Seats, gains, losses, votes, shares, change and swing are tally_seats'
** (seats.h), the swing by region tally_seats_regions'. majority_needed is
** more than half of the constituencies: floor(constituencies / 2) + 1, 326
** of the 650 of 2019 (House of Commons Library, CBP 8749: the
** Conservatives' 365 seats were "a majority of 80", 365 - (650 - 365)). */
tally_status tally_national_json(const struct json_t *const *declared, size_t n,
                                 size_t constituencies,
                                 const struct tally_election *const *baseline,
                                 size_t n_baseline, struct json_t **out, tally_error *err);

#endif
