/*
** The supplementary vote (src/methods/sv.c; Local Government Act 2000
** Sch 2 paras 3-5, Mayoral rules 2007 r.48, Combined Authority Mayoral
** Rules 2017 r.55; ../shared/docs/uk-rules.md 4.1, whose steps 0-5 the
** tests are named after):
**
**   - the West Yorkshire mayoral election of 6 May 2021 from its published
**     figures: a pool whose first preferences are the published ones and
**     whose second preferences, on the papers of the five eliminated
**     candidates, give Brabin +49,753 and Robinson +32,970 (the published
**     totals less the first preferences; how those split between the five
**     is not published, so the split here is made up, and the rest of
**     their papers go to eliminated candidates, to the same candidate
**     again, to two candidates at once or to none);
**   - small elections worked by hand: a first-round majority, an equality
**     for second place (three go on), a second preference for the first
**     preference's candidate, papers with no valid first preference, a
**     final equality decided by lot (the same seed, the same bytes), two
**     candidates (first past the post), one seat only;
**   - a CVR read in sequence (cvr.h): a blank first rank is no first
**     preference;
**   - allocation failure at every step.
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
#include "tally/cvr.h"
#include "tally/method.h"
#include "tally/stages.h"

#include "ballots.h"

#define U TALLY_VOTE_UNIT

static tally_pool *pool_of(size_t n, const char *const *names, const paper *ps, size_t k)
{
    return test_pool(n, 0, names, ps, k);
}

static void reconciles(const tally_method_result *r)
{
    test_stages_reconcile(r);
}

static tally_method_result *count(const tally_pool *p, int has_seed, uint64_t seed)
{
    tally_method_options o = { .seats = 0, .has_seed = has_seed, .seed = seed };
    tally_method_result *r = NULL;
    tally_error err;

    if (tally_sv(p, &o, &r, &err) != TALLY_OK)
        fail_msg("sv: %s", err.message);
    reconciles(r);
    return r;
}

/* West Yorkshire, ballot order (alphabetical, as on the paper). */
enum { ALI, BRABIN, BUXTON, COOPER, GOLTON, HIRST, ROBINSON };

