/*
** First past the post over ranked ballots: the Parliamentary Elections
** Rules (RPA 1983 Sch 1) r.50 (the candidates with the most votes are
** elected) and r.49 (an equality of votes that decides a seat is decided
** by lot), for ballots held as rankings (ballot.h): a CVR or BLT file
** counted as a cross-vote poll.
**
** A paper gives one vote to each of its first n preferences when n seats
** are filled (the block vote of local elections; n = 1: its first
** preference). Readings, and their limits:
**   - ranks are read in order; a candidate withdrawn before the poll is not
**     on the paper and is passed over; a candidate ranked again adds
**     nothing;
**   - a rank marked for several candidates ("A=B") gives each a vote when
**     all of them fit within the n; when they do not, which of them are
**     among the first n is uncertain, and the paper's votes end before
**     that rank (with one seat, equal first preferences are a vote for
**     more than one candidate: no vote, PER r.47(1)(b));
**   - a paper that gives no vote is not valid (result->invalid); of those,
**     the papers whose first marks name more candidates than there are
**     seats are void for voting for more candidates than the voter was
**     entitled to (result->too_many; PER r.47(1)(b), LEPAR 2006 Sch.2
**     r.47(1)(b)), the rest unmarked (or marked only for withdrawn
**     candidates);
**   - with n seats the stage counts votes, not papers: the candidates'
**     votes and the votes papers left unused ("exhausted") add up to
**     n x the valid papers;
**   - an equality for the last seats is decided by lot among those equal,
**     one seat at a time, in ballot order, from the seed (lot.h); the
**     figures are reported as counted (the lot's extra vote of r.49 is
**     not added).
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/method.h"

typedef struct fptp {
    const tally_pool *pool;
    tally_method_result *res;
    tally_error *err;
    size_t n;
    int64_t *votes;        /* per candidate */
    uint32_t *stamp;       /* per candidate: ranking + 1 that voted for it */
    size_t *group;         /* candidates of one rank */
} fptp;

