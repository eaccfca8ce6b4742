/*
** Instant-runoff voting, one seat, as US ranked-choice tabulators count it
** (RCTab, the certified tabulator, whose regression suite is in
** ../shared/data/irv/rctab; its rule names are given in method.h):
**
**   1  each valid paper counts for its first choice: the first rank that
**      marks one continuing candidate, read by the overvote, skipped-rank
**      and repeat rules of tally_irv_options;
**   2  a candidate with more than half of the votes of continuing
**      candidates (papers not yet exhausted) is elected;
**   3  otherwise the candidate with fewest votes is excluded, and each of
**      their papers moves to its next choice, or is exhausted; with batch
**      elimination, every candidate of the lowest group whose votes
**      together are fewer than the next candidate's is excluded at once
**      (a stage each, lowest first; a paper passes over the others of the
**      batch);
**   4  equal fewest: the one with fewer votes at the most recent earlier
**      stage at which they differed; equal at every stage: by lot from the
**      seed (lot.h), among them in ballot order; with tie_by_order, the
**      first of them in the pool's tie order (RCTab's useCandidateOrder);
**      with tie_by_draw, by RCTab's random draw (choose, jrandom.h), or
**      by the earlier stages and then that draw;
**   5  one continuing candidate left: elected (the last vacancy);
**   W  with has_write_in, the undeclared write-ins are excluded at the
**      first round, before rule 2 is applied (method.h); with no papers,
**      and write_in_declared, they are a candidate like any other;
**   T  with until_two, first_threshold or stop_after, RCTab's rules of
**      those names (method.h, RCTab 2.0's Tabulator): the threshold
**      (half the continuing votes, rounded down, plus one) is the first
**      stage's throughout with first_threshold, and stays the one the
**      winner was elected at with until_two; rule 2 is then "at least the
**      threshold", and of the last two, neither at it, the one with more
**      votes is elected (first_threshold); until_two counts on after the
**      election as rule 3 until two are left, the one elected continuing
**      (receiving papers, never excluded); stop_after ends the count
**      after that many of RCTab's rounds;
**   O  with TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE, an overvote counts for its
**      one continuing candidate, exhausts the paper with two or more, and
**      is passed over with none.
**
** A paper with no first choice is not valid (result->invalid). Each stage
** reports the papers counting for no one by why (method.h, tally_inactive:
** RCTab's inactive ballots), those with no first choice included. The quota
** reported is the majority of the final stage: half the continuing votes,
** rounded down, plus one. Papers travel whole, so every figure is a whole
** number of papers (held in units, TALLY_VOTE_UNIT, as every method's);
** nothing is lost to rounding.
**
** Limits: one seat (multi-seat RCV is another method); the skipped-rank
** rule is the reader's (method.h); a candidate withdrawn before the poll
** is no mark (a rank marking only withdrawn candidates is passed over as
** blank; one marking a withdrawn and one other candidate is no overvote).
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/jrandom.h"
#include "tally/lot.h"
#include "tally/method.h"
#include "stage.h"
#include "tie.h"

/* PENDING: in a batch being excluded, its papers not yet moved (they
** count for it until its stage; no paper moves to it). */
enum { CONTINUING, ELECTED, EXCLUDED, WITHDRAWN, PENDING };

typedef struct pile {
    uint32_t *r;       /* rankings whose papers the candidate holds */
    size_t n, cap;
} pile;

typedef struct irv {
    const tally_pool *pool;
    const tally_irv_options *o;
    tally_method_result *res;
    tally_error *err;
    size_t n;
    int64_t *total;           /* papers */
    unsigned char *state;
    uint32_t *pos;            /* per ranking: start of the rank it counts at */
    uint32_t *seen;           /* per candidate: stamp of the last scan */
    uint32_t stamp;
    pile *piles;
    size_t continuing;
    int64_t exhausted;        /* papers */
    int64_t inactive[TALLY_INACTIVE_KINDS]; /* papers, by why */
    tally_lot lot;
    tally_jrandom draw;       /* tie_by_draw: the count's one generator */
    size_t cap_stages;
    size_t decisions;         /* RCTab's rounds decided: an exclusion (or
                                 batch), or an election (rule T) */
    int64_t threshold;        /* rule T: the last stage's, papers */
} irv;

