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
#include "tally/method.h"

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
    for (size_t i = 0; i < c->n_imports; i++)
        tally_box_papers_free(c->imports[i].papers);
    tally_free(c->imports);
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
    tally_method_result_free(c->stv_result);
    tally_pool_free(c->stv_pool);
    c->stv_result = NULL;
    c->stv_pool = NULL;
}

/*========================= An STV count =========================*/

void tally_box_papers_free(tally_box_papers *p)
{
    if (!p)
        return;
    tally_free(p->offsets);
    tally_free(p->prefs);
    tally_free(p);
}

int tally_count_is_stv(const tally_count *c)
{
    return c->opened && c->election->method != TALLY_METHOD_FPTP;
}

const count_import *tally_count_import_of(const tally_count *c, size_t box)
{
    for (size_t i = 0; i < c->n_imports; i++)
        if (c->imports[i].box == box)
            return &c->imports[i];
    return NULL;
}

/* Whether paper number paper (from 1) of box's import is rejected. */
int tally_count_stv_rejected(const tally_count *c, size_t box, int64_t paper)
{
    for (size_t i = 0; i < c->n_doubtfuls; i++) {
        const count_doubtful *d = &c->doubtfuls[i];
        if (d->active && d->rejected && d->box == box && d->paper == paper)
            return 1;
    }
    return 0;
}

int64_t tally_count_stv_first(const tally_count *c, size_t cand)
{
    int64_t n = 0;
    for (size_t i = 0; i < c->n_imports; i++) {
        const tally_box_papers *p = c->imports[i].papers;
        for (size_t k = 0; k < p->n; k++) {
            size_t a = p->offsets[k], b = p->offsets[k + 1];
            /* A first preference for one candidate alone (equal first
            ** preferences give none). */
            if (a < b && TALLY_BALLOT_CANDIDATE(p->prefs[a]) == cand &&
                (a + 1 == b || !(p->prefs[a + 1] & TALLY_BALLOT_EQUAL)) &&
                !tally_count_stv_rejected(c, c->imports[i].box, (int64_t)k + 1))
                n++;
        }
    }
    return n;
}

int64_t tally_count_stv_papers(const tally_count *c)
{
    int64_t n = 0;
    for (size_t i = 0; i < c->n_imports; i++)
        n += (int64_t)c->imports[i].papers->n;
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].active && c->doubtfuls[i].rejected)
            n--;
    return n;
}

int64_t tally_count_votes(const tally_count *c, size_t cand)
{
    int64_t v = 0;
    if (tally_count_is_stv(c))
        return tally_count_stv_first(c, cand);
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
    if (tally_count_is_stv(c))
        return tally_count_stv_papers(c);
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
