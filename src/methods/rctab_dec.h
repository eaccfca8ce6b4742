/*
** java.math.BigDecimal arithmetic as RCTab uses it, in integers
** (tally_rctab_dec, rctab_multi.h): a whole number of units of 10^-scale
** whose scale is kept, so that sums carry the largest scale of their terms
** and "9452" differs from "9452.0000" as RCTab writes them. Internal to
** methods/.
**
** Limits: scales 0 to 18; rctab_multi.c checks the pool's size against
** its places before counting, so that no figure it asks for overflows 64
** bits (products and quotients go through 128).
*/
#ifndef TALLY_METHODS_RCTAB_DEC_H
#define TALLY_METHODS_RCTAB_DEC_H

#include <stdint.h>

#include "tally/rctab_multi.h"

/* BigDecimal.ZERO and ONE (scale 0). */
tally_rctab_dec tally_dec_zero(void);
tally_rctab_dec tally_dec_one(void);
/* a at scale s >= a.scale, the same value. */
tally_rctab_dec tally_dec_rescale(tally_rctab_dec a, int s);
/* add and subtract: the larger scale (BigDecimal.add, subtract). */
tally_rctab_dec tally_dec_add(tally_rctab_dec a, tally_rctab_dec b);
tally_rctab_dec tally_dec_sub(tally_rctab_dec a, tally_rctab_dec b);
/* a x n, n a whole number of papers: a's scale. */
tally_rctab_dec tally_dec_times(tally_rctab_dec a, int64_t n);
/* a x b exact: the scales added (BigDecimal.multiply). */
tally_rctab_dec tally_dec_mul(tally_rctab_dec a, tally_rctab_dec b);
/* a x b at scale s, the digits beyond cut off (multiply, then
** setScale(s, RoundingMode.DOWN)). */
tally_rctab_dec tally_dec_mul_down(tally_rctab_dec a, tally_rctab_dec b, int s);
/* a / b at scale s, rounded toward zero (up: away from zero):
** BigDecimal.divide(b, s, RoundingMode.DOWN or UP). b must not be 0. */
tally_rctab_dec tally_dec_div(tally_rctab_dec a, tally_rctab_dec b, int s, int up);
/* compareTo: -1, 0, 1 (scales ignored). */
int tally_dec_cmp(tally_rctab_dec a, tally_rctab_dec b);
int tally_dec_sign(tally_rctab_dec a);

#endif
