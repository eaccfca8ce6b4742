/*
** Unit tests: the declared result a count centre publishes and the national
** picture (national.h).
**
** The national picture against the previous results: gains and losses as
** the House of Commons Library counts them (CBP 8749), change in share,
** Butler swing nationally and by region (seats.h), worked by hand below.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/election.h"
#include "tally/national.h"
#include "tally/report.h"

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
    assert_int_equal(tally_national_json((const json_t *const *)d, n, seats, NULL, 0, &o, NULL),
                     TALLY_OK);
    return o;
}

static long long num(json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

static const char *text_of(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
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
    assert_string_equal(text_of(p, "party"), "a");
    assert_string_equal(text_of(p, "name"), "Party A");
    assert_int_equal(num(p, "seats"), 2);
    assert_int_equal(num(p, "votes"), 7);
    assert_string_equal(text_of(p, "share_percent"), "87.50");
    /* No previous result: nothing to change from. */
    assert_true(json_is_null(json_object_get(p, "change_points")));
    assert_true(json_is_null(json_object_get(o, "swing")));
    p = json_array_get(json_object_get(o, "parties"), 1);
    assert_string_equal(text_of(p, "party"), "Ind");
    assert_string_equal(text_of(p, "name"), "Independent");
    assert_string_equal(text_of(p, "share_percent"), "12.50");
    json_decref(o);
    json_decref(d[0]);
    json_decref(d[1]);
    d[0] = declared("E1", 799, 1, "");
    o = national(d, 1, 1);
    p = json_array_get(json_object_get(o, "parties"), 1);
    assert_string_equal(text_of(p, "share_percent"), "0.13");
    json_decref(o);
    json_decref(d[0]);
    d[0] = declared("E1", 1599, 1, "");
    o = national(d, 1, 1);
    p = json_array_get(json_object_get(o, "parties"), 1);
    assert_string_equal(text_of(p, "share_percent"), "0.06");
    json_decref(o);
    json_decref(d[0]);
}

/* A declared result of the given candidates: each "NAME:CODE:VOTES", the
** first elected (CODE "-" for an Independent). */
static json_t *declared_of(const char *code, const char *const *cands, size_t n, size_t elected)
{
    json_t *v = declared(code, 1, 0, ""), *arr = json_array();
    long long valid = 0;
    for (size_t i = 0; i < n; i++) {
        char name[64], party[16];
        long long votes;
        assert_int_equal(sscanf(cands[i], "%63[^:]:%15[^:]:%lld", name, party, &votes), 3);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:I, s:b}", "name", name, "party",
                                             strcmp(party, "-") ? party : "Independent",
                                             "party_code", strcmp(party, "-") ? party : NULL,
                                             "votes", (json_int_t)votes, "elected",
                                             i == elected));
        valid += votes;
    }
    json_object_set_new(v, "candidates", arr);
    json_object_set_new(v, "valid_votes", json_integer(valid));
    assert_int_equal(tally_declared_check(v, NULL), TALLY_OK);
    return v;
}

/* The previous result of a constituency: "KEY:VOTES" each, the first the
** winner. */
static tally_election *previous_of(const char *code, const char *region, const char *const *parts,
                                   size_t n)
{
    tally_election *e;
    assert_int_equal(tally_election_new(&e), TALLY_OK);
    e->area_code = tally_election_strdup(e, code);
    e->region = tally_election_strdup(e, region);
    for (size_t i = 0; i < n; i++) {
        /* The votes after the last colon: a key may hold one ("person:Jo"). */
        const char *colon = strrchr(parts[i], ':');
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(colon - parts[i]), parts[i]);
        assert_int_equal(tally_election_add_previous(e, key, atoll(colon + 1)), TALLY_OK);
        if (i == 0)
            e->previous->winner = tally_election_strdup(e, key);
    }
    return e;
}

static json_t *party_of(json_t *o, const char *key)
{
    json_t *p;
    size_t i;
    json_array_foreach(json_object_get(o, "parties"), i, p)
        if (strcmp(text_of(p, "party"), key) == 0)
            return p;
    fail_msg("no party %s", key);
    return NULL;
}

static json_t *picture(json_t **d, size_t n, tally_election **b, size_t nb)
{
    json_t *o = NULL;
    tally_error err;
    tally_error_clear(&err);
    if (tally_national_json((const json_t *const *)d, n, 650, (const tally_election *const *)b,
                            nb, &o, &err) != TALLY_OK)
        fail_msg("%s", err.message);
    return o;
}

