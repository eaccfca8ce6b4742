/*
** Fuzz target: the NIST SP 1500-103 CVR reader (include/tally/cvr_nist.h).
** Any input either gives a pool whose rankings are well formed, or
** TALLY_EINVAL naming the file with a message, and nothing else (no
** crash, no leak, no undefined behaviour). The first byte chooses whether
** the contest is asked for by id ("c1") or must be the only one.
*/
#include <string.h>

#include "fuzz.h"
#include "tally/cvr_nist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tally_cvr_nist_options o = { .contest = size > 0 && (data[0] & 1) ? "c1" : NULL };
    tally_pool *p = NULL;
    tally_error err;
    tally_status st = tally_cvr_nist_parse((const char *)data, size, "in.json", &o, &p, &err);

    if (st != TALLY_OK) {
        FUZZ_CHECK(st == TALLY_EINVAL && p == NULL);
        FUZZ_CHECK(strcmp(err.file, "in.json") == 0 && err.message[0] != '\0');
        return 0;
    }
    for (size_t r = 0; r < p->n_rankings; r++) {
        FUZZ_CHECK(p->weights[r] >= 1);
        for (size_t i = p->offsets[r]; i < p->offsets[r + 1]; i++) {
            FUZZ_CHECK(TALLY_BALLOT_CANDIDATE(p->prefs[i]) < p->n_candidates);
            FUZZ_CHECK(i > p->offsets[r] || !(p->prefs[i] & TALLY_BALLOT_EQUAL));
        }
    }
    FUZZ_CHECK(p->n_candidates >= 1 && p->seats >= 0 && p->title != NULL);
    tally_pool_free(p);
    return 0;
}
