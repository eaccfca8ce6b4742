/*
** Fuzz target: tabulation invariants on random small pools, for every STV
** method (scottish-stv, meek, ers97). The input is read as:
**
**   byte 0      candidates, 1 + b % 8
**   byte 1      seats, 1 + b % (candidates + 1) (so sometimes too many)
**   byte 2      withdrawn candidates, a bit each
**   byte 3      bit 0: a [tie] order (candidates in reverse)
**   bytes 4-11  the seed of any lot
**   then ballots, each: weight 1 + b % 8, length b % 10, and one byte per
**   mark: candidate b % candidates, ranked equal with the mark before when
**   b & 0x80 (repeats allowed, as the lenient BLT reader stores them)
**
** Checked, beyond the count invariants (invariants.h): the same pool
** counted twice gives byte-identical stage reports, and the pool filled
** with its ballots in reverse order gives the same report: the count does
** not depend on the order papers were added, so neither does who is
** elected.
*/
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "invariants.h"
#include "tally/ballot.h"

#define MAX_BALLOTS 64

typedef struct ballot {
    uint32_t prefs[10];
    size_t n;
    int64_t weight;
} ballot;

static tally_pool *fill(size_t n, int seats, unsigned withdrawn, int tie, const ballot *b,
                        size_t nb, int reverse)
{
    static const char *const names[] = { "A", "B", "C", "D", "E", "F", "G", "H" };
    size_t order[8];
    tally_pool *p;

    FUZZ_CHECK(tally_pool_new(n, &p) == TALLY_OK);
    for (size_t c = 0; c < n; c++) {
        FUZZ_CHECK(tally_pool_set_candidate(p, c, names[c], NULL) == TALLY_OK);
        p->withdrawn[c] = (unsigned char)((withdrawn >> c) & 1); /* as the BLT reader does */
        order[c] = n - 1 - c;
    }
    p->seats = seats;
    FUZZ_CHECK(tally_pool_set_title(p, "fuzz") == TALLY_OK);
    if (tie)
        FUZZ_CHECK(tally_pool_set_tie_order(p, order, n) == TALLY_OK);
    for (size_t i = 0; i < nb; i++) {
        const ballot *x = &b[reverse ? nb - 1 - i : i];
        FUZZ_CHECK(tally_pool_add(p, x->prefs, x->n, x->weight) == TALLY_OK);
    }
    if (reverse)
        tally_pool_seal(p);
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ballot b[MAX_BALLOTS];
    size_t n, nb = 0, i = 12;
    int seats, tie;
    unsigned withdrawn;
    uint64_t seed = 0;
    tally_pool *fwd, *rev;

    if (size < 12)
        return 0;
    n = 1 + data[0] % 8;
    seats = 1 + data[1] % (int)(n + 1);
    withdrawn = data[2];
    tie = data[3] & 1;
    for (int k = 0; k < 8; k++)
        seed = seed << 8 | data[4 + k];
    while (i + 2 <= size && nb < MAX_BALLOTS) {
        ballot *x = &b[nb++];
        x->weight = 1 + data[i] % 8;
        x->n = data[i + 1] % 10;
        i += 2;
        for (size_t k = 0; k < x->n; k++) {
            uint8_t v = i < size ? data[i++] : 0;
            x->prefs[k] = (uint32_t)(v % n) | (k > 0 && (v & 0x80) ? TALLY_BALLOT_EQUAL : 0u);
        }
    }
    fwd = fill(n, seats, withdrawn, tie, b, nb, 0);
    rev = fill(n, seats, withdrawn, tie, b, nb, 1);
    for (size_t m = 0; m < fuzz_n_methods; m++) {
        tally_method_result *r1 = fuzz_count(fwd, fuzz_methods[m], 0, seed);
        tally_method_result *r2 = fuzz_count(fwd, fuzz_methods[m], 0, seed);
        tally_method_result *r3 = fuzz_count(rev, fuzz_methods[m], 0, seed);
        size_t l1, l2, l3;
        char *j1, *j2, *j3;
        FUZZ_CHECK(r1 && r2 && r3); /* a small pool is never refused */
        j1 = fuzz_report(r1, &l1);
        j2 = fuzz_report(r2, &l2);
        j3 = fuzz_report(r3, &l3);
        FUZZ_CHECK(l1 == l2 && memcmp(j1, j2, l1) == 0); /* same input, same seed */
        FUZZ_CHECK(r1->n_elected == r3->n_elected);
        for (size_t e = 0; e < r1->n_elected; e++)
            FUZZ_CHECK(r3->candidates[r1->elected[e]].fate == TALLY_FATE_ELECTED);
        FUZZ_CHECK(l1 == l3 && memcmp(j1, j3, l1) == 0); /* whatever the order added */
        free(j1);
        free(j2);
        free(j3);
        tally_method_result_free(r1);
        tally_method_result_free(r2);
        tally_method_result_free(r3);
    }
    tally_pool_free(fwd);
    tally_pool_free(rev);
    return 0;
}
