/*
** Clear Ballot ClearVote cast vote records: one CSV, a row per ballot, read
** as RCTab reads them (cvr_provider.h).
**
** The header names each choice column
**     Choice_<id>:<contest>:<rank>:<vote for>:<candidate>:<party>
** and a ballot's cell holds 1 where the voter marked that candidate at that
** rank, 0 (or nothing) where not. Only the columns of the source's
** contestId are read; the other columns (RowNumber, BoxID, BallotID,
** PrecinctID, Status, ...) are passed over. Every row is a paper of the
** contest, with no mark a blank one. The candidate is matched to the
** configuration's names and aliases, or is the undeclared write-in label.
** The marks of a paper become preferences by cvr_marks.h.
**
** Limits: at most CSV_MAX_FIELDS (128) columns (csv.h), so an export of
** many contests must be cut to the contest's columns first; the Status
** and Remade columns are not consulted (RCTab's test export has every
** ballot at Status 0).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "cvr_marks.h"
#include "cvr_provider.h"

typedef struct column {
    int64_t rank;       /* 0: not the contest's */
    uint32_t cand;
} column;

/* Split a choice header at its colons: the contest, rank and candidate.
** Returns 0 when the header is not a choice column. */
static int choice(char *h, char **contest, char **rank, char **cand)
{
    char *part[6];
    int k = 0;

    if (strncmp(h, "Choice_", 7) != 0)
        return 0;
    part[k++] = h;
    for (char *p = h; *p && k < 6; p++)
        if (*p == ':') {
            *p = '\0';
            part[k++] = p + 1;
        }
    if (k < 5)
        return 0;
    *contest = part[1];
    *rank = part[2];
    *cand = part[4];
    return 1;
}

typedef struct reader {
    const tally_cvr_source *src;
    const tally_cvr_candidate *cands;
    size_t n;
    tally_cvr_mark_rules rules;
    tally_pool *into;
    column cols[CSV_MAX_FIELDS];
} reader;

static tally_status header(csv_reader *c, void *ctx, tally_error *err)
{
    reader *R = ctx;
    const tally_cvr_source *src = R->src;
    size_t n_read = 0;

    for (size_t i = 0; i < c->n; i++) {
        char *contest, *rank, *cand, *end;
        column *col = &R->cols[i];
        long k;
        col->rank = 0;
        if (!choice(c->f[i].s, &contest, &rank, &cand) || strcmp(contest, src->contest_id) != 0)
            continue;
        col->rank = strtoll(rank, &end, 10);
        if (*end || col->rank < 1)
            return tally_error_set(err, TALLY_EINVAL, src->path, c->f[i].line, c->f[i].column,
                                   "the rank of a choice column must be a whole number from "
                                   "1, not '%s'", rank);
        if ((k = tally_cvr_config_index(src, R->cands, R->n, cand)) < 0)
            return tally_error_set(err, TALLY_EINVAL, src->path, c->f[i].line, c->f[i].column,
                                   "candidate '%s' is not a name or alias of the contest's "
                                   "candidates", cand);
        col->cand = (uint32_t)k;
        n_read++;
    }
    if (n_read == 0)
        return tally_error_set(err, TALLY_EINVAL, src->path, 1, 1,
                               "no choice column of contest '%s'", src->contest_id);
    return TALLY_OK;
}

static tally_status row(csv_reader *c, void *ctx, tally_error *err)
{
    reader *R = ctx;
    tally_cvr_mark marks[CSV_MAX_FIELDS];
    size_t k = 0;

    for (size_t i = 0; i < c->n; i++) {
        const char *v = c->f[i].s;
        if (R->cols[i].rank == 0 || !*v || strcmp(v, "0") == 0)
            continue;
        if (strcmp(v, "1") != 0)
            return tally_error_set(err, TALLY_EINVAL, R->src->path, c->f[i].line,
                                   c->f[i].column, "a choice is 1 (marked) or 0, not '%s'", v);
        marks[k].rank = R->cols[i].rank;
        marks[k++].cand = R->cols[i].cand;
    }
    return tally_cvr_rows_paper(marks, k, &R->rules, R->into, R->src->path, c->f[0].line, err);
}

tally_status tally_cvr_clearballot_read(const tally_cvr_source *src,
                                        const tally_cvr_candidate *cands, size_t n,
                                        const tally_irv_options *rules, tally_pool *into,
                                        tally_error *err)
{
    reader R = { src, cands, n,
                 { rules && rules->limit_skipped, rules ? rules->max_skipped : 0,
                   src->max_rankings },
                 into, { { 0, 0 } } };

    if (!src->contest_id || !*src->contest_id)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "a Clear Ballot source needs the contest's name as its contestId");
    return tally_cvr_rows(src->path, header, row, &R, err);
}
