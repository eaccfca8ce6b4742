/*
** tally: NIST SP 1500-103 cast vote records (JSON) into a ballot pool.
**
** NIST Special Publication 1500-103, "Cast Vote Records Common Data
** Format Specification" version 1 (2019), JSON binding
** (NIST_V0_cast_vote_records.json). One contest of a
** CVR.CastVoteRecordReport becomes one tally_pool (ballot.h):
**
**   - the contest: the Contest whose "@id" (or Name, as RCTab's
**     contestId gives it) is opt->contest, or the
**     report's only Contest when that is NULL;
**   - candidates: the contest's ContestSelection entries in order, each
**     named by its candidates' Name (CandidateIds, through the election's
**     Candidate list; several joined by " and "), else its Selection (a
**     ballot measure), else its "@id"; the pool's title is the contest's
**     Name (else its "@id") and its seats the contest's NumberElected
**     (0 when absent: the method must then be given the seats);
**   - papers: each CVR of the contest's election (ElectionId, when given)
**     that has a CVRContest for the contest, read in its current snapshot
**     (CurrentSnapshotId; a CVR with one snapshot may omit it). A mark is
**     a SelectionPosition whose HasIndication and IsAllocable are not
**     "no"; its rank is the position's Rank, else the CVRContestSelection's
**     Rank, else 1 (a CVRContestSelection without ContestSelectionId,
**     which the schema allows, marks nothing). Marks are ranked by rank; marks at one rank are equal
**     (TALLY_BALLOT_EQUAL), in ballot order. A CVR whose CVRContest has no
**     mark is a paper with no preference (an invalid paper to every
**     method); a CVR without the contest is not a paper of it.
**
** Limits: the pool cannot hold a gap in the ranks, so skipped ranks are
** closed up (1, 3 reads as 1, 2) unless opt limits them; a candidate
** marked at two ranks keeps both (the method decides, as for BLT);
** NumberVotes above 1 counts as one mark; a file of at most
** TALLY_IO_MAX_FILE bytes, held whole while read.
** Members the format allows and tally does not use are ignored; members
** tally uses must have the type the schema gives them.
**
** Bad input: TALLY_EINVAL with err naming file, line and column of the
** value at fault and a one-line message (an unknown ContestSelectionId, a
** Rank of 0, a contest that is not there or not the only one, ...); a
** file that cannot be read: TALLY_EIO; out of memory: TALLY_ENOMEM. On
** failure *out is NULL and nothing is leaked.
**
** Ownership: the caller frees the pool with tally_pool_free().
*/
#ifndef TALLY_CVR_NIST_H
#define TALLY_CVR_NIST_H

#include <stddef.h>

#include "tally/ballot.h"
#include "tally/status.h"

typedef struct tally_cvr_nist_options {
    const char *contest; /* the contest's "@id" or Name; NULL: the only contest */
    int limit_skipped;   /* 0: skipped ranks closed up (1, 3 reads as 1, 2) */
    int max_skipped;     /* with limit_skipped: a mark after more blank ranks
                            than this ends the paper there (RCTab's
                            maxSkippedRanksAllowed) */
} tally_cvr_nist_options;

/* Read the report at path. opt may be NULL (the only contest). */
tally_status tally_cvr_nist_read(const char *path, const tally_cvr_nist_options *opt,
                                 tally_pool **out, tally_error *err);

/* The same from a buffer of len bytes; name is used in messages. */
tally_status tally_cvr_nist_parse(const char *text, size_t len, const char *name,
                                  const tally_cvr_nist_options *opt, tally_pool **out,
                                  tally_error *err);

#endif