/* CBP 8749 counts a seat that changed hands as a gain for its winner's
** party and a loss for the party that held it; net = gains - losses.
** Worked by hand: North N1, Lab 60 Con 40 before, Con 55 Lab 45 now (Con
** gain from Lab); South S1, Con 60 Lab 40 before, Con 60 Lab 30 LD 10 now
** (Con hold). Shares of all 200 valid votes: Con 115 (57.50, then 100 of
** 200, +7.50), Lab 75 (37.50, -12.50), LD 10 (5.00, +5.00). Butler swing
** between the two with most votes now, A = Con, B = Lab:
** ((37.5 - 50) - (57.5 - 50)) / 2 = -10, 10.00 from Lab to Con; North
** ((45 - 60) - (55 - 40)) / 2 = -15, South ((30 - 40) - (60 - 60)) / 2 = -5. */
static void test_gains_losses_change_and_butler_swing_against_the_previous_result(void **state)
{
    static const char *const n1[] = { "Ann:Con:55", "Bob:Lab:45" };
    static const char *const s1[] = { "Cat:Con:60", "Dan:Lab:30", "Eve:LD:10" };
    static const char *const n1_then[] = { "Lab:60", "Con:40" };
    static const char *const s1_then[] = { "Con:60", "Lab:40" };
    json_t *d[2], *o, *p, *r;
    tally_election *b[2];
    (void)state;

    d[0] = declared_of("N1", n1, 2, 0);
    d[1] = declared_of("S1", s1, 3, 0);
    b[0] = previous_of("S1", "South", s1_then, 2);
    b[1] = previous_of("N1", "North", n1_then, 2);
    o = picture(d, 2, b, 2);
    assert_int_equal(num(o, "compared"), 2);
    assert_int_equal(num(o, "previous_valid_votes"), 200);
    p = party_of(o, "Con");
    assert_int_equal(num(p, "seats"), 2);
    assert_int_equal(num(p, "gains"), 1);
    assert_int_equal(num(p, "losses"), 0);
    assert_int_equal(num(p, "net"), 1);
    assert_int_equal(num(p, "votes"), 115);
    assert_int_equal(num(p, "previous_votes"), 100);
    assert_string_equal(text_of(p, "share_percent"), "57.50");
    assert_string_equal(text_of(p, "change_points"), "7.50");
    p = party_of(o, "Lab");
    assert_int_equal(num(p, "seats"), 0);
    assert_int_equal(num(p, "gains"), 0);
    assert_int_equal(num(p, "losses"), 1);
    assert_int_equal(num(p, "net"), -1);
    assert_string_equal(text_of(p, "change_points"), "-12.50");
    assert_string_equal(text_of(party_of(o, "LD"), "change_points"), "5.00");

    r = json_object_get(o, "swing");
    assert_string_equal(text_of(r, "from"), "Lab");
    assert_string_equal(text_of(r, "to"), "Con");
    assert_string_equal(text_of(r, "points"), "10.00");
    /* Regions in name order, each between the national two. */
    r = json_array_get(json_object_get(o, "regions"), 0);
    assert_string_equal(text_of(r, "region"), "North");
    assert_int_equal(num(r, "declared"), 1);
    assert_string_equal(text_of(json_object_get(r, "swing"), "from"), "Lab");
    assert_string_equal(text_of(json_object_get(r, "swing"), "points"), "15.00");
    r = json_array_get(json_object_get(o, "regions"), 1);
    assert_string_equal(text_of(r, "region"), "South");
    assert_string_equal(text_of(json_object_get(r, "swing"), "points"), "5.00");

    /* Each result's hold or gain, in the order declared. */
    r = json_array_get(json_object_get(o, "results"), 0);
    assert_string_equal(text_of(r, "constituency"), "N1");
    assert_string_equal(text_of(r, "region"), "North");
    assert_string_equal(text_of(r, "winner"), "Ann");
    assert_string_equal(text_of(r, "outcome"), "Con gain from Lab");
    assert_true(json_is_true(json_object_get(r, "gain")));
    r = json_array_get(json_object_get(o, "results"), 1);
    assert_string_equal(text_of(r, "outcome"), "Con hold");
    assert_true(json_is_false(json_object_get(r, "gain")));

    /* The same parties as CSV, the figures above as they are written. */
    {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        assert_int_equal(tally_report_national_csv(o, f), TALLY_OK);
        assert_int_equal(fclose(f), 0);
        assert_string_equal(text,
                            "party,name,seats,gains,losses,net,votes,previous_votes,"
                            "share_percent,change_points\r\n"
                            "Con,Con,2,1,0,1,115,100,57.50,7.50\r\n"
                            "Lab,Lab,0,0,1,-1,75,100,37.50,-12.50\r\n"
                            "LD,LD,0,0,0,0,10,0,5.00,5.00\r\n");
        free(text);
    }
    json_decref(o);

    /* Without its previous result a seat is neither held nor gained. */
    o = picture(d, 2, b, 1);
    assert_int_equal(num(o, "compared"), 1);
    assert_int_equal(num(party_of(o, "Con"), "gains"), 0);
    assert_true(json_is_null(json_object_get(json_array_get(json_object_get(o, "results"), 0),
                                             "gain")));
    json_decref(o);
    for (size_t i = 0; i < 2; i++) {
        json_decref(d[i]);
        tally_election_free(b[i]);
    }
}

