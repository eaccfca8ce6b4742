/*
** First past the post over ranked ballots (src/methods/fptp.c): PER r.50
** (the most votes are elected), r.47(1)(b) (a vote for more candidates
** than the voter may vote for is no vote), r.49 (an equality for the last
** seat decided by lot), on small elections worked by hand: one seat, and
** the block vote of n seats (each paper's first n preferences, one vote
** each; a candidate ranked again counted once; a rank of equal candidates
** counted when it fits within the n and ending the paper when it does not);
** withdrawn candidates; fewer candidates than seats; the same seed, the
** same bytes; allocation failure at every step; the report's papers: valid,
** rejected for voting for too many, unmarked, and marked for each candidate.
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
#include "tally/method.h"
#include "tally/stages.h"

#include "ballots.h"

#define U TALLY_VOTE_UNIT

static tally_pool *pool_of(size_t n, int seats, const paper *ps, size_t k)
{
    return test_pool(n, seats, NULL, ps, k);
}

/* The stage adds up to seats x valid papers: votes and unused votes. */
static void reconciles(const tally_method_result *r)
{
    const tally_stage *st = &r->stages[0];
    int64_t sum = st->exhausted + st->lost;

    assert_int_equal(r->n_stages, 1);
    for (size_t c = 0; c < r->pool->n_candidates; c++)
        if (st->votes[c] != TALLY_NONE)
            sum += st->votes[c];
    assert_int_equal(sum, r->seats * r->valid * U);
}

static tally_method_result *count(const tally_pool *p, int seats, int has_seed, uint64_t seed)
{
    tally_method_options o = { .seats = seats, .has_seed = has_seed, .seed = seed };
    tally_method_result *r = NULL;
    tally_error err;

    if (tally_fptp(p, &o, &r, &err) != TALLY_OK)
        fail_msg("fptp: %s", err.message);
    reconciles(r);
    return r;
}

static int64_t votes(const tally_method_result *r, char c)
{
    int64_t v = r->stages[0].votes[c - 'A'];
    return v == TALLY_NONE ? -1 : v / U;
}

