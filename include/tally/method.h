/*
** tally: counting methods over a ballot pool.
**
** One interface for every ballot-level method: a pool (ballot.h) and
** options (seats, seed) go in; the stages of the count and the candidates
** elected, in order, come out. Methods are found by key:
**
**   scottish-stv  Scottish Local Government Elections Order 2007 (SSI
**                 2007/42) Sch 1 rules 45-52, the same in the 2011 Order
**                 (SSI 2011/399): Droop quota, weighted inclusive Gregory
**                 transfers truncated to five decimal places
**                 (src/methods/scottish_stv.c)
**   fptp          first past the post over ranked ballots: each valid paper
**                 gives one vote to each of its first n preferences for n
**                 seats (block vote); PER r.49 lot for the last seat
**                 (src/methods/fptp.c)
**   sv            supplementary vote, Local Government Act 2000 Sch 2
**                 paras 3-5, Mayoral rules 2007 r.48, Combined Authority
**                 Mayoral Rules 2017 r.55: ranks 1 and 2 are the first and
**                 second preference; one seat (src/methods/sv.c)
**   irv           instant-runoff, one seat: exclusion of the lowest, one
**                 at a time or in batches, until a candidate has a majority
**                 of the continuing votes; the reading of overvotes,
**                 skipped ranks and repeated candidates is chosen by
**                 tally_irv_options (src/methods/irv.c)
**   meek          Meek's method as the Proportional Representation
**                 Foundation's reference rule gives it (droop's meek-prf):
**                 keep factors iterated until the surplus is below 10^-6,
**                 fixed point to nine decimal places; votes in units of
**                 10^-9 (places 9) (src/methods/meek.c)
**   ers97         the Electoral Reform Society's 1997 rules ("How to
**                 conduct an election by the single transferable vote",
**                 3rd edition, section 5): Gregory transfers of the last
**                 batch to two decimal places, deferred surpluses,
**                 exclusion of several candidates together; votes in units
**                 of 10^-2 (places 2) (src/methods/ers97.c)
**   ni-stv        Northern Ireland STV, Electoral Law Act (Northern
**                 Ireland) 1962 Sch 5 (Local Elections (Northern Ireland)
**                 Order 1985, SI 1985/454, Sch 1) rules 46-52: Droop quota
**                 on whole votes, Gregory transfers of the last sub-parcel
**                 to two decimal places, deferred surpluses, exclusion of
**                 several candidates together, ties by the earliest stage;
**                 votes in units of 10^-2 (places 2) (src/methods/ni_stv.c)
**
** fptp, sv and irv count whole papers; their figures are in the same units
** so that one report serves every method. fptp with n > 1 seats counts
** votes, not papers: its stage adds up to n x the valid papers, the
** exhausted figure holding the votes papers left unused. irv and sv take
** the seats as one (the pool's or the options' figure must be 0 or 1).
**
** Votes are fixed point: int64 counts of TALLY_VOTE_UNIT (10^-5 of a
** vote), the precision the Scottish rules fix, unless the result's places
** say otherwise (meek 9, ers97 and ni-stv 2). No floating point. Every
** stage reconciles: the candidates' votes, the exhausted papers and the
** value lost to truncation add up to the valid papers, exactly.
**
** Equal inputs give equal results: a count depends only on the pool, the
** options and, when an equality is decided by lot, the seed (lot.h).
**
** Ownership: a result borrows the pool, which must outlive it;
** tally_method_result_free() releases the result only.
*/
#ifndef TALLY_METHOD_H
#define TALLY_METHOD_H

#include <stddef.h>
#include <stdint.h>

#include "tally/ballot.h"
#include "tally/election.h"
#include "tally/status.h"

/* One vote, in the units stage figures are held in. */
#define TALLY_VOTE_UNIT INT64_C(100000)
/* Decimal places of a unit. */
#define TALLY_VOTE_PLACES 5

