/*
** Unit tests: the declared result a count centre publishes and the national
** picture (national.h).
**
** A majority of the House of Commons: more than half the members, so half
** the seats rounded down plus one (326 of the 650 seats of 2019; 325 of
** 649). Seats go by constituency, first past the post (Parliamentary Elections Rules r.50: the
** candidate with most votes is returned). Shares are of all valid votes,
** rounded once, half away from zero (uk-rules.md section 3, as num.h).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "tally/national.h"

#define HEAD "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""

/* A declared result of two candidates, A (party code a, elected) and B. */
static json_t *declared(const char *code, long a, long b, const char *extra)
{
    char text[1024];
    json_error_t e;
    json_t *v;
    snprintf(text, sizeof text,
             "{\"constituency\":\"%s\",\"name\":\"N\",\"election\":\"E\",\"head\":" HEAD
             ",\"seats\":1,\"electorate\":100000,\"valid_votes\":%ld,\"rejected\":0,"
             "\"turnout\":\"10.00\",\"candidates\":[{\"name\":\"A\",\"party\":\"Party A\","
             "\"party_code\":\"a\",\"votes\":%ld,\"elected\":true},{\"name\":\"B\","
             "\"party\":\"Independent\",\"party_code\":null,\"votes\":%ld,\"elected\":false}]%s}",
             code, a + b, a, b, extra);
    v = json_loads(text, 0, &e);
    assert_non_null(v);
    return v;
}

static json_t *national(json_t **d, size_t n, size_t seats)
{
    json_t *o = NULL;
    assert_int_equal(tally_national_json((const json_t *const *)d, n, seats, &o, NULL), TALLY_OK);
    return o;
}

static long long num(json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

static void test_majority_is_half_the_seats_rounded_down_plus_one(void **state)
{
    json_t *o;
    (void)state;
    o = national(NULL, 0, 650);
    assert_int_equal(num(o, "majority_needed"), 326);
    assert_int_equal(num(o, "undeclared"), 650);
    json_decref(o);
    o = national(NULL, 0, 649);
    assert_int_equal(num(o, "majority_needed"), 325);
    json_decref(o);
}

static void test_seats_and_votes_sum_by_party_shares_round_half_away(void **state)
{
    /* 1 vote in 8 for B overall: 12.5% exactly, published 12.50; with 1 in
    ** 1,600 (0.0625%) 0.06, and 1 in 800 (0.125%) 0.13, away from zero. */
    json_t *d[2], *o, *p;
    (void)state;
    d[0] = declared("E1", 3, 1, "");
    d[1] = declared("E2", 4, 0, "");
    o = national(d, 2, 650);
    assert_int_equal(num(o, "declared"), 2);
    assert_int_equal(num(o, "undeclared"), 648);
    assert_int_equal(num(o, "valid_votes"), 8);
    p = json_array_get(json_object_get(o, "parties"), 0);
    assert_string_equal(json_string_value(json_object_get(p, "party_code")), "a");
    assert_int_equal(num(p, "seats"), 2);
    assert_int_equal(num(p, "votes"), 7);
    assert_string_equal(json_string_value(json_object_get(p, "share_percent")), "87.50");
    p = json_array_get(json_object_get(o, "parties"), 1);
    assert_true(json_is_null(json_object_get(p, "party_code")));
    assert_string_equal(json_string_value(json_object_get(p, "party")), "Independent");
    assert_string_equal(json_string_value(json_object_get(p, "share_percent")), "12.50");
    json_decref(o);
    json_decref(d[0]);
    json_decref(d[1]);
    d[0] = declared("E1", 799, 1, "");
    o = national(d, 1, 1);
    p = json_array_get(json_object_get(o, "parties"), 1);
    assert_string_equal(json_string_value(json_object_get(p, "share_percent")), "0.13");
    json_decref(o);
    json_decref(d[0]);
    d[0] = declared("E1", 1599, 1, "");
    o = national(d, 1, 1);
    p = json_array_get(json_object_get(o, "parties"), 1);
    assert_string_equal(json_string_value(json_object_get(p, "share_percent")), "0.06");
    json_decref(o);
    json_decref(d[0]);
}

/* The message must name the member at fault first. */
static void refused(json_t *v, const char *starts)
{
    tally_error err;
    tally_error_clear(&err);
    assert_int_equal(tally_declared_check(v, &err), TALLY_EINVAL);
    if (strncmp(err.message, starts, strlen(starts)) != 0)
        fail_msg("\"%s\" does not start with \"%s\"", err.message, starts);
    json_decref(v);
}

static void test_declared_result_refused_naming_the_member(void **state)
{
    json_t *v;
    (void)state;
    v = declared("E1", 3, 1, "");
    assert_int_equal(tally_declared_check(v, NULL), TALLY_OK);
    json_decref(v);
    refused(declared("E 1", 3, 1, ""), "constituency:");
    refused(declared("E1", 3, 1, ",\"extra\":1"), "extra:");
    refused(declared("E1", 3, 1, ",\"recount\":1"), "recount:");
    v = declared("E1", 3, 1, "");
    json_object_set_new(v, "head", json_string("AB"));
    refused(v, "head:");
    v = declared("E1", 3, 1, "");
    json_object_set_new(v, "valid_votes", json_integer(5));
    refused(v, "valid_votes: is 5 but the candidates' votes sum to 4");
    v = declared("E1", 3, 1, "");
    json_object_set_new(json_array_get(json_object_get(v, "candidates"), 1), "votes",
                        json_integer(-1));
    json_object_set_new(v, "valid_votes", json_integer(2));
    refused(v, "candidates[1].votes:");
    v = declared("E1", 3, 1, "");
    json_object_set_new(json_array_get(json_object_get(v, "candidates"), 1), "elected",
                        json_true());
    refused(v, "candidates: 2 elected for 1 seats");
    v = declared("E1", 3, 1, "");
    json_object_set_new(v, "electorate", json_integer(3));
    refused(v, "electorate:");
    v = declared("E1", 3, 1, "");
    json_object_set_new(v, "turnout", json_string("47.6"));
    refused(v, "turnout:");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_majority_is_half_the_seats_rounded_down_plus_one),
        cmocka_unit_test(test_seats_and_votes_sum_by_party_shares_round_half_away),
        cmocka_unit_test(test_declared_result_refused_naming_the_member),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
