/*
** tally: declared results (national.h) written in the UK Parliament
** results layout, the general election shape that tally_io_read_uk_parliament
** (io.h) reads: a constituencies file (32 columns) and a candidacies file
** (21 columns), each with a header row, CRLF line ends. docs/formats.md
** gives what each column holds and which the declared result cannot fill.
**
** Ownership: the declared results are borrowed; output goes to the caller's
** FILE. The same declared results give the same bytes.
*/
#ifndef TALLY_UK_PARLIAMENT_CSV_H
#define TALLY_UK_PARLIAMENT_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "tally/status.h"

struct json_t;

/* One row per declared result, in the order given. TALLY_EIO when out
** fails, TALLY_ENOMEM without memory. */
tally_status tally_uk_parliament_constituencies_csv(const struct json_t *const *declared,
                                                    size_t n, FILE *out);
/* One row per candidate, in each result's (ballot) order. */
tally_status tally_uk_parliament_candidacies_csv(const struct json_t *const *declared, size_t n,
                                                 FILE *out);

#endif
