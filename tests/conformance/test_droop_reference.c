/*
** droop's reference counts (../shared/data/stv/droop/ref/dump: one line
** per action, every candidate's state and vote) against tally:
**
**   scotland-fixed-p5-d5     (droop's Scottish STV, 5 places) against
**                            scottish-stv: every candidate's vote and the
**                            non-transferable vote at the end of every
**                            round, and the residual (tally's lost to
**                            rounding) that makes them add up; the elected
**                            set. 32 files.
**   meek-prf-o6-fixed-p9-d9  (the PR Foundation reference Meek rule)
**                            against meek: the elected set and the final
**                            values, and beyond them every candidate's
**                            vote, the quota and the residual at the end
**                            of every round. 9 files.
**
** droop's BLT extensions in these files ([nick], [tie], [withdrawn], "-4"
** withdrawals, a byte order mark, [droop ...] options, which tally's
** lenient reader ignores with a warning) are all read by tally.
**
** Differences handled, each counted and named in the summary:
**   - droop treats a candidate elected exactly at the quota as having a
**     surplus of 0 to transfer, a round in which nothing moves; Scottish
**     rule 48 transfers only a surplus exceeding the quota, so tally has no
**     such stage. Those rounds (an "unpend" of a candidate whose vote is
**     the quota) are passed over: SC-Vm-12 rounds 1-2 and weak-surplus
**     rounds 2-3;
**   - droop decides a Scottish lot by its tie order, tally by the seed (0
**     here). Where tally's lot falls on another of the tied candidates, the
**     two are exchanged in droop's columns from there on, and every later
**     value must still agree (so the exchange is only right when the tied
**     candidates' papers are alike): SC-Vm-12, SCw, SCwopt, weak-surplus
**     (SC's lots fall as droop's);
**   - Meek's tie procedure T is the election's; droop's is the [tie] order
**     or else the ballot file's order, and tally's meek follows [tie]. For
**     files without one, the test gives the ballot order as the [tie]
**     order, which is droop's procedure (M135, SC-Vm-12, SC, SCw, SCwopt
**     break ties);
**   - droop stages a Meek round by its last action; tally's stage k is
**     droop's round k at its defeat (the settled votes, before the
**     defeated candidate's go), or at its last action; a defeat that ends
**     the count (PRF C.1) is tally's last stage, droop's "Count Complete"
**     line;
**   - in "Count Complete", droop shows candidates defeated by C.2 (seats
**     all filled) with a vote of 0; tally leaves them not elected with
**     their votes. Those are counted, not compared.
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

static char droop[4096];

static int have_data(void)
{
    const char *d = getenv("TALLY_SHARED_DATA");
    struct stat st;
    snprintf(droop, sizeof droop, "%s/stv/droop", d ? d : "../shared/data");
    return stat(droop, &st) == 0;
}

/* One line of a dump: round (-1 for "X"), action, and the tab-separated
** fields. */
#define MAXF 160
typedef struct row {
    int round;
    char action[16];
    char *f[MAXF];
    size_t nf;
} row;

typedef struct dump {
    char *text;
    char *head[MAXF];
    size_t nhead;
    row *rows;
    size_t n;
} dump;

static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    while (line && n < max) {
        char *t = strchr(line, '\t');
        if (t)
            *t = '\0';
        f[n++] = line;
        line = t ? t + 1 : NULL;
    }
    return n;
}

static void read_dump(const char *path, dump *d)
{
    FILE *f = fopen(path, "rb");
    long len;
    char *line, *next;

    memset(d, 0, sizeof *d);
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    d->text = malloc((size_t)len + 1);
    assert_non_null(d->text);
    assert_int_equal(fread(d->text, 1, (size_t)len, f), (size_t)len);
    d->text[len] = '\0';
    fclose(f);
    d->rows = calloc((size_t)len / 8 + 2, sizeof *d->rows);
    assert_non_null(d->rows);
    for (line = d->text; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line == d->text) {
            d->nhead = split(line, d->head, MAXF);
            continue;
        }
        row *r = &d->rows[d->n];
        r->nf = split(line, r->f, MAXF);
        if (r->nf < 3 || strcmp(r->f[1], "log") == 0 || strcmp(r->f[1], "round") == 0)
            continue;
        r->round = r->f[0][0] == 'X' ? -1 : atoi(r->f[0]);
        snprintf(r->action, sizeof r->action, "%s", r->f[1]);
        d->n++;
    }
}

static void free_dump(dump *d)
{
    free(d->text);
    free(d->rows);
}

