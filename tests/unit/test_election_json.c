/*
** Unit tests: the election definition JSON reader (io.h,
** src/io/election_json.c).
**
** The reader is strict so that a mistyped definition cannot produce a
** wrong declaration: an unknown member is an error (a misspelt
** "electorat" must not silently drop the electorate), votes are whole and
** not negative, a candidate is named once, declared votes name only
** candidates on the ballot, and the declared figures must add up
** (PER r.50: the valid total is the sum of the candidates' votes; the
** heads of rejection are those of the contest type's statement, PER r.47;
** a parliamentary constituency returns one member). Every fault is
** reported at the file, line and column of the value at fault, or, for
** syntax errors, where jansson stopped reading.
**
** Each test replaces lines of one small document whose layout is fixed
** below, so expected lines and columns are counted by hand from it.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tally/election.h"
#include "tally/io.h"
#include "tally/result.h"

#define NLINES 24

/* Line numbers are 1-based, as in the comments. */
static const char *const base[NLINES + 1] = {
    NULL,
    /*  1 */ "{",
    /*  2 */ "  \"election\": {",
    /*  3 */ "    \"name\": \"Test by-election\",",
    /*  4 */ "    \"date\": \"2024-05-02\",",
    /*  5 */ "    \"type\": \"uk-parliament\"",
    /*  6 */ "  },",
    /*  7 */ "  \"area\": { \"name\": \"Testshire\" },",
    /*  8 */ "  \"seats\": 1,",
    /*  9 */ "  \"electorate\": 1000,",
    /* 10 */ "  \"candidates\": [",
    /* 11 */ "    { \"name\": \"Ann Able\", \"party\": \"Labour Party\", \"party_code\": \"Lab\" },",
    /* 12 */ "    { \"name\": \"Bob Baker\", \"party\": \"Conservative Party\", \"party_code\": \"Con\" }",
    /* 13 */ "  ],",
    /* 14 */ "  \"declared\": {",
    /* 15 */ "    \"votes\": {",
    /* 16 */ "      \"Ann Able\": 300,",
    /* 17 */ "      \"Bob Baker\": 200",
    /* 18 */ "    },",
    /* 19 */ "    \"valid_votes\": 500,",
    /* 20 */ "    \"rejected\": {",
    /* 21 */ "      \"total\": 5",
    /* 22 */ "    }",
    /* 23 */ "  }",
    /* 24 */ "}",
};

#define NAME "test.json"

static char doc[8192];

/* The base document with n lines replaced: n pairs of (int line,
** const char *text). */
static void build(int n, ...)
{
    const char *lines[NLINES + 1];
    size_t o = 0;
    va_list ap;

    memcpy(lines, base, sizeof lines);
    va_start(ap, n);
    for (int k = 0; k < n; k++) {
        int l = va_arg(ap, int);
        const char *t = va_arg(ap, const char *);
        assert_true(l >= 1 && l <= NLINES);
        lines[l] = t;
    }
    va_end(ap);
    doc[0] = '\0';
    for (int i = 1; i <= NLINES; i++) {
        int w = snprintf(doc + o, sizeof doc - o, "%s\n", lines[i]);
        assert_true(w > 0 && (size_t)w < sizeof doc - o);
        o += (size_t)w;
    }
}

static tally_status parse(tally_election **out, tally_error *err)
{
    tally_error_clear(err);
    return tally_io_parse_election(doc, strlen(doc), NAME, out, err);
}

/* Parse doc; require TALLY_EINVAL at line:col with msg in the message. */
static void expect_fault(int line, int col, const char *msg)
{
    tally_election *e = NULL;
    tally_error err;

    assert_int_equal(parse(&e, &err), TALLY_EINVAL);
    assert_null(e);
    assert_string_equal(err.file, NAME);
    if (err.line != line || err.column != col || !strstr(err.message, msg))
        fail_msg("want %d:%d '%s', got %d:%d '%s'", line, col, msg, err.line, err.column,
                 err.message);
}

static void fault1(int l, const char *t, int line, int col, const char *msg)
{
    build(1, l, t);
    expect_fault(line, col, msg);
}

/* ---- definitions that parse ------------------------------------------ */

