/*
** Northern Ireland STV (src/methods/ni_stv.c) on small counts worked by
** hand from the Local Elections Rules, Electoral Law Act (Northern
** Ireland) 1962 Sch 5 (SI 1985/454 Sch 1) Part IV. Figures are in units of
** 0.01 of a vote; each test's comment gives the arithmetic.
*/
#include "ballots.h"

static tally_method_result *run(tally_pool *p, int has_seed, uint64_t seed)
{
    tally_method_options o = { .seats = 0, .has_seed = has_seed, .seed = seed };
    tally_method_result *r = NULL;
    tally_error err;

    if (tally_method_run(tally_method_find("ni-stv"), p, &o, &r, &err) != TALLY_OK)
        fail_msg("%s", err.message);
    return r;
}

/* Every stage adds up to the valid papers in units of 0.01 (r.50(2)(d),
** r.51(10)(d)). */
static void reconciles(const tally_method_result *r)
{
    assert_int_equal(tally_method_places(r), 2);
    for (size_t i = 0; i < r->n_stages; i++) {
        const tally_stage *st = &r->stages[i];
        int64_t sum = st->exhausted + st->lost;
        for (size_t c = 0; c < r->pool->n_candidates; c++)
            if (st->votes[c] != TALLY_NONE)
                sum += st->votes[c];
        assert_int_equal(sum, r->valid * 100);
    }
}

