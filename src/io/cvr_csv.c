/*
** The CVR CSV reader (include/tally/cvr.h): RFC 4180 records, one ballot
** per line, rank columns found by their header. No statute defines the
** form; the rules that give its marks a meaning are the method's
** (method.h), applied to each row as it is read by cvr_paper.h, where
** the blank ranks are seen.
**
** Candidates are named as the file goes, so the pool's size is known only
** at the end: rankings stream into a pool sized for the most candidates a
** pool may have, which is copied at the end into one of the right size
** (after the first has given back its merging index).
*/
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "cvr_paper.h"
#include "lines.h"
#include "tally/alloc.h"
#include "tally/cvr.h"
#include "utf8.h"

enum { COL_OTHER = -1, COL_COUNT = -2 }; /* else: rank column, 0-based */

typedef struct cvr {
    const char *name;
    tally_error *err;
    lines src;
    const char *line;          /* the current line, without its line end */
    size_t len;
    int lineno;

    int *col;                  /* per header field: COL_* or rank number */
    size_t n_cols, n_ranks;
    tally_pool *pool;          /* being filled; grows with the names found */

    struct name {
        char *s;
        size_t n;
    } *names;                  /* candidates, in order of appearance */
    size_t n_names, cap_names;
    uint32_t *slots;           /* name index + 1; 0: empty */
    size_t n_slots;

    char *cell;                /* a quoted field, unescaped */
    size_t cell_cap;
    cvr_paper paper;           /* the ranking being read */
    uint32_t *group;           /* the candidates of one cell */
    size_t group_cap;
} cvr;

typedef struct field {
    const char *s;             /* content (unescaped), not NUL-terminated */
    size_t n;
    size_t at;                 /* line offset of its first character */
} field;

static tally_status fail(cvr *C, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static tally_status fail(cvr *C, size_t off, const char *fmt, ...)
{
    char msg[TALLY_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tally_error_set(C->err, TALLY_EINVAL, C->name, C->lineno,
                           C->line ? utf8_column(C->line, off) : 1, "%s", msg);
}

static tally_status nomem(cvr *C)
{
    return tally_error_set(C->err, TALLY_ENOMEM, C->name, 0, 0, "out of memory");
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && is_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_blank((*s)[*n - 1]))
        (*n)--;
}

/* s[0..n) is word, in any case. */
static int is_word(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);

    if (n != k)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return 0;
    }
    return 1;
}

/* The field starting at line offset *pos; *pos moves to the comma after
** it, or to the end of the line. */
static tally_status next_field(cvr *C, size_t *pos, field *f)
{
    const char *L = C->line;
    size_t i = *pos, o = 0;

    f->at = i;
    if (i < C->len && L[i] == '"') {
        const char *q = memchr(L + i + 1, '"', C->len - i - 1);
        if (q && (size_t)(q - L) + 1 < C->len && q[1] != '"' && q[1] != ',')
            return fail(C, (size_t)(q - L) + 1, "text after the closing quote of a field");
        if (q && ((size_t)(q - L) + 1 == C->len || q[1] == ',')) {
            f->s = L + i + 1; /* no doubled quote: the field as it stands */
            f->n = (size_t)(q - L) - i - 1;
            *pos = (size_t)(q - L) + 1;
            return TALLY_OK;
        }
        for (i++;; i++) {
            if (i >= C->len)
                return fail(C, f->at, "a quoted field does not end on its line");
            if (L[i] == '"') {
                if (i + 1 < C->len && L[i + 1] == '"') {
                    i++;
                } else {
                    i++;
                    break;
                }
            }
            if (!tally_grow(&C->cell, &C->cell_cap, o, 1))
                return nomem(C);
            C->cell[o++] = L[i];
        }
        if (i < C->len && L[i] != ',')
            return fail(C, i, "text after the closing quote of a field");
        f->s = C->cell;
        f->n = o;
    } else {
        /* A byte loop: most fields are short or empty (blank ranks). */
        size_t end = i;
        while (end < C->len && L[end] != ',' && L[end] != '"')
            end++;
        if (end < C->len && L[end] == '"')
            return fail(C, end, "a quote inside a field that is not quoted");
        f->s = L + i;
        f->n = end - i;
        i = end;
    }
    *pos = i;
    return TALLY_OK;
}

