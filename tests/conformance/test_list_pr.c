/*
** List PR and the additional member systems against published results:
**
**   - the Scottish Parliament's regional members, Scotland Act 1998 ss.7-8:
**     2016 in Central Scotland, Glasgow and West Scotland (every party's
**     regional votes, constituency seats and the seats each party won) and
**     the North-East Scotland worked example of the Act's Explanatory Notes
**     (1999), seat by seat; 2021 in Central Scotland, Highlands and
**     Islands, Mid Scotland and Fife, North East Scotland and South
**     Scotland (tests/conformance/list/, sources in each file; Glasgow,
**     Lothian and West Scotland's 2021 list votes are not there);
**   - the London Assembly's 11 London members in 2021, Greater London
**     Authority Act 1999 Sch 2 (tests/conformance/list/london-2021.json);
**   - from ../shared/data/list/votelib (skipped when absent): the Czech
**     European Parliament election of 2019 (D'Hondt, 21 seats, 5%
**     threshold), and New Zealand's 2014 and 2008 general elections
**     (Sainte-Laguë over 120 seats among the parties with 5% of the party
**     vote or an electorate seat, each keeping its electorate seats where
**     they exceed its share: the overhang).
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

#include "tally/listpr.h"
#include "tally/listpr_io.h"

typedef struct expect {
    const char *area, *party;
    int64_t list_seats;
} expect;

static tally_list_result *allocate_file(const char *name, tally_list_method m,
                                        tally_list_election **e)
{
    const char *src = getenv("TALLY_SOURCE_DIR");
    tally_list_options o = { .has_seed = 1, .seed = 1 };
    tally_list_result *r = NULL;
    tally_error err;
    char path[4096];

    snprintf(path, sizeof path, "%s/tests/conformance/list/%s", src ? src : ".", name);
    if (tally_io_read_list(path, e, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    if (tally_list_allocate(*e, m, &o, &r, &err) != TALLY_OK)
        fail_msg("%s: %s", name, err.message);
    assert_int_equal(r->n_lots, 0);
    return r;
}

/* Every party of every area named in want has exactly that many list
** seats; every other party has none. */
static void check_seats(const tally_list_result *r, const expect *want, size_t n)
{
    for (size_t a = 0; a < r->n_areas; a++) {
        const tally_list_area *ar = r->areas[a].area;
        int64_t total = 0;
        for (size_t p = 0; p < ar->n_parties; p++) {
            int64_t w = 0;
            for (size_t i = 0; i < n; i++)
                if (strcmp(want[i].area, ar->name) == 0 &&
                    strcmp(want[i].party, ar->parties[p].name) == 0)
                    w = want[i].list_seats;
            if (r->areas[a].list_seats[p] != w)
                fail_msg("%s, %s: %lld list seats, published %lld", ar->name,
                         ar->parties[p].name, (long long)r->areas[a].list_seats[p],
                         (long long)w);
            total += r->areas[a].list_seats[p];
        }
        assert_int_equal(total, r->areas[a].seats);
    }
}

/* A Scottish Parliament file of n_areas regions, allocated and checked
** against want. */
static void check_ams_scotland(const char *name, size_t n_areas, const expect *want, size_t n)
{
    tally_list_election *e = NULL;
    tally_list_result *r = allocate_file(name, TALLY_LIST_AMS_SCOTLAND, &e);

    assert_int_equal(r->n_areas, n_areas);
    check_seats(r, want, n);
    tally_list_result_free(r);
    tally_list_election_free(e);
}

static void test_holyrood_2016_regional_members(void **state)
{
    static const expect want[] = {
        { "Central Scotland", "Scottish Labour", 4 },
        { "Central Scotland", "Scottish Conservatives", 3 },
        { "Glasgow", "Scottish Labour", 4 },
        { "Glasgow", "Scottish Conservatives", 2 },
        { "Glasgow", "Scottish Green Party", 1 },
        { "West Scotland", "Scottish Labour", 3 },
        { "West Scotland", "Scottish Conservatives", 3 },
        { "West Scotland", "Scottish Green Party", 1 },
    };

    (void)state;
    check_ams_scotland("holyrood-2016.json", 3, want, sizeof want / sizeof want[0]);
}

