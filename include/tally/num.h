/*
** tally: exact numbers for result arithmetic.
**
** Percentages and points are computed from exact fractions and held as
** integers in hundredths ("centi-points": 4760 is 47.60), rounded half away
** from zero once, at the end. Intermediate products use 128-bit integers,
** so any vote counts below 2^40 are exact. No floating point.
*/
#ifndef TALLY_NUM_H
#define TALLY_NUM_H

#include <stddef.h>
#include <stdint.h>

#include "tally/status.h"

/* 128-bit intermediates (a GCC and Clang extension on every target tally
** supports). */
__extension__ typedef __int128 tally_i128;
__extension__ typedef unsigned __int128 tally_u128;

/* round_half_away(num * scale / den). den must not be 0. Returns
** TALLY_ERANGE if the result does not fit in int64. */
tally_status tally_num_round_ratio(int64_t num, int64_t den, int64_t scale, int64_t *out);

/* Same, with a 128-bit numerator and denominator (for differences of
** fractions brought to a common denominator). */
tally_status tally_num_round_ratio128(tally_i128 num, tally_i128 den, int64_t scale, int64_t *out);

/* Write v hundredths as a decimal with exactly 2 places ("47.60",
** "-7.42", "0.00"). buf must hold at least 24 bytes. */
void tally_num_format_centi(int64_t v, char *buf, size_t n);

/* Write a count with thousands separators ("37,695"). */
void tally_num_format_count(int64_t v, char *buf, size_t n);

#endif
