/*
** From declared figures to the result (include/tally/result.h).
**
** PER r.49 (equality of votes), r.50 (declaration), r.53 (deposits); EC
** turnout measures; Butler swing. docs/rules.md gives the sources.
*/
#include "tally/result.h"

#include <stdio.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/num.h"

/* The result plus storage the public struct points into. */
typedef struct result_impl {
    tally_result pub;
    char outcome[160];
} result_impl;

void tally_result_free(tally_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_draws; i++)
        tally_free(r->draws[i].tied);
    tally_free(r->draws);
    tally_free(r->candidates);
    tally_free(r->order);
    tally_free(r->winners);
    tally_free(r);
}

const char *tally_deposit_name(tally_deposit d)
{
    return d == TALLY_DEPOSIT_RETAINED ? "retained" : d == TALLY_DEPOSIT_FORFEITED ? "forfeited"
                                                                                   : NULL;
}

int64_t tally_result_declared_votes(const tally_result *r, size_t i)
{
    const tally_result_candidate *c = &r->candidates[i];
    return c->votes == TALLY_NONE ? TALLY_NONE : c->votes + c->lot_vote;
}

const char *tally_result_candidate_label(const tally_result *r, size_t index)
{
    const tally_candidate *c = &r->election->candidates[index];
    return c->common_name ? c->common_name : c->name;
}

const char *tally_result_party_code(const tally_result *r, size_t index)
{
    const tally_candidate *c = &r->election->candidates[index];
    return c->party_code ? c->party_code : "Ind";
}

static int64_t pow10(int places)
{
    int64_t p = 1;
    while (places-- > 0)
        p *= 10;
    return p;
}

tally_status tally_result_share_at(const tally_result *r, size_t i, int places, int64_t *out)
{
    if (places < 0 || places > 15)
        return TALLY_ERANGE;
    if (i >= r->n_candidates || !r->candidates[i].has_share)
        return TALLY_ENOTFOUND;
    return tally_num_round_ratio(r->candidates[i].votes, r->votes_cast, pow10(places), out);
}

tally_status tally_result_change_at(const tally_result *r, size_t i, int places, int64_t *out)
{
    if (places < 0 || places > 15)
        return TALLY_ERANGE;
    if (i >= r->n_candidates || !r->candidates[i].has_change)
        return TALLY_ENOTFOUND;
    return tally_num_round_ratio128(r->candidates[i].change_num, r->candidates[i].change_den,
                                    pow10(places), out);
}

/* Sort positions by declared votes, most first; equal votes keep ballot
** order. Insertion sort: a contest has tens of candidates, not thousands. */
static void rank(tally_result *r)
{
    for (size_t i = 0; i < r->n_candidates; i++)
        r->order[i] = i;
    for (size_t i = 1; i < r->n_candidates; i++) {
        size_t v = r->order[i], j = i;
        int64_t vv = tally_result_declared_votes(r, v);
        while (j > 0 && tally_result_declared_votes(r, r->order[j - 1]) < vv) {
            r->order[j] = r->order[j - 1];
            j--;
        }
        r->order[j] = v;
    }
}

