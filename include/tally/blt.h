/*
** tally: the BLT ballot file reader.
**
** BLT is the ballot format of Hill, Wichmann and Woodall's STV programs
** (ERS), used by OpenSTV, droop and eSTV exports and by Scottish councils
** when they publish a ward's ballots:
**
**     3 2                 candidates, seats
**     -2                  optional: withdrawn candidates, negated
**     [nick a b c]        optional (droop): names used in the rankings
**     [withdrawn b]       optional (droop): withdrawn candidates
**     [tie c b a]         optional (droop): a tie-break order (stored only)
**     12 1 0              weight, ranking from first preference, 0
**     88 1 3=2 0          "=": ranked equal with the one before
**     0                   end of ballots
**     "Cand A"            one quoted name per candidate, in number order
**     "Cand B"
**     "Cand C"
**     "Wardy McWard"      the title
**
** Strict mode accepts exactly that (CRLF line ends and a UTF-8 byte order
** mark are allowed; a name must be valid UTF-8; the last line ends with a
** line end; no candidate ranked twice). Lenient mode reads the files as
** councils publish them:
**   - a name with CSV-doubled quotes, "Name ""Party""": name + party;
**   - a name and its party as two quoted strings, "Name" "Party";
**   - a one-word party abbreviation before the name, "Lab ""George ADAM"""
**     (the 2012 files of four councils): a one-word first part and a
**     quoted part with a space are read as party and name;
**   - unquoted names (with apostrophes) and an unquoted title, taken whole;
**   - no line end after the last line; trailing commas on any line;
**   - ballot lines without their terminating 0 (the ERS97 file) and
**     '#' comment lines before the names;
**   - blank lines; text after the title; unknown [options] (with a
**     warning); a ballot of weight 0 (skipped, with a warning); a
**     candidate ranked twice (stored as marked: the method decides);
**   - double-encoded UTF-8, repaired, and non-UTF-8 bytes, read as
**     Windows-1252, each with a warning.
**
** Bad input: TALLY_EINVAL with err naming file, line and column (in
** characters) of the fault and a one-line message; a file that cannot be
** read: TALLY_EIO. The pool is filled as the file streams in, one line in
** memory at a time; on failure *out is NULL and nothing is leaked.
**
** Ownership: the caller frees the pool with tally_pool_free().
*/
#ifndef TALLY_BLT_H
#define TALLY_BLT_H

#include <stddef.h>
#include <stdio.h>

#include "tally/ballot.h"
#include "tally/status.h"

/* Called for each warning, with the file, line, column and message in w
** (borrowed for the call). */
typedef void (*tally_blt_warn_fn)(void *ctx, const tally_error *w);

/* Where something was read: line and column (in characters), from 1. */
typedef struct tally_blt_where {
    int line, column;
} tally_blt_where;

typedef struct tally_blt_options {
    int lenient;             /* 0: strict */
    tally_blt_warn_fn warn;  /* may be NULL: warnings are dropped */
    void *warn_ctx;
} tally_blt_options;

/* Read the BLT file at path. opt may be NULL (strict, no warnings). */
tally_status tally_blt_read(const char *path, const tally_blt_options *opt,
                            tally_pool **out, tally_error *err);

/* tally_blt_read(), saying where things were read: where has n_where
** entries, which the reader fills (those it reaches; the rest are left
** as they were): [0] the header (the number of candidates), [1 + i]
** candidate i's name. */
tally_status tally_blt_read_where(const char *path, const tally_blt_options *opt,
                                  tally_blt_where *where, size_t n_where, tally_pool **out,
                                  tally_error *err);

/* The same from an open stream; name is used in messages. */
tally_status tally_blt_read_stream(FILE *f, const char *name, const tally_blt_options *opt,
                                   tally_pool **out, tally_error *err);

/* The same from a buffer. */
tally_status tally_blt_parse(const char *text, size_t len, const char *name,
                             const tally_blt_options *opt, tally_pool **out,
                             tally_error *err);

#endif
