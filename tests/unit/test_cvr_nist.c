/*
** The NIST SP 1500-103 cast vote record reader (src/io/cvr_nist.c,
** include/tally/cvr_nist.h): the published JSON examples read (the
** hiltonroscoe CDF prototype's example_2 and RCV test deck, and RCTab's
** CDF JSON exports in ../shared/data); what becomes a mark, a rank, a
** paper; the contest chosen by id or as the only one; every error at its
** line and column; allocation failure at every step.
*/
#include <glob.h>
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

#include "tally/alloc.h"
#include "tally/cvr_nist.h"
#include "tally/method.h"

#define EQ TALLY_BALLOT_EQUAL

static char data[4096];

static int have_data(void)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    struct stat st;
    snprintf(data, sizeof data, "%s", d ? d : "../shared/data");
    return stat(data, &st) == 0;
}

/* The weight of the ranking prefs[0..n) in p, 0 when absent. */
static int64_t weight_of(const tally_pool *p, const uint32_t *prefs, size_t n)
{
    for (size_t r = 0; r < p->n_rankings; r++)
        if (p->offsets[r + 1] - p->offsets[r] == n &&
            (n == 0 || memcmp(p->prefs + p->offsets[r], prefs, n * sizeof *prefs) == 0))
            return p->weights[r];
    return 0;
}

/* Two elections' worth of report: contest c1 (ranked, two seats) with
** four CVRs of every kind, and a CVR of another election. */
static const char report[] =
    "{\"@type\": \"CVR.CastVoteRecordReport\",\n"
    " \"Election\": [{\"@id\": \"e1\",\n"
    "   \"Candidate\": [{\"@id\": \"k1\", \"Name\": \"Ann Archer\"},\n"
    "                 {\"@id\": \"k2\", \"Name\": \"Bob Baker\"},\n"
    "                 {\"@id\": \"k3\"}],\n"
    "   \"Contest\": [{\"@id\": \"c1\", \"@type\": \"CVR.CandidateContest\",\n"
    "     \"Name\": \"Council\", \"NumberElected\": 2,\n"
    "     \"ContestSelection\": [{\"@id\": \"s1\", \"CandidateIds\": [\"k1\"]},\n"
    "                          {\"@id\": \"s2\", \"CandidateIds\": [\"k2\"]},\n"
    "                          {\"@id\": \"s3\", \"CandidateIds\": [\"k3\"]},\n"
    "                          {\"@id\": \"wi\", \"IsWriteIn\": true}]}]}],\n"
    " \"CVR\": [\n"
    "  {\"ElectionId\": \"e1\", \"CurrentSnapshotId\": \"b\", \"CVRSnapshot\": [\n"
    "    {\"@id\": \"a\", \"CVRContest\": []},\n"
    "    {\"@id\": \"b\", \"CVRContest\": [{\"ContestId\": \"c1\", \"CVRContestSelection\": [\n"
    "      {\"ContestSelectionId\": \"s2\", \"SelectionPosition\": [{\"HasIndication\": \"yes\", "
    "\"NumberVotes\": 1, \"Rank\": 3}]},\n"
    "      {\"ContestSelectionId\": \"s1\", \"SelectionPosition\": [{\"HasIndication\": \"yes\", "
    "\"NumberVotes\": 1, \"Rank\": 1}]},\n"
    "      {\"ContestSelectionId\": \"s3\", \"SelectionPosition\": [{\"HasIndication\": \"no\", "
    "\"NumberVotes\": 1, \"Rank\": 2}]}]}]}]},\n"
    "  {\"ElectionId\": \"e1\", \"CVRSnapshot\": [{\"@id\": \"x\", \"CVRContest\": [\n"
    "    {\"ContestId\": \"c1\", \"CVRContestSelection\": [\n"
    "      {\"ContestSelectionId\": \"s3\", \"Rank\": 1, \"SelectionPosition\": "
    "[{\"HasIndication\": \"yes\", \"NumberVotes\": 1}]},\n"
    "      {\"ContestSelectionId\": \"wi\", \"SelectionPosition\": [{\"HasIndication\": \"yes\", "
    "\"NumberVotes\": 1, \"Rank\": 1}]},\n"
    "      {\"ContestSelectionId\": \"s1\", \"SelectionPosition\": [{\"HasIndication\": \"yes\", "
    "\"IsAllocable\": \"no\", \"NumberVotes\": 1, \"Rank\": 2}]}]}]}]},\n"
    "  {\"ElectionId\": \"e1\", \"CurrentSnapshotId\": \"y\", \"CVRSnapshot\": [{\"@id\": \"y\", "
    "\"CVRContest\": [{\"ContestId\": \"c1\"}]}]},\n"
    "  {\"ElectionId\": \"e1\", \"CurrentSnapshotId\": \"z\", \"CVRSnapshot\": [{\"@id\": \"z\", "
    "\"CVRContest\": []}]},\n"
    "  {\"ElectionId\": \"e2\", \"CurrentSnapshotId\": \"w\", \"CVRSnapshot\": [{\"@id\": \"w\", "
    "\"CVRContest\": [{\"ContestId\": \"c1\"}]}]}\n"
    " ]}\n";

