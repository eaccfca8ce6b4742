/*
** The fuzz targets' invariants of a count (invariants.h).
*/
#include "invariants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tally/stages.h"

const char *const fuzz_methods[] = { "scottish-stv", "meek", "ers97" };
const size_t fuzz_n_methods = sizeof fuzz_methods / sizeof fuzz_methods[0];

/* One vote in each method's units, for the size each refuses. */
static int64_t unit_of(const char *method)
{
    return strcmp(method, "meek") == 0    ? INT64_C(1000000000)
           : strcmp(method, "ers97") == 0 ? INT64_C(100)
                                          : TALLY_VOTE_UNIT;
}

static void check(const tally_pool *p, const tally_method_result *r)
{
    int64_t unit = tally_method_unit(r);
    size_t standing = 0, want;

    FUZZ_CHECK(r->valid + r->invalid == p->total);
    for (size_t s = 0; s < r->n_stages; s++) {
        const tally_stage *st = &r->stages[s];
        int64_t sum = st->exhausted + st->lost;
        FUZZ_CHECK(st->exhausted >= 0 && st->lost >= 0);
        for (size_t c = 0; c < p->n_candidates; c++) {
            if (st->votes[c] == TALLY_NONE)
                continue;
            FUZZ_CHECK(st->votes[c] >= 0);
            sum += st->votes[c];
        }
        FUZZ_CHECK(sum == r->valid * unit);
    }
    for (size_t c = 0; c < p->n_candidates; c++)
        standing += !p->withdrawn[c];
    want = standing < (size_t)r->seats ? standing : (size_t)r->seats;
    FUZZ_CHECK(r->n_elected == want);
    for (size_t i = 0; i < r->n_elected; i++) {
        FUZZ_CHECK(r->candidates[r->elected[i]].fate == TALLY_FATE_ELECTED);
        for (size_t k = 0; k < i; k++)
            FUZZ_CHECK(r->elected[k] != r->elected[i]);
    }
}

tally_method_result *fuzz_count(const tally_pool *p, const char *method, int seats,
                                uint64_t seed)
{
    tally_method_options mo = { .seats = seats, .has_seed = 1, .seed = seed };
    tally_method_result *r = NULL;
    tally_error err;
    tally_status st = tally_method_run(tally_method_find(method), p, &mo, &r, &err);

    if (st == TALLY_ERANGE) {
        FUZZ_CHECK(p->total > INT64_MAX / unit_of(method));
        FUZZ_CHECK(r == NULL);
        return NULL;
    }
    if (st != TALLY_OK)
        fprintf(stderr, "%s: %s\n", method, err.message);
    FUZZ_CHECK(st == TALLY_OK);
    check(p, r);
    return r;
}

char *fuzz_report(const tally_method_result *r, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(tally_stages_json(r, "fuzz", 1, f) == TALLY_OK);
    fclose(f);
    return buf;
}
