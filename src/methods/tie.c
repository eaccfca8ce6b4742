/*
** Ties by an earlier stage, looking back from the most recent or forward
** from the first, then by lot (src/methods/tie.h).
*/
#include <stdint.h>

#include "tie.h"

void tally_tie_by_order(const tally_pool *p, const size_t *set, size_t k, size_t *out,
                        tally_stage *how)
{
    size_t best = 0, best_rank = SIZE_MAX;

    for (size_t i = 0; i < k; i++) {
        size_t rank = p->n_tie + set[i]; /* unlisted: after, in ballot order */
        for (size_t t = 0; t < p->n_tie; t++)
            if (p->tie_order[t] == set[i]) {
                rank = t;
                break;
            }
        if (rank < best_rank) {
            best_rank = rank;
            best = i;
        }
    }
    how->n_tied = k > 1 ? k : 0;
    how->choice = k > 1 ? TALLY_CHOICE_ORDER : TALLY_CHOICE_CLEAR;
    *out = set[best];
}

static size_t narrow(const tally_method_result *R, size_t *set, size_t k, int highest,
                     int earliest, tally_stage *how)
{
    /* The equality is at the end of the last stage; look before it. */
    size_t before = R->n_stages ? R->n_stages - 1 : 0;

    how->choice = TALLY_CHOICE_CLEAR;
    how->n_tied = k > 1 ? k : 0;
    for (size_t step = 0; k > 1 && step < before; step++) {
        size_t j = earliest ? step : before - 1 - step;
        const int64_t *v = R->stages[j].votes;
        int64_t best = v[set[0]];
        size_t m = 0;
        for (size_t i = 1; i < k; i++)
            if (highest ? v[set[i]] > best : v[set[i]] < best)
                best = v[set[i]];
        for (size_t i = 0; i < k; i++)
            if (v[set[i]] == best)
                set[m++] = set[i];
        if (m == 1) {
            how->choice = TALLY_CHOICE_PRECEDING;
            how->choice_stage = j + 1;
        }
        k = m;
    }
    return k;
}

size_t tally_tie_recent_narrow(const tally_method_result *R, size_t *set, size_t k, int highest,
                               tally_stage *how)
{
    return narrow(R, set, k, highest, 0, how);
}

static tally_status decide(tally_method_result *R, tally_lot *lot, size_t *set, size_t k,
                           int highest, int earliest, size_t *out, tally_stage *how,
                           tally_error *err)
{
    k = narrow(R, set, k, highest, earliest, how);
    if (k > 1) {
        if (!R->has_seed)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "%zu candidates are equal at every stage and a lot must "
                                   "decide between them at stage %zu: give a seed",
                                   k, R->n_stages + 1);
        set[0] = set[tally_lot_draw(lot, k)];
        how->choice = TALLY_CHOICE_LOT;
        R->n_lots++;
    }
    *out = set[0];
    return TALLY_OK;
}

tally_status tally_tie_recent(tally_method_result *R, tally_lot *lot, size_t *set, size_t k,
                              int highest, size_t *out, tally_stage *how, tally_error *err)
{
    return decide(R, lot, set, k, highest, 0, out, how, err);
}

tally_status tally_tie_earliest(tally_method_result *R, tally_lot *lot, size_t *set, size_t k,
                                int highest, size_t *out, tally_stage *how, tally_error *err)
{
    return decide(R, lot, set, k, highest, 1, out, how, err);
}