/* r.48, r.49(1)-(4), r.50(2)(c): 20 valid papers, 2 seats: quota
** floor(20/3) + 1 = 7. A has 10, surplus 3; of A's papers 7 go on to B and
** 2 to C (transferable: 9), 1 has no next preference. Transfer value
** 3/9 = 0.333.. -> 0.33 (remainder ignored): B 3 + 7 x 0.33 = 5.31, C 4 +
** 2 x 0.33 = 4.66; 2.97 moves and 0.03 is lost to the fractions. */
static void test_r49_4_first_surplus_fractions_disregarded(void **state)
{
    const paper ps[] = { { 7, "A B" }, { 2, "A C" }, { 1, "A" }, { 3, "B" }, { 4, "C" }, { 3, "D" } };
    tally_pool *p = test_pool(4, 2, NULL, ps, 6);
    tally_method_result *r = run(p, 0, 0);
    const tally_stage *st;

    (void)state;
    assert_int_equal(r->quota, 700);
    st = &r->stages[1];
    assert_int_equal(st->kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(st->surplus, 300);
    assert_int_equal(st->votes[0], 700);
    assert_int_equal(st->votes[1], 531);
    assert_int_equal(st->votes[2], 466);
    assert_int_equal(st->lost, 3);
    assert_int_equal(st->exhausted, 0);
    reconciles(r);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.49(5)-(7): 17 papers, 2 seats, quota floor(17/3) + 1 = 6. A 5, B 4,
** C 3, D 3, E 2. Stage 2 excludes E (2 + 0 < 3, no pair below the next):
** its 2 papers "E A D" go to A, who reaches 7 and is elected. Stage 3: A's
** surplus of 1 moves only the sub-parcel last received (the 2 papers from
** E) at min(1/2 = 0.50, 1.00) = 0.50 each to D: D 3 + 1.00 = 4. A's own 5
** papers (next preference B) stay: B is still 4.00. */
static void test_r49_5_later_surplus_from_the_last_sub_parcel(void **state)
{
    const paper ps[] = { { 5, "A B" }, { 4, "B" }, { 3, "C A D" }, { 3, "D" }, { 2, "E A D" } };
    tally_pool *p = test_pool(5, 2, NULL, ps, 5);
    tally_method_result *r = run(p, 0, 0);
    const tally_stage *st;

    (void)state;
    assert_int_equal(r->quota, 600);
    assert_int_equal(r->stages[1].kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(r->stages[1].subject, 4);
    st = &r->stages[2];
    assert_int_equal(st->kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(st->subject, 0);
    assert_int_equal(st->votes[0], 600);
    assert_int_equal(st->votes[1], 400);
    assert_int_equal(st->votes[2], 300);
    assert_int_equal(st->votes[3], 400);
    assert_int_equal(st->lost + st->exhausted, 0);
    /* Stage 4 excludes C (3 < 4); its papers pass over A to D: 7, elected. */
    assert_int_equal(r->n_elected, 2);
    assert_int_equal(r->elected[1], 3);
    reconciles(r);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.49(10)(b), r.51(12): 30 papers, 2 seats, quota 11. A 12 (surplus 1),
** B 9, E 6, C 2, D 1. The surplus, 1, is less than E's 6 less C and D's 3
** together, so it is not transferred, and C and D (1 + 2 + 1 = 4 < 6) are
** excluded together in one stage: their 3 papers go to E (9). Had the
** surplus moved first, B would have 9 + 12 x 0.08. Stage 3 then moves A's
** surplus: 1/12 -> 0.08 each to B (+0.96 = 9.96, 0.04 lost), and r.52(2)
** elects B (9.96 >= E's 9 and no surplus left). */
static void test_r49_10_deferral_and_r51_12_bulk_exclusion(void **state)
{
    const paper ps[] = { { 12, "A B" }, { 9, "B" }, { 2, "C E" }, { 1, "D E" }, { 6, "E" } };
    tally_pool *p = test_pool(5, 2, NULL, ps, 5);
    tally_method_result *r = run(p, 0, 0);
    const tally_stage *st;

    (void)state;
    assert_int_equal(r->quota, 1100);
    st = &r->stages[1];
    assert_int_equal(st->kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(st->n_excluded, 2);
    assert_int_equal(st->excluded[0], 2);
    assert_int_equal(st->excluded[1], 3);
    assert_int_equal(st->votes[0], 1200);
    assert_int_equal(st->votes[1], 900);
    assert_int_equal(st->votes[4], 900);
    st = &r->stages[2];
    assert_int_equal(st->kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(st->votes[1], 996);
    assert_int_equal(st->lost, 4);
    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->elected[1], 1);
    assert_int_equal(r->candidates[1].last_vacancy, 1);
    reconciles(r);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.51(13)(a): 21 papers, 1 seat (quota 11). Stage 1: A 9, B 2, C 3,
** D 3, E 4. Stage 2 excludes B: D 5. Stage 3 excludes C (3 < 4): 1 paper
** to E (5), 2 non-transferable. Now D = E = 5 (together 10, not below A's
** 9, and A's 9 is short of their 10, so r.52(2) does not apply). At the
** earliest stage they differed (1) D had 3 and E 4: D is excluded. (The
** most recent stage at which they differed, 2, had D 5 and E 4: the
** Scottish rule would exclude E.) D's first-preference sub-parcel (3, no
** next preference) goes first (r.51(2)): 5 non-transferable in all; then
** A's 9 >= E's 5 + D's 2 still held: A is elected by r.52(2), and r.52(3)
** leaves D's 2 transferred papers where they are. */
static void test_r51_13_tie_by_the_earliest_stage(void **state)
{
    const paper ps[] = { { 9, "A" }, { 2, "B D" }, { 1, "C E" }, { 2, "C" }, { 3, "D" }, { 4, "E" } };
    tally_pool *p = test_pool(5, 1, NULL, ps, 6);
    tally_method_result *r = run(p, 0, 0);
    const tally_stage *st;

    (void)state;
    assert_int_equal(r->stages[2].votes[3], 500);
    assert_int_equal(r->stages[2].votes[4], 500);
    st = &r->stages[3];
    assert_int_equal(st->kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(st->subject, 3);
    assert_int_equal(st->choice, TALLY_CHOICE_PRECEDING);
    assert_int_equal(st->choice_stage, 1);
    assert_int_equal(r->n_lots, 0);
    assert_int_equal(st->votes[3], 200);
    assert_int_equal(st->exhausted, 500);
    assert_int_equal(r->candidates[0].last_vacancy, 1);
    assert_int_equal(r->elected[0], 0);
    reconciles(r);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.51(13)(b): 16 papers, 2 seats, quota 6. A 6 (elected, no surplus),
** B 2, C 2, D 3, E 3. No group of lowest is below the next (2 < 2, 4 < 3,
** 7 < 3 fail) and D = E keeps r.52(2) away. B and C are equal at every
** stage: a lot picks one (its 2 papers non-transferable); the other goes
** next (2 < 3); then D and E, equal at every stage, go to a second lot.
** The same seed gives the same lots; without a seed the count refuses. */
static void test_r51_13_tie_by_lot_from_the_seed(void **state)
{
    const paper ps[] = { { 6, "A" }, { 2, "B" }, { 2, "C" }, { 3, "D" }, { 3, "E" } };
    tally_pool *p = test_pool(5, 2, NULL, ps, 5);
    tally_method_options o = { .seats = 0, .has_seed = 0 };
    tally_method_result *r1 = run(p, 1, 42), *r2 = run(p, 1, 42), *none = NULL;
    tally_error err;

    (void)state;
    assert_int_equal(r1->n_stages, 4);
    assert_int_equal(r1->stages[1].choice, TALLY_CHOICE_LOT);
    assert_int_equal(r1->stages[1].n_tied, 2);
    assert_int_equal(r1->stages[1].exhausted, 200);
    assert_true(r1->stages[1].subject == 1 || r1->stages[1].subject == 2);
    assert_int_equal(r1->stages[1].subject, r2->stages[1].subject);
    assert_int_equal(r1->stages[3].choice, TALLY_CHOICE_LOT);
    assert_int_equal(r1->stages[3].subject, r2->stages[3].subject);
    assert_int_equal(r1->n_lots, 2);
    assert_int_equal(r1->elected[1], r2->elected[1]);
    assert_true(r1->elected[1] == 3 || r1->elected[1] == 4);
    assert_int_equal(tally_method_run(tally_method_find("ni-stv"), p, &o, &none, &err),
                     TALLY_EINVAL);
    assert_null(none);
    reconciles(r1);
    tally_method_result_free(r1);
    tally_method_result_free(r2);
    tally_pool_free(p);
}

/* r.51(8), r.50(4): papers with no next preference, or with two candidates
** equal at the next position, are non-transferable at their value. 10
** 9 papers, 1 seat, quota 5: A 4, B 2 ("B", "B C=A"), C 3. A's 4 is short
** of B and C's 5 (r.52(2)). Stage 2 excludes B (2 < 3): "B" has no next
** preference and "B C=A" marks C and A equal, so both are non-transferable
** (2.00); A stays at 4, which now is at least C's 3: A is elected
** (r.52(2)). Reading "C=A" as A would have given A the quota. */
static void test_r51_8_non_transferable_papers(void **state)
{
    const paper ps[] = { { 4, "A" }, { 1, "B" }, { 1, "B C=A" }, { 3, "C" } };
    tally_pool *p = test_pool(3, 1, NULL, ps, 4);
    tally_method_result *r = run(p, 0, 0);

    (void)state;
    assert_int_equal(r->quota, 500);
    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->stages[1].subject, 1);
    assert_int_equal(r->stages[1].exhausted, 200);
    assert_int_equal(r->stages[1].votes[0], 400);
    assert_int_equal(r->stages[1].votes[2], 300);
    assert_int_equal(r->elected[0], 0);
    assert_int_equal(r->candidates[0].last_vacancy, 1);
    reconciles(r);
    tally_method_result_free(r);
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r49_4_first_surplus_fractions_disregarded),
        cmocka_unit_test(test_r49_5_later_surplus_from_the_last_sub_parcel),
        cmocka_unit_test(test_r49_10_deferral_and_r51_12_bulk_exclusion),
        cmocka_unit_test(test_r51_13_tie_by_the_earliest_stage),
        cmocka_unit_test(test_r51_13_tie_by_lot_from_the_seed),
        cmocka_unit_test(test_r51_8_non_transferable_papers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