static void test_valid_minimal_definition_parses(void **state)
{
    tally_election *e = NULL;
    tally_error err;
    (void)state;

    build(0);
    assert_int_equal(parse(&e, &err), TALLY_OK);
    assert_non_null(e);
    assert_string_equal(e->name, "Test by-election");
    assert_string_equal(e->date, "2024-05-02");
    assert_int_equal(e->type, TALLY_CONTEST_UK_PARLIAMENT);
    assert_string_equal(e->area_name, "Testshire");
    assert_null(e->area_code);
    assert_int_equal(e->seats, 1);
    assert_int_equal(e->electorate, 1000);
    assert_int_equal(e->n_candidates, 2);
    assert_string_equal(e->candidates[0].name, "Ann Able");
    assert_string_equal(e->candidates[0].party_name, "Labour Party");
    assert_string_equal(e->candidates[0].party_code, "Lab");
    assert_string_equal(e->candidates[0].previous_key, "Lab");
    assert_int_equal(e->candidates[0].votes, 300);
    assert_string_equal(e->candidates[1].name, "Bob Baker");
    assert_int_equal(e->candidates[1].votes, 200);
    assert_int_equal(e->has_declared, 1);
    assert_int_equal(e->valid_votes, 500);
    assert_int_equal(e->rejected_total, 5);
    for (int h = 0; h < TALLY_HEADS_MAX; h++)
        assert_true(e->rejected[h] == TALLY_NONE);
    assert_true(e->verified_total == TALLY_NONE);
    /* PER r.53: the uk-parliament default, 500 pounds at 1/20. */
    assert_int_equal(e->deposit.applies, 1);
    assert_int_equal(e->deposit.amount, 500);
    assert_int_equal(e->deposit.num, 1);
    assert_int_equal(e->deposit.den, 20);
    assert_null(e->previous);
    tally_election_free(e);
}

