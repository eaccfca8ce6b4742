/*
** stv-rs's Meek cases (../shared/data/stv/stv-rs/testdata: ballots/ and
** their transcripts in meek/, in droop's report format) counted by tally's
** meek, the PR Foundation reference rule:
**
**   - every ballot file counts without crashing, those that crash droop
**     (crashes/) included. Two are beyond what tally holds and are refused
**     cleanly, by name: bigint/ballot_sum_overflows (weights adding up to
**     more than 2^63: the BLT reader refuses it with file, line and column)
**     and bigint/ballot_count_overflows (18,446,744,075 papers, more than an
**     int64 holds in units of 10^-9: TALLY_ERANGE);
**   - the winners equal the transcript's (fixed9, else bigfixed9, else
**     approx; always the non-"equalize" transcript, droop's reading of equal
**     rankings). Where a file ranks candidates equal, tally reads them its
**     own way (src/methods/meek.c: a position whose candidates are all
**     defeated is passed over, where droop and stv-rs end the paper), so
**     there the winners may differ; those files are named, and any other
**     difference fails;
**   - the values, for files without equal rankings and transcripts in fixed
**     point: stv-rs's round k is tally's stage k while they elect and
**     defeat the same candidates, and the votes printed at the round's
**     election or defeat are compared with the stage's. stv-rs rounds the
**     part a candidate keeps down where the reference rule rounds it up
**     (B.2.a), so the last places may differ: the test counts the values
**     equal to the last digit and requires the others within TOLERANCE
**     (omega, 10^-6).
** Same tie procedure as stv-rs: the [tie] order, else the ballot order.
*/
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "tally/blt.h"
#include "tally/method.h"

/* 10^-6 in units of 10^-9: omega. */
#define TOLERANCE INT64_C(1000)

static char base[4096];

static int have_data(void)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    struct stat st;
    snprintf(base, sizeof base, "%s/stv/stv-rs/testdata", d ? d : "../shared/data");
    return stat(base, &st) == 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long len;
    char *s;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)len + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)len, f), (size_t)len);
    s[len] = '\0';
    fclose(f);
    return s;
}

/* "123.456789012" in units of 10^-9; values beyond int64 give -1. */
static int64_t units9(const char *s)
{
    int64_t v = 0;
    int frac = -1;

    for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        if (v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
        if (frac >= 0)
            frac++;
    }
    for (; frac < 9; frac++) {
        if (v > INT64_MAX / 10)
            return -1;
        v *= 10;
    }
    return v;
}

static long candidate(const tally_pool *p, const char *name, size_t len)
{
    for (size_t c = 0; c < p->n_candidates; c++)
        if (p->names[c] && strlen(p->names[c]) == len && strncmp(p->names[c], name, len) == 0)
            return (long)c;
    return -1;
}

typedef struct totals {
    size_t files, winners, approx, values, exact, refused, parted, equal_reading;
    size_t equal_winners_only, no_log;
    int64_t worst;
    char refused_files[256], worst_at[256], parted_at[512], equal_at[512];
} totals;

/* Are the transcript's winners (its "Count Complete" block) r's? */
static int same_winners(const char *log, const tally_method_result *r, const char *file)
{
    const char *end = strstr(log, "Action: Count Complete");
    size_t n = 0;
    int same = 1;

    if (!end)
        fail_msg("%s: the transcript has no Count Complete", file);
    for (const char *p = strstr(end, "\tElected:  "); p; p = strstr(p + 1, "\tElected:  ")) {
        const char *name = p + strlen("\tElected:  "), *paren = strstr(name, " (");
        long c = candidate(r->pool, name, (size_t)(paren - name));
        if (c < 0)
            fail_msg("%s: unknown winner %.*s", file, (int)(paren - name), name);
        same &= r->candidates[c].fate == TALLY_FATE_ELECTED;
        n++;
    }
    return same && n == r->n_elected;
}

/* Does the pool rank any candidates equal? */
static int has_equal_rankings(const tally_pool *p)
{
    for (size_t i = 0; p->n_rankings && i < p->offsets[p->n_rankings]; i++)
        if (p->prefs[i] & TALLY_BALLOT_EQUAL)
            return 1;
    return 0;
}

