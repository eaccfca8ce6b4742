/*
** An STV count: a Scottish council ward (Scottish Local Government
** Elections Order 2011, e-counted) or a Northern Ireland district
** electoral area (Local Elections (NI) Order 2010), whose definition names
** its method ("scottish-stv" or "ni-stv").
**
** Verification is as for any count (verification.c): each box against its
** ballot paper account. The papers are then scanned, and what is counted is
** their preferences: a papers_imported event brings in the papers of one
** verified box, whole, and they must be as many as its verified figure
** (EC "Reconciliation of count totals", here done box by box). A doubtful
** paper is named by its box and its number in that box's import, and one
** rejected under a head leaves the tabulation. There are no bundles. Once
** every box is imported the count completes, and the result is the
** method's tabulation of every paper not rejected, by the same code that
** `tally tabulate --method` runs (method.h), with the seed of any lot.
**
** The papers themselves are not in the event (a ward's papers run to
** megabytes; an event's strings stay under 1,000 bytes): the event carries
** their number and the SHA-256 of their canonical form, and the edge that
** stores them (store/log.c) checks that hash whenever it hands them here.
*/
#include <string.h>

#include "state.h"
#include "tally/alloc.h"
#include "tally/method.h"

tally_status tally_box_papers_parse(const char *text, size_t len, tally_box_papers **out,
                                      tally_error *err)
{
    tally_box_papers *p;
    size_t lines = 0, entries = 0, i, k = 0, e = 0;

    *out = NULL;
    if (len && text[len - 1] != '\n')
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the papers' canonical form ends each paper with a line end");
    for (i = 0; i < len; i++) {
        lines += text[i] == '\n';
        entries += text[i] == ' ' || text[i] == '=';
    }
    entries += lines; /* at most one more entry than separators per line */
    if (!(p = tally_calloc(1, sizeof *p)) ||
        !(p->offsets = tally_calloc(lines + 1, sizeof *p->offsets)) ||
        !(p->prefs = tally_calloc(entries ? entries : 1, sizeof *p->prefs))) {
        tally_box_papers_free(p);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < len; k++) {
        int first = 1, bad = 0;
        p->offsets[k] = e;
        while (text[i] != '\n' && !bad) {
            uint64_t v = 0;
            uint32_t equal = 0;
            size_t digits = 0;
            if (!first) {
                if (text[i] != ' ' && text[i] != '=') {
                    bad = 1;
                    break;
                }
                equal = text[i] == '=' ? TALLY_BALLOT_EQUAL : 0;
                i++;
            }
            while (text[i] >= '0' && text[i] <= '9' && digits < 7) {
                v = v * 10 + (uint64_t)(text[i] - '0');
                i++;
                digits++;
            }
            /* No leading zero: a number has one way to be written, so the
            ** papers have one canonical form. */
            bad = digits == 0 || v == 0 || v > TALLY_POOL_MAX_CANDIDATES || text[i - digits] == '0';
            if (!bad)
                p->prefs[e++] = (uint32_t)(v - 1) | equal;
            first = 0;
        }
        if (bad) {
            tally_box_papers_free(p);
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "paper %zu is not in canonical form (candidate numbers from "
                                   "1, separated by \" \" or \"=\")", k + 1);
        }
        i++;
    }
    p->offsets[k] = e;
    p->n = k;
    *out = p;
    return TALLY_OK;
}

static long find_box(const tally_count *c, const char *id)
{
    for (size_t i = 0; i < c->n_boxes; i++)
        if (strcmp(c->boxes[i].id, id) == 0)
            return (long)i;
    return -1;
}

tally_status tally_count_import(tally_count *c, uint64_t seq, const json_t *ev,
                                tally_box_papers *papers, tally_error *err)
{
    const char *id, *format, *sha;
    int64_t n;
    long box;
    tally_status s;

    if (!ev_string(ev, "box", 1, &id, err) || !ev_string(ev, "format", 1, &format, err) ||
        !ev_count(ev, "papers", 1, &n, err) || !ev_string(ev, "sha256", 1, &sha, err)) {
        s = TALLY_EINVAL;
        goto refused;
    }
    if (!tally_count_is_stv(c)) {
        s = REFUSE("papers are imported in an STV count; this count is first past the post, "
                   "counted in bundles");
        goto refused;
    }
    if (strcmp(format, "blt") != 0) {
        s = REFUSE("papers are imported from a ballot file in the format \"blt\", not \"%s\"",
                   format);
        goto refused;
    }
    if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64) {
        s = REFUSE("\"sha256\" is the SHA-256 of the papers' canonical form: 64 lowercase "
                   "hex digits");
        goto refused;
    }
    if (c->count_complete) {
        s = REFUSE("the count is complete: no more papers can be imported");
        goto refused;
    }
    if ((box = find_box(c, id)) < 0) {
        s = REFUSE("no box \"%s\" has been received", id);
        goto refused;
    }
    if (!c->boxes[box].verified) {
        s = REFUSE("box \"%s\" is not verified: its papers are imported once its ballot paper "
                   "account is verified", id);
        goto refused;
    }
    if (tally_count_import_of(c, (size_t)box)) {
        s = REFUSE("the papers of box \"%s\" have already been imported", id);
        goto refused;
    }
    if (!papers) {
        s = tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                            "the papers of box \"%s\" were not given", id);
        goto refused;
    }
    if ((int64_t)papers->n != n) {
        s = REFUSE("the event says %lld papers but %zu were given", (long long)n, papers->n);
        goto refused;
    }
    if (n != c->boxes[box].verified_figure) {
        int64_t d = n - c->boxes[box].verified_figure;
        s = REFUSE("box \"%s\" was verified at %lld papers but %lld were imported: %lld %s",
                   id, (long long)c->boxes[box].verified_figure, (long long)n,
                   (long long)(d < 0 ? -d : d), d < 0 ? "short" : "over");
        goto refused;
    }
    for (size_t k = 0; k < papers->n; k++) {
        for (size_t j = papers->offsets[k]; j < papers->offsets[k + 1]; j++) {
            if (TALLY_BALLOT_CANDIDATE(papers->prefs[j]) >= c->election->n_candidates) {
                s = REFUSE("paper %zu of box \"%s\" gives a preference for candidate %zu, but "
                           "there are %zu candidates", k + 1, id,
                           TALLY_BALLOT_CANDIDATE(papers->prefs[j]) + 1,
                           c->election->n_candidates);
                goto refused;
            }
            if (j == papers->offsets[k] && (papers->prefs[j] & TALLY_BALLOT_EQUAL)) {
                s = REFUSE("paper %zu of box \"%s\" begins with \"=\"", k + 1, id);
                goto refused;
            }
        }
    }
    if (!tally_grow(&c->imports, &c->cap_imports, c->n_imports, sizeof *c->imports)) {
        s = TALLY_ENOMEM;
        goto refused;
    }
    c->imports[c->n_imports].seq = seq;
    c->imports[c->n_imports].box = (size_t)box;
    c->imports[c->n_imports].papers = papers;
    c->n_imports++;
    tally_count_invalidate(c);
    return TALLY_OK;
