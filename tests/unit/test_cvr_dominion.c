/*
** Dominion CVR exports (src/io/cvr_dominion.c) read through
** tally_cvr_source_read, on a folder the test writes: the record read (the
** Modified one when the Original is not current), a contest flagged
** InvalidContest not counted, ambiguous marks not read, candidates by id
** alias or by the manifest's Description, the undeclared write-in id,
** marks at one rank equal, a session without the contest no paper, older
** exports without cards, the skipped-rank and ranking limits; bad input
** at its file, line and column; allocation failure at every step.
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

static char dir[64] = "/tmp/tally-dominion-XXXXXX";

/* The configuration: Ann by her Dominion id 11, Bob by his name as the
** manifest describes candidate 12, Cat by id 13; write-ins are id 99. */
static const char *const ann_ids[] = { "11" };
static const char *const cat_ids[] = { "13" };
static const tally_cvr_candidate cands[] = {
    { "Ann Archer", ann_ids, 1 },
    { "Bob Baker", NULL, 0 },
    { "Cat Cole", cat_ids, 1 },
};
enum { ANN, BOB, CAT, UWI };

static void put(const char *name, const char *text)
{
    char p[128];
    FILE *f;

    snprintf(p, sizeof p, "%s/%s", dir, name);
    assert_non_null(f = fopen(p, "w"));
    fputs(text, f);
    fclose(f);
}

static void drop(const char *name)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    unlink(p);
}

/* A mark: candidate, rank, ambiguous. */
#define MARK(c, r, a)                                                                          \
    "{\"CandidateId\":" #c ",\"Rank\":" #r ",\"IsVote\":false,\"IsAmbiguous\":" #a "}"
#define CONTEST(id, cond, marks)                                                               \
    "{\"Id\":" #id ",\"OutstackConditionIds\":[" cond "],\"Marks\":[" marks "]}"
#define SESSION(rec) "{\"TabulatorId\":1,\"Original\":" rec "}"
#define CURRENT(contests) "{\"IsCurrent\":true,\"Cards\":[{\"Contests\":[" contests "]}]}"

/* Seven sessions of contest 7, one of contest 8 only. */
static const char export1[] =
    "{\"Sessions\":[\n"
    SESSION(CURRENT(CONTEST(7, "", MARK(11, 1, false) "," MARK(13, 2, false)))) ",\n"
    SESSION(CURRENT(CONTEST(7, "", MARK(12, 1, false)))) ",\n"
    /* ambiguous write-in mark beside Bob's at rank 1: Bob alone */
    SESSION(CURRENT(CONTEST(7, "", MARK(12, 1, false) "," MARK(99, 1, true)))) ",\n"
    /* not counted by the tabulator */
    SESSION(CURRENT(CONTEST(7, "7", MARK(11, 1, false)))) ",\n"
    /* adjudicated: the Modified record (Cat) replaces the Original (Ann) */
    "{\"Original\":{\"IsCurrent\":false,\"Cards\":[{\"Contests\":[" CONTEST(7, "", MARK(11, 1, false))
    "]}]},\"Modified\":{\"IsCurrent\":true,\"Cards\":[{\"Contests\":["
    CONTEST(7, "", MARK(13, 1, false)) "]}]}},\n"
    /* an overvote at rank 1, then the write-in */
    SESSION(CURRENT(CONTEST(7, "", MARK(11, 1, false) "," MARK(12, 1, false) "," MARK(99, 2, false)))) ",\n"
    /* another contest only: no paper of contest 7 */
    SESSION(CURRENT(CONTEST(8, "", MARK(11, 1, false)))) "\n"
    "]}\n";
/* An older export: the record holds its contests; a blank contest; a mark
** at rank 3 after a blank rank 2. */
static const char export2[] =
    "{\"Sessions\":[\n"
    SESSION("{\"IsCurrent\":true,\"Contests\":[" CONTEST(7, "", "") "]}") ",\n"
    SESSION("{\"IsCurrent\":true,\"Contests\":[" CONTEST(7, "", MARK(13, 1, false) "," MARK(11, 3, false)) "]}") "\n"
    "]}\n";

static int setup(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    put("OutstackConditionManifest.json",
        "{\"List\":[{\"Description\":\"Ambiguous\",\"Id\":0},"
        "{\"Description\":\"InvalidContest\",\"Id\":7}]}");
    put("CandidateManifest.json",
        "{\"List\":[{\"Description\":\"Bob Baker\",\"Id\":12,\"ContestId\":7}]}");
    put("CvrExport_1.json", export1);
    put("CvrExport_2.json", export2);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    drop("OutstackConditionManifest.json");
    drop("CandidateManifest.json");
    drop("CvrExport_1.json");
    drop("CvrExport_2.json");
    rmdir(dir);
    return 0;
}

