/*
** Fuzz target: the CVR CSV reader (include/tally/cvr.h), under every
** combination of the instant-runoff reading rules. Any input either gives
** a pool whose figures hold together (weights at least 1 adding up to the
** total, every entry a candidate, no ranking opening with an equal mark)
** or TALLY_EINVAL naming the file, with a message and a line and column.
** Counting is fuzz_tabulate's work: this target spends its time reading.
*/
#include <string.h>

#include "fuzz.h"
#include "tally/cvr.h"

static void pool_holds(const tally_pool *p)
{
    int64_t total = 0;

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
    for (int rule = 0; rule < 4; rule++) {
        tally_irv_options o = { .overvote = rule & 1 ? TALLY_OVERVOTE_SKIP : TALLY_OVERVOTE_EXHAUST,
                                .limit_skipped = rule & 2, .max_skipped = 1 };
        tally_pool *p = NULL;
        tally_error err;
        tally_status st = tally_cvr_csv_parse((const char *)data, size, "in.csv", &o, &p, &err);

        if (st != TALLY_OK) {
            FUZZ_CHECK(st == TALLY_EINVAL && p == NULL);
            FUZZ_CHECK(strcmp(err.file, "in.csv") == 0 && err.message[0] != '\0');
            FUZZ_CHECK(err.line >= 1 && err.column >= 1);
            continue;
        }
        pool_holds(p);
        tally_pool_free(p);
    }
    return 0;
}