static void test_definition_without_declared_parses_count_not_yet_held(void **state)
{
    static const char text[] =
        "{\n"
        "  \"election\": { \"name\": \"T\", \"date\": \"2024-05-02\", \"type\": \"uk-parliament\" },\n"
        "  \"area\": { \"name\": \"Testshire\" },\n"
        "  \"electorate\": 1000,\n"
        "  \"candidates\": [\n"
        "    { \"name\": \"Ann Able\", \"party\": \"Labour Party\", \"party_code\": \"Lab\" },\n"
        "    { \"name\": \"Bob Baker\", \"party\": \"Conservative Party\", \"party_code\": \"Con\" }\n"
        "  ]\n"
        "}\n";
    tally_election *e = NULL;
    tally_error err;
    (void)state;

    tally_error_clear(&err);
    assert_int_equal(tally_io_parse_election(text, strlen(text), NAME, &e, &err), TALLY_OK);
    assert_non_null(e);
    assert_int_equal(e->has_declared, 0);
    assert_int_equal(e->n_candidates, 2);
    assert_true(e->candidates[0].votes == TALLY_NONE);
    assert_true(e->candidates[1].votes == TALLY_NONE);
    assert_true(e->valid_votes == TALLY_NONE);
    /* Without a count there is nothing to compute from. */
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

static void test_local_two_seats_with_heads_parses(void **state)
{
    tally_election *e = NULL;
    tally_error err;
    (void)state;
    /* A local election may fill two seats; it has no deposit. Three
    ** candidates for two seats, 300 + 200 + 100 = 600 votes on 500
    ** papers of up to 2 votes each (<= 1000). */
    build(4, 5, "    \"type\": \"local\"", 8, "  \"seats\": 2,",
          12, "    { \"name\": \"Bob Baker\", \"party\": \"Conservative Party\" }, "
              "{ \"name\": \"Cat Cole\", \"party\": \"Liberal Democrats\" }",
          17, "      \"Bob Baker\": 200, \"Cat Cole\": 100");
    if (parse(&e, &err) != TALLY_OK)
        fail_msg("%d:%d %s", err.line, err.column, err.message);
    assert_int_equal(e->type, TALLY_CONTEST_LOCAL);
    assert_int_equal(e->seats, 2);
    assert_int_equal(e->n_candidates, 3);
    assert_int_equal(e->candidates[2].votes, 100);
    assert_null(e->candidates[2].party_code);
    assert_int_equal(e->deposit.applies, 0);
    tally_election_free(e);

    /* Its heads are the four of the statement, in the statement's order. */
    build(2, 5, "    \"type\": \"local\"", 21,
           "      \"official_mark\": 1, \"more_than_one\": 2, \"identifying_mark\": 3, "
           "\"unmarked_or_void\": 4, \"total\": 10");
    assert_int_equal(parse(&e, &err), TALLY_OK);
    assert_int_equal(e->rejected[0], 1);
    assert_int_equal(e->rejected[1], 2);
    assert_int_equal(e->rejected[2], 3);
    assert_int_equal(e->rejected[3], 4);
    assert_int_equal(e->rejected_total, 10);
    tally_election_free(e);
}

/* ---- syntax: jansson's position ---------------------------------------- */

static void test_malformed_json_reported_where_jansson_stopped(void **state)
{
    (void)state;
    /* Line 19 "    \"valid_votes\": ," : 4 spaces, "valid_votes" in quotes
    ** at cols 5-17, ':' 18, space 19, ',' 20. jansson reads the ',' where
    ** a value must be and stops on it. */
    fault1(19, "    \"valid_votes\": ,", 19, 20, "unexpected token");
}

static void test_duplicate_key_refused(void **state)
{
    (void)state;
    /* Line 8 becomes a first "electorate"; line 9's is the duplicate.
    ** jansson stops after reading the key: "electorate" with its quotes
    ** spans cols 3-14, so the closing quote is col 14. */
    fault1(8, "  \"electorate\": 1000,", 9, 14, "duplicate object key");
}

/* ---- faults at the value ---------------------------------------------- */

static void test_unknown_candidate_in_declared_votes_refused(void **state)
{
    (void)state;
    /* Line 17: 6 spaces, then the key "Bob Bakr" at col 7. The key is at
    ** fault, so the key is pointed at. */
    fault1(17, "      \"Bob Bakr\": 200", 17, 7, "\"Bob Bakr\" is not a candidate");
}

static void test_candidate_named_twice_refused(void **state)
{
    (void)state;
    /* Line 12's candidate (the '{' at col 5) repeats line 11's name. */
    fault1(12, "    { \"name\": \"Ann Able\", \"party\": \"Conservative Party\", \"party_code\": \"Con\" }",
           12, 5, "named twice");
}

static void test_negative_votes_refused(void **state)
{
    (void)state;
    /* Line 16: 6 spaces, "Ann Able" with quotes cols 7-16, ':' 17, space
    ** 18, '-' 19. */
    fault1(16, "      \"Ann Able\": -3,", 16, 19, "negative");
}

static void test_non_integer_votes_refused(void **state)
{
    (void)state;
    /* 12.5 votes: a count is whole. Same layout as above: col 19. */
    fault1(16, "      \"Ann Able\": 12.5,", 16, 19, "whole number");
    fault1(16, "      \"Ann Able\": \"300\",", 16, 19, "whole number");
}

static void test_negative_votes_column_counts_characters_not_bytes(void **state)
{
    (void)state;
    /* "Thérèse Hirst" is 13 characters (15 bytes in UTF-8). Line 16:
    ** 6 spaces, the quoted name cols 7-21, ':' 22, space 23, '-' 24. */
    build(2, 11,
          "    { \"name\": \"Th\xc3\xa9r\xc3\xa8se Hirst\", \"party\": \"English Democrats\", "
          "\"party_code\": \"ED\" },",
          16, "      \"Th\xc3\xa9r\xc3\xa8se Hirst\": -1,");
    expect_fault(16, 24, "negative");
}

static void test_votes_not_summing_to_valid_votes_refused(void **state)
{
    (void)state;
    /* 300 + 200 = 500, declared 501. Reported at the declared figures:
    ** line 14 "  \"declared\": {" has "declared" with quotes at cols 3-12,
    ** ':' 13, space 14, '{' 15. The message names both totals. */
    fault1(19, "    \"valid_votes\": 501,", 14, 15, "sum to 500 but the valid total is 501");
}

static void test_candidate_without_declared_votes_refused(void **state)
{
    (void)state;
    /* Bob Baker's line gone: 300 for Ann and nothing for Bob. */
    build(2, 16, "      \"Ann Able\": 300", 17, "");
    expect_fault(14, 15, "no declared votes");
}

static void test_missing_electorate_refused(void **state)
{
    (void)state;
    /* Line 9 blanked: the fault is the document's, at its '{' (1:1). */
    fault1(9, "", 1, 1, "\"electorate\" is missing");
}

static void test_electorate_zero_refused(void **state)
{
    (void)state;
    /* "electorate" with quotes cols 3-14, ':' 15, space 16, '0' 17. */
    fault1(9, "  \"electorate\": 0,", 9, 17, "electorate must be positive");
    /* A negative electorate: the '-' at col 17. */
    fault1(9, "  \"electorate\": -1,", 9, 17, "negative");
}

static void test_unknown_member_electorat_refused(void **state)
{
    (void)state;
    /* A misspelt member is refused, not ignored: the key at col 3. */
    fault1(9, "  \"electorat\": 1000,", 9, 3, "unknown member \"electorat\"");
}

static void test_unknown_member_in_candidate_refused(void **state)
{
    (void)state;
    /* "    { \"name\": \"Bob Baker\", \"part\": ..." : '{' col 5, space 6,
    ** "name" cols 7-12, ':' 13, space 14, "Bob Baker" cols 15-25, ',' 26,
    ** space 27, "part" at col 28. */
    fault1(12, "    { \"name\": \"Bob Baker\", \"part\": \"Conservative Party\" }", 12, 28,
           "unknown member \"part\"");
}

static void test_unknown_contest_type_refused(void **state)
{
    (void)state;
    /* Line 5: 4 spaces, "type" with quotes cols 5-10, ':' 11, space 12,
    ** the value's opening quote at col 13. */
    fault1(5, "    \"type\": \"uk-parlament\"", 5, 13, "unknown contest type");
}

static void test_rejected_head_not_of_the_type_refused(void **state)
{
    (void)state;
    /* "unmarked" is a PCC/mayor head; a parliamentary statement has
    ** "unmarked_or_void". The key, at col 7 after 6 spaces, is at fault. */
    fault1(21, "      \"unmarked\": 5", 21, 7, "\"unmarked\" is not a head of rejection");
}

static void test_rejected_heads_not_summing_to_total_refused(void **state)
{
    (void)state;
    /* Heads 1 + 1 + 1 + 1 = 4, total 5: reported at "declared" (14:15). */
    fault1(21,
           "      \"official_mark\": 1, \"more_than_one\": 1, \"identifying_mark\": 1, "
           "\"unmarked_or_void\": 1, \"total\": 5",
           14, 15, "sum to 4 but the total is 5");
}

static void test_seats_two_for_uk_parliament_refused(void **state)
{
    (void)state;
    /* Line 8: "seats" with quotes cols 3-9, ':' 10, space 11, '2' 12. */
    fault1(8, "  \"seats\": 2,", 8, 12, "exactly one seat");
    /* Zero seats is refused for any type. */
    fault1(8, "  \"seats\": 0,", 8, 12, "seats must be between 1 and 1000");
}

static void test_uncontested_election_with_votes_refused(void **state)
{
    (void)state;
    /* Two candidates for two local seats: no poll, so no votes can be
    ** declared. Reported at "declared" (14:15). */
    build(2, 5, "    \"type\": \"local\"", 8, "  \"seats\": 2,");
    expect_fault(14, 15, "uncontested");
}

static void test_unknown_method_refused(void **state)
{
    (void)state;
    /* "method" with quotes cols 3-10, ':' 11, space 12, '"' 13. */
    fault1(8, "  \"method\": \"stv\",", 8, 13, "unknown method");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_minimal_definition_parses),
        cmocka_unit_test(test_definition_without_declared_parses_count_not_yet_held),
        cmocka_unit_test(test_local_two_seats_with_heads_parses),
        cmocka_unit_test(test_malformed_json_reported_where_jansson_stopped),
        cmocka_unit_test(test_duplicate_key_refused),
        cmocka_unit_test(test_unknown_candidate_in_declared_votes_refused),
        cmocka_unit_test(test_candidate_named_twice_refused),
        cmocka_unit_test(test_negative_votes_refused),
        cmocka_unit_test(test_non_integer_votes_refused),
        cmocka_unit_test(test_negative_votes_column_counts_characters_not_bytes),
        cmocka_unit_test(test_votes_not_summing_to_valid_votes_refused),
        cmocka_unit_test(test_candidate_without_declared_votes_refused),
        cmocka_unit_test(test_missing_electorate_refused),
        cmocka_unit_test(test_electorate_zero_refused),
        cmocka_unit_test(test_unknown_member_electorat_refused),
        cmocka_unit_test(test_unknown_member_in_candidate_refused),
        cmocka_unit_test(test_unknown_contest_type_refused),
        cmocka_unit_test(test_rejected_head_not_of_the_type_refused),
        cmocka_unit_test(test_rejected_heads_not_summing_to_total_refused),
        cmocka_unit_test(test_seats_two_for_uk_parliament_refused),
        cmocka_unit_test(test_uncontested_election_with_votes_refused),
        cmocka_unit_test(test_unknown_method_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