/* Holyrood 2021: the published regional seats from the list votes and the
** constituency seats. Central Scotland: Labour 3, Conservative 3, Green 1
** (the Greens' 19,512 take the seventh seat over Labour's 77,623 / 4 =
** 19,405.75). North East Scotland: Conservative 4, Labour 2, Green 1.
** Highlands and Islands: Conservative 4, SNP 1, Labour
** 1, Green 1 (the SNP's seat turns on its six constituency seats). Mid
** Scotland and Fife: Conservative 4, Labour 2, Green 1 (the Greens' 28,654
** take the fourth seat over the Conservatives' 85,909 / 3 = 28,636.3).
** South Scotland: Conservative 3, Labour 3, SNP 1 (the SNP's one seat
** turns on its six constituency seats; Labour's 57,236 / 3 = 19,078.7
** take the seventh over the Greens' 18,964). */
static void test_holyrood_2021_regional_members(void **state)
{
    static const expect want[] = {
        { "Central Scotland", "Scottish Labour", 3 },
        { "Central Scotland", "Scottish Conservatives", 3 },
        { "Central Scotland", "Scottish Green Party", 1 },
        { "North East Scotland", "Scottish Conservatives", 4 },
        { "North East Scotland", "Scottish Labour", 2 },
        { "North East Scotland", "Scottish Green Party", 1 },
        { "Highlands and Islands", "Scottish Conservatives", 4 },
        { "Highlands and Islands", "Scottish National Party", 1 },
        { "Highlands and Islands", "Scottish Labour", 1 },
        { "Highlands and Islands", "Scottish Green Party", 1 },
        { "Mid Scotland and Fife", "Scottish Conservatives", 4 },
        { "Mid Scotland and Fife", "Scottish Labour", 2 },
        { "Mid Scotland and Fife", "Scottish Green Party", 1 },
        { "South Scotland", "Scottish Conservatives", 3 },
        { "South Scotland", "Scottish Labour", 3 },
        { "South Scotland", "Scottish National Party", 1 },
    };

    (void)state;
    check_ams_scotland("holyrood-2021.json", 5, want, sizeof want / sizeof want[0]);
}

