/*
** The table of counting methods and what their results share
** (include/tally/method.h).
*/
#include "tally/method.h"

#include <stdio.h>
#include <string.h>

#include "tally/alloc.h"

static const tally_method_def methods[] = {
    { "scottish-stv", "Scottish STV",
      "Scottish Local Government Elections Order 2007 (SSI 2007/42) Sch 1 rr. 45-52",
      tally_scottish_stv },
    { "ni-stv", "Northern Ireland STV",
      "Electoral Law Act (NI) 1962 Sch 5 (Local Elections (NI) Order 1985 Sch 1) rr. 46-52",
      tally_ni_stv },
    { "meek", "Meek STV", "Proportional Representation Foundation reference Meek rule (omega 10^-6, 9 decimal places)", tally_meek },
    { "ers97", "ERS97 STV", "Electoral Reform Society, How to conduct an election by STV, 3rd ed. (1997), section 5", tally_ers97 },
    { "fptp", "First past the post", "Parliamentary Elections Rules (RPA 1983 Sch 1) rr. 49-50, over ranked ballots", tally_fptp },
    { "sv", "Supplementary vote", "Local Government Act 2000 Sch 2 paras 3-5; Mayoral rules 2007 r. 48; Combined Authority Mayoral Rules 2017 r. 55", tally_sv },
    { "irv", "Instant-runoff voting", "majority of continuing votes, lowest excluded; RCTab's rules for overvotes, skipped ranks and repeats", tally_irv },
};

const tally_method_def *tally_method_find(const char *key)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].key, key) == 0)
            return &methods[i];
    return NULL;
}

const tally_method_def *tally_method_list(size_t *n)
{
    *n = sizeof methods / sizeof methods[0];
    return methods;
}

tally_status tally_method_run(const tally_method_def *def, const tally_pool *pool,
                              const tally_method_options *opt, tally_method_result **out,
                              tally_error *err)
{
    return def->run(pool, opt, out, err);
}

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
