/*
** The UK Parliament results layout reader (src/io/uk_parliament.c,
** docs/formats.md) on small layouts written here: the three shapes, header
** rows, quoting, CRLF and a byte order mark; the comparison conventions of
** the results database (Labour and Co-operative as Labour, Reform UK as the
** Brexit Party, the by-election same-person rule); bad input at its line
** and column; and allocation failure at every allocation of a read.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tally/tally.h"

static char root[256];

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1100];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *make_dir(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", root, name);
    mkdir(path, 0700);
    return path;
}

/* Two constituencies of a general election (32 and 21 columns, no header,
** CRLF). Previous: Lab Coop won A; Brexit Party stood in A. */
static const char prev_cons[] =
    "E1,R,Alpha,C,Reg,Eng,Borough,13/12/2019 02:00,X,Y,Male,Lab hold,Lab,Con,1000,600,5,200,"
    "200,400,0,0,0,0,0,0,0,0,0,0,0,0\r\n"
    "E2,R,Beta,C,Reg,Eng,County,13/12/2019 03:00,X,Y,Male,Con hold,Con,Lab,2000,1000,9,400,"
    "600,200,0,200,0,0,0,0,0,0,0,0,0,0\r\n";
static const char prev_cands[] =
    "E1,R,Alpha,C,Reg,Eng,Borough,Labour and Co-operative,Lab,PP53,15,PP119,Ann,Able,F,Yes,Yes,1,400,0.666667,\r\n"
    "E1,R,Alpha,C,Reg,Eng,Borough,Conservative,Con,PP52,4,,Bob,Best,M,No,No,,150,0.25,\r\n"
    "E1,R,Alpha,C,Reg,Eng,Borough,The Brexit Party,BRX,PP7931,1006,,Cat,Cole,F,No,No,,50,0.083333,\r\n"
    "E2,R,Beta,C,Reg,Eng,County,Conservative,Con,PP52,4,,Dan,Dee,M,Yes,Yes,2,600,0.6,\r\n"
    "E2,R,Beta,C,Reg,Eng,County,Labour,Lab,PP53,15,,Eve,Eck,F,No,No,,200,0.2,\r\n"
    "E2,R,Beta,C,Reg,Eng,County,Independent,Ind,,8,,Fay,Fox,F,No,No,,200,0.2,\r\n";

/* By-elections (34 and 23 columns, header rows, BOM on candidacies). */
static const char by_cons[] =
    "By-election date,Writ date,ONS ID,ONS region ID,Constituency name,County name,Region name,"
    "Country name,Constituency type,Declaration time,Member first name,Member surname,Member gender,"
    "Result,First party,Second party,Electorate,Valid votes,Invalid votes,Majority,Con,Lab,LD,RUK,"
    "Green,SNP,PC,DUP,SF,SDLP,UUP,APNI,All other candidates,Of which other winner\n"
    "01/07/2021,27/05/2021,E1,R,Alpha,C,Reg,Eng,Borough,,A,B,F,Con gain from Lab Coop,Con,Lab,"
    "1000,500,3,50,250,200,0,50,0,0,0,0,0,0,0,0,0,0\n"
    "02/07/2021,27/05/2021,E2,R,Beta,C,Reg,Eng,County,,A,B,F,Con hold,Con,Grn,"
    "2000,900,1,100,500,0,0,0,400,0,0,0,0,0,0,0,0,0\n";
