/*
** Several seats by instant-runoff passes (src/methods/irv_passes.c,
** RCTab's multiPassIrv) on a small election worked by hand, named after
** its rules (irv_passes.h): SEQ1 the first pass is irv of every paper;
** SEQ2 each later pass counts every paper again with the earlier winners
** withdrawn; SEQ3 the passes end when the seats are filled or no one is
** left to elect. Allocation failure at every step.
**
** The election: 6 "A B", 4 "B C", 3 "C B", 2 "D A" (15 papers).
**   pass 1: A 6, B 4, C 3, D 2; D excluded, its 2 to A: A 8 of 15 elected
**           at stage 2;
**   pass 2: A withdrawn, so "A B" counts for B from the first stage:
**           B 10, C 3, D 2: B elected at stage 1;
**   pass 3: A and B withdrawn: the 6 "A B" have no choice (not valid);
**           C 7 ("B C" and "C B"), D 2: C elected at stage 1;
**   pass 4: D alone, with its 2 papers: elected as the last one left;
**   pass 5: no one continuing: not counted.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tally/alloc.h"
#include "tally/ballot.h"
#include "tally/irv_passes.h"
#include "tally/method.h"

#include "ballots.h"

#define U TALLY_VOTE_UNIT

enum { A, B, C, D };

static const paper election[] = { { 6, "A B" }, { 4, "B C" }, { 3, "C B" }, { 2, "D A" } };

static tally_irv_passes *passes(const tally_pool *p, int seats)
{
    tally_method_options o = { .seats = 0, .has_seed = 1, .seed = 1 };
    tally_irv_passes *s = NULL;
    tally_error err;

    if (tally_irv_passes_count(p, &o, seats, &s, &err) != TALLY_OK)
        fail_msg("irv passes: %s", err.message);
    for (size_t i = 0; i < tally_irv_passes_n(s); i++)
        test_stages_reconcile(tally_irv_passes_get(s, i));
    return s;
}

static void test_seq1_first_pass_is_irv_of_every_paper(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, election, 4);
    tally_irv_passes *s = passes(p, 3);
    const tally_method_result *r = tally_irv_passes_get(s, 0);
    (void)state;

    assert_int_equal(r->valid, 15);
    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->stages[0].votes[A], 6 * U);
    assert_int_equal(r->stages[0].votes[D], 2 * U);
    assert_int_equal(r->stages[1].votes[A], 8 * U); /* D's two */
    assert_int_equal(r->n_elected, 1);
    assert_int_equal(r->elected[0], A);
    tally_irv_passes_free(s);
    tally_pool_free(p);
}

static void test_seq2_later_passes_withdraw_earlier_winners(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, election, 4);
    tally_irv_passes *s = passes(p, 3);
    const tally_method_result *r2 = tally_irv_passes_get(s, 1), *r3 = tally_irv_passes_get(s, 2);
    (void)state;

    assert_int_equal(tally_irv_passes_n(s), 3);
    assert_int_equal(r2->stages[0].votes[A], TALLY_NONE);
    assert_int_equal(r2->stages[0].votes[B], 10 * U); /* "A B" passes over A */
    assert_int_equal(r2->stages[0].votes[D], 2 * U);  /* "D A" stays with D */
    assert_int_equal(r2->n_stages, 1);
    assert_int_equal(r2->elected[0], B);
    assert_int_equal(r3->valid, 9); /* the 6 "A B" mark no one continuing */
    assert_int_equal(r3->invalid, 6);
    assert_int_equal(r3->stages[0].votes[C], 7 * U);
    assert_int_equal(r3->elected[0], C);
    /* Each pass names its own view of the pool; the caller's is unchanged. */
    assert_int_equal(r3->pool->withdrawn[A], 1);
    assert_int_equal(r3->pool->withdrawn[B], 1);
    assert_int_equal(r2->pool->withdrawn[B], 0);
    for (size_t c = 0; c < 4; c++)
        assert_int_equal(p->withdrawn[c], 0);
    tally_irv_passes_free(s);
    tally_pool_free(p);
}

static void test_seq3_passes_end_when_no_one_is_left(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, election, 4);
    tally_irv_passes *s = passes(p, 6);
    tally_irv_passes *none = (tally_irv_passes *)1;
    tally_error err;
    (void)state;

    assert_int_equal(tally_irv_passes_n(s), 4);
    assert_int_equal(tally_irv_passes_get(s, 3)->elected[0], D);
    assert_null(tally_irv_passes_get(s, 4));
    assert_int_equal(tally_irv_passes_count(p, NULL, 0, &none, &err), TALLY_EINVAL);
    assert_null(none);
    tally_irv_passes_free(s);
    tally_irv_passes_free(NULL);
    tally_pool_free(p);
}

static void test_irv_passes_allocation_failure_at_every_step(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, election, 4);
    int ok = 0;
    (void)state;

    for (long n = 0; n < 1000 && !ok; n++) {
        tally_irv_passes *s = (tally_irv_passes *)1;
        tally_status st;
        tally_alloc_fail_after(n);
        st = tally_irv_passes_count(p, NULL, 3, &s, NULL);
        tally_alloc_fail_after(-1);
        if (st == TALLY_OK) {
            ok = 1;
            assert_int_equal(tally_irv_passes_n(s), 3);
        } else {
            assert_int_equal(st, TALLY_ENOMEM);
            assert_null(s);
        }
        tally_irv_passes_free(s);
    }
    assert_true(ok);
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seq1_first_pass_is_irv_of_every_paper),
        cmocka_unit_test(test_seq2_later_passes_withdraw_earlier_winners),
        cmocka_unit_test(test_seq3_passes_end_when_no_one_is_left),
        cmocka_unit_test(test_irv_passes_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
