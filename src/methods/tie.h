/*
** Ties decided by an earlier stage, then by lot. tally_tie_recent looks
** back from the most recent preceding stage: the rule of the Scottish
** Local Government Elections Order 2007 Sch 1 rr. 49(2), 51(2) and of
** instant-runoff as RCTab counts it. tally_tie_earliest looks forward from
** the first stage: the Northern Ireland rule (Electoral Law Act (NI) 1962
** Sch 5 rr. 50(1), 51(13)). (ERS97 also looks forwards, with rules of its
** own for the order of stages, and keeps its own.) Internal to methods/.
*/
#ifndef TALLY_METHODS_TIE_H
#define TALLY_METHODS_TIE_H

#include <stddef.h>

#include "tally/lot.h"
#include "tally/method.h"

/* Narrow set[0..k) (candidates with equal votes at the end of R's last
** stage, in ballot order) to one: the one with the most votes (highest) or
** the fewest at the most recent earlier stage at which they differed, else
** one drawn by lot, which needs R->has_seed (TALLY_EINVAL otherwise, with
** err set). Records how it was decided in how (choice, choice_stage,
** n_tied) and counts a lot in R->n_lots. set is reordered. */
tally_status tally_tie_recent(tally_method_result *R, tally_lot *lot, size_t *set, size_t k,
                              int highest, size_t *out, tally_stage *how, tally_error *err);
/* The earlier stages only, as tally_tie_recent narrows: the number left
** in set[0..), the one decided at set[0] when 1 (no lot drawn). */
size_t tally_tie_recent_narrow(const tally_method_result *R, size_t *set, size_t k, int highest,
                               tally_stage *how);
/* The same, at the earliest stage at which they differed. */
tally_status tally_tie_earliest(tally_method_result *R, tally_lot *lot, size_t *set, size_t k,
                                int highest, size_t *out, tally_stage *how, tally_error *err);

/* By the pool's tie-break order (ballot.h: a BLT file's [tie], RCTab's
** useCandidateOrder): of set[0..k), the one listed first (candidates not
** listed come after, in ballot order). Records TALLY_CHOICE_ORDER and
** n_tied in how. The pool must have a tie order (n_tie > 0). */
void tally_tie_by_order(const tally_pool *p, const size_t *set, size_t k, size_t *out,
                        tally_stage *how);

#endif
