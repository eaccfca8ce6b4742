/*
** The BLT reader (include/tally/blt.h): the header, options, ballot lines
** and the end-of-ballots line. Names and the title are read by
** blt_names.c; both report through blt_errors.c.
**
** The format is the one Hill, Wichmann and Woodall's ERS programs defined
** and OpenSTV documents; the bracketed options are droop's. Nothing in it
** is statutory: the rules that give ballots a meaning are the method's.
*/
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "blt_parse.h"
#include "tally/alloc.h"

static const tally_blt_options strict_opts = { 0, NULL, NULL };

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* The next whitespace-separated token of the line from *pos. */
static int token(const blt_parser *P, size_t *pos, size_t *start, size_t *len)
{
    size_t i = *pos;

    while (i < P->len && is_space(P->line[i]))
        i++;
    if (i >= P->len)
        return 0;
    *start = i;
    while (i < P->len && !is_space(P->line[i]))
        i++;
    *len = i - *start;
    *pos = i;
    return 1;
}

/* A whole unsigned decimal s[0..n) no greater than max. */
static int parse_uint(const char *s, size_t n, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9 || v > (max - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* Candidate reference s[0..n) at line offset off: a number 1..n_cand, or a
** [nick]. */
static tally_status candidate_ref(blt_parser *P, const char *s, size_t n, size_t off,
                                  uint32_t *out)
{
    uint64_t v;

    if (n == 0)
        return blt_fail(P, off, "a candidate is missing here");
    if (all_digits(s, n)) {
        if (!parse_uint(s, n, UINT32_MAX, &v) || v < 1 || v > P->n_cand)
            return blt_fail(P, off, "candidate %.*s is out of range (1 to %zu)", (int)n, s,
                            P->n_cand);
        *out = (uint32_t)(v - 1);
        return TALLY_OK;
    }
    if (P->nicks)
        for (size_t i = 0; i < P->n_cand; i++)
            if (strlen(P->nicks[i]) == n && memcmp(P->nicks[i], s, n) == 0) {
                *out = (uint32_t)i;
                return TALLY_OK;
            }
    return blt_fail(P, off, "'%.*s' is not a candidate%s", (int)n, s,
                    P->nicks ? " number or [nick]" : " number");
}

static tally_status reserve_rank(blt_parser *P, size_t n)
{
    if (n > P->rank_cap) {
        size_t cap = P->rank_cap ? P->rank_cap : 32;
        uint32_t *r;
        while (cap < n)
            cap *= 2;
        if (!(r = tally_realloc(P->rank, cap * sizeof *r)))
            return blt_nomem(P);
        P->rank = r;
        P->rank_cap = cap;
    }
    return TALLY_OK;
}

static tally_status header(blt_parser *P)
{
    size_t pos = 0, s[3], n[3];
    uint64_t v[2];
    int k = 0;
    tally_status st;

    while (k < 3 && token(P, &pos, &s[k], &n[k]))
        k++;
    if (k < 2)
        return blt_fail(P, k ? s[0] + n[0] : 0,
                        "the first line must give the number of candidates and of seats");
    for (int i = 0; i < 2; i++)
        if (!parse_uint(P->line + s[i], n[i], INT32_MAX, &v[i]) || v[i] < 1)
            return blt_fail(P, s[i], "the number of %s must be a whole number from 1, not '%.*s'",
                            i ? "seats" : "candidates", (int)n[i], P->line + s[i]);
    if (k > 2)
        return blt_fail(P, s[2], "text after the number of seats");
    if (v[0] > TALLY_POOL_MAX_CANDIDATES)
        return blt_fail(P, s[0], "more than %u candidates", TALLY_POOL_MAX_CANDIDATES);
    P->n_cand = (size_t)v[0];
    if (P->where && P->n_where > 0) {
        P->where[0].line = P->lineno;
        P->where[0].column = utf8_column(P->line, s[0]);
    }
    if ((st = tally_pool_new(P->n_cand, &P->pool)) != TALLY_OK)
        return blt_nomem(P);
    P->pool->seats = (int)v[1];
    if (!(P->mark = tally_calloc(P->n_cand, 1)))
        return blt_nomem(P);
    return TALLY_OK;
}

/* "-2 -5": candidates withdrawn before the poll (the ERS convention). */
static tally_status withdrawn_line(blt_parser *P)
{
    size_t pos = 0, s = 0, n = 0;
    uint64_t v;

    while (token(P, &pos, &s, &n)) {
        if (P->line[s] != '-' || !parse_uint(P->line + s + 1, n - 1, UINT32_MAX, &v) || v < 1 ||
            v > P->n_cand)
            return blt_fail(P, s, "a withdrawn candidate is written -N with N from 1 to %zu, "
                                  "not '%.*s'", P->n_cand, (int)n, P->line + s);
        P->pool->withdrawn[v - 1] = 1;
    }
    return TALLY_OK;
}

static tally_status option_nick(blt_parser *P, size_t pos)
{
    size_t s = 0, n = 0, k = 0;

    if (P->nicks)
        return blt_fail(P, 0, "[nick] given twice");
    if (!(P->nicks = tally_calloc(P->n_cand, sizeof *P->nicks)))
        return blt_nomem(P);
    while (token(P, &pos, &s, &n)) {
        if (k == P->n_cand)
            return blt_fail(P, s, "[nick] names more than the %zu candidates", P->n_cand);
        if (all_digits(P->line + s, n))
            return blt_fail(P, s, "a [nick] cannot be a number");
        for (size_t i = 0; i < k; i++)
            if (strlen(P->nicks[i]) == n && memcmp(P->nicks[i], P->line + s, n) == 0)
                return blt_fail(P, s, "[nick] '%.*s' given twice", (int)n, P->line + s);
        if (!(P->nicks[k] = tally_malloc(n + 1)))
            return blt_nomem(P);
        memcpy(P->nicks[k], P->line + s, n);
        P->nicks[k][n] = '\0';
        k++;
    }
    if (k != P->n_cand)
        return blt_fail(P, P->len, "[nick] names %zu of the %zu candidates", k, P->n_cand);
    return TALLY_OK;
}

/* [withdrawn ...] and [tie ...]: a list of candidates. */
static tally_status option_list(blt_parser *P, size_t pos, int tie)
{
    size_t s = 0, n = 0, k = 0, *order = NULL;
    uint32_t c;
    tally_status st = TALLY_OK;

    if (tie && !(order = tally_calloc(P->n_cand, sizeof *order)))
        return blt_nomem(P);
    while (st == TALLY_OK && token(P, &pos, &s, &n)) {
        if ((st = candidate_ref(P, P->line + s, n, s, &c)) != TALLY_OK)
            break;
        if (!tie) {
            P->pool->withdrawn[c] = 1;
            continue;
        }
        for (size_t i = 0; i < k; i++)
            if (order[i] == c)
                st = blt_fail(P, s, "candidate %.*s is named twice in [tie]", (int)n, P->line + s);
        if (st == TALLY_OK)
            order[k++] = c;
    }
    if (st == TALLY_OK && tie && tally_pool_set_tie_order(P->pool, order, k) != TALLY_OK)
        st = blt_nomem(P);
    tally_free(order);
    return st;
}

static tally_status option_line(blt_parser *P)
{
    size_t pos = 1, s = 0, n = 0;

    if (P->line[P->len - 1] != ']')
        return blt_fail(P, P->len, "an [option] must end with ']' and nothing after it");
    P->len--; /* tokens stop before the ']' */
    if (!token(P, &pos, &s, &n))
        return blt_fail(P, 1, "an [option] needs a name");
    if (n == 4 && memcmp(P->line + s, "nick", 4) == 0) {
        if (P->seen_ballot)
            return blt_fail(P, 0, "[nick] must come before the ballots");
        return option_nick(P, pos);
    }
    if (n == 9 && memcmp(P->line + s, "withdrawn", 9) == 0)
        return option_list(P, pos, 0);
    if (n == 3 && memcmp(P->line + s, "tie", 3) == 0)
        return option_list(P, pos, 1);
    if (!P->opt->lenient)
        return blt_fail(P, s, "unknown option [%.*s]", (int)n, P->line + s);
    blt_warn(P, s, "option [%.*s] ignored", (int)n, P->line + s);
    return TALLY_OK;
}

/* "weight c c=c ... 0". */
static tally_status ballot_line(blt_parser *P)
{
    size_t pos = 0, s = 0, n = 0, k = 0;
    uint64_t weight;
    int ended = 0;
    tally_status st = TALLY_OK;

    token(P, &pos, &s, &n);
    if (!parse_uint(P->line + s, n, INT64_MAX, &weight))
        return blt_fail(P, s, "a ballot line starts with its weight, a whole number, not '%.*s'",
                        (int)n, P->line + s);
    while (st == TALLY_OK && token(P, &pos, &s, &n)) {
        size_t a = s;
        if (ended) {
            st = blt_fail(P, s, "text after the 0 that ends the ballot");
            break;
        }
        if (n == 1 && P->line[s] == '0') {
            ended = 1;
            continue;
        }
        /* One ranking position: candidates joined by '='. */
        for (size_t i = s; i <= s + n && st == TALLY_OK; i++) {
            uint32_t c;
            if (i < s + n && P->line[i] != '=')
                continue;
            if ((st = candidate_ref(P, P->line + a, i - a, a, &c)) != TALLY_OK ||
                (st = reserve_rank(P, k + 1)) != TALLY_OK)
                break;
            if (P->mark[c] && !P->opt->lenient) {
                st = blt_fail(P, a, "candidate %.*s is ranked twice", (int)(i - a), P->line + a);
                break;
            }
            P->mark[c] = 1;
            P->rank[k++] = c | (a > s ? TALLY_BALLOT_EQUAL : 0u);
            a = i + 1;
        }
    }
    for (size_t i = 0; i < k; i++)
        P->mark[TALLY_BALLOT_CANDIDATE(P->rank[i])] = 0;
    if (st != TALLY_OK)
        return st;
    if (!ended && !P->opt->lenient)
        return blt_fail(P, P->len, "a ballot line must end with 0");
    if (weight == 0) {
        if (!P->opt->lenient)
            return blt_fail(P, 0, "a ballot's weight must be at least 1");
        blt_warn(P, 0, "ballot of weight 0 skipped");
        return TALLY_OK;
    }
    P->seen_ballot = 1;
    switch (tally_pool_add(P->pool, P->rank, k, (int64_t)weight)) {
    case TALLY_OK: return TALLY_OK;
    case TALLY_ENOMEM: return blt_nomem(P);
    default: return blt_fail(P, 0, "too many ballots (the weights add up to more than %lld, "
                                   "or more than 2^32 distinct rankings)",
                             (long long)INT64_MAX);
    }
}

/* Strip what every line may carry: trailing blanks, and in lenient mode
** trailing commas (a file saved from a spreadsheet). */
static void trim_end(blt_parser *P)
{
    while (P->len > 0 && (is_space(P->line[P->len - 1]) ||
                          (P->opt->lenient && P->line[P->len - 1] == ',')))
        P->len--;
}

static int blank(const blt_parser *P)
{
    for (size_t i = 0; i < P->len; i++)
        if (!is_space(P->line[i]))
            return 0;
    return 1;
}

static size_t first_char(const blt_parser *P)
{
    size_t i = 0;
    while (i < P->len && is_space(P->line[i]))
        i++;
    return i;
}

/* One line, by phase. */
static tally_status line(blt_parser *P)
{
    size_t f;

    if (memchr(P->line, '\0', P->len))
        return blt_fail(P, (size_t)((const char *)memchr(P->line, '\0', P->len) - P->line),
                        "NUL byte in a text file");
    trim_end(P);
    if (P->phase == BLT_NAMES)
        return blt_name_line(P);
    if (P->phase == BLT_TITLE)
        return blt_title_line(P);
    if (blank(P)) {
        if (P->opt->lenient || P->phase == BLT_DONE)
            return TALLY_OK;
        return blt_fail(P, 0, "blank line");
    }
    if (P->phase == BLT_DONE) {
        if (!P->opt->lenient)
            return blt_fail(P, first_char(P), "text after the title");
        if (!P->warned_after_title)
            blt_warn(P, first_char(P), "text after the title ignored");
        P->warned_after_title = 1;
        return TALLY_OK;
    }
    f = first_char(P);
    if (P->opt->lenient && P->line[f] == '#')
        return TALLY_OK;
    if (P->phase == BLT_HEADER) {
        P->phase = BLT_BALLOTS;
        return header(P);
    }
    /* BLT_BALLOTS */
    if (P->line[f] == '-') {
        if (P->seen_ballot)
            return blt_fail(P, f, "withdrawn candidates must come before the ballots");
        return withdrawn_line(P);
    }
    if (P->line[f] == '[')
        return option_line(P);
    if (P->len - f == 1 && P->line[f] == '0') {
        P->phase = BLT_NAMES;
        return TALLY_OK;
    }
    return ballot_line(P);
}

static tally_status at_end(blt_parser *P)
{
    switch (P->phase) {
    case BLT_HEADER:
        return blt_fail(P, 0, "empty file: no line giving candidates and seats");
    case BLT_BALLOTS:
        return blt_fail(P, P->len, "the ballots are not ended by a line holding 0");
    case BLT_NAMES:
        return blt_fail(P, P->len, "%zu candidates but %zu names", P->n_cand, P->names_read);
    case BLT_TITLE:
        if (!P->opt->lenient)
            return blt_fail(P, P->len, "no title after the candidates' names");
        break;
    case BLT_DONE:
        break;
    }
    if (!P->last_ended && !P->opt->lenient)
        return blt_fail(P, P->len, "no line end at the end of the file");
    return TALLY_OK;
}

static void parser_free(blt_parser *P)
{
    if (P->nicks)
        for (size_t i = 0; i < P->n_cand; i++)
            tally_free(P->nicks[i]);
    tally_free(P->nicks);
    tally_free(P->mark);
    tally_free(P->rank);
    tally_free(P->buf_a);
    tally_free(P->buf_b);
    lines_free(&P->src);
}

static tally_status run(blt_parser *P, tally_pool **out)
{
    tally_status st = TALLY_OK;
    const char *s;
    size_t n;
    int ended;

    for (;;) {
        st = lines_next(&P->src, &s, &n, &ended);
        if (st == TALLY_ENOTFOUND) {
            st = at_end(P);
            break;
        }
        if (st == TALLY_ENOMEM) {
            st = blt_nomem(P);
            break;
        }
        if (st != TALLY_OK) {
            st = tally_error_set(P->err, st, P->name, P->src.line + 1, 0, "%s",
                                 st == TALLY_EIO ? "read error" : "line too long");
            break;
        }
        P->line = s;
        P->len = n;
        P->lineno = P->src.line;
        P->last_ended = ended;
        if (P->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            P->line += 3; /* a byte order mark: columns count from after it */
            P->len -= 3;
        }
        if ((st = line(P)) != TALLY_OK)
            break;
    }
    if (st == TALLY_OK) {
        tally_pool_seal(P->pool);
        *out = P->pool;
        P->pool = NULL;
    }
    tally_pool_free(P->pool);
    parser_free(P);
    return st;
}

static void init(blt_parser *P, const char *name, const tally_blt_options *opt,
                 tally_error *err)
{
    memset(P, 0, sizeof *P);
    P->name = name;
    P->opt = opt ? opt : &strict_opts;
    P->err = err;
    P->phase = BLT_HEADER;
    tally_error_clear(err);
}

tally_status tally_blt_parse(const char *text, size_t len, const char *name,
                             const tally_blt_options *opt, tally_pool **out, tally_error *err)
{
    blt_parser P;

    *out = NULL;
    init(&P, name, opt, err);
    lines_init_mem(&P.src, text, len);
    return run(&P, out);
}

tally_status tally_blt_read_stream(FILE *f, const char *name, const tally_blt_options *opt,
                                   tally_pool **out, tally_error *err)
{
    blt_parser P;

    *out = NULL;
    init(&P, name, opt, err);
    lines_init_file(&P.src, f);
    return run(&P, out);
}

tally_status tally_blt_read_where(const char *path, const tally_blt_options *opt,
                                  tally_blt_where *where, size_t n_where, tally_pool **out,
                                  tally_error *err)
{
    FILE *f = fopen(path, "rb");
    blt_parser P;
    tally_status st;

    *out = NULL;
    if (!f) {
        tally_error_clear(err);
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    }
    init(&P, path, opt, err);
    P.where = where;
    P.n_where = n_where;
    lines_init_file(&P.src, f);
    st = run(&P, out);
    fclose(f);
    return st;
}

tally_status tally_blt_read(const char *path, const tally_blt_options *opt, tally_pool **out,
                            tally_error *err)
{
    return tally_blt_read_where(path, opt, NULL, 0, out, err);
}
