/*
** Seats won, gained and lost by party (include/tally/seats.h), counted as
** the House of Commons Library counts seats that changed hands (CBP 8749).
** Hold or gain is the result's own (result.c), never decided again here.
*/
#include "tally/seats.h"

#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/num.h"

void tally_seats_free(tally_seats *s)
{
    if (!s)
        return;
    tally_free(s->parties);
    tally_free(s);
}

const char *tally_seats_key(const tally_result *r, size_t index)
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
    s->parties[s->n_parties] = (tally_seats_party){ key, 0, 0, 0, 0, 0 };
    return &s->parties[s->n_parties++];
}

static int by_seats(const void *a, const void *b)
{
    const tally_seats_party *x = a, *y = b;
    if (x->seats != y->seats)
        return x->seats > y->seats ? -1 : 1;
    if (x->votes != y->votes)
        return x->votes > y->votes ? -1 : 1;
    return strcmp(x->key, y->key);
}

tally_status tally_seats_compute(const tally_result *const *results, size_t n,
                                 tally_seats **out, tally_error *err)
{
    size_t cap = 0, i, j;
    tally_seats *s;

    *out = NULL;
    for (i = 0; i < n; i++)
        cap += results[i]->n_candidates + 1 +
               (results[i]->election->previous ? results[i]->election->previous->n_parties : 0);
    s = tally_calloc(1, sizeof *s);
    if (s)
        s->parties = tally_calloc(cap ? cap : 1, sizeof *s->parties);
    if (!s || !s->parties) {
        tally_seats_free(s);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        const tally_result *r = results[i];
        const tally_previous *pv = r->election->previous;
        for (j = 0; j < r->n_candidates; j++) {
            int64_t v = tally_result_declared_votes(r, j);
            if (v != TALLY_NONE)
                party(s, tally_seats_key(r, j))->votes += v;
        }
        s->valid_votes += r->votes_cast;
        if (pv) {
            int64_t t = 0;
            for (j = 0; j < pv->n_parties; j++) {
                party(s, pv->parties[j].key)->previous_votes += pv->parties[j].votes;
                t += pv->parties[j].votes;
            }
            s->previous_valid_votes += pv->valid_votes != TALLY_NONE ? pv->valid_votes : t;
        }
        for (j = 0; j < r->n_winners; j++)
            party(s, tally_seats_key(r, r->winners[j]))->seats++;
        if (!r->outcome)
            continue;
        s->compared++;
        if (r->gain) {
            party(s, tally_seats_key(r, r->winners[0]))->gains++;
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

tally_status tally_seats_share(const tally_seats *s, const tally_seats_party *p, int64_t scale,
                               int64_t *out)
{
    if (s->valid_votes <= 0)
        return TALLY_ENOTFOUND;
    return tally_num_round_ratio(p->votes, s->valid_votes, scale, out);
}

/* v1/t1 - v0/t0 = (v1*t0 - v0*t1) / (t1*t0), exactly. */
tally_status tally_seats_change(const tally_seats *s, const tally_seats_party *p, int64_t scale,
                                int64_t *out)
{
    tally_i128 t1 = s->valid_votes, t0 = s->previous_valid_votes;
    if (t1 <= 0 || t0 <= 0)
        return TALLY_ENOTFOUND;
    return tally_num_round_ratio128((tally_i128)p->votes * t0 - (tally_i128)p->previous_votes * t1,
                                    t1 * t0, scale, out);
}

tally_status tally_seats_swing(const tally_seats *s, int64_t scale, const tally_seats_party **from,
                               const tally_seats_party **to, int64_t *swing)
{
    const tally_seats_party *a = NULL, *b = NULL;

    for (size_t i = 0; i < s->n_parties; i++) {
        const tally_seats_party *p = &s->parties[i];
        if (!a || p->votes > a->votes) {
            b = a;
            a = p;
        } else if (!b || p->votes > b->votes) {
            b = p;
        }
    }
    if (!a || !b)
        return TALLY_ENOTFOUND;
    return tally_seats_swing_between(s, a, b, scale, from, to, swing);
}

/* ((B1 - B0) - (A1 - A0)) / 2 = ((B1 - A1) * t0 - (B0 - A0) * t1) / (2 * t1 * t0). */
tally_status tally_seats_swing_between(const tally_seats *s, const tally_seats_party *a,
                                       const tally_seats_party *b, int64_t scale,
                                       const tally_seats_party **from,
                                       const tally_seats_party **to, int64_t *swing)
{
    tally_i128 t1 = s->valid_votes, t0 = s->previous_valid_votes, num;
    int64_t v;
    tally_status st;

    if (b->votes > a->votes) {
        const tally_seats_party *t = a;
        a = b;
        b = t;
    }
    if (t1 <= 0 || t0 <= 0)
        return TALLY_ENOTFOUND;
    num = ((tally_i128)b->votes - a->votes) * t0 -
          ((tally_i128)b->previous_votes - a->previous_votes) * t1;
    if ((st = tally_num_round_ratio128(num, 2 * t1 * t0, scale, &v)) != TALLY_OK)
        return st;
    *from = v >= 0 ? a : b;
    *to = v >= 0 ? b : a;
    *swing = v >= 0 ? v : -v;
    return TALLY_OK;
}
