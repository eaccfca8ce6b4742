/*
** One CVR source of an RCTab contest configuration read onto its
** candidates (src/io/cvr_source.c, include/tally/cvr_source.h): a CDF
** JSON file's candidates matched to the configuration's by name or alias
** and renumbered into the configuration's order; a name that is neither
** refused; providers not read refused, never read approximately;
** maxRankingsAllowed; allocation failure at every step.
**
** The file is the golden case's tests/golden/cases/tabulate-cdf-skipped-
** rank/mayor.json: Bob Baker 4 first preferences, Cat Cole 3, and two
** papers of Ann Archer at rank 1 and Cat Cole at rank 3.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tally/alloc.h"
#include "tally/cvr_source.h"

#include "cvr_sources.h"

static char path[4096];

/* The configuration lists the candidates in another order than the file,
** and spells Ann Archer differently, with the file's name as an alias. */
static const char *const ann_aliases[] = { "A. Archer", "Ann Archer" };
static const tally_cvr_candidate cands[] = {
    { "Cat Cole", NULL, 0 },
    { "Archer, Ann", ann_aliases, 2 },
    { "Bob Baker", NULL, 0 },
};
enum { CAT, ANN, BOB, UWI };

static int setup(void **state)
{
    const char *src = getenv("TALLY_SOURCE_DIR");
    (void)state;
    snprintf(path, sizeof path, "%s/tests/golden/cases/tabulate-cdf-skipped-rank/mayor.json",
             src ? src : ".");
    return 0;
}

static void test_candidates_by_name_or_alias_in_config_order(void **state)
{
    tally_cvr_source s = { .path = path, .provider = "cdf" };
    const uint32_t bob[] = { BOB }, cat[] = { CAT }, ann_cat[] = { ANN, CAT };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    (void)state;
    if (tally_cvr_source_read(&s, cands, 3, NULL, p, &err) != TALLY_OK)
        fail_msg("%s: %s", err.file, err.message);
    assert_int_equal(p->total, 9);
    assert_int_equal(test_weight_of(p, bob, 1), 4);
    assert_int_equal(test_weight_of(p, cat, 1), 3);
    assert_int_equal(test_weight_of(p, ann_cat, 2), 2); /* the blank rank closed up */
    /* A second source of the same contest adds to the same pool. */
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_OK);
    assert_int_equal(p->total, 18);
    assert_int_equal(test_weight_of(p, bob, 1), 8);
    tally_pool_free(p);
}

/* RCTab's maxSkippedRanksAllowed and maxRankingsAllowed. */
static void test_skipped_and_ranking_limits(void **state)
{
    tally_irv_options none = { .limit_skipped = 1, .max_skipped = 0 };
    tally_cvr_source s = { .path = path, .provider = "cdf" };
    const uint32_t ann[] = { ANN };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    (void)state;
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, &none, p, &err), TALLY_OK);
    assert_int_equal(test_weight_ending(p, ann, 1, TALLY_END_SKIPPED), 2);
    tally_pool_free(p);
    p = test_contest_pool(cands, 3);
    s.max_rankings = 1;
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_OK);
    assert_int_equal(test_weight_of(p, ann, 1), 2);
    tally_pool_free(p);
}

static void test_refusals_name_the_source(void **state)
{
    const tally_cvr_candidate without_ann[] = { cands[0], { "Ann", NULL, 0 }, cands[2] };
    tally_cvr_source s = { .path = path, .provider = "cdf" };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    (void)state;
    assert_int_equal(tally_cvr_source_read(&s, without_ann, 3, NULL, p, &err), TALLY_EINVAL);
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.message, "'Ann Archer' is not a name or alias"));
    s.provider = "unisyn";
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "provider 'unisyn' is not read"));
    s.provider = "cdf";
    s.path = "contest.csv";
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "read from a .json or .xml file"));
    s.path = path;
    assert_int_equal(tally_cvr_source_read(&s, cands, 2, NULL, p, &err), TALLY_EINVAL);
    assert_int_equal(p->total, 0); /* nothing was added by any refusal */
    tally_pool_free(p);
}

/* Every run either succeeds or returns TALLY_ENOMEM, leaking nothing (the
** ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    tally_cvr_source s = { .path = path, .provider = "cdf" };

    (void)state;
    test_cvr_source_alloc_failures(&s, cands, 3, 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_candidates_by_name_or_alias_in_config_order),
        cmocka_unit_test(test_skipped_and_ranking_limits),
        cmocka_unit_test(test_refusals_name_the_source),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