static const char by_cands[] =
    "\xEF\xBB\xBF" "Election date,ONS ID2,ONS region ID,Constituency name,County name,Region name,"
    "Country name,Constituency type,Party name,Party abbreviation,Electoral Commission party ID,"
    "MNIS party ID,Electoral Commission adjunct party ID,Candidate first name,Candidate surname,"
    "Candidate gender,Sitting MP,Former MP,Member MNIS ID,Votes,Share,Change,Democracy Club person ID\n"
    "01/07/2021,E1,R,Alpha,,Reg,Eng,Borough,Conservative,Con,PP52,4,,Gil,Gray,M,No,No,,250,0.5,0.25,1\n"
    "01/07/2021,E1,R,Alpha,,Reg,Eng,Borough,Labour,Lab,PP53,15,,Hal,Hunt,M,No,No,,200,0.4,-0.2667,2\n"
    "01/07/2021,E1,R,Alpha,,Reg,Eng,Borough,Reform UK,RUK,PP7931,1036,,Ida,Ives,F,No,No,,50,0.1,0.0167,3\n"
    "02/07/2021,E2,R,Beta,,Reg,Eng,County,Conservative,Con,PP52,4,,Jon,Jay,M,No,No,,500,0.55556,-0.0444,4\n"
    "02/07/2021,E2,R,Beta,,Reg,Eng,County,\"Green Party, of England\",Green,PP63,44,,Fay,Fox,F,No,No,,400,0.44444,0.2444,5\n";

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/tally-uk-reader.XXXXXX");
    assert_non_null(mkdtemp(root));
    write_file(make_dir("prev"), "constituencies.csv", prev_cons);
    write_file(make_dir("prev"), "candidacies.csv", prev_cands);
    write_file(make_dir("by"), "constituencies.csv", by_cons);
    write_file(make_dir("by"), "candidacies.csv", by_cands);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd);
}

static tally_result *compute(const tally_contest_set *set, size_t k)
{
    tally_result *r = NULL;
    tally_error err;
    assert_int_equal(tally_result_compute(set->contests[k], NULL, &r, &err), TALLY_OK);
    return r;
}

/* Labour and Co-operative won Alpha last time: a Conservative winner now
** gains "from Lab Coop"; Reform UK is compared with the Brexit Party
** (50/500 - 50/600 = 1/60 = 0.0167); a former Independent standing for a
** party at a by-election is compared with their own result (Fay Fox:
** 400/900 - 200/1000 = 0.24444). */
static void test_database_conventions_for_change_and_outcome(void **state)
{
    char prev[512], by[512];
    tally_contest_set *set = NULL;
    tally_error err;
    tally_result *r;
    int64_t v;

    (void)state;
    snprintf(prev, sizeof prev, "%s/prev", root);
    snprintf(by, sizeof by, "%s/by", root);
    assert_int_equal(tally_io_read_uk_parliament(by, prev, &set, &err), TALLY_OK);
    assert_int_equal(set->n, 2);
    assert_string_equal(set->ids[0], "E1");
    assert_string_equal(set->contests[0]->date, "2021-07-01");

    r = compute(set, 0);
    assert_string_equal(r->outcome, "Con gain from Lab Coop");
    assert_int_equal(r->majority, 50);
    assert_int_equal(tally_result_change_at(r, 2, 4, &v), TALLY_OK);
    assert_int_equal(v, 167);
    /* Lab now 200/500 = 0.4 against Lab Coop 400/600: -0.26667. */
    assert_int_equal(tally_result_change_at(r, 1, 5, &v), TALLY_OK);
    assert_int_equal(v, -26667);
    tally_result_free(r);

    r = compute(set, 1);
    assert_string_equal(r->outcome, "Con hold");
    assert_string_equal(set->contests[1]->candidates[1].party_name, "Green Party, of England");
    assert_int_equal(tally_result_change_at(r, 1, 5, &v), TALLY_OK);
    assert_int_equal(v, 24444);
    tally_result_free(r);
    tally_contest_set_free(set);
}

/* A Labour winner holds a seat Labour and Co-operative won: compared by
** party, named "Lab". */
static void test_labour_holds_a_labour_coop_seat(void **state)
{
    char prev[512], dir[512];
    tally_contest_set *set = NULL;
    tally_error err;
    tally_result *r;

    (void)state;
    snprintf(prev, sizeof prev, "%s/prev", root);
    snprintf(dir, sizeof dir, "%s", make_dir("hold"));
    write_file(dir, "constituencies.csv",
               "E1,R,Alpha,C,Reg,Eng,Borough,,X,Y,M,Lab hold,Lab,Con,1000,500,0,100,200,300,"
               "0,0,0,0,0,0,0,0,0,0,0,0\n");
    write_file(dir, "candidacies.csv",
               "E1,R,Alpha,C,Reg,Eng,Borough,Labour,Lab,PP53,15,,Kay,Kerr,F,No,No,,300,0.6,\n"
               "E1,R,Alpha,C,Reg,Eng,Borough,Conservative,Con,PP52,4,,Lee,Low,M,No,No,,200,0.4,\n");
    assert_int_equal(tally_io_read_uk_parliament(dir, prev, &set, &err), TALLY_OK);
    r = compute(set, 0);
    assert_string_equal(r->outcome, "Lab hold");
    tally_result_free(r);
    tally_contest_set_free(set);
}

