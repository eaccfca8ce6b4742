/*
** The count: bundles, doubtful papers, reconciliation, bundle checks and
** corrections.
**
** EC guidance for (A)ROs, "Counting votes": each candidate's papers are
** counted into bundles of a set size, each recounted by another assistant;
** no bundle may hold more than the set size. PER r.47 and r.48: doubtful
** papers are adjudicated by the returning officer, each rejected one
** endorsed under a head, with "rejection objected to" where an agent
** objects. EC "Reconciliation of count totals": candidates' votes +
** rejected = the verified total, or the difference is explained. Bundle
** checks (EC: inspecting bundles to reassure candidates and agents; PER
** r.44(5)) may find a short bundle or a paper in the wrong candidate's pile.
** Tendered papers are never counted (Parish Polls Rules 1987 r.27(2), the
** PER analogue). Where several seats are filled a bundle records its papers
** and the votes they carry, and the papers reconcile (papers.c). An STV
** count has no bundles (stv.c): its doubtful papers are named by box and
** number among the papers imported, and a rejected one leaves the
** tabulation.
*/
#include <string.h>

#include "state.h"
#include "tally/alloc.h"

/* Papers are counted between the opening of the count and its completion;
** afterwards only a recount or a bundle check changes the figures. */
static tally_status counting_open(const tally_count *c, tally_error *err)
{
    if (c->count_complete)
        return REFUSE("the count is complete: figures change now only by a recount or a "
                      "bundle check");
    return TALLY_OK;
}

static tally_status check_bundle(const tally_count *c, const json_t *ev, count_bundle *b,
                                 tally_error *err)
{
    const char *table, *by, *checker;
    int tendered;

    memset(b, 0, sizeof *b);
    if (tally_count_is_stv(c))
        return REFUSE("an STV count is an e-count: its papers are imported whole, box by box "
                      "(papers_imported), and there are no bundles");
    if (c->election->seats == 1 && json_object_get(ev, "votes"))
        return REFUSE("a bundle in a single-seat count holds one candidate's papers: give "
                      "\"candidate\", not \"votes\"");
    if ((c->election->seats == 1 && !ev_candidate(c, ev, "candidate", &b->cand, err)) ||
        !ev_count(ev, "size", 1, &b->size, err) || !ev_string(ev, "table", 1, &table, err) ||
        !ev_string(ev, "counted_by", 1, &by, err) || !ev_string(ev, "checked_by", 1, &checker, err) ||
        !ev_bool(ev, "part", &b->part, err) || !ev_bool(ev, "tendered", &tendered, err))
        return TALLY_EINVAL;
    if (tendered)
        return REFUSE("tendered ballot papers are never counted");
    if (b->size == 0)
        return REFUSE("a bundle holds at least one paper");
    if (b->size > c->bundle_size)
        return REFUSE("a bundle of %lld is over the bundle size of %lld", (long long)b->size,
                      (long long)c->bundle_size);
    if (!b->part && b->size != c->bundle_size)
        return REFUSE("a full bundle holds %lld papers, not %lld: record it as a part bundle",
                      (long long)c->bundle_size, (long long)b->size);
    if (strcmp(by, checker) == 0)
        return REFUSE("a bundle is checked by someone other than the one who counted it");
    if (c->election->seats > 1)
        return tally_count_bundle_votes(c, ev, b->size, &b->votes, err);
    return TALLY_OK;
}

static tally_status add_bundle(tally_count *c, uint64_t seq, const json_t *ev, tally_error *err)
{
    count_bundle b;
    tally_status s;

    if ((s = check_bundle(c, ev, &b, err)) != TALLY_OK)
        return s;
    if (!tally_grow(&c->bundles, &c->cap_bundles, c->n_bundles, sizeof *c->bundles)) {
        tally_free(b.votes);
        return TALLY_ENOMEM;
    }
    b.seq = seq;
    b.active = 1;
    c->bundles[c->n_bundles++] = b;
    tally_count_invalidate(c);
    return TALLY_OK;
}

