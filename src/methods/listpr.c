/*
** Highest-averages allocation for every list method (include/tally/listpr.h);
** the rules each method follows are in its rule file (list_rule.h).
**
** Exact: a quotient is votes / divisor with an integer divisor (modified
** Sainte-Laguë's 1.4 is 7 fifths, its other divisors in fifths too), and
** two quotients are compared by cross-multiplication in 128 bits. Votes
** are below 10^12 (the reader's limit) and divisors below 2^40, so every
** product is far inside 2^127.
*/
#include <stdio.h>
#include <string.h>

#include "list_rule.h"
#include "tally/alloc.h"
#include "tally/lot.h"
#include "tally/num.h"

static const list_rule *const rules[] = {
    &tally_list_rule_dhondt,
    &tally_list_rule_sainte_lague,
    &tally_list_rule_modified_sainte_lague,
    &tally_list_rule_ams_scotland,
    &tally_list_rule_ams_london,
    &tally_list_rule_senedd,
};
#define N_RULES (sizeof rules / sizeof rules[0])

static const list_rule *rule_of(tally_list_method m)
{
    for (size_t i = 0; i < N_RULES; i++)
        if (rules[i]->method == m)
            return rules[i];
    return NULL;
}

tally_status tally_list_method_parse(const char *name, tally_list_method *out)
{
    for (size_t i = 0; i < N_RULES; i++)
        if (strcmp(rules[i]->name, name) == 0) {
            *out = rules[i]->method;
            return TALLY_OK;
        }
    return TALLY_ENOTFOUND;
}

const char *tally_list_method_name(tally_list_method m)
{
    const list_rule *r = rule_of(m);
    return r ? r->name : "unknown";
}

const char *tally_list_method_source(tally_list_method m)
{
    const list_rule *r = rule_of(m);
    return r ? r->source : "";
}

/* The divisor after s seats, in units of 1/den (den from series_den). */
static int64_t divisor(list_series series, int64_t s)
{
    switch (series) {
    case LIST_SERIES_SAINTE_LAGUE:
        return 2 * s + 1;
    case LIST_SERIES_MODIFIED_SL:
        return s == 0 ? 7 : 5 * (2 * s + 1);
    case LIST_SERIES_DHONDT:
    default:
        return s + 1;
    }
}

static int64_t series_den(list_series series)
{
    return series == LIST_SERIES_MODIFIED_SL ? 5 : 1;
}

/* Sign of va/da - vb/db (da, db > 0). */
static int compare(int64_t va, int64_t da, int64_t vb, int64_t db)
{
    tally_i128 l = (tally_i128)va * db, r = (tally_i128)vb * da;
    return (l > r) - (l < r);
}

void tally_list_result_free(tally_list_result *r)
{
    if (!r)
        return;
    for (size_t a = 0; a < r->n_areas; a++) {
        tally_list_area_result *ar = &r->areas[a];
        for (size_t i = 0; i < ar->n_rounds; i++) {
            tally_free(ar->rounds[i].divisor);
            tally_free(ar->rounds[i].out);
        }
        tally_free(ar->rounds);
        tally_free(ar->list_seats);
        tally_free(ar->out);
    }
    tally_free(r->areas);
    tally_free(r);
}

int64_t tally_list_total_seats(const tally_list_result *r, size_t a, size_t p)
{
    const tally_list_area_result *ar = &r->areas[a];
    int64_t s = ar->list_seats[p];

    if (r->counts_constituency)
        s += ar->area->parties[p].constituency_seats;
    return s;
}

typedef struct area_state {
    int64_t *held;  /* seats counted in the divisor */
    size_t *next;   /* next list place (0-based) */
    size_t *tied;
} area_state;

/* The next list place of party p not struck off, from *next; n_list when
** none. */
static size_t next_place(const tally_list_party *p, size_t from)
{
    while (from < p->n_list && p->struck_off[from])
        from++;
    return from;
}

