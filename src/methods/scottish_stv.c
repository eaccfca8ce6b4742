/*
** Scottish STV: the Scottish Local Government Elections Order 2007 (SSI
** 2007/42) Sch 1 rules 45-52, unchanged in substance in the 2011 Order
** (SSI 2011/399) that replaced it. ../shared/docs/uk-rules.md 4.2 quotes
** them; in short:
**
**   r.45  first stage: each valid paper credits its first preference with
**         one vote;
**   r.46  quota = floor(valid papers / (seats + 1)) + 1;
**   r.47  votes >= quota: deemed elected;
**   r.48  a surplus moves every paper the candidate holds (inclusive) to
**         its next available preference, each at the transfer value
**         surplus x value / total, "to five decimal places (any remainder
**         being ignored)"; papers with no next preference are
**         non-transferable;
**   r.49  one surplus per stage, the largest first; equal surpluses: the
**         candidate with more votes at the most recent preceding stage at
**         which they differed, else by lot;
**   r.50  with no surplus to move, exclude the candidate with fewest votes;
**         all their papers move in one stage, each at the value it came in
**         at;
**   r.51  equal lowest: fewer votes at the most recent preceding stage at
**         which they differed, else by lot;
**   r.52  continuing candidates as many as the vacancies left: all deemed
**         elected, no further transfer.
**
** Papers of one ranking always travel together at the same value, so the
** count moves rankings (with their weights), not papers. Values are int64
** units of 10^-5 (TALLY_VOTE_UNIT): surplus x value / total in units is
** exactly the statutory truncation because all three are 5-place figures;
** the product is taken in 128 bits.
**
** Readings the rules leave open, and what this file does:
**   - "next available preference" skips candidates deemed elected or
**     excluded, and candidates withdrawn before the poll; a position marked
**     for two or more (not withdrawn) candidates ends the paper there, as
**     a break in the sequence does;
**   - a paper with no usable first preference is not a valid vote;
**   - ties among three or more are narrowed stage by stage, going back,
**     keeping those with the highest (surplus) or lowest (exclusion) votes,
**     until one is left; a lot then picks among those still equal, in
**     ballot order, from one lot stream seeded once per count (lot.h);
**   - r.52 is applied at the end of every stage, after electing those at
**     the quota, and also when continuing candidates are fewer than the
**     vacancies (a contest with too few candidates);
**   - candidates elected at the same stage are listed, in order of
**     election, by their votes, highest first.
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/method.h"
#include "tally/num.h"
#include "stage.h"
#include "tie.h"

enum { CONTINUING, ELECTED, EXCLUDED, WITHDRAWN };

typedef struct plist {
    uint32_t *r;       /* rankings whose papers the candidate holds */
    size_t n, cap;
} plist;

typedef struct stv {
    const tally_pool *pool;
    tally_method_result *res;
    tally_error *err;
    size_t n;                 /* candidates */
    int64_t quota;            /* units */
    int64_t *total;           /* units */
    unsigned char *state;
    unsigned char *pending;   /* elected; surplus not yet transferred */
    int64_t *value;           /* per ranking: value of one of its papers */
    uint32_t *pos;            /* per ranking: where its next preference is
                                 looked for */
    plist *papers;
    size_t continuing;
    int64_t exhausted, lost;
    tally_lot lot;
    size_t cap_stages;
} stv;

static tally_status nomem(stv *S)
{
    return tally_error_set(S->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

/* The next available preference of ranking r from pos[r], or -1 when the
** paper has none. Moves pos[r] past it. */
static long next_pref(stv *S, size_t r)
{
    const tally_pool *p = S->pool;
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t n = p->offsets[r + 1] - p->offsets[r];
    size_t i = S->pos[r];

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
            break; /* equal preferences: the paper ends here */
        i = j;
        if (marked == 1 && S->state[c] == CONTINUING) {
            S->pos[r] = (uint32_t)i;
            return (long)c;
        }
    }
    S->pos[r] = (uint32_t)n;
    return -1;
}

static tally_status give(stv *S, size_t c, size_t r)
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
    l->r[l->n++] = (uint32_t)r;
    S->total[c] += S->pool->weights[r] * S->value[r];
    return TALLY_OK;
}

static void drop_papers(stv *S, size_t c)
{
    tally_free(S->papers[c].r);
    memset(&S->papers[c], 0, sizeof S->papers[c]);
}

static tally_stage *last_stage(stv *S)
{
    return &S->res->stages[S->res->n_stages - 1];
}

static tally_status open_stage(stv *S, tally_stage_kind kind, size_t subject)
{
    if (tally_stage_open(S->res, &S->cap_stages, S->n, 0, kind, subject) != TALLY_OK)
        return nomem(S);
    return TALLY_OK;
}

