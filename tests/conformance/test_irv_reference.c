/*
** irv (src/methods/irv.c) and the CVR CSV reader (src/io/cvr_csv.c)
** against other tabulators' expected results (../shared/data/irv):
**
**   - timrcv's csv_simple_1 (its example.csv has no header row: the test
**     supplies "ID,Count,Rank 1,...", reading the file's rows as they are);
**   - RCTab cases whose cast vote records exist as RCTab's own CVR CSV
**     (rank columns): 2024_alaska_dominion from its
**     _expected_rctab_cvr.csv; aliases_cdf_json, excluded_test and
**     tiebreak_use_permutation_in_config_test from the CSVs RCTab wrote
**     when converting the same CDF and ES&S files
**     (conversions_from_cdf, conversions_from_ess);
**   - RCTab cases counted from their own CVR files as `tally tabulate
**     --rctab-config` counts them (rctab.h, tally_cvr_source_read:
**     candidates by name or alias, maxSkippedRanksAllowed applied as read,
**     several files into one pool): NIST CDF JSON (aliases_cdf_json,
**     test_set_0, 2, 4, 6 and 8, the contest by its Name) and Dominion
**     exports (2024_alaska_dominion, dominion_alaska, dominion_multi_file,
**     dominion_no_precinct_data) and a Clear Ballot CSV
**     (clear_ballot_kansas_primary, with batch elimination: tally's batch of
**     exclusion stages is compared with RCTab's one round) and generic CSVs
**     (generic_csv_test, csv_missing_header_test) and ES&S workbooks, .xlsx
**     with each source's columns and labels (excluded_test, duplicate_test,
**     tiebreak_use_permutation_in_config_test, batch_example,
**     precinct_example, tiebreak_seed_test and
**     test_set_treat_blank_as_undeclared_write_in (tiebreakMode random,
**     RCTab's draw from its randomSeed), tiebreak_generate_permutation_test
**     (the order RCTab shuffles from its randomSeed), 2015_portland_mayor and _codes,
**     and the 80,101 papers of 2013_minneapolis_mayor) and Hart folders of
**     one XML record per paper (hart_cedar_park_school_board,
**     hart_travis_county_officers); RCTab's modes of the count (irv rule
**     T): continueUntilTwoCandidatesRemain (continue_tabulation_test,
**     continue_until_two_threshold_freeze, and with
**     doesFirstRoundDetermineThreshold first_round_determines_threshold_test),
**     stopTabulationEarlyAfterRound (stop_tabulation_early_test: no one
**     elected), and overvoteRule exhaustIfMultipleContinuing over an ES&S
**     overvote delimiter (aliases_ess_xlsx, test_set_overvote_delimiter);
**     declared undeclared write-ins with no papers the fewest, excluded in
**     a round of their own, RCTab's rule (unisyn_xml_cdf_city_chief_of_police,
**     unisyn_xml_cdf_city_mayor).
**
** The rules come from each case's config (overvoteRule,
** maxSkippedRanksAllowed, exhaustOnDuplicateCandidate, batchElimination,
** excluded candidates); every round's total for every candidate, the
** candidate eliminated after it, the round's threshold (half the
** continuing votes, rounded down, plus one) and the winner are compared.
**
** Every case whose RCTab report is compared (all but those that end in
** an equality, below) is compared as RCTab's JSON report (as JSON, and
** byte for byte) and, byte for byte, as its CSV summary report (<dir>_expected_detailed_report.csv,
** the one CSV each case has; 2024_alaska_dominion's _expected_summary_
** report.csv is an older layout and is not read).
**
** Named differences, not hidden: where two candidates are equal at the
** last round, RCTab names the winner by its tie-break in that round, and
** tally excludes one (by the configuration's tiebreakMode where tally
** counts it, else the earlier round, then lot) and elects the other a
** stage later; timrcv's csv_simple_2 breaks two equalities by candidate
** order (useCandidateOrder), which tally does not do, so only its first
** round is compared. Every other case is named with the reason it is not
** read (a CVR format tally does not read, more than one seat, candidate
** columns holding rank numbers).
**
** Data: ../shared/data/irv (TALLY_SHARED_DATA); skipped when absent.
*/
#include <dirent.h>
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

#include "tally/cvr.h"
#include "tally/cvr_source.h"
#include "tally/irv_passes.h"
#include "tally/method.h"
#include "tally/rctab.h"
#include "tally/rctab_multi.h"
#include "tally/stages.h"

#define U TALLY_VOTE_UNIT

static char data_dir[4096];

static int have_data(void)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    struct stat st;
    snprintf(data_dir, sizeof data_dir, "%s/irv", d ? d : "../shared/data");
    return stat(data_dir, &st) == 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static json_t *load_json(const char *path)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);

    if (!j)
        fail_msg("%s:%d: %s", path, je.line, je.text);
    return j;
}

/* A config "rules" value as a string ("1", "unlimited", true). */
static const char *rule_str(json_t *rules, const char *key)
{
    json_t *v = json_object_get(rules, key);
    static char buf[32];

    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return json_is_true(v) ? "true" : "";
}

/* tally's options from an RCTab (or timrcv) config. */
static void rules_of(json_t *config, tally_irv_options *io)
{
    json_t *rules = json_object_get(config, "rules");
    const char *ov = rule_str(rules, "overvoteRule"), *skip;

    memset(io, 0, sizeof *io);
    if (strcmp(ov, "alwaysSkipToNextRank") == 0)
        io->overvote = TALLY_OVERVOTE_SKIP;
    else if (strcmp(ov, "exhaustIfMultipleContinuing") == 0)
        io->overvote = TALLY_OVERVOTE_EXHAUST_IF_MULTIPLE;
    else if (strcmp(ov, "exhaustImmediately") != 0)
        fail_msg("overvote rule %s is not one of tally's", ov);
    skip = rule_str(rules, "maxSkippedRanksAllowed");
    if (*skip && strcmp(skip, "unlimited") != 0) {
        io->limit_skipped = 1;
        io->max_skipped = atoi(skip);
    }
    if (strcmp(rule_str(rules, "exhaustOnDuplicateCandidate"), "true") == 0)
        io->duplicate = TALLY_DUPLICATE_EXHAUST;
    io->batch = strcmp(rule_str(rules, "batchElimination"), "true") == 0;
    assert_string_equal(rule_str(rules, "numberOfWinners"), "1");
}

