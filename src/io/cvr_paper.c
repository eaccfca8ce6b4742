/*
** One cast vote record's marks into a ranking (cvr_paper.h). The rules
** are method.h's irv reading rules; RCTab's maxSkippedRanksAllowed,
** exhaustImmediately and alwaysSkipToNextRank in its Tabulator.
*/
#include "cvr_paper.h"

#include <string.h>

#include "tally/alloc.h"
#include "tally/ballot.h"

static const tally_irv_options default_rules;

void cvr_paper_init(cvr_paper *p, const tally_irv_options *rules)
{
    memset(p, 0, sizeof *p);
    p->rules = rules ? rules : &default_rules;
}

void cvr_paper_over(cvr_paper *p, const tally_irv_options *rules, uint32_t *buf, size_t cap)
{
    cvr_paper_init(p, rules);
    p->prefs = buf;
    p->cap = cap;
    p->borrowed = 1;
}

void cvr_paper_free(cvr_paper *p)
{
    if (!p)
        return;
    if (!p->borrowed)
        tally_free(p->prefs);
    p->prefs = NULL;
    p->n = p->cap = 0;
}

void cvr_paper_begin(cvr_paper *p)
{
    p->n = 0;
    p->blanks = 0;
    p->stopped = 0;
    p->end = TALLY_END_MARKS;
}

void cvr_paper_blank(cvr_paper *p, size_t ranks)
{
    p->blanks += ranks;
}

/* A mark (named or not) at the next rank: 1 when the count reads it. */
static int reached(cvr_paper *p)
{
    if (p->stopped)
        return 0;
    if (p->rules->limit_skipped && p->blanks > (size_t)p->rules->max_skipped) {
        p->stopped = 1; /* the count never reads past here */
        p->end = TALLY_END_SKIPPED;
        return 0;
    }
    p->blanks = 0;
    return 1;
}

tally_status cvr_paper_mark(cvr_paper *p, const uint32_t *cands, size_t k)
{
    if (!reached(p))
        return TALLY_OK;
    for (size_t i = 0; i < k; i++) {
        if (!tally_grow(&p->prefs, &p->cap, p->n, sizeof *p->prefs))
            return TALLY_ENOMEM;
        p->prefs[p->n++] = cands[i] | (i ? TALLY_BALLOT_EQUAL : 0);
    }
    if (p->end == TALLY_END_PASSED && p->n > 0)
        p->end = TALLY_END_MARKS; /* a named mark after all */
    return TALLY_OK;
}

void cvr_paper_overvote(cvr_paper *p)
{
    if (!reached(p))
        return;
    if (p->rules->overvote == TALLY_OVERVOTE_EXHAUST) {
        p->stopped = 1;
        p->end = TALLY_END_OVERVOTE;
    } else if (p->n == 0 && p->end == TALLY_END_MARKS) {
        /* RCTab counts such a paper as marked (not an undervote), its
        ** choices exhausted from the first round. */
        p->end = TALLY_END_PASSED;
    }
}

int cvr_paper_has(const uint32_t *cands, size_t k, uint32_t cand)
{
    for (size_t i = 0; i < k; i++)
        if (cands[i] == cand)
            return 1;
    return 0;
}
