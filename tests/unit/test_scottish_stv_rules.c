/*
** Scottish STV (src/methods/scottish_stv.c) on small elections worked by
** hand, the arithmetic in the comments, every figure in units of 10^-5:
** the quota (r.46), a surplus transfer with truncation (r.48), surpluses
** largest first (r.49), an exclusion at the values received (r.50), an
** equality decided by the most recent preceding stage (r.51) and by lot,
** the last vacancies (r.52), equal preferences; that every stage
** reconciles; and that the same count with the same seed writes the same
** bytes. Allocation failure at every step of a count.
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
#include "tally/lot.h"
#include "tally/method.h"
#include "tally/stages.h"

#include "ballots.h"

/* A pool of candidates named "A", "B", ... (n of them). */
static tally_pool *pool_of(size_t n, int seats, const paper *ps, size_t k)
{
    return test_pool(n, seats, NULL, ps, k);
}

static void reconciles(const tally_method_result *r)
{
    test_stages_reconcile(r);
}

static tally_method_result *count(const tally_pool *p, int has_seed, uint64_t seed)
{
    tally_method_options o = { .seats = 0, .has_seed = has_seed, .seed = seed };
    tally_method_result *r = NULL;
    tally_error err;

    if (tally_scottish_stv(p, &o, &r, &err) != TALLY_OK)
        fail_msg("%s", err.message);
    reconciles(r);
    return r;
}

/* Candidate c's votes at stage s (1-based) as the report writes them. */
static const char *v(const tally_method_result *r, size_t s, char c)
{
    static char buf[8][32];
    static int k;
    int64_t u = r->stages[s - 1].votes[c - 'A'];
    char *b = buf[k++ % 8];

    if (u == TALLY_NONE)
        return "null";
    tally_method_format_votes(u, b, 32);
    return b;
}

static const char *nt(const tally_method_result *r, size_t s)
{
    static char buf[32];
    tally_method_format_votes(r->stages[s - 1].exhausted + r->stages[s - 1].lost, buf, 32);
    return buf;
}

/* Elected, in order, as letters. */
static const char *elected(const tally_method_result *r)
{
    static char buf[27];
    size_t i;
    for (i = 0; i < r->n_elected && i < sizeof buf - 1; i++)
        buf[i] = (char)('A' + r->elected[i]);
    buf[i] = '\0';
    return buf;
}

