/*
** Unit tests: the count where a ward elects several councillors
** (src/count/papers.c and the rule files it serves).
**
** Rules proved here, Local Elections (Principal Areas) (England and Wales)
** Rules 2006 (SI 2006/3304, "LEPAR") Sch.2:
**   r.16(1)   only candidates remaining nominated after withdrawals are on
**             the ballot paper: no votes for anyone else
**   r.47(1)(b) a paper voting for more candidates than the voter is
**             entitled to is void: no bundle carries more than `seats`
**             votes a paper, no doubtful paper is counted for more
**   r.47(1)(d) an unmarked paper is void: every counted paper carries a vote
**   r.47(2)   a doubtful paper is counted for each candidate it clearly
**             votes for
**   r.15      the `seats` candidates with most votes are elected
**   r.49      an equality for the last seat is decided by lot
** and EC reconciliation: the valid papers, not the votes, with the rejected
** papers equal the verified total. Each refusal leaves the count as it was.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/count.h"
#include "tally/io.h"
#include "tally/report.h"
#include "tally/result.h"

#define ANN "Ann Able"
#define BOB "Bob Best"
#define CAT "Cat Cole"
#define DAN "Dan Dunn"
#define MODE "test"
#define VERIFIED 32 /* box P1 */

/* A two-seat ward, four candidates, bundles of 10. */
static json_t *definition(void)
{
    return json_pack("{s:{s:s, s:s, s:s}, s:{s:s}, s:i, s:i, s:[{s:s, s:s, s:s},"
                     " {s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}]}",
                     "election", "name", "Testshire ward", "date", "2022-05-05", "type", "local",
                     "area", "name", "Testshire", "seats", 2, "electorate", 1000, "candidates",
                     "name", ANN, "party", "Labour Party", "party_code", "Lab", "name", BOB,
                     "party", "Labour Party", "party_code", "Lab", "name", CAT, "party",
                     "Conservative Party", "party_code", "Con", "name", DAN, "party",
                     "Conservative Party", "party_code", "Con");
}

typedef struct fx {
    tally_count *c;
    uint64_t seq;
    tally_error err;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || tally_count_new(&f->c) != TALLY_OK) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    tally_count_free(f->c);
    free(f);
    return 0;
}

static tally_status apply(fx *f, json_t *ev)
{
    tally_status s;
    assert_non_null(ev);
    json_object_set_new(ev, "mode", json_string(MODE));
    tally_error_clear(&f->err);
    s = tally_io_apply_event(f->c, f->seq + 1, ev, &f->err);
    json_decref(ev);
    if (s == TALLY_OK)
        f->seq++;
    return s;
}

