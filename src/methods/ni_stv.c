/*
** Northern Ireland STV: the Local Elections Rules, Electoral Law Act
** (Northern Ireland) 1962 Sch 5 as substituted by the Local Elections
** (Northern Ireland) Order 1985 (SI 1985/454) Sch 1, Part IV rules 41 and
** 46-52 (legislation.gov.uk/apni/1962/14/schedule/5). Northern Ireland
** Assembly counts follow the same rules (the Assembly Elections Rules, SI
** 2001/2599 art. 3(1) and Sch 1); their rule numbers are not cited here.
** In short:
**
**   r.46(1)(b),(c) no first preference, or one for two candidates: void
**   r.48(1),(2) quota = floor(valid papers / (seats + 1)) + 1, whole votes
**   r.48(3)  at the quota: deemed elected; with one vacancy not until the
**            exclusion under way (r.51(1)-(3)) is complete
**   r.49(1)-(4) a first-stage surplus moves all the candidate's papers,
**            each transferable one at surplus / transferable papers to two
**            places, remainder ignored, so that no more than the surplus
**            moves
**   r.49(5)-(7) a later surplus moves only the sub-parcel last received, at
**            that figure or the value received, whichever is the less
**   r.49(10) surpluses not transferred are deferred while they are less
**            than the gap between the lowest and the next lowest, or between
**            the two or more lowest together and the candidate above them
**   r.50(1)  largest surplus first; equal: the higher at the EARLIEST
**            preceding stage at which they were unequal, else by lot
**   r.50(2)(c) the surplus less the value moved is non-transferable
**   r.51(1)-(9) exclude the lowest; first their first-preference papers at
**            1.00, then their transferred papers sub-parcel by sub-parcel,
**            highest transfer value first, each at the value received
**   r.51(12) two or more lowest whose votes with the surpluses not
**            transferred are less than the next lowest's: excluded together
**   r.51(13) equal lowest: the lower at the EARLIEST stage at which they
**            were unequal, else by lot
**   r.52(1)  continuing candidates as many as the vacancies: elected
**   r.52(2)  one vacancy and a candidate with at least all the other
**            continuing candidates' votes and the untransferred surpluses:
**            elected; r.52(3) no further transfer
**
** The tie rule looks forwards from the first stage, not back from the
** latest as the Scottish rule (methods/tie.c) does, so it is written here.
** ERS97 (ers97.c) also looks forwards, but over the points after each
** batch of an exclusion; the NI rules speak of stages only.
**
** Units: 0.01 of a vote (the result's places are 2). Every sub-parcel is
** of papers of one value, so a transfer value is exact in those units.
** Of the non-transferable votes of r.50(2)(c), "lost" holds the remainder
** ignored when the transfer value was the division's figure, "exhausted"
** the rest (papers with no next preference, and a surplus beyond what the
** last sub-parcel can carry); lost + exhausted is the rules' figure.
**
** Readings: the bulk exclusion takes the largest group of lowest that
** passes r.51(12) and leaves at least as many continuing candidates as
** vacancies; with a strict "less than" no group boundary falls between
** equal candidates. r.52(2) counts, with the other continuing candidates'
** votes, those of an excluded candidate not yet transferred (they may yet
** reach one of them), so it never elects before an exclusion is done.
** An exclusion is one stage (r.51(4)); candidates reaching
** the quota after a sub-parcel are deemed elected then and passed over by
** the later sub-parcels. A later-position equality ends the paper
** (r.50(4)). Ties among three or more narrow stage by stage.
*/
#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/method.h"
#include "tally/num.h"
#include "stage.h"
#include "tie.h"

#define UNIT INT64_C(100)

enum { CONTINUING, ELECTED, EXCLUDED, WITHDRAWN };

typedef struct plist {
    uint32_t *r;
    size_t n, cap, last;      /* last: where the last sub-parcel begins */
    uint64_t batch;
} plist;

typedef struct ni {
    const tally_pool *pool;
    tally_method_result *res;
    tally_error *err;
    size_t n, continuing, n_elected, cap_stages;
    unsigned char *state, *pending, *moved; /* moved: per ranking */
    int64_t *total, *value;
    uint32_t *pos;
    plist *papers;
    int64_t quota, exhausted, lost;
    uint64_t transfer;
    size_t *list;
    tally_lot lot;
} ni;