/* PER r.49: while an equality of votes at the last winning place decides a
** seat, draw one of the tied candidates by lot and treat that candidate as
** having one more vote. Ties that decide nothing draw nothing. Each draw
** settles one place, so at most `seats` draws are made. */
static tally_status draw_lots(tally_result *r, const tally_result_options *opt,
                              tally_error *err)
{
    size_t seats = (size_t)r->election->seats;
    tally_lot lot;
    int seeded = 0;

    for (;;) {
        int64_t v;
        size_t n_tied = 0;
        tally_result_draw *d;

        rank(r);
        v = tally_result_declared_votes(r, r->order[seats - 1]);
        if (tally_result_declared_votes(r, r->order[seats]) != v)
            return TALLY_OK;
        for (size_t i = 0; i < r->n_candidates; i++)
            n_tied += tally_result_declared_votes(r, i) == v;
        if (!seeded) {
            if (opt && opt->has_forced_lot && r->n_draws == 0) {
                r->has_lot = 1;
                r->lot_forced = 1;
            } else if (!opt || !opt->has_seed)
                return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                       "an equality of votes decides a seat: a seed for "
                                       "the lot is needed");
            else {
                tally_lot_init(&lot, opt->seed);
                r->has_lot = 1;
                r->lot_seed = opt->seed;
                seeded = 1;
            }
        }
        d = tally_realloc(r->draws, (r->n_draws + 1) * sizeof *d);
        if (!d)
            return TALLY_ENOMEM;
        r->draws = d;
        d = &r->draws[r->n_draws];
        d->tied = tally_calloc(n_tied, sizeof *d->tied);
        if (!d->tied)
            return TALLY_ENOMEM;
        d->n_tied = 0;
        for (size_t i = 0; i < r->n_candidates; i++)
            if (tally_result_declared_votes(r, i) == v)
                d->tied[d->n_tied++] = i;
        r->n_draws++;
        if (opt && opt->has_forced_lot && r->n_draws == 1) {
            size_t k;
            for (k = 0; k < d->n_tied && d->tied[k] != opt->forced_lot; k++)
                ;
            if (k == d->n_tied)
                return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                       "the lot fell on a candidate who is not tied");
            d->falls_on = opt->forced_lot;
        } else {
            d->falls_on = d->tied[tally_lot_draw(&lot, d->n_tied)];
        }
        r->candidates[d->falls_on].lot_vote = 1;
    }
}

static tally_status percent(int64_t num, int64_t den, int *has, int64_t *out)
{
    *has = 0;
    if (den <= 0)
        return TALLY_OK;
    *has = 1;
    return tally_num_round_ratio(num, den, 10000, out);
}

/* The previous result's votes for key, or TALLY_NONE. */
static int64_t previous_votes(const tally_previous *p, const char *key)
{
    if (!p || !key)
        return TALLY_NONE;
    for (size_t i = 0; i < p->n_parties; i++)
        if (strcmp(p->parties[i].key, key) == 0)
            return p->parties[i].votes;
    return TALLY_NONE;
}

static int64_t previous_total(const tally_previous *p)
{
    int64_t t = 0;
    if (p->valid_votes != TALLY_NONE)
        return p->valid_votes;
    for (size_t i = 0; i < p->n_parties; i++)
        t += p->parties[i].votes;
    return t;
}

/* A key that more than one candidate compares against cannot say whose
** change it is, so none of them gets one. */
static int key_shared(const tally_election *e, size_t i)
{
    const char *k = e->candidates[i].previous_key;
    for (size_t j = 0; j < e->n_candidates; j++)
        if (j != i && e->candidates[j].previous_key &&
            strcmp(e->candidates[j].previous_key, k) == 0)
            return 1;
    return 0;
}

/* Change in share, in hundredths of a point, exactly:
** (v1/t1 - v0/t0) = (v1*t0 - v0*t1) / (t1*t0). */
static tally_status changes(tally_result *r)
{
    const tally_election *e = r->election;
    int64_t t0;

    if (!e->previous || !r->contested || r->votes_cast <= 0)
        return TALLY_OK;
    t0 = previous_total(e->previous);
    if (t0 <= 0)
        return TALLY_OK;
    for (size_t i = 0; i < r->n_candidates; i++) {
        tally_result_candidate *c = &r->candidates[i];
        int64_t v0 = previous_votes(e->previous, e->candidates[i].previous_key);
        tally_i128 num;
        tally_status s;

        if (v0 == TALLY_NONE || key_shared(e, i))
            continue;
        num = (tally_i128)c->votes * t0 - (tally_i128)v0 * r->votes_cast;
        c->change_num = num;
        c->change_den = (tally_i128)r->votes_cast * t0;
        s = tally_num_round_ratio128(num, c->change_den, 10000, &c->change);
        if (s != TALLY_OK)
            return s;
        c->has_change = 1;
    }
    return TALLY_OK;
}

