/*
** The cells of an .xlsx workbook's first worksheet, row by row. Internal
** to io/.
**
** ECMA-376 Office Open XML, Part 1 (SpreadsheetML), as Excel and the
** voting systems that export to it write it: a zip archive whose
** xl/workbook.xml names the sheets in order; the first <sheet>'s r:id is
** looked up in xl/_rels/workbook.xml.rels for the worksheet's part, and
** the relationship of type .../sharedStrings (if any) for the shared
** string table (xl/sharedStrings.xml).
**
** The worksheet is streamed (libxml2's xmlTextReader over libzip's
** stream of the part): one row's cells are held at a time, the shared
** strings whole. A cell's text is:
**   t="s"          the shared string its <v> indexes (the text of its <t>
**                  runs, phonetic runs <rPh> left out)
**   t="inlineStr"  the text of its <is> (likewise)
**   t="b"          TRUE or FALSE
**   otherwise      its <v> as written ("1", "2.5", "#N/A"): numbers are not
**                  formatted by the cell's style (limit), and a formula's
**                  cached value is its text
** A cell with no value (a styled empty cell) is not passed on: the row
** holds the cells that have a value, in column order.
**
** Limits: a row number from 1 to 1048576, a column from 1 to 16384 (A to
** XFD), as Excel's; a cell's text at most 1 MiB, and shared strings of at
** most TALLY_IO_MAX_FILE bytes in all; Excel's _xHHHH_ escapes are left as written; a cell's r must give
** its own row, and cells must come in column order.
**
** Bad input (not a zip archive, no workbook or worksheet, malformed XML, a
** bad cell reference, a shared string index out of range): TALLY_EINVAL
** with err naming the file and, where the fault is in a cell, the cell
** (err's line the row, column the column; the message names it as "B7").
** Malformed XML is told by the part and its XML line and column, not by
** cell: libxml2 parses ahead of the node the stream is at, so the cell
** being read when it reports is not the cell at fault.
** A file that cannot be opened or read: TALLY_EIO. Out of memory:
** TALLY_ENOMEM (libxml2's own allocations included, as it reports them).
*/
#ifndef TALLY_IO_XLSX_H
#define TALLY_IO_XLSX_H

#include <stddef.h>

#include "tally/status.h"

typedef struct xlsx_cell {
    int col;          /* 1-based: A is 1 */
    const char *text; /* NUL-terminated; valid until the callback returns */
} xlsx_cell;

/* One row: its 1-based number and its n cells with a value. A status other
** than TALLY_OK stops the read and is returned as it is (the callback fills
** err). */
typedef tally_status (*xlsx_row_fn)(void *ctx, int row, const xlsx_cell *cells, size_t n);

/* Read the first worksheet of the workbook at path, calling on_row for
** each <row> of it in order. Nothing is retained after the call. The
** reader is the module tally-xlsx.so (module.h); without it,
** TALLY_ENOTFOUND and err says so. */
tally_status xlsx_read(const char *path, xlsx_row_fn on_row, void *ctx, tally_error *err);

/* The module's entry (xlsx.c), as xlsx_read finds it. */
#define TALLY_XLSX_READ "tally_xlsx_read"
tally_status tally_xlsx_read(const char *path, xlsx_row_fn on_row, void *ctx, tally_error *err);

/* "B7" for row 7, column 2 (buf of at least 16 bytes). */
void xlsx_cell_name(int row, int col, char *buf, size_t n);

/* A fault at a cell of the workbook at path: err set to TALLY_EINVAL, its
** line and column the cell's row and column, its message "cell B7: ...";
** returns TALLY_EINVAL. */
tally_status xlsx_cell_fault(tally_error *err, const char *path, int row, int col,
                             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
