/*
** RCTab's several-seat modes (src/methods/rctab_multi.c) on small
** elections worked by hand, named after the rules RM1-RM9 of
** rctab_multi.c and docs/rules.md, and BigDecimal's arithmetic and
** toString (src/methods/rctab_dec.c) as RCTab writes its figures.
**
** Each pool has one candidate more than the election, last: the place of
** RCTab's undeclared write-ins (tally_rctab_read), no candidate unless the
** rules declare them.
**
** The surplus election, seats 2, places 4: 7 "A B", 2 "B", 2 "C".
**   round 1: A 7, B 2, C 2; threshold floor(11 / 3) + 1 = 4; A elected;
**            fraction 3 / 7 = 0.4285 (cut); each "A B" moves 0.4285 and
**            leaves 0.5715 with A;
**   round 2: B 2 + 7 x 0.4285 = 4.9995, elected; A keeps 7 x 0.5715 =
**            4.0005: residual 0.0005, A stands at "4";
**   round 3: B's fraction 0.9995 / 4.9995 = 0.1999; "B" moves 0.1999,
**            "A B" moves 0.4285 x 0.1999 = 0.0856 (cut): final round
**            surplus 2 x 0.1999 + 7 x 0.0856 = 0.9990; B keeps 2 x 0.8001 +
**            7 x 0.3429 = 4.0005: residual 0.0010 in all.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tally/ballot.h"
#include "tally/rctab_multi.h"
#include "tally/stages.h"

#include "ballots.h"

enum { A, B, C, D };

static const char *fig(tally_rctab_dec d)
{
    static char b[4][48];
    static int i;
    i = (i + 1) % 4;
    tally_rctab_dec_format(d, b[i], sizeof b[i]);
    return b[i];
}

static tally_rctab_multi *count(const tally_pool *p, const tally_rctab_multi_rules *u)
{
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 1 };
    tally_rctab_multi *m = NULL;
    tally_error err;

    if (tally_rctab_multi_count(p, NULL, u, &mo, &m, &err) != TALLY_OK)
        fail_msg("rctab multi: %s", err.message);
    return m;
}

static const paper surplus_election[] = { { 7, "A B" }, { 2, "B" }, { 2, "C" } };

static tally_rctab_multi_rules rules(tally_rctab_mode mode, int seats)
{
    tally_rctab_multi_rules u;
    memset(&u, 0, sizeof u);
    u.mode = mode;
    u.seats = seats;
    u.places = 4;
    return u;
}

static void test_dec_written_as_bigdecimal_to_string(void **state)
{
    static const struct { tally_rctab_dec d; const char *s; } cases[] = {
        { { 9452, 0 }, "9452" },       { { 94520000, 4 }, "9452.0000" },
        { { 3, 4 }, "0.0003" },        { { 0, 4 }, "0.0000" },
        { { 405, 2 }, "4.05" },        { { 1, 9 }, "1E-9" },
        { { -5, 1 }, "-0.5" },         { { 1234567, 9 }, "0.001234567" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(fig(cases[i].d), cases[i].s);
}

static void test_rm2_threshold_floor_of_votes_over_seats_plus_one_plus_one(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, surplus_election, 3);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m;
    (void)state;

    m = count(p, &u);
    assert_string_equal(fig(tally_rctab_multi_round(m, 0)->threshold), "4");
    tally_rctab_multi_free(m);
    u.non_integer = 1; /* 11 / 3 to 4 places, plus 0.0001 */
    m = count(p, &u);
    assert_string_equal(fig(tally_rctab_multi_round(m, 0)->threshold), "3.6667");
    tally_rctab_multi_free(m);
    u.hare = 1; /* 11 / 2 rounded up, to 4 places */
    m = count(p, &u);
    assert_string_equal(fig(tally_rctab_multi_round(m, 0)->threshold), "5.5000");
    tally_rctab_multi_free(m);
    u.non_integer = 0;
    m = count(p, &u);
    assert_string_equal(fig(tally_rctab_multi_round(m, 0)->threshold), "6");
    for (size_t k = 1; k < tally_rctab_multi_rounds(m); k++) /* fixed at round 1 */
        assert_string_equal(fig(tally_rctab_multi_round(m, k)->threshold), "6");
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static void test_rm4_rm5_rm7_fractional_surplus_cut_to_the_places(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, surplus_election, 3);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m = count(p, &u);
    const tally_rctab_round *r1, *r2, *r3;
    const tally_method_result *res = tally_rctab_multi_result(m);
    (void)state;

    assert_int_equal(tally_rctab_multi_rounds(m), 3);
    r1 = tally_rctab_multi_round(m, 0);
    r2 = tally_rctab_multi_round(m, 1);
    r3 = tally_rctab_multi_round(m, 2);
    assert_int_equal(r1->n_elected, 1);
    assert_int_equal(r1->elected[0], A);
    assert_string_equal(fig(r1->tally[A]), "7");
    /* round 2: A's papers moved at 0.4285 each; A left at the threshold */
    assert_string_equal(fig(r2->tally[B]), "4.9995");
    assert_string_equal(fig(r2->tally[A]), "4");
    assert_string_equal(fig(r2->residual), "0.0005");
    assert_int_equal(r2->n_elected, 1);
    assert_int_equal(r2->elected[0], B);
    assert_int_equal(r2->n_transfers, 2);
    assert_int_equal(r2->transfers[0].from, A);
    assert_int_equal(r2->transfers[0].to, B);
    assert_string_equal(fig(r2->transfers[0].value), "2.9995");
    assert_int_equal(r2->transfers[1].to, TALLY_RCTAB_TO_RESIDUAL);
    assert_string_equal(fig(r2->transfers[1].value), "0.0005");
    /* round 3: every seat filled: B's surplus is the final round surplus */
    assert_string_equal(fig(r3->inactive[TALLY_RCTAB_FINAL_SURPLUS]), "0.9990");
    assert_string_equal(fig(r3->tally[B]), "4");
    assert_string_equal(fig(r3->tally[C]), "2");
    assert_string_equal(fig(r3->residual), "0.0010");
    assert_int_equal(r3->n_elected + r3->n_eliminated, 0);
    /* tally's stages: surplus stages, the residual lost to rounding */
    assert_int_equal(res->n_stages, 3);
    assert_int_equal(res->places, 4);
    assert_int_equal(res->stages[1].kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(res->stages[1].subject, A);
    assert_int_equal(res->stages[2].lost, 10);
    assert_int_equal(res->stages[2].exhausted, 9990);
    assert_int_equal(res->n_elected, 2);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

/* tally's text report of m. */
static char *text_of(const tally_rctab_multi *m)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(tally_stages_write(tally_rctab_multi_result(m), "t", TALLY_STAGES_TEXT, f),
                     TALLY_OK);
    fclose(f);
    return text;
}