/* A region where one of the national two did not stand, then or now (as
** Labour in Northern Ireland), has no swing between them. */
static void test_region_without_both_parties_has_no_swing(void **state)
{
    static const char *const n1[] = { "Ann:Con:55", "Bob:Lab:45" };
    static const char *const e1[] = { "Fay:DUP:30", "Gus:Con:10" };
    static const char *const n1_then[] = { "Lab:60", "Con:40" };
    static const char *const e1_then[] = { "DUP:25", "Con:15" };
    json_t *d[2], *o, *r;
    tally_election *b[2];
    (void)state;

    d[0] = declared_of("N1", n1, 2, 0);
    d[1] = declared_of("E1", e1, 2, 0);
    b[0] = previous_of("N1", "North", n1_then, 2);
    b[1] = previous_of("E1", "East", e1_then, 2);
    o = picture(d, 2, b, 2);
    r = json_array_get(json_object_get(o, "regions"), 0);
    assert_string_equal(text_of(r, "region"), "East");
    assert_true(json_is_null(json_object_get(r, "swing")));
    r = json_array_get(json_object_get(o, "regions"), 1);
    assert_string_equal(text_of(r, "region"), "North");
    assert_non_null(json_object_get(json_object_get(r, "swing"), "points"));
    json_decref(o);
    for (size_t i = 0; i < 2; i++) {
        json_decref(d[i]);
        tally_election_free(b[i]);
    }
}

/* The results database compares Reform UK with the Brexit Party, and a
** Labour and Co-operative winner (code Lab) holds a Labour seat; an
** Independent is compared with no one. */
static void test_party_keys_follow_the_results_database(void **state)
{
    static const char *const c1[] = { "Hal:Lab:50", "Ida:RUK:30", "Jo:-:20" };
    static const char *const c1_then[] = { "person:Jo:50", "Lab:40", "BRX:10" };
    char key[64];
    json_t *d[1], *o, *r;
    tally_election *b[1];
    (void)state;

    tally_party_key("RUK", "Ida", key, sizeof key);
    assert_string_equal(key, "BRX");
    tally_party_key(NULL, "Jo", key, sizeof key);
    assert_string_equal(key, "person:Jo");
    tally_party_key("Ind", "Jo", key, sizeof key);
    assert_string_equal(key, "person:Jo");
    tally_party_key("Lab", "Hal", key, sizeof key);
    assert_string_equal(key, "Lab");

    d[0] = declared_of("C1", c1, 3, 0);
    b[0] = previous_of("C1", "West", c1_then, 3);
    o = picture(d, 1, b, 1);
    /* 30 of 100 now, 10 of 100 then. */
    assert_string_equal(text_of(party_of(o, "BRX"), "change_points"), "20.00");
    /* Jo stood as an Independent both times: not compared (general
    ** election convention), and the seat Jo held is a loss for Jo. */
    assert_int_equal(num(party_of(o, "person:Jo"), "losses"), 1);
    assert_true(json_is_null(json_object_get(party_of(o, "person:Jo"), "name")));
    r = json_array_get(json_object_get(o, "results"), 0);
    assert_string_equal(text_of(r, "outcome"), "Lab gain from person:Jo");
    json_decref(o);
    json_decref(d[0]);
    tally_election_free(b[0]);
}

/* PER r.49: an equality of votes is decided by lot at the count; the
** declaration names the one elected, and the picture follows it. */
static void test_equality_of_votes_follows_the_declared_lot(void **state)
{
    static const char *const c1[] = { "Kit:Con:50", "Lee:Lab:50" };
    json_t *d[1], *o;
    (void)state;

    d[0] = declared_of("C1", c1, 2, 1);
    o = picture(d, 1, NULL, 0);
    assert_int_equal(num(party_of(o, "Lab"), "seats"), 1);
    assert_int_equal(num(party_of(o, "Con"), "seats"), 0);
    assert_string_equal(text_of(json_array_get(json_object_get(o, "results"), 0), "winner"),
                        "Lee");
    json_decref(o);
    json_decref(d[0]);
}

/* v with its second candidate declared elected in place of its first. */
static json_t *runner_up_elected(json_t *v)
{
    json_t *cands = json_object_get(v, "candidates");
    json_object_set_new(json_array_get(cands, 0), "elected", json_false());
    json_object_set_new(json_array_get(cands, 1), "elected", json_true());
    return v;
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
    /* The runner-up declared elected: the picture could not be made. */
    v = runner_up_elected(declared("E1", 3, 1, ""));
    refused(v, "candidates[1]: elected with 1 votes, fewer than candidates[0] (3), who is not");
    /* An equality across the line is the declared lot's to decide. */
    v = runner_up_elected(declared("E1", 2, 2, ""));
    assert_int_equal(tally_declared_check(v, NULL), TALLY_OK);
    json_decref(v);
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
        cmocka_unit_test(test_gains_losses_change_and_butler_swing_against_the_previous_result),
        cmocka_unit_test(test_region_without_both_parties_has_no_swing),
        cmocka_unit_test(test_party_keys_follow_the_results_database),
        cmocka_unit_test(test_equality_of_votes_follows_the_declared_lot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
