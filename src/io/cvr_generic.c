/*
** RCTab's generic CSV cast vote records: one CSV, a row per ballot, a
** column per candidate holding the rank the voter gave them (cvr_provider.h).
**
** The first row names the columns; from first_vote_column (1-based,
** default 1) on, each names a candidate, matched to the configuration's
** names and aliases or to the undeclared write-in label. Papers are the
** rows from first_vote_row (default 2); the columns before the first vote
** column (an id, a precinct, a batch) are passed over. A cell is empty (the
** candidate not ranked) or a whole number from 1, the rank; two candidates
** at one rank are an overvote. The marks of a paper become preferences by
** cvr_marks.h.
**
** Limit: at most CSV_MAX_FIELDS (128) columns (csv.h).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "cvr_marks.h"
#include "cvr_provider.h"
#include "tally/alloc.h"
#include "tally/io.h"

static tally_status header(csv_reader *c, const tally_cvr_source *src,
                           const tally_cvr_candidate *cands, size_t n, size_t first,
                           uint32_t *col_cand, tally_error *err)
{
    if (c->n <= first)
        return tally_error_set(err, TALLY_EINVAL, src->path, 1, 1,
                               "no candidate columns: the first vote column is %zu, the header "
                               "has %zu", first + 1, c->n);
    for (size_t i = first; i < c->n; i++) {
        long k = tally_cvr_config_index(src, cands, n, c->f[i].s);
        if (k < 0)
            return tally_error_set(err, TALLY_EINVAL, src->path, c->f[i].line, c->f[i].column,
                                   "column '%s' is not a name or alias of the contest's "
                                   "candidates", c->f[i].s);
        col_cand[i] = (uint32_t)k;
    }
    return TALLY_OK;
}

static tally_status paper(csv_reader *c, const tally_cvr_source *src, size_t first,
                          const uint32_t *col_cand, const tally_cvr_mark_rules *mr,
                          tally_pool *into, tally_error *err)
{
    tally_cvr_mark marks[CSV_MAX_FIELDS];
    uint32_t prefs[CSV_MAX_FIELDS];
    size_t k = 0;
    tally_ballot_end why;
    tally_status s;

    for (size_t i = first; i < c->n; i++) {
        const char *v = c->f[i].s;
        char *end;
        long long rank;
        if (!*v)
            continue;
        rank = strtoll(v, &end, 10);
        if (*end || *v < '0' || *v > '9' || rank < 1 || rank > 1000000)
            return tally_error_set(err, TALLY_EINVAL, src->path, c->f[i].line, c->f[i].column,
                                   "a rank is a whole number from 1, or empty; not '%s'", v);
        marks[k].rank = rank;
        marks[k++].cand = col_cand[i];
    }
    k = tally_cvr_marks_prefs(marks, k, mr, prefs, &why);
    if ((s = tally_pool_add_ending(into, prefs, k, 1, why)) == TALLY_ENOMEM)
        return tally_error_set(err, TALLY_ENOMEM, src->path, 0, 0, "out of memory");
    if (s != TALLY_OK)
        return tally_error_set(err, TALLY_EINVAL, src->path, c->f[0].line, 0,
                               "too many cast vote records");
    return TALLY_OK;
}

tally_status tally_cvr_generic_read(const tally_cvr_source *src,
                                    const tally_cvr_candidate *cands, size_t n,
                                    const tally_irv_options *rules, tally_pool *into,
                                    tally_error *err)
{
    tally_cvr_mark_rules mr = { rules && rules->limit_skipped, rules ? rules->max_skipped : 0,
                                src->max_rankings };
    size_t first = src->first_vote_column > 0 ? (size_t)src->first_vote_column - 1 : 0;
    int first_row = src->first_vote_row > 0 ? src->first_vote_row : 2;
    uint32_t col_cand[CSV_MAX_FIELDS];
    size_t len = 0, width;
    char *text = NULL;
    csv_reader c;
    tally_status s;

    if ((s = tally_io_slurp(src->path, &text, &len, err)) != TALLY_OK)
        return s;
    csv_init(&c, text, len, src->path);
    if ((s = csv_next(&c, err)) == TALLY_ENOTFOUND)
        s = tally_error_set(err, TALLY_EINVAL, src->path, 1, 1, "the file is empty");
    if (s == TALLY_OK)
        s = header(&c, src, cands, n, first, col_cand, err);
    width = c.n;
    while (s == TALLY_OK && (s = csv_next(&c, err)) == TALLY_OK) {
        if (c.f[0].line < first_row)
            continue;
        if (c.n != width)
            s = tally_error_set(err, TALLY_EINVAL, src->path, c.f[0].line, c.f[0].column,
                                "%zu fields; the header has %zu", c.n, width);
        else
            s = paper(&c, src, first, col_cand, &mr, into, err);
    }
    if (s == TALLY_ENOTFOUND)
        s = TALLY_OK;
    csv_free(&c);
    tally_free(text);
    return s;
}
