/*
** Clear Ballot ClearVote CVRs (src/io/cvr_clearballot.c) read through
** tally_cvr_source_read, on a CSV the test writes: the contest's choice
** columns read by rank, another contest's passed over, marks at one rank
** equal, an unmarked row a blank paper, the write-in label, the ranking
** limit; a bad cell and an unknown candidate at their line and column;
** allocation failure at every step.
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

static char path[64];

static const tally_cvr_candidate cands[] = {
    { "Ann Archer", NULL, 0 },
    { "Bob Baker", NULL, 0 },
};
enum { ANN, BOB, UWI };

#define HEAD                                                                                   \
    "RowNumber,BallotID,Status,"                                                               \
    "Choice_1_1:Mayor:1:Vote For 1:Ann Archer:,Choice_2_1:Mayor:1:Vote For 1:Bob Baker:,"      \
    "Choice_3_1:Mayor:1:Vote For 1:UWI:,Choice_4_1:Mayor:2:Vote For 1:Ann Archer:,"            \
    "Choice_5_1:Mayor:2:Vote For 1:Bob Baker:,Choice_6_1:Clerk:1:Vote For 1:Cal Cole:\n"

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
    snprintf(path, sizeof path, "/tmp/tally-clearballot-XXXXXX");
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

static const char rows[] = HEAD "1,B1,0,1,0,0,0,1,1\n"  /* Ann, Bob; Clerk's mark passed over */
                                "2,B2,0,0,1,0,1,0,0\n"  /* Bob, Ann */
                                "3,B3,0,1,1,0,0,0,0\n"  /* Ann and Bob at rank 1 */
                                "4,B4,0,0,0,1,0,0,0\n"  /* the write-in */
                                "5,B5,0,0,0,0,0,0,1\n"  /* nothing for Mayor: blank */
                                "6,B6,0,0,0,0,0,1,0\n"; /* Bob at rank 2 only */

static void test_choice_columns_read_by_rank(void **state)
{
    tally_cvr_source s = { .path = path, .provider = "clearBallot", .contest_id = "Mayor",
                           .uwi_label = "UWI" };
    const uint32_t ann_bob[] = { ANN, BOB }, bob_ann[] = { BOB, ANN }, uwi[] = { UWI };
    const uint32_t over[] = { ANN, BOB | TALLY_BALLOT_EQUAL }, bob[] = { BOB };
    tally_pool *p = test_contest_pool(cands, 2);
    tally_error err;

    (void)state;
    write_csv(rows);
    if (tally_cvr_source_read(&s, cands, 2, NULL, p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(p->total, 6);
    assert_int_equal(test_weight_of(p, ann_bob, 2), 1);
    assert_int_equal(test_weight_of(p, bob_ann, 2), 1);
    assert_int_equal(test_weight_of(p, over, 2), 1);
    assert_int_equal(test_weight_of(p, uwi, 1), 1);
    assert_int_equal(test_weight_of(p, NULL, 0), 1);
    assert_int_equal(test_weight_of(p, bob, 1), 1);
    tally_pool_free(p);

    /* maxRankingsAllowed 1: rank 2 is not read; with no skipped rank
    ** allowed, Bob at rank 2 after a blank rank 1 is no mark. */
    {
        tally_irv_options none = { .limit_skipped = 1, .max_skipped = 0 };
        const uint32_t ann[] = { ANN };
        p = test_contest_pool(cands, 2);
        s.max_rankings = 1;
        assert_int_equal(tally_cvr_source_read(&s, cands, 2, NULL, p, &err), TALLY_OK);
        assert_int_equal(test_weight_of(p, ann, 1), 1);
        assert_int_equal(test_weight_of(p, NULL, 0), 2);
        tally_pool_free(p);
        p = test_contest_pool(cands, 2);
        s.max_rankings = 0;
        assert_int_equal(tally_cvr_source_read(&s, cands, 2, &none, p, &err), TALLY_OK);
        assert_int_equal(test_weight_of(p, NULL, 0), 2);
        /* the blank paper ends for want of marks, Bob's at the skipped rank */
        assert_int_equal(test_weight_ending(p, NULL, 0, TALLY_END_SKIPPED), 1);
        tally_pool_free(p);
    }
}

static void refused(const char *text, const char *message, int line, int column)
{
    tally_cvr_source s = { .path = path, .provider = "clearBallot", .contest_id = "Mayor",
                           .uwi_label = "UWI" };
    tally_pool *p = test_contest_pool(cands, 2);
    tally_error err;

    write_csv(text);
    assert_int_equal(tally_cvr_source_read(&s, cands, 2, NULL, p, &err), TALLY_EINVAL);
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
    /* Row 3 (line 3), Bob's rank-1 cell: the 5th field, after "2,B2,0,0,". */
    refused(HEAD "1,B1,0,1,0,0,0,1,1\n2,B2,0,0,x,0,0,0,0\n", "is 1 (marked) or 0, not 'x'", 3,
            10);
    refused(HEAD "1,B1,0,1,0\n", "5 fields; the header has 9", 2, 1);
    /* The write-in label not given: "UWI" names no candidate (the 6th field
    ** of the header). */
    refused("RowNumber,Choice_1_1:Mayor:1:Vote For 1:Cid:\n1,1\n",
            "candidate 'Cid' is not a name or alias", 1, 11);
    refused("RowNumber,Choice_1_1:Clerk:1:Vote For 1:Ann Archer:\n1,1\n",
            "no choice column of contest 'Mayor'", 1, 1);
}

static void test_allocation_failure_at_every_step(void **state)
{
    tally_cvr_source s = { .path = path, .provider = "clearBallot", .contest_id = "Mayor",
                           .uwi_label = "UWI" };

    (void)state;
    write_csv(rows);
    test_cvr_source_alloc_failures(&s, cands, 2, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choice_columns_read_by_rank),
        cmocka_unit_test(test_bad_input_at_its_line_and_column),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