/* Butler swing between the first two candidates A and B of this election,
** exactly: ((B1 - B0) - (A1 - A0)) / 2 with shares of all valid votes,
** = ((B1 - A1) * t0 - (B0 - A0) * t1) / (2 * t1 * t0). Reported from the
** one whose share moved less favourably to the other, as a non-negative
** figure; absent when either did not stand last time. */
static tally_status swing(tally_result *r)
{
    const tally_election *e = r->election;
    size_t a, b;
    int64_t a0, b0, t0, t1 = r->votes_cast, s;
    tally_i128 num;
    tally_status st;

    if (!r->contested || r->n_candidates < 2 || e->seats != 1)
        return TALLY_OK;
    a = r->order[0];
    b = r->order[1];
    if (!r->candidates[a].has_change || !r->candidates[b].has_change)
        return TALLY_OK;
    a0 = previous_votes(e->previous, e->candidates[a].previous_key);
    b0 = previous_votes(e->previous, e->candidates[b].previous_key);
    t0 = previous_total(e->previous);
    num = ((tally_i128)r->candidates[b].votes - r->candidates[a].votes) * t0 -
          ((tally_i128)b0 - a0) * t1;
    st = tally_num_round_ratio128(num, (tally_i128)2 * t1 * t0, 10000, &s);
    if (st != TALLY_OK)
        return st;
    r->has_swing = 1;
    if (s >= 0) {
        r->swing_from = a;
        r->swing_to = b;
        r->swing = s;
    } else {
        r->swing_from = b;
        r->swing_to = a;
        r->swing = -s;
    }
    return TALLY_OK;
}

/* "Lab hold" when the winner's party is the previous winner's (compared by
** key, so Labour and Co-operative can count as Labour), else "Con gain
** from Lab", naming the previous winner as the previous result names it. */
static void outcome(result_impl *ri)
{
    tally_result *r = &ri->pub;
    const tally_previous *p = r->election->previous;
    const tally_candidate *w;
    const char *wkey;

    if (!p || !p->winner || r->election->seats != 1 || r->n_winners != 1)
        return;
    w = &r->election->candidates[r->winners[0]];
    wkey = p->winner_key ? p->winner_key : p->winner;
    r->previous_winner_key = wkey;
    r->gain = !(w->previous_key && strcmp(w->previous_key, wkey) == 0);
    if (!r->gain)
        snprintf(ri->outcome, sizeof ri->outcome, "%s hold",
                 tally_result_party_code(r, r->winners[0]));
    else
        snprintf(ri->outcome, sizeof ri->outcome, "%s gain from %s",
                 tally_result_party_code(r, r->winners[0]), p->winner);
    r->outcome = ri->outcome;
}