static char *snapshot(tally_count *c)
{
    json_t *st = NULL;
    char *text;
    assert_int_equal(tally_report_count_status(c, &st), TALLY_OK);
    text = json_dumps(st, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(st);
    assert_non_null(text);
    return text;
}

static void ok_at(fx *f, json_t *ev, int line)
{
    if (apply(f, ev) != TALLY_OK)
        fail_msg("line %d: event %llu refused: %s", line, (unsigned long long)(f->seq + 1),
                 f->err.message);
}

/* Refused with a message containing word, and nothing changed. */
static void refused_at(fx *f, json_t *ev, const char *word, int line)
{
    char *before = snapshot(f->c), *after;
    uint64_t n = tally_count_events(f->c);
    tally_status s = apply(f, ev);
    after = snapshot(f->c);
    if (s == TALLY_OK)
        fail_msg("line %d: expected a refusal (\"%s\"): accepted", line, word);
    if (s != TALLY_EINVAL || !strstr(f->err.message, word))
        fail_msg("line %d: expected a refusal saying \"%s\", got %s: %s", line, word,
                 tally_strerror(s), f->err.message);
    if (strcmp(before, after) != 0 || tally_count_events(f->c) != n)
        fail_msg("line %d: a refused event changed the count", line);
    free(before);
    free(after);
}

#define OK(ev) ok_at(f, (ev), __LINE__)
#define REFUSED(ev, word) refused_at(f, (ev), (word), __LINE__)

static json_t *e_bundle(json_int_t papers, json_t *votes)
{
    json_t *ev = json_pack("{s:s, s:I, s:s, s:s, s:s, s:o}", "type", "bundle_recorded", "size",
                           papers, "table", "Table 1", "counted_by", "A01", "checked_by", "A02",
                           "votes", votes);
    if (papers < 10)
        json_object_set_new(ev, "part", json_true());
    return ev;
}

/* A doubtful paper counted for the candidates named (NULL-terminated). */
static json_t *e_counted_for(const char *first, ...)
{
    json_t *names = json_array();
    va_list ap;
    va_start(ap, first);
    for (const char *n = first; n; n = va_arg(ap, const char *))
        json_array_append_new(names, json_string(n));
    va_end(ap);
    return json_pack("{s:s, s:s, s:o}", "type", "doubtful_decided", "decision", "counted",
                     "candidates", names);
}

static json_t *e_rejected(const char *head)
{
    return json_pack("{s:s, s:s, s:s}", "type", "doubtful_decided", "decision", "rejected",
                     "head", head);
}

static json_t *e(const char *type)
{
    return json_pack("{s:s}", "type", type);
}

static void open_and_verify(fx *f)
{
    OK(json_pack("{s:s, s:I, s:o}", "type", "count_opened", "bundle_size", (json_int_t)10,
                 "election", definition()));
    OK(json_pack("{s:s, s:s, s:s, s:s, s:I}", "type", "box_received", "box", "P1", "kind",
                 "postal", "station", "Postal opening", "issued", (json_int_t)VERIFIED));
    OK(json_pack("{s:s, s:s, s:I}", "type", "box_counted", "box", "P1", "figure",
                 (json_int_t)VERIFIED));
    OK(json_pack("{s:s, s:s, s:I}", "type", "box_verified", "box", "P1", "figure",
                 (json_int_t)VERIFIED));
    OK(e("verification_completed"));
}

/* 30 valid papers in bundles, one counted doubtful, one rejected: 32.
** Votes: Ann 24, Bob 19, Cat 12 + 1, Dan 5 + 1: 62, two on every paper. */
static void count_ward(fx *f)
{
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 9, BOB, 7, CAT, 3, DAN, 1)));
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 8, BOB, 6, CAT, 4, DAN, 2)));
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 7, BOB, 6, CAT, 5, DAN, 2)));
    OK(e_counted_for(CAT, DAN, NULL));
    OK(e_rejected("more_than_one"));
}

static json_int_t status_int(fx *f, const char *obj, const char *key)
{
    json_t *st = NULL;
    json_int_t n;
    assert_int_equal(tally_report_count_status(f->c, &st), TALLY_OK);
    n = json_integer_value(json_object_get(obj ? json_object_get(st, obj) : st, key));
    json_decref(st);
    return n;
}

static void test_lepar_r47_1b_bundle_with_more_votes_than_seats_a_paper_refused(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    /* 10 papers can carry at most 20 votes in a two-seat ward. */
    REFUSED(e_bundle(10, json_pack("{s:i, s:i, s:i}", ANN, 10, BOB, 10, CAT, 1)),
            "voting for more candidates than the voter was entitled to");
    OK(e_bundle(10, json_pack("{s:i, s:i}", ANN, 10, BOB, 10)));
    assert_int_equal(status_int(f, "papers", BOB), 10);
}

static void test_lepar_r47_a_candidate_has_at_most_one_vote_a_paper(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    REFUSED(e_bundle(10, json_pack("{s:i, s:i}", ANN, 11, BOB, 1)),
            "10 papers cannot carry 11 votes for Ann Able");
    REFUSED(e_counted_for(ANN, ANN, NULL), "named twice");
}

static void test_lepar_r47_1d_every_counted_paper_carries_a_vote(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    REFUSED(e_bundle(10, json_pack("{s:i, s:i}", ANN, 5, BOB, 4)), "rejected as unmarked");
}

static void test_lepar_r16_no_votes_for_a_candidate_not_on_the_paper(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    /* Eve Earl withdrew: she is not on the ballot paper. */
    REFUSED(e_bundle(10, json_pack("{s:i, s:i}", ANN, 10, "Eve Earl", 3)),
            "\"Eve Earl\" is not a candidate on the ballot paper");
    REFUSED(e_counted_for("Eve Earl", NULL), "not a candidate on the ballot paper");
}

static void test_lepar_bundle_of_one_candidate_refused_with_several_seats(void **state)
{
    fx *f = *state;
    json_t *ev;
    open_and_verify(f);
    ev = e_bundle(10, json_pack("{s:i}", ANN, 10));
    json_object_set_new(ev, "candidate", json_string(ANN));
    REFUSED(ev, "not \"candidate\"");
    REFUSED(json_pack("{s:s, s:s, s:s}", "type", "doubtful_decided", "decision", "counted",
                      "candidate", ANN),
            "not \"candidate\"");
}