static tally_pool *parse_ok(const char *text, const char *contest)
{
    tally_cvr_nist_options o = { .contest = contest };
    tally_pool *p = NULL;
    tally_error err;

    if (tally_cvr_nist_parse(text, strlen(text), "t.json", &o, &p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return p;
}

/* NIST 1500-103: CVRContestSelection and SelectionPosition, HasIndication,
** IsAllocable, Rank, CurrentSnapshotId, ElectionId. */
static void test_marks_ranks_and_papers(void **state)
{
    tally_pool *p = parse_ok(report, NULL);
    const uint32_t first[] = { 0, 1 };     /* s1 at rank 1, s2 at 3: gap closed */
    const uint32_t second[] = { 2, 3 | EQ }; /* s3 (CVRContestSelection Rank) = wi */

    (void)state;
    assert_int_equal(p->n_candidates, 4);
    assert_string_equal(p->names[0], "Ann Archer");
    assert_string_equal(p->names[1], "Bob Baker");
    assert_string_equal(p->names[2], "k3"); /* a Candidate without a Name */
    assert_string_equal(p->names[3], "wi"); /* a write-in: the selection's @id */
    assert_string_equal(p->title, "Council");
    assert_int_equal(p->seats, 2);
    /* Three papers: the fifth CVR is another election's, and a CVR without
    ** the contest is no paper of it. */
    assert_int_equal(p->total, 3);
    assert_int_equal(weight_of(p, first, 2), 1);
    assert_int_equal(weight_of(p, second, 2), 1);
    assert_int_equal(weight_of(p, NULL, 0), 1); /* a CVRContest with no mark */
    tally_pool_free(p);
}

/* RCTab's maxSkippedRanksAllowed, applied as the report is read: the first
** paper marks s1 at rank 1 and s2 at rank 3, one blank rank between. */
static void test_skipped_ranks_limit_ends_the_paper(void **state)
{
    const uint32_t both[] = { 0, 1 }, first_only[] = { 0 };
    tally_cvr_nist_options none = { .limit_skipped = 1, .max_skipped = 0 };
    tally_cvr_nist_options one = { .limit_skipped = 1, .max_skipped = 1 };
    tally_pool *p = NULL;
    tally_error err;

    (void)state;
    assert_int_equal(tally_cvr_nist_parse(report, strlen(report), "t.json", &none, &p, &err),
                     TALLY_OK);
    assert_int_equal(weight_of(p, first_only, 1), 1);
    assert_int_equal(weight_of(p, both, 2), 0);
    tally_pool_free(p);
    assert_int_equal(tally_cvr_nist_parse(report, strlen(report), "t.json", &one, &p, &err),
                     TALLY_OK);
    assert_int_equal(weight_of(p, both, 2), 1);
    tally_pool_free(p);
}

/* RCTab's contestId names the contest by its Name. */
static void test_contest_chosen_by_name(void **state)
{
    tally_pool *p = parse_ok(report, "Council");

    (void)state;
    assert_int_equal(p->total, 3);
    tally_pool_free(p);
}

static void test_contest_chosen_by_id(void **state)
{
    static const char two[] =
        "{\"@type\": \"CVR.CastVoteRecordReport\",\n"
        " \"Election\": [{\"@id\": \"e\", \"Contest\": [\n"
        " {\"@id\": \"mayor\", \"ContestSelection\": [{\"@id\": \"a\"}, {\"@id\": \"b\"}]},\n"
        " {\"@id\": \"measure\", \"ContestSelection\": [{\"@id\": \"y\", \"Selection\": \"Yes\"},\n"
        "   {\"@id\": \"n\", \"Selection\": \"No\"}]}]}],\n"
        " \"CVR\": [{\"CurrentSnapshotId\": \"s\",\n"
        "   \"CVRSnapshot\": [{\"@id\": \"s\", \"CVRContest\": [\n"
        "   {\"ContestId\": \"mayor\", \"CVRContestSelection\": [{\"ContestSelectionId\": \"b\",\n"
        "     \"SelectionPosition\": [{\"HasIndication\": \"yes\", \"NumberVotes\": 1}]}]},\n"
        "   {\"ContestId\": \"measure\", \"CVRContestSelection\": [\n"
        "    {\"ContestSelectionId\": \"n\",\n"
        "     \"SelectionPosition\": [{\"HasIndication\": \"yes\", \"NumberVotes\": 1}]}]}]}]}]}\n";
    tally_cvr_nist_options o = { .contest = NULL };
    tally_pool *p = NULL;
    tally_error err;
    const uint32_t b[] = { 1 };

    (void)state;
    p = parse_ok(two, "measure");
    assert_string_equal(p->names[0], "Yes");
    assert_string_equal(p->names[1], "No");
    assert_int_equal(p->seats, 0); /* no NumberElected: the method is told */
    assert_int_equal(weight_of(p, b, 1), 1);
    tally_pool_free(p);
    p = parse_ok(two, "mayor");
    assert_string_equal(p->title, "mayor");
    assert_int_equal(weight_of(p, b, 1), 1);
    tally_pool_free(p);
    /* Without an id, two contests are an error that names them. */
    assert_int_equal(tally_cvr_nist_parse(two, strlen(two), "t.json", &o, &p, &err), TALLY_EINVAL);
    assert_null(p);
    assert_non_null(strstr(err.message, "mayor, measure"));
}

typedef struct bad {
    const char *what, *text;
    int line, column;
    const char *message;
} bad;

/* Every fault at the line and column of the value at fault. */
static void test_errors_name_line_and_column(void **state)
{
#define HEAD                                                                                  \
    "{\"@type\": \"CVR.CastVoteRecordReport\",\n \"Election\": [{\"@id\": \"e\", "               \
    "\"Contest\": [{\"@id\": \"c\", \"ContestSelection\": [{\"@id\": \"a\"}, "                  \
    "{\"@id\": \"b\"}]}]}],\n"
#define CVR1(sel)                                                                             \
    " \"CVR\": [{\"CurrentSnapshotId\": \"s\", \"CVRSnapshot\": [{\"@id\": \"s\", "                \
    "\"CVRContest\": [{\"ContestId\": \"c\", \"CVRContestSelection\": [\n" sel "]}]}]}]}\n"
    static const bad cases[] = {
        { "not JSON", "{\"@type\": ", 1, 10, "" },
        { "not a report", "[]", 1, 1, "must be a JSON object" },
        { "another type", "{\"@type\": \"CVR.CVR\"}", 1, 11, "not \"CVR.CastVoteRecordReport\"" },
        { "no Election", "{\"@type\": \"CVR.CastVoteRecordReport\", \"CVR\": []}", 1, 1,
          "\"Election\" is missing" },
        { "unknown contest", HEAD " \"CVR\": []}", 2, 14, "no contest \"x\"" },
        { "no CVR", HEAD "\"Notes\": \"\"}", 1, 1, "\"CVR\" is missing" },
        { "unknown selection",
          HEAD CVR1("  {\"ContestSelectionId\": \"q\", \"SelectionPosition\": []}"), 4, 26,
          "\"q\" is not a selection of the contest" },
        { "rank 0",
          HEAD CVR1("  {\"ContestSelectionId\": \"a\", \"SelectionPosition\": "
                    "[{\"HasIndication\": \"yes\", \"Rank\": 0}]}"),
          4, 86, "a Rank must be a whole number from 1" },
        { "HasIndication maybe",
          HEAD CVR1("  {\"ContestSelectionId\": \"a\", \"SelectionPosition\": "
                    "[{\"HasIndication\": \"maybe\"}]}"),
          4, 71, "HasIndication must be \"yes\", \"no\" or \"unknown\"" },
        { "SelectionPosition not an array",
          HEAD CVR1("  {\"ContestSelectionId\": \"a\", \"SelectionPosition\": {}}"), 4, 52,
          "\"SelectionPosition\" must be an array" },
        { "snapshot not found",
          HEAD " \"CVR\": [{\"CurrentSnapshotId\": \"t\", "
               "\"CVRSnapshot\": [{\"@id\": \"s\"}]}]}",
          3, 32, "no CVRSnapshot has the @id \"t\"" },
        { "duplicate selection",
          "{\"@type\": \"CVR.CastVoteRecordReport\",\n"
          " \"Election\": [{\"@id\": \"e\", \"Contest\": "
          "[{\"@id\": \"c\", \"ContestSelection\": [{\"@id\": \"a\"},\n {\"@id\": \"a\"}]}]}], "
          "\"CVR\": []}",
          3, 2, "selection \"a\" is given twice" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tally_cvr_nist_options o = {
            .contest = strcmp(cases[i].what, "unknown contest") == 0 ? "x" : NULL,
        };
        tally_pool *p = (tally_pool *)1;
        tally_error err;
        tally_status s = tally_cvr_nist_parse(cases[i].text, strlen(cases[i].text), "bad.json", &o,
                                              &p, &err);
        if (s != TALLY_EINVAL)
            fail_msg("%s: status %d", cases[i].what, s);
        assert_null(p);
        assert_string_equal(err.file, "bad.json");
        if (err.line != cases[i].line || err.column != cases[i].column ||
            !strstr(err.message, cases[i].message))
            fail_msg("%s: %d:%d: %s", cases[i].what, err.line, err.column, err.message);
    }
#undef HEAD
#undef CVR1
}

/* The published examples: example_2 of the hiltonroscoe CDF prototype
** (the specification's own figures), its RCV test deck, and RCTab's CDF
** JSON exports, every one of which reads. */
static void test_published_examples_read(void **state)
{
    static const char *const patterns[] = {
        "cdf/hiltonroscoe_cdfprototype/CVR/json/*.json",
        "cdf/hiltonroscoe_cdfprototype/CVR/xml/rcv_test_deck/*.json",
        "irv/rctab/*/*_cdf_cvr.json",
        "irv/rctab/_shared/cdf_json/*.json",
        "irv/rctab/test_set_8_multi_cdf/*_cvr_*.json",
    };
    char path[4300];
    size_t files = 0, refused = 0;
    int64_t papers = 0;
    tally_pool *p = NULL;
    tally_error err;
    const uint32_t c1[] = { 0 }, c2[] = { 1 }, c21[] = { 1, 0 };

    (void)state;
    if (!have_data())
        skip();
    snprintf(path, sizeof path, "%s/%s", data,
             "cdf/hiltonroscoe_cdfprototype/CVR/json/example_2.json");
    assert_int_equal(tally_cvr_nist_read(path, NULL, &p, &err), TALLY_OK);
    /* Six CVRs of contest _C1: three for _C1CS1 alone, one for _C1CS2,
    ** one whose only position has no indication (an empty paper), and one
    ** ranking _C1CS2 then _C1CS1. */
    assert_int_equal(p->n_candidates, 3);
    assert_int_equal(p->total, 6);
    assert_int_equal(weight_of(p, c1, 1), 3);
    assert_int_equal(weight_of(p, c2, 1), 1);
    assert_int_equal(weight_of(p, NULL, 0), 1);
    assert_int_equal(weight_of(p, c21, 2), 1);
    tally_pool_free(p);

    snprintf(path, sizeof path, "%s/%s", data,
             "cdf/hiltonroscoe_cdfprototype/CVR/xml/rcv_test_deck/Multi-winner_NIST_CVR_3.json");
    assert_int_equal(tally_cvr_nist_read(path, NULL, &p, &err), TALLY_OK);
    assert_int_equal(p->n_candidates, 6);
    assert_int_equal(p->total, 30);
    {
        /* Counted by Meek for three seats, the deck's seats. */
        tally_method_options mo = { .seats = 3, .has_seed = 1, .seed = 0 };
        tally_method_result *r = NULL;
        assert_int_equal(tally_method_run(tally_method_find("meek"), p, &mo, &r, &err), TALLY_OK);
        assert_int_equal(r->n_elected, 3);
        tally_method_result_free(r);
    }
    tally_pool_free(p);

    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        glob_t g;
        snprintf(path, sizeof path, "%s/%s", data, patterns[i]);
        if (glob(path, 0, NULL, &g) != 0)
            fail_msg("no files: %s", path);
        for (size_t k = 0; k < g.gl_pathc; k++) {
            tally_status s = tally_cvr_nist_read(g.gl_pathv[k], NULL, &p, &err);
            /* Two of RCTab's exports name a selection their contest does
            ** not declare (an alias of candidate A): refused, at the
            ** place. */
            if (s == TALLY_EINVAL && strstr(err.message, "\"cs-candidate_a_name_file_1\" is not") &&
                (strstr(g.gl_pathv[k], "/aliases_cdf_json_expected") ||
                 strstr(g.gl_pathv[k], "/conversions_from_cdf_expected"))) {
                assert_true(err.line > 0 && err.column == 34);
                refused++;
                continue;
            }
            if (s != TALLY_OK)
                fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
            papers += p->total;
            files++;
            tally_pool_free(p);
        }
        globfree(&g);
    }
    print_message("%zu NIST CVR JSON files read, %lld papers; %zu refused with the place of "
                  "an undeclared selection (RCTab's aliases_cdf_json and conversions_from_cdf "
                  "exports)\n",
                  files, (long long)papers, refused);
    assert_int_equal(refused, 2);
    assert_true(files >= 14);
}

static char *temp_file(const char *text, size_t len)
{
    static char path[64];
    int fd;
    strcpy(path, "/tmp/tally_cvr_XXXXXX");
    assert_true((fd = mkstemp(path)) >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

/* Fail each allocation of a whole read in turn (jansson's included, as it
** allocates through libtally), from a buffer and from a file: every run
** either succeeds or returns TALLY_ENOMEM with nothing returned and
** nothing leaked (the ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    char *path = temp_file(report, sizeof report - 1);

    (void)state;
    for (int from_file = 0; from_file < 2; from_file++) {
        int succeeded = 0;
        long n;
        for (n = 0; n < 100000 && !succeeded; n++) {
            tally_pool *p = (tally_pool *)1;
            tally_error err;
            tally_status s;
            tally_alloc_fail_after(n);
            s = from_file ? tally_cvr_nist_read(path, NULL, &p, &err)
                          : tally_cvr_nist_parse(report, sizeof report - 1, "r", NULL, &p, &err);
            tally_alloc_fail_after(-1);
            if (s == TALLY_OK) {
                succeeded = 1;
                assert_int_equal(p->total, 3);
                assert_string_equal(p->names[1], "Bob Baker");
            } else {
                assert_int_equal(s, TALLY_ENOMEM);
                assert_null(p);
            }
            tally_pool_free(p);
        }
        assert_true(succeeded);
        assert_true(n > 50);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_ranks_and_papers),
        cmocka_unit_test(test_skipped_ranks_limit_ends_the_paper),
        cmocka_unit_test(test_contest_chosen_by_name),
        cmocka_unit_test(test_contest_chosen_by_id),
        cmocka_unit_test(test_errors_name_line_and_column),
        cmocka_unit_test(test_published_examples_read),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
