/*
** Meek STV: the Proportional Representation Foundation's reference rule
** ("Reference Rule: Meek's Method", prfound.org, 2010), the rule droop (J.
** Lundell) counts as meek-prf. Its steps, numbered as in the text:
**
**   A    hopeful candidates get keep factor kf = 1, withdrawn ones 0;
**        omega = 0.000001
**   B.1  the count is complete when every seat is filled, or when the
**        elected and hopeful candidates are no more than the seats
**   B.2  iterate:
**     a  each paper starts with weight w = 1; for each candidate in order
**        of rank the candidate gets w x kf (9 places, rounded up) and w is
**        reduced by as much, until the ranking ends or w is 0
**     b  quota q = (sum of the votes) / (seats + 1), truncated to 9
**        places, + 0.000000001
**     c  every hopeful candidate with v >= q is elected
**     d  total surplus s = the sum over the elected of (v - q), not less
**        than 0
**     e  a candidate elected at c: back to B.1; otherwise s < omega, or
**        (after the first iteration) s >= the s of the iteration before:
**        on to B.3
**     f  each elected candidate's kf = kf x q (9 places, up) / v (9
**        places, up); back to a
**   B.3  defeat the hopeful candidate with the lowest vote; every hopeful
**        candidate within s of it is tied with it (procedure T); kf = 0
**   C    the count complete: the remaining hopeful candidates are elected
**        while seats remain, else defeated
**
** Arithmetic. Every figure is an int64 count of 10^-9 (the result's places
** are 9): kf and a paper's weight lie in [0, 10^9]; votes and the quota
** are at most 9.2 x 10^9 votes (a larger pool is refused, TALLY_ERANGE).
** Products are taken in 128 bits; "rounded up" is the ceiling of the exact
** quotient. Papers of one ranking are counted once and multiplied by their
** weight, as droop multiplies a ballot line's weight: the kept part of one
** paper is rounded, then multiplied. Sums are exact, so the candidates'
** votes and the residual (what no candidate kept) add up to the valid
** papers exactly; nothing is lost to rounding (a stage's lost is 0 and its
** exhausted figure is the residual).
**
** Stages. Stage 1 is the first preferences: the first iteration of B.2,
** with every kf 1, and whoever it elects. Every later stage is one round
** of B.2: an ITERATION stage after a round that elected, an EXCLUSION
** stage after B.3 defeated a candidate (kf 0 from the start of the stage,
** so the candidate's votes move as the stage iterates). A stage ends where
** B.2.e leaves the iteration, with the votes of its last iteration and its
** quota. Stage k is therefore droop's round k. When a defeat completes the
** count (C), it is a last EXCLUSION stage in which nothing moves: the
** defeated candidate's votes are shown as non-transferable, where droop
** shows them as residual, and the remaining candidates are elected there.
**
** Readings the rule leaves open, and what this file does:
**   - T, the tie-break, is the election's to define. A ballot file's [tie]
**     order defines it: the first of the tied in that order is defeated
**     (droop's procedure, which takes the order of the ballot file, assumed
**     random, when there is no [tie]); a tied candidate missing from [tie]
**     comes after those in it. Without [tie], a lot drawn from the seed
**     (lot.h), as tally decides every lot;
**   - B.2.c can find more hopefuls at the quota than seats left, when an
**     elected candidate has fallen below the quota (droop crashes on
**     stv-rs's elect_too_many): the seats go to the most votes, and of
**     those equal at the cut, procedure T passes over the ones it would
**     defeat;
**   - a kf above 1 (an elected candidate below the quota at B.2.f) would
**     let a paper give more than it has; kf is capped at 1;
**   - an elected candidate with no votes keeps its kf at B.2.f (no
**     division by 0);
**   - equal rankings ("a=b"), which the rule does not mention: the weight
**     reaching the position is split equally, truncated to 9 places, among
**     those of its candidates still in the count (what the truncation
**     leaves is kept by no one, as in droop); each keeps its kf share of
**     its part, and what they pass on together goes on to the next
**     position. droop splits the same way but follows each candidate's
**     remainder through the rest of the paper separately, and stops a
**     paper at a position whose candidates are all defeated; here such a
**     position is passed over, as a defeated candidate is;
**   - a candidate ranked a second time on a paper is passed over there;
**   - a paper with no candidate still standing is not a valid vote.
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/method.h"
#include "tally/num.h"
#include "stage.h"
#include "tie.h"

#define ONE INT64_C(1000000000)   /* 1 in units of 10^-9 */
#define OMEGA INT64_C(1000)       /* 0.000001 */

