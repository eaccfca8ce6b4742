/*
** The RCTab contest configuration reader (src/io/rctab_config.c,
** include/tally/rctab.h), after RCTab v1.3.2 Section 25 (Configuration
** File Parameters): the rules read onto irv's options, candidates with
** their aliases (and the older "code") and exclusions, every CVR source
** resolved against the configuration's folder and read into one pool;
** each rule that would make RCTab count otherwise refused at its line and
** column; allocation failure at every step.
**
** The CVR file is the golden case's tests/golden/cases/tabulate-cdf-
** skipped-rank/mayor.json: Bob Baker 4 first preferences, Cat Cole 3, and
** two papers of Ann Archer at rank 1 and Cat Cole at rank 3.
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
#include "tally/rctab.h"

static char dir[4096], cfg[4200], cvr[4096];

/* Write a configuration whose rules member is rules (JSON text members)
** and whose sources are sources; a %s in sources is the CVR file. */
static void write_config(const char *rules, const char *candidates, const char *sources)
{
    FILE *f = fopen(cfg, "w");
    assert_non_null(f);
    fprintf(f, "{\n  \"outputSettings\" : { \"contestName\" : \"Mayor\" },\n"
               "  \"cvrFileSources\" : [ ");
    fprintf(f, sources, cvr, cvr);
    fprintf(f, " ],\n  \"candidates\" : [ %s ],\n  \"rules\" : {\n%s\n  }\n}\n", candidates,
            rules);
    fclose(f);
}

#define CANDIDATES                                                                              \
    "{ \"name\" : \"Cat Cole\", \"aliases\" : [ ] },\n"                                       \
    "    { \"name\" : \"Archer, Ann\", \"code\" : \"Ann Archer\" },\n"                        \
    "    { \"name\" : \"Bob Baker\", \"excluded\" : false, \"aliases\" : [ \"BB\" ] }"
#define SOURCE "{ \"filePath\" : \"%s\", \"provider\" : \"cdf\" }"
#define RULES                                                                                   \
    "    \"overvoteRule\" : \"alwaysSkipToNextRank\",\n"                                       \
    "    \"winnerElectionMode\" : \"singleWinnerMajority\",\n"                                 \
    "    \"numberOfWinners\" : \"1\",\n"                                                       \
    "    \"maxSkippedRanksAllowed\" : \"0\",\n"                                                \
    "    \"maxRankingsAllowed\" : \"max\",\n"                                                  \
    "    \"exhaustOnDuplicateCandidate\" : true,\n"                                            \
    "    \"batchElimination\" : \"true\",\n"                                                   \
    "    \"tiebreakMode\" : \"random\",\n"                                                 \
    "    \"randomSeed\" : \"7\""

