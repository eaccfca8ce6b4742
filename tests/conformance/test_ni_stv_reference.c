/*
** Northern Ireland STV (ni-stv) on real ballots. No Northern Ireland
** ballot data is held in ../shared/data, so:
**
**   - the ERS's 1997 model election (stv/ers97, 753 papers, 6 seats)
**     against OpenSTV 1.7's "N. Ireland STV" report of it
**     (openstv-reports/ers97_NIrelandSTV.txt): every candidate's votes and
**     the non-transferable figure at the end of stages 1-6, typed in from
**     that report. At stage 7 the two differ by reading: OpenSTV moves
**     Baron's first preferences before electing the last two; here r.52(1)
**     elects them as Baron is excluded and r.52(3) moves nothing. Both
**     elect the six;
**   - every Scottish council file (stv/scotland-councils, 1,100): counted
**     without error, every stage reconciling in units of 0.01, every seat
**     filled; how many elect other winners than scottish-stv is printed,
**     not asserted (the rules differ).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "tally/blt.h"
#include "tally/method.h"

static char data_dir[4096];

static int have_data(const char *sub)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    char path[4200];
    struct stat st;
    snprintf(data_dir, sizeof data_dir, "%s/stv", d ? d : "../shared/data");
    snprintf(path, sizeof path, "%s/%s", data_dir, sub);
    return stat(path, &st) == 0;
}

static tally_method_result *count(const char *path, const char *method, tally_pool **pool)
{
    tally_blt_options bo = { 1, NULL, NULL };
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;

    if (!*pool && tally_blt_read(path, &bo, pool, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    if (tally_method_run(tally_method_find(method), *pool, &mo, &r, &err) != TALLY_OK)
        fail_msg("%s: %s: %s", path, method, err.message);
    return r;
}

static void reconciles(const tally_method_result *r, int64_t unit)
{
    for (size_t s = 0; s < r->n_stages; s++) {
        const tally_stage *st = &r->stages[s];
        int64_t sum = st->exhausted + st->lost;
        for (size_t c = 0; c < r->pool->n_candidates; c++)
            if (st->votes[c] != TALLY_NONE)
                sum += st->votes[c];
        assert_int_equal(sum, r->valid * unit);
    }
}

/* OpenSTV's rows, candidates in ballot order (Smith, Carpenter, Wright,
** Glazier, Duke, Prince, Baron, Abbot, Vicar, Monk, Freeman), then its
** "Exhausted" (our non-transferable: exhausted + lost); -1: excluded. */
static const int64_t openstv[6][12] = {
    { 13400, 8100, 2700, 2400, 10500, 9100, 6400, 5900, 5500, 2300, 9000, 0 },
    { 10800, 8835, 3225, 3051, 10668, 9100, 6400, 5984, 5500, 2342, 9378, 17 },
    { 10800, 8835, 3225, 3051, 10868, 9100, 6421, 6484, 6921, 0, 9578, 17 },
    { 10800, 12235, 0, 0, 10868, 10431, 6826, 6710, 7131, -1, 9662, 637 },
    { 10800, 10800, -1, -1, 10868, 10431, 7026, 6810, 7131, -1, 10162, 1272 },
    { 10800, 10800, -1, -1, 10868, 10431, 8226, 0, 11331, -1, 10162, 2682 },
};

static void test_model_election_stages_as_openstv(void **state)
{
    char path[4200];
    tally_pool *pool = NULL;
    tally_method_result *r;

    (void)state;
    if (!have_data("ers97"))
        skip();
    snprintf(path, sizeof path, "%s/ers97/ers97.blt", data_dir);
    r = count(path, "ni-stv", &pool);
    assert_int_equal(r->quota, 10800);
    assert_true(r->n_stages >= 6);
    for (size_t s = 0; s < 6; s++) {
        const tally_stage *st = &r->stages[s];
        for (size_t c = 0; c < 11; c++) {
            int64_t want = openstv[s][c];
            if (want < 0)
                assert_true(st->votes[c] == TALLY_NONE);
            else if (st->votes[c] != want)
                fail_msg("stage %zu, %s: %lld, OpenSTV %lld", s + 1, pool->names[c],
                         (long long)st->votes[c], (long long)want);
        }
        assert_int_equal(st->exhausted + st->lost, openstv[s][11]);
    }
    assert_int_equal(r->stages[3].n_excluded, 2); /* Wright and Glazier */
    assert_int_equal(r->n_elected, 6);
    reconciles(r, 100);
    tally_method_result_free(r);
    tally_pool_free(pool);
}

static int same_winners(const tally_method_result *a, const tally_method_result *b)
{
    if (a->n_elected != b->n_elected)
        return 0;
    for (size_t c = 0; c < a->pool->n_candidates; c++)
        if ((a->candidates[c].fate == TALLY_FATE_ELECTED) !=
            (b->candidates[c].fate == TALLY_FATE_ELECTED))
            return 0;
    return 1;
}

static void test_every_council_file_counts(void **state)
{
    char pattern[4200];
    glob_t g;
    size_t differ = 0;

    (void)state;
    if (!have_data("scotland-councils"))
        skip();
    snprintf(pattern, sizeof pattern, "%s/scotland-councils/blt_files/*/*.blt", data_dir);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        tally_pool *pool = NULL;
        tally_method_result *ni = count(g.gl_pathv[i], "ni-stv", &pool);
        tally_method_result *sc = count(g.gl_pathv[i], "scottish-stv", &pool);
        assert_int_equal(ni->n_elected, (size_t)ni->seats);
        reconciles(ni, 100);
        differ += !same_winners(ni, sc);
        tally_method_result_free(ni);
        tally_method_result_free(sc);
        tally_pool_free(pool);
    }
    print_message("%zu files counted by ni-stv, every stage reconciles; %zu elect other "
                  "winners than scottish-stv\n", g.gl_pathc, differ);
    assert_int_equal(g.gl_pathc, 1100);
    globfree(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_election_stages_as_openstv),
        cmocka_unit_test(test_every_council_file_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