static tally_status check_doubtful(const tally_count *c, const json_t *ev, count_doubtful *d,
                                   tally_error *err)
{
    const char *decision;
    int tendered;

    memset(d, 0, sizeof *d);
    if (!ev_string(ev, "decision", 1, &decision, err) || !ev_bool(ev, "objected", &d->objected, err) ||
        !ev_bool(ev, "tendered", &tendered, err))
        return TALLY_EINVAL;
    if (tendered)
        return REFUSE("tendered ballot papers are never counted");
    if (tally_count_is_stv(c)) {
        tally_status s;
        if (strcmp(decision, "counted") != 0 && strcmp(decision, "rejected") != 0)
            return REFUSE("a doubtful paper is \"counted\" as marked or \"rejected\" under a "
                          "head, not \"%s\"", decision);
        if ((s = tally_count_stv_doubtful(c, ev, d, err)) != TALLY_OK)
            return s;
        if (decision[0] == 'c') {
            if (json_object_get(ev, "head"))
                return REFUSE("a paper counted has no head of rejection");
            if (d->objected)
                return REFUSE("an objection is recorded against a rejection, not a paper "
                              "counted");
            return TALLY_OK;
        }
        d->rejected = 1;
        return ev_head(c, ev, "head", &d->head, err) ? TALLY_OK : TALLY_EINVAL;
    }
    if (json_object_get(ev, "box") || json_object_get(ev, "paper"))
        return REFUSE("\"box\" and \"paper\" name a doubtful paper among the papers "
                      "imported in an STV count; this count is counted in bundles");
    if (strcmp(decision, "counted") == 0) {
        if (c->election->seats > 1) {
            if (d->objected)
                return REFUSE("an objection is recorded against a rejection, not a paper "
                              "counted");
            return tally_count_paper_votes(c, ev, &d->votes, err);
        }
        if (json_object_get(ev, "candidates"))
            return REFUSE("in a single-seat count a paper is counted for one \"candidate\"");
        if (!ev_candidate(c, ev, "candidate", &d->cand, err))
            return TALLY_EINVAL;
        if (d->objected)
            return REFUSE("an objection is recorded against a rejection, not a paper counted");
    } else if (strcmp(decision, "rejected") == 0) {
        d->rejected = 1;
        if (json_object_get(ev, "candidates"))
            return REFUSE("a rejected paper is counted for no candidate");
        if (!ev_head(c, ev, "head", &d->head, err))
            return TALLY_EINVAL;
    } else {
        return REFUSE("a doubtful paper is \"counted\" for a candidate or \"rejected\" under "
                      "a head, not \"%s\"", decision);
    }
    return TALLY_OK;
}

static tally_status add_doubtful(tally_count *c, uint64_t seq, const json_t *ev,
                                 tally_error *err)
{
    count_doubtful d;
    tally_status s;

    if ((s = check_doubtful(c, ev, &d, err)) != TALLY_OK)
        return s;
    for (size_t i = 0; tally_count_is_stv(c) && i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].active && c->doubtfuls[i].box == d.box &&
            c->doubtfuls[i].paper == d.paper)
            return REFUSE("paper %lld of box \"%s\" was decided at event %llu: correct that "
                          "decision", (long long)d.paper, c->boxes[d.box].id,
                          (unsigned long long)c->doubtfuls[i].seq);
    if (!tally_grow(&c->doubtfuls, &c->cap_doubtfuls, c->n_doubtfuls,
                          sizeof *c->doubtfuls)) {
        tally_free(d.votes);
        return TALLY_ENOMEM;
    }
    d.seq = seq;
    d.active = 1;
    c->doubtfuls[c->n_doubtfuls++] = d;
    tally_count_invalidate(c);
    return TALLY_OK;
}

static tally_status complete(tally_count *c, const json_t *ev, tally_error *err)
{
    const tally_contest_info *ci = tally_contest_info_get(c->election->type);
    const char *why;
    int64_t total = 0;

    if (!ev_string(ev, "explanation", 0, &why, err))
        return TALLY_EINVAL;
    if (!c->verification_complete)
        return REFUSE("the count cannot be completed before verification is complete");
    if (tally_count_is_stv(c)) {
        tally_status s = tally_count_stv_complete(c, err);
        if (s != TALLY_OK)
            return s;
    }
    total = tally_count_papers(c);
    for (size_t h = 0; h < ci->n_heads; h++)
        total += tally_count_rejected(c, h);
    if (total != c->verified_total && !why)
        return REFUSE("%s and rejected papers come to %lld but %lld were verified: "
                      "find the difference or explain it",
                      c->election->seats > 1 ? "valid papers" : "candidates' votes",
                      (long long)total, (long long)c->verified_total);
    if (why && !(c->reconciliation = tally_count_strdup(c, why)))
        return TALLY_ENOMEM;
    c->count_difference = c->verified_total - total;
    c->count_complete = 1;
    return TALLY_OK;
}