/* How irv reads a ranking, and whether it excludes in batches; RCTab's
** names for the same rules in brackets. Zero is the default throughout:
** the reading scottish-stv gives a paper, one exclusion per stage.
**
**   overvote   a rank marked for two or more candidates ("A=B" in BLT,
**              "A|B" in a CVR), when the count reaches it: the paper is
**              exhausted there [exhaustImmediately], or the rank is passed
**              over [alwaysSkipToNextRank]
**   skipped    blank ranks between marks: passed over, any number of them,
**              or, with limit_skipped, a mark that follows more than
**              max_skipped consecutive blank ranks (counted from the last
**              marked rank, or from the start) exhausts the paper when the
**              count reaches it [maxSkippedRanksAllowed]. A pool holds no
**              blank ranks, so this rule is applied by the reader that sees
**              them (cvr.h); it depends only on where the marks are, so
**              applying it there gives the same count
**   duplicate  a candidate ranked again: read like any ranking (passed
**              over, since the count only reaches it again once the
**              candidate is out; a candidate first marked in an overvote
**              that was passed over counts at the later ranking), or the
**              paper is exhausted when the count reaches the repeat
**              [exhaustOnDuplicateCandidate]
**   batch      exclude together every candidate of the lowest group whose
**              votes together are fewer than the next candidate's
**              [batchElimination]; reported as one exclusion stage each,
**              lowest first, with no election between them
**   write_in   with has_write_in, candidate write_in stands for the
**              undeclared write-ins: at the first stage, if it holds any
**              papers, it is excluded in a stage of its own before anyone
**              can be elected (RCTab eliminates undeclared write-ins first,
**              even when a candidate has a majority at the first round);
**              holding none, it is excluded at the first stage with 0
**   until_two  [continueUntilTwoCandidatesRemain] the count goes on past
**              the election, excluding the lowest one at a time (or in
**              batches, never leaving the winner alone), until two
**              candidates are left; the one elected keeps receiving papers,
**              and the threshold stays the one it was elected at
**   first_threshold [doesFirstRoundDetermineThreshold] the threshold is the
**              first stage's, for every stage; with two candidates left and
**              neither at it, the one with more votes is elected
**   stop_after [stopTabulationEarlyAfterRound] with n > 0, the count stops
**              after n of RCTab's rounds (a round: a stage, or a batch of
**              exclusions, or an election the count goes on past), elected
**              or not; the last exclusion's papers are moved, but no one is
**              elected at that stage
 */
typedef enum tally_overvote_rule {
    TALLY_OVERVOTE_EXHAUST = 0,
    TALLY_OVERVOTE_SKIP,
    /* [exhaustIfMultipleContinuing] an overvote that names two or more
    ** continuing candidates exhausts the paper; naming one, it counts for
    ** that one; naming none, it is passed over. An overvote the record
    ** does not name is read as TALLY_OVERVOTE_SKIP reads it (the
    ** configuration reader refuses that combination, as RCTab does). */
    TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE
} tally_overvote_rule;

typedef enum tally_duplicate_rule {
    TALLY_DUPLICATE_SKIP = 0,
    TALLY_DUPLICATE_EXHAUST
} tally_duplicate_rule;

typedef struct tally_irv_options {
    tally_overvote_rule overvote;
    int limit_skipped;          /* 0: blank ranks passed over */
    int max_skipped;            /* with limit_skipped: blanks allowed */
    tally_duplicate_rule duplicate;
    int batch;                  /* 1: batch elimination */
    int has_write_in;           /* 1: write_in is the undeclared write-ins */
    size_t write_in;
    int tie_by_order;           /* 1: equal fewest excluded by the pool's tie
                                   order, the first listed first, whatever
                                   the earlier stages [useCandidateOrder] */
    int tie_by_draw;            /* 1: equal fewest decided by RCTab's draw:
                                   one java.util.Random from draw_seed for
                                   the count (jrandom.h), one nextDouble per
                                   equality over the equal in name order
                                   (strcmp); of the last two, the draw
                                   names the one elected [random]; 2: the
                                   earlier stages first, as rule 4, then
                                   the draw over all the equal
                                   [previousRoundCountsThenRandom] */
    int64_t draw_seed;          /* with tie_by_draw: RCTab's randomSeed */
    int until_two;              /* 1: [continueUntilTwoCandidatesRemain] */
    int first_threshold;        /* 1: [doesFirstRoundDetermineThreshold] */
    size_t stop_after;          /* n > 0: [stopTabulationEarlyAfterRound] */
    int write_in_declared;      /* with has_write_in, 1: a source names the
                                   undeclared write-ins, so that holding no
                                   papers they are a candidate like any
                                   other at the first stage (RCTab's rule:
                                   only write-ins with papers are dropped
                                   first; with none, they are the fewest) */
} tally_irv_options;

