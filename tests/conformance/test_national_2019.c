/*
** Conformance: the central results service's national picture
** (tally_national_json, national.h) after all 650 constituencies of the
** general election of 12 December 2019 are declared, measured against the
** general election of 8 June 2017, against the official totals of the
** House of Commons Library (CBP 8749, cbp8749.h).
**
** Each 2019 result goes the way a count centre's does: computed from the
** UK Parliament results database with no previous result, published as a
** declared result (tally_report_declared_json), checked as the service
** checks it (tally_declared_check); 2017 is read as the service's
** --previous (tally_io_read_uk_previous).
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

#include <jansson.h>

#include "tally/io.h"
#include "tally/national.h"
#include "tally/report.h"
#include "tally/result.h"

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

static json_t *party_of(json_t *o, const char *key)
{
    json_t *p;
    size_t i;
    json_array_foreach(json_object_get(o, "parties"), i, p)
        if (strcmp(json_string_value(json_object_get(p, "party")), key) == 0)
            return p;
    fail_msg("no party %s", key);
    return NULL;
}

static long long num(json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

/* "43.63" as 4363. */
static long long centi(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    long long whole = 0, frac = 0;
    int neg;
    assert_non_null(s);
    neg = s[0] == '-';
    assert_int_equal(sscanf(s + neg, "%lld.%2lld", &whole, &frac), 2);
    return neg ? -(whole * 100 + frac) : whole * 100 + frac;
}

static void test_national_picture_2019_matches_commons_library(void **state)
{
    tally_contest_set *now = NULL, *then = NULL;
    json_t **declared, *o = NULL, *sw;
    tally_error err;
    long long gains = 0, losses = 0, seats = 0;
    char head[65];
    size_t i;
    (void)state;

    if (!have_data())
        skip();
    memset(head, 'a', 64);
    head[64] = '\0';
    tally_error_clear(&err);
    assert_int_equal(tally_io_read_uk_parliament(now_dir, NULL, &now, &err), TALLY_OK);
    assert_int_equal(tally_io_read_uk_previous(then_dir, &then, &err), TALLY_OK);
    assert_int_equal(now->n, 650);
    assert_int_equal(then->n, 650);
    declared = calloc(now->n, sizeof *declared);
    assert_non_null(declared);
    for (i = 0; i < now->n; i++) {
        tally_result *r = NULL;
        assert_int_equal(tally_result_compute(now->contests[i], NULL, &r, &err), TALLY_OK);
        assert_int_equal(tally_report_declared_json(r, head, 0, &declared[i], &err), TALLY_OK);
        assert_int_equal(tally_declared_check(declared[i], &err), TALLY_OK);
        tally_result_free(r);
    }
    if (tally_national_json((const json_t *const *)declared, now->n, 650,
                            (const tally_election *const *)then->contests, then->n, &o,
                            &err) != TALLY_OK)
        fail_msg("%s", err.message);

    assert_int_equal(num(o, "declared"), 650);
    assert_int_equal(num(o, "undeclared"), 0);
    assert_int_equal(num(o, "majority_needed"), 326);
    assert_int_equal(num(o, "compared"), 650);
    for (i = 0; i < CBP8749_PARTIES; i++) {
        const official *c = &cbp8749[i];
        json_t *p = party_of(o, c->key);
        printf("%-6s seats %3lld gains %2lld losses %2lld net %+lld\n", c->key, num(p, "seats"),
               num(p, "gains"), num(p, "losses"), num(p, "net"));
        assert_int_equal(num(p, "seats"), c->seats);
        assert_int_equal(num(p, "net"), c->net);
        if (c->gains >= 0) {
            assert_int_equal(num(p, "gains"), c->gains);
            assert_int_equal(num(p, "losses"), c->losses);
        }
        seats += num(p, "seats");
    }
    assert_int_equal(seats, 650);
    {
        json_t *p;
        json_array_foreach(json_object_get(o, "parties"), i, p) {
            gains += num(p, "gains");
            losses += num(p, "losses");
        }
    }
    assert_int_equal(gains, CBP8749_CHANGED_HANDS);
    assert_int_equal(losses, CBP8749_CHANGED_HANDS);
    {
        json_t *r;
        long long gained = 0;
        json_array_foreach(json_object_get(o, "results"), i, r)
            gained += json_is_true(json_object_get(r, "gain"));
        assert_int_equal(gained, CBP8749_CHANGED_HANDS);
    }

    /* The shares to one place, published to two: within 0.05 of the
    ** official figure (its rounding), 0.005 more for the second place's. */
    for (i = 0; i < sizeof cbp8749_shares / sizeof cbp8749_shares[0]; i++) {
        json_t *p = party_of(o, cbp8749_shares[i].key);
        long long share = centi(p, "share_percent"), change = centi(p, "change_points");
        assert_true(llabs(share - 10 * cbp8749_shares[i].now) <= 5);
        assert_true(llabs(share - change - 10 * cbp8749_shares[i].then) <= 10);
    }
    sw = json_object_get(o, "swing");
    assert_string_equal(json_string_value(json_object_get(sw, "from")), "Lab");
    assert_string_equal(json_string_value(json_object_get(sw, "to")), "Con");
    assert_true(llabs(centi(sw, "points") - 10 * CBP8749_SWING_LAB_TO_CON) <= 5);
    /* Twelve regions, from the 2017 constituencies file; Labour does not
    ** stand in Northern Ireland, so it alone has no Labour-Conservative
    ** swing. */
    {
        json_t *r;
        size_t regions = json_array_size(json_object_get(o, "regions")), without = 0;
        long long in_regions = 0;
        assert_int_equal(regions, 12);
        json_array_foreach(json_object_get(o, "regions"), i, r) {
            const char *name = json_string_value(json_object_get(r, "region"));
            in_regions += num(r, "declared");
            if (json_is_null(json_object_get(r, "swing"))) {
                without++;
                assert_string_equal(name, "Northern Ireland");
            } else {
                printf("%-26s %s to %s %s\n", name,
                       json_string_value(json_object_get(json_object_get(r, "swing"), "from")),
                       json_string_value(json_object_get(json_object_get(r, "swing"), "to")),
                       json_string_value(json_object_get(json_object_get(r, "swing"), "points")));
            }
        }
        assert_int_equal(without, 1);
        assert_int_equal(in_regions, 650);
    }

    json_decref(o);
    for (i = 0; i < now->n; i++)
        json_decref(declared[i]);
    free(declared);
    tally_contest_set_free(now);
    tally_contest_set_free(then);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_picture_2019_matches_commons_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