static tally_status nomem(fptp *F)
{
    return tally_error_set(F->err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

/* Ranking r's votes; returns how many it gave, and sets *over when it gave
** none because its first marks name more candidates than seats. */
static int64_t one_paper(fptp *F, size_t r, int64_t w, size_t seats, int *over)
{
    const tally_pool *p = F->pool;
    const uint32_t *pr = p->prefs + p->offsets[r];
    size_t len = p->offsets[r + 1] - p->offsets[r], taken = 0, i = 0;

    while (i < len && taken < seats) {
        size_t j = i + 1, m = 0;
        while (j < len && (pr[j] & TALLY_BALLOT_EQUAL))
            j++;
        for (size_t k = i; k < j; k++) {
            size_t c = TALLY_BALLOT_CANDIDATE(pr[k]);
            if (p->withdrawn[c] || F->stamp[c] == (uint32_t)(r + 1))
                continue;
            F->stamp[c] = (uint32_t)(r + 1);
            F->group[m++] = c;
        }
        if (taken + m > seats) {
            *over = taken == 0;
            break; /* which of them are within the first n is uncertain */
        }
        for (size_t k = 0; k < m; k++)
            F->votes[F->group[k]] += w;
        taken += m;
        i = j;
    }
    return (int64_t)taken;
}

/* Candidate a before b: more votes, then ballot order. */
static int before(const fptp *F, size_t a, size_t b)
{
    return F->votes[a] > F->votes[b] || (F->votes[a] == F->votes[b] && a < b);
}

/* The winners: the seats' worth with most votes; an equality for the last
** seats by lot. order holds every standing candidate (m of them). */
static tally_status winners(fptp *F, const tally_method_options *opt, size_t *order, size_t m,
                            size_t seats)
{
    tally_method_result *R = F->res;
    tally_stage *st = &R->stages[0];
    size_t above = 0, tied = 0, want;
    int64_t cut;

    for (size_t i = 1; i < m; i++) /* insertion sort: small lists */
        for (size_t j = i; j > 0 && before(F, order[j], order[j - 1]); j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    if (m <= seats) {
        for (size_t i = 0; i < m; i++) {
            R->candidates[order[i]].last_vacancy = 1;
            R->elected[R->n_elected++] = order[i];
        }
        return TALLY_OK;
    }
    cut = F->votes[order[seats - 1]];
    while (above < m && F->votes[order[above]] > cut)
        above++;
    while (above + tied < m && F->votes[order[above + tied]] == cut)
        tied++;
    for (size_t i = 0; i < above; i++)
        R->elected[R->n_elected++] = order[i];
    want = seats - above;
    if (tied > want) {
        tally_lot lot;
        size_t *set = order + above; /* ballot order among equals */
        if (!opt || !opt->has_seed)
            return tally_error_set(F->err, TALLY_EINVAL, NULL, 0, 0,
                                   "%zu candidates have equal votes for the last %s and a lot "
                                   "must decide: give a seed", tied, want > 1 ? "seats" : "seat");
        tally_lot_init(&lot, opt->seed);
        st->choice = TALLY_CHOICE_LOT;
        st->n_tied = tied;
        R->n_lots++;
        for (size_t k = 0, left = tied; k < want; k++, left--) {
            size_t d = tally_lot_draw(&lot, left);
            R->elected[R->n_elected++] = set[d];
            memmove(set + d, set + d + 1, (left - d - 1) * sizeof *set);
        }
    } else {
        for (size_t i = 0; i < want; i++)
            R->elected[R->n_elected++] = order[above + i];
    }
    return TALLY_OK;
}

static tally_status count(fptp *F, const tally_method_options *opt)
{
    const tally_pool *p = F->pool;
    tally_method_result *R = F->res;
    tally_stage *st = &R->stages[0];
    size_t seats = (size_t)R->seats, m = 0;
    int64_t used = 0;
    size_t *order;
    tally_status s;

    for (size_t r = 0; r < p->n_rankings; r++) {
        int over = 0;
        int64_t k = one_paper(F, r, p->weights[r], seats, &over);
        if (k == 0) {
            R->invalid += p->weights[r];
            R->too_many += over ? p->weights[r] : 0;
        } else
            R->valid += p->weights[r];
        used += k * p->weights[r];
    }
    if (!(order = tally_malloc(F->n * sizeof *order)))
        return nomem(F);
    for (size_t c = 0; c < F->n; c++) {
        st->votes[c] = p->withdrawn[c] ? TALLY_NONE : F->votes[c] * TALLY_VOTE_UNIT;
        if (!p->withdrawn[c])
            order[m++] = c;
    }
    st->exhausted = ((int64_t)seats * R->valid - used) * TALLY_VOTE_UNIT;
    s = winners(F, opt, order, m, seats);
    if (s == TALLY_OK) {
        for (size_t i = 0; i < R->n_elected; i++) {
            R->candidates[R->elected[i]].fate = TALLY_FATE_ELECTED;
            R->candidates[R->elected[i]].stage = 1;
        }
        /* In order of election: by votes, then ballot order (a lot's
        ** winners have equal votes, so they keep ballot order). */
        for (size_t i = 1; i < R->n_elected; i++)
            for (size_t j = i; j > 0 && before(F, R->elected[j], R->elected[j - 1]); j--) {
                size_t t = R->elected[j];
                R->elected[j] = R->elected[j - 1];
                R->elected[j - 1] = t;
            }
        for (size_t c = 0; c < F->n; c++)
            if (R->candidates[c].fate == TALLY_FATE_ELECTED)
                order[st->n_elected++] = c;
        st->elected = order;
        return TALLY_OK;
    }
    tally_free(order);
    return s;
}

static tally_status setup(fptp *F, const tally_method_options *opt)
{
    const tally_pool *p = F->pool;
    tally_method_result *R = F->res;

    R->seats = opt && opt->seats > 0 ? opt->seats : p->seats;
    if (R->seats < 1)
        return tally_error_set(F->err, TALLY_EINVAL, NULL, 0, 0,
                               "the number of seats is not given");
    if (p->total > INT64_MAX / TALLY_VOTE_UNIT / R->seats)
        return tally_error_set(F->err, TALLY_ERANGE, NULL, 0, 0,
                               "too many ballot papers for votes in units of 10^-5");
    if (opt && opt->has_seed) {
        R->has_seed = opt->has_seed;
        R->seed = opt->seed;
    }
    F->votes = tally_calloc(F->n, sizeof *F->votes);
    F->stamp = tally_calloc(F->n, sizeof *F->stamp);
    F->group = tally_malloc(F->n * sizeof *F->group);
    R->candidates = tally_calloc(F->n, sizeof *R->candidates);
    R->elected = tally_calloc(F->n, sizeof *R->elected);
    R->stages = tally_calloc(1, sizeof *R->stages);
    if (!F->votes || !F->stamp || !F->group || !R->candidates || !R->elected || !R->stages)
        return nomem(F);
    if (!(R->stages[0].votes = tally_malloc(F->n * sizeof *R->stages[0].votes)))
        return nomem(F);
    R->n_stages = 1;
    R->stages[0].kind = TALLY_STAGE_FIRST;
    for (size_t c = 0; c < F->n; c++)
        if (p->withdrawn[c])
            R->candidates[c].fate = TALLY_FATE_WITHDRAWN;
    return TALLY_OK;
}

tally_status tally_fptp(const tally_pool *pool, const tally_method_options *opt,
                        tally_method_result **out, tally_error *err)
{
    tally_method_result *R;
    fptp F;
    tally_status st;

    *out = NULL;
    tally_error_clear(err);
    memset(&F, 0, sizeof F);
    F.pool = pool;
    F.err = err;
    F.n = pool->n_candidates;
    if (!(R = tally_calloc(1, sizeof *R)))
        return nomem(&F);
    R->pool = pool;
    R->method = "fptp";
    F.res = R;
    st = setup(&F, opt);
    if (st == TALLY_OK)
        st = count(&F, opt);
    tally_free(F.votes);
    tally_free(F.stamp);
    tally_free(F.group);
    if (st != TALLY_OK) {
        tally_method_result_free(R);
        return st;
    }
    *out = R;
    return TALLY_OK;
}
