/*
** From the completed count to the declaration: the provisional result,
** recounts, the lot and the declaration itself.
**
** EC guidance, "Provisional results and recounts": candidates and agents
** are shown the provisional result and told they may ask for a recount.
** PER r.46: a candidate or election agent may require a recount, which the
** returning officer may refuse as unreasonable; no step follows the
** completion of a count or recount until they have had a reasonable
** opportunity to ask. PER r.49: an equality of votes that decides a seat
** is decided by lot, the candidate on whom it falls being treated as having
** an additional vote. PER r.50: the declaration follows once the result is
** ascertained, and only after verification is complete (EC). Where a ward
** elects several councillors the same steps hold (LEPAR 2006 Sch.2 r.46,
** r.49, r.50; papers.c): the valid papers are the papers counted, and a
** seeded lot may settle more than one place.
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "state.h"
#include "tally/alloc.h"
#include "tally/method.h"

static int any_open(const tally_count *c)
{
    for (size_t i = 0; i < c->n_requests; i++)
        if (c->requests[i].open)
            return 1;
    return 0;
}

/* Copy the definition's strings and the count's figures into a new
** election with declared figures, for the result engine. */
static tally_status figures(const tally_count *c, tally_election **out)
{
    const tally_election *e = c->election;
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    tally_election *f;
    tally_status s;

    if ((s = tally_election_new(&f)) != TALLY_OK)
        return s;
    f->type = e->type;
    f->seats = e->seats;
    f->method = e->method;
    f->electorate = e->electorate;
    f->deposit = e->deposit;
    f->nation = e->nation;
    if ((e->name && !(f->name = tally_election_strdup(f, e->name))) ||
        (e->date && !(f->date = tally_election_strdup(f, e->date))) ||
        !(f->area_name = tally_election_strdup(f, e->area_name)) ||
        (e->area_code && !(f->area_code = tally_election_strdup(f, e->area_code))) ||
        (e->officer_name && !(f->officer_name = tally_election_strdup(f, e->officer_name))) ||
        (e->officer_title && !(f->officer_title = tally_election_strdup(f, e->officer_title))))
        goto oom;
    for (size_t i = 0; i < e->n_candidates; i++) {
        const tally_candidate *src = &e->candidates[i];
        tally_candidate *dst;
        if (tally_election_add_candidate(f, src->name, src->party_name, src->party_code,
                                         tally_count_votes(c, i), &dst) != TALLY_OK ||
            (src->common_name && !(dst->common_name = tally_election_strdup(f, src->common_name))))
            goto oom;
        dst->previous_key = tally_election_strdup(f, src->previous_key);
        if (src->previous_key && !dst->previous_key)
            goto oom;
    }
    f->has_declared = 1;
    f->rejected_total = 0;
    for (size_t h = 0; h < ci->n_heads; h++) {
        f->rejected[h] = tally_count_rejected(c, h);
        f->rejected_total += f->rejected[h];
    }
    f->verified_total = c->verified_total;
    if (e->seats > 1)
        f->valid_votes = tally_count_papers(c); /* a paper carries several votes */
    if (e->previous) {
        const tally_previous *p = e->previous;
        for (size_t i = 0; i < p->n_parties; i++)
            if (tally_election_add_previous(f, p->parties[i].key, p->parties[i].votes) != TALLY_OK)
                goto oom;
        if (f->previous) {
            f->previous->valid_votes = p->valid_votes;
            if ((p->label && !(f->previous->label = tally_election_strdup(f, p->label))) ||
                (p->date && !(f->previous->date = tally_election_strdup(f, p->date))) ||
                (p->winner && !(f->previous->winner = tally_election_strdup(f, p->winner))) ||
                (p->winner_key &&
                 !(f->previous->winner_key = tally_election_strdup(f, p->winner_key))))
                goto oom;
        }
    }
    *out = f;
    return TALLY_OK;
oom:
    tally_election_free(f);
    return TALLY_ENOMEM;
}

static void lot_options(const tally_count *c, tally_result_options *o)
{
    memset(o, 0, sizeof *o);
    if (!c->has_lot)
        return;
    if (strcmp(c->lot_method, "seeded") == 0) {
        o->has_seed = 1;
        o->seed = c->lot_seed;
    } else {
        o->has_forced_lot = 1;
        o->forced_lot = c->lot_falls_on;
    }
}

