/*
** Instant-runoff (src/methods/irv.c) on small elections worked by hand,
** named after the rules of irv.c (1: the first choice; 2: a majority of
** the continuing votes elects; 3: the lowest is excluded, or a batch; 4:
** equal lowest by the earlier stage, then lot; 5: the last one left) and
** after each option of tally_irv_options (method.h): an overvote exhausts
** or is skipped; blank ranks are passed over or limited (read by the CVR
** reader, cvr.h); a repeated candidate is skipped or exhausts; batch
** elimination; RCTab's useCandidateOrder and random tie-breaks; RCTab's
** exhaustIfMultipleContinuing (rule O) and its modes of the count,
** continueUntilTwoCandidatesRemain, doesFirstRoundDetermineThreshold and
** stopTabulationEarlyAfterRound (rule T). Every
** stage reconciles; the same seed writes the same bytes; allocation
** failure at every step.
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
#include "tally/ballot.h"
#include "tally/cvr.h"
#include "tally/method.h"
#include "tally/stages.h"

#include "ballots.h"

#define U TALLY_VOTE_UNIT

static tally_pool *pool_of(size_t n, const paper *ps, size_t k)
{
    return test_pool(n, 0, NULL, ps, k);
}

static void reconciles(const tally_method_result *r)
{
    test_stages_reconcile(r);
}

static tally_method_result *count_with(const tally_pool *p, const tally_irv_options *io,
                                       int has_seed, uint64_t seed)
{
    tally_method_options o = { .seats = 0, .has_seed = has_seed, .seed = seed, .irv = io };
    tally_method_result *r = NULL;
    tally_error err;

    if (tally_irv(p, &o, &r, &err) != TALLY_OK)
        fail_msg("irv: %s", err.message);
    reconciles(r);
    return r;
}

static tally_method_result *count(const tally_pool *p)
{
    return count_with(p, NULL, 0, 0);
}

/* The votes of candidate c (a letter) at stage s (1-based), in papers. */
static int64_t at(const tally_method_result *r, size_t s, char c)
{
    int64_t v = r->stages[s - 1].votes[c - 'A'];
    return v == TALLY_NONE ? -1 : v / U;
}

static char winner(const tally_method_result *r)
{
    assert_int_equal(r->n_elected, 1);
    return (char)('A' + r->elected[0]);
}

