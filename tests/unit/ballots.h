/*
** Fixtures shared by the method tests: small ballot pools written as
** strings, and the reconciliation every stage of a ranked count must meet.
** Header only (static inline), so each test file takes what it uses.
*/
#ifndef TALLY_TEST_BALLOTS_H
#define TALLY_TEST_BALLOTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tally/ballot.h"
#include "tally/method.h"

/* weight papers ranked "A B=C": candidates by letter in ballot order, '='
** marking a candidate ranked equal with the one before. */
typedef struct paper {
    int64_t weight;
    const char *ranking;
} paper;

/* A pool of n candidates named "A", "B", ... (or names[c]), the given
** seats (0: none given), and the papers ps[0..k). */
static inline tally_pool *test_pool(size_t n, int seats, const char *const *names,
                                    const paper *ps, size_t k)
{
    tally_pool *p;

    assert_int_equal(tally_pool_new(n, &p), TALLY_OK);
    p->seats = seats;
    for (size_t c = 0; c < n; c++) {
        char name[2] = { (char)('A' + c), '\0' };
        assert_int_equal(tally_pool_set_candidate(p, c, names ? names[c] : name, NULL),
                         TALLY_OK);
    }
    for (size_t i = 0; i < k; i++) {
        uint32_t prefs[26];
        size_t m = 0;
        uint32_t eq = 0;
        for (const char *s = ps[i].ranking; *s; s++) {
            if (*s == '=')
                eq = TALLY_BALLOT_EQUAL;
            else if (*s != ' ') {
                prefs[m++] = (uint32_t)(*s - 'A') | eq;
                eq = 0;
            }
        }
        assert_int_equal(tally_pool_add(p, prefs, m, ps[i].weight), TALLY_OK);
    }
    return p;
}

/* Every stage: the candidates still in, the exhausted papers and the value
** lost to rounding add up to the valid papers, exactly. */
static inline void test_stages_reconcile(const tally_method_result *r)
{
    for (size_t i = 0; i < r->n_stages; i++) {
        const tally_stage *st = &r->stages[i];
        int64_t sum = st->exhausted + st->lost;
        for (size_t c = 0; c < r->pool->n_candidates; c++)
            if (st->votes[c] != TALLY_NONE)
                sum += st->votes[c];
        assert_int_equal(sum, r->valid * TALLY_VOTE_UNIT);
    }
}

#endif
