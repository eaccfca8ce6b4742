/*
** Hart InterCivic cast vote records (src/io/cvr_hart.c, RCTab's
** HartCvrReader) read through tally_cvr_source_read, from a folder of
** records the test writes: each option's Value a string of rank digits
** ("0100" rank 2), two options at one rank an overvote, the contest with
** no options a blank paper, a record without the contest no paper, an
** option by its alias or the undeclared write-in label, files not ending
** in "xml" not read; bad input at its file and line (column 0 once
** parsed, libxml2's line and column for a record that is not
** well-formed); allocation failure at every step.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tally/alloc.h"
#include "tally/cvr_source.h"

#include "cvr_sources.h"

static char dir[64] = "/tmp/tally-hart-XXXXXX";

static const char *const ann_ids[] = { "id-ann" };
static const tally_cvr_candidate cands[] = {
    { "Ann Archer", ann_ids, 1 },
    { "Bob Baker", NULL, 0 },
    { "Cat Cole", NULL, 0 },
};
enum { ANN, BOB, CAT, UWI };

#define OPT(id, value) "<Option><Id>" id "</Id><Value>" value "</Value></Option>"
#define CONTEST(id, body) "<Contest><Name>x</Name><Id>" id "</Id>" body "</Contest>"
/* A record's text, its contests on line 2. */
#define RECORD(contests)                                                                       \
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>"                                    \
    "<Cvr xmlns=\"http://tempuri.org/CVRDesign.xsd\">\n<Contests>" contests "</Contests>\n"     \
    "<CvrGuid>g</CvrGuid></Cvr>\n"

static const char *const names[] = { "1_a.xml", "2_b.XML", "3_c.xml", "4_d.xml", "5_e.xml",
                                     "6_f.xml", "notes.txt" };
static const char *const good[] = {
    /* Ann 1 (by her alias), Bob 2, Cat 3; another contest on the paper too */
    RECORD(CONTEST("other", "<Options>" OPT("Bob Baker", "1") "</Options>")
           CONTEST("c1", "<Options>" OPT("id-ann", "100") OPT("Bob Baker", "010")
                         OPT("Cat Cole", "001") "</Options>")),
    /* Bob 1 and Cat 1: an overvote; then Ann 3 */
    RECORD(CONTEST("c1", "<Options>" OPT("Bob Baker", "10") OPT("Cat Cole", "10")
                         OPT("id-ann", "001") "</Options>")),
    /* the contest with no options: a blank paper */
    RECORD(CONTEST("c1", "<Options /><Undervotes>3</Undervotes>")),
    /* the write-in label at rank 2, Bob at rank 1 */
    RECORD(CONTEST("c1", "<Options>" OPT("uwi", "01") OPT("Bob Baker", "10") "</Options>")),
    /* no c1 on this paper: no paper of the contest */
    RECORD(CONTEST("other", "<Options>" OPT("Ann Archer", "1") "</Options>")),
    /* an option with no rank marked names no one, and marks nothing */
    RECORD(CONTEST("c1", "<Options>" OPT("someone else", "000") OPT("Cat Cole", "1")
                         "</Options>")),
    /* not a record: not read */
    "this is not XML",
};

static void put(const char *name, const char *text)
{
    char path[160];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_non_null(f = fopen(path, "w"));
    fputs(text, f);
    fclose(f);
}

static void clear(void)
{
    static const char *const others[] = { "1.xml", "2_bad.xml" };
    char path[160];

    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, others[i]);
        unlink(path);
    }
}

static void put_good(void)
{
    clear();
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        put(names[i], good[i]);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    clear();
    rmdir(dir);
    return 0;
}

static tally_cvr_source source(void)
{
    tally_cvr_source s = { .path = dir, .provider = "hart", .contest_id = "c1",
                           .uwi_label = "uwi" };
    return s;
}