/* A hash of the name's bytes, eight at a time (the table's layout depends
** on it, never the order of candidates). */
static uint64_t hash_name(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL, w;

    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    return h ^ (h >> 29);
}

/* The slot of name s[0..n), or the empty slot where it would go. */
static size_t probe(const cvr *C, const char *s, size_t n)
{
    size_t mask = C->n_slots - 1, i = (size_t)hash_name(s, n) & mask;

    for (;; i = (i + 1) & mask) {
        uint32_t k = C->slots[i];
        if (k == 0 || (C->names[k - 1].n == n && memcmp(C->names[k - 1].s, s, n) == 0))
            return i;
    }
}

static tally_status grow_index(cvr *C)
{
    size_t want = C->n_slots ? C->n_slots * 2 : 64;
    uint32_t *old = C->slots;
    size_t old_n = C->n_slots;

    if (!(C->slots = tally_calloc(want, sizeof *C->slots))) {
        C->slots = old;
        return nomem(C);
    }
    C->n_slots = want;
    for (size_t i = 0; i < old_n; i++)
        if (old[i])
            C->slots[probe(C, C->names[old[i] - 1].s, C->names[old[i] - 1].n)] = old[i];
    tally_free(old);
    return TALLY_OK;
}

/* The candidate named s[0..n) (a part of the cell at line offset at),
** numbered now when it is new. */
static tally_status candidate(cvr *C, const char *s, size_t n, size_t at, uint32_t *out)
{
    size_t slot;
    char *copy;
    tally_status st;

    if (2 * (C->n_names + 1) > C->n_slots && (st = grow_index(C)) != TALLY_OK)
        return st;
    slot = probe(C, s, n);
    if (C->slots[slot]) {
        *out = C->slots[slot] - 1;
        return TALLY_OK;
    }
    if (utf8_invalid_at(s, n) < n)
        return fail(C, at, "a candidate's name is not valid UTF-8");
    if (C->n_names == TALLY_POOL_MAX_CANDIDATES)
        return fail(C, at, "more than %u candidates", TALLY_POOL_MAX_CANDIDATES);
    if (!tally_grow(&C->names, &C->cap_names, C->n_names, sizeof *C->names) ||
        !(copy = tally_malloc(n + 1)))
        return nomem(C);
    /* The working pool must admit the new candidate's index: double it. */
    if (C->n_names >= C->pool->n_candidates &&
        tally_pool_grow_candidates(C->pool, C->pool->n_candidates * 2 < TALLY_POOL_MAX_CANDIDATES
                                                ? C->pool->n_candidates * 2
                                                : TALLY_POOL_MAX_CANDIDATES) != TALLY_OK) {
        tally_free(copy);
        return nomem(C);
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    C->names[C->n_names].s = copy;
    C->names[C->n_names].n = n;
    C->slots[slot] = (uint32_t)++C->n_names;
    *out = (uint32_t)(C->n_names - 1);
    return TALLY_OK;
}

/* A rank cell's candidates into C->group; *k of them, 0 for a blank rank,
** and *unnamed set for "overvote". */
static tally_status read_cell(cvr *C, const field *f, size_t *k, int *unnamed)
{
    const char *s = f->s;
    size_t n = f->n;

    *k = 0;
    *unnamed = 0;
    trim(&s, &n);
    if (n == 0 || is_word(s, n, "undervote"))
        return TALLY_OK;
    if (is_word(s, n, "overvote")) {
        *unnamed = 1;
        return TALLY_OK;
    }
    for (;;) {
        size_t m = 0;
        const char *part = s;
        uint32_t c = 0;
        tally_status st;
        while (m < n && s[m] != '|' && s[m] != '=')
            m++;
        s += m;
        n -= m;
        trim(&part, &m);
        if (m == 0)
            return fail(C, f->at, "a name is missing between the separators of this rank");
        if (is_word(part, m, "overvote") || is_word(part, m, "undervote"))
            return fail(C, f->at, "'%.*s' is not a candidate's name", (int)m, part);
        if ((st = candidate(C, part, m, f->at, &c)) != TALLY_OK)
            return st;
        if (cvr_paper_has(C->group, *k, c))
            return fail(C, f->at, "'%.*s' is named twice at this rank", (int)m, part);
        if (!tally_grow(&C->group, &C->group_cap, *k, sizeof *C->group))
            return nomem(C);
        C->group[(*k)++] = c;
        if (n == 0)
            return TALLY_OK;
        s++; /* the separator */
        n--;
    }
}

static tally_status read_count(cvr *C, const field *f, int64_t *w)
{
    const char *s = f->s;
    size_t n = f->n;
    int64_t v = 0;

    trim(&s, &n);
    for (size_t i = 0; i < n; i++) {
        int d = s[i] - '0';
        if (d < 0 || d > 9 || v > (INT64_MAX - d) / 10)
            return fail(C, f->at, "a count must be a whole number from 1, not '%.*s'",
                        (int)(n < 40 ? n : 40), s);
        v = v * 10 + d;
    }
    if (v < 1)
        return fail(C, f->at, "a count must be a whole number from 1, not '%.*s'",
                    (int)(n < 40 ? n : 40), s);
    *w = v;
    return TALLY_OK;
}

/* One ballot row. */
static tally_status row(cvr *C)
{
    size_t pos = 0, nf = 0, count_at = 0;
    int64_t weight = 1;
    field f;
    tally_status st;

    cvr_paper_begin(&C->paper);

    for (;; pos++) {
        int kind;
        if ((st = next_field(C, &pos, &f)) != TALLY_OK)
            return st;
        if (nf == C->n_cols)
            return fail(C, f.at, "more fields than the header's %zu", C->n_cols);
        kind = C->col[nf++];
        if (kind == COL_COUNT) {
            count_at = f.at;
            if ((st = read_count(C, &f, &weight)) != TALLY_OK)
                return st;
        } else if (kind >= 0) {
            size_t k;
            int unnamed;
            if ((st = read_cell(C, &f, &k, &unnamed)) != TALLY_OK)
                return st;
            if (unnamed)
                cvr_paper_overvote(&C->paper);
            else if (k == 0)
                cvr_paper_blank(&C->paper, 1);
            else if (cvr_paper_mark(&C->paper, C->group, k) != TALLY_OK)
                return nomem(C);
        }
        if (pos >= C->len)
            break;
    }
    if (nf < C->n_cols)
        return fail(C, C->len, "%zu fields where the header has %zu", nf, C->n_cols);
    st = tally_pool_add_ending(C->pool, C->paper.prefs, C->paper.n, weight, C->paper.end);
    if (st == TALLY_ENOMEM)
        return nomem(C);
    if (st != TALLY_OK)
        return fail(C, count_at, "more ballots than tally can count");
    return TALLY_OK;
}

/* "Rank 3", "choice_3", "Preference3": the 1-based number, else 0. */
static size_t rank_header(const char *s, size_t n)
{
    static const char *const words[] = { "rank", "choice", "preference" };
    size_t num = 0;

    for (size_t w = 0; w < 3; w++) {
        size_t k = strlen(words[w]), i;
        if (n <= k || !is_word(s, k, words[w]))
            continue;
        i = k;
        if (s[i] == ' ' || s[i] == '_')
            i++;
        if (i == n)
            return 0;
        for (; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || num > 1000000)
                return 0;
            num = num * 10 + (size_t)(s[i] - '0');
        }
        return num;
    }
    return 0;
}

