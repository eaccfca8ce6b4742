/*
** Unit tests: declared results as NIST SP 1500-100 Rev. 2 Election Results
** Reporting JSON (nist_err.h). The schema's own rules are proved against
** the published schema in tests/central/feeds; these prove the mapping:
** a party is one Party however many candidates it has, a candidate of no
** party has no PartyId (the schema's Candidate.PartyId is optional: an
** Independent belongs to none), the report's Status follows
** ResultsStatus's definitions (certified, recount, unofficial-partial),
** and a date not in the schema's form is refused, not written.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "tally/nist_err.h"

#define HEAD "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""

/* A declared result: A (Party A, "a", elected), B and C (Independents),
** D (a party of no code). */
static json_t *declared(const char *code, const char *extra)
{
    char text[2048];
    json_t *v;
    snprintf(text, sizeof text,
             "{\"constituency\":\"%s\",\"name\":\"N %s\",\"election\":\"E\",\"head\":" HEAD
             ",\"seats\":1,\"electorate\":1000,\"valid_votes\":100,\"rejected\":7,"
             "\"turnout\":\"10.70\",\"candidates\":["
             "{\"name\":\"A\",\"party\":\"Party A\",\"party_code\":\"a\",\"votes\":40,"
             "\"elected\":true},"
             "{\"name\":\"B\",\"party\":\"Independent\",\"party_code\":null,\"votes\":30,"
             "\"elected\":false},"
             "{\"name\":\"C\",\"party\":null,\"party_code\":null,\"votes\":20,"
             "\"elected\":false},"
             "{\"name\":\"D\",\"party\":\"Comm L\",\"party_code\":null,\"votes\":10,"
             "\"elected\":false}]%s}",
             code, code, extra);
    v = json_loads(text, 0, NULL);
    assert_non_null(v);
    return v;
}

static const tally_nist_election election = {
    "General election", "2019-12-12", 0, NULL, "2019-12-13T07:00:00Z", "Issuer", "I",
};

static json_t *report(const json_t *const *d, size_t n, size_t constituencies)
{
    json_t *o = NULL;
    tally_error err;
    tally_error_clear(&err);
    assert_int_equal(tally_nist_err_json(d, n, constituencies, &election, &o, &err), TALLY_OK);
    return o;
}

static const char *status(const json_t *o)
{
    return json_string_value(json_object_get(o, "Status"));
}

static void test_party_once_independents_none(void **state)
{
    json_t *d[2] = { declared("X1", ""), declared("X2", "") };
    json_t *o = report((const json_t *const *)d, 2, 2);
    json_t *parties = json_object_get(o, "Party"), *cands, *c;
    size_t i;
    (void)state;
    /* Party A and Comm L, each once across two contests; no Independent. */
    assert_int_equal(json_array_size(parties), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(parties, 0), "@id")),
                        "party-a");
    assert_string_equal(json_string_value(json_object_get(json_array_get(parties, 1), "@id")),
                        "party-name-Comm_20L");
    cands = json_object_get(json_array_get(json_object_get(o, "Election"), 0), "Candidate");
    assert_int_equal(json_array_size(cands), 8);
    json_array_foreach(cands, i, c) {
        const char *pid = json_string_value(json_object_get(c, "PartyId"));
        switch (i % 4) {
        case 0: assert_string_equal(pid, "party-a"); break;
        case 3: assert_string_equal(pid, "party-name-Comm_20L"); break;
        default: assert_null(json_object_get(c, "PartyId"));
        }
    }
    json_decref(o);
    json_decref(d[0]);
    json_decref(d[1]);
}

static void test_status_partial_then_certified(void **state)
{
    json_t *d = declared("X1", ""), *o;
    json_t *uk, *ballots;
    (void)state;
    o = report((const json_t *const *)&d, 1, 2);
    assert_string_equal(status(o), "unofficial-partial");
    uk = json_array_get(json_object_get(o, "GpUnit"), 0);
    assert_int_equal(json_integer_value(json_object_get(uk, "SubUnitsReported")), 1);
    assert_int_equal(json_integer_value(json_object_get(uk, "TotalSubUnits")), 2);
    json_decref(o);
    o = report((const json_t *const *)&d, 1, 1);
    assert_string_equal(status(o), "certified");
    /* Papers counted, valid and rejected, and the rejected, for the UK. */
    ballots = json_object_get(json_array_get(json_object_get(o, "Election"), 0),
                              "BallotCounts");
    assert_int_equal(json_array_size(ballots), 2);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(ballots, 1), "BallotsCast")), 107);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(ballots, 1), "BallotsRejected")), 7);
    json_decref(o);
    json_decref(d);
}

static void test_one_contest_recount(void **state)
{
    json_t *d = declared("X1", ",\"recount\":true"), *o;
    (void)state;
    o = report((const json_t *const *)&d, 1, 0);
    assert_string_equal(status(o), "recount");
    /* One contest: no count of the units reported. */
    assert_null(json_object_get(json_array_get(json_object_get(o, "GpUnit"), 0),
                                "TotalSubUnits"));
    json_decref(o);
    json_decref(d);
    d = declared("X1", "");
    o = report((const json_t *const *)&d, 1, 0);
    assert_string_equal(status(o), "certified");
    json_decref(o);
    json_decref(d);
}

static void test_bad_dates_refused(void **state)
{
    json_t *d = declared("X1", ""), *o = NULL;
    tally_nist_election e = election;
    tally_error err;
    (void)state;
    e.date = "12/12/2019";
    assert_int_equal(tally_nist_err_json((const json_t *const *)&d, 1, 0, &e, &o, &err),
                     TALLY_EINVAL);
    assert_null(o);
    e = election;
    e.generated = "2019-12-13 07:00:00";
    assert_int_equal(tally_nist_err_json((const json_t *const *)&d, 1, 0, &e, &o, &err),
                     TALLY_EINVAL);
    assert_null(o);
    json_decref(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_party_once_independents_none),
        cmocka_unit_test(test_status_partial_then_certified),
        cmocka_unit_test(test_one_contest_recount),
        cmocka_unit_test(test_bad_dates_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