static void test_r50_one_seat_most_first_preferences(void **state)
{
    static const paper ps[] = { { 5, "A B" }, { 4, "B A" }, { 3, "C" } };
    tally_pool *p = pool_of(3, 1, ps, 3);
    tally_method_result *r = count(p, 0, 0, 0);
    (void)state;

    assert_int_equal(r->seats, 1);
    assert_int_equal(r->valid, 12);
    assert_int_equal(votes(r, 'A'), 5);
    assert_int_equal(votes(r, 'B'), 4);
    assert_int_equal(votes(r, 'C'), 3);
    assert_int_equal(r->stages[0].exhausted, 0);
    assert_int_equal(r->quota, 0);
    assert_int_equal(r->n_elected, 1);
    assert_int_equal(r->elected[0], 0);
    assert_int_equal(r->candidates[0].fate, TALLY_FATE_ELECTED);
    assert_int_equal(r->candidates[0].stage, 1);
    assert_int_equal(r->candidates[1].fate, TALLY_FATE_NOT_ELECTED);
    assert_ptr_equal(tally_method_find("fptp")->run, tally_fptp);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_r47_equal_first_preferences_are_no_vote(void **state)
{
    /* One seat: "A=B" votes for two, no vote; a paper with no mark: no
    ** vote; "C A" with C withdrawn before the poll is a vote for A. */
    static const paper ps[] = { { 2, "A=B" }, { 1, "" }, { 3, "C A" }, { 1, "B" } };
    tally_pool *p = pool_of(3, 1, ps, 4);
    tally_method_result *r;
    (void)state;

    p->withdrawn[2] = 1;
    r = count(p, 0, 0, 0);
    assert_int_equal(r->invalid, 3);
    assert_int_equal(r->valid, 4);
    assert_int_equal(votes(r, 'A'), 3);
    assert_int_equal(votes(r, 'C'), -1);
    assert_int_equal(r->candidates[2].fate, TALLY_FATE_WITHDRAWN);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_block_vote_first_n_preferences_one_vote_each(void **state)
{
    /* Two seats: "A B C" votes A, B; "B C" B, C; "C" C only (one vote
    ** unused); "A A B" A once, then B. A 5, B 8, C 4; 9 papers, 17 of 18
    ** votes used. */
    static const paper ps[] = { { 4, "A B C" }, { 3, "B C" }, { 1, "C" }, { 1, "A A B" } };
    tally_pool *p = pool_of(3, 2, ps, 4);
    tally_method_result *r = count(p, 0, 0, 0);
    (void)state;

    assert_int_equal(r->seats, 2);
    assert_int_equal(r->valid, 9);
    assert_int_equal(votes(r, 'A'), 5);
    assert_int_equal(votes(r, 'B'), 8);
    assert_int_equal(votes(r, 'C'), 4);
    assert_int_equal(r->stages[0].exhausted, 1 * U);
    assert_int_equal(r->n_elected, 2);
    assert_int_equal(r->elected[0], 1); /* most votes first */
    assert_int_equal(r->elected[1], 0);
    assert_int_equal(r->stages[0].n_elected, 2);
    assert_int_equal(r->stages[0].elected[0], 0); /* the stage: ballot order */
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_block_vote_equal_rank_counted_only_when_it_fits(void **state)
{
    /* Three seats: "A B=C D": A, B, C (D is a fourth); "A B C=D": A, B and
    ** then two for one place: which is third is uncertain, so no more;
    ** "A=B=C=D": four for three places: no vote at all. */
    static const paper ps[] = { { 1, "A B=C D" }, { 1, "A B C=D" }, { 1, "A=B=C=D" } };
    tally_pool *p = pool_of(4, 3, ps, 3);
    tally_method_result *r = count(p, 0, 1, 1);
    (void)state;

    assert_int_equal(r->invalid, 1);
    assert_int_equal(r->valid, 2);
    assert_int_equal(votes(r, 'A'), 2);
    assert_int_equal(votes(r, 'B'), 2);
    assert_int_equal(votes(r, 'C'), 1);
    assert_int_equal(votes(r, 'D'), 0);
    assert_int_equal(r->stages[0].exhausted, 1 * U);
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

static char *text_of(const tally_method_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(tally_stages_text(r, "t.blt", f), TALLY_OK);
    fclose(f);
    return buf;
}

static void test_lepar_r47_1b_report_gives_papers_rejected_for_too_many(void **state)
{
    /* Two seats. Valid: "A B" x3, "A", "B C", "C=D": A 4, B 4, C 2, D 1.
    ** Void for voting for too many (three equal first, LEPAR 2006 Sch.2
    ** r.47(1)(b)): "A=B=C" x2. Unmarked: "" and "E" (E withdrawn). */
    static const paper ps[] = { { 3, "A B" }, { 1, "A" }, { 1, "B C" }, { 1, "C=D" },
                                { 2, "A=B=C" }, { 1, "" }, { 1, "E" } };
    tally_pool *p = pool_of(5, 2, ps, 7);
    tally_method_result *r;
    char *t, *j;
    (void)state;

    p->withdrawn[4] = 1;
    r = count(p, 0, 0, 0);
    assert_int_equal(r->valid, 6);
    assert_int_equal(r->invalid, 4);
    assert_int_equal(r->too_many, 2);
    t = text_of(r);
    /* No quota: the most votes win (no "Quota: 0.00000"). */
    assert_non_null(strstr(t, "Seats: 2   Valid papers: 6\n"));
    assert_null(strstr(t, "Quota"));
    assert_non_null(strstr(t, "\nRejected for voting for more candidates than the voter was "
                              "entitled to: 2\n"));
    assert_non_null(strstr(t, "\nRejected as unmarked (no candidate standing marked): 2\n"));
    assert_non_null(strstr(t, "\nPapers marked for each candidate:\n  A          4\n"
                              "  B          4\n  C          2\n  D          1\n"));
    j = json_of(r);
    assert_non_null(strstr(j, "\"valid_votes\": 6, \"invalid_papers\": 4, "
                              "\"rejected_too_many\": 2, "
                              "\"papers_marked\": {\"A\": 4, \"B\": 4, \"C\": 2, \"D\": 1}"));
    free(t);
    free(j);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_r47_1b_one_seat_report_says_more_than_one_candidate(void **state)
{
    static const paper ps[] = { { 2, "A=B" }, { 1, "B" } };
    tally_pool *p = pool_of(2, 1, ps, 2);
    tally_method_result *r = count(p, 0, 0, 0);
    char *t = text_of(r);
    (void)state;

    assert_int_equal(r->too_many, 2);
    assert_non_null(strstr(t, "\nRejected for voting for more than one candidate: 2\n"));
    free(t);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_r49_equality_for_the_last_seat_decided_by_lot(void **state)
{
    /* Two seats: A 5, B 3, C 3: A, and B or C by lot. */
    static const paper ps[] = { { 5, "A" }, { 3, "B" }, { 3, "C" } };
    tally_pool *p = pool_of(3, 2, ps, 3);
    tally_method_options o = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;
    int fell[3] = { 0, 0, 0 };
    (void)state;

    assert_int_equal(tally_fptp(p, &o, &r, &err), TALLY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "give a seed"));
    for (uint64_t seed = 0; seed < 40; seed++) {
        tally_method_result *a = count(p, 0, 1, seed), *b = count(p, 0, 1, seed);
        char *ja = json_of(a), *jb = json_of(b);
        assert_string_equal(ja, jb);
        assert_int_equal(a->n_lots, 1);
        assert_int_equal(a->stages[0].choice, TALLY_CHOICE_LOT);
        assert_int_equal(a->stages[0].n_tied, 2);
        assert_int_equal(a->n_elected, 2);
        assert_int_equal(a->elected[0], 0);
        fell[a->elected[1]]++;
        free(ja);
        free(jb);
        tally_method_result_free(a);
        tally_method_result_free(b);
    }
    assert_true(fell[1] > 0 && fell[2] > 0);
    tally_pool_free(p);
}

static void test_r49_no_lot_when_the_equality_decides_no_seat(void **state)
{
    /* Two seats: A 4, B 4, C 1: both elected, no lot. Three seats and A 5,
    ** B 3, C 3: all three; one seat: A, over B 3 and C 3. */
    static const paper ps[] = { { 4, "A" }, { 4, "B" }, { 1, "C" } };
    static const paper three[] = { { 5, "A" }, { 3, "B" }, { 3, "C" } };
    tally_pool *p = pool_of(3, 2, ps, 3);
    tally_method_result *r = count(p, 0, 0, 0);
    (void)state;

    assert_int_equal(r->n_lots, 0);
    assert_int_equal(r->n_elected, 2);
    assert_int_equal(r->stages[0].choice, TALLY_CHOICE_CLEAR);
    tally_method_result_free(r);
    tally_pool_free(p);
    p = pool_of(3, 3, three, 3);
    r = count(p, 0, 0, 0);
    assert_int_equal(r->n_lots, 0);
    assert_int_equal(r->n_elected, 3);
    tally_method_result_free(r);
    r = count(p, 1, 0, 0);
    assert_int_equal(r->n_lots, 0);
    assert_int_equal(r->elected[0], 0);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_fewer_candidates_than_seats_all_elected(void **state)
{
    static const paper ps[] = { { 2, "A" }, { 1, "B A" } };
    tally_pool *p = pool_of(2, 3, ps, 2);
    tally_method_result *r = count(p, 0, 0, 0);
    (void)state;

    assert_int_equal(r->n_elected, 2);
    assert_int_equal(r->candidates[0].last_vacancy, 1);
    assert_int_equal(r->candidates[1].last_vacancy, 1);
    assert_int_equal(r->stages[0].exhausted, (3 * 3 - 4) * U);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_seats_must_be_given(void **state)
{
    static const paper ps[] = { { 1, "A" } };
    tally_pool *p = pool_of(2, 0, ps, 1);
    tally_method_options o = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;
    (void)state;

    assert_int_equal(tally_fptp(p, &o, &r, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "seats"));
    assert_null(r);
    r = count(p, 1, 0, 0);
    assert_int_equal(r->elected[0], 0);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_fptp_allocation_failure_at_every_step(void **state)
{
    static const paper ps[] = { { 5, "A B" }, { 3, "B" }, { 3, "C A" }, { 1, "A=B C" } };
    tally_pool *p = pool_of(3, 2, ps, 4);
    tally_method_options o = { .seats = 0, .has_seed = 1, .seed = 9 };
    int ok = 0;
    (void)state;

    for (long n = 0; n < 200 && !ok; n++) {
        tally_method_result *r = (tally_method_result *)1;
        tally_status s;
        tally_alloc_fail_after(n);
        s = tally_fptp(p, &o, &r, NULL);
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
        cmocka_unit_test(test_r50_one_seat_most_first_preferences),
        cmocka_unit_test(test_r47_equal_first_preferences_are_no_vote),
        cmocka_unit_test(test_block_vote_first_n_preferences_one_vote_each),
        cmocka_unit_test(test_block_vote_equal_rank_counted_only_when_it_fits),
        cmocka_unit_test(test_lepar_r47_1b_report_gives_papers_rejected_for_too_many),
        cmocka_unit_test(test_r47_1b_one_seat_report_says_more_than_one_candidate),
        cmocka_unit_test(test_r49_equality_for_the_last_seat_decided_by_lot),
        cmocka_unit_test(test_r49_no_lot_when_the_equality_decides_no_seat),
        cmocka_unit_test(test_fewer_candidates_than_seats_all_elected),
        cmocka_unit_test(test_seats_must_be_given),
        cmocka_unit_test(test_fptp_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
