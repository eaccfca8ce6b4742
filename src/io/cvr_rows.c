/*
** The frame the CSV providers share (cvr_provider.h): a CSV of one ballot
** per row after a header, and a paper's marks into the pool.
*/
#include "csv.h"
#include "cvr_provider.h"
#include "tally/alloc.h"
#include "tally/io.h"

tally_status tally_cvr_rows(const char *path, tally_cvr_row_fn header, tally_cvr_row_fn row,
                            void *ctx, tally_error *err)
{
    size_t len = 0, width;
    char *text = NULL;
    csv_reader c;
    tally_status s;

    if ((s = tally_io_slurp(path, &text, &len, err)) != TALLY_OK)
        return s;
    csv_init(&c, text, len, path);
    if ((s = csv_next(&c, err)) == TALLY_ENOTFOUND)
        s = tally_error_set(err, TALLY_EINVAL, path, 1, 1, "the file is empty");
    if (s == TALLY_OK)
        s = header(&c, ctx, err);
    width = c.n;
    while (s == TALLY_OK && (s = csv_next(&c, err)) == TALLY_OK)
        s = c.n != width ? tally_error_set(err, TALLY_EINVAL, path, c.f[0].line, c.f[0].column,
                                           "%zu fields; the header has %zu", c.n, width)
                         : row(&c, ctx, err);
    if (s == TALLY_ENOTFOUND)
        s = TALLY_OK;
    csv_free(&c);
    tally_free(text);
    return s;
}

tally_status tally_cvr_rows_paper(tally_cvr_mark *marks, size_t n, const tally_cvr_mark_rules *mr,
                                  tally_pool *into, const char *path, int line,
                                  tally_error *err)
{
    uint32_t prefs[CSV_MAX_FIELDS];
    tally_ballot_end end;
    size_t k = tally_cvr_marks_prefs(marks, n, mr, prefs, &end);
    tally_status s = tally_pool_add_ending(into, prefs, k, 1, end);

    if (s == TALLY_ENOMEM)
        return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
    if (s != TALLY_OK)
        return tally_error_set(err, TALLY_EINVAL, path, line, 0, "too many cast vote records");
    return TALLY_OK;
}
