/*
** The national picture against the previous results (tally_national_json,
** include/tally/national.h): each declared result computed by
** tally_result_compute against its constituency's previous result, the
** seats, gains, losses, votes, shares, change and Butler swing of them all
** by tally_seats (seats.h: counted as the House of Commons Library counts
** them, CBP 8749), the swing by region by tally_seats_regions. Nothing is
** counted here: this file only joins and writes out.
**
** Limits: a constituency is found in the baseline by a scan, so the work
** is declared x baseline string comparisons (650 x 650 for the House, well
** under a millisecond).
*/
#include <jansson.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/election.h"
#include "tally/national.h"
#include "tally/num.h"
#include "tally/result.h"
#include "tally/seats.h"

typedef struct picture {
    size_t n;
    tally_election **elections;
    tally_result **results;
    tally_seats *seats;
    tally_seats_regions *regions;
    const tally_seats_party *from, *to;
    int64_t swing;
    int has_swing;
} picture;

static void picture_free(picture *p)
{
    for (size_t i = 0; i < p->n; i++) {
        tally_result_free(p->results[i]);
        tally_election_free(p->elections[i]);
    }
    tally_free(p->results);
    tally_free(p->elections);
    tally_seats_free(p->seats);
    tally_seats_regions_free(p->regions);
}

static const tally_election *find_baseline(const tally_election *const *b, size_t n,
                                           const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (b[i]->area_code && strcmp(b[i]->area_code, code) == 0)
            return b[i];
    return NULL;
}

/* The declared winner decides an equality of votes: the count centre drew
** the lot, and its declaration says on whom it fell. */
static tally_result_options declared_lot(const json_t *body)
{
    tally_result_options o = { 0 };
    const json_t *c;
    size_t i;
    json_array_foreach(json_object_get(body, "candidates"), i, c) {
        if (json_is_true(json_object_get(c, "elected"))) {
            o.has_forced_lot = 1;
            o.forced_lot = i;
            break;
        }
    }
    return o;
}

static tally_status compute(picture *p, const json_t *const *declared, size_t n,
                            const tally_election *const *baseline, size_t n_baseline,
                            tally_error *err)
{
    tally_status st;

    p->elections = tally_calloc(n ? n : 1, sizeof *p->elections);
    p->results = tally_calloc(n ? n : 1, sizeof *p->results);
    if (!p->elections || !p->results)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *code = json_string_value(json_object_get(declared[i], "constituency"));
        tally_result_options opt = declared_lot(declared[i]);
        tally_error cerr;
        if ((st = tally_declared_election(declared[i],
                                          find_baseline(baseline, n_baseline, code),
                                          &p->elections[i], err)) != TALLY_OK)
            return st;
        p->n++;
        tally_error_clear(&cerr);
        if ((st = tally_result_compute(p->elections[i], &opt, &p->results[i], &cerr)) !=
            TALLY_OK)
            return tally_error_set(err, st, NULL, 0, 0, "%s: %s", code, cerr.message);
    }
    if ((st = tally_seats_compute((const tally_result *const *)p->results, n, &p->seats,
                                  err)) != TALLY_OK)
        return st;
    st = tally_seats_swing(p->seats, 10000, &p->from, &p->to, &p->swing);
    if (st == TALLY_OK)
        p->has_swing = 1;
    else if (st != TALLY_ENOTFOUND)
        return tally_error_set(err, st, NULL, 0, 0, "a figure is too large to compute with");
    return tally_seats_regions_compute((const tally_result *const *)p->results, n,
                                       p->has_swing ? p->from->key : NULL,
                                       p->has_swing ? p->to->key : NULL, 10000, &p->regions,
                                       err);
}

static json_t *centi(tally_status st, int64_t v)
{
    char buf[32];
    if (st != TALLY_OK)
        return json_null();
    tally_num_format_centi(v, buf, sizeof buf);
    return json_string(buf);
}

static json_t *swing_json(int has, const char *from, const char *to, int64_t points)
{
    if (!has)
        return json_null();
    return json_pack("{s:s, s:s, s:o}", "from", from, "to", to, "points", centi(TALLY_OK, points));
}

/* The party name most of its candidates stood under (Labour, not Labour
** and Co-operative, for Lab), the first in byte order of equally many;
** NULL for a key no candidate has now (a previous Independent). */
typedef struct name_count {
    const char *name;
    size_t n;
} name_count;