refused:
    tally_box_papers_free(papers);
    return s;
}

tally_status tally_count_stv_doubtful(const tally_count *c, const json_t *ev, count_doubtful *d,
                                      tally_error *err)
{
    const count_import *im;
    const char *id;
    long box;

    if (json_object_get(ev, "candidate") || json_object_get(ev, "candidates"))
        return REFUSE("in an STV count a doubtful paper counted is counted as marked: give its "
                      "\"box\" and \"paper\", not candidates");
    if (!ev_string(ev, "box", 1, &id, err) || !ev_count(ev, "paper", 1, &d->paper, err))
        return TALLY_EINVAL;
    if ((box = find_box(c, id)) < 0)
        return REFUSE("no box \"%s\" has been received", id);
    if (!(im = tally_count_import_of(c, (size_t)box)))
        return REFUSE("the papers of box \"%s\" have not been imported", id);
    if (d->paper < 1 || d->paper > (int64_t)im->papers->n)
        return REFUSE("box \"%s\" has papers 1 to %zu, not %lld", id, im->papers->n,
                      (long long)d->paper);
    d->box = (size_t)box;
    return TALLY_OK;
}

tally_status tally_count_stv_complete(const tally_count *c, tally_error *err)
{
    for (size_t i = 0; i < c->n_boxes; i++)
        if (!tally_count_import_of(c, i))
            return REFUSE("the papers of box \"%s\" have not been imported", c->boxes[i].id);
    return TALLY_OK;
}

/* The papers tabulated: every imported paper not rejected, in a pool
** named as the definition names the candidates. */
static tally_status make_pool(const tally_count *c, tally_pool **out)
{
    const tally_election *e = c->election;
    tally_pool *pool;
    tally_status s;

    if ((s = tally_pool_new(e->n_candidates, &pool)) != TALLY_OK)
        return s;
    pool->seats = e->seats;
    s = tally_pool_set_title(pool, e->area_name);
    for (size_t i = 0; i < e->n_candidates && s == TALLY_OK; i++)
        s = tally_pool_set_candidate(pool, i, e->candidates[i].name,
                                     e->candidates[i].party_name);
    for (size_t i = 0; i < c->n_imports && s == TALLY_OK; i++) {
        const tally_box_papers *p = c->imports[i].papers;
        for (size_t k = 0; k < p->n && s == TALLY_OK; k++)
            if (!tally_count_stv_rejected(c, c->imports[i].box, (int64_t)k + 1))
                s = tally_pool_add(pool, p->prefs + p->offsets[k],
                                   p->offsets[k + 1] - p->offsets[k], 1);
    }
    if (s != TALLY_OK) {
        tally_pool_free(pool);
        return s;
    }
    tally_pool_seal(pool);
    *out = pool;
    return TALLY_OK;
}

tally_status tally_count_stv_result(tally_count *c, const tally_method_result **out,
                                    tally_error *err)
{
    const tally_method_def *def;
    tally_method_options o;
    tally_status s;

    *out = NULL;
    if (!tally_count_is_stv(c))
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "the count is not an STV count");
    if (!c->count_complete)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "the count is not complete");
    if (!c->stv_result) {
        tally_count_invalidate(c);
        if (!(def = tally_method_find(tally_election_method_key(c->election->method))))
            return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "no method \"%s\"",
                                   tally_election_method_key(c->election->method));
        if ((s = make_pool(c, &c->stv_pool)) != TALLY_OK)
            return tally_error_set(err, s, NULL, 0, 0, "%s",
                                   s == TALLY_ENOMEM ? "out of memory" : "the papers cannot be "
                                                                         "tabulated");
        memset(&o, 0, sizeof o);
        o.seats = c->election->seats;
        if (c->has_lot) {
            o.has_seed = 1;
            o.seed = c->lot_seed;
        }
        if ((s = tally_method_run(def, c->stv_pool, &o, &c->stv_result, err)) != TALLY_OK) {
            tally_count_invalidate(c);
            return s;
        }
    }
    *out = c->stv_result;
    return TALLY_OK;
}