static tally_status nomem(irv *V)
{
    return tally_error_set(V->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Candidate c can receive papers: continuing, or elected and counted on
** past the election (rule T, until_two). */
static int live(const irv *V, size_t c)
{
    return V->state[c] == CONTINUING || (V->o->until_two && V->state[c] == ELECTED);
}

/* Mark the candidates of pr[from..to) as seen in this scan. */
static void see(irv *V, const uint32_t *pr, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        V->seen[TALLY_BALLOT_CANDIDATE(pr[k])] = V->stamp;
}

/* The choice of ranking r from pos[r] on (rule 1), or -1 when the paper is
** exhausted, with *why the reason. Moves pos[r] to the rank it counts at. */
static long next_choice(irv *V, size_t r, tally_inactive *why)
{
    const tally_pool *p = V->pool;
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t len = p->offsets[r + 1] - p->offsets[r], i = V->pos[r];
    int dup = V->o->duplicate == TALLY_DUPLICATE_EXHAUST;

    if (dup) {
        if (++V->stamp == 0) { /* wrapped: forget every old stamp */
            memset(V->seen, 0, V->n * sizeof *V->seen);
            V->stamp = 1;
        }
        see(V, pr, 0, i);
    }
    while (i < len) {
        size_t j = i + 1, marked = 0, c = 0, alive = 0, a = 0;
        while (j < len && (pr[j] & TALLY_BALLOT_EQUAL))
            j++;
        for (size_t k = i; k < j; k++) {
            size_t d = TALLY_BALLOT_CANDIDATE(pr[k]);
            if (V->state[d] == WITHDRAWN || (marked && d == c))
                continue;
            if (dup && V->seen[d] == V->stamp) {
                *why = TALLY_INACTIVE_REPEATED;
                goto exhausted;
            }
            c = d;
            marked++;
            if (live(V, d) && !(alive && d == a)) {
                a = d;
                alive++;
            }
        }
        if (dup)
            see(V, pr, i, j);
        if (marked > 1 && (V->o->overvote == TALLY_OVERVOTE_EXHAUST ||
                           (V->o->overvote == TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE && alive > 1))) {
            *why = TALLY_INACTIVE_OVERVOTE;
            goto exhausted;
        }
        if (marked > 1 && V->o->overvote == TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE && alive == 1) {
            c = a; /* rule O: the one continuing candidate */
            marked = 1;
        }
        if (marked == 1 && live(V, c)) {
            V->pos[r] = (uint32_t)i;
            return (long)c;
        }
        i = j; /* blank, passed-over overvote, or no longer continuing */
    }
    /* The marks ran out: where the reader ended the paper, why it did. */
    *why = p->ends[r] == TALLY_END_SKIPPED    ? TALLY_INACTIVE_SKIPPED
           : p->ends[r] == TALLY_END_OVERVOTE ? TALLY_INACTIVE_OVERVOTE
                                              : TALLY_INACTIVE_EXHAUSTED;
exhausted:
    V->pos[r] = (uint32_t)len;
    return -1;
}

static tally_status give(irv *V, size_t c, size_t r)
{
    pile *l = &V->piles[c];

    if (!tally_grow(&l->r, &l->cap, l->n, sizeof *l->r))
        return nomem(V);
    l->r[l->n++] = (uint32_t)r;
    V->total[c] += V->pool->weights[r];
    return TALLY_OK;
}

static tally_status open_stage(irv *V, tally_stage_kind kind, size_t subject)
{
    if (tally_stage_open(V->res, &V->cap_stages, V->n, 0, kind, subject) != TALLY_OK)
        return nomem(V);
    return TALLY_OK;
}

/* Rule T: RCTab's threshold at a stage with active continuing papers. */
static int64_t threshold_of(const irv *V, int64_t active)
{
    const tally_method_result *R = V->res;

    if ((V->o->first_threshold && R->n_stages > 1) || (V->o->until_two && R->n_elected > 0))
        return V->threshold;
    return active / 2 + 1;
}

static void elect(irv *V, tally_stage *st, size_t winner)
{
    tally_method_result *R = V->res;

    V->state[winner] = ELECTED;
    V->continuing--;
    V->decisions++;
    R->candidates[winner].fate = TALLY_FATE_ELECTED;
    R->candidates[winner].stage = R->n_stages;
    R->elected[R->n_elected++] = winner;
    st->elected[st->n_elected++] = winner;
}

/* End of a stage: record it; unless inside a batch, elect a candidate
** with a majority of the continuing votes (rule 2) or the last one left
** (rule 5), or as rule T says. */
static tally_status close_stage(irv *V, int decide)
{
    tally_method_result *R = V->res;
    tally_stage *st = &R->stages[R->n_stages - 1];
    size_t stage_no = R->n_stages;
    int64_t active = 0;
    long winner = -1;
    int ruled = V->o->until_two || V->o->first_threshold;

    for (size_t c = 0; c < V->n; c++) {
        int gone = V->state[c] == WITHDRAWN ||
                   (V->state[c] == EXCLUDED && R->candidates[c].stage < stage_no);
        st->votes[c] = gone ? TALLY_NONE : V->total[c] * TALLY_VOTE_UNIT;
        if (live(V, c) || V->state[c] == PENDING)
            active += V->total[c];
    }
    st->exhausted = V->exhausted * TALLY_VOTE_UNIT;
    memcpy(st->inactive, V->inactive, sizeof st->inactive);
    if (active + V->exhausted != R->valid)
        return tally_error_set(V->err, TALLY_ERANGE, NULL, 0, 0,
                               "internal error: stage %zu does not add up to the valid votes",
                               stage_no);
    if (!(st->elected = tally_malloc(sizeof *st->elected)))
        return nomem(V);
    V->threshold = threshold_of(V, active);
    R->quota = V->threshold * TALLY_VOTE_UNIT;
    if (ruled) /* the threshold moves otherwise than with the stage */
        st->quota = R->quota;
    if (!decide)
        return TALLY_OK;
    if (V->o->stop_after && V->decisions >= V->o->stop_after)
        return TALLY_OK; /* rule T: the count has stopped */
    if (R->n_elected > 0)
        return TALLY_OK; /* rule T: counted on past the election */
    for (size_t c = 0; c < V->n && winner < 0; c++)
        if (V->state[c] == CONTINUING &&
            (ruled ? V->total[c] >= V->threshold : 2 * V->total[c] > active))
            winner = (long)c;
    for (size_t c = 0; c < V->n && winner < 0 && V->continuing == 1; c++)
        if (V->state[c] == CONTINUING) {
            winner = (long)c;
            R->candidates[c].last_vacancy = 1;
        }
    if (winner < 0 && V->o->first_threshold && V->continuing == 2) {
        /* rule T: the last two, neither at the threshold: the one with more
        ** votes (equal, rule 4 excludes one and rule 5 elects the other) */
        size_t two[2], k = 0;
        for (size_t c = 0; c < V->n; c++)
            if (V->state[c] == CONTINUING)
                two[k++] = c;
        if (V->total[two[0]] != V->total[two[1]])
            winner = (long)(V->total[two[0]] > V->total[two[1]] ? two[0] : two[1]);
    }
    if (winner >= 0)
        elect(V, st, (size_t)winner);
    return TALLY_OK;
}

/* RCTab's tiebreakMode random (Tabulator.java, Tiebreak.java doRandom):
** the equal candidates in name order (Java's String order; strcmp is the
** same for names whose UTF-8 holds no character above U+FFFF), and
** floor(nextDouble() * k) from the count's one generator names the one
** excluded. When they are the last two, RCTab's draw names the one elected
** in that round instead (identifyWinners), so the other is excluded here
** and rule 5 elects the one drawn a stage later. The set is reordered. */
static tally_status choose_by_draw(irv *V, size_t *set, size_t k, size_t *out,
                                   tally_stage *how)
{
    const tally_pool *p = V->pool;
    size_t i;

    for (size_t a = 1; a < k; a++)
        for (size_t j = a; j > 0 && p->names && strcmp(p->names[set[j]], p->names[set[j - 1]]) < 0;
             j--) {
            size_t t = set[j];
            set[j] = set[j - 1];
            set[j - 1] = t;
        }
    i = tally_jrandom_pick(&V->draw, k);
    if (k == 2 && V->continuing == 2 && V->res->n_elected == 0)
        i = 1 - i;
    *out = set[i];
    how->n_tied = k;
    how->choice = TALLY_CHOICE_LOT;
    return TALLY_OK;
}

/* Rule 4: of set[0..k) (ballot order, equal fewest votes now), the one
** with fewest votes at the most recent earlier stage at which they
** differed, else by lot. */
static tally_status choose(irv *V, size_t *set, size_t k, size_t *out, tally_stage *how)
{
    if (V->o->tie_by_order && V->pool->n_tie > 0) { /* RCTab's useCandidateOrder */
        tally_tie_by_order(V->pool, set, k, out, how);
        return TALLY_OK;
    }
    if (V->o->tie_by_draw == 1 && k > 1) /* RCTab's random */
        return choose_by_draw(V, set, k, out, how);
    /* previousRoundCountsThenRandom. Limit: with batch elimination a batch
    ** is several stages here and one round in RCTab, so the stages looked
    ** back on are not RCTab's rounds. */
    if (V->o->tie_by_draw == 2 && k > 1) {
        size_t *all = tally_malloc(k * sizeof *all), m;
        tally_status st = TALLY_OK;
        if (!all)
            return nomem(V);
        memcpy(all, set, k * sizeof *all);
        if ((m = tally_tie_recent_narrow(V->res, set, k, 0, how)) == 1)
            *out = set[0];
        else /* RCTab draws over every equal candidate, not those left */
            st = choose_by_draw(V, all, k, out, how);
        tally_free(all);
        return st;
    }
    return tally_tie_recent(V->res, &V->lot, set, k, 0, out, how, V->err);
}

/* Rule 3: exclude c; every paper moves to its next choice. */
static tally_status exclude(irv *V, size_t c)
{
    pile *l = &V->piles[c];
    tally_status st;

    V->state[c] = EXCLUDED;
    V->continuing--;
    V->res->candidates[c].fate = TALLY_FATE_EXCLUDED;
    V->res->candidates[c].stage = V->res->n_stages;
    for (size_t i = 0; i < l->n; i++) {
        size_t r = l->r[i];
        tally_inactive why;
        long d = next_choice(V, r, &why);
        if (d < 0) {
            V->exhausted += V->pool->weights[r];
            V->inactive[why] += V->pool->weights[r];
        } else if ((st = give(V, (size_t)d, r)) != TALLY_OK) {
            return st;
        }
    }
    V->total[c] = 0;
    tally_free(l->r);
    memset(l, 0, sizeof *l);
    return TALLY_OK;
}

/* Continuing candidates (the elected too, counted on past the election)
** by votes, fewest first, then ballot order, into set; returns how many. */
static size_t by_votes(irv *V, size_t *set)
{
    size_t k = 0;

    for (size_t c = 0; c < V->n; c++)
        if (live(V, c)) {
            size_t j = k++;
            for (; j > 0 && V->total[set[j - 1]] > V->total[c]; j--)
                set[j] = set[j - 1];
            set[j] = c;
        }
    return k;
}

/* Rule 3 with batch elimination: how many of the lowest (set, fewest
** first) go together; 0 or 1 means no batch. */
static size_t batch_size(irv *V, const size_t *set, size_t k)
{
    int64_t sum = 0;
    size_t b = 0, before = 0;

    for (size_t i = 0; i + 1 < k; i++) {
        sum += V->total[set[i]];
        if (sum < V->total[set[i + 1]]) {
            before = b;
            b = i + 1;
        }
    }
    /* Rule T, until_two: a batch never leaves one alone; the batch before
    ** the last one grew, as RCTab's runBatchElimination takes. */
    return V->o->until_two && b + 1 == k ? before : b;
}

/* One round after the first: an exclusion, or a batch of them. */
static tally_status next_round(irv *V, size_t *set)
{
    size_t k = by_votes(V, set), b = V->o->batch ? batch_size(V, set, k) : 0, m = 0, c = 0;
    tally_stage how;
    tally_status st;

    V->decisions++;
    if (b > 1) {
        /* Excluded together: a paper of one passes over the others, as it
        ** would were they all excluded at once (RCTab's transfers). */
        for (size_t i = 0; i < b; i++)
            V->state[set[i]] = PENDING;
        for (size_t i = 0; i < b; i++) {
            if ((st = open_stage(V, TALLY_STAGE_EXCLUSION, set[i])) != TALLY_OK ||
                (st = exclude(V, set[i])) != TALLY_OK ||
                (st = close_stage(V, i + 1 == b)) != TALLY_OK)
                return st;
            V->res->stages[V->res->n_stages - 1].continues = i + 1 < b;
        }
        return TALLY_OK;
    }
    for (size_t i = 0; i < k; i++) /* the elected are never excluded */
        if (V->state[set[i]] == CONTINUING)
            set[m++] = set[i];
    k = m;
    m = 0;
    while (m < k && V->total[set[m]] == V->total[set[0]])
        m++;
    for (size_t i = 1; i < m; i++) /* the equal fewest, in ballot order */
        for (size_t j = i; j > 0 && set[j] < set[j - 1]; j--) {
            size_t t = set[j];
            set[j] = set[j - 1];
            set[j - 1] = t;
        }
    memset(&how, 0, sizeof how);
    if ((st = choose(V, set, m, &c, &how)) != TALLY_OK ||
        (st = open_stage(V, TALLY_STAGE_EXCLUSION, c)) != TALLY_OK)
        return st;
    V->res->stages[V->res->n_stages - 1].choice = how.choice;
    V->res->stages[V->res->n_stages - 1].choice_stage = how.choice_stage;
    V->res->stages[V->res->n_stages - 1].n_tied = how.n_tied;
    if ((st = exclude(V, c)) != TALLY_OK)
        return st;
    return close_stage(V, 1);
}

static tally_status first_round(irv *V)
{
    const tally_pool *p = V->pool;
    tally_method_result *R = V->res;
    tally_status st;

    for (size_t r = 0; r < p->n_rankings; r++) {
        tally_inactive why;
        long c = next_choice(V, r, &why);
        if (c < 0) {
            R->invalid += p->weights[r];
            if (p->offsets[r + 1] > p->offsets[r] || p->ends[r] != TALLY_END_MARKS)
                V->inactive[why] += p->weights[r]; /* marked, or ended: not blank */
            continue;
        }
        R->valid += p->weights[r];
        if ((st = give(V, (size_t)c, r)) != TALLY_OK)
            return st;
    }
    if ((st = open_stage(V, TALLY_STAGE_FIRST, 0)) != TALLY_OK)
        return st;
    if (V->o->has_write_in && V->o->write_in < V->n && V->state[V->o->write_in] == CONTINUING) {
        size_t w = V->o->write_in;
        if (V->total[w] == 0 && V->o->write_in_declared) {
            /* rule W, declared and with no papers: a candidate like any
            ** other, excluded as the fewest (RCTab drops only write-ins
            ** with papers before anyone can win) */
        } else if (V->total[w] == 0) { /* rule W: out at the first stage, with nothing */
            V->state[w] = EXCLUDED;
            V->continuing--;
            R->candidates[w].fate = TALLY_FATE_EXCLUDED;
            R->candidates[w].stage = 1;
        } else {
            if ((st = close_stage(V, 0)) != TALLY_OK ||
                (st = open_stage(V, TALLY_STAGE_EXCLUSION, w)) != TALLY_OK ||
                (st = exclude(V, w)) != TALLY_OK)
                return st;
            V->decisions++;
        }
    }
    return close_stage(V, 1);
}

static tally_status setup(irv *V, const tally_pool *pool, const tally_method_options *opt)
{
    tally_method_result *R = V->res;
    size_t nr = pool->n_rankings ? pool->n_rankings : 1;
    int seats = opt && opt->seats > 0 ? opt->seats : pool->seats;

    if (seats > 1)
        return tally_error_set(V->err, TALLY_EINVAL, NULL, 0, 0,
                               "irv fills one seat, not %d (give --seats 1 to count a "
                               "several-seat ballot file as a one-seat contest)", seats);
    R->seats = 1;
    if (pool->total > INT64_MAX / TALLY_VOTE_UNIT)
        return tally_error_set(V->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-5");
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
        tally_lot_init(&V->lot, opt->seed);
    }
    if (V->o->tie_by_draw)
        tally_jrandom_init(&V->draw, V->o->draw_seed);
    V->n = pool->n_candidates;
    V->total = tally_calloc(V->n, sizeof *V->total);
    V->state = tally_calloc(V->n, 1);
    V->seen = tally_calloc(V->n, sizeof *V->seen);
    V->piles = tally_calloc(V->n, sizeof *V->piles);
    V->pos = tally_calloc(nr, sizeof *V->pos);
    R->candidates = tally_calloc(V->n, sizeof *R->candidates);
    R->elected = tally_calloc(1, sizeof *R->elected);
    if (!V->total || !V->state || !V->seen || !V->piles || !V->pos || !R->candidates ||
        !R->elected)
        return nomem(V);
    for (size_t c = 0; c < V->n; c++) {
        if (pool->withdrawn[c]) {
            V->state[c] = WITHDRAWN;
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
        } else {
            V->continuing++;
        }
    }
    return TALLY_OK;
}

static void irv_free(irv *V)
{
    if (V->piles)
        for (size_t c = 0; c < V->n; c++)
            tally_free(V->piles[c].r);
    tally_free(V->piles);
    tally_free(V->total);
    tally_free(V->state);
    tally_free(V->seen);
    tally_free(V->pos);
}

tally_status tally_irv(const tally_pool *pool, const tally_method_options *opt,
                       tally_method_result **out, tally_error *err)
{
    const tally_irv_options *o = opt ? opt->irv : NULL;
    static const tally_irv_options defaults;
    tally_method_result *R;
    irv V;
    size_t *set = NULL;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&V, 0, sizeof V);
    V.pool = pool;
    V.o = o ? o : &defaults;
    V.err = err;
    if (!(R = tally_calloc(1, sizeof *R)))
        return nomem(&V);
    R->pool = pool;
    R->method = "irv";
    V.res = R;
    if ((st = setup(&V, pool, opt)) == TALLY_OK && !(set = tally_malloc(V.n * sizeof *set)))
        st = nomem(&V);
    if (st == TALLY_OK)
        st = first_round(&V);
    while (st == TALLY_OK && !(V.o->stop_after && V.decisions >= V.o->stop_after) &&
           ((R->n_elected == 0 && V.continuing > 0) ||
            (V.o->until_two && R->n_elected > 0 && V.continuing + R->n_elected > 2)))
        st = next_round(&V, set);
    tally_free(set);
    irv_free(&V);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}