static void test_lepar_r47_1b_doubtful_for_more_candidates_than_seats_refused(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    REFUSED(e_counted_for(ANN, BOB, CAT, NULL), "LEPAR 2006 Sch.2 r.47(1)(b)");
}

static void test_lepar_r47_2_doubtful_counted_for_each_candidate_it_votes_for(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    OK(e_counted_for(ANN, DAN, NULL));
    assert_int_equal(status_int(f, "papers", ANN), 1);
    assert_int_equal(status_int(f, "papers", BOB), 0);
    assert_int_equal(status_int(f, "papers", DAN), 1);
    assert_int_equal(status_int(f, "reconciliation", "valid_papers"), 1);
    assert_int_equal(status_int(f, "reconciliation", "candidate_votes"), 2);
}

static void test_ec_reconciliation_counts_papers_not_votes(void **state)
{
    fx *f = *state;
    open_and_verify(f);
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 9, BOB, 7, CAT, 3, DAN, 1)));
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 8, BOB, 6, CAT, 4, DAN, 2)));
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 7, BOB, 6, CAT, 5, DAN, 2)));
    OK(e_counted_for(CAT, DAN, NULL));
    /* 31 papers carry 62 votes; 31 + 0 rejected is not the 32 verified. */
    REFUSED(e("count_completed"), "valid papers and rejected papers come to 31 but 32");
    OK(e_rejected("more_than_one"));
    OK(e("count_completed"));
    assert_int_equal(status_int(f, "reconciliation", "valid_papers"), 31);
    assert_int_equal(status_int(f, "reconciliation", "counted_total"), 32);
    assert_int_equal(status_int(f, "reconciliation", "difference"), 0);
}

static const tally_result *declared(fx *f)
{
    const tally_result *r;
    assert_int_equal(tally_count_result(f->c, &r, &f->err), TALLY_OK);
    return r;
}

static void test_lepar_r15_the_seats_go_to_the_most_votes(void **state)
{
    fx *f = *state;
    const tally_result *r;
    json_t *st = NULL, *cand;
    size_t i, elected = 0;

    open_and_verify(f);
    count_ward(f);
    OK(e("count_completed"));
    OK(e("provisional_shown"));
    OK(e("result_declared"));
    r = declared(f);
    assert_int_equal(r->n_winners, 2);
    assert_string_equal(r->election->candidates[r->winners[0]].name, ANN);
    assert_string_equal(r->election->candidates[r->winners[1]].name, BOB);
    /* The valid total is of papers (31), not votes (62). */
    assert_int_equal(r->valid_votes, 31);
    assert_int_equal(r->rejected_total, 1);
    assert_int_equal(tally_result_declared_votes(r, 2), 13);
    assert_int_equal(status_int(f, NULL, "seats"), 2);
    /* The status shows each winner elected. */
    assert_int_equal(tally_report_count_status(f->c, &st), TALLY_OK);
    json_array_foreach(json_object_get(json_object_get(st, "result"), "candidates"), i, cand)
        elected += json_is_true(json_object_get(cand, "elected"));
    json_decref(st);
    assert_int_equal(elected, 2);
}

static void test_lepar_r49_equality_for_the_last_seat_decided_by_lot(void **state)
{
    fx *f = *state;
    const tally_result *r;
    size_t second;

    open_and_verify(f);
    /* Ann 20; Bob and Cat 15 each for the second seat; Dan 11. */
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 10, BOB, 5, CAT, 5, DAN, 0)));
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 6, BOB, 5, CAT, 5, DAN, 4)));
    OK(e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 4, BOB, 5, CAT, 5, DAN, 6)));
    OK(e_counted_for(DAN, NULL));
    OK(e_rejected("unmarked_or_void"));
    OK(e("count_completed"));
    OK(e("provisional_shown"));
    REFUSED(e("result_declared"), "lots must be drawn");
    OK(json_pack("{s:s, s:s, s:s}", "type", "lot_drawn", "method", "seeded", "seed", "20220505"));
    OK(e("result_declared"));
    r = declared(f);
    assert_int_equal(r->n_winners, 2);
    assert_string_equal(r->election->candidates[r->winners[0]].name, ANN);
    second = r->winners[1];
    assert_true(second == 1 || second == 2); /* Bob or Cat */
    assert_int_equal(r->n_draws, 1);
    assert_int_equal(r->draws[0].falls_on, second);
    assert_true(r->candidates[second].lot_vote);
}