tally_status tally_count_result(tally_count *c, const tally_result **out, tally_error *err)
{
    tally_result_options o;
    tally_status s;

    *out = NULL;
    if (tally_count_is_stv(c))
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                               "the result of an STV count is its stage report");
    if (!c->count_complete)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "the count is not complete");
    if (!c->result) {
        tally_count_invalidate(c);
        if ((s = figures(c, &c->figures)) != TALLY_OK)
            return tally_error_set(err, s, NULL, 0, 0, "out of memory");
        lot_options(c, &o);
        if ((s = tally_result_compute(c->figures, &o, &c->result, err)) != TALLY_OK)
            return s;
    }
    *out = c->result;
    return TALLY_OK;
}

static tally_status shown(tally_count *c, tally_error *err)
{
    if (!c->count_complete)
        return REFUSE("the count is not complete: there is no provisional result to show");
    if (c->provisional_current)
        return REFUSE("the provisional result has already been shown");
    if (any_open(c))
        return REFUSE("settle the pending requests before showing the provisional result");
    c->provisional_current = 1;
    return TALLY_OK;
}

static tally_status recount_asked(tally_count *c, uint64_t seq, const json_t *ev,
                                  tally_error *err)
{
    json_t *scope = json_object_get(ev, "candidates"), *v;
    size_t i;

    /* A recount of the whole count, or of some candidates' votes. */
    if (scope && (!json_is_array(scope) || json_array_size(scope) == 0))
        return REFUSE("\"candidates\" lists the candidates whose votes are to be recounted");
    json_array_foreach(scope, i, v)
        if (!json_is_string(v) ||
            tally_election_find_candidate(c->election, json_string_value(v)) < 0)
            return REFUSE("\"%s\" is not a candidate",
                          json_is_string(v) ? json_string_value(v) : "(not a name)");
    if (!c->provisional_current)
        return REFUSE("a recount is asked for when the provisional result of a completed count "
                      "or recount has been shown (PER r.46)");
    return tally_count_request(c, seq, ev, REQ_RECOUNT, err);
}

static tally_status recount_refused(tally_count *c, const json_t *ev, tally_error *err)
{
    count_request *r;
    const char *why;
    char buf[TALLY_EV_STRING_MAX + 16];

    if (!ev_string(ev, "reason", 1, &why, err) || !(r = tally_count_find_recount(c, ev, err)))
        return TALLY_EINVAL;
    snprintf(buf, sizeof buf, "refused: %s", why);
    if (!(r->outcome = tally_count_strdup(c, buf)))
        return TALLY_ENOMEM;
    r->open = 0;
    return TALLY_OK;
}

/* A recount carried out: new figures for the candidates recounted (all, or
** some), and optionally the rejected papers by head as reconsidered. */
static tally_status recounted(tally_count *c, const json_t *ev, tally_error *err)
{
    const tally_contest_info *ci = tally_contest_info_get(c->election->type);
    json_t *votes = json_object_get(ev, "votes"), *rej = json_object_get(ev, "rejected"), *v;
    count_request *r;
    const char *k;
    size_t n = c->election->n_candidates;
    int64_t newv[512], newr[TALLY_HEADS_MAX], papers;
    int set[512] = { 0 };
    tally_status s;

    if (!(r = tally_count_find_recount(c, ev, err)))
        return TALLY_EINVAL;
    if (tally_count_is_stv(c))
        return REFUSE("an STV count tabulates the papers as imported: there are no figures to "
                      "recount by hand; refuse the recount, or correct a doubtful paper's "
                      "decision before the declaration");
    if (n > 512)
        return REFUSE("recounts are limited to 512 candidates");
    if (!json_is_object(votes) || json_object_size(votes) == 0)
        return REFUSE("\"votes\" must give the recounted figure of at least one candidate");
    json_object_foreach(votes, k, v) {
        long i = tally_election_find_candidate(c->election, k);
        if (i < 0)
            return REFUSE("\"%s\" is not a candidate", k);
        if (!ev_count(votes, k, 1, &newv[i], err))
            return TALLY_EINVAL;
        set[i] = 1;
    }
    if (rej) {
        if (!json_is_object(rej) || json_object_size(rej) != ci->n_heads)
            return REFUSE("\"rejected\" must give every head of rejection");
        for (size_t h = 0; h < ci->n_heads; h++)
            if (!ev_count(rej, ci->head_keys[h], 1, &newr[h], err))
                return TALLY_EINVAL;
    }
    if (!ev_count(ev, "papers", 0, &papers, err))
        return TALLY_EINVAL;
    if (papers != TALLY_NONE && c->election->seats == 1)
        return REFUSE("with one seat the valid papers are the votes: \"papers\" is given "
                      "only where several seats are filled");
    if (c->election->seats > 1) {
        /* The recounted votes, with the others as they stand, must be
        ** votes the (recounted) papers can carry (papers.c). */
        int64_t after[512];
        for (size_t i = 0; i < n; i++)
            after[i] = set[i] ? newv[i] : tally_count_votes(c, i);
        if ((s = tally_count_check_block(c, after,
                                         papers != TALLY_NONE ? papers : tally_count_papers(c),
                                         "the recount", err)) != TALLY_OK)
            return s;
    }
    for (size_t i = 0; i < n; i++) {
        if (!set[i])
            continue;
        c->override[i] = newv[i];
        c->overridden[i] = 1;
        c->adjust[i] = 0;
    }
    if (rej) {
        memcpy(c->rejected_override, newr, sizeof newr);
        c->rejected_overridden = 1;
    }
    if (papers != TALLY_NONE) {
        c->papers_override = papers;
        c->papers_overridden = 1;
    }
    r->open = 0;
    r->outcome = "carried out";
    c->provisional_current = 0; /* new figures: show them again */
    c->has_lot = 0;             /* a lot on the old figures no longer stands */
    tally_count_invalidate(c);
    return TALLY_OK;
}