/* "123.45678" in units of 10^-places. */
static int64_t units(const char *s, int places)
{
    int64_t v = 0, sign = 1;
    int frac = -1;

    if (*s == '-') {
        sign = -1;
        s++;
    }
    for (; *s; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        v = v * 10 + (*s - '0');
        if (frac >= 0)
            frac++;
    }
    for (; frac < places; frac++)
        v *= 10;
    return sign * v;
}

/* Candidate columns: for each header "N.vote", the candidate N - 1 and the
** column of its state and vote. */
typedef struct cols {
    size_t cand[MAXF], state[MAXF], vote[MAXF];
    size_t n;
} cols;

static void columns(const dump *d, cols *c)
{
    c->n = 0;
    for (size_t i = 0; i < d->nhead; i++) {
        const char *dot = strchr(d->head[i], '.');
        if (dot && strcmp(dot, ".vote") == 0) {
            c->cand[c->n] = (size_t)atoi(d->head[i]) - 1;
            c->vote[c->n] = i;
            c->state[c->n] = i - 1;
            c->n++;
        }
    }
    assert_true(c->n > 0);
}

static tally_pool *read_blt(const char *name)
{
    char path[4900];
    tally_blt_options bo = { 1, NULL, NULL };
    tally_pool *pool = NULL;
    tally_error err;

    if (snprintf(path, sizeof path, "%s/blt/%s.blt", droop, name) >= (int)sizeof path)
        fail_msg("path too long: %s", name);
    if (tally_blt_read(path, &bo, &pool, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return pool;
}

/* The file name of a dump, without directory and suffix: "SC",
** "scotland/Linn-2007". */
static void dump_name(const char *path, const char *suffix, char *out, size_t n)
{
    const char *rel = strstr(path, "/ref/dump/") + strlen("/ref/dump/");
    size_t len = strlen(rel) - strlen(suffix);
    snprintf(out, n, "%.*s", (int)len, rel);
}

typedef struct totals {
    size_t files, rounds, values, zero_surplus, swaps, c2_zero;
    char zero_files[512], swap_files[512];
} totals;

static void note(char *list, size_t n, const char *name)
{
    if (strstr(list, name))
        return;
    {
        size_t l = strlen(list);
        if (snprintf(list + l, n - l, "%s%s", l ? ", " : "", name) >= (int)(n - l))
            list[n - 1] = '\0'; /* full: the rest of the names are left out */
    }
}

static const char *name_of(const tally_pool *p, size_t c)
{
    return p->names[c] ? p->names[c] : "?";
}

/* The elected set of droop's "X end" line (mapped) against tally's. */
static void same_elected(const dump *d, const cols *c, const size_t *map,
                         const tally_method_result *r, const char *file)
{
    const row *end = &d->rows[d->n - 1];
    size_t n = 0;

    assert_int_equal(end->round, -1);
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(end->f[c->state[i]], "E") != 0)
            continue;
        n++;
        if (r->candidates[map[c->cand[i]]].fate != TALLY_FATE_ELECTED)
            fail_msg("%s: droop elects %s, tally does not", file,
                     name_of(r->pool, map[c->cand[i]]));
    }
    if (n != r->n_elected)
        fail_msg("%s: droop elects %zu, tally %zu", file, n, r->n_elected);
}

/* Every candidate's vote in droop's row against tally's stage (a
** candidate excluded earlier is null in tally and 0 in droop). */
static void same_votes(const row *rw, const cols *c, const size_t *map,
                       const tally_method_result *r, size_t s, const char *file, totals *t)
{
    const tally_stage *st = &r->stages[s];
    int places = tally_method_places(r);

    for (size_t i = 0; i < c->n; i++) {
        size_t cand = map[c->cand[i]];
        int64_t want = units(rw->f[c->vote[i]], places);
        int64_t got = st->votes[cand] == TALLY_NONE ? 0 : st->votes[cand];
        char a[48];
        t->values++;
        if (got == want)
            continue;
        tally_method_format_units(got, places, a, sizeof a);
        fail_msg("%s round %d (stage %zu), %s: %s, droop %s", file, rw->round, s + 1,
                 name_of(r->pool, cand), a, rw->f[c->vote[i]]);
    }
}

/* Exchange droop's columns of candidates a and b (tally indices). */
static void exchange(size_t *map, size_t n, size_t a, size_t b)
{
    size_t ia = SIZE_MAX, ib = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (map[i] == a)
            ia = i;
        if (map[i] == b)
            ib = i;
    }
    assert_true(ia != SIZE_MAX && ib != SIZE_MAX);
    map[ia] = b;
    map[ib] = a;
}