static tally_pool *read_ok(const tally_cvr_source *s, const tally_irv_options *rules)
{
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    if (tally_cvr_source_read(s, cands, 3, rules, p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return p;
}

static void test_sessions_read_as_rctab_reads_them(void **state)
{
    tally_cvr_source s = { .path = dir, .provider = "dominion", .contest_id = "7",
                           .uwi_label = "99" };
    const uint32_t ann_cat[] = { ANN, CAT }, bob[] = { BOB }, cat[] = { CAT };
    const uint32_t over[] = { ANN, BOB | TALLY_BALLOT_EQUAL, UWI }, cat_ann[] = { CAT, ANN };
    tally_pool *p;

    (void)state;
    p = read_ok(&s, NULL);
    assert_int_equal(p->total, 7); /* 6 of export 1 (one invalid, one other contest), 2 of 2 */
    assert_int_equal(test_weight_of(p, ann_cat, 2), 1);
    assert_int_equal(test_weight_of(p, bob, 1), 2);     /* by the manifest; ambiguous mark passed */
    assert_int_equal(test_weight_of(p, cat, 1), 1);     /* the Modified record */
    assert_int_equal(test_weight_of(p, over, 3), 1);    /* equal at rank 1; write-in by its id */
    assert_int_equal(test_weight_of(p, NULL, 0), 1);    /* a blank contest is a paper */
    assert_int_equal(test_weight_of(p, cat_ann, 2), 1); /* the blank rank 2 passed over */
    tally_pool_free(p);
}

/* maxSkippedRanksAllowed 0 ends the paper at a mark after a blank rank;
** maxRankingsAllowed 1 reads rank 1 only. */
static void test_skipped_and_ranking_limits(void **state)
{
    tally_irv_options none = { .limit_skipped = 1, .max_skipped = 0 };
    tally_cvr_source s = { .path = dir, .provider = "dominion", .contest_id = "7",
                           .uwi_label = "99" };
    const uint32_t cat[] = { CAT }, ann[] = { ANN };
    tally_pool *p;

    (void)state;
    p = read_ok(&s, &none);
    assert_int_equal(test_weight_of(p, cat, 1), 2); /* the Modified one, and Cat then (blank) Ann */
    assert_int_equal(test_weight_ending(p, cat, 1, TALLY_END_SKIPPED), 1); /* the latter */
    tally_pool_free(p);
    s.max_rankings = 1;
    p = read_ok(&s, NULL);
    assert_int_equal(test_weight_of(p, ann, 1), 1); /* Ann then Cat at rank 2: Ann only */
    assert_int_equal(test_weight_of(p, cat, 1), 2);
    tally_pool_free(p);
}

static void refused(const tally_cvr_source *s, tally_status want, const char *file,
                    const char *message, int line, int column)
{
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    assert_int_equal(tally_cvr_source_read(s, cands, 3, NULL, p, &err), want);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
    if (file)
        if (!strstr(err.file, file))
            fail_msg("%s: not in %s (%s)", file, err.file, err.message);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    tally_pool_free(p);
}

/* The 1-based column of the first needle on line `line` of text. */
static int column_of(const char *text, int line, const char *needle)
{
    const char *at;

    for (int l = 1; l < line; l++)
        text = strchr(text, '\n') + 1;
    at = strstr(text, needle);
    assert_true(at && !memchr(text, '\n', (size_t)(at - text)));
    return (int)(at - text) + 1;
}

static void test_bad_input_at_its_file_line_and_column(void **state)
{
    tally_cvr_source s = { .path = dir, .provider = "dominion", .contest_id = "7" };

    (void)state;
    /* Without the write-in label, id 99 (the sixth session, line 7) names
    ** no one: the CandidateId of its third mark. */
    refused(&s, TALLY_EINVAL, "CvrExport_1.json", "candidate 99 is not a name or alias", 7,
            column_of(export1, 7, "99"));
    s.contest_id = "seven";
    refused(&s, TALLY_EINVAL, NULL, "needs the contest's Id as its contestId", 0, 0);
    s.contest_id = "7";
    s.path = "/nonexistent/export";
    refused(&s, TALLY_EIO, "/nonexistent/export", "cannot open", 0, 0);
    s.path = dir;
    s.uwi_label = "99"; /* exports 1 and 2 read; 3 (after them) has a syntax error at '}' */
    put("CvrExport_3.json", "{\"Sessions\":[\n  {\"Original\": }\n]}\n");
    refused(&s, TALLY_EINVAL, "CvrExport_3.json", "", 2, 16);
    drop("CvrExport_3.json");
}

/* Every run either succeeds or returns TALLY_ENOMEM, leaking nothing (the
** ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    tally_cvr_source s = { .path = dir, .provider = "dominion", .contest_id = "7",
                           .uwi_label = "99" };

    (void)state;
    test_cvr_source_alloc_failures(&s, cands, 3, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sessions_read_as_rctab_reads_them),
        cmocka_unit_test(test_skipped_and_ranking_limits),
        cmocka_unit_test(test_bad_input_at_its_file_line_and_column),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