static void test_hart_value_is_a_string_of_rank_digits(void **state)
{
    tally_cvr_source s = source();
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;
    const uint32_t abc[] = { ANN, BOB, CAT }, bca[] = { BOB, CAT | TALLY_BALLOT_EQUAL, ANN },
                   bw[] = { BOB, UWI }, c[] = { CAT };

    (void)state;
    put_good();
    if (tally_cvr_source_read(&s, cands, 3, NULL, p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(p->total, 5);
    assert_int_equal(test_weight_of(p, abc, 3), 1);
    assert_int_equal(test_weight_of(p, bca, 3), 1);
    assert_int_equal(test_weight_of(p, NULL, 0), 1);
    assert_int_equal(test_weight_of(p, bw, 2), 1);
    assert_int_equal(test_weight_of(p, c, 1), 1);
    tally_pool_free(p);
}

/* The skipped-rank limit applies to the rank digits: "0001" is three
** blank ranks before the mark. */
static void test_hart_skipped_ranks_by_digit_position(void **state)
{
    tally_cvr_source s = source();
    tally_irv_options rules = { .limit_skipped = 1, .max_skipped = 1 };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    (void)state;
    clear();
    put("1.xml", RECORD(CONTEST("c1", "<Options>" OPT("Ann Archer", "0001") "</Options>")));
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, &rules, p, &err), TALLY_OK);
    assert_int_equal(test_weight_ending(p, NULL, 0, TALLY_END_SKIPPED), 1);
    tally_pool_free(p);
}

static void refused(const char *record, tally_status want, const char *message, int line,
                    int column)
{
    tally_cvr_source s = source();
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    clear();
    put("1_a.xml", good[0]);
    put("2_bad.xml", record);
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), want);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
    if (line >= 0 && !strstr(err.file, "2_bad.xml"))
        fail_msg("not in 2_bad.xml: %s", err.file);
    if (line >= 0 && (err.line != line || err.column != column))
        fail_msg("%s: at %d:%d, not %d:%d", err.message, err.line, err.column, line, column);
    tally_pool_free(p);
}

static void test_hart_bad_input_at_its_file_and_line(void **state)
{
    tally_cvr_source s = source();
    tally_pool *p;
    tally_error err;

    (void)state;
    refused(RECORD(CONTEST("c1", "<Options>" OPT("Dan Dee", "1") "</Options>")), TALLY_EINVAL,
            "'Dan Dee' is not a name or alias", 2, 0);
    refused(RECORD(CONTEST("c1", "<Options>" OPT("Ann Archer", "12") "</Options>")),
            TALLY_EINVAL, "\"12\" is not a string of rank digits", 2, 0);
    refused(RECORD(CONTEST("c1", "<Options><Option><Value>1</Value></Option></Options>")),
            TALLY_EINVAL, "needs its <Id>", 2, 0);
    refused(RECORD(CONTEST("c1", "<Options><Option><Id>Ann Archer</Id></Option></Options>")),
            TALLY_EINVAL, "needs its <Value>", 2, 0);
    /* not well-formed: libxml2's line and column, just past the bad tag */
    refused("<Cvr>\n<Contests></Contest>\n</Cvr>\n", TALLY_EINVAL,
            "Opening and ending tag mismatch", 2, 21);
    refused("<CastVoteRecordReport/>\n", TALLY_EINVAL, "not <Cvr>", 1, 0);
    /* a folder with no record, and no folder */
    clear();
    p = test_contest_pool(cands, 3);
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "no Hart cast vote record"));
    s.path = "/nonexistent/hart";
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EIO);
    s = source();
    s.contest_id = "";
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "contestId"));
    assert_int_equal(p->total, 0);
    tally_pool_free(p);
}

static void test_hart_allocation_failure_at_every_step(void **state)
{
    tally_cvr_source s = source();

    (void)state;
    put_good();
    test_cvr_source_alloc_failures(&s, cands, 3, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hart_value_is_a_string_of_rank_digits),
        cmocka_unit_test(test_hart_skipped_ranks_by_digit_position),
        cmocka_unit_test(test_hart_bad_input_at_its_file_and_line),
        cmocka_unit_test(test_hart_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
