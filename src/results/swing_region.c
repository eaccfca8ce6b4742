/*
** The Butler swing region by region (tally_seats_regions_compute,
** include/tally/seats.h): D. Butler's swing, ((B now - B then) - (A now -
** A then)) / 2 in points of share (House of Commons Library SN02608, as
** docs/rules.md gives it), over each region's results, by the tally of
** seats.c, so a region's figures are counted exactly as the nation's are.
**
** Limits: every region tallies its results again, so the work is regions
** x results (12 x 650 for the House); nothing is counted twice.
*/
#include "tally/seats.h"

#include <string.h>

#include "tally/alloc.h"

void tally_seats_regions_free(tally_seats_regions *r)
{
    if (!r)
        return;
    tally_free(r->regions);
    tally_free(r);
}

static const char *region_of(const tally_result *r)
{
    return r->election->region;
}

/* Both parties stood in the region, now and at the previous results. */
static int stood_both_times(const tally_seats_party *p)
{
    return p && p->votes > 0 && p->previous_votes > 0;
}

static tally_status one_region(const tally_result *const *results, size_t n,
                               const tally_result **subset, const char *a, const char *b,
                               int64_t scale, tally_seats_region *out, tally_error *err)
{
    const tally_seats_party *pa, *pb, *from, *to;
    tally_seats *s = NULL;
    size_t k = 0;
    tally_status st;

    for (size_t i = 0; i < n; i++)
        if (region_of(results[i]) && strcmp(region_of(results[i]), out->region) == 0)
            subset[k++] = results[i];
    if ((st = tally_seats_compute(subset, k, &s, err)) != TALLY_OK)
        return st;
    out->results = s->results;
    out->compared = s->compared;
    pa = a ? tally_seats_find(s, a) : NULL;
    pb = b ? tally_seats_find(s, b) : NULL;
    if (stood_both_times(pa) && stood_both_times(pb)) {
        st = tally_seats_swing_between(s, pa, pb, scale, &from, &to, &out->swing);
        if (st == TALLY_OK) {
            out->has_swing = 1;
            /* The keys are the results' elections', not the tally's. */
            out->from = strcmp(from->key, a) == 0 ? a : b;
            out->to = out->from == a ? b : a;
        } else if (st != TALLY_ENOTFOUND) {
            tally_seats_free(s);
            return tally_error_set(err, st, NULL, 0, 0, "a figure is too large to compute with");
        }
    }
    tally_seats_free(s);
    return TALLY_OK;
}

tally_status tally_seats_regions_compute(const tally_result *const *results, size_t n,
                                         const char *a, const char *b, int64_t scale,
                                         tally_seats_regions **out, tally_error *err)
{
    tally_seats_regions *rs;
    const tally_result **subset;
    tally_status st = TALLY_OK;
    size_t i, j;

    *out = NULL;
    rs = tally_calloc(1, sizeof *rs);
    subset = tally_calloc(n ? n : 1, sizeof *subset);
    if (rs)
        rs->regions = tally_calloc(n ? n : 1, sizeof *rs->regions);
    if (!rs || !subset || !rs->regions) {
        tally_free(subset);
        tally_seats_regions_free(rs);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    /* The distinct regions, kept in byte order as they are found. */
    for (i = 0; i < n; i++) {
        const char *name = region_of(results[i]);
        int c = 1;
        if (!name)
            continue;
        for (j = 0; j < rs->n && (c = strcmp(rs->regions[j].region, name)) < 0; j++)
            ;
        if (j < rs->n && c == 0)
            continue;
        memmove(&rs->regions[j + 1], &rs->regions[j], (rs->n - j) * sizeof *rs->regions);
        rs->regions[j] = (tally_seats_region){ .region = name };
        rs->n++;
    }
    for (i = 0; i < rs->n && st == TALLY_OK; i++)
        st = one_region(results, n, subset, a, b, scale, &rs->regions[i], err);
    tally_free(subset);
    if (st != TALLY_OK) {
        tally_seats_regions_free(rs);
        return st;
    }
    *out = rs;
    return TALLY_OK;
}
