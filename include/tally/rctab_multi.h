/*
** tally: RCTab's several-seat ranked-choice modes, counted as RCTab counts
** them (RCTab v1.3.2 Section 25, winnerElectionMode; rules RM1-RM9 in
** docs/rules.md; src/methods/rctab_multi.c):
**
**   multiWinnerAllowMultipleWinnersPerRound  every continuing candidate at
**                 or above the threshold is elected in the round; each
**                 winner's surplus moves to the next choices at a fraction
**                 of each paper's value (the 2013 Minneapolis Park Board,
**                 Minneapolis Code of Ordinances ch. 167)
**   multiWinnerAllowOnlyOneWinnerPerRound  the same, the one with most
**                 votes elected in a round
**   bottomsUp     the lowest excluded until the continuing candidates are
**                 as many as the seats; no threshold elects, no surplus
**   bottomsUpUsingPercentageThreshold  the lowest excluded until every
**                 continuing candidate has more than a share of the votes
**
** Arithmetic is RCTab's java.math.BigDecimal arithmetic, reproduced
** exactly in integers: a figure is a whole number of units of
** 10^-scale with its scale kept (tally_rctab_dec), as a BigDecimal is, so
** that "9452" and "9452.0000" are told apart as RCTab writes them. No
** floating point.
**
** Ownership: tally_rctab_multi_count gives a new count, freed by
** tally_rctab_multi_free (NULL is a no-op); rounds and the result borrow
** from it, and it borrows the pool: keep the pool until the count is
** freed.
*/
#ifndef TALLY_RCTAB_MULTI_H
#define TALLY_RCTAB_MULTI_H

#include <stddef.h>
#include <stdint.h>

#include "tally/ballot.h"
#include "tally/method.h"
#include "tally/status.h"

/* A decimal as a BigDecimal holds it: v x 10^-scale, scale 0 to 18. */
typedef struct tally_rctab_dec {
    int64_t v;
    int scale;
} tally_rctab_dec;

/* Write d as BigDecimal.toString writes it ("9452", "9452.0000",
** "0.0003", "1E-9"). buf must hold at least 48 bytes. */
void tally_rctab_dec_format(tally_rctab_dec d, char *buf, size_t n);

typedef enum tally_rctab_mode {
    TALLY_RCTAB_MULTIPLE_PER_ROUND = 0, /* multiWinnerAllowMultipleWinnersPerRound */
    TALLY_RCTAB_ONE_PER_ROUND,          /* multiWinnerAllowOnlyOneWinnerPerRound */
    TALLY_RCTAB_BOTTOMS_UP,             /* bottomsUp */
    TALLY_RCTAB_BOTTOMS_UP_PERCENT      /* bottomsUpUsingPercentageThreshold */
} tally_rctab_mode;

typedef struct tally_rctab_multi_rules {
    tally_rctab_mode mode;
    int seats;                  /* numberOfWinners (0 with the percentage) */
    int places;                 /* decimalPlacesForVoteArithmetic, 1 to 9 */
    int non_integer;            /* nonIntegerWinningThreshold */
    int hare;                   /* hareQuota */
    tally_rctab_dec share;      /* the percentage mode's share (15% 0.15) */
    int first_round_threshold;  /* doesFirstRoundDetermineThreshold */
    int cutoff;                 /* cutoffElimination (the percentage mode) */
    int write_in_declared;      /* the pool's last candidate is RCTab's
                                   undeclared write-ins; else no candidate */
} tally_rctab_multi_rules;

/* Why a paper counts for no one: tally_inactive's kinds, then RCTab's
** final round surplus (the value left with the last winners). */
#define TALLY_RCTAB_FINAL_SURPLUS TALLY_INACTIVE_KINDS
#define TALLY_RCTAB_STATUSES (TALLY_INACTIVE_KINDS + 1)

/* Transfer targets beyond the candidates. */
#define TALLY_RCTAB_TO_EXHAUSTED ((size_t)-1)
#define TALLY_RCTAB_TO_RESIDUAL ((size_t)-2)

typedef struct tally_rctab_transfer {
    size_t from, to;            /* candidates; to may be TALLY_RCTAB_TO_* */
    tally_rctab_dec value;
} tally_rctab_transfer;

typedef struct tally_rctab_round {
    tally_rctab_dec *tally;     /* per candidate; in_tally says which count */
    unsigned char *in_tally;    /* continuing at the round's start, or an
                                   earlier winner */
    tally_rctab_dec inactive[TALLY_RCTAB_STATUSES];
    tally_rctab_dec active;     /* the value counted for continuing candidates */
    tally_rctab_dec threshold;
    tally_rctab_dec residual;   /* residual surplus so far */
    size_t n_elected, *elected;     /* elected at the end of the round */
    size_t n_eliminated, *eliminated;
    size_t n_transfers;             /* values moved during this round, from */
    tally_rctab_transfer *transfers; /* the last round's elected and
                                       eliminated, and residual surpluses */
} tally_rctab_round;

typedef struct tally_rctab_multi tally_rctab_multi;

/* Count pool by rules, reading each paper by reading (irv's options: the
** overvote and repeat rules, batchElimination and the equality modes of
** tally_rctab_rules). opt gives the seed of tally's lot for an equality
** RCTab's configuration leaves to a mode tally does not reproduce.
** Errors: TALLY_EINVAL (a lot with no seed, nothing left to exclude),
** TALLY_ERANGE (a pool too large for units of 10^-places), TALLY_ENOMEM;
** err gets a one-line message with no file. */
tally_status tally_rctab_multi_count(const tally_pool *pool, const tally_irv_options *reading,
                                     const tally_rctab_multi_rules *rules,
                                     const tally_method_options *opt, tally_rctab_multi **out,
                                     tally_error *err);
void tally_rctab_multi_free(tally_rctab_multi *m);

size_t tally_rctab_multi_rounds(const tally_rctab_multi *m);
const tally_rctab_round *tally_rctab_multi_round(const tally_rctab_multi *m, size_t i);
const tally_rctab_multi_rules *tally_rctab_multi_rules_of(const tally_rctab_multi *m);
/* Whether the rules move surpluses (RM4: several seats filled by the
** threshold), so that the count ends with a final round (RM7). */
int tally_rctab_multi_moves_surplus(const tally_rctab_multi_rules *rules);
/* Papers with no mark at all (RCTab's undervotes). */
int64_t tally_rctab_multi_blank(const tally_rctab_multi *m);
/* The count as tally's stages, one a round (method.h; places the rules'
** places): every round's tally, the value counting for no one as
** exhausted (the papers with no first choice not valid), the residual
** surplus as lost to rounding; a round after an election a surplus
** stage (its surplus all that moved from the winners in the round, its
** subject the first of them whose surplus moved), after an exclusion an
** exclusion stage. */
const tally_method_result *tally_rctab_multi_result(const tally_rctab_multi *m);

#endif
