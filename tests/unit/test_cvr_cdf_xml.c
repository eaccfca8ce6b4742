/*
** NIST SP 1500-103 cast vote records in XML (src/io/cdf_xml.c, the
** NIST_V0 schema) read through tally_cvr_source_read, on files the test
** writes: the XML binding read by the same rules as the JSON one (ranks,
** equal marks, a paper with no mark, a selection naming no option, a
** contest by its Name, candidates by CandidateIds, an unnamed write-in
** selection the undeclared write-in); bad input at its file
** and line (column 0 once parsed, libxml2's column for a document that is
** not well-formed); allocation failure at every step.
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

static char dir[64] = "/tmp/tally-cdfxml-XXXXXX";
static char path[128];

static const tally_cvr_candidate cands[] = {
    { "Ann Archer", NULL, 0 },
    { "Bob Baker", NULL, 0 },
    { "Cat Cole", NULL, 0 },
};
enum { ANN, BOB, CAT, UWI };

#define SEL(id, rank)                                                                          \
    "<cdf:CVRContestSelection><cdf:ContestSelectionId>" id "</cdf:ContestSelectionId>"          \
    "<cdf:SelectionPosition><cdf:HasIndication>yes</cdf:HasIndication>"                        \
    "<cdf:NumberVotes>1</cdf:NumberVotes><cdf:Rank>" #rank "</cdf:Rank>"                       \
    "</cdf:SelectionPosition></cdf:CVRContestSelection>\n"
#define CVR(body)                                                                              \
    "<cdf:CVR><cdf:CVRSnapshot ObjectId=\"s\"><cdf:CVRContest>"                               \
    "<cdf:ContestId>c1</cdf:ContestId>\n" body "</cdf:CVRContest></cdf:CVRSnapshot></cdf:CVR>\n"

/* Line 9 is the first CVR; its first mark (Ann) is on line 10. */
static const char head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<cdf:CastVoteRecordReport xmlns:cdf=\"NIST_V0_cast_vote_records.xsd\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "<cdf:Election ObjectId=\"e\">\n"
    "<cdf:Candidate ObjectId=\"ka\"><cdf:Name>Ann Archer</cdf:Name></cdf:Candidate>\n"
    "<cdf:Candidate ObjectId=\"kb\"><cdf:Name>Bob Baker</cdf:Name></cdf:Candidate>\n"
    "<cdf:Candidate ObjectId=\"kc\"><cdf:Name>Cat Cole</cdf:Name></cdf:Candidate>"
    "<cdf:Candidate ObjectId=\"kw\"/><cdf:Candidate ObjectId=\"kd\"><cdf:Name>Dan Dee</cdf:Name></cdf:Candidate>\n"
    "<cdf:Contest xsi:type=\"cdf:CandidateContest\" ObjectId=\"c1\"><cdf:Name>Mayor</cdf:Name>"
    "<cdf:ContestSelection ObjectId=\"sa\"><cdf:CandidateIds>ka</cdf:CandidateIds></cdf:ContestSelection>"
    "<cdf:ContestSelection ObjectId=\"sb\"><cdf:CandidateIds>kb</cdf:CandidateIds></cdf:ContestSelection>"
    "<cdf:ContestSelection ObjectId=\"sc\"><cdf:CandidateIds>kc</cdf:CandidateIds></cdf:ContestSelection>"
    "<cdf:ContestSelection ObjectId=\"sw\"><cdf:CandidateIds>kw</cdf:CandidateIds>"
    "<cdf:IsWriteIn>true</cdf:IsWriteIn></cdf:ContestSelection>"
    /* not a configured candidate: refused only when a paper marks it */
    "<cdf:ContestSelection ObjectId=\"sd\"><cdf:CandidateIds>kd</cdf:CandidateIds></cdf:ContestSelection>"
    "</cdf:Contest>\n"
    "</cdf:Election>\n";

static const char good[] =
    /* Ann 1, Bob 2 (lines 9-11) */
    CVR(SEL("sa", 1) SEL("sb", 2))
    /* Bob 1, twice */
    CVR(SEL("sb", 1))
    CVR(SEL("sb", 1))
    /* Ann and Cat both at rank 1: equal */
    CVR(SEL("sa", 1) SEL("sc", 1))
    /* the write-in selection, its candidate unnamed: the undeclared write-in */
    CVR(SEL("sw", 1))
    /* a write-in not adjudicated: no selection named, a paper with no mark */
    CVR("<cdf:CVRContestSelection><cdf:SelectionPosition><cdf:HasIndication>yes"
        "</cdf:HasIndication></cdf:SelectionPosition></cdf:CVRContestSelection>\n")
    "</cdf:CastVoteRecordReport>\n";

