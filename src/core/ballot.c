/*
** The ballot pool (include/tally/ballot.h): distinct rankings merged with
** integer weights, in one flat array of candidate indices.
*/
#include "tally/ballot.h"

#include <string.h>

#include "tally/alloc.h"

tally_status tally_pool_new(size_t n_candidates, tally_pool **out)
{
    tally_pool *p;

    *out = NULL;
    if (n_candidates < 1 || n_candidates > TALLY_POOL_MAX_CANDIDATES)
        return TALLY_ERANGE;
    if (!(p = tally_calloc(1, sizeof *p)))
        return TALLY_ENOMEM;
    p->n_candidates = n_candidates;
    p->names = tally_calloc(n_candidates, sizeof *p->names);
    p->parties = tally_calloc(n_candidates, sizeof *p->parties);
    p->withdrawn = tally_calloc(n_candidates, 1);
    if (!p->names || !p->parties || !p->withdrawn) {
        tally_pool_free(p);
        return TALLY_ENOMEM;
    }
    *out = p;
    return TALLY_OK;
}

tally_status tally_pool_grow_candidates(tally_pool *p, size_t n)
{
    char **names, **parties;
    unsigned char *withdrawn;
    size_t old = p->n_candidates;

    if (n > TALLY_POOL_MAX_CANDIDATES)
        return TALLY_ERANGE;
    if (n <= old)
        return TALLY_OK;
    /* Each array is replaced only once all three could be made, so that a
    ** failure leaves the pool as it was. */
    names = tally_calloc(n, sizeof *names);
    parties = tally_calloc(n, sizeof *parties);
    withdrawn = tally_calloc(n, 1);
    if (!names || !parties || !withdrawn) {
        tally_free(names);
        tally_free(parties);
        tally_free(withdrawn);
        return TALLY_ENOMEM;
    }
    memcpy(names, p->names, old * sizeof *names);
    memcpy(parties, p->parties, old * sizeof *parties);
    memcpy(withdrawn, p->withdrawn, old);
    tally_free(p->names);
    tally_free(p->parties);
    tally_free(p->withdrawn);
    p->names = names;
    p->parties = parties;
    p->withdrawn = withdrawn;
    p->n_candidates = n;
    return TALLY_OK;
}

void tally_pool_free(tally_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_candidates; i++) {
        if (p->names)
            tally_free(p->names[i]);
        if (p->parties)
            tally_free(p->parties[i]);
    }
    tally_free(p->names);
    tally_free(p->parties);
    tally_free(p->withdrawn);
    tally_free(p->title);
    tally_free(p->tie_order);
    tally_free(p->weights);
    tally_free(p->ends);
    tally_free(p->offsets);
    tally_free(p->prefs);
    tally_free(p->slots);
    tally_free(p);
}

tally_status tally_pool_set_candidate(tally_pool *p, size_t i, const char *name,
                                      const char *party)
{
    char *n, *pa = NULL;

    if (i >= p->n_candidates)
        return TALLY_ERANGE;
    if (!(n = tally_strdup(name ? name : "")))
        return TALLY_ENOMEM;
    if (party && !(pa = tally_strdup(party))) {
        tally_free(n);
        return TALLY_ENOMEM;
    }
    tally_free(p->names[i]);
    tally_free(p->parties[i]);
    p->names[i] = n;
    p->parties[i] = pa;
    return TALLY_OK;
}

tally_status tally_pool_set_title(tally_pool *p, const char *title)
{
    char *t = NULL;

    if (title && !(t = tally_strdup(title)))
        return TALLY_ENOMEM;
    tally_free(p->title);
    p->title = t;
    return TALLY_OK;
}

tally_status tally_pool_set_tie_order(tally_pool *p, const size_t *order, size_t n)
{
    size_t *o = NULL;

    for (size_t i = 0; i < n; i++)
        if (order[i] >= p->n_candidates)
            return TALLY_ERANGE;
    if (n > 0) {
        if (!(o = tally_malloc(n * sizeof *o)))
            return TALLY_ENOMEM;
        memcpy(o, order, n * sizeof *o);
    }
    tally_free(p->tie_order);
    p->tie_order = o;
    p->n_tie = n;
    return TALLY_OK;
}