static void test_lepar_r49_three_equal_for_two_seats_draw_twice_from_the_seed(void **state)
{
    fx *f = *state;
    const tally_result *r;

    open_and_verify(f);
    /* Ann, Bob and Cat 15 each for the two seats; Dan 1. */
    for (int k = 0; k < 3; k++)
        OK(e_bundle(10, json_pack("{s:i, s:i, s:i}", ANN, 5, BOB, 5, CAT, 5)));
    OK(e_counted_for(DAN, NULL));
    OK(e_rejected("official_mark"));
    OK(e("count_completed"));
    OK(e("provisional_shown"));
    /* A physical lot records one drawing: this equality needs two. */
    REFUSED(json_pack("{s:s, s:s, s:s}", "type", "lot_drawn", "method", "physical", "falls_on",
                      ANN),
            "more than one drawing");
    OK(json_pack("{s:s, s:s, s:s}", "type", "lot_drawn", "method", "seeded", "seed", "7"));
    OK(e("result_declared"));
    r = declared(f);
    assert_int_equal(r->n_draws, 2);
    assert_int_equal(r->n_winners, 2);
    assert_int_not_equal(r->winners[0], 3);
    assert_int_not_equal(r->winners[1], 3);
    assert_int_not_equal(r->winners[0], r->winners[1]);
}

static void test_per_r44_bundle_check_move_beyond_the_papers_refused(void **state)
{
    fx *f = *state;
    uint64_t req;
    open_and_verify(f);
    count_ward(f);
    OK(e("count_completed"));
    OK(json_pack("{s:s, s:s, s:s}", "type", "bundle_check_requested", "by", CAT, "role",
                 "candidate"));
    req = f->seq;
    /* 31 papers: Ann cannot have 24 + 8 = 32 votes. */
    REFUSED(json_pack("{s:s, s:I, s:[{s:s, s:s, s:i}]}", "type", "bundle_check_completed",
                      "request", (json_int_t)req, "moves", "from", CAT, "to", ANN, "papers", 8),
            "31 papers cannot carry 32 votes for Ann Able");
    REFUSED(json_pack("{s:s, s:I, s:[{s:s, s:i}]}", "type", "bundle_check_completed", "request",
                      (json_int_t)req, "short", "candidate", ANN, "papers", 1),
            "short bundle");
    OK(json_pack("{s:s, s:I, s:[{s:s, s:s, s:i}]}", "type", "bundle_check_completed", "request",
                 (json_int_t)req, "moves", "from", DAN, "to", CAT, "papers", 1));
    assert_int_equal(status_int(f, "papers", CAT), 14);
    assert_int_equal(status_int(f, "papers", DAN), 5);
    assert_int_equal(status_int(f, "reconciliation", "valid_papers"), 31);
}

static void test_per_r46_recount_gives_papers_and_votes(void **state)
{
    fx *f = *state;
    uint64_t req;
    open_and_verify(f);
    count_ward(f);
    OK(e("count_completed"));
    OK(e("provisional_shown"));
    OK(json_pack("{s:s, s:s, s:s}", "type", "recount_requested", "by", CAT, "role",
                 "candidate"));
    req = f->seq;
    REFUSED(json_pack("{s:s, s:I, s:{s:i}, s:i}", "type", "recount_completed", "request",
                      (json_int_t)req, "votes", BOB, 31, "papers", 30),
            "30 papers cannot carry 31 votes for Bob Best");
    OK(json_pack("{s:s, s:I, s:{s:i, s:i}, s:i}", "type", "recount_completed", "request",
                 (json_int_t)req, "votes", BOB, 18, CAT, 14, "papers", 31));
    assert_int_equal(status_int(f, "papers", BOB), 18);
    assert_int_equal(status_int(f, "papers", CAT), 14);
    assert_int_equal(status_int(f, "papers", ANN), 24);
    assert_int_equal(status_int(f, "reconciliation", "valid_papers"), 31);
}

static void test_ec_corrected_bundle_takes_its_replacement_votes(void **state)
{
    fx *f = *state;
    uint64_t seq;
    open_and_verify(f);
    OK(e_bundle(10, json_pack("{s:i, s:i}", ANN, 9, BOB, 8)));
    seq = f->seq;
    /* The replacement is held to the same rules as the bundle. */
    REFUSED(json_pack("{s:s, s:I, s:s, s:o}", "type", "correction", "corrects", (json_int_t)seq,
                      "reason", "misread tally sheet", "replacement",
                      e_bundle(10, json_pack("{s:i, s:i, s:i}", ANN, 9, BOB, 8, CAT, 4))),
            "more than 2 each");
    OK(json_pack("{s:s, s:I, s:s, s:o}", "type", "correction", "corrects", (json_int_t)seq,
                 "reason", "misread tally sheet", "replacement",
                 e_bundle(10, json_pack("{s:i, s:i, s:i}", ANN, 9, BOB, 7, CAT, 4))));
    assert_int_equal(status_int(f, "papers", BOB), 7);
    assert_int_equal(status_int(f, "papers", CAT), 4);
    assert_int_equal(status_int(f, "reconciliation", "valid_papers"), 10);
}

