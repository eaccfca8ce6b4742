/*
** Unit tests: exact result arithmetic and the seeded lot.
**
** num.h: percentages are exact fractions rounded once, half away from
** zero, to hundredths ("centi-points"); figures are printed with exactly two
** places and counts with thousands separators, as results are declared and
** published (docs: uk-rules.md section 3, "Result arithmetic as reported").
**
** lot.h: PER r.49 (equality of votes decided by lot). tally draws the lot
** from a recorded seed through SplitMix64 (Steele, Lea and Flood 2014) so
** that anyone can replay it with the published algorithm; a draw among n
** must be uniform and always name one of the n.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "tally/lot.h"
#include "tally/num.h"

/* ---- tally_num_round_ratio: half away from zero ---------------------- */

static int64_t ratio(int64_t num, int64_t den, int64_t scale)
{
    int64_t out = 12345;
    assert_int_equal(tally_num_round_ratio(num, den, scale, &out), TALLY_OK);
    return out;
}

static void test_round_ratio_exact_half_rounds_away_from_zero(void **state)
{
    (void)state;
    /* 1/8 * 100 = 12.5: a half, rounded up (away from zero) to 13. */
    assert_int_equal(ratio(1, 8, 100), 13);
    /* 5/1000 * 100 = 0.5 -> 1; 3/8 * 100 = 37.5 -> 38. */
    assert_int_equal(ratio(5, 1000, 100), 1);
    assert_int_equal(ratio(3, 8, 100), 38);
}

static void test_round_ratio_negative_half_rounds_away_from_zero(void **state)
{
    (void)state;
    /* -1/8 * 100 = -12.5 -> -13 (away from zero, not towards +inf). */
    assert_int_equal(ratio(-1, 8, 100), -13);
    /* The sign may come from the denominator: 1/-8 * 100 = -12.5 -> -13. */
    assert_int_equal(ratio(1, -8, 100), -13);
    /* Two negatives make a positive: -1/-8 * 100 = 12.5 -> 13. */
    assert_int_equal(ratio(-1, -8, 100), 13);
    /* -742/10000 stays -742 at scale 1 (no rounding needed). */
    assert_int_equal(ratio(-742, 1, 1), -742);
}

static void test_round_ratio_below_and_above_half(void **state)
{
    (void)state;
    /* 1/3 * 100 = 33.33... -> 33 (below a half rounds down). */
    assert_int_equal(ratio(1, 3, 100), 33);
    /* 2/3 * 100 = 66.66... -> 67 (above a half rounds up). */
    assert_int_equal(ratio(2, 3, 100), 67);
    /* -2/3 * 100 = -66.66... -> -67; -1/3 * 100 -> -33. */
    assert_int_equal(ratio(-2, 3, 100), -67);
    assert_int_equal(ratio(-1, 3, 100), -33);
    /* 4/1000 * 100 = 0.4 -> 0. */
    assert_int_equal(ratio(4, 1000, 100), 0);
    /* Batley and Spen: 13296/37695 * 10000 = 3527.258... -> 3527. */
    assert_int_equal(ratio(13296, 37695, 10000), 3527);
    /* 37778/79373 * 10000 = 4759.55... -> 4760 (ballot-box turnout). */
    assert_int_equal(ratio(37778, 79373, 10000), 4760);
}

static void test_round_ratio_zero_denominator_is_erange(void **state)
{
    int64_t out = 777;
    (void)state;
    assert_int_equal(tally_num_round_ratio(1, 0, 100, &out), TALLY_ERANGE);
    assert_int_equal(tally_num_round_ratio(0, 0, 100, &out), TALLY_ERANGE);
    /* The output is left alone on failure. */
    assert_int_equal(out, 777);
}

static void test_round_ratio_result_beyond_int64_is_erange(void **state)
{
    int64_t out = 0;
    (void)state;
    /* INT64_MAX * 100 / 1 does not fit in int64. */
    assert_int_equal(tally_num_round_ratio(INT64_MAX, 1, 100, &out), TALLY_ERANGE);
    /* INT64_MAX * 1 / 1 does. */
    assert_int_equal(tally_num_round_ratio(INT64_MAX, 1, 1, &out), TALLY_OK);
    assert_true(out == INT64_MAX);
}

static void test_round_ratio128_difference_of_fractions(void **state)
{
    int64_t out = 0;
    tally_i128 num, den;
    (void)state;
    /* Labour's change in share at Batley and Spen, exactly:
    ** 13296/37695 - 22594/52927 = (13296*52927 - 22594*37695) / (37695*52927)
    **   = (703717392 - 851680830) / 1995083265 = -147963438 / 1995083265
    ** * 10000 = -741.640... -> -742 hundredths of a point. */
    num = (tally_i128)13296 * 52927 - (tally_i128)22594 * 37695;
    den = (tally_i128)37695 * 52927;
    assert_true(num == -147963438);
    assert_int_equal(tally_num_round_ratio128(num, den, 10000, &out), TALLY_OK);
    assert_int_equal(out, -742);
}

/* ---- formatting ------------------------------------------------------ */

