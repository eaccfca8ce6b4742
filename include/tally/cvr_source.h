/*
** tally: cast vote records from the files other tabulators read.
**
** One entry point reads one CVR source of a ranked-choice contest, as an
** RCTab contest configuration describes it ("cvrFileSources"), into a
** ballot pool (ballot.h) whose candidates the caller has already named:
**
**   provider      files read
**   "ess"         ES&S cast vote record export (.xlsx)
**   "dominion"    Dominion Results Tally and Reporting export: a folder
**                 with CvrExport*.json and its manifests
**   "hart"        Hart InterCivic: a folder of one XML file per ballot
**   "clearBallot" Clear Ballot ClearVote CSV
**   "cdf"         NIST SP 1500-103 cast vote records, JSON or XML
**   "genericCsv"  a CSV with a column per rank
**
** Read today: "cdf" as JSON (through cvr_nist.h, applying the rules'
** skipped-rank limit as it reads) and "dominion" (cvr_dominion.c: the
** contest's papers by its Id, the Modified record of an adjudicated
** ballot, contests flagged InvalidContest and ambiguous marks not read,
** max_rankings by rank number) and "clearBallot" (cvr_clearballot.c: the
** contest's choice columns by its name) and "genericCsv" (cvr_generic.c:
** a column per candidate holding ranks) and "ess" (cvr_ess.c: the first
** worksheet of the workbook; first_vote_column is required,
** first_vote_row defaults to 2, max_rankings is the number of rank
** columns read, 0 all from first_vote_column on; docs/formats.md gives
** the layout and its limits) and "hart" (cvr_hart.c: the folder's .xml
** records, the contest by its Id, each option's Value a string of rank
** digits).
** Every other provider is refused with TALLY_EINVAL and a
** line naming the source: never read approximately.
**
** Candidates: the pool's candidates 0..n_candidates-1 are cands[] in
** order; a CVR names a candidate by its name or by one of its aliases
** (codes such as "MFB" or Dominion's candidate ids). The pool has one
** more candidate, index n_candidates, named "Undeclared Write-ins": the
** mark the source's undeclared write-in label (or, with blank_is_uwi, a
** blank cell) stands for. A mark naming no candidate is an error at its
** line and column (or the file and ballot where the format has no lines).
**
** The rules that decide what a paper says are applied as it is read, as
** the CVR CSV reader does (cvr.h): blank and skipped-rank labels, the
** overvote label and delimiter, max_rankings, and the irv reading rules
** (method.h). Papers are added to `into` (identical rankings merged), so
** several sources of one contest read into one pool.
**
** Bad input: TALLY_EINVAL, err naming file, line and column where the
** format has them; unreadable files TALLY_EIO; out of memory
** TALLY_ENOMEM. On failure the pool may hold part of the source: the
** caller frees it and reports nothing.
**
** Ownership: nothing is retained from src or cands after the call.
*/
#ifndef TALLY_CVR_SOURCE_H
#define TALLY_CVR_SOURCE_H

#include <stddef.h>

#include "tally/ballot.h"
#include "tally/method.h"
#include "tally/status.h"

typedef struct tally_cvr_candidate {
    const char *name;
    const char *const *aliases; /* n_aliases other names the CVRs use */
    size_t n_aliases;
} tally_cvr_candidate;

typedef struct tally_cvr_source {
    const char *path;               /* file or folder, as the caller resolved it */
    const char *provider;           /* one of the names above */
    const char *contest_id;         /* the contest in a multi-contest source; NULL: the only one */
    int first_vote_column;          /* 1-based; 0: the format's default */
    int first_vote_row;             /* 1-based; 0: the format's default */
    int id_column;                  /* 1-based; 0: none */
    int precinct_column;            /* 1-based; 0: none */
    int batch_column;               /* 1-based; 0: none */
    const char *overvote_delimiter; /* NULL or "": none */
    const char *overvote_label;     /* NULL or "": none */
    const char *skipped_label;      /* NULL or "": none */
    const char *uwi_label;          /* undeclared write-in; NULL or "": none */
    int blank_is_uwi;               /* 1: a blank cell is an undeclared write-in */
    int max_rankings;               /* ranks read; 0: every rank */
} tally_cvr_source;

/* The name the pool gives the undeclared write-in candidate. */
#define TALLY_CVR_UWI_NAME "Undeclared Write-ins"

/* Read src into `into`, which has n_candidates + 1 candidates named as
** above. rules may be NULL (the defaults). */
tally_status tally_cvr_source_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                   size_t n_candidates, const tally_irv_options *rules,
                                   tally_pool *into, tally_error *err);

#endif