static void test_west_yorkshire_mayor_2021_published_figures(void **state)
{
    static const char *const names[] = { "Ali", "Brabin", "Buxton", "Cooper",
                                         "Golton", "Hirst", "Robinson" };
    /* A Ali, B Brabin, C Buxton, D Cooper, E Golton, F Hirst, G Robinson. */
    static const paper ps[] = {
        { 200000, "B" }, { 61170, "B G" },                    /* Brabin 261,170 */
        { 126167, "G" }, { 50000, "G B" },                    /* Robinson 176,167 */
        { 15000, "C B" }, { 14000, "C G" }, { 10000, "C D" }, /* Buxton 58,851 */
        { 500, "C C" }, { 19351, "C" },
        { 25000, "D B" }, { 5000, "D G" }, { 8000, "D E" },   /* Cooper 55,833 */
        { 833, "D D" }, { 17000, "D" },
        { 6000, "E B" }, { 7000, "E G" }, { 5000, "E D" },    /* Golton 30,162 */
        { 1162, "E B=G" }, { 11000, "E" },
        { 1753, "A B" }, { 4970, "A G" }, { 3000, "A C" },    /* Ali 14,943 */
        { 5220, "A" },
        { 2000, "F B" }, { 2000, "F G" }, { 1969, "F C" },    /* Hirst 8,969 */
        { 3000, "F" },
    };
    static const int64_t first[] = { 14943, 261170, 58851, 55833, 30162, 8969, 176167 };
    tally_pool *p = pool_of(7, names, ps, sizeof ps / sizeof ps[0]);
    tally_method_result *r = count(p, 0, 0);
    (void)state;

    assert_int_equal(r->valid, 606095);
    assert_int_equal(r->invalid, 0);
    /* Step 2: 261,170 is not more than half of 606,095 (303,047.5). */
    assert_int_equal(r->quota, 303048 * U);
    assert_int_equal(r->n_stages, 2);
    for (size_t c = 0; c < 7; c++)
        assert_int_equal(r->stages[0].votes[c], first[c] * U);
    assert_int_equal(r->stages[0].n_elected, 0);
    /* Step 3: Brabin and Robinson remain; the other five are eliminated. */
    for (size_t c = 0; c < 7; c++) {
        if (c == BRABIN || c == ROBINSON)
            continue;
        assert_int_equal(r->candidates[c].fate, TALLY_FATE_EXCLUDED);
        assert_int_equal(r->candidates[c].stage, 1);
        assert_int_equal(r->stages[1].votes[c], TALLY_NONE);
    }
    /* Step 4: the published final figures. */
    assert_int_equal(r->stages[1].kind, TALLY_STAGE_SECOND);
    assert_int_equal(r->stages[1].subject, HIRST);
    assert_int_equal(r->stages[1].votes[BRABIN], 310923 * U);
    assert_int_equal(r->stages[1].votes[ROBINSON], 209137 * U);
    assert_int_equal(r->stages[1].exhausted, (168758 - 49753 - 32970) * U);
    /* Step 5: Brabin elected, no lot. */
    assert_int_equal(r->n_elected, 1);
    assert_int_equal(r->elected[0], BRABIN);
    assert_int_equal(r->candidates[BRABIN].fate, TALLY_FATE_ELECTED);
    assert_int_equal(r->candidates[BRABIN].stage, 2);
    assert_int_equal(r->candidates[ROBINSON].fate, TALLY_FATE_NOT_ELECTED);
    assert_int_equal(r->n_lots, 0);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_step2_more_than_half_of_first_preferences_elects(void **state)
{
    /* 11 valid: A 6 > 5.5. B's second preferences are never looked at. */
    static const paper ps[] = { { 6, "A B" }, { 3, "B C" }, { 2, "C B" } };
    tally_pool *p = pool_of(3, NULL, ps, 3);
    tally_method_result *r = count(p, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 1);
    assert_int_equal(r->quota, 6 * U);
    assert_int_equal(r->stages[0].n_elected, 1);
    assert_int_equal(r->elected[0], 0);
    assert_int_equal(r->candidates[1].fate, TALLY_FATE_NOT_ELECTED);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* Exactly half is not more than half: 6 of 12 goes to a second stage. */
    static const paper half[] = { { 6, "A" }, { 4, "B" }, { 2, "C B" } };
    p = pool_of(3, NULL, half, 3);
    r = count(p, 1, 1);
    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->stages[1].votes[0], 6 * U);
    assert_int_equal(r->stages[1].votes[1], 6 * U); /* 4 + 2: equal, a lot needed */
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_step3_equality_for_second_place_keeps_three(void **state)
{
    /* A 5, B 3, C 3, D 1 (12 valid, no majority): B and C are equal second,
    ** so A, B and C remain; D's paper goes to B: A 5, B 4, C 3. */
    static const paper ps[] = { { 5, "A" }, { 3, "B" }, { 3, "C A" }, { 1, "D B" } };
    tally_pool *p = pool_of(4, NULL, ps, 4);
    tally_method_result *r = count(p, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 2);
    for (size_t c = 0; c < 3; c++)
        assert_int_equal(r->candidates[c].fate, c == 0 ? TALLY_FATE_ELECTED
                                                       : TALLY_FATE_NOT_ELECTED);
    assert_int_equal(r->candidates[3].fate, TALLY_FATE_EXCLUDED);
    assert_int_equal(r->stages[1].votes[0], 5 * U); /* C's "C A" stays with C */
    assert_int_equal(r->stages[1].votes[1], 4 * U);
    assert_int_equal(r->stages[1].votes[2], 3 * U);
    assert_int_equal(r->stages[1].votes[3], TALLY_NONE);
    assert_int_equal(r->elected[0], 0);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* Three equal first: all three remain (A 4, B 4, C 4, D 1 -> C). */
    static const paper three[] = { { 4, "A" }, { 4, "B" }, { 4, "C" }, { 1, "D C" } };
    p = pool_of(4, NULL, three, 4);
    r = count(p, 0, 0);
    assert_int_equal(r->candidates[3].fate, TALLY_FATE_EXCLUDED);
    assert_int_equal(r->stages[1].votes[2], 5 * U);
    assert_int_equal(r->elected[0], 2);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* Two equal first and a third below: only the two remain. */
    static const paper two[] = { { 4, "A" }, { 4, "B" }, { 3, "C B" } };
    p = pool_of(3, NULL, two, 3);
    r = count(p, 0, 0);
    assert_int_equal(r->candidates[2].fate, TALLY_FATE_EXCLUDED);
    assert_int_equal(r->stages[1].votes[1], 7 * U);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_step4_second_preference_for_the_same_candidate_adds_nothing(void **state)
{
    /* A 5, B 4, C 3: C's papers "C C" (2) add nothing; "C A" (1) adds 1. */
    static const paper ps[] = { { 5, "A" }, { 4, "B" }, { 2, "C C" }, { 1, "C A" } };
    tally_pool *p = pool_of(3, NULL, ps, 4);
    tally_method_result *r = count(p, 0, 0);
    (void)state;

    assert_int_equal(r->stages[1].votes[0], 6 * U);
    assert_int_equal(r->stages[1].votes[1], 4 * U);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_step4_only_eliminated_candidates_papers_transfer(void **state)
{
    /* A remaining candidate's papers keep their first preference even when
    ** the second is for the other remaining candidate; a second preference
    ** for an eliminated candidate is not counted; a third rank is not an SV
    ** mark. */
    static const paper ps[] = { { 5, "A B" }, { 4, "B A" }, { 2, "C D" }, { 1, "D C A" } };
    tally_pool *p = pool_of(4, NULL, ps, 4);
    tally_method_result *r = count(p, 0, 0);
    (void)state;

    assert_int_equal(r->stages[1].votes[0], 5 * U);
    assert_int_equal(r->stages[1].votes[1], 4 * U);
    assert_int_equal(r->stages[1].exhausted, 3 * U);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_step1_paper_without_one_first_preference_is_invalid(void **state)
{
    /* "A=B C": two first preferences, invalid, and its second preference is
    ** not used; a paper with no mark: invalid; "C A=B": valid for C, its
    ** second preference void (exhausted when C is eliminated); a mark for a
    ** withdrawn candidate is no mark. */
    static const paper ps[] = { { 5, "A" }, { 4, "B" }, { 3, "A=B C" }, { 2, "" },
                                { 1, "C A=B" }, { 1, "C D" }, { 2, "D A" }, { 1, "D=C A" } };
    tally_pool *p = pool_of(4, NULL, ps, 8);
    tally_method_result *r;
    (void)state;

    p->withdrawn[3] = 1; /* D, withdrawn before the poll */
    r = count(p, 0, 0);
    assert_int_equal(r->invalid, 3 + 2 + 2);
    assert_int_equal(r->valid, 5 + 4 + 1 + 1 + 1); /* "D=C A" is a first for C */
    assert_int_equal(r->stages[0].votes[2], 3 * U);
    assert_int_equal(r->stages[0].votes[3], TALLY_NONE);
    assert_int_equal(r->candidates[3].fate, TALLY_FATE_WITHDRAWN);
    /* C eliminated: "C A=B" and "C D" exhaust; "D=C A" gives A one. */
    assert_int_equal(r->stages[1].votes[0], 6 * U);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static char *json_of(const tally_method_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(tally_stages_json(r, "t.blt", 1, f), TALLY_OK);
    fclose(f);
    return buf;
}

static void test_step5_equal_final_totals_decided_by_lot(void **state)
{
    /* A 4, B 3, C 2 (9 valid); C's papers: 1 to B, 1 to none: A 4, B 4. */
    static const paper ps[] = { { 4, "A" }, { 3, "B" }, { 1, "C B" }, { 1, "C" } };
    tally_pool *p = pool_of(3, NULL, ps, 4);
    tally_method_options o = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;
    int fell_on[2] = { 0, 0 };
    (void)state;

    assert_int_equal(tally_sv(p, &o, &r, &err), TALLY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "give a seed"));
    for (uint64_t seed = 1; seed <= 40; seed++) {
        tally_method_result *a = count(p, 1, seed), *b = count(p, 1, seed);
        char *ja = json_of(a), *jb = json_of(b);
        assert_string_equal(ja, jb); /* same seed, same bytes */
        assert_int_equal(a->n_lots, 1);
        assert_int_equal(a->stages[1].choice, TALLY_CHOICE_LOT);
        assert_int_equal(a->stages[1].n_tied, 2);
        assert_true(a->elected[0] == 0 || a->elected[0] == 1);
        fell_on[a->elected[0]]++;
        free(ja);
        free(jb);
        tally_method_result_free(a);
        tally_method_result_free(b);
    }
    assert_true(fell_on[0] > 0 && fell_on[1] > 0); /* a real draw */
    tally_pool_free(p);
}

static void test_step0_two_candidates_first_past_the_post(void **state)
{
    /* Second preferences are not counted and there is no second stage,
    ** even without a majority of the papers: A 4, B 3 of 9 (2 invalid). */
    static const paper ps[] = { { 4, "A B" }, { 3, "B A" }, { 2, "A=B" } };
    tally_pool *p = pool_of(2, NULL, ps, 3);
    tally_method_result *r = count(p, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 1);
    assert_int_equal(r->invalid, 2);
    assert_int_equal(r->elected[0], 0);
    assert_int_equal(r->stages[0].n_elected, 1);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* Three on the pool, one withdrawn: two stand; 3 and 3 by lot. */
    static const paper tie[] = { { 3, "A C" }, { 3, "C A" } };
    p = pool_of(3, NULL, tie, 2);
    p->withdrawn[1] = 1;
    r = count(p, 1, 7);
    assert_int_equal(r->n_stages, 1);
    assert_int_equal(r->n_lots, 1);
    assert_int_equal(r->stages[0].choice, TALLY_CHOICE_LOT);
    assert_true(r->elected[0] == 0 || r->elected[0] == 2);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_sv_fills_one_seat(void **state)
{
    static const paper ps[] = { { 1, "A" } };
    tally_pool *p = pool_of(2, NULL, ps, 1);
    tally_method_options o = { .seats = 2, .has_seed = 0, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;
    (void)state;

    assert_int_equal(tally_sv(p, &o, &r, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "one seat"));
    p->seats = 1; /* a BLT's "2 1" header: one seat is fine */
    o.seats = 0;
    assert_int_equal(tally_sv(p, &o, &r, &err), TALLY_OK);
    assert_int_equal(r->seats, 1);
    tally_method_result_free(r);
    assert_ptr_equal(tally_method_find("sv")->run, tally_sv);
    tally_pool_free(p);
}

static void test_step1_cvr_read_in_sequence_blank_first_rank_is_invalid(void **state)
{
    /* Ranks 1 and 2 are the first and second preference: ",A" has no first
    ** preference, "overvote,A" neither, "B,,A" has no second. */
    static const char csv[] = "Rank 1,Rank 2,Rank 3\n"
                              "A,B,\n"
                              ",A,\n"
                              "overvote,A,\n"
                              "B,,A\n"
                              "C,B,\n";
    static const tally_irv_options in_sequence = { .limit_skipped = 1 };
    tally_pool *p = NULL;
    tally_method_result *r;
    tally_error err;
    (void)state;

    assert_int_equal(tally_cvr_csv_parse(csv, sizeof csv - 1, "t.csv", &in_sequence, &p, &err),
                     TALLY_OK);
    r = count(p, 1, 1);
    assert_int_equal(r->invalid, 2);
    assert_int_equal(r->valid, 3);
    /* A 1, B 1, C 1: all three remain, no one is eliminated, so there is
    ** no second stage: the lot decides at the first. */
    assert_int_equal(r->n_stages, 1);
    assert_int_equal(r->n_lots, 1);
    assert_int_equal(r->stages[0].n_tied, 3);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_sv_allocation_failure_at_every_step(void **state)
{
    static const paper ps[] = { { 4, "A" }, { 3, "B" }, { 1, "C B" }, { 1, "C" }, { 2, "D A" } };
    tally_pool *p = pool_of(4, NULL, ps, 5);
    tally_method_options o = { .seats = 0, .has_seed = 1, .seed = 3 };
    int ok = 0;
    (void)state;

    for (long n = 0; n < 200 && !ok; n++) {
        tally_method_result *r = (tally_method_result *)1;
        tally_status s;
        tally_alloc_fail_after(n);
        s = tally_sv(p, &o, &r, NULL);
        tally_alloc_fail_after(-1);
        if (s == TALLY_OK) {
            ok = 1;
            reconciles(r);
        } else {
            assert_int_equal(s, TALLY_ENOMEM);
            assert_null(r);
        }
        tally_method_result_free(r);
    }
    assert_true(ok);
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_west_yorkshire_mayor_2021_published_figures),
        cmocka_unit_test(test_step2_more_than_half_of_first_preferences_elects),
        cmocka_unit_test(test_step3_equality_for_second_place_keeps_three),
        cmocka_unit_test(test_step4_second_preference_for_the_same_candidate_adds_nothing),
        cmocka_unit_test(test_step4_only_eliminated_candidates_papers_transfer),
        cmocka_unit_test(test_step1_paper_without_one_first_preference_is_invalid),
        cmocka_unit_test(test_step5_equal_final_totals_decided_by_lot),
        cmocka_unit_test(test_step0_two_candidates_first_past_the_post),
        cmocka_unit_test(test_sv_fills_one_seat),
        cmocka_unit_test(test_step1_cvr_read_in_sequence_blank_first_rank_is_invalid),
        cmocka_unit_test(test_sv_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