static void test_rule2_majority_in_the_first_round(void **state)
{
    static const paper ps[] = { { 6, "A B" }, { 3, "B C" }, { 2, "C B" } };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 1);
    assert_int_equal(r->valid, 11);
    assert_int_equal(r->quota, 6 * U); /* floor(11 / 2) + 1 */
    assert_int_equal(winner(r), 'A');
    assert_int_equal(r->candidates[0].stage, 1);
    assert_int_equal(r->candidates[0].last_vacancy, 0);
    assert_ptr_equal(tally_method_find("irv")->run, tally_irv);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_rule3_lowest_excluded_and_papers_move_on(void **state)
{
    /* 14: A 5, B 4, C 3, D 2 -> D out, C 5 -> B out (4), A 9 > 7. */
    static const paper ps[] = { { 5, "A" }, { 4, "B A" }, { 3, "C B" }, { 2, "D C" } };
    tally_pool *p = pool_of(4, ps, 4);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->stages[1].kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(r->stages[1].subject, 3);
    assert_int_equal(at(r, 2, 'C'), 5);
    assert_int_equal(at(r, 2, 'D'), 0);
    assert_int_equal(at(r, 3, 'D'), -1); /* excluded at an earlier stage */
    assert_int_equal(r->stages[2].subject, 1);
    assert_int_equal(at(r, 3, 'A'), 9);
    assert_int_equal(at(r, 3, 'C'), 5); /* "C B": B is out, C keeps them */
    assert_int_equal(winner(r), 'A');
    assert_int_equal(r->candidates[0].stage, 3);
    assert_int_equal(r->candidates[3].fate, TALLY_FATE_EXCLUDED);
    assert_int_equal(r->candidates[3].stage, 2);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_rule2_majority_of_continuing_votes_not_of_papers(void **state)
{
    /* A 4, B 3, C 2 (no later choices). C out: 2 exhausted, 7 continue,
    ** A 4 > 3.5 is elected with 4 of 9 valid papers. */
    static const paper ps[] = { { 4, "A" }, { 3, "B" }, { 2, "C" } };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    assert_int_equal(r->quota, 4 * U); /* floor(7 / 2) + 1 */
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_rule4_equal_lowest_decided_by_earlier_stage(void **state)
{
    /* 21: A 10, B 5, C 4, D 2 -> D out (1 to C, 1 exhausted): A 10, B 5,
    ** C 5; B and C equal lowest, C had fewer at stage 1: C out. A 10 of 15. */
    static const paper ps[] = { { 10, "A" }, { 5, "B" }, { 4, "C" }, { 1, "D C" }, { 1, "D" } };
    tally_pool *p = pool_of(4, ps, 5);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->stages[1].choice, TALLY_CHOICE_CLEAR);
    assert_int_equal(at(r, 2, 'B'), 5);
    assert_int_equal(at(r, 2, 'C'), 5);
    assert_int_equal(r->stages[2].subject, 2);
    assert_int_equal(r->stages[2].choice, TALLY_CHOICE_PRECEDING);
    assert_int_equal(r->stages[2].choice_stage, 1);
    assert_int_equal(r->stages[2].n_tied, 2);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static char *json_of(const tally_method_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(tally_stages_json(r, "t.csv", 1, f), TALLY_OK);
    fclose(f);
    return buf;
}

static void test_rule4_equal_at_every_stage_decided_by_lot(void **state)
{
    /* A 4, B 2, C 2 at the first stage: no earlier stage, so by lot. */
    static const paper ps[] = { { 4, "A" }, { 2, "B A" }, { 2, "C B" } };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_options o = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;
    int out[3] = { 0, 0, 0 };
    (void)state;

    assert_int_equal(tally_irv(p, &o, &r, &err), TALLY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "give a seed"));
    for (uint64_t seed = 0; seed < 40; seed++) {
        tally_method_result *a = count_with(p, NULL, 1, seed), *b = count_with(p, NULL, 1, seed);
        char *ja = json_of(a), *jb = json_of(b);
        assert_string_equal(ja, jb);
        assert_int_equal(a->n_lots, 1);
        assert_int_equal(a->stages[1].choice, TALLY_CHOICE_LOT);
        assert_int_equal(a->stages[1].n_tied, 2);
        out[a->stages[1].subject]++;
        /* B out: A 6 of 8. C out: A 4, B 4, B had fewer at stage 1: A. */
        assert_int_equal(winner(a), 'A');
        free(ja);
        free(jb);
        tally_method_result_free(a);
        tally_method_result_free(b);
    }
    assert_true(out[1] > 0 && out[2] > 0 && out[0] == 0);
    tally_pool_free(p);
}

static void test_rule5_last_continuing_candidate_elected(void **state)
{
    /* A 2, B 2, C 1 (no later choices): C out; A 2, B 2 of 4: no majority;
    ** equal at every stage, one goes by lot; the other then has every
    ** continuing vote (a majority, rule 2). */
    static const paper ps[] = { { 2, "A" }, { 2, "B" }, { 1, "C" } };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count_with(p, NULL, 1, 11);
    (void)state;

    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->stages[2].choice, TALLY_CHOICE_LOT);
    assert_int_equal(r->candidates[r->elected[0]].last_vacancy, 0);
    assert_int_equal(r->candidates[r->elected[0]].stage, 3);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* One candidate standing (B withdrawn) and no valid paper: no
    ** majority of nothing, but the last one left (rule 5). */
    static const paper none[] = { { 3, "B" } };
    p = pool_of(2, none, 1);
    p->withdrawn[1] = 1;
    r = count(p);
    assert_int_equal(r->valid, 0);
    assert_int_equal(r->invalid, 3);
    assert_int_equal(winner(r), 'A');
    assert_int_equal(r->candidates[0].last_vacancy, 1);
    assert_int_equal(r->candidates[1].fate, TALLY_FATE_WITHDRAWN);
    assert_int_equal(at(r, 1, 'B'), -1);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_overvote_exhausts_or_is_skipped(void **state)
{
    /* "B=C A": exhausted at its first rank (not a valid paper), or the rank
    ** is skipped and it counts for A. */
    static const paper ps[] = { { 3, "B" }, { 2, "A" }, { 2, "B=C A" } };
    static const tally_irv_options skip = { .overvote = TALLY_OVERVOTE_SKIP };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->invalid, 2);
    assert_int_equal(winner(r), 'B'); /* 3 of 5 */
    tally_method_result_free(r);
    r = count_with(p, &skip, 0, 0);
    assert_int_equal(r->invalid, 0);
    assert_int_equal(winner(r), 'A'); /* 4 of 7 */
    tally_method_result_free(r);
    tally_pool_free(p);

    /* An overvote reached later: C out, "C A=B B" exhausts at "A=B", or
    ** skips it and goes to B (B 5 of 9). */
    static const paper later[] = { { 4, "A" }, { 3, "B" }, { 2, "C A=B B" } };
    p = pool_of(3, later, 3);
    r = count(p);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    r = count_with(p, &skip, 0, 0);
    assert_int_equal(at(r, 2, 'B'), 5);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    tally_pool_free(p);

    /* A mark for a withdrawn candidate is no mark: "C=D A" is a vote for C. */
    static const paper wd[] = { { 3, "A" }, { 2, "C=D A" }, { 1, "B" } };
    p = pool_of(4, wd, 3);
    p->withdrawn[3] = 1;
    r = count(p);
    assert_int_equal(at(r, 1, 'C'), 2);
    assert_int_equal(r->invalid, 0);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_duplicate_skipped_or_exhausts(void **state)
{
    /* C out; "C C A" goes on to A (A 5 of 9), or is exhausted at the
    ** repeated C (B 4 of 7). */
    static const paper ps[] = { { 4, "B" }, { 3, "A" }, { 2, "C C A" } };
    static const tally_irv_options dup = { .duplicate = TALLY_DUPLICATE_EXHAUST };
    static const tally_irv_options skip_dup = { .overvote = TALLY_OVERVOTE_SKIP,
                                                .duplicate = TALLY_DUPLICATE_EXHAUST };
    static const tally_irv_options skip = { .overvote = TALLY_OVERVOTE_SKIP };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(at(r, 2, 'A'), 5);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    r = count_with(p, &dup, 0, 0);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    tally_pool_free(p);

    /* A candidate first marked in an overvote that is skipped: "C=A A"
    ** counts for A at rank 2 (A 5 of 9), unless repeats exhaust (B 4 of 7),
    ** as RCTab reads them. */
    static const paper ov[] = { { 4, "B" }, { 3, "A" }, { 2, "C=A A" } };
    p = pool_of(3, ov, 3);
    r = count_with(p, &skip, 0, 0);
    assert_int_equal(at(r, 1, 'A'), 5);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    r = count_with(p, &skip_dup, 0, 0);
    assert_int_equal(r->invalid, 2);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* A pool read from CVR CSV text with the given rules. */
static tally_pool *cvr(const char *text, const tally_irv_options *io)
{
    tally_pool *p = NULL;
    tally_error err;

    if (tally_cvr_csv_parse(text, strlen(text), "t.csv", io, &p, &err) != TALLY_OK)
        fail_msg("t.csv:%d:%d: %s", err.line, err.column, err.message);
    return p;
}

static void test_skipped_ranks_passed_over_or_limited(void **state)
{
    /* A 4, B 3, C 2 of 9; C out. "C,,B" has one blank rank before B,
    ** "C,,,B" two. Passed over: B 5 of 9. At most one blank: A 4, B 4 of
    ** 8, B had fewer at stage 1, so B out: A. None: A 4 of 7. */
    static const char csv[] = "Rank 1,Rank 2,Rank 3,Rank 4\n"
                              "A,,,\nA,,,\nA,,,\nA,,,\n"
                              "B,,,\nB,,,\nB,,,\n"
                              "C,,B,\n"
                              "C,,,B\n";
    static const tally_irv_options one = { .limit_skipped = 1, .max_skipped = 1 };
    static const tally_irv_options none = { .limit_skipped = 1 };
    const tally_irv_options *rules[3] = { NULL, &one, &none };
    const char want[3] = { 'B', 'A', 'A' };
    const int64_t b_after[3] = { 5, 4, 3 };
    (void)state;

    for (int i = 0; i < 3; i++) {
        tally_pool *p = cvr(csv, rules[i]);
        tally_method_result *r = count(p);
        assert_int_equal(r->valid, 9);
        assert_int_equal(at(r, 2, 'B'), b_after[i]);
        assert_int_equal(winner(r), want[i]);
        tally_method_result_free(r);
        tally_pool_free(p);
    }
}

static void test_skipped_ranks_before_the_first_mark(void **state)
{
    /* ",,C" (5 papers, by the Count column) has two blank ranks before its
    ** first mark. Passed over, or within a limit of two: C 5, A 4, B 3 of
    ** 12, B out, C 5 of 9. With a limit of one it is not a valid paper:
    ** A 4 of 7 at the first stage. */
    static const char csv[] = "Count,Rank 1,Rank 2,Rank 3\n"
                              "4,A,,\n"
                              "3,B,,\n"
                              "5,,,C\n";
    static const tally_irv_options one = { .limit_skipped = 1, .max_skipped = 1 };
    static const tally_irv_options two = { .limit_skipped = 1, .max_skipped = 2 };
    tally_pool *p = cvr(csv, NULL);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->valid, 12);
    assert_int_equal(winner(r), 'C');
    tally_method_result_free(r);
    tally_pool_free(p);
    p = cvr(csv, &two);
    r = count(p);
    assert_int_equal(winner(r), 'C');
    tally_method_result_free(r);
    tally_pool_free(p);
    p = cvr(csv, &one);
    r = count(p);
    assert_int_equal(r->invalid, 5);
    assert_int_equal(r->n_stages, 1);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_overvote_marker_in_a_cvr(void **state)
{
    /* "C,overvote,,A": skipped, the overvote is still a mark, so one blank
    ** follows it and A is within a limit of one blank: A 3, B 4, C 2 of
    ** 9, C out, A 5. With exhaust the paper ends at it: B 4 of 7. */
    static const char csv[] = "Rank 1,Rank 2,Rank 3,Rank 4\n"
                              "A,,,\nA,,,\nA,,,\n"
                              "B,,,\nB,,,\nB,,,\nB,,,\n"
                              "C,overvote,,A\nC,overvote,,A\n";
    static const tally_irv_options skip1 = { .overvote = TALLY_OVERVOTE_SKIP, .limit_skipped = 1,
                                             .max_skipped = 1 };
    static const tally_irv_options ex1 = { .limit_skipped = 1, .max_skipped = 1 };
    tally_pool *p = cvr(csv, &skip1);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(at(r, 2, 'A'), 5);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
    p = cvr(csv, &ex1);
    r = count(p);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* A paper whose only marks are unnamed overvotes, skipped: marked, so not
** blank (RCTab's undervotes), but for no one: inactive by exhausted choices
** from the first stage (the reader ends it TALLY_END_PASSED). A truly
** blank paper is in no reason. */
static void test_overvote_only_paper_skipped_is_exhausted_not_blank(void **state)
{
    static const char csv[] = "Rank 1,Rank 2\n"
                              "A,\nA,\nB,\novervote,\n,overvote\n,\n";
    static const tally_irv_options skip = { .overvote = TALLY_OVERVOTE_SKIP };
    tally_pool *p = cvr(csv, &skip);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->valid, 3);
    assert_int_equal(r->invalid, 3);
    assert_int_equal(r->stages[0].inactive[TALLY_INACTIVE_EXHAUSTED], 2);
    assert_int_equal(r->stages[0].inactive[TALLY_INACTIVE_OVERVOTE], 0);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_batch_elimination_excludes_the_lowest_together(void **state)
{
    /* 23: A 10, B 7, C 3, D 2, E 1. E 1 < D 2; E + D 3 is not < C 3;
    ** E + D + C 6 < B 7: E, D and C go together. One at a time, A reaches
    ** 13 > 11.5 once D is out (stage 3); in a batch nothing is decided
    ** until C is out too (stage 4: A 13, B 10). */
    static const paper ps[] = { { 10, "A" }, { 7, "B" }, { 3, "C B" }, { 2, "D A" },
                                { 1, "E A" } };
    static const tally_irv_options batch = { .batch = 1 };
    tally_pool *p = pool_of(5, ps, 5);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->candidates[0].stage, 3);
    assert_int_equal(r->candidates[2].fate, TALLY_FATE_NOT_ELECTED);
    tally_method_result_free(r);

    r = count_with(p, &batch, 0, 0);
    assert_int_equal(r->n_stages, 4);
    assert_int_equal(r->stages[1].subject, 4); /* E */
    assert_int_equal(r->stages[2].subject, 3); /* D */
    assert_int_equal(r->stages[3].subject, 2); /* C */
    assert_int_equal(at(r, 3, 'A'), 13);       /* a majority, not acted on */
    assert_int_equal(r->stages[2].n_elected, 0);
    assert_int_equal(at(r, 4, 'A'), 13);
    assert_int_equal(at(r, 4, 'B'), 10);
    assert_int_equal(winner(r), 'A');
    assert_int_equal(r->candidates[0].stage, 4);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* No batch when the lowest alone is the group: D 1 < C 3, but D + C
    ** 4 is not fewer than B 4. Then B and C are equal (4): no batch, and C
    ** goes, having had fewer at stage 1. */
    static const paper one[] = { { 5, "A" }, { 4, "B" }, { 3, "C" }, { 1, "D C" } };
    p = pool_of(4, one, 4);
    r = count_with(p, &batch, 0, 0);
    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->stages[1].subject, 3);
    assert_int_equal(r->stages[2].subject, 2);
    assert_int_equal(r->stages[2].choice, TALLY_CHOICE_PRECEDING);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* Rule W: A has a majority at the first round (6 of 11), but the write-ins
** (D, 2 papers) are excluded first; their papers go to B, and the
** majority of the 11 continuing votes (A 6, B 5) elects A a stage later.
** Holding no papers, the write-ins are out at the first stage and the
** count is decided there. */
static void test_ruleW_write_ins_excluded_before_a_majority_counts(void **state)
{
    static const paper ps[] = { { 6, "A" }, { 3, "B" }, { 2, "D B" } };
    static const paper none[] = { { 6, "A" }, { 3, "B" }, { 2, "C" } };
    tally_irv_options io = { .has_write_in = 1, .write_in = 3 };
    tally_pool *p = pool_of(4, ps, 3), *q = pool_of(4, none, 3);
    tally_method_result *r = count_with(p, &io, 0, 0), *s;
    (void)state;

    assert_int_equal(r->n_stages, 2);
    assert_int_equal(at(r, 1, 'D'), 2);
    assert_int_equal(r->stages[1].kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(r->stages[1].subject, 3);
    assert_int_equal(at(r, 2, 'B'), 5);
    assert_int_equal(at(r, 2, 'A'), 6);
    assert_int_equal(r->stages[0].n_elected, 0);
    assert_int_equal(winner(r), 'A');

    s = count_with(q, &io, 0, 0);
    assert_int_equal(s->n_stages, 1);
    assert_int_equal(at(s, 1, 'D'), 0);
    assert_int_equal(s->candidates[3].fate, TALLY_FATE_EXCLUDED);
    assert_int_equal(winner(s), 'A');
    tally_method_result_free(r);
    tally_method_result_free(s);
    tally_pool_free(p);
    tally_pool_free(q);
}

/* Why papers count for no one (RCTab's inactive ballots), stage by stage:
** A 6, B 5, and C's four papers, each exhausting for another reason when
** C is excluded: an overvote (A=B), C repeated, a paper the reader ended
** at the skipped-rank limit, and one whose marks ran out. Of the two
** papers with no first choice, the blank one is no inactive paper, the one
** ended at an unnamed overvote is. */
static void test_inactive_papers_by_why(void **state)
{
    static const uint32_t a[] = { 0 }, b[] = { 1 }, c[] = { 2 };
    static const uint32_t c_over[] = { 2, 0, 1 | TALLY_BALLOT_EQUAL }, c_c[] = { 2, 2 };
    tally_irv_options io = { .duplicate = TALLY_DUPLICATE_EXHAUST };
    tally_pool *p = NULL;
    tally_method_result *r;
    (void)state;

    assert_int_equal(tally_pool_new(3, &p), TALLY_OK);
    assert_int_equal(tally_pool_add(p, a, 1, 6), TALLY_OK);
    assert_int_equal(tally_pool_add(p, b, 1, 5), TALLY_OK);
    assert_int_equal(tally_pool_add(p, c_over, 3, 1), TALLY_OK);
    assert_int_equal(tally_pool_add(p, c_c, 2, 1), TALLY_OK);
    assert_int_equal(tally_pool_add_ending(p, c, 1, 1, TALLY_END_SKIPPED), TALLY_OK);
    assert_int_equal(tally_pool_add(p, c, 1, 1), TALLY_OK);
    assert_int_equal(tally_pool_add(p, NULL, 0, 1), TALLY_OK);
    assert_int_equal(tally_pool_add_ending(p, NULL, 0, 1, TALLY_END_OVERVOTE), TALLY_OK);
    r = count_with(p, &io, 0, 0);

    assert_int_equal(r->invalid, 2);
    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->stages[0].inactive[TALLY_INACTIVE_OVERVOTE], 1);
    assert_int_equal(r->stages[0].inactive[TALLY_INACTIVE_SKIPPED], 0);
    assert_int_equal(r->stages[0].inactive[TALLY_INACTIVE_EXHAUSTED], 0);
    assert_int_equal(r->stages[1].inactive[TALLY_INACTIVE_OVERVOTE], 2);
    assert_int_equal(r->stages[1].inactive[TALLY_INACTIVE_SKIPPED], 1);
    assert_int_equal(r->stages[1].inactive[TALLY_INACTIVE_REPEATED], 1);
    assert_int_equal(r->stages[1].inactive[TALLY_INACTIVE_EXHAUSTED], 1);
    assert_int_equal(r->stages[1].exhausted / U, 4);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* Rule 4 with tie_by_order (RCTab's useCandidateOrder): after D's paper
** moves to C, B and C are equal at 4. By the earlier stage C (3) goes; by
** the tie order, listing B first, B goes, whatever the earlier stages. */
static void test_rule4_equal_fewest_by_the_tie_order(void **state)
{
    static const paper ps[] = { { 6, "A" }, { 4, "B" }, { 3, "C" }, { 1, "D C" } };
    static const size_t order[] = { 1, 2, 3, 0 };
    tally_irv_options io = { .tie_by_order = 1 };
    tally_pool *p = pool_of(4, ps, 4);
    tally_method_result *r = count_with(p, NULL, 0, 0), *s;
    (void)state;

    assert_int_equal(r->stages[2].subject, 2); /* C, by stage 1 */
    assert_int_equal(r->stages[2].choice, TALLY_CHOICE_PRECEDING);
    assert_int_equal(tally_pool_set_tie_order(p, order, 4), TALLY_OK);
    s = count_with(p, &io, 0, 0);
    assert_int_equal(s->stages[1].subject, 3); /* D alone first */
    assert_int_equal(s->stages[2].subject, 1); /* then B, by the order */
    assert_int_equal(s->stages[2].choice, TALLY_CHOICE_ORDER);
    assert_int_equal(s->stages[2].n_tied, 2);
    assert_int_equal(winner(s), 'A');
    tally_method_result_free(r);
    tally_method_result_free(s);
    tally_pool_free(p);
}

/* Rule 4 with tie_by_draw (RCTab's tiebreakMode random): new
** java.util.Random(1) gives nextDouble() 0.7308781907032909, then
** 0.41008081149220166 (seed 2: 0.7311469360199058, 0.9014476240300544).
** D's clear exclusion draws nothing; then A, B and C are equal at 3, in
** name order C (Alice), B (Bob), A (Carol): floor(0.7309 * 3) = 2, so A
** goes; then C, B: floor(0.4101 * 2) = 0, so C goes, and E has 4 of 7. */
static void test_rule4_equal_fewest_by_rctabs_seeded_draw(void **state)
{
    static const char *const names[] = { "Carol", "Bob", "Alice", "Dan", "Eve" };
    static const paper ps[] = { { 3, "A" }, { 3, "B" }, { 3, "C" }, { 1, "D" }, { 4, "E" } };
    tally_irv_options io = { .tie_by_draw = 1, .draw_seed = 1 };
    tally_pool *p = test_pool(5, 0, names, ps, 5);
    tally_method_result *r = count_with(p, &io, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 4);
    assert_int_equal(r->stages[1].subject, 3); /* D, the fewest alone */
    assert_int_equal(r->stages[1].n_tied, 0);
    assert_int_equal(r->stages[2].subject, 0); /* A (Carol), by the first draw */
    assert_int_equal(r->stages[2].n_tied, 3);
    assert_int_equal(r->stages[2].choice, TALLY_CHOICE_LOT);
    assert_int_equal(r->stages[3].subject, 2); /* C (Alice), by the second */
    assert_int_equal(r->stages[3].n_tied, 2);
    assert_int_equal(winner(r), 'E');
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* RCTab draws the winner when the last two are equal (identifyWinners):
** of B (Alice) and A (Bob), floor(0.7309 * 2) = 1 names A (Bob) elected,
** so tally excludes B, and A is elected as the last one left. */
static void test_rule4_last_two_equal_the_draw_names_the_winner(void **state)
{
    static const char *const names[] = { "Bob", "Alice" };
    static const paper ps[] = { { 2, "A" }, { 2, "B" } };
    tally_irv_options io = { .tie_by_draw = 1, .draw_seed = 1 };
    tally_pool *p = test_pool(2, 0, names, ps, 2);
    tally_method_result *r = count_with(p, &io, 0, 0);
    (void)state;

    assert_int_equal(r->stages[1].subject, 1);
    assert_int_equal(r->stages[1].n_tied, 2);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* Rule 4 with tie_by_draw 2 (RCTab's previousRoundCountsThenRandom): D
** goes, one paper to A, one to B; A, B and C are equal at 4. At the first
** stage A and B (3) had fewer than C (4), but were equal to each other, so
** RCTab draws over all three in name order (Tiebreak.java doRandom takes
** the tied list, not those left): floor(0.7309 * 3) = 2, C goes. Then A
** and B, equal at every stage: floor(0.4101 * 2) = 0, A; E has 6 of 10. */
static void test_rule4_earlier_stages_then_rctabs_draw_over_all_the_equal(void **state)
{
    static const char *const names[] = { "Alice", "Bob", "Carol", "Dan", "Eve" };
    static const paper ps[] = { { 3, "A" }, { 3, "B" }, { 4, "C" }, { 1, "D A" }, { 1, "D B" },
                                { 6, "E" } };
    tally_irv_options io = { .tie_by_draw = 2, .draw_seed = 1 };
    tally_pool *p = test_pool(5, 0, names, ps, 6);
    tally_method_result *r = count_with(p, &io, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 4);
    assert_int_equal(r->stages[1].subject, 3); /* D */
    assert_int_equal(r->stages[2].subject, 2); /* C, by the first draw */
    assert_int_equal(r->stages[2].n_tied, 3);
    assert_int_equal(r->stages[3].subject, 0); /* A, by the second */
    assert_int_equal(winner(r), 'E');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_ruleO_overvote_counts_for_its_one_continuing_candidate(void **state)
{
    /* 15: A 3 ("A B=D"), B 5, C 5, D 2 ("D C"). D out: C 7 (of 15, not
    ** more than 7.5). A out: "B=D" names B and D, D out: for B alone,
    ** B 8 of 15 elected. Exhausting every overvote: A's 3 are lost, C 7 of
    ** 12 is elected. */
    static const paper ps[] = { { 5, "C" }, { 5, "B" }, { 2, "D C" }, { 3, "A B=D" } };
    static const paper two[] = { { 3, "A" }, { 2, "B" }, { 1, "A=B" } };
    static const tally_irv_options multiple = { .overvote = TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE };
    tally_pool *p = pool_of(4, ps, 4);
    tally_method_result *r = count_with(p, &multiple, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 3);
    assert_int_equal(at(r, 3, 'B'), 8);
    assert_int_equal(winner(r), 'B');
    assert_int_equal(r->stages[2].inactive[TALLY_INACTIVE_OVERVOTE], 0);
    tally_method_result_free(r);
    r = count(p);
    assert_int_equal(winner(r), 'C');
    assert_int_equal(r->stages[2].inactive[TALLY_INACTIVE_OVERVOTE], 3);
    tally_method_result_free(r);
    tally_pool_free(p);
    /* Two continuing at the rank: the paper is exhausted by the overvote. */
    p = pool_of(2, two, 3);
    r = count_with(p, &multiple, 0, 0);
    assert_int_equal(r->invalid, 1);
    assert_int_equal(r->stages[0].inactive[TALLY_INACTIVE_OVERVOTE], 1);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_ruleT_until_two_counts_on_past_the_election(void **state)
{
    /* 11: A 6 of 11 elected at stage 1. Counted on: C out, its 2 papers
    ** exhausted; A 6, B 3 are the last two. The threshold stays 6 (9
    ** continuing would make it 5). */
    static const paper ps[] = { { 6, "A" }, { 3, "B" }, { 2, "C" } };
    /* 14: A 8 elected. B and C equal, 6 together fewer than A's 8: as a
    ** batch they would leave A alone, so one goes, by lot. */
    static const paper eq[] = { { 8, "A" }, { 3, "B" }, { 3, "C" } };
    static const tally_irv_options two = { .until_two = 1 }, batch = { .until_two = 1, .batch = 1 };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 1);
    tally_method_result_free(r);
    r = count_with(p, &two, 0, 0);
    assert_int_equal(r->n_stages, 2);
    assert_int_equal(winner(r), 'A');
    assert_int_equal(r->candidates[0].stage, 1);
    assert_int_equal(r->stages[1].subject, 2);
    assert_int_equal(r->candidates[1].fate, TALLY_FATE_NOT_ELECTED);
    assert_int_equal(at(r, 2, 'A'), 6);
    assert_int_equal(r->stages[1].exhausted, 2 * U);
    assert_int_equal(r->stages[1].quota, 6 * U);
    tally_method_result_free(r);
    tally_pool_free(p);

    p = pool_of(3, eq, 3);
    r = count_with(p, &batch, 1, 1);
    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->stages[1].n_tied, 2);
    assert_int_equal(r->candidates[r->stages[1].subject == 1 ? 2 : 1].fate,
                     TALLY_FATE_NOT_ELECTED);
    assert_int_equal(winner(r), 'A');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_ruleT_first_round_threshold_and_the_last_two(void **state)
{
    /* 22: threshold 12 (11 + 1). A out (3 exhausted): C 10 of 19 is a
    ** majority of the continuing votes (stage 2), but short of the first
    ** round's 12: B out too, and of the last two, C 10, D 5, neither at
    ** 12, C has more and is elected (stage 3). */
    static const paper ps[] = { { 3, "A" }, { 4, "B" }, { 10, "C" }, { 5, "D" } };
    static const tally_irv_options first = { .first_threshold = 1 };
    tally_pool *p = pool_of(4, ps, 4);
    tally_method_result *r = count(p);
    (void)state;

    assert_int_equal(r->n_stages, 2);
    assert_int_equal(winner(r), 'C');
    tally_method_result_free(r);
    r = count_with(p, &first, 0, 0);
    assert_int_equal(r->n_stages, 3);
    assert_int_equal(r->stages[1].n_elected, 0);
    assert_int_equal(r->stages[2].subject, 1);
    assert_int_equal(winner(r), 'C');
    assert_int_equal(r->stages[2].quota, 12 * U);
    assert_int_equal(r->quota, 12 * U);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_ruleT_stop_after_rounds_elects_no_one(void **state)
{
    /* 9: A 4, B 3, C 2 ("C B"). Round 1 excludes C; round 2 elects B 5
    ** of 9. Stopped after round 1: C's papers moved, no one elected. */
    static const paper ps[] = { { 4, "A" }, { 3, "B" }, { 2, "C B" } };
    static const tally_irv_options one = { .stop_after = 1 }, two = { .stop_after = 2 };
    tally_pool *p = pool_of(3, ps, 3);
    tally_method_result *r = count_with(p, &one, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->n_elected, 0);
    assert_int_equal(at(r, 2, 'B'), 5);
    assert_int_equal(r->candidates[1].fate, TALLY_FATE_NOT_ELECTED);
    tally_method_result_free(r);
    r = count_with(p, &two, 0, 0);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_ruleW_declared_write_ins_with_no_papers_are_the_fewest(void **state)
{
    /* 9: A 4, B 3, C 2 ("C B"), the write-ins D none: no majority. Not
    ** declared, D goes at the first stage unseen, C next, B 5 elected at
    ** stage 2. Declared (RCTab's rule), D is the fewest, excluded in a
    ** stage of its own, nothing moving; then C; B elected at stage 3. */
    static const paper ps[] = { { 4, "A" }, { 3, "B" }, { 2, "C B" } };
    tally_irv_options io = { .has_write_in = 1, .write_in = 3 };
    tally_pool *p = pool_of(4, ps, 3);
    tally_method_result *r = count_with(p, &io, 0, 0);
    (void)state;

    assert_int_equal(r->n_stages, 2);
    assert_int_equal(r->candidates[3].stage, 1);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    io.write_in_declared = 1;
    r = count_with(p, &io, 0, 0);
    assert_int_equal(r->n_stages, 3);
    assert_int_equal(at(r, 1, 'D'), 0);
    assert_int_equal(r->stages[1].subject, 3);
    assert_int_equal(r->candidates[3].stage, 2);
    assert_int_equal(at(r, 2, 'C'), 2);
    assert_int_equal(r->stages[2].subject, 2);
    assert_int_equal(winner(r), 'B');
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_irv_fills_one_seat(void **state)
{
    static const paper ps[] = { { 1, "A" } };
    tally_pool *p = pool_of(2, ps, 1);
    tally_method_options o = { .seats = 2, .has_seed = 0, .seed = 0 };
    tally_method_result *r = NULL;
    tally_error err;
    (void)state;

    assert_int_equal(tally_irv(p, &o, &r, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "one seat"));
    p->seats = 3; /* a three-seat BLT counted as one seat */
    o.seats = 1;
    assert_int_equal(tally_irv(p, &o, &r, &err), TALLY_OK);
    assert_int_equal(r->seats, 1);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static void test_irv_allocation_failure_at_every_step(void **state)
{
    static const paper ps[] = { { 10, "A" }, { 7, "B" }, { 3, "C B" }, { 2, "D A" },
                                { 1, "E A" }, { 2, "E=D C C" } };
    static const tally_irv_options all = { .overvote = TALLY_OVERVOTE_SKIP,
                                           .duplicate = TALLY_DUPLICATE_EXHAUST, .batch = 1 };
    tally_pool *p = pool_of(5, ps, 6);
    tally_method_options o = { .seats = 0, .has_seed = 1, .seed = 3 };
    (void)state;

    for (int k = 0; k < 2; k++) {
        int ok = 0;
        for (long n = 0; n < 500 && !ok; n++) {
            tally_method_result *r = (tally_method_result *)1;
            tally_status s;
            tally_alloc_fail_after(n);
            o.irv = k ? &all : NULL;
            s = tally_irv(p, &o, &r, NULL);
            tally_alloc_fail_after(-1);
            if (s == TALLY_OK) {
                ok = 1;
                reconciles(r);
            } else {
                assert_int_equal(s, TALLY_ENOMEM);
                assert_null(r);
            }
            tally_method_result_free(r);
        }
        assert_true(ok);
    }
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule2_majority_in_the_first_round),
        cmocka_unit_test(test_rule3_lowest_excluded_and_papers_move_on),
        cmocka_unit_test(test_rule2_majority_of_continuing_votes_not_of_papers),
        cmocka_unit_test(test_rule4_equal_lowest_decided_by_earlier_stage),
        cmocka_unit_test(test_rule4_equal_at_every_stage_decided_by_lot),
        cmocka_unit_test(test_rule5_last_continuing_candidate_elected),
        cmocka_unit_test(test_overvote_exhausts_or_is_skipped),
        cmocka_unit_test(test_duplicate_skipped_or_exhausts),
        cmocka_unit_test(test_skipped_ranks_passed_over_or_limited),
        cmocka_unit_test(test_skipped_ranks_before_the_first_mark),
        cmocka_unit_test(test_overvote_marker_in_a_cvr),
        cmocka_unit_test(test_overvote_only_paper_skipped_is_exhausted_not_blank),
        cmocka_unit_test(test_batch_elimination_excludes_the_lowest_together),
        cmocka_unit_test(test_ruleW_write_ins_excluded_before_a_majority_counts),
        cmocka_unit_test(test_inactive_papers_by_why),
        cmocka_unit_test(test_rule4_equal_fewest_by_the_tie_order),
        cmocka_unit_test(test_rule4_equal_fewest_by_rctabs_seeded_draw),
        cmocka_unit_test(test_rule4_last_two_equal_the_draw_names_the_winner),
        cmocka_unit_test(test_rule4_earlier_stages_then_rctabs_draw_over_all_the_equal),
        cmocka_unit_test(test_ruleO_overvote_counts_for_its_one_continuing_candidate),
        cmocka_unit_test(test_ruleT_until_two_counts_on_past_the_election),
        cmocka_unit_test(test_ruleT_first_round_threshold_and_the_last_two),
        cmocka_unit_test(test_ruleT_stop_after_rounds_elects_no_one),
        cmocka_unit_test(test_ruleW_declared_write_ins_with_no_papers_are_the_fewest),
        cmocka_unit_test(test_irv_fills_one_seat),
        cmocka_unit_test(test_irv_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