/* FNV-1a over the entries' bytes, finished with a multiply so that the
** low bits used for the slot are well mixed. */
static uint64_t hash_ranking(const uint32_t *prefs, size_t n, unsigned end)
{
    uint64_t h = (0xcbf29ce484222325ULL ^ n) + ((uint64_t)end << 56);
    for (size_t i = 0; i < n; i++) {
        h ^= prefs[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

static size_t ranking_len(const tally_pool *p, size_t i)
{
    return p->offsets[i + 1] - p->offsets[i];
}

/* Slot holding ranking prefs[0..n) ending as end, or the empty slot where
** it would go. */
static size_t probe(const tally_pool *p, const uint32_t *prefs, size_t n, unsigned end,
                    uint64_t h)
{
    size_t mask = p->n_slots - 1;
    size_t s = (size_t)h & mask;

    for (;; s = (s + 1) & mask) {
        uint32_t r = p->slots[s];
        if (r == 0)
            return s;
        r--;
        if (ranking_len(p, r) == n && p->ends[r] == end &&
            (n == 0 || memcmp(p->prefs + p->offsets[r], prefs, n * sizeof *prefs) == 0))
            return s;
    }
}

/* Make the index hold at least twice as many slots as rankings after one
** more is added (load at most one half). */
static tally_status reserve_index(tally_pool *p)
{
    size_t want = p->n_slots ? p->n_slots : 64;
    uint32_t *old = p->slots;
    size_t old_n = p->n_slots;

    while (want < 2 * (p->n_rankings + 1))
        want *= 2;
    if (old && want == old_n)
        return TALLY_OK;
    if (!(p->slots = tally_calloc(want, sizeof *p->slots))) {
        p->slots = old;
        return TALLY_ENOMEM;
    }
    p->n_slots = want;
    for (size_t r = 0; r < p->n_rankings; r++) {
        const uint32_t *pr = p->prefs + p->offsets[r];
        size_t n = ranking_len(p, r);
        p->slots[probe(p, pr, n, p->ends[r], hash_ranking(pr, n, p->ends[r]))] =
            (uint32_t)(r + 1);
    }
    tally_free(old);
    return TALLY_OK;
}

static tally_status reserve_storage(tally_pool *p, size_t n)
{
    if (p->n_rankings + 1 > p->cap_rankings) {
        size_t cap = p->cap_rankings ? p->cap_rankings * 2 : 64;
        int64_t *w;
        unsigned char *e;
        size_t *o;
        if (!(w = tally_realloc(p->weights, cap * sizeof *w)))
            return TALLY_ENOMEM;
        p->weights = w;
        if (!(e = tally_realloc(p->ends, cap)))
            return TALLY_ENOMEM;
        p->ends = e;
        if (!(o = tally_realloc(p->offsets, (cap + 1) * sizeof *o)))
            return TALLY_ENOMEM;
        if (!p->offsets)
            o[0] = 0;
        p->offsets = o;
        p->cap_rankings = cap;
    }
    if (!p->prefs || p->offsets[p->n_rankings] + n > p->cap_prefs) {
        size_t cap = p->cap_prefs ? p->cap_prefs : 256;
        uint32_t *pr;
        while (cap < p->offsets[p->n_rankings] + n)
            cap *= 2;
        if (!(pr = tally_realloc(p->prefs, cap * sizeof *pr)))
            return TALLY_ENOMEM;
        p->prefs = pr;
        p->cap_prefs = cap;
    }
    return TALLY_OK;
}

tally_status tally_pool_add(tally_pool *p, const uint32_t *prefs, size_t n, int64_t weight)
{
    return tally_pool_add_ending(p, prefs, n, weight, TALLY_END_MARKS);
}

tally_status tally_pool_add_ending(tally_pool *p, const uint32_t *prefs, size_t n, int64_t weight,
                                   tally_ballot_end end)
{
    tally_status st;
    uint64_t h;
    size_t s, r;

    if (weight < 1 || p->total > INT64_MAX - weight)
        return TALLY_ERANGE;
    if (end != TALLY_END_MARKS && end != TALLY_END_SKIPPED && end != TALLY_END_OVERVOTE &&
        end != TALLY_END_PASSED)
        return TALLY_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (TALLY_BALLOT_CANDIDATE(prefs[i]) >= p->n_candidates ||
            (i == 0 && (prefs[i] & TALLY_BALLOT_EQUAL)))
            return TALLY_EINVAL;
    if (p->n_rankings >= UINT32_MAX - 1)
        return TALLY_ERANGE;
    if ((st = reserve_index(p)) != TALLY_OK || (st = reserve_storage(p, n)) != TALLY_OK)
        return st;

    h = hash_ranking(prefs, n, (unsigned)end);
    s = probe(p, prefs, n, (unsigned)end, h);
    if (p->slots[s]) {
        p->weights[p->slots[s] - 1] += weight;
    } else {
        r = p->n_rankings++;
        if (n > 0)
            memcpy(p->prefs + p->offsets[r], prefs, n * sizeof *prefs);
        p->offsets[r + 1] = p->offsets[r] + n;
        p->weights[r] = weight;
        p->ends[r] = (unsigned char)end;
        p->slots[s] = (uint32_t)(r + 1);
    }
    p->total += weight;
    return TALLY_OK;
}

void tally_pool_seal(tally_pool *p)
{
    tally_free(p->slots);
    p->slots = NULL;
    p->n_slots = 0;
    if (p->n_rankings == 0)
        return;
    if (p->n_rankings < p->cap_rankings) {
        int64_t *w = tally_realloc(p->weights, p->n_rankings * sizeof *w);
        size_t *o;
        if (w) {
            /* offsets and ends may stay larger than they need be; never smaller. */
            p->weights = w;
            p->cap_rankings = p->n_rankings;
            if ((o = tally_realloc(p->offsets, (p->n_rankings + 1) * sizeof *o)))
                p->offsets = o;
        }
    }
    if (p->offsets[p->n_rankings] < p->cap_prefs && p->offsets[p->n_rankings] > 0) {
        uint32_t *pr = tally_realloc(p->prefs, p->offsets[p->n_rankings] * sizeof *pr);
        if (pr) {
            p->prefs = pr;
            p->cap_prefs = p->offsets[p->n_rankings];
        }
    }
}

void tally_pool_ballot(const tally_pool *p, size_t i, tally_ballot *out)
{
    out->weight = p->weights[i];
    out->n = ranking_len(p, i);
    out->prefs = p->prefs + p->offsets[i];
    out->end = (tally_ballot_end)p->ends[i];
}