/* The candidate (droop's number) whose state goes from `from` in row p to
** `to` in row q, or SIZE_MAX. */
static size_t changed(const row *p, const row *q, const cols *c, const char *from,
                      const char *to)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(p->f[c->state[i]], from) == 0 && strcmp(q->f[c->state[i]], to) == 0)
            return c->cand[i];
    return SIZE_MAX;
}

static void scottish_file(const char *path, totals *t)
{
    static const char suffix[] = "-scotland-fixed-p5-d5.txt";
    char name[512];
    dump d;
    cols c;
    tally_pool *pool;
    tally_method_result *r = NULL;
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 0 };
    tally_error err;
    size_t *map, s = 0;
    const row *prev = NULL;

    dump_name(path, suffix, name, sizeof name);
    read_dump(path, &d);
    columns(&d, &c);
    pool = read_blt(name);
    if (tally_method_run(tally_method_find("scottish-stv"), pool, &mo, &r, &err) != TALLY_OK)
        fail_msg("%s: %s", name, err.message);
    assert_non_null(map = calloc(pool->n_candidates, sizeof *map));
    for (size_t i = 0; i < pool->n_candidates; i++)
        map[i] = i;
    for (size_t i = 0; i < d.n; i++) {
        const row *rw = &d.rows[i], *last, *u = NULL;
        size_t j = i;
        int64_t sum = 0;
        if (rw->round < 0)
            break;
        while (j + 1 < d.n && d.rows[j + 1].round == rw->round)
            j++;
        last = &d.rows[j];
        for (size_t m = i; m <= j; m++)
            if (strcmp(d.rows[m].action, "unpend") == 0)
                u = &d.rows[m];
        i = j;
        /* A surplus of 0: the candidate "unpended" is at the quota. */
        for (size_t k = 0; prev && u && k < c.n; k++) {
            if (strcmp(prev->f[c.state[k]], "e") == 0 &&
                strcmp(u->f[c.state[k]], "E") == 0 &&
                strcmp(u->f[c.vote[k]], u->f[2]) == 0) {
                t->zero_surplus++;
                note(t->zero_files, sizeof t->zero_files, name);
                goto next;
            }
        }
        if (s >= r->n_stages)
            fail_msg("%s: droop has more rounds than tally's %zu stages", name, r->n_stages);
        {
            const tally_stage *st = &r->stages[s];
            if (st->choice == TALLY_CHOICE_LOT && prev) {
                size_t dc = st->kind == TALLY_STAGE_EXCLUSION ? changed(prev, last, &c, "H", "D")
                                                              : changed(prev, last, &c, "e", "E");
                if (dc != SIZE_MAX && map[dc] != st->subject) {
                    exchange(map, pool->n_candidates, map[dc], st->subject);
                    t->swaps++;
                    note(t->swap_files, sizeof t->swap_files, name);
                }
            }
            same_votes(last, &c, map, r, s, name, t);
            if (units(last->f[3], 5) != st->exhausted)
                fail_msg("%s round %d, non-transferable: droop %s", name, rw->round,
                         last->f[3]);
            for (size_t k = 0; k < c.n; k++)
                sum += units(last->f[c.vote[k]], 5);
            /* The residual droop reports is what tally has lost. */
            if (r->valid * TALLY_VOTE_UNIT - sum - units(last->f[3], 5) != st->lost)
                fail_msg("%s round %d: residual differs from tally's lost", name, rw->round);
            t->values += 2;
        }
        s++;
        t->rounds++;
    next:
        prev = last;
    }
    if (s != r->n_stages)
        fail_msg("%s: %zu droop rounds, %zu tally stages", name, s, r->n_stages);
    same_elected(&d, &c, map, r, name);
    t->files++;
    free(map);
    tally_method_result_free(r);
    tally_pool_free(pool);
    free_dump(&d);
}

static void test_scotland_fixed_p5_every_value_of_every_round(void **state)
{
    char pattern[4200];
    glob_t g;
    totals t;

    (void)state;
    if (!have_data())
        skip();
    memset(&t, 0, sizeof t);
    for (int sub = 0; sub < 2; sub++) {
        snprintf(pattern, sizeof pattern, "%s/ref/dump/%s*-scotland-fixed-p5-d5.txt", droop,
                 sub ? "scotland/" : "");
        assert_int_equal(glob(pattern, 0, NULL, &g), 0);
        for (size_t i = 0; i < g.gl_pathc; i++)
            scottish_file(g.gl_pathv[i], &t);
        globfree(&g);
    }
    print_message("scotland-fixed-p5-d5: %zu files, %zu rounds, %zu values equal; %zu rounds "
                  "of a zero surplus passed over (%s); %zu lots fell on another tied "
                  "candidate, exchanged (%s)\n",
                  t.files, t.rounds, t.values, t.zero_surplus, t.zero_files, t.swaps,
                  t.swap_files);
    assert_int_equal(t.files, 32);
}

