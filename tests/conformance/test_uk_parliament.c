/*
** Conformance: every contest of parliament 58 recomputed from its votes
** must give the majority, every share, every change and the outcome that
** the UK Parliament results database publishes, compared at the precision
** each published figure shows. The published columns are read here
** independently of the reader under test; official results are the judge.
**
** Source defects: figures that do not follow from the published votes by
** any consistent rule (found by recomputing every contest in exact rational
** arithmetic, outside tally). They are listed below with the published
** figure and the correctly rounded one, and the test requires that exactly
** these, and no others, disagree. The data README names the first two.
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

#include "io/csv.h"
#include "tally/alloc.h"
#include "tally/io.h"
#include "tally/result.h"

static const char *const by_election_defects[] = {
    "City of Chester|Rob Herd|change|0.0153|0.0147",
    "City of Chester|Jeanie Barton|change|0.0019|0.0017",
    "City of Chester|Samantha Dixon|change|0.1114|0.1115",
    "City of Chester|Cain Griffiths|share|0.00633|0.00629",
    "Birmingham, Erdington|Siobhan Harper-Nunes|change|-0.0044|-0.0045",
    "Uxbridge and South Ruislip|Blaise Baquiche|change|-0.0457|-0.0458",
    "Rochdale|Guy Otten|change|-0.0067|-0.0068",
    NULL,
};

static const char *const general_election_defects[] = { NULL };

static char data_dir[1024];

static int have_data(void)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    struct stat st;
    snprintf(data_dir, sizeof data_dir, "%s/uk", d ? d : "../shared/data");
    return stat(data_dir, &st) == 0;
}

/* A published decimal ("0.35273", "-0.0742", "0") as value * 10^places. */
static int parse_published(const char *s, int64_t *value, int *places)
{
    int neg = *s == '-';
    int64_t v = 0;
    int p = 0, frac = 0;

    if (neg || *s == '+')
        s++;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s == '.') {
            if (frac)
                return -1;
            frac = 1;
            continue;
        }
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        p += frac;
    }
    *value = neg ? -v : v;
    *places = p;
    return 0;
}

static void format_scaled(int64_t v, int places, char *buf, size_t n)
{
    int64_t a = v < 0 ? -v : v, div = 1;
    char frac[32];
    if (places < 0 || places > 18)
        places = 18;
    for (int i = 0; i < places; i++)
        div *= 10;
    snprintf(frac, sizeof frac, "%0*lld", places, (long long)(a % div));
    if (places)
        snprintf(buf, n, "%s%lld.%s", v < 0 ? "-" : "", (long long)(a / div), frac);
    else
        snprintf(buf, n, "%s%lld", v < 0 ? "-" : "", (long long)a);
}

typedef struct published {
    char **lines;
    size_t n, cap;
} published;

static void note(published *m, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->lines = realloc(m->lines, m->cap * sizeof *m->lines);
    }
    m->lines[m->n++] = strdup(buf);
}

/* Read a whole CSV into records of strdup'd fields, header rows dropped
** (a header's numeric column is not a number). */
typedef struct table {
    size_t n;
    size_t cols;
    char ***rows;
} table;

static void read_table(const char *path, int numeric_col_ge, int numeric_col_by, table *t)
{
    char *text;
    size_t len;
    csv_reader r;
    tally_error err;
    int first = 1;

    memset(t, 0, sizeof *t);
    assert_int_equal(tally_io_slurp(path, &text, &len, &err), TALLY_OK);
    csv_init(&r, text, len, path);
    while (csv_next(&r, &err) == TALLY_OK) {
        char **row;
        int numeric = (r.n == 34 || r.n == 23) ? numeric_col_by : numeric_col_ge;
        if (first) {
            t->cols = r.n;
            first = 0;
            if (strspn(r.f[numeric].s, "0123456789") != strlen(r.f[numeric].s))
                continue;
        }
        row = calloc(r.n, sizeof *row);
        for (size_t i = 0; i < r.n; i++)
            row[i] = strdup(r.f[i].s);
        t->rows = realloc(t->rows, (t->n + 1) * sizeof *t->rows);
        t->rows[t->n++] = row;
    }
    csv_free(&r);
    tally_free(text);
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->cols; j++)
            free(t->rows[i][j]);
        free(t->rows[i]);
    }
    free(t->rows);
}