/* A seeded lot in an STV count: only where the tabulation needs one. */
static tally_status stv_lot(tally_count *c, unsigned long long seed, tally_error *err)
{
    const tally_method_result *res;
    tally_status s;

    if ((s = tally_count_stv_result(c, &res, err)) == TALLY_OK)
        return REFUSE("no equality of votes needs a lot: the count decides every stage "
                      "without one");
    if (s != TALLY_EINVAL)
        return s;
    if (!(c->lot_method = tally_count_strdup(c, "seeded")))
        return TALLY_ENOMEM;
    c->has_lot = 1;
    c->lot_seed = seed;
    tally_count_invalidate(c);
    if ((s = tally_count_stv_result(c, &res, err)) != TALLY_OK) {
        c->has_lot = 0;
        tally_count_invalidate(c);
        return s;
    }
    return TALLY_OK;
}

static tally_status lot(tally_count *c, const json_t *ev, tally_error *err)
{
    const char *method, *seed_s, *falls;
    const tally_result *res;
    tally_result *tie = NULL;
    tally_result_options none;
    tally_error terr;
    unsigned long long seed = 0;
    size_t on = 0;
    int used = 0;
    tally_status s;

    if (!ev_string(ev, "method", 1, &method, err) || !ev_string(ev, "seed", 0, &seed_s, err) ||
        !ev_string(ev, "falls_on", 0, &falls, err))
        return TALLY_EINVAL;
    if (!c->count_complete || !c->provisional_current || any_open(c))
        return REFUSE("lots are drawn on the figures of a completed count, shown to the "
                      "candidates, with no recount pending");
    if (c->has_lot)
        return REFUSE("lots have already been drawn");
    if (tally_count_is_stv(c) && (strcmp(method, "seeded") != 0 || falls))
        return REFUSE("in an STV count a lot is drawn by the method, as often as its equalities "
                      "need: record a seeded lot, its \"seed\" only");
    if (strcmp(method, "seeded") == 0) {
        /* Digits only: sscanf's %llu would take spaces, a sign (wrapping a
        ** negative) and overflow. */
        for (used = 0; seed_s && seed_s[used] >= '0' && seed_s[used] <= '9'; used++) {
            unsigned d = (unsigned)(seed_s[used] - '0');
            if (seed > (ULLONG_MAX - d) / 10)
                break;
            seed = seed * 10 + d;
        }
        if (!seed_s || used == 0 || seed_s[used])
            return REFUSE("a seeded lot needs \"seed\": a whole number as a string");
    } else if (strcmp(method, "physical") != 0) {
        return REFUSE("a lot is \"seeded\" or \"physical\", not \"%s\"", method);
    } else if (!falls) {
        return REFUSE("a physical lot records \"falls_on\"");
    }
    if (tally_count_is_stv(c))
        return stv_lot(c, seed, err);
    if (falls) {
        long i = tally_election_find_candidate(c->election, falls);
        if (i < 0)
            return REFUSE("\"%s\" is not a candidate", falls);
        on = (size_t)i;
    }
    /* Is there an equality that decides a seat? Compute with no lot. */
    if ((s = tally_count_result(c, &res, err)) == TALLY_OK)
        return REFUSE("no equality of votes decides a seat: there is no lot to draw (PER r.49)");
    if (s != TALLY_EINVAL)
        return s;
    /* Draw it, and check a recorded outcome against the draw. */
    tally_count_invalidate(c);
    {
        tally_election *f;
        memset(&none, 0, sizeof none);
        none.has_seed = method[0] == 's';
        none.seed = seed;
        none.has_forced_lot = method[0] == 'p';
        none.forced_lot = on;
        if ((s = figures(c, &f)) != TALLY_OK)
            return s;
        tally_error_clear(&terr);
        s = tally_result_compute(f, &none, &tie, &terr);
        if (s != TALLY_OK) {
            tally_election_free(f);
            if (s != TALLY_EINVAL)
                return tally_error_set(err, s, NULL, 0, 0, "%s", terr.message);
            if (none.has_forced_lot && strstr(terr.message, "seed"))
                /* Several seats: a second place is still tied after it. */
                return REFUSE("this equality needs more than one drawing; record it as a "
                              "seeded lot");
            return REFUSE("%s", terr.message);
        }
        /* One seat: one drawing at most. Several: one per place the
        ** equality decides, all from the seed (a physical lot records one). */
        if (tie->n_draws != 1 && !none.has_seed) {
            tally_result_free(tie);
            tally_election_free(f);
            return REFUSE("this equality needs more than one drawing; record it as a seeded lot");
        }
        if (falls && tie->draws[0].falls_on != on) {
            size_t drawn = tie->draws[0].falls_on;
            tally_result_free(tie);
            tally_election_free(f);
            return REFUSE("with seed %llu the lot falls on %s, not %s", seed,
                          c->election->candidates[drawn].name, falls);
        }
        on = tie->draws[0].falls_on;
        tally_result_free(tie);
        tally_election_free(f);
    }
    if (!(c->lot_method = tally_count_strdup(c, method)))
        return TALLY_ENOMEM;
    c->has_lot = 1;
    c->lot_seed = seed;
    c->lot_falls_on = on;
    tally_count_invalidate(c);
    return TALLY_OK;
}