/* Does round k of the transcript (from p to next) elect and defeat the
** same candidates as tally's stage k (a defeat at the end of round k is
** the subject of stage k + 1)? */
static int same_events(const char *p, const char *next, const tally_method_result *r, size_t k)
{
    size_t elected = 0;

    for (const char *a = strstr(p, "\nAction: "); a && (!next || a < next);
         a = strstr(a + 1, "\nAction: ")) {
        const char *name = NULL, *eol;
        long c;
        if (strncmp(a, "\nAction: Elect: ", 16) == 0)
            name = a + 16;
        else if (strncmp(a, "\nAction: Defeat (", 17) == 0)
            name = strstr(a, "): ") + 3;
        if (!name)
            continue;
        eol = strchr(name, '\n');
        c = candidate(r->pool, name, (size_t)(eol - name));
        if (c < 0)
            return 0;
        if (name[-2] == ':' && name[-3] == 't') { /* "Elect: " */
            if (r->candidates[c].fate != TALLY_FATE_ELECTED || r->candidates[c].stage != k)
                return 0;
            elected++;
        } else if (k >= r->n_stages || r->stages[k].kind != TALLY_STAGE_EXCLUSION ||
                   r->stages[k].subject != (size_t)c) {
            return 0;
        }
    }
    return elected == r->stages[k - 1].n_elected;
}

/* For each "Round k:", the first Elect or Defeat block's votes against
** stage k, while the rounds elect and defeat as tally's stages do. */
static void compare_rounds(const char *log, const tally_method_result *r, const char *file,
                           totals *t)
{
    for (const char *p = strstr(log, "\nRound "); p; p = strstr(p + 1, "\nRound ")) {
        size_t k = (size_t)atol(p + 7);
        const char *next = strstr(p + 1, "\nRound "), *a = p;
        const tally_stage *st;
        if (k == 0 || k > r->n_stages || !same_events(p, next, r, k)) {
            /* The counts part here: values this close to the quota decide
            ** who is elected a round earlier or later. */
            t->parted++;
            snprintf(t->parted_at + strlen(t->parted_at),
                     sizeof t->parted_at - strlen(t->parted_at), "%s%.100s round %zu",
                     t->parted_at[0] ? ", " : "", file, k);
            return;
        }
        st = &r->stages[k - 1];
        for (a = strstr(a, "\nAction: "); a && (!next || a < next); a = strstr(a + 1, "\nAction: "))
            if (strncmp(a, "\nAction: Elect: ", 16) == 0 ||
                strncmp(a, "\nAction: Defeat (", 17) == 0)
                break;
        if (!a || (next && a > next))
            continue;
        for (const char *l = strchr(a + 1, '\n'); l && l[1] == '\t'; l = strchr(l + 1, '\n')) {
            const char *name = l + 2, *paren, *colon = strchr(name, ':');
            long c;
            int64_t want, got, diff;
            if (!colon || strncmp(name, "Quota", 5) == 0)
                break;
            name = colon + 1;
            while (*name == ' ')
                name++;
            paren = strstr(name, " (");
            if (!paren || memchr(name, ',', (size_t)(paren - name)))
                continue; /* "Defeated: a, b (0.000000000)" */
            c = candidate(r->pool, name, (size_t)(paren - name));
            assert_true(c >= 0);
            want = units9(paren + 2);
            got = st->votes[c] == TALLY_NONE ? 0 : st->votes[c];
            diff = got > want ? got - want : want - got;
            t->values++;
            if (diff == 0) {
                t->exact++;
                continue;
            }
            if (diff > t->worst) {
                t->worst = diff;
                snprintf(t->worst_at, sizeof t->worst_at, "%.120s round %zu %.60s", file, k,
                         r->pool->names[c]);
            }
            if (diff > TOLERANCE)
                fail_msg("%s round %zu, %s: tally %lld, stv-rs %lld (units of 10^-9)", file, k,
                         r->pool->names[c], (long long)got, (long long)want);
        }
    }
}

