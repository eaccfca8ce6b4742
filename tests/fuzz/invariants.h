/*
** What every count of a pool must satisfy, whatever the pool (the fuzz
** targets' shared checks):
**   - every stage reconciles exactly: the candidates' votes, the exhausted
**     papers and the value lost to rounding add up to the valid papers;
**   - no candidate's votes, no exhausted or lost figure is negative;
**   - as many are elected as there are seats, or as there are candidates
**     standing when they are fewer, each once;
**   - a pool too large for a method's units is refused (TALLY_ERANGE),
**     nothing else fails when a seed is given.
*/
#ifndef TALLY_TESTS_FUZZ_INVARIANTS_H
#define TALLY_TESTS_FUZZ_INVARIANTS_H

#include <stddef.h>
#include <stdint.h>

#include "tally/method.h"

/* The STV methods whose stages reconcile to the valid papers. */
extern const char *const fuzz_methods[];
extern const size_t fuzz_n_methods;

/* Count p by method (seats 0: the pool's) with seed and check the
** invariants; NULL when the pool is refused as too large. The caller
** frees the result. */
tally_method_result *fuzz_count(const tally_pool *p, const char *method, int seats,
                                uint64_t seed);

/* r's stage report as JSON, malloc'd (*len bytes). */
char *fuzz_report(const tally_method_result *r, size_t *len);

#endif