static tally_status party_name(const picture *p, const char *key, const char **out)
{
    name_count *seen = NULL;
    size_t n_seen = 0, cap = 0, best = 0;

    *out = NULL;
    for (size_t i = 0; i < p->n; i++)
        for (size_t j = 0; j < p->results[i]->n_candidates; j++) {
            const char *name = p->elections[i]->candidates[j].party_name;
            size_t k;
            if (!name || strcmp(tally_seats_key(p->results[i], j), key) != 0)
                continue;
            for (k = 0; k < n_seen && strcmp(seen[k].name, name) != 0; k++)
                ;
            if (k == n_seen) {
                if (!tally_grow(&seen, &cap, n_seen, sizeof *seen)) {
                    tally_free(seen);
                    return TALLY_ENOMEM;
                }
                seen[n_seen++] = (name_count){ name, 0 };
            }
            seen[k].n++;
        }
    for (size_t k = 1; k < n_seen; k++)
        if (seen[k].n > seen[best].n ||
            (seen[k].n == seen[best].n && strcmp(seen[k].name, seen[best].name) < 0))
            best = k;
    if (n_seen)
        *out = seen[best].name;
    tally_free(seen);
    return TALLY_OK;
}

static json_t *parties_json(const picture *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->seats->n_parties; i++) {
        const tally_seats_party *sp = &p->seats->parties[i];
        int64_t share = 0, change = 0;
        tally_status ss = tally_seats_share(p->seats, sp, 10000, &share);
        tally_status cs = tally_seats_change(p->seats, sp, 10000, &change);
        const char *name;
        json_t *o;
        if (party_name(p, sp->key, &name) != TALLY_OK) {
            json_decref(arr);
            return NULL;
        }
        o = json_pack("{s:s, s:s?, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "party",
                              sp->key, "name", name, "seats",
                              (json_int_t)sp->seats, "gains", (json_int_t)sp->gains, "losses",
                              (json_int_t)sp->losses, "net", (json_int_t)(sp->gains - sp->losses),
                              "votes", (json_int_t)sp->votes, "previous_votes",
                              (json_int_t)sp->previous_votes, "share_percent", centi(ss, share),
                              "change_points", centi(cs, change));
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *regions_json(const picture *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->regions->n; i++) {
        const tally_seats_region *r = &p->regions->regions[i];
        json_t *o = json_pack("{s:s, s:I, s:I, s:o}", "region", r->region, "declared",
                              (json_int_t)r->results, "compared", (json_int_t)r->compared,
                              "swing", swing_json(r->has_swing, r->from, r->to, r->swing));
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *results_json(const picture *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n; i++) {
        const tally_result *r = p->results[i];
        const tally_election *e = p->elections[i];
        size_t w = r->winners[0];
        json_t *o = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s?, s:o}", "constituency",
                              e->area_code, "name", e->area_name, "region", e->region, "winner",
                              tally_result_candidate_label(r, w), "party", tally_seats_key(r, w),
                              "outcome", r->outcome,
                              "gain", r->outcome ? json_boolean(r->gain) : json_null());
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

tally_status tally_national_json(const json_t *const *declared, size_t n, size_t constituencies,
                                 const tally_election *const *baseline, size_t n_baseline,
                                 json_t **out, tally_error *err)
{
    picture p = { 0 };
    json_t *o = NULL;
    tally_status st;

    *out = NULL;
    if ((st = compute(&p, declared, n, baseline, n_baseline, err)) != TALLY_OK) {
        picture_free(&p);
        return st;
    }
    o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o*, s:o*, s:o*, s:o*}",
                  "constituencies", (json_int_t)constituencies, "declared", (json_int_t)n,
                  "undeclared", (json_int_t)(constituencies > n ? constituencies - n : 0),
                  "majority_needed", (json_int_t)(constituencies / 2 + 1), "valid_votes",
                  (json_int_t)p.seats->valid_votes, "previous_valid_votes",
                  (json_int_t)p.seats->previous_valid_votes, "compared",
                  (json_int_t)p.seats->compared, "parties", parties_json(&p), "swing",
                  swing_json(p.has_swing, p.has_swing ? p.from->key : NULL,
                             p.has_swing ? p.to->key : NULL, p.swing),
                  "regions", regions_json(&p), "results", results_json(&p));
    picture_free(&p);
    if (!o || !json_object_get(o, "parties") || !json_object_get(o, "regions") ||
        !json_object_get(o, "results") || !json_object_get(o, "swing")) {
        json_decref(o);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = o;
    return TALLY_OK;
}