/* Elect list[0..k) at the end of stage stage_no, most votes first. */
static void elect(stv *S, size_t *list, size_t k, size_t stage_no, int last_vacancy)
{
    tally_method_result *R = S->res;

    for (size_t i = 1; i < k; i++) /* insertion sort: votes down, index up */
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
        R->candidates[c].fate = TALLY_FATE_ELECTED;
        R->candidates[c].stage = stage_no;
        R->candidates[c].last_vacancy = last_vacancy;
        R->elected[R->n_elected++] = c;
    }
}

/* End of a stage: record the votes, check that they reconcile, elect
** those at the quota (r.47) and apply r.52. */
static tally_status close_stage(stv *S)
{
    tally_method_result *R = S->res;
    tally_stage *st = last_stage(S);
    size_t stage_no = R->n_stages, k = 0, vacancies;
    int64_t sum = S->exhausted + S->lost;
    size_t *list;

    for (size_t c = 0; c < S->n; c++) {
        int gone = S->state[c] == WITHDRAWN ||
                   (S->state[c] == EXCLUDED && R->candidates[c].stage < stage_no);
        st->votes[c] = gone ? TALLY_NONE : S->total[c];
        if (!gone)
            sum += S->total[c];
    }
    st->exhausted = S->exhausted;
    st->lost = S->lost;
    if (sum != R->valid * TALLY_VOTE_UNIT)
        return tally_error_set(S->err, TALLY_ERANGE, NULL, 0, 0,
                               "internal error: stage %zu does not add up to the valid votes",
                               stage_no);

    if (!(list = tally_malloc(S->n * sizeof *list)))
        return nomem(S);
    for (size_t c = 0; c < S->n; c++)
        if (S->state[c] == CONTINUING && S->total[c] >= S->quota)
            list[k++] = c;
    elect(S, list, k, stage_no, 0);
    vacancies = (size_t)R->seats - R->n_elected;
    if (vacancies > 0 && S->continuing > 0 && S->continuing <= vacancies) {
        size_t m = 0;
        for (size_t c = 0; c < S->n; c++)
            if (S->state[c] == CONTINUING)
                list[m++] = c;
        elect(S, list, m, stage_no, 1);
        k += m;
    }
    /* The stage's list, in ballot order. */
    st->n_elected = 0;
    for (size_t c = 0; c < S->n && k > 0; c++)
        if (R->candidates[c].fate == TALLY_FATE_ELECTED && R->candidates[c].stage == stage_no)
            list[st->n_elected++] = c;
    st->elected = list;
    return TALLY_OK;
}

/* Of set[0..k) (ballot order, equal votes now), the one with the highest
** (or lowest) votes at the most recent preceding stage at which they
** differed (r.49(2), r.51(2)), else by lot (r.49(3), r.51(2)(b)). */
static tally_status choose(stv *S, size_t *set, size_t k, int highest, size_t *out,
                           tally_stage *how)
{
    return tally_tie_recent(S->res, &S->lot, set, k, highest, out, how, S->err);
}

/* r.48: move every paper of c at surplus x value / total. */
static tally_status transfer_surplus(stv *S, size_t c)
{
    plist *l = &S->papers[c];
    int64_t total = S->total[c], surplus = total - S->quota, moved = 0;
    tally_status st;

    last_stage(S)->surplus = surplus;
    for (size_t i = 0; i < l->n; i++) {
        size_t r = l->r[i];
        int64_t w = S->pool->weights[r];
        int64_t v = (int64_t)((tally_i128)surplus * S->value[r] / total);
        long d;
        S->value[r] = v;
        moved += w * v;
        if (v == 0)
            continue; /* worth nothing wherever it goes */
        if ((d = next_pref(S, r)) < 0)
            S->exhausted += w * v;
        else if ((st = give(S, (size_t)d, r)) != TALLY_OK)
            return st;
    }
    S->lost += surplus - moved;
    S->total[c] = S->quota;
    S->pending[c] = 0;
    drop_papers(S, c);
    return TALLY_OK;
}

/* r.50: exclude c; every paper moves at the value it came in at. */
static tally_status exclude(stv *S, size_t c)
{
    plist *l = &S->papers[c];
    tally_status st;

    S->state[c] = EXCLUDED;
    S->continuing--;
    S->res->candidates[c].fate = TALLY_FATE_EXCLUDED;
    S->res->candidates[c].stage = S->res->n_stages;
    for (size_t i = 0; i < l->n; i++) {
        size_t r = l->r[i];
        long d = next_pref(S, r);
        if (d < 0)
            S->exhausted += S->pool->weights[r] * S->value[r];
        else if ((st = give(S, (size_t)d, r)) != TALLY_OK)
            return st;
    }
    S->total[c] = 0;
    drop_papers(S, c);
    return TALLY_OK;
}