static void one(const char *blt, totals *t)
{
    char name[1024], path[5200], *log = NULL;
    static const char *const kinds[] = { "fixed9", "bigfixed9", "approx" };
    const char *rel = strstr(blt, "/ballots/") + strlen("/ballots/");
    tally_blt_options bo = { 1, NULL, NULL };
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 0 };
    tally_method_result *r = NULL;
    tally_pool *pool = NULL;
    tally_error err;
    tally_status st;
    int kind = -1;

    snprintf(name, sizeof name, "%.*s", (int)(strlen(rel) - 4), rel);
    for (int k = 0; k < 3 && !log; k++) {
        snprintf(path, sizeof path, "%s/meek/%s.%s.log", base, name, kinds[k]);
        log = slurp(path);
        if (log && !strstr(log, "Action: Count Complete")) {
            free(log); /* stv-rs crashed part way: no winners to compare */
            log = NULL;
        }
        kind = k;
    }
    t->files++;
    if ((st = tally_blt_read(blt, &bo, &pool, &err)) != TALLY_OK) {
        /* Refused, not crashed: with the place of the fault. */
        if (strcmp(name, "bigint/ballot_sum_overflows") != 0)
            fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
        assert_int_equal(st, TALLY_EINVAL);
        assert_true(err.line > 0 && err.column > 0);
        t->refused++;
        {
            size_t l = strlen(t->refused_files);
            snprintf(t->refused_files + l, sizeof t->refused_files - l, "%s ", name);
        }
        free(log);
        return;
    }
    if (pool->n_tie == 0) { /* stv-rs's default tie order: the ballot order */
        size_t *order = malloc(pool->n_candidates * sizeof *order);
        assert_non_null(order);
        for (size_t i = 0; i < pool->n_candidates; i++)
            order[i] = i;
        assert_int_equal(tally_pool_set_tie_order(pool, order, pool->n_candidates), TALLY_OK);
        free(order);
    }
    st = tally_method_run(tally_method_find("meek"), pool, &mo, &r, &err);
    if (st == TALLY_ERANGE && strcmp(name, "bigint/ballot_count_overflows") == 0) {
        t->refused++;
        {
            size_t l = strlen(t->refused_files);
            snprintf(t->refused_files + l, sizeof t->refused_files - l, "%s ", name);
        }
        free(log);
        tally_pool_free(pool);
        return;
    }
    if (st != TALLY_OK)
        fail_msg("%s: %s", name, err.message);
    if (!log)
        t->no_log++; /* rand_hypergeometric_many: "equalize" transcripts only */
    if (log && !same_winners(log, r, name)) {
        /* Only a different reading of equal rankings may part them. */
        if (!has_equal_rankings(pool))
            fail_msg("%s: tally's winners are not stv-rs's", name);
        t->equal_reading++;
        snprintf(t->equal_at + strlen(t->equal_at), sizeof t->equal_at - strlen(t->equal_at),
                 "%s%.100s", t->equal_at[0] ? ", " : "", name);
    } else if (log) {
        t->winners++;
        if (kind == 2)
            t->approx++;
        else if (has_equal_rankings(pool))
            t->equal_winners_only++; /* their papers move by another reading */
        else
            compare_rounds(log, r, name, t);
    }
    free(log);
    tally_method_result_free(r);
    tally_pool_free(pool);
}

static void test_stv_rs_meek_cases_count_and_agree(void **state)
{
    static const char *const patterns[] = { "*.blt", "*/*.blt" };
    char pattern[4200];
    totals t;

    (void)state;
    if (!have_data())
        skip();
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < 2; i++) {
        glob_t g;
        snprintf(pattern, sizeof pattern, "%s/ballots/%s", base, patterns[i]);
        assert_int_equal(glob(pattern, 0, NULL, &g), 0);
        for (size_t k = 0; k < g.gl_pathc; k++)
            one(g.gl_pathv[k], &t);
        globfree(&g);
    }
    print_message("stv-rs: %zu ballot files counted without a crash (%zu refused cleanly: %s); "
                  "winners equal in %zu (%zu from a floating-point transcript); %zu round "
                  "values compared, %zu equal to the last digit, the rest within %lld units of "
                  "10^-9 (largest %lld: %s)\n",
                  t.files, t.refused, t.refused_files, t.winners, t.approx, t.values, t.exact,
                  (long long)TOLERANCE, (long long)t.worst, t.worst_at);
    print_message("stv-rs: rounds compared until the counts part (%zu: %s); with equal "
                  "rankings, winners only: equal in %zu, different in %zu (%s)\n",
                  t.parted, t.parted_at, t.equal_winners_only, t.equal_reading, t.equal_at);
    print_message("stv-rs: %zu counted with no transcript of droop's reading to compare\n",
                  t.no_log);
    assert_int_equal(t.refused, 2);
    assert_int_equal(t.winners + t.equal_reading + t.refused + t.no_log, t.files);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stv_rs_meek_cases_count_and_agree),
    };
    if (!have_data())
        fprintf(stderr, "skipped: shared data not found at %s\n", base);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