/* Bundle check findings: moves of papers from one candidate's bundles to
** another's, and short bundles (papers missing from a candidate's count). */
static tally_status check_done(tally_count *c, const json_t *ev, count_request *r,
                               tally_error *err)
{
    json_t *moves = json_object_get(ev, "moves"), *shorts = json_object_get(ev, "short"), *m;
    size_t i, n = c->election->n_candidates;
    int64_t delta[512] = { 0 };

    if (n > 512)
        return REFUSE("bundle checks are limited to 512 candidates");
    if ((moves && !json_is_array(moves)) || (shorts && !json_is_array(shorts)))
        return REFUSE("\"moves\" and \"short\" must be arrays");
    json_array_foreach(moves, i, m) {
        size_t from, to;
        int64_t papers;
        if (!ev_candidate(c, m, "from", &from, err) || !ev_candidate(c, m, "to", &to, err) ||
            !ev_count(m, "papers", 1, &papers, err))
            return TALLY_EINVAL;
        if (papers == 0 || from == to)
            return REFUSE("a move takes one or more papers between two candidates");
        delta[from] -= papers;
        delta[to] += papers;
    }
    if (c->election->seats > 1 && json_array_size(shorts) > 0)
        return REFUSE("with %d seats a short bundle changes the papers as well as the votes: "
                      "recount", c->election->seats);
    json_array_foreach(shorts, i, m) {
        size_t cand;
        int64_t papers;
        if (!ev_candidate(c, m, "candidate", &cand, err) || !ev_count(m, "papers", 1, &papers, err))
            return TALLY_EINVAL;
        if (papers == 0)
            return REFUSE("a short bundle is short by one or more papers");
        delta[cand] -= papers;
    }
    for (i = 0; i < n; i++)
        if (tally_count_votes(c, i) + delta[i] < 0)
            return REFUSE("the findings would leave %s with fewer than no votes",
                          c->election->candidates[i].name);
    if (c->election->seats > 1) {
        /* A move is a vote read for the wrong candidate: the papers stand. */
        int64_t after[512];
        tally_status s;
        for (i = 0; i < n; i++)
            after[i] = tally_count_votes(c, i) + delta[i];
        if ((s = tally_count_check_block(c, after, tally_count_papers(c), "the findings",
                                         err)) != TALLY_OK)
            return s;
    }
    for (i = 0; i < n; i++) {
        if (delta[i] != 0) {
            if (c->count_complete)
                c->provisional_current = 0; /* the figures must be shown again */
            c->has_lot = 0; /* a lot on the old figures no longer stands */
        }
        c->adjust[i] += delta[i];
    }
    r->open = 0;
    r->outcome = "completed";
    tally_count_invalidate(c);
    return TALLY_OK;
}

static count_request *find_request(tally_count *c, const json_t *ev, count_request_kind kind,
                                   tally_error *err)
{
    int64_t seq;
    if (!ev_count(ev, "request", 1, &seq, err))
        return NULL;
    for (size_t i = 0; i < c->n_requests; i++)
        if (c->requests[i].seq == (uint64_t)seq && c->requests[i].kind == kind) {
            if (!c->requests[i].open) {
                tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "request %lld is already settled",
                                (long long)seq);
                return NULL;
            }
            return &c->requests[i];
        }
    tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "event %lld is not a %s request",
                    (long long)seq, kind == REQ_RECOUNT ? "recount" : "bundle check");
    return NULL;
}

tally_status tally_count_request(tally_count *c, uint64_t seq, const json_t *ev,
                                 count_request_kind kind, tally_error *err)
{
    const char *by, *role;
    count_request *r;

    if (!ev_string(ev, "by", 1, &by, err) || !ev_string(ev, "role", 1, &role, err))
        return TALLY_EINVAL;
    if (kind == REQ_RECOUNT && strcmp(role, "candidate") != 0 &&
        strcmp(role, "election_agent") != 0)
        return REFUSE("a recount may be asked for only by a candidate or an election agent, "
                      "not a %s (PER r.46(1))", role);
    if (kind == REQ_BUNDLE_CHECK && strcmp(role, "candidate") != 0 &&
        strcmp(role, "election_agent") != 0 && strcmp(role, "counting_agent") != 0)
        return REFUSE("a bundle check is asked for by a candidate or an agent, not a %s", role);
    if (strcmp(role, "candidate") == 0 && tally_election_find_candidate(c->election, by) < 0)
        return REFUSE("\"%s\" is not a candidate", by);
    if (!tally_grow(&c->requests, &c->cap_requests, c->n_requests, sizeof *c->requests))
        return TALLY_ENOMEM;
    r = &c->requests[c->n_requests];
    memset(r, 0, sizeof *r);
    r->seq = seq;
    r->kind = kind;
    r->open = 1;
    r->outcome = "pending";
    if (!(r->by = tally_count_strdup(c, by)) || !(r->role = tally_count_strdup(c, role)))
        return TALLY_ENOMEM;
    c->n_requests++;
    return TALLY_OK;
}

