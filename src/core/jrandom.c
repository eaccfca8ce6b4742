/*
** java.util.Random and Collections.shuffle, reproduced (include/tally/jrandom.h).
*/
#include "tally/jrandom.h"

#define MULTIPLIER 0x5DEECE66DULL
#define MASK ((1ULL << 48) - 1)

void tally_jrandom_init(tally_jrandom *r, int64_t seed)
{
    r->seed = ((uint64_t)seed ^ MULTIPLIER) & MASK;
}

int32_t tally_jrandom_next(tally_jrandom *r, int bits)
{
    r->seed = (r->seed * MULTIPLIER + 0xBULL) & MASK;
    /* Java's (int)(seed >>> (48 - bits)): the low 32 bits, as signed. */
    return (int32_t)(uint32_t)(r->seed >> (48 - bits));
}

int32_t tally_jrandom_next_int(tally_jrandom *r)
{
    return tally_jrandom_next(r, 32);
}

int32_t tally_jrandom_next_below(tally_jrandom *r, int32_t bound)
{
    int32_t v = tally_jrandom_next(r, 31), m = bound - 1;

    if ((bound & m) == 0) /* a power of two: the high bits */
        return (int32_t)(((int64_t)bound * v) >> 31);
    /* Java rejects u when u - u % bound + m overflows an int: the last,
    ** partial block of 2^31. */
    for (int32_t u = v; (int64_t)u - (v = u % bound) + m > INT32_MAX;
         u = tally_jrandom_next(r, 31))
        ;
    return v;
}

uint64_t tally_jrandom_next_double53(tally_jrandom *r)
{
    uint64_t hi = (uint64_t)tally_jrandom_next(r, 26);

    return (hi << 27) + (uint64_t)tally_jrandom_next(r, 27);
}

size_t tally_jrandom_scale(uint64_t m, size_t n)
{
    /* The double product m/2^53 * n is m*n (exact here: under 2^64)
    ** rounded to 53 significant bits, to nearest, ties to even; dividing
    ** by 2^53 is exact, and floor keeps the integer part. */
    uint64_t p = m * (uint64_t)n;
    int width = 0;

    while (width < 64 && (p >> width) != 0)
        width++;
    if (width > 53) {
        int drop = width - 53;
        uint64_t unit = 1ULL << drop, rest = p & (unit - 1), half = unit >> 1;

        p -= rest;
        if (rest > half || (rest == half && (p & unit)))
            p += unit;
    }
    return (size_t)(p >> 53);
}

size_t tally_jrandom_pick(tally_jrandom *r, size_t n)
{
    return tally_jrandom_scale(tally_jrandom_next_double53(r), n);
}

void tally_jrandom_shuffle(tally_jrandom *r, size_t *list, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)tally_jrandom_next_below(r, (int32_t)i), t = list[i - 1];

        list[i - 1] = list[j];
        list[j] = t;
    }
}
