/*
** The seeded lot (include/tally/lot.h).
*/
#include "tally/lot.h"

void tally_lot_init(tally_lot *lot, uint64_t seed)
{
    lot->state = seed;
}

uint64_t tally_lot_next(tally_lot *lot)
{
    uint64_t z = (lot->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

size_t tally_lot_draw(tally_lot *lot, size_t n)
{
    /* Reject the top partial block so every index is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n;
    uint64_t x;

    do
        x = tally_lot_next(lot);
    while (x >= limit);
    return (size_t)(x % (uint64_t)n);
}
