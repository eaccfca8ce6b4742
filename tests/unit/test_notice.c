/*
** Unit tests: the declaration notice's content (src/report/notice.h), the
** one list the text and the PDF both draw.
**
** Rules proved here:
**   PER r.50(1)(c)  the notice gives the name of the person elected, the
**                   votes given for each candidate and the rejected papers
**                   under each head: Batley and Spen 2021, against the
**                   declared figures (Kim Leadbeater 13,296; 83 rejected)
**   PER r.50        an unopposed return has no table and no statement of
**                   rejected papers
**   Wales           area.nation "wales" makes the notice bilingual, the
**                   Welsh beside the English where a source gives it
**                   (src/report/welsh.c) and nowhere else; the text gives
**                   the Welsh first
**   PER r.47        the statement of rejected papers as text gives each
**                   head with its papers and the rejections objected to,
**                   and their totals, from the same notice as the PDF
**   PER r.45        the verification statement's columns cut a station's
**                   name between characters, never inside one
** and that every allocation failure while building it is clean.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/notice.h"
#include "report/util.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/report.h"
#include "tally/result.h"

static tally_election *batley(void)
{
    const char *dir = getenv("TALLY_SOURCE_DIR");
    char path[4096];
    tally_election *e = NULL;
    tally_error err;
    if (!dir)
        fail_msg("TALLY_SOURCE_DIR is not set (run the suite through ctest)");
    snprintf(path, sizeof path, "%s/examples/batley-and-spen-2021/election.json", dir);
    tally_error_clear(&err);
    assert_int_equal(tally_io_read_election(path, &e, &err), TALLY_OK);
    return e;
}

static tally_result *compute(const tally_election *e)
{
    tally_result_options ro = { 0 };
    tally_result *r = NULL;
    tally_error err;
    ro.has_seed = 1;
    ro.seed = 1;
    tally_error_clear(&err);
    assert_int_equal(tally_result_compute(e, &ro, &r, &err), TALLY_OK);
    return r;
}

static const tally_notice_item *find(const tally_notice *n, tally_notice_kind k, const char *en0)
{
    for (size_t i = 0; i < n->n_items; i++)
        if (n->items[i].kind == k && (!en0 || strcmp(n->items[i].en[0], en0) == 0))
            return &n->items[i];
    return NULL;
}

static size_t count_kind(const tally_notice *n, tally_notice_kind k)
{
    size_t c = 0;
    for (size_t i = 0; i < n->n_items; i++)
        c += n->items[i].kind == k;
    return c;
}

static void per_r50_notice_gives_votes_heads_and_the_person_elected(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute(e);
    tally_notice *n = NULL;
    const tally_notice_item *it;
    (void)state;

    assert_int_equal(tally_notice_build(r, &n), TALLY_OK);
    assert_false(n->bilingual);
    assert_int_equal(count_kind(n, TALLY_NOTICE_CANDIDATE), 16);
    assert_int_equal(count_kind(n, TALLY_NOTICE_HEAD), 4);
    it = find(n, TALLY_NOTICE_CANDIDATE, "Kim Leadbeater");
    assert_non_null(it);
    assert_string_equal(it->en[1], "Labour Party");
    assert_string_equal(it->en[2], "13,296");
    assert_string_equal(it->en[3], "Elected");
    it = find(n, TALLY_NOTICE_CANDIDATE, "Ryan Stephenson");
    assert_non_null(it);
    assert_string_equal(it->en[2], "12,973");
    assert_string_equal(it->en[3], "");
    /* The official figures give the rejected papers as a total only. */
    it = find(n, TALLY_NOTICE_HEAD, "want of an official mark");
    assert_non_null(it);
    assert_string_equal(it->mark, "(a)");
    assert_string_equal(it->en[2], "not given");
    it = find(n, TALLY_NOTICE_TOTAL, NULL);
    assert_non_null(it);
    assert_string_equal(it->en[2], "83");
    it = &n->items[n->n_items - 3];
    assert_int_equal(it->kind, TALLY_NOTICE_PARA);
    assert_non_null(strstr(it->en[0], "Kim Leadbeater is duly elected as the Member of Parliament"));
    it = find(n, TALLY_NOTICE_FIGURE, "Turnout");
    assert_non_null(it);
    assert_string_equal(it->en[2], "47.60%");
    for (size_t i = 0; i < n->n_items; i++)
        for (int c = 0; c < TALLY_NOTICE_CELLS; c++)
            assert_null(n->items[i].cy[c]);
    tally_notice_free(n);
    tally_notice_free(NULL);
    tally_result_free(r);
    tally_election_free(e);
}