static void put(const char *body)
{
    FILE *f;

    assert_non_null(f = fopen(path, "w"));
    fputs(head, f);
    fputs(body, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/cvr.xml", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(dir);
    return 0;
}

static void test_xml_read_by_the_cdf_rules(void **state)
{
    tally_cvr_source s = { .path = path, .provider = "cdf", .contest_id = "Mayor" };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;
    const uint32_t ab[] = { ANN, BOB }, b[] = { BOB }, ac[] = { ANN, CAT | TALLY_BALLOT_EQUAL },
                   w[] = { UWI };

    (void)state;
    put(good);
    if (tally_cvr_source_read(&s, cands, 3, NULL, p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(p->total, 6);
    assert_int_equal(test_weight_of(p, ab, 2), 1);
    assert_int_equal(test_weight_of(p, b, 1), 2);
    assert_int_equal(test_weight_of(p, ac, 2), 1);
    assert_int_equal(test_weight_of(p, w, 1), 1);
    assert_int_equal(test_weight_of(p, NULL, 0), 1);
    tally_pool_free(p);
}

static void refused(const char *body, const char *message, int line, int column)
{
    tally_cvr_source s = { .path = path, .provider = "cdf", .contest_id = "Mayor" };
    tally_pool *p = test_contest_pool(cands, 3);
    tally_error err;

    put(body);
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    if (!strstr(err.message, message))
        fail_msg("'%s' does not say '%s'", err.message, message);
    if (!strstr(err.file, "cvr.xml"))
        fail_msg("not in cvr.xml: %s", err.file);
    if (err.line != line || err.column != column)
        fail_msg("%s: at %d:%d, not %d:%d", err.message, err.line, err.column, line, column);
    tally_pool_free(p);
}

static void test_bad_input_at_its_file_and_line(void **state)
{
    (void)state;
    /* an unknown selection: the ContestSelectionId's line */
    refused(CVR(SEL("sz", 1)) "</cdf:CastVoteRecordReport>\n",
            "\"sz\" is not a selection of the contest", 10, 0);
    /* a paper marking a selection that is not a configured candidate */
    refused(CVR(SEL("sd", 1)) "</cdf:CastVoteRecordReport>\n",
            "'Dan Dee' is not a name or alias", 0, 0);
    /* a missing element: the CVRContest without ContestId */
    refused("<cdf:CVR><cdf:CVRSnapshot ObjectId=\"s\">\n<cdf:CVRContest>\n"
            "</cdf:CVRContest></cdf:CVRSnapshot></cdf:CVR>\n</cdf:CastVoteRecordReport>\n",
            "\"ContestId\" is missing", 10, 0);
    /* a Rank that is not a whole number */
    refused(CVR(SEL("sa", one)) "</cdf:CastVoteRecordReport>\n",
            "a Rank must be a whole number", 10, 0);
    /* not well-formed: libxml2's first error, at its line and column (just
    ** past the mismatched end tag), not the early end that follows it */
    refused("<cdf:CVR>\n</cdf:CVRX>\n", "Opening and ending tag mismatch", 10, 12);
}

/* The Google Civics sample feed, which is not well-formed XML, is refused
** at its place, never read in part. */
static void test_not_well_formed_sample_refused(void **state)
{
    const char *data = getenv("TALLY_SHARED_DATA");
    char feed[4096];
    tally_cvr_source s = { .path = feed, .provider = "cdf" };
    tally_pool *p;
    tally_error err;

    (void)state;
    snprintf(feed, sizeof feed, "%s/cdf/google_civics_cdf_samples/samples/election_dates_sample_feed.xml",
             data ? data : "");
    if (!data || access(feed, R_OK) != 0)
        skip();
    p = test_contest_pool(cands, 3);
    assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
    if (!strstr(err.message, "not well-formed XML"))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_true(err.line > 0);
    assert_int_equal(p->total, 0);
    tally_pool_free(p);
}

static void test_allocation_failure_at_every_step(void **state)
{
    tally_cvr_source s = { .path = path, .provider = "cdf", .contest_id = "Mayor" };

    (void)state;
    put(good);
    test_cvr_source_alloc_failures(&s, cands, 3, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_read_by_the_cdf_rules),
        cmocka_unit_test(test_bad_input_at_its_file_and_line),
        cmocka_unit_test(test_not_well_formed_sample_refused),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
