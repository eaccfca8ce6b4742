/*
** Quotients and divisors of a list allocation as text, exact to two
** decimal places (rounded half away from zero once). Internal to report/.
*/
#ifndef TALLY_REPORT_LIST_QUOT_H
#define TALLY_REPORT_LIST_QUOT_H

#include <stddef.h>
#include <stdint.h>

#include "tally/listpr.h"

/* votes / divisor as "12,163.90". */
void tally_rep_list_quotient(const tally_list_result *r, int64_t votes, int64_t divisor,
                             char *buf, size_t n);
/* The divisor as "10" or "1.4". */
void tally_rep_list_divisor(const tally_list_result *r, int64_t divisor, char *buf, size_t n);
/* Why a party is out of contention, in words ("" when in). */
const char *tally_rep_list_out(int out);
const char *tally_rep_list_choice(tally_list_choice c);

#endif
