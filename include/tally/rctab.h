/*
** tally: an RCTab contest configuration ("*_config.json", RCTab 1.x and
** 2.x; RCTab v1.3.2 Section 25, Configuration File Parameters) read as
** tally's inputs, so that a contest set up in RCTab is counted by tally
** from the same files.
**
** What is read:
**   candidates        name, aliases (and the older "code", one more alias),
**                     excluded (withdrawn before the count)
**   cvrFileSources    every source, its filePath resolved against the
**                     configuration's folder as RCTab does, and its reading
**                     fields (cvr_source.h)
**   rules             overvoteRule (alwaysSkipToNextRank, exhaustImmediately,
**                     exhaustIfMultipleContinuing), continueUntilTwoCandidatesRemain,
**                     doesFirstRoundDetermineThreshold, stopTabulationEarlyAfterRound
**                     (irv rule T, method.h), maxSkippedRanksAllowed, maxRankingsAllowed,
**                     exhaustOnDuplicateCandidate, batchElimination,
**                     treatBlankAsUndeclaredWriteIn, tiebreakMode (kept: see
**                     tally_rctab_tiebreak), numberOfWinners 1 with
**                     winnerElectionMode singleWinnerMajority, or any
**                     numberOfWinners with multiPassIrv (info.passes), or
**                     the several-seat modes multiWinnerAllowMultipleWinners-
**                     PerRound, multiWinnerAllowOnlyOneWinnerPerRound,
**                     bottomsUp and bottomsUpUsingPercentageThreshold with
**                     decimalPlacesForVoteArithmetic (1 to 9),
**                     nonIntegerWinningThreshold, hareQuota,
**                     multiSeatBottomsUpPercentageThreshold, cutoffElimination
**                     and doesFirstRoundDetermineThreshold (the percentage
**                     mode) (rctab_multi.h, tally_rctab_multi_of)
**   outputSettings    contestName, the report's title
**
** Refused, with the file, line and column of the value: any rule that
** would make RCTab count differently from tally's irv (method.h) - more
** than one winner but by multiPassIrv or a several-seat mode, another
** winnerElectionMode, a minimumVoteThreshold above 0, hareQuota for one
** seat, continueUntilTwoCandidatesRemain with multiPassIrv or a
** several-seat mode, stopTabulationEarlyAfterRound with a several-seat
** mode, exhaustIfMultipleContinuing beside an overvoteLabel
** (RCTab refuses it too: an unnamed overvote names no candidates to count)
** - and a malformed configuration. Never counted approximately.
**
** Equalities: with tiebreakMode useCandidateOrder, the equal candidate
** listed last in the configuration is excluded (the pool's tie order, irv
** tie_by_order); with generatePermutation, likewise by the order RCTab
** draws from randomSeed (the names sorted, then Collections.shuffle); with
** random, by RCTab's draw from randomSeed (irv tie_by_draw, jrandom.h: one
** generator for the count, one draw per equality); with
** previousRoundCountsThenRandom, by the earlier rounds and then that draw
** over all the equal. A negative randomSeed is refused. Under every other
** mode tally decides by the earlier rounds, then by lot from the seed
** (irv.c rule 4), and the mode is kept so the caller can say so when an
** equality arose.
**
** Ownership: tally_rctab_load gives a new configuration, freed by
** tally_rctab_free (NULL is a no-op); strings and options returned borrow
** from it. tally_rctab_read gives a new pool, freed by tally_pool_free.
*/
#ifndef TALLY_RCTAB_H
#define TALLY_RCTAB_H

#include "tally/ballot.h"
#include "tally/method.h"
#include "tally/rctab_multi.h"
#include "tally/status.h"

typedef struct tally_rctab tally_rctab;

/* Read the configuration at path. Bad input TALLY_EINVAL (err names the
** file, line and column), unreadable TALLY_EIO, out of memory
** TALLY_ENOMEM. */
tally_status tally_rctab_load(const char *path, tally_rctab **out, tally_error *err);
void tally_rctab_free(tally_rctab *c);

/* What the configuration says of the contest: outputSettings' contestName,
** contestDate, contestJurisdiction and contestOffice ("" when not given);
** RCTab's tiebreakMode as written, and whether tally decides equalities
** as that mode does; how many candidates it counts (every
** configured one, and the undeclared write-ins when a source declares
** their label), and whether a source declares that label. */
typedef struct tally_rctab_info {
    const char *contest, *date, *jurisdiction, *office, *tiebreak;
    int tiebreak_counted;       /* tally decides equalities as tiebreak says */
    size_t n_candidates;
    int write_in_declared;
    size_t passes;              /* multiPassIrv: its numberOfWinners passes
                                ** (irv_passes.h); 0: one irv count */
    size_t stop_after;          /* stopTabulationEarlyAfterRound; 0: none */
    int first_threshold;        /* doesFirstRoundDetermineThreshold */
    int several;                /* a several-seat mode: tally_rctab_multi_of */
} tally_rctab_info;
const tally_rctab_info *tally_rctab_about(const tally_rctab *c);
/* irv's options for the contest; the undeclared write-ins are the pool's
** last candidate (has_write_in). */
const tally_irv_options *tally_rctab_rules(const tally_rctab *c);
/* The several-seat mode's rules (counted by tally_rctab_multi_count with
** tally_rctab_rules' reading), or NULL for any other mode. */
const tally_rctab_multi_rules *tally_rctab_multi_of(const tally_rctab *c);

/* Read every CVR source into a new pool: the configuration's candidates
** in order (the excluded ones withdrawn), then "Undeclared Write-ins";
** titled with the contest's name. Errors as tally_cvr_source_read. */
tally_status tally_rctab_read(const tally_rctab *c, tally_pool **out, tally_error *err);

#endif
