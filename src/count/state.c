/*
** The state of a count (src/count/state.h): its lifecycle, the figures the
** rule files and the statements read, and the accessors of
** include/tally/count.h. The lowest file of count/: it calls none of the
** others, so the rule files and count.c, which dispatches to them, all
** call down to it.
*/
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "tally/alloc.h"

tally_status tally_count_new(tally_count **out)
{
    *out = tally_calloc(1, sizeof **out);
    return *out ? TALLY_OK : TALLY_ENOMEM;
}

void tally_count_free(tally_count *c)
{
    if (!c)
        return;
    tally_count_invalidate(c);
    for (size_t i = 0; i < c->n_bundles; i++)
        tally_free(c->bundles[i].votes);
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        tally_free(c->doubtfuls[i].votes);
    tally_free(c->boxes);
    tally_free(c->bundles);
    tally_free(c->doubtfuls);
    tally_free(c->requests);
    tally_free(c->adjust);
    tally_free(c->override);
    tally_free(c->overridden);
    tally_election_free(c->election);
    tally_free(c);
}

char *tally_count_strdup(tally_count *c, const char *s)
{
    return tally_election_strdup(c->election, s);
}

void tally_count_invalidate(tally_count *c)
{
    tally_result_free(c->result);
    tally_election_free(c->figures);
    c->result = NULL;
    c->figures = NULL;
}

int64_t tally_count_votes(const tally_count *c, size_t cand)
{
    int64_t v = 0;
    if (c->overridden && c->overridden[cand])
        return c->override[cand] + c->adjust[cand];
    for (size_t i = 0; i < c->n_bundles; i++) {
        const count_bundle *b = &c->bundles[i];
        if (b->active)
            v += b->votes ? b->votes[cand] : b->cand == cand ? b->size : 0;
    }
    for (size_t i = 0; i < c->n_doubtfuls; i++) {
        const count_doubtful *d = &c->doubtfuls[i];
        if (d->active && !d->rejected)
            v += d->votes ? d->votes[cand] : d->cand == cand;
    }
    return v + (c->adjust ? c->adjust[cand] : 0);
}

int64_t tally_count_papers(const tally_count *c)
{
    int64_t n = 0;
    if (c->election->seats == 1) {
        for (size_t i = 0; i < c->election->n_candidates; i++)
            n += tally_count_votes(c, i);
        return n;
    }
    if (c->papers_overridden)
        return c->papers_override;
    for (size_t i = 0; i < c->n_bundles; i++)
        if (c->bundles[i].active)
            n += c->bundles[i].size;
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].active && !c->doubtfuls[i].rejected)
            n++;
    return n;
}

int64_t tally_count_rejected(const tally_count *c, size_t head)
{
    int64_t n = 0;
    if (c->rejected_overridden)
        return c->rejected_override[head];
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].active && c->doubtfuls[i].rejected && c->doubtfuls[i].head == head)
            n++;
    return n;
}

int64_t tally_count_objected(const tally_count *c, size_t head)
{
    int64_t n = 0;
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].active && c->doubtfuls[i].rejected && c->doubtfuls[i].head == head &&
            c->doubtfuls[i].objected)
            n++;
    return n;
}

tally_count_phase tally_count_get_phase(const tally_count *c)
{
    if (c->declared)
        return TALLY_PHASE_DECLARED;
    if (c->provisional_current)
        return TALLY_PHASE_PROVISIONAL;
    if (c->verification_complete)
        return TALLY_PHASE_COUNT;
    return c->opened ? TALLY_PHASE_VERIFICATION : TALLY_PHASE_NEW;
}

const char *tally_count_phase_name(tally_count_phase p)
{
    static const char *const names[] = { "new", "verification", "count", "provisional",
                                         "declared" };
    return names[p];
}

const char *tally_count_mode(const tally_count *c)
{
    return c->opened ? c->mode : NULL;
}

uint64_t tally_count_events(const tally_count *c)
{
    return c->n_events;
}

const tally_election *tally_count_election(const tally_count *c)
{
    return c->election;
}
