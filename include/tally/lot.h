/*
** tally: the seeded lot.
**
** PER r.49: where an equality of votes decides a seat, the returning
** officer decides between the candidates by lot. tally draws the lot from a
** recorded 64-bit seed so that anyone can replay it: the seed drives
** SplitMix64 (Steele, Lea and Flood 2014), and a draw among n is uniform by
** rejection sampling, so the same seed and the same tied candidates, in
** ballot order, always give the same result.
**
** A tally_lot is a plain value on the caller's stack; nothing to free.
*/
#ifndef TALLY_LOT_H
#define TALLY_LOT_H

#include <stddef.h>
#include <stdint.h>

typedef struct tally_lot {
    uint64_t state;
} tally_lot;

void tally_lot_init(tally_lot *lot, uint64_t seed);

/* The next 64 pseudo-random bits. */
uint64_t tally_lot_next(tally_lot *lot);

/* A uniform index in [0, n). n must be > 0. */
size_t tally_lot_draw(tally_lot *lot, size_t n);

#endif
