/*
** tally: the CVR CSV reader (cast vote records, one ballot per row).
**
** The form US ranked-choice tabulators export and RCTab writes as its own
** CVR (../shared/data/irv/rctab/<case>/<case>_expected_rctab_cvr.csv):
**
**     Ballot ID,Precinct,Rank 1,Rank 2,Rank 3        header row
**     b-0001,P-01,Brabin,Robinson,                   one ballot per row
**     b-0002,P-01,Golton,,Brabin                     blank: a skipped rank
**     b-0003,P-02,overvote,Brabin,undervote          an overvote, unnamed
**     b-0004,P-02,Cooper|Golton,Brabin,              an overvote, named
**     b-0005,P-02,"Peltola, Mary S.",Cooper=Golton,  quoted; '=' as '|'
**
**   - RFC 4180 fields: comma-separated; a field may be quoted with '"',
**     with '""' for a quote inside. Limit: a quoted field must end on the
**     line it starts on (a name with a line break is refused). UTF-8, a
**     byte order mark allowed; LF or CRLF line ends; the last line need
**     not end with one; empty lines are skipped.
**   - The first line is the header. Rank columns are headed "Rank N",
**     "Choice N" or "Preference N" (any case; a space, an underscore or
**     nothing before N), numbered 1, 2, 3, ... from left to right; at least
**     one. A column headed "Count" or "Weight" (any case) gives how many
**     ballots the row stands for, a whole number from 1 (without it, one).
**     Every other column (ballot ID, precinct, batch) is read past.
**   - Every row has as many fields as the header.
**   - A rank cell is a candidate's name; or empty, or "undervote" (RCTab's
**     word): a skipped rank; or "overvote": two or more candidates marked,
**     not named; or names separated by '|' or '=': those candidates marked
**     at the same rank (an overvote; "equal preferences" to STV). Spaces
**     and tabs around a name are not part of it; names are otherwise
**     compared exactly. "overvote" and "undervote" (any case) cannot be
**     names, and a name cannot be given twice in one cell.
**   - Candidates are numbered in the order their names first appear,
**     left to right and top to bottom. No seats, title or withdrawn
**     candidates are given (the pool's seats are 0).
**
** A ranking is stored as marked (equal rankings with TALLY_BALLOT_EQUAL,
** repeated candidates kept), except what a pool cannot hold: a blank rank
** and an unnamed overvote. Those are read by rules (method.h,
** tally_irv_options): blank ranks are dropped, or, with limit_skipped, the
** ranking ends before a mark that follows more than max_skipped blank
** ranks; an "overvote" ends the ranking (TALLY_OVERVOTE_EXHAUST) or is
** dropped (TALLY_OVERVOTE_SKIP; it still counts as a mark for the blanks
** rule). Methods that read ranks by position (sv: rank 1 is the first
** preference) need limit_skipped with max_skipped 0 and the exhaust rule,
** so that a blank or overvoted rank ends the ranking there.
**
** Rows are streamed into a pool (identical rankings merged), one line in
** memory at a time. Bad input: TALLY_EINVAL with err naming the file, the
** line and the column (in characters) of the fault: a structural fault
** (a quote) where it is, a bad cell at its first character, a missing
** field at the end of the line. A file that cannot be read: TALLY_EIO.
** On failure *out is NULL and nothing is leaked.
**
** Ownership: the caller frees the pool with tally_pool_free().
*/
#ifndef TALLY_CVR_H
#define TALLY_CVR_H

#include <stddef.h>
#include <stdio.h>

#include "tally/ballot.h"
#include "tally/method.h"
#include "tally/status.h"

/* Read the CVR CSV at path. rules may be NULL (the defaults: blank ranks
** dropped, an "overvote" ends the ranking). */
tally_status tally_cvr_csv_read(const char *path, const tally_irv_options *rules,
                                tally_pool **out, tally_error *err);

/* The same from an open stream; name is used in messages. */
tally_status tally_cvr_csv_read_stream(FILE *f, const char *name, const tally_irv_options *rules,
                                       tally_pool **out, tally_error *err);

/* The same from a buffer. */
tally_status tally_cvr_csv_parse(const char *text, size_t len, const char *name,
                                 const tally_irv_options *rules, tally_pool **out,
                                 tally_error *err);

#endif
