/*
** RCTab's CSV summary report (src/report/rctab_csv.c) of counts worked by
** hand, one rule of RCTab's ResultsWriter each: a share rounded to seven
** significant digits before it is cut to two decimals of a percentage;
** equal first-round votes in the order of Java's HashMap of the names;
** fields quoted as Apache Commons CSV quotes them; the round of an
** election counted on past (continueUntilTwoCandidatesRemain) and the
** tie footnote. The whole report is proved against RCTab's own on every
** compared case in tests/conformance/test_irv_reference.c.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tally/method.h"
#include "tally/stages.h"

#include "ballots.h"

/* The CSV report of pool p counted by irv with io (NULL: the defaults),
** its last candidate the undeclared write-ins, as an RCTab configuration
** gives them (irv rule W); a new string. */
static char *report(const tally_pool *p, const tally_irv_options *io)
{
    tally_irv_options rules = io ? *io : (tally_irv_options){ 0 };
    tally_method_options mo = { .has_seed = 1, .seed = 1, .irv = &rules };
    tally_rctab_report info = { "Mayor", "", "", "", "tally", p->n_candidates - 1, 0, 0, 0, 0 };
    tally_method_result *r = NULL;
    tally_error err;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    assert_non_null(f);
    rules.has_write_in = 1;
    rules.write_in = p->n_candidates - 1;
    if (tally_irv(p, &mo, &r, &err) != TALLY_OK)
        fail_msg("irv: %s", err.message);
    assert_int_equal(tally_stages_rctab_csv(r, &info, f), TALLY_OK);
    fclose(f);
    tally_method_result_free(r);
    return text;
}

static void has_line(const char *text, const char *line)
{
    const char *at = strstr(text, line);
    size_t n = strlen(line);

    if (!at || (at != text && at[-1] != '\n') || (at[n] != '\n' && at[n] != '\0'))
        fail_msg("no line '%s' in:\n%s", line, text);
}

static void test_share_rounded_to_seven_digits_then_cut(void **state)
{
    /* A 1,234,999,999 of 10^10: 0.1234999999 is 0.1235000 to seven
    ** significant digits (MathContext.DECIMAL32), so 12.35%, where cutting
    ** the exact share would give 12.34%. B 0.8765000001: 87.65%. */
    static const char *const names[] = { "A", "B", "Undeclared Write-ins" };
    static const paper ps[] = { { INT64_C(1234999999), "A" }, { INT64_C(8765000001), "B" } };
    tally_pool *p = test_pool(3, 0, names, ps, 2);
    char *text = report(p, NULL);
    (void)state;

    has_line(text, "B,8765000001,87.65%,0");
    has_line(text, "A,1234999999,12.35%,0");
    has_line(text, "Final Threshold,5000000001");
    has_line(text, "Type of Election,Single-Winner");
    free(text);
    tally_pool_free(p);
}

static void test_equal_first_votes_in_java_hashmap_order(void **state)
{
    /* Q and P have 1 each: "P" hashes to 80, bucket 0 of 16, "Q" to 81,
    ** bucket 1, so P comes first though Q is listed first. "Doe, Jane"
    ** holds a comma: quoted, in the winner's line too. 3 of 5 elect. */
    static const char *const names[] = { "Q", "P", "Doe, Jane", "Undeclared Write-ins" };
    static const paper ps[] = { { 3, "C" }, { 1, "A" }, { 1, "B" } };
    tally_pool *p = test_pool(4, 0, names, ps, 3);
    char *text = report(p, NULL);
    const char *doe, *pp, *q;
    (void)state;

    has_line(text, "Winner(s),\"Doe, Jane\"");
    has_line(text, "\"Doe, Jane\",3,60.0%,0");
    has_line(text, "P,1,20.0%,0");
    has_line(text, "Q,1,20.0%,0");
    doe = strstr(text, "\"Doe, Jane\",3");
    pp = strstr(text, "\nP,1");
    q = strstr(text, "\nQ,1");
    assert_true(doe < pp && pp < q);
    has_line(text, "Elected,\"Doe, Jane\",,");
    assert_null(strstr(text, "Tie resolved"));
    free(text);
    tally_pool_free(p);
}

static void test_election_counted_on_shows_its_round_then_the_next(void **state)
{
    /* continueUntilTwoCandidatesRemain: A 6 of 11 elected in round 1;
    ** round 2 shows the same tally and eliminates C, the fewest (its 2
    ** papers exhausted); round 3: A 6, B 3 of 9 active, the threshold
    ** staying 6. */
    static const char *const names[] = { "A", "B", "C", "Undeclared Write-ins" };
    static const paper ps[] = { { 6, "A" }, { 3, "B" }, { 2, "C" } };
    static const tally_irv_options two = { .until_two = 1 };
    tally_pool *p = test_pool(4, 0, names, ps, 3);
    char *text = report(p, &two);
    (void)state;

    has_line(text, "Eliminated,,,,C,,,,,");
    has_line(text, "Elected,A,,,,,,,,");
    has_line(text, "A,6,54.54%,0,6,54.54%,0,6,66.66%,0");
    has_line(text, "C,2,18.18%,0,2,18.18%,-2,0,0.0%,0");
    has_line(text, "Active Ballots,11,,,11,,,9,,");
    has_line(text, "Current Round Threshold,6,,,6,,,6,,");
    has_line(text, "Inactive Ballots by Exhausted Choices,0,,0,0,,2,2,,0");
    free(text);
    tally_pool_free(p);
}

static void test_tie_marked_and_footnoted(void **state)
{
    /* B and C equal fewest with 2: one goes by lot, marked "*", and the
    ** report ends with RCTab's footnote. */
    static const char *const names[] = { "A", "B", "C", "Undeclared Write-ins" };
    static const paper ps[] = { { 3, "A" }, { 2, "B A" }, { 2, "C A" } };
    tally_pool *p = test_pool(4, 0, names, ps, 3);
    char *text = report(p, NULL);
    size_t n = strlen(text);
    static const char foot[] = "\n\n*Tie resolved in accordance with election law\n";
    (void)state;

    assert_true(strstr(text, "Eliminated,B*,,") || strstr(text, "Eliminated,C*,,"));
    assert_true(n > sizeof foot && strcmp(text + n - (sizeof foot - 1), foot) == 0);
    free(text);
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_share_rounded_to_seven_digits_then_cut),
        cmocka_unit_test(test_equal_first_votes_in_java_hashmap_order),
        cmocka_unit_test(test_election_counted_on_shows_its_round_then_the_next),
        cmocka_unit_test(test_tie_marked_and_footnoted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
