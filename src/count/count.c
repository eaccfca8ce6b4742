/*
** The count as a fold over events (include/tally/count.h): lifecycle, the
** rules every event is held to, and the figures.
**
** Every event must carry the count's mode: a test count and a live count
** never share an event (New York City's 2021 primary published results
** that included test records; here that cannot happen). Nothing follows the
** declaration but a correction of the declaration itself.
*/
#include <stdlib.h>
#include <string.h>

#include "core/jsonmem.h"
#include "state.h"
#include "tally/alloc.h"
#include "tally/io.h"

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
    for (size_t i = 0; i < c->n_bundles; i++)
        if (c->bundles[i].active && c->bundles[i].cand == cand)
            v += c->bundles[i].size;
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].active && !c->doubtfuls[i].rejected && c->doubtfuls[i].cand == cand)
            v++;
    return v + (c->adjust ? c->adjust[cand] : 0);
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

/* count_opened: the election (a definition without declared figures), the
** mode and the bundle size. */
static tally_status open_count(tally_count *c, const json_t *ev, tally_error *err)
{
    const char *mode;
    int64_t bundle;
    json_t *def = json_object_get(ev, "election");
    tally_election *e = NULL;
    tally_error perr;
    char *text;
    size_t n;
    tally_status s;

    if (!ev_string(ev, "mode", 1, &mode, err) || !ev_count(ev, "bundle_size", 1, &bundle, err))
        return TALLY_EINVAL;
    if (strcmp(mode, "live") != 0 && strcmp(mode, "test") != 0)
        return REFUSE("mode must be \"live\" or \"test\", not \"%s\"", mode);
    if (bundle < 1 || bundle > 1000)
        return REFUSE("bundle_size must be between 1 and 1000");
    if (!json_is_object(def))
        return REFUSE("\"election\" must be the election definition");
    if (json_object_get(def, "declared"))
        return REFUSE("a count opens on a definition without declared figures: the count "
                      "makes them");
    if (!(text = json_dumps(def, JSON_COMPACT)))
        return TALLY_ENOMEM;
    tally_error_clear(&perr);
    n = strlen(text);
    s = tally_io_parse_election(text, n, "election", &e, &perr);
    tally_jsonmem_free(text);
    if (s != TALLY_OK)
        return s == TALLY_ENOMEM ? TALLY_ENOMEM
                                 : REFUSE("the election definition is not valid: %s", perr.message);
    if (e->n_candidates <= (size_t)e->seats) {
        tally_election_free(e);
        return REFUSE("the election is uncontested: there is nothing to count");
    }
    if (e->seats != 1) {
        /* With several seats a paper carries several votes, so bundles of
        ** votes do not reconcile with verified papers; that count (tally
        ** sheets per paper) is not modelled yet. */
        int seats = e->seats;
        tally_election_free(e);
        return REFUSE("the count runs single-seat contests; a %d-seat count is not yet "
                      "supported", seats);
    }
    {
        int64_t *adjust = tally_calloc(e->n_candidates, sizeof *adjust);
        int64_t *override = tally_calloc(e->n_candidates, sizeof *override);
        int *overridden = tally_calloc(e->n_candidates, sizeof *overridden);
        if (!adjust || !override || !overridden) {
            tally_free(adjust);
            tally_free(override);
            tally_free(overridden);
            tally_election_free(e);
            return TALLY_ENOMEM;
        }
        c->adjust = adjust;
        c->override = override;
        c->overridden = overridden;
    }
    c->election = e;
    c->bundle_size = bundle;
    snprintf(c->mode, sizeof c->mode, "%s", mode);
    c->opened = 1;
    return TALLY_OK;
}

/* The members each event type may carry, besides "type", "mode" and the
** envelope ("seq", "time", "actor"). An unknown member is refused: a
** misspelt "explanaton" must not be dropped silently. */
static const char *const members[][10] = {
    { "count_opened", "election", "bundle_size" },
    { "box_received", "box", "kind", "station", "place", "entrusted", "issued", "unused",
      "spoilt", "tendered" },
    { "postal_opened", "packets", "accepted", "rejected" },
    { "box_counted", "box", "figure" },
    { "box_verified", "box", "figure", "explanation" },
    { "verification_completed" },
    { "bundle_recorded", "candidate", "size", "part", "table", "counted_by", "checked_by",
      "tendered" },
    { "doubtful_decided", "decision", "candidate", "head", "objected", "tendered" },
    { "count_completed", "explanation" },
    { "bundle_check_requested", "by", "role" },
    { "bundle_check_completed", "request", "moves", "short" },
    { "provisional_shown" },
    { "recount_requested", "by", "role", "candidates" },
    { "recount_refused", "request", "reason" },
    { "recount_completed", "request", "votes", "rejected" },
    { "lot_drawn", "method", "seed", "falls_on" },
    { "result_declared" },
    { "correction", "corrects", "reason", "replacement" },
};

static tally_status check_members(const json_t *ev, const char *type, tally_error *err)
{
    const char *k;
    json_t *v;
    for (size_t t = 0; t < sizeof members / sizeof members[0]; t++) {
        if (strcmp(members[t][0], type) != 0)
            continue;
        json_object_foreach((json_t *)ev, k, v) {
            int ok = !strcmp(k, "type") || !strcmp(k, "mode") || !strcmp(k, "seq") ||
                     !strcmp(k, "time") || !strcmp(k, "actor");
            for (size_t m = 1; m < 10 && members[t][m] && !ok; m++)
                ok = strcmp(members[t][m], k) == 0;
            if (!ok)
                return REFUSE("\"%s\" is not a member of a %s event", k, type);
        }
        (void)v;
        return TALLY_OK;
    }
    return REFUSE("unknown event type \"%s\"", type);
}

tally_status tally_count_apply(tally_count *c, uint64_t seq, const struct json_t *ev,
                               tally_error *err)
{
    const char *type, *mode;
    tally_status s;

    if (!json_is_object(ev))
        return REFUSE("an event must be a JSON object");
    if (!ev_string(ev, "type", 1, &type, err))
        return TALLY_EINVAL;
    if (seq != c->n_events + 1)
        return REFUSE("event %llu out of order: expected %llu", (unsigned long long)seq,
                      (unsigned long long)(c->n_events + 1));
    if ((s = check_members(ev, type, err)) != TALLY_OK)
        return s;
    if (!c->opened) {
        if (strcmp(type, "count_opened") != 0)
            return REFUSE("the first event must open the count, not \"%s\"", type);
        if ((s = open_count(c, ev, err)) == TALLY_OK)
            c->n_events++;
        return s;
    }
    if (strcmp(type, "count_opened") == 0)
        return REFUSE("the count is already open");
    if (!ev_string(ev, "mode", 1, &mode, err))
        return TALLY_EINVAL;
    if (strcmp(mode, c->mode) != 0)
        return REFUSE("a %s event cannot enter a %s count", mode, c->mode);
    if (c->declared && strcmp(type, "correction") != 0)
        return REFUSE("the result has been declared: only a correction may follow");

    s = tally_count_apply_verification(c, seq, type, ev, err);
    if (s == TALLY_ENOTFOUND)
        s = tally_count_apply_counting(c, seq, type, ev, err);
    if (s == TALLY_ENOTFOUND)
        s = tally_count_apply_result(c, seq, type, ev, err);
    if (s == TALLY_ENOTFOUND)
        return REFUSE("unknown event type \"%s\"", type);
    if (s == TALLY_OK)
        c->n_events++;
    return s;
}
