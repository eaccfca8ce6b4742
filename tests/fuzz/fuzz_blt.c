/*
** Fuzz target: the BLT reader (include/tally/blt.h), strict and lenient.
** Any input either gives a pool whose figures hold together (weights add
** up to the total, every entry a candidate, no ranking opening with an
** equal mark) or TALLY_EINVAL naming the file, with a message, and a line
** and column when the fault is on a line. A small pool is then counted by
** every STV method under the count invariants (invariants.h).
*/
#include <string.h>

#include "fuzz.h"
#include "invariants.h"
#include "tally/blt.h"

static void warned(void *ctx, const tally_error *w)
{
    (void)ctx;
    FUZZ_CHECK(w->message[0] != '\0');
}

static void pool_holds(const tally_pool *p)
{
    int64_t total = 0;

    FUZZ_CHECK(p->n_candidates >= 1 && p->seats >= 1);
    for (size_t r = 0; r < p->n_rankings; r++) {
        FUZZ_CHECK(p->weights[r] >= 1);
        total += p->weights[r];
        for (size_t i = p->offsets[r]; i < p->offsets[r + 1]; i++) {
            FUZZ_CHECK(TALLY_BALLOT_CANDIDATE(p->prefs[i]) < p->n_candidates);
            FUZZ_CHECK(i > p->offsets[r] || !(p->prefs[i] & TALLY_BALLOT_EQUAL));
        }
    }
    FUZZ_CHECK(total == p->total);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int lenient = 0; lenient < 2; lenient++) {
        tally_blt_options o = { lenient, warned, NULL };
        tally_pool *p = NULL;
        tally_error err;
        tally_status st = tally_blt_parse((const char *)data, size, "in.blt", &o, &p, &err);

        if (st != TALLY_OK) {
            FUZZ_CHECK(st == TALLY_EINVAL && p == NULL);
            FUZZ_CHECK(strcmp(err.file, "in.blt") == 0 && err.message[0] != '\0');
            FUZZ_CHECK(err.line >= 0 && (err.line == 0 || err.column >= 1));
            continue;
        }
        pool_holds(p);
        /* Counting is the tabulation target's work; here only pools small
        ** enough to count in a moment. */
        if (lenient && p->n_candidates <= 12 && p->n_rankings <= 64)
            for (size_t m = 0; m < fuzz_n_methods; m++)
                tally_method_result_free(fuzz_count(p, fuzz_methods[m], 0, 7));
        tally_pool_free(p);
    }
    return 0;
}
