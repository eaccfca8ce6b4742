/*
** Unit tests: RCTab's random tie-break draw (jrandom.h), java.util.Random
** and Collections.shuffle as the Java SE API specification gives them.
**
** The expected figures are what java.util.Random itself returns (OpenJDK
** 17), not tally's own earlier output: RCTab's tiebreakMode random,
** previousRoundCountsThenRandom and generatePermutation decide by them.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tally/jrandom.h"

static void test_java_random_new_random_42_next_int(void **state)
{
    tally_jrandom r;
    (void)state;

    tally_jrandom_init(&r, 42);
    assert_int_equal(tally_jrandom_next_int(&r), -1170105035);
    assert_int_equal(tally_jrandom_next_int(&r), 234785527);
}

static void test_java_random_seed_uses_all_48_bits_and_sign(void **state)
{
    tally_jrandom r;
    (void)state;

    /* RCTab's randomSeed runs from -2^47 to 2^47 - 1. */
    tally_jrandom_init(&r, INT64_C(140737488355327));
    assert_int_equal(tally_jrandom_next_int(&r), -992383821);
    tally_jrandom_init(&r, -INT64_C(140737488355328));
    assert_int_equal(tally_jrandom_next_int(&r), 991999072);
}

static void test_java_random_next_double_is_26_then_27_bits(void **state)
{
    tally_jrandom r;
    (void)state;

    /* new Random(0).nextDouble() == 0.730967787376657 == m / 2^53. */
    tally_jrandom_init(&r, 0);
    assert_true(tally_jrandom_next_double53(&r) == UINT64_C(6583972509698697));
    assert_true(tally_jrandom_next_double53(&r) == UINT64_C(2166559423974277));
}

static void test_java_random_next_int_bound_rejects_last_partial_block(void **state)
{
    tally_jrandom r;
    uint64_t s = 0;
    (void)state;

    tally_jrandom_init(&r, -7);
    assert_int_equal(tally_jrandom_next_below(&r, 10), 2);
    assert_int_equal(tally_jrandom_next_below(&r, 7), 0);
    assert_int_equal(tally_jrandom_next_below(&r, 16), 10); /* a power of two */
    assert_int_equal(tally_jrandom_next_below(&r, 1000000007), 119890471);
    /* 100,000 draws with bounds 1..1000, folded as Java folds a long
    ** (s = s * 31 + draw): one wrong draw or a missed rejection changes it. */
    tally_jrandom_init(&r, 99);
    for (int i = 0; i < 100000; i++)
        s = s * 31 + (uint64_t)tally_jrandom_next_below(&r, 1 + i % 1000);
    assert_true((int64_t)s == INT64_C(1425406770740475895));
}

static void test_rctab_random_tiebreak_index_is_floor_of_double_product(void **state)
{
    tally_jrandom r;
    uint64_t s = 0;
    (void)state;

    /* RCTab tiebreak_seed_test's seed 1, three tied: 2, 1, 0, 0. */
    tally_jrandom_init(&r, 1);
    assert_int_equal(tally_jrandom_pick(&r, 3), 2);
    assert_int_equal(tally_jrandom_pick(&r, 3), 1);
    assert_int_equal(tally_jrandom_pick(&r, 3), 0);
    assert_int_equal(tally_jrandom_pick(&r, 3), 0);
    tally_jrandom_init(&r, 99);
    for (int i = 0; i < 100000; i++)
        s = s * 31 + (uint64_t)tally_jrandom_pick(&r, (size_t)(2 + i % 9));
    assert_true((int64_t)s == INT64_C(-962081350805467755));
}

static void test_rctab_random_tiebreak_index_rounds_as_ieee_double(void **state)
{
    (void)state;
    /* m * 3 = 2^54 - 1: the double product rounds (ties to even) up to
    ** 2.0, where the exact floor is 1; Java gives 2. */
    assert_int_equal(tally_jrandom_scale(UINT64_C(6004799503160661), 3), 2);
    /* m * 7 = 5 * 2^53 - 6: rounds down to 5 * 2^53 - 8; Java gives 4. */
    assert_int_equal(tally_jrandom_scale(UINT64_C(6433713753386422), 7), 4);
    /* m * 3 = 2^53 - 2: exact in a double; Java gives 0. */
    assert_int_equal(tally_jrandom_scale(UINT64_C(3002399751580330), 3), 0);
}

static void test_java_collections_shuffle_swaps_from_the_end(void **state)
{
    tally_jrandom r;
    size_t six[] = {0, 1, 2, 3, 4, 5}, four[] = {0, 1, 2, 3};
    const size_t want6[] = {2, 5, 4, 3, 0, 1}, want4[] = {0, 2, 3, 1};
    (void)state;

    /* Collections.shuffle(list, new Random(12345)), RCTab
    ** tiebreak_generate_permutation_test's seed. */
    tally_jrandom_init(&r, 12345);
    tally_jrandom_shuffle(&r, six, 6);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(six[i], want6[i]);
    tally_jrandom_init(&r, 12345);
    tally_jrandom_shuffle(&r, four, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(four[i], want4[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_java_random_new_random_42_next_int),
        cmocka_unit_test(test_java_random_seed_uses_all_48_bits_and_sign),
        cmocka_unit_test(test_java_random_next_double_is_26_then_27_bits),
        cmocka_unit_test(test_java_random_next_int_bound_rejects_last_partial_block),
        cmocka_unit_test(test_rctab_random_tiebreak_index_is_floor_of_double_product),
        cmocka_unit_test(test_rctab_random_tiebreak_index_rounds_as_ieee_double),
        cmocka_unit_test(test_java_collections_shuffle_swaps_from_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
