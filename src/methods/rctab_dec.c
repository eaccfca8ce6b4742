/*
** BigDecimal arithmetic for RCTab's counts (src/methods/rctab_dec.h), and
** BigDecimal.toString (rctab_multi.h). Products and quotients go through
** 128 bits.
*/
#include <stdio.h>
#include <string.h>

#include "rctab_dec.h"
#include "tally/num.h"

static const int64_t p10[19] = {
    1,           10,           100,           1000,           10000,
    100000,      1000000,      10000000,      100000000,      1000000000,
    10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
    INT64_C(1000000000000000), INT64_C(10000000000000000), INT64_C(100000000000000000),
    INT64_C(1000000000000000000),
};

tally_rctab_dec tally_dec_zero(void)
{
    tally_rctab_dec d = { 0, 0 };
    return d;
}

tally_rctab_dec tally_dec_one(void)
{
    tally_rctab_dec d = { 1, 0 };
    return d;
}

tally_rctab_dec tally_dec_rescale(tally_rctab_dec a, int s)
{
    if (s > a.scale) {
        a.v *= p10[s - a.scale];
        a.scale = s;
    }
    return a;
}

tally_rctab_dec tally_dec_add(tally_rctab_dec a, tally_rctab_dec b)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    tally_rctab_dec r;

    a = tally_dec_rescale(a, s);
    b = tally_dec_rescale(b, s);
    r.v = a.v + b.v;
    r.scale = s;
    return r;
}

tally_rctab_dec tally_dec_sub(tally_rctab_dec a, tally_rctab_dec b)
{
    b.v = -b.v;
    return tally_dec_add(a, b);
}

tally_rctab_dec tally_dec_times(tally_rctab_dec a, int64_t n)
{
    a.v *= n;
    return a;
}

tally_rctab_dec tally_dec_mul(tally_rctab_dec a, tally_rctab_dec b)
{
    tally_rctab_dec r = { a.v * b.v, a.scale + b.scale };
    return r;
}

/* q = n x 10^e / d, toward zero or away from it. */
static int64_t scaled_quotient(tally_i128 n, int e, tally_i128 d, int up)
{
    tally_i128 q, rem;

    if (e >= 0)
        n *= p10[e];
    else
        d *= p10[-e];
    if (d < 0) {
        n = -n;
        d = -d;
    }
    q = n / d;
    rem = n % d;
    if (up && rem != 0)
        q += n < 0 ? -1 : 1;
    return (int64_t)q;
}

tally_rctab_dec tally_dec_mul_down(tally_rctab_dec a, tally_rctab_dec b, int s)
{
    tally_rctab_dec r;

    r.v = scaled_quotient((tally_i128)a.v * b.v, s - (a.scale + b.scale), 1, 0);
    r.scale = s;
    return r;
}

tally_rctab_dec tally_dec_div(tally_rctab_dec a, tally_rctab_dec b, int s, int up)
{
    tally_rctab_dec r;

    /* a.v 10^-as / (b.v 10^-bs) = (a.v / b.v) 10^(bs - as), at scale s */
    r.v = scaled_quotient(a.v, s + b.scale - a.scale, b.v, up);
    r.scale = s;
    return r;
}

int tally_dec_cmp(tally_rctab_dec a, tally_rctab_dec b)
{
    tally_rctab_dec d = tally_dec_sub(a, b);
    return tally_dec_sign(d);
}

int tally_dec_sign(tally_rctab_dec a)
{
    return a.v > 0 ? 1 : a.v < 0 ? -1 : 0;
}

/* Java's BigDecimal.toString: plain when the scale is not negative and the
** adjusted exponent is -6 or more, else scientific ("1E-9"). */
void tally_rctab_dec_format(tally_rctab_dec d, char *buf, size_t n)
{
    char digits[32];
    uint64_t a = d.v < 0 ? (uint64_t)0 - (uint64_t)d.v : (uint64_t)d.v;
    int len, adjusted;
    const char *sign = d.v < 0 ? "-" : "";

    len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)a);
    adjusted = len - 1 - d.scale;
    if (d.scale == 0)
        snprintf(buf, n, "%s%s", sign, digits);
    else if (adjusted >= -6 && len > d.scale)
        snprintf(buf, n, "%s%.*s.%s", sign, len - d.scale, digits, digits + len - d.scale);
    else if (adjusted >= -6) {
        char zeros[24];
        memset(zeros, '0', (size_t)(d.scale - len));
        zeros[d.scale - len] = '\0';
        snprintf(buf, n, "%s0.%s%s", sign, zeros, digits);
    } else
        snprintf(buf, n, "%s%.1s%s%sE%d", sign, digits, len > 1 ? "." : "", digits + 1,
                 adjusted);
}
