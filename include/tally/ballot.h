/*
** tally: a pool of ranked ballots.
**
** The ballots of one STV (or other preferential) contest as a counting
** method needs them: each distinct ranking once, with an integer weight
** (how many ballot papers carry it). Identical rankings are merged as they
** are added, so a ward of 10,000 papers is usually a few thousand rankings.
** Rankings are stored compactly: one flat array of candidate indices and
** one array of offsets into it, so ranking i is prefs[offsets[i]] up to
** prefs[offsets[i + 1]].
**
** A ranking lists candidates (0-based indices, ballot order) from first
** preference down. An entry with TALLY_BALLOT_EQUAL set is ranked equal
** with the entry before it: "1 2=3 4" is {0, 1, 2|EQUAL, 3}. The pool only
** stores what the voter marked; what a method makes of equal rankings,
** repeated candidates or withdrawn candidates is the method's rule (the
** Scottish rules, for one, end a paper at a position marked for two
** candidates).
**
** The pool also holds the candidates' names (and optional party), which are
** withdrawn, the number of seats and the title the ballot file gives, and
** an optional tie-break order ([tie] in a BLT file).
**
** Readers (blt.h) fill a pool while they stream a file; tests may fill one
** with tally_pool_new() and tally_pool_add().
**
** Ownership: a tally_pool owns every string and array it points to;
** tally_pool_free() releases all of them (free(NULL) is a no-op). Callers
** read the fields directly and change them only through these functions.
*/
#ifndef TALLY_BALLOT_H
#define TALLY_BALLOT_H

#include <stddef.h>
#include <stdint.h>

#include "tally/status.h"

/* Set on a ranking entry that is ranked equal with the entry before it. */
#define TALLY_BALLOT_EQUAL 0x80000000u
/* The candidate index of an entry. */
#define TALLY_BALLOT_CANDIDATE(e) ((size_t)((e) & ~TALLY_BALLOT_EQUAL))

/* Why a paper ends where its ranking ends, when a reader knows more than
** that the marks ran out: it stopped at a mark after more blank ranks
** than the skipped-rank rule allows, or at an overvote the file marks
** without naming the candidates (with the exhaust rule). Methods read the
** paper as ending there either way; irv reports the reason (RCTab's
** inactive ballots). */
typedef enum tally_ballot_end {
    TALLY_END_MARKS = 0,   /* no more marks */
    TALLY_END_SKIPPED,     /* the skipped-rank limit */
    TALLY_END_OVERVOTE,    /* an unnamed overvote */
    TALLY_END_PASSED       /* no named mark, but an unnamed overvote passed
                           ** over (the skip rule): marked, for no one */
} tally_ballot_end;

/* Candidates, rankings and weights are held in 32 bits where that keeps
** the pool small: at most this many candidates, and at most UINT32_MAX - 1
** distinct rankings. */
#define TALLY_POOL_MAX_CANDIDATES 100000u

typedef struct tally_pool {
    size_t n_candidates;
    char **names;              /* n_candidates; NULL until named */
    char **parties;            /* n_candidates; NULL when none given */
    unsigned char *withdrawn;  /* n_candidates; 1: withdrawn before the poll */
    int seats;                 /* seats the ballot file gives; 0 when none */
    char *title;               /* or NULL */

    size_t n_tie;              /* [tie] order, or 0 */
    size_t *tie_order;         /* candidate indices, n_tie */

    size_t n_rankings;         /* distinct rankings */
    int64_t *weights;          /* n_rankings; each >= 1 */
    unsigned char *ends;       /* n_rankings: each a tally_ballot_end */
    size_t *offsets;           /* n_rankings + 1 (NULL while empty) */
    uint32_t *prefs;           /* offsets[n_rankings] entries */
    int64_t total;             /* sum of weights: ballot papers */

    /* Internal: capacities, and the open-addressing index (ranking + 1,
    ** 0 for an empty slot) that merges identical rankings. */
    size_t cap_rankings, cap_prefs;
    size_t n_slots;
    uint32_t *slots;
} tally_pool;

/* One ranking as a view into the pool (valid until the pool changes). */
typedef struct tally_ballot {
    int64_t weight;
    size_t n;
    const uint32_t *prefs;
    tally_ballot_end end;
} tally_ballot;

/* A pool of n_candidates unnamed candidates, no seats given, no rankings.
** n_candidates is 1..TALLY_POOL_MAX_CANDIDATES (TALLY_ERANGE otherwise).
** Caller frees with tally_pool_free(). */
tally_status tally_pool_new(size_t n_candidates, tally_pool **out);
void tally_pool_free(tally_pool *p);

/* Raise the number of candidates to n (more unnamed candidates, not
** withdrawn), for a reader that finds candidates as it goes. n at most
** TALLY_POOL_MAX_CANDIDATES (TALLY_ERANGE otherwise); a smaller n changes
** nothing. On failure the pool is unchanged. */
tally_status tally_pool_grow_candidates(tally_pool *p, size_t n);

/* Name candidate i (name is copied; party may be NULL). Replaces any
** earlier name. TALLY_ERANGE when i is out of range. */
tally_status tally_pool_set_candidate(tally_pool *p, size_t i, const char *name,
                                      const char *party);

/* Set the title (copied; NULL clears it). */
tally_status tally_pool_set_title(tally_pool *p, const char *title);

/* Set the [tie] order: n candidate indices, copied. */
tally_status tally_pool_set_tie_order(tally_pool *p, const size_t *order, size_t n);

/* Add weight papers ranked prefs[0..n) (entries as described above; the
** first entry must not carry TALLY_BALLOT_EQUAL). An identical ranking
** already in the pool has its weight increased instead. n may be 0 (a
** paper with no preference). TALLY_EINVAL for a candidate out of range or
** a misplaced TALLY_BALLOT_EQUAL; TALLY_ERANGE when weight < 1 or the total
** would overflow. On failure the pool is unchanged. */
tally_status tally_pool_add(tally_pool *p, const uint32_t *prefs, size_t n, int64_t weight);

/* tally_pool_add for a paper that ends for the reason end; the same
** ranking with another end is another ranking. */
tally_status tally_pool_add_ending(tally_pool *p, const uint32_t *prefs, size_t n, int64_t weight,
                                   tally_ballot_end end);

/* Drop the merging index and shrink the arrays to fit, once the pool is
** complete (a later tally_pool_add rebuilds the index). Never fails: when
** shrinking cannot allocate, the arrays stay as they are. */
void tally_pool_seal(tally_pool *p);

/* Ranking i (i < n_rankings). */
void tally_pool_ballot(const tally_pool *p, size_t i, tally_ballot *out);

#endif
