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

typedef struct reader {
    const tally_cvr_source *src;
    const tally_cvr_candidate *cands;
    size_t n, first;        /* first: the first vote column, 0-based */
    int first_row;
    tally_cvr_mark_rules rules;
    tally_pool *into;
    uint32_t col_cand[CSV_MAX_FIELDS];
} reader;

static tally_status header(csv_reader *c, void *ctx, tally_error *err)
{
    reader *R = ctx;

    if (c->n <= R->first)
        return tally_error_set(err, TALLY_EINVAL, R->src->path, 1, 1,
                               "no candidate columns: the first vote column is %zu, the header "
                               "has %zu", R->first + 1, c->n);
    for (size_t i = R->first; i < c->n; i++) {
        long k = tally_cvr_config_index(R->src, R->cands, R->n, c->f[i].s);
        if (k < 0)
            return tally_error_set(err, TALLY_EINVAL, R->src->path, c->f[i].line,
                                   c->f[i].column, "column '%s' is not a name or alias of the "
                                   "contest's candidates", c->f[i].s);
        R->col_cand[i] = (uint32_t)k;
    }
    return TALLY_OK;
}

static tally_status row(csv_reader *c, void *ctx, tally_error *err)
{
    reader *R = ctx;
    tally_cvr_mark marks[CSV_MAX_FIELDS];
    size_t k = 0;

    if (c->f[0].line < R->first_row)
        return TALLY_OK;
    for (size_t i = R->first; i < c->n; i++) {
        const char *v = c->f[i].s;
        char *end;
        long long rank;
        if (!*v)
            continue;
        rank = strtoll(v, &end, 10);
        if (*end || *v < '0' || *v > '9' || rank < 1 || rank > 1000000)
            return tally_error_set(err, TALLY_EINVAL, R->src->path, c->f[i].line,
                                   c->f[i].column, "a rank is a whole number from 1, or empty; "
                                   "not '%s'", v);
        marks[k].rank = rank;
        marks[k++].cand = R->col_cand[i];
    }
    return tally_cvr_rows_paper(marks, k, &R->rules, R->into, R->src->path, c->f[0].line, err);
}

tally_status tally_cvr_generic_read(const tally_cvr_source *src,
                                    const tally_cvr_candidate *cands, size_t n,
                                    const tally_irv_options *rules, tally_pool *into,
                                    tally_error *err)
{
    reader R = { src, cands, n,
                 src->first_vote_column > 0 ? (size_t)src->first_vote_column - 1 : 0,
                 src->first_vote_row > 0 ? src->first_vote_row : 2,
                 { rules && rules->limit_skipped, rules ? rules->max_skipped : 0,
                   src->max_rankings },
                 into, { 0 } };

    return tally_cvr_rows(src->path, header, row, &R, err);
}
