/*
** Unit tests: notional previous results (tally_io_read_notional, io.h;
** docs/formats.md, "Notional previous results"): where boundaries changed,
** the estimated votes of each party in the new constituency at the
** previous election replace its previous result; the previous winner is
** the party with most; Reform UK is compared as the Brexit Party, as the
** UK Parliament results database compares them. Bad input is named at its
** file, line and column, and the set is left as it was.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tally/alloc.h"
#include "tally/io.h"

static char path[64];

static void write_csv(const char *text)
{
    FILE *f;
    int fd;
    snprintf(path, sizeof path, "/tmp/tally-notional.XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* A set of one constituency, E1, held by Lab (60 to Con's 40). */
static tally_contest_set *one_held_by_labour(void)
{
    tally_contest_set *set = tally_calloc(1, sizeof *set);
    tally_election *e;
    assert_non_null(set);
    set->contests = tally_calloc(1, sizeof *set->contests);
    set->ids = tally_calloc(1, sizeof *set->ids);
    assert_int_equal(tally_election_new(&e), TALLY_OK);
    e->area_code = tally_election_strdup(e, "E1");
    assert_int_equal(tally_election_add_previous(e, "Lab", 60), TALLY_OK);
    assert_int_equal(tally_election_add_previous(e, "Con", 40), TALLY_OK);
    e->previous->winner = tally_election_strdup(e, "Lab");
    set->contests[0] = e;
    set->ids[0] = tally_strdup("E1");
    set->n = 1;
    return set;
}

static int64_t votes_of(const tally_election *e, const char *key)
{
    for (size_t i = 0; i < e->previous->n_parties; i++)
        if (strcmp(e->previous->parties[i].key, key) == 0)
            return e->previous->parties[i].votes;
    return -1;
}

static void test_notional_results_replace_the_previous_result_of_their_constituency(void **state)
{
    tally_contest_set *set = one_held_by_labour();
    tally_error err;
    (void)state;

    write_csv("ons_id,region,party,votes\r\n"
              "E1,North East,Con,30000\r\n"
              "E2,\"Yorkshire and The Humber\",Lab,100\r\n"
              "E1,North East,Lab,25000\r\n"
              "E1,North East,RUK,5000\r\n"
              "E2,\"Yorkshire and The Humber\",LD,99\r\n");
    tally_error_clear(&err);
    if (tally_io_read_notional(path, set, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    unlink(path);
    assert_int_equal(set->n, 2);
    /* E1 in place: Con most, so the seat is Con's; RUK as BRX. */
    assert_string_equal(set->ids[0], "E1");
    assert_string_equal(set->contests[0]->area_code, "E1");
    assert_string_equal(set->contests[0]->region, "North East");
    assert_string_equal(set->contests[0]->previous->winner, "Con");
    assert_int_equal(set->contests[0]->previous->n_parties, 3);
    assert_int_equal(votes_of(set->contests[0], "Con"), 30000);
    assert_int_equal(votes_of(set->contests[0], "BRX"), 5000);
    assert_int_equal(set->contests[0]->previous->valid_votes, 60000);
    /* E2 added after, its rows gathered from wherever they are. */
    assert_string_equal(set->ids[1], "E2");
    assert_string_equal(set->contests[1]->region, "Yorkshire and The Humber");
    assert_string_equal(set->contests[1]->previous->winner, "Lab");
    assert_int_equal(set->contests[1]->previous->valid_votes, 199);
    tally_contest_set_free(set);
}

typedef struct bad {
    const char *text;
    int line, column;
    const char *message; /* its start */
} bad;

static void test_bad_notional_csv_is_named_at_its_line_and_column_and_changes_nothing(void **state)
{
    static const bad cases[] = {
        { "", 1, 1, "expected the header" },
        { "ons_id,party,votes\n", 1, 1, "expected the header" },
        { "ons_id,region,party,vote\n", 1, 21, "expected the column \"votes\"" },
        { "ons_id,region,party,votes\nE1,North,Con,12a\n", 2, 14, "votes must be a whole number" },
        { "ons_id,region,party,votes\nE1,North,Con,-1\n", 2, 14, "votes must be a whole number" },
        { "ons_id,region,party,votes\nE1,North,Con\n", 2, 1, "expected 4 columns" },
        { "ons_id,region,party,votes\nE 1,North,Con,1\n", 2, 1, "ons_id must be a code" },
        { "ons_id,region,party,votes\nE1,North,,1\n", 2, 10, "party is empty" },
        { "ons_id,region,party,votes\nE1,North,Con,1\nE1,North,Con,2\n", 3, 10,
          "party \"Con\" is given twice" },
        { "ons_id,region,party,votes\nE1,North,BRX,1\nE1,North,RUK,2\n", 3, 10,
          "party \"BRX\" is given twice" },
        { "ons_id,region,party,votes\nE1,North,Con,1\nE1,South,Lab,2\n", 3, 4,
          "region \"South\" differs from \"North\" on line 2" },
        { "ons_id,region,party,votes\nE1,North,Con,5\nE1,North,Lab,5\nE1,North,LD,1\n", 2, 1,
          "E1: the most notional votes are equal" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tally_contest_set *set = one_held_by_labour();
        tally_election *before = set->contests[0];
        tally_error err;
        write_csv(cases[i].text);
        tally_error_clear(&err);
        assert_int_equal(tally_io_read_notional(path, set, &err), TALLY_EINVAL);
        unlink(path);
        if (err.line != cases[i].line || err.column != cases[i].column ||
            strncmp(err.message, cases[i].message, strlen(cases[i].message)) != 0 ||
            strcmp(err.file, path) != 0)
            fail_msg("case %zu: %s:%d:%d: %s", i, err.file, err.line, err.column, err.message);
        assert_int_equal(set->n, 1);
        assert_ptr_equal(set->contests[0], before);
        assert_string_equal(set->contests[0]->previous->winner, "Lab");
        tally_contest_set_free(set);
    }
}

static void test_missing_notional_file_is_an_io_error(void **state)
{
    tally_contest_set *set = one_held_by_labour();
    tally_error err;
    (void)state;
    tally_error_clear(&err);
    assert_int_equal(tally_io_read_notional("/nonexistent/notional.csv", set, &err), TALLY_EIO);
    assert_int_equal(set->n, 1);
    tally_contest_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notional_results_replace_the_previous_result_of_their_constituency),
        cmocka_unit_test(test_bad_notional_csv_is_named_at_its_line_and_column_and_changes_nothing),
        cmocka_unit_test(test_missing_notional_file_is_an_io_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