/* A correction names an earlier bundle or doubtful-paper decision, says
** why, and optionally gives what it should have been (same type); the
** earlier event stays in the log, set aside. */
static tally_status correct(tally_count *c, const json_t *ev, tally_error *err)
{
    const char *why;
    int64_t target;
    json_t *rep = json_object_get(ev, "replacement");
    count_bundle *b = NULL, nb;
    count_doubtful *d = NULL, nd;
    tally_status s;

    if (!ev_count(ev, "corrects", 1, &target, err) || !ev_string(ev, "reason", 1, &why, err))
        return TALLY_EINVAL;
    if (c->declared) {
        /* The declared figures stand; what can be put right is the
        ** declaration as read out (EC: repeat or correct it if misread). */
        if ((uint64_t)target != c->declared_seq)
            return REFUSE("after the declaration only the declaration itself can be corrected; "
                          "the declared figures stand");
        if (rep)
            return REFUSE("a correction of the declaration restates it and carries no "
                          "replacement");
        c->declaration_corrections++;
        return TALLY_OK;
    }
    if ((s = counting_open(c, err)) != TALLY_OK)
        return s;
    for (size_t i = 0; i < c->n_bundles; i++)
        if (c->bundles[i].seq == (uint64_t)target)
            b = &c->bundles[i];
    for (size_t i = 0; i < c->n_doubtfuls; i++)
        if (c->doubtfuls[i].seq == (uint64_t)target)
            d = &c->doubtfuls[i];
    if (!b && !d)
        return REFUSE("event %lld is not a bundle or a doubtful-paper decision that can be "
                      "corrected", (long long)target);
    if ((b && b->corrected) || (d && d->corrected))
        return REFUSE("event %lld has already been corrected: correct the correction",
                      (long long)target);
    if (rep && !json_is_object(rep))
        return REFUSE("\"replacement\" must be an event");
    if (rep && b && (s = check_bundle(c, rep, &nb, err)) != TALLY_OK)
        return s;
    if (rep && d && (s = check_doubtful(c, rep, &nd, err)) != TALLY_OK)
        return s;
    for (size_t i = 0; rep && d && tally_count_is_stv(c) && i < c->n_doubtfuls; i++)
        if (&c->doubtfuls[i] != d && c->doubtfuls[i].active && c->doubtfuls[i].box == nd.box &&
            c->doubtfuls[i].paper == nd.paper)
            return REFUSE("paper %lld of box \"%s\" was decided at event %llu: correct that "
                          "decision", (long long)nd.paper, c->boxes[nd.box].id,
                          (unsigned long long)c->doubtfuls[i].seq);
    if (b) {
        if (rep) {
            tally_free(b->votes);
            nb.seq = b->seq;
            nb.active = 1;
            *b = nb;
        } else {
            b->active = 0;
        }
        b->corrected = 1;
    } else {
        if (rep) {
            tally_free(d->votes);
            nd.seq = d->seq;
            nd.active = 1;
            *d = nd;
        } else {
            d->active = 0;
        }
        d->corrected = 1;
    }
    tally_count_invalidate(c);
    return TALLY_OK;
}

tally_status tally_count_apply_counting(tally_count *c, uint64_t seq, const char *type,
                                        const json_t *ev, tally_error *err)
{
    tally_status s;
    count_request *r;

    if (strcmp(type, "bundle_recorded") == 0)
        return (s = counting_open(c, err)) != TALLY_OK ? s : add_bundle(c, seq, ev, err);
    if (strcmp(type, "doubtful_decided") == 0)
        return (s = counting_open(c, err)) != TALLY_OK ? s : add_doubtful(c, seq, ev, err);
    if (strcmp(type, "count_completed") == 0)
        return (s = counting_open(c, err)) != TALLY_OK ? s : complete(c, ev, err);
    if (tally_count_is_stv(c) && strncmp(type, "bundle_check_", 13) == 0)
        return REFUSE("an STV count is an e-count, with no bundles to check");
    if (strcmp(type, "bundle_check_requested") == 0)
        return tally_count_request(c, seq, ev, REQ_BUNDLE_CHECK, err);
    if (strcmp(type, "bundle_check_completed") == 0)
        return (r = find_request(c, ev, REQ_BUNDLE_CHECK, err)) ? check_done(c, ev, r, err)
                                                               : TALLY_EINVAL;
    if (strcmp(type, "correction") == 0)
        return correct(c, ev, err);
    return TALLY_ENOTFOUND;
}

count_request *tally_count_find_recount(tally_count *c, const json_t *ev, tally_error *err)
{
    return find_request(c, ev, REQ_RECOUNT, err);
}
