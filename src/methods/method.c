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
    }
    tally_free(r->stages);
    tally_free(r->candidates);
    tally_free(r->elected);
    tally_free(r);
}

void tally_method_format_votes(int64_t units, char *buf, size_t n)
{
    uint64_t a = units < 0 ? (uint64_t)0 - (uint64_t)units : (uint64_t)units;

    snprintf(buf, n, "%s%llu.%05llu", units < 0 ? "-" : "",
             (unsigned long long)(a / (uint64_t)TALLY_VOTE_UNIT),
             (unsigned long long)(a % (uint64_t)TALLY_VOTE_UNIT));
}