static int setup(void **state)
{
    const char *src = getenv("TALLY_SOURCE_DIR");
    char *d;
    (void)state;
    snprintf(cvr, sizeof cvr, "%s/tests/golden/cases/tabulate-cdf-skipped-rank/mayor.json",
             src ? src : ".");
    if (cvr[0] != '/') /* the sources below must not depend on the folder */
        fail_msg("TALLY_SOURCE_DIR must be an absolute path");
    snprintf(dir, sizeof dir, "/tmp/tally-rctab-XXXXXX");
    d = mkdtemp(dir);
    assert_non_null(d);
    snprintf(cfg, sizeof cfg, "%s/contest_config.json", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(cfg);
    rmdir(dir);
    return 0;
}

static tally_rctab *load_ok(void)
{
    tally_rctab *c = NULL;
    tally_error err;
    if (tally_rctab_load(cfg, &c, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return c;
}

static void test_rules_read_onto_irv_options(void **state)
{
    tally_rctab *c;
    const tally_irv_options *o;

    (void)state;
    write_config(RULES, CANDIDATES, SOURCE);
    c = load_ok();
    o = tally_rctab_rules(c);
    assert_int_equal(o->overvote, TALLY_OVERVOTE_SKIP);
    assert_int_equal(o->limit_skipped, 1);
    assert_int_equal(o->max_skipped, 0);
    assert_int_equal(o->duplicate, TALLY_DUPLICATE_EXHAUST);
    assert_int_equal(o->batch, 1);
    assert_int_equal(o->has_write_in, 1);
    assert_int_equal(o->write_in, 3); /* after the three candidates */
    assert_string_equal(tally_rctab_about(c)->contest, "Mayor");
    assert_string_equal(tally_rctab_about(c)->date, "");
    assert_string_equal(tally_rctab_about(c)->tiebreak, "random");
    assert_int_equal(tally_rctab_about(c)->tiebreak_counted, 1);
    assert_int_equal(o->tie_by_draw, 1);
    assert_int_equal(o->draw_seed, 7);
    assert_int_equal(tally_rctab_about(c)->n_candidates, 3); /* no write-in label */
    assert_int_equal(tally_rctab_about(c)->write_in_declared, 0);
    tally_rctab_free(c);
    tally_rctab_free(NULL);
}

/* The file names Ann Archer, the config's "code" of "Archer, Ann"; the
** excluded candidate is withdrawn; a relative filePath is found beside
** the configuration, as RCTab finds it. */
static void test_sources_read_into_the_configs_candidates(void **state)
{
    tally_rctab *c;
    tally_pool *p = NULL;
    tally_error err;

    (void)state;
    write_config(RULES,
                 "{ \"name\" : \"Cat Cole\", \"excluded\" : \"true\" },\n"
                 "{ \"name\" : \"Archer, Ann\", \"code\" : \"Ann Archer\" },\n"
                 "{ \"name\" : \"Bob Baker\" }",
                 SOURCE ", " SOURCE);
    c = load_ok();
    if (tally_rctab_read(c, &p, &err) != TALLY_OK)
        fail_msg("%s: %s", err.file, err.message);
    assert_int_equal(p->n_candidates, 4);
    assert_string_equal(p->names[1], "Archer, Ann");
    assert_string_equal(p->names[3], TALLY_CVR_UWI_NAME);
    assert_int_equal(p->withdrawn[0], 1);
    assert_int_equal(p->withdrawn[1], 0);
    assert_int_equal(p->total, 18); /* both sources, 9 papers each */
    assert_string_equal(p->title, "Mayor");
    tally_pool_free(p);
    tally_rctab_free(c);

    /* Relative to the configuration's folder: a file that is not there. */
    write_config(RULES, CANDIDATES, "{ \"filePath\" : \"cvr.json\", \"provider\" : \"cdf\" }");
    c = load_ok();
    assert_int_not_equal(tally_rctab_read(c, &p, &err), TALLY_OK);
    assert_null(p);
    assert_non_null(strstr(err.file, dir));
    assert_non_null(strstr(err.file, "/cvr.json"));
    tally_rctab_free(c);
}

/* RCTab's multiPassIrv (irv_passes.h): numberOfWinners passes of irv. */
static void test_seq_multi_pass_irv_is_read_as_its_passes(void **state)
{
    tally_rctab *c;
    (void)state;

    write_config("    \"overvoteRule\" : \"alwaysSkipToNextRank\",\n"
                 "    \"winnerElectionMode\" : \"multiPassIrv\",\n"
                 "    \"numberOfWinners\" : \"3\"",
                 CANDIDATES, SOURCE);
    c = load_ok();
    assert_int_equal(tally_rctab_about(c)->passes, 3);
    tally_rctab_free(c);
    write_config(RULES, CANDIDATES, SOURCE);
    c = load_ok();
    assert_int_equal(tally_rctab_about(c)->passes, 0);
    tally_rctab_free(c);
}

/* RCTab's single-winner modes (irv rule T) and exhaustIfMultipleContinuing
** onto irv's options. */
static void test_modes_of_the_count_are_read(void **state)
{
    tally_rctab *c;
    const tally_irv_options *o;
    (void)state;

    write_config("    \"overvoteRule\" : \"exhaustIfMultipleContinuing\",\n"
                 "    \"continueUntilTwoCandidatesRemain\" : \"true\",\n"
                 "    \"doesFirstRoundDetermineThreshold\" : true,\n"
                 "    \"stopTabulationEarlyAfterRound\" : \"3\"",
                 CANDIDATES, SOURCE);
    c = load_ok();
    o = tally_rctab_rules(c);
    assert_int_equal(o->overvote, TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE);
    assert_true(o->until_two);
    assert_true(o->first_threshold);
    assert_int_equal(o->stop_after, 3);
    assert_int_equal(tally_rctab_about(c)->stop_after, 3);
    tally_rctab_free(c);
    write_config(RULES, CANDIDATES, SOURCE);
    c = load_ok();
    o = tally_rctab_rules(c);
    assert_false(o->until_two);
    assert_false(o->first_threshold);
    assert_int_equal(o->stop_after, 0);
    tally_rctab_free(c);
}

/* RCTab's several-seat modes (rctab_multi.h): the mode, the seats and the
** arithmetic rules beside irv's reading rules. */
static void test_several_seat_modes_are_read_with_their_arithmetic(void **state)
{
    const tally_rctab_multi_rules *m;
    tally_rctab *c;
    (void)state;

    write_config("    \"overvoteRule\" : \"alwaysSkipToNextRank\",\n"
                 "    \"winnerElectionMode\" : \"multiWinnerAllowOnlyOneWinnerPerRound\",\n"
                 "    \"numberOfWinners\" : \"3\",\n"
                 "    \"decimalPlacesForVoteArithmetic\" : \"6\",\n"
                 "    \"nonIntegerWinningThreshold\" : true",
                 CANDIDATES, SOURCE);
    c = load_ok();
    assert_non_null(m = tally_rctab_multi_of(c));
    assert_int_equal(m->mode, TALLY_RCTAB_ONE_PER_ROUND);
    assert_int_equal(m->seats, 3);
    assert_int_equal(m->places, 6);
    assert_true(m->non_integer);
    assert_false(m->hare);
    assert_int_equal(tally_rctab_about(c)->passes, 0);
    tally_rctab_free(c);
    write_config("    \"overvoteRule\" : \"alwaysSkipToNextRank\",\n"
                 "    \"winnerElectionMode\" : \"bottomsUpUsingPercentageThreshold\",\n"
                 "    \"numberOfWinners\" : \"0\",\n"
                 "    \"multiSeatBottomsUpPercentageThreshold\" : \"12.5\",\n"
                 "    \"cutoffElimination\" : true",
                 CANDIDATES, SOURCE);
    c = load_ok();
    assert_non_null(m = tally_rctab_multi_of(c));
    assert_int_equal(m->mode, TALLY_RCTAB_BOTTOMS_UP_PERCENT);
    assert_int_equal(m->places, 4); /* RCTab's default */
    assert_int_equal(m->share.v, 125); /* 12.5% is 0.125 */
    assert_int_equal(m->share.scale, 3);
    assert_true(m->cutoff);
    tally_rctab_free(c);
    write_config(RULES, CANDIDATES, SOURCE);
    c = load_ok();
    assert_null(tally_rctab_multi_of(c));
    tally_rctab_free(c);
}

/* Each refusal: its message, and the line and column of the value. */
static void refused(const char *rules, const char *candidates, const char *sources,
                    const char *message, int line, int column)
{
    tally_rctab *c = (tally_rctab *)1;
    tally_error err;

    write_config(rules, candidates, sources);
    assert_int_equal(tally_rctab_load(cfg, &c, &err), TALLY_EINVAL);
    assert_null(c);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
    assert_string_equal(err.file, cfg);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static void test_rules_rctab_counts_otherwise_are_refused(void **state)
{
    (void)state;
    /* The rules object opens on line 7 (column 13); its members follow. */
    refused("    \"numberOfWinners\" : \"3\"", CANDIDATES, SOURCE,
            "\"rules\" needs its \"overvoteRule\"", 7, 13);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"numberOfWinners\" : \"3\"", CANDIDATES, SOURCE,
            "numberOfWinners\": 3: tally counts RCTab's single-winner contests, "
            "multiPassIrv and the several-seat modes only", 9, 25);
    refused("    \"overvoteRule\" : \"exhaustEverything\"", CANDIDATES, SOURCE,
            "\"exhaustEverything\" is not counted by tally", 8, 22);
    /* an unnamed overvote names no continuing candidates (RCTab refuses it) */
    refused("    \"overvoteRule\" : \"exhaustIfMultipleContinuing\"", CANDIDATES,
            "{ \"filePath\" : \"%s\", \"provider\" : \"cdf\", \"overvoteLabel\" : \"ov\" }",
            "needs overvoteRule exhaustImmediately or alwaysSkipToNextRank", 3,
            (int)(strlen("  \"cvrFileSources\" : [ { \"filePath\" : \"") + strlen(cvr) +
                  strlen("\", \"provider\" : \"cdf\", \"overvoteLabel\" : ") + 1));
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"bottomsUp\"",
            CANDIDATES, SOURCE, "RCTab's several-seat modes fill two seats or more", 9, 28);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"minimumVoteThreshold\" : \"10\"",
            CANDIDATES, SOURCE, "no minimum is applied", 9, 30);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"multiPassIrv\",\n"
            "    \"continueUntilTwoCandidatesRemain\" : true",
            CANDIDATES, SOURCE, "is counted for one winner, not with multiPassIrv", 10, 42);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"stopTabulationEarlyAfterRound\" : \"0\"",
            CANDIDATES, SOURCE, "counts rounds from 1", 9, 39);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"bottomsUp\",\n"
            "    \"numberOfWinners\" : \"2\",\n"
            "    \"continueUntilTwoCandidatesRemain\" : true",
            CANDIDATES, SOURCE, "several-seat modes to the last seat", 11, 42);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"maxSkippedRanksAllowed\" : \"two\"",
            CANDIDATES, SOURCE, "must be a whole number from 0", 9, 32);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"batchElimination\" : \"yes\"",
            CANDIDATES, SOURCE, "must be true or false, not \"yes\"", 9, 26);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"tiebreakMode\" : \"random\"",
            CANDIDATES, SOURCE, "tiebreakMode \"random\" needs its \"randomSeed\"", 7, 13);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"tiebreakMode\" : \"generatePermutation\",\n"
            "    \"randomSeed\" : \"-4\"",
            CANDIDATES, SOURCE, "\"randomSeed\" must be a whole number from 0", 10, 20);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"multiWinnerAllowMultipleWinnersPerRound\",\n"
            "    \"numberOfWinners\" : \"2\",\n"
            "    \"decimalPlacesForVoteArithmetic\" : \"12\"",
            CANDIDATES, SOURCE, "tally counts 1 to 9 places", 11, 40);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"bottomsUpUsingPercentageThreshold\",\n"
            "    \"multiSeatBottomsUpPercentageThreshold\" : \"150\"",
            CANDIDATES, SOURCE, "a percentage above 0, at most 100", 10, 47);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"bottomsUp\",\n"
            "    \"numberOfWinners\" : \"2\",\n"
            "    \"cutoffElimination\" : true",
            CANDIDATES, SOURCE, "with bottomsUpUsingPercentageThreshold only", 11, 27);
    refused("    \"overvoteRule\" : \"exhaustImmediately\",\n"
            "    \"winnerElectionMode\" : \"bottomsUp\",\n"
            "    \"numberOfWinners\" : \"2\",\n"
            "    \"doesFirstRoundDetermineThreshold\" : true",
            CANDIDATES, SOURCE, "the threshold of several seats is the first round's", 11, 42);
}