/* A surplus stage of tally's result carries the surplus that moved in
** its round (to candidates, exhausted and residual), and the text report
** shows it: A's 7 over the threshold 4 is 3 (2.9995 to B, 0.0005
** residual), B's 4.9995 over 4 is 0.9995. */
static void test_rm4_a_surplus_stage_shows_the_surplus_moved(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, surplus_election, 3);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m = count(p, &u);
    const tally_method_result *res = tally_rctab_multi_result(m);
    char *text;
    (void)state;

    assert_int_equal(res->n_stages, 3);
    assert_int_equal(res->stages[1].kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(res->stages[1].subject, A);
    assert_int_equal(res->stages[1].surplus, 30000);
    assert_int_equal(res->stages[2].subject, B);
    assert_int_equal(res->stages[2].surplus, 9995);
    text = text_of(m);
    assert_non_null(strstr(text, "Stage 2: transfer of the surplus of A (3.0000)\n"));
    assert_non_null(strstr(text, "Stage 3: transfer of the surplus of B (0.9995)\n"));
    free(text);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

/* Two surpluses moved in one round: the stage carries both, and the text
** report names both: A and B 5 each over the threshold 4. */
static const paper two_surpluses[] = { { 5, "A C" }, { 5, "B C" }, { 1, "C" } };

static void test_rm4_surpluses_moved_together_are_one_stage_of_both(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, two_surpluses, 3);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m = count(p, &u);
    const tally_method_result *res = tally_rctab_multi_result(m);
    char *text;
    (void)state;

    assert_int_equal(tally_rctab_multi_round(m, 0)->n_elected, 2);
    assert_int_equal(res->n_stages, 2);
    assert_int_equal(res->stages[1].kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(res->stages[1].surplus, 20000);
    text = text_of(m);
    assert_non_null(strstr(text, "Stage 2: transfer of the surpluses of A and B (2.0000)\n"));
    free(text);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static const paper two_over[] = { { 5, "A" }, { 4, "B" }, { 1, "C" } };

static void test_rm3_every_candidate_at_the_threshold_is_elected(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, two_over, 3);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m = count(p, &u);
    const tally_rctab_round *r1 = tally_rctab_multi_round(m, 0);
    (void)state;

    assert_string_equal(fig(r1->threshold), "4");
    assert_int_equal(r1->n_elected, 2); /* B at 4 exactly is elected too */
    assert_int_equal(r1->elected[0], A);
    assert_int_equal(r1->elected[1], B);
    assert_int_equal(tally_rctab_multi_rounds(m), 2);
    /* B had no surplus: its papers keep nothing to move, at 0.0000 */
    assert_string_equal(fig(tally_rctab_multi_round(m, 1)->inactive[TALLY_RCTAB_FINAL_SURPLUS]),
                        "1.0000");
    assert_string_equal(fig(tally_rctab_multi_round(m, 1)->tally[B]), "4.0000");
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static void test_rm3_one_winner_per_round_the_most_votes(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, two_over, 3);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_ONE_PER_ROUND, 2);
    tally_rctab_multi *m = count(p, &u);
    const tally_rctab_round *r2 = tally_rctab_multi_round(m, 1);
    (void)state;

    assert_int_equal(tally_rctab_multi_round(m, 0)->n_elected, 1);
    assert_int_equal(tally_rctab_multi_round(m, 0)->elected[0], A);
    /* round 2: A's papers have no next choice: 5 x 0.2000 exhausted */
    assert_string_equal(fig(r2->inactive[TALLY_INACTIVE_EXHAUSTED]), "1.0000");
    assert_int_equal(r2->n_elected, 1);
    assert_int_equal(r2->elected[0], B);
    assert_int_equal(tally_rctab_multi_rounds(m), 3);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static const paper with_write_ins[] = { { 5, "A" }, { 1, "D" }, { 2, "B" }, { 1, "C" } };

static void test_rm3_rm6_no_one_elected_while_the_write_ins_hold_votes(void **state)
{
    tally_pool *p = test_pool(4, 0, NULL, with_write_ins, 4);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m;
    const tally_rctab_round *r1;
    (void)state;

    u.write_in_declared = 1; /* D is RCTab's undeclared write-ins */
    m = count(p, &u);
    r1 = tally_rctab_multi_round(m, 0);
    assert_true(r1->in_tally[D]);
    assert_int_equal(r1->n_elected, 0); /* A's 5 pass the threshold 4 */
    assert_int_equal(r1->n_eliminated, 1);
    assert_int_equal(r1->eliminated[0], D);
    assert_int_equal(tally_rctab_multi_round(m, 1)->elected[0], A);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static const paper bottoms[] = { { 4, "A" }, { 3, "B" }, { 2, "C" }, { 1, "D B" } };

static void test_rm8_bottoms_up_excludes_the_lowest_until_the_seats(void **state)
{
    tally_pool *p = test_pool(5, 0, NULL, bottoms, 4);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_BOTTOMS_UP, 2);
    tally_rctab_multi *m = count(p, &u);
    const tally_rctab_round *r1, *r2, *r3;
    (void)state;

    assert_int_equal(tally_rctab_multi_rounds(m), 3); /* no surplus round */
    r1 = tally_rctab_multi_round(m, 0);
    r2 = tally_rctab_multi_round(m, 1);
    r3 = tally_rctab_multi_round(m, 2);
    assert_int_equal(r1->n_elected, 0); /* A at the threshold 4 is not elected */
    assert_int_equal(r1->eliminated[0], D);
    assert_string_equal(fig(r2->tally[B]), "4");
    assert_int_equal(r2->eliminated[0], C);
    assert_int_equal(r3->n_elected, 2);
    assert_int_equal(r3->elected[0], A);
    assert_int_equal(r3->elected[1], B);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static const paper share[] = { { 6, "A" }, { 3, "B" }, { 1, "C B" }, { 2, "D" } };

static void test_rm9_every_continuing_candidate_above_the_share(void **state)
{
    tally_pool *p = test_pool(5, 0, NULL, share, 4);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_BOTTOMS_UP_PERCENT, 0);
    tally_rctab_multi *m;
    tally_rctab_dec quarter = { 25, 2 };
    (void)state;

    u.share = quarter;
    m = count(p, &u);
    /* round 1: 12 x 0.25 = 3.00: C (1) the lowest; round 2: 3.00 again, D
    ** (2) the lowest; round 3: 10 x 0.25 = 2.50, A 6 and B 4 above it */
    assert_int_equal(tally_rctab_multi_rounds(m), 3);
    assert_string_equal(fig(tally_rctab_multi_round(m, 0)->threshold), "3.00");
    assert_int_equal(tally_rctab_multi_round(m, 0)->eliminated[0], C);
    assert_int_equal(tally_rctab_multi_round(m, 1)->eliminated[0], D);
    assert_string_equal(fig(tally_rctab_multi_round(m, 2)->threshold), "2.50");
    assert_int_equal(tally_rctab_multi_round(m, 2)->n_elected, 2);
    tally_rctab_multi_free(m);
    u.first_round_threshold = 1; /* the first round's 3.00 throughout */
    m = count(p, &u);
    assert_string_equal(fig(tally_rctab_multi_round(m, 2)->threshold), "3.00");
    tally_rctab_multi_free(m);
    u.first_round_threshold = 0;
    u.cutoff = 1; /* C and D below 3.00 excluded together */
    m = count(p, &u);
    assert_int_equal(tally_rctab_multi_rounds(m), 2);
    assert_int_equal(tally_rctab_multi_round(m, 0)->n_eliminated, 2);
    assert_string_equal(fig(tally_rctab_multi_round(m, 1)->tally[B]), "4");
    assert_int_equal(tally_rctab_multi_round(m, 1)->n_elected, 2);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

static void test_rm1_papers_counted_once_per_ranking_at_their_weight(void **state)
{
    /* the same election as one paper a line: the same figures */
    static const paper one_by_one[] = { { 1, "A B" }, { 1, "B" }, { 1, "A B" }, { 1, "C" },
                                        { 1, "A B" }, { 1, "A B" }, { 1, "B" }, { 1, "A B" },
                                        { 1, "C" },   { 1, "A B" }, { 1, "A B" } };
    tally_pool *p = test_pool(4, 0, NULL, one_by_one, 11);
    tally_rctab_multi_rules u = rules(TALLY_RCTAB_MULTIPLE_PER_ROUND, 2);
    tally_rctab_multi *m = count(p, &u);
    (void)state;

    assert_string_equal(fig(tally_rctab_multi_round(m, 1)->tally[B]), "4.9995");
    assert_string_equal(fig(tally_rctab_multi_round(m, 2)->inactive[TALLY_RCTAB_FINAL_SURPLUS]),
                        "0.9990");
    tally_rctab_multi_free(m);
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dec_written_as_bigdecimal_to_string),
        cmocka_unit_test(test_rm1_papers_counted_once_per_ranking_at_their_weight),
        cmocka_unit_test(test_rm2_threshold_floor_of_votes_over_seats_plus_one_plus_one),
        cmocka_unit_test(test_rm3_every_candidate_at_the_threshold_is_elected),
        cmocka_unit_test(test_rm3_one_winner_per_round_the_most_votes),
        cmocka_unit_test(test_rm3_rm6_no_one_elected_while_the_write_ins_hold_votes),
        cmocka_unit_test(test_rm4_rm5_rm7_fractional_surplus_cut_to_the_places),
        cmocka_unit_test(test_rm4_a_surplus_stage_shows_the_surplus_moved),
        cmocka_unit_test(test_rm4_surpluses_moved_together_are_one_stage_of_both),
        cmocka_unit_test(test_rm8_bottoms_up_excludes_the_lowest_until_the_seats),
        cmocka_unit_test(test_rm9_every_continuing_candidate_above_the_share),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
