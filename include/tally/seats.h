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
** Pure: no I/O. Ownership: the tally borrows the keys from the results'
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
} tally_seats_party;

typedef struct tally_seats {
    size_t results;             /* results tallied */
    size_t compared;            /* of them, with a hold or gain */
    size_t n_parties;
    tally_seats_party *parties; /* most seats first, then most gains, then key */
} tally_seats;

/* Tally the winners of results[0..n). A party that lost every seat it held
** is listed with 0 seats. Caller frees *out with tally_seats_free(). */
tally_status tally_seats_compute(const tally_result *const *results, size_t n,
                                 tally_seats **out, tally_error *err);

void tally_seats_free(tally_seats *s);

/* The party with this key, or NULL. Borrowed from s. */
const tally_seats_party *tally_seats_find(const tally_seats *s, const char *key);

#endif
