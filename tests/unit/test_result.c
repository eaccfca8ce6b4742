/*
** Unit tests: from declared figures to the result (result.h, check.c).
**
** Rules proved here (docs: /work/shared/docs/uk-rules.md):
**   PER r.49  equality of votes: where the addition of a vote would entitle
**             a tied candidate to be elected, decide by lot and proceed as
**             if the lot's candidate had an additional vote; ties that
**             decide nothing draw no lot (section 2.6)
**   PER r.50  the candidates with the most votes are declared elected,
**             with the votes of each and the rejected papers by head (2.7)
**   PER r.53  deposit forfeited unless votes > 1/20 of the valid votes:
**             retained iff 20 x votes > valid (2.8)
**   EC        ballot-box turnout (valid + rejected) / electorate and
**             valid-vote turnout valid / electorate (section 3)
**   Butler    swing ((B now - B then) + (A then - A now)) / 2 in points,
**             shares of all valid votes (section 3)
**   Media     "X hold" / "X gain from Y" against the previous winner (3)
** and the consistency checks of tally_election_check: figures that do not
** add up are refused, never corrected. Batley and Spen 2021 is the worked
** example of section 3 and 5.1.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/election.h"
#include "tally/io.h"
#include "tally/result.h"

/* ---- helpers --------------------------------------------------------- */

static tally_election *election(int64_t electorate)
{
    tally_election *e = NULL;
    assert_int_equal(tally_election_new(&e), TALLY_OK);
    assert_non_null(e);
    e->electorate = electorate;
    return e;
}

/* Add a candidate; code NULL for an Independent. Returns its index. */
static size_t cand(tally_election *e, const char *name, const char *code, int64_t votes)
{
    tally_candidate *c = NULL;
    assert_int_equal(tally_election_add_candidate(e, name, code ? "A Party" : "Independent",
                                                  code, votes, &c),
                     TALLY_OK);
    assert_non_null(c);
    return e->n_candidates - 1;
}

static void declare(tally_election *e, int64_t valid)
{
    e->has_declared = 1;
    e->valid_votes = valid;
}

static void make_local(tally_election *e, int seats)
{
    e->type = TALLY_CONTEST_LOCAL;
    e->seats = seats;
    tally_election_default_deposit(e);
}

static tally_result *compute_ok(const tally_election *e, const tally_result_options *opt)
{
    tally_result *r = NULL;
    tally_error err;
    tally_error_clear(&err);
    if (tally_result_compute(e, opt, &r, &err) != TALLY_OK)
        fail_msg("compute failed: %s", err.message);
    assert_non_null(r);
    return r;
}

static tally_result *compute_seeded(const tally_election *e, uint64_t seed)
{
    tally_result_options opt = { .has_seed = 1, .seed = seed };
    return compute_ok(e, &opt);
}

static void batley_path(char *buf, size_t n)
{
    const char *dir = getenv("TALLY_SOURCE_DIR");
    if (!dir)
        fail_msg("TALLY_SOURCE_DIR is not set (run the suite through ctest)");
    snprintf(buf, n, "%s/examples/batley-and-spen-2021/election.json", dir);
}