static void meek_file(const char *path, totals *t)
{
    static const char suffix[] = "-meek-prf-o6-fixed-p9-d9.txt";
    char name[512];
    dump d;
    cols c;
    tally_pool *pool;
    tally_method_result *r = NULL;
    tally_method_options mo = { .seats = 0, .has_seed = 1, .seed = 0 };
    tally_error err;
    size_t *map, s = 0;
    const row *end;

    dump_name(path, suffix, name, sizeof name);
    read_dump(path, &d);
    columns(&d, &c);
    pool = read_blt(name);
    assert_non_null(map = calloc(pool->n_candidates, sizeof *map));
    for (size_t i = 0; i < pool->n_candidates; i++)
        map[i] = i;
    if (pool->n_tie == 0) /* droop's procedure T: the ballot order */
        assert_int_equal(tally_pool_set_tie_order(pool, map, pool->n_candidates), TALLY_OK);
    if (tally_method_run(tally_method_find("meek"), pool, &mo, &r, &err) != TALLY_OK)
        fail_msg("%s: %s", name, err.message);
    for (size_t i = 0; i < d.n; i++) {
        const row *rw = &d.rows[i], *at;
        size_t j = i;
        if (rw->round <= 0)
            continue; /* round 0 is round 1's first iteration; X below */
        while (j + 1 < d.n && d.rows[j + 1].round == rw->round)
            j++;
        at = &d.rows[j];
        for (size_t k = i; k <= j; k++)
            if (strcmp(d.rows[k].action, "defeat") == 0)
                at = &d.rows[k];
        i = j;
        if (s >= r->n_stages)
            fail_msg("%s: droop has more rounds than tally's %zu stages", name, r->n_stages);
        same_votes(at, &c, map, r, s, name, t);
        /* Quota and residual (tally's exhausted: nothing is lost). */
        if (units(at->f[2], 9) != r->stages[s].quota)
            fail_msg("%s round %d: quota %s differs", name, at->round, at->f[2]);
        if (units(at->f[5], 9) != r->stages[s].exhausted || r->stages[s].lost != 0)
            fail_msg("%s round %d: residual %s differs", name, at->round, at->f[5]);
        t->values += 2;
        t->rounds++;
        s++;
    }
    /* The final values: droop's Count Complete line against tally's last
    ** stage, the defeat that ended the count included. */
    end = &d.rows[d.n - 1];
    assert_true(s == r->n_stages || s + 1 == r->n_stages);
    for (size_t i = 0; i < c.n; i++) {
        size_t cand = map[c.cand[i]];
        const tally_stage *st = &r->stages[r->n_stages - 1];
        int64_t got = st->votes[cand] == TALLY_NONE ? 0 : st->votes[cand];
        int64_t want = units(end->f[c.vote[i]], 9);
        t->values++;
        if (got == want)
            continue;
        if (want == 0 && strcmp(end->f[c.state[i]], "D") == 0 &&
            r->candidates[cand].fate == TALLY_FATE_NOT_ELECTED) {
            t->c2_zero++; /* C.2: droop zeroes the remaining hopefuls */
            continue;
        }
        fail_msg("%s final, %s: droop %s", name, name_of(pool, cand), end->f[c.vote[i]]);
    }
    same_elected(&d, &c, map, r, name);
    t->files++;
    free(map);
    tally_method_result_free(r);
    tally_pool_free(pool);
    free_dump(&d);
}

static void test_meek_prf_elected_sets_and_final_values(void **state)
{
    char pattern[4200];
    glob_t g;
    totals t;

    (void)state;
    if (!have_data())
        skip();
    memset(&t, 0, sizeof t);
    snprintf(pattern, sizeof pattern, "%s/ref/dump/*-meek-prf-o6-fixed-p9-d9.txt", droop);
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++)
        meek_file(g.gl_pathv[i], &t);
    globfree(&g);
    print_message("meek-prf-o6-fixed-p9-d9: %zu files, elected sets equal; %zu rounds and the "
                  "final values, %zu values equal (votes, quota, residual); %zu candidates "
                  "defeated by C.2 shown by droop as 0\n",
                  t.files, t.rounds, t.values, t.c2_zero);
    assert_int_equal(t.files, 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scotland_fixed_p5_every_value_of_every_round),
        cmocka_unit_test(test_meek_prf_elected_sets_and_final_values),
    };
    if (!have_data())
        fprintf(stderr, "skipped: shared data not found at %s\n", droop);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
