/*
** The workbook reader's door in libtally (xlsx.h): xlsx_cell_name,
** xlsx_cell_fault (the ES&S reader's and the module's one report of a bad
** cell), and
** xlsx_read, which calls the reader in the module tally-xlsx.so (xlsx.c,
** the one part linking libzip and libxml2), loaded on first use
** (module.h).
*/
#include <stdarg.h>
#include <stdio.h>

#include "module.h"
#include "xlsx.h"

void xlsx_cell_name(int row, int col, char *buf, size_t n)
{
    char letters[8];
    int k = 0;

    for (int c = col; c > 0 && k < 7; c = (c - 1) / 26)
        letters[k++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < k / 2; i++) {
        char t = letters[i];
        letters[i] = letters[k - 1 - i];
        letters[k - 1 - i] = t;
    }
    letters[k] = '\0';
    snprintf(buf, n, "%s%d", letters, row);
}

tally_status xlsx_cell_fault(tally_error *err, const char *path, int row, int col,
                             const char *fmt, ...)
{
    char msg[TALLY_ERROR_MSG_MAX], name[16];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    xlsx_cell_name(row, col, name, sizeof name);
    return tally_error_set(err, TALLY_EINVAL, path, row, col, "cell %s: %s", name, msg);
}

tally_status xlsx_read(const char *path, xlsx_row_fn on_row, void *ctx, tally_error *err)
{
    tally_status (*read)(const char *, xlsx_row_fn, void *, tally_error *);
    const char *why = NULL;

    *(void **)&read = tally_module_symbol("tally-xlsx.so", TALLY_XLSX_READ, &why);
    if (!read)
        return tally_error_set(err, TALLY_ENOTFOUND, path, 0, 0,
                               "reading an .xlsx workbook needs the module tally-xlsx.so beside "
                               "the tally executable (or in the folder TALLY_MODULE_DIR names): "
                               "%s", why);
    return read(path, on_row, ctx, err);
}
