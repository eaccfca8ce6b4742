/*
** UTF-8 checks and repairs (src/io/utf8.h).
*/
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "tally/alloc.h"

/* Windows-1252 0x80..0x9F; 0 where the code page leaves a byte undefined
** (those bytes then stand for the C1 control of the same value, as
** Windows' own conversion does). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Decode one code point at s[0..n); returns its length, 0 when invalid. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    uint32_t c = s[0], min;
    size_t len;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, c &= 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, c &= 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;

    while (i < n) {
        size_t len = decode((const unsigned char *)s + i, n - i, &cp);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

int utf8_column(const char *s, size_t off)
{
    int col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

/* The Windows-1252 (or Latin-1) byte that shows as cp, or -1. */
static int cp1252_byte(uint32_t cp)
{
    if (cp <= 0xFF)
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp)
            return 0x80 + i;
    return -1;
}

int utf8_undo_double(char *s)
{
    size_t n = strlen(s), i = 0, o = 0;
    int high = 0;
    uint32_t cp;

    /* First pass: every character must map back to one byte. */
    while (i < n) {
        size_t len = decode((const unsigned char *)s + i, n - i, &cp);
        int b;
        if (len == 0 || (b = cp1252_byte(cp)) < 0)
            return 0;
        high |= b >= 0x80;
        i += len;
    }
    if (!high)
        return 0;
    /* The bytes they map to must be valid UTF-8 themselves. Each maps to
    ** one byte, so the result is no longer than s: check it in place on a
    ** copy made on the fly, then write it. */
    {
        unsigned char tmp[4];
        size_t t = 0, need = 0;
        i = 0;
        while (i < n) {
            size_t len = decode((const unsigned char *)s + i, n - i, &cp);
            unsigned char b = (unsigned char)cp1252_byte(cp);
            i += len;
            if (t == 0) {
                if (b < 0x80)
                    continue;
                need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
                if (need == 0)
                    return 0;
            }
            tmp[t++] = b;
            if (t == need) {
                uint32_t c2;
                if (decode(tmp, t, &c2) != t)
                    return 0;
                t = 0;
            }
        }
        if (t != 0)
            return 0;
    }
    i = 0;
    while (i < n) {
        size_t len = decode((const unsigned char *)s + i, n - i, &cp);
        s[o++] = (char)cp1252_byte(cp);
        i += len;
    }
    s[o] = '\0';
    return 1;
}

char *utf8_from_cp1252(const char *s, size_t n)
{
    char *out = tally_malloc(3 * n + 1);
    size_t o = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp = b;
        if (b >= 0x80 && b <= 0x9F && cp1252_high[b - 0x80])
            cp = cp1252_high[b - 0x80];
        o += encode(cp, out + o);
    }
    out[o] = '\0';
    return out;
}