static void test_malformed_configurations_are_refused(void **state)
{
    (void)state;
    refused(RULES, "{ \"name\" : \"Cat Cole\" }, { \"name\" : \"Cat Cole\" }", SOURCE,
            "\"Cat Cole\" names two candidates", 4, 56);
    refused(RULES,
            "{ \"name\" : \"Cat Cole\" }, { \"name\" : \"Bob\", \"aliases\" : [ \"Cat Cole\" ] }",
            SOURCE, "\"Cat Cole\" names two candidates", 4, 77);
    refused(RULES, "{ \"aliases\" : [ ] }", SOURCE, "a candidate needs a name", 4, 20);
    refused(RULES, CANDIDATES, "{ \"provider\" : \"cdf\" }", "needs its \"filePath\"", 3, 24);
    refused(RULES, CANDIDATES, "{ \"filePath\" : \"%s\" }", "needs its \"provider\"", 3, 24);
    refused(RULES, CANDIDATES,
            "{ \"filePath\" : \"%s\", \"provider\" : \"ess\", \"firstVoteColumnIndex\" : \"0\" }",
            "\"firstVoteColumnIndex\" counts from 1", 3,
            (int)(strlen("  \"cvrFileSources\" : [ { \"filePath\" : \"") + strlen(cvr) +
                  strlen("\", \"provider\" : \"ess\", \"firstVoteColumnIndex\" : ") + 1));
    refused(RULES, CANDIDATES, "", "\"cvrFileSources\" must list the CVR files", 3, 22);
}