/* The Explanatory Notes' table, seat by seat: the winner of each of the
** seven rounds and the SNP's figure for the seventh, 92,329 / 6. */
static void test_north_east_1999_seat_by_seat(void **state)
{
    static const char *const winners[7] = { "Conservative", "SNP", "Conservative", "SNP",
                                            "SNP", "Conservative", "SNP" };
    tally_list_election *e = NULL;
    tally_list_result *r = allocate_file("north-east-1999.json", TALLY_LIST_AMS_SCOTLAND, &e);
    const tally_list_area_result *ar = &r->areas[0];

    (void)state;
    assert_int_equal(ar->n_rounds, 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(ar->area->parties[ar->rounds[i].winner].name, winners[i]);
    /* SNP is party 2: 2 constituency seats and 3 regional seats before the
    ** seventh round, so its divisor is 6. */
    assert_int_equal(ar->rounds[6].divisor[2], 6);
    assert_int_equal(ar->rounds[0].divisor[0], 5); /* Labour: 4 constituency seats + 1 */
    tally_list_result_free(r);
    tally_list_election_free(e);
}

static void test_london_2021_london_members(void **state)
{
    static const expect want[] = {
        { "London", "Conservative", 4 },
        { "London", "Green", 3 },
        { "London", "Labour", 2 },
        { "London", "Liberal Democrats", 2 },
    };
    tally_list_election *e = NULL;
    tally_list_result *r = allocate_file("london-2021.json", TALLY_LIST_AMS_LONDON, &e);

    (void)state;
    check_seats(r, want, sizeof want / sizeof want[0]);
    assert_int_equal(tally_list_total_seats(r, 0, 0), 11); /* Labour 9 + 2 */
    assert_int_equal(tally_list_total_seats(r, 0, 1), 9);  /* Conservative 5 + 4 */
    tally_list_result_free(r);
    tally_list_election_free(e);
}

/* ../shared/data/list/votelib/list_pr_expected.json, or NULL (skip). */
static json_t *votelib_case(const char *id)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    char path[4096];
    json_error_t jerr;
    json_t *root, *c;
    size_t i;
    struct stat st;

    snprintf(path, sizeof path, "%s/list/votelib/list_pr_expected.json", d ? d : "../shared/data");
    if (stat(path, &st) != 0)
        return NULL;
    if (!(root = json_load_file(path, 0, &jerr)))
        fail_msg("%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
    json_array_foreach(json_object_get(root, "cases"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0) {
            json_incref(c);
            json_decref(root);
            return c;
        }
    json_decref(root);
    fail_msg("no case %s in %s", id, path);
    return NULL;
}

static void test_czech_ep_2019_dhondt_with_5_percent_threshold(void **state)
{
    json_t *c = votelib_case("cz_ep_2019"), *votes, *want, *v;
    tally_list_election *e;
    tally_list_result *r = NULL;
    tally_list_options o = { .has_seed = 1, .seed = 1 };
    tally_error err;
    const char *k;
    size_t a, p;

    (void)state;
    if (!c) {
        print_message("skipped: ../shared/data/list/votelib not found\n");
        skip();
    }
    votes = json_object_get(c, "votes");
    want = json_object_get(c, "expected_seats");
    e = tally_list_election_new("Czech EP 2019");
    e->threshold_num = 5;
    e->threshold_den = 100;
    assert_int_equal(tally_list_area_add(e, "Czech Republic",
                                         json_integer_value(json_object_get(c, "seats")),
                                         TALLY_LIST_SUM, &a), TALLY_OK);
    json_object_foreach(votes, k, v)
        assert_int_equal(tally_list_party_add(e, a, k, json_integer_value(v), 0, 0, &p), TALLY_OK);
    assert_int_equal(tally_list_allocate(e, TALLY_LIST_DHONDT, &o, &r, &err), TALLY_OK);
    for (p = 0; p < e->areas[0].n_parties; p++) {
        json_t *w = json_object_get(want, e->areas[0].parties[p].name);
        int64_t ws = w ? json_integer_value(w) : 0;
        if (r->areas[0].list_seats[p] != ws)
            fail_msg("%s: %lld seats, published %lld", e->areas[0].parties[p].name,
                     (long long)r->areas[0].list_seats[p], (long long)ws);
    }
    /* Without the threshold ČSSD (93,664 votes, 3.95%) would take a seat
    ** from ANO 2011. */
    for (p = 0; p < e->areas[0].n_parties; p++)
        if (strcmp(e->areas[0].parties[p].name, "Česká strana sociálně demokratická") == 0)
            assert_int_equal(r->areas[0].out[p], TALLY_LIST_BELOW_THRESHOLD);
    tally_list_result_free(r);
    tally_list_election_free(e);
    json_decref(c);
}

/* New Zealand: Sainte-Laguë over 120 seats among the parties with 5% of
** the party vote or an electorate seat (Electoral Act 1993 (NZ) s.191);
** a party keeps its electorate seats where they exceed its share. */
static void nz_case(const char *id, json_t *electorate)
{
    json_t *c = votelib_case(id), *votes, *want, *v;
    tally_list_election *e;
    tally_list_result *r = NULL;
    tally_list_options o = { .has_seed = 1, .seed = 1 };
    tally_error err;
    int64_t sum = 0, total = 0;
    const char *k;
    size_t a, p;

    if (!c) {
        print_message("skipped: ../shared/data/list/votelib not found\n");
        skip();
    }
    votes = json_object_get(c, "party_votes");
    want = json_object_get(c, "expected_total_seats");
    if (!electorate)
        electorate = json_object_get(c, "electorate_seats");
    json_object_foreach(votes, k, v)
        sum += json_integer_value(v);
    e = tally_list_election_new(id);
    assert_int_equal(tally_list_area_add(e, "New Zealand", 120, TALLY_LIST_SUM, &a), TALLY_OK);
    json_object_foreach(votes, k, v) {
        int64_t n = json_integer_value(v);
        if (n * 100 >= sum * 5 || json_object_get(electorate, k))
            assert_int_equal(tally_list_party_add(e, a, k, n, 0, 0, &p), TALLY_OK);
    }
    assert_int_equal(tally_list_allocate(e, TALLY_LIST_SAINTE_LAGUE, &o, &r, &err), TALLY_OK);
    for (p = 0; p < e->areas[0].n_parties; p++) {
        const char *name = e->areas[0].parties[p].name;
        json_t *el = json_object_get(electorate, name), *w = json_object_get(want, name);
        int64_t seats = r->areas[0].list_seats[p];
        if (el && json_integer_value(el) > seats)
            seats = json_integer_value(el);
        if (seats != (w ? json_integer_value(w) : 0))
            fail_msg("%s %s: %lld seats, published %lld", id, name, (long long)seats,
                     (long long)(w ? json_integer_value(w) : 0));
        total += seats;
    }
    json_object_foreach(want, k, v)
        total -= json_integer_value(v);
    assert_int_equal(total, 0);
    tally_list_result_free(r);
    tally_list_election_free(e);
    json_decref(c);
}

/* 2014: the electorate seats come from the plurality winner of each row of
** nz_leg_2014_electorate.csv, which must give the published count. */
static void test_nz_2014_sainte_lague_with_overhang(void **state)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    json_t *c = votelib_case("nz_leg_2014"), *count, *want;
    char path[4096], line[4096], *names[32];
    size_t n_names = 0;
    FILE *f;

    (void)state;
    if (!c) {
        print_message("skipped: ../shared/data/list/votelib not found\n");
        skip();
    }
    snprintf(path, sizeof path, "%s/list/votelib/data/nz_leg_2014_electorate.csv",
             d ? d : "../shared/data");
    assert_non_null(f = fopen(path, "r"));
    count = json_object();
    while (fgets(line, sizeof line, f)) {
        char *save = NULL, *tok = strtok_r(line, ";\r\n", &save);
        long best = -1;
        size_t col = 0, at = 0;
        if (n_names == 0) {
            while ((tok = strtok_r(NULL, ";\r\n", &save)) && n_names < 32)
                names[n_names++] = strdup(tok);
            continue;
        }
        while ((tok = strtok_r(NULL, ";\r\n", &save)) && col < n_names) {
            long v = strtol(tok, NULL, 10);
            if (v > best) {
                best = v;
                at = col;
            }
            col++;
        }
        json_object_set_new(count, names[at],
                            json_integer(json_integer_value(json_object_get(count, names[at])) + 1));
    }
    fclose(f);
    want = json_object_get(c, "expected_electorate_seats");
    assert_true(json_equal(count, want));
    nz_case("nz_leg_2014", count);
    json_decref(count);
    json_decref(c);
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
}

static void test_nz_2008_sainte_lague_with_overhang(void **state)
{
    (void)state;
    nz_case("nz_leg_2008", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holyrood_2016_regional_members),
        cmocka_unit_test(test_holyrood_2021_regional_members),
        cmocka_unit_test(test_north_east_1999_seat_by_seat),
        cmocka_unit_test(test_london_2021_london_members),
        cmocka_unit_test(test_czech_ep_2019_dhondt_with_5_percent_threshold),
        cmocka_unit_test(test_nz_2014_sainte_lague_with_overhang),
        cmocka_unit_test(test_nz_2008_sainte_lague_with_overhang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