static void per_r50_unopposed_return_has_no_table(void **state)
{
    tally_election *e = NULL;
    tally_result *r;
    tally_notice *n = NULL;
    tally_error err;
    static const char doc[] =
        "{ \"election\": { \"name\": \"Example\", \"date\": \"2023-05-04\", \"type\": \"local\" },"
        "  \"area\": { \"name\": \"Example ward\", \"nation\": \"wales\" }, \"electorate\": 900,"
        "  \"candidates\": [ { \"name\": \"Dee Ashworth\", \"party\": \"Independent\" } ] }";
    (void)state;
    tally_error_clear(&err);
    assert_int_equal(tally_io_parse_election(doc, sizeof doc - 1, "doc", &e, &err), TALLY_OK);
    r = compute(e);
    assert_int_equal(tally_notice_build(r, &n), TALLY_OK);
    assert_int_equal(count_kind(n, TALLY_NOTICE_COLUMNS), 0);
    assert_int_equal(count_kind(n, TALLY_NOTICE_REJECTED), 0);
    assert_non_null(find(n, TALLY_NOTICE_TITLE, "DECLARATION OF PERSONS ELECTED UNOPPOSED"));
    /* No cited Welsh for this title: English only, in Wales too. */
    assert_null(find(n, TALLY_NOTICE_TITLE, NULL)->cy[0]);
    tally_notice_free(n);
    tally_result_free(r);
    tally_election_free(e);
}

static void wales_notice_gives_cited_welsh_first(void **state)
{
    tally_election *e = batley();
    tally_result *r;
    tally_notice *n = NULL;
    const tally_notice_item *it;
    char *text = NULL;
    size_t len = 0;
    FILE *f;
    (void)state;

    e->nation = TALLY_NATION_WALES;
    r = compute(e);
    assert_int_equal(tally_notice_build(r, &n), TALLY_OK);
    assert_true(n->bilingual);
    it = find(n, TALLY_NOTICE_TITLE, NULL);
    assert_string_equal(it->cy[0], "HYSBYSIAD O'R CANLYNIAD");
    it = find(n, TALLY_NOTICE_HEAD, "want of an official mark");
    assert_string_equal(it->cy[0], "papur pleidleisio nad oes arno farc swyddogol");
    it = find(n, TALLY_NOTICE_CANDIDATE, "Kim Leadbeater");
    assert_string_equal(it->cy[3], "Etholwyd");
    assert_null(it->cy[0]); /* names are not translated */
    assert_null(find(n, TALLY_NOTICE_CANDIDATE, "Ryan Stephenson")->cy[3]);
    /* The officer's statement has no cited Welsh. */
    assert_null(find(n, TALLY_NOTICE_PARA, NULL)->cy[0]);
    tally_notice_free(n);

    f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(tally_report_text(r, f), TALLY_OK);
    fclose(f);
    assert_non_null(strstr(text, "HYSBYSIAD O'R CANLYNIAD\nDECLARATION OF RESULT OF POLL\n"));
    assert_non_null(strstr(text, "Cyfanswm / Total"));
    assert_true(strstr(text, "(a) papur pleidleisio") < strstr(text, "(a) want of"));
    free(text);
    tally_result_free(r);
    tally_election_free(e);
}

static void area_nation_is_read_and_checked(void **state)
{
    tally_election *e = NULL;
    tally_error err;
    static const char good[] =
        "{ \"election\": { \"name\": \"E\", \"date\": \"2024-05-02\", \"type\": \"local\" },\n"
        "  \"area\": { \"name\": \"A\", \"nation\": \"wales\" }, \"electorate\": 9,\n"
        "  \"candidates\": [ { \"name\": \"X\", \"party\": \"Independent\" } ] }";
    static const char bad[] =
        "{ \"election\": { \"name\": \"E\", \"date\": \"2024-05-02\", \"type\": \"local\" },\n"
        "  \"area\": { \"name\": \"A\", \"nation\": \"Cymru\" }, \"electorate\": 9,\n"
        "  \"candidates\": [ { \"name\": \"X\", \"party\": \"Independent\" } ] }";
    (void)state;
    tally_error_clear(&err);
    assert_int_equal(tally_io_parse_election(good, sizeof good - 1, "good", &e, &err), TALLY_OK);
    assert_int_equal(e->nation, TALLY_NATION_WALES);
    tally_election_free(e);
    e = NULL;
    assert_int_equal(tally_io_parse_election(bad, sizeof bad - 1, "bad", &e, &err), TALLY_EINVAL);
    assert_null(e);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 36); /* the value "Cymru" */
    assert_non_null(strstr(err.message, "unknown nation \"Cymru\""));
}