static void compare_figure(published *m, const char *contest, const char *cand,
                           const char *what, const char *pub, tally_status got_st,
                           const tally_result *r, size_t i, int is_change)
{
    int64_t want = 0, got = 0;
    int places = 0;
    char a[64];

    if (!pub[0]) {
        if (got_st != TALLY_ENOTFOUND)
            note(m, "%s|%s|%s|blank|present", contest, cand, what);
        return;
    }
    assert_int_equal(parse_published(pub, &want, &places), 0);
    if (got_st == TALLY_ENOTFOUND) {
        note(m, "%s|%s|%s|%s|blank", contest, cand, what, pub);
        return;
    }
    assert_int_equal(is_change ? tally_result_change_at(r, i, places, &got)
                               : tally_result_share_at(r, i, places, &got),
                     TALLY_OK);
    if (got != want) {
        format_scaled(got, places, a, sizeof a);
        note(m, "%s|%s|%s|%s|%s", contest, cand, what, pub, a);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Recompute every contest of cur (against prev) and check it against the
** published columns; the disagreements must be exactly `defects`. */
static void conform(const char *cur, const char *prev, const char *const *defects,
                    size_t want_contests)
{
    char dir[2048], pdir[2048], path[4096];
    tally_contest_set *set = NULL;
    tally_error err;
    table cons, cands;
    published m = { 0 };
    size_t n_defects = 0, checked_figures = 0, matched_cands = 0, surprises = 0;
    int by;

    snprintf(dir, sizeof dir, "%s/%s", data_dir, cur);
    snprintf(pdir, sizeof pdir, "%s/%s", data_dir, prev);
    assert_int_equal(tally_io_read_uk_parliament(dir, pdir, &set, &err), TALLY_OK);
    assert_int_equal(set->n, want_contests);

    snprintf(path, sizeof path, "%s/constituencies.csv", dir);
    read_table(path, 14, 16, &cons);
    snprintf(path, sizeof path, "%s/candidacies.csv", dir);
    read_table(path, 18, 19, &cands);
    by = cons.cols == 34;
    assert_int_equal(cons.n, set->n);

    for (size_t k = 0; k < set->n; k++) {
        const tally_election *e = set->contests[k];
        char **crow = cons.rows[k];
        const char *name = crow[by ? 4 : 2], *outcome = crow[by ? 13 : 11];
        long long majority = atoll(crow[by ? 19 : 17]);
        tally_result *r = NULL;

        assert_string_equal(set->ids[k], crow[by ? 2 : 0]);
        assert_int_equal(tally_result_compute(e, NULL, &r, &err), TALLY_OK);
        if (r->majority != majority)
            note(&m, "%s|-|majority|%lld|%lld", name, majority, (long long)r->majority);
        if (!r->outcome || strcmp(r->outcome, outcome) != 0)
            note(&m, "%s|-|outcome|%s|%s", name, outcome, r->outcome ? r->outcome : "none");
        /* This contest's candidacy rows, in file order (the reader keeps
        ** that order; the file is not grouped by constituency). */
        size_t next = 0;
        for (size_t i = 0; i < r->n_candidates; i++) {
            char **row;
            while (next < cands.n &&
                   (strcmp(cands.rows[next][by ? 1 : 0], set->ids[k]) != 0 ||
                    (by && strcmp(cands.rows[next][0], crow[0]) != 0)))
                next++;
            assert_true(next < cands.n);
            row = cands.rows[next++];
            matched_cands++;
            const char *share = row[by ? 20 : 19], *change = row[by ? 21 : 20];
            int64_t dummy;
            assert_int_equal((long long)e->candidates[i].votes, atoll(row[by ? 19 : 18]));
            compare_figure(&m, name, e->candidates[i].name, "share", share,
                           tally_result_share_at(r, i, 0, &dummy), r, i, 0);
            compare_figure(&m, name, e->candidates[i].name, "change", change,
                           tally_result_change_at(r, i, 0, &dummy), r, i, 1);
            checked_figures += 2;
        }
        tally_result_free(r);
    }
    assert_int_equal(matched_cands, cands.n);

    for (const char *const *d = defects; *d; d++)
        n_defects++;
    if (m.n)
        qsort(m.lines, m.n, sizeof *m.lines, cmp_str);
    for (size_t i = 0; i < m.n; i++) {
        int known = 0;
        for (const char *const *d = defects; *d; d++)
            known |= strcmp(*d, m.lines[i]) == 0;
        if (!known) {
            print_error("unexpected disagreement: %s\n", m.lines[i]);
            surprises++;
        }
    }
    for (const char *const *d = defects; *d; d++) {
        int seen = 0;
        for (size_t i = 0; i < m.n; i++)
            seen |= strcmp(*d, m.lines[i]) == 0;
        if (!seen) {
            print_error("known source defect not reproduced: %s\n", *d);
            surprises++;
        }
    }
    print_message("%s: %zu contests, %zu figures checked, %zu source defects named\n", cur,
                  set->n, checked_figures, m.n);
    assert_int_equal(surprises, 0);
    assert_int_equal(m.n, n_defects);

    for (size_t i = 0; i < m.n; i++)
        free(m.lines[i]);
    free(m.lines);
    free_table(&cons);
    free_table(&cands);
    tally_contest_set_free(set);
}

static void test_general_election_2019_matches_published(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    conform("parliament/58/general-election", "parliament/57/general-election",
            general_election_defects, 650);
}

static void test_by_elections_2019_24_match_published(void **state)
{
    (void)state;
    if (!have_data())
        skip();
    conform("parliament/58/by-elections", "parliament/58/general-election",
            by_election_defects, 23);
}

/* The House of Commons Library's first release has Meon Valley's Labour
** and Green votes mistyped, so its candidate votes sum to 740 more than
** its valid total: the check must name it, and every other contest must
** still compute. */
static void test_reconciliation_catches_meon_valley(void **state)
{
    char dir[4096];
    tally_contest_set *set = NULL;
    tally_error err;
    size_t failed = 0, ok = 0;

    (void)state;
    if (!have_data())
        skip();
    snprintf(dir, sizeof dir, "%s/hoc-ge2019", data_dir);
    assert_int_equal(tally_io_read_uk_parliament(dir, NULL, &set, &err), TALLY_OK);
    assert_int_equal(set->n, 650);
    for (size_t k = 0; k < set->n; k++) {
        tally_result *r = NULL;
        tally_error_clear(&err);
        if (tally_result_compute(set->contests[k], NULL, &r, &err) != TALLY_OK) {
            failed++;
            assert_string_equal(set->contests[k]->area_name, "Meon Valley");
            assert_non_null(strstr(err.message, "55,569"));
            assert_non_null(strstr(err.message, "54,829"));
            assert_non_null(strstr(err.message, "+740"));
        } else {
            ok++;
        }
        tally_result_free(r);
    }
    assert_int_equal(failed, 1);
    assert_int_equal(ok, 649);
    tally_contest_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_general_election_2019_matches_published),
        cmocka_unit_test(test_by_elections_2019_24_match_published),
        cmocka_unit_test(test_reconciliation_catches_meon_valley),
    };
    if (!have_data())
        fprintf(stderr, "skipped: shared data not found at %s\n", data_dir);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
