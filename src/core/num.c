/*
** Exact result arithmetic (include/tally/num.h).
*/
#include "tally/num.h"

#include <stdio.h>

tally_status tally_num_round_ratio128(tally_i128 num, tally_i128 den, int64_t scale, int64_t *out)
{
    int neg = 0;
    tally_u128 n, d, q, r;

    if (den == 0)
        return TALLY_ERANGE;
    if (num < 0) {
        neg = !neg;
        num = -num;
    }
    if (den < 0) {
        neg = !neg;
        den = -den;
    }
    /* |num| * scale must not overflow: vote counts are far below 2^40 and
    ** a common denominator below 2^80, so this only trips on nonsense. */
    n = (tally_u128)num;
    if (scale > 0 && n > (~(tally_u128)0) / (tally_u128)scale)
        return TALLY_ERANGE;
    n *= (tally_u128)scale;
    d = (tally_u128)den;
    q = n / d;
    r = n % d;
    if (r * 2 >= d) /* half away from zero */
        q++;
    if (q > (tally_u128)INT64_MAX)
        return TALLY_ERANGE;
    *out = neg ? -(int64_t)q : (int64_t)q;
    return TALLY_OK;
}

tally_status tally_num_round_ratio(int64_t num, int64_t den, int64_t scale, int64_t *out)
{
    return tally_num_round_ratio128(num, den, scale, out);
}

void tally_num_format_centi(int64_t v, char *buf, size_t n)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    snprintf(buf, n, "%s%llu.%02llu", v < 0 ? "-" : "", (unsigned long long)(a / 100),
             (unsigned long long)(a % 100));
}

void tally_num_format_count(int64_t v, char *buf, size_t n)
{
    char digits[32];
    char tmp[48];
    int len, j = 0;
    int neg = v < 0;
    uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)a);
    if (neg)
        tmp[j++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            tmp[j++] = ',';
        tmp[j++] = digits[i];
    }
    tmp[j] = '\0';
    snprintf(buf, n, "%s", tmp);
}
