/*
** The list methods' rules, one test each (src/methods/list*.c), and the
** reader's errors (src/io/list_json.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tally/listpr.h"
#include "tally/listpr_io.h"

static tally_list_election *parse(const char *json)
{
    tally_list_election *e = NULL;
    tally_error err;
    if (tally_io_parse_list(json, strlen(json), "t.json", &e, &err) != TALLY_OK)
        fail_msg("%d:%d: %s", err.line, err.column, err.message);
    return e;
}

static tally_list_result *run(const tally_list_election *e, tally_list_method m, int has_seed,
                              uint64_t seed)
{
    tally_list_options o = { .has_seed = has_seed, .seed = seed };
    tally_list_result *r = NULL;
    tally_error err;
    if (tally_list_allocate(e, m, &o, &r, &err) != TALLY_OK)
        fail_msg("%s", err.message);
    return r;
}

/* The order in which parties took the seats, as their first letters. */
static void order(const tally_list_result *r, size_t a, char *buf)
{
    const tally_list_area_result *ar = &r->areas[a];
    for (size_t i = 0; i < ar->n_rounds; i++)
        buf[i] = ar->area->parties[ar->rounds[i].winner].name[0];
    buf[ar->n_rounds] = '\0';
}

/* D'Hondt: A 100, B 80, C 30 for 5 seats: 100, 80, 50, 40, 33.3 -> A B A B A. */
static void test_dhondt_divisors_one_two_three(void **state)
{
    tally_list_election *e = parse("{\"areas\":[{\"name\":\"X\",\"seats\":5,\"parties\":["
                                   "{\"name\":\"A\",\"votes\":100},{\"name\":\"B\",\"votes\":80},"
                                   "{\"name\":\"C\",\"votes\":30}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_DHONDT, 0, 0);
    char o[16];
    (void)state;
    order(r, 0, o);
    assert_string_equal(o, "ABABA");
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* Sainte-Laguë: 100, 80, 33.3, 30, 26.7 -> A B A C B; modified (first
** divisor 1.4): 71.4, 57.1, 33.3 (A /3), 26.7 (B /3), then C's 21.4 beats
** A's 20 -> A B A B C. */
static void test_sainte_lague_divisors_one_three_five(void **state)
{
    tally_list_election *e = parse("{\"areas\":[{\"name\":\"X\",\"seats\":5,\"parties\":["
                                   "{\"name\":\"A\",\"votes\":100},{\"name\":\"B\",\"votes\":80},"
                                   "{\"name\":\"C\",\"votes\":30}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_SAINTE_LAGUE, 0, 0);
    char o[16];
    (void)state;
    order(r, 0, o);
    assert_string_equal(o, "ABACB");
    assert_int_equal(r->areas[0].rounds[4].divisor[1], 3);
    tally_list_result_free(r);
    r = run(e, TALLY_LIST_MODIFIED_SAINTE_LAGUE, 0, 0);
    order(r, 0, o);
    assert_string_equal(o, "ABABC");
    assert_int_equal(r->divisor_den, 5);
    assert_int_equal(r->areas[0].rounds[0].divisor[2], 7);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* A share below the threshold is disregarded; exactly at it qualifies.
** Of 1,000 votes, C's 50 is 5%: in; D's 49 is out, though D'Hondt alone
** would give D the fourth seat ahead of C only if D had more. */
static void test_threshold_disregards_a_party_below_the_share(void **state)
{
    tally_list_election *e = parse(
        "{\"threshold_percent\":5,\"areas\":[{\"name\":\"X\",\"seats\":20,\"parties\":["
        "{\"name\":\"A\",\"votes\":600},{\"name\":\"B\",\"votes\":301},"
        "{\"name\":\"C\",\"votes\":50},{\"name\":\"D\",\"votes\":49}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_DHONDT, 0, 0);
    (void)state;
    assert_int_equal(r->areas[0].out[2], TALLY_LIST_IN);
    assert_int_equal(r->areas[0].out[3], TALLY_LIST_BELOW_THRESHOLD);
    assert_int_equal(r->areas[0].list_seats[3], 0);
    assert_int_equal(r->areas[0].list_seats[2], 1);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* The London threshold is statutory (5%) and applies with no threshold in
** the file; the file may not set another. Of 2,600 votes B's 100 (3.8%)
** is disregarded; C's 400 takes the sixth seat (2,100 / 6 = 350). */
static void test_london_threshold_is_five_percent(void **state)
{
    tally_list_election *e = parse(
        "{\"areas\":[{\"name\":\"London\",\"parties\":["
        "{\"name\":\"A\",\"votes\":2100},{\"name\":\"B\",\"votes\":100},"
        "{\"name\":\"C\",\"votes\":400}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_AMS_LONDON, 0, 0);
    tally_list_options o = { 0 };
    tally_error err;
    (void)state;
    assert_int_equal(r->areas[0].seats, 11);
    assert_int_equal(r->areas[0].out[1], TALLY_LIST_BELOW_THRESHOLD);
    assert_int_equal(r->areas[0].out[2], TALLY_LIST_IN);
    assert_int_equal(r->areas[0].list_seats[2], 1);
    tally_list_result_free(r);
    e->threshold_num = 3;
    assert_int_equal(tally_list_allocate(e, TALLY_LIST_AMS_LONDON, &o, &r, &err), TALLY_EINVAL);
    assert_null(r);
    tally_list_election_free(e);
}

/* Scotland Act 1998 s.7(2): the divisor counts the constituency seats won
** in the region. A (300, 5 constituency seats) divides by 6 = 50, so B
** (120, none) takes the first three seats ahead of it: 120, 60, 40 < 50. */
static void test_divisor_counts_constituency_seats(void **state)
{
    tally_list_election *e = parse(
        "{\"areas\":[{\"name\":\"R\",\"seats\":7,\"parties\":["
        "{\"name\":\"A\",\"votes\":300,\"constituency_seats\":5},{\"name\":\"B\",\"votes\":120}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_AMS_SCOTLAND, 0, 0);
    char o[16];
    (void)state;
    order(r, 0, o);
    /* 120 | 60 | 50 (A /6) | 42.9 (A /7) vs 40 (B /3) | 40 | 37.5 vs 30 | 33.3 */
    assert_string_equal(o, "BBAABAA");
    assert_int_equal(r->areas[0].rounds[0].divisor[0], 6);
    assert_int_equal(tally_list_total_seats(r, 0, 0), 9);
    tally_list_result_free(r);
    /* Plain D'Hondt ignores them: A takes the first seat. */
    r = run(e, TALLY_LIST_DHONDT, 0, 0);
    assert_int_equal(r->areas[0].rounds[0].winner, 0);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* Scotland Act 1998 s.8(5)-(6): a list member returned for a constituency
** is struck off; a party whose list is used up is passed over and its
** quotient no longer counts. A has two names, one struck off. */
static void test_exhausted_list_passed_over(void **state)
{
    tally_list_election *e = parse(
        "{\"areas\":[{\"name\":\"R\",\"parties\":["
        "{\"name\":\"A\",\"votes\":1000,\"list\":[\"Ann\",\"Abe\"],\"struck_off\":[\"Ann\"]},"
        "{\"name\":\"B\",\"votes\":100,\"list\":[\"Bo\",\"Bea\",\"Bill\",\"Bet\",\"Bob\",\"Ben\",\"Bud\"]}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_AMS_SCOTLAND, 0, 0);
    const tally_list_area_result *ar = &r->areas[0];
    (void)state;
    assert_int_equal(ar->list_seats[0], 1);
    assert_string_equal(ar->rounds[0].member, "Abe");
    assert_int_equal(ar->rounds[0].place, 2);
    assert_int_equal(ar->rounds[1].out[0], TALLY_LIST_EXHAUSTED);
    assert_int_equal(ar->list_seats[1], 6);
    assert_string_equal(ar->rounds[6].member, "Ben");
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* Every list used up: the remaining seats are left unfilled, not given to
** a party with no one to return. */
static void test_seats_unfilled_when_every_list_is_exhausted(void **state)
{
    tally_list_election *e = parse(
        "{\"areas\":[{\"name\":\"C\",\"parties\":["
        "{\"name\":\"A\",\"votes\":10,\"list\":[\"Ann\",\"Abe\"]},"
        "{\"name\":\"B\",\"votes\":9,\"list\":[\"Bo\"]}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_SENEDD, 0, 0);
    (void)state;
    assert_int_equal(r->areas[0].seats, 6);
    assert_int_equal(r->areas[0].n_rounds, 3);
    assert_int_equal(r->areas[0].unfilled, 3);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* Scotland Act 1998 s.8(3), GLA Act 1999 Sch 2: an individual candidate is
** a party of one, disregarded once returned, however many votes. */
static void test_independent_treated_as_a_party_of_one(void **state)
{
    tally_list_election *e = parse(
        "{\"areas\":[{\"name\":\"R\",\"parties\":["
        "{\"name\":\"Jo Bloggs\",\"votes\":5000,\"independent\":true},"
        "{\"name\":\"P\",\"votes\":1000}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_AMS_SCOTLAND, 0, 0);
    (void)state;
    assert_int_equal(r->areas[0].list_seats[0], 1);
    assert_string_equal(r->areas[0].rounds[0].member, "Jo Bloggs");
    assert_int_equal(r->areas[0].rounds[1].out[0], TALLY_LIST_RETURNED);
    assert_int_equal(r->areas[0].list_seats[1], 6);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* An equality for the highest quotient with seats for each: a seat to
** each (s.8(7)), no lot. */
static void test_equality_with_seats_for_each_needs_no_lot(void **state)
{
    tally_list_election *e = parse("{\"areas\":[{\"name\":\"X\",\"seats\":2,\"parties\":["
                                   "{\"name\":\"A\",\"votes\":50},{\"name\":\"B\",\"votes\":50}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_DHONDT, 0, 0);
    (void)state;
    assert_int_equal(r->n_lots, 0);
    assert_int_equal(r->areas[0].rounds[0].choice, TALLY_LIST_EACH);
    assert_int_equal(r->areas[0].list_seats[0], 1);
    assert_int_equal(r->areas[0].list_seats[1], 1);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* An equality for the last seat is decided by lot: refused without a seed;
** the same seed gives the same winner every time; across seeds both
** parties win sometimes (the lot is not a fixed order). */
static void test_tie_by_lot_reproducible_with_the_seed(void **state)
{
    tally_list_election *e = parse("{\"areas\":[{\"name\":\"X\",\"seats\":3,\"parties\":["
                                   "{\"name\":\"A\",\"votes\":60},{\"name\":\"B\",\"votes\":40},"
                                   "{\"name\":\"C\",\"votes\":30}]}]}");
    tally_list_options none = { 0 };
    tally_list_result *r = NULL;
    tally_error err;
    int wins[3] = { 0, 0, 0 };
    (void)state;
    /* 60, 40, then A 30 = C 30 for the third seat. */
    assert_int_equal(tally_list_allocate(e, TALLY_LIST_DHONDT, &none, &r, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "give a seed"));
    for (uint64_t seed = 0; seed < 64; seed++) {
        tally_list_result *r1 = run(e, TALLY_LIST_DHONDT, 1, seed);
        tally_list_result *r2 = run(e, TALLY_LIST_DHONDT, 1, seed);
        assert_int_equal(r1->n_lots, 1);
        assert_int_equal(r1->areas[0].rounds[2].choice, TALLY_LIST_LOT);
        assert_int_equal(r1->areas[0].rounds[2].n_tied, 2);
        assert_int_equal(r1->areas[0].rounds[2].winner, r2->areas[0].rounds[2].winner);
        wins[r1->areas[0].rounds[2].winner]++;
        tally_list_result_free(r1);
        tally_list_result_free(r2);
    }
    assert_int_equal(wins[1], 0);
    assert_true(wins[0] > 0 && wins[2] > 0);
    tally_list_election_free(e);
}

/* Quotients are compared exactly, by cross-multiplication: A's
** 1,000,000,000,000 / 3 exceeds B's 333,333,333,333 by 1/3, so A takes the
** third seat although B comes first in the file (truncated quotients would
** be equal and give it to B). */
static void test_quotients_compared_exactly(void **state)
{
    tally_list_election *e = parse("{\"areas\":[{\"name\":\"X\",\"seats\":4,\"parties\":["
                                   "{\"name\":\"B\",\"votes\":333333333333},"
                                   "{\"name\":\"A\",\"votes\":1000000000000}]}]}");
    tally_list_result *r = run(e, TALLY_LIST_DHONDT, 0, 0);
    char o[16];
    (void)state;
    order(r, 0, o);
    assert_string_equal(o, "AAAB");
    assert_int_equal(r->areas[0].rounds[2].choice, TALLY_LIST_CLEAR);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* The statutory seat numbers are the method's: a file that says otherwise
** is refused rather than silently overridden. */
static void test_statutory_seats_refuse_another_number(void **state)
{
    tally_list_election *e = parse("{\"areas\":[{\"name\":\"Glasgow\",\"seats\":8,\"parties\":["
                                   "{\"name\":\"A\",\"votes\":1}]}]}");
    tally_list_options o = { 0 };
    tally_list_result *r = NULL;
    tally_error err;
    (void)state;
    assert_int_equal(tally_list_allocate(e, TALLY_LIST_AMS_SCOTLAND, &o, &r, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "Sch 1 para 2(3)"));
    assert_int_equal(tally_list_allocate(e, TALLY_LIST_SENEDD, &o, &r, &err), TALLY_EINVAL);
    tally_list_election_free(e);
}

static void bad(const char *json, int line, int col, const char *needle)
{
    tally_list_election *e = NULL;
    tally_error err;
    assert_int_equal(tally_io_parse_list(json, strlen(json), "t.json", &e, &err), TALLY_EINVAL);
    assert_null(e);
    assert_string_equal(err.file, "t.json");
    if (err.line != line || err.column != col || !strstr(err.message, needle))
        fail_msg("got %d:%d: %s, wanted %d:%d: ...%s...", err.line, err.column, err.message, line,
                 col, needle);
}

static void test_reader_names_the_line_and_column_of_a_fault(void **state)
{
    (void)state;
    bad("{\"areas\":[{\"name\":\"X\",\n\"parties\":[{\"name\":\"A\",\"votes\":-3}]}]}", 2, 32,
        "must not be negative");
    bad("{\"areas\":[{\"name\":\"X\",\"parties\":[\n{\"name\":\"A\",\"vote\":3}]}]}", 2, 13,
        "unknown member \"vote\"");
    bad("{\"areas\":[{\"name\":\"X\",\"parties\":[{\"name\":\"A\",\"votes\":3,\n"
        "\"list\":[\"P\"],\"struck_off\":[\"Q\"]}]}]}", 2, 28, "not on the party's list");
    bad("{\"areas\":[{\"name\":\"X\",\"parties\":[{\"name\":\"A\",\"votes\":3},\n"
        "{\"name\":\"A\",\"votes\":4}]}]}", 2, 9, "named twice");
    bad("{\"areas\":[{\"name\":\"X\",\"parties\":[{\"name\":\"I\",\"votes\":3,"
        "\"independent\":true,\n\"list\":[\"P\"]}]}]}", 2, 1, "party of one");
    bad("{\"areas\": [}", 1, 12, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dhondt_divisors_one_two_three),
        cmocka_unit_test(test_sainte_lague_divisors_one_three_five),
        cmocka_unit_test(test_threshold_disregards_a_party_below_the_share),
        cmocka_unit_test(test_london_threshold_is_five_percent),
        cmocka_unit_test(test_divisor_counts_constituency_seats),
        cmocka_unit_test(test_exhausted_list_passed_over),
        cmocka_unit_test(test_seats_unfilled_when_every_list_is_exhausted),
        cmocka_unit_test(test_independent_treated_as_a_party_of_one),
        cmocka_unit_test(test_equality_with_seats_for_each_needs_no_lot),
        cmocka_unit_test(test_tie_by_lot_reproducible_with_the_seed),
        cmocka_unit_test(test_quotients_compared_exactly),
        cmocka_unit_test(test_statutory_seats_refuse_another_number),
        cmocka_unit_test(test_reader_names_the_line_and_column_of_a_fault),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
