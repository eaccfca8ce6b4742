/*
** The marks of one paper, as the CVR readers that see rank numbers (NIST
** CDF, Dominion) give them, into the preferences of a ballot pool.
** Internal to io/.
**
** The rules, in this order: marks ranked above max_rank are not read
** (RCTab's maxRankingsAllowed: the ballot's ranks past it do not count);
** the marks are sorted by rank; the same candidate marked twice at one
** rank is one mark; marks at one rank are equal (TALLY_BALLOT_EQUAL, an
** overvote for the method's rule); with limit_skipped, a rank that follows
** more than max_skipped blank ranks ends the paper (ranks start at 1, so
** blanks before the first mark count). A candidate ranked again at a later
** rank is kept, for the method's duplicate rule.
*/
#ifndef TALLY_IO_CVR_MARKS_H
#define TALLY_IO_CVR_MARKS_H

#include <stddef.h>
#include <stdint.h>

#include "tally/ballot.h"

typedef struct tally_cvr_mark {
    int64_t rank;  /* from 1 */
    uint32_t cand; /* the pool's candidate */
} tally_cvr_mark;

typedef struct tally_cvr_mark_rules {
    int limit_skipped;
    int max_skipped;
    int64_t max_rank; /* 0: every rank */
} tally_cvr_mark_rules;

/* Append the mark (rank, cand) as marks[*n], growing *marks and, beside
** it, *prefs (the room tally_cvr_marks_prefs writes to) to *cap entries
** each: 0, or -1 without memory (both arrays still valid, unchanged). */
int tally_cvr_mark_add(tally_cvr_mark **marks, uint32_t **prefs, size_t *cap, size_t *n,
                       int64_t rank, uint32_t cand);

/* Write the preferences of marks[0..n) (sorted here) to prefs, which has
** room for n; returns how many were written, and in *end why the paper
** ends there (TALLY_END_SKIPPED when the skipped-rank limit ended it). */
size_t tally_cvr_marks_prefs(tally_cvr_mark *marks, size_t n, const tally_cvr_mark_rules *rules,
                             uint32_t *prefs, tally_ballot_end *end);

#endif
