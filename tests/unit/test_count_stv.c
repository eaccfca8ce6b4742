/*
** Unit tests: the count of an STV contest (count.h, src/count/stv.c), on
** the count alone, without a store.
**
** Rules proved here (docs/count.md, "STV counts"):
**   the papers' canonical form: candidate numbers from 1, " " or "=", one
**       line a paper; anything else refused
**   EC reconciliation, box by box: a box's papers imported are as many as
**       its verified figure, else refused naming the difference, the count
**       unchanged; a box is imported once, and only once verified
**   an e-count has no bundles; a first-past-the-post count imports no
**       papers
**   a doubtful paper rejected leaves the tabulation
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "tally/count.h"
#include "tally/io.h"
#include "tally/method.h"

static tally_count *count_of(const char *method)
{
    tally_count *c;
    tally_error err;
    json_t *ev = json_pack("{s:s, s:s, s:i, s:{s:{s:s, s:s, s:s}, s:{s:s}, s:i, s:s, s:i,"
                           " s:[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]}}",
                           "type", "count_opened", "mode", "test", "bundle_size", 25,
                           "election", "election", "name", "Example", "date", "2022-05-05",
                           "type", "local", "area", "name", "Example Ward", "seats", 1,
                           "method", method, "electorate", 100, "candidates", "name", "Ann",
                           "party", "Independent", "name", "Bob", "party", "Independent",
                           "name", "Cy", "party", "Independent");
    assert_int_equal(tally_count_new(&c), TALLY_OK);
    assert_int_equal(tally_io_apply_event(c, 1, ev, &err), TALLY_OK);
    json_decref(ev);
    return c;
}

/* Apply the event given as JSON text as event number seq. */
static tally_status event(tally_count *c, const char *json, tally_error *err)
{
    json_t *ev = json_loads(json, 0, NULL);
    tally_status s;
    assert_non_null(ev);
    s = tally_io_apply_event(c, tally_count_events(c) + 1, ev, err);
    json_decref(ev);
    return s;
}

static tally_status import(tally_count *c, const char *box, const char *text, tally_error *err)
{
    tally_box_papers *p;
    char json[256];
    json_t *ev;
    tally_status s;

    assert_int_equal(tally_box_papers_parse(text, strlen(text), &p, err), TALLY_OK);
    snprintf(json, sizeof json,
             "{\"type\":\"papers_imported\",\"mode\":\"test\",\"box\":\"%s\",\"format\":\"blt\","
             "\"papers\":%zu,\"sha256\":\"%064d\"}", box, p->n, 0);
    ev = json_loads(json, 0, NULL);
    s = tally_count_apply_papers(c, tally_count_events(c) + 1, ev, p, err);
    json_decref(ev);
    return s;
}

static void verified_box(tally_count *c, const char *box, int n)
{
    char json[256];
    tally_error err;
    snprintf(json, sizeof json, "{\"type\":\"box_received\",\"mode\":\"test\",\"box\":\"%s\","
             "\"kind\":\"postal\",\"station\":\"Postal\",\"issued\":%d}", box, n);
    assert_int_equal(event(c, json, &err), TALLY_OK);
    snprintf(json, sizeof json, "{\"type\":\"box_counted\",\"mode\":\"test\",\"box\":\"%s\","
             "\"figure\":%d}", box, n);
    assert_int_equal(event(c, json, &err), TALLY_OK);
    snprintf(json, sizeof json, "{\"type\":\"box_verified\",\"mode\":\"test\",\"box\":\"%s\","
             "\"figure\":%d}", box, n);
    assert_int_equal(event(c, json, &err), TALLY_OK);
}

static void test_stv_canonical_form_read_paper_by_paper(void **state)
{
    tally_box_papers *p;
    tally_error err;
    (void)state;
    assert_int_equal(tally_box_papers_parse("3 1=2\n\n2\n", 9, &p, &err), TALLY_OK);
    assert_int_equal(p->n, 3);
    assert_int_equal(p->offsets[1] - p->offsets[0], 3);
    assert_int_equal(p->prefs[0], 2);
    assert_int_equal(p->prefs[1], 0);
    assert_int_equal(p->prefs[2], 1 | TALLY_BALLOT_EQUAL);
    assert_int_equal(p->offsets[2], p->offsets[1]); /* no preference */
    assert_int_equal(p->prefs[p->offsets[2]], 1);
    tally_box_papers_free(p);
}

static void test_stv_canonical_form_anything_else_refused(void **state)
{
    static const char *const bad[] = { "0\n", "1  2\n", "1 2", "a\n", "1,2\n", " 1\n",
                                       "1 \n", "=1\n", "12345678\n", "01\n", "1 02\n", "1=\n" };
    tally_box_papers *p;
    tally_error err;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tally_box_papers_parse(bad[i], strlen(bad[i]), &p, &err), TALLY_EINVAL);
        assert_null(p);
    }
}

static void test_stv_import_reconciles_with_the_verified_figure(void **state)
{
    tally_count *c = count_of("scottish-stv");
    tally_error err;
    uint64_t n;
    (void)state;
    verified_box(c, "P1", 3);
    n = tally_count_events(c);
    assert_int_equal(import(c, "P1", "1 2\n2\n", &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "verified at 3 papers but 2 were imported: 1 short"));
    assert_int_equal(import(c, "P1", "1 2\n2\n3\n1\n", &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "1 over"));
    assert_int_equal(tally_count_events(c), n);
    assert_int_equal(import(c, "P1", "1 2\n2\n4\n", &err), TALLY_EINVAL); /* no candidate 4 */
    assert_int_equal(import(c, "P1", "1 2\n2\n3 1\n", &err), TALLY_OK);
    assert_int_equal(import(c, "P1", "1 2\n2\n3 1\n", &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "already been imported"));
    tally_count_free(c);
}