static long candidate(const tally_pool *p, const char *name)
{
    for (size_t c = 0; c < p->n_candidates; c++)
        if (strcmp(p->names[c], name) == 0)
            return (long)c;
    return -1;
}

/* The config's excluded candidates are withdrawn before the poll. */
static void withdraw(json_t *config, tally_pool *p)
{
    size_t i;
    json_t *c;

    json_array_foreach(json_object_get(config, "candidates"), i, c)
        if (json_is_true(json_object_get(c, "excluded"))) {
            long k = candidate(p, json_string_value(json_object_get(c, "name")));
            assert_true(k >= 0);
            p->withdrawn[k] = 1;
        }
}

static int64_t number(json_t *v)
{
    return json_is_string(v) ? strtoll(json_string_value(v), NULL, 10) : json_integer_value(v);
}

/* Compare rounds [0, upto) of the expected report with r's stages; upto 0:
** every round, and the winner. Returns the number of figures compared.
**
** Round k is the stage that ends it: the first stage, then for each
** round's eliminations as many exclusion stages (tally reports a batch as
** one stage per candidate, RCTab as one round), which must exclude exactly
** the candidates RCTab eliminated, in any order. A candidate RCTab
** eliminates that tally no longer counts (the undeclared write-ins with no
** papers, out at the first stage) needs no stage. */
static size_t compare(const char *what, const tally_method_result *r, json_t *expected,
                      size_t upto)
{
    json_t *rounds = json_object_get(expected, "results"), *round;
    const tally_pool *p = r->pool;
    size_t n = json_array_size(rounds), k, figures = 0, si = 0;
    const char *winner = NULL;

    if (upto == 0 || upto > n)
        upto = n;
    json_array_foreach(rounds, k, round) {
        const tally_stage *st;
        json_t *tally = json_object_get(round, "tally"), *res, *v;
        const char *name;
        int64_t active = 0;
        size_t i, gone = 0;
        if (k >= upto)
            break;
        if (si >= r->n_stages)
            fail_msg("%s: %zu stages, the expected report has round %zu", what, r->n_stages,
                     k + 1);
        st = &r->stages[si];
        json_object_foreach(tally, name, v) {
            long c = candidate(p, name);
            if (c < 0) { /* RCTab's "Undeclared Write-ins" with no votes */
                assert_int_equal(number(v), 0);
                continue;
            }
            if (st->votes[c] != number(v) * U && !(st->votes[c] == TALLY_NONE && number(v) == 0))
                fail_msg("%s: round %zu, %s: %lld, tally %lld", what, k + 1, name,
                         (long long)number(v), (long long)(st->votes[c] / U));
            figures++;
        }
        for (size_t c = 0; c < p->n_candidates; c++) {
            if (st->votes[c] == TALLY_NONE)
                continue;
            active += st->votes[c] / U;
            if (!json_object_get(tally, p->names[c]) && st->votes[c] != 0)
                fail_msg("%s: round %zu: %s has %lld in tally, none expected", what, k + 1,
                         p->names[c], (long long)(st->votes[c] / U));
        }
        if (json_object_get(round, "threshold")) { /* RCTab's, where it moves otherwise */
            assert_int_equal(st->quota ? st->quota / U : active / 2 + 1,
                             number(json_object_get(round, "threshold")));
            figures++;
        }
        {
            static const char *const why[TALLY_INACTIVE_KINDS] = {
                "overvotes", "skippedRankings", "repeatedRankings", "exhaustedChoices"
            };
            json_t *in = json_object_get(round, "inactiveBallots");
            for (size_t w = 0; in && w < TALLY_INACTIVE_KINDS; w++) {
                if (st->inactive[w] != number(json_object_get(in, why[w])))
                    fail_msg("%s: round %zu, inactive by %s: %lld, tally %lld", what, k + 1,
                             why[w], (long long)number(json_object_get(in, why[w])),
                             (long long)st->inactive[w]);
                figures++;
            }
        }
        /* The candidates RCTab eliminates that tally still counts... */
        json_array_foreach(json_object_get(round, "tallyResults"), i, res) {
            json_t *el = json_object_get(res, "eliminated");
            long c = el ? candidate(p, json_string_value(el)) : -1;
            if (json_object_get(res, "elected"))
                winner = json_string_value(json_object_get(res, "elected"));
            if (el && (c < 0 || st->votes[c] != TALLY_NONE) &&
                !(c >= 0 && r->candidates[c].stage == si + 1))
                gone++;
        }
        /* ...are those the next `gone` stages exclude, one each. */
        json_array_foreach(json_object_get(round, "tallyResults"), i, res) {
            json_t *el = json_object_get(res, "eliminated");
            long c = el ? candidate(p, json_string_value(el)) : -1;
            size_t at;
            if (!el || (k + 1 >= upto && upto != n)) /* the last round compared: votes only */
                continue;
            if (c >= 0 && (st->votes[c] == TALLY_NONE || r->candidates[c].stage == si + 1))
                continue;
            if (c < 0)
                fail_msg("%s: after round %zu RCTab eliminates %s, not a candidate", what, k + 1,
                         json_string_value(el));
            at = r->candidates[c].stage; /* 1-based */
            if (r->candidates[c].fate != TALLY_FATE_EXCLUDED || at <= si + 1 ||
                at > si + 1 + gone || r->stages[at - 1].subject != (size_t)c)
                fail_msg("%s: after round %zu %s is eliminated, tally excludes it at stage %zu",
                         what, k + 1, json_string_value(el), at);
            figures++;
        }
        si += gone;
    }
    if (upto == n && !winner) { /* stopped early: no one elected */
        assert_int_equal(r->n_elected, 0);
        assert_int_equal(r->n_stages, si + 1);
        figures++;
    } else if (upto == n) {
        assert_non_null(winner);
        assert_int_equal(r->n_elected, 1);
        assert_string_equal(p->names[r->elected[0]], winner);
        figures++;
        if (r->n_stages == si + 2) /* equal at the last round: see the file comment */
            print_message("%s: the last round was an equality; tally decides it by "
                          "excluding one, a stage later\n", what);
        else
            assert_int_equal(r->n_stages, si + 1);
    }
    return figures;
}

static tally_method_result *count(const tally_pool *p, const tally_irv_options *io)
{
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 1, .irv = io };
    tally_method_result *r = NULL;
    tally_error err;

    if (tally_irv(p, &mo, &r, &err) != TALLY_OK)
        fail_msg("irv: %s", err.message);
    return r;
}

