/*
** ERS97 STV: the Electoral Reform Society's rules, "How to conduct an
** election by the single transferable vote", 3rd edition (1997), section 5
** (the count) and section 6 (the glossary). OpenSTV 1.7's "ERS97 STV"
** (validated by its author against eSTV) is the reference implementation;
** ../shared/data/stv/ers97 has its report of the ERS's model election. In
** short:
**
**   5.1.6  quota = total valid vote / (seats + 1), to two places, rounded
**          up (an exact result stands)
**   5.1.7  deemed elected, in descending order of votes: a candidate at
**          the quota, or at the total active vote / (places unfilled + 1)
**          where that is less (5.3.13 and 5.4.9 the same after a transfer)
**   5.2.2  the largest surplus is transferred, unless the surpluses
**          together do not exceed the gap 5.2.5 needs: then deferred
**   5.2.3  equal surpluses: the candidate with more votes at the first
**          stage, or at the earliest point after a batch where they
**          differed; else by lot
**   5.2.5  exclude as many of the lowest together as possible, provided
**          (a) enough remain to fill the places and (b) their votes with
**          the deferred surpluses do not exceed the next candidate's; ties
**          for exclusion as 5.2.3, fewest votes
**   5.3    a surplus from the first stage moves all the candidate's papers,
**          a later one only the last batch received; each transferable
**          paper at surplus / transferable papers, to two places, ignoring
**          the remainder (the non-transferable difference), unless their
**          value does not exceed the surplus: then at its present value
**   5.4    an excluded candidate's papers move in batches, highest value
**          first, each batch a sub-stage after which candidates are deemed
**          elected (and get no more papers, 5.4.10)
**   5.4.8  while no one is deemed elected, papers going non-transferable
**          lower the quota: recalculated without them
**   5.5.1  a proposed exclusion that would leave as many continuing
**          candidates as places: they are all deemed elected
**   5.5.2  every place filled: no more transfers
**   5.6.2  more candidates at the quota than places: the most votes; equal
**          ones by the earliest point where they differed, and none of
**          those equal at every point at that stage
**
** Units: votes are int64 counts of 0.01 (the result's places are 2), the
** precision the rules fix; values and transfers are exact in them. A
** ranking's papers travel together at one value; batches are lists of
** rankings. Non-transferable papers are "exhausted"; the non-transferable
** difference of 5.3.7 is "lost" (the rules add both to the
** non-transferable vote). Every stage reconciles exactly.
**
** Stages are the rules' stages (6.16); the batches of an exclusion are
** points inside a stage, kept for ties ("after the transfer of a batch of
** papers") and not reported. A tie decided at such a point names the
** stage holding it.
**
** Where OpenSTV and the text differ, and what this file does:
**   - 5.5.1: OpenSTV transfers the proposed exclusion and then elects the
**     rest (and never a continuing candidate with no votes); here the
**     rest are deemed elected at the end of the stage before, as the rule
**     says, with nothing transferred;
**   - 5.2.5 ties: OpenSTV only excludes equal candidates all together or
**     not at all (except once, at the first exclusion, for candidates
**     with no votes); here the boundary may fall inside a group of equal
**     candidates, those excluded chosen by the tie rule, as (b) allows;
**   - 5.6.2: OpenSTV breaks a tie that remains at every point by lot;
**     here none of those candidates is deemed elected at that stage;
**   - invalid papers (6.9): no first preference, or a first preference for
**     two candidates at once; a later position marked for two or more
**     candidates ends the paper there (6.10), as scottish-stv reads it.
** A surplus includes that of a continuing candidate over the quota who
** could not be elected (5.6.2), as OpenSTV counts it.
**
** Limits: the points kept for ties cost n_candidates x 8 bytes each (one
** per stage and per batch value of an exclusion).
*/
#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/method.h"
#include "tally/num.h"
#include "stage.h"

#define UNIT INT64_C(100) /* one vote in 0.01 */

enum { CONTINUING, ELECTED, EXCLUDED, WITHDRAWN };

typedef struct plist {
    uint32_t *r;          /* rankings held */
    size_t n, cap;
    size_t last_batch;    /* where the last batch begins in r */
    uint64_t batch_id;    /* the transfer that began it */
} plist;