static void test_stv_box_imported_only_once_verified(void **state)
{
    tally_count *c = count_of("scottish-stv");
    tally_error err;
    (void)state;
    assert_int_equal(event(c, "{\"type\":\"box_received\",\"mode\":\"test\",\"box\":\"P1\","
                              "\"kind\":\"postal\",\"station\":\"Postal\",\"issued\":1}", &err),
                     TALLY_OK);
    assert_int_equal(import(c, "P1", "1\n", &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "not verified"));
    tally_count_free(c);
}

static void test_stv_no_bundles_and_fptp_imports_no_papers(void **state)
{
    tally_count *c = count_of("scottish-stv"), *f = count_of("fptp");
    tally_error err;
    (void)state;
    verified_box(c, "P1", 1);
    assert_int_equal(event(c, "{\"type\":\"verification_completed\",\"mode\":\"test\"}", &err),
                     TALLY_OK);
    assert_int_equal(event(c, "{\"type\":\"bundle_recorded\",\"mode\":\"test\",\"candidate\":"
                              "\"Ann\",\"size\":1,\"part\":true,\"table\":\"1\",\"counted_by\":"
                              "\"A\",\"checked_by\":\"B\"}", &err),
                     TALLY_EINVAL);
    assert_non_null(strstr(err.message, "no bundles"));
    verified_box(f, "P1", 1);
    assert_int_equal(import(f, "P1", "1\n", &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "first past the post"));
    /* Without its papers the event is refused, whatever the count. */
    assert_int_equal(event(c, "{\"type\":\"papers_imported\",\"mode\":\"test\",\"box\":\"P1\","
                              "\"format\":\"blt\",\"papers\":1,\"sha256\":\"" 
                              "0000000000000000000000000000000000000000000000000000000000000000"
                              "\"}", &err),
                     TALLY_ENOTFOUND);
    tally_count_free(c);
    tally_count_free(f);
}

static void test_stv_rejected_doubtful_paper_leaves_the_tabulation(void **state)
{
    tally_count *c = count_of("scottish-stv");
    const tally_method_result *r;
    tally_error err;
    (void)state;
    /* Ann 3, Bob 2, Cy 1 ("3 2"): one seat. Counted whole, Ann is elected
    ** (Cy excluded, Ann and Bob 3 each, Bob had fewer at stage 1). With
    ** Ann's first paper rejected: 5 valid, quota 3, and Cy's paper elects
    ** Bob. */
    verified_box(c, "P1", 6);
    assert_int_equal(event(c, "{\"type\":\"verification_completed\",\"mode\":\"test\"}", &err),
                     TALLY_OK);
    assert_int_equal(import(c, "P1", "1\n1\n1\n2\n2\n3 2\n", &err), TALLY_OK);
    assert_int_equal(event(c, "{\"type\":\"doubtful_decided\",\"mode\":\"test\",\"decision\":"
                              "\"rejected\",\"head\":\"unmarked_or_void\",\"box\":\"P1\","
                              "\"paper\":1}", &err),
                     TALLY_OK);
    assert_int_equal(event(c, "{\"type\":\"doubtful_decided\",\"mode\":\"test\",\"decision\":"
                              "\"counted\",\"box\":\"P1\",\"paper\":7}", &err),
                     TALLY_EINVAL); /* no paper 7 */
    assert_int_equal(event(c, "{\"type\":\"count_completed\",\"mode\":\"test\"}", &err), TALLY_OK);
    assert_int_equal(tally_count_stv_result(c, &r, &err), TALLY_OK);
    assert_int_equal(r->valid, 5);
    assert_int_equal(r->n_elected, 1);
    assert_int_equal(r->elected[0], 1); /* Bob */
    tally_count_free(c);

    /* The same papers with none rejected: Ann. */
    c = count_of("scottish-stv");
    verified_box(c, "P1", 6);
    assert_int_equal(event(c, "{\"type\":\"verification_completed\",\"mode\":\"test\"}", &err),
                     TALLY_OK);
    assert_int_equal(import(c, "P1", "1\n1\n1\n2\n2\n3 2\n", &err), TALLY_OK);
    assert_int_equal(event(c, "{\"type\":\"count_completed\",\"mode\":\"test\"}", &err), TALLY_OK);
    assert_int_equal(tally_count_stv_result(c, &r, &err), TALLY_OK);
    assert_int_equal(r->valid, 6);
    assert_int_equal(r->elected[0], 0); /* Ann */
    tally_count_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stv_canonical_form_read_paper_by_paper),
        cmocka_unit_test(test_stv_canonical_form_anything_else_refused),
        cmocka_unit_test(test_stv_import_reconciles_with_the_verified_figure),
        cmocka_unit_test(test_stv_box_imported_only_once_verified),
        cmocka_unit_test(test_stv_no_bundles_and_fptp_imports_no_papers),
        cmocka_unit_test(test_stv_rejected_doubtful_paper_leaves_the_tabulation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
