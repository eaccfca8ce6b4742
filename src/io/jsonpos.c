/*
** JSON Pointer positions in JSON text (src/io/jsonpos.h).
**
** A small scanner over text that jansson has already accepted, so it
** trusts the grammar and only tracks where each value starts. Limits:
** keys are compared after decoding the escapes \" \\ \/ \b \f \n \r \t and
** \uXXXX (surrogate pairs included); nesting is followed recursively, which
** jansson already bounds (2048 levels).
*/
#include "jsonpos.h"

#include <jansson.h>
#include <stdarg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonmem.h"
#include "tally/alloc.h"

typedef struct scan {
    const char *s;
    size_t n, i;
} scan;

static void ws(scan *sc)
{
    while (sc->i < sc->n && strchr(" \t\r\n", sc->s[sc->i]) && sc->s[sc->i])
        sc->i++;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}

static unsigned long hex4(const char *p)
{
    char b[5];
    memcpy(b, p, 4);
    b[4] = '\0';
    return strtoul(b, NULL, 16);
}

/* Scan a string at sc->i (on the opening quote); decode it into out (up to
** outn - 1 bytes, truncated beyond) when out is not NULL. */
static void string(scan *sc, char *out, size_t outn)
{
    size_t o = 0;
    char tmp[4];

    sc->i++; /* opening quote */
    while (sc->i < sc->n && sc->s[sc->i] != '"') {
        size_t k = 1;
        const char *c = &sc->s[sc->i];
        if (*c == '\\' && sc->i + 1 < sc->n) {
            char e = c[1];
            sc->i += 2;
            if (e == 'u' && sc->i + 4 <= sc->n) {
                unsigned long cp = hex4(&sc->s[sc->i]);
                sc->i += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && sc->i + 6 <= sc->n && sc->s[sc->i] == '\\') {
                    unsigned long lo = hex4(&sc->s[sc->i + 2]);
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    sc->i += 6;
                }
                k = put_utf8(tmp, cp);
            } else {
                tmp[0] = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n'
                       : e == 'r' ? '\r' : e == 't' ? '\t' : e;
            }
            c = tmp;
        } else {
            sc->i++;
        }
        if (out && o + k < outn) {
            memcpy(out + o, c, k);
            o += k;
        }
    }
    sc->i++; /* closing quote */
    if (out)
        out[o] = '\0';
}

static void value(scan *sc);

static void container(scan *sc, char close)
{
    sc->i++;
    ws(sc);
    if (sc->i < sc->n && sc->s[sc->i] == close) {
        sc->i++;
        return;
    }
    for (;;) {
        ws(sc);
        if (close == '}') {
            string(sc, NULL, 0);
            ws(sc);
            sc->i++; /* ':' */
        }
        value(sc);
        ws(sc);
        if (sc->i >= sc->n || sc->s[sc->i] != ',')
            break;
        sc->i++;
    }
    sc->i++;
}

static void value(scan *sc)
{
    ws(sc);
    if (sc->i >= sc->n)
        return;
    switch (sc->s[sc->i]) {
    case '{': container(sc, '}'); break;
    case '[': container(sc, ']'); break;
    case '"': string(sc, NULL, 0); break;
    default:
        while (sc->i < sc->n && !strchr(",]} \t\r\n", sc->s[sc->i]) && sc->s[sc->i])
            sc->i++;
    }
}

/* Next reference token of pointer p into tok; returns the rest or NULL. */
static const char *token(const char *p, char *tok, size_t n)
{
    size_t o = 0;
    if (*p != '/')
        return NULL;
    p++;
    while (*p && *p != '/') {
        char c = *p++;
        if (c == '~' && (*p == '0' || *p == '1'))
            c = *p++ == '0' ? '~' : '/';
        if (o + 1 < n)
            tok[o++] = c;
    }
    tok[o] = '\0';
    return p;
}

static void position(const char *s, size_t at, int *line, int *column)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < at; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

int tally_jsonpos_find(const char *text, size_t len, const char *pointer, int key_pos,
                       int *line, int *column)
{
    scan sc = { text, len, 0 };
    char tok[512], key[512];
    const char *p = pointer;
    size_t key_at = 0;

    ws(&sc);
    while (p && *p) {
        int found = 0;
        p = token(p, tok, sizeof tok);
        if (sc.i >= sc.n)
            return 0;
        if (sc.s[sc.i] == '{') {
            sc.i++;
            ws(&sc);
            while (sc.i < sc.n && sc.s[sc.i] == '"') {
                key_at = sc.i;
                string(&sc, key, sizeof key);
                ws(&sc);
                sc.i++; /* ':' */
                ws(&sc);
                if (strcmp(key, tok) == 0) {
                    found = 1;
                    break;
                }
                value(&sc);
                ws(&sc);
                if (sc.i < sc.n && sc.s[sc.i] == ',')
                    sc.i++;
                ws(&sc);
            }
        } else if (sc.s[sc.i] == '[') {
            char *end;
            long want = strtol(tok, &end, 10), k = 0;
            if (*end || want < 0)
                return 0;
            sc.i++;
            ws(&sc);
            while (sc.i < sc.n && sc.s[sc.i] != ']') {
                if (k == want) {
                    found = 1;
                    key_at = sc.i;
                    break;
                }
                value(&sc);
                ws(&sc);
                if (sc.i < sc.n && sc.s[sc.i] == ',')
                    sc.i++;
                ws(&sc);
                k++;
            }
        }
        if (!found)
            return 0;
    }
    position(text, key_pos && pointer[0] ? key_at : sc.i, line, column);
    return 1;
}

void tally_jsonpos_append(char *buf, size_t n, const char *t)
{
    size_t o = strlen(buf);
    if (o + 1 < n)
        buf[o++] = '/';
    for (; *t && o + 2 < n; t++) {
        if (*t == '~' || *t == '/') {
            buf[o++] = '~';
            buf[o++] = *t == '~' ? '0' : '1';
        } else {
            buf[o++] = *t;
        }
    }
    buf[o] = '\0';
}

tally_status tally_jsonpos_load(const char *text, size_t len, const char *name, json_t **out,
                                tally_error *err)
{
    json_error_t jerr;
    unsigned long failures;

    /* jansson allocates through libtally too, so allocation failure is
    ** tested through it; it is the same setting every time. */
    tally_jsonmem_init();
    failures = tally_alloc_failures();
    if ((*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)))
        return TALLY_OK;
    if (tally_alloc_failures() != failures)
        return tally_error_set(err, TALLY_ENOMEM, name, 0, 0, "out of memory");
    return tally_error_set(err, TALLY_EINVAL, name, jerr.line, jerr.column, "%s", jerr.text);
}

tally_status tally_jsonpos_fault(tally_error *err, const char *name, const char *text, size_t len,
                                 const char *pointer, int key_pos, const char *fmt, ...)
{
    char msg[TALLY_ERROR_MSG_MAX];
    int line = 0, col = 0;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tally_jsonpos_find(text, len, pointer, key_pos, &line, &col);
    return tally_error_set(err, TALLY_EINVAL, name, line, col, "%s", msg);
}