typedef struct ers {
    const tally_pool *pool;
    tally_method_result *res;
    tally_error *err;
    size_t n;
    unsigned char *state;
    unsigned char *pending;   /* elected, surplus not yet transferred */
    int64_t *total;
    int64_t *value;           /* per ranking: the value of one paper */
    uint32_t *pos;            /* per ranking: next preference from here */
    plist *papers;
    int64_t quota, exhausted, lost;
    size_t continuing, n_elected;
    uint64_t transfer;        /* the transfer (batch) being made */
    int64_t **points;         /* totals after each batch, for ties */
    size_t *point_stage;      /* the stage (1-based) of each point */
    size_t n_points, cap_points;
    size_t *list, *list2;     /* scratch, n each */
    size_t cap_stages;
    tally_lot lot;
} ers;

static tally_status nomem(ers *E)
{
    return tally_error_set(E->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Ranking r's next available preference (6.10) from pos[r], or -1; moves
** pos[r] past it only when advance is set. */
static long next_pref(ers *E, size_t r, int advance)
{
    const tally_pool *p = E->pool;
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t n = p->offsets[r + 1] - p->offsets[r], i = E->pos[r];

    while (i < n) {
        size_t j = i + 1, marked = 0, c = 0;
        while (j < n && (pr[j] & TALLY_BALLOT_EQUAL))
            j++;
        for (size_t k = i; k < j; k++)
            if (E->state[TALLY_BALLOT_CANDIDATE(pr[k])] != WITHDRAWN) {
                c = TALLY_BALLOT_CANDIDATE(pr[k]);
                marked++;
            }
        if (marked > 1)
            break; /* uncertain: the paper ends here */
        i = j;
        if (marked == 1 && E->state[c] == CONTINUING) {
            if (advance)
                E->pos[r] = (uint32_t)i;
            return (long)c;
        }
    }
    if (advance)
        E->pos[r] = (uint32_t)n;
    return -1;
}

/* Credit ranking r's papers to c, in c's batch of the current transfer. */
static tally_status give(ers *E, size_t c, size_t r)
{
    plist *l = &E->papers[c];

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        uint32_t *nr = tally_realloc(l->r, cap * sizeof *nr);
        if (!nr)
            return nomem(E);
        l->r = nr;
        l->cap = cap;
    }
    if (l->n == 0 || l->batch_id != E->transfer) {
        l->last_batch = l->n;
        l->batch_id = E->transfer;
    }
    l->r[l->n++] = (uint32_t)r;
    E->total[c] += E->pool->weights[r] * E->value[r];
    return TALLY_OK;
}

/* A point after a batch: every candidate's votes, for 5.2.3 and 5.2.5. */
static tally_status add_point(ers *E)
{
    int64_t *v;

    if (E->n_points == E->cap_points) {
        size_t cap = E->cap_points ? E->cap_points * 2 : 16;
        int64_t **np = tally_realloc(E->points, cap * sizeof *np);
        size_t *ns;
        if (!np)
            return nomem(E);
        E->points = np;
        if (!(ns = tally_realloc(E->point_stage, cap * sizeof *ns)))
            return nomem(E);
        E->point_stage = ns;
        E->cap_points = cap;
    }
    if (!(v = tally_malloc(E->n * sizeof *v)))
        return nomem(E);
    memcpy(v, E->total, E->n * sizeof *v);
    E->points[E->n_points] = v;
    E->point_stage[E->n_points] = E->res->n_stages;
    E->n_points++;
    return TALLY_OK;
}

/* Of set[0..k) (equal votes now), the one with the most (or fewest) votes
** at the first point, or the earliest after it, where they differed
** (5.2.3, 5.2.5, 5.6.2), narrowing as OpenSTV's "forward" rule does. With
** lot set, a tie at every point goes to a lot; without, *out is SIZE_MAX.
** The stage's choice is recorded in how. */
static tally_status choose(ers *E, size_t *set, size_t k, int most, int lot, size_t *out,
                           tally_stage *how)
{
    tally_method_result *R = E->res;

    how->choice = TALLY_CHOICE_CLEAR;
    how->n_tied = k > 1 ? k : 0;
    /* The equality is at the latest point; look at those before it. */
    for (size_t j = 0; k > 1 && j + 1 < E->n_points; j++) {
        const int64_t *v = E->points[j];
        int64_t best = v[set[0]];
        size_t m = 0;
        for (size_t i = 1; i < k; i++)
            if (most ? v[set[i]] > best : v[set[i]] < best)
                best = v[set[i]];
        for (size_t i = 0; i < k; i++)
            if (v[set[i]] == best)
                set[m++] = set[i];
        if (m == 1) {
            how->choice = TALLY_CHOICE_PRECEDING;
            how->choice_stage = E->point_stage[j];
        }
        k = m;
    }
    if (k > 1) {
        if (!lot) {
            *out = SIZE_MAX;
            return TALLY_OK;
        }
        if (!R->has_seed)
            return tally_error_set(E->err, TALLY_EINVAL, NULL, 0, 0,
                                   "%zu candidates are equal at every point and a lot must "
                                   "decide between them at stage %zu: give a seed",
                                   k, R->n_stages + 1);
        set[0] = set[tally_lot_draw(&E->lot, k)];
        how->choice = TALLY_CHOICE_LOT;
        R->n_lots++;
    }
    *out = set[0];
    return TALLY_OK;
}

static tally_stage *last_stage(ers *E)
{
    return &E->res->stages[E->res->n_stages - 1];
}

static tally_status open_stage(ers *E, tally_stage_kind kind, size_t subject)
{
    if (tally_stage_open(E->res, &E->cap_stages, E->n, 1, kind, subject) != TALLY_OK)
        return nomem(E);
    return TALLY_OK;
}

/* The stage's figures as they stand, and its elected list in ballot
** order. */
static void record(ers *E)
{
    tally_method_result *R = E->res;
    tally_stage *st = last_stage(E);

    for (size_t c = 0; c < E->n; c++) {
        int gone = E->state[c] == WITHDRAWN ||
                   (E->state[c] == EXCLUDED && R->candidates[c].stage < R->n_stages);
        st->votes[c] = gone ? TALLY_NONE : E->total[c];
    }
    st->exhausted = E->exhausted;
    st->lost = E->lost;
    st->quota = E->quota;
    st->n_elected = 0;
    for (size_t c = 0; c < E->n; c++)
        if (R->candidates[c].fate == TALLY_FATE_ELECTED && R->candidates[c].stage == R->n_stages)
            st->elected[st->n_elected++] = c;
}

/* Deem list[0..k) elected, in descending order of votes (then ballot
** order). */
static void deem_elected(ers *E, size_t *list, size_t k, int last_vacancy)
{
    tally_method_result *R = E->res;

    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && E->total[list[j]] > E->total[list[j - 1]]; j--) {
            size_t t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
    for (size_t i = 0; i < k; i++) {
        size_t c = list[i];
        E->state[c] = ELECTED;
        E->pending[c] = E->total[c] > E->quota;
        E->continuing--;
        E->n_elected++;
        R->candidates[c].fate = TALLY_FATE_ELECTED;
        R->candidates[c].stage = R->n_stages;
        R->candidates[c].last_vacancy = last_vacancy;
        R->elected[R->n_elected++] = c;
    }
}

static int64_t ceil_div(int64_t a, int64_t b)
{
    return a / b + (a % b != 0);
}

/* 6.20: votes of continuing candidates, of excluded ones still holding
** papers, and surpluses awaiting transfer. */
static int64_t total_active(ers *E)
{
    int64_t t = 0;

    for (size_t c = 0; c < E->n; c++) {
        if (E->state[c] == CONTINUING || E->state[c] == EXCLUDED)
            t += E->total[c];
        else if (E->pending[c] && E->total[c] > E->quota)
            t += E->total[c] - E->quota;
    }
    return t;
}

/* 5.6.2: of set[0..*k) (more than left), the left with most votes; at the
** cut, those first unequal at the earliest point; none of those equal at
** every point. */
static tally_status cut_to_places(ers *E, size_t *set, size_t *k, size_t left)
{
    size_t above = 0, m = 0, take;
    size_t *group, *tmp;
    int64_t cut;
    tally_status st = TALLY_OK;

    for (size_t i = 1; i < *k; i++) /* votes down, then ballot order */
        for (size_t j = i; j > 0 && E->total[set[j]] > E->total[set[j - 1]]; j--) {
            size_t t = set[j];
            set[j] = set[j - 1];
            set[j - 1] = t;
        }
    cut = E->total[set[left - 1]];
    while (E->total[set[above]] > cut)
        above++;
    if (!(group = tally_malloc(2 * *k * sizeof *group)))
        return nomem(E);
    tmp = group + *k;
    for (size_t i = above; i < *k && E->total[set[i]] == cut; i++)
        group[m++] = set[i];
    for (take = left - above; take > 0; take--) {
        size_t c;
        tally_stage how;
        memset(&how, 0, sizeof how);
        memcpy(tmp, group, m * sizeof *tmp); /* choose() narrows in place */
        if ((st = choose(E, tmp, m, 1, 0, &c, &how)) != TALLY_OK || c == SIZE_MAX)
            break;
        set[above++] = c;
        for (size_t i = 0, j = 0; i < m; i++)
            if (group[i] != c)
                group[j++] = group[i];
        m--;
    }
    tally_free(group);
    *k = above;
    return st;
}

/* 5.1.7, 5.3.13, 5.4.9 with 5.6.2: deem elected whoever has reached the
** quota or the active-vote figure, again while that elects someone. */
static tally_status elect_pass(ers *E)
{
    tally_method_result *R = E->res;
    tally_status st;

    for (;;) {
        size_t left = (size_t)R->seats - E->n_elected, k = 0;
        int64_t need, thresh;
        size_t *set = E->list;

        if (left == 0 || E->continuing == 0)
            return TALLY_OK;
        thresh = ceil_div(total_active(E), (int64_t)left + 1);
        need = thresh < E->quota ? (thresh > 1 ? thresh : 1) : E->quota;
        for (size_t c = 0; c < E->n; c++)
            if (E->state[c] == CONTINUING && E->total[c] >= need)
                set[k++] = c;
        if (k == 0)
            return TALLY_OK;
        if (k > left && (st = cut_to_places(E, set, &k, left)) != TALLY_OK)
            return st;
        if (k == 0)
            return TALLY_OK;
        deem_elected(E, set, k, 0);
    }
}

/* 5.4.8: before anyone is deemed elected, the quota ignores the
** non-transferable vote. */
static void requota(ers *E)
{
    if (E->n_elected == 0)
        E->quota = ceil_div(E->res->valid * UNIT - E->exhausted - E->lost,
                            (int64_t)E->res->seats + 1);
}

/* 5.3: transfer c's surplus. */
static tally_status transfer_surplus(ers *E, size_t c)
{
    plist *l = &E->papers[c];
    const int64_t *w = E->pool->weights;
    int64_t surplus = E->total[c] - E->quota, value = 0, papers = 0, moved = 0;
    tally_status st;

    last_stage(E)->surplus = surplus;
    E->transfer++;
    for (size_t i = l->last_batch; i < l->n; i++) { /* 5.3.1, 5.3.2 */
        size_t r = l->r[i];
        if (next_pref(E, r, 0) >= 0) {
            value += w[r] * E->value[r];
            papers += w[r];
        }
    }
    for (size_t i = l->last_batch; i < l->n; i++) {
        size_t r = l->r[i];
        long d = next_pref(E, r, 1);
        if (d < 0)
            continue; /* stays with c, inside the quota */
        if (value > surplus)
            E->value[r] = surplus / papers; /* 5.3.7: two places, remainder ignored */
        moved += w[r] * E->value[r];
        if ((st = give(E, (size_t)d, r)) != TALLY_OK)
            return st;
    }
    if (value > surplus)
        E->lost += surplus - moved; /* the non-transferable difference (6.11) */
    else
        E->exhausted += surplus - moved;
    E->total[c] = E->quota;
    E->pending[c] = 0;
    tally_free(l->r);
    memset(l, 0, sizeof *l);
    if ((st = add_point(E)) != TALLY_OK)
        return st;
    return elect_pass(E);
}

typedef struct held {
    int64_t value;
    uint32_t r, from;
} held;

/* Highest value first; then by ranking, for a fixed order. */
static int by_value_desc(const void *a, const void *b)
{
    const held *x = a, *y = b;

    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->r < y->r ? -1 : x->r > y->r;
}

/* 5.4: exclude set[0..k) together, a batch of one value at a time. */
static tally_status exclude(ers *E, const size_t *set, size_t k)
{
    tally_method_result *R = E->res;
    const int64_t *w = E->pool->weights;
    held *all;
    size_t n = 0, i = 0;
    tally_status st = TALLY_OK;

    for (size_t a = 0; a < k; a++) {
        E->state[set[a]] = EXCLUDED;
        E->continuing--;
        R->candidates[set[a]].fate = TALLY_FATE_EXCLUDED;
        R->candidates[set[a]].stage = R->n_stages;
        n += E->papers[set[a]].n;
    }
    if (!(all = tally_malloc((n ? n : 1) * sizeof *all)))
        return nomem(E);
    n = 0;
    for (size_t a = 0; a < k; a++) {
        plist *l = &E->papers[set[a]];
        for (size_t b = 0; b < l->n; b++) {
            all[n].r = l->r[b];
            all[n].from = (uint32_t)set[a];
            all[n++].value = E->value[l->r[b]];
        }
        tally_free(l->r);
        memset(l, 0, sizeof *l);
    }
    qsort(all, n, sizeof *all, by_value_desc); /* 5.4.1 */
    for (;;) {
        size_t j = i;
        E->transfer++;
        while (j < n && all[j].value == all[i].value) { /* 5.4.2-5.4.7 */
            size_t r = all[j].r;
            int64_t v = w[r] * E->value[r];
            long d = next_pref(E, r, 1);
            E->total[all[j].from] -= v;
            if (d < 0)
                E->exhausted += v;
            else if ((st = give(E, (size_t)d, r)) != TALLY_OK)
                break;
            j++;
        }
        i = j;
        if (st != TALLY_OK)
            break;
        requota(E);
        if ((st = add_point(E)) != TALLY_OK || (st = elect_pass(E)) != TALLY_OK)
            break;
        if (E->n_elected == (size_t)R->seats || i >= n)
            break; /* 5.5.2, or every batch moved */
    }
    tally_free(all);
    return st;
}

/* Surpluses, of the elected awaiting transfer and of any continuing
** candidate over the quota (as OpenSTV counts them). */
static int64_t surpluses(ers *E, int *transferable)
{
    int64_t s = 0;

    *transferable = 0;
    for (size_t c = 0; c < E->n; c++)
        if ((E->pending[c] || E->state[c] == CONTINUING) && E->total[c] > E->quota) {
            s += E->total[c] - E->quota;
            *transferable |= E->pending[c];
        }
    return s;
}

/* 5.2.5: the candidates to exclude (into out, *k of them; 0 when no group
** passes (b) and so a surplus must move first), given surpluses s. */
static tally_status losers(ers *E, int64_t s, size_t *out, size_t *k, tally_stage *how)
{
    size_t *c = E->list, m = 0, best = 0, left = (size_t)E->res->seats - E->n_elected;
    int64_t prefix = s;
    tally_status st;

    *k = 0;
    for (size_t i = 0; i < E->n; i++)
        if (E->state[i] == CONTINUING)
            c[m++] = i;
    for (size_t i = 1; i < m; i++) /* votes up, then ballot order */
        for (size_t j = i; j > 0 && E->total[c[j]] < E->total[c[j - 1]]; j--) {
            size_t t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    for (size_t j = 1; m > left && j <= m - left; j++) {
        prefix += E->total[c[j - 1]];
        if (prefix <= E->total[c[j]])
            best = j;
    }
    if (best == 0)
        return TALLY_OK;
    /* The boundary may fall among equal candidates: those to go are chosen
    ** one by one by the tie rule, fewest votes. */
    {
        int64_t v = E->total[c[best - 1]];
        size_t lo = best - 1, hi = best, g = 0;
        while (lo > 0 && E->total[c[lo - 1]] == v)
            lo--;
        while (hi < m && E->total[c[hi]] == v)
            hi++;
        memcpy(out, c, lo * sizeof *out);
        *k = lo;
        if (hi > best) {
            size_t *group = E->list2;
            for (size_t i = lo; i < hi; i++)
                group[g++] = c[i];
            for (size_t need = best - lo; need > 0; need--) {
                size_t pick, *tmp = tally_malloc(g * sizeof *tmp);
                if (!tmp)
                    return nomem(E);
                memcpy(tmp, group, g * sizeof *tmp);
                st = choose(E, tmp, g, 0, 1, &pick, how);
                tally_free(tmp);
                if (st != TALLY_OK)
                    return st;
                out[(*k)++] = pick;
                for (size_t i = 0, j = 0; i < g; i++)
                    if (group[i] != pick)
                        group[j++] = group[i];
                g--;
            }
        } else {
            for (size_t i = lo; i < best; i++)
                out[(*k)++] = c[i];
        }
    }
    return TALLY_OK;
}

static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* One stage after the first (5.2). *done is set when the count ends
** before a stage opens (5.5.1). */
static tally_status next_stage(ers *E, int *done)
{
    tally_method_result *R = E->res;
    size_t *ex, k = 0, left = (size_t)R->seats - E->n_elected;
    int transferable;
    int64_t s = surpluses(E, &transferable);
    tally_stage how;
    tally_status st;

    memset(&how, 0, sizeof how);
    if (!(ex = tally_malloc(E->n * sizeof *ex)))
        return nomem(E);
    if ((st = losers(E, s, ex, &k, &how)) != TALLY_OK)
        goto out;
    if (k == 0 && s > 0 && transferable) {
        /* 5.2.3: the largest surplus. */
        size_t m = 0, c;
        int64_t best = 0;
        for (size_t i = 0; i < E->n; i++)
            if (E->pending[i] && E->total[i] >= best) {
                if (E->total[i] > best)
                    m = 0;
                best = E->total[i];
                ex[m++] = i;
            }
        if ((st = choose(E, ex, m, 1, 1, &c, &how)) != TALLY_OK ||
            (st = open_stage(E, TALLY_STAGE_SURPLUS, c)) != TALLY_OK)
            goto out;
        last_stage(E)->choice = how.choice;
        last_stage(E)->choice_stage = how.choice_stage;
        last_stage(E)->n_tied = how.n_tied;
        st = transfer_surplus(E, c);
        goto out;
    }
    if (k == 0) {
        /* No group passes 5.2.5(b) and no surplus can move: the lowest. */
        size_t m = 0, c;
        int64_t low = INT64_MAX;
        for (size_t i = 0; i < E->n; i++)
            if (E->state[i] == CONTINUING && E->total[i] <= low) {
                if (E->total[i] < low)
                    m = 0;
                low = E->total[i];
                ex[m++] = i;
            }
        if ((st = choose(E, ex, m, 0, 1, &c, &how)) != TALLY_OK)
            goto out;
        ex[0] = c;
        k = 1;
    }
    if (E->continuing - k == left) {
        /* 5.5.1: the rest are deemed elected; nothing is transferred. */
        size_t m = 0;
        for (size_t i = 0; i < E->n; i++) {
            int going = 0;
            for (size_t j = 0; j < k; j++)
                going |= ex[j] == i;
            if (E->state[i] == CONTINUING && !going)
                E->list[m++] = i;
        }
        deem_elected(E, E->list, m, 1);
        record(E);
        *done = 1;
        goto out;
    }
    qsort(ex, k, sizeof *ex, by_index);
    if ((st = open_stage(E, TALLY_STAGE_EXCLUSION, ex[0])) != TALLY_OK)
        goto out;
    last_stage(E)->choice = how.choice;
    last_stage(E)->choice_stage = how.choice_stage;
    last_stage(E)->n_tied = how.n_tied;
    if (k > 1) {
        last_stage(E)->excluded = ex;
        last_stage(E)->n_excluded = k;
        ex = NULL; /* the stage owns it */
    }
    st = exclude(E, last_stage(E)->n_excluded ? last_stage(E)->excluded : &last_stage(E)->subject,
                 k);
out:
    tally_free(ex);
    if (st == TALLY_OK && !*done)
        record(E);
    return st;
}

/* 5.1: first preferences, the quota, and who is deemed elected. */
static tally_status first_stage(ers *E)
{
    const tally_pool *p = E->pool;
    tally_method_result *R = E->res;
    tally_status st;

    E->transfer++;
    for (size_t r = 0; r < p->n_rankings; r++) {
        long c = next_pref(E, r, 1);
        E->value[r] = UNIT;
        if (c < 0) {
            R->invalid += p->weights[r]; /* 5.1.2 */
            continue;
        }
        R->valid += p->weights[r];
        if ((st = give(E, (size_t)c, r)) != TALLY_OK)
            return st;
    }
    E->quota = ceil_div(R->valid * UNIT, (int64_t)R->seats + 1); /* 5.1.6 */
    R->quota = E->quota;
    if ((st = open_stage(E, TALLY_STAGE_FIRST, 0)) != TALLY_OK || (st = add_point(E)) != TALLY_OK ||
        (st = elect_pass(E)) != TALLY_OK)
        return st;
    record(E);
    return TALLY_OK;
}

static tally_status count(ers *E)
{
    tally_method_result *R = E->res;
    int done = 0;
    tally_status st;

    if ((st = first_stage(E)) != TALLY_OK)
        return st;
    for (;;) {
        size_t left = (size_t)R->seats - E->n_elected;
        if (left == 0 || E->continuing == 0)
            break; /* 5.5.2 */
        if (E->continuing <= left) {
            /* Too few candidates for the places: all deemed elected. */
            size_t m = 0;
            for (size_t c = 0; c < E->n; c++)
                if (E->state[c] == CONTINUING)
                    E->list[m++] = c;
            deem_elected(E, E->list, m, 1);
            record(E);
            break;
        }
        if ((st = next_stage(E, &done)) != TALLY_OK)
            return st;
        if (done)
            break;
    }
    return TALLY_OK;
}

static tally_status setup(ers *E, const tally_pool *pool, const tally_method_options *opt)
{
    tally_method_result *R = E->res;
    size_t nr = pool->n_rankings ? pool->n_rankings : 1;

    E->n = pool->n_candidates;
    R->seats = opt && opt->seats > 0 ? opt->seats : pool->seats;
    if (R->seats < 1)
        return tally_error_set(E->err, TALLY_EINVAL, NULL, 0, 0,
                               "the number of seats is not given");
    if (pool->total > INT64_MAX / UNIT)
        return tally_error_set(E->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-2");
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
        tally_lot_init(&E->lot, opt->seed);
    }
    E->state = tally_calloc(E->n, 1);
    E->pending = tally_calloc(E->n, 1);
    E->total = tally_calloc(E->n, sizeof *E->total);
    E->papers = tally_calloc(E->n, sizeof *E->papers);
    E->list = tally_calloc(E->n, sizeof *E->list);
    E->list2 = tally_calloc(E->n, sizeof *E->list2);
    E->value = tally_calloc(nr, sizeof *E->value);
    E->pos = tally_calloc(nr, sizeof *E->pos);
    R->candidates = tally_calloc(E->n, sizeof *R->candidates);
    R->elected = tally_calloc(E->n, sizeof *R->elected);
    if (!E->state || !E->pending || !E->total || !E->papers || !E->list || !E->list2 ||
        !E->value || !E->pos || !R->candidates || !R->elected)
        return nomem(E);
    for (size_t c = 0; c < E->n; c++) {
        if (pool->withdrawn[c]) {
            E->state[c] = WITHDRAWN;
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
        } else {
            E->continuing++;
        }
    }
    return TALLY_OK;
}

static void ers_free(ers *E)
{
    if (E->papers)
        for (size_t c = 0; c < E->n; c++)
            tally_free(E->papers[c].r);
    for (size_t i = 0; i < E->n_points; i++)
        tally_free(E->points[i]);
    tally_free(E->points);
    tally_free(E->point_stage);
    tally_free(E->papers);
    tally_free(E->state);
    tally_free(E->pending);
    tally_free(E->total);
    tally_free(E->list);
    tally_free(E->list2);
    tally_free(E->value);
    tally_free(E->pos);
}

tally_status tally_ers97(const tally_pool *pool, const tally_method_options *opt,
                         tally_method_result **out, tally_error *err)
{
    tally_method_result *R;
    ers E;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&E, 0, sizeof E);
    E.pool = pool;
    E.err = err;
    if (!(R = tally_calloc(1, sizeof *R)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    R->pool = pool;
    R->method = "ers97";
    R->places = 2;
    E.res = R;
    if ((st = setup(&E, pool, opt)) == TALLY_OK)
        st = count(&E);
    ers_free(&E);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}