static void test_syntax_error_at_its_line_and_column(void **state)
{
    FILE *f = fopen(cfg, "w");
    tally_rctab *c = NULL;
    tally_error err;

    (void)state;
    assert_non_null(f);
    fputs("{\n  \"rules\" : { \"numberOfWinners\" : 1, }\n}\n", f);
    fclose(f);
    assert_int_equal(tally_rctab_load(cfg, &c, &err), TALLY_EINVAL);
    assert_int_equal(err.line, 2);
    assert_null(c);
}

/* Every run either succeeds or returns TALLY_ENOMEM, leaking nothing (the
** ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    int succeeded = 0;

    (void)state;
    write_config(RULES, CANDIDATES, SOURCE);
    for (long n = 0; n < 100000 && !succeeded; n++) {
        tally_rctab *c = NULL;
        tally_pool *p = NULL;
        tally_error err;
        tally_status st;
        tally_alloc_fail_after(n);
        st = tally_rctab_load(cfg, &c, &err);
        if (st == TALLY_OK)
            st = tally_rctab_read(c, &p, &err);
        tally_alloc_fail_after(-1);
        if (st == TALLY_OK) {
            succeeded = 1;
            assert_int_equal(p->total, 9);
        } else {
            assert_int_equal(st, TALLY_ENOMEM);
        }
        tally_pool_free(p);
        tally_rctab_free(c);
    }
    assert_true(succeeded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_read_onto_irv_options),
        cmocka_unit_test(test_sources_read_into_the_configs_candidates),
        cmocka_unit_test(test_modes_of_the_count_are_read),
        cmocka_unit_test(test_rules_rctab_counts_otherwise_are_refused),
        cmocka_unit_test(test_seq_multi_pass_irv_is_read_as_its_passes),
        cmocka_unit_test(test_several_seat_modes_are_read_with_their_arithmetic),
        cmocka_unit_test(test_malformed_configurations_are_refused),
        cmocka_unit_test(test_syntax_error_at_its_line_and_column),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