static tally_election *batley(void)
{
    char path[1024];
    tally_election *e = NULL;
    tally_error err;

    batley_path(path, sizeof path);
    tally_error_clear(&err);
    if (tally_io_read_election(path, &e, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_non_null(e);
    return e;
}

static size_t idx(const tally_election *e, const char *name)
{
    long i = tally_election_find_candidate(e, name);
    assert_true(i >= 0);
    return (size_t)i;
}

static int is_winner(const tally_result *r, size_t i)
{
    for (size_t k = 0; k < r->n_winners; k++)
        if (r->winners[k] == i)
            return 1;
    return 0;
}

/* ---- Batley and Spen by-election, 1 July 2021 ------------------------ */

static void test_batley_and_spen_2021_majority_and_winner(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute_ok(e, NULL);
    size_t lab = idx(e, "Kim Leadbeater"), con = idx(e, "Ryan Stephenson");
    size_t wpb = idx(e, "George Galloway");
    (void)state;

    assert_int_equal(r->contested, 1);
    /* PER r.50: the most votes, 13,296, is elected. */
    assert_int_equal(r->n_winners, 1);
    assert_int_equal(r->winners[0], lab);
    assert_int_equal(r->candidates[lab].elected, 1);
    assert_int_equal(r->candidates[con].elected, 0);
    assert_int_equal(r->order[0], lab);
    assert_int_equal(r->order[1], con);
    assert_int_equal(r->order[2], wpb);
    /* Majority 13296 - 12973 = 323; 323 / 37695 = 0.856877...% -> 0.86%. */
    assert_int_equal(r->has_majority, 1);
    assert_int_equal(r->majority, 323);
    assert_int_equal(r->majority_percent, 86);
    /* No equality of votes: no lot. */
    assert_int_equal(r->has_lot, 0);
    assert_int_equal(r->n_draws, 0);
    for (size_t i = 0; i < r->n_candidates; i++)
        assert_int_equal(r->candidates[i].lot_vote, 0);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_batley_and_spen_2021_turnout_and_verification(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute_ok(e, NULL);
    (void)state;

    assert_int_equal(r->valid_votes, 37695);
    assert_int_equal(r->votes_cast, 37695);
    assert_int_equal(r->rejected_total, 83);
    /* Counted = valid + rejected = 37695 + 83 = 37778. */
    assert_int_equal(r->counted_total, 37778);
    assert_int_equal(r->verified_total, 37786);
    /* Verified - counted = 37786 - 37778 = 8 papers. */
    assert_int_equal(r->has_verification_difference, 1);
    assert_int_equal(r->verification_difference, 8);
    /* EC ballot-box turnout: 37778 / 79373 = 47.5955...% -> 47.60. */
    assert_int_equal(r->has_turnout_ballot_box, 1);
    assert_int_equal(r->turnout_ballot_box, 4760);
    /* Valid-vote turnout: 37695 / 79373 = 47.4909...% -> 47.49. */
    assert_int_equal(r->has_turnout_valid, 1);
    assert_int_equal(r->turnout_valid, 4749);
    /* Rejected papers were given as a total only, not by head. */
    assert_int_equal(r->has_rejected_by_head, 0);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_batley_and_spen_2021_shares_and_change_since_2019(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute_ok(e, NULL);
    size_t lab = idx(e, "Kim Leadbeater"), con = idx(e, "Ryan Stephenson");
    size_t wpb = idx(e, "George Galloway"), ld = idx(e, "Thomas Gordon");
    (void)state;

    /* Lab 13296 / 37695 = 35.2726% -> 35.27. 2019: 22594 / 52927 =
    ** 42.6890%. Change 35.2726 - 42.6890 = -7.4164 points -> -7.42. */
    assert_int_equal(r->candidates[lab].has_share, 1);
    assert_int_equal(r->candidates[lab].share, 3527);
    assert_int_equal(r->candidates[lab].has_change, 1);
    assert_int_equal(r->candidates[lab].change, -742);
    /* Con 12973 / 37695 = 34.4157% -> 34.42. 2019: 19069 / 52927 =
    ** 36.0289%. Change 34.4157 - 36.0289 = -1.6132 -> -1.61. */
    assert_int_equal(r->candidates[con].share, 3442);
    assert_int_equal(r->candidates[con].change, -161);
    /* WPB 8264 / 37695 = 21.923% -> 21.92; WPB did not stand in 2019. */
    assert_int_equal(r->candidates[wpb].has_share, 1);
    assert_int_equal(r->candidates[wpb].share, 2192);
    assert_int_equal(r->candidates[wpb].has_change, 0);
    /* LD 1254 / 37695 = 3.32670% -> 3.33; 2019 2462 / 52927 = 4.65169%;
    ** change exactly (1254*52927 - 2462*37695) / (37695*52927)
    ** = (66370458 - 92805090) / 1995083265 = -26434632 / 1995083265
    ** = -1.324989 points -> -1.32: rounded once from the exact fraction,
    ** not from the difference of rounded shares. */
    assert_int_equal(r->candidates[ld].share, 333);
    assert_int_equal(r->candidates[ld].change, -132);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_batley_and_spen_2021_butler_swing_and_labour_hold(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute_ok(e, NULL);
    size_t lab = idx(e, "Kim Leadbeater"), con = idx(e, "Ryan Stephenson");
    (void)state;

    /* Butler: ((Con now - Con then) - (Lab now - Lab then)) / 2
    ** = (-1.6132 - (-7.4164)) / 2 = 5.8032 / 2 = 2.9016 -> 2.90, from Lab
    ** to Con (uk-rules.md section 3: "(7.42 - 1.61)/2 = 2.90"). */
    assert_int_equal(r->has_swing, 1);
    assert_int_equal(r->swing_from, lab);
    assert_int_equal(r->swing_to, con);
    assert_int_equal(r->swing, 290);
    /* Labour won in 2019 and wins now. */
    assert_non_null(r->outcome);
    assert_string_equal(r->outcome, "Lab hold");
    tally_result_free(r);
    tally_election_free(e);
}

static void test_per_r53_batley_and_spen_2021_thirteen_deposits_forfeited(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute_ok(e, NULL);
    size_t forfeited = 0;
    (void)state;

    /* Threshold: 20 x votes > 37695, i.e. votes > 1884.75. Lab 13296, Con
    ** 12973 and WPB 8264 exceed it; LD's 1254 and the 12 below do not:
    ** 16 - 3 = 13 forfeited. */
    for (size_t i = 0; i < r->n_candidates; i++) {
        const char *code = e->candidates[i].party_code;
        int kept = code && (strcmp(code, "Lab") == 0 || strcmp(code, "Con") == 0 ||
                            strcmp(code, "WPB") == 0);
        if (kept) {
            assert_int_equal(r->candidates[i].deposit, TALLY_DEPOSIT_RETAINED);
        } else {
            assert_int_equal(r->candidates[i].deposit, TALLY_DEPOSIT_FORFEITED);
            forfeited++;
        }
    }
    assert_int_equal(forfeited, 13);
    tally_result_free(r);
    tally_election_free(e);
}

/* ---- PER r.49: equality of votes ------------------------------------- */

/* A 100, B 100, C 50 for one seat: A and B tie for first. */
static tally_election *tie_for_first(void)
{
    tally_election *e = election(1000);
    cand(e, "Ann Able", "Lab", 100);
    cand(e, "Bob Baker", "Con", 100);
    cand(e, "Cat Cole", "LD", 50);
    declare(e, 250);
    return e;
}

static void test_per_r49_tie_for_first_decided_by_lot_from_seed(void **state)
{
    tally_election *e = tie_for_first();
    tally_result *r = compute_seeded(e, 7);
    size_t w, other;
    (void)state;

    assert_int_equal(r->has_lot, 1);
    assert_true(r->lot_seed == 7);
    assert_int_equal(r->n_draws, 1);
    assert_int_equal(r->draws[0].n_tied, 2);
    assert_int_equal(r->draws[0].tied[0], 0); /* ballot order */
    assert_int_equal(r->draws[0].tied[1], 1);
    w = r->draws[0].falls_on;
    assert_true(w == 0 || w == 1);
    other = 1 - w;
    /* The lot's candidate is treated as having an additional vote:
    ** declared 100 + 1 = 101; counted votes stay 100. */
    assert_int_equal(r->candidates[w].lot_vote, 1);
    assert_int_equal(r->candidates[w].votes, 100);
    assert_int_equal(tally_result_declared_votes(r, w), 101);
    assert_int_equal(r->candidates[other].lot_vote, 0);
    assert_int_equal(tally_result_declared_votes(r, other), 100);
    assert_int_equal(r->candidates[2].lot_vote, 0);
    /* Elected: the one the lot fell on. Majority 101 - 100 = 1, and
    ** 1 / 250 = 0.4% -> 40 hundredths. */
    assert_int_equal(r->n_winners, 1);
    assert_int_equal(r->winners[0], w);
    assert_int_equal(r->candidates[w].elected, 1);
    assert_int_equal(r->candidates[other].elected, 0);
    assert_int_equal(r->majority, 1);
    assert_int_equal(r->majority_percent, 40);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_per_r49_same_seed_draws_same_lot(void **state)
{
    tally_election *e = tie_for_first();
    (void)state;
    for (uint64_t seed = 0; seed < 16; seed++) {
        tally_result *a = compute_seeded(e, seed);
        tally_result *b = compute_seeded(e, seed);
        assert_int_equal(a->draws[0].falls_on, b->draws[0].falls_on);
        assert_int_equal(a->winners[0], b->winners[0]);
        tally_result_free(a);
        tally_result_free(b);
    }
    tally_election_free(e);
}

static void test_per_r49_lot_can_fall_on_either_tied_candidate(void **state)
{
    tally_election *e = tie_for_first();
    int seen[2] = { 0, 0 };
    (void)state;
    /* A fair lot between two over 64 seeds names each at least once
    ** (all 64 alike has probability 2^-63): the seed decides the lot. */
    for (uint64_t seed = 0; seed < 64; seed++) {
        tally_result *r = compute_seeded(e, seed);
        assert_true(r->draws[0].falls_on < 2);
        seen[r->draws[0].falls_on] = 1;
        tally_result_free(r);
    }
    assert_true(seen[0]);
    assert_true(seen[1]);
    tally_election_free(e);
}

static void test_per_r49_tie_for_first_without_seed_refused(void **state)
{
    tally_election *e = tie_for_first();
    tally_result dummy;
    tally_result *r = &dummy; /* not NULL, so the reset is checked */
    tally_result_options noseed = { 0 };
    tally_error err;
    (void)state;

    tally_error_clear(&err);
    assert_int_equal(tally_result_compute(e, NULL, &r, &err), TALLY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "seed"));
    assert_int_equal(tally_result_compute(e, &noseed, &r, &err), TALLY_EINVAL);
    assert_null(r);
    tally_election_free(e);
}

static void test_per_r49_tie_for_second_place_needs_no_lot(void **state)
{
    tally_election *e = election(1000);
    tally_result *r;
    (void)state;
    /* A 300, B 100, C 100, one seat: B and C tie, but a vote more would
    ** not elect either, so no lot, and no seed is needed. */
    cand(e, "Ann Able", "Lab", 300);
    cand(e, "Bob Baker", "Con", 100);
    cand(e, "Cat Cole", "LD", 100);
    declare(e, 500);
    r = compute_ok(e, NULL);
    assert_int_equal(r->has_lot, 0);
    assert_int_equal(r->n_draws, 0);
    assert_int_equal(r->winners[0], 0);
    assert_int_equal(tally_result_declared_votes(r, 1), 100);
    assert_int_equal(tally_result_declared_votes(r, 2), 100);
    /* Majority 300 - 100 = 200. */
    assert_int_equal(r->majority, 200);
    tally_result_free(r);
    tally_election_free(e);
}

/* A, B, C 100 each and D 50, two seats, 200 valid papers. */
static tally_election *three_way_tie_for_two_seats(void)
{
    tally_election *e = election(1000);
    make_local(e, 2);
    cand(e, "Ann Able", "Lab", 100);
    cand(e, "Bob Baker", "Con", 100);
    cand(e, "Cat Cole", "LD", 100);
    cand(e, "Dan Dale", "Grn", 50);
    declare(e, 200); /* 350 votes <= 2 x 200 */
    return e;
}

static void test_per_r49_three_way_tie_for_two_seats_decided_by_lot(void **state)
{
    tally_election *e = three_way_tie_for_two_seats();
    tally_result *r;
    size_t out = 3;
    (void)state;

    r = compute_seeded(e, 11);
    assert_int_equal(r->has_lot, 1);
    /* The first lot among the three gives one 101; the other two still tie
    ** at 100 for the second seat, where a vote more would elect either, so
    ** a second lot is drawn between them. */
    assert_int_equal(r->n_draws, 2);
    assert_int_equal(r->draws[0].n_tied, 3);
    assert_int_equal(r->draws[1].n_tied, 2);
    assert_int_equal(r->n_winners, 2);
    for (size_t k = 0; k < 2; k++) {
        assert_true(r->winners[k] <= 2);          /* among the tied */
        assert_int_equal(tally_result_declared_votes(r, r->winners[k]), 101);
    }
    assert_true(r->winners[0] != r->winners[1]);
    assert_int_equal(r->candidates[3].elected, 0);
    for (size_t i = 0; i < 3; i++)
        if (!r->candidates[i].elected)
            out = i;
    assert_true(out <= 2);
    assert_int_equal(tally_result_declared_votes(r, out), 100);
    assert_int_equal(r->candidates[out].lot_vote, 0);
    /* Last elected 101, first not elected 100: majority 1. */
    assert_int_equal(r->majority, 1);
    tally_result_free(r);

    {
        /* Each of the three can be the one left out. */
        int left_out[3] = { 0, 0, 0 };
        for (uint64_t seed = 0; seed < 64; seed++) {
            r = compute_seeded(e, seed);
            for (size_t i = 0; i < 3; i++)
                left_out[i] |= !r->candidates[i].elected;
            tally_result_free(r);
        }
        assert_true(left_out[0] && left_out[1] && left_out[2]);
    }
    tally_election_free(e);
}

static void test_per_r49_three_way_tie_for_two_seats_without_seed_refused(void **state)
{
    tally_election *e = three_way_tie_for_two_seats();
    tally_result *r = NULL;
    (void)state;
    assert_int_equal(tally_result_compute(e, NULL, &r, NULL), TALLY_EINVAL);
    assert_null(r);
    tally_election_free(e);
}

static void test_per_r49_two_way_tie_for_two_seats_needs_no_lot(void **state)
{
    tally_election *e = election(1000);
    tally_result *r;
    (void)state;
    /* A 100, B 100, C 50 for two seats: both tied candidates are elected
    ** whatever a lot says, so none is drawn. */
    make_local(e, 2);
    cand(e, "Ann Able", "Lab", 100);
    cand(e, "Bob Baker", "Con", 100);
    cand(e, "Cat Cole", "LD", 50);
    declare(e, 150); /* 250 votes <= 2 x 150 */
    r = compute_ok(e, NULL);
    assert_int_equal(r->has_lot, 0);
    assert_int_equal(r->n_winners, 2);
    assert_true(is_winner(r, 0) && is_winner(r, 1));
    assert_int_equal(r->candidates[2].elected, 0);
    /* Majority: 2nd 100 - 3rd 50 = 50. */
    assert_int_equal(r->majority, 50);
    tally_result_free(r);
    tally_election_free(e);
}

/* ---- uncontested: no poll -------------------------------------------- */

static void test_uncontested_single_candidate_returned_without_poll(void **state)
{
    tally_election *e = election(1000);
    tally_result *r;
    (void)state;
    cand(e, "Ann Able", "Lab", TALLY_NONE);
    /* No declared figures: no poll is taken. */
    assert_int_equal(e->has_declared, 0);
    assert_int_equal(tally_election_add_previous(e, "Lab", 600), TALLY_OK);
    assert_int_equal(tally_election_add_previous(e, "Con", 400), TALLY_OK);
    e->previous->winner = tally_election_strdup(e, "Lab");

    r = compute_ok(e, NULL);
    assert_int_equal(r->contested, 0);
    assert_int_equal(r->n_winners, 1);
    assert_int_equal(r->winners[0], 0);
    assert_int_equal(r->candidates[0].elected, 1);
    assert_true(r->candidates[0].votes == TALLY_NONE);
    assert_true(tally_result_declared_votes(r, 0) == TALLY_NONE);
    assert_int_equal(r->has_majority, 0);
    assert_int_equal(r->candidates[0].has_share, 0);
    assert_int_equal(r->candidates[0].has_change, 0);
    assert_int_equal(r->has_swing, 0);
    assert_int_equal(r->has_lot, 0);
    assert_int_equal(r->has_turnout_valid, 0);
    assert_int_equal(r->has_turnout_ballot_box, 0);
    /* PER r.53(4): forfeit only "if a poll is taken"; none was. */
    assert_int_equal(r->candidates[0].deposit, TALLY_DEPOSIT_RETAINED);
    /* Labour held the seat last time and holds it now. */
    assert_non_null(r->outcome);
    assert_string_equal(r->outcome, "Lab hold");
    tally_result_free(r);
    tally_election_free(e);
}

static void test_uncontested_candidate_with_votes_refused(void **state)
{
    tally_election *e = election(1000);
    tally_error err;
    (void)state;
    /* With no poll there can be no votes to declare. */
    cand(e, "Ann Able", "Lab", 10);
    declare(e, 10);
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "uncontested"));
    tally_election_free(e);
}

/* ---- PER r.50 with more than one seat -------------------------------- */

static void test_per_r50_two_seats_top_two_elected(void **state)
{
    tally_election *e = election(4000);
    tally_result *r;
    (void)state;
    /* 1000 ballot papers, each with up to 2 votes: 2000 votes cast. */
    make_local(e, 2);
    cand(e, "Ann Able", "Lab", 700);
    cand(e, "Bob Baker", "Con", 600);
    cand(e, "Cat Cole", "LD", 400);
    cand(e, "Dan Dale", "Grn", 300);
    declare(e, 1000);
    r = compute_ok(e, NULL);

    assert_int_equal(r->contested, 1);
    assert_int_equal(r->valid_votes, 1000);
    assert_int_equal(r->votes_cast, 2000);   /* 700+600+400+300 */
    assert_int_equal(r->n_winners, 2);
    assert_int_equal(r->winners[0], 0);
    assert_int_equal(r->winners[1], 1);
    assert_int_equal(r->candidates[0].elected, 1);
    assert_int_equal(r->candidates[1].elected, 1);
    assert_int_equal(r->candidates[2].elected, 0);
    assert_int_equal(r->candidates[3].elected, 0);
    /* Majority: last elected 600 - first not elected 400 = 200. */
    assert_int_equal(r->majority, 200);
    /* Shares of the 2000 votes cast: 35%, 30%, 20%, 15%. */
    assert_int_equal(r->candidates[0].share, 3500);
    assert_int_equal(r->candidates[1].share, 3000);
    assert_int_equal(r->candidates[2].share, 2000);
    assert_int_equal(r->candidates[3].share, 1500);
    /* Turnout counts ballot papers, not votes: 1000 / 4000 = 25.00%. */
    assert_int_equal(r->turnout_valid, 2500);
    /* Local elections have no deposit. */
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(r->candidates[i].deposit, TALLY_DEPOSIT_NONE);
    /* No swing or hold/gain is reported for a multi-seat contest. */
    assert_int_equal(r->has_swing, 0);
    assert_null(r->outcome);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_per_r50_two_seats_votes_beyond_seats_times_papers_refused(void **state)
{
    tally_election *e = election(4000);
    tally_result *r = NULL;
    tally_error err;
    (void)state;
    /* 700 + 700 + 601 = 2001 votes on 1000 papers of at most 2 votes. */
    make_local(e, 2);
    cand(e, "Ann Able", "Lab", 700);
    cand(e, "Bob Baker", "Con", 700);
    cand(e, "Cat Cole", "LD", 601);
    declare(e, 1000);
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "2001"));
    assert_int_equal(tally_result_compute(e, NULL, &r, NULL), TALLY_EINVAL);
    assert_null(r);
    /* Exactly 2000 is allowed. */
    e->candidates[2].votes = 600;
    assert_int_equal(tally_election_check(e, NULL), TALLY_OK);
    tally_election_free(e);
}

static void test_per_r50_two_seats_without_valid_papers_refused(void **state)
{
    tally_election *e = election(4000);
    (void)state;
    /* Without the number of ballot papers the votes cannot be checked. */
    make_local(e, 2);
    cand(e, "Ann Able", "Lab", 700);
    cand(e, "Bob Baker", "Con", 600);
    cand(e, "Cat Cole", "LD", 400);
    declare(e, TALLY_NONE);
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

/* ---- PER r.53: deposits ---------------------------------------------- */

static tally_election *deposit_election(int64_t a, int64_t b)
{
    tally_election *e = election(5000);
    cand(e, "Ann Able", "Lab", 1000 - a - b);
    cand(e, "Bob Baker", "Con", a);
    cand(e, "Cat Cole", "LD", b);
    declare(e, 1000);
    return e;
}

static void test_per_r53_deposit_exactly_five_percent_forfeited(void **state)
{
    tally_election *e = deposit_election(50, 40);
    tally_result *r = compute_ok(e, NULL);
    (void)state;
    /* 50 of 1000 is exactly 1/20: 20 x 50 = 1000, not > 1000: forfeited. */
    assert_int_equal(r->candidates[1].deposit, TALLY_DEPOSIT_FORFEITED);
    assert_int_equal(r->candidates[2].deposit, TALLY_DEPOSIT_FORFEITED);
    assert_int_equal(r->candidates[0].deposit, TALLY_DEPOSIT_RETAINED);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_per_r53_deposit_just_over_five_percent_retained(void **state)
{
    tally_election *e = deposit_election(51, 49);
    tally_result *r = compute_ok(e, NULL);
    (void)state;
    /* 20 x 51 = 1020 > 1000: retained. 20 x 49 = 980: forfeited. */
    assert_int_equal(r->candidates[1].deposit, TALLY_DEPOSIT_RETAINED);
    assert_int_equal(r->candidates[2].deposit, TALLY_DEPOSIT_FORFEITED);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_per_r53_deposit_test_excludes_rejected_papers(void **state)
{
    tally_election *e = deposit_election(51, 49);
    tally_result *r;
    (void)state;
    /* 100 rejected papers do not raise the threshold: the base is the
    ** 1000 valid votes (uk-rules.md 2.8), so 51 still exceeds 1/20. */
    e->rejected_total = 100;
    r = compute_ok(e, NULL);
    assert_int_equal(r->counted_total, 1100);
    assert_int_equal(r->candidates[1].deposit, TALLY_DEPOSIT_RETAINED);
    tally_result_free(r);
    tally_election_free(e);
}

/* ---- electorate ------------------------------------------------------- */

static tally_election *simple(int64_t electorate)
{
    tally_election *e = election(electorate);
    cand(e, "Ann Able", "Lab", 600);
    cand(e, "Bob Baker", "Con", 400);
    declare(e, 1000);
    return e;
}

static void test_electorate_zero_refused(void **state)
{
    tally_election *e = simple(0);
    tally_result *r = NULL;
    tally_error err;
    (void)state;
    /* Turnout divides by the electorate; zero is no electorate. */
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "electorate"));
    assert_int_equal(tally_result_compute(e, NULL, &r, NULL), TALLY_EINVAL);
    assert_null(r);
    e->electorate = -5;
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

static void test_electorate_missing_refused(void **state)
{
    tally_election *e = simple(TALLY_NONE);
    tally_error err;
    (void)state;
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "electorate"));
    e->electorate = 2000;
    assert_int_equal(tally_election_check(e, NULL), TALLY_OK);
    tally_election_free(e);
}

/* ---- change in share and Butler swing -------------------------------- */

/* Previous result: Lab 600, Con 400 (base 1000). */
static void previous_lab_con(tally_election *e, const char *winner)
{
    assert_int_equal(tally_election_add_previous(e, "Lab", 600), TALLY_OK);
    assert_int_equal(tally_election_add_previous(e, "Con", 400), TALLY_OK);
    e->previous->winner = tally_election_strdup(e, winner);
}

static void test_change_absent_last_time_has_no_change(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    cand(e, "Ann Able", "Lab", 500);
    cand(e, "Bob Baker", "Con", 350);
    cand(e, "Gil Green", "Grn", 150);
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    r = compute_ok(e, NULL);
    /* Lab 50% now, 60% then: -10.00 points. Con 35% now, 40% then: -5.00. */
    assert_int_equal(r->candidates[0].has_change, 1);
    assert_int_equal(r->candidates[0].change, -1000);
    assert_int_equal(r->candidates[1].has_change, 1);
    assert_int_equal(r->candidates[1].change, -500);
    /* Grn did not stand last time: no change, not +15. */
    assert_int_equal(r->candidates[2].has_change, 0);
    /* Butler Lab -> Con: ((35 - 40) - (50 - 60)) / 2 = (-5 + 10) / 2 = 2.5. */
    assert_int_equal(r->has_swing, 1);
    assert_int_equal(r->swing_from, 0);
    assert_int_equal(r->swing_to, 1);
    assert_int_equal(r->swing, 250);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_butler_swing_absent_when_runner_up_has_no_change(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    /* First Lab 500, second Grn 300 (new), third Con 200. */
    cand(e, "Ann Able", "Lab", 500);
    cand(e, "Gil Green", "Grn", 300);
    cand(e, "Bob Baker", "Con", 200);
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    r = compute_ok(e, NULL);
    assert_int_equal(r->order[1], 1);
    /* Lab 50 - 60 = -10.00; Con 20 - 40 = -20.00: both have a change... */
    assert_int_equal(r->candidates[0].change, -1000);
    assert_int_equal(r->candidates[2].change, -2000);
    /* ...but the first two are Lab and Grn, and Grn has none. */
    assert_int_equal(r->has_swing, 0);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_butler_swing_absent_when_winner_has_no_change(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    cand(e, "Gil Green", "Grn", 500);
    cand(e, "Ann Able", "Lab", 300);
    cand(e, "Bob Baker", "Con", 200);
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    r = compute_ok(e, NULL);
    assert_int_equal(r->order[0], 0);
    assert_int_equal(r->candidates[0].has_change, 0);
    assert_int_equal(r->candidates[1].has_change, 1);
    assert_int_equal(r->has_swing, 0);
    /* The seat changes hands: Grn gain from Lab. */
    assert_string_equal(r->outcome, "Grn gain from Lab");
    tally_result_free(r);
    tally_election_free(e);
}

static void test_change_shared_previous_key_gives_no_change(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    size_t bob;
    (void)state;
    /* Two candidates both compare with last time's "Lab": whose change is
    ** it? Neither gets one; Con, with its own key, still does. */
    cand(e, "Ann Able", "Lab", 450);
    cand(e, "Cat Cole", "Con", 350);
    bob = cand(e, "Bob Baker", "LabCoop", 200);
    e->candidates[bob].previous_key = tally_election_strdup(e, "Lab");
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    r = compute_ok(e, NULL);
    assert_int_equal(r->candidates[0].has_change, 0);
    assert_int_equal(r->candidates[bob].has_change, 0);
    /* Con 35% now, 40% then: -5.00. */
    assert_int_equal(r->candidates[1].has_change, 1);
    assert_int_equal(r->candidates[1].change, -500);
    /* No change for the winner: no swing. */
    assert_int_equal(r->has_swing, 0);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_change_uses_previous_valid_votes_as_base(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    cand(e, "Ann Able", "Lab", 600);
    cand(e, "Bob Baker", "Con", 300);
    cand(e, "Cat Cole", "LD", 100);
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    /* Last time's base was 2000 valid votes, not the 1000 listed:
    ** Lab 600/2000 = 30%, now 60%: +30.00; Con 400/2000 = 20%, now 30%:
    ** +10.00 (with the listed 1000 they would be 0.00 and -10.00). */
    e->previous->valid_votes = 2000;
    r = compute_ok(e, NULL);
    assert_int_equal(r->candidates[0].change, 3000);
    assert_int_equal(r->candidates[1].change, 1000);
    tally_result_free(r);
    tally_election_free(e);
}

/* ---- hold and gain --------------------------------------------------- */

static void test_outcome_gain_names_previous_winner(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    cand(e, "Ann Able", "Lab", 400);
    cand(e, "Bob Baker", "Con", 600);
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    r = compute_ok(e, NULL);
    assert_int_equal(r->winners[0], 1);
    assert_non_null(r->outcome);
    assert_string_equal(r->outcome, "Con gain from Lab");
    tally_result_free(r);
    tally_election_free(e);
}

static void test_outcome_hold_compares_winner_key_not_label(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    /* Last time's winner stood as "Lab Coop", keyed "Lab". A Labour win now
    ** is a hold; comparing with the label would wrongly make it a gain. */
    cand(e, "Ann Able", "Lab", 600);
    cand(e, "Bob Baker", "Con", 400);
    declare(e, 1000);
    previous_lab_con(e, "Lab Coop");
    e->previous->winner_key = tally_election_strdup(e, "Lab");
    r = compute_ok(e, NULL);
    assert_non_null(r->outcome);
    assert_string_equal(r->outcome, "Lab hold");
    tally_result_free(r);
    tally_election_free(e);
}

static void test_outcome_gain_names_previous_winner_by_label(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    cand(e, "Ann Able", "Lab", 400);
    cand(e, "Bob Baker", "Con", 600);
    declare(e, 1000);
    previous_lab_con(e, "Lab Coop");
    e->previous->winner_key = tally_election_strdup(e, "Lab");
    r = compute_ok(e, NULL);
    assert_string_equal(r->outcome, "Con gain from Lab Coop");
    tally_result_free(r);
    tally_election_free(e);
}

static void test_outcome_independent_gain(void **state)
{
    tally_election *e = election(2000);
    tally_result *r;
    (void)state;
    /* An Independent with no party code and no previous key gains. */
    cand(e, "Ann Able", "Lab", 400);
    cand(e, "Ivy Indy", NULL, 600);
    declare(e, 1000);
    previous_lab_con(e, "Lab");
    r = compute_ok(e, NULL);
    assert_string_equal(r->outcome, "Ind gain from Lab");
    assert_int_equal(r->candidates[1].has_change, 0);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_outcome_absent_without_previous_winner(void **state)
{
    tally_election *e = simple(2000);
    tally_result *r = compute_ok(e, NULL);
    (void)state;
    assert_null(r->outcome);
    assert_int_equal(r->candidates[0].has_change, 0);
    assert_int_equal(r->has_swing, 0);
    tally_result_free(r);
    tally_election_free(e);
}

/* ---- figures that do not add up are refused -------------------------- */

static void test_candidate_votes_not_summing_to_valid_total_refused(void **state)
{
    tally_election *e = election(80000);
    tally_result *r = NULL;
    tally_error err;
    (void)state;
    /* 20000 + 17695 = 37,695, declared valid 37,700: 5 short. */
    cand(e, "Ann Able", "Lab", 20000);
    cand(e, "Bob Baker", "Con", 17695);
    declare(e, 37700);
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "37,695"));
    assert_non_null(strstr(err.message, "37,700"));
    tally_error_clear(&err);
    assert_int_equal(tally_result_compute(e, NULL, &r, &err), TALLY_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "37,695"));
    tally_election_free(e);
}

static void test_per_r50_rejected_heads_not_summing_to_total_refused(void **state)
{
    tally_election *e = simple(2000);
    tally_result *r;
    tally_error err;
    (void)state;
    /* Heads 1 + 2 + 3 + 4 = 10, declared total 11. */
    for (int h = 0; h < 4; h++)
        e->rejected[h] = h + 1;
    e->rejected_total = 11;
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "10"));
    assert_non_null(strstr(err.message, "11"));

    /* With the right total the heads give the counted total:
    ** 1000 valid + 10 rejected = 1010; 1010 / 2000 = 50.50%. */
    e->rejected_total = 10;
    r = compute_ok(e, NULL);
    assert_int_equal(r->has_rejected_by_head, 1);
    assert_int_equal(r->rejected_total, 10);
    assert_int_equal(r->counted_total, 1010);
    assert_int_equal(r->turnout_ballot_box, 5050);
    assert_int_equal(r->turnout_valid, 5000);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_per_r50_rejected_heads_given_in_part_refused(void **state)
{
    tally_election *e = simple(2000);
    (void)state;
    /* The statement lists every head; two of four is incomplete. */
    e->rejected[0] = 1;
    e->rejected[1] = 2;
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

static void test_negative_votes_refused(void **state)
{
    tally_election *e = election(2000);
    tally_result *r = NULL;
    tally_error err;
    (void)state;
    /* -5 + 1005 = 1000 adds up, but no candidate polls fewer than none.
    ** (-1 is TALLY_NONE, "not given", so -5 is used.) */
    cand(e, "Ann Able", "Lab", -5);
    cand(e, "Bob Baker", "Con", 1005);
    declare(e, 1000);
    tally_error_clear(&err);
    assert_int_equal(tally_election_check(e, &err), TALLY_EINVAL);
    assert_non_null(strstr(err.message, "negative"));
    assert_int_equal(tally_result_compute(e, NULL, &r, NULL), TALLY_EINVAL);
    assert_null(r);
    tally_election_free(e);
}

static void test_negative_rejected_and_previous_votes_refused(void **state)
{
    tally_election *e = simple(2000);
    (void)state;
    e->rejected_total = -2; /* -1 would be TALLY_NONE */
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    e->rejected_total = 0;
    e->verified_total = -2;
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    e->verified_total = TALLY_NONE;
    for (int h = 0; h < 4; h++)
        e->rejected[h] = 0;
    e->rejected[2] = -2;
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    for (int h = 0; h < TALLY_HEADS_MAX; h++)
        e->rejected[h] = TALLY_NONE;
    e->rejected_total = 0;
    assert_int_equal(tally_election_check(e, NULL), TALLY_OK);
    assert_int_equal(tally_election_add_previous(e, "Lab", -3), TALLY_OK);
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

static void test_contested_without_declared_figures_refused(void **state)
{
    tally_election *e = election(2000);
    (void)state;
    cand(e, "Ann Able", "Lab", TALLY_NONE);
    cand(e, "Bob Baker", "Con", TALLY_NONE);
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    /* Declared, but one candidate has no votes. */
    e->candidates[0].votes = 10;
    declare(e, 10);
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

static void test_uk_parliament_two_seats_refused(void **state)
{
    tally_election *e = simple(2000);
    (void)state;
    /* A parliamentary constituency returns one member. */
    e->seats = 2;
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    e->seats = 0;
    assert_int_equal(tally_election_check(e, NULL), TALLY_EINVAL);
    tally_election_free(e);
}

/* ---- publisher precision --------------------------------------------- */

static void test_share_and_change_at_publisher_precision(void **state)
{
    tally_election *e = batley();
    tally_result *r = compute_ok(e, NULL);
    size_t lab = idx(e, "Kim Leadbeater"), con = idx(e, "Ryan Stephenson");
    size_t wpb = idx(e, "George Galloway");
    int64_t v = 0;
    (void)state;

    /* 13296 / 37695 = 0.352725825...: 5 places 0.35273, 6 places 0.352726. */
    assert_int_equal(tally_result_share_at(r, lab, 5, &v), TALLY_OK);
    assert_int_equal(v, 35273);
    assert_int_equal(tally_result_share_at(r, lab, 6, &v), TALLY_OK);
    assert_int_equal(v, 352726);
    /* Lab change 13296/37695 - 22594/52927 = -147963438 / 1995083265
    ** = -0.0741640414...: 5 places -0.07416, 6 places -0.074164. */
    assert_int_equal(tally_result_change_at(r, lab, 5, &v), TALLY_OK);
    assert_int_equal(v, -7416);
    assert_int_equal(tally_result_change_at(r, lab, 6, &v), TALLY_OK);
    assert_int_equal(v, -74164);
    /* Con change 12973/37695 - 19069/52927
    ** = (12973*52927 - 19069*37695) / 1995083265
    ** = (686621971 - 718805955) / 1995083265 = -32183984 / 1995083265
    ** = -0.016131649...: 5 places -0.01613, 6 places -0.016132. */
    assert_int_equal(tally_result_change_at(r, con, 5, &v), TALLY_OK);
    assert_int_equal(v, -1613);
    assert_int_equal(tally_result_change_at(r, con, 6, &v), TALLY_OK);
    assert_int_equal(v, -16132);
    /* WPB has a share but no change. */
    assert_int_equal(tally_result_share_at(r, wpb, 2, &v), TALLY_OK);
    assert_int_equal(v, 22);  /* 8264/37695 = 0.2192... -> 0.22 */
    assert_int_equal(tally_result_change_at(r, wpb, 5, &v), TALLY_ENOTFOUND);
    /* Out of range. */
    assert_int_equal(tally_result_share_at(r, r->n_candidates, 5, &v), TALLY_ENOTFOUND);
    assert_int_equal(tally_result_share_at(r, lab, 16, &v), TALLY_ERANGE);
    assert_int_equal(tally_result_share_at(r, lab, -1, &v), TALLY_ERANGE);
    tally_result_free(r);
    tally_election_free(e);
}

static void test_share_at_rounds_half_away_from_zero(void **state)
{
    tally_election *e = election(100);
    tally_result *r;
    int64_t v = 0;
    (void)state;
    cand(e, "Ann Able", "Lab", 7);
    cand(e, "Bob Baker", "Con", 1);
    declare(e, 8);
    r = compute_ok(e, NULL);
    /* 1/8 = 0.125: 3 places 125, 2 places 0.125 -> 0.13 (half up). */
    assert_int_equal(tally_result_share_at(r, 1, 3, &v), TALLY_OK);
    assert_int_equal(v, 125);
    assert_int_equal(tally_result_share_at(r, 1, 2, &v), TALLY_OK);
    assert_int_equal(v, 13);
    /* 7/8 = 0.875 -> 0.88; hundredths of a percent: 87.50 -> 8750. */
    assert_int_equal(tally_result_share_at(r, 0, 2, &v), TALLY_OK);
    assert_int_equal(v, 88);
    assert_int_equal(r->candidates[0].share, 8750);
    tally_result_free(r);
    tally_election_free(e);
}

/* ---- allocation failure ---------------------------------------------- */

/* Fail the Nth allocation for N = 0, 1, 2, ... until compute succeeds:
** every run must succeed or report TALLY_ENOMEM, leaving nothing behind
** (LeakSanitizer checks the leaving). Returns the number of failed runs. */
static long compute_under_alloc_failure(const tally_election *e, const tally_result_options *opt,
                                        int64_t want_majority)
{
    long failed = 0;
    for (long n = 0; n < 100000; n++) {
        tally_result dummy;
        tally_result *r = &dummy; /* must come back NULL on failure */
        tally_error err;
        tally_status s;

        tally_error_clear(&err);
        tally_alloc_fail_after(n);
        s = tally_result_compute(e, opt, &r, &err);
        tally_alloc_fail_after(-1);
        if (s == TALLY_OK) {
            assert_non_null(r);
            assert_int_equal(r->majority, want_majority);
            tally_result_free(r);
            return failed;
        }
        assert_int_equal(s, TALLY_ENOMEM);
        assert_null(r);
        failed++;
    }
    fail_msg("compute never succeeded");
    return failed;
}

static void test_alloc_failure_in_compute_is_clean(void **state)
{
    tally_election *e = batley();
    (void)state;
    /* Batley and Spen: majority 323 once it succeeds. At least the
    ** result itself must be allocated, so N = 0 fails. */
    assert_true(compute_under_alloc_failure(e, NULL, 323) >= 1);
    tally_election_free(e);
}

static void test_alloc_failure_in_compute_with_lots_is_clean(void **state)
{
    tally_election *e = three_way_tie_for_two_seats();
    tally_result_options opt = { .has_seed = 1, .seed = 5 };
    (void)state;
    /* The draws allocate too; majority 101 - 100 = 1 at the end. */
    assert_true(compute_under_alloc_failure(e, &opt, 1) >= 1);
    tally_election_free(e);
}

static void test_alloc_failure_in_parse_is_clean(void **state)
{
    char path[1024];
    char *text = NULL;
    size_t len = 0;
    long failed = 0;
    int ok = 0;
    (void)state;

    batley_path(path, sizeof path);
    assert_int_equal(tally_io_slurp(path, &text, &len, NULL), TALLY_OK);
    for (long n = 0; n < 100000 && !ok; n++) {
        tally_election dummy;
        tally_election *e = &dummy; /* must come back NULL on failure */
        tally_error err;
        tally_status s;

        tally_error_clear(&err);
        tally_alloc_fail_after(n);
        s = tally_io_parse_election(text, len, "batley.json", &e, &err);
        tally_alloc_fail_after(-1);
        if (s == TALLY_OK) {
            assert_non_null(e);
            assert_int_equal(e->n_candidates, 16);
            assert_int_equal(e->electorate, 79373);
            tally_election_free(e);
            ok = 1;
        } else {
            if (s != TALLY_ENOMEM) {
                tally_free(text);
                fail_msg("allocation %ld failed: status %d, not TALLY_ENOMEM (%d:%d '%s')",
                         n, (int)s, err.line, err.column, err.message);
            }
            assert_null(e);
            failed++;
        }
    }
    tally_free(text);
    assert_true(ok);
    assert_true(failed >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batley_and_spen_2021_majority_and_winner),
        cmocka_unit_test(test_batley_and_spen_2021_turnout_and_verification),
        cmocka_unit_test(test_batley_and_spen_2021_shares_and_change_since_2019),
        cmocka_unit_test(test_batley_and_spen_2021_butler_swing_and_labour_hold),
        cmocka_unit_test(test_per_r53_batley_and_spen_2021_thirteen_deposits_forfeited),
        cmocka_unit_test(test_per_r49_tie_for_first_decided_by_lot_from_seed),
        cmocka_unit_test(test_per_r49_same_seed_draws_same_lot),
        cmocka_unit_test(test_per_r49_lot_can_fall_on_either_tied_candidate),
        cmocka_unit_test(test_per_r49_tie_for_first_without_seed_refused),
        cmocka_unit_test(test_per_r49_tie_for_second_place_needs_no_lot),
        cmocka_unit_test(test_per_r49_three_way_tie_for_two_seats_decided_by_lot),
        cmocka_unit_test(test_per_r49_three_way_tie_for_two_seats_without_seed_refused),
        cmocka_unit_test(test_per_r49_two_way_tie_for_two_seats_needs_no_lot),
        cmocka_unit_test(test_uncontested_single_candidate_returned_without_poll),
        cmocka_unit_test(test_uncontested_candidate_with_votes_refused),
        cmocka_unit_test(test_per_r50_two_seats_top_two_elected),
        cmocka_unit_test(test_per_r50_two_seats_votes_beyond_seats_times_papers_refused),
        cmocka_unit_test(test_per_r50_two_seats_without_valid_papers_refused),
        cmocka_unit_test(test_per_r53_deposit_exactly_five_percent_forfeited),
        cmocka_unit_test(test_per_r53_deposit_just_over_five_percent_retained),
        cmocka_unit_test(test_per_r53_deposit_test_excludes_rejected_papers),
        cmocka_unit_test(test_electorate_zero_refused),
        cmocka_unit_test(test_electorate_missing_refused),
        cmocka_unit_test(test_change_absent_last_time_has_no_change),
        cmocka_unit_test(test_butler_swing_absent_when_runner_up_has_no_change),
        cmocka_unit_test(test_butler_swing_absent_when_winner_has_no_change),
        cmocka_unit_test(test_change_shared_previous_key_gives_no_change),
        cmocka_unit_test(test_change_uses_previous_valid_votes_as_base),
        cmocka_unit_test(test_outcome_gain_names_previous_winner),
        cmocka_unit_test(test_outcome_hold_compares_winner_key_not_label),
        cmocka_unit_test(test_outcome_gain_names_previous_winner_by_label),
        cmocka_unit_test(test_outcome_independent_gain),
        cmocka_unit_test(test_outcome_absent_without_previous_winner),
        cmocka_unit_test(test_candidate_votes_not_summing_to_valid_total_refused),
        cmocka_unit_test(test_per_r50_rejected_heads_not_summing_to_total_refused),
        cmocka_unit_test(test_per_r50_rejected_heads_given_in_part_refused),
        cmocka_unit_test(test_negative_votes_refused),
        cmocka_unit_test(test_negative_rejected_and_previous_votes_refused),
        cmocka_unit_test(test_contested_without_declared_figures_refused),
        cmocka_unit_test(test_uk_parliament_two_seats_refused),
        cmocka_unit_test(test_share_and_change_at_publisher_precision),
        cmocka_unit_test(test_share_at_rounds_half_away_from_zero),
        cmocka_unit_test(test_alloc_failure_in_compute_is_clean),
        cmocka_unit_test(test_alloc_failure_in_compute_with_lots_is_clean),
        cmocka_unit_test(test_alloc_failure_in_parse_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
