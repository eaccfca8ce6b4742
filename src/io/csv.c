/*
** A small RFC 4180 CSV reader (src/io/csv.h).
*/
#include "csv.h"

#include <string.h>

#include "tally/alloc.h"

void csv_init(csv_reader *r, const char *text, size_t len, const char *name)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    r->len = len;
    r->name = name;
    r->line = 1;
    r->column = 1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

void csv_free(csv_reader *r)
{
    tally_free(r->rec);
    r->rec = NULL;
}

static int put(csv_reader *r, size_t *o, char c)
{
    if (*o + 1 >= r->rec_cap) {
        size_t cap = r->rec_cap ? r->rec_cap * 2 : 1024;
        char *n = tally_realloc(r->rec, cap);
        if (!n)
            return 0;
        r->rec = n;
        r->rec_cap = cap;
    }
    r->rec[(*o)++] = c;
    return 1;
}

/* Advance one byte, keeping line and character column. */
static char take(csv_reader *r)
{
    char c = r->text[r->pos++];
    if (c == '\n') {
        r->line++;
        r->column = 1;
    } else if (((unsigned char)c & 0xC0) != 0x80) {
        r->column++;
    }
    return c;
}

tally_status csv_next(csv_reader *r, tally_error *err)
{
    size_t o = 0, starts[CSV_MAX_FIELDS];

    /* Skip blank lines. */
    while (r->pos < r->len && (r->text[r->pos] == '\n' || r->text[r->pos] == '\r'))
        take(r);
    if (r->pos >= r->len)
        return TALLY_ENOTFOUND;
    r->n = 0;
    for (;;) {
        int quoted = 0;
        if (r->n == CSV_MAX_FIELDS)
            return tally_error_set(err, TALLY_EINVAL, r->name, r->line, r->column,
                                   "more than %d fields in a record", CSV_MAX_FIELDS);
        r->f[r->n].line = r->line;
        r->f[r->n].column = r->column;
        starts[r->n] = o;
        if (r->pos < r->len && r->text[r->pos] == '"') {
            quoted = 1;
            take(r);
        }
        for (;;) {
            char c;
            if (r->pos >= r->len) {
                if (quoted)
                    return tally_error_set(err, TALLY_EINVAL, r->name, r->f[r->n].line,
                                           r->f[r->n].column, "unterminated quoted field");
                break;
            }
            c = r->text[r->pos];
            if (quoted) {
                take(r);
                if (c == '"') {
                    if (r->pos < r->len && r->text[r->pos] == '"') {
                        take(r);
                    } else {
                        quoted = 0;
                        continue;
                    }
                }
            } else {
                if (c == ',' || c == '\n' || c == '\r')
                    break;
                if (c == '"')
                    return tally_error_set(err, TALLY_EINVAL, r->name, r->line, r->column,
                                           "stray quote in an unquoted field");
                take(r);
            }
            if (!put(r, &o, c))
                return tally_error_set(err, TALLY_ENOMEM, r->name, r->line, 0, "out of memory");
        }
        if (!put(r, &o, '\0'))
            return tally_error_set(err, TALLY_ENOMEM, r->name, r->line, 0, "out of memory");
        r->n++;
        if (r->pos < r->len && r->text[r->pos] == ',') {
            take(r);
            continue;
        }
        if (r->pos < r->len && r->text[r->pos] == '\r')
            take(r);
        if (r->pos < r->len && r->text[r->pos] == '\n')
            take(r);
        break;
    }
    /* The buffer may have moved while growing: point the fields last. */
    for (size_t i = 0; i < r->n; i++)
        r->f[i].s = r->rec + starts[i];
    return TALLY_OK;
}