/* r.46: quota = floor(valid / (seats + 1)) + 1. 10 papers, 2 seats:
** floor(10/3) + 1 = 4; 9 papers: floor(9/3) + 1 = 4 (exact division still
** adds one). A blank paper and one marked "1" for two candidates are not
** valid votes. A 4 and B 4 reach the quota at the first stage. */
static void test_r46_droop_quota(void **state)
{
    const paper ten[] = { { 4, "A" }, { 4, "B" }, { 2, "C" }, { 1, "" }, { 1, "A=B" } };
    const paper nine[] = { { 4, "A" }, { 3, "B" }, { 2, "C" } };
    tally_pool *p;
    tally_method_result *r;

    (void)state;
    p = pool_of(3, 2, ten, 5);
    r = count(p, 0, 0);
    assert_int_equal(r->valid, 10);
    assert_int_equal(r->invalid, 2);
    assert_int_equal(r->quota, 4 * TALLY_VOTE_UNIT);
    assert_string_equal(elected(r), "AB"); /* each at the quota, 4 */
    assert_int_equal(r->n_stages, 1);
    tally_method_result_free(r);
    tally_pool_free(p);

    p = pool_of(3, 2, nine, 3);
    r = count(p, 0, 0);
    assert_int_equal(r->quota, 4 * TALLY_VOTE_UNIT);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* Two seats; 14 valid papers; quota floor(14/3) + 1 = 5.
**
** Stage 1: A 7, B 3, C 2, D 2. A is elected (7 >= 5).
** Stage 2, surplus of A = 7 - 5 = 2. Every paper of A moves at
**   trunc5(2 x 1 / 7) = trunc5(0.285714...) = 0.28571:
**   B gets 4 papers (A B C, A B): 4 x 0.28571 = 1.14284 -> 4.14284
**   C gets 2 (A C): 0.57142 -> 2.57142
**   1 paper (A) has no next preference: exhausted 0.28571
**   moved 7 x 0.28571 = 1.99997 of 2: lost to truncation 0.00003
**   A stays at the quota, 5.00000; non-transferable 0.28574.
**   Check: 5 + 4.14284 + 2.57142 + 2 + 0.28574 = 14.
** Stage 3: D excluded (2 < 2.57142); D C papers move at 1: C 4.57142.
** Stage 4: B excluded (4.14284 < 4.57142), each paper at the value it
**   came in at: A B C x2 at 0.28571 -> C + 0.57142 = 5.14284, elected;
**   A B x2 at 0.28571 and B x3 at 1 are exhausted: 0.57142 + 3, so
**   exhausted 3.85713, non-transferable 3.85716.
**   Check: 5 + 5.14284 + 3.85716 = 14. */
static void test_r48_surplus_truncated_and_r50_exclusion(void **state)
{
    const paper ps[] = { { 2, "A B C" }, { 2, "A B" }, { 2, "A C" }, { 1, "A" },
                         { 3, "B" },     { 2, "C" },   { 2, "D C" } };
    tally_pool *p = pool_of(4, 2, ps, 7);
    tally_method_result *r = count(p, 0, 0);

    (void)state;
    assert_int_equal(r->quota, 500000);
    assert_int_equal(r->n_stages, 4);

    assert_int_equal(r->stages[0].kind, TALLY_STAGE_FIRST);
    assert_string_equal(v(r, 1, 'A'), "7.00000");
    assert_int_equal(r->stages[0].n_elected, 1);

    assert_int_equal(r->stages[1].kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(r->stages[1].subject, 0);
    assert_int_equal(r->stages[1].surplus, 200000);
    assert_string_equal(v(r, 2, 'A'), "5.00000");
    assert_string_equal(v(r, 2, 'B'), "4.14284");
    assert_string_equal(v(r, 2, 'C'), "2.57142");
    assert_string_equal(v(r, 2, 'D'), "2.00000");
    assert_int_equal(r->stages[1].exhausted, 28571);
    assert_int_equal(r->stages[1].lost, 3);
    assert_string_equal(nt(r, 2), "0.28574");

    assert_int_equal(r->stages[2].kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(r->stages[2].subject, 3);
    assert_string_equal(v(r, 3, 'C'), "4.57142");
    assert_string_equal(v(r, 3, 'D'), "0.00000"); /* at its exclusion */

    assert_int_equal(r->stages[3].subject, 1);
    assert_string_equal(v(r, 4, 'B'), "0.00000");
    assert_string_equal(v(r, 4, 'C'), "5.14284");
    assert_string_equal(v(r, 4, 'D'), "null"); /* excluded earlier */
    assert_string_equal(nt(r, 4), "3.85716");
    assert_int_equal(r->stages[3].lost, 3);
    assert_string_equal(elected(r), "AC");
    assert_int_equal(r->candidates[2].stage, 4);
    assert_false(r->candidates[2].last_vacancy);
    assert_int_equal(r->candidates[3].fate, TALLY_FATE_EXCLUDED);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.49(1): one surplus per stage, the largest first. Three seats, 20
** papers, quota floor(20/4) + 1 = 6. Stage 1: A 10, B 8, C 1, D 1; A and
** B elected. Stage 2: A's surplus 4 first: 10 papers at
** trunc5(4/10) = 0.4 to C: C 5. Stage 3: B's surplus 2: 8 papers at
** trunc5(2/8) = 0.25 to D: D 3. Stage 4: D excluded (3 < 5); C is then
** the one continuing candidate for the one vacancy (r.52). */
static void test_r49_largest_surplus_first(void **state)
{
    const paper ps[] = { { 10, "A C" }, { 8, "B D" }, { 1, "C" }, { 1, "D" } };
    tally_pool *p = pool_of(4, 3, ps, 4);
    tally_method_result *r = count(p, 0, 0);

    (void)state;
    assert_int_equal(r->n_stages, 4);
    assert_int_equal(r->stages[1].subject, 0);
    assert_string_equal(v(r, 2, 'C'), "5.00000");
    assert_int_equal(r->stages[2].subject, 1);
    assert_string_equal(v(r, 3, 'D'), "3.00000");
    assert_int_equal(r->stages[3].kind, TALLY_STAGE_EXCLUSION);
    assert_int_equal(r->stages[3].subject, 3);
    assert_string_equal(elected(r), "ABC");
    assert_true(r->candidates[2].last_vacancy);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.51(2)(a): equal lowest, decided by the most recent preceding stage at
** which they differed. One seat, 31 papers, quota floor(31/2) + 1 = 16.
** Stage 1: A 15, B 6, C 5, D 2, E 3.
** Stage 2: D excluded; D C papers: C 7.
** Stage 3: E excluded; E B x2: B 8; E C x1: C 8. B and C are equal.
** Stage 4: at stage 2, the most recent preceding stage, B had 6 and C 7,
**   so B is excluded (at stage 1 it was the other way round, B 6 and C 5:
**   the earliest stage would exclude C). B A x6 to A: 21, elected; E B x2
**   exhausted. */
static void test_r51_tie_by_most_recent_preceding_stage(void **state)
{
    const paper ps[] = { { 15, "A" }, { 6, "B A" }, { 5, "C" },
                         { 2, "D C" }, { 2, "E B" }, { 1, "E C" } };
    tally_pool *p = pool_of(5, 1, ps, 6);
    tally_method_result *r = count(p, 0, 0);

    (void)state;
    assert_int_equal(r->quota, 1600000);
    assert_int_equal(r->n_stages, 4);
    assert_string_equal(v(r, 3, 'B'), "8.00000");
    assert_string_equal(v(r, 3, 'C'), "8.00000");
    assert_int_equal(r->stages[3].subject, 1);
    assert_int_equal(r->stages[3].choice, TALLY_CHOICE_PRECEDING);
    assert_int_equal(r->stages[3].choice_stage, 2);
    assert_int_equal(r->stages[3].n_tied, 2);
    assert_string_equal(v(r, 4, 'A'), "21.00000");
    assert_string_equal(nt(r, 4), "2.00000");
    assert_string_equal(elected(r), "A");
    assert_int_equal(r->n_lots, 0);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.49(2): equal surpluses; the candidate with more votes at the most
** recent preceding stage at which they differed goes first. Four seats,
** 50 papers, quota floor(50/5) + 1 = 11.
** Stage 1: A 22, B 9, C 8, D 6, E 5. A elected, surplus 11.
** Stage 2: A's 22 papers at trunc5(11 x 1 / 22) = 0.5: A B x6 -> B 12;
**   A C x8 -> C 12; A x8 exhausted 4. B and C are elected with equal
**   surpluses of 1.
** Stage 3: at stage 1 B had 9 and C 8: B's surplus first. B's 9 first
**   preferences (B D) at trunc5(1 x 1 / 12) = 0.08333: D 6.74997; the 6
**   A B papers at trunc5(1 x 0.5 / 12) = trunc5(0.041666...) = 0.04166,
**   exhausted: 0.24996. Moved 0.99993 of 1: 0.00007 lost.
**   Non-transferable 4 + 0.24996 + 0.00007 = 4.25003.
** Stage 4: C's surplus: 8 C at 0.08333 and 8 A C at 0.04166, all
**   exhausted: 0.66664 + 0.33328 = 0.99992, lost 0.00008; non-transferable
**   5.25003. Check: 11 + 11 + 11 + 6.74997 + 5 + 5.25003 = 50.
** Stage 5: E excluded; D is left for the last vacancy (r.52). */
static void test_r49_equal_surpluses_by_preceding_stage(void **state)
{
    const paper ps[] = { { 6, "A B" }, { 8, "A C" }, { 8, "A" }, { 9, "B D" },
                         { 8, "C" },   { 6, "D" },   { 5, "E" } };
    tally_pool *p = pool_of(5, 4, ps, 7);
    tally_method_result *r = count(p, 0, 0);

    (void)state;
    assert_int_equal(r->quota, 1100000);
    assert_int_equal(r->n_stages, 5);
    assert_string_equal(v(r, 2, 'B'), "12.00000");
    assert_string_equal(v(r, 2, 'C'), "12.00000");
    assert_string_equal(nt(r, 2), "4.00000");
    assert_int_equal(r->stages[2].kind, TALLY_STAGE_SURPLUS);
    assert_int_equal(r->stages[2].subject, 1);
    assert_int_equal(r->stages[2].choice, TALLY_CHOICE_PRECEDING);
    assert_int_equal(r->stages[2].choice_stage, 1);
    assert_string_equal(v(r, 3, 'B'), "11.00000");
    assert_string_equal(v(r, 3, 'D'), "6.74997");
    assert_int_equal(r->stages[2].lost, 7);
    assert_string_equal(nt(r, 3), "4.25003");
    assert_int_equal(r->stages[3].subject, 2);
    assert_int_equal(r->stages[3].choice, TALLY_CHOICE_CLEAR);
    assert_string_equal(nt(r, 4), "5.25003");
    assert_int_equal(r->stages[4].subject, 4);
    assert_string_equal(elected(r), "ABCD");
    assert_true(r->candidates[3].last_vacancy);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* r.51(2)(b): equal at every stage, decided by lot from the seed. One seat,
** 8 papers, quota floor(8/2) + 1 = 5. Stage 1: A 4, B 2, C 2; B and C are
** equal and there is no preceding stage. The lot draws among them in
** ballot order (B, C) from SplitMix64 seeded with the seed: seed 1 draws
** index 1 (C excluded), seed 2 index 0 (B excluded). Either way A gets 2
** and is elected at stage 2 with 6. Without a seed the count refuses. */
static void test_r51_tie_by_lot_with_seed(void **state)
{
    const paper ps[] = { { 4, "A" }, { 2, "B A" }, { 2, "C A" } };
    tally_pool *p = pool_of(3, 1, ps, 3);
    tally_method_options o = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_method_result *r;
    tally_error err;
    tally_lot lot;

    (void)state;
    tally_lot_init(&lot, 1);
    assert_int_equal(tally_lot_draw(&lot, 2), 1);
    tally_lot_init(&lot, 2);
    assert_int_equal(tally_lot_draw(&lot, 2), 0);

    r = count(p, 1, 1);
    assert_int_equal(r->stages[1].subject, 2);
    assert_int_equal(r->stages[1].choice, TALLY_CHOICE_LOT);
    assert_int_equal(r->n_lots, 1);
    assert_string_equal(v(r, 2, 'A'), "6.00000");
    assert_string_equal(elected(r), "A");
    tally_method_result_free(r);

    r = count(p, 1, 2);
    assert_int_equal(r->stages[1].subject, 1);
    tally_method_result_free(r);

    r = (tally_method_result *)1;
    assert_int_equal(tally_scottish_stv(p, &o, &r, &err), TALLY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "give a seed"));
    tally_pool_free(p);
}

/* r.52: two seats, 9 papers, quota floor(9/3) + 1 = 4. Stage 1: A 4
** (elected, no surplus), B 3, C 2. Stage 2: C excluded, C's papers have
** no next preference; B is the one continuing candidate for the one
** vacancy and is deemed elected with 3, below the quota. */
static void test_r52_last_vacancies(void **state)
{
    const paper ps[] = { { 4, "A" }, { 3, "B" }, { 2, "C" } };
    const paper two[] = { { 4, "A" }, { 3, "B" } };
    tally_pool *p = pool_of(3, 2, ps, 3);
    tally_method_result *r = count(p, 0, 0);

    (void)state;
    assert_int_equal(r->n_stages, 2);
    assert_string_equal(elected(r), "AB");
    assert_false(r->candidates[0].last_vacancy);
    assert_true(r->candidates[1].last_vacancy);
    assert_int_equal(r->candidates[1].stage, 2);
    assert_string_equal(v(r, 2, 'B'), "3.00000");
    assert_string_equal(nt(r, 2), "2.00000");
    assert_int_equal(r->stages[1].n_elected, 1);
    tally_method_result_free(r);
    tally_pool_free(p);

    /* As many candidates as seats: all elected at the first stage. */
    p = pool_of(2, 2, two, 2);
    r = count(p, 0, 0);
    assert_int_equal(r->n_stages, 1);
    assert_string_equal(elected(r), "AB");
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* A position marked for two candidates ends the paper there; a withdrawn
** candidate is passed over. Two seats, 10 papers, quota 4.
** Stage 1: A 6, B 2, C 2 (D withdrawn; the D A paper counts for A).
** Stage 2: A's surplus 2: 6 papers at trunc5(2/6) = 0.33333: A B=C x5
**   end at the equal position (exhausted 1.66665), D A has no preference
**   after A (exhausted 0.33333); lost 2 - 1.99998 = 0.00002. */
static void test_equal_preferences_end_the_paper(void **state)
{
    const paper ps[] = { { 5, "A B=C" }, { 1, "D A" }, { 2, "B" }, { 2, "C" } };
    tally_pool *p = pool_of(4, 2, ps, 4);
    tally_method_result *r;

    (void)state;
    p->withdrawn[3] = 1;
    r = count(p, 1, 7);
    assert_string_equal(v(r, 1, 'A'), "6.00000");
    assert_string_equal(v(r, 1, 'D'), "null");
    assert_string_equal(v(r, 2, 'B'), "2.00000");
    assert_int_equal(r->stages[1].exhausted, 199998);
    assert_int_equal(r->stages[1].lost, 2);
    assert_int_equal(r->candidates[3].fate, TALLY_FATE_WITHDRAWN);
    tally_method_result_free(r);
    tally_pool_free(p);
}

static char *render(const tally_method_result *r, tally_stages_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(tally_stages_write(r, "t.blt", fmt, f), TALLY_OK);
    fclose(f);
    return buf;
}

/* The same pool and seed write the same bytes, in every format. */
static void test_same_seed_same_bytes(void **state)
{
    const paper ps[] = { { 4, "A" }, { 2, "B A" }, { 2, "C A" } };
    tally_pool *p = pool_of(3, 1, ps, 3);

    (void)state;
    for (int fmt = 0; fmt < 3; fmt++) {
        tally_method_result *r1 = count(p, 1, 99), *r2 = count(p, 1, 99);
        char *a = render(r1, (tally_stages_format)fmt), *b = render(r2, (tally_stages_format)fmt);
        assert_string_equal(a, b);
        if (fmt == TALLY_STAGES_JSONL) {
            assert_non_null(strstr(a, "\"seed\": \"99\""));
            assert_non_null(strstr(a, "\"tie\": {\"tied\": 2, \"decided_by\": \"lot\"}"));
            assert_ptr_equal(strchr(a, '\n'), a + strlen(a) - 1); /* one line */
        }
        free(a);
        free(b);
        tally_method_result_free(r1);
        tally_method_result_free(r2);
    }
    tally_pool_free(p);
}

/* Fail each allocation of a count in turn: TALLY_OK or TALLY_ENOMEM with
** nothing returned and nothing leaked. */
static void test_allocation_failure_at_every_step(void **state)
{
    const paper ps[] = { { 2, "A B C" }, { 2, "A B" }, { 2, "A C" }, { 1, "A" },
                         { 3, "B" },     { 2, "C" },   { 2, "D C" } };
    tally_pool *p = pool_of(4, 2, ps, 7);
    int succeeded = 0;
    long n;

    (void)state;
    for (n = 0; n < 10000 && !succeeded; n++) {
        tally_method_options o = { .seats = 0, .has_seed = 1, .seed = 5 };
        tally_method_result *r = (tally_method_result *)1;
        tally_error err;
        tally_status s;
        tally_alloc_fail_after(n);
        s = tally_scottish_stv(p, &o, &r, &err);
        tally_alloc_fail_after(-1);
        if (s == TALLY_OK) {
            succeeded = 1;
            assert_string_equal(elected(r), "AC");
        } else {
            assert_int_equal(s, TALLY_ENOMEM);
            assert_null(r);
        }
        tally_method_result_free(r);
    }
    assert_true(succeeded);
    assert_true(n > 10);
    tally_pool_free(p);
}

static void test_seats_required(void **state)
{
    const paper ps[] = { { 1, "A" } };
    tally_pool *p = pool_of(1, 0, ps, 1);
    tally_method_options o = { .seats = 0, .has_seed = 0, .seed = 0 };
    tally_method_result *r;
    tally_error err;

    (void)state;
    assert_int_equal(tally_scottish_stv(p, &o, &r, &err), TALLY_EINVAL);
    o.seats = 1;
    assert_int_equal(tally_scottish_stv(p, &o, &r, &err), TALLY_OK);
    assert_string_equal(elected(r), "A");
    tally_method_result_free(r);
    tally_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r46_droop_quota),
        cmocka_unit_test(test_r48_surplus_truncated_and_r50_exclusion),
        cmocka_unit_test(test_r49_largest_surplus_first),
        cmocka_unit_test(test_r49_equal_surpluses_by_preceding_stage),
        cmocka_unit_test(test_r51_tie_by_most_recent_preceding_stage),
        cmocka_unit_test(test_r51_tie_by_lot_with_seed),
        cmocka_unit_test(test_r52_last_vacancies),
        cmocka_unit_test(test_equal_preferences_end_the_paper),
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_allocation_failure_at_every_step),
        cmocka_unit_test(test_seats_required),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
