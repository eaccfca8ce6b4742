/*
** tally: RCTab's random tie-break draw, java.util.Random reproduced.
**
** RCTab (tiebreakMode random, previousRoundCountsThenRandom and
** generatePermutation) draws from one java.util.Random made from the
** configuration's randomSeed. The generator is the one the Java SE API
** specification of java.util.Random gives exactly: a 48-bit linear
** congruential generator (multiplier 0x5DEECE66D, increment 11, Knuth,
** TAOCP vol. 2, 3.2.1), with setSeed, next(bits), nextInt(bound) and
** nextDouble as specified there, and Collections.shuffle(list, rnd) as its
** specification gives it. Everything here is integer arithmetic: the one
** floating-point step RCTab takes, floor(nextDouble() * n), is reproduced
** with its IEEE 754 rounding in integers (tally_jrandom_pick).
**
** This is not tally's own lot (lot.h): it exists only so that a count
** under an RCTab configuration decides equalities as RCTab does, from
** the same published seed, with the same sequence of calls.
**
** A tally_jrandom is a plain value on the caller's stack; nothing to free.
*/
#ifndef TALLY_JRANDOM_H
#define TALLY_JRANDOM_H

#include <stddef.h>
#include <stdint.h>

typedef struct tally_jrandom {
    uint64_t seed; /* 48 bits */
} tally_jrandom;

/* new Random(seed). */
void tally_jrandom_init(tally_jrandom *r, int64_t seed);

/* next(bits), 1 <= bits <= 32: Java's int result. */
int32_t tally_jrandom_next(tally_jrandom *r, int bits);

/* nextInt(): 32 bits. */
int32_t tally_jrandom_next_int(tally_jrandom *r);

/* nextInt(bound), bound > 0: a uniform index in [0, bound). */
int32_t tally_jrandom_next_below(tally_jrandom *r, int32_t bound);

/* nextDouble() as its 53-bit numerator m: the double is m / 2^53. */
uint64_t tally_jrandom_next_double53(tally_jrandom *r);

/* (int) Math.floor(m * 0x1p-53 * (double) n) for a 53-bit numerator m and
** 0 < n < 2^11: the double product rounded as IEEE 754 rounds it (it can
** round up to the next whole number, where the exact floor would not). */
size_t tally_jrandom_scale(uint64_t m, size_t n);

/* (int) Math.floor(random.nextDouble() * (double) n), 0 < n < 2^11: the
** index RCTab's random tie-break picks among n candidates. */
size_t tally_jrandom_pick(tally_jrandom *r, size_t n);

/* Collections.shuffle(list, random) on list[0..n), n < 2^31. */
void tally_jrandom_shuffle(tally_jrandom *r, size_t *list, size_t n);

#endif