static tally_status header(cvr *C)
{
    size_t pos = 0, cap = 0;
    int have_count = 0;
    field f;
    tally_status st;

    for (;; pos++) {
        const char *s;
        size_t n, k;
        if ((st = next_field(C, &pos, &f)) != TALLY_OK)
            return st;
        if (!tally_grow(&C->col, &cap, C->n_cols, sizeof *C->col))
            return nomem(C);
        s = f.s;
        n = f.n;
        trim(&s, &n);
        if ((k = rank_header(s, n)) > 0) {
            if (k != C->n_ranks + 1)
                return fail(C, f.at, "rank column '%.*s' where rank %zu was expected: rank "
                            "columns are numbered 1, 2, 3, ... from left to right",
                            (int)(n < 40 ? n : 40), s, C->n_ranks + 1);
            C->col[C->n_cols++] = (int)C->n_ranks++;
        } else if (is_word(s, n, "count") || is_word(s, n, "weight")) {
            if (have_count)
                return fail(C, f.at, "a second count column");
            have_count = 1;
            C->col[C->n_cols++] = COL_COUNT;
        } else {
            C->col[C->n_cols++] = COL_OTHER;
        }
        if (pos >= C->len)
            break;
    }
    if (C->n_ranks == 0)
        return fail(C, 0, "no rank columns: the header must name them 'Rank 1', 'Rank 2', ...");
    return TALLY_OK;
}

