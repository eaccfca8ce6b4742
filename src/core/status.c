/*
** Status codes and error detail (include/tally/status.h).
*/
#include "tally/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *tally_strerror(tally_status s)
{
    switch (s) {
    case TALLY_OK: return "ok";
    case TALLY_EINVAL: return "invalid input";
    case TALLY_ENOMEM: return "out of memory";
    case TALLY_EIO: return "input/output error";
    case TALLY_ERANGE: return "number out of range";
    case TALLY_ENOTFOUND: return "not found";
    case TALLY_EAGAIN: return "changed by someone else first";
    }
    return "unknown status";
}

void tally_error_clear(tally_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

tally_status tally_error_set(tally_error *err, tally_status s, const char *file,
                             int line, int column, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return s;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return s;
}

void tally_error_format(const tally_error *err, char *buf, size_t n)
{
    if (!err->file[0])
        snprintf(buf, n, "%s", err->message);
    else if (err->line > 0 && err->column > 0)
        snprintf(buf, n, "%s:%d:%d: %s", err->file, err->line, err->column, err->message);
    else if (err->line > 0)
        snprintf(buf, n, "%s:%d: %s", err->file, err->line, err->message);
    else
        snprintf(buf, n, "%s: %s", err->file, err->message);
}