static void centi(int64_t v, const char *want)
{
    char buf[32];
    memset(buf, 'x', sizeof buf);
    tally_num_format_centi(v, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_format_centi_two_places(void **state)
{
    (void)state;
    centi(4760, "47.60");   /* 4760 hundredths = 47.60 */
    centi(-742, "-7.42");
    centi(5, "0.05");       /* a leading zero, and a zero after the point */
    centi(-5, "-0.05");     /* the sign survives a zero integer part */
    centi(0, "0.00");
    centi(100, "1.00");
    centi(-100, "-1.00");
    centi(3527, "35.27");
}

static void test_format_centi_extremes(void **state)
{
    (void)state;
    /* INT64_MIN = -9223372036854775808 hundredths. */
    centi(INT64_MIN, "-92233720368547758.08");
    centi(INT64_MAX, "92233720368547758.07");
}

static void count(int64_t v, const char *want)
{
    char buf[32];
    memset(buf, 'x', sizeof buf);
    tally_num_format_count(v, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_format_count_thousands_separators(void **state)
{
    (void)state;
    count(37695, "37,695");
    count(999, "999");          /* three digits: no separator */
    count(1000, "1,000");
    count(1000000, "1,000,000");
    count(-1234, "-1,234");
    count(-999, "-999");        /* no separator after the sign */
    count(0, "0");
    count(123456, "123,456");   /* six digits: one separator, none leading */
}

static void test_format_count_extremes(void **state)
{
    (void)state;
    count(INT64_MIN, "-9,223,372,036,854,775,808");
    count(INT64_MAX, "9,223,372,036,854,775,807");
}

/* ---- PER r.49: the seeded lot ---------------------------------------- */

static void test_per_r49_lot_same_seed_gives_same_sequence(void **state)
{
    tally_lot a, b;
    (void)state;
    tally_lot_init(&a, 20210701);
    tally_lot_init(&b, 20210701);
    for (int i = 0; i < 1000; i++)
        assert_true(tally_lot_next(&a) == tally_lot_next(&b));
    tally_lot_init(&a, 5);
    tally_lot_init(&b, 5);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(tally_lot_draw(&a, 7), tally_lot_draw(&b, 7));
}

static void test_per_r49_lot_different_seeds_differ(void **state)
{
    tally_lot a, b;
    (void)state;
    /* SplitMix64's output mix is a bijection of the state, and the first
    ** state is seed + gamma, so distinct seeds give distinct first values. */
    tally_lot_init(&a, 1);
    tally_lot_init(&b, 2);
    assert_true(tally_lot_next(&a) != tally_lot_next(&b));
}

static void test_per_r49_lot_replays_published_splitmix64(void **state)
{
    tally_lot lot;
    (void)state;
    /* The reference SplitMix64 (Vigna's splitmix64.c, after Steele, Lea and
    ** Flood 2014) seeded with 0 begins 0xe220a8397b1dcdaf,
    ** 0x6e789e6aa1b965f4, 0x06c45d188009454f: a lot recorded with its seed
    ** can be replayed by anyone with the published algorithm. */
    tally_lot_init(&lot, 0);
    assert_true(tally_lot_next(&lot) == 0xe220a8397b1dcdafULL);
    assert_true(tally_lot_next(&lot) == 0x6e789e6aa1b965f4ULL);
    assert_true(tally_lot_next(&lot) == 0x06c45d188009454fULL);
}

static void test_per_r49_lot_draw_always_names_one_of_the_tied(void **state)
{
    tally_lot lot;
    (void)state;
    tally_lot_init(&lot, 99);
    for (size_t n = 1; n <= 17; n++)
        for (int i = 0; i < 500; i++)
            assert_true(tally_lot_draw(&lot, n) < n);
    /* A lot among one candidate can only fall on that candidate. */
    for (int i = 0; i < 100; i++)
        assert_int_equal(tally_lot_draw(&lot, 1), 0);
}

static void test_per_r49_lot_draw_is_roughly_uniform(void **state)
{
    tally_lot lot;
    size_t seen[3] = { 0, 0, 0 };
    (void)state;
    /* 3000 draws among 3: each index expected 1000 times, standard
    ** deviation sqrt(3000 * 1/3 * 2/3) = 25.8; 900 is ~3.9 deviations
    ** below, so a fair draw passes and a biased one (e.g. never 2) fails. */
    tally_lot_init(&lot, 12345);
    for (int i = 0; i < 3000; i++)
        seen[tally_lot_draw(&lot, 3)]++;
    assert_true(seen[0] + seen[1] + seen[2] == 3000);
    for (int k = 0; k < 3; k++)
        assert_true(seen[k] >= 900);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_ratio_exact_half_rounds_away_from_zero),
        cmocka_unit_test(test_round_ratio_negative_half_rounds_away_from_zero),
        cmocka_unit_test(test_round_ratio_below_and_above_half),
        cmocka_unit_test(test_round_ratio_zero_denominator_is_erange),
        cmocka_unit_test(test_round_ratio_result_beyond_int64_is_erange),
        cmocka_unit_test(test_round_ratio128_difference_of_fractions),
        cmocka_unit_test(test_format_centi_two_places),
        cmocka_unit_test(test_format_centi_extremes),
        cmocka_unit_test(test_format_count_thousands_separators),
        cmocka_unit_test(test_format_count_extremes),
        cmocka_unit_test(test_per_r49_lot_same_seed_gives_same_sequence),
        cmocka_unit_test(test_per_r49_lot_different_seeds_differ),
        cmocka_unit_test(test_per_r49_lot_replays_published_splitmix64),
        cmocka_unit_test(test_per_r49_lot_draw_always_names_one_of_the_tied),
        cmocka_unit_test(test_per_r49_lot_draw_is_roughly_uniform),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