static tally_status compute(result_impl *ri, const tally_result_options *opt, tally_error *err)
{
    tally_result *r = &ri->pub;
    const tally_election *e = r->election;
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    size_t n = e->n_candidates, seats = (size_t)e->seats;
    tally_status s;

    r->n_candidates = n;
    r->candidates = tally_calloc(n, sizeof *r->candidates);
    r->order = tally_calloc(n, sizeof *r->order);
    r->winners = tally_calloc(seats < n ? seats : n, sizeof *r->winners);
    if (!r->candidates || !r->order || !r->winners)
        return TALLY_ENOMEM;
    r->contested = n > seats;
    r->valid_votes = r->votes_cast = r->rejected_total = TALLY_NONE;
    r->counted_total = TALLY_NONE;
    r->verified_total = e->verified_total;

    for (size_t i = 0; i < n; i++) {
        r->candidates[i].index = i;
        r->candidates[i].votes = r->contested ? e->candidates[i].votes : TALLY_NONE;
    }

    if (!r->contested) {
        /* No poll (PER r.45 does not apply): every candidate is elected,
        ** and with no poll taken no deposit is forfeited (r.53(4)). */
        rank(r);
        for (size_t i = 0; i < n; i++) {
            r->candidates[i].elected = 1;
            r->winners[r->n_winners++] = i;
            r->candidates[i].deposit = e->deposit.applies ? TALLY_DEPOSIT_RETAINED
                                                          : TALLY_DEPOSIT_NONE;
        }
        outcome(ri);
        return TALLY_OK;
    }

    r->votes_cast = 0;
    for (size_t i = 0; i < n; i++)
        r->votes_cast += r->candidates[i].votes;
    r->valid_votes = e->valid_votes != TALLY_NONE ? e->valid_votes : r->votes_cast;

    r->rejected_total = e->rejected_total;
    for (size_t h = 0; h < ci->n_heads; h++) {
        if (e->rejected[h] == TALLY_NONE)
            continue;
        if (!r->has_rejected_by_head)
            r->rejected_total = 0;
        r->has_rejected_by_head = 1;
        r->rejected_total += e->rejected[h];
    }
    if (r->rejected_total != TALLY_NONE)
        r->counted_total = r->valid_votes + r->rejected_total;
    if (r->counted_total != TALLY_NONE && r->verified_total != TALLY_NONE) {
        r->has_verification_difference = 1;
        r->verification_difference = r->verified_total - r->counted_total;
    }

    if (r->counted_total != TALLY_NONE &&
        (s = percent(r->counted_total, e->electorate, &r->has_turnout_ballot_box,
                     &r->turnout_ballot_box)) != TALLY_OK)
        return s;
    if ((s = percent(r->valid_votes, e->electorate, &r->has_turnout_valid,
                     &r->turnout_valid)) != TALLY_OK)
        return s;

    for (size_t i = 0; i < n; i++) {
        tally_result_candidate *c = &r->candidates[i];
        if ((s = percent(c->votes, r->votes_cast, &c->has_share, &c->share)) != TALLY_OK)
            return s;
        if (!e->deposit.applies)
            c->deposit = TALLY_DEPOSIT_NONE;
        else if ((tally_i128)c->votes * e->deposit.den > (tally_i128)r->votes_cast * e->deposit.num)
            c->deposit = TALLY_DEPOSIT_RETAINED;
        else
            c->deposit = TALLY_DEPOSIT_FORFEITED;
    }

    if ((s = draw_lots(r, opt, err)) != TALLY_OK)
        return s;
    rank(r);
    for (size_t k = 0; k < seats; k++) {
        r->winners[r->n_winners++] = r->order[k];
        r->candidates[r->order[k]].elected = 1;
    }
    r->has_majority = 1;
    r->majority = tally_result_declared_votes(r, r->order[seats - 1]) -
                  tally_result_declared_votes(r, r->order[seats]);
    if ((s = percent(r->majority, r->votes_cast, &r->has_majority_percent,
                     &r->majority_percent)) != TALLY_OK)
        return s;
    if ((s = changes(r)) != TALLY_OK || (s = swing(r)) != TALLY_OK)
        return s;
    outcome(ri);
    return TALLY_OK;
}

tally_status tally_result_compute(const tally_election *e, const tally_result_options *opt,
                                  tally_result **out, tally_error *err)
{
    result_impl *ri;
    tally_status s;

    *out = NULL;
    if (e->method != TALLY_METHOD_FPTP)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the result of an STV contest (method %s) is its stage report: "
                               "tally tabulate, or tally count for its count",
                               tally_election_method_key(e->method));
    if ((s = tally_election_check(e, err)) != TALLY_OK)
        return s;
    ri = tally_calloc(1, sizeof *ri);
    if (!ri)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    ri->pub.election = e;
    s = compute(ri, opt, err);
    if (s != TALLY_OK) {
        if (s == TALLY_ENOMEM)
            tally_error_set(err, s, NULL, 0, 0, "out of memory");
        else if (s == TALLY_ERANGE)
            tally_error_set(err, s, NULL, 0, 0, "a figure is too large to compute with");
        tally_result_free(&ri->pub);
        return s;
    }
    *out = &ri->pub;
    return TALLY_OK;
}
