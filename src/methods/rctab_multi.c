/*
** RCTab's several-seat modes (include/tally/rctab_multi.h), counted as
** RCTab's tabulator counts them: RCTab v1.3.2 Section 25 (the
** configuration's winnerElectionMode, numberOfWinners,
** decimalPlacesForVoteArithmetic, nonIntegerWinningThreshold, hareQuota,
** multiSeatBottomsUpPercentageThreshold), and for the Minneapolis Park
** Board the Minneapolis Code of Ordinances ch. 167 (167.20 threshold,
** 167.70 tabulation of multiple seats: surplus by fractional transfer,
** defeat of the lowest). Rules, numbered as in docs/rules.md:
**
**   RM1  each round counts every paper afresh for its first continuing
**        choice at its value (1 until it helps elect), by irv's reading
**        of overvotes, skipped ranks and repeats (irv.c rule 1);
**   RM2  the threshold is floor(V / (seats + 1)) + 1 of the first
**        round's votes V, or with nonIntegerWinningThreshold the same to
**        decimalPlacesForVoteArithmetic places plus one unit of the last;
**        with hareQuota V / seats rounded up; it is fixed at round 1;
**   RM3  every continuing candidate at or above the threshold is elected
**        (multiWinnerAllowOnlyOneWinnerPerRound: the one with most votes;
**        equal most by the tiebreakMode); with the continuing candidates
**        no more than the seats unfilled, all are elected; no one while
**        the undeclared write-ins hold votes;
**   RM4  a winner's surplus fraction is (votes - threshold) / votes cut to
**        the places; each of their papers keeps value x fraction, cut to
**        the places, to move on in the next round, and leaves the rest
**        with the winner;
**   RM5  in the round after an election a winner's votes are what their
**        papers left with them; what exceeds the threshold is residual
**        surplus (lost to the cutting) and the winner stands at the
**        threshold;
**   RM6  with no one elected: the undeclared write-ins are excluded if
**        they hold votes, else a batch (batchElimination), else the lowest,
**        equal lowest by the tiebreakMode;
**   RM7  once every seat is filled, one more round moves the last
**        winners' surpluses: a paper whose candidate is no longer
**        continuing counts as final round surplus, and the count ends;
**   RM8  bottomsUp: no one is elected by the threshold; the lowest are
**        excluded until the continuing candidates are as many as the
**        seats, who are elected; no surplus moves;
**   RM9  bottomsUpUsingPercentageThreshold: the threshold is the share of
**        each round's votes (of the first round's with
**        doesFirstRoundDetermineThreshold); when every continuing
**        candidate has more, all are elected; otherwise the lowest is
**        excluded (with cutoffElimination, every candidate below the
**        threshold at once).
**
** Equalities (RCTab's Tiebreak): useCandidateOrder and generatePermutation
** by the pool's tie order (the loser first listed, the winner last);
** random by one java.util.Random from randomSeed, one draw per equality
** over the equal in name order (jrandom.h); previousRoundCountsThenRandom
** by the most recent earlier round at which they differed, then that
** draw over all the equal (as irv.c); any other mode by the earlier
** rounds, then tally's lot from the seed.
**
** Papers with the same ranking have the same history, so each ranking of
** the pool is counted once at its weight: every figure is a sum of
** weight x value, exact. Limits: places 1 to 9; RCTab's order for
** candidates equal at a round (a Java HashMap's) is replaced by ballot
** order where only its report's order depends on it.
*/
#include <string.h>

#include "rctab_dec.h"
#include "tally/alloc.h"
#include "tally/jrandom.h"
#include "tally/lot.h"
#include "tally/rctab_multi.h"
#include "stage.h"
#include "tie.h"

enum { CONTINUING, WON, OUT, ABSENT };
enum { ACTIVE = -1, BLANK = TALLY_RCTAB_STATUSES };

struct tally_rctab_multi {
    const tally_pool *pool;
    const tally_irv_options *o;
    tally_rctab_multi_rules rules;
    tally_error *err;
    size_t n, uwi;                /* candidates; the write-ins, or n */
    unsigned char *state;
    size_t *won_round;            /* 1-based round of election */
    tally_rctab_dec *kept;        /* per winner: value their papers left */
    size_t n_won;
    /* per ranking */
    tally_rctab_dec *value;
    long *rec;                    /* the candidate it counts for, or -1 */
    signed char *status;          /* ACTIVE, a tally_inactive, FINAL, BLANK */
    uint32_t *pos;
    uint32_t *seen, stamp;        /* per candidate: repeat scans */
    size_t n_rounds, cap_rounds, cap_transfers; /* room: rounds; the round's moves */
    tally_rctab_round *rounds;
    int64_t blank, first_inactive; /* papers: no mark; counting for no one at round 1 */
    tally_jrandom draw;
    tally_lot lot;
    int has_seed;
    tally_method_result *res;
    size_t cap_stages;
};

