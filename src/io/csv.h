/*
** A small RFC 4180 CSV reader over a buffer. Internal to io/.
**
** Handles a leading UTF-8 byte order mark, CRLF or LF line ends, a last
** line with no line end, and quoted fields with "" for a quote (which may
** hold commas and line breaks). Each field records the line and character
** column where it starts, so readers can point at a bad value. Limits: a
** record has at most CSV_MAX_FIELDS fields; longer records are an error.
*/
#ifndef TALLY_IO_CSV_H
#define TALLY_IO_CSV_H

#include <stddef.h>

#include "tally/status.h"

#define CSV_MAX_FIELDS 128

typedef struct csv_field {
    char *s;      /* NUL-terminated, in the reader's record buffer */
    int line, column;
} csv_field;

typedef struct csv_reader {
    const char *text;
    size_t len, pos;
    const char *name;   /* for error messages */
    int line, column;   /* of pos */
    char *rec;          /* record buffer (owned) */
    size_t rec_cap;
    size_t n;           /* fields in the current record */
    csv_field f[CSV_MAX_FIELDS];
} csv_reader;

void csv_init(csv_reader *r, const char *text, size_t len, const char *name);
void csv_free(csv_reader *r);

/* Read the next record into r->f[0..r->n). Returns TALLY_OK, TALLY_ENOTFOUND
** at the end of input, or TALLY_EINVAL / TALLY_ENOMEM with err set. Blank
** lines are skipped. */
tally_status csv_next(csv_reader *r, tally_error *err);

#endif