static void expect_error(const char *cons, const char *cands, int line, int column,
                         const char *needle)
{
    char dir[512];
    tally_contest_set *set = (tally_contest_set *)1;
    tally_error err;

    snprintf(dir, sizeof dir, "%s", make_dir("bad"));
    write_file(dir, "constituencies.csv", cons);
    write_file(dir, "candidacies.csv", cands);
    tally_error_clear(&err);
    assert_int_equal(tally_io_read_uk_parliament(dir, NULL, &set, &err), TALLY_EINVAL);
    assert_null(set);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    if (!strstr(err.message, needle))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, needle);
}

static void test_bad_input_named_at_line_and_column(void **state)
{
    (void)state;
    /* Votes not a number: line 2, the votes field's column. */
    expect_error(prev_cons,
                 "E1,R,Alpha,C,Reg,Eng,Borough,Labour,Lab,PP53,15,,Ann,Able,F,No,No,,400,0.6,\n"
                 "E1,R,Alpha,C,Reg,Eng,Borough,Conservative,Con,PP52,4,,Bob,Best,M,No,No,,15O,0.2,\n",
                 2, 73, "votes must be a whole number, not \"15O\"");
    /* A candidacy for a constituency that is not there. */
    expect_error(prev_cons,
                 "E9,R,Gamma,C,Reg,Eng,Borough,Labour,Lab,PP53,15,,Ann,Able,F,No,No,,400,0.6,\n",
                 1, 1, "no constituency with ONS id \"E9\"");
    /* A short row. */
    expect_error(prev_cons, "E1,R,Alpha,C,Reg,Eng,Borough,Labour,Lab,PP53,15,,Ann,Able,F,No,No,,400,0.6,\nE1,R\n",
                 2, 0, "expected 21 columns, found 2");
    /* An unterminated quote. */
    expect_error(prev_cons, "E1,R,\"Alpha,C\n", 1, 6, "unterminated quoted field");
    /* A layout of the wrong shape. */
    expect_error("a,b,c\n", prev_cands, 1, 0, "expected 32 or 34 columns, found 3");
}

static void test_missing_files_refused(void **state)
{
    char dir[512];
    tally_contest_set *set = NULL;
    tally_error err;

    (void)state;
    snprintf(dir, sizeof dir, "%s", make_dir("empty"));
    assert_int_equal(tally_io_read_uk_parliament(dir, NULL, &set, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "no *constituenc*.csv file"));
    snprintf(dir, sizeof dir, "%s/nowhere", root);
    assert_int_equal(tally_io_read_uk_parliament(dir, NULL, &set, &err), TALLY_EIO);
}

/* Fail each allocation of a whole read in turn: every run either succeeds
** or returns TALLY_ENOMEM with nothing returned and nothing leaked (the
** ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    char prev[512], by[512];
    long n;
    int succeeded = 0;

    (void)state;
    snprintf(prev, sizeof prev, "%s/prev", root);
    snprintf(by, sizeof by, "%s/by", root);
    for (n = 0; n < 100000 && !succeeded; n++) {
        tally_contest_set *set = (tally_contest_set *)1;
        tally_error err;
        tally_status s;
        tally_alloc_fail_after(n);
        s = tally_io_read_uk_parliament(by, prev, &set, &err);
        tally_alloc_fail_after(-1);
        if (s == TALLY_OK) {
            succeeded = 1;
            assert_int_equal(set->n, 2);
        } else {
            assert_int_equal(s, TALLY_ENOMEM);
            assert_null(set);
        }
        tally_contest_set_free(set);
    }
    assert_true(succeeded);
    assert_true(n > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_database_conventions_for_change_and_outcome),
        cmocka_unit_test(test_labour_holds_a_labour_coop_seat),
        cmocka_unit_test(test_bad_input_named_at_line_and_column),
        cmocka_unit_test(test_missing_files_refused),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
