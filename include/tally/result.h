/*
** tally: from declared figures to the result as the press reports it.
**
** tally_result_compute() takes an election with declared figures and
** returns everything a result page shows: valid votes, rejected papers by
** head, the counted total against the verification total, turnout, shares,
** majority, winners, change since the previous result, swing, hold or gain,
** deposits, and the lot when an equality of votes decides a seat.
**
** Rules implemented (docs/rules.md gives the sources):
**   PER r.49  equality of votes decided by lot; the candidate on whom the
**             lot falls is treated as having received an additional vote
**   PER r.50  the candidates with the most votes are elected
**   PER r.53  deposit forfeited unless votes > 1/20 of the valid votes
**   EC        ballot-box turnout (valid + rejected) / electorate and
**             valid-vote turnout valid / electorate
**   Butler    swing ((B now - B then) + (A then - A now)) / 2 in points
**
** Pure: no I/O, no clock. All percentages are int64 hundredths of a
** point rounded half away from zero from exact fractions (num.h).
**
** Ownership: the result borrows the election, which must outlive it;
** tally_result_free() releases the result only.
*/
#ifndef TALLY_RESULT_H
#define TALLY_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "tally/election.h"
#include "tally/num.h"
#include "tally/status.h"

typedef enum tally_deposit {
    TALLY_DEPOSIT_NONE = 0,     /* the contest has no deposits */
    TALLY_DEPOSIT_RETAINED,
    TALLY_DEPOSIT_FORFEITED
} tally_deposit;

typedef struct tally_result_candidate {
    size_t index;         /* into election->candidates */
    int64_t votes;        /* as counted; TALLY_NONE when uncontested */
    int lot_vote;         /* 1 when the lot fell on this candidate */
    int has_share;
    int64_t share;        /* hundredths of a percent of valid votes */
    int has_change;
    int64_t change;       /* hundredths of a point since the previous result */
    tally_i128 change_num, change_den; /* the change as an exact fraction */
    tally_deposit deposit;
    int elected;
} tally_result_candidate;

/* One drawing of lots: the tied candidates (indices into
** election->candidates, ballot order) and the one it fell on. */
typedef struct tally_result_draw {
    size_t n_tied;
    size_t *tied;
    size_t falls_on;
} tally_result_draw;

typedef struct tally_result {
    const tally_election *election; /* borrowed */
    int contested;                  /* 0: no poll, declared without votes */

    int64_t valid_votes;            /* valid ballot papers */
    int64_t votes_cast;             /* sum of candidate votes (the share
                                       base; = valid_votes for one seat) */
    int64_t rejected_total;         /* TALLY_NONE when not given */
    int has_rejected_by_head;
    int64_t counted_total;          /* valid + rejected, or TALLY_NONE */
    int64_t verified_total;         /* TALLY_NONE when not given */
    int has_verification_difference;
    int64_t verification_difference; /* verified - counted */

    int has_turnout_ballot_box;
    int64_t turnout_ballot_box;     /* hundredths of a percent */
    int has_turnout_valid;
    int64_t turnout_valid;

    size_t n_candidates;
    tally_result_candidate *candidates; /* ballot order */
    size_t *order;                  /* candidate positions, most votes first */

    size_t n_winners;
    size_t *winners;                /* indices into election->candidates */

    int has_majority;
    int64_t majority;               /* votes, after any lot */
    int has_majority_percent;       /* 0 when no votes were cast */
    int64_t majority_percent;       /* hundredths of a percent of the share
                                       base: valid votes for one seat, all
                                       votes cast with several */

    const char *outcome;            /* "Lab hold", or NULL */
    int gain;                       /* with an outcome: 1 when the seat
                                       changed hands, 0 for a hold */
    const char *previous_winner_key; /* with an outcome: the key the seat
                                       was held by (previous->winner_key,
                                       else previous->winner); borrowed */

    int has_swing;
    size_t swing_from, swing_to;    /* indices into election->candidates */
    int64_t swing;                  /* hundredths of a point, >= 0 */

    int has_lot;
    int lot_forced;                 /* first drawing made at the count, not
                                       from the seed */
    uint64_t lot_seed;
    size_t n_draws;
    tally_result_draw *draws;
} tally_result;

typedef struct tally_result_options {
    int has_seed;       /* a seed for the lot is given */
    uint64_t seed;
    /* A lot drawn by other means (names in sealed envelopes, papers drawn
    ** blind): the candidate index it fell on, used for the first drawing;
    ** it must be one of the tied. */
    int has_forced_lot;
    size_t forced_lot;
} tally_result_options;

/* Check that e is complete and consistent enough to compute a result: at
** least one candidate, seats allowed for the type, a positive electorate,
** no negative figure, declared votes for every candidate of a contested
** election, candidate votes summing to the valid total (or, with several
** seats, at most seats x valid papers), rejected heads summing to the
** rejected total. On failure err->message names the fault (with no file
** position: readers add that). */
tally_status tally_election_check(const tally_election *e, tally_error *err);

/* Compute the result of e. When an equality of votes decides a seat and
** opt has no seed, fails with TALLY_EINVAL. opt may be NULL. Caller frees
** *out with tally_result_free(). */
tally_status tally_result_compute(const tally_election *e, const tally_result_options *opt,
                                  tally_result **out, tally_error *err);

void tally_result_free(tally_result *r);

/* "retained", "forfeited", or NULL for TALLY_DEPOSIT_NONE. Static. */
const char *tally_deposit_name(tally_deposit d);

/* Votes the result declares for candidate position i: counted votes plus
** the vote added by lot. */
int64_t tally_result_declared_votes(const tally_result *r, size_t i);

/* Candidate position i's share of the votes as a fraction, rounded half
** away from zero to `places` decimal places and scaled by 10^places (at 5
** places 0.35273 is 35273), for open data at a publisher's precision.
** TALLY_ENOTFOUND when the share does not apply. places is 0..15. */
tally_status tally_result_share_at(const tally_result *r, size_t i, int places, int64_t *out);

/* The same for the change in share since the previous result. */
tally_status tally_result_change_at(const tally_result *r, size_t i, int places, int64_t *out);

/* Name of candidate index i as the declaration gives it: the commonly used
** name when one is given, else the ballot name. Borrowed from the
** election. */
const char *tally_result_candidate_label(const tally_result *r, size_t index);

/* The party code to show for candidate index i ("Ind" for an
** Independent with no code). Borrowed. */
const char *tally_result_party_code(const tally_result *r, size_t index);

#endif
