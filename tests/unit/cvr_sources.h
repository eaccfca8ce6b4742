/*
** Fixtures shared by the tests of tally_cvr_source_read's providers
** (test_cvr_source.c, test_cvr_dominion.c, test_cvr_clearballot.c): the
** contest's pool, a ranking's weight in it, and the allocation-failure
** loop every reader must pass. Header only (static inline).
*/
#ifndef TALLY_TEST_CVR_SOURCES_H
#define TALLY_TEST_CVR_SOURCES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tally/alloc.h"
#include "tally/cvr_source.h"

/* A pool of the n configuration candidates, in order, then the undeclared
** write-ins: the pool tally_cvr_source_read reads into. */
static inline tally_pool *test_contest_pool(const tally_cvr_candidate *cands, size_t n)
{
    tally_pool *p = NULL;

    assert_int_equal(tally_pool_new(n + 1, &p), TALLY_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(tally_pool_set_candidate(p, i, cands[i].name, NULL), TALLY_OK);
    assert_int_equal(tally_pool_set_candidate(p, n, TALLY_CVR_UWI_NAME, NULL), TALLY_OK);
    return p;
}

/* The papers ranked prefs[0..n) in p ending as end (any, with end < 0). */
static inline int64_t test_weight_ending(const tally_pool *p, const uint32_t *prefs, size_t n,
                                         int end)
{
    int64_t w = 0;

    for (size_t i = 0; i < p->n_rankings; i++) {
        tally_ballot b;
        tally_pool_ballot(p, i, &b);
        if (b.n == n && (n == 0 || memcmp(b.prefs, prefs, n * sizeof *prefs) == 0) &&
            (end < 0 || (int)b.end == end))
            w += b.weight;
    }
    return w;
}

/* The papers ranked prefs[0..n) in p, however they end. */
static inline int64_t test_weight_of(const tally_pool *p, const uint32_t *prefs, size_t n)
{
    return test_weight_ending(p, prefs, n, -1);
}

/* Read s with the n-th allocation failing, for n = 0, 1, ... until a read
** succeeds (with total papers); every failed run must be TALLY_ENOMEM and
** leak nothing (the ASan build checks the leaks). */
static inline void test_cvr_source_alloc_failures(const tally_cvr_source *s,
                                                  const tally_cvr_candidate *cands, size_t n,
                                                  int64_t total)
{
    int succeeded = 0;

    for (long k = 0; k < 100000 && !succeeded; k++) {
        tally_pool *p = test_contest_pool(cands, n);
        tally_error err;
        tally_status st;
        tally_alloc_fail_after(k);
        st = tally_cvr_source_read(s, cands, n, NULL, p, &err);
        tally_alloc_fail_after(-1);
        if (st == TALLY_OK) {
            succeeded = 1;
            assert_int_equal(p->total, total);
        } else if (st != TALLY_ENOMEM) {
            fail_msg("allocation %ld: %s:%d:%d: %s", k, err.file, err.line, err.column,
                     err.message);
        }
        tally_pool_free(p);
    }
    assert_true(succeeded);
}

#endif
