/*
** Lines from a stream or a buffer, one at a time. Internal to io/.
**
** For readers that fill their result as they go (the BLT reader fills a
** ballot pool) rather than holding a whole file: a FILE is read in 64 KiB
** blocks, so memory is one block plus the longest line. A line is returned
** without its "\n" or "\r\n"; lines_next() says whether it ended with a
** line end, so a reader can tell a last line that has none. Limit: a line
** longer than TALLY_IO_MAX_FILE bytes is refused (TALLY_ERANGE).
*/
#ifndef TALLY_IO_LINES_H
#define TALLY_IO_LINES_H

#include <stddef.h>
#include <stdio.h>

#include "tally/status.h"

typedef struct lines {
    FILE *f;            /* NULL: reading mem */
    const char *mem;
    size_t mem_len, mem_pos;
    char *buf;          /* FILE mode: bytes [start, end) not yet returned */
    size_t cap, start, end;
    int eof;
    int line;           /* 1-based number of the line last returned */
} lines;

void lines_init_file(lines *l, FILE *f);
void lines_init_mem(lines *l, const char *text, size_t len);
void lines_free(lines *l);

/* The next line: *s (not NUL-terminated, valid until the next call), *n
** bytes, *ended 1 when a line end followed it. Returns TALLY_OK,
** TALLY_ENOTFOUND at the end of input, TALLY_EIO on a read error,
** TALLY_ENOMEM, or TALLY_ERANGE for an over-long line. */
tally_status lines_next(lines *l, const char **s, size_t *n, int *ended);

#endif
