/*
** tally: several seats filled by instant-runoff passes, one seat a pass
** (RCTab's multiPassIrv, "sequential IRV": RCTab v1.3.2 Section 25,
** winnerElectionMode; the 2013 Minneapolis Park Board case of RCTab's
** regression suite counted this way).
**
** Rules (docs/rules.md, SEQ):
**   SEQ1  pass 1 is irv (method.h) of every paper;
**   SEQ2  each later pass is irv of every paper again, the winners of the
**         earlier passes withdrawn (no mark, as a candidate excluded in
**         the configuration), so a paper passes over them;
**   SEQ3  the passes end when every seat is filled, or when a pass elects
**         no one (no candidate left to elect).
**
** Each pass is a result of its own, as RCTab writes a report per pass.
** Limits: irv's (method.h); the options' seats are ignored (each pass
** fills one).
**
** Ownership: tally_irv_passes_count gives a new set of passes, freed by
** tally_irv_passes_free (NULL is a no-op); each pass's result, and the
** pool it names, borrow from the set, which borrows pool: keep pool until
** the set is freed.
*/
#ifndef TALLY_IRV_PASSES_H
#define TALLY_IRV_PASSES_H

#include <stddef.h>

#include "tally/ballot.h"
#include "tally/method.h"
#include "tally/status.h"

typedef struct tally_irv_passes tally_irv_passes;

/* Fill seats (>= 1) seats from pool by irv passes. Errors as tally_irv;
** seats < 1 TALLY_EINVAL. */
tally_status tally_irv_passes_count(const tally_pool *pool, const tally_method_options *opt,
                                    int seats, tally_irv_passes **out, tally_error *err);
/* How many passes were counted; pass i (0-based) of them. */
size_t tally_irv_passes_n(const tally_irv_passes *s);
const tally_method_result *tally_irv_passes_get(const tally_irv_passes *s, size_t i);
void tally_irv_passes_free(tally_irv_passes *s);

#endif