static tally_status nomem(tally_rctab_multi *M)
{
    return tally_error_set(M->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

int tally_rctab_multi_moves_surplus(const tally_rctab_multi_rules *u)
{
    return u->seats > 1 &&
           (u->mode == TALLY_RCTAB_MULTIPLE_PER_ROUND || u->mode == TALLY_RCTAB_ONE_PER_ROUND);
}

static int uses_surplus(const tally_rctab_multi *M)
{
    return tally_rctab_multi_moves_surplus(&M->rules);
}

/* RM1: the choice of ranking r from pos[r] on, or -1 with *why; as irv.c's
** next_choice, continuing meaning neither elected, excluded nor absent. */
static long next_choice(tally_rctab_multi *M, size_t r, tally_inactive *why)
{
    const tally_pool *p = M->pool;
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t len = p->offsets[r + 1] - p->offsets[r], i = M->pos[r];
    int dup = M->o->duplicate == TALLY_DUPLICATE_EXHAUST;

    if (dup) {
        if (++M->stamp == 0) {
            memset(M->seen, 0, M->n * sizeof *M->seen);
            M->stamp = 1;
        }
        for (size_t k = 0; k < i; k++)
            M->seen[TALLY_BALLOT_CANDIDATE(pr[k])] = M->stamp;
    }
    while (i < len) {
        size_t j = i + 1, marked = 0, c = 0;
        while (j < len && (pr[j] & TALLY_BALLOT_EQUAL))
            j++;
        for (size_t k = i; k < j; k++) {
            size_t d = TALLY_BALLOT_CANDIDATE(pr[k]);
            if (M->state[d] == ABSENT || (marked && d == c))
                continue;
            if (dup && M->seen[d] == M->stamp) {
                *why = TALLY_INACTIVE_REPEATED;
                goto exhausted;
            }
            c = d;
            marked++;
        }
        if (dup)
            for (size_t k = i; k < j; k++)
                M->seen[TALLY_BALLOT_CANDIDATE(pr[k])] = M->stamp;
        if (marked > 1 && M->o->overvote == TALLY_OVERVOTE_EXHAUST) {
            *why = TALLY_INACTIVE_OVERVOTE;
            goto exhausted;
        }
        if (marked == 1 && M->state[c] == CONTINUING) {
            M->pos[r] = (uint32_t)i;
            return (long)c;
        }
        i = j;
    }
    *why = p->ends[r] == TALLY_END_SKIPPED    ? TALLY_INACTIVE_SKIPPED
           : p->ends[r] == TALLY_END_OVERVOTE ? TALLY_INACTIVE_OVERVOTE
                                              : TALLY_INACTIVE_EXHAUSTED;
exhausted:
    M->pos[r] = (uint32_t)len;
    return -1;
}

static tally_rctab_round *cur(tally_rctab_multi *M)
{
    return &M->rounds[M->n_rounds - 1];
}

/* value moved from candidate from to to in the current round */
static tally_status transfer(tally_rctab_multi *M, long from, size_t to, tally_rctab_dec value)
{
    tally_rctab_round *rd = cur(M);

    if (from < 0 || tally_dec_sign(value) <= 0) /* RCTab records positive moves */
        return TALLY_OK;
    for (size_t i = 0; i < rd->n_transfers; i++)
        if (rd->transfers[i].from == (size_t)from && rd->transfers[i].to == to) {
            rd->transfers[i].value = tally_dec_add(rd->transfers[i].value, value);
            return TALLY_OK;
        }
    if (!tally_grow(&rd->transfers, &M->cap_transfers, rd->n_transfers, sizeof *rd->transfers))
        return nomem(M);
    rd->transfers[rd->n_transfers].from = (size_t)from;
    rd->transfers[rd->n_transfers].to = to;
    rd->transfers[rd->n_transfers].value = value;
    rd->n_transfers++;
    return TALLY_OK;
}

static tally_status open_round(tally_rctab_multi *M)
{
    tally_rctab_round *rd;

    if (!tally_grow(&M->rounds, &M->cap_rounds, M->n_rounds, sizeof *M->rounds))
        return nomem(M);
    rd = &M->rounds[M->n_rounds];
    memset(rd, 0, sizeof *rd);
    M->n_rounds++;
    M->cap_transfers = 0;
    rd->tally = tally_calloc(M->n, sizeof *rd->tally);
    rd->in_tally = tally_calloc(M->n, 1);
    rd->elected = tally_calloc(M->n, sizeof *rd->elected);
    rd->eliminated = tally_calloc(M->n, sizeof *rd->eliminated);
    if (!rd->tally || !rd->in_tally || !rd->elected || !rd->eliminated)
        return nomem(M);
    for (size_t c = 0; c < M->n; c++)
        rd->in_tally[c] = M->state[c] == CONTINUING;
    if (M->n_rounds > 1)
        rd->residual = M->rounds[M->n_rounds - 2].residual;
    return TALLY_OK;
}

/* RM1 and RM7: count every paper for this round. */
static tally_status count_round(tally_rctab_multi *M)
{
    const tally_pool *p = M->pool;
    tally_rctab_round *rd = cur(M);
    int final = uses_surplus(M) && M->n_won == (size_t)M->rules.seats;
    tally_status st;

    for (size_t r = 0; r < p->n_rankings; r++) {
        tally_rctab_dec v = tally_dec_times(M->value[r], p->weights[r]);
        tally_inactive why;
        long c;

        if (M->status[r] == BLANK)
            continue;
        if (M->status[r] != ACTIVE) {
            rd->inactive[M->status[r]] = tally_dec_add(rd->inactive[M->status[r]], v);
            continue;
        }
        if (M->rec[r] >= 0 && M->state[M->rec[r]] == CONTINUING) {
            rd->tally[M->rec[r]] = tally_dec_add(rd->tally[M->rec[r]], v);
            rd->active = tally_dec_add(rd->active, v);
            continue;
        }
        if (p->offsets[r + 1] == p->offsets[r] && p->ends[r] == TALLY_END_MARKS) {
            M->status[r] = BLANK; /* RCTab's undervote: no ranking at all */
            M->blank += p->weights[r];
            continue;
        }
        if (final) { /* RM7 */
            if ((st = transfer(M, M->rec[r], TALLY_RCTAB_TO_EXHAUSTED, v)) != TALLY_OK)
                return st;
            M->status[r] = TALLY_RCTAB_FINAL_SURPLUS;
            M->rec[r] = -1;
            rd->inactive[TALLY_RCTAB_FINAL_SURPLUS] =
                tally_dec_add(rd->inactive[TALLY_RCTAB_FINAL_SURPLUS], v);
            continue;
        }
        if ((c = next_choice(M, r, &why)) >= 0) {
            if ((st = transfer(M, M->rec[r], (size_t)c, v)) != TALLY_OK)
                return st;
            M->rec[r] = c;
            rd->tally[c] = tally_dec_add(rd->tally[c], v);
            rd->active = tally_dec_add(rd->active, v);
        } else {
            if ((st = transfer(M, M->rec[r], TALLY_RCTAB_TO_EXHAUSTED, v)) != TALLY_OK)
                return st;
            M->rec[r] = -1;
            M->status[r] = (signed char)why;
            rd->inactive[why] = tally_dec_add(rd->inactive[why], v);
        }
    }
    return TALLY_OK;
}

/* RM2 and RM9. */
static void set_threshold(tally_rctab_multi *M)
{
    tally_rctab_round *rd = cur(M);
    const tally_rctab_multi_rules *u = &M->rules;
    int again = u->seats > 1 ? M->n_rounds == 1 : !u->first_round_threshold || M->n_rounds == 1;

    if (!again) {
        rd->threshold = M->rounds[M->n_rounds - 2].threshold;
        return;
    }
    if (u->mode == TALLY_RCTAB_BOTTOMS_UP_PERCENT) {
        rd->threshold = tally_dec_mul(rd->active, u->share);
    } else {
        int places = u->non_integer ? u->places : 0;
        tally_rctab_dec div = { u->hare ? u->seats : u->seats + 1, 0 }, unit = { 1, places };
        rd->threshold = u->hare ? tally_dec_div(rd->active, div, places, 1)
                                : tally_dec_add(tally_dec_div(rd->active, div, places, 0), unit);
    }
}

/* Candidates of set[0..k) sorted in place by name (Java's String order:
** strcmp, for names with no character above U+FFFF). */
static void by_name(const tally_rctab_multi *M, size_t *set, size_t k)
{
    for (size_t a = 1; a < k; a++)
        for (size_t j = a; j > 0 && strcmp(M->pool->names[set[j]], M->pool->names[set[j - 1]]) < 0;
             j--) {
            size_t t = set[j];
            set[j] = set[j - 1];
            set[j - 1] = t;
        }
}

/* An equality of set[0..k) (k > 1, in ballot order; reordered): the one
** to elect (winner) or to exclude, as the modes in the file comment. */
static tally_status tiebreak(tally_rctab_multi *M, size_t *set, size_t k, int winner,
                             size_t *out)
{
    const tally_pool *p = M->pool;
    size_t m = k, *all = NULL;
    tally_status st = TALLY_OK;

    M->res->stages[M->n_rounds - 1].n_tied = k;
    if (M->o->tie_by_order && p->n_tie > 0) {
        size_t best = 0, best_rank = 0;
        for (size_t i = 0; i < k; i++) {
            size_t rank = p->n_tie + set[i];
            for (size_t t = 0; t < p->n_tie; t++)
                if (p->tie_order[t] == set[i]) {
                    rank = t;
                    break;
                }
            if (i == 0 || (winner ? rank > best_rank : rank < best_rank)) {
                best_rank = rank;
                best = i;
            }
        }
        *out = set[best];
        M->res->stages[M->n_rounds - 1].choice = TALLY_CHOICE_ORDER;
        return TALLY_OK;
    }
    if (M->o->tie_by_draw != 1) { /* the earlier rounds, the most recent first */
        if (!(all = tally_malloc(k * sizeof *all)))
            return nomem(M);
        memcpy(all, set, k * sizeof *all);
        for (size_t rr = M->n_rounds - 1; rr > 0 && m > 1; rr--) {
            const tally_rctab_dec *t = M->rounds[rr - 1].tally;
            size_t best = 0, j = 0;
            for (size_t i = 1; i < m; i++)
                if (winner ? tally_dec_cmp(t[set[i]], t[set[best]]) > 0
                           : tally_dec_cmp(t[set[i]], t[set[best]]) < 0)
                    best = i;
            for (size_t i = 0; i < m; i++)
                if (tally_dec_cmp(t[set[i]], t[set[best]]) == 0)
                    set[j++] = set[i];
            if ((m = j) == 1) {
                M->res->stages[M->n_rounds - 1].choice = TALLY_CHOICE_PRECEDING;
                M->res->stages[M->n_rounds - 1].choice_stage = rr;
            }
        }
        if (m == 1) {
            *out = set[0];
            tally_free(all);
            return TALLY_OK;
        }
        if (M->o->tie_by_draw == 2) { /* RCTab draws over every equal candidate (irv.c) */
            memcpy(set, all, k * sizeof *set);
            m = k;
        }
        tally_free(all);
    }
    M->res->stages[M->n_rounds - 1].choice = TALLY_CHOICE_LOT;
    if (M->o->tie_by_draw) {
        by_name(M, set, m);
        *out = set[tally_jrandom_pick(&M->draw, m)];
        return st;
    }
    if (!M->has_seed)
        return tally_error_set(M->err, TALLY_EINVAL, NULL, 0, 0,
                               "%zu candidates are equal at every round and a lot must decide "
                               "between them at round %zu: give a seed",
                               m, M->n_rounds);
    *out = set[tally_lot_draw(&M->lot, m)];
    M->res->n_lots++;
    return TALLY_OK;
}

/* Continuing candidates in the round, by votes (fewest first), then ballot
** order, into set; returns how many. */
static size_t by_votes(tally_rctab_multi *M, size_t *set)
{
    const tally_rctab_dec *t = cur(M)->tally;
    size_t k = 0;

    for (size_t c = 0; c < M->n; c++)
        if (M->state[c] == CONTINUING) {
            size_t j = k++;
            for (; j > 0 && tally_dec_cmp(t[set[j - 1]], t[c]) > 0; j--)
                set[j] = set[j - 1];
            set[j] = c;
        }
    return k;
}

static void elect(tally_rctab_multi *M, size_t c)
{
    tally_rctab_round *rd = cur(M);

    M->state[c] = WON;
    M->won_round[c] = M->n_rounds;
    M->n_won++;
    rd->elected[rd->n_elected++] = c;
}

/* RM3, RM8 and RM9: who is elected this round (into the round). */
static tally_status identify_winners(tally_rctab_multi *M, size_t *set)
{
    tally_rctab_round *rd = cur(M);
    const tally_rctab_multi_rules *u = &M->rules;
    size_t k = by_votes(M, set), sel = 0, first = 0;
    size_t unfilled = u->seats > (int)M->n_won ? (size_t)u->seats - M->n_won : 0;
    tally_status st;

    if (M->uwi < M->n && rd->in_tally[M->uwi] && tally_dec_sign(rd->tally[M->uwi]) != 0)
        return TALLY_OK;
    if (u->mode == TALLY_RCTAB_BOTTOMS_UP_PERCENT) {
        for (size_t i = 0; i < k; i++)
            sel += tally_dec_cmp(rd->tally[set[i]], rd->threshold) > 0;
        if (sel != k)
            return TALLY_OK;
    } else if (unfilled > 0 && k <= unfilled) {
        sel = k;
        for (size_t i = 0; i < k; i++)
            M->res->candidates[set[i]].last_vacancy = 1;
    } else if (unfilled > 0 && u->mode != TALLY_RCTAB_BOTTOMS_UP) {
        while (first < k && tally_dec_cmp(rd->tally[set[first]], rd->threshold) < 0)
            first++;
        for (size_t i = first; i < k; i++)
            if (set[i] != M->uwi)
                set[sel++] = set[i];
        first = 0;
    }
    if (sel > 1 && u->mode == TALLY_RCTAB_ONE_PER_ROUND) {
        /* the most votes of any continuing candidate, and who has them */
        size_t top = 0, m = 0, c;
        k = by_votes(M, set);
        top = set[k - 1];
        for (size_t i = 0; i < k; i++)
            if (tally_dec_cmp(rd->tally[set[i]], rd->tally[top]) == 0)
                set[m++] = set[i];
        if (m > 1) {
            for (size_t i = 1; i < m; i++) /* ballot order */
                for (size_t j = i; j > 0 && set[j] < set[j - 1]; j--) {
                    size_t t = set[j];
                    set[j] = set[j - 1];
                    set[j - 1] = t;
                }
            if ((st = tiebreak(M, set, m, 1, &c)) != TALLY_OK)
                return st;
        } else {
            c = set[0];
        }
        set[0] = c;
        sel = 1;
    }
    for (size_t i = 1; i < sel; i++) /* by votes, highest first, then ballot order */
        for (size_t j = i; j > 0; j--) {
            int d = tally_dec_cmp(rd->tally[set[j]], rd->tally[set[j - 1]]);
            size_t t = set[j];
            if (d < 0 || (d == 0 && set[j] > set[j - 1]))
                break;
            set[j] = set[j - 1];
            set[j - 1] = t;
        }
    for (size_t i = 0; i < sel; i++)
        elect(M, set[i]);
    return TALLY_OK;
}

/* RM4: the surplus fraction of each winner of this round, applied to the
** value of each of their papers. */
static void apply_surpluses(tally_rctab_multi *M)
{
    tally_rctab_round *rd = cur(M);
    const tally_pool *p = M->pool;

    for (size_t i = 0; i < rd->n_elected; i++) {
        size_t w = rd->elected[i];
        tally_rctab_dec votes = rd->tally[w], extra = tally_dec_sub(votes, rd->threshold);
        tally_rctab_dec f = tally_dec_sign(extra) > 0
                                ? tally_dec_div(extra, votes, M->rules.places, 0)
                                : tally_dec_zero();
        for (size_t r = 0; r < p->n_rankings; r++)
            if (M->status[r] == ACTIVE && M->rec[r] == (long)w) {
                tally_rctab_dec moves = tally_dec_mul_down(M->value[r], f, M->rules.places);
                tally_rctab_dec stays = tally_dec_sub(M->value[r], moves);
                M->kept[w] = tally_dec_add(M->kept[w], tally_dec_times(stays, p->weights[r]));
                M->value[r] = moves;
            }
    }
}

static void exclude(tally_rctab_multi *M, size_t c)
{
    tally_rctab_round *rd = cur(M);

    M->state[c] = OUT;
    rd->eliminated[rd->n_eliminated++] = c;
    M->res->candidates[c].fate = TALLY_FATE_EXCLUDED;
    M->res->candidates[c].stage = M->n_rounds;
}

/* RM6 and RM9's cutoff. */
static tally_status eliminate(tally_rctab_multi *M, size_t *set)
{
    tally_rctab_round *rd = cur(M);
    size_t k = by_votes(M, set), m = 0, c;
    tally_status st;

    if (k == 0)
        return tally_error_set(M->err, TALLY_EINVAL, NULL, 0, 0,
                               "round %zu: no candidate is left to exclude and the seats are "
                               "not filled",
                               M->n_rounds);
    if (M->uwi < M->n && rd->in_tally[M->uwi] && tally_dec_sign(rd->tally[M->uwi]) > 0) {
        exclude(M, M->uwi);
        return TALLY_OK;
    }
    if (M->rules.mode == TALLY_RCTAB_BOTTOMS_UP_PERCENT && M->rules.cutoff) {
        for (size_t i = 0; i < k && tally_dec_cmp(rd->tally[set[i]], rd->threshold) < 0; i++)
            m++;
        if (m > 0) {
            for (size_t i = 0; i < m; i++)
                exclude(M, set[i]);
            return TALLY_OK;
        }
    }
    if (M->o->batch) { /* the lowest whose votes together are fewer than the next's */
        tally_rctab_dec sum = tally_dec_zero();
        size_t b = 0;
        for (size_t i = 0; i < k; i++) {
            if (i > 0 && tally_dec_cmp(rd->tally[set[i]], rd->tally[set[i - 1]]) != 0 &&
                tally_dec_cmp(sum, rd->tally[set[i]]) < 0)
                b = i;
            sum = tally_dec_add(sum, rd->tally[set[i]]);
        }
        if (b > 1) {
            for (size_t i = 0; i < b; i++)
                exclude(M, set[i]);
            return TALLY_OK;
        }
    }
    while (m < k && tally_dec_cmp(rd->tally[set[m]], rd->tally[set[0]]) == 0)
        m++;
    for (size_t i = 1; i < m; i++)
        for (size_t j = i; j > 0 && set[j] < set[j - 1]; j--) {
            size_t t = set[j];
            set[j] = set[j - 1];
            set[j - 1] = t;
        }
    c = set[0];
    if (m > 1 && (st = tiebreak(M, set, m, 0, &c)) != TALLY_OK)
        return st;
    exclude(M, c);
    return TALLY_OK;
}

/* RM5: the winners of earlier rounds in this round's tally. */
static tally_status update_winner_tallies(tally_rctab_multi *M)
{
    tally_rctab_round *rd = cur(M);
    tally_status st;

    for (size_t w = 0; w < M->n; w++) {
        if (M->state[w] != WON || M->won_round[w] >= M->n_rounds)
            continue;
        rd->in_tally[w] = 1;
        if (M->won_round[w] + 1 < M->n_rounds) {
            rd->tally[w] = M->rounds[M->n_rounds - 2].tally[w];
            continue;
        }
        rd->tally[w] = M->kept[w];
        {
            tally_rctab_dec over = tally_dec_sub(rd->tally[w], rd->threshold);
            if (tally_dec_sign(over) > 0) {
                rd->residual = tally_dec_add(rd->residual, over);
                rd->tally[w] = rd->threshold;
                if ((st = transfer(M, (long)w, TALLY_RCTAB_TO_RESIDUAL, over)) != TALLY_OK)
                    return st;
            }
        }
    }
    return TALLY_OK;
}

static int keep_counting(const tally_rctab_multi *M)
{
    const tally_rctab_multi_rules *u = &M->rules;
    size_t declared = 0;

    if (M->n_rounds == 0)
        return 1;
    for (size_t c = 0; c < M->n; c++)
        declared += c != M->uwi && M->state[c] != ABSENT;
    if (M->n_won == declared && u->seats > (int)declared)
        return 0; /* more seats than candidates: every one elected */
    if (u->mode == TALLY_RCTAB_BOTTOMS_UP_PERCENT)
        return M->n_won == 0;
    return M->n_won < (size_t)u->seats || (uses_surplus(M) && M->rounds[M->n_rounds - 1].n_elected);
}

static int64_t units(const tally_rctab_multi *M, tally_rctab_dec d)
{
    int places = M->rules.places;

    if (d.scale > places) /* a share's threshold beyond the places: cut */
        return tally_dec_div(d, tally_dec_one(), places, 0).v;
    return tally_dec_rescale(d, places).v;
}

/* The round just counted as a stage of tally's result. */
static tally_status add_stage(tally_rctab_multi *M)
{
    tally_method_result *R = M->res;
    const tally_rctab_round *rd = cur(M), *was = M->n_rounds > 1 ? rd - 1 : NULL;
    tally_stage *st;
    tally_rctab_dec out = tally_dec_zero();
    int64_t sum = 0, unit = tally_method_unit(R);

    st = &R->stages[M->n_rounds - 1];
    if (!was) {
        st->kind = TALLY_STAGE_FIRST;
    } else if (was->n_elected) {
        /* the surplus moved: every value that left the last round's
        ** winners in this round, to candidates, exhausted and residual;
        ** the subject the first of them whose surplus moved */
        tally_rctab_dec moved = tally_dec_zero();
        st->kind = TALLY_STAGE_SURPLUS;
        st->subject = was->elected[0];
        for (size_t i = was->n_elected; i-- > 0;)
            for (size_t t = 0; t < rd->n_transfers; t++)
                if (rd->transfers[t].from == was->elected[i] &&
                    tally_dec_sign(rd->transfers[t].value) != 0) {
                    st->subject = was->elected[i];
                    break;
                }
        for (size_t t = 0; t < rd->n_transfers; t++)
            for (size_t i = 0; i < was->n_elected; i++)
                if (rd->transfers[t].from == was->elected[i])
                    moved = tally_dec_add(moved, rd->transfers[t].value);
        st->surplus = units(M, moved);
    } else {
        st->kind = TALLY_STAGE_EXCLUSION;
        st->subject = was->eliminated[0];
        if (was->n_eliminated > 1) {
            if (!(st->excluded = tally_malloc(was->n_eliminated * sizeof *st->excluded)))
                return nomem(M);
            memcpy(st->excluded, was->eliminated, was->n_eliminated * sizeof *st->excluded);
            st->n_excluded = was->n_eliminated;
        }
    }
    for (size_t c = 0; c < M->n; c++) {
        st->votes[c] = rd->in_tally[c] ? units(M, rd->tally[c]) : TALLY_NONE;
        if (rd->in_tally[c])
            sum += st->votes[c];
    }
    for (size_t w = 0; w < TALLY_RCTAB_STATUSES; w++)
        out = tally_dec_add(out, rd->inactive[w]);
    st->exhausted = units(M, out) - M->first_inactive * unit;
    st->lost = units(M, rd->residual);
    st->quota = units(M, rd->threshold);
    for (size_t i = 0; i < rd->n_elected; i++) {
        st->elected[st->n_elected++] = rd->elected[i];
        R->elected[R->n_elected++] = rd->elected[i];
        R->candidates[rd->elected[i]].fate = TALLY_FATE_ELECTED;
        R->candidates[rd->elected[i]].stage = M->n_rounds;
    }
    if (sum + st->exhausted + st->lost != R->valid * unit)
        return tally_error_set(M->err, TALLY_ERANGE, NULL, 0, 0,
                               "internal error: round %zu does not add up to the valid votes",
                               M->n_rounds);
    return TALLY_OK;
}

static tally_status one_round(tally_rctab_multi *M, size_t *set)
{
    tally_method_result *R = M->res;
    tally_status st;

    if ((st = open_round(M)) != TALLY_OK)
        return st;
    if (tally_stage_open(R, &M->cap_stages, M->n, 1, TALLY_STAGE_FIRST, 0) != TALLY_OK)
        return nomem(M);
    if ((st = count_round(M)) != TALLY_OK)
        return st;
    if (M->n_rounds == 1) {
        int64_t all = 0;
        for (size_t w = 0; w < TALLY_RCTAB_STATUSES; w++)
            all += cur(M)->inactive[w].v; /* whole papers at round 1 */
        R->valid = cur(M)->active.v;
        M->first_inactive = all;
        R->invalid = all + M->blank;
    }
    set_threshold(M);
    if ((st = identify_winners(M, set)) != TALLY_OK)
        return st;
    if (cur(M)->n_elected) {
        if (uses_surplus(M))
            apply_surpluses(M);
    } else if (M->n_won < (size_t)M->rules.seats ||
               M->rules.mode == TALLY_RCTAB_BOTTOMS_UP_PERCENT) {
        if ((st = eliminate(M, set)) != TALLY_OK)
            return st;
    }
    if (M->rules.seats > 1 && (st = update_winner_tallies(M)) != TALLY_OK)
        return st;
    return add_stage(M);
}

static tally_status setup(tally_rctab_multi *M, const tally_pool *pool,
                          const tally_method_options *opt)
{
    tally_method_result *R;
    size_t nr = pool->n_rankings ? pool->n_rankings : 1;
    int64_t most = INT64_MAX;

    for (int i = 0; i < M->rules.places + 3; i++)
        most /= 10;
    if (M->rules.places < 1 || M->rules.places > 9)
        return tally_error_set(M->err, TALLY_EINVAL, NULL, 0, 0,
                               "decimal places %d: tally counts 1 to 9", M->rules.places);
    if (pool->total > most)
        return tally_error_set(M->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-%d",
                               M->rules.places);
    if (!(R = M->res = tally_calloc(1, sizeof *R)))
        return nomem(M);
    R->pool = pool;
    R->method = "rctab-multi";
    R->places = M->rules.places;
    R->seats = M->rules.seats;
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
        M->has_seed = 1;
        tally_lot_init(&M->lot, opt->seed);
    }
    if (M->o->tie_by_draw)
        tally_jrandom_init(&M->draw, M->o->draw_seed);
    M->n = pool->n_candidates;
    M->uwi = M->rules.write_in_declared ? M->n - 1 : M->n;
    M->state = tally_calloc(M->n, 1);
    M->won_round = tally_calloc(M->n, sizeof *M->won_round);
    M->kept = tally_calloc(M->n, sizeof *M->kept);
    M->seen = tally_calloc(M->n, sizeof *M->seen);
    M->value = tally_calloc(nr, sizeof *M->value);
    M->rec = tally_calloc(nr, sizeof *M->rec);
    M->status = tally_calloc(nr, 1);
    M->pos = tally_calloc(nr, sizeof *M->pos);
    R->candidates = tally_calloc(M->n, sizeof *R->candidates);
    R->elected = tally_calloc(M->n, sizeof *R->elected);
    if (!M->state || !M->won_round || !M->kept || !M->seen || !M->value || !M->rec ||
        !M->status || !M->pos || !R->candidates || !R->elected)
        return nomem(M);
    for (size_t c = 0; c < M->n; c++)
        if (pool->withdrawn[c] || (c == M->n - 1 && !M->rules.write_in_declared)) {
            M->state[c] = ABSENT;
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
        }
    for (size_t r = 0; r < pool->n_rankings; r++) {
        M->value[r] = tally_dec_one();
        M->rec[r] = -1;
        M->status[r] = ACTIVE;
    }
    return TALLY_OK;
}

tally_status tally_rctab_multi_count(const tally_pool *pool, const tally_irv_options *reading,
                                     const tally_rctab_multi_rules *rules,
                                     const tally_method_options *opt, tally_rctab_multi **out,
                                     tally_error *err)
{
    static const tally_irv_options defaults;
    tally_rctab_multi *M;
    size_t *set = NULL;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    if (!(M = tally_calloc(1, sizeof *M)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    M->pool = pool;
    M->o = reading ? reading : &defaults;
    M->rules = *rules;
    M->err = err;
    if ((st = setup(M, pool, opt)) == TALLY_OK && !(set = tally_malloc(M->n * sizeof *set)))
        st = nomem(M);
    while (st == TALLY_OK && keep_counting(M))
        st = one_round(M, set);
    tally_free(set);
    if (st != TALLY_OK) {
        tally_rctab_multi_free(M);
        return st;
    }
    M->res->quota = M->res->n_stages ? M->res->stages[M->res->n_stages - 1].quota : 0;
    M->err = NULL;
    *out = M;
    return TALLY_OK;
}

void tally_rctab_multi_free(tally_rctab_multi *M)
{
    if (!M)
        return;
    for (size_t i = 0; M->rounds && i < M->n_rounds; i++) {
        tally_free(M->rounds[i].tally);
        tally_free(M->rounds[i].in_tally);
        tally_free(M->rounds[i].elected);
        tally_free(M->rounds[i].eliminated);
        tally_free(M->rounds[i].transfers);
    }
    tally_free(M->rounds);
    tally_free(M->state);
    tally_free(M->won_round);
    tally_free(M->kept);
    tally_free(M->seen);
    tally_free(M->value);
    tally_free(M->rec);
    tally_free(M->status);
    tally_free(M->pos);
    tally_method_result_free(M->res);
    tally_free(M);
}

size_t tally_rctab_multi_rounds(const tally_rctab_multi *M)
{
    return M ? M->n_rounds : 0;
}

const tally_rctab_round *tally_rctab_multi_round(const tally_rctab_multi *M, size_t i)
{
    return M && i < M->n_rounds ? &M->rounds[i] : NULL;
}

const tally_rctab_multi_rules *tally_rctab_multi_rules_of(const tally_rctab_multi *M)
{
    return &M->rules;
}

int64_t tally_rctab_multi_blank(const tally_rctab_multi *M)
{
    return M->blank;
}

const tally_method_result *tally_rctab_multi_result(const tally_rctab_multi *M)
{
    return M->res;
}