/* The line of out that starts with prefix, copied into line. */
static int line_of(const char *out, const char *prefix, char *line, size_t n)
{
    for (const char *p = out; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            size_t len = strcspn(p, "\n");
            snprintf(line, n, "%.*s", (int)len, p);
            return 1;
        }
    return 0;
}

static void per_r47_statement_text_gives_heads_and_objections(void **state)
{
    /* Batley and Spen 2021: 83 rejected; the objections are made up. */
    static const int64_t papers[] = { 27, 0, 3, 53 }, objected[] = { 1, 0, 0, 7 };
    tally_election *e = batley();
    char *buf = NULL, line[256], label[64], a[16], b[16];
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    (void)state;

    assert_int_equal(tally_report_rejected_text(e, papers, objected, out), TALLY_OK);
    fclose(out);
    assert_non_null(strstr(buf, "STATEMENT OF REJECTED BALLOT PAPERS"));
    assert_true(line_of(buf, "(d) ", line, sizeof line));
    assert_int_equal(sscanf(line + 4, "being unmarked or wholly void for uncertainty %15s %15s", a, b),
                     2);
    assert_string_equal(a, "53");
    assert_string_equal(b, "7");
    assert_true(line_of(buf, "Total", line, sizeof line));
    assert_int_equal(sscanf(line, "%63s %15s %15s", label, a, b), 3);
    assert_string_equal(a, "83");
    assert_string_equal(b, "8");
    free(buf);
    tally_election_free(e);
}

static void per_r45_station_names_cut_between_characters(void **state)
{
    /* 32 characters, then the two bytes of "â" as the 33rd. */
    static const char name[] = "Neuadd Goffa Cwm-y-glo, Llanrug \xc3\xa2";
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    (void)state;

    tally_rep_cut(out, name, 33); /* the 33rd character is the two-byte "â" */
    tally_rep_cut(out, name, 32);
    tally_rep_cut(out, "Cwm", 5);
    fclose(out);
    assert_int_equal(len, 34 + 32 + 5);
    assert_memory_equal(buf, name, 34);
    assert_memory_equal(buf + 34, name, 32);
    assert_memory_equal(buf + 66, "Cwm  ", 5);
    assert_int_equal(tally_rep_width(buf), 33 + 32 + 5);
    free(buf);
}

static void each_allocation_failure_is_clean(void **state)
{
    tally_election *e = batley();
    tally_result *r;
    int succeeded = 0;
    (void)state;

    e->nation = TALLY_NATION_WALES;
    r = compute(e);
    for (long k = 0; !succeeded && k < 100000; k++) {
        tally_notice *n = (tally_notice *)1;
        tally_status s;
        tally_alloc_fail_after(k);
        s = tally_notice_build(r, &n);
        tally_alloc_fail_after(-1);
        if (s == TALLY_OK) {
            succeeded = 1;
            assert_non_null(find(n, TALLY_NOTICE_TOTAL, NULL));
        } else {
            assert_int_equal(s, TALLY_ENOMEM);
            assert_null(n);
        }
        tally_notice_free(n);
    }
    assert_true(succeeded);
    tally_result_free(r);
    tally_election_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(per_r50_notice_gives_votes_heads_and_the_person_elected),
        cmocka_unit_test(per_r50_unopposed_return_has_no_table),
        cmocka_unit_test(wales_notice_gives_cited_welsh_first),
        cmocka_unit_test(area_nation_is_read_and_checked),
        cmocka_unit_test(per_r47_statement_text_gives_heads_and_objections),
        cmocka_unit_test(per_r45_station_names_cut_between_characters),
        cmocka_unit_test(each_allocation_failure_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
