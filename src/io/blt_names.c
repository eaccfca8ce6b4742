/*
** BLT candidate names and title (src/io/blt_parse.h).
**
** Strict: one double-quoted string per line, no quote inside it. Lenient,
** as councils publish them: "" inside quotes is a quote (CSV), so
** "Name ""Party""" is Name with party Party; "Name" "Party" on one line is
** the same; a line without quotes is a name (or title) taken whole. Names
** are checked to be UTF-8, and in lenient mode repaired (src/io/utf8.h).
*/
#include <stdio.h>
#include <string.h>

#include "blt_parse.h"
#include "tally/alloc.h"

static tally_status reserve(blt_parser *P, char **buf, size_t *cap, size_t n)
{
    if (n > *cap) {
        char *b = tally_realloc(*buf, n);
        if (!b)
            return blt_nomem(P);
        *buf = b;
        *cap = n;
    }
    return TALLY_OK;
}

static size_t skip_space(const blt_parser *P, size_t i)
{
    while (i < P->len && (P->line[i] == ' ' || P->line[i] == '\t'))
        i++;
    return i;
}

/* The quoted string opening at P->line[pos], into *buf; *end is the offset
** just past its closing quote. */
static tally_status quoted(blt_parser *P, size_t pos, char **buf, size_t *cap, size_t *end)
{
    size_t o = 0, i = pos + 1;
    tally_status st;

    if ((st = reserve(P, buf, cap, P->len - pos + 1)) != TALLY_OK)
        return st;
    for (;;) {
        if (i >= P->len)
            return blt_fail(P, pos, "no closing quote");
        if (P->line[i] == '"') {
            if (P->opt->lenient && i + 1 < P->len && P->line[i + 1] == '"') {
                (*buf)[o++] = '"';
                i += 2;
                continue;
            }
            i++;
            break;
        }
        (*buf)[o++] = P->line[i++];
    }
    (*buf)[o] = '\0';
    *end = i;
    return TALLY_OK;
}

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    memmove(s, s + i, n - i);
    s[n - i] = '\0';
}

/* Lenient: `"X"`, left by CSV quoting around a quoted string, is X. */
static void unquote(char *s)
{
    size_t n;

    trim(s);
    n = strlen(s);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        memmove(s, s + 1, n - 2);
        s[n - 2] = '\0';
    }
}

/* Lenient: a name read from "Name ""Party""" is `Name "Party"`, and from
** """Name"" ""Party""" is `"Name" "Party"`; split it into buf_a (name)
** and buf_b (party). Returns 1 when a party was split off. */
static int split_party(blt_parser *P)
{
    char *a = P->buf_a;
    size_t n = strlen(a), q;
    int found = 0;

    if (n < 2 || a[n - 1] != '"')
        return 0;
    for (q = n - 1; q > 0 && !found;)
        found = a[--q] == '"';
    if (!found || (q > 0 && a[q - 1] != ' ' && a[q - 1] != '\t'))
        return 0;
    /* buf_b has room: reserved for the whole line. */
    memcpy(P->buf_b, a + q + 1, n - q - 2);
    P->buf_b[n - q - 2] = '\0';
    a[q] = '\0';
    unquote(a);
    trim(P->buf_b);
    if (!a[0]) { /* `"Name"` alone: no party */
        memmove(a, P->buf_b, strlen(P->buf_b) + 1);
        return 0;
    }
    /* Some 2012 files put a one-word party abbreviation first:
    ** `Lab "George ADAM"`. A name has a space (given name and surname);
    ** an abbreviation has none. */
    if (!strpbrk(a, " \t") && strpbrk(P->buf_b, " \t")) {
        size_t na = strlen(a), nb = strlen(P->buf_b);
        char *t = P->buf_b;
        /* Both came from one line of which buf_b holds the length, so
        ** buf_b holds both: swap through it. */
        if (na + nb + 2 <= P->cap_b && nb + 1 <= P->cap_a) {
            memmove(t + na + 1, t, nb + 1); /* b = party, NUL, name */
            memcpy(t, a, na + 1);
            memcpy(a, t + na + 1, nb + 1);
        }
    }
    return P->buf_b[0] != '\0';
}

/* Lenient: make *buf valid UTF-8, undoing double encoding; warn. */
static tally_status fix_text(blt_parser *P, char **buf, size_t *cap, size_t off)
{
    size_t n = strlen(*buf);

    if (utf8_invalid_at(*buf, n) < n) {
        char *u = utf8_from_cp1252(*buf, n);
        if (!u)
            return blt_nomem(P);
        tally_free(*buf);
        *buf = u;
        *cap = strlen(u) + 1;
        blt_warn(P, off, "not UTF-8: read as Windows-1252: \"%s\"", u);
    } else if (utf8_undo_double(*buf)) {
        blt_warn(P, off, "double-encoded UTF-8 repaired: \"%s\"", *buf);
    }
    return TALLY_OK;
}

