/*
** Several seats by instant-runoff passes (RCTab's multiPassIrv; rules
** SEQ1-SEQ3 in irv_passes.h and docs/rules.md).
**
** Each pass counts a view of the caller's pool that differs only in which
** candidates are withdrawn: the rankings are shared, never copied, so a
** pass costs one irv count and one array of n_candidates flags.
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/irv_passes.h"

struct tally_irv_passes {
    size_t n, cap;                /* passes counted; seats */
    tally_pool *views;            /* n: the pool with earlier winners withdrawn */
    tally_method_result **results; /* n */
};

static tally_status nomem(tally_error *err)
{
    return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

tally_status tally_irv_passes_count(const tally_pool *pool, const tally_method_options *opt,
                                    int seats, tally_irv_passes **out, tally_error *err)
{
    tally_method_options mo;
    tally_irv_passes *s;
    tally_status st = TALLY_OK;

    *out = NULL;
    tally_error_clear(err);
    if (seats < 1)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "irv passes fill at least one seat, not %d", seats);
    if (opt)
        mo = *opt;
    else
        memset(&mo, 0, sizeof mo);
    mo.seats = 1; /* each pass fills one */
    if (!(s = tally_calloc(1, sizeof *s)) ||
        !(s->views = tally_calloc((size_t)seats, sizeof *s->views)) ||
        !(s->results = tally_calloc((size_t)seats, sizeof *s->results))) {
        tally_irv_passes_free(s);
        return nomem(err);
    }
    s->cap = (size_t)seats;
    for (size_t i = 0; i < (size_t)seats && st == TALLY_OK; i++) {
        tally_pool *v = &s->views[i];

        *v = *pool; /* shares the rankings (SEQ2) */
        if (!(v->withdrawn = tally_malloc(pool->n_candidates ? pool->n_candidates : 1))) {
            st = nomem(err);
            break;
        }
        memcpy(v->withdrawn, i ? s->views[i - 1].withdrawn : pool->withdrawn,
               pool->n_candidates);
        if (i)
            v->withdrawn[s->results[i - 1]->elected[0]] = 1; /* SEQ2 */
        v->seats = 1;
        s->n = i + 1;
        st = tally_irv(v, &mo, &s->results[i], err); /* SEQ1 */
        if (st == TALLY_OK && s->results[i]->n_elected == 0) {
            tally_method_result_free(s->results[i]); /* SEQ3: nothing counted */
            s->results[i] = NULL;
            s->n = i;
            break;
        }
    }
    if (st != TALLY_OK) {
        tally_irv_passes_free(s);
        return st;
    }
    *out = s;
    return TALLY_OK;
}

size_t tally_irv_passes_n(const tally_irv_passes *s)
{
    return s ? s->n : 0;
}

const tally_method_result *tally_irv_passes_get(const tally_irv_passes *s, size_t i)
{
    return s && i < s->n ? s->results[i] : NULL;
}

void tally_irv_passes_free(tally_irv_passes *s)
{
    if (!s)
        return;
    for (size_t i = 0; s->views && i < s->cap; i++) {
        if (s->results)
            tally_method_result_free(s->results[i]);
        tally_free(s->views[i].withdrawn);
    }
    tally_free(s->views);
    tally_free(s->results);
    tally_free(s);
}
