/*
** What every method's result shares (include/tally/method.h): freeing it,
** and the units its figures are held in. Called by the methods and by
** report/; calls none of them.
*/
#include "tally/method.h"

#include <stdio.h>
#include <string.h>

#include "tally/alloc.h"

void tally_method_result_free(tally_method_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_stages; i++) {
        tally_free(r->stages[i].votes);
        tally_free(r->stages[i].elected);
        tally_free(r->stages[i].excluded);
    }
    tally_free(r->stages);
    tally_free(r->candidates);
    tally_free(r->elected);
    tally_free(r);
}

void tally_method_format_votes(int64_t units, char *buf, size_t n)
{
    tally_method_format_units(units, TALLY_VOTE_PLACES, buf, n);
}

void tally_method_format_units(int64_t units, int places, char *buf, size_t n)
{
    uint64_t a = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units, unit = 1;

    if (places <= 0 || places > 18)
        places = TALLY_VOTE_PLACES;
    for (int i = 0; i < places; i++)
        unit *= 10;
    snprintf(buf, n, "%s%llu.%0*llu", units < 0 ? "-" : "", (unsigned long long)(a / unit),
             places, (unsigned long long)(a % unit));
}

int tally_method_places(const tally_method_result *r)
{
    return r->places > 0 && r->places <= 18 ? r->places : TALLY_VOTE_PLACES;
}

int64_t tally_method_unit(const tally_method_result *r)
{
    int64_t u = 1;

    for (int i = tally_method_places(r); i > 0; i--)
        u *= 10;
    return u;
}
