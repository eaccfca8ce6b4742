/*
** Conformance: seats won, gained and lost by party (include/tally/seats.h)
** after all 650 constituencies of the general election of 12 December
** 2019, with the general election of 8 June 2017 as the previous result,
** against the official totals.
**
** Source: House of Commons Library, General Election 2019: results and
** analysis (CBP 8749), its figures in cbp8749.h.
**
** Data: ../shared/data/uk (TALLY_SHARED_DATA); skipped when absent.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "tally/io.h"
#include "tally/result.h"
#include "tally/seats.h"

#include "cbp8749.h"

static char now_dir[1024], then_dir[1024];

static int have_data(void)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    struct stat st;
    d = d ? d : "../shared/data";
    snprintf(now_dir, sizeof now_dir, "%s/uk/parliament/58/general-election", d);
    snprintf(then_dir, sizeof then_dir, "%s/uk/parliament/57/general-election", d);
    return stat(now_dir, &st) == 0 && stat(then_dir, &st) == 0;
}

static void test_seats_gains_losses_2019_match_commons_library(void **state)
{
    tally_contest_set *set = NULL;
    const tally_result **rs;
    tally_seats *seats = NULL;
    tally_error err;
    int64_t total = 0, gains = 0, losses = 0;
    (void)state;

    if (!have_data())
        skip();
    assert_int_equal(tally_io_read_uk_parliament(now_dir, then_dir, &set, &err), TALLY_OK);
    assert_int_equal(set->n, 650);
    rs = calloc(set->n, sizeof *rs);
    assert_non_null(rs);
    for (size_t i = 0; i < set->n; i++) {
        tally_result *r = NULL;
        assert_int_equal(tally_result_compute(set->contests[i], NULL, &r, &err), TALLY_OK);
        rs[i] = r;
    }
    assert_int_equal(tally_seats_compute(rs, set->n, &seats, &err), TALLY_OK);
    assert_int_equal(seats->results, 650);
    assert_int_equal(seats->compared, 650);

    for (size_t i = 0; i < CBP8749_PARTIES; i++) {
        const official *o = &cbp8749[i];
        const tally_seats_party *p = tally_seats_find(seats, o->key);
        assert_non_null(p);
        printf("%-8s seats %3lld gains %2lld losses %2lld\n", o->key, (long long)p->seats,
               (long long)p->gains, (long long)p->losses);
        assert_int_equal(p->seats, o->seats);
        assert_int_equal(p->gains - p->losses, o->net);
        if (o->gains >= 0) {
            assert_int_equal(p->gains, o->gains);
            assert_int_equal(p->losses, o->losses);
        }
        total += p->seats;
    }
    /* The eleven parties above hold every seat. */
    assert_int_equal(total, 650);
    for (size_t i = 0; i < seats->n_parties; i++) {
        gains += seats->parties[i].gains;
        losses += seats->parties[i].losses;
    }
    /* "81 seats changed hands": each is one party's gain and another's loss. */
    assert_int_equal(gains, CBP8749_CHANGED_HANDS);
    assert_int_equal(losses, CBP8749_CHANGED_HANDS);

    /* Shares of the UK vote, to one place, and the swing. */
    {
        const tally_seats_party *from = NULL, *to = NULL;
        int64_t v, sw;
        for (size_t i = 0; i < 3; i++) {
            const tally_seats_party *p = tally_seats_find(seats, cbp8749_shares[i].key);
            int64_t change;
            assert_int_equal(tally_seats_share(seats, p, 1000, &v), TALLY_OK);
            assert_int_equal(v, cbp8749_shares[i].now);
            assert_int_equal(tally_seats_change(seats, p, 1000, &change), TALLY_OK);
            /* then = now - change, within the rounding of each to 0.1. */
            assert_true(llabs(v - change - cbp8749_shares[i].then) <= 1);
        }
        assert_int_equal(tally_seats_swing(seats, 1000, &from, &to, &sw), TALLY_OK);
        assert_string_equal(from->key, "Lab");
        assert_string_equal(to->key, "Con");
        assert_int_equal(sw, CBP8749_SWING_LAB_TO_CON);
        printf("swing %s to %s %lld tenths\n", from->key, to->key, (long long)sw);
    }

    tally_seats_free(seats);
    for (size_t i = 0; i < set->n; i++)
        tally_result_free((tally_result *)rs[i]);
    free(rs);
    tally_contest_set_free(set);
}

static void test_seats_free_null_is_a_no_op(void **state)
{
    (void)state;
    tally_seats_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seats_gains_losses_2019_match_commons_library),
        cmocka_unit_test(test_seats_free_null_is_a_no_op),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
