/*
** Helpers shared by the renderers (src/report/util.h).
*/
#include "util.h"

#include <stdio.h>
#include <string.h>

#include "tally/election.h"
#include "tally/num.h"

static const char *const months[] = { "January", "February", "March", "April", "May",
                                      "June", "July", "August", "September", "October",
                                      "November", "December" };
static const char *const days[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                    "Friday", "Saturday" };

void tally_rep_long_date(const char *iso, char *buf, size_t n)
{
    /* Sakamoto's day of the week for the Gregorian calendar. */
    static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    int y, m, d, used = 0, w;

    if (!iso || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || iso[used] ||
        m < 1 || m > 12 || d < 1 || d > 31) {
        snprintf(buf, n, "%s", iso ? iso : "");
        return;
    }
    w = y - (m < 3);
    w = (w + w / 4 - w / 100 + w / 400 + t[m - 1] + d) % 7;
    snprintf(buf, n, "%s %d %s %d", days[w], d, months[m - 1], y);
}

size_t tally_rep_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void tally_rep_pad(FILE *out, const char *s, size_t width)
{
    size_t w = tally_rep_width(s);
    fputs(s, out);
    for (; w < width; w++)
        fputc(' ', out);
}

void tally_rep_cut(FILE *out, const char *s, size_t width)
{
    size_t w = 0;
    const char *p = s;
    /* Past width characters, stop at the next lead byte. */
    for (; *p && (w < width || ((unsigned char)*p & 0xC0) == 0x80); p++)
        w += ((unsigned char)*p & 0xC0) != 0x80;
    fwrite(s, 1, (size_t)(p - s), out);
    for (; w < width; w++)
        fputc(' ', out);
}

void tally_rep_rpad(FILE *out, const char *s, size_t width)
{
    for (size_t w = tally_rep_width(s); w < width; w++)
        fputc(' ', out);
    fputs(s, out);
}

void tally_rep_html(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

void tally_rep_csv_field(FILE *out, const char *s)
{
    int formula = s[0] && strchr("=+-@", s[0]);
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;

    if (quote)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    if (quote)
        fputc('"', out);
}

const char *tally_rep_count(int64_t v, char *buf, size_t n)
{
    if (v == TALLY_NONE)
        snprintf(buf, n, "-");
    else
        tally_num_format_count(v, buf, n);
    return buf;
}

const char *tally_rep_centi(int has, int64_t v, char *buf, size_t n)
{
    if (!has)
        snprintf(buf, n, "-");
    else
        tally_num_format_centi(v, buf, n);
    return buf;
}

void tally_rep_wrap(FILE *out, const char *text, size_t width)
{
    size_t col = 0;
    const char *p = text;

    while (*p) {
        const char *end = p;
        size_t w = 0;
        while (*end && *end != ' ') {
            w += ((unsigned char)*end & 0xC0) != 0x80;
            end++;
        }
        if (col > 0 && col + 1 + w > width) {
            fputc('\n', out);
            col = 0;
        } else if (col > 0) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, (size_t)(end - p), out);
        col += w;
        p = *end ? end + 1 : end;
    }
    fputc('\n', out);
}