/* Strict: exactly one quoted string, into buf_a. */
static tally_status strict_text(blt_parser *P, const char *what)
{
    size_t f = skip_space(P, 0), end;
    size_t bad = utf8_invalid_at(P->line, P->len);
    tally_status st;

    if (bad < P->len)
        return blt_fail(P, bad, "not valid UTF-8");
    if (f >= P->len)
        return blt_fail(P, 0, "blank line where %s was expected", what);
    if (P->line[f] != '"')
        return blt_fail(P, f, "%s must be in double quotes", what);
    if ((st = quoted(P, f, &P->buf_a, &P->cap_a, &end)) != TALLY_OK)
        return st;
    end = skip_space(P, end);
    if (end < P->len)
        return blt_fail(P, end, "text after the closing quote");
    return TALLY_OK;
}

tally_status blt_name_line(blt_parser *P)
{
    size_t f = skip_space(P, 0), end;
    int has_party = 0;
    tally_status st;

    if (!P->opt->lenient) {
        char what[64];
        snprintf(what, sizeof what, "candidate %zu's name", P->names_read + 1);
        if ((st = strict_text(P, what)) != TALLY_OK)
            return st;
    } else {
        if (f >= P->len)
            return TALLY_OK; /* blank */
        if ((st = reserve(P, &P->buf_b, &P->cap_b, P->len + 1)) != TALLY_OK)
            return st;
        P->buf_b[0] = '\0'; /* no party yet */
        if (P->line[f] == '"') {
            if ((st = quoted(P, f, &P->buf_a, &P->cap_a, &end)) != TALLY_OK)
                return st;
            end = skip_space(P, end);
            if (end < P->len && P->line[end] == '"') {
                if ((st = quoted(P, end, &P->buf_b, &P->cap_b, &end)) != TALLY_OK)
                    return st;
                has_party = 1;
                end = skip_space(P, end);
            }
            if (end < P->len)
                return blt_fail(P, end, "text after the name's closing quote");
            trim(P->buf_a);
            if (!has_party)
                has_party = split_party(P);
            trim(P->buf_a);
            trim(P->buf_b);
            has_party = has_party && P->buf_b[0];
        } else {
            if ((st = reserve(P, &P->buf_a, &P->cap_a, P->len + 1)) != TALLY_OK)
                return st;
            memcpy(P->buf_a, P->line + f, P->len - f);
            P->buf_a[P->len - f] = '\0';
        }
        if ((st = fix_text(P, &P->buf_a, &P->cap_a, f)) != TALLY_OK ||
            (has_party && (st = fix_text(P, &P->buf_b, &P->cap_b, f)) != TALLY_OK))
            return st;
    }
    if (!P->buf_a[0])
        return blt_fail(P, f, "candidate %zu's name is empty", P->names_read + 1);
    if (tally_pool_set_candidate(P->pool, P->names_read, P->buf_a,
                                 has_party ? P->buf_b : NULL) != TALLY_OK)
        return blt_nomem(P);
    if (P->where && P->names_read + 1 < P->n_where) {
        P->where[P->names_read + 1].line = P->lineno;
        P->where[P->names_read + 1].column = utf8_column(P->line, f);
    }
    if (++P->names_read == P->n_cand)
        P->phase = BLT_TITLE;
    return TALLY_OK;
}

tally_status blt_title_line(blt_parser *P)
{
    size_t f = skip_space(P, 0), end = 0;
    tally_status st;

    if (!P->opt->lenient) {
        if ((st = strict_text(P, "the title")) != TALLY_OK)
            return st;
    } else {
        if (f >= P->len)
            return TALLY_OK; /* blank */
        /* Quoted when the quotes close at the end of the line; else taken
        ** whole. */
        if (P->line[f] != '"' || P->line[P->len - 1] != '"' || P->len - f < 2 ||
            quoted(P, f, &P->buf_a, &P->cap_a, &end) != TALLY_OK || end != P->len) {
            tally_error_clear(P->err);
            if ((st = reserve(P, &P->buf_a, &P->cap_a, P->len + 1)) != TALLY_OK)
                return st;
            memcpy(P->buf_a, P->line + f, P->len - f);
            P->buf_a[P->len - f] = '\0';
        } else {
            unquote(P->buf_a); /* a title quoted twice, as CSV does */
        }
        if ((st = fix_text(P, &P->buf_a, &P->cap_a, f)) != TALLY_OK)
            return st;
    }
    if (tally_pool_set_title(P->pool, P->buf_a) != TALLY_OK)
        return blt_nomem(P);
    P->phase = BLT_DONE;
    return TALLY_OK;
}