enum { HOPEFUL, ELECTED, DEFEATED, WITHDRAWN };

typedef struct meek {
    const tally_pool *pool;
    tally_method_result *res;
    tally_error *err;
    size_t n;
    unsigned char *state;
    int64_t *kf;
    int64_t *votes;
    int64_t quota, surplus, valid_units;
    unsigned char *valid;     /* per ranking: has a candidate standing */
    uint64_t *seen;           /* per candidate: stamp of the last paper */
    uint64_t stamp;
    size_t *list;             /* scratch, n */
    size_t cap_stages;
    size_t hopeful;
    tally_lot lot;
} meek;

static tally_status nomem(meek *M)
{
    return tally_error_set(M->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ceil(a * b / d) for non-negative a, b and positive d. */
static int64_t mul_div_up(int64_t a, int64_t b, int64_t d)
{
    tally_i128 p = (tally_i128)a * b;
    return (int64_t)((p + d - 1) / d);
}

/* B.2.a: every paper once, with the current keep factors. */
static void distribute(meek *M)
{
    const tally_pool *p = M->pool;
    int64_t sum = 0;

    memset(M->votes, 0, M->n * sizeof *M->votes);
    for (size_t r = 0; r < p->n_rankings; r++) {
        const uint32_t *pr = p->prefs + p->offsets[r];
        size_t len = p->offsets[r + 1] - p->offsets[r], i = 0;
        int64_t m = p->weights[r], w = ONE;

        if (!M->valid[r])
            continue;
        M->stamp++;
        while (i < len && w > 0) {
            size_t j = i + 1, f = 0;
            while (j < len && (pr[j] & TALLY_BALLOT_EQUAL))
                j++;
            for (size_t k = i; k < j; k++) {
                size_t c = TALLY_BALLOT_CANDIDATE(pr[k]);
                if (M->seen[c] == M->stamp)
                    continue; /* ranked before on this paper */
                M->seen[c] = M->stamp;
                if (M->kf[c] > 0)
                    M->list[f++] = c;
            }
            if (f > 0) {
                /* What the split truncates is kept by no one. */
                int64_t share = w / (int64_t)f, pass = 0;
                for (size_t k = 0; k < f; k++) {
                    int64_t keep = mul_div_up(share, M->kf[M->list[k]], ONE);
                    M->votes[M->list[k]] += keep * m;
                    pass += share - keep;
                }
                w = pass;
            }
            i = j;
        }
    }
    for (size_t c = 0; c < M->n; c++)
        sum += M->votes[c];
    /* B.2.b */
    M->quota = sum / (M->res->seats + 1) + 1;
}

/* Which of set[0..k) (ballot order) procedure T defeats; records how on
** the stage-to-be in how. */
static tally_status choose_defeat(meek *M, size_t *set, size_t k, size_t *out, tally_stage *how)
{
    const tally_pool *p = M->pool;
    tally_method_result *R = M->res;

    how->n_tied = k > 1 ? k : 0;
    how->choice = TALLY_CHOICE_CLEAR;
    if (k == 1) {
        *out = set[0];
        return TALLY_OK;
    }
    if (p->n_tie > 0) {
        tally_tie_by_order(p, set, k, out, how);
        return TALLY_OK;
    }
    if (!R->has_seed)
        return tally_error_set(M->err, TALLY_EINVAL, NULL, 0, 0,
                               "%zu candidates are tied for defeat at stage %zu and a lot must "
                               "decide between them: give a seed",
                               k, R->n_stages + 1);
    how->choice = TALLY_CHOICE_LOT;
    R->n_lots++;
    *out = set[tally_lot_draw(&M->lot, k)];
    return TALLY_OK;
}

static tally_status open_stage(meek *M, tally_stage_kind kind, size_t subject)
{
    if (tally_stage_open(M->res, &M->cap_stages, M->n, 1, kind, subject) != TALLY_OK)
        return nomem(M);
    return TALLY_OK;
}

/* The stage's figures as they stand. */
static void record(meek *M)
{
    tally_method_result *R = M->res;
    tally_stage *st = &R->stages[R->n_stages - 1];
    int64_t sum = 0;

    for (size_t c = 0; c < M->n; c++) {
        int gone = M->state[c] == WITHDRAWN ||
                   (M->state[c] == DEFEATED && R->candidates[c].stage < R->n_stages);
        st->votes[c] = gone ? TALLY_NONE : M->votes[c];
        sum += M->votes[c];
    }
    st->exhausted = M->valid_units - sum;
    st->lost = 0;
    st->surplus = M->surplus;
    st->quota = M->quota;
}

/* Elect list[0..k) at the current stage, most votes first. */
static void elect(meek *M, size_t *list, size_t k, int last_vacancy)
{
    tally_method_result *R = M->res;
    tally_stage *st = &R->stages[R->n_stages - 1];

    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && M->votes[list[j]] > M->votes[list[j - 1]]; j--) {
            size_t t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
    for (size_t i = 0; i < k; i++) {
        size_t c = list[i];
        M->state[c] = ELECTED;
        M->hopeful--;
        R->candidates[c].fate = TALLY_FATE_ELECTED;
        R->candidates[c].stage = R->n_stages;
        R->candidates[c].last_vacancy = last_vacancy;
        R->elected[R->n_elected++] = c;
    }
    /* The stage's list, in ballot order. */
    st->n_elected = 0;
    for (size_t c = 0; c < M->n; c++)
        if (R->candidates[c].fate == TALLY_FATE_ELECTED && R->candidates[c].stage == R->n_stages)
            st->elected[st->n_elected++] = c;
}

/* B.2.c: elect every hopeful at the quota (at most the seats left).
** Returns how many. */
static tally_status find_winners(meek *M, size_t *elected)
{
    tally_method_result *R = M->res;
    size_t k = 0, left = (size_t)R->seats - R->n_elected;
    size_t *set = M->list;
    tally_status st;

    *elected = 0;
    for (size_t c = 0; c < M->n; c++)
        if (M->state[c] == HOPEFUL && M->votes[c] >= M->quota)
            set[k++] = c;
    while (k > left) {
        /* The lowest of them, and those equal to it, are the cut. */
        size_t *low, m = 0, out = 0;
        int64_t v = M->votes[set[0]];
        tally_stage how;
        for (size_t i = 1; i < k; i++)
            if (M->votes[set[i]] < v)
                v = M->votes[set[i]];
        if (!(low = tally_malloc(k * sizeof *low)))
            return nomem(M);
        for (size_t i = 0; i < k; i++)
            if (M->votes[set[i]] == v)
                low[m++] = set[i];
        memset(&how, 0, sizeof how);
        st = choose_defeat(M, low, m, &out, &how);
        tally_free(low);
        if (st != TALLY_OK)
            return st;
        for (size_t i = 0, j = 0; i < k; i++)
            if (set[i] != out)
                set[j++] = set[i];
        k--;
    }
    if (k > 0) {
        size_t *copy = tally_malloc(k * sizeof *copy);
        if (!copy)
            return nomem(M);
        memcpy(copy, set, k * sizeof *copy);
        elect(M, copy, k, 0);
        tally_free(copy);
    }
    *elected = k;
    return TALLY_OK;
}

/* B.2.d */
static void total_surplus(meek *M)
{
    int64_t s = 0;

    for (size_t c = 0; c < M->n; c++)
        if (M->state[c] == ELECTED)
            s += M->votes[c] - M->quota;
    M->surplus = s > 0 ? s : 0;
}

/* B.2.f */
static void update_keep_factors(meek *M)
{
    for (size_t c = 0; c < M->n; c++) {
        int64_t kf;
        if (M->state[c] != ELECTED || M->votes[c] <= 0)
            continue;
        kf = mul_div_up(mul_div_up(M->kf[c], M->quota, ONE), ONE, M->votes[c]);
        M->kf[c] = kf < ONE ? kf : ONE;
    }
}

/* B.2: one round; *elected tells whether it ended by electing. */
static tally_status iterate(meek *M, int *elected)
{
    int64_t last = INT64_MAX;
    int first = 1;
    size_t k;
    tally_status st;

    for (;;) {
        distribute(M);
        if ((st = find_winners(M, &k)) != TALLY_OK)
            return st;
        total_surplus(M);
        if (k > 0) {
            *elected = 1;
            return TALLY_OK;
        }
        if (M->surplus < OMEGA || (!first && M->surplus >= last))
            break;
        last = M->surplus;
        first = 0;
        update_keep_factors(M);
    }
    *elected = 0;
    return TALLY_OK;
}

/* B.3: the candidate to defeat, and how ties were decided. */
static tally_status pick_defeat(meek *M, size_t *out, tally_stage *how)
{
    int64_t low = INT64_MAX;
    size_t k = 0;

    for (size_t c = 0; c < M->n; c++)
        if (M->state[c] == HOPEFUL && M->votes[c] < low)
            low = M->votes[c];
    for (size_t c = 0; c < M->n; c++)
        if (M->state[c] == HOPEFUL && M->votes[c] <= low + M->surplus)
            M->list[k++] = c;
    return choose_defeat(M, M->list, k, out, how);
}

static void defeat(meek *M, size_t c)
{
    M->state[c] = DEFEATED;
    M->kf[c] = 0;
    M->hopeful--;
    M->res->candidates[c].fate = TALLY_FATE_EXCLUDED;
    M->res->candidates[c].stage = M->res->n_stages + 1; /* its stage is next */
}

static int complete(meek *M)
{
    size_t left = (size_t)M->res->seats - M->res->n_elected;
    return left == 0 || M->hopeful <= left;
}

/* The end of a round that did not elect: B.3, and C when the defeat
** completes the count (a last stage in which nothing moves: the defeated
** candidate's votes are not transferred). */
static tally_status end_round(meek *M, size_t *defeated, tally_stage *how)
{
    tally_method_result *R = M->res;
    tally_status st;

    memset(how, 0, sizeof *how);
    if ((st = pick_defeat(M, defeated, how)) != TALLY_OK)
        return st;
    defeat(M, *defeated);
    if (!complete(M))
        return TALLY_OK;
    if ((st = open_stage(M, TALLY_STAGE_EXCLUSION, *defeated)) != TALLY_OK)
        return st;
    R->stages[R->n_stages - 1].choice = how->choice;
    R->stages[R->n_stages - 1].n_tied = how->n_tied;
    M->votes[*defeated] = 0;
    record(M);
    return TALLY_OK;
}

static tally_status count(meek *M)
{
    tally_method_result *R = M->res;
    tally_stage how;
    size_t defeated = SIZE_MAX, k;
    tally_status st;

    /* Stage 1 is droop's rounds 0 and 1: the first iteration of B.2 with
    ** every kf 1. With no one elected there, s is 0 and B.3 follows. */
    distribute(M);
    R->quota = M->quota;
    if ((st = open_stage(M, TALLY_STAGE_FIRST, 0)) != TALLY_OK ||
        (st = find_winners(M, &k)) != TALLY_OK)
        return st;
    total_surplus(M);
    record(M);
    memset(&how, 0, sizeof how);
    if (k == 0 && !complete(M) && (st = end_round(M, &defeated, &how)) != TALLY_OK)
        return st;
    while (!complete(M)) {
        int elected = 0;
        tally_stage *s;
        if ((st = open_stage(M, defeated == SIZE_MAX ? TALLY_STAGE_ITERATION
                                                     : TALLY_STAGE_EXCLUSION,
                             defeated == SIZE_MAX ? 0 : defeated)) != TALLY_OK)
            return st;
        s = &R->stages[R->n_stages - 1];
        s->choice = how.choice;
        s->n_tied = how.n_tied;
        if ((st = iterate(M, &elected)) != TALLY_OK)
            return st;
        record(M);
        defeated = SIZE_MAX;
        memset(&how, 0, sizeof how);
        if (!elected && !complete(M) && (st = end_round(M, &defeated, &how)) != TALLY_OK)
            return st;
    }
    /* C.1: the remaining hopefuls take the seats left. */
    k = 0;
    if ((size_t)R->seats > R->n_elected)
        for (size_t c = 0; c < M->n; c++)
            if (M->state[c] == HOPEFUL)
                M->list[k++] = c;
    if (k > 0)
        elect(M, M->list, k, 1);
    return TALLY_OK;
}

static tally_status setup(meek *M, const tally_pool *pool, const tally_method_options *opt)
{
    tally_method_result *R = M->res;
    size_t nr = pool->n_rankings ? pool->n_rankings : 1;

    M->n = pool->n_candidates;
    R->seats = opt && opt->seats > 0 ? opt->seats : pool->seats;
    if (R->seats < 1)
        return tally_error_set(M->err, TALLY_EINVAL, NULL, 0, 0,
                               "the number of seats is not given");
    if (pool->total > INT64_MAX / ONE)
        return tally_error_set(M->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-9");
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
        tally_lot_init(&M->lot, opt->seed);
    }
    M->state = tally_calloc(M->n, 1);
    M->kf = tally_calloc(M->n, sizeof *M->kf);
    M->votes = tally_calloc(M->n, sizeof *M->votes);
    M->seen = tally_calloc(M->n, sizeof *M->seen);
    M->list = tally_calloc(M->n, sizeof *M->list);
    M->valid = tally_calloc(nr, 1);
    R->candidates = tally_calloc(M->n, sizeof *R->candidates);
    R->elected = tally_calloc(M->n, sizeof *R->elected);
    if (!M->state || !M->kf || !M->votes || !M->seen || !M->list || !M->valid ||
        !R->candidates || !R->elected)
        return nomem(M);
    for (size_t c = 0; c < M->n; c++) {
        if (pool->withdrawn[c]) {
            M->state[c] = WITHDRAWN;
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
        } else {
            M->kf[c] = ONE;
            M->hopeful++;
        }
    }
    for (size_t r = 0; r < pool->n_rankings; r++) {
        for (size_t i = pool->offsets[r]; i < pool->offsets[r + 1] && !M->valid[r]; i++)
            M->valid[r] = !pool->withdrawn[TALLY_BALLOT_CANDIDATE(pool->prefs[i])];
        if (M->valid[r])
            R->valid += pool->weights[r];
        else
            R->invalid += pool->weights[r];
    }
    M->valid_units = R->valid * ONE;
    return TALLY_OK;
}

static void meek_free(meek *M)
{
    tally_free(M->state);
    tally_free(M->kf);
    tally_free(M->votes);
    tally_free(M->seen);
    tally_free(M->list);
    tally_free(M->valid);
}

tally_status tally_meek(const tally_pool *pool, const tally_method_options *opt,
                        tally_method_result **out, tally_error *err)
{
    tally_method_result *R;
    meek M;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&M, 0, sizeof M);
    M.pool = pool;
    M.err = err;
    if (!(R = tally_calloc(1, sizeof *R)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    R->pool = pool;
    R->method = "meek";
    R->places = 9;
    M.res = R;
    if ((st = setup(&M, pool, opt)) == TALLY_OK)
        st = count(&M);
    meek_free(&M);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}
