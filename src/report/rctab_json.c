/*
** An irv count as RCTab's detailed report JSON (tally_stages_rctab_json in
** include/tally/stages.h), so that an RCTab user's tools read tally's
** count as they read RCTab's. The layout is RCTab 2.0's: "config",
** "jsonFormatVersion" "1", "results" (one object per round) and
** "summary"; every key sorted. Compared with RCTab's own reports in
** tests/conformance/test_irv_reference.c.
**
** Limits: single-winner irv only (RCTab's singleWinnerMajority), whole
** papers; the undeclared write-ins are the pool's last candidate.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonmem.h"
#include "tally/stages.h"

#define U TALLY_VOTE_UNIT

static json_t *figure(int64_t n)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)n);
    return json_string(b);
}

/* Candidate c is in round tally at stage s (0-based): continuing, or
** elected there; not excluded at this stage or before. */
static int in_tally(const tally_method_result *r, size_t s, size_t c)
{
    const tally_stage *st = &r->stages[s];
    return st->votes[c] != TALLY_NONE &&
           !(r->candidates[c].fate == TALLY_FATE_EXCLUDED && r->candidates[c].stage <= s + 1);
}

/* One elimination: the candidate excluded at stage g, the papers it moved. */
static json_t *elimination(const tally_method_result *r, size_t g)
{
    const tally_stage *st = &r->stages[g], *was = &r->stages[g - 1];
    json_t *o = json_object(), *t = json_object();

    json_object_set_new(o, "eliminated", json_string(r->pool->names[st->subject]));
    for (size_t c = 0; c < r->pool->n_candidates; c++)
        if (c != st->subject && st->votes[c] != TALLY_NONE && was->votes[c] != TALLY_NONE &&
            st->votes[c] > was->votes[c])
            json_object_set_new(t, r->pool->names[c], figure((st->votes[c] - was->votes[c]) / U));
    if (st->exhausted > was->exhausted)
        json_object_set_new(t, "exhausted", figure((st->exhausted - was->exhausted) / U));
    json_object_set_new(o, "transfers", t);
    return o;
}

static int by_name(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    return strcmp(json_string_value(json_object_get(x, "eliminated")),
                  json_string_value(json_object_get(y, "eliminated")));
}

/* The round whose tally is stage s; its eliminations are stages s+1.. as
** long as they go on (a batch). Sets *next to the next round's stage. */
static json_t *round_of(const tally_method_result *r, const tally_rctab_report *info, size_t s,
                        size_t k, size_t *next, int64_t *threshold)
{
    const tally_pool *p = r->pool;
    const tally_stage *st = &r->stages[s];
    json_t *o = json_object(), *tally = json_object(), *res = json_array(), *in = json_object();
    json_t *elim[64];
    size_t n_elim = 0, uwi = p->n_candidates - 1, g = s;
    int64_t active = 0;
    static const char *const why[TALLY_INACTIVE_KINDS] = { "overvotes", "skippedRankings",
                                                          "repeatedRankings",
                                                          "exhaustedChoices" };

    for (size_t c = 0; c < p->n_candidates; c++) {
        int shown = in_tally(r, s, c) || (c == uwi && s == 0 && info->write_in_declared &&
                                          st->votes[c] != TALLY_NONE);
        if (c == uwi && !info->write_in_declared)
            shown = 0;
        if (shown)
            json_object_set_new(tally, p->names[c], figure(st->votes[c] / U));
        if (in_tally(r, s, c))
            active += st->votes[c] / U;
    }
    /* The write-ins with no papers, out at the first stage: RCTab
    ** eliminates them in the first round unless someone is elected there. */
    if (s == 0 && info->write_in_declared && st->n_elected == 0 &&
        r->candidates[uwi].fate == TALLY_FATE_EXCLUDED && r->candidates[uwi].stage == 1) {
        json_t *e = json_object();
        json_object_set_new(e, "eliminated", json_string(p->names[uwi]));
        json_object_set_new(e, "transfers", json_object());
        elim[n_elim++] = e;
    }
    while (g + 1 < r->n_stages && r->stages[g + 1].kind == TALLY_STAGE_EXCLUSION && n_elim < 64) {
        elim[n_elim++] = elimination(r, ++g);
        if (!r->stages[g].continues)
            break;
    }
    qsort(elim, n_elim, sizeof *elim, by_name);
    for (size_t i = 0; i < n_elim; i++)
        json_array_append_new(res, elim[i]);
    for (size_t i = 0; i < st->n_elected; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "elected", json_string(p->names[st->elected[i]]));
        json_object_set_new(e, "transfers", json_object());
        json_array_append_new(res, e);
    }
    for (size_t w = 0; w < TALLY_INACTIVE_KINDS; w++)
        json_object_set_new(in, why[w], figure(st->inactive[w]));
    *threshold = active / 2 + 1;
    json_object_set_new(o, "inactiveBallots", in);
    json_object_set_new(o, "round", json_integer((json_int_t)k));
    json_object_set_new(o, "tally", tally);
    json_object_set_new(o, "tallyResults", res);
    json_object_set_new(o, "threshold", figure(*threshold));
    *next = g;
    return o;
}

tally_status tally_stages_rctab_json(const tally_method_result *r, const tally_rctab_report *info,
                                     FILE *out)
{
    json_t *doc, *config, *results, *summary;
    int64_t threshold = 0, blank = r->invalid;
    size_t s = 0, k = 1;
    int rc;

    if (r->n_stages == 0 || r->pool->n_candidates == 0)
        return TALLY_EINVAL;
    tally_jsonmem_init();
    doc = json_object();
    config = json_object();
    results = json_array();
    summary = json_object();
    json_object_set_new(config, "contest", json_string(info->contest ? info->contest : ""));
    json_object_set_new(config, "date", json_string(info->date ? info->date : ""));
    json_object_set_new(config, "generatedBy", json_string(info->generated_by));
    json_object_set_new(config, "jurisdiction",
                        json_string(info->jurisdiction ? info->jurisdiction : ""));
    json_object_set_new(config, "office", json_string(info->office ? info->office : ""));
    for (;;) {
        size_t next;
        json_array_append_new(results, round_of(r, info, s, k++, &next, &threshold));
        if (next == s || next + 1 > r->n_stages)
            break;
        s = next;
    }
    for (size_t w = 0; w < TALLY_INACTIVE_KINDS; w++)
        blank -= r->stages[0].inactive[w];
    json_object_set_new(summary, "finalThreshold", figure(threshold));
    json_object_set_new(summary, "numCandidates", json_integer((json_int_t)info->n_candidates));
    json_object_set_new(summary, "numWinners", json_integer((json_int_t)r->seats));
    json_object_set_new(summary, "totalNumBallots", figure(r->valid + r->invalid));
    json_object_set_new(summary, "undervotes", json_integer((json_int_t)blank));
    json_object_set_new(doc, "config", config);
    json_object_set_new(doc, "jsonFormatVersion", json_string("1"));
    json_object_set_new(doc, "results", results);
    json_object_set_new(doc, "summary", summary);
    rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_SORT_KEYS);
    json_decref(doc);
    if (rc != 0)
        return TALLY_ENOMEM;
    fputc('\n', out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