static tally_pool *read_cvr(const char *text, size_t len, const char *name,
                            const tally_irv_options *io)
{
    tally_pool *p = NULL;
    tally_error err;

    if (tally_cvr_csv_parse(text, len, name, io, &p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return p;
}

/* timrcv case dir: example.csv with the header the test gives it. */
static void timrcv_case(const char *dir, const char *header, size_t upto)
{
    char path[4300], cfg[4300], exp[4300], *text, *all;
    size_t len, hl = strlen(header);
    json_t *config, *expected;
    tally_irv_options io;
    tally_pool *p;
    tally_method_result *r;
    size_t figures;

    snprintf(path, sizeof path, "%s/timrcv/tests/%s/example.csv", data_dir, dir);
    snprintf(cfg, sizeof cfg, "%s/timrcv/tests/%s/%s_config.json", data_dir, dir, dir);
    snprintf(exp, sizeof exp, "%s/timrcv/tests/%s/%s_expected_summary.json", data_dir, dir, dir);
    config = load_json(cfg);
    expected = load_json(exp);
    rules_of(config, &io);
    text = slurp(path, &len);
    all = malloc(hl + len + 1);
    assert_non_null(all);
    memcpy(all, header, hl);
    memcpy(all + hl, text, len + 1);
    p = read_cvr(all, hl + len, path, &io);
    r = count(p, &io);
    figures = compare(dir, r, expected, upto);
    print_message("timrcv %s: %zu figures equal%s\n", dir, figures,
                  upto ? " (first round only)" : "");
    tally_method_result_free(r);
    tally_pool_free(p);
    free(all);
    free(text);
    json_decref(config);
    json_decref(expected);
}

static void test_timrcv_csv_simple_1(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    timrcv_case("csv_simple_1", "ID,Count,Rank 1,Rank 2,Rank 3,Rank 4\n", 0);
}

static void test_timrcv_csv_simple_2_first_round(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    /* Rounds 2-4 follow two equalities (C and D at round 1, A and B at
    ** round 3) that timrcv breaks by candidate order; see the file
    ** comment. */
    timrcv_case("csv_simple_2", "Rank 1,Rank 2,Rank 3,Rank 4\n", 1);
}

/* RCTab case dir's config, its expected detailed report and the rules. */
static void load_rctab_case(const char *dir, json_t **config, json_t **expected,
                            tally_irv_options *io)
{
    char cfg[4300], exp[4300];

    snprintf(cfg, sizeof cfg, "%s/rctab/%s/%s_config.json", data_dir, dir, dir);
    snprintf(exp, sizeof exp, "%s/rctab/%s/%s_expected_detailed_report.json", data_dir, dir,
             dir);
    *config = load_json(cfg);
    *expected = load_json(exp);
    rules_of(*config, io);
}

/* Count pool p (freed here) of RCTab case dir by its config's rules and
** compare every round with the expected report; from says what was read. */
static void count_rctab_case(const char *dir, const char *from, json_t *config,
                             json_t *expected, tally_pool *p, const tally_irv_options *io)
{
    tally_method_result *r;
    size_t figures;

    withdraw(config, p);
    r = count(p, io);
    figures = compare(dir, r, expected, 0);
    assert_int_equal(r->valid + r->invalid,
                     number(json_object_get(json_object_get(expected, "summary"),
                                            "totalNumBallots")));
    { /* RCTab's undervotes: the papers with no mark at all */
        int64_t blank = r->invalid;
        for (size_t w = 0; w < TALLY_INACTIVE_KINDS; w++)
            blank -= r->stages[0].inactive[w];
        assert_int_equal(blank, number(json_object_get(json_object_get(expected, "summary"),
                                                       "undervotes")));
    }
    print_message("rctab %s (from %s): %zu figures equal\n", dir, from, figures);
    tally_method_result_free(r);
    tally_pool_free(p);
}

/* An RCTab case counted from an RCTab CVR CSV. */
static void rctab_case(const char *dir, const char *csv)
{
    char path[4300], *text;
    size_t len;
    json_t *config, *expected;
    tally_irv_options io;
    tally_pool *p;

    snprintf(path, sizeof path, "%s/rctab/%s", data_dir, csv);
    load_rctab_case(dir, &config, &expected, &io);
    text = slurp(path, &len);
    p = read_cvr(text, len, path, &io);
    count_rctab_case(dir, csv, config, expected, p, &io);
    free(text);
    json_decref(config);
    json_decref(expected);
}

static void test_rctab_2024_alaska_dominion(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    rctab_case("2024_alaska_dominion",
               "2024_alaska_dominion/2024_alaska_dominion_expected_rctab_cvr.csv");
}

static void test_rctab_aliases_cdf_json(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    rctab_case("aliases_cdf_json", "conversions_from_cdf/conversions_from_cdf_expected.csv");
}

static void test_rctab_excluded_test(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    rctab_case("excluded_test", "conversions_from_ess/conversions_from_ess_expected.csv");
}

static void test_rctab_tiebreak_use_permutation_in_config_test(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    rctab_case("tiebreak_use_permutation_in_config_test",
               "conversions_from_ess/conversions_from_ess_expected.csv");
}

/* An RCTab case counted from its own CVR files, as `tally tabulate
** --rctab-config` counts it: the config read by tally_rctab_load (rctab.h),
** every cvrFileSources entry read into one pool by tally_rctab_read, and
** counted by the rules the config gives (the undeclared write-ins excluded
** at the first round, irv's rule W). */
static void result_report_matches(const char *dir, const char *path, json_t *expected,
                                  const tally_method_result *r, const tally_rctab_report *info);
static void csv_report_matches(const char *dir, const char *csv, const tally_method_result *r,
                               const tally_rctab_report *info);

/* tally's RCTab report of pool p (counted by c's rules) is RCTab's
** expected detailed report, but for the program named as its maker. */
static void rctab_report_matches(const char *dir, json_t *expected, const tally_pool *p,
                                 const tally_rctab *c)
{
    const tally_rctab_info *a = tally_rctab_about(c);
    tally_rctab_report info = { a->contest, a->date, a->jurisdiction, a->office, "tally",
                                a->n_candidates, a->write_in_declared, a->stop_after,
                                a->first_threshold, 0 };
    tally_method_result *r = count(p, tally_rctab_rules(c));

    size_t left = 0; /* candidates neither excluded nor withdrawn at the end */

    for (size_t k = 0; k < p->n_candidates; k++)
        left += r->candidates[k].fate == TALLY_FATE_ELECTED ||
                r->candidates[k].fate == TALLY_FATE_NOT_ELECTED;
    if (r->n_stages > 1 && r->stages[r->n_stages - 1].n_tied > 0 &&
        r->stages[r->n_stages - 1].n_elected > 0 && left == 1) {
        /* RCTab names the winner of a last round that is an equality; tally
        ** excludes one of them a stage later (see the file comment), so
        ** the reports differ by that round (the equal were the last two;
        ** an equality of three, leaving two, is compared). */
        print_message("rctab %s: the RCTab report is not compared: the last round was an "
                      "equality\n", dir);
        tally_method_result_free(r);
        return;
    }
    {
        char csv[4400];
        snprintf(csv, sizeof csv, "%s/rctab/%s/%s_expected_detailed_report.json", data_dir, dir,
                 dir);
        result_report_matches(dir, csv, expected, r, &info);
        snprintf(csv, sizeof csv, "%s/rctab/%s/%s_expected_detailed_report.csv", data_dir, dir,
                 dir);
        csv_report_matches(dir, csv, r, &info);
    }
    tally_method_result_free(r);
}

/* text, tally's RCTab JSON report, is RCTab's expected one (the file
** json) byte for byte, as Jackson's DefaultPrettyPrinter writes it, but for
** the program named by "generatedBy" and for a line end after the last
** brace, which RCTab does not write (two of the stored files have one). */
static void json_text_matches(const char *dir, const char *json, const char *text)
{
    static const char key[] = "\"generatedBy\" : \"";
    size_t wlen;
    char *want = slurp(json, &wlen), *at = strstr(want, key), *end, *fixed;

    assert_non_null(at);
    end = strchr(at + strlen(key), '"');
    assert_non_null(end);
    if (wlen > 0 && want[wlen - 1] == '\n')
        want[--wlen] = '\0';
    fixed = malloc(wlen + 16);
    assert_non_null(fixed);
    snprintf(fixed, wlen + 16, "%.*stally%s", (int)(at + strlen(key) - want), want, end);
    if (strcmp(fixed, text) != 0)
        fail_msg("%s: the RCTab JSON report differs in its bytes:\n tally\n%s\n RCTab\n%s", dir,
                 text, fixed);
    print_message("rctab %s: tally's RCTab JSON report is RCTab's, byte for byte\n", dir);
    free(fixed);
    free(want);
}

/* text, tally's RCTab CSV report, is RCTab's expected one (the file csv),
** byte for byte, but for the "Generated By" line (line 2), which names
** the program. Bytes, not cells: the report's row order, shares and
** quoting are RCTab's too (rctab_csv.c), and are proved with them. */
static void csv_text_matches(const char *dir, const char *csv, const char *text)
{
    char *want, *line2;
    size_t wlen;
    const char *generated = "Generated By,tally\n";

    want = slurp(csv, &wlen);
    /* line 2 of RCTab's file names RCTab; tally's names tally */
    line2 = strchr(want, '\n');
    assert_non_null(line2);
    assert_true(strncmp(line2 + 1, "Generated By,", 13) == 0);
    assert_non_null(strchr(text, '\n'));
    assert_true(strncmp(strchr(text, '\n') + 1, generated, strlen(generated)) == 0);
    {
        char *end = strchr(line2 + 1, '\n'), *fixed;
        size_t head = (size_t)(line2 + 1 - want), tail = wlen - (size_t)(end + 1 - want);
        assert_non_null(end);
        fixed = malloc(head + strlen(generated) + tail + 1);
        assert_non_null(fixed);
        memcpy(fixed, want, head);
        memcpy(fixed + head, generated, strlen(generated));
        memcpy(fixed + head + strlen(generated), end + 1, tail + 1);
        if (strcmp(fixed, text) != 0)
            fail_msg("%s: the RCTab CSV report differs:\n tally\n%s\n RCTab\n%s", dir, text,
                     fixed);
        free(fixed);
    }
    print_message("rctab %s: tally's RCTab CSV report is RCTab's, byte for byte\n", dir);
    free(want);
}

/* tally's RCTab CSV report of r is RCTab's expected one (csv_text_matches). */
static void csv_report_matches(const char *dir, const char *csv, const tally_method_result *r,
                               const tally_rctab_report *info)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    assert_non_null(f);
    assert_int_equal(tally_stages_rctab_csv(r, info, f), TALLY_OK);
    fclose(f);
    csv_text_matches(dir, csv, text);
    free(text);
}

/* tally's RCTab report of result r is expected, but for its maker. */
static void result_report_matches(const char *dir, const char *path, json_t *expected,
                                  const tally_method_result *r, const tally_rctab_report *info)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    json_t *got, *want = json_deep_copy(expected);
    json_error_t je;

    assert_non_null(f);
    assert_int_equal(tally_stages_rctab_json(r, info, f), TALLY_OK);
    fclose(f);
    got = json_loadb(text, len, 0, &je);
    assert_non_null(got);
    json_object_set_new(json_object_get(want, "config"), "generatedBy", json_string("tally"));
    if (!json_equal(got, want)) {
        char *w = json_dumps(want, JSON_SORT_KEYS | JSON_COMPACT);
        fail_msg("%s: the RCTab report differs:\n tally %s\n RCTab %s", dir, text, w);
    }
    print_message("rctab %s: tally's RCTab report is RCTab's\n", dir);
    json_text_matches(dir, path, text);
    json_decref(got);
    json_decref(want);
    free(text);
}