/* For n = 0, 1, 2, ... every allocation after the nth fails: each event of
** a whole two-seat count is applied or fails with TALLY_ENOMEM, never
** refused, and nothing leaks (ASan). */
static void test_count_of_several_seats_survives_allocation_failure(void **state)
{
    fx *f = *state;
    json_t *evs[16];
    size_t n = 0;
    int done = 0;

    open_and_verify(f); /* the script is valid as it stands */
    count_ward(f);
    OK(e("count_completed"));
    OK(e("provisional_shown"));
    OK(e("result_declared"));
    evs[n++] = json_pack("{s:s, s:I, s:o}", "type", "count_opened", "bundle_size",
                         (json_int_t)10, "election", definition());
    evs[n++] = json_pack("{s:s, s:s, s:s, s:s, s:I}", "type", "box_received", "box", "P1",
                         "kind", "postal", "station", "Postal opening", "issued",
                         (json_int_t)VERIFIED);
    evs[n++] = json_pack("{s:s, s:s, s:I}", "type", "box_counted", "box", "P1", "figure",
                         (json_int_t)VERIFIED);
    evs[n++] = json_pack("{s:s, s:s, s:I}", "type", "box_verified", "box", "P1", "figure",
                         (json_int_t)VERIFIED);
    evs[n++] = e("verification_completed");
    evs[n++] = e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 9, BOB, 7, CAT, 3, DAN, 1));
    evs[n++] = e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 8, BOB, 6, CAT, 4, DAN, 2));
    evs[n++] = e_bundle(10, json_pack("{s:i, s:i, s:i, s:i}", ANN, 7, BOB, 6, CAT, 5, DAN, 2));
    evs[n++] = e_counted_for(CAT, DAN, NULL);
    evs[n++] = e_rejected("more_than_one");
    evs[n++] = e("count_completed");
    evs[n++] = e("provisional_shown");
    evs[n++] = e("result_declared");
    for (size_t i = 0; i < n; i++)
        json_object_set_new(evs[i], "mode", json_string(MODE));
    for (long k = 0; !done && k < 100000; k++) {
        tally_count *c = NULL;
        tally_status st = TALLY_OK;
        size_t i;
        tally_alloc_fail_after(k);
        if (tally_count_new(&c) != TALLY_OK) {
            tally_alloc_fail_after(-1);
            continue;
        }
        for (i = 0; i < n && st == TALLY_OK; i++) {
            tally_error_clear(&f->err);
            st = tally_io_apply_event(c, i + 1, evs[i], &f->err);
        }
        tally_alloc_fail_after(-1);
        if (st != TALLY_OK && st != TALLY_ENOMEM)
            fail_msg("after %ld allocations event %zu was refused: %s", k, i, f->err.message);
        done = st == TALLY_OK && tally_count_get_phase(c) == TALLY_PHASE_DECLARED;
        tally_count_free(c);
    }
    assert_true(done);
    for (size_t i = 0; i < n; i++)
        json_decref(evs[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
        T(test_lepar_r47_1b_bundle_with_more_votes_than_seats_a_paper_refused),
        T(test_lepar_r47_a_candidate_has_at_most_one_vote_a_paper),
        T(test_lepar_r47_1d_every_counted_paper_carries_a_vote),
        T(test_lepar_r16_no_votes_for_a_candidate_not_on_the_paper),
        T(test_lepar_bundle_of_one_candidate_refused_with_several_seats),
        T(test_lepar_r47_1b_doubtful_for_more_candidates_than_seats_refused),
        T(test_lepar_r47_2_doubtful_counted_for_each_candidate_it_votes_for),
        T(test_ec_reconciliation_counts_papers_not_votes),
        T(test_lepar_r15_the_seats_go_to_the_most_votes),
        T(test_lepar_r49_equality_for_the_last_seat_decided_by_lot),
        T(test_lepar_r49_three_equal_for_two_seats_draw_twice_from_the_seed),
        T(test_per_r44_bundle_check_move_beyond_the_papers_refused),
        T(test_per_r46_recount_gives_papers_and_votes),
        T(test_ec_corrected_bundle_takes_its_replacement_votes),
        T(test_count_of_several_seats_survives_allocation_failure),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
