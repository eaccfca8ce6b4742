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
**
** Votes are fixed point: int64 counts of TALLY_VOTE_UNIT (10^-5 of a
** vote), the precision the Scottish rules fix. No floating point. Every
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

typedef struct tally_method_options {
    int seats;          /* 0: the seats the pool gives */
    int has_seed;       /* 0: none (an equality needing a lot is an error);
                           1: given; 2: drawn by the caller (reported only
                           when a lot is used) */
    uint64_t seed;
} tally_method_options;

typedef enum tally_stage_kind {
    TALLY_STAGE_FIRST = 0,      /* first preferences */
    TALLY_STAGE_SURPLUS,        /* transfer of one candidate's surplus */
    TALLY_STAGE_EXCLUSION       /* exclusion of one candidate */
} tally_stage_kind;

/* How a stage's candidate was chosen from candidates with equal votes. */
typedef enum tally_stage_choice {
    TALLY_CHOICE_CLEAR = 0,     /* no equality */
    TALLY_CHOICE_PRECEDING,     /* by the votes at a preceding stage */
    TALLY_CHOICE_LOT            /* equal at every stage: by lot */
} tally_stage_choice;

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
    int64_t surplus;            /* TALLY_STAGE_SURPLUS: the surplus moved */
    size_t n_elected;
    size_t *elected;            /* deemed elected at the end of this stage,
                                   in ballot order */
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
    int seats;
    int64_t valid;              /* valid papers */
    int64_t invalid;            /* papers with no first preference (blank,
                                   or equal first preferences) */
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

/* The Scottish method directly (also reached by key). */
tally_status tally_scottish_stv(const tally_pool *pool, const tally_method_options *opt,
                                tally_method_result **out, tally_error *err);

#endif