typedef struct tally_method_options {
    int seats;          /* 0: the seats the pool gives */
    int has_seed;       /* 0: none (an equality needing a lot is an error);
                           1: given; 2: drawn by the caller (reported only
                           when a lot is used) */
    uint64_t seed;
    const tally_irv_options *irv; /* irv's reading rules; NULL: the
                                     defaults (build these options with
                                     designated initialisers) */
} tally_method_options;

typedef enum tally_stage_kind {
    TALLY_STAGE_FIRST = 0,      /* first preferences */
    TALLY_STAGE_SURPLUS,        /* transfer of one candidate's surplus */
    TALLY_STAGE_EXCLUSION,      /* exclusion of one candidate (or of
                                   several together: n_excluded) */
    TALLY_STAGE_SECOND,         /* sv: second preferences of the papers of
                                   the candidates eliminated at stage 1
                                   (their votes are TALLY_NONE from here;
                                   subject: the one with fewest first
                                   preferences) */
    TALLY_STAGE_ITERATION       /* meek: the surpluses of every elected
                                   candidate redistributed at once by
                                   iterating keep factors; no subject */
} tally_stage_kind;

/* How a stage's candidate was chosen from candidates with equal votes. */
typedef enum tally_stage_choice {
    TALLY_CHOICE_CLEAR = 0,     /* no equality */
    TALLY_CHOICE_PRECEDING,     /* by the votes at a preceding stage */
    TALLY_CHOICE_LOT,           /* equal at every stage: by lot */
    TALLY_CHOICE_ORDER          /* by the tie-break order the ballot file
                                   gives ([tie] in BLT) */
} tally_stage_choice;

/* Why a paper counts for no candidate, as RCTab reports its inactive
** ballots: an overvote (the exhaust rule, or one the file did not name),
** the skipped-rank limit, a repeated candidate (the exhaust rule), or no
** further marked choice that is continuing. */
typedef enum tally_inactive {
    TALLY_INACTIVE_OVERVOTE = 0,
    TALLY_INACTIVE_SKIPPED,
    TALLY_INACTIVE_REPEATED,
    TALLY_INACTIVE_EXHAUSTED,
    TALLY_INACTIVE_KINDS
} tally_inactive;

typedef struct tally_stage {
    tally_stage_kind kind;
    size_t subject;             /* whose surplus, or who is excluded */
    tally_stage_choice choice;
    size_t choice_stage;        /* TALLY_CHOICE_PRECEDING: the deciding
                                   stage (1-based) */
    size_t n_tied;              /* candidates that were equal (0: none) */
    int64_t *votes;             /* per candidate at the end of the stage,
                                   in units; TALLY_NONE once excluded at an
                                   earlier stage, and for the withdrawn */
    int64_t exhausted;          /* so far: papers with no next available
                                   preference, at their value */
    int64_t lost;               /* so far: value lost to truncation */
    int continues;              /* irv: this round goes on at the next stage
                                   (batch elimination excludes another of
                                   the batch there) */
    int64_t inactive[TALLY_INACTIVE_KINDS]; /* irv: papers so far counting for
                                   no one, by why (whole papers; those with
                                   no first choice included, blank papers
                                   not); 0 for every other method */
    int64_t surplus;            /* TALLY_STAGE_SURPLUS: the surplus moved */
    size_t n_elected;
    size_t *elected;            /* deemed elected at the end of this stage,
                                   in ballot order */
    size_t n_excluded;          /* an exclusion of several candidates
                                   together (ers97 r.5.2.5): how many;
                                   0 when subject alone */
    size_t *excluded;           /* those candidates in ballot order, or
                                   NULL */
    int64_t quota;              /* the quota at the end of the stage, for
                                   methods whose quota moves (meek, ers97
                                   r.5.4.8); 0: the result's quota */
} tally_stage;

