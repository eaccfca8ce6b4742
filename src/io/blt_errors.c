/*
** Errors and warnings of the BLT reader (src/io/blt_parse.h), located to
** the file, line and column; shared by blt.c and blt_names.c, calling
** neither.
*/
#include <stdarg.h>
#include <stdio.h>

#include "blt_parse.h"

tally_status blt_fail(blt_parser *P, size_t off, const char *fmt, ...)
{
    char msg[TALLY_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tally_error_set(P->err, TALLY_EINVAL, P->name, P->lineno,
                           P->line ? utf8_column(P->line, off) : 1, "%s", msg);
}

void blt_warn(blt_parser *P, size_t off, const char *fmt, ...)
{
    tally_error w;
    char msg[TALLY_ERROR_MSG_MAX];
    va_list ap;

    if (!P->opt->warn)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tally_error_set(&w, TALLY_OK, P->name, P->lineno,
                    P->line ? utf8_column(P->line, off) : 1, "%s", msg);
    P->opt->warn(P->opt->warn_ctx, &w);
}

tally_status blt_nomem(blt_parser *P)
{
    return tally_error_set(P->err, TALLY_ENOMEM, P->name, 0, 0, "out of memory");
}
