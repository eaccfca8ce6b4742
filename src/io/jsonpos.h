/*
** Where a value stands in JSON text, by JSON Pointer (RFC 6901).
**
** jansson reports line and column for syntax errors only; once a document
** has parsed, its values carry no position. Readers that find a semantic
** fault (a negative vote count, an unknown candidate) use this to point at
** the offending value in the file. Internal to io/.
*/
#ifndef TALLY_IO_JSONPOS_H
#define TALLY_IO_JSONPOS_H

#include <stddef.h>

#include "tally/status.h"

struct json_t;

/* Parse text as one JSON document (duplicate keys refused) into *out, a new
** reference. A syntax error is TALLY_EINVAL at its line and column in
** name; a failed allocation, which jansson reports as a syntax error or not
** at all, is told apart by asking libtally's allocator and reported as
** TALLY_ENOMEM. */
tally_status tally_jsonpos_load(const char *text, size_t len, const char *name,
                                struct json_t **out, tally_error *err);

/* Find the value at pointer (e.g. "/declared/votes/Kim Leadbeater") in
** text, which must be valid JSON. With key_pos set, the position of the
** member's key rather than its value. Sets 1-based *line and *column
** (column in characters) and returns 1, or returns 0 if not found. */
int tally_jsonpos_find(const char *text, size_t len, const char *pointer, int key_pos,
                       int *line, int *column);

/* A reader's fault at the value pointer names (its key with key_pos) in
** text, read from the file `name`: err set to TALLY_EINVAL at its line and
** column (0 when not found) with the message fmt; returns TALLY_EINVAL. */
tally_status tally_jsonpos_fault(tally_error *err, const char *name, const char *text, size_t len,
                                 const char *pointer, int key_pos, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Append one reference token to pointer buffer buf, escaping '~' and '/'. */
void tally_jsonpos_append(char *buf, size_t n, const char *token);

#endif