static tally_status nomem(ni *S)
{
    return tally_error_set(S->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

static long next_pref(ni *S, size_t r, int advance)
{
    const tally_pool *p = S->pool;
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t n = p->offsets[r + 1] - p->offsets[r], i = S->pos[r];

    while (i < n) {
        size_t j = i + 1, marked = 0, c = 0;
        while (j < n && (pr[j] & TALLY_BALLOT_EQUAL))
            j++;
        for (size_t k = i; k < j; k++)
            if (S->state[TALLY_BALLOT_CANDIDATE(pr[k])] != WITHDRAWN) {
                c = TALLY_BALLOT_CANDIDATE(pr[k]);
                marked++;
            }
        if (marked > 1)
            break; /* r.50(4): the same order of preference */
        i = j;
        if (marked == 1 && S->state[c] == CONTINUING) {
            if (advance)
                S->pos[r] = (uint32_t)i;
            return (long)c;
        }
    }
    if (advance)
        S->pos[r] = (uint32_t)n;
    return -1;
}

static tally_status give(ni *S, size_t c, size_t r)
{
    plist *l = &S->papers[c];

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        uint32_t *nr = tally_realloc(l->r, cap * sizeof *nr);
        if (!nr)
            return nomem(S);
        l->r = nr;
        l->cap = cap;
    }
    if (l->n == 0 || l->batch != S->transfer) {
        l->last = l->n;
        l->batch = S->transfer;
    }
    l->r[l->n++] = (uint32_t)r;
    S->total[c] += S->pool->weights[r] * S->value[r];
    return TALLY_OK;
}

static void drop(ni *S, size_t c)
{
    tally_free(S->papers[c].r);
    memset(&S->papers[c], 0, sizeof S->papers[c]);
}

static tally_stage *last_stage(ni *S)
{
    return &S->res->stages[S->res->n_stages - 1];
}

static void deem(ni *S, size_t *list, size_t k, int last_vacancy)
{
    tally_method_result *R = S->res;

    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && S->total[list[j]] > S->total[list[j - 1]]; j--) {
            size_t t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
    for (size_t i = 0; i < k; i++) {
        size_t c = list[i];
        S->state[c] = ELECTED;
        S->pending[c] = S->total[c] > S->quota;
        S->continuing--;
        S->n_elected++;
        R->candidates[c].fate = TALLY_FATE_ELECTED;
        R->candidates[c].stage = R->n_stages;
        R->candidates[c].last_vacancy = last_vacancy;
        R->elected[R->n_elected++] = c;
    }
}

static int64_t untransferred(ni *S)
{
    int64_t s = 0;

    for (size_t c = 0; c < S->n; c++)
        if (S->pending[c])
            s += S->total[c] - S->quota;
    return s;
}

/* r.48(3), r.52(1), r.52(2). Returns 1 when every vacancy is filled. */
static int elect(ni *S, int by_quota)
{
    size_t k = 0, left;

    if (by_quota) {
        for (size_t c = 0; c < S->n; c++)
            if (S->state[c] == CONTINUING && S->total[c] >= S->quota)
                S->list[k++] = c;
        deem(S, S->list, k, 0);
    }
    left = (size_t)S->res->seats - S->n_elected;
    if (left > 0 && S->continuing > 0 && S->continuing <= left) {
        k = 0;
        for (size_t c = 0; c < S->n; c++)
            if (S->state[c] == CONTINUING)
                S->list[k++] = c;
        deem(S, S->list, k, 1);
    } else if (left == 1 && S->continuing > 1) {
        size_t top = SIZE_MAX;
        int64_t rest = untransferred(S);
        int equal = 0;
        for (size_t c = 0; c < S->n; c++)
            if (S->state[c] == CONTINUING) {
                if (top == SIZE_MAX || S->total[c] > S->total[top]) {
                    top = c;
                    equal = 0;
                } else if (S->total[c] == S->total[top]) {
                    equal = 1;
                }
            }
        /* An excluded candidate's papers not yet transferred count with
        ** the others: they may yet go to one of them. */
        for (size_t c = 0; c < S->n; c++)
            if ((S->state[c] == CONTINUING || S->state[c] == EXCLUDED) && c != top)
                rest += S->total[c];
        if (!equal && S->total[top] >= rest)
            deem(S, &top, 1, 1);
    }
    return S->n_elected >= (size_t)S->res->seats;
}

/* r.50(1)(a),(b), r.51(13): of set[0..k) (equal now), the highest (or
** lowest) at the earliest stage at which they were unequal, else by lot. */
static tally_status choose(ni *S, size_t *set, size_t k, int highest, size_t *out,
                           tally_stage *how)
{
    return tally_tie_earliest(S->res, &S->lot, set, k, highest, out, how, S->err);
}

static tally_status open_stage(ni *S, tally_stage_kind kind, size_t subject,
                               const tally_stage *how)
{
    if (tally_stage_open(S->res, &S->cap_stages, S->n, 1, kind, subject) != TALLY_OK)
        return nomem(S);
    if (how) {
        last_stage(S)->choice = how->choice;
        last_stage(S)->choice_stage = how->choice_stage;
        last_stage(S)->n_tied = how->n_tied;
    }
    return TALLY_OK;
}

/* r.50(2)(d), r.51(10)(d): the stage's figures, which must reconcile. */
static tally_status record(ni *S)
{
    tally_method_result *R = S->res;
    tally_stage *st = last_stage(S);
    int64_t sum = S->exhausted + S->lost;

    for (size_t c = 0; c < S->n; c++) {
        int gone = S->state[c] == WITHDRAWN ||
                   (S->state[c] == EXCLUDED && R->candidates[c].stage < R->n_stages);
        st->votes[c] = gone ? TALLY_NONE : S->total[c];
        if (!gone)
            sum += S->total[c];
    }
    st->exhausted = S->exhausted;
    st->lost = S->lost;
    st->n_elected = 0;
    for (size_t c = 0; c < S->n; c++)
        if (R->candidates[c].fate == TALLY_FATE_ELECTED && R->candidates[c].stage == R->n_stages)
            st->elected[st->n_elected++] = c;
    if (sum != R->valid * UNIT)
        return tally_error_set(S->err, TALLY_ERANGE, NULL, 0, 0,
                               "internal error: stage %zu does not add up to the valid votes",
                               R->n_stages);
    return TALLY_OK;
}

/* r.49: c's surplus, from all papers (first stage) or the last sub-parcel. */
static tally_status transfer_surplus(ni *S, size_t c)
{
    plist *l = &S->papers[c];
    const int64_t *w = S->pool->weights;
    int64_t surplus = S->total[c] - S->quota, papers = 0, moved = 0, tv, vmax = 0;
    size_t from = S->res->candidates[c].stage == 1 ? 0 : l->last;
    tally_status st;

    last_stage(S)->surplus = surplus;
    S->transfer++;
    for (size_t i = from; i < l->n; i++)
        if (next_pref(S, l->r[i], 0) >= 0) {
            papers += w[l->r[i]];
            if (S->value[l->r[i]] > vmax)
                vmax = S->value[l->r[i]];
        }
    tv = papers ? surplus / papers : 0; /* r.49(4)(b): remainder ignored */
    for (size_t i = from; i < l->n; i++) {
        size_t r = l->r[i];
        long d = next_pref(S, r, 1);
        if (d < 0)
            continue; /* r.49(1)(b), (5)(b): set aside */
        if (tv < S->value[r])
            S->value[r] = tv; /* r.49(7): whichever is the less */
        S->moved[r] = 1;
        moved += w[r] * S->value[r];
        if ((st = give(S, (size_t)d, r)) != TALLY_OK)
            return st;
    }
    if (papers && tv < vmax)
        S->lost += surplus - moved;
    else
        S->exhausted += surplus - moved;
    S->total[c] = S->quota;
    S->pending[c] = 0;
    drop(S, c);
    elect(S, 1);
    return TALLY_OK;
}

typedef struct held {
    int64_t value;
    uint32_t r, from;
    int first;
} held;

/* First preferences first (r.51(2)), then highest value (r.51(5), (9));
** then by ranking, for a fixed order. */
static int by_parcel(const void *a, const void *b)
{
    const held *x = a, *y = b;

    if (x->first != y->first)
        return x->first ? -1 : 1;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->r < y->r ? -1 : x->r > y->r;
}

/* r.51: exclude set[0..k) together. */
static tally_status exclude(ni *S, const size_t *set, size_t k)
{
    tally_method_result *R = S->res;
    const int64_t *w = S->pool->weights;
    held *all;
    size_t n = 0, i = 0;
    int one = R->seats == 1;
    tally_status st = TALLY_OK;

    for (size_t a = 0; a < k; a++) {
        S->state[set[a]] = EXCLUDED;
        S->continuing--;
        R->candidates[set[a]].fate = TALLY_FATE_EXCLUDED;
        R->candidates[set[a]].stage = R->n_stages;
        n += S->papers[set[a]].n;
    }
    if (elect(S, 0))
        return TALLY_OK; /* r.52(1)-(3): no transfer */
    if (!(all = tally_malloc((n ? n : 1) * sizeof *all)))
        return nomem(S);
    n = 0;
    for (size_t a = 0; a < k; a++) {
        plist *l = &S->papers[set[a]];
        for (size_t b = 0; b < l->n; b++) {
            all[n].r = l->r[b];
            all[n].from = (uint32_t)set[a];
            all[n].first = !S->moved[l->r[b]];
            all[n++].value = S->value[l->r[b]];
        }
        drop(S, set[a]);
    }
    qsort(all, n, sizeof *all, by_parcel);
    while (i < n) {
        size_t j = i;
        S->transfer++;
        while (j < n && all[j].first == all[i].first && all[j].value == all[i].value) {
            size_t r = all[j].r;
            int64_t v = w[r] * S->value[r];
            long d = next_pref(S, r, 1);
            S->total[all[j].from] -= v;
            S->moved[r] = 1;
            if (d < 0)
                S->exhausted += v; /* r.51(8) */
            else if ((st = give(S, (size_t)d, r)) != TALLY_OK)
                break;
            j++;
        }
        i = j;
        if (st != TALLY_OK || elect(S, !one))
            break; /* r.49(9), r.52(3) */
    }
    tally_free(all);
    if (st == TALLY_OK && one)
        elect(S, 1); /* r.48(3) */
    return st;
}

static int by_index(const void *a, const void *b);

/* One stage after the first. */
static tally_status next_stage(ni *S)
{
    tally_method_result *R = S->res;
    size_t *c = S->list, m = 0, left = (size_t)R->seats - S->n_elected, best = 0, pick;
    int64_t s = untransferred(S), prefix = s;
    size_t *ex;
    tally_stage how;
    tally_status st;

    memset(&how, 0, sizeof how);
    for (size_t i = 0; i < S->n; i++)
        if (S->state[i] == CONTINUING)
            c[m++] = i;
    for (size_t i = 1; i < m; i++) /* votes up, then ballot order */
        for (size_t j = i; j > 0 && S->total[c[j]] < S->total[c[j - 1]]; j--) {
            size_t t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    /* r.49(10)(a),(b) and r.51(12): the largest group of lowest whose votes
    ** with the untransferred surpluses are below the next candidate's. */
    for (size_t j = 1; m > left && j <= m - left && j < m; j++) {
        prefix += S->total[c[j - 1]];
        if (prefix < S->total[c[j]])
            best = j;
    }
    if (!(ex = tally_malloc((m ? m : 1) * sizeof *ex)))
        return nomem(S);
    if (best == 0 && s > 0) {
        /* r.50(1): the largest surplus. */
        size_t k = 0;
        int64_t top = 0;
        for (size_t i = 0; i < S->n; i++)
            if (S->pending[i] && (k == 0 || S->total[i] >= top)) {
                if (k == 0 || S->total[i] > top)
                    k = 0;
                top = S->total[i];
                ex[k++] = i;
            }
        if ((st = choose(S, ex, k, 1, &pick, &how)) == TALLY_OK &&
            (st = open_stage(S, TALLY_STAGE_SURPLUS, pick, &how)) == TALLY_OK &&
            (st = transfer_surplus(S, pick)) == TALLY_OK)
            st = record(S);
        tally_free(ex);
        return st;
    }
    if (best >= 2 || (best == 1 && s > 0)) {
        memcpy(ex, c, best * sizeof *ex);
    } else {
        /* r.51(1), (13): the lowest. */
        size_t k = 0;
        while (k < m && S->total[c[k]] == S->total[c[0]])
            k++;
        memcpy(ex, c, k * sizeof *ex);
        if ((st = choose(S, ex, k, 0, &pick, &how)) != TALLY_OK) {
            tally_free(ex);
            return st;
        }
        ex[0] = pick;
        best = 1;
    }
    qsort(ex, best, sizeof *ex, by_index);
    if ((st = open_stage(S, TALLY_STAGE_EXCLUSION, ex[0], &how)) != TALLY_OK) {
        tally_free(ex);
        return st;
    }
    if (best > 1) {
        last_stage(S)->excluded = ex;
        last_stage(S)->n_excluded = best;
    }
    st = exclude(S, ex, best);
    if (best == 1)
        tally_free(ex);
    return st == TALLY_OK ? record(S) : st;
}

/* Ballot order. */
static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

/* r.47, r.48. */
static tally_status first_stage(ni *S)
{
    const tally_pool *p = S->pool;
    tally_method_result *R = S->res;
    tally_status st;

    for (size_t r = 0; r < p->n_rankings; r++) {
        long c = next_pref(S, r, 1);
        S->value[r] = UNIT;
        if (c < 0) {
            R->invalid += p->weights[r]; /* r.46(1)(b),(c) */
            continue;
        }
        R->valid += p->weights[r];
        if ((st = give(S, (size_t)c, r)) != TALLY_OK)
            return st;
    }
    S->quota = (R->valid / (R->seats + 1) + 1) * UNIT;
    R->quota = S->quota;
    if ((st = open_stage(S, TALLY_STAGE_FIRST, 0, NULL)) != TALLY_OK)
        return st;
    elect(S, 1);
    return record(S);
}

static tally_status setup(ni *S, const tally_pool *pool, const tally_method_options *opt)
{
    tally_method_result *R = S->res;
    size_t nr = pool->n_rankings ? pool->n_rankings : 1;

    S->n = pool->n_candidates;
    R->seats = opt && opt->seats > 0 ? opt->seats : pool->seats;
    if (R->seats < 1)
        return tally_error_set(S->err, TALLY_EINVAL, NULL, 0, 0,
                               "the number of seats is not given");
    if (pool->total > INT64_MAX / UNIT)
        return tally_error_set(S->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-2");
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
        tally_lot_init(&S->lot, opt->seed);
    }
    S->state = tally_calloc(S->n, 1);
    S->pending = tally_calloc(S->n, 1);
    S->total = tally_calloc(S->n, sizeof *S->total);
    S->papers = tally_calloc(S->n, sizeof *S->papers);
    S->list = tally_calloc(S->n ? S->n : 1, sizeof *S->list);
    S->value = tally_calloc(nr, sizeof *S->value);
    S->moved = tally_calloc(nr, 1);
    S->pos = tally_calloc(nr, sizeof *S->pos);
    R->candidates = tally_calloc(S->n, sizeof *R->candidates);
    R->elected = tally_calloc(S->n ? S->n : 1, sizeof *R->elected);
    if (!S->state || !S->pending || !S->total || !S->papers || !S->list || !S->value ||
        !S->moved || !S->pos || !R->candidates || !R->elected)
        return nomem(S);
    for (size_t c = 0; c < S->n; c++) {
        if (pool->withdrawn[c]) {
            S->state[c] = WITHDRAWN;
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
        } else {
            S->continuing++;
        }
    }
    return TALLY_OK;
}

static void ni_free(ni *S)
{
    if (S->papers)
        for (size_t c = 0; c < S->n; c++)
            tally_free(S->papers[c].r);
    tally_free(S->papers);
    tally_free(S->state);
    tally_free(S->pending);
    tally_free(S->moved);
    tally_free(S->total);
    tally_free(S->list);
    tally_free(S->value);
    tally_free(S->pos);
}

tally_status tally_ni_stv(const tally_pool *pool, const tally_method_options *opt,
                          tally_method_result **out, tally_error *err)
{
    tally_method_result *R;
    ni S;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&S, 0, sizeof S);
    S.pool = pool;
    S.err = err;
    if (!(R = tally_calloc(1, sizeof *R)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    R->pool = pool;
    R->method = "ni-stv";
    R->places = 2;
    S.res = R;
    if ((st = setup(&S, pool, opt)) == TALLY_OK)
        st = first_stage(&S);
    while (st == TALLY_OK && S.n_elected < (size_t)R->seats && S.continuing > 0)
        st = next_stage(&S);
    ni_free(&S);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}
