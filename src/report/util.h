/*
** Helpers shared by the renderers. Internal to report/.
*/
#ifndef TALLY_REPORT_UTIL_H
#define TALLY_REPORT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* "2021-07-01" -> "Thursday 1 July 2021"; the input unchanged when it is
** not an ISO date. */
void tally_rep_long_date(const char *iso, char *buf, size_t n);

/* Number of characters (UTF-8 code points) in s. */
size_t tally_rep_width(const char *s);

/* Write s left-aligned in a field of width characters. */
void tally_rep_pad(FILE *out, const char *s, size_t width);
/* Write s left-aligned in a field of width characters, cut to width
** characters when longer: a cut falls between characters, never inside
** one's UTF-8 bytes. */
void tally_rep_cut(FILE *out, const char *s, size_t width);
/* Write s right-aligned in a field of width characters. */
void tally_rep_rpad(FILE *out, const char *s, size_t width);

/* Write the paragraph text wrapped at width characters, then a newline. */
void tally_rep_wrap(FILE *out, const char *text, size_t width);

/* Write s with & < > " ' escaped for HTML. */
void tally_rep_html(FILE *out, const char *s);

/* Write s as one CSV field: quoted when it holds , " CR or LF, and with a
** leading ' when it starts with = + - @ (spreadsheet formula injection). */
void tally_rep_csv_field(FILE *out, const char *s);

/* Format a count ("37,695"), or "-" when v is TALLY_NONE. */
const char *tally_rep_count(int64_t v, char *buf, size_t n);
/* Format hundredths ("47.60"), or "-" when !has. */
const char *tally_rep_centi(int has, int64_t v, char *buf, size_t n);

#endif
