/*
** Seats won, gained and lost by party (include/tally/seats.h), counted as
** the House of Commons Library counts seats that changed hands (CBP 8749).
** Hold or gain is the result's own (result.c), never decided again here.
*/
#include "tally/seats.h"

#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"

void tally_seats_free(tally_seats *s)
{
    if (!s)
        return;
    tally_free(s->parties);
    tally_free(s);
}

static const char *winner_key(const tally_result *r, size_t index)
{
    const tally_candidate *c = &r->election->candidates[index];
    return c->previous_key ? c->previous_key : tally_result_party_code(r, index);
}

static tally_seats_party *party(tally_seats *s, const char *key)
{
    for (size_t i = 0; i < s->n_parties; i++)
        if (strcmp(s->parties[i].key, key) == 0)
            return &s->parties[i];
    /* parties has room for every winner and every previous holder. */
    s->parties[s->n_parties] = (tally_seats_party){ key, 0, 0, 0 };
    return &s->parties[s->n_parties++];
}

static int by_seats(const void *a, const void *b)
{
    const tally_seats_party *x = a, *y = b;
    if (x->seats != y->seats)
        return x->seats > y->seats ? -1 : 1;
    if (x->gains != y->gains)
        return x->gains > y->gains ? -1 : 1;
    return strcmp(x->key, y->key);
}

tally_status tally_seats_compute(const tally_result *const *results, size_t n,
                                 tally_seats **out, tally_error *err)
{
    size_t cap = 0, i, j;
    tally_seats *s;

    *out = NULL;
    for (i = 0; i < n; i++)
        cap += results[i]->n_winners + 1;
    s = tally_calloc(1, sizeof *s);
    if (s)
        s->parties = tally_calloc(cap ? cap : 1, sizeof *s->parties);
    if (!s || !s->parties) {
        tally_seats_free(s);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        const tally_result *r = results[i];
        for (j = 0; j < r->n_winners; j++)
            party(s, winner_key(r, r->winners[j]))->seats++;
        if (!r->outcome)
            continue;
        s->compared++;
        if (r->gain) {
            party(s, winner_key(r, r->winners[0]))->gains++;
            party(s, r->previous_winner_key)->losses++;
        }
    }
    s->results = n;
    qsort(s->parties, s->n_parties, sizeof *s->parties, by_seats);
    *out = s;
    return TALLY_OK;
}

const tally_seats_party *tally_seats_find(const tally_seats *s, const char *key)
{
    for (size_t i = 0; i < s->n_parties; i++)
        if (strcmp(s->parties[i].key, key) == 0)
            return &s->parties[i];
    return NULL;
}