/* r.45, r.46: first preferences and the quota. */
static tally_status first_stage(stv *S)
{
    const tally_pool *p = S->pool;
    tally_method_result *R = S->res;
    tally_status st;

    for (size_t r = 0; r < p->n_rankings; r++) {
        long c = next_pref(S, r);
        S->value[r] = TALLY_VOTE_UNIT;
        if (c < 0) {
            R->invalid += p->weights[r];
            continue;
        }
        R->valid += p->weights[r];
        if ((st = give(S, (size_t)c, r)) != TALLY_OK)
            return st;
    }
    S->quota = (R->valid / (R->seats + 1) + 1) * TALLY_VOTE_UNIT;
    R->quota = S->quota;
    if ((st = open_stage(S, TALLY_STAGE_FIRST, 0)) != TALLY_OK)
        return st;
    return close_stage(S);
}

/* One stage after the first: the largest surplus, else an exclusion. */
static tally_status next_stage(stv *S, size_t *set)
{
    tally_stage how;
    size_t k = 0, c = 0;
    int surplus = 0;
    int64_t best = 0;
    tally_status st;

    for (size_t i = 0; i < S->n; i++)
        if (S->pending[i] && (!surplus || S->total[i] >= best)) {
            if (!surplus || S->total[i] > best)
                k = 0;
            best = S->total[i];
            surplus = 1;
            set[k++] = i;
        }
    if (!surplus)
        for (size_t i = 0; i < S->n; i++)
            if (S->state[i] == CONTINUING && (k == 0 || S->total[i] <= best)) {
                if (k == 0 || S->total[i] < best)
                    k = 0;
                best = S->total[i];
                set[k++] = i;
            }
    memset(&how, 0, sizeof how);
    if ((st = choose(S, set, k, surplus, &c, &how)) != TALLY_OK ||
        (st = open_stage(S, surplus ? TALLY_STAGE_SURPLUS : TALLY_STAGE_EXCLUSION, c)) !=
            TALLY_OK)
        return st;
    last_stage(S)->choice = how.choice;
    last_stage(S)->choice_stage = how.choice_stage;
    last_stage(S)->n_tied = how.n_tied;
    st = surplus ? transfer_surplus(S, c) : exclude(S, c);
    return st != TALLY_OK ? st : close_stage(S);
}

static void stv_free(stv *S)
{
    if (S->papers)
        for (size_t c = 0; c < S->n; c++)
            tally_free(S->papers[c].r);
    tally_free(S->papers);
    tally_free(S->total);
    tally_free(S->state);
    tally_free(S->pending);
    tally_free(S->value);
    tally_free(S->pos);
}

static tally_status setup(stv *S, const tally_pool *pool, const tally_method_options *opt,
                          tally_method_result *R)
{
    size_t nr = pool->n_rankings ? pool->n_rankings : 1;

    S->n = pool->n_candidates;
    R->seats = opt && opt->seats > 0 ? opt->seats : pool->seats;
    if (R->seats < 1)
        return tally_error_set(S->err, TALLY_EINVAL, NULL, 0, 0,
                               "the number of seats is not given");
    if (pool->total > INT64_MAX / TALLY_VOTE_UNIT)
        return tally_error_set(S->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-5");
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
        tally_lot_init(&S->lot, opt->seed);
    }
    S->total = tally_calloc(S->n, sizeof *S->total);
    S->state = tally_calloc(S->n, 1);
    S->pending = tally_calloc(S->n, 1);
    S->papers = tally_calloc(S->n, sizeof *S->papers);
    S->value = tally_calloc(nr, sizeof *S->value);
    S->pos = tally_calloc(nr, sizeof *S->pos);
    R->candidates = tally_calloc(S->n, sizeof *R->candidates);
    R->elected = tally_calloc(S->n, sizeof *R->elected);
    if (!S->total || !S->state || !S->pending || !S->papers || !S->value || !S->pos ||
        !R->candidates || !R->elected)
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

tally_status tally_scottish_stv(const tally_pool *pool, const tally_method_options *opt,
                                tally_method_result **out, tally_error *err)
{
    tally_method_result *R;
    stv S;
    size_t *set = NULL;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&S, 0, sizeof S);
    S.pool = pool;
    S.err = err;
    if (!(R = tally_calloc(1, sizeof *R)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    R->pool = pool;
    R->method = "scottish-stv";
    S.res = R;
    if ((st = setup(&S, pool, opt, R)) == TALLY_OK && !(set = tally_malloc(S.n * sizeof *set)))
        st = nomem(&S);
    if (st == TALLY_OK)
        st = first_stage(&S);
    while (st == TALLY_OK && R->n_elected < (size_t)R->seats && S.continuing > 0)
        st = next_stage(&S, set);
    tally_free(set);
    stv_free(&S);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}
