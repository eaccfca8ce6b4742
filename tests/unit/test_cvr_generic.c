/*
** RCTab's generic CSV CVRs (src/io/cvr_generic.c) read through
** tally_cvr_source_read, on a CSV the test writes: a column per candidate
** holding ranks, the columns before the first vote column passed over,
** the write-in label as a column, two candidates at one rank equal, an
** empty row a blank paper, the skipped-rank limit; a bad rank and an
** unknown column at their line and column; allocation failure at every
** step.
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

#include "tally/cvr_source.h"

#include "cvr_sources.h"

static char path[64];

static const tally_cvr_candidate cands[] = {
    { "Ann Archer", NULL, 0 },
    { "Bob Baker", NULL, 0 },
    { "Cat Cole", NULL, 0 },
};
enum { ANN, BOB, CAT, UWI };

static const char rows[] = "ID,Precinct,Ann Archer,Bob Baker,Cat Cole,Write-In\n"
                           "r1,p1,1,2,,\n"   /* Ann, Bob */
                           "r2,p1,2,,1,3\n"  /* Cat, Ann, the write-in */
                           "r3,p2,1,1,,\n"   /* Ann and Bob at rank 1 */
                           "r4,p2,,,,\n"     /* no rank: a blank paper */
                           "r5,p2,3,,1,\n";  /* Cat, then Ann after a blank rank 2 */

static void write_csv(const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    int fd;
    (void)state;
    snprintf(path, sizeof path, "/tmp/tally-generic-XXXXXX");
    assert_true((fd = mkstemp(path)) >= 0);
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

#define SOURCE                                                                                 \
    { .path = path, .provider = "genericCsv", .first_vote_column = 3, .uwi_label = "Write-In" }

static void test_candidate_columns_hold_ranks(void **state)
{
    tally_cvr_source s = SOURCE;
    tally_irv_options none = { .limit_skipped = 1, .max_skipped = 0 };
    const uint32_t ann_bob[] = { ANN, BOB }, cat_ann_uwi[] = { CAT, ANN, UWI };
    const uint32_t over[] = { ANN, BOB | TALLY_BALLOT_EQUAL }, cat_ann[] = { CAT, ANN };
    const uint32_t cat[] = { CAT };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    (void)state;
    write_csv(rows);
    if (tally_cvr_source_read(&s, cands, 3, NULL, p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(p->total, 5);
    assert_int_equal(test_weight_of(p, ann_bob, 2), 1);
    assert_int_equal(test_weight_of(p, cat_ann_uwi, 3), 1);
    assert_int_equal(test_weight_of(p, over, 2), 1);
    assert_int_equal(test_weight_of(p, NULL, 0), 1);
    assert_int_equal(test_weight_of(p, cat_ann, 2), 1);
    tally_pool_free(p);

    p = test_contest_pool(cands, 3); /* no blank rank allowed: r5 is Cat only */
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, &none, p, &err), TALLY_OK);
    assert_int_equal(test_weight_ending(p, cat, 1, TALLY_END_SKIPPED), 1);
    tally_pool_free(p);
}

static void refused(const char *text, const char *message, int line, int column)
{
    tally_cvr_source s = SOURCE;
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    write_csv(text);
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    tally_pool_free(p);
}

static void test_bad_input_at_its_line_and_column(void **state)
{
    (void)state;
    refused("ID,Precinct,Ann Archer,Bob Baker\nr1,p1,1,two\n",
            "a rank is a whole number from 1, or empty; not 'two'", 2, 9);
    refused("ID,Precinct,Ann Archer,Dan Dee\nr1,p1,1,2\n",
            "column 'Dan Dee' is not a name or alias", 1, 24);
    refused("ID,Precinct,Ann Archer\nr1,p1\n", "2 fields; the header has 3", 2, 1);
    refused("ID,Precinct\nr1,p1\n", "no candidate columns", 1, 1);
}

static void test_allocation_failure_at_every_step(void **state)
{
    tally_cvr_source s = SOURCE;

    (void)state;
    write_csv(rows);
    test_cvr_source_alloc_failures(&s, cands, 3, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_candidate_columns_hold_ranks),
        cmocka_unit_test(test_bad_input_at_its_line_and_column),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
