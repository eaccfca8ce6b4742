/*
** A paper's marks into preferences (cvr_marks.h).
*/
#include <stdlib.h>

#include "cvr_marks.h"

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
    size_t k = 0, m = 0;
    int64_t last = 0; /* the last rank read: 0 before the first */

    *end = TALLY_END_MARKS;
    for (size_t i = 0; i < n; i++) /* ranks past the ballot's last are not read */
        if (rules->max_rank <= 0 || marks[i].rank <= rules->max_rank)
            marks[m++] = marks[i];
    if (m > 1)
        qsort(marks, m, sizeof *marks, by_rank);
    for (size_t i = 0; i < m; i++) {
        int same_rank = i > 0 && marks[i].rank == marks[i - 1].rank;
        if (same_rank && marks[i].cand == marks[i - 1].cand)
            continue; /* the same mark twice */
        if (!same_rank && rules->limit_skipped && marks[i].rank - last - 1 > rules->max_skipped) {
            *end = TALLY_END_SKIPPED;
            break;
        }
        prefs[k] = marks[i].cand | (same_rank && k > 0 ? TALLY_BALLOT_EQUAL : 0);
        last = marks[i].rank;
        k++;
    }
    return k;
}
