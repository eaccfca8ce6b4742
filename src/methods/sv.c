/*
** The supplementary vote: Local Government Act 2000 Sch 2 paras 3-5 (the
** Greater London Authority Act 1999 Sch 2 Pt I and the combined authority
** rules use the same scheme), with the ballot paper rules of the Local
** Authorities (Mayoral Elections) (England and Wales) Regulations 2007
** Sch 1 r.48 and the Combined Authority Mayoral Rules 2017 r.55.
** ../shared/docs/uk-rules.md 4.1 quotes them; its steps are:
**
**   0  with two candidates the count is first past the post (SV applies
**      with three or more);
**   1  a paper with exactly one first preference is valid as respects that
**      vote, whatever its second preference (r.48(3)); a second
**      preference counts only where a valid first preference is marked
**      (r.55(2)), and only when it is for one candidate;
**   2  "more than half of all the first preference votes": elected;
**   3  otherwise the two with most first preferences remain, and all who
**      are equal with them when an equality makes three or more qualify;
**      the rest are eliminated;
**   4  each remaining candidate gains the second preferences of papers
**      whose first preference was not for a remaining candidate; so a
**      second preference for the same candidate as the first is never
**      counted (that candidate was eliminated);
**   5  the remaining candidate with most votes is elected; equal votes:
**      "the returning officer is to decide by lots".
**
** Reading a ranking as an SV paper: its first rank is the first
** preference and its second rank the second (anything later is not an SV
** mark). A rank marked for two or more candidates ("A=B") is no valid
** preference. A candidate withdrawn before the poll is not on the paper,
** so a mark for one is no mark. A reader must keep positions: a blank
** first rank is no first preference (cvr.h: read with limit_skipped and
** max_skipped 0).
**
** Stages: the first preferences, then (when no one has more than half)
** TALLY_STAGE_SECOND: the remaining candidates' totals; eliminated
** candidates are TALLY_NONE in it, and the papers of eliminated
** candidates whose second preference goes to no remaining candidate are
** "exhausted". The quota reported is the first-stage figure that elects:
** half the valid first preferences, rounded down, plus one.
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/method.h"

/* The candidate the g-th rank (0-based) of ranking r marks, or -1 when it
** is blank, marks two or more candidates, or does not exist. */
static long rank_mark(const tally_pool *p, size_t r, size_t g)
{
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t len = p->offsets[r + 1] - p->offsets[r], i = 0;
    long c = -1;

    for (size_t k = 0; k < g && i < len; k++)
        for (i++; i < len && (pr[i] & TALLY_BALLOT_EQUAL);)
            i++;
    for (size_t j = i; j < len && (j == i || (pr[j] & TALLY_BALLOT_EQUAL)); j++) {
        size_t d = TALLY_BALLOT_CANDIDATE(pr[j]);
        if (p->withdrawn[d] || (long)d == c)
            continue;
        if (c >= 0)
            return -1; /* two candidates at one rank */
        c = (long)d;
    }
    return c;
}

static tally_status nomem(tally_error *err)
{
    return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

static tally_status add_stage(tally_method_result *R, tally_stage_kind kind, size_t n,
                              tally_error *err)
{
    tally_stage *st = &R->stages[R->n_stages];

    memset(st, 0, sizeof *st);
    R->n_stages++; /* so that a failure below frees what was made */
    st->kind = kind;
    if (!(st->votes = tally_malloc(n * sizeof *st->votes)) ||
        !(st->elected = tally_malloc(sizeof *st->elected)))
        return nomem(err);
    return TALLY_OK;
}

/* Elect the candidate with most votes among set[0..k) (ballot order) at
** the last stage; equal: by lot (step 5; PER r.49 for two candidates). */
static tally_status elect_top(tally_method_result *R, const int64_t *votes, size_t *set,
                              size_t k, const tally_method_options *opt, tally_error *err)
{
    tally_stage *st = &R->stages[R->n_stages - 1];
    size_t m = 0, c;
    int64_t best = -1;

    for (size_t i = 0; i < k; i++)
        if (votes[set[i]] > best)
            best = votes[set[i]];
    for (size_t i = 0; i < k; i++)
        if (votes[set[i]] == best)
            set[m++] = set[i];
    if (m == 0)
        return TALLY_OK;
    c = set[0];
    if (m > 1) {
        tally_lot lot;
        if (!opt || !opt->has_seed)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "%zu candidates have equal votes and a lot must decide "
                                   "between them: give a seed", m);
        tally_lot_init(&lot, opt->seed);
        c = set[tally_lot_draw(&lot, m)];
        st->choice = TALLY_CHOICE_LOT;
        st->n_tied = m;
        R->n_lots++;
    }
    R->candidates[c].fate = TALLY_FATE_ELECTED;
    R->candidates[c].stage = R->n_stages;
    R->elected[R->n_elected++] = c;
    st->elected[st->n_elected++] = c;
    return TALLY_OK;
}