static int rctab_several_case(const char *dir);

static void rctab_source_case(const char *dir)
{
    char path[4300];
    json_t *config, *expected;
    tally_irv_options io;
    tally_rctab *c = NULL;
    tally_pool *p = NULL;
    tally_error err;

    if (rctab_several_case(dir)) /* a several-seat mode: rctab_multi.h */
        return;
    load_rctab_case(dir, &config, &expected, &io);
    snprintf(path, sizeof path, "%s/rctab/%s/%s_config.json", data_dir, dir, dir);
    if (tally_rctab_load(path, &c, &err) != TALLY_OK ||
        tally_rctab_read(c, &p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    rctab_report_matches(dir, expected, p, c);
    count_rctab_case(dir, "its own CVR files", config, expected, p, tally_rctab_rules(c));
    tally_rctab_free(c);
    json_decref(config);
    json_decref(expected);
}

/* RCTab's several-seat modes (rctab_multi.h, rules RM1-RM9): case dir
** counted from its own CVR files, if its configuration names one of them
** (else 0), and compared with RCTab's expected report round by round,
** every figure as RCTab writes it ("9452" is not "9452.0000"): each
** candidate's tally, the threshold, the inactive ballots by why, who is
** elected and eliminated and the values moved from each; then the whole
** report as JSON and, byte for byte, as its CSV summary report. */
static const char *figure_of(tally_rctab_dec d)
{
    static char b[48];
    tally_rctab_dec_format(d, b, sizeof b);
    return b;
}

static size_t several_round_matches(const char *dir, const tally_rctab_multi *m, size_t k,
                                    json_t *round)
{
    static const char *const why[TALLY_RCTAB_STATUSES] = {
        "overvotes", "skippedRankings", "repeatedRankings", "exhaustedChoices",
        "finalRoundSurplus"
    };
    const tally_rctab_round *rd = tally_rctab_multi_round(m, k);
    const tally_rctab_round *next = tally_rctab_multi_round(m, k + 1);
    const tally_pool *p = tally_rctab_multi_result(m)->pool;
    json_t *tally = json_object_get(round, "tally"), *in = json_object_get(round, "inactiveBallots");
    json_t *v, *res;
    const char *name;
    size_t figures = 0, i, acts = 0;

    json_object_foreach(tally, name, v) {
        long c = candidate(p, name);
        if (c < 0 || !rd->in_tally[c])
            fail_msg("%s: round %zu: %s is not in tally's round", dir, k + 1, name);
        if (strcmp(figure_of(rd->tally[c]), json_string_value(v)) != 0)
            fail_msg("%s: round %zu, %s: %s, tally %s", dir, k + 1, name,
                     json_string_value(v), figure_of(rd->tally[c]));
        figures++;
    }
    for (size_t c = 0; c < p->n_candidates; c++)
        if (rd->in_tally[c] && !json_object_get(tally, p->names[c]))
            fail_msg("%s: round %zu: %s is in tally's round only", dir, k + 1, p->names[c]);
    if (strcmp(figure_of(rd->threshold), json_string_value(json_object_get(round, "threshold"))))
        fail_msg("%s: round %zu: threshold %s, tally %s", dir, k + 1,
                 json_string_value(json_object_get(round, "threshold")),
                 figure_of(rd->threshold));
    figures++;
    for (size_t w = 0; w < TALLY_RCTAB_STATUSES; w++) {
        json_t *e = json_object_get(in, why[w]);
        if (!e)
            continue;
        if (strcmp(figure_of(rd->inactive[w]), json_string_value(e)) != 0)
            fail_msg("%s: round %zu, inactive by %s: %s, tally %s", dir, k + 1, why[w],
                     json_string_value(e), figure_of(rd->inactive[w]));
        figures++;
    }
    json_array_foreach(json_object_get(round, "tallyResults"), i, res) {
        json_t *el = json_object_get(res, "elected"), *out = json_object_get(res, "eliminated");
        long c = candidate(p, json_string_value(el ? el : out));
        const size_t *list = el ? rd->elected : rd->eliminated;
        size_t n = el ? rd->n_elected : rd->n_eliminated, j = 0, moved = 0;
        while (j < n && (long)list[j] != c)
            j++;
        if (c < 0 || j == n)
            fail_msg("%s: round %zu: RCTab %s %s, tally does not", dir, k + 1,
                     el ? "elects" : "eliminates", json_string_value(el ? el : out));
        json_object_foreach(json_object_get(res, "transfers"), name, v) {
            size_t to = strcmp(name, "exhausted") == 0          ? TALLY_RCTAB_TO_EXHAUSTED
                        : strcmp(name, "residual surplus") == 0 ? TALLY_RCTAB_TO_RESIDUAL
                                                                : (size_t)candidate(p, name);
            const char *got = NULL;
            for (size_t t = 0; next && t < next->n_transfers; t++)
                if (next->transfers[t].from == (size_t)c && next->transfers[t].to == to)
                    got = figure_of(next->transfers[t].value);
            if (!got || strcmp(got, json_string_value(v)) != 0)
                fail_msg("%s: round %zu, from %s to %s: %s, tally %s", dir, k + 1, p->names[c],
                         name, json_string_value(v), got ? got : "nothing");
            moved++;
            figures++;
        }
        for (size_t t = 0; next && t < next->n_transfers; t++)
            moved -= next->transfers[t].from == (size_t)c;
        assert_int_equal(moved, 0); /* nothing moves that RCTab does not show */
        acts++;
    }
    assert_int_equal(acts, rd->n_elected + rd->n_eliminated);
    return figures + acts;
}

static int rctab_several_case(const char *dir)
{
    char path[4300];
    tally_rctab *c = NULL;
    tally_pool *p = NULL;
    tally_rctab_multi *m = NULL;
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 1 };
    const tally_rctab_info *a;
    tally_rctab_report info;
    json_t *expected, *round;
    size_t figures = 0, k;
    tally_error err;

    snprintf(path, sizeof path, "%s/rctab/%s/%s_config.json", data_dir, dir, dir);
    if (tally_rctab_load(path, &c, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    if (!tally_rctab_multi_of(c)) {
        tally_rctab_free(c);
        return 0;
    }
    if (tally_rctab_read(c, &p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    if (tally_rctab_multi_count(p, tally_rctab_rules(c), tally_rctab_multi_of(c), &mo, &m,
                                &err) != TALLY_OK)
        fail_msg("%s: %s", dir, err.message);
    snprintf(path, sizeof path, "%s/rctab/%s/%s_expected_detailed_report.json", data_dir, dir,
             dir);
    expected = load_json(path);
    assert_int_equal(tally_rctab_multi_rounds(m),
                     json_array_size(json_object_get(expected, "results")));
    json_array_foreach(json_object_get(expected, "results"), k, round)
        figures += several_round_matches(dir, m, k, round);
    a = tally_rctab_about(c);
    info = (tally_rctab_report){ a->contest, a->date, a->jurisdiction, a->office, "tally",
                                 a->n_candidates, a->write_in_declared, 0, 0, 0 };
    { /* and the whole report, as RCTab's JSON */
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        json_t *got, *want = json_deep_copy(expected);
        assert_non_null(f);
        assert_int_equal(tally_stages_rctab_multi_json(m, &info, f), TALLY_OK);
        fclose(f);
        assert_non_null(got = json_loadb(text, len, 0, NULL));
        json_object_set_new(json_object_get(want, "config"), "generatedBy", json_string("tally"));
        if (!json_equal(got, want))
            fail_msg("%s: the RCTab report differs:\n tally %s", dir, text);
        json_text_matches(dir, path, text);
        json_decref(got);
        json_decref(want);
        free(text);
    }
    { /* and as RCTab's CSV summary report, byte for byte */
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        assert_int_equal(tally_stages_rctab_multi_csv(m, &info, f), TALLY_OK);
        fclose(f);
        snprintf(path, sizeof path, "%s/rctab/%s/%s_expected_detailed_report.csv", data_dir,
                 dir, dir);
        csv_text_matches(dir, path, text);
        free(text);
    }
    print_message("rctab %s (from its own CVR files): %zu figures equal, and tally's RCTab "
                  "report is RCTab's\n", dir, figures);
    json_decref(expected);
    tally_rctab_multi_free(m);
    tally_pool_free(p);
    tally_rctab_free(c);
    return 1;
}

#define RCTAB_SOURCE_TEST(name)                                                                 \
    static void test_rctab_own_##name(void **state)                                            \
    {                                                                                          \
        (void)state;                                                                           \
        if (!have_data())                                                                      \
            skip();                                                                            \
        rctab_source_case(#name);                                                              \
    }
RCTAB_SOURCE_TEST(aliases_cdf_json)
RCTAB_SOURCE_TEST(test_set_0_skipped_first_choice)
RCTAB_SOURCE_TEST(test_set_2_overvote_skip_to_next)
RCTAB_SOURCE_TEST(test_set_4_skipped_choice_next)
RCTAB_SOURCE_TEST(test_set_6_duplicate_exhaust)
RCTAB_SOURCE_TEST(test_set_8_multi_cdf)
RCTAB_SOURCE_TEST(dominion_multi_file)
RCTAB_SOURCE_TEST(dominion_no_precinct_data)
RCTAB_SOURCE_TEST(2024_alaska_dominion)
RCTAB_SOURCE_TEST(dominion_alaska)
RCTAB_SOURCE_TEST(clear_ballot_kansas_primary)
RCTAB_SOURCE_TEST(generic_csv_test)
RCTAB_SOURCE_TEST(csv_missing_header_test)
RCTAB_SOURCE_TEST(missing_precinct_example)
RCTAB_SOURCE_TEST(excluded_test)
RCTAB_SOURCE_TEST(duplicate_test)
RCTAB_SOURCE_TEST(tiebreak_use_permutation_in_config_test)
RCTAB_SOURCE_TEST(2013_minneapolis_mayor)
RCTAB_SOURCE_TEST(2015_portland_mayor)
RCTAB_SOURCE_TEST(2015_portland_mayor_codes)
RCTAB_SOURCE_TEST(batch_example)
RCTAB_SOURCE_TEST(precinct_example)
RCTAB_SOURCE_TEST(tiebreak_seed_test)
RCTAB_SOURCE_TEST(test_set_treat_blank_as_undeclared_write_in)
RCTAB_SOURCE_TEST(tiebreak_generate_permutation_test)
RCTAB_SOURCE_TEST(unisyn_xml_cdf_city_tax_collector)
RCTAB_SOURCE_TEST(unisyn_xml_cdf_city_coroner)
RCTAB_SOURCE_TEST(unisyn_xml_cdf_county_coroner)
RCTAB_SOURCE_TEST(unisyn_xml_cdf_city_council_member)
RCTAB_SOURCE_TEST(nist_xml_cdf_2)
RCTAB_SOURCE_TEST(hart_cedar_park_school_board)
RCTAB_SOURCE_TEST(hart_travis_county_officers)
RCTAB_SOURCE_TEST(continue_tabulation_test)
RCTAB_SOURCE_TEST(first_round_determines_threshold_test)
RCTAB_SOURCE_TEST(continue_until_two_threshold_freeze)
RCTAB_SOURCE_TEST(stop_tabulation_early_test)
RCTAB_SOURCE_TEST(aliases_ess_xlsx)
RCTAB_SOURCE_TEST(test_set_overvote_delimiter)
RCTAB_SOURCE_TEST(unisyn_xml_cdf_city_chief_of_police)
RCTAB_SOURCE_TEST(unisyn_xml_cdf_city_mayor)
RCTAB_SOURCE_TEST(2013_minneapolis_park)
RCTAB_SOURCE_TEST(test_set_multi_winner_fractional_threshold)
RCTAB_SOURCE_TEST(test_set_allow_only_one_winner_per_round)
RCTAB_SOURCE_TEST(minneapolis_multi_seat_threshold)
RCTAB_SOURCE_TEST(multi_seat_uwi_test)
RCTAB_SOURCE_TEST(more_winners_than_candidates)
RCTAB_SOURCE_TEST(2013_minneapolis_park_bottoms_up)
RCTAB_SOURCE_TEST(multi_seat_bottoms_up_with_cutoff_eliminate)
RCTAB_SOURCE_TEST(multi_seat_bottoms_up_with_static_threshold)

/* An RCTab multiPassIrv case (irv_passes.h, rules SEQ1-SEQ3) counted from
** its own CVR files: pass i is RCTab's report <dir>_<i>_expected_detailed_
** report.json, round by round and as RCTab's JSON report. */
static void rctab_passes_case(const char *dir)
{
    char path[4300];
    tally_rctab *c = NULL;
    tally_pool *p = NULL;
    tally_irv_passes *s = NULL;
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 1 };
    const tally_rctab_info *a;
    tally_error err;

    snprintf(path, sizeof path, "%s/rctab/%s/%s_config.json", data_dir, dir, dir);
    if (tally_rctab_load(path, &c, &err) != TALLY_OK ||
        tally_rctab_read(c, &p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    a = tally_rctab_about(c);
    assert_true(a->passes > 1);
    mo.irv = tally_rctab_rules(c);
    if (tally_irv_passes_count(p, &mo, (int)a->passes, &s, &err) != TALLY_OK)
        fail_msg("irv passes: %s", err.message);
    assert_int_equal(tally_irv_passes_n(s), a->passes);
    for (size_t i = 0; i < a->passes; i++) {
        const tally_method_result *r = tally_irv_passes_get(s, i);
        tally_rctab_report info = { a->contest, a->date, a->jurisdiction, a->office, "tally",
                                    a->n_candidates, a->write_in_declared, a->stop_after,
                                    a->first_threshold, 1 };
        char exp[4400], name[4400];
        json_t *expected;
        size_t figures;

        snprintf(exp, sizeof exp, "%s/rctab/%s/%s_%zu_expected_detailed_report.json", data_dir,
                 dir, dir, i + 1);
        snprintf(name, sizeof name, "%s pass %zu", dir, i + 1);
        expected = load_json(exp);
        figures = compare(name, r, expected, 0);
        if (r->n_stages > 1 && r->stages[r->n_stages - 1].n_tied > 0 &&
            r->stages[r->n_stages - 1].n_elected > 0) /* as rctab_report_matches */
            print_message("rctab %s: the RCTab report is not compared: the last round was an "
                          "equality\n", name);
        else {
            char csv[4400];
            result_report_matches(name, exp, expected, r, &info);
            snprintf(csv, sizeof csv, "%s/rctab/%s/%s_%zu_expected_detailed_report.csv",
                     data_dir, dir, dir, i + 1);
            csv_report_matches(name, csv, r, &info);
        }
        print_message("rctab %s (from its own CVR files): %zu figures equal\n", name, figures);
        json_decref(expected);
    }
    tally_irv_passes_free(s);
    tally_pool_free(p);
    tally_rctab_free(c);
}

static void test_rctab_seq2_2013_minneapolis_park_sequential(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    rctab_passes_case("2013_minneapolis_park_sequential");
}

static void test_rctab_seq2_sequential_with_batch(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    rctab_passes_case("sequential_with_batch");
}

/* Why a case is not read: its CVR providers, or a named reason. */
static void reason(const char *dir, char *buf, size_t n)
{
    static const struct { const char *dir, *why; } named[] = {
        { "max_ranking_enforcement", "a column per candidate, and no expected report" },
        { "conversions_from_cdf", "a conversion, no count: its CSV is read for aliases_cdf_json" },
        { "conversions_from_ess", "a conversion, no count: its CSV is read for excluded_test and "
                                  "tiebreak_use_permutation_in_config_test" },
        { "unisyn_cvrs", "the CVR files of the unisyn_xml_cdf cases (cdf .xml)" },
        { "dominion_kansas", "its CvrExport files are not in the data (manifests only)" },
        { "tabulate_by_precinct_without_precincts", "no expected report: RCTab refuses "
                                                    "tabulateByPrecinct without precincts" },
        { "sample_interactive_tiebreak", "tiebreakMode stopCountingAndAsk: an operator decides "
                                         "each equality" },
        { "2013_minneapolis_mayor_scale", "its ES&S workbooks are not in the data" },
        { "2018_maine_governor_primary", "its ES&S workbooks are not in the data" },
    };
    char cfg[4700];
    json_t *config, *src;
    size_t i, o = 0;
    struct stat st;
    DIR *d;
    struct dirent *e;

    for (i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(named[i].dir, dir) == 0) {
            snprintf(buf, n, "%s", named[i].why);
            return;
        }
    /* The config: <dir>_config.json, else the first *_config.json. */
    snprintf(cfg, sizeof cfg, "%s/rctab/%s/%s_config.json", data_dir, dir, dir);
    if (stat(cfg, &st) != 0) {
        char sub[4300];
        snprintf(sub, sizeof sub, "%s/rctab/%s", data_dir, dir);
        cfg[0] = '\0';
        if ((d = opendir(sub))) {
            while ((e = readdir(d)))
                if (strstr(e->d_name, "_config.json")) {
                    snprintf(cfg, sizeof cfg, "%s/%s", sub, e->d_name);
                    break;
                }
            closedir(d);
        }
    }
    if (!cfg[0] || !(config = json_load_file(cfg, 0, NULL))) {
        snprintf(buf, n, "no config to read");
        return;
    }
    o += (size_t)snprintf(buf, n, "CVR format");
    json_array_foreach(json_object_get(config, "cvrFileSources"), i, src) {
        const char *prov = json_string_value(json_object_get(src, "provider"));
        const char *file = json_string_value(json_object_get(src, "filePath"));
        const char *base = file ? strrchr(file, '/') : NULL;
        const char *ext = strrchr(base ? base : file ? file : "", '.');
        char one[128];
        snprintf(one, sizeof one, " %s%s%s", prov ? prov : "?", ext ? " " : "", ext ? ext : "");
        if (o < n && !strstr(buf, one)) /* each provider once */
            o += (size_t)snprintf(buf + o, n - o, "%s", one);
    }
    if (o < n)
        snprintf(buf + o, n - o, ": not read by tally");
    json_decref(config);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_cases_not_compared_are_named(void **state)
{
    static const char *const compared[] = {
        "2024_alaska_dominion", "aliases_cdf_json", "clear_ballot_kansas_primary",
        "csv_missing_header_test", "generic_csv_test", "missing_precinct_example",
        "excluded_test", "dominion_alaska",
        "dominion_multi_file", "dominion_no_precinct_data",
        "tiebreak_use_permutation_in_config_test", "test_set_0_skipped_first_choice",
        "test_set_2_overvote_skip_to_next", "test_set_4_skipped_choice_next",
        "test_set_6_duplicate_exhaust", "test_set_8_multi_cdf",
        "duplicate_test", "2013_minneapolis_mayor", "2015_portland_mayor",
        "2015_portland_mayor_codes", "batch_example", "precinct_example",
        "unisyn_xml_cdf_city_tax_collector",
        "unisyn_xml_cdf_city_coroner",
        "unisyn_xml_cdf_county_coroner",
        "unisyn_xml_cdf_city_council_member",
        "nist_xml_cdf_2",
        "sequential_with_batch",
        "2013_minneapolis_park_sequential",
        "tiebreak_seed_test",
        "test_set_treat_blank_as_undeclared_write_in",
        "tiebreak_generate_permutation_test",
        "hart_cedar_park_school_board",
        "hart_travis_county_officers",
        "continue_tabulation_test",
        "first_round_determines_threshold_test",
        "continue_until_two_threshold_freeze",
        "stop_tabulation_early_test",
        "aliases_ess_xlsx",
        "test_set_overvote_delimiter",
        "unisyn_xml_cdf_city_chief_of_police",
        "unisyn_xml_cdf_city_mayor",
        "2013_minneapolis_park",
        "test_set_multi_winner_fractional_threshold",
        "test_set_allow_only_one_winner_per_round",
        "minneapolis_multi_seat_threshold",
        "multi_seat_uwi_test",
        "more_winners_than_candidates",
        "2013_minneapolis_park_bottoms_up",
        "multi_seat_bottoms_up_with_cutoff_eliminate",
        "multi_seat_bottoms_up_with_static_threshold",
    };
    char sub[4300], why[1024];
    char *names[256];
    size_t n = 0, named = 0;
    DIR *d;
    struct dirent *e;
    (void)state;

    if (!have_data())
        skip();
    snprintf(sub, sizeof sub, "%s/rctab", data_dir);
    assert_non_null(d = opendir(sub));
    while ((e = readdir(d)) && n < 256) {
        char p[4600 + 256];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", sub, e->d_name);
        if (e->d_name[0] != '.' && e->d_name[0] != '_' && stat(p, &st) == 0 &&
            S_ISDIR(st.st_mode))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        int done = 0;
        for (size_t k = 0; k < sizeof compared / sizeof compared[0]; k++)
            done |= strcmp(compared[k], names[i]) == 0;
        if (!done) {
            reason(names[i], why, sizeof why);
            print_message("rctab %s: not compared: %s\n", names[i], why);
            named++;
        }
        free(names[i]);
    }
    assert_int_equal(named + sizeof compared / sizeof compared[0], n);
    print_message("timrcv csv_simple_likert: not compared: ranks given per candidate "
                  "(csv_likert), with its count column ignored\n");
    print_message("timrcv msforms_1, msforms_likert, msforms_likert_transpose: not compared: "
                  "Microsoft Forms xlsx\n");
    print_message("votekit albany_2024_city_council: not compared: 2 seats (fractional "
                  "surplus transfer): tally's irv fills one\n");
    print_message("%zu RCTab cases named, %zu compared\n", named,
                  sizeof compared / sizeof compared[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timrcv_csv_simple_1),
        cmocka_unit_test(test_timrcv_csv_simple_2_first_round),
        cmocka_unit_test(test_rctab_2024_alaska_dominion),
        cmocka_unit_test(test_rctab_aliases_cdf_json),
        cmocka_unit_test(test_rctab_excluded_test),
        cmocka_unit_test(test_rctab_tiebreak_use_permutation_in_config_test),
        cmocka_unit_test(test_rctab_own_aliases_cdf_json),
        cmocka_unit_test(test_rctab_own_test_set_0_skipped_first_choice),
        cmocka_unit_test(test_rctab_own_test_set_2_overvote_skip_to_next),
        cmocka_unit_test(test_rctab_own_test_set_4_skipped_choice_next),
        cmocka_unit_test(test_rctab_own_test_set_6_duplicate_exhaust),
        cmocka_unit_test(test_rctab_own_test_set_8_multi_cdf),
        cmocka_unit_test(test_rctab_own_dominion_multi_file),
        cmocka_unit_test(test_rctab_own_dominion_no_precinct_data),
        cmocka_unit_test(test_rctab_own_2024_alaska_dominion),
        cmocka_unit_test(test_rctab_own_dominion_alaska),
        cmocka_unit_test(test_rctab_own_clear_ballot_kansas_primary),
        cmocka_unit_test(test_rctab_own_generic_csv_test),
        cmocka_unit_test(test_rctab_own_csv_missing_header_test),
        cmocka_unit_test(test_rctab_own_missing_precinct_example),
        cmocka_unit_test(test_rctab_own_excluded_test),
        cmocka_unit_test(test_rctab_own_duplicate_test),
        cmocka_unit_test(test_rctab_own_tiebreak_use_permutation_in_config_test),
        cmocka_unit_test(test_rctab_own_2013_minneapolis_mayor),
        cmocka_unit_test(test_rctab_own_2015_portland_mayor),
        cmocka_unit_test(test_rctab_own_2015_portland_mayor_codes),
        cmocka_unit_test(test_rctab_own_batch_example),
        cmocka_unit_test(test_rctab_own_precinct_example),
        cmocka_unit_test(test_rctab_own_unisyn_xml_cdf_city_tax_collector),
        cmocka_unit_test(test_rctab_own_unisyn_xml_cdf_city_coroner),
        cmocka_unit_test(test_rctab_own_unisyn_xml_cdf_county_coroner),
        cmocka_unit_test(test_rctab_own_unisyn_xml_cdf_city_council_member),
        cmocka_unit_test(test_rctab_own_nist_xml_cdf_2),
        cmocka_unit_test(test_rctab_seq2_sequential_with_batch),
        cmocka_unit_test(test_rctab_seq2_2013_minneapolis_park_sequential),
        cmocka_unit_test(test_rctab_own_tiebreak_seed_test),
        cmocka_unit_test(test_rctab_own_test_set_treat_blank_as_undeclared_write_in),
        cmocka_unit_test(test_rctab_own_tiebreak_generate_permutation_test),
        cmocka_unit_test(test_rctab_own_hart_cedar_park_school_board),
        cmocka_unit_test(test_rctab_own_hart_travis_county_officers),
        cmocka_unit_test(test_rctab_own_continue_tabulation_test),
        cmocka_unit_test(test_rctab_own_first_round_determines_threshold_test),
        cmocka_unit_test(test_rctab_own_continue_until_two_threshold_freeze),
        cmocka_unit_test(test_rctab_own_stop_tabulation_early_test),
        cmocka_unit_test(test_rctab_own_aliases_ess_xlsx),
        cmocka_unit_test(test_rctab_own_test_set_overvote_delimiter),
        cmocka_unit_test(test_rctab_own_unisyn_xml_cdf_city_chief_of_police),
        cmocka_unit_test(test_rctab_own_unisyn_xml_cdf_city_mayor),
        cmocka_unit_test(test_rctab_own_2013_minneapolis_park),
        cmocka_unit_test(test_rctab_own_test_set_multi_winner_fractional_threshold),
        cmocka_unit_test(test_rctab_own_test_set_allow_only_one_winner_per_round),
        cmocka_unit_test(test_rctab_own_minneapolis_multi_seat_threshold),
        cmocka_unit_test(test_rctab_own_multi_seat_uwi_test),
        cmocka_unit_test(test_rctab_own_more_winners_than_candidates),
        cmocka_unit_test(test_rctab_own_2013_minneapolis_park_bottoms_up),
        cmocka_unit_test(test_rctab_own_multi_seat_bottoms_up_with_cutoff_eliminate),
        cmocka_unit_test(test_rctab_own_multi_seat_bottoms_up_with_static_threshold),
        cmocka_unit_test(test_cases_not_compared_are_named),
    };

    if (!have_data())
        fprintf(stderr, "skipped: shared data not found at %s\n", data_dir);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