static tally_status declare(tally_count *c, uint64_t seq, tally_error *err)
{
    const tally_result *res;
    tally_status s;

    if (!c->verification_complete)
        return REFUSE("the result cannot be declared before verification is complete");
    if (!c->count_complete)
        return REFUSE("the result cannot be declared before the count is complete");
    if (!c->provisional_current)
        return REFUSE("the candidates and agents must be shown the provisional result and "
                      "given the chance to ask for a recount before the declaration (PER r.46(2))");
    if (any_open(c))
        return REFUSE("a request is pending: settle it before the declaration");
    if (tally_count_is_stv(c)) {
        const tally_method_result *stv;
        if ((s = tally_count_stv_result(c, &stv, err)) != TALLY_OK) {
            char why[sizeof err->message];
            snprintf(why, sizeof why, "%s", err ? err->message : "");
            if (s == TALLY_EINVAL && !c->has_lot)
                return REFUSE("an equality of votes must be decided by lot before the "
                              "declaration: record a seeded lot (%s)", why);
            return s;
        }
        c->declared = 1;
        c->declared_seq = seq;
        return TALLY_OK;
    }
    if ((s = tally_count_result(c, &res, err)) != TALLY_OK) {
        if (s == TALLY_EINVAL && !c->has_lot && strstr(err ? err->message : "", "seed"))
            return REFUSE("an equality of votes decides a seat: lots must be drawn before the "
                          "declaration (PER r.49)");
        return s;
    }
    c->declared = 1;
    c->declared_seq = seq;
    return TALLY_OK;
}

tally_status tally_count_apply_result(tally_count *c, uint64_t seq, const char *type,
                                      const json_t *ev, tally_error *err)
{
    if (strcmp(type, "provisional_shown") == 0)
        return shown(c, err);
    if (strcmp(type, "recount_requested") == 0)
        return recount_asked(c, seq, ev, err);
    if (strcmp(type, "recount_refused") == 0)
        return recount_refused(c, ev, err);
    if (strcmp(type, "recount_completed") == 0)
        return recounted(c, ev, err);
    if (strcmp(type, "lot_drawn") == 0)
        return lot(c, ev, err);
    if (strcmp(type, "result_declared") == 0)
        return declare(c, seq, err);
    return TALLY_ENOTFOUND;
}
