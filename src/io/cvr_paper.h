/*
** One cast vote record's marks, rank by rank, into the ranking a pool
** holds (ballot.h). Internal to io/: every CVR reader (cvr.h, cvr_nist.h,
** the ES&S reader of cvr_source.h) feeds its papers through here, so the
** rules that give a paper's blank and overvoted ranks their meaning are
** written once.
**
** The rules are the method's reading rules (method.h, tally_irv_options;
** RCTab's names in brackets), applied here because a pool cannot hold
** what they depend on:
**   - a blank rank (empty, or the skipped-rank label) is passed over; with
**     limit_skipped, a mark that follows more than max_skipped blank ranks
**     (counted from the last marked rank, or from the start) ends the
**     paper there: the count never reads past it [maxSkippedRanksAllowed];
**   - an overvote the record does not name (an "overvote" label) ends the
**     paper (TALLY_OVERVOTE_EXHAUST) [exhaustImmediately] or is passed
**     over (TALLY_OVERVOTE_SKIP) [alwaysSkipToNextRank]; either way it is a
**     mark, not a blank, for the skipped-rank rule;
**   - an overvote that names its candidates is kept as equal rankings
**     (TALLY_BALLOT_EQUAL), and a candidate ranked again at a later rank
**     is kept, for the method's overvote and duplicate rules;
**   - a candidate named twice at one rank is no reading at all: the
**     reader refuses the record at that rank (cvr_paper_has tells it).
**
** Every CVR reader reads its papers through here: those that see a row of
** rank cells (CVR CSV, ES&S) one rank at a time, those that see marks with
** rank numbers (CDF, Dominion) through cvr_marks.h.
**
** Ownership: a cvr_paper owns its ranking buffer (unless given one by
** cvr_paper_over); cvr_paper_free releases it (and is a no-op on a paper
** that was only initialised).
*/
#ifndef TALLY_IO_CVR_PAPER_H
#define TALLY_IO_CVR_PAPER_H

#include <stddef.h>
#include <stdint.h>

#include "tally/ballot.h"
#include "tally/method.h"
#include "tally/status.h"

typedef struct cvr_paper {
    const tally_irv_options *rules; /* never NULL */
    uint32_t *prefs;                /* the ranking so far: n entries */
    size_t n, cap;
    int borrowed;                   /* prefs is the caller's */
    size_t blanks;                  /* blank ranks since the last mark */
    int stopped;                    /* the count reads no further */
    tally_ballot_end end;           /* why: TALLY_END_SKIPPED or _OVERVOTE
                                       when a rule ended it, _PASSED when
                                       only unnamed overvotes were passed
                                       over, else _MARKS */
} cvr_paper;

/* A paper read by rules (NULL: the defaults, method.h). */
void cvr_paper_init(cvr_paper *p, const tally_irv_options *rules);

/* The same, writing into the caller's buf of cap entries, which is never
** grown (the caller knows a paper's marks fit) nor freed. */
void cvr_paper_over(cvr_paper *p, const tally_irv_options *rules, uint32_t *buf, size_t cap);
void cvr_paper_free(cvr_paper *p);

/* Start the next record (the buffer is kept). */
void cvr_paper_begin(cvr_paper *p);

/* `ranks` blank ranks. */
void cvr_paper_blank(cvr_paper *p, size_t ranks);

/* A rank marked for the k >= 1 candidates cands[0..k) (k > 1: a named
** overvote), which must be distinct (cvr_paper_has). TALLY_ENOMEM when the
** ranking cannot grow. */
tally_status cvr_paper_mark(cvr_paper *p, const uint32_t *cands, size_t k);

/* A rank marked as an overvote without naming its candidates. */
void cvr_paper_overvote(cvr_paper *p);

/* 1 when cand is one of cands[0..k). */
int cvr_paper_has(const uint32_t *cands, size_t k, uint32_t cand);

#endif