/* The pool of the right size, in the same order. */
static tally_status finish(cvr *C, tally_pool **out)
{
    tally_pool *p;
    tally_ballot b;

    if (C->n_names == 0)
        return tally_error_set(C->err, TALLY_EINVAL, C->name, 1, 1,
                               "no candidate is named in any rank");
    tally_pool_seal(C->pool);
    if (tally_pool_new(C->n_names, &p) != TALLY_OK)
        return nomem(C);
    for (size_t c = 0; c < C->n_names; c++)
        if (tally_pool_set_candidate(p, c, C->names[c].s, NULL) != TALLY_OK) {
            tally_pool_free(p);
            return nomem(C);
        }
    for (size_t r = 0; r < C->pool->n_rankings; r++) {
        tally_pool_ballot(C->pool, r, &b);
        if (tally_pool_add_ending(p, b.prefs, b.n, b.weight, b.end) != TALLY_OK) {
            tally_pool_free(p);
            return nomem(C);
        }
    }
    tally_pool_seal(p);
    *out = p;
    return TALLY_OK;
}

static tally_status run(cvr *C, tally_pool **out)
{
    tally_status st = TALLY_OK;
    int seen_header = 0;

    if (tally_pool_new(16, &C->pool) != TALLY_OK)
        st = nomem(C);
    while (st == TALLY_OK) {
        const char *s;
        size_t n;
        int ended;
        st = lines_next(&C->src, &s, &n, &ended);
        if (st == TALLY_ENOTFOUND) {
            st = seen_header ? finish(C, out)
                             : tally_error_set(C->err, TALLY_EINVAL, C->name, 1, 1,
                                               "empty file: no header row");
            break;
        }
        if (st == TALLY_ENOMEM) {
            st = nomem(C);
            break;
        }
        if (st != TALLY_OK) {
            st = tally_error_set(C->err, st, C->name, C->src.line + 1, 0, "%s",
                                 st == TALLY_EIO ? "read error" : "line too long");
            break;
        }
        C->line = s;
        C->len = n;
        C->lineno = C->src.line;
        if (C->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            C->line += 3; /* a byte order mark: columns count from after it */
            C->len -= 3;
        }
        if (C->len == 0)
            continue;
        if (!seen_header) {
            st = header(C);
            seen_header = 1;
        } else {
            st = row(C);
        }
    }
    tally_pool_free(C->pool);
    for (size_t i = 0; i < C->n_names; i++)
        tally_free(C->names[i].s);
    tally_free(C->names);
    tally_free(C->slots);
    tally_free(C->col);
    tally_free(C->cell);
    cvr_paper_free(&C->paper);
    tally_free(C->group);
    lines_free(&C->src);
    return st;
}

static void init(cvr *C, const char *name, const tally_irv_options *rules, tally_error *err)
{
    memset(C, 0, sizeof *C);
    C->name = name;
    cvr_paper_init(&C->paper, rules);
    C->err = err;
    tally_error_clear(err);
}

tally_status tally_cvr_csv_parse(const char *text, size_t len, const char *name,
                                 const tally_irv_options *rules, tally_pool **out,
                                 tally_error *err)
{
    cvr C;

    *out = NULL;
    init(&C, name, rules, err);
    lines_init_mem(&C.src, text, len);
    return run(&C, out);
}

tally_status tally_cvr_csv_read_stream(FILE *f, const char *name, const tally_irv_options *rules,
                                       tally_pool **out, tally_error *err)
{
    cvr C;

    *out = NULL;
    init(&C, name, rules, err);
    lines_init_file(&C.src, f);
    return run(&C, out);
}

tally_status tally_cvr_csv_read(const char *path, const tally_irv_options *rules,
                                tally_pool **out, tally_error *err)
{
    FILE *f = fopen(path, "rb");
    tally_status st;

    *out = NULL;
    if (!f) {
        tally_error_clear(err);
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    }
    st = tally_cvr_csv_read_stream(f, path, rules, out, err);
    fclose(f);
    return st;
}
