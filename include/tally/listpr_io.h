/*
** tally: the edges of list elections: reading the party-votes file
** (docs/formats.md, "List election JSON") and rendering an allocation
** (docs/commands.md, tally allocate).
**
** The reader never returns a half-built election: on failure *out is NULL
** and err names the file, line and column of the fault. Ownership: the
** caller frees the election with tally_list_election_free().
*/
#ifndef TALLY_LISTPR_IO_H
#define TALLY_LISTPR_IO_H

#include <stddef.h>
#include <stdio.h>

#include "tally/listpr.h"
#include "tally/status.h"

tally_status tally_io_read_list(const char *path, tally_list_election **out, tally_error *err);
/* The same from a buffer; name is used in error messages. */
tally_status tally_io_parse_list(const char *text, size_t len, const char *name,
                                 tally_list_election **out, tally_error *err);

/* The allocation as the returning officer's statement: per area the
** rounds (each party's quotient and who takes the seat) and the members
** returned in order. */
tally_status tally_report_list_text(const tally_list_result *r, FILE *out);
/* The same information as one JSON document. */
tally_status tally_report_list_json(const tally_list_result *r, FILE *out);

#endif
