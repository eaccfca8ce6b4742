/*
** Lines from a stream or a buffer (src/io/lines.h).
*/
#include "lines.h"

#include <string.h>

#include "tally/alloc.h"
#include "tally/io.h"

#define BLOCK 65536u

void lines_init_file(lines *l, FILE *f)
{
    memset(l, 0, sizeof *l);
    l->f = f;
}

void lines_init_mem(lines *l, const char *text, size_t len)
{
    memset(l, 0, sizeof *l);
    l->mem = text;
    l->mem_len = len;
}

void lines_free(lines *l)
{
    tally_free(l->buf);
    l->buf = NULL;
}

static void cut(const char *p, size_t n, const char **s, size_t *out_n)
{
    if (n > 0 && p[n - 1] == '\r')
        n--;
    *s = p;
    *out_n = n;
}

static tally_status next_mem(lines *l, const char **s, size_t *n, int *ended)
{
    const char *p = l->mem + l->mem_pos;
    size_t left = l->mem_len - l->mem_pos;
    const char *nl;

    if (left == 0)
        return TALLY_ENOTFOUND;
    nl = memchr(p, '\n', left);
    *ended = nl != NULL;
    if (nl) {
        cut(p, (size_t)(nl - p), s, n);
        l->mem_pos += (size_t)(nl - p) + 1;
    } else {
        cut(p, left, s, n);
        l->mem_pos = l->mem_len;
    }
    l->line++;
    return TALLY_OK;
}

/* Read more of the file into buf, keeping [start, end). */
static tally_status fill(lines *l)
{
    size_t got;

    if (l->start > 0) {
        memmove(l->buf, l->buf + l->start, l->end - l->start);
        l->end -= l->start;
        l->start = 0;
    }
    if (l->cap - l->end < BLOCK) {
        size_t cap = l->cap ? l->cap * 2 : 2 * BLOCK;
        char *b;
        if (l->end > TALLY_IO_MAX_FILE)
            return TALLY_ERANGE;
        if (!(b = tally_realloc(l->buf, cap)))
            return TALLY_ENOMEM;
        l->buf = b;
        l->cap = cap;
    }
    got = fread(l->buf + l->end, 1, l->cap - l->end, l->f);
    l->end += got;
    if (got == 0) {
        if (ferror(l->f))
            return TALLY_EIO;
        l->eof = 1;
    }
    return TALLY_OK;
}

tally_status lines_next(lines *l, const char **s, size_t *n, int *ended)
{
    size_t scanned = 0;

    if (!l->f)
        return next_mem(l, s, n, ended);
    for (;;) {
        char *p = l->buf ? l->buf + l->start : NULL;
        size_t have = l->end - l->start;
        char *nl = have > scanned ? memchr(p + scanned, '\n', have - scanned) : NULL;
        tally_status st;

        if (nl) {
            cut(p, (size_t)(nl - p), s, n);
            l->start += (size_t)(nl - p) + 1;
            *ended = 1;
            l->line++;
            return TALLY_OK;
        }
        if (l->eof) {
            if (have == 0)
                return TALLY_ENOTFOUND;
            cut(p, have, s, n);
            l->start = l->end;
            *ended = 0;
            l->line++;
            return TALLY_OK;
        }
        scanned = have;
        if ((st = fill(l)) != TALLY_OK)
            return st;
    }
}
