/*
** The count as a fold over events (include/tally/count.h): the rules every
** event is held to, and the dispatch to the rule files (verification.c,
** counting.c, declaration.c, and stv.c for the papers of an STV count). The state and its figures are in state.c.
**
** Every event must carry the count's mode: a test count and a live count
** never share an event (New York City's 2021 primary published results
** that included test records; here that cannot happen). Nothing follows the
** declaration but a correction of the declaration itself.
*/
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "tally/alloc.h"

/* count_opened: the election (a definition without declared figures, as
** the caller parsed it from the event's "election" member; c takes e),
** the mode and the bundle size. */
static tally_status open_count(tally_count *c, const json_t *ev, tally_election *e,
                               tally_error *err)
{
    const char *mode;
    int64_t bundle;
    json_t *def = json_object_get(ev, "election");
    tally_status s = TALLY_EINVAL;

    if (!ev_string(ev, "mode", 1, &mode, err) || !ev_count(ev, "bundle_size", 1, &bundle, err))
        goto refused;
    if (strcmp(mode, "live") != 0 && strcmp(mode, "test") != 0) {
        s = REFUSE("mode must be \"live\" or \"test\", not \"%s\"", mode);
        goto refused;
    }
    if (bundle < 1 || bundle > 1000) {
        s = REFUSE("bundle_size must be between 1 and 1000");
        goto refused;
    }
    if (json_is_object(def) && json_object_get(def, "declared")) {
        s = REFUSE("a count opens on a definition without declared figures: the count "
                   "makes them");
        goto refused;
    }
    if (!json_is_object(def)) {
        s = REFUSE("\"election\" must be the election definition");
        goto refused;
    }
    if (!e) {
        s = tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                            "the election definition was not given parsed");
        goto refused;
    }
    if (e->n_candidates <= (size_t)e->seats) {
        s = REFUSE("the election is uncontested: there is nothing to count");
        goto refused;
    }
    if (e->seats > 1 && e->n_candidates > 512) {
        /* With several seats a paper carries several votes: bundles record
        ** papers and votes (papers.c), in arrays of this bound. */
        s = REFUSE("a count of several seats is limited to 512 candidates");
        goto refused;
    }
    {
        int64_t *adjust = tally_calloc(e->n_candidates, sizeof *adjust);
        int64_t *override = tally_calloc(e->n_candidates, sizeof *override);
        int *overridden = tally_calloc(e->n_candidates, sizeof *overridden);
        if (!adjust || !override || !overridden) {
            tally_free(adjust);
            tally_free(override);
            tally_free(overridden);
            s = TALLY_ENOMEM;
            goto refused;
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
refused:
    tally_election_free(e);
    return s;
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
      "tendered", "votes" },
    { "doubtful_decided", "decision", "candidate", "head", "objected", "tendered",
      "candidates", "box", "paper" },
    { "papers_imported", "box", "format", "papers", "sha256" },
    { "count_completed", "explanation" },
    { "bundle_check_requested", "by", "role" },
    { "bundle_check_completed", "request", "moves", "short" },
    { "provisional_shown" },
    { "recount_requested", "by", "role", "candidates" },
    { "recount_refused", "request", "reason" },
    { "recount_completed", "request", "votes", "rejected", "papers" },
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

/* Every event, with what an edge gives beside it: the definition of a
** count_opened event, the papers of a papers_imported one. c takes both. */
static tally_status apply(tally_count *c, uint64_t seq, const json_t *ev, tally_election *def,
                          tally_box_papers *papers, tally_error *err)
{
    const char *type, *mode;
    tally_status s;

    if (!json_is_object(ev))
        s = REFUSE("an event must be a JSON object");
    else if (!ev_string(ev, "type", 1, &type, err))
        s = TALLY_EINVAL;
    else if (seq != c->n_events + 1)
        s = REFUSE("event %llu out of order: expected %llu", (unsigned long long)seq,
                   (unsigned long long)(c->n_events + 1));
    else if ((s = check_members(ev, type, err)) != TALLY_OK)
        ;
    else if (!c->opened && strcmp(type, "count_opened") != 0)
        s = REFUSE("the first event must open the count, not \"%s\"", type);
    else if (!c->opened) {
        tally_box_papers_free(papers);
        if ((s = open_count(c, ev, def, err)) == TALLY_OK)
            c->n_events++;
        return s; /* def is c's, or freed */
    } else
        s = TALLY_OK;
    tally_election_free(def); /* only count_opened carries a definition */
    if (s != TALLY_OK || strcmp(type, "papers_imported") != 0) {
        tally_box_papers_free(papers); /* only papers_imported carries papers */
        papers = NULL;
    }
    if (s != TALLY_OK)
        return s;
    if (strcmp(type, "count_opened") == 0)
        return REFUSE("the count is already open");
    if (!ev_string(ev, "mode", 1, &mode, err))
        s = TALLY_EINVAL;
    else if (strcmp(mode, c->mode) != 0)
        s = REFUSE("a %s event cannot enter a %s count", mode, c->mode);
    else if (c->declared && strcmp(type, "correction") != 0)
        s = REFUSE("the result has been declared: only a correction may follow");
    if (s != TALLY_OK) {
        tally_box_papers_free(papers);
        return s;
    }
    if (strcmp(type, "papers_imported") == 0) {
        if ((s = tally_count_import(c, seq, ev, papers, err)) == TALLY_OK)
            c->n_events++;
        return s;
    }

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

tally_status tally_count_apply(tally_count *c, uint64_t seq, const struct json_t *ev,
                               tally_election *def, tally_error *err)
{
    return apply(c, seq, ev, def, NULL, err);
}

tally_status tally_count_apply_papers(tally_count *c, uint64_t seq, const struct json_t *ev,
                                      tally_box_papers *papers, tally_error *err)
{
    return apply(c, seq, ev, NULL, papers, err);
}
