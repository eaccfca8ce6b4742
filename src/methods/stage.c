/*
** Opening a stage of a count (src/methods/stage.h).
*/
#include "stage.h"

#include <string.h>

#include "tally/alloc.h"

tally_status tally_stage_open(tally_method_result *R, size_t *cap, size_t n, int with_elected,
                              tally_stage_kind kind, size_t subject)
{
    tally_stage *st;

    if (!tally_grow(&R->stages, cap, R->n_stages, sizeof *R->stages))
        return TALLY_ENOMEM;
    st = &R->stages[R->n_stages];
    memset(st, 0, sizeof *st);
    if (!(st->votes = tally_malloc(n * sizeof *st->votes)) ||
        (with_elected && !(st->elected = tally_malloc(n * sizeof *st->elected)))) {
        tally_free(st->votes);
        st->votes = NULL;
        return TALLY_ENOMEM;
    }
    st->kind = kind;
    st->subject = subject;
    R->n_stages++;
    return TALLY_OK;
}