static tally_status allocate_area(tally_list_result *R, const list_rule *rule,
                                  const tally_list_area *area, tally_list_area_result *ar,
                                  area_state *st, tally_lot *lot, tally_error *err)
{
    size_t n = area->n_parties;
    int64_t sum = 0;

    ar->area = area;
    if (rule->seats) {
        if (area->seats != TALLY_LIST_SEATS_STATUTORY && area->seats != rule->seats)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "%s: %s for each area, not %lld", area->name,
                                   rule->seats_rule, (long long)area->seats);
        ar->seats = rule->seats;
    } else {
        if (area->seats == TALLY_LIST_SEATS_STATUTORY)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "%s: the number of seats is missing (%s has no "
                                   "statutory number)", area->name, rule->name);
        ar->seats = area->seats;
    }
    for (size_t p = 0; p < n; p++)
        sum += area->parties[p].votes;
    ar->valid_votes = area->valid_votes == TALLY_LIST_SUM ? sum : area->valid_votes;
    if (ar->valid_votes < sum)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "%s: valid votes %lld are fewer than the parties' votes, %lld",
                               area->name, (long long)ar->valid_votes, (long long)sum);
    if (!(ar->list_seats = tally_calloc(n ? n : 1, sizeof *ar->list_seats)) ||
        !(ar->out = tally_calloc(n ? n : 1, 1)) ||
        !(ar->rounds = tally_calloc(ar->seats ? (size_t)ar->seats : 1, sizeof *ar->rounds)))
        return TALLY_ENOMEM;

    for (size_t p = 0; p < n; p++) {
        const tally_list_party *pt = &area->parties[p];
        st->held[p] = R->counts_constituency ? pt->constituency_seats : 0;
        st->next[p] = next_place(pt, 0);
        if (R->threshold_num &&
            (tally_i128)pt->votes * R->threshold_den < (tally_i128)ar->valid_votes * R->threshold_num)
            ar->out[p] = TALLY_LIST_BELOW_THRESHOLD;
        else if (pt->independent && R->counts_constituency && pt->constituency_seats > 0)
            ar->out[p] = TALLY_LIST_RETURNED;
        else if (pt->n_list && st->next[p] == pt->n_list)
            ar->out[p] = TALLY_LIST_EXHAUSTED;
    }

    for (int64_t seat = 0; seat < ar->seats; seat++) {
        tally_list_round *rd = &ar->rounds[ar->n_rounds];
        size_t k = 0, best = 0, w;
        const tally_list_party *pt;

        ar->n_rounds++; /* before allocating, so that a failure frees it */
        if (!(rd->divisor = tally_calloc(n ? n : 1, sizeof *rd->divisor)) ||
            !(rd->out = tally_malloc(n ? n : 1)))
            return TALLY_ENOMEM;
        if (n)
            memcpy(rd->out, ar->out, n);
        for (size_t p = 0; p < n; p++) {
            int c;
            if (ar->out[p])
                continue;
            rd->divisor[p] = divisor(rule->series, st->held[p]);
            c = k ? compare(area->parties[p].votes, rd->divisor[p],
                            area->parties[best].votes, rd->divisor[best]) : 1;
            if (c > 0) {
                best = p;
                k = 0;
            }
            if (c >= 0)
                st->tied[k++] = p;
        }
        if (k == 0) {
            ar->n_rounds--;
            tally_free(rd->divisor);
            tally_free(rd->out);
            memset(rd, 0, sizeof *rd);
            ar->unfilled = ar->seats - seat;
            break;
        }
        w = st->tied[0];
        rd->choice = TALLY_LIST_CLEAR;
        if (k > 1) {
            rd->n_tied = k;
            if ((int64_t)k <= ar->seats - seat) {
                rd->choice = TALLY_LIST_EACH;
            } else {
                if (!R->has_seed)
                    return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                           "%s: %zu parties have the equal highest quotient "
                                           "for %lld seat(s) at round %zu, and a lot must "
                                           "decide: give a seed",
                                           area->name, k, (long long)(ar->seats - seat),
                                           ar->n_rounds);
                w = st->tied[tally_lot_draw(lot, k)];
                rd->choice = TALLY_LIST_LOT;
                R->n_lots++;
            }
        }
        rd->winner = w;
        pt = &area->parties[w];
        st->held[w]++;
        ar->list_seats[w]++;
        rd->place = (size_t)ar->list_seats[w];
        if (pt->independent) {
            rd->member = pt->name;
            rd->place = 1;
            ar->out[w] = TALLY_LIST_RETURNED;
        } else if (pt->n_list) {
            rd->member = pt->list[st->next[w]];
            rd->place = st->next[w] + 1;
            st->next[w] = next_place(pt, st->next[w] + 1);
            if (st->next[w] == pt->n_list)
                ar->out[w] = TALLY_LIST_EXHAUSTED;
        }
    }
    return TALLY_OK;
}

tally_status tally_list_allocate(const tally_list_election *e, tally_list_method m,
                                 const tally_list_options *opts, tally_list_result **out,
                                 tally_error *err)
{
    const list_rule *rule = rule_of(m);
    tally_list_result *R;
    area_state st = { 0 };
    size_t maxp = 1;
    tally_lot lot;
    tally_status s = TALLY_OK;

    *out = NULL;
    if (!rule)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "unknown list method");
    if (e->threshold_num && !rule->file_threshold)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "%s fixes its own threshold: the file must not set one",
                               rule->name);
    if (!(R = tally_calloc(1, sizeof *R)))
        return TALLY_ENOMEM;
    R->e = e;
    R->method = m;
    R->divisor_den = series_den(rule->series);
    R->counts_constituency = rule->counts_constituency;
    if (rule->threshold_den) {
        R->threshold_num = rule->threshold_num;
        R->threshold_den = rule->threshold_den;
    } else {
        R->threshold_num = e->threshold_num;
        R->threshold_den = e->threshold_den ? e->threshold_den : 1;
    }
    tally_lot_init(&lot, 0);
    if (opts && opts->has_seed) {
        R->has_seed = 1;
        R->seed = opts->seed;
        tally_lot_init(&lot, opts->seed);
    }
    for (size_t a = 0; a < e->n_areas; a++)
        if (e->areas[a].n_parties > maxp)
            maxp = e->areas[a].n_parties;
    st.held = tally_calloc(maxp, sizeof *st.held);
    st.next = tally_calloc(maxp, sizeof *st.next);
    st.tied = tally_calloc(maxp, sizeof *st.tied);
    R->areas = tally_calloc(e->n_areas ? e->n_areas : 1, sizeof *R->areas);
    if (!st.held || !st.next || !st.tied || !R->areas)
        s = TALLY_ENOMEM;
    for (size_t a = 0; s == TALLY_OK && a < e->n_areas; a++) {
        R->n_areas++;
        s = allocate_area(R, rule, &e->areas[a], &R->areas[a], &st, &lot, err);
    }
    tally_free(st.held);
    tally_free(st.next);
    tally_free(st.tied);
    if (s != TALLY_OK) {
        if (s == TALLY_ENOMEM)
            tally_error_set(err, s, NULL, 0, 0, "out of memory");
        tally_list_result_free(R);
        return s;
    }
    *out = R;
    return TALLY_OK;
}
