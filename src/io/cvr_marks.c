/*
** A paper's marks into preferences (cvr_marks.h), rank by rank through
** cvr_paper.h, where the skipped-rank rule is written.
*/
#include <stdlib.h>

#include "cvr_marks.h"
#include "cvr_paper.h"
#include "tally/alloc.h"

static int by_rank(const void *a, const void *b)
{
    const tally_cvr_mark *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->cand < y->cand ? -1 : x->cand > y->cand;
}

size_t tally_cvr_marks_prefs(tally_cvr_mark *marks, size_t n, const tally_cvr_mark_rules *rules,
                             uint32_t *prefs, tally_ballot_end *end)
{
    tally_irv_options reading = { .limit_skipped = rules->limit_skipped,
                                  .max_skipped = rules->max_skipped };
    cvr_paper paper;
    size_t m = 0;
    int64_t last = 0; /* the last marked rank: 0 before the first */

    for (size_t i = 0; i < n; i++) /* ranks past the ballot's last are not read */
        if (rules->max_rank <= 0 || marks[i].rank <= rules->max_rank)
            marks[m++] = marks[i];
    if (m > 1)
        qsort(marks, m, sizeof *marks, by_rank);
    /* A rank's distinct candidates are gathered where the paper will write
    ** them (prefs has room for every mark), then read as one rank: the
    ** ranks between two marked ones are blank. */
    cvr_paper_over(&paper, &reading, prefs, n);
    for (size_t i = 0, j; i < m; i = j) {
        uint32_t *group = prefs + paper.n;
        size_t k = 0;
        for (j = i; j < m && marks[j].rank == marks[i].rank; j++)
            if (j == i || marks[j].cand != marks[j - 1].cand) /* not the same mark twice */
                group[k++] = marks[j].cand;
        cvr_paper_blank(&paper, (size_t)(marks[i].rank - last - 1));
        (void)cvr_paper_mark(&paper, group, k); /* never grows: room for n */
        last = marks[i].rank;
    }
    *end = paper.end;
    return paper.n;
}

int tally_cvr_mark_add(tally_cvr_mark **marks, uint32_t **prefs, size_t *cap, size_t *n,
                       int64_t rank, uint32_t cand)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        tally_cvr_mark *m = tally_realloc(*marks, c * sizeof *m);
        uint32_t *p;
        if (m)
            *marks = m;
        if (!m || !(p = tally_realloc(*prefs, c * sizeof *p)))
            return -1;
        *prefs = p;
        *cap = c;
    }
    (*marks)[*n].rank = rank;
    (*marks)[(*n)++].cand = cand;
    return 0;
}
