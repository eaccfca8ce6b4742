/*
** ES&S cast vote records (tally_cvr_ess_read, cvr_provider.h): the spreadsheet ES&S's Electionware
** exports for a ranked-choice contest, read as RCTab reads it (its
** StreamingCvrReader and cvrFileSources settings):
**
**   Cast Vote Record | Precinct | Choice 1 | Choice 2 | Choice 3    row 1
**   1                | P-01     | Brabin   | undervote| Golton      a paper
**   2                | P-01     | overvote | Brabin   |             a paper
**
**   - the first worksheet (xlsx.h); every row from first_vote_row (1-based;
**     0: 2, one header row) is one paper, rows before it are read past;
**   - rank columns: first_vote_column (1-based, required) on, max_rankings
**     of them (0: every column from there);
**   - id_column, when given, must hold a value in every paper's row (RCTab
**     refuses a record without one); precinct_column and batch_column are
**     read past;
**   - a rank cell, spaces (and other characters up to U+0020) trimmed, is
**     a candidate's name or alias (cvr_provider.h); the skipped_label (RCTab's
**     undervoteLabel): a blank rank; the overvote_label: an overvote not
**     named; the uwi_label: the undeclared write-in; with an
**     overvote_delimiter, several of those split by it: an overvote named
**     (each part trimmed; none may be blank or the skipped label; the
**     overvote label among them makes it an unnamed one);
**   - a cell that is absent or empty is a blank rank; with blank_is_uwi, an
**     undeclared write-in (RCTab's treatBlankAsUndeclaredWriteIn).
** What the marks then mean (blank ranks, overvotes, repeats) is
** cvr_paper.h's, the same rules as every other CVR reader.
**
** Limits: blank_is_uwi needs max_rankings (without it a row's trailing
** blank ranks cannot be told from the end of the rank columns); an empty
** cell is blank, where RCTab would look its empty text up as a name; a
** trailing delimiter ("A|") is refused, where RCTab drops the empty part.
**
** Bad input: TALLY_EINVAL naming the file and the cell (row and column as
** err's line and column, and "B7" in the message).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cvr_paper.h"
#include "cvr_provider.h"
#include "tally/alloc.h"
#include "xlsx.h"

typedef struct ess {
    const tally_cvr_source *src;
    const tally_cvr_candidate *cands;
    size_t n;
    tally_pool *into;
    tally_error *err;
    int first_row, first_col, last_col; /* last_col 0: no end */
    cvr_paper paper;
    uint32_t *group;
    size_t group_cap;
    char *part;
    size_t part_cap;
} ess;

static tally_status nomem(ess *E)
{
    return tally_error_set(E->err, TALLY_ENOMEM, E->src->path, 0, 0, "out of memory");
}

/* A fault at a cell (xlsx.h). */
#define bad_cell(E, row, col, ...)                                                            \
    xlsx_cell_fault((E)->err, (E)->src->path, row, col, __VA_ARGS__)

static int is_label(const char *label, const char *s, size_t n)
{
    return label && *label && strlen(label) == n && memcmp(label, s, n) == 0;
}

/* Characters up to U+0020 at either end are not part of a name (Java's
** trim, as RCTab reads a cell). */
static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (unsigned char)**s <= ' ') {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && (unsigned char)(*s)[*n - 1] <= ' ')
        (*n)--;
}

/* `ranks` absent or empty rank cells. */
static tally_status blanks(ess *E, size_t ranks)
{
    uint32_t uwi = (uint32_t)E->n;

    if (!E->src->blank_is_uwi) {
        cvr_paper_blank(&E->paper, ranks);
        return TALLY_OK;
    }
    for (size_t i = 0; i < ranks; i++)
        if (cvr_paper_mark(&E->paper, &uwi, 1) != TALLY_OK)
            return nomem(E);
    return TALLY_OK;
}

/* The candidate a part of a cell names, into E->group[*k]. */
static tally_status name(ess *E, int row, int col, const char *s, size_t n, size_t *k)
{
    long c;

    while (E->part_cap < n + 1)
        if (!tally_grow(&E->part, &E->part_cap, E->part_cap, 1))
            return nomem(E);
    if (!tally_grow(&E->group, &E->group_cap, *k, sizeof *E->group))
        return nomem(E);
    memcpy(E->part, s, n);
    E->part[n] = '\0';
    if ((c = tally_cvr_config_index(E->src, E->cands, E->n, E->part)) < 0)
        return bad_cell(E, row, col, "'%.100s' is not a name or alias of the contest's "
                        "candidates", E->part);
    if (cvr_paper_has(E->group, *k, (uint32_t)c))
        return bad_cell(E, row, col, "'%.100s' is named twice in one rank", E->part);
    E->group[(*k)++] = (uint32_t)c;
    return TALLY_OK;
}