static void record(tally_stage *st, const tally_method_result *R, const int64_t *votes,
                   size_t n, int64_t exhausted)
{
    for (size_t c = 0; c < n; c++) {
        tally_fate f = R->candidates[c].fate;
        int gone = f == TALLY_FATE_WITHDRAWN ||
                   (f == TALLY_FATE_EXCLUDED && R->candidates[c].stage < R->n_stages);
        st->votes[c] = gone ? TALLY_NONE : votes[c] * TALLY_VOTE_UNIT;
    }
    st->exhausted = exhausted * TALLY_VOTE_UNIT;
}

static tally_status count(const tally_pool *p, const tally_method_options *opt,
                          tally_method_result *R, int64_t *votes, size_t *set, tally_error *err)
{
    size_t n = p->n_candidates, k = 0, m = 0, last = 0;
    int64_t second = -1, first = -1, exhausted = 0;
    tally_status s;

    for (size_t r = 0; r < p->n_rankings; r++) {
        long c = rank_mark(p, r, 0);
        if (c < 0) {
            R->invalid += p->weights[r];
            continue;
        }
        R->valid += p->weights[r];
        votes[c] += p->weights[r];
    }
    R->quota = (R->valid / 2 + 1) * TALLY_VOTE_UNIT;
    if ((s = add_stage(R, TALLY_STAGE_FIRST, n, err)) != TALLY_OK)
        return s;
    record(&R->stages[0], R, votes, n, 0);
    for (size_t c = 0; c < n; c++)
        if (!p->withdrawn[c])
            set[k++] = c;
    if (k <= 2)
        return elect_top(R, votes, set, k, opt, err); /* step 0: first past the post */
    for (size_t i = 0; i < k; i++)
        if (2 * votes[set[i]] > R->valid)
            return elect_top(R, votes, set + i, 1, opt, err); /* step 2 */

    /* Step 3: the two highest, and all equal to the second of them. */
    for (size_t i = 0; i < k; i++) {
        int64_t v = votes[set[i]];
        if (v > first) {
            second = first;
            first = v;
        } else if (v > second) {
            second = v;
        }
    }
    for (size_t i = 0; i < k; i++) {
        size_t c = set[i];
        if (votes[c] >= second) {
            set[m++] = c;
        } else {
            R->candidates[c].fate = TALLY_FATE_EXCLUDED;
            R->candidates[c].stage = 1;
            if (votes[c] <= votes[last] || R->candidates[last].fate != TALLY_FATE_EXCLUDED)
                last = c;
        }
    }

    if (m == k) /* all equal: no one eliminated, nothing to add */
        return elect_top(R, votes, set, m, opt, err);

    /* Step 4: second preferences of the eliminated candidates' papers. */
    for (size_t r = 0; r < p->n_rankings; r++) {
        long c = rank_mark(p, r, 0), d;
        if (c < 0 || R->candidates[c].fate != TALLY_FATE_EXCLUDED)
            continue;
        d = rank_mark(p, r, 1);
        if (d >= 0 && R->candidates[d].fate == TALLY_FATE_NOT_ELECTED && !p->withdrawn[d])
            votes[d] += p->weights[r];
        else
            exhausted += p->weights[r];
    }
    if ((s = add_stage(R, TALLY_STAGE_SECOND, n, err)) != TALLY_OK)
        return s;
    R->stages[1].subject = last;
    record(&R->stages[1], R, votes, n, exhausted);
    return elect_top(R, votes, set, m, opt, err); /* step 5 */
}

tally_status tally_sv(const tally_pool *pool, const tally_method_options *opt,
                      tally_method_result **out, tally_error *err)
{
    size_t n = pool->n_candidates;
    int seats = opt && opt->seats > 0 ? opt->seats : pool->seats;
    tally_method_result *R;
    int64_t *votes = NULL;
    size_t *set = NULL;
    tally_status st = TALLY_OK;

    *out = NULL;
    tally_error_clear(err);
    if (seats > 1)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the supplementary vote fills one seat, not %d", seats);
    if (pool->total > INT64_MAX / TALLY_VOTE_UNIT)
        return tally_error_set(err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-5");
    if (!(R = tally_calloc(1, sizeof *R)))
        return nomem(err);
    R->pool = pool;
    R->method = "sv";
    R->seats = 1;
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
    }
    votes = tally_calloc(n, sizeof *votes);
    set = tally_malloc(n * sizeof *set);
    R->candidates = tally_calloc(n, sizeof *R->candidates);
    R->elected = tally_calloc(1, sizeof *R->elected);
    R->stages = tally_calloc(2, sizeof *R->stages);
    if (!votes || !set || !R->candidates || !R->elected || !R->stages)
        st = nomem(err);
    for (size_t c = 0; st == TALLY_OK && c < n; c++)
        if (pool->withdrawn[c])
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
    if (st == TALLY_OK)
        st = count(pool, opt, R, votes, set, err);
    tally_free(votes);
    tally_free(set);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}