typedef enum tally_fate {
    TALLY_FATE_NOT_ELECTED = 0, /* continuing when the count ended */
    TALLY_FATE_ELECTED,
    TALLY_FATE_EXCLUDED,
    TALLY_FATE_WITHDRAWN
} tally_fate;

typedef struct tally_method_candidate {
    tally_fate fate;
    size_t stage;               /* 1-based stage elected or excluded; 0 */
    int last_vacancy;           /* elected as a continuing candidate when
                                   they were as many as the vacancies */
} tally_method_candidate;

typedef struct tally_method_result {
    const tally_pool *pool;     /* borrowed */
    const char *method;         /* the method's key; static */
    int places;                 /* decimal places of the units of every
                                   vote figure: 0 means TALLY_VOTE_PLACES */
    int seats;
    int64_t valid;              /* valid papers */
    int64_t invalid;            /* papers with no first preference (blank,
                                   or equal first preferences) */
    int64_t too_many;           /* fptp: of invalid, the papers void for
                                   voting for more candidates than seats */
    int64_t quota;              /* units */
    int has_seed;               /* as in the options */
    uint64_t seed;
    size_t n_lots;              /* equalities decided by lot */

    size_t n_stages;
    tally_stage *stages;

    tally_method_candidate *candidates; /* pool->n_candidates */
    size_t n_elected;
    size_t *elected;            /* in order of election; candidates elected
                                   at the same stage by votes, highest
                                   first, then ballot order */
} tally_method_result;

typedef tally_status (*tally_method_fn)(const tally_pool *pool,
                                        const tally_method_options *opt,
                                        tally_method_result **out, tally_error *err);

typedef struct tally_method_def {
    const char *key;            /* "scottish-stv" */
    const char *title;          /* "Scottish STV" */
    const char *rules;          /* the statute, for reports */
    tally_method_fn run;
} tally_method_def;

/* The method called key, or NULL. */
const tally_method_def *tally_method_find(const char *key);

/* All methods, in a static table of *n entries. */
const tally_method_def *tally_method_list(size_t *n);

/* Count pool by def. Seats must come from opt or the pool (TALLY_EINVAL
** otherwise); an equality that needs a lot with no seed is TALLY_EINVAL;
** a pool too large for fixed point is TALLY_ERANGE. err gets a one-line
** message with no file (the caller knows it). Caller frees *out with
** tally_method_result_free(). */
tally_status tally_method_run(const tally_method_def *def, const tally_pool *pool,
                              const tally_method_options *opt,
                              tally_method_result **out, tally_error *err);

void tally_method_result_free(tally_method_result *r);

/* Write units as a decimal with exactly five places ("1914.00000",
** "-0.00001"). buf must hold at least 32 bytes. */
void tally_method_format_votes(int64_t units, char *buf, size_t n);

/* The same in units of 10^-places (places 1 to 18; 0 means
** TALLY_VOTE_PLACES). r's places, and one vote in r's units. */
void tally_method_format_units(int64_t units, int places, char *buf, size_t n);
int tally_method_places(const tally_method_result *r);
int64_t tally_method_unit(const tally_method_result *r);

/* The Scottish method directly (also reached by key). */
tally_status tally_scottish_stv(const tally_pool *pool, const tally_method_options *opt,
                                tally_method_result **out, tally_error *err);
tally_status tally_meek(const tally_pool *pool, const tally_method_options *opt,
                        tally_method_result **out, tally_error *err);
tally_status tally_ers97(const tally_pool *pool, const tally_method_options *opt,
                         tally_method_result **out, tally_error *err);
tally_status tally_ni_stv(const tally_pool *pool, const tally_method_options *opt,
                          tally_method_result **out, tally_error *err);
tally_status tally_fptp(const tally_pool *, const tally_method_options *, tally_method_result **, tally_error *);
tally_status tally_sv(const tally_pool *, const tally_method_options *, tally_method_result **, tally_error *);
tally_status tally_irv(const tally_pool *, const tally_method_options *, tally_method_result **, tally_error *);



#endif
