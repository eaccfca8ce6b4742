/*
** tally: seats won, gained and lost by each party across many results.
**
** A gain is a seat whose winner's party is not the party that held it at
** the previous result, and a loss is the same seat counted against the
** party that held it; a hold is neither (tally_result_compute decides which,
** comparing by party key, so a Labour and Co-operative winner holds a
** Labour seat). Net change is gains - losses. This is how the House of
** Commons Library counts seats that changed hands against the previous
** general election (General Election 2019: results and analysis, CBP 8749:
** "The Conservatives made 58 gains but lost 10 seats for a net change of
** +48"); the Speaker's seat counts as a gain or loss like any other.
**
** Parties are identified by the key a result compares with its previous
** result (candidate previous_key), else by the party code: Labour and
** Labour and Co-operative winners count together as Labour.
**
** Votes are summed by the same key, now and at the previous result (the
** previous result of each constituency tallied, however its boundaries were
** drawn), so a party's change in share is its share of all valid votes now
** less its share of all valid votes then. The national swing is Butler's:
** of the two parties with most votes now, A first and B second,
** ((B now - B then) - (A now - A then)) / 2 in points of share, reported
** from the party it moves away from, as in result.h (D. Butler; House of
** Commons Library SN02608, as docs/rules.md gives it).
**
** Pure: no I/O. Shares and swing are exact fractions rounded once (num.h). Ownership: the tally borrows the keys from the results'
** elections, which must outlive it; tally_seats_free() releases the tally.
*/
#ifndef TALLY_SEATS_H
#define TALLY_SEATS_H

#include <stddef.h>
#include <stdint.h>

#include "tally/result.h"
#include "tally/status.h"

typedef struct tally_seats_party {
    const char *key;    /* "Con", "Lab", "person:Claire Wright"; borrowed */
    int64_t seats;      /* candidates elected */
    int64_t gains;      /* seats won that another party held before */
    int64_t losses;     /* seats held before that another party won */
    int64_t votes;      /* its candidates' votes now */
    int64_t previous_votes; /* its votes at the previous results */
} tally_seats_party;

typedef struct tally_seats {
    size_t results;             /* results tallied */
    size_t compared;            /* of them, with a hold or gain */
    int64_t valid_votes;        /* votes cast now, all results */
    int64_t previous_valid_votes; /* valid votes at the previous results */
    size_t n_parties;
    tally_seats_party *parties; /* most seats first, then most votes, then key */
} tally_seats;

/* Tally the winners of results[0..n). A party that lost every seat it held
** is listed with 0 seats. Caller frees *out with tally_seats_free(). */
tally_status tally_seats_compute(const tally_result *const *results, size_t n,
                                 tally_seats **out, tally_error *err);

void tally_seats_free(tally_seats *s);

/* The party with this key, or NULL. Borrowed from s. */
const tally_seats_party *tally_seats_find(const tally_seats *s, const char *key);

/* p's share of all valid votes now, rounded half away from zero and scaled
** by scale (10000: hundredths of a percent). TALLY_ENOTFOUND when no votes
** were cast. */
tally_status tally_seats_share(const tally_seats *s, const tally_seats_party *p, int64_t scale,
                               int64_t *out);

/* p's change in share since the previous results, in the same units.
** TALLY_ENOTFOUND when either total is zero. */
tally_status tally_seats_change(const tally_seats *s, const tally_seats_party *p, int64_t scale,
                                int64_t *out);

/* Butler swing between the two parties with most votes now: *from is the
** party the swing is away from, *to the one it is towards, *swing >= 0 in
** scale units. TALLY_ENOTFOUND with fewer than two parties or no previous
** votes. */
tally_status tally_seats_swing(const tally_seats *s, int64_t scale, const tally_seats_party **from,
                               const tally_seats_party **to, int64_t *swing);

/* The same between parties a and b of s, whichever has more votes.
** TALLY_ENOTFOUND when either total is zero. */
tally_status tally_seats_swing_between(const tally_seats *s, const tally_seats_party *a,
                                       const tally_seats_party *b, int64_t scale,
                                       const tally_seats_party **from,
                                       const tally_seats_party **to, int64_t *swing);

/* The key candidate index i of r is tallied under: its previous_key, else
** its party code ("Ind" for none). Borrowed from r's election. */
const char *tally_seats_key(const tally_result *r, size_t index);

/* The Butler swing of each region (swing_region.c): the results whose
** election names a region, tallied region by region as above (each
** region's shares of its own valid votes, now and at the previous results
** of the same constituencies), and the swing between the parties keyed a
** and b. Callers pass the two with most votes in the whole tally, so that
** every region is measured between the same two parties as the national
** swing and the regions compare with it and with each other (the
** definition is Butler's, as above; the choice of pair is tally's). A
** region has a swing only when both parties had votes there now and at the
** previous results: none in Northern Ireland, where Labour does not stand.
** Regions in byte order of their names; results with no region are left
** out. */
typedef struct tally_seats_region {
    const char *region;       /* borrowed from the results' elections */
    size_t results;           /* results of the region tallied */
    size_t compared;          /* of them, with a hold or gain */
    int has_swing;
    const char *from, *to;    /* party keys (a or b), borrowed */
    int64_t swing;            /* scale units, >= 0 */
} tally_seats_region;

typedef struct tally_seats_regions {
    size_t n;
    tally_seats_region *regions;
} tally_seats_regions;

/* Caller frees *out with tally_seats_regions_free(). */
tally_status tally_seats_regions_compute(const tally_result *const *results, size_t n,
                                         const char *a, const char *b, int64_t scale,
                                         tally_seats_regions **out, tally_error *err);

void tally_seats_regions_free(tally_seats_regions *r);

#endif
