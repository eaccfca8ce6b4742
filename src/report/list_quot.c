/*
** Quotients and divisors as text (src/report/list_quot.h).
*/
#include <stdio.h>
#include <string.h>

#include "list_quot.h"
#include "tally/num.h"

void tally_rep_list_quotient(const tally_list_result *r, int64_t votes, int64_t divisor,
                             char *buf, size_t n)
{
    int64_t c = 0;
    char whole[32];

    /* votes * den < 5 * 10^12 and the quotient in hundredths < 10^15:
    ** inside int64. */
    tally_num_round_ratio(votes * r->divisor_den, divisor, 100, &c);
    tally_num_format_count(c / 100, whole, sizeof whole);
    snprintf(buf, n, "%s.%02d", whole, (int)(c % 100));
}

void tally_rep_list_divisor(const tally_list_result *r, int64_t divisor, char *buf, size_t n)
{
    if (divisor % r->divisor_den == 0) {
        snprintf(buf, n, "%lld", (long long)(divisor / r->divisor_den));
    } else {
        int64_t c = 0;
        size_t len;
        tally_num_round_ratio(divisor, r->divisor_den, 100, &c);
        tally_num_format_centi(c, buf, n);
        len = strlen(buf);
        while (len && buf[len - 1] == '0')
            buf[--len] = '\0';
    }
}

const char *tally_rep_list_out(int out)
{
    switch (out) {
    case TALLY_LIST_BELOW_THRESHOLD:
        return "below the threshold";
    case TALLY_LIST_EXHAUSTED:
        return "list exhausted";
    case TALLY_LIST_RETURNED:
        return "returned";
    default:
        return "";
    }
}

const char *tally_rep_list_choice(tally_list_choice c)
{
    switch (c) {
    case TALLY_LIST_EACH:
        return "equal";
    case TALLY_LIST_LOT:
        return "lot";
    default:
        return "clear";
    }
}
