/*
** The table of counting methods (include/tally/method.h): the top of
** methods/, calling each method; what their results share is in result.c,
** which the methods call.
*/
#include "tally/method.h"

#include <string.h>

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