static tally_status rank_cell(ess *E, int row, int col, const char *text)
{
    const tally_cvr_source *S = E->src;
    const char *s = text, *delim = S->overvote_delimiter;
    size_t n = strlen(text), dl = delim ? strlen(delim) : 0, k = 0, parts = 0;
    int unnamed = 0;
    tally_status st;

    trim(&s, &n);
    if (n == 0)
        return blanks(E, 1);
    for (;;) {
        const char *part = s, *end = NULL;
        size_t m = n;
        if (dl)
            for (size_t i = 0; i + dl <= n && !end; i++)
                if (memcmp(s + i, delim, dl) == 0)
                    end = s + i;
        if (end)
            m = (size_t)(end - s);
        parts++;
        trim(&part, &m);
        if ((end || parts > 1) && (m == 0 || is_label(S->skipped_label, part, m)))
            return bad_cell(E, row, col, "a rank of several marks split by '%s' has a blank "
                            "or skipped one", delim);
        if (is_label(S->skipped_label, part, m))
        {
            cvr_paper_blank(&E->paper, 1); /* an undervote, never a write-in */
            return TALLY_OK;
        }
        if (is_label(S->overvote_label, part, m))
            unnamed = 1;
        else if ((st = name(E, row, col, part, m, &k)) != TALLY_OK)
            return st;
        if (!end)
            break;
        n -= (size_t)(end - s) + dl;
        s = end + dl;
    }
    if (unnamed) {
        cvr_paper_overvote(&E->paper);
        return TALLY_OK;
    }
    return cvr_paper_mark(&E->paper, E->group, k) == TALLY_OK ? TALLY_OK : nomem(E);
}

static tally_status on_row(void *ctx, int row, const xlsx_cell *cells, size_t n)
{
    ess *E = ctx;
    const tally_cvr_source *S = E->src;
    int next = E->first_col, have_id = 0;
    tally_status st;

    if (row < E->first_row)
        return TALLY_OK;
    cvr_paper_begin(&E->paper);
    for (size_t i = 0; i < n; i++) {
        int c = cells[i].col;
        if (c == S->id_column)
            have_id = 1;
        if (c < E->first_col || (E->last_col && c > E->last_col))
            continue;
        if ((st = blanks(E, (size_t)(c - next))) != TALLY_OK ||
            (st = rank_cell(E, row, c, cells[i].text)) != TALLY_OK)
            return st;
        next = c + 1;
    }
    if (E->last_col && next <= E->last_col &&
        (st = blanks(E, (size_t)(E->last_col - next + 1))) != TALLY_OK)
        return st;
    if (S->id_column > 0 && !have_id)
        return bad_cell(E, row, S->id_column, "no cast vote record ID in the ID column");
    switch (tally_pool_add_ending(E->into, E->paper.prefs, E->paper.n, 1, E->paper.end)) {
    case TALLY_OK: return TALLY_OK;
    case TALLY_ENOMEM: return nomem(E);
    default: return bad_cell(E, row, 1, "more ballots than tally can count");
    }
}

tally_status tally_cvr_ess_read(const tally_cvr_source *src, const tally_cvr_candidate *cands,
                                size_t n_candidates, const tally_irv_options *rules,
                                tally_pool *into, tally_error *err)
{
    ess E;
    tally_status st;

    if (src->first_vote_column < 1)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "an ES&S source needs its first vote column (1 for A)");
    if (src->blank_is_uwi && src->max_rankings < 1)
        return tally_error_set(err, TALLY_EINVAL, src->path, 0, 0,
                               "blank cells as undeclared write-ins need the number of rank "
                               "columns (max_rankings)");
    memset(&E, 0, sizeof E);
    E.src = src;
    E.cands = cands;
    E.n = n_candidates;
    E.into = into;
    E.err = err;
    E.first_row = src->first_vote_row > 0 ? src->first_vote_row : 2;
    E.first_col = src->first_vote_column;
    E.last_col = src->max_rankings > 0 ? src->first_vote_column + src->max_rankings - 1 : 0;
    cvr_paper_init(&E.paper, rules);
    st = xlsx_read(src->path, on_row, &E, err);
    cvr_paper_free(&E.paper);
    tally_free(E.group);
    tally_free(E.part);
    return st;
}
